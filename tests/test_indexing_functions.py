"""NumPy's index functions (take, put, choose, nonzero, ...) against NumPy."""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp
from strategies import arrays, assert_same, same_error, shapes

SMALL = shapes(max_dims=3, max_side=4)
DT = [np.dtype(np.float32), np.dtype(np.int32), np.dtype(np.uint8), np.dtype(np.bool_)]


def compare(fn_ovnp, fn_numpy):
    """Same result (arrays or tuples of arrays) or the same exception type."""
    try:
        want = fn_numpy()
    except Exception:  # noqa: BLE001
        same_error(fn_ovnp, fn_numpy)
        return
    got = fn_ovnp()
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
    else:
        assert_same(got, want)


def ints(lo, hi, shape):
    return hnp.arrays(np.int64, shape, elements=st.integers(lo, hi))


# ------------------------------------------------------------------ reading

@given(st.data())
def test_take(data):
    a = data.draw(arrays(shape=SMALL, dtypes=DT))
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim - 1, a.ndim)))
    n = a.size if axis is None or not a.ndim else a.shape[axis] if -a.ndim <= axis < a.ndim else 3
    ind = data.draw(st.one_of(st.integers(-n - 1, n), ints(-n - 1, n, st.sampled_from([(), (2,), (2, 2), (0,)]))))
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    compare(lambda: ovnp.take(ovnp.asarray(a), ind, axis=axis, mode=mode),
            lambda: np.take(a, ind, axis=axis, mode=mode))


@given(st.data())
def test_take_along_axis_and_put_along_axis(data):
    a = data.draw(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=4), dtypes=DT))
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    n = a.shape[axis]
    ishape = list(a.shape)
    ishape[axis] = data.draw(st.integers(0, 3))
    ind = data.draw(ints(-n - 1 if data.draw(st.booleans()) else -n, max(n - 1, 0), tuple(ishape)))
    compare(lambda: ovnp.take_along_axis(ovnp.asarray(a), ind, axis),
            lambda: np.take_along_axis(a, ind, axis))
    values = data.draw(st.sampled_from([1, np.arange(ind.size).reshape(ind.shape)]))

    def numpy_put():
        b = a.copy()
        np.put_along_axis(b, ind, values, axis)
        return b

    def ovnp_put():
        x = ovnp.asarray(a)
        ovnp.put_along_axis(x, ind, values, axis)
        return x
    compare(ovnp_put, numpy_put)


@given(st.data())
def test_compress_extract_diagonal(data):
    a = data.draw(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=4), dtypes=DT))
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1)))
    n = a.size if axis is None else a.shape[axis]
    cond = data.draw(hnp.arrays(np.bool_, data.draw(st.integers(0, n + 1))))
    compare(lambda: ovnp.compress(ovnp.asarray(cond), ovnp.asarray(a), axis=axis),
            lambda: np.compress(cond, a, axis=axis))
    mask = data.draw(hnp.arrays(np.bool_, a.shape))
    compare(lambda: ovnp.extract(mask, ovnp.asarray(a)), lambda: np.extract(mask, a))
    offset = data.draw(st.integers(-3, 3))
    a1, a2 = data.draw(st.integers(-a.ndim, a.ndim - 1)), data.draw(st.integers(-a.ndim, a.ndim - 1))
    compare(lambda: ovnp.diagonal(ovnp.asarray(a), offset, a1, a2),
            lambda: np.diagonal(a, offset, a1, a2))


@given(arrays(shape=SMALL, dtypes=DT))
def test_nonzero_where_argwhere_flatnonzero(a):
    x = ovnp.asarray(a) + 0 if a.dtype != np.bool_ else ovnp.asarray(a)   # pending input too
    compare(lambda: ovnp.nonzero(x), lambda: np.nonzero(a))
    compare(lambda: ovnp.where(x), lambda: np.where(a))
    compare(lambda: ovnp.argwhere(x), lambda: np.argwhere(a))
    compare(lambda: ovnp.flatnonzero(x), lambda: np.flatnonzero(a))


@given(st.data())
def test_choose(data):
    shape = data.draw(shapes(max_dims=2, max_side=3))
    k = data.draw(st.integers(1, 3))
    choices = [data.draw(arrays(shape=st.sampled_from([shape, shape[1:], ()]), dtypes=DT[:3]))
               for _ in range(k)]
    idx = data.draw(ints(-1, k, shape))
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    compare(lambda: ovnp.choose(ovnp.asarray(idx), [ovnp.asarray(c) for c in choices], mode=mode),
            lambda: np.choose(idx, choices, mode=mode))


@given(st.data())
def test_select(data):
    shape = data.draw(shapes(max_dims=2, max_side=3))
    k = data.draw(st.integers(1, 3))
    conds = [data.draw(hnp.arrays(np.bool_, shape)) for _ in range(k)]
    choices = [data.draw(arrays(shape=st.sampled_from([shape, ()]), dtypes=DT[:3])) for _ in range(k)]
    default = data.draw(st.sampled_from([0, 2.5, -1]))
    compare(lambda: ovnp.select([ovnp.asarray(c) for c in conds], [ovnp.asarray(c) for c in choices],
                                default),
            lambda: np.select(conds, choices, default))


def test_select_errors():
    same_error(lambda: ovnp.select([], []), lambda: np.select([], []))
    same_error(lambda: ovnp.select([np.array([True])], []), lambda: np.select([np.array([True])], []))
    same_error(lambda: ovnp.select([np.array([1])], [np.array([1])]),
               lambda: np.select([np.array([1])], [np.array([1])]))


# ------------------------------------------------------------------ index helpers

@given(st.data())
def test_unravel_and_ravel_multi_index(data):
    shape = data.draw(shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
    size = int(np.prod(shape))
    flat = data.draw(ints(-1, size, st.sampled_from([(), (3,), (2, 2)])))
    order = data.draw(st.sampled_from(["C", "F"]))
    compare(lambda: ovnp.unravel_index(ovnp.asarray(flat), shape, order=order),
            lambda: np.unravel_index(flat, shape, order=order))
    multi = tuple(data.draw(ints(-1, n, (3,))) for n in shape)
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    compare(lambda: ovnp.ravel_multi_index(multi, shape, mode=mode, order=order),
            lambda: np.ravel_multi_index(multi, shape, mode=mode, order=order))


@given(st.integers(0, 5), st.integers(-3, 3), st.one_of(st.none(), st.integers(0, 5)))
def test_index_builders(n, k, m):
    compare(lambda: ovnp.tril_indices(n, k, m), lambda: np.tril_indices(n, k, m))
    compare(lambda: ovnp.triu_indices(n, k, m), lambda: np.triu_indices(n, k, m))
    compare(lambda: ovnp.diag_indices(n, 3), lambda: np.diag_indices(n, 3))
    a = np.zeros((n, n), np.float32)
    compare(lambda: ovnp.diag_indices_from(ovnp.asarray(a)), lambda: np.diag_indices_from(a))
    compare(lambda: ovnp.triu_indices_from(ovnp.asarray(a), k), lambda: np.triu_indices_from(a, k))
    compare(lambda: ovnp.tril_indices_from(ovnp.asarray(a), k), lambda: np.tril_indices_from(a, k))


def test_ix_selects_a_grid():
    a = np.arange(20, dtype=np.float32).reshape(4, 5)
    x = ovnp.asarray(a)
    rows, cols = [0, 3], np.array([True, False, True, False, True])
    compare(lambda: ovnp.ix_(rows, cols), lambda: np.ix_(rows, cols))
    assert_same(x[ovnp.ix_(ovnp.asarray(rows), cols)], a[np.ix_(rows, cols)])
    same_error(lambda: ovnp.ix_(np.zeros((2, 2), int)), lambda: np.ix_(np.zeros((2, 2), int)))


# ------------------------------------------------------------------ writing

@given(st.data())
def test_put(data):
    a = data.draw(arrays(shape=SMALL, dtypes=DT[:3]))
    n = a.size
    ind = data.draw(ints(-n - 1, n, st.sampled_from([(), (3,), (2, 2), (0,)])))
    v = data.draw(st.sampled_from([7, [1, 2], np.arange(5), []]))
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))

    def numpy_put():
        b = a.copy()
        np.put(b, ind, v, mode=mode)
        return b

    def ovnp_put():
        x = ovnp.asarray(a)
        ovnp.put(x, ind, v, mode=mode)
        return x
    compare(ovnp_put, numpy_put)


@given(st.data())
def test_place_and_putmask(data):
    a = data.draw(arrays(shape=SMALL, dtypes=DT[:3]))
    mask = data.draw(hnp.arrays(np.bool_, a.shape))
    vals = data.draw(st.sampled_from([[3], [1, 2, 3], np.arange(7, dtype=np.int32), []]))

    def run(lib, fn, mask_of, vals_of):
        def go():
            b = a.copy() if lib is np else ovnp.asarray(a)
            getattr(lib, fn)(b, mask_of(mask), vals_of(vals))
            return b
        return go
    compare(run(ovnp, "place", ovnp.asarray, lambda v: v), run(np, "place", lambda m: m, lambda v: v))
    compare(run(ovnp, "putmask", ovnp.asarray, lambda v: ovnp.asarray(v) if isinstance(v, np.ndarray) else v),
            run(np, "putmask", lambda m: m, lambda v: v))


def test_trap_select_of_a_comparison_is_exact_for_int32():
    # OpenVINO's CPU plugin computes Select(Compare(..), i32, i32) in f32 (123456789 ->
    # 123456792); ovnp's masked writes select with bits for 32-bit integers.
    x = ovnp.asarray(np.array([123456789, -1, 2**31 - 1], np.int32))
    x[x < 0] = 0
    assert x.tolist() == [123456789, 0, 2**31 - 1]
    u = ovnp.asarray(np.array([4000000001, 7], np.uint32))
    k = ovnp.asarray(np.array([0, 7], np.int32))
    ovnp.putmask(u, k > 5, ovnp.asarray(np.array([4000000003], np.uint32)))
    assert u.tolist() == [4000000001, 4000000003]
    w = ovnp.asarray(np.array([1, 0], np.int32))
    assert ovnp.select([w == 1], [ovnp.asarray(np.array([123456789, 1], np.int32))]).tolist() == [123456789, 0]
    assert ovnp.choose(w, [ovnp.asarray(np.int32(5)), ovnp.asarray(np.int32(2**31 - 1))]).tolist() == [2**31 - 1, 5]


def test_trap_empty_results_never_reach_openvino():
    # OpenVINO dies with SIGFPE compiling a Broadcast or Gather of an empty tensor.
    e = ovnp.asarray(np.zeros(0, np.float32))
    assert ovnp.choose(np.zeros((0, 0), int), [e], mode="wrap").shape == (0, 0)
    assert ovnp.select([np.zeros((2, 0), bool)], [e]).shape == (2, 0)
    assert ovnp.take(e, np.zeros((0, 3), int)).shape == (0, 3)


def test_putmask_keeps_the_mask_lazy():
    x = ovnp.asarray(np.arange(6, dtype=np.float32))
    mask = x > 2
    ovnp.putmask(x, mask, ovnp.asarray([-1.0, -2.0]))
    assert mask._node.value is None
    want = np.arange(6, dtype=np.float32)
    np.putmask(want, want > 2, [-1.0, -2.0])
    assert_same(x, want)


def test_put_errors_and_non_arrays():
    with pytest.raises(TypeError):
        ovnp.put(np.zeros(3), [0], 1)
    same_error(lambda: ovnp.put(ovnp.asarray(np.zeros(0)), [0], 1),
               lambda: np.put(np.zeros(0), [0], 1))
    same_error(lambda: ovnp.place(ovnp.asarray(np.zeros(3)), [True, False], [1]),
               lambda: np.place(np.zeros(3), [True, False], [1]))
