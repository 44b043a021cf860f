"""ovnp.linalg: inverse, norms, powers and decompositions against NumPy."""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp
import ovnp.linalg as LA
from strategies import FLOAT_DTYPES, INT_DTYPES, arrays, assert_same, same_error

F32 = np.float32


def square_stacks(min_n=1, max_n=4, dtype=F32, lo=-4, hi=4):
    return st.tuples(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3),
                     st.integers(min_n, max_n)).flatmap(
        lambda s: hnp.arrays(dtype, s[0] + (s[1], s[1]),
                             elements=st.floats(lo, hi, width=32) if np.dtype(dtype).kind == "f"
                             else st.integers(lo, hi)))


def well_conditioned(a):
    """a + n*I: diagonally dominant, so inverses and solves are accurate in float32."""
    n = a.shape[-1]
    return (a + 4 * n * np.eye(n, dtype=a.dtype)).astype(a.dtype)


def test_linalgerror_is_numpys():
    assert LA.LinAlgError is np.linalg.LinAlgError


# ------------------------------------------------------------------ inverse (device)

@given(square_stacks())
def test_inv_matches_numpy_and_reconstructs(a):
    a = well_conditioned(a)
    got = LA.inv(a)
    assert_same(got, np.linalg.inv(a), rtol=1e-4, atol=1e-5)
    eye = np.broadcast_to(np.eye(a.shape[-1]), a.shape)
    np.testing.assert_allclose((ovnp.asarray(a) @ got).to_numpy(), eye, atol=1e-4)


@given(square_stacks(dtype=np.int32, lo=-3, hi=3))
def test_inv_singular_raises_like_numpy(a):
    # rank-deficient integer matrices: the last row repeats the first
    a = a.copy()
    if a.shape[-1] > 1:
        a[..., -1, :] = a[..., 0, :]
    else:
        a[...] = 0
    same_error(lambda: LA.inv(a), lambda: np.linalg.inv(a))
    same_error(lambda: LA.solve(a, a), lambda: np.linalg.solve(a, a))


@pytest.mark.parametrize("a", [np.ones(3, F32), np.ones((2, 3), F32), np.ones((2, 2), np.float16),
                               np.zeros((0, 0), F32), np.zeros((2, 0, 0), np.int8)])
def test_inv_argument_errors_and_empty(a):
    try:
        want = np.linalg.inv(a)
    except Exception:  # noqa: BLE001
        same_error(lambda: LA.inv(a), lambda: np.linalg.inv(a))
    else:
        assert_same(LA.inv(a), want)


def test_inv_of_ints_is_float32():
    a = np.array([[2, 1], [1, 1]], np.int32)
    assert_same(LA.inv(a), np.linalg.inv(a))


# ------------------------------------------------------------------ norms (device)

VECTOR_ORDS = [None, 0, 1, -1, 2, -2, 3, 0.5, np.inf, -np.inf]
MATRIX_ORDS = [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]


def norm_values(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return st.one_of(st.sampled_from([np.nan, 0.0, -0.0, np.inf]),
                         st.floats(-100, 100, width=16 if dtype == np.float16 else 32))
    info = np.iinfo(dtype)
    return st.integers(max(int(info.min), -1000), min(int(info.max), 1000))


@given(st.sampled_from(INT_DTYPES + FLOAT_DTYPES), st.data())
def test_vector_norms_match_numpy(dtype, data):
    a = data.draw(hnp.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=0,
                                                     max_side=4), elements=norm_values(dtype)))
    ord_ = data.draw(st.sampled_from(VECTOR_ORDS))
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    keepdims = data.draw(st.booleans())
    rtol = 2e-2 if a.dtype == np.float16 else 2e-5
    try:
        want = np.linalg.norm(a, ord_, axis, keepdims)
    except Exception:  # noqa: BLE001
        same_error(lambda: LA.norm(a, ord_, axis, keepdims),
                   lambda: np.linalg.norm(a, ord_, axis, keepdims))
        return
    assert_same(LA.norm(a, ord_, axis, keepdims), want, rtol=rtol, atol=1e-6)
    if ord_ is not None:
        want = np.linalg.vector_norm(a, axis=axis, keepdims=keepdims, ord=ord_)
        assert_same(LA.vector_norm(a, axis=axis, keepdims=keepdims, ord=ord_), want,
                    rtol=rtol, atol=1e-6)


@given(arrays(dtypes=[np.dtype(F32), np.dtype(np.int16)],
              shape=hnp.array_shapes(min_dims=0, max_dims=4, max_side=3),
              elements_of=norm_values), st.booleans())
def test_default_norm_and_vector_norm_tuple_axis(a, keepdims):
    assert_same(LA.norm(a, keepdims=keepdims), np.linalg.norm(a, keepdims=keepdims),
                rtol=2e-5, atol=1e-6)
    if a.ndim >= 2:
        axis = (0, -1)
        assert_same(LA.vector_norm(a, axis=axis, keepdims=keepdims),
                    np.linalg.vector_norm(a, axis=axis, keepdims=keepdims), rtol=2e-5, atol=1e-6)


@given(st.sampled_from([np.dtype(F32), np.dtype(np.int32)]), st.data())
def test_matrix_norms_match_numpy(dtype, data):
    a = data.draw(hnp.arrays(dtype, hnp.array_shapes(min_dims=2, max_dims=4, min_side=0,
                                                     max_side=3), elements=norm_values(dtype)))
    ord_ = data.draw(st.sampled_from(MATRIX_ORDS))
    keepdims = data.draw(st.booleans())
    if ord_ in (2, -2, "nuc") and np.isinf(a).any():
        a = np.nan_to_num(a, posinf=7.0)  # LAPACK's SVD of inf is not comparable
    try:
        want = np.linalg.matrix_norm(a, ord=ord_, keepdims=keepdims)
    except Exception:  # noqa: BLE001
        same_error(lambda: LA.matrix_norm(a, ord=ord_, keepdims=keepdims),
                   lambda: np.linalg.matrix_norm(a, ord=ord_, keepdims=keepdims))
        return
    assert_same(LA.matrix_norm(a, ord=ord_, keepdims=keepdims), want, rtol=2e-5, atol=1e-5)
    assert_same(LA.norm(a, ord_, (0, 1), keepdims), np.linalg.norm(a, ord_, (0, 1), keepdims),
                rtol=2e-5, atol=1e-5)


def test_norm_errors_match_numpy():
    a = np.ones((2, 3), F32)
    for args in [("fro", 0), ("bad", None), (3, None), (None, (0, 0)), (None, (0, 1, 1)),
                 (np.inf, 5), (None, "x")]:
        same_error(lambda: LA.norm(a, *args), lambda: np.linalg.norm(a, *args))
    same_error(lambda: LA.norm(np.zeros(0, F32), -np.inf),
               lambda: np.linalg.norm(np.zeros(0, F32), -np.inf))


def test_norm_nan_propagates_through_max():
    # OpenVINO's ReduceMax drops NaN; NumPy's max propagates it.
    a = np.array([1.0, np.nan, 3.0], F32)
    assert_same(LA.norm(a, np.inf), np.linalg.norm(a, np.inf))
    assert_same(LA.norm(a, -np.inf), np.linalg.norm(a, -np.inf))
    m = np.array([[1.0, np.nan], [3.0, 4.0]], F32)
    assert_same(LA.norm(m, 1), np.linalg.norm(m, 1))


# ------------------------------------------------------------------ powers and chains

@given(square_stacks(dtype=np.int32, lo=-3, hi=3), st.integers(0, 6))
def test_matrix_power_ints_exact(a, n):
    assert_same(LA.matrix_power(a, n), np.linalg.matrix_power(a, n))


@given(square_stacks(), st.integers(-3, 5))
def test_matrix_power_floats(a, n):
    a = (well_conditioned(a) / 8).astype(F32)
    want = np.linalg.matrix_power(a, n)
    assert_same(LA.matrix_power(a, n), want, rtol=1e-4, atol=1e-5)


def test_matrix_power_errors():
    for a, n in [(np.ones(3, F32), 2), (np.ones((2, 3), F32), 2), (np.ones((2, 2), F32), 1.5),
                 (np.zeros((2, 2), F32), -1)]:
        same_error(lambda: LA.matrix_power(a, n), lambda: np.linalg.matrix_power(a, n))


@given(st.lists(st.integers(1, 4), min_size=3, max_size=6), st.booleans(), st.booleans(),
       st.data())
def test_multi_dot_matches_numpy(dims, first_1d, last_1d, data):
    arrays_ = [data.draw(hnp.arrays(F32, (p, q), elements=st.floats(-4, 4, width=32)))
               for p, q in zip(dims, dims[1:])]
    if first_1d:
        arrays_[0] = arrays_[0][0]
    if last_1d:
        arrays_[-1] = arrays_[-1][:, 0]
    assert_same(LA.multi_dot(arrays_), np.linalg.multi_dot(arrays_), rtol=1e-4, atol=1e-3)


# ------------------------------------------------------------------ host decompositions

@given(st.tuples(hnp.array_shapes(min_dims=0, max_dims=1, max_side=3), st.integers(1, 4),
                 st.integers(1, 4)).flatmap(
    lambda s: hnp.arrays(F32, s[0] + (s[1], s[2]), elements=st.floats(-4, 4, width=32))))
def test_qr_and_svd_reconstruct(a):
    q, r = LA.qr(a)
    np.testing.assert_allclose((q @ r).to_numpy(), a, atol=1e-4)
    assert_same(r, np.linalg.qr(a).R, rtol=1e-4, atol=1e-4)
    u, s, vh = LA.svd(a, full_matrices=False)
    k = s.shape[-1]
    us = u.to_numpy() * s.to_numpy()[..., None, :]
    np.testing.assert_allclose(us @ vh.to_numpy(), a, atol=1e-4)
    assert_same(s, np.linalg.svd(a, compute_uv=False), rtol=1e-4, atol=1e-4)
    assert_same(LA.svdvals(a), np.linalg.svdvals(a), rtol=1e-4, atol=1e-4)
    assert k == min(a.shape[-2:])


@given(square_stacks())
def test_eigh_cholesky_reconstruct(a):
    sym = (a + np.swapaxes(a, -1, -2)).astype(F32)
    w, v = LA.eigh(sym)
    vn, wn = v.to_numpy(), w.to_numpy()
    np.testing.assert_allclose(sym @ vn, vn * wn[..., None, :], atol=1e-3)
    assert_same(w, np.linalg.eigvalsh(sym), rtol=1e-4, atol=1e-4)
    assert_same(LA.eigvalsh(sym), np.linalg.eigvalsh(sym), rtol=1e-4, atol=1e-4)
    spd = (a @ np.swapaxes(a, -1, -2) + np.eye(a.shape[-1], dtype=F32)).astype(F32)
    low = LA.cholesky(spd)
    np.testing.assert_allclose((low @ low.mT).to_numpy(), spd, rtol=1e-4, atol=1e-4)
    assert_same(low, np.linalg.cholesky(spd), rtol=1e-4, atol=1e-4)
    assert_same(LA.cholesky(spd, upper=True), np.linalg.cholesky(spd, upper=True),
                rtol=1e-4, atol=1e-4)


def test_cholesky_of_indefinite_raises():
    a = np.array([[1, 2], [2, 1]], F32)
    same_error(lambda: LA.cholesky(a), lambda: np.linalg.cholesky(a))


@given(square_stacks())
def test_det_slogdet_solve_pinv_rank_match_numpy(a):
    b = well_conditioned(a)
    assert_same(LA.det(a), np.linalg.det(a), rtol=1e-4, atol=1e-4)
    sign, logdet = LA.slogdet(a)
    want = np.linalg.slogdet(a)
    assert_same(sign, want.sign)
    assert_same(logdet, want.logabsdet, rtol=1e-4, atol=1e-4)
    x = LA.solve(b, a)
    np.testing.assert_allclose((ovnp.asarray(b) @ x).to_numpy(), a, atol=1e-4)
    assert_same(LA.pinv(b), np.linalg.pinv(b), rtol=1e-4, atol=1e-5)
    assert_same(LA.matrix_rank(a), np.linalg.matrix_rank(a))


def test_eig_real_and_complex():
    a = np.array([[2, 0], [1, 3]], F32)
    w, v = LA.eig(a)
    np.testing.assert_allclose(a @ v.to_numpy(), v.to_numpy() * w.to_numpy(), atol=1e-5)
    assert_same(LA.eigvals(a), np.linalg.eigvals(a))
    rot = np.array([[0, 1], [-1, 0]], F32)
    w = LA.eigvals(rot)              # complex eigenvalues: complex64, as NumPy's complex64
    assert w.dtype == np.complex64
    np.testing.assert_allclose(np.sort_complex(w.to_numpy()), [-1j, 1j], atol=1e-6)


def test_lstsq_tensorinv_tensorsolve_match_numpy():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((5, 3)).astype(F32)
    b = rng.standard_normal(5).astype(F32)
    got, want = LA.lstsq(a, b), np.linalg.lstsq(a, b)
    assert_same(got[0], want[0], rtol=1e-4, atol=1e-5)
    assert_same(got[1], want[1], rtol=1e-4, atol=1e-5)
    assert_same(got[2], want[2])
    t = (np.eye(6, dtype=F32) * 3 + rng.standard_normal((6, 6)).astype(F32) / 10).reshape(6, 2, 3)
    assert_same(LA.tensorinv(t, ind=1), np.linalg.tensorinv(t, ind=1), rtol=1e-4, atol=1e-5)
    rhs = rng.standard_normal(6).astype(F32)
    assert_same(LA.tensorsolve(t, rhs), np.linalg.tensorsolve(t, rhs), rtol=1e-4, atol=1e-5)


def test_host_functions_refuse_float16_like_numpy():
    a = np.eye(2, dtype=np.float16)
    for name in ["det", "solve", "qr", "svd", "eigh", "cholesky", "inv", "pinv"]:
        args = (a, a) if name == "solve" else (a,)
        same_error(lambda: getattr(LA, name)(*args), lambda: getattr(np.linalg, name)(*args))
