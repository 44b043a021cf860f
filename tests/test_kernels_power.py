"""The fused cbrt kernel (ovnp/_backend/kernels_power.py, docs/performance.md "Kernels"):
special values and exact cubes exactly NumPy's, ulp bound on random float32 bit patterns
and every binade against NumPy's own float32 error, float16 on every value, fused into a
chain as alone, one fused subgraph, OpenVINO's Power for small arrays."""

import numpy as np
import pytest

import ovnp
from kernel_checks import (F32, assert_specials_of_op, assert_ulp_within, float16_close,
                           fused_subgraphs, random_bits, same)
from kernel_checks import kernel_everywhere  # noqa: F401  (the fixture, used below)

pytestmark = pytest.mark.usefixtures("kernel_everywhere")
# ovnp 0.507 in the strided sweep and dense sweeps of every binade; NumPy 1.94
BOUND = 0.51
TINY = np.finfo(F32).smallest_subnormal
SPECIAL = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 8.0, -27.0, 0.125,
                    1000.0, 2.0 ** -147, -(2.0 ** -147), 2.0 ** 126, 2.0 ** -126, TINY, -TINY,
                    2 * TINY, np.finfo(F32).tiny, np.finfo(F32).max, -np.finfo(F32).max,
                    3.0, 4.0, 2.0, 0.5, 1e-30, 7.9999995, 8.000001], F32)


def test_special_values_and_exact_cubes():
    with np.errstate(all="ignore"):
        want = np.cbrt(SPECIAL)
    got = ovnp.cbrt(ovnp.asarray(SPECIAL)).to_numpy()
    exact = np.isnan(want) | np.isinf(want) | (want == 0) | (want ** 3 == SPECIAL)
    same(got[exact], want[exact])
    assert_ulp_within("cbrt", SPECIAL, BOUND)


def test_ulp_within_numpys():
    rng = np.random.default_rng(5)
    binades = np.ldexp(rng.uniform(1, 2, 150_000), rng.integers(-149, 128, 150_000))
    x = np.concatenate([random_bits(150_000, 4), binades.astype(F32),
                        rng.uniform(-10, 10, 50_000).astype(F32)])
    assert_ulp_within("cbrt", x, BOUND)


def test_float16_every_value():
    x = np.arange(2 ** 16, dtype=np.uint32).astype(np.uint16).view(np.float16)
    with np.errstate(all="ignore"):
        want = np.cbrt(x)
    float16_close(ovnp.cbrt(ovnp.asarray(x)).to_numpy(), want)


def test_fused_chain_agrees_with_alone():
    x = np.linspace(-30, 30, 5003, dtype=F32)
    fused = (ovnp.cbrt(ovnp.asarray(x) * 2 + 1) * 0.5).to_numpy()
    alone = ovnp.cbrt(ovnp.asarray(x * F32(2) + F32(1))).to_numpy() * F32(0.5)
    same(fused, alone)


def test_one_fused_subgraph():
    """The exponent ladder's bits are computed with the mantissa (two_to_r before m):
    the other order kept 14 values live and the plugin cut the kernel in 4."""
    x = np.linspace(-9, 9, 5000, dtype=F32)
    kinds = fused_subgraphs(lambda: ovnp.cbrt(ovnp.asarray(x) * 0.5 + 0.25).to_numpy())
    assert kinds["Subgraph"] == 1, kinds


def test_small_arrays_keep_the_power_lowering(monkeypatch):
    assert_specials_of_op("cbrt", SPECIAL, monkeypatch)
