"""median, percentile, quantile and their NaN kin against NumPy, for every method."""

import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import NUMERIC_DTYPES, arrays, assert_same, same_error, shapes

METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
           "normal_unbiased", "lower", "higher", "midpoint", "nearest"]


def finite_or_nan(dtype):
    """Values whose interpolation NumPy and ovnp both do in float32 range (NaN included)."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return st.one_of(st.just(np.nan), st.floats(-1e4, 1e4, width=16 if dtype == np.float16 else 32))
    info = np.iinfo(dtype)
    return st.integers(max(int(info.min), -10**6), min(int(info.max), 10**6))


def data_and_axis(dtypes=NUMERIC_DTYPES, elements_of=finite_or_nan):
    arr = arrays(shape=shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), dtypes=dtypes,
                 elements_of=elements_of)
    return arr.flatmap(lambda a: st.tuples(
        st.just(a),
        st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1),
                  st.just(tuple(range(a.ndim))[-2:]))))


def quiet(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            return fn()


def check(got, want, a):
    want = np.asarray(want)
    # float16 NumPy rounds every step to float16; ovnp rounds its float32 work once.
    if got.dtype == np.float16:
        assert_same(got, want, rtol=2e-3, atol=2e-3 * float(np.nanmax(np.abs(a), initial=1)))
    else:
        scale = float(np.nanmax(np.abs(a.astype(np.float64)), initial=1))
        assert_same(got, want, ulp=4, atol=4 * float(np.spacing(np.float32(scale))))


@given(data_and_axis(), st.sampled_from(METHODS), st.booleans(),
       st.one_of(st.floats(0, 1), st.lists(st.floats(0, 1), min_size=1, max_size=3)))
def test_quantile_matches_numpy(args, method, keepdims, q):
    a, axis = args
    x = ovnp.asarray(a)
    for ours, theirs, qq in ((ovnp.quantile, np.quantile, q),
                             (ovnp.nanquantile, np.nanquantile, q),
                             (ovnp.percentile, np.percentile, np.multiply(q, 100).tolist())):
        want = quiet(lambda: theirs(a, qq, axis=axis, method=method, keepdims=keepdims))
        check(ours(x, qq, axis=axis, method=method, keepdims=keepdims), want, a)


@given(data_and_axis(), st.booleans())
def test_median_matches_numpy(args, keepdims):
    a, axis = args
    x = ovnp.asarray(a)
    check(ovnp.median(x, axis=axis, keepdims=keepdims),
          quiet(lambda: np.median(a, axis=axis, keepdims=keepdims)), a)
    check(ovnp.nanmedian(x, axis=axis, keepdims=keepdims),
          quiet(lambda: np.nanmedian(a, axis=axis, keepdims=keepdims)), a)
    check(ovnp.nanpercentile(x, 50, axis=axis, keepdims=keepdims),
          quiet(lambda: np.nanpercentile(a, 50, axis=axis, keepdims=keepdims)), a)


@given(arrays(dtypes=[np.dtype(np.float32)], shape=shapes(min_dims=1, max_dims=2, min_side=1, max_side=4)))
def test_quantile_extreme_values(a):
    # inf, -inf, float32 max: the same NaN/inf as NumPy's lerp, in float32 and in float64.
    x = ovnp.asarray(a)
    for q in (0.5, [0.25, 0.5]):
        want = quiet(lambda: np.quantile(a, q, axis=-1))
        got = ovnp.quantile(x, q, axis=-1).to_numpy()
        assert np.array_equal(np.isnan(got), np.isnan(want))
    check(ovnp.median(x, axis=-1), quiet(lambda: np.median(a, axis=-1)), np.where(np.isfinite(a), a, 0))


def test_median_of_two_huge_values_overflows_like_numpy():
    a = np.array([3e38, 3e38], np.float32)
    assert_same(ovnp.median(ovnp.asarray(a)), quiet(lambda: np.median(a)))
    h = np.array([60000, 60000], np.float16)   # NumPy's mean of float16 accumulates in float32
    assert_same(ovnp.median(ovnp.asarray(h)), np.median(h))


def test_quantile_integer_q_takes_without_interpolation():
    a = np.array([[1, 5, 3], [7, 2, 9]], np.int32)
    assert_same(ovnp.quantile(ovnp.asarray(a), 1, axis=1), np.quantile(a, 1, axis=1))
    f = np.array([1.0, np.inf], np.float32)
    assert_same(ovnp.quantile(ovnp.asarray(f), 1.0), quiet(lambda: np.quantile(f, 1.0)))


def test_empty_and_all_nan():
    e = np.zeros((0, 3), np.float32)
    assert_same(ovnp.median(ovnp.asarray(e), axis=0), quiet(lambda: np.median(e, axis=0)))
    assert_same(ovnp.median(ovnp.asarray(e)), quiet(lambda: np.median(e)))
    same_error(lambda: ovnp.quantile(ovnp.asarray(e), 0.5), lambda: np.quantile(e, 0.5))
    n = np.array([[np.nan, np.nan], [1.0, np.nan]], np.float32)
    assert_same(ovnp.nanmedian(ovnp.asarray(n), axis=1), quiet(lambda: np.nanmedian(n, axis=1)))
    assert_same(ovnp.nanquantile(ovnp.asarray(n), [0.1, 0.9], axis=1),
                quiet(lambda: np.nanquantile(n, [0.1, 0.9], axis=1)))


def test_quantile_errors_match_numpy():
    a = np.arange(6.0).reshape(2, 3)
    x = ovnp.asarray(a)
    same_error(lambda: ovnp.quantile(x, 1.5), lambda: np.quantile(a, 1.5))
    same_error(lambda: ovnp.percentile(x, -1), lambda: np.percentile(a, -1))
    same_error(lambda: ovnp.quantile(x, 0.5, method="bogus"), lambda: np.quantile(a, 0.5, method="bogus"))
    same_error(lambda: ovnp.quantile(x, 0.5, axis=2), lambda: np.quantile(a, 0.5, axis=2))
    same_error(lambda: ovnp.median(x, axis=(0, 0)), lambda: np.median(a, axis=(0, 0)))


def test_new_q_does_not_recompile():
    x = ovnp.asarray(np.arange(10, dtype=np.float32))
    ovnp.quantile(x, [0.1, 0.2]).to_numpy()
    before = ovnp.cache_info().misses
    for q in ([0.3, 0.4], [0.5, 0.9]):
        assert_same(ovnp.quantile(x, q), np.quantile(np.arange(10, dtype=np.float32), q))
    assert ovnp.cache_info().misses == before


def test_out_argument():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    out = ovnp.asarray(np.zeros(2, np.float32))
    r = ovnp.median(ovnp.asarray(a), axis=1, out=out)
    assert r is out
    assert_same(out, np.median(a, axis=1))


@pytest.mark.parametrize("name, q", [("nanquantile", 0.5), ("nanpercentile", [30, 50]),
                                     ("quantile", 0.5), ("percentile", 5)])
def test_quantiles_of_empty_bool_input_as_numpy(name, q):
    """Issue 12 (sweep): nanquantile/nanpercentile of empty bool input raised TypeError (the
    boolean subtract of the dtype probe); NumPy answers NaN (quantile: IndexError)."""
    for shape, axis in (((0,), None), ((3, 0), 1), ((0, 2), 0)):
        a = np.zeros(shape, bool)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                want = getattr(np, name)(a, q, axis=axis)
            except IndexError:
                same_error(lambda: getattr(ovnp, name)(ovnp.asarray(a), q, axis=axis),
                           lambda: getattr(np, name)(a, q, axis=axis))
                continue
            assert_same(getattr(ovnp, name)(ovnp.asarray(a), q, axis=axis), want)
    a = np.array([True, False])
    same_error(lambda: getattr(ovnp, name)(ovnp.asarray(a), q),
               lambda: getattr(np, name)(a, q))
