"""Integer reductions are exact or raise OverflowError, never wrapped (issue 12 item 2).

NumPy accumulates integer sum/prod/cumsum/cumprod in 64 bits; ovnp stores 32 bits, so
its answer is NumPy's exact value when that fits int32 (uint32 for unsigned data), and
OverflowError when it does not (docs/dtypes.md). The reference here is Python's exact
integer arithmetic (NumPy's int64 answer, without its own int64 wraparound).
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp

DTYPES = [np.dtype(t) for t in (np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32)]


def _expect(values, dtype):
    """The exact values (object array) and whether they all fit the 32-bit result dtype."""
    info = np.iinfo(np.uint32 if dtype.kind == "u" else np.int32)
    flat = [int(v) for v in np.asarray(values, dtype=object).reshape(-1)]
    return all(info.min <= v <= info.max for v in flat)


def _check(got, exact, result_dtype):
    """`got` is a thunk giving ovnp's result; `exact` NumPy's object-dtype answer."""
    if _expect(exact, result_dtype):
        value = got()
        assert value.dtype == result_dtype
        np.testing.assert_array_equal(np.asarray(value).astype(object), exact)
    else:
        with pytest.raises(OverflowError, match="32 bits"):
            np.asarray(got())


# ---------------------------------------------------------------- the reproducers

def test_arange_sum_overflows():
    with pytest.raises(OverflowError, match="docs/dtypes.md"):
        int(ovnp.arange(100000).sum())


def test_prod_overflows():
    with pytest.raises(OverflowError):
        int(ovnp.prod(ovnp.arange(1, 20)))
    assert int(ovnp.prod(ovnp.arange(1, 13))) == math.factorial(12)


def test_no_false_alarm_on_cancelling_sum():
    assert int(ovnp.sum(ovnp.asarray([2**30, 2**30, -2**30]))) == 2**30
    assert int(ovnp.sum(ovnp.asarray([-2**31, -1, 1]))) == -2**31
    big = ovnp.asarray(np.array([2**31 - 1, -(2**31 - 1)] * 50000, np.int32))
    assert int(big.sum()) == 0


def test_explicit_int32_accumulator_wraps_as_numpy():
    x = np.arange(100000, dtype=np.int32)
    assert int(ovnp.asarray(x).sum(dtype=np.int32)) == int(x.sum(dtype=np.int32))


def test_small_sums_stay_exact_int32():
    a = ovnp.arange(1000)
    assert int(a.sum()) == 499500 and a.sum().dtype == np.int32


def test_cumsum_cumprod_overflow():
    with pytest.raises(OverflowError):
        ovnp.cumsum(ovnp.asarray([2**30, 2**30, -2**30])).tolist()
    assert ovnp.cumsum(ovnp.asarray([2**30, 2**30 - 1, -2**30])).tolist() == \
        [2**30, 2**31 - 1, 2**30 - 1]
    with pytest.raises(OverflowError):
        ovnp.cumprod(ovnp.arange(1, 14)).tolist()


def test_uint32_sums_and_products():
    u = ovnp.asarray(np.array([2**31, 2**31 - 1], np.uint32))
    assert int(u.sum()) == 2**32 - 1
    with pytest.raises(OverflowError):
        int(ovnp.asarray(np.array([2**31, 2**31], np.uint32)).sum())
    assert int(ovnp.prod(ovnp.asarray(np.array([65536, 65535], np.uint32)))) == 65536 * 65535
    with pytest.raises(OverflowError):
        int(ovnp.prod(ovnp.asarray(np.array([65536, 65536], np.uint32))))


def test_products_near_the_limit():
    assert int(ovnp.prod(ovnp.asarray([-2**16, 2**15]))) == -2**31
    with pytest.raises(OverflowError):
        int(ovnp.prod(ovnp.asarray([2**16, 2**15])))
    with pytest.raises(OverflowError):      # wraps to 0 in 32 bits
        int(ovnp.prod(ovnp.asarray([2**16, 2**16, 0, 3]))[()] + ovnp.prod(
            ovnp.asarray([2**16, 2**16])))
    assert int(ovnp.prod(ovnp.asarray([2**16, 2**16, 0]))) == 0


def test_initial_is_checked_too():
    assert int(ovnp.sum(ovnp.arange(10), initial=5)) == 50
    with pytest.raises(OverflowError):
        int(ovnp.sum(ovnp.asarray([2**31 - 1]), initial=1))


def test_overflow_inside_a_fused_graph():
    with pytest.raises(OverflowError):
        int(ovnp.arange(100000).sum() + 1)
    assert int(ovnp.arange(1000).sum() * 2) == 999000


def test_ufunc_reduce_is_checked():
    with pytest.raises(OverflowError):
        int(ovnp.add.reduce(ovnp.arange(100000)))


# ---------------------------------------------------------------- drawn against NumPy

def _int_arrays(draw, max_side=5):
    dtype = draw(st.sampled_from(DTYPES))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=max_side))
    info = np.iinfo(dtype)
    elements = st.one_of(st.sampled_from([int(info.min), int(info.max), 0, 1, -1 if
                                          info.min < 0 else 2]),
                         st.integers(int(info.min), int(info.max)))
    return draw(hnp.arrays(dtype, shape, elements=elements))


def _axis(draw, ndim):
    choices = [None] + list(range(-ndim, ndim)) if ndim else [None, 0, -1]
    return draw(st.sampled_from(choices))


def _result_dtype(dtype):
    return np.dtype(np.uint32 if dtype.kind == "u" else np.int32)


@settings(deadline=None)
@given(st.data())
def test_sum_prod_against_exact(data):
    x = data.draw(st.composite(_int_arrays)())
    axis = _axis(data.draw, x.ndim)
    keepdims = data.draw(st.booleans())
    op = data.draw(st.sampled_from(["sum", "prod"]))
    exact = getattr(np, op)(x.astype(object), axis=axis, keepdims=keepdims)
    exact = np.asarray(exact, dtype=object)
    fused = data.draw(st.booleans())

    def got():
        a = ovnp.asarray(x)
        if fused:       # the input pending: one graph with the reduction
            a = a + ovnp.zeros((), dtype=x.dtype)
        return getattr(ovnp, op)(a, axis=axis, keepdims=keepdims)
    _check(got, exact, _result_dtype(x.dtype))


@settings(deadline=None)
@given(st.data())
def test_cumulative_against_exact(data):
    x = data.draw(st.composite(_int_arrays)())
    axis = data.draw(st.sampled_from([None] + list(range(-x.ndim, x.ndim))))
    op = data.draw(st.sampled_from(["cumsum", "cumprod"]))
    flat = x.reshape(-1) if axis is None else x
    ax = 0 if axis is None else axis
    if flat.ndim == 0:
        flat, ax = flat.reshape(1), 0
    exact = getattr(np, op)(flat.astype(object), axis=ax)
    fused = data.draw(st.booleans())

    def got():
        a = ovnp.asarray(x)
        if fused:
            a = a + ovnp.zeros((), dtype=x.dtype)
        return getattr(ovnp, op)(a, axis=axis)
    _check(got, np.asarray(exact, dtype=object), _result_dtype(x.dtype))


@settings(deadline=None, max_examples=30)
@given(st.data())
def test_large_sums_against_exact(data):
    """Long reductions with large values: the float32 estimate is unsure there, so the
    exact carry count decides (cancelling sums must not raise)."""
    n = data.draw(st.sampled_from([5000, 70000]))
    scale = data.draw(st.sampled_from([2**20, 2**28, 2**31 - 1]))
    seed = data.draw(st.integers(0, 2**16))
    x = np.random.default_rng(seed).integers(-scale, scale, n).astype(np.int32)
    if data.draw(st.booleans()):
        x = np.concatenate([x, -x[:-1]])     # nearly cancels: fits int32
    exact = sum(int(v) for v in x)
    _check(lambda: ovnp.asarray(x).sum(), np.asarray(exact, dtype=object), np.dtype(np.int32))


# ---------------------------------------------------------------- mean

def test_integer_mean_is_exact():
    assert float(ovnp.mean(ovnp.arange(10**6, dtype=ovnp.int32))) == 499999.5
    assert float(ovnp.arange(100000).mean()) == np.float32(49999.5)


@settings(deadline=None, max_examples=20)
@given(st.data())
def test_integer_mean_against_numpy(data):
    dtype = data.draw(st.sampled_from(DTYPES))
    info = np.iinfo(dtype)
    shape = data.draw(st.sampled_from([(3, 700), (2, 3, 5), (1, 1), (4, 0), ()]))
    seed = data.draw(st.integers(0, 2**16))
    x = np.random.default_rng(seed).integers(int(info.min), int(info.max), shape,
                                             endpoint=True).astype(dtype)
    axis = _axis(data.draw, x.ndim) if x.ndim else None
    keepdims = data.draw(st.booleans())
    if x.size == 0 or (axis is not None and x.ndim and x.shape[axis] == 0):
        return      # NumPy's warning and NaN: the float path's tests cover them
    want = np.mean(x, axis=axis, keepdims=keepdims).astype(np.float32)
    a = ovnp.asarray(x)
    if data.draw(st.booleans()):
        a = a + ovnp.zeros((), dtype=x.dtype)
    got = ovnp.mean(a, axis=axis, keepdims=keepdims)
    assert got.dtype == np.float32 and got.shape == want.shape
    diff = np.abs(got.to_numpy().astype(np.float64) - want)
    assert (diff <= np.spacing(np.abs(want))).all()      # within one float32 ulp


# ---------------------------------------------------------------- dot, matmul, einsum

def test_dot_of_arange_overflows():
    a = ovnp.arange(50000)
    with pytest.raises(OverflowError, match="32 bits"):
        int(ovnp.dot(a, a))
    b = ovnp.arange(1000)
    assert int(ovnp.dot(b, b)) == 332833500
    assert int(ovnp.vdot(b, b)) == int(ovnp.inner(b, b)) == 332833500


def test_trace_is_checked():
    d = ovnp.asarray(np.diag([2**30, 2**30, -2**30]).astype(np.int32))
    assert int(ovnp.trace(d)) == 2**30
    with pytest.raises(OverflowError):
        int(ovnp.trace(ovnp.asarray(np.diag([2**30] * 3).astype(np.int32))))


def test_matmul_decides_exactly_near_the_edge_and_on_cancellation():
    big = np.array([[2**31 - 1, 2**31 - 1]], np.int32)
    assert (ovnp.asarray(big) @ ovnp.asarray(np.array([[2**31 - 1], [-(2**31 - 1)]], np.int32))
            ).tolist() == [[0]]
    edge = np.array([[-2**31, 1]], np.int32)
    assert (ovnp.asarray(edge) @ ovnp.asarray(np.array([[1], [0]], np.int32))).tolist() == \
        [[-2**31]]
    with pytest.raises(OverflowError):
        (ovnp.asarray(edge) @ ovnp.asarray(np.array([[1], [-1]], np.int32))).to_numpy()
    u = np.array([[2**32 - 1, 1]], np.uint32)
    assert (ovnp.asarray(u) @ ovnp.asarray(np.array([[1], [0]], np.uint32))).tolist() == \
        [[2**32 - 1]]
    with pytest.raises(OverflowError):
        (ovnp.asarray(u) @ ovnp.asarray(np.array([[1], [1]], np.uint32))).to_numpy()


@settings(deadline=None, max_examples=15)
@given(st.data())
def test_matmul_cancelling_huge_products_against_exact(data):
    seed = data.draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    m, k, n = (int(v) for v in rng.integers(1, 5, 3))
    a = rng.integers(-2**31, 2**31, (m, k)).astype(np.int32)
    b = rng.integers(-2**31, 2**31, (k, n)).astype(np.int32)
    if data.draw(st.booleans()):     # cancelling halves: the exact result is 0
        a, b = np.concatenate([a, a], 1), np.concatenate([b, -b], 0)
    exact = np.asarray(a.astype(object) @ b.astype(object), dtype=object)
    got = lambda: ovnp.asarray(a) @ ovnp.asarray(b)     # noqa: E731
    _check(got, exact, np.dtype(np.int32))


def test_narrow_matmul_wraps_as_numpy():
    i8 = np.array([100, 100], np.int8)
    assert int(ovnp.dot(ovnp.asarray(i8), ovnp.asarray(i8))) == int(np.dot(i8, i8))


@settings(deadline=None, max_examples=25)
@given(st.data())
def test_contractions_against_exact(data):
    dtype = data.draw(st.sampled_from([np.dtype(np.int32), np.dtype(np.uint32)]))
    bits = data.draw(st.sampled_from([4, 12, 16, 31]))
    m, k, n = (data.draw(st.integers(1, 6)) for _ in range(3))
    seed = data.draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    low = 0 if dtype.kind == "u" else -2**bits
    a = rng.integers(low, 2**bits, (m, k), endpoint=False).astype(dtype)
    b = rng.integers(low, 2**bits, (k, n), endpoint=False).astype(dtype)
    exact = np.asarray(a.astype(object) @ b.astype(object), dtype=object)
    form = data.draw(st.sampled_from(["matmul", "einsum", "dot"]))
    fused = data.draw(st.booleans())

    def got():
        x, y = ovnp.asarray(a), ovnp.asarray(b)
        if fused:
            x = x + ovnp.zeros((), dtype=dtype)
        if form == "einsum":
            return ovnp.einsum("ij,jk->ik", x, y)
        return ovnp.dot(x, y) if form == "dot" else x @ y
    info = np.iinfo(dtype)
    values = [int(v) for v in exact.reshape(-1)]
    if all(info.min <= v <= info.max for v in values):
        # matmul decides exactly; einsum's float32 check may not prove a fit near the edge
        if form != "einsum" or max(abs(v) for v in values) < 2**30 or bits <= 12:
            np.testing.assert_array_equal(np.asarray(got()).astype(object), exact)
    else:
        with pytest.raises(OverflowError):
            np.asarray(got())


# ---------------------------------------------------------------- cached runs, any order

def test_same_model_alternating_data():
    """One compiled model (and its accurate twin, compiled on first need) per shape:
    results follow the data whichever path ran before, on cached runs too."""
    rng = np.random.default_rng(7)
    small = rng.integers(-1000, 1000, 5000).astype(np.int32)
    large = rng.integers(2**30, 2**31 - 1, 5000).astype(np.int32)
    cancelling = np.concatenate([large[:2500], -large[:2500]])
    for x in (small, large, cancelling, small, large, cancelling):
        exact = sum(int(v) for v in x)
        for op in (ovnp.sum, ovnp.mean, ovnp.cumsum):
            fused = op(ovnp.asarray(x) + ovnp.zeros((), np.int32))
            if op is ovnp.mean:
                assert abs(float(fused) - exact / x.size) <= abs(exact / x.size) * 2**-23 + 1e-3
            elif op is ovnp.cumsum:
                prefixes = np.cumsum(x.astype(np.int64))
                if np.abs(prefixes).max() < 2**31:
                    np.testing.assert_array_equal(fused.to_numpy(), prefixes)
                else:
                    with pytest.raises(OverflowError):
                        fused.to_numpy()
            elif -2**31 <= exact < 2**31:
                assert int(fused) == exact
            else:
                with pytest.raises(OverflowError):
                    int(fused)


def test_int64_origin_arithmetic_overflows():
    # int64-origin arrays are marked (Node.wide): tests/test_int64_origin.py has the rest
    with pytest.raises(OverflowError):
        int((ovnp.arange(70000) * 70000)[-1])
