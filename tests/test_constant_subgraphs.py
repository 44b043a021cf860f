"""A cached model rerun on new data gives the new data's answer, when part of the graph
is constant (ovnp/_backend/constant_subgraphs.py).

The CPU plugin runs ops on constants that OpenVINO cannot fold (bitwise ops, CumSum,
IsNaN...) once at compile time, and a consumer may then compute in place into their
buffer: from the second run on, the answer depended on the run before. Found through
`triu` of int32 data (hypothesis, order-dependent). Each test here runs one graph shape
several times with different data, so every run after the first reuses the compiled
model, and compares every answer with NumPy.
"""

import numpy as np
import openvino as ov
import openvino.opset16 as ops
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ovnp
from ovnp._backend import constant_subgraphs, runtime

ROUNDS = (5, 3, 100, 0, 2**31 - 1, -2**31, 42)


def _rounds(f_ovnp, f_numpy, dtype=np.int32, shape=(1,)):
    for v in ROUNDS:
        data = np.full(shape, v, dtype=np.int64).astype(dtype)
        got = np.asarray(f_ovnp(ovnp.asarray(data)))
        want = f_numpy(data)
        assert got.dtype == want.dtype and np.array_equal(got, want), (v, got, want)


@pytest.mark.parametrize("name", ["triu", "tril"])
def test_triu_tril_of_int32_rerun(name):
    # Reproducer: triu(asarray([3])) after triu(asarray([5])) gave [[7]] (3 | 5).
    _rounds(lambda x: getattr(ovnp, name)(x), lambda x: getattr(np, name)(x))
    _rounds(lambda x: getattr(ovnp, name)(x, 1), lambda x: getattr(np, name)(x, 1), shape=(3, 3))


def test_where_with_a_constant_mask_rerun():
    mask = np.tri(1, 1, -1, dtype=bool)
    _rounds(lambda x: ovnp.where(ovnp.tri(1, 1, -1, dtype=bool), 0, x),
            lambda x: np.where(mask, np.int32(0), x))
    # a mask gathered from a one-element constant (the plugin treats it as a constant)
    _rounds(lambda x: ovnp.where(ovnp.tri(1, 1, -1, dtype=bool)[0], 0, x),
            lambda x: np.where(mask[0], np.int32(0), x))


_TABLE_CASES = [  # (op type, builder over its inputs, input values)
    ("BitwiseNot", lambda a: ops.bitwise_not(a), [np.array([0, -1, 7, 2**31 - 1], np.int32)]),
    ("BitwiseNot", lambda a: ops.bitwise_not(a), [np.array([True, False])]),
    ("BitwiseAnd", lambda a, b: ops.bitwise_and(a, b),
     [np.array([[5, -1], [2**31 - 1, 0]], np.int32), np.array([3, -2**31], np.int32)]),
    ("BitwiseOr", lambda a, b: ops.bitwise_or(a, b),
     [np.array([5, 0, -8], np.int32), np.array([2], np.int32)]),
    ("BitwiseXor", lambda a, b: ops.bitwise_xor(a, b),
     [np.array([True, False, True]), np.array([True, True, False])]),
    ("CumSum", lambda a, axis: ops.cumsum(a, axis),
     [np.array([[1, 2, 2**31 - 1], [4, 5, 6]], np.int32), np.array(1, np.int32)]),
    ("CumSum", lambda a, axis: ops.cumsum(a, axis, exclusive=True, reverse=True),
     [np.array([[1, 2, 3], [4, 5, 6]], np.int32), np.array(0, np.int32)]),
    ("CumSum", lambda a, axis: ops.cumsum(a, axis, reverse=True),
     [np.array([1.5, -2.0, 3.25], np.float32), np.array(0, np.int32)]),
    ("IsNaN", lambda a: ops.is_nan(a), [np.array([1, np.nan, np.inf], np.float32)]),
    ("IsFinite", lambda a: ops.is_finite(a), [np.array([1, np.nan, -np.inf], np.float32)]),
    ("IsInf", lambda a: ops.is_inf(a, {"detect_negative": False}),
     [np.array([1, np.nan, -np.inf, np.inf], np.float32)]),
]


@pytest.mark.parametrize("kind, build, values", _TABLE_CASES,
                         ids=[f"{c[0]}{k}" for k, c in enumerate(_TABLE_CASES)])
def test_the_numpy_table_computes_what_openvino_computes(kind, build, values):
    """Each op of constant_subgraphs.NUMPY_VALUE on constants, folded by the pass, against
    the same op on Parameters, computed by the plugin."""
    first = values[0]
    params = [ops.parameter(list(first.shape), ov.Type(first.dtype))]
    plugin = ov.Model([build(params[0], *[ops.constant(v) for v in values[1:]])], params)
    request = runtime.compile_model(plugin, "CPU").create_infer_request()
    request.infer([first])
    want = request.get_output_tensor(0).data.copy()
    folded = ov.Model([build(*[ops.constant(v) for v in values])], [])
    assert [op.get_type_name() for op in constant_subgraphs.on_constants(folded)] == [kind]
    constant_subgraphs.fold(folded)
    (result,) = folded.get_results()
    got = result.input_value(0).get_node().get_data()
    assert got.dtype == want.dtype and np.array_equal(got, want), (got, want)


def test_the_plugin_trap_is_folded_away():
    """Plain OpenVINO, `bitwise_and(bitwise_not(constant), parameter)`: after the pass no
    bitwise op is left on constants, and reruns give each input's answer."""
    p = ops.parameter([1], np.int32)
    mask = ops.bitwise_not(ops.constant(np.zeros((1, 1), np.int32)))
    model = ov.Model([ops.bitwise_and(mask, p)], [p])
    constant_subgraphs.fold(model)
    assert not constant_subgraphs.on_constants(model)
    request = runtime.compile_model(model, "CPU").create_infer_request()
    for v in ROUNDS:
        request.infer([np.array([v], np.int32)])
        assert request.get_output_tensor(0).data.tolist() == [[v]]


# ------------------------------------------------------------------ hunting

_CONSTANTS = {      # graph-side constants: each lowers to Constants and ops on them
    "tri": lambda n: ovnp.tri(1, n, 0, dtype=bool)[0],
    "eye": lambda n: ovnp.eye(1, n, dtype=bool)[0],
    "arange": lambda n: ovnp.arange(n, dtype=np.int32) % 2 == 0,
    "scalar": lambda n: ovnp.asarray(True),
}
_NUMPY_CONSTANTS = {
    "tri": lambda n: np.tri(1, n, 0, dtype=bool)[0],
    "eye": lambda n: np.eye(1, n, dtype=bool)[0],
    "arange": lambda n: np.arange(n, dtype=np.int32) % 2 == 0,
    "scalar": lambda n: np.asarray(True),
}
_OPS = {
    "where": lambda xp, m, x: xp.where(m, x, x[::-1]),
    "where_not": lambda xp, m, x: xp.where(~m, x[::-1], x),
    "masked_add": lambda xp, m, x: x + xp.where(m, 1, 0).astype(x.dtype),
    "and": lambda xp, m, x: x & xp.where(m, -1, 0).astype(x.dtype) if x.dtype != bool else x & m,
    "cumsum": lambda xp, m, x: xp.cumsum(xp.where(m, 1, 2).astype(x.dtype), dtype=x.dtype) ^ x
    if x.dtype != bool else x ^ m,
}
_DTYPES = [np.int32, np.uint32, np.int16, np.uint8, np.bool_, np.float32]


@given(st.sampled_from(sorted(_CONSTANTS)), st.sampled_from(sorted(_OPS)),
       st.sampled_from(_DTYPES), st.integers(1, 5),
       st.lists(st.integers(-2**31, 2**32 - 1), min_size=3, max_size=3))
def test_reruns_of_graphs_with_constant_parts(const, op, dtype, n, seeds):
    """Differential: one graph shape, three data sets, every answer NumPy's."""
    if dtype == np.float32 and op in ("and", "cumsum"):
        op = "where"            # bitwise ops take integers and booleans only
    for seed in seeds:
        rng = np.random.default_rng(seed % 2**32)
        data = rng.integers(-2**31, 2**31, n).astype(np.int64).astype(dtype)
        got = np.asarray(_OPS[op](ovnp, _CONSTANTS[const](n), ovnp.asarray(data)))
        want = _OPS[op](np, _NUMPY_CONSTANTS[const](n), data)
        assert np.array_equal(got, want), (seed, data, got, want)
