"""a[idx] and a[idx] = v against NumPy: every index kind, views, writes, iteration."""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp
from strategies import ALL_DTYPES, arrays, assert_same, same_error, shapes

SMALL = shapes(max_dims=3, max_side=4)


def misses():
    return ovnp.cache_info().misses


def on_device(x):
    """Force the IR through OpenVINO (a getitem of a computed array is host-answered)."""
    return ovnp.where(True, x, x)


def _int_entry(n, allow_out):
    lo, hi = (-n - 2, n + 1) if allow_out else (-n, n - 1)
    return st.integers(lo, hi) if (allow_out or n) else st.nothing()


@st.composite
def mixed_index(draw, shape, allow_out=False, allow_arrays=True):
    """A tuple mixing ints, slices, None, Ellipsis and integer arrays (NumPy's full rules)."""
    entries = []
    used_ellipsis = False
    for n in shape:
        if draw(st.integers(0, 5)) == 0:
            entries.append(None)
        kinds = ["slice"] + (["int"] if n or allow_out else []) + \
                (["array"] if allow_arrays and (n or allow_out) else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "slice":
            entries.append(draw(st.slices(max(n, 1))))
        elif kind == "int":
            entries.append(draw(_int_entry(n, allow_out)))
        else:
            ishape = draw(st.sampled_from([(), (1,), (2,), (2, 1), (3,)]))
            entries.append(draw(hnp.arrays(np.int64, ishape, elements=_int_entry(n, allow_out))))
    if entries and draw(st.booleans()):
        cut = draw(st.integers(0, len(entries)))
        if not used_ellipsis:
            entries = entries[:cut] + [Ellipsis] + entries[cut + draw(st.integers(0, 1)):]
    elif entries and draw(st.booleans()):
        entries = entries[:draw(st.integers(0, len(entries)))]
    return tuple(entries)


def _compare_get(a, idx, device=False):
    x = ovnp.asarray(a)
    try:
        want = a[idx]
    except Exception:  # noqa: BLE001
        same_error(lambda: x[idx], lambda: a[idx])
        return
    got = x[idx]
    assert_same(on_device(got) if device else got, want)


# ------------------------------------------------------------------ reading

@given(st.data())
def test_getitem_basic_indices(data):
    a = data.draw(arrays(shape=SMALL))
    idx = data.draw(hnp.basic_indices(a.shape, allow_newaxis=True, allow_ellipsis=True))
    _compare_get(a, idx)


@given(st.data())
def test_getitem_basic_indices_on_device(data):
    a = data.draw(arrays(shape=SMALL, dtypes=[np.dtype(np.float32), np.dtype(np.uint8),
                                              np.dtype(np.bool_)]))
    idx = data.draw(hnp.basic_indices(a.shape, allow_newaxis=True, allow_ellipsis=True))
    _compare_get(a, idx, device=True)


@given(st.data())
def test_getitem_mixed_advanced(data):
    a = data.draw(arrays(shape=SMALL))
    idx = data.draw(mixed_index(a.shape))
    _compare_get(a, idx, device=data.draw(st.booleans()))


@given(st.data())
def test_getitem_invalid_indices_raise_like_numpy(data):
    a = data.draw(arrays(shape=SMALL, dtypes=[np.dtype(np.int32)]))
    idx = data.draw(mixed_index(a.shape, allow_out=True))
    extra = data.draw(st.sampled_from([(), (0,), (slice(None),), (1.5,)]))
    _compare_get(a, idx + extra)


@given(st.data())
def test_getitem_boolean_masks(data):
    a = data.draw(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=4)))
    k = data.draw(st.integers(0, a.ndim))
    mask = data.draw(hnp.arrays(np.bool_, a.shape[:k]))
    rest = data.draw(st.sampled_from([(), (Ellipsis,), (slice(None, None, -1),)]))[:a.ndim - k]
    _compare_get(a, (mask,) + rest)
    x = ovnp.asarray(a)
    assert_same(x[ovnp.asarray(mask)], a[mask])          # an ovnp mask (materialized)
    wrong = np.ones(tuple(n + 1 for n in a.shape), bool)
    same_error(lambda: x[wrong], lambda: a[wrong])


def test_getitem_results_and_scalars():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    x = ovnp.asarray(a)
    assert x[1, 2].shape == () and float(x[1, 2]) == 6.0
    assert x[-1].tolist() == [8, 9, 10, 11]
    assert_same(x[::-2, ::3], a[::-2, ::3])
    assert_same(x[None, ..., None], a[None, ..., None])
    assert_same(x[[0, 2], :][:, [True, False, True, False]], a[[0, 2]][:, [0, 2]])
    assert_same(x[ovnp.asarray([2, 0])], a[[2, 0]])      # an ovnp index array
    assert_same(x[1:1], a[1:1])                           # empty
    assert_same(x[[], 0], a[[], 0])
    z = ovnp.asarray(np.float32(5))
    assert_same(z[()], np.float32(5))
    assert_same(z[...], np.asarray(np.float32(5)))
    assert_same(z[None], np.float32(5)[None])
    with pytest.raises(IndexError):
        z[0]
    # where the advanced axes land: adjacent -> in place, separated -> in front
    b = np.zeros((2, 3, 4, 5), np.int8)
    y = ovnp.asarray(b)
    assert y[:, [0, 1], [1, 2], :].shape == b[:, [0, 1], [1, 2], :].shape == (2, 2, 5)
    assert y[:, [0, 1], :, [1, 2]].shape == b[:, [0, 1], :, [1, 2]].shape == (2, 2, 4)
    assert y[:, 0, :, [1, 2]].shape == b[:, 0, :, [1, 2]].shape == (2, 2, 4)
    assert y[:, 0, [1, 2]].shape == b[:, 0, [1, 2]].shape == (2, 2, 5)


# ------------------------------------------------------------------ writing

def _compare_set(a, idx, value):
    want = a.copy()
    x = ovnp.asarray(a)
    v = ovnp.asarray(value) if isinstance(value, np.ndarray) and value.dtype != object else value
    try:
        want[idx] = value
    except Exception:  # noqa: BLE001
        def numpy_set():
            b = a.copy()
            b[idx] = value

        def ovnp_set():
            x[idx] = v
        same_error(ovnp_set, numpy_set)
        return
    x[idx] = v
    assert_same(x, want)


def _value_for(data, shape, dtype):
    """A value NumPy accepts for a target of `shape`: scalar, full, or broadcastable."""
    kind = data.draw(st.sampled_from(["scalar", "full", "broadcast", "other_dtype"]))
    if kind == "scalar":
        return data.draw(st.one_of(st.integers(0, 100), st.floats(-50, 50), st.booleans()))
    vshape = shape
    if kind == "broadcast" and shape:
        vshape = (1,) * data.draw(st.integers(0, 1)) + tuple(
            1 if data.draw(st.booleans()) else n for n in shape)[data.draw(st.integers(0, len(shape))):]
    vdtype = dtype if kind != "other_dtype" else data.draw(st.sampled_from(ALL_DTYPES))
    return data.draw(arrays(dtype=vdtype, shape=vshape,
                            elements_of=lambda d: st.integers(0, 100).map(d.type)
                            if d.kind != "b" else st.booleans()))


@given(st.data())
def test_setitem_basic(data):
    a = data.draw(arrays(shape=SMALL, dtypes=[np.dtype(np.float32), np.dtype(np.int16),
                                              np.dtype(np.bool_), np.dtype(np.uint8)]))
    idx = data.draw(hnp.basic_indices(a.shape, allow_newaxis=True, allow_ellipsis=True))
    _compare_set(a, idx, _value_for(data, np.shape(a[idx]), a.dtype))


@given(st.data())
def test_setitem_advanced_and_masks(data):
    a = data.draw(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=4),
                         dtypes=[np.dtype(np.float32), np.dtype(np.int32)]))
    if data.draw(st.booleans()):
        idx = data.draw(mixed_index(a.shape))
    else:
        idx = data.draw(hnp.arrays(np.bool_, a.shape[:data.draw(st.integers(1, a.ndim))]))
    _compare_set(a, idx, _value_for(data, np.shape(a[idx]), a.dtype))


@given(st.data())
def test_setitem_invalid_raises_like_numpy(data):
    # An invalid index with a valid value, or a valid index with an invalid value.
    # (When both are wrong, which error NumPy reports first is an implementation detail.)
    a = data.draw(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=4),
                         dtypes=[np.dtype(np.uint8), np.dtype(np.float32)]))
    if data.draw(st.booleans()):
        idx, value = data.draw(mixed_index(a.shape, allow_out=True)), 1
    else:
        idx = data.draw(mixed_index(a.shape))
        value = data.draw(st.sampled_from([300, -1, np.ones(7, np.float32), np.nan, "x", 2**40]))
    _compare_set(a, idx, value)


def test_setitem_repeated_indices_keep_the_last_value():
    a = np.zeros(5, np.float32)
    x = ovnp.asarray(a)
    x[[1, 3, 1, 1]] = ovnp.asarray([1.0, 2.0, 3.0, 4.0])
    a[[1, 3, 1, 1]] = [1.0, 2.0, 3.0, 4.0]
    assert_same(x, a)
    x[[0, 0]] += 1           # NumPy: incremented once
    a[[0, 0]] += 1
    assert_same(x, a)


def test_setitem_casts_like_numpy():
    x = ovnp.asarray(np.zeros(3, np.int32))
    x[0] = 2.9
    x[1:] = np.array([-1.5, 7.2])
    assert x.tolist() == [2, -1, 7]
    u = ovnp.asarray(np.zeros(2, np.uint8))
    with pytest.raises(OverflowError):
        u[0] = 300
    with pytest.raises(ValueError):
        u[0] = np.nan
    b = ovnp.asarray(np.zeros(2, bool))
    b[1] = 5
    assert b.tolist() == [False, True]


def test_mask_write_with_a_scalar_stays_lazy():
    a = np.arange(-3, 3, dtype=np.float32)
    x = ovnp.asarray(a)
    mask = x < 0
    x[mask] = 0
    assert mask._node.value is None       # the mask was not materialized
    a[a < 0] = 0
    assert_same(x, a)
    y = ovnp.asarray(np.arange(6, dtype=np.int32).reshape(2, 3))
    y[ovnp.asarray([True, False])] = 7
    assert y.tolist() == [[7, 7, 7], [3, 4, 5]]


# ------------------------------------------------------------------ views

def test_views_write_through_both_directions():
    a = np.arange(10, dtype=np.float32)
    x = ovnp.asarray(a)
    b = x[2:5]
    b[0] = 9
    a[2] = 9
    assert_same(x, a)
    x[3] = 7
    a[3] = 7
    assert b.tolist() == [9, 7, 4]
    s = x[::-3]                  # negative step
    s[1] = -1
    a[::-3][1] = -1
    assert_same(x, a)
    x[0] = 100
    a[0] = 100
    assert_same(s, a[::-3])
    assert s.tolist() == [9, -1, 7, 100]
    nested = x[1:9][::2]         # a view of a view
    nested[...] = 0
    a[1:9][::2] = 0
    assert_same(x, a)
    assert_same(b, a[2:5])


def test_views_2d_and_inplace_operators():
    a = np.arange(12, dtype=np.int32).reshape(3, 4)
    x = ovnp.asarray(a)
    row = x[1]
    col = x[:, 2]
    row[:] = -1
    a[1] = -1
    assert_same(x, a)
    assert_same(col, a[:, 2])
    x[1:] += 1
    a[1:] += 1
    assert_same(x, a)
    x[:, ::2] *= 3
    a[:, ::2] *= 3
    assert_same(x, a)
    col -= 5                     # writes through the column view
    a[:, 2] -= 5
    assert_same(x, a)
    assert_same(row, a[1])
    adv = x[[0, 2]]              # advanced indexing copies
    adv[0] = 1000
    assert_same(x, a)


def test_view_through_reshape_and_transpose_base():
    a = np.arange(6, dtype=np.float32)
    x = ovnp.asarray(a)
    t = x.reshape(2, 3).T        # whatever the shape helper makes of these
    got = t[1:, 0]
    assert_same(got, a.reshape(2, 3).T[1:, 0])


def test_copyto():
    a = np.zeros((2, 3), np.float32)
    x = ovnp.asarray(a)
    ovnp.copyto(x, ovnp.asarray(np.arange(3, dtype=np.int16)))
    np.copyto(a, np.arange(3, dtype=np.int16))
    assert_same(x, a)
    ovnp.copyto(x, 5, where=ovnp.asarray(np.array([True, False, True])))
    np.copyto(a, 5, where=np.array([True, False, True]))
    assert_same(x, a)
    i = ovnp.asarray(np.zeros(3, np.int32))
    same_error(lambda: ovnp.copyto(i, ovnp.asarray(np.ones(3, np.float32))),
               lambda: np.copyto(np.zeros(3, np.int32), np.ones(3, np.float32)))
    same_error(lambda: ovnp.copyto(i, np.ones(4, np.int32)),
               lambda: np.copyto(np.zeros(3, np.int32), np.ones(4, np.int32)))
    ovnp.copyto(i, np.array([1.9, 2.1, -3.5]), casting="unsafe")
    assert i.tolist() == [1, 2, -3]
    v = x[0]
    ovnp.copyto(v, 8)            # into a view: writes through
    a[0] = 8
    assert_same(x, a)


@given(st.data())
def test_copyto_matches_numpy(data):
    dst = data.draw(arrays(shape=shapes(max_dims=2, max_side=3), dtypes=[np.dtype(np.float32),
                                                                        np.dtype(np.int32),
                                                                        np.dtype(np.uint8)]))
    src = data.draw(arrays(shape=st.sampled_from([(), dst.shape, dst.shape[1:], (4,)])))
    casting = data.draw(st.sampled_from(["same_kind", "unsafe", "safe", "no"]))
    want = dst.copy()
    x = ovnp.asarray(dst)
    try:
        with np.errstate(all="ignore"):
            np.copyto(want, src, casting=casting)
    except Exception:  # noqa: BLE001
        same_error(lambda: ovnp.copyto(x, ovnp.asarray(src), casting=casting),
                   lambda: np.copyto(dst.copy(), src, casting=casting))
        return
    if src.dtype.kind == "f" and dst.dtype.kind in "iu":
        return  # float -> int of NaN/inf/out-of-range is undefined in both
    ovnp.copyto(x, ovnp.asarray(src), casting=casting)
    assert_same(x, want)


# ------------------------------------------------------------------ compiles

def test_scalar_write_loop_compiles_a_bounded_number_of_times():
    x = ovnp.asarray(np.zeros(64, np.float32))
    x = x + 0                    # pending, so the writes stay lazy on top of it
    before = misses()
    for i in range(10_000):
        x[i % 64] = float(i)
    got = x.to_numpy()
    compiles = misses() - before
    want = np.zeros(64, np.float32)
    for i in range(10_000):
        want[i % 64] = i
    np.testing.assert_array_equal(got, want)
    print(f"10,000 scalar writes: {compiles} compiles")
    assert compiles <= 3, compiles


def test_reading_computed_elements_never_compiles():
    x = ovnp.asarray(np.arange(10, dtype=np.float32)) * 2
    x.to_numpy()
    before = misses()
    assert float(x[3]) == 6.0
    assert x[2:5].tolist() == [4, 6, 8]
    assert x[[1, 1]].tolist() == [2, 2]
    assert misses() == before


def test_loop_reading_a_pending_array_compiles_it_once():
    y = ovnp.asarray(np.arange(50, dtype=np.float32)) * 3 + 1
    before = misses()
    values = [float(y[i]) for i in range(50)]
    assert values == [3 * i + 1 for i in range(50)]
    assert misses() - before <= 1


def test_traps_empty_selection_and_scalar_scatter():
    # OpenVINO's Gather dies with SIGFPE on empty indices; ScatterUpdate refuses 0-d ones.
    x = ovnp.asarray(np.arange(4, dtype=np.float32)) + 1
    assert_same(on_device(x[2:2]), np.zeros(0, np.float32))
    assert_same(on_device(x[np.zeros((0, 2), int)]), np.zeros((0, 2), np.float32))
    x[[]] = 5
    x[np.array(2)] = 9
    x[1] = 8
    assert x.tolist() == [1, 8, 9, 4]


# ------------------------------------------------------------------ iteration

@given(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=3)))
def test_iteration_flat_ndindex_ndenumerate(a):
    x = ovnp.asarray(a)
    rows = list(x)
    assert len(rows) == len(a)
    for r, w in zip(rows, a):
        if a.ndim == 1:     # NumPy scalars, as NumPy's iteration gives (issue 15 item 4)
            assert type(r) is type(w) and (r == w or (r != r and w != w))
        else:
            assert_same(r, w)
    assert len(x.flat) == a.size
    got = list(x.flat)
    want = list(a.flat)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w or (g != g and w != w)
    if a.size:
        assert_same(x.flat[a.size - 1], a.flat[a.size - 1])
        assert_same(x.flat[::2], a.flat[::2])
    same_error(lambda: x.flat[a.size], lambda: a.flat[a.size])
    assert list(ovnp.ndindex(*a.shape)) == list(np.ndindex(*a.shape))
    for (gi, gv), (wi, wv) in zip(ovnp.ndenumerate(x), np.ndenumerate(a)):
        assert gi == wi and (gv == wv or (gv != gv and wv != wv))
    np.testing.assert_array_equal(np.asarray(x.flat), a.ravel())


def test_flat_assignment_and_row_views():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    x = ovnp.asarray(a)
    x.flat[[0, 4]] = 50
    a.flat[[0, 4]] = 50
    x.flat[1:3] = [7, 8]
    a.flat[1:3] = [7, 8]
    assert_same(x, a)
    for row in x:                 # rows are views, as in NumPy
        row[0] = -1
    a[:, 0] = -1
    assert_same(x, a)
    with pytest.raises(TypeError):
        iter(ovnp.asarray(np.float32(1)))
