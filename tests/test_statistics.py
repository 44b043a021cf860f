"""mean, var, std, average and the NaN family against NumPy (in float64)."""

import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp
from strategies import NUMERIC_DTYPES, assert_same, assert_same_or_overflow, same_error
from test_reductions_support import (SMALL, arrays, assert_close, axes_for, moderate,
                                     numpy_call, shapes)

_TOL = {np.dtype(np.float16): 4e-3, np.dtype(np.float32): 2e-5}


def _tol(a):
    return _TOL.get(np.dtype(a.dtype), 2e-5)


def _where_for(data, shape):
    mshape = tuple(data.draw(st.sampled_from([1, n])) for n in shape)
    return data.draw(hnp.arrays(np.bool_, mshape))


def _check(fn_ov, fn_np, a, check):
    try:
        want = numpy_call(fn_np)
    except Exception:  # noqa: BLE001
        same_error(fn_ov, lambda: numpy_call(fn_np))
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = fn_ov()
    check(got, want)


def _scaled_close(a, ref_fn, square=False):
    """Compare with NumPy's answer on float64 data; tolerance scales with max |a|."""
    def check(got, want):
        ref = numpy_call(ref_fn, a.astype(np.float64))
        finite = np.abs(a[np.isfinite(a)].astype(np.float64))
        scale = (finite.max() if finite.size else 1.0) + 1.0
        scale = scale * scale if square else scale
        assert_close(got, ref, rtol=_tol(a), atol=_tol(a) * scale, dtype=np.asarray(want).dtype)
    return check


@given(st.data())
def test_mean_var_std_match_numpy(data):
    name = data.draw(st.sampled_from(["mean", "var", "std", "nanmean", "nanvar", "nanstd"]))
    a = data.draw(arrays(elements_of=moderate, shape=shapes(**SMALL)))
    axis = data.draw(axes_for(a.ndim))
    kwargs = {"keepdims": data.draw(st.booleans())}
    if "mean" not in name and data.draw(st.booleans()):
        kwargs[data.draw(st.sampled_from(["ddof", "correction"]))] = data.draw(
            st.sampled_from([0, 1, 2]))
    if data.draw(st.booleans()):
        kwargs["where"] = _where_for(data, a.shape)
    fn_np, fn_ov = getattr(np, name), getattr(ovnp, name)
    if a.dtype.kind in "biu" and name.startswith("nan"):
        a = a.astype(np.float32)
    x = ovnp.asarray(a)
    square = "var" in name
    _check(lambda: fn_ov(x, axis=axis, **kwargs),
           lambda: fn_np(a, axis=axis, **kwargs), a,
           _scaled_close(a, lambda v: fn_np(v, axis=axis, **kwargs), square))


@given(st.data())
def test_nan_reductions_match_numpy(data):
    name = data.draw(st.sampled_from(["nansum", "nanprod", "nanmax", "nanmin", "nanargmax",
                                      "nanargmin", "nancumsum", "nancumprod"]))
    a = data.draw(arrays(elements_of=lambda d: st.sampled_from([np.nan, 1.5, -2.0, 0.0, np.inf])
                         if np.dtype(d).kind == "f" else moderate(d),
                         shape=shapes(**SMALL)))
    x = ovnp.asarray(a)
    if name in ("nanargmax", "nanargmin", "nancumsum", "nancumprod"):
        axis = data.draw(st.one_of(st.none(), st.integers(-max(a.ndim, 1), max(a.ndim, 1) - 1)))
        if a.ndim == 0 and axis is not None and name.startswith("nanarg"):
            axis = None
        kwargs = {}
    else:
        axis = data.draw(axes_for(a.ndim))
        kwargs = {"keepdims": data.draw(st.booleans())}
    if a.dtype.kind in "biu" and name in ("nansum", "nanprod", "nancumsum", "nancumprod"):
        # NumPy accumulates integers in 64 bits: ovnp's value or OverflowError (found by
        # the dev profile: nancumsum of int32 [-2**31, -2**31] raised, as it should)
        want = np.asarray(getattr(np, name)(a, axis=axis, **kwargs))
        try:
            result = getattr(ovnp, name)(x, axis=axis, **kwargs)
        except OverflowError:       # raised at the call: NumPy's value must not fit
            assert want.size and (want.min() < -2**31 or want.max() > 2**32 - 1
                                  or (want.min() < 0 and want.max() > 2**31 - 1))
            return
        assert_same_or_overflow(result, want)
        return
    _check(lambda: getattr(ovnp, name)(x, axis=axis, **kwargs),
           lambda: getattr(np, name)(a, axis=axis, **kwargs), a,
           lambda got, want: assert_same(got, want, rtol=1e-3 if a.dtype.kind == "f" else None))


@given(arrays(elements_of=moderate, shape=shapes(min_dims=1, **SMALL), dtypes=NUMERIC_DTYPES),
       st.data())
def test_average_matches_numpy(a, data):
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1)))
    weights = None
    kind = data.draw(st.sampled_from(["none", "full", "1d"]))
    if kind == "full":
        weights = data.draw(hnp.arrays(np.float32, a.shape, elements=st.sampled_from([0.5, 1, 2])))
    elif kind == "1d" and axis is not None:
        weights = data.draw(hnp.arrays(np.float32, (a.shape[axis],),
                                       elements=st.sampled_from([0.5, 1, 2])))
    returned = data.draw(st.booleans())
    keepdims = data.draw(st.booleans())
    x = ovnp.asarray(a)

    def check(got, want):
        got = got if isinstance(got, tuple) else (got,)
        want = want if isinstance(want, tuple) else (want,)
        for g, w in zip(got, want):
            ref = np.asarray(w, dtype=np.float64)
            finite = np.abs(a[np.isfinite(a)].astype(np.float64))
            assert_close(g, ref, rtol=2e-3, atol=1e-3 * (np.max(finite, initial=0) + 1),
                         dtype=np.asarray(w).dtype)
    _check(lambda: ovnp.average(x, axis=axis, weights=weights, returned=returned,
                                keepdims=keepdims),
           lambda: np.average(a.astype(np.float64) if a.dtype.kind == "f" else a, axis=axis,
                              weights=weights, returned=returned, keepdims=keepdims)
           if a.dtype != np.float16 else np.average(a, axis=axis, weights=weights,
                                                    returned=returned, keepdims=keepdims),
           a, check)


def test_average_errors_follow_numpy():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    x = ovnp.asarray(a)
    for kw in [dict(weights=np.ones(3)), dict(weights=np.ones(2), axis=1),
               dict(weights=np.ones((1, 3)), axis=1), dict(weights=np.zeros((2, 3)))]:
        same_error(lambda: ovnp.average(x, **kw), lambda: np.average(a, **kw))


def test_mean_dtypes_and_empty():
    assert ovnp.mean(ovnp.asarray(np.arange(4, dtype=np.int8))).dtype == np.float32
    assert ovnp.mean(ovnp.asarray(np.ones(4, np.float16))).dtype == np.float16
    with pytest.warns(RuntimeWarning):
        m = ovnp.mean(ovnp.asarray(np.zeros(0, np.float32)))
    assert np.isnan(m.item())
    with pytest.raises(ValueError):
        ovnp.var(ovnp.asarray([1.0, 2.0]), ddof=1, correction=1)


def test_var_is_two_pass():
    # E[x^2] - E[x]^2 in float32 loses everything on data with a large mean.
    rng = np.random.default_rng(0)
    a = (rng.standard_normal(100_000) + 10_000).astype(np.float32)
    want = a.astype(np.float64).var()
    got = ovnp.var(ovnp.asarray(a)).item()
    assert abs(got - want) / want < 1e-3
    assert abs(ovnp.std(ovnp.asarray(a), ddof=1).item() - a.astype(np.float64).std(ddof=1)) < 1e-3


def test_methods_mean_var_std():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    x = ovnp.asarray(a)
    assert_same(x.mean(axis=0), a.mean(axis=0))
    assert_same(x.var(axis=1, ddof=1), a.var(axis=1, ddof=1))
    assert_same(x.std(), a.std())


@pytest.mark.parametrize("name", ["mean", "var", "std", "nanmean", "nanvar", "nanstd"])
@pytest.mark.parametrize("dtype", [np.float32, np.uint32, np.int16, np.bool_])
def test_moments_of_0d_arrays_take_numpys_axes(name, dtype):
    # NumPy's rules on a 0-d array: mean/var/std raise AxisError for any axis unless a
    # `where` is given (then integer 0 and -1 are accepted); nan-moments of floats accept
    # integer 0 and -1, of other dtypes they are mean/var/std. Reproducers: make fuzz
    # (nanstd of 0-d uint32, axis=0: NumPy AxisError, ovnp answered) and the dev profile
    # of test_mean_var_std_match_numpy (mean(0-d, axis=0, where=array(True)): NumPy 2.0).
    x = np.asarray(dtype(3))
    for where in (True, False, np.array(True), np.bool_(True)):
        for axis in (0, -1, 1, (0,), None):
            fn_ov = lambda: getattr(ovnp, name)(ovnp.asarray(x), axis=axis, where=where)  # noqa: B023,E731
            fn_np = lambda: getattr(np, name)(x, axis=axis, where=where)  # noqa: B023,E731
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    want = fn_np()
            except Exception:  # noqa: BLE001
                same_error(fn_ov, fn_np)
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                assert_same(fn_ov(), np.asarray(want, np.float32))
