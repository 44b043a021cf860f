"""The hot paths of issue 6 (W6, W9) give exactly what the general paths give.

Not timed. The ufunc fast path (no keywords; ndarray and Python bool/int/float operands;
resolved dtypes looked up in one dict) must build the same graph as the general path
(`ufunc._call`) and raise the same errors, on the first call (which learns the plan) and
on later ones (which use it). The engine's one-pass walk_key must give walk() and
graph_key()'s order and key. Most checks compare graphs without compiling them.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import ovnp
from ovnp import _engine, _ir
from ovnp._backend import compile as _compile
from strategies import ALL_DTYPES, NUMERIC_DTYPES, arrays, assert_same, broadcastable_pair, same_error

BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
          "maximum", "fmin", "arctan2", "copysign", "less", "equal", "logical_and",
          "bitwise_and", "left_shift", "gcd", "divmod", "ldexp", "heaviside"]
UNARY = ["negative", "positive", "absolute", "sin", "exp", "sqrt", "floor", "logical_not",
         "invert", "isnan", "sign", "frexp", "modf", "conjugate", "bitwise_count"]


def structure(x):
    """A comparable picture of the graph behind an array (or tuple of arrays).

    Leaves with values compare by identity (the same data node), everything else by
    op, attrs, shape, dtype and device, recursively.
    """
    if isinstance(x, tuple):
        return tuple(structure(r) for r in x)
    memo = {}

    def pic(node):
        hit = memo.get(id(node))
        if hit is None:
            if node.value is not None:
                hit = ("leaf", id(node))
            else:
                hit = (node.op, node.attrs, node.shape, node.dtype, node.device,
                       tuple(pic(i) for i in node.inputs))
            memo[id(node)] = hit
        return hit
    assert isinstance(x, ovnp.ndarray), type(x)
    return (type(x), pic(x._node))


def outcome(fn):
    """('ok', structure) or ('error', type, message)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = ("ok", structure(fn()))
        except Exception as e:  # noqa: BLE001
            result = ("error", type(e), str(e))
    return result + (tuple(sorted((w.category.__name__, str(w.message)) for w in caught)),)


def _fresh(uf):
    uf._plans.clear()


def scalars():
    return st.one_of(st.booleans(), st.integers(-300, 300), st.sampled_from([2**31, -2**40]),
                     st.floats(allow_nan=True, allow_infinity=True, width=64),
                     st.sampled_from([0.0, -0.0, 0.5, 1e300]))


def operand(dtypes=ALL_DTYPES):
    return st.one_of(arrays(dtypes=dtypes).map(ovnp.asarray), scalars())


# ---------------------------------------------------------------- fast == general

@settings(max_examples=60)
@given(name=st.sampled_from(BINARY), a=operand(), b=operand(), learned=st.booleans())
def test_binary_fast_path_builds_the_general_graph(name, a, b, learned):
    uf = getattr(ovnp, name)
    if not learned:
        _fresh(uf)      # the first call learns the plan through the general path
    general = outcome(lambda: uf._call(a, b))
    assert outcome(lambda: uf(a, b)) == general
    assert outcome(lambda: uf(a, b)) == general      # now from the plan, if any


@pytest.mark.parametrize("name", ["add", "multiply", "true_divide", "power", "less",
                                  "logical_and", "bitwise_and", "maximum", "left_shift"])
def test_every_dtype_with_every_weak_scalar_kind(name):
    """Each (dtype, scalar kind) plan, both operand orders, learned then reused.

    A weak bool is bool to NumPy (bool array + True stays bool), int and float are
    weak; a plan keyed wrongly would reuse another kind's dtypes.
    """
    uf = getattr(ovnp, name)
    _fresh(uf)
    for dtype in ALL_DTYPES:
        a = ovnp.asarray(np.array([0, 1], dtype))
        for s in (True, False, 1, -1, 300, 1.5, -0.0, float("nan")):
            for call, general in ((lambda: uf(a, s), lambda: uf._call(a, s)),
                                  (lambda: uf(s, a), lambda: uf._call(s, a))):
                want = outcome(general)
                assert outcome(call) == want, (dtype, s)
                assert outcome(call) == want, (dtype, s)


@settings(max_examples=40)
@given(name=st.sampled_from(UNARY), a=operand())
def test_unary_fast_path_builds_the_general_graph(name, a):
    uf = getattr(ovnp, name)
    _fresh(uf)
    general = outcome(lambda: uf._call(a))
    assert outcome(lambda: uf(a)) == general
    assert outcome(lambda: uf(a)) == general


@settings(max_examples=40)
@given(pair=broadcastable_pair(dtypes=NUMERIC_DTYPES), s=scalars())
def test_operators_build_the_general_graph(pair, s):
    a, b = (ovnp.asarray(x) for x in pair)
    cases = [("add", lambda: a + b, a, b), ("subtract", lambda: a - s, a, s),
             ("subtract", lambda: s - a, s, a), ("multiply", lambda: b * s, b, s),
             ("power", lambda: a ** s, a, s), ("less", lambda: a < b, a, b),
             ("true_divide", lambda: s / b, s, b), ("remainder", lambda: a % s, a, s)]
    for name, op, x, y in cases:
        general = outcome(lambda: getattr(ovnp, name)._call(x, y))
        assert outcome(op) == general, name
        assert outcome(op) == general, name
    general = outcome(lambda: ovnp.negative._call(a))
    assert outcome(lambda: -a) == general


def test_fast_path_values_match_numpy():
    x = np.array([0.5, -1.5, 3.0, -0.0, np.nan, np.inf], np.float32)
    y = np.array([2.0, 0.25, -1.0, 1.0, 4.0, -2.0], np.float32)
    a, b = ovnp.asarray(x), ovnp.asarray(y)
    assert_same(ovnp.sin(a) * b + ovnp.exp(-a) * 0.5, np.sin(x) * y + np.exp(-x) * 0.5)
    assert_same(2 - a * 3, 2 - x * 3)
    assert_same(a * -0.0, x * -0.0)
    assert_same(a + True, x + True)
    i = np.array([1, 250, 7], np.uint8)
    assert_same(ovnp.asarray(i) + 5, i + 5)
    assert_same(ovnp.asarray(i) * True, i * True)


# ---------------------------------------------------------------- value-dependent errors

def test_weak_int_out_of_range_raises_after_the_plan_is_learned():
    a = ovnp.asarray(np.array([1, 2], np.uint8))
    n = np.array([1, 2], np.uint8)
    for _ in range(2):
        a + 1                                    # learns (uint8, weak int)
        same_error(lambda: a + 300, lambda: n + 300)
        same_error(lambda: 300 + a, lambda: 300 + n)
        same_error(lambda: a - (-1), lambda: n - (-1))
        same_error(lambda: ovnp.add(a, 2**40), lambda: np.add(n, 2**40))


def test_negative_integer_power_raises_after_the_plan_is_learned():
    a = ovnp.asarray(np.array([1, 2, 3], np.int32))
    n = np.array([1, 2, 3], np.int32)
    assert_same(a ** 2, n ** 2)
    same_error(lambda: a ** -1, lambda: n ** -1)
    same_error(lambda: ovnp.power(a, -2), lambda: np.power(n, -2))
    e = ovnp.asarray(np.array([1, -1, 2], np.int32))
    same_error(lambda: ovnp.power(a, e), lambda: np.power(n, np.array([1, -1, 2], np.int32)))


def test_unsupported_dtype_combinations_raise_numpys_error_every_time():
    f = ovnp.asarray(np.array([1.5], np.float32))
    i = np.array([1], np.int32)
    for _ in range(2):
        same_error(lambda: ovnp.bitwise_and(f, 1), lambda: np.bitwise_and(i.astype(np.float32), 1))
        same_error(lambda: ~f, lambda: ~i.astype(np.float32))
        same_error(lambda: ovnp.left_shift(1.5, ovnp.asarray(i)), lambda: np.left_shift(1.5, i))


def test_broadcast_errors_on_the_fast_path():
    a, b = ovnp.asarray(np.zeros(3, np.float32)), ovnp.asarray(np.zeros(4, np.float32))
    a + a
    same_error(lambda: a + b, lambda: np.zeros(3) + np.zeros(4))
    same_error(lambda: a * b, lambda: np.zeros(3) * np.zeros(4))


def test_arrays_on_different_devices_raise():
    a = ovnp.asarray(np.ones(2, np.float32))
    b = ovnp.asarray(np.ones(2, np.float32), device="AUTO:CPU")
    a + a
    for fn in (lambda: a + b, lambda: b * a, lambda: ovnp.add(a, b)):
        with pytest.raises(ValueError, match="different devices"):
            fn()
    assert (b + 1.0).device == "AUTO:CPU"


def test_wrong_argument_counts():
    a = ovnp.asarray(np.ones(2, np.float32))
    with pytest.raises(TypeError):
        ovnp.add(a)
    with pytest.raises(TypeError):
        ovnp.sin(a, a, a)
    out = ovnp.zeros(2)
    assert ovnp.add(a, a, out) is out                # out as a positional argument
    assert_same(out, np.full(2, 2.0, np.float32))


def test_overflowing_float_constant_warns_on_every_call():
    a = ovnp.asarray(np.ones(2, np.float32))
    for _ in range(3):
        with pytest.warns(RuntimeWarning, match="overflow"):
            r = a * 1e300
    assert_same(r, np.ones(2, np.float32) * np.float32(np.inf))


# ---------------------------------------------------------------- what takes the general path

def test_keyword_arguments_and_other_operands_match_numpy():
    x = np.array([1.0, -2.0, 3.5, 0.0], np.float32)
    a = ovnp.asarray(x)
    out = ovnp.zeros(4)
    assert ovnp.multiply(a, 2, out=out) is out
    assert_same(out, x * 2)
    mask = np.array([True, False, True, False])
    o2 = ovnp.asarray(np.full(4, 7.0, np.float32))
    ovnp.add(a, 1, out=o2, where=ovnp.asarray(mask))
    assert_same(o2, np.add(x, 1, out=np.full(4, 7.0, np.float32), where=mask))
    assert_same(ovnp.add(a, 1, dtype=np.float16), np.add(x, 1, dtype=np.float16))
    assert_same(ovnp.sin(a, dtype=np.float32), np.sin(x, dtype=np.float32))
    # operands that are not ndarray or Python scalars: NumPy's (strong) rules
    for other in (np.float64(1.5), np.float16(2.0), np.int8(3), np.array(2.0), [1, 2, 3, 4],
                  x.astype(np.float16)):
        assert_same(a + other, x + other)
        assert_same(other * a, other * x)
    ints = np.array([1, 2, 3, 4], np.int16)
    assert_same(ovnp.asarray(ints) + np.int32(7), ints + np.int32(7))
    for other in ("x", None, object()):     # the general path's own errors (dtype policy)
        assert outcome(lambda: ovnp.add(a, other)) == outcome(lambda: ovnp.add._call(a, other))


def test_inplace_operators_use_the_general_path():
    x = np.array([1, 2, 3], np.int16)
    a = ovnp.asarray(x)
    a += 2
    x += 2
    assert_same(a, x)
    f = ovnp.asarray(np.array([1.0, 2.0, 3.0], np.float32))
    same_error(lambda: a.__iadd__(f), lambda: x.__iadd__(np.array([1.0, 2.0, 3.0])))
    assert_same(a, x)


# ---------------------------------------------------------------- views

def test_views_on_the_fast_path_follow_their_base():
    x = np.arange(8, dtype=np.float32)
    base = ovnp.asarray(x)
    v = base[1::2]
    first = v * 2 + v
    assert_same(first, x[1::2] * 2 + x[1::2])
    base[...] = base + 10           # rebinds the base: the view reads the new node
    x[...] = x + 10
    assert_same(v * 2 + v, x[1::2] * 2 + x[1::2])
    assert_same(-v, -x[1::2])
    assert_same(first, (x[1::2] - 10) * 3)   # the earlier result is unchanged
    v += 1                          # a write through the view (general path)
    x[1::2] += 1
    assert_same(base, x)
    assert_same(ovnp.sin(v), np.sin(x[1::2]))


def test_identity_ops_return_the_same_node():
    a = ovnp.asarray(np.array([1, 2], np.uint8))
    for fn in (ovnp.absolute, ovnp.positive, ovnp.floor):
        assert fn(a)._node is a._node
        assert fn(a) is not a


# ---------------------------------------------------------------- engine: walk_key

def _random_graph(draw_ops, leaves):
    nodes = list(leaves)
    for kind, i, j in draw_ops:
        x, y = nodes[i % len(nodes)], nodes[j % len(nodes)]
        nodes.append({0: lambda: x + y, 1: lambda: x * 0.5, 2: lambda: -x,
                      3: lambda: ovnp.maximum(x, y), 4: lambda: x - x}[kind]())
    return nodes


@settings(max_examples=40)
@given(ops=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 50), st.integers(0, 50)),
                    min_size=1, max_size=30),
       roots=st.lists(st.integers(0, 50), min_size=1, max_size=4),
       valued=st.lists(st.integers(0, 50), max_size=3))
def test_walk_key_is_the_one_walk_bounded_or_not(ops, roots, valued):
    """The short-graph path is the general walk with a bound: both give the same order,
    key, params and uses, and these agree with a reference recomputed here."""
    leaves = [ovnp.asarray(np.ones(3, np.float32)), ovnp.asarray(np.ones(3, np.float32))]
    arrays_ = _random_graph(ops, leaves)
    for k in valued:                # some inner nodes already computed: Parameters
        node = arrays_[k % len(arrays_)]._node
        if node.value is None:
            node.set_value(np.zeros(node.shape, node.dtype))
    root_nodes = _engine._unique(arrays_[k % len(arrays_)]._node for k in roots)
    root_nodes = [r for r in root_nodes if r.value is None]
    if not root_nodes:
        return
    order, key, params, uses = _engine.walk_key(root_nodes, limit=None)
    short = _engine.walk_key(root_nodes)
    assert short is not None
    assert [n for n, _ in short[0]] == [n for n, _ in order] and short[1] == key
    assert [p is q for p, q in zip(short[2], params)] == [True] * len(params)
    assert short[3] == uses
    # reference: every pending node once, inputs first; uses, params and key by definition
    position = {id(n): k for k, (n, _) in enumerate(order)}
    assert len(position) == len(order)
    expected_uses, expected_params = [0] * len(order), []
    for k, (node, inputs) in enumerate(order):
        assert inputs == node.inputs and node.value is None
        for i in inputs:
            if id(i) in position:
                assert position[id(i)] < k
                expected_uses[position[id(i)]] += 1
            elif not any(i is p for p in expected_params):
                assert i.value is not None
                expected_params.append(i)
    assert uses == expected_uses
    assert [p is q for p, q in zip(params, expected_params)] == [True] * len(expected_params)
    assert len(params) == len(expected_params)
    device, entries, outputs, signature = key
    assert outputs == tuple(position[id(r)] for r in root_nodes)
    assert signature == tuple((p.shape, p.dtype) for p in params)
    for (node, inputs), (op, attrs, refs, shape, dtype, wide) in zip(order, entries):
        assert (op, attrs, shape, dtype, wide) == (node.op, node.attrs, node.shape, node.dtype,
                                                   node.wide)
        assert refs == tuple(position[id(i)] if id(i) in position
                             else -1 - [p is i for p in params].index(True) for i in inputs)


def test_walk_key_leaves_long_and_empty_graphs_to_the_general_path():
    x = ovnp.asarray(np.ones(2, np.float32))
    for _ in range(_engine.SEGMENT_DEPTH + 1):
        x = x + 1.0
    assert _engine.walk_key([x._node]) is None
    assert_same(x, np.full(2, _engine.SEGMENT_DEPTH + 2, np.float32))
    e = ovnp.asarray(np.ones((0, 3), np.float32))
    y = ovnp.sin(e) * 2
    assert _engine.walk_key([y._node]) is None
    assert_same(y, np.zeros((0, 3), np.float32))


def test_shared_inputs_and_multiple_roots_compute_like_numpy():
    x = np.array([0.5, -1.0, 2.0], np.float32)
    a = ovnp.asarray(x)
    s = a * a
    r1, r2 = s + a, s - 1.0
    ovnp.compute(r1, r2)
    assert_same(r1, x * x + x)
    assert_same(r2, x * x - 1.0)


# ---------------------------------------------------------------- engine: cache and calls

def test_compile_cache_evicts_the_least_recently_used():
    info = _compile.cache_info()
    _compile.cache_clear()
    try:
        _compile.set_cache_size(2)
        x = ovnp.asarray(np.arange(3, dtype=np.float32))
        graphs = [lambda: x + 1.0, lambda: x * 3.0, lambda: x - 7.0]
        graphs[0]()._value()
        graphs[1]()._value()
        graphs[0]()._value()            # a hit: graph 0 is now the most recent
        graphs[2]()._value()            # evicts graph 1
        assert _compile.cache_info().currsize == 2
        before = _compile.cache_info()
        assert_same(graphs[0](), np.arange(3, dtype=np.float32) + 1)
        assert _compile.cache_info().hits == before.hits + 1
        assert_same(graphs[1](), np.arange(3, dtype=np.float32) * 3)
        after = _compile.cache_info()
        assert after.misses == before.misses + 1 and after.currsize == 2
    finally:
        _compile.set_cache_size(info.maxsize)


def test_small_model_results_are_fresh_copies():
    x = np.array([1.0, 2.0, 3.0], np.float32)
    a = ovnp.asarray(x)
    r1 = ovnp.sqrt(a) + 1.0
    r1._value()
    r2 = ovnp.sqrt(a * 4.0) + 1.0     # another graph with the same inputs and shapes
    r3 = ovnp.sqrt(ovnp.asarray(x * 9)) + 1.0     # the same model as r1, new data
    r2._value()
    r3._value()
    assert_same(r1, np.sqrt(x) + 1)
    assert_same(r3, np.sqrt(x * 9) + 1)
    assert r1._value() is not r3._value()


def test_small_cpu_models_run_on_one_unpinned_thread():
    from ovnp._backend import runtime
    small = runtime.compile_config("CPU", small=True)
    assert small["INFERENCE_NUM_THREADS"] == 1 and small["ENABLE_CPU_PINNING"] is False
    assert "ENABLE_CPU_PINNING" not in runtime.compile_config("CPU", small=False)
    assert "ENABLE_CPU_PINNING" not in runtime.compile_config("GPU", small=True)
    x = np.array([0.25, -4.0], np.float32)
    r = ovnp.exp(ovnp.asarray(x)) * 3.0 - 1.0
    key = _engine.walk_key([r._node])[1]   # keep no reference to the walked nodes
    assert_same(r, np.exp(x) * 3 - 1)
    compiled = _compile._cache[key].compiled
    assert compiled.get_property("ENABLE_CPU_PINNING") is False
    assert compiled.get_property("INFERENCE_NUM_THREADS") == 1


def test_walk_of_no_roots_is_empty():
    # explain/visualize of arrays that are all computed walk no roots (found by
    # test_docs once the eager executor computed interop.md's example at the call)
    assert _engine.walk([]) == []
    assert _engine.walk_key([], limit=None)[0] == []
