"""Strategies and checks shared by test_reductions*.py and test_statistics*.py."""

import warnings

import numpy as np
from hypothesis import strategies as st

import ovnp
from strategies import FLOAT_DTYPES, INT_DTYPES, arrays, narrowed, shapes

SMALL = dict(max_dims=3, max_side=4)


def moderate(dtype):
    """Values whose float sums cannot overflow, so summation order only rounds."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return st.one_of(st.sampled_from([np.nan, np.inf, -np.inf, -0.0, 0.0, 1.0, -2.5]),
                         st.floats(-1000, 1000, width=16 if dtype == np.float16 else 32))
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return st.one_of(st.sampled_from([info.min, info.max, 0, 1]),
                         st.integers(int(info.min), int(info.max)))
    return st.booleans()


def small_values(dtype):
    """Values whose products stay in range: exact-ish in any order."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return st.sampled_from([np.nan, np.inf, -np.inf, -0.0, 0.0, 0.5, 1.0, -1.0, 1.5, -2.0])
    return moderate(dtype)


def axes_for(ndim):
    """None, an int (maybe negative), a tuple of distinct axes in any order, or ()."""
    if ndim == 0:
        return st.sampled_from([None, 0, -1, ()])
    single = st.integers(-ndim, ndim - 1)
    tuples = st.lists(st.integers(0, ndim - 1), unique=True, max_size=ndim).flatmap(
        lambda axes: st.tuples(*[st.sampled_from([a, a - ndim]) for a in axes]))
    return st.one_of(st.none(), single, tuples)


def numpy_call(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def assert_close(result, expected, *, rtol=1e-5, atol=0.0, dtype=None):
    """Float results within rtol/atol of NumPy's (computed in float64 where given),
    NaN and inf in the same places; dtype is NumPy's (narrowed) or `dtype`."""
    assert isinstance(result, ovnp.ndarray), type(result)
    expected = np.asarray(expected)
    want = narrowed(dtype if dtype is not None else expected.dtype)
    assert result.dtype == want, f"dtype {result.dtype} != {want}"
    got = result.to_numpy()
    assert got.shape == expected.shape, f"shape {got.shape} != {expected.shape}"
    if want.kind != "f":
        np.testing.assert_array_equal(got, expected.astype(want))
        return
    exp = expected.astype(np.float64)
    g = got.astype(np.float64)
    assert (np.isnan(g) == np.isnan(exp)).all(), f"NaN mismatch\n got {got}\nwant {expected}"
    inf = np.isinf(exp) | np.isinf(g)
    # a finite float64 answer beyond the narrow dtype's range is inf there
    with np.errstate(over="ignore"):
        exp_narrow = exp.astype(want).astype(np.float64)
    assert (g[inf] == exp_narrow[inf]).all(), f"inf mismatch\n got {got}\nwant {expected}"
    fin = ~inf & ~np.isnan(exp)
    np.testing.assert_allclose(g[fin], exp[fin], rtol=rtol, atol=atol)


__all__ = ["SMALL", "moderate", "small_values", "axes_for", "numpy_call", "assert_close",
           "arrays", "shapes", "FLOAT_DTYPES", "INT_DTYPES"]
