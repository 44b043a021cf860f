"""sort/argsort with the Array API's descending= (2023.12), against array_api_compat's
numpy namespace: descending sort is the ascending sort reversed (NaNs first, -0.0/0.0 in
reversed stable order), descending argsort is stable (equal elements keep their original
order). scikit-learn's roc_curve calls xp.argsort(y, stable=True, descending=True)."""

import array_api_compat.numpy as xp
import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import ALL_DTYPES, FLOAT_DTYPES, arrays, same_error, shapes


def _few_values(d):
    """Values with many ties (so stability shows), NaN, signed zeros and infinities."""
    d = np.dtype(d)
    if d.kind == "f":
        return st.sampled_from([np.nan, -np.nan, 0.0, -0.0, 1.0, -1.0, 2.5, np.inf, -np.inf])
    if d.kind == "b":
        return st.booleans()
    info = np.iinfo(d)
    return st.sampled_from(sorted({int(info.min), int(info.max), 0, 1, 2}))


def _array_and_axis(dtypes=ALL_DTYPES):
    return arrays(shape=shapes(min_dims=1, max_dims=3, max_side=4), dtypes=dtypes,
                  elements_of=_few_values).flatmap(
        lambda a: st.tuples(st.just(a), st.integers(-a.ndim, a.ndim - 1)))


def _same_values(got, want):
    """Same values and NaN places (-0.0 == 0.0: their order is the xfail below)."""
    assert isinstance(got, ovnp.ndarray) and got.dtype == want.dtype
    g = got.to_numpy()
    assert g.shape == want.shape
    assert np.array_equal(g, want, equal_nan=g.dtype.kind == "f"), (g, want)


@given(_array_and_axis(), st.booleans())
def test_sort_descending_matches_array_api_compat(args, stable):
    a, axis = args
    _same_values(ovnp.sort(ovnp.asarray(a), axis=axis, descending=True, stable=stable),
                 xp.sort(a, axis=axis, descending=True, stable=stable))


@given(_array_and_axis())
def test_argsort_descending_stable_matches_array_api_compat(args):
    a, axis = args
    got = ovnp.argsort(ovnp.asarray(a), axis=axis, descending=True, stable=True)
    want = xp.argsort(a, axis=axis, descending=True, stable=True)
    assert got.dtype == np.int32 and np.array_equal(got.to_numpy(), want), (got, want)


@given(_array_and_axis())
def test_descending_false_is_numpy_ascending(args):
    a, axis = args
    x = ovnp.asarray(a)
    assert np.array_equal(ovnp.argsort(x, axis=axis, descending=False).to_numpy(),
                          np.argsort(a, axis=axis, kind="stable"))
    _same_values(ovnp.sort(x, axis=axis, descending=False, stable=True),
                 np.sort(a, axis=axis, kind="stable"))


@given(arrays(shape=shapes(min_dims=1, max_dims=3, max_side=4), dtypes=FLOAT_DTYPES,
              elements_of=_few_values))
def test_descending_with_axis_none_sorts_the_flattened_array(a):
    x = ovnp.asarray(a)
    flat = a.reshape(-1)
    _same_values(ovnp.sort(x, axis=None, descending=True), xp.sort(flat, descending=True))
    assert np.array_equal(ovnp.argsort(x, axis=None, descending=True).to_numpy(),
                          xp.argsort(flat, descending=True))


def test_stable_descending_keeps_ties_in_order_and_nans_first():
    a = np.array([1.0, np.nan, 3.0, 1.0, np.nan, 3.0, -0.0, 0.0], np.float32)
    got = ovnp.argsort(ovnp.asarray(a), descending=True, stable=True).tolist()
    assert got == xp.argsort(a, descending=True, stable=True).tolist() == [1, 4, 2, 5, 0, 3, 6, 7]
    s = ovnp.sort(ovnp.asarray(a), descending=True).to_numpy()
    assert np.isnan(s[:2]).all() and s[2:].tolist() == [3.0, 3.0, 1.0, 1.0, 0.0, 0.0]


@pytest.mark.xfail(strict=True, reason="sort's values come from an unstable TopK, so -0.0 and "
                   "0.0 (equal) may swap: [1, nan, 3, 1, nan, 3, -0.0, 0.0] sorts to [0.0, -0.0, "
                   "...] where NumPy's stable sort gives [-0.0, 0.0, ...]. A stable TopK fixes it "
                   "but took 9 s instead of 9 ms on a 65536 row (OpenVINO 2026.4 CPU)")
def test_sort_keeps_signed_zeros_in_stable_order():
    a = np.array([1.0, np.nan, 3.0, 1.0, np.nan, 3.0, -0.0, 0.0], np.float32)
    x = ovnp.asarray(a)
    assert np.signbit(ovnp.sort(x).to_numpy()).tolist() == \
        np.signbit(np.sort(a, kind="stable")).tolist()
    assert np.signbit(ovnp.sort(x, descending=True).to_numpy()).tolist() == \
        np.signbit(xp.sort(a, descending=True)).tolist()


def test_descending_on_length_one_and_empty_axes():
    for shape in [(1,), (0,), (3, 0), (2, 1)]:
        a = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
        for axis in range(-len(shape), len(shape)):
            x = ovnp.asarray(a)
            assert ovnp.argsort(x, axis=axis, descending=True).to_numpy().tolist() \
                == xp.argsort(a, axis=axis, descending=True).tolist()
            assert ovnp.sort(x, axis=axis, descending=True).to_numpy().tolist() \
                == xp.sort(a, axis=axis, descending=True).tolist()


def test_descending_errors_are_numpys():
    a = np.ones((2, 3), np.float32)
    same_error(lambda: ovnp.argsort(ovnp.asarray(a), axis=2, descending=True),
               lambda: np.argsort(a, axis=2))
    with pytest.raises(ValueError):
        ovnp.sort(ovnp.asarray(a), kind="stable", stable=True, descending=True)
