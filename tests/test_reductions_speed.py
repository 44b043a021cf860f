"""The fast reduction paths (ovnp/_backend/lower_reductions.py) against NumPy.

- outer-axis float sums (nothing before the reduced axes, >= 32 values after them):
  levels of 16-way elementwise adds instead of one ReduceSum;
- float max/min: TopK(k=1) for the value plus a NaN-detecting ReduceL1 (inner and middle
  axes, in blocks for long runs), or Maximum/Minimum levels plus Abs+Add levels (outer).
Each path is pinned with NaN, +-inf, -FLT_MAX, -0.0, empty slices; integers (which keep
their own exact paths) are checked on the same shapes.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import arrays, assert_same, assert_same_or_overflow, same_error

from ovnp._backend import lower_reductions as L

NAN, INF = np.nan, np.inf
F32MAX = float(np.finfo(np.float32).max)

# Rows that trip OpenVINO's ReduceMax/ReduceMin: NaN in every position, only -inf (its
# ReduceMax says -FLT_MAX), -FLT_MAX among -inf, +inf beside NaN (ReduceMax([inf, nan,
# 1, 2]) is 2), only +inf (ReduceMin says FLT_MAX), signed zeros.
SPECIAL_ROWS = np.array([
    [1, 2, 3, NAN], [NAN, 1, 2, 3], [1, NAN, 3, 2], [NAN, NAN, NAN, NAN],
    [-INF, -INF, -INF, -INF], [-INF, -F32MAX, -INF, -INF], [-INF, NAN, -INF, -INF],
    [INF, NAN, 1, 2], [NAN, INF, 1, 2], [INF, INF, INF, INF], [1, INF, -INF, 2],
    [F32MAX, INF, F32MAX, F32MAX], [3, 3, 3, 3], [-0.0, 0.0, -0.0, 1.0],
], np.float32)


def _np(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def assert_exact(result, expected):
    """Same dtype (after the 32-bit policy), shape and values, NaN where NumPy has NaN
    (assert_same's ulp=0 cannot take FLT_MAX: its spacing overflows)."""
    expected = np.asarray(expected)
    assert result.dtype == ovnp._dtypes.canonical(expected.dtype)
    np.testing.assert_array_equal(result.to_numpy(), expected.astype(result.dtype))


def _layouts():
    """SPECIAL_ROWS laid out so each path of float_extreme sees every row."""
    r = SPECIAL_ROWS
    outer = np.tile(r.T, (1, 3))                            # (4, 42): axis 0 is outer
    return [
        ("inner", r, 1),                                    # last axis, TopK
        ("outer", outer, 0),                                # Maximum/Minimum levels
        ("outer, 17 rows", np.tile(outer, (5, 1))[:17], 0),  # levels with a tail
        ("middle", np.tile(r.T, (1, 3)).reshape(4, 3, 14).transpose(1, 0, 2).copy(), 1),
        ("long run", np.tile(r, (400, 1)).reshape(-1), 0),  # 22400 values: TopK blocks
    ]


@pytest.mark.parametrize("name,a,axis", _layouts(), ids=[n for n, _, _ in _layouts()])
def test_trap_float_max_min_special_values_every_path(name, a, axis):
    x = ovnp.asarray(a)
    for fn in ("max", "min", "argmax", "argmin"):
        want = _np(getattr(np, fn), a, axis=axis)
        got = getattr(ovnp, fn)(x, axis=axis)
        assert_exact(got, want)


def test_float_max_min_long_runs_find_each_special_value():
    # 1-d runs longer than LIMIT go through TopK/ReduceL1 in blocks, with a tail.
    n = L.LIMIT * 3 + 5
    for pos in (0, L.BLOCK - 1, L.BLOCK, n - 1):
        for value in (NAN, INF, -INF):
            a = np.linspace(-1, 1, n, dtype=np.float32)
            a[pos] = value
            x = ovnp.asarray(a)
            for fn in ("max", "min", "argmax", "argmin"):
                assert_exact(getattr(ovnp, fn)(x), _np(getattr(np, fn), a))
    only = np.full(n, -INF, np.float32)
    assert ovnp.max(ovnp.asarray(only)).item() == -INF
    assert ovnp.min(ovnp.asarray(-only)).item() == INF


def test_trap_reducemax_of_only_minus_inf_is_minus_flt_max():
    # keepdims, float16, and a where/initial mix all land on the TopK path
    a = np.full((3, 40), -INF, np.float16)
    for axis in (0, 1, None):
        assert_exact(ovnp.max(ovnp.asarray(a), axis=axis, keepdims=True),
                    np.max(a, axis=axis, keepdims=True))
    b = np.full((2, 33), INF, np.float32)
    b[1, 5] = NAN
    assert_exact(ovnp.min(ovnp.asarray(b), axis=0), _np(np.min, b, axis=0))
    assert_exact(ovnp.max(ovnp.asarray(b), axis=0, initial=-INF),
                _np(np.max, b, axis=0, initial=-INF))


@given(arrays(dtypes=[np.dtype(np.float16), np.dtype(np.float32)],
              shape=st.tuples(st.sampled_from([1, 2, 5, 17]), st.sampled_from([32, 33]))), st.sampled_from([0, 1, None]))
def test_outer_and_inner_max_min_match_numpy(a, axis):
    x = ovnp.asarray(a)
    for fn in ("max", "min", "argmax", "argmin"):
        assert_exact(getattr(ovnp, fn)(x, axis=axis), _np(getattr(np, fn), a, axis=axis))


@given(arrays(dtypes=[np.dtype(np.float16), np.dtype(np.float32)],
              shape=st.tuples(st.sampled_from([1, 2, 5, 17]), st.sampled_from([32, 33]))))
def test_outer_sum_matches_numpy(a):
    # NaN/inf placement must match exactly; values within a summation-order tolerance
    x = ovnp.asarray(a)
    want = _np(np.sum, a, axis=0)
    got = ovnp.sum(x, axis=0)
    finite = np.where(np.isfinite(a), a, 0).astype(np.float64)
    eps = float(np.finfo(a.dtype).eps)
    tol = 4 * eps * np.abs(finite).sum(axis=0) + float(np.finfo(a.dtype).smallest_subnormal)
    exact = finite.sum(axis=0)
    g = got.to_numpy()
    assert g.dtype == want.dtype
    assert (np.isnan(g) == np.isnan(want)).all()
    inf = np.isinf(want) | np.isinf(g)
    assert (g[inf] == want[inf]).all()
    # where float16 overflows to inf in NumPy's order it may not in ours (f32 accumulator)
    ok = ~np.isnan(want) & ~inf
    assert (np.abs(g[ok].astype(np.float64) - exact[ok]) <= tol[ok] + eps * np.abs(exact[ok])).all()


@pytest.mark.parametrize("shape,axis", [
    ((2, 64), 0), ((16, 32), 0), ((17, 40), 0), ((257, 33), 0), ((3, 5, 40), (0, 1)),
    ((4, 2, 3, 16), (0, 1)), ((33, 1, 32), 0)])
def test_outer_sum_levels_shapes(shape, axis):
    a = np.random.default_rng(1).uniform(-2, 2, shape).astype(np.float32)
    for keepdims in (False, True):
        got = ovnp.sum(ovnp.asarray(a), axis=axis, keepdims=keepdims)
        assert_same(got, np.sum(a.astype(np.float64), axis=axis, keepdims=keepdims)
                    .astype(np.float32), rtol=1e-5, atol=1e-5)
    assert_same(ovnp.mean(ovnp.asarray(a), axis=axis), np.mean(a, axis=axis), rtol=1e-5, atol=1e-6)


def test_outer_sum_special_values_and_signed_zero():
    a = np.zeros((5, 32), np.float32)
    a[:, 0] = [1, NAN, 2, 3, 4]
    a[:, 1] = [INF, 1, 2, 3, 4]
    a[:, 2] = [INF, -INF, 2, 3, 4]
    a[:, 3] = [-INF, -INF, 2, 3, 4]
    a[:, 4] = [F32MAX, F32MAX, 0, 0, 0]        # overflows to inf in any order
    a[:, 5] = -0.0
    got = ovnp.sum(ovnp.asarray(a), axis=0).to_numpy()
    want = _np(np.sum, a, axis=0)
    np.testing.assert_array_equal(got, want)
    assert np.signbit(got[5])                    # -0.0 + -0.0 stays -0.0, as in NumPy


def test_outer_sum_accuracy_on_4096_squared():
    """Axis-0 sum of (4096, 4096) positive float32 values: measured 2.5e-7 worst relative
    error (NumPy's row-by-row sum: 3.2e-6; the former single ReduceSum: 3.2e-6)."""
    rng = np.random.default_rng(4)
    a = rng.uniform(0.5, 1.5, (4096, 4096)).astype(np.float32)
    exact = a.astype(np.float64).sum(axis=0)
    got = ovnp.sum(ovnp.asarray(a), axis=0).to_numpy()
    numpy_err = np.max(np.abs(a.sum(axis=0) - exact) / exact)
    err = np.max(np.abs(got - exact) / exact)
    assert err < 1e-6 and err <= numpy_err


def test_empty_outer_reductions():
    for shape in ((0, 64), (64, 0), (0, 40, 2)):
        a = np.zeros(shape, np.float32)
        assert_same(ovnp.sum(ovnp.asarray(a), axis=0), np.sum(a, axis=0))
    same_error(lambda: ovnp.max(ovnp.asarray(np.zeros((0, 64), np.float32)), axis=0),
               lambda: np.max(np.zeros((0, 64), np.float32), axis=0))
    a = np.zeros((0, 64), np.float32)
    assert_exact(ovnp.max(ovnp.asarray(a), axis=0, initial=-INF),
                np.max(a, axis=0, initial=-INF))
    b = np.zeros((64, 0), np.float32)
    assert_exact(ovnp.max(ovnp.asarray(b), axis=0), np.max(b, axis=0))


def test_integers_keep_exact_paths_on_outer_shapes():
    # int32 above 2**24 (OpenVINO's ReduceSum/ReduceMax go through f32) and u32 >= 2**31
    # (treated as signed) on shapes that would take the float fast paths.
    i = np.full((3, 40), 16777217, np.int32)
    i[1, :] = 16777216
    i[2, 7] = 2**31 - 1
    xi = ovnp.asarray(i)
    for fn in ("sum", "max", "min", "argmax", "argmin"):
        for axis in (0, 1, None):
            assert_same_or_overflow(getattr(ovnp, fn)(xi, axis=axis),
                                    getattr(np, fn)(i, axis=axis))
    u = np.full((3, 40), 2**31 + 1, np.uint32)
    u[1, :] = 2**31
    u[2, 3] = 5
    u[0, 9] = 2**32 - 1
    xu = ovnp.asarray(u)
    for fn in ("sum", "max", "min", "argmax", "argmin"):
        for axis in (0, 1, None):
            assert_same_or_overflow(getattr(ovnp, fn)(xu, axis=axis),
                                    getattr(np, fn)(u, axis=axis))


def test_softmax_rows_with_nan_and_inf_match_numpy():
    # W5 written as NumPy code, on rows that need every fix-up of max
    a = np.tile(SPECIAL_ROWS, (1, 9))
    x = ovnp.asarray(a)
    e = ovnp.exp(x - ovnp.max(x, axis=-1, keepdims=True))
    got = e / ovnp.sum(e, axis=-1, keepdims=True)
    want = _np(lambda: (lambda e: e / e.sum(axis=-1, keepdims=True))(
        np.exp(a - a.max(axis=-1, keepdims=True))))
    assert_same(got, want)


def test_trap_topk_index_is_not_the_first_of_equal_values():
    # TopK's index (sort "none") picks index 4000 of a row with ones at 7 and 4000; the
    # stable sort finds 7 but is 50x slower, so argmax keys a pass by index instead.
    a = np.zeros((4, 5000), np.float32)
    a[0, [7, 4000]] = 1
    a[1, [4999, 100]] = -1
    a[2, [3, 4000]] = NAN                       # the first NaN wins
    a[3, 0], a[3, 1] = -0.0, 0.0                # equal: the first
    x = ovnp.asarray(a)
    for fn in ("argmax", "argmin"):
        for axis in (1, None):
            assert_exact(getattr(ovnp, fn)(x, axis=axis), getattr(np, fn)(a, axis=axis))
        assert_exact(getattr(ovnp, fn)(ovnp.asarray(a.T.copy()), axis=0),
                     getattr(np, fn)(a.T, axis=0))
    h = a.astype(np.float16)
    assert_exact(ovnp.argmax(ovnp.asarray(h), axis=1), np.argmax(h, axis=1))
