"""Sets (unique family, set operations, isin) and counting (bincount, histograms,
interp, correlate, convolve, cov, corrcoef, trapezoid) against NumPy."""

import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import ALL_DTYPES, FLOAT_DTYPES, NUMERIC_DTYPES, arrays, assert_same, same_error, shapes


def small(min_dims=0, max_dims=2, dtypes=ALL_DTYPES, **kw):
    return arrays(shape=shapes(min_dims=min_dims, max_dims=max_dims, max_side=4), dtypes=dtypes, **kw)


def same_tree(got, want, **kw):
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        if hasattr(want, "_fields"):
            assert type(got) is type(want)
        for g, w in zip(got, want):
            same_tree(g, w, **kw)
    else:
        assert_same(got, want, **kw)


def quiet(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            return fn()


@given(small(), st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_unique_matches_numpy(a, ri, rv, rc, equal_nan):
    x = ovnp.asarray(a)
    same_tree(ovnp.unique(x, return_index=ri, return_inverse=rv, return_counts=rc, equal_nan=equal_nan),
              np.unique(a, return_index=ri, return_inverse=rv, return_counts=rc, equal_nan=equal_nan))
    for name in ("unique_counts", "unique_inverse", "unique_all"):
        same_tree(getattr(ovnp, name)(x), getattr(np, name)(a))
    # NumPy >= 2.3 returns unique_values in hash order (unspecified); ovnp sorts them.
    same_tree(ovnp.unique_values(x), np.unique(a, equal_nan=False))
    assert sorted(map(repr, ovnp.unique_values(x).tolist())) == \
        sorted(map(repr, np.unique_values(a).tolist()))


@given(small(min_dims=2, dtypes=NUMERIC_DTYPES), st.integers(0, 1))
def test_unique_axis(a, axis):
    same_tree(ovnp.unique(ovnp.asarray(a), axis=axis, return_counts=True, return_inverse=True),
              np.unique(a, axis=axis, return_counts=True, return_inverse=True))


@given(small(max_dims=1, dtypes=NUMERIC_DTYPES), small(max_dims=1, dtypes=NUMERIC_DTYPES))
def test_set_operations(a, b):
    b = b.astype(a.dtype)
    x, y = ovnp.asarray(a), ovnp.asarray(b)
    same_tree(ovnp.intersect1d(x, y, return_indices=True), np.intersect1d(a, b, return_indices=True))
    same_tree(ovnp.union1d(x, y), np.union1d(a, b))
    same_tree(ovnp.setdiff1d(x, y), np.setdiff1d(a, b))
    same_tree(ovnp.setxor1d(x, y), np.setxor1d(a, b))


@given(small(), small(), st.booleans())
def test_isin_matches_numpy(a, b, invert):
    if ovnp._dtypes.canonical(np.result_type(a, b)) != np.result_type(a, b):
        b = b.astype(a.dtype)   # int32 with uint32: NumPy compares in int64 (the policy differs)
    assert_same(ovnp.isin(ovnp.asarray(a), ovnp.asarray(b), invert=invert),
                np.isin(a, b, invert=invert))


def test_trap_i32_equal_compares_in_f32():
    # OpenVINO's CPU Equal on i32 says 16777217 == 16777216; isin must not.
    a = np.array([16777217, 2147483647, -2147483647], np.int32)
    b = np.array([16777216, 2147483646, -2147483648], np.int32)
    assert_same(ovnp.isin(ovnp.asarray(a), ovnp.asarray(b)), np.isin(a, b))
    u = np.array([4294967295, 2**31], np.uint32)
    assert_same(ovnp.isin(ovnp.asarray(u), ovnp.asarray(np.array([4294967294, 2**31], np.uint32))),
                np.isin(u, np.array([4294967294, 2**31], np.uint32)))


@pytest.mark.parametrize("invert", [False, True])
def test_isin_of_complex_values(invert):
    """Issue 12 (sweep): isin of complex64 raised NotImplementedError (no lowering). NumPy
    matches by ==: -0.0 == 0.0 in either part, a NaN part matches nothing."""
    parts = [0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 2.5]
    values = np.array([complex(r, i) for r in parts for i in parts], np.complex64)
    rng = np.random.default_rng(12)
    for size in (1, 2, 7, 40):
        test = rng.choice(values, size)
        element = rng.choice(values, (4, 9))
        assert_same(ovnp.isin(ovnp.asarray(element), ovnp.asarray(test), invert=invert),
                    np.isin(element, test, invert=invert))
        assert_same(ovnp.isin(ovnp.asarray(element[0, 0]), test, invert=invert),
                    np.isin(element[0, 0], test, invert=invert))
    x = np.array([1, 2, 0], np.float32)
    assert_same(ovnp.isin(ovnp.asarray(x), ovnp.asarray(np.array([1 + 0j, -0.0j], np.complex64))),
                np.isin(x, np.array([1 + 0j, -0.0j], np.complex64)))


def test_isin_of_floats_with_python_ints_beyond_int32():
    """Issue 12 (sweep): isin(float32_arr, 2**40) raised OverflowError (the 32-bit policy's
    check of the int); NumPy compares by value. Ints float32 cannot hold equal nothing."""
    x = np.array([2**40, 1, 2**24, 2.0**63, -(2**40)], np.float32)
    for test in (2**40, [2**40 + 1, 2**24 + 1, 1], [2**63], [-(2**40), 3]):
        assert_same(ovnp.isin(ovnp.asarray(x), test), np.isin(x, test))
        z = x.astype(np.complex64)
        assert_same(ovnp.isin(ovnp.asarray(z), test, invert=True), np.isin(z, test, invert=True))


def test_isin_nan_and_errors():
    a = np.array([np.nan, 1.0, 2.0], np.float32)
    assert_same(ovnp.isin(ovnp.asarray(a), [np.nan, 1.0]), np.isin(a, [np.nan, 1.0]))
    same_error(lambda: ovnp.isin(ovnp.asarray(a), [1.0], kind="bogus"),
               lambda: np.isin(a, [1.0], kind="bogus"))


# ------------------------------------------------------------------ counting

@given(arrays(dtype=st.sampled_from([np.dtype(np.int32), np.dtype(np.uint8), np.dtype(np.int16)]),
              shape=shapes(1, 1, max_side=6), elements_of=lambda d: st.integers(0, 20)),
       st.integers(0, 25), st.booleans())
def test_bincount(a, minlength, weighted):
    w = np.linspace(-1, 1, a.size).astype(np.float32) if weighted else None
    assert_same(ovnp.bincount(ovnp.asarray(a), weights=None if w is None else ovnp.asarray(w),
                              minlength=minlength),
                np.bincount(a, weights=w, minlength=minlength))


def test_bincount_errors():
    same_error(lambda: ovnp.bincount(ovnp.asarray([-1, 2])), lambda: np.bincount([-1, 2]))
    same_error(lambda: ovnp.bincount(ovnp.asarray([[1, 2]])), lambda: np.bincount([[1, 2]]))


finite = lambda d: st.floats(-100, 100, width=32) if np.dtype(d).kind == "f" else st.integers(-100, 100)  # noqa: E731


@given(arrays(shape=shapes(1, 2, min_side=1, max_side=5), dtypes=[np.dtype(np.float32), np.dtype(np.int16)],
              elements_of=finite),
       st.sampled_from([3, 5, "auto", "fd", "sturges", [0.0, 1.0, 10.0]]), st.booleans())
def test_histograms(a, bins, density):
    x = ovnp.asarray(a)
    same_tree(ovnp.histogram(x, bins=bins, density=density),
              quiet(lambda: np.histogram(a, bins=bins, density=density)))
    same_tree(ovnp.histogram_bin_edges(x, bins=bins), np.histogram_bin_edges(a, bins=bins))
    flat = a.ravel().astype(np.float32)
    same_tree(ovnp.histogram2d(ovnp.asarray(flat), ovnp.asarray(flat[::-1].copy()), bins=3),
              np.histogram2d(flat, flat[::-1], bins=3))


@given(arrays(dtype=np.float32, shape=shapes(1, 1, min_side=1, max_side=6), elements_of=finite))
def test_interp_trapezoid_convolve(a):
    xp = np.cumsum(np.abs(a) + 1).astype(np.float32)
    x = np.array([-1.0, xp[0], (xp[0] + xp[-1]) / 2, xp[-1], 1e4], np.float32)
    assert_same(ovnp.interp(ovnp.asarray(x), ovnp.asarray(xp), ovnp.asarray(a)), np.interp(x, xp, a))
    assert_same(ovnp.trapezoid(ovnp.asarray(a)), np.trapezoid(a), rtol=1e-5, atol=1e-3)
    assert_same(ovnp.trapezoid(ovnp.asarray(a), x=ovnp.asarray(xp)), np.trapezoid(a, x=xp),
                rtol=1e-5, atol=1e-2)
    v = np.array([1, -2, 0.5], np.float32)
    for mode in ("full", "same", "valid"):
        assert_same(ovnp.convolve(ovnp.asarray(a), ovnp.asarray(v), mode=mode),
                    np.convolve(a, v, mode=mode), rtol=1e-5, atol=1e-3)
        assert_same(ovnp.correlate(ovnp.asarray(a), ovnp.asarray(v), mode=mode),
                    np.correlate(a, v, mode=mode), rtol=1e-5, atol=1e-3)


@given(arrays(dtype=np.float32, shape=shapes(2, 2, min_side=2, max_side=4), elements_of=finite),
       st.booleans())
def test_cov_corrcoef(a, rowvar):
    assert_same(ovnp.cov(ovnp.asarray(a), rowvar=rowvar), quiet(lambda: np.cov(a, rowvar=rowvar)),
                rtol=1e-5, atol=1e-4)
    assert_same(ovnp.corrcoef(ovnp.asarray(a), rowvar=rowvar),
                quiet(lambda: np.corrcoef(a, rowvar=rowvar)), rtol=1e-5, atol=1e-5)


def test_results_are_on_the_input_device_and_computed():
    x = ovnp.asarray([3, 1, 3])
    u = ovnp.unique(x)
    assert u.device == x.device and u._node.value is not None
