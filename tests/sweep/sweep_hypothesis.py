"""Hypothesis-drawn sweep cases for `make fuzz`: any op of the table with any shape (not
only the grid's), layout, axis or operand form, value kind and seed. Every drawn case is
judged like a grid case and tallied; nothing is asserted inside, so hypothesis neither
stops at nor shrinks a known failure (an unexplained one is reported by its case id,
which reruns it exactly)."""

from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from sweep_check import Case
from sweep_compare import Outcome, run_cases
from sweep_grid import CAST_TARGETS, PARTNERS, axis_args
from sweep_ops import OPS
from sweep_values import DTYPES, SCALARS, value_kinds, views_for


@st.composite
def sweep_cases(draw):
    name = draw(st.sampled_from(sorted(OPS)))
    op = OPS[name]
    dtype = draw(st.sampled_from(DTYPES))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=6))
    view = draw(st.sampled_from(views_for(shape)))
    if op.kind == "axis":
        arg = draw(st.sampled_from(axis_args(shape, op.axis_mode)))
    elif op.kind == "binary":
        arg = draw(st.sampled_from(["arr", "bcast"] + [f"arr:{p}" for p in PARTNERS]
                                   + list(SCALARS)))
    elif op.kind == "cast":
        arg = draw(st.sampled_from(CAST_TARGETS))
    else:
        arg = "-"
    kind = draw(st.sampled_from(value_kinds(dtype)))
    seed = draw(st.integers(0, 10**6))
    return Case(name, dtype, shape, view, arg, f"{kind}#{seed}")


def run_hypothesis(max_examples, tally):
    @settings(max_examples=max_examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(sweep_cases())
    def check(case):
        try:
            outcomes = run_cases([case])
        except Exception as e:  # noqa: BLE001 - reported as the case's failure, never a crash
            outcomes = [Outcome(case.id, False, f"sweep raised {type(e).__name__}: {e}", "x")]
        for outcome in outcomes:
            tally.add(outcome)
    check()
