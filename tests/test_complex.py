"""complex64 against NumPy (issue 14 items 1, 2, 4): the dtype and its promotion,
creation and casts, parts, arithmetic, comparisons, reductions, sorting, products,
shape and index functions, linalg. Values include NaN, +-inf and +-0.0 parts; shapes
0-d, empty and 3-D/4-D."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import ovnp
from strategies import assert_complex_close, assert_same, complex_arrays, elements, same_error

C64 = np.dtype(np.complex64)
SHAPES = [(), (0,), (3,), (2, 3), (2, 1, 3), (1, 2, 1, 2)]
PAIRS = [((), ()), ((3,), ()), ((2, 3), (3,)), ((2, 1), (1, 3)), ((0,), (1,)),
         ((2, 1, 3), (2, 1))]
# moderate finite parts, for functions whose rounding NumPy's SIMD loops order differently
MODERATE = st.floats(-1e3, 1e3, width=32)


def _np(fn, *args, **kwargs):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


# ---------------------------------------------------------------- the dtype

def test_complex128_and_python_complex_become_complex64():
    assert ovnp.asarray(np.zeros(3, np.complex128)).dtype == C64
    assert ovnp.asarray([1j, 2]).dtype == C64
    assert ovnp.asarray(1 + 2j).dtype == C64 and complex(ovnp.asarray(1 + 2j)) == 1 + 2j
    assert ovnp.asarray(np.zeros(2, np.clongdouble)).dtype == C64
    big = ovnp.asarray(np.array([1e300 + 1j], np.complex128)).to_numpy()
    assert np.isinf(big.real[0]) and big.imag[0] == 1      # narrowing overflows, as float64


@pytest.mark.parametrize("dtype", [np.float32, np.float16, np.int16, np.int32, np.uint8, bool])
def test_nep50_promotion_with_python_complex(dtype):
    x = np.ones(3, dtype)
    got = ovnp.asarray(x) + 1j
    assert got.dtype == ovnp._dtypes.canonical((x + 1j).dtype) == C64
    np.testing.assert_array_equal(got.to_numpy(), (x + 1j).astype(C64))
    assert (ovnp.asarray(np.ones(2, C64)) * 2.5).dtype == C64


def test_creation_with_complex_dtypes():
    for got, want in [(ovnp.zeros(3, complex), np.zeros(3, C64)),
                      (ovnp.ones((2, 2), np.complex64), np.ones((2, 2), C64)),
                      (ovnp.full(3, 1 - 2j), np.full(3, 1 - 2j, C64)),
                      (ovnp.full((2,), complex(-0.0, np.nan)),
                       np.full(2, complex(-0.0, np.nan), C64)),
                      (ovnp.eye(3, dtype=complex), np.eye(3, dtype=C64)),
                      (ovnp.zeros_like(ovnp.ones(2, complex)), np.zeros(2, C64)),
                      (ovnp.linspace(0, 1 + 1j, 5), np.linspace(0, 1 + 1j, 5).astype(C64))]:
        assert_complex_close(got, want)
    assert ovnp.empty(4, dtype=complex).dtype == C64 and ovnp.empty(4, dtype=complex).shape == (4,)


@given(complex_arrays(st.sampled_from(SHAPES)))
def test_astype_both_ways_and_complex_warning(z):
    x = ovnp.asarray(z)
    for dtype in (np.float32, np.int16, np.uint8, np.float16):
        with pytest.warns(np.exceptions.ComplexWarning):
            got = x.astype(dtype)
        want = _np(z.astype, dtype)
        if np.dtype(dtype).kind == "f":
            assert_same(got, want)
        else:   # NumPy's float -> int of NaN/inf/out-of-range is undefined: finite parts only
            ok = np.isfinite(z.real) & (np.abs(z.real) < 100)
            np.testing.assert_array_equal(got.to_numpy()[ok], want[ok])
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # no ComplexWarning to bool, as in NumPy
        assert_same(x.astype(bool), z.astype(bool))
    assert_complex_close(ovnp.asarray(z.real).astype(np.complex64), z.real.astype(C64))
    assert_complex_close(x.astype(np.complex128), z)


# ---------------------------------------------------------------- parts

@given(complex_arrays(st.sampled_from(SHAPES)), st.booleans())
def test_parts_conj_abs_angle_match_numpy(z, deg):
    x = ovnp.asarray(z)
    for got, want in ((ovnp.real(x), z.real), (ovnp.imag(x), z.imag), (x.real, z.real),
                      (x.imag, z.imag)):
        assert got.dtype == np.float32
        np.testing.assert_array_equal(got.to_numpy().view(np.int32), want.view(np.int32))
    assert_complex_close(ovnp.conj(x), np.conj(z))
    assert_complex_close(x.conjugate(), z.conjugate())
    assert_same(ovnp.abs(x), np.abs(z), ulp=2)
    assert_same(ovnp.angle(x, deg=deg), _np(np.angle, z, deg=deg), ulp=4)
    assert_same(ovnp.angle(ovnp.asarray(z.real)), np.angle(z.real), ulp=4)


def test_abs_does_not_overflow_or_underflow():
    z = np.array([3e38 + 3e38j, 1e-45 + 1e-45j, 3e-39 - 4e-39j, complex(np.inf, np.nan),
                  complex(np.nan, -np.inf), 2e19 + 2e19j, 1e-20 + 1e-20j], C64)
    assert_same(ovnp.abs(ovnp.asarray(z)), np.abs(z), ulp=2)


def test_type_tests_and_real_if_close():
    z = np.array([1 + 0j, 2 + 1e-9j], C64)
    x = ovnp.asarray(z)
    assert ovnp.iscomplexobj(x) and not ovnp.isrealobj(x)
    assert not ovnp.iscomplexobj(ovnp.ones(2)) and ovnp.isrealobj(ovnp.ones(2))
    assert ovnp.iscomplexobj(1j) == np.iscomplexobj(1j)
    assert_same(ovnp.iscomplex(x), np.iscomplex(z))
    assert_same(ovnp.isreal(x), np.isreal(z))
    assert_same(ovnp.iscomplex(ovnp.ones(2)), np.iscomplex(np.ones(2)))
    assert_same(ovnp.real_if_close(x), np.real_if_close(z))        # 1e-9 < 100 eps: real
    far = np.array([1 + 1e-3j], C64)
    assert_complex_close(ovnp.real_if_close(ovnp.asarray(far)), np.real_if_close(far))
    with pytest.raises(TypeError):
        ovnp.isposinf(x)


# ---------------------------------------------------------------- arithmetic, comparison

BINARY = ["add", "subtract", "multiply", "divide", "equal", "not_equal", "less", "less_equal",
          "greater", "greater_equal", "maximum", "minimum", "fmax", "fmin", "logical_and",
          "logical_or", "logical_xor"]
UNARY = ["negative", "positive", "conjugate", "square", "reciprocal", "sign", "isnan",
         "isinf", "isfinite", "logical_not", "rint"]


@pytest.mark.parametrize("name", BINARY)
@settings(max_examples=15)
@given(data=st.data())
def test_binary_matches_numpy(name, data):
    sa, sb = data.draw(st.sampled_from(PAIRS))
    a, b = data.draw(complex_arrays(sa)), data.draw(complex_arrays(sb))
    want = _np(getattr(np, name), a, b)
    got = getattr(ovnp, name)(ovnp.asarray(a), ovnp.asarray(b))
    if want.dtype.kind == "b":
        assert_same(got, want)
    else:   # NumPy's SIMD multiply may fuse a*b - c*d differently: a few ulp of |z|
        assert_complex_close(got, want, rtol=4e-7 if name in ("add", "subtract") else 2e-6,
                             zero_signs=name in ("add", "subtract", "maximum", "minimum",
                                                 "fmax", "fmin"))


@pytest.mark.parametrize("name", UNARY)
@settings(max_examples=15)
@given(z=complex_arrays(st.sampled_from(SHAPES)))
def test_unary_matches_numpy(name, z):
    want = _np(getattr(np, name), z)
    got = getattr(ovnp, name)(ovnp.asarray(z))
    if want.dtype.kind == "b":
        assert_same(got, want)
    else:
        assert_complex_close(got, want, rtol=2e-6, zero_signs=name != "square")


def test_division_is_scaled_as_numpys():
    """Smith's algorithm: neither |b|**2 nor a product overflows or underflows."""
    a = np.array([1e30 + 1e30j, 1e-30 + 1e-30j, 3e38 + 1j, 1 + 1j, complex(np.inf, np.nan),
                  1 + 1j, complex(np.nan, 0), 0j, 1 + 0j], C64)
    b = np.array([1e30 + 1e30j, 1e-30 + 1e-30j, 3e38 + 3e38j, 1e-40 + 1e-40j, 1 + 0j,
                  complex(0, -0.0), 0j, 0j, complex(np.inf, np.inf)], C64)
    assert_complex_close(ovnp.asarray(a) / ovnp.asarray(b), _np(np.divide, a, b))


def test_python_complex_scalars_are_weak_and_constants_distinguish_signed_zeros():
    x = ovnp.asarray(np.array([1 + 1j, -2 + 0j], C64))
    for s in (1j, -0.0j, complex(0.0, -0.0), complex(-0.0, 0.0), complex(np.nan, 1)):
        assert_complex_close(x * s, _np(np.multiply, x.to_numpy(), np.complex64(s)))
        assert_complex_close(s - x, _np(np.subtract, np.complex64(s), x.to_numpy()))
    assert (x + 1j).dtype == C64 and (ovnp.asarray(np.float16(1)) + 1j).dtype == C64


def test_a_product_by_a_nan_constant_then_a_sum_is_nan():
    """Trap (lower._nan_products_as_sums): the CPU plugin's fused scale-and-shift lost a
    NaN scale: b * nan + a gave [0, -2]; complex products by a constant with a NaN part."""
    a = ovnp.asarray(np.array([1.0, -2.0], np.float32))
    b = ovnp.asarray(np.array([1.0, 0.0], np.float32))
    assert np.isnan((b * float("nan") + a).to_numpy()).all()
    assert np.isnan((a * 1.0 + b * float("nan")).to_numpy()).all()
    x = ovnp.asarray(np.array([1 + 1j, -2 + 0j], C64))
    want = _np(np.multiply, x.to_numpy(), np.complex64(complex(np.nan, 1)))
    assert_complex_close(x * complex(np.nan, 1), want)


def test_fused_and_unfused_give_the_same_answer():
    z = np.array([1 + 2j, complex(np.inf, 1), complex(-0.0, np.nan), 3e38 + 1j], C64)
    x = ovnp.asarray(z)
    fused = ((x * x + 1j) / (x - 2)).to_numpy()
    step = ovnp.asarray((x * x).to_numpy())
    step = ovnp.asarray((step + 1j).to_numpy())
    unfused = (step / ovnp.asarray((x - 2).to_numpy())).to_numpy()
    np.testing.assert_array_equal(fused.view(np.float32), unfused.view(np.float32))


def test_multiply_with_overflowing_products_is_numpys_and_the_same_fused():
    """Issue 12 (sweep): NumPy's SIMD multiply computes fma(ar, br, -(ai*bi)) and
    fma(ar, bi, ai*br): where ar*br overflows, (3e38+1j) * (3e38+infj) is -inf+infj. The
    CPU plugin contracted some products into FMAs only when an operand was pending, so a
    pending operand gave -inf where a computed one gave NaN (or the reverse)."""
    parts = [0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 3e38, -3e38, 1e-45]
    values = [complex(r, i) for r in parts for i in parts]
    a = np.array([u for u in values for _ in values], C64)
    b = np.array([v for _ in values for v in values], C64)
    want = _np(np.multiply, a, b)
    x, y = ovnp.asarray(a), ovnp.asarray(b)
    pending = lambda: x + ovnp.asarray(np.full(a.shape, -0.0, C64))   # noqa: E731 (a new node)
    assert_complex_close(x * y, want, zero_signs=False)
    computed = (x * y).to_numpy()
    np.testing.assert_array_equal((pending() * y).to_numpy().view(np.float32),
                                  computed.view(np.float32))
    np.testing.assert_array_equal((y * pending()).to_numpy().view(np.float32),
                                  (y * x).to_numpy().view(np.float32))
    assert_complex_close(ovnp.square(pending()), _np(np.square, a), zero_signs=False)
    # an overflowing product whose difference is finite: (4.98e38 - 1.63e38) = 3.35e38
    a = np.array([complex(-6.550664e30, -1.814861e36)], C64)
    b = np.array([complex(-7.607402e7, -90.01031)], C64)
    assert_complex_close(ovnp.asarray(a) * ovnp.asarray(b), _np(np.multiply, a, b))


# ---------------------------------------------------------------- reductions

@settings(max_examples=20)
@given(z=complex_arrays(st.sampled_from([(3,), (2, 3), (2, 1, 3), (5, 2, 5)]),
                        parts=MODERATE), data=st.data())
def test_sums_products_and_statistics_match_numpy(z, data):
    axis = data.draw(st.sampled_from([None] + list(range(-z.ndim, z.ndim))))
    x = ovnp.asarray(z)
    # the variance of near-equal values is rounding noise of about |z|**2 * eps
    noise = 1e-6 * (float(np.abs(z).max()) ** 2 + 1)
    for name in ("sum", "mean", "prod", "var", "std"):
        want = _np(getattr(np, name), z, axis=axis)
        got = getattr(ovnp, name)(x, axis=axis)
        if np.asarray(want).dtype.kind == "c":
            assert_complex_close(got, want, rtol=1e-5, zero_signs=False)
        else:
            assert_same(got, want, rtol=1e-5, atol=noise if name == "var" else noise ** 0.5)
    if axis is not None:
        for name in ("cumsum", "cumprod"):
            assert_complex_close(getattr(ovnp, name)(x, axis=axis),
                                 _np(getattr(np, name), z, axis=axis), rtol=1e-5,
                                 zero_signs=False)


@settings(max_examples=25)
@given(z=complex_arrays(st.sampled_from([(4,), (2, 5), (3, 1, 4)]),
                        parts=st.sampled_from([np.nan, -0.0, 0.0, 1.0, -1.0, 2.0, np.inf])),
       data=st.data())
def test_extremes_and_sorting_follow_numpys_complex_order(z, data):
    """Lexicographic order, NaNs last as [R + Rj, R + nanj, nan + Rj, nan + nanj]; the
    first NaN wins max/min/argmax/argmin."""
    axis = data.draw(st.sampled_from(list(range(z.ndim))))
    x = ovnp.asarray(z)
    for name in ("max", "min"):
        assert_complex_close(getattr(ovnp, name)(x, axis=axis), getattr(np, name)(z, axis=axis))
    for name in ("argmax", "argmin"):
        assert_same(getattr(ovnp, name)(x, axis=axis), getattr(np, name)(z, axis=axis))
    s = ovnp.sort(x, axis=axis).to_numpy()
    want = np.sort(z, axis=axis)
    # equal values may come in either order: compare values (NaN parts as NaN)
    np.testing.assert_array_equal(s, want)
    idx = ovnp.argsort(x, axis=axis, kind="stable")
    assert_same(idx, np.argsort(z, axis=axis, kind="stable"))
    # (NumPy's float sort is unstable: -0.0 and 0.0 may come in either order)
    assert_complex_close(ovnp.sort_complex(ovnp.asarray(z.real.ravel())),
                         np.sort_complex(z.real.ravel()), zero_signs=False)


def test_prod_starts_from_the_identity_and_reduces_its_axes_as_one():
    """Issue 12 (sweep): NumPy's complex prod multiplies from 1+0j, over all its axes in
    one run: prod([-inf+0j]) is -inf+nanj (ovnp gave -inf+0j); axes (0, 1) of a (6, 1)
    array met the identity twice (nan+nanj where NumPy has inf+infj); an empty axis
    raised RuntimeError from OpenVINO."""
    z = np.array([-1 - 6.3j, 26.6 + 0.75j, -1 + 0.5j, -1 + 0.5j, 1 + 0j, complex(-np.inf, 0)],
                 C64)
    x = ovnp.asarray(z)
    assert_complex_close(ovnp.prod(x[5:]), _np(np.prod, z[5:]), zero_signs=False)
    assert_complex_close(ovnp.prod(x.reshape(6, 1), axis=1), _np(np.prod, z.reshape(6, 1), 1))
    assert_complex_close(ovnp.prod(x.reshape(6, 1), axis=(0, 1)),
                         _np(np.prod, z.reshape(6, 1), (0, 1)))
    assert_complex_close(ovnp.prod(x.reshape(2, 3), axis=(0, 1), keepdims=True),
                         _np(np.prod, z.reshape(2, 3), (0, 1), None, None, True))
    for shape, axis in (((0,), None), ((3, 0), (0, 1)), ((3, 0), 1), ((3, 0), 0)):
        e = np.zeros(shape, C64)
        assert_complex_close(ovnp.prod(ovnp.asarray(e), axis=axis), np.prod(e, axis=axis))


# ---------------------------------------------------------------- products

@settings(max_examples=15)
@given(data=st.data())
def test_products_match_numpy(data):
    m, k, n = data.draw(st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4)))
    a = data.draw(complex_arrays((m, k), parts=MODERATE))
    b = data.draw(complex_arrays((k, n), parts=MODERATE))
    v = data.draw(complex_arrays((k,), parts=MODERATE))
    r = data.draw(st.just(np.linspace(-1, 1, k * n, dtype=np.float32).reshape(k, n)))
    A, B, V, R = map(ovnp.asarray, (a, b, v, r))
    tol = dict(rtol=1e-5, atol=1e-3, zero_signs=False)
    assert_complex_close(A @ B, a @ b, **tol)
    assert_complex_close(A @ R, a @ r, **tol)
    assert_complex_close(ovnp.dot(A, V), np.dot(a, v), **tol)
    assert_complex_close(ovnp.vdot(V, V), np.vdot(v, v), **tol)          # conjugates
    assert_complex_close(ovnp.vdot(A, A), np.vdot(a, a), **tol)
    assert_complex_close(ovnp.einsum("ij,jk->ik", A, B), np.einsum("ij,jk->ik", a, b), **tol)
    assert_complex_close(ovnp.einsum("ij->j", A), np.einsum("ij->j", a), **tol)
    assert_complex_close(ovnp.tensordot(A, B, 1), np.tensordot(a, b, 1), **tol)
    assert_complex_close(ovnp.inner(V, V), np.inner(v, v), **tol)
    assert_complex_close(ovnp.outer(V, V), np.outer(v, v), **tol)
    assert_complex_close(ovnp.matmul(V, B), np.matmul(v, b), **tol)
    assert_complex_close(ovnp.vecdot(A, V), np.vecdot(a, v), **tol)           # conjugates
    assert_complex_close(ovnp.linalg.vecdot(A, V), np.linalg.vecdot(a, v), **tol)


# ---------------------------------------------------------------- shape and index functions

SHAPE_FUNCTIONS = {
    "reshape": lambda m, x: m.reshape(x, (5, 2, 3)),
    "transpose": lambda m, x: m.transpose(x, (2, 0, 1)),
    "swapaxes": lambda m, x: m.swapaxes(x, 0, 2),
    "moveaxis": lambda m, x: m.moveaxis(x, 0, -1),
    "ravel": lambda m, x: m.ravel(x),
    "flip": lambda m, x: m.flip(x, 1),
    "roll": lambda m, x: m.roll(x, 2, 2),
    "rot90": lambda m, x: m.rot90(x),
    "concatenate": lambda m, x: m.concatenate([x, x], 1),
    "stack": lambda m, x: m.stack([x, x], -1),
    "split": lambda m, x: m.split(x, 5, axis=2)[3],
    "tile": lambda m, x: m.tile(x, (1, 2, 1)),
    "repeat": lambda m, x: m.repeat(x, 2, axis=0),
    "pad": lambda m, x: m.pad(x, 1),
    "pad_edge": lambda m, x: m.pad(x, ((0, 1), (1, 0), (2, 2)), mode="edge"),
    "pad_mean": lambda m, x: m.pad(x, 1, mode="mean"),
    "expand_squeeze": lambda m, x: m.squeeze(m.expand_dims(x, 1), 1),
    "broadcast_to": lambda m, x: m.broadcast_to(x[:1], (4, 3, 5)),
    "take": lambda m, x: m.take(x, [0, 2, 1], axis=2),
    "take_along_axis": lambda m, x: m.take_along_axis(
        x, m.asarray(np.zeros((2, 3, 1), np.int32)), 2),
    "where": lambda m, x: m.where(m.real(x) > 0, x, 1j),
    "basic": lambda m, x: x[1, ::-1, 1:4:2],
    "fancy": lambda m, x: x[[1, 0], :, [4, 0]],
    "mask": lambda m, x: x[m.real(x) > 0],
    "diagonal": lambda m, x: m.diagonal(x, 0, 1, 2),
    "triu": lambda m, x: m.triu(x),
    "diff": lambda m, x: m.diff(x, axis=2),
    "trace": lambda m, x: m.trace(x[0]),
    "kron": lambda m, x: m.kron(x[0, :2, :2], x[1, :2, :2]),
    "copy": lambda m, x: m.copy(x),
    "nonzero": lambda m, x: m.nonzero(x)[2],
    "count_nonzero": lambda m, x: m.count_nonzero(x, axis=1),
    "any_all": lambda m, x: m.any(x, axis=0) & m.all(x, axis=2)[..., None],
    "unique": lambda m, x: m.unique(x[0, 0]),
}


@pytest.mark.parametrize("name", sorted(SHAPE_FUNCTIONS))
def test_shape_and_index_functions_on_complex(name):
    rng = np.random.default_rng(len(name))
    z = (rng.standard_normal((2, 3, 5)) + 1j * rng.standard_normal((2, 3, 5))).astype(C64)
    z[0, 1, 2] = complex(np.nan, -0.0)
    z[1, 2, 3] = complex(-0.0, np.inf)
    fn = SHAPE_FUNCTIONS[name]
    want = _np(fn, np, z)
    got = fn(ovnp, ovnp.asarray(z))
    if np.asarray(want).dtype.kind == "c":
        assert_complex_close(got, want, rtol=1e-6)
    else:
        assert_same(got, want)


def test_writes_into_complex_arrays():
    z = np.zeros((3, 4), C64)
    x = ovnp.asarray(z)
    x[1] = 1 - 1j
    z[1] = 1 - 1j
    x[:, 2] += 2j
    z[:, 2] += 2j
    x[x.real > 0] = complex(-0.0, 5)
    z[z.real > 0] = complex(-0.0, 5)
    assert_complex_close(x, z)


# ---------------------------------------------------------------- linalg

def test_linalg_with_complex():
    rng = np.random.default_rng(0)
    a = (rng.standard_normal((4, 4)) + 1j * rng.standard_normal((4, 4))).astype(C64)
    b = (rng.standard_normal((4, 2)) + 1j * rng.standard_normal((4, 2))).astype(C64)
    A, B = ovnp.asarray(a), ovnp.asarray(b)
    tol = dict(rtol=1e-4, atol=1e-5, zero_signs=False)
    assert_complex_close(ovnp.linalg.inv(A), np.linalg.inv(a), **tol)
    assert_complex_close(ovnp.linalg.solve(A, B), np.linalg.solve(a, b), **tol)
    assert_complex_close(ovnp.linalg.det(A), np.linalg.det(a), **tol)
    for ord_ in (None, "fro", 1, -1, np.inf, 2, "nuc"):
        assert_same(ovnp.linalg.norm(A, ord_), np.linalg.norm(a, ord_), rtol=1e-5)
    for ord_ in (None, 0, 1, 2, 3, np.inf, -np.inf):
        assert_same(ovnp.linalg.norm(A, ord_, axis=1), np.linalg.norm(a, ord_, axis=1), rtol=1e-5)
    assert_same(ovnp.linalg.vector_norm(A), np.linalg.vector_norm(a), rtol=1e-5)
    # eig/eigvals: complex64 where NumPy returns complex (compare as sorted sets)
    rot = np.array([[0, -1], [1, 0]], np.float32)
    w = ovnp.linalg.eigvals(ovnp.asarray(rot))
    assert w.dtype == C64
    np.testing.assert_allclose(np.sort_complex(w.to_numpy()),
                               np.sort_complex(np.linalg.eigvals(rot)), atol=1e-6)
    vals, vecs = ovnp.linalg.eig(A)
    assert vals.dtype == C64 and vecs.dtype == C64
    np.testing.assert_allclose((A @ vecs).to_numpy(), (vecs * vals).to_numpy(), atol=1e-4)
    sym = np.array([[2, 1], [1, 2]], np.float32)
    assert ovnp.linalg.eigvals(ovnp.asarray(sym)).dtype == np.float32     # real, as NumPy


def test_unsupported_complex_routines_raise_at_call_time():
    x = ovnp.asarray(np.array([1 + 1j, 2j], C64))
    for call in (lambda: ovnp.median(x), lambda: ovnp.quantile(x, 0.5),
                 lambda: ovnp.searchsorted(x, x), lambda: ovnp.pad(x, 1, mode="maximum")):
        with pytest.raises(NotImplementedError, match="complex"):
            call()


def test_complex_input_errors_match_numpy():
    x = np.array([1 + 1j], C64)
    same_error(lambda: ovnp.fft.rfft(ovnp.asarray(x)), lambda: np.fft.rfft(x))
    same_error(lambda: ovnp.i0(ovnp.asarray(x)), lambda: np.i0(x))
    same_error(lambda: ovnp.asarray(x) // 2, lambda: x // 2)
    same_error(lambda: ovnp.remainder(ovnp.asarray(x), 2), lambda: np.remainder(x, 2))
    same_error(lambda: ovnp.arctan2(ovnp.asarray(x), ovnp.asarray(x)), lambda: np.arctan2(x, x))
    assert elements is not None


@settings(max_examples=15)
@given(z=complex_arrays(st.sampled_from([(4,), (2, 3), (3, 1, 2)]),
                        parts=st.sampled_from([np.nan, np.inf, -np.inf, -0.0, 1.5, -2.25, 0.5])),
       decimals=st.integers(-1, 2))
def test_nan_functions_rounding_and_nan_to_num_treat_parts_as_numpy(z, decimals):
    x = ovnp.asarray(z)
    for name in ("nansum", "nanprod", "nanmean"):
        assert_complex_close(getattr(ovnp, name)(x), _np(getattr(np, name), z), rtol=1e-5,
                             zero_signs=False)
    if not np.isnan(z).all():
        for name in ("nanmax", "nanmin"):
            assert_complex_close(getattr(ovnp, name)(x), _np(getattr(np, name), z))
        for name in ("nanargmax", "nanargmin"):
            assert getattr(ovnp, name)(x).tolist() == getattr(np, name)(z).tolist()
    assert_complex_close(ovnp.round(x, decimals), _np(np.round, z, decimals))
    assert_complex_close(ovnp.nan_to_num(x), np.nan_to_num(z))
    assert_complex_close(ovnp.nan_to_num(x, nan=2.0, posinf=5.0, neginf=-5.0),
                         np.nan_to_num(z, nan=2.0, posinf=5.0, neginf=-5.0))
