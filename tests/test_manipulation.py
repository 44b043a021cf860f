"""Shape manipulation against NumPy: values, dtypes, views and their write-through."""

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

import ovnp
from strategies import (ALL_DTYPES, NUMERIC_DTYPES, arrays, assert_same, same_error,
                        shapes)

SMALL = shapes(max_dims=4, max_side=4)
NONEMPTY_2D_UP = shapes(min_dims=2, max_dims=4, min_side=1, max_side=4)


def misses():
    return ovnp.cache_info().misses


def pending(x):
    """x as a node that is computed on the device (not answered on the host)."""
    return ovnp.where(True, x, x)


def both(a):
    """The same values as an ovnp data leaf (host path) and as a pending node (device path)."""
    return [ovnp.asarray(a), pending(ovnp.asarray(a))]


def check(a, f, g=None, device=True, **kw):
    want = (g or f)(a)
    for x in both(a) if device else [ovnp.asarray(a)]:
        got = f(x)
        if isinstance(want, (tuple, list)):
            assert len(got) == len(want)
            for r, w in zip(got, want):
                assert_same(r, w, **kw)
        else:
            assert_same(got, want, **kw)


def check_error(a, f, g=None):
    same_error(lambda: f(ovnp.asarray(a)), lambda: (g or f)(a))


def check_or_error(a, f, **kw):
    """NumPy's answer when it has one (check), else NumPy's exception (check_error)."""
    try:
        want = f(a)
    except Exception:  # noqa: BLE001
        check_error(a, f)
    else:
        check(a, f, lambda m: want, **kw)


# ------------------------------------------------------------------ reshape, ravel, flatten

def _reshape_targets(shape):
    size = int(np.prod(shape))
    return st.sampled_from([(-1,), (size,), (1, -1), (-1, 1), tuple(shape)[::-1], tuple(shape) + (1,),
                            (size, 1, 1), (2, -1), (3, -1), (-1, -1), (size + 1,), (0,)])


@given(arrays(shape=SMALL), st.data(), st.sampled_from(["C", "F", "A"]))
def test_reshape_matches_numpy(a, data, order):
    target = data.draw(_reshape_targets(a.shape))
    try:
        want = np.reshape(a, target, order=order)
    except Exception:  # noqa: BLE001
        check_error(a, lambda x: x.reshape(target, order=order),
                    lambda x: np.reshape(x, target, order=order))
        return
    check(a, lambda x: ovnp.reshape(x, target, order=order), lambda x: want)
    check(a, lambda x: x.reshape(target, order=order), lambda x: want)
    if len(target) > 1:
        assert_same(ovnp.asarray(a).reshape(*target), a.reshape(*target))


PERMS = st.permutations


@given(arrays(shape=SMALL), st.data(), st.sampled_from(["C", "F", "A", "K"]))
def test_ravel_every_order_on_transposed_views(a, data, order):
    """ravel's four orders, exact on every shape (0-d, empty) and dtype, also on the
    non-contiguous layouts a transpose makes (order K/A follow the memory layout)."""
    perm = data.draw(st.permutations(range(a.ndim)))
    check(a, lambda x: ovnp.ravel(ovnp.transpose(x, perm), order),
          lambda x: np.ravel(np.transpose(x, perm), order))
    check(a, lambda x: x.transpose(perm).ravel(order), lambda x: x.transpose(perm).ravel(order))
    check(a, lambda x: x.transpose(perm).flatten(order), lambda x: x.transpose(perm).flatten(order))


def test_reshape_and_ravel_errors():
    a = np.arange(6)
    for f in (lambda m: m.reshape(4, -1), lambda m: m.reshape(-1, -1), lambda m: m.reshape(-2, 4),
              lambda m: m.reshape((2, 3), order="K"), lambda m: m.ravel("X"),
              lambda m: m.reshape(2.0, 3), lambda m: m.reshape(7),
              lambda m: m.T.reshape((6,), copy=False) if m.ndim > 1 else m.reshape(2, 3).T.reshape(6, copy=False)):
        check_error(a, f)
    assert_same(ovnp.asarray(a).reshape(-2, 3), a.reshape(-2, 3))   # any negative is "unknown"


# ------------------------------------------------------------------ views write through

def _view_ops(ndim):
    """(name, function) pairs that return views in NumPy, valid for `ndim`."""
    ops = [("T", lambda m: m.T), ("transpose", lambda m: m.transpose()),
           ("ravelC", lambda m: m.ravel()), ("ravelF", lambda m: m.ravel("F")),
           ("ravelK", lambda m: m.ravel("K")), ("ravelA", lambda m: m.ravel("A")),
           ("reshape-1", lambda m: m.reshape(-1)), ("reshapeF", lambda m: m.reshape(-1, order="F")),
           ("expand0", lambda m: np_or_ov(m).expand_dims(m, 0)),
           ("squeeze", lambda m: m.squeeze()), ("atleast_2d", lambda m: np_or_ov(m).atleast_2d(m)),
           ("atleast_3d", lambda m: np_or_ov(m).atleast_3d(m)),
           ("flip", lambda m: np_or_ov(m).flip(m)), ("view", lambda m: m.view())]
    if ndim >= 1:
        ops += [("flipud", lambda m: np_or_ov(m).flipud(m)), ("moveaxis", lambda m: np_or_ov(m).moveaxis(m, 0, -1)),
                ("rollaxis", lambda m: np_or_ov(m).rollaxis(m, -1))]
    if ndim >= 2:
        ops += [("swapaxes", lambda m: m.swapaxes(0, 1)), ("mT", lambda m: m.mT),
                ("matrix_transpose", lambda m: np_or_ov(m).matrix_transpose(m)),
                ("rot90", lambda m: np_or_ov(m).rot90(m)), ("fliplr", lambda m: np_or_ov(m).fliplr(m))]
    return ops


def np_or_ov(m):
    return ovnp if isinstance(m, ovnp.ndarray) else np


@given(arrays(shape=SMALL, dtypes=NUMERIC_DTYPES), st.data())
def test_views_write_through_both_ways(a, data):
    """Two chained view ops, then in-place writes into the view and into the base, in
    NumPy and ovnp side by side: the base and the view agree with NumPy's after each."""
    f = data.draw(st.sampled_from(_view_ops(a.ndim)), label="first")
    ref = a.copy()
    rv = f[1](ref)
    g = data.draw(st.sampled_from(_view_ops(rv.ndim)), label="second")
    rv = g[1](rv)
    x = ovnp.asarray(a)
    xv = g[1](f[1](x))
    assert isinstance(xv, ovnp.ndarray)
    # write into the view with an operator
    rv += 1
    xv += 1
    assert_same(x, ref)
    assert_same(xv, rv)
    # write into the view with out=
    np.add(rv, 2, out=rv)
    ovnp.add(xv, 2, out=xv)
    assert_same(x, ref)
    assert_same(xv, rv)
    # write into the base: the view sees it (only if NumPy's view does)
    ref *= 3
    x *= 3
    assert_same(x, ref)
    assert_same(xv, rv)


def test_reshape_of_transpose_is_a_copy_like_numpy():
    a = np.arange(6.0).reshape(2, 3)
    x = ovnp.asarray(a)
    r = x.T.reshape(6)          # NumPy copies here: no write-through
    r += 100
    assert x.tolist() == a.tolist()
    v = x.reshape(3, 2)         # a view: writes go through
    v += 1
    assert x.tolist() == (a + 1).tolist()
    with pytest.raises(ValueError):
        x.T.reshape(6, copy=False)


def test_view_chain_sees_base_rebinding():
    x = ovnp.asarray(np.arange(4, dtype=np.int32))
    v = x.reshape(2, 2).T
    x += 10
    assert v.tolist() == [[10, 12], [11, 13]]
    v[...] if False else None
    ovnp.add(v, 1, out=v)
    assert x.tolist() == [11, 12, 13, 14]


def test_broadcast_to_is_read_only():
    x = ovnp.asarray(np.arange(3.0))
    b = ovnp.broadcast_to(x, (2, 3))
    assert b.tolist() == [[0, 1, 2]] * 2
    x += 1                               # the base's writes are seen
    assert b.tolist() == [[1, 2, 3]] * 2
    with pytest.raises(ValueError):
        b += 1
    with pytest.raises(ValueError):
        ovnp.add(b, 1, out=b)
    assert x.tolist() == [1, 2, 3]


# ------------------------------------------------------------------ axes

@given(arrays(shape=SMALL), st.data())
def test_transpose_family(a, data):
    n = a.ndim
    axis = st.integers(-n - 1, n)
    perm = data.draw(st.one_of(st.permutations(range(n)), st.lists(st.integers(-n - 1, n), max_size=n + 1)))
    i, j = data.draw(axis), data.draw(axis)
    for f in (lambda m: np_or_ov(m).transpose(m, perm), lambda m: np_or_ov(m).permute_dims(m, perm),
              lambda m: m.transpose(*perm) if perm else m.transpose(),
              lambda m: np_or_ov(m).swapaxes(m, i, j), lambda m: np_or_ov(m).moveaxis(m, i, j),
              lambda m: np_or_ov(m).rollaxis(m, i, j), lambda m: np_or_ov(m).matrix_transpose(m),
              lambda m: np_or_ov(m).moveaxis(m, perm, list(range(len(perm))))):
        check_or_error(a, f)


@given(arrays(shape=SMALL), st.data())
def test_squeeze_expand_dims_atleast(a, data):
    n = a.ndim
    ax = data.draw(st.one_of(st.none(), st.integers(-n - 2, n + 1),
                             st.lists(st.integers(-n - 2, n + 1), max_size=3).map(tuple)))
    for f in (lambda m: np_or_ov(m).squeeze(m, ax), lambda m: m.squeeze(ax),
              lambda m: np_or_ov(m).expand_dims(m, 0 if ax is None else ax),
              lambda m: np_or_ov(m).atleast_1d(m), lambda m: np_or_ov(m).atleast_2d(m),
              lambda m: np_or_ov(m).atleast_3d(m)):
        check_or_error(a, f)
    assert len(ovnp.atleast_1d(ovnp.asarray(a), ovnp.asarray(a))) == 2


@given(arrays(shape=shapes(max_dims=3, max_side=3)), st.data())
def test_broadcasting(a, data):
    target = data.draw(shapes(max_dims=4, max_side=3))
    try:
        want = np.broadcast_to(a, target)
    except Exception:  # noqa: BLE001
        check_error(a, lambda m: np_or_ov(m).broadcast_to(m, target))
    else:
        check(a, lambda m: ovnp.broadcast_to(m, target), lambda m: want)
    other = data.draw(shapes(max_dims=3, max_side=3))
    try:
        want = np.broadcast_arrays(a, np.zeros(other, np.int8))
        assert ovnp.broadcast_shapes(a.shape, other) == np.broadcast_shapes(a.shape, other)
    except ValueError:
        with pytest.raises(ValueError):
            ovnp.broadcast_arrays(ovnp.asarray(a), ovnp.zeros(other, ovnp.int8))
        with pytest.raises(ValueError):
            ovnp.broadcast_shapes(a.shape, other)
    else:
        got = ovnp.broadcast_arrays(ovnp.asarray(a), ovnp.zeros(other, ovnp.int8))
        for r, w in zip(got, want):
            assert_same(r, w)


# ------------------------------------------------------------------ joining

@st.composite
def joinable(draw, same_shape=False):
    shape = list(draw(shapes(min_dims=1, max_dims=3, max_side=3)))
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    out = []
    for _ in range(draw(st.integers(1, 3))):
        s = list(shape)
        if not same_shape:
            s[axis] = draw(st.integers(0, 3))
        out.append(draw(arrays(shape=tuple(s))))
    return out, axis


@given(joinable(), st.sampled_from([None, np.float32, np.int16]))
def test_concatenate_matches_numpy(pair, dtype):
    parts, axis = pair
    want = np.concatenate(parts, axis=axis)
    if dtype is not None:
        try:
            want = np.concatenate(parts, axis=axis, dtype=dtype, casting="unsafe")
        except Exception:  # noqa: BLE001
            return
    for xs in ([ovnp.asarray(p) for p in parts], [pending(ovnp.asarray(p)) for p in parts]):
        got = ovnp.concatenate(xs, axis=axis, dtype=dtype, casting="unsafe") if dtype else \
            ovnp.concatenate(xs, axis=axis)
        assert_same(got, want)
        assert_same(ovnp.concat(xs, axis=axis), np.concat(parts, axis=axis))
    assert_same(ovnp.concatenate([ovnp.asarray(p) for p in parts], axis=None),
                np.concatenate(parts, axis=None))


@given(joinable(same_shape=True))
def test_stacks_match_numpy(pair):
    parts, axis = pair
    xs = [ovnp.asarray(p) for p in parts]
    assert_same(ovnp.stack(xs, axis=axis), np.stack(parts, axis=axis))
    assert_same(ovnp.stack(xs, axis=-1), np.stack(parts, axis=-1))
    for name in ("hstack", "vstack", "dstack", "column_stack"):
        try:
            want = getattr(np, name)(parts)
        except Exception:  # noqa: BLE001
            same_error(lambda: getattr(ovnp, name)(xs), lambda: getattr(np, name)(parts))
        else:
            assert_same(getattr(ovnp, name)(xs), want)


def test_join_errors_and_casting():
    a, b = np.zeros((2, 3)), np.zeros((3, 3))
    x, y = ovnp.asarray(a), ovnp.asarray(b)
    same_error(lambda: ovnp.concatenate([x, y], axis=1), lambda: np.concatenate([a, b], axis=1))
    same_error(lambda: ovnp.concatenate([x, ovnp.zeros(3)]), lambda: np.concatenate([a, np.zeros(3)]))
    same_error(lambda: ovnp.concatenate([]), lambda: np.concatenate([]))
    same_error(lambda: ovnp.concatenate([ovnp.asarray(1.0)]), lambda: np.concatenate([np.float32(1.0)]))
    same_error(lambda: ovnp.concatenate([x], axis=2), lambda: np.concatenate([a], axis=2))
    same_error(lambda: ovnp.stack([x, y]), lambda: np.stack([a, b]))
    same_error(lambda: ovnp.concatenate([x, x], dtype=np.int32),
               lambda: np.concatenate([a, a], dtype=np.int32))
    assert ovnp.concatenate([ovnp.asarray([1], np.int8), ovnp.asarray([300], np.int16)]).dtype == np.int16
    assert ovnp.concatenate([ovnp.asarray([1], np.int32), ovnp.asarray([3], np.uint32)]).dtype == np.int32
    out = ovnp.zeros((4, 3))
    assert ovnp.concatenate([x, x], out=out) is out and out.shape == (4, 3)


def test_block_matches_numpy():
    a, b = np.eye(2, dtype=np.float32), np.arange(4, dtype=np.int16).reshape(2, 2)
    c = np.arange(3.0)
    x, y, z = map(ovnp.asarray, (a, b, c))
    assert_same(ovnp.block([[x, y], [y, x]]), np.block([[a, b], [b, a]]))
    assert_same(ovnp.block([z, 1, z]), np.block([c, 1, c]))
    assert_same(ovnp.block(z), np.block(c))
    assert_same(ovnp.block([[z], [z]]), np.block([[c], [c]]))
    for bad in ([[x], y], [], (x, y), [[x, y], []]):
        same_error(lambda: ovnp.block(bad), lambda: np.block(_to_np(bad)))


def _to_np(obj):
    if isinstance(obj, list):
        return [_to_np(o) for o in obj]
    if isinstance(obj, tuple):
        return tuple(_to_np(o) for o in obj)
    return obj.to_numpy() if isinstance(obj, ovnp.ndarray) else obj


# ------------------------------------------------------------------ splitting

@given(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=5)), st.data())
def test_splits_match_numpy(a, data):
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    how = data.draw(st.one_of(st.integers(-1, 4), st.lists(st.integers(-6, 6), max_size=3)))
    for name in ("split", "array_split"):
        f = lambda m, name=name: getattr(np_or_ov(m), name)(m, how, axis)  # noqa: E731
        check_or_error(a, f, device=name == "array_split")
    for name in ("hsplit", "vsplit", "dsplit"):
        f = lambda m, name=name: getattr(np_or_ov(m), name)(m, how)  # noqa: E731
        check_or_error(a, f, device=False)
    check(a, lambda m: np_or_ov(m).unstack(m, axis=axis), device=False)
    same_error(lambda: ovnp.unstack(ovnp.asarray(1)), lambda: np.unstack(np.asarray(1)))


# ------------------------------------------------------------------ repeating and flipping

@given(arrays(shape=SMALL), st.data())
def test_tile_repeat(a, data):
    reps = data.draw(st.one_of(st.integers(0, 3), st.lists(st.integers(0, 2), max_size=4).map(tuple)))
    check(a, lambda m: np_or_ov(m).tile(m, reps))
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1))) if a.ndim else None
    n = a.size if axis is None else a.shape[axis]
    repeats = data.draw(st.one_of(st.integers(0, 3), st.lists(st.integers(0, 3), min_size=n, max_size=n),
                                  st.lists(st.integers(-1, 2), max_size=3)))
    f = lambda m: np_or_ov(m).repeat(m, repeats, axis)  # noqa: E731
    try:
        want = f(a)
    except Exception:  # noqa: BLE001
        check_error(a, f)
    else:
        check(a, f, lambda m: want)
        check(a, lambda m: m.repeat(repeats, axis), lambda m: want)


@given(arrays(shape=SMALL), st.data())
def test_flip_roll_rot90(a, data):
    n = a.ndim
    axis = data.draw(st.one_of(st.none(), st.integers(-n - 1, n),
                               st.lists(st.integers(-n, max(n - 1, 0)), max_size=2, unique=True).map(tuple)))
    shift = data.draw(st.integers(-7, 7))
    k = data.draw(st.integers(-5, 5))
    axes = data.draw(st.tuples(st.integers(-n - 1, n), st.integers(-n - 1, n)))
    for f in (lambda m: np_or_ov(m).flip(m, axis), lambda m: np_or_ov(m).fliplr(m),
              lambda m: np_or_ov(m).flipud(m), lambda m: np_or_ov(m).roll(m, shift, axis),
              lambda m: np_or_ov(m).roll(m, (shift, 1), (0, -1)),
              lambda m: np_or_ov(m).rot90(m, k), lambda m: np_or_ov(m).rot90(m, k, axes)):
        check_or_error(a, f)


# ------------------------------------------------------------------ padding

PAD_MODES = ["constant", "edge", "reflect", "symmetric", "wrap", "linear_ramp", "maximum",
             "minimum", "mean", "empty"]


@given(arrays(shape=shapes(max_dims=3, max_side=4)), st.data(), st.sampled_from(PAD_MODES))
def test_pad_every_mode(a, data, mode):
    n = max(a.ndim, 1)
    width = data.draw(st.one_of(st.integers(0, 5), st.tuples(st.integers(0, 3), st.integers(0, 3)),
                                st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)),
                                         min_size=n, max_size=n)))
    kwargs = {}
    if mode == "constant":
        kwargs["constant_values"] = data.draw(st.one_of(st.integers(0, 100), st.tuples(
            st.integers(0, 100), st.integers(0, 100))))
    if mode in ("maximum", "minimum", "mean"):
        kwargs["stat_length"] = data.draw(st.one_of(st.none(), st.integers(1, 3)))
        if mode == "mean":
            # NumPy's mean pad of floats averages in the array's dtype (float16 rounds
            # differently) and of integers rounds half to even in float64: keep values small.
            assume(a.dtype.kind != "f" or a.dtype == np.float32)
            a = np.where(np.isfinite(a), a, 0).astype(a.dtype) if a.dtype.kind == "f" else a
            a = (a % 50).astype(a.dtype) if a.dtype.kind in "iu" else a
            if a.dtype.kind == "f":
                a = np.clip(a, -1e3, 1e3).astype(a.dtype)
    if mode == "linear_ramp":
        kwargs["end_values"] = data.draw(st.integers(0, 20))
        assume(a.dtype.kind != "b")
        a = (a % 50).astype(a.dtype) if a.dtype.kind in "iu" else np.clip(
            np.where(np.isfinite(a), a, 0), -100, 100).astype(a.dtype)
    f = lambda m: np_or_ov(m).pad(m, width, mode, **kwargs)  # noqa: E731
    try:
        want = f(a)
    except Exception:  # noqa: BLE001
        check_error(a, f)
        return
    if mode == "empty":
        want = np.pad(a, width, "constant")   # ovnp fills with zeros
    tol = {"rtol": 1e-5, "atol": 1e-5} if mode in ("mean", "linear_ramp") else {}
    if mode == "linear_ramp" and a.dtype.kind in "iu":
        got = ovnp.pad(ovnp.asarray(a), width, mode, **kwargs).to_numpy().astype(np.int64)
        assert np.abs(got - want.astype(np.int64)).max(initial=0) <= 1
        return
    check(a, f, lambda m: want, **tol)


def test_pad_errors():
    a = np.arange(6).reshape(2, 3)
    for f in (lambda m: np_or_ov(m).pad(m, -1), lambda m: np_or_ov(m).pad(m, 1.5),
              lambda m: np_or_ov(m).pad(m, 1, "nope"),
              lambda m: np_or_ov(m).pad(m, ((1, 2), (1, 2), (1, 2))),
              lambda m: np_or_ov(m).pad(m, 1, "edge", constant_values=3),
              lambda m: np_or_ov(m[:0]) if False else np_or_ov(m).pad(m[:0] if isinstance(m, np.ndarray) else ovnp.zeros((0, 3), m.dtype), 1, "wrap")):
        check_error(a, f)


# ------------------------------------------------------------------ insert, delete, append, resize, trim_zeros

@given(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=4)), st.data())
def test_insert_delete_append(a, data):
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1)))
    obj = data.draw(st.one_of(st.integers(-6, 6), st.lists(st.integers(-6, 6), max_size=3),
                              st.slices(6)))
    value = data.draw(st.one_of(st.integers(0, 9), st.lists(st.integers(0, 9), min_size=1, max_size=3)))
    for f in (lambda m: np_or_ov(m).insert(m, obj, value, axis),
              lambda m: np_or_ov(m).delete(m, obj, axis)):
        check_or_error(a, f)
    f = lambda m: np_or_ov(m).append(m, m, axis)  # noqa: E731
    check(a, f)


@given(arrays(shape=shapes(max_dims=3, max_side=4)), shapes(max_dims=3, max_side=5))
def test_resize(a, new_shape):
    check(a, lambda m: np_or_ov(m).resize(m, new_shape))


@given(arrays(shape=shapes(min_dims=1, max_dims=2, max_side=6),
              elements_of=lambda d: st.sampled_from([0, 0, 1]).map(lambda v: np.asarray(v).astype(d).item())),
       st.sampled_from(["fb", "f", "b"]))
def test_trim_zeros(a, trim):
    check(a, lambda m: np_or_ov(m).trim_zeros(m, trim))


# ------------------------------------------------------------------ dtypes and methods

@given(arrays(shape=shapes(max_dims=2, max_side=3),
              elements_of=lambda d: st.integers(0, 100).map(lambda v: np.asarray(v).astype(d).item())),
       st.sampled_from(ALL_DTYPES + [np.dtype(np.float64), np.dtype(np.int64)]),
       st.sampled_from(["no", "equiv", "safe", "same_kind", "unsafe"]))
def test_astype_function_and_method(a, dtype, casting):
    check(a, lambda m: np_or_ov(m).astype(m, dtype))
    f = lambda m: m.astype(dtype, casting=casting)  # noqa: E731
    check_or_error(a, f)


def test_copy_fill_view_methods():
    x = ovnp.asarray(np.arange(4, dtype=np.int32))
    c = x.copy()
    c += 1
    assert x.tolist() == [0, 1, 2, 3] and c.tolist() == [1, 2, 3, 4]
    f = x.flatten()
    f += 1
    assert x.tolist() == [0, 1, 2, 3]
    v = x.reshape(2, 2)
    v.fill(7)                                   # fill a view: writes through
    assert x.tolist() == [7, 7, 7, 7]
    x.fill(2.9)                                 # NumPy casts unsafely: 2
    assert x.tolist() == [2, 2, 2, 2]
    with pytest.raises(OverflowError):
        ovnp.zeros(3, ovnp.int8).fill(300)
    w = x.view()
    w += 1
    assert x.tolist() == [3, 3, 3, 3]
    bits = ovnp.asarray(np.float32([1.0, -2.0])).view(np.int32)
    assert bits.tolist() == np.float32([1.0, -2.0]).view(np.int32).tolist()
    assert ovnp.asarray(np.int8([-1])).view(np.uint8).tolist() == [255]


def test_fill_in_a_loop_compiles_once():
    x = ovnp.zeros(5)
    (x + 1).to_numpy()
    before = misses()
    for v in range(20):
        x.fill(v)
        assert (x + 1).tolist() == [v + 1.0] * 5
    assert misses() - before <= 1


# ------------------------------------------------------------------ the host path

def test_reading_views_of_computed_arrays_never_compiles():
    x = ovnp.asarray(np.arange(24.0).reshape(2, 3, 4)) * 2
    x.to_numpy()
    before = misses()
    a = x.to_numpy()
    assert_same(x.T, a.T)
    assert_same(x.reshape(4, 6, order="F"), a.reshape(4, 6, order="F"))
    assert_same(ovnp.ravel(x, "F"), np.ravel(a, "F"))
    assert_same(ovnp.moveaxis(x, 0, -1), np.moveaxis(a, 0, -1))
    assert_same(ovnp.expand_dims(x, 1), np.expand_dims(a, 1))
    assert_same(ovnp.broadcast_to(x, (2, 2, 3, 4)), np.broadcast_to(a, (2, 2, 3, 4)))
    assert_same(ovnp.flip(x, 1), np.flip(a, 1))
    assert_same(ovnp.rot90(x), np.rot90(a))
    for got, want in zip(ovnp.split(x, 2, axis=2), np.split(a, 2, axis=2)):
        assert_same(got, want)
    assert_same(ovnp.concatenate([x, x]), np.concatenate([a, a]))
    assert_same(ovnp.tile(x, 2), np.tile(a, 2))
    assert_same(ovnp.repeat(x, [1, 2, 0], axis=1), np.repeat(a, [1, 2, 0], axis=1))
    assert_same(ovnp.pad(x, 1, "reflect"), np.pad(a, 1, "reflect"))
    assert_same(ovnp.roll(x, 1, 2), np.roll(a, 1, 2))
    assert misses() == before


def test_building_views_does_not_compile_and_loops_share_models():
    before = misses()
    x = ovnp.asarray(np.ones((3, 4), np.float32))
    for k in range(5):
        y = (ovnp.asarray(np.full((3, 4), k, np.float32)) + x).T.reshape(-1)
        assert ovnp.pad(y, 2, "wrap").shape == (16,)
    assert misses() == before
    for k in range(5):
        y = (ovnp.asarray(np.full((3, 4), k, np.float32)) + x)
        assert ovnp.pad(ovnp.roll(y.T, 1), 1).tolist()[1][1] == k + 1
    assert misses() - before <= 1


# ------------------------------------------------------------------ OpenVINO traps, pinned

def test_trap_transpose_of_empty_feeding_elementwise():
    # CPU plugin: Transpose (1, 0) -> (0, 1) then an elementwise op has an output of size 1
    a = np.zeros((1, 0), np.float32)
    assert_same(pending(ovnp.asarray(a)).T + 1, a.T + 1)
    assert_same(ovnp.column_stack([ovnp.zeros(0, ovnp.bool_), ovnp.zeros(0, ovnp.int8)]),
                np.column_stack([np.zeros(0, bool), np.zeros(0, np.int8)]))


def test_trap_empty_int16_multiply_add_never_reaches_openvino():
    # CPU plugin segfaults compiling Constant (2, 0) i16 -> Multiply -> Add
    got = ovnp.unstack(ovnp.indices([2, 0], np.int16))[0] * 2 + 1
    assert got.shape == (2, 0) and got.dtype == np.int16 and got.to_numpy().shape == (2, 0)


def test_trap_read_only_host_values_feed_the_device():
    # NumPy's broadcast_to is read-only; OpenVINO cannot share read-only memory
    z = ovnp.zeros((2, 3))
    z.to_numpy()
    assert_same(pending(z) + 1, np.ones((2, 3), np.float32))
    e = ovnp.indices([])
    assert_same(pending(e), np.indices([]))
