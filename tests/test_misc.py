"""The misc family against NumPy: metadata and dtype helpers, real/complex helpers,
fill_diagonal, apply_along_axis, apply_over_axes, piecewise, bits, matvec/vecmat,
unwrap, i0, the windows, printing and the checks of asarray_chkfinite/require."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import (ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, NUMERIC_DTYPES, arrays,
                        assert_same, narrowed, same_error, shapes)

F32 = np.dtype(np.float32)
small_shapes = shapes(max_dims=3, max_side=4)
# graphs that compile per shape (i0 has ~120 ops) draw from a few shapes only
few_shapes = st.sampled_from([(), (0,), (5,), (2, 3)])


def finite(lo=-10.0, hi=10.0):
    return lambda d: st.floats(lo, hi, width=16 if d.itemsize == 2 else 32) if d.kind == "f" \
        else st.integers(-5, 5) if d.kind == "i" else st.integers(0, 5) if d.kind == "u" \
        else st.booleans()


def array_and_axis(min_dims=1, max_dims=3, dtypes=ALL_DTYPES, elements_of=None):
    return arrays(shape=shapes(min_dims=min_dims, max_dims=max_dims, max_side=4), dtypes=dtypes,
                  elements_of=elements_of).flatmap(
        lambda a: st.tuples(st.just(a), st.integers(-a.ndim, a.ndim - 1)))


# ------------------------------------------------------------------ metadata (no compile)

@given(arrays(), st.one_of(st.none(), st.integers(-4, 3)))
def test_shape_ndim_size_iterable_match_numpy(a, axis):
    x = ovnp.asarray(a)
    assert ovnp.shape(x) == np.shape(a) and ovnp.ndim(x) == np.ndim(a)
    assert ovnp.iterable(x) == np.iterable(a)
    assert ovnp.isscalar(x) is False and ovnp.isscalar(3.0) and not ovnp.isscalar([1])
    assert ovnp.shape([[1, 2]]) == (1, 2) and ovnp.ndim(5) == 0 and ovnp.size([1, 2]) == 2
    try:
        want = np.size(a, axis)
    except Exception:  # noqa: BLE001
        same_error(lambda: ovnp.size(x, axis), lambda: np.size(a, axis))
    else:
        assert ovnp.size(x, axis) == want


SOME_DTYPES = ALL_DTYPES + [np.dtype(t) for t in (np.int64, np.uint64, np.float64)]


@given(st.sampled_from(SOME_DTYPES), st.sampled_from(SOME_DTYPES))
def test_dtype_helpers_are_numpys_narrowed(d1, d2):
    assert ovnp.promote_types(d1, d2) == narrowed(np.promote_types(d1, d2))
    for kind in (np.integer, np.floating, np.signedinteger, np.number, d2):
        assert ovnp.issubdtype(d1, kind) == np.issubdtype(d1, kind)
    if d1.kind in "iuf" and d2.kind in "iuf":
        a, b = np.zeros(1, d1), np.zeros(1, d2)
        want = narrowed(np.common_type(a, b)).type
        assert ovnp.common_type(ovnp.asarray(a.astype(narrowed(d1))),
                                ovnp.asarray(b.astype(narrowed(d2)))) is want or \
            narrowed(d1) != d1 or narrowed(d2) != d2
    assert ovnp.mintypecode([d1.char, d2.char]) == narrowed(np.dtype(
        np.mintypecode([d1.char, d2.char]))).char


def test_promote_types_refuses_what_the_policy_refuses():
    assert ovnp.promote_types(np.float32, np.complex128) == np.complex64
    with pytest.raises(TypeError, match="bytes"):
        ovnp.promote_types("S3", np.float32)   # NumPy says S32; ovnp has no bytes dtype
    same_error(lambda: ovnp.promote_types("M8[s]", np.float32),
               lambda: np.promote_types("M8[s]", np.float32))


@given(st.one_of(st.integers(-2**31, 2**32 - 1), st.floats(allow_nan=True, width=32),
                 st.booleans()))
def test_min_scalar_type_matches_numpy(v):
    assert ovnp.min_scalar_type(v) == narrowed(np.min_scalar_type(v))
    x = ovnp.asarray(np.asarray([1, 2], np.int16))
    assert ovnp.min_scalar_type(x) == np.int16


def test_min_scalar_type_of_a_huge_int_overflows_under_the_policy():
    assert np.min_scalar_type(2**40) == np.uint64
    with pytest.raises(OverflowError):
        ovnp.min_scalar_type(2**40)


def test_common_type_of_integers_is_float32_under_the_policy():
    assert np.common_type(np.zeros(1, np.int8)) is np.float64
    assert ovnp.common_type(ovnp.zeros(1, np.int8)) is np.float32
    assert ovnp.common_type(ovnp.zeros(1, np.float16)) is np.float16
    assert ovnp.typename("f") == np.typename("f")
    assert ovnp.isfortran(ovnp.ones((2, 2))) is False


# ------------------------------------------------------------------ real and complex

@given(arrays(shape=few_shapes), st.booleans())
def test_isreal_iscomplex_angle_real_if_close(a, deg):
    x = ovnp.asarray(a)
    assert_same(ovnp.isreal(x), np.isreal(a))
    assert_same(ovnp.iscomplex(x), np.iscomplex(a))
    assert_same(ovnp.real_if_close(x), np.real_if_close(a))
    assert_same(ovnp.angle(x, deg=deg), np.angle(a, deg=deg))


def test_angle_of_negative_zero_is_pi():
    # arctan2(0, -0.0) == pi: NumPy's angle of real -0.0 is pi, not 0
    assert ovnp.angle(ovnp.asarray([-0.0, 0.0])).tolist() == [np.float32(np.pi), 0.0]


def test_complex_only_functions_match_numpy():
    got = ovnp.sort_complex(ovnp.asarray([3.0, 1.0]))
    assert got.dtype == np.complex64 and got.tolist() == [1 + 0j, 3 + 0j]
    same_error(lambda: ovnp.isnat(ovnp.asarray([1.0])), lambda: np.isnat(np.asarray([1.0])))
    assert ovnp.isreal(np.asarray([1j])).tolist() == [False]


# ------------------------------------------------------------------ fill_diagonal

@st.composite
def diag_case(draw):
    nd = draw(st.integers(2, 3))
    if nd == 2:
        shape = (draw(st.integers(0, 5)), draw(st.integers(0, 4)))
    else:
        shape = (draw(st.integers(0, 3)),) * 3
    a = draw(arrays(shape=shape, dtypes=NUMERIC_DTYPES, elements_of=finite()))
    val = draw(st.one_of(st.integers(-3, 3), st.lists(st.integers(-3, 3), min_size=1,
                                                      max_size=4)))
    return a, val, draw(st.booleans())


@given(diag_case())
def test_fill_diagonal_in_place_matches_numpy(case):
    a, val, wrap = case
    x = ovnp.asarray(a)
    view = x[:]
    want = a.copy()
    try:
        np.fill_diagonal(want, val, wrap=wrap)
    except OverflowError:
        with pytest.raises(OverflowError):
            ovnp.fill_diagonal(x, val, wrap=wrap)
        return
    assert ovnp.fill_diagonal(x, val, wrap=wrap) is None
    assert_same(x, want)
    assert_same(view, want)


def test_fill_diagonal_errors_and_views():
    same_error(lambda: ovnp.fill_diagonal(ovnp.zeros(3), 1), lambda: np.fill_diagonal(np.zeros(3), 1))
    same_error(lambda: ovnp.fill_diagonal(ovnp.zeros((2, 3, 2)), 1),
               lambda: np.fill_diagonal(np.zeros((2, 3, 2)), 1))
    base = ovnp.zeros((4, 4))
    ovnp.fill_diagonal(base[1:, 1:], 7.0)   # writes through the view into the base
    want = np.zeros((4, 4))
    np.fill_diagonal(want[1:, 1:], 7.0)
    assert_same(base, want)


# ------------------------------------------------------------------ apply_*, piecewise

FUNCS1D = {
    "sum": (lambda v: v.sum(), lambda v: v.sum()),
    "double": (lambda v: v * 2, lambda v: v * 2),
    "outer": (lambda v: v[:, None] * v[None, :], lambda v: v[:, None] * v[None, :]),
    "first_last": (lambda v: ovnp.stack([v[0], v[-1]]), lambda v: np.stack([v[0], v[-1]])),
}


@given(array_and_axis(dtypes=[F32, np.dtype(np.int32)], elements_of=finite()),
       st.sampled_from(sorted(FUNCS1D)))
def test_apply_along_axis_matches_numpy(case, fname):
    a, axis = case
    f_ov, f_np = FUNCS1D[fname]
    x = ovnp.asarray(a)
    try:
        want = np.apply_along_axis(f_np, axis, a)
    except Exception:  # noqa: BLE001
        same_error(lambda: ovnp.apply_along_axis(f_ov, axis, x),
                   lambda: np.apply_along_axis(f_np, axis, a))
        return
    assert_same(ovnp.apply_along_axis(f_ov, axis, x), want, rtol=1e-6)


@given(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=3), dtypes=[F32],
              elements_of=finite()), st.data())
def test_apply_over_axes_matches_numpy(a, data):
    axes = data.draw(st.lists(st.integers(-a.ndim, a.ndim - 1), max_size=2))
    x = ovnp.asarray(a)
    assert_same(ovnp.apply_over_axes(ovnp.sum, x, axes), np.apply_over_axes(np.sum, a, axes),
                rtol=1e-6)
    same_error(lambda: ovnp.apply_over_axes(lambda v, ax: v.sum(axis=None), x, 0),
               lambda: np.apply_over_axes(lambda v, ax: v.sum(axis=None), a, 0)) \
        if a.ndim > 2 else None


@given(arrays(shape=small_shapes, dtypes=[F32, np.dtype(np.int32)]), st.booleans(),
       st.booleans())
def test_piecewise_matches_numpy(a, otherwise, scalar_piece):
    x = ovnp.asarray(a)
    conds_np = [a < 0, a > 1]
    conds_ov = [x < 0, x > 1]
    f2 = 7 if scalar_piece else (lambda v: v + 1)
    funcs = [lambda v: v * 2, f2] + ([-1] if otherwise else [])
    with np.errstate(all="ignore"):
        want = np.piecewise(a, conds_np, funcs)
    assert_same(ovnp.piecewise(x, conds_ov, funcs), want)


def test_piecewise_errors_and_scalar_condition():
    x, a = ovnp.asarray([1.0, -2.0]), np.asarray([1.0, -2.0])
    same_error(lambda: ovnp.piecewise(x, [x > 0], [1, 2, 3]),
               lambda: np.piecewise(a, [a > 0], [1, 2, 3]))
    assert_same(ovnp.piecewise(x, x > 0, [lambda v: v * 3, 0]),
                np.piecewise(a, a > 0, [lambda v: v * 3, 0]))
    assert_same(ovnp.piecewise(ovnp.asarray(2.0), True, [5.0]), np.piecewise(np.asarray(2.0), True, [5.0]))


# ------------------------------------------------------------------ bits

@given(array_and_axis(min_dims=1, dtypes=INT_DTYPES + [np.dtype(np.bool_)]),
       st.booleans(), st.sampled_from(["big", "little"]))
def test_packbits_matches_numpy(case, flat, bitorder):
    a, axis = case
    axis = None if flat else axis
    assert_same(ovnp.packbits(ovnp.asarray(a), axis=axis, bitorder=bitorder),
                np.packbits(a, axis=axis, bitorder=bitorder))


@given(array_and_axis(min_dims=1, dtypes=[np.dtype(np.uint8)]), st.booleans(),
       st.sampled_from(["big", "little"]), st.one_of(st.none(), st.integers(-20, 20)))
def test_unpackbits_matches_numpy(case, flat, bitorder, count):
    a, axis = case
    axis = None if flat else axis
    x = ovnp.asarray(a)
    try:
        want = np.unpackbits(a, axis=axis, count=count, bitorder=bitorder)
    except Exception:  # noqa: BLE001
        same_error(lambda: ovnp.unpackbits(x, axis=axis, count=count, bitorder=bitorder),
                   lambda: np.unpackbits(a, axis=axis, count=count, bitorder=bitorder))
        return
    assert_same(ovnp.unpackbits(x, axis=axis, count=count, bitorder=bitorder), want)


def test_bits_errors_match_numpy():
    f = np.asarray([1.0])
    same_error(lambda: ovnp.packbits(ovnp.asarray(f)), lambda: np.packbits(f))
    i = np.asarray([1, 2], np.int32)
    same_error(lambda: ovnp.unpackbits(ovnp.asarray(i)), lambda: np.unpackbits(i))
    u = np.asarray([1, 2], np.uint8)
    same_error(lambda: ovnp.packbits(ovnp.asarray(u), bitorder="middle"),
               lambda: np.packbits(u, bitorder="middle"))
    same_error(lambda: ovnp.packbits(ovnp.asarray(u), axis=1), lambda: np.packbits(u, axis=1))
    # u32 >= 2**31 and negative ints are still "nonzero": a sign trap must not drop them
    big = np.asarray([2**31, 0, 2**32 - 1], np.uint32)
    assert_same(ovnp.packbits(ovnp.asarray(big)), np.packbits(big))


# ------------------------------------------------------------------ matvec / vecmat

@st.composite
def matvec_case(draw):
    batch = draw(hnp_batch())
    m, n = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    mats = draw(arrays(shape=batch[0] + (m, n), dtypes=[F32], elements_of=finite()))
    vecs = draw(arrays(shape=batch[1] + (n,), dtypes=[F32, np.dtype(np.int16)],
                       elements_of=finite()))
    return mats, vecs


def hnp_batch():
    from hypothesis.extra import numpy as hnp
    return hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=2, max_side=3).map(
        lambda b: b.input_shapes)


@given(matvec_case())
def test_matvec_vecmat_match_numpy(case):
    mats, vecs = case
    assert_same(ovnp.matvec(ovnp.asarray(mats), ovnp.asarray(vecs)), np.matvec(mats, vecs),
                rtol=1e-5, atol=1e-5)
    mt = np.swapaxes(mats, -1, -2)
    assert_same(ovnp.vecmat(ovnp.asarray(vecs), ovnp.asarray(mt)), np.vecmat(vecs, mt),
                rtol=1e-5, atol=1e-5)


def test_matvec_errors_match_numpy():
    a, v = np.ones((2, 3), np.float32), np.ones(2, np.float32)
    same_error(lambda: ovnp.matvec(ovnp.asarray(a), ovnp.asarray(v)), lambda: np.matvec(a, v))
    same_error(lambda: ovnp.matvec(ovnp.asarray(v), ovnp.asarray(v)), lambda: np.matvec(v, v))
    same_error(lambda: ovnp.vecmat(ovnp.asarray(a), ovnp.asarray(v)), lambda: np.vecmat(a, v))


# ------------------------------------------------------------------ unwrap and i0

@given(array_and_axis(min_dims=1, max_dims=2, dtypes=[F32], elements_of=finite(-20, 20)),
       st.sampled_from([None, 1.0, 4.0]), st.sampled_from([2 * np.pi, 4.0]))
def test_unwrap_matches_numpy(case, discont, period):
    a, axis = case
    want = np.unwrap(a, discont=discont, axis=axis, period=period)
    got = ovnp.unwrap(ovnp.asarray(a), discont=discont, axis=axis, period=period)
    assert_same(got, want, rtol=1e-5, atol=2e-5)


def test_unwrap_of_integers_uses_integer_period():
    a = np.asarray([0, 7, 14, 3, 9], np.int32)
    assert_same(ovnp.unwrap(ovnp.asarray(a), period=10), np.unwrap(a, period=10))


@given(arrays(shape=few_shapes, dtypes=[F32, np.dtype(np.int16)]))
def test_i0_matches_numpy(a):
    want = np.i0(a)
    got = ovnp.i0(ovnp.asarray(a))
    assert_same(got, want, rtol=2e-5, atol=0)


def test_i0_refuses_complex_like_numpy():
    with pytest.raises(TypeError):
        ovnp.i0(np.asarray([1j]))


# ------------------------------------------------------------------ windows

@given(st.integers(-2, 12), st.floats(0, 14))
def test_windows_match_numpy(M, beta):
    # computed in float64 on the host, then rounded once to float32: exactly NumPy's values
    for got, want in [(getattr(ovnp, n)(M), getattr(np, n)(M))
                      for n in ("hamming", "hanning", "blackman", "bartlett")] + [
                          (ovnp.kaiser(M, beta), np.kaiser(M, beta))]:
        assert got.dtype == F32
        assert np.array_equal(got.to_numpy(), want.astype(F32))


# ------------------------------------------------------------------ conversions and checks

@given(arrays(shape=small_shapes, dtypes=NUMERIC_DTYPES))
def test_asarray_chkfinite_asfortranarray_require(a):
    try:
        want = np.asarray_chkfinite(a)
    except ValueError:
        with pytest.raises(ValueError, match="infs or NaNs"):
            ovnp.asarray_chkfinite(a)
    else:
        assert_same(ovnp.asarray_chkfinite(a), want)
    assert_same(ovnp.asfortranarray(ovnp.asarray(a)), np.asfortranarray(a))
    assert_same(ovnp.asfortranarray(a, dtype=np.float32), np.asfortranarray(a, dtype=np.float32))
    assert_same(ovnp.require(a, requirements="CAW"), np.require(a, requirements="CAW"))
    same_error(lambda: ovnp.require(a, requirements=["C", "F"]),
               lambda: np.require(a, requirements=["C", "F"]))
    same_error(lambda: ovnp.require(a, requirements="X"), lambda: np.require(a, requirements="X"))


def test_mask_indices_matches_numpy():
    got = ovnp.mask_indices(4, ovnp.triu, 1)
    want = np.mask_indices(4, np.triu, 1)
    for g, w in zip(got, want):
        assert_same(g, w)


# ------------------------------------------------------------------ printing

@given(arrays(shape=small_shapes))
def test_printing_is_numpys(a):
    x = ovnp.asarray(a)
    v = a.astype(narrowed(a.dtype))
    assert ovnp.array2string(x, separator=",") == np.array2string(v, separator=",")
    assert ovnp.array_repr(x) == np.array_repr(v)
    assert ovnp.array_str(x, precision=2) == np.array_str(v, precision=2)


def test_printoptions_and_errstate_are_numpys():
    x = ovnp.asarray([1.123456, 2.0])
    with ovnp.printoptions(precision=2):
        assert repr(x) == "array([1.12, 2.  ], dtype=float32)"
        assert ovnp.get_printoptions()["precision"] == 2
    assert ovnp.get_printoptions()["precision"] == np.get_printoptions()["precision"] == 8
    assert ovnp.errstate is np.errstate and ovnp.seterr is np.seterr
    assert ovnp.geterr() == np.geterr()
    assert ovnp.binary_repr(5) == "101" and ovnp.base_repr(10, 3) == "101"
    assert ovnp.format_float_positional(np.float32(0.1)) == "0.1"


def test_fill_diagonal_with_an_ovnp_value_and_matvec_out():
    x = ovnp.zeros((3, 3))
    ovnp.fill_diagonal(x, ovnp.asarray([1.0, 2.0]))   # cycled, as NumPy's flat write
    want = np.zeros((3, 3))
    np.fill_diagonal(want, [1.0, 2.0])
    assert_same(x, want)
    out = ovnp.zeros(2)
    assert ovnp.matvec(ovnp.ones((2, 3)), ovnp.ones(3), out=out) is out
    assert_same(out, np.full(2, 3.0, F32))
    same_error(lambda: ovnp.apply_along_axis(lambda v: v, 0, ovnp.ones((3, 0))),
               lambda: np.apply_along_axis(lambda v: v, 0, np.ones((3, 0))))
