"""The differential sweep's CI slice (issue 12): a fixed, seeded slice of the grid against
NumPy, fused == unfused, order independence, and the checks that keep the sweep honest.

`make fuzz` (tests/sweep/fuzz.py) runs the whole grid; docs/testing.md describes both.
"""

import warnings

import numpy as np
import pytest

from known_failures import KNOWN
from sweep_check import Case
from sweep_compare import compare, run_cases
from sweep_grid import ci_slice, grid
from sweep_ops import OPS
from sweep_order import order_check
from sweep_parallel import sweep_parallel
from sweep_run import Tally, entry_for, sweep

CI_STRUCTURES = 150         # ~500 cases with OpenVINO forced
CI_STRUCTURES_AUTO = 40     # and as users run (small work on computed arrays eager)


@pytest.fixture(scope="module")
def ci_tally():
    warnings.filterwarnings("ignore")
    return sweep(ci_slice(CI_STRUCTURES), executor="openvino")


def test_ci_slice_as_users_run_has_no_unexplained_mismatch():
    warnings.filterwarnings("ignore")
    tally = sweep(ci_slice(CI_STRUCTURES_AUTO, seed=13), executor="auto")
    print(f"\nsweep CI slice, executor auto: {tally.summary()}")
    assert tally.total > 100
    assert not tally.unexplained, "\n".join(f"{c}: {m}" for c, m in tally.unexplained)


def test_ci_slice_has_no_unexplained_mismatch(ci_tally):
    print(f"\nsweep CI slice, OpenVINO forced: {ci_tally.summary()}")
    # Others land fixes concurrently: entries with no failing case are counted, not failed
    # (a slice meets few cases of each; `make fuzz` lists the stale entries of the grid).
    print(f"known-failure entries without a failing case in this slice: {len(ci_tally.stale())}")
    assert ci_tally.total > 400
    assert not ci_tally.unexplained, "\n".join(f"{c}: {m}" for c, m in ci_tally.unexplained)


def test_same_cases_same_answers_in_a_fresh_process_shuffled(ci_tally):
    assert order_check(ci_tally.digests, 60) == []


def test_ci_slice_meets_every_kind_of_op_and_dtype():
    chosen = ci_slice(CI_STRUCTURES)
    assert {OPS[s[0]].kind for s in chosen} == {op.kind for op in OPS.values()}
    assert {s[1] for s in chosen} == {s[1] for s in grid(ops=["add"])}
    assert ci_slice(CI_STRUCTURES) == chosen      # fixed: the same slice every run


def test_grid_in_two_workers_counts_what_one_process_does():
    """`make fuzz --workers 2`: the merged tallies are the serial run's, case for case."""
    warnings.filterwarnings("ignore")
    structures = ci_slice(6, seed=14)
    serial = sweep(structures, executor="openvino")
    parallel = sweep_parallel(structures, 2, executor="openvino")
    assert parallel.total == serial.total > 0
    assert parallel.counts == serial.counts and parallel.digests == serial.digests
    assert parallel.failing == serial.failing and parallel.matched == serial.matched


def test_known_failures_have_reasons():
    patterns = [p for p, _ in KNOWN]
    assert len(patterns) == len(set(patterns))
    for pattern, reason in KNOWN:
        assert reason.startswith(("documented:", "defect:")), (pattern, reason)
        id_part = pattern.partition(" :: ")[0]
        assert id_part.count("|") == 5 or id_part.endswith("*"), pattern


def test_case_ids_round_trip():
    for s in ci_slice(CI_STRUCTURES)[:50]:
        case = Case(*s, "random")
        assert Case.parse(case.id).id == case.id


# The comparison itself must be able to fail: each wrong answer below is caught.
@pytest.mark.parametrize("want, got", [
    (np.array([1.6666666], np.float32), np.array([1.6666667], np.float32)),   # 1 ulp, exact op
    (np.array([4999950000], np.int64), np.array([704982704], np.int32)),     # wrapped sum
    (np.array([np.nan], np.float32), np.array([0.0], np.float32)),
    (np.array([np.inf], np.float32), np.array([-np.inf], np.float32)),
    (np.array([1, 2], np.int16), np.array([1, 2], np.int32)),                # dtype
    (np.array([[1]], np.int16), np.array([1], np.int16)),                    # shape
])
def test_compare_catches(want, got):
    assert compare(want, got, "exact", want) is not None


def test_a_wrong_lowering_is_caught_and_a_known_one_is_named(monkeypatch):
    """Swap ovnp.add for subtract: the sweep reports the cases, none is explained."""
    import ovnp
    import sweep_ops
    monkeypatch.setattr(sweep_ops.OPS["add"], "ov_call", ovnp.subtract)
    [outcome] = run_cases([Case("add", "int32", (4, 5), "c", "arr", "small")])
    assert not outcome.ok
    tally = Tally()
    tally.add(outcome)
    assert tally.counts["unexplained"] == 1 and entry_for(outcome.case_id) is None
