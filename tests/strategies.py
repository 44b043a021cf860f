"""Hypothesis strategies and the differential check shared by every family's tests.

`arrays()` draws NumPy arrays of ovnp's dtypes (0-d and empty shapes included) whose
values include NaN, +-inf, -0.0, subnormals and the dtype's extremes; `assert_same`
compares an ovnp result with NumPy's after the 32-bit policy.
"""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ovnp

FLOAT_DTYPES = [np.dtype(np.float16), np.dtype(np.float32)]
INT_DTYPES = [np.dtype(t) for t in (np.int8, np.int16, np.int32, np.uint8, np.uint16, np.uint32)]
ALL_DTYPES = [np.dtype(np.bool_)] + INT_DTYPES + FLOAT_DTYPES
NUMERIC_DTYPES = INT_DTYPES + FLOAT_DTYPES


def shapes(min_dims=0, max_dims=4, min_side=0, max_side=5):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=max_side)


def _special_floats(dtype):
    info = np.finfo(dtype)
    return [np.nan, np.inf, -np.inf, -0.0, 0.0, float(info.max), float(-info.max),
            float(info.tiny), float(info.smallest_subnormal), -float(info.smallest_subnormal), 1.0, -1.0]


def elements(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        width = 16 if dtype == np.float16 else 32
        return st.one_of(st.sampled_from(_special_floats(dtype)),
                         st.floats(width=width, allow_nan=True, allow_infinity=True))
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return st.one_of(st.sampled_from([info.min, info.max, 0, 1]),
                         st.integers(int(info.min), int(info.max)))
    return st.booleans()


def arrays(dtype=None, shape=None, dtypes=ALL_DTYPES, elements_of=None):
    """A NumPy array strategy; dtype and shape may be values or strategies."""
    dtype = st.sampled_from(dtypes) if dtype is None else dtype
    dtype = dtype if isinstance(dtype, st.SearchStrategy) else st.just(np.dtype(dtype))
    shape = shapes() if shape is None else shape
    shape = shape if isinstance(shape, st.SearchStrategy) else st.just(shape)
    return st.tuples(dtype, shape).flatmap(
        lambda ds: hnp.arrays(ds[0], ds[1], elements=(elements_of or elements)(ds[0])))


def broadcastable_pair(dtypes=ALL_DTYPES, max_dims=4):
    """Two NumPy arrays (each of any drawn dtype) whose shapes broadcast together."""
    return hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=max_dims, max_side=4).flatmap(
        lambda bs: st.tuples(arrays(shape=bs.input_shapes[0], dtypes=dtypes),
                             arrays(shape=bs.input_shapes[1], dtypes=dtypes)))


def narrowed(dtype):
    """What the 32-bit policy makes of a NumPy result dtype."""
    return ovnp._dtypes.canonical(dtype)


def _computed(result, expected):
    """(result's value, expected as an array, the narrowed dtype), dtype and shape checked."""
    assert isinstance(result, ovnp.ndarray), type(result)
    expected = np.asarray(expected)
    want_dtype = narrowed(expected.dtype)
    assert result.dtype == want_dtype, f"dtype {result.dtype} != {want_dtype}"
    got = result.to_numpy()
    assert got.shape == expected.shape, f"shape {got.shape} != {expected.shape}"
    return got, expected, want_dtype


def assert_same(result, expected, *, ulp=4, rtol=None, atol=0.0):
    """ovnp `result` equals NumPy's `expected`: shape, dtype (narrowed), values, NaN places.

    Floats compare within `ulp` units in the last place of the result dtype (or within
    rtol/atol when given); integers and bools exactly.
    """
    got, expected, want_dtype = _computed(result, expected)
    if want_dtype.kind == "f":
        exp = expected.astype(want_dtype)
        same_nan = np.isnan(got) == np.isnan(exp)
        assert same_nan.all(), f"NaN mismatch\n got {got}\nwant {exp}"
        finite = np.isfinite(exp) & np.isfinite(got)
        assert (got[~finite & ~np.isnan(got)] == exp[~finite & ~np.isnan(exp)]).all(), \
            f"inf mismatch\n got {got}\nwant {exp}"
        if rtol is None:
            with np.errstate(over="ignore"):
                tol = ulp * np.spacing(np.abs(exp[finite]).astype(want_dtype)) + atol
            diff = np.abs(got[finite].astype(np.float64) - expected[finite].astype(np.float64))
            assert (diff <= tol).all(), f"values differ beyond {ulp} ulp\n got {got}\nwant {exp}"
        else:
            np.testing.assert_allclose(got[finite], exp[finite], rtol=rtol, atol=atol)
    else:
        np.testing.assert_array_equal(got, expected.astype(want_dtype))


def assert_same_or_overflow(result, expected):
    """Integer results of NumPy's 64-bit accumulations (sum, prod, cumsum, ...): ovnp
    gives NumPy's values when they fit its 32-bit dtype, and OverflowError otherwise,
    never wrapped ones (docs/dtypes.md). Anything else compares as assert_same."""
    expected = np.asarray(expected)
    if expected.dtype in (np.int64, np.uint64):
        info = np.iinfo(narrowed(expected.dtype))
        if expected.size and (expected.min() < info.min or expected.max() > info.max):
            import pytest
            with pytest.raises(OverflowError, match="32 bits"):
                result.to_numpy()
            return
    assert_same(result, expected)


def same_error(fn_ovnp, fn_numpy):
    """Both raise, and the ovnp exception is an instance of NumPy's exception type."""
    try:
        fn_numpy()
    except Exception as e:  # noqa: BLE001
        expected = type(e)
    else:
        raise AssertionError("NumPy did not raise")
    try:
        fn_ovnp()
    except expected:
        return
    except Exception as e:  # noqa: BLE001
        raise AssertionError(f"ovnp raised {type(e).__name__}: {e}; NumPy raised {expected.__name__}")
    raise AssertionError(f"ovnp did not raise; NumPy raised {expected.__name__}")


# ---------------------------------------------------------------- complex64

COMPLEX_DTYPES = [np.dtype(np.complex64)]


def complex_arrays(shape=None, parts=None):
    """complex64 NumPy arrays whose real and imaginary parts are drawn like float32
    elements (NaN, +-inf, +-0.0, subnormals, extremes) unless `parts` says otherwise."""
    shape = shapes() if shape is None else shape
    shape = shape if isinstance(shape, st.SearchStrategy) else st.just(shape)
    parts = elements(np.float32) if parts is None else parts

    def combine(re, im):
        z = np.empty(re.shape, np.complex64)
        z.real, z.imag = re, im      # part by part: -0.0 and NaN kept as drawn
        return z

    def build(s):
        part = hnp.arrays(np.float32, s, elements=parts)
        return st.tuples(part, part).map(lambda ri: combine(*ri))
    return shape.flatmap(build)


def assert_complex_close(result, expected, *, rtol=2e-6, atol=0.0, zero_signs=True):
    """ovnp complex `result` against NumPy's `expected`, part by part: the same NaN and
    infinite parts, finite values within rtol of |expected| (the complex norm, as a
    complex function's error is measured) plus atol, and, where both parts are exactly
    zero, the same sign."""
    got, expected, _ = _computed(result, expected)
    g, w = got.astype(np.complex128).ravel(), expected.astype(np.complex128).ravel()
    finite_part = lambda p: np.where(np.isfinite(p), np.abs(p), 0)  # noqa: E731
    scale = np.hypot(finite_part(w.real), finite_part(w.imag))    # the norm of the finite parts
    for gp, wp, name in ((g.real, w.real, "real"), (g.imag, w.imag, "imag")):
        assert (np.isnan(gp) == np.isnan(wp)).all(), f"{name} NaN mismatch\n got {got}\nwant {expected}"
        inf = np.isinf(gp) | np.isinf(wp)
        assert (gp[inf] == wp[inf]).all(), f"{name} inf mismatch\n got {got}\nwant {expected}"
        fin = np.isfinite(gp) & np.isfinite(wp)
        bad = np.abs(gp - wp)[fin] > rtol * scale[fin] + atol
        assert not bad.any(), f"{name} parts differ beyond rtol {rtol}\n got {got}\nwant {expected}"
        if zero_signs:
            zero = (gp == 0) & (wp == 0)
            assert (np.signbit(gp[zero]) == np.signbit(wp[zero])).all(), \
                f"{name} zero signs differ\n got {got}\nwant {expected}"
