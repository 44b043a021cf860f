"""The kernels' max-ulp sweep that `make fuzz` and `make exhaustive` run
(tests/exhaustive/sweep_unary.py, docs/testing.md): its pass rule, and a coarse stride
of it (every 65521st float32 bit pattern) for every kernel's function."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "exhaustive"))
from sweep_unary import KERNELS, above_numpy, main, sweep  # noqa: E402


def test_a_function_above_numpy_or_with_a_wrong_special_fails():
    table = {"log": [0.8, 2.7, 0, 1.5], "exp": [1.0, 2.2, 11, 88.5],
             "tan": [3.6, 3.5, 0, 1.8], "cos": [1.4, 1.4, 0, 2.0]}
    assert above_numpy(table) == ["exp", "tan"]


def test_every_kernel_within_numpys_error_on_a_coarse_stride():
    table = sweep(KERNELS, 65521)
    assert above_numpy(table) == [], table


def test_check_sets_the_exit_status(capsys):
    assert main(["cbrt", "arccosh", "--step", "65521", "--check"]) == 0
    assert "| cbrt |" in capsys.readouterr().out
