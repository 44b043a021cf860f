"""matmul, dot, einsum and relatives against NumPy (ovnp/_linalg.py)."""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp
from strategies import (ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, arrays, assert_same,
                        assert_same_or_overflow, same_error)

PRODUCT_DTYPES = [np.dtype(np.bool_)] + INT_DTYPES + FLOAT_DTYPES


def moderate(dtype):
    """Elements whose products and sums stay finite (floats) or wrap (ints)."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return st.floats(-8, 8, width=16 if dtype == np.float16 else 32)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return st.integers(int(info.min), int(info.max))
    return st.booleans()


def marr(dtype, shape):
    return hnp.arrays(dtype, shape, elements=moderate(dtype))


def check_product(got, a, b, want, abs_a=None, abs_b=None, op=None, contraction=True):
    """Ints/bools exactly; floats within a bound relative to the product of magnitudes."""
    assert isinstance(got, ovnp.ndarray)
    want = np.asarray(want)
    want_dtype = ovnp._dtypes.canonical(want.dtype)
    assert got.dtype == want_dtype, (got.dtype, want_dtype)
    elementwise = not contraction or op in (np.outer, np.kron, None) or (
        op in (np.dot, np.inner) and not (np.ndim(a) and np.ndim(b)))     # multiply
    if want_dtype in (np.int32, np.uint32) and not elementwise \
            and not _exact_or_overflow(got, a, b, op):
        return
    value = got.to_numpy()
    assert value.shape == want.shape, (value.shape, want.shape)
    if want_dtype.kind != "f":
        np.testing.assert_array_equal(value, want.astype(want_dtype))
        return
    exact = op(a.astype(np.float64), b.astype(np.float64))
    # |x| in float64: np.abs of int32 -2**31 is -2**31 (a negative tolerance)
    scale = np.asarray(op(np.abs(a.astype(np.float64)), np.abs(b.astype(np.float64))))
    eps = float(np.finfo(want_dtype).eps)
    k = max(a.size, b.size, 1)
    tol = 4 * eps * scale * min(k, 64) + 4 * eps + float(np.finfo(want_dtype).tiny)
    assert (np.abs(value - exact) <= tol).all(), f"\n got {value}\nwant {want}"


def _exact_or_overflow(got, a, b, op, operands=None):
    """Integer contractions into int32/uint32 (docs/dtypes.md): NumPy's exact value
    (object arithmetic) when it fits, OverflowError when it does not; near the edge, or
    with products cancelling far beyond 2**31, ovnp's float32 check may not prove the fit
    and raise instead. Returns whether the caller should still compare values."""
    # ovnp casts both operands to the result dtype first (uint32 >= 2**31 into int32 wraps:
    # docs/differences.md), then computes exactly
    xs = [np.asarray(x).astype(got.dtype).astype(object)
          for x in (operands if operands is not None else (a, b))]
    if any(np.size(x) == 0 for x in xs):
        return True     # empty sums are 0 (object arithmetic gives None)
    exact = np.asarray(op(*xs), dtype=object)
    size = np.asarray(op(*(np.abs(x) for x in xs)), dtype=object)
    info = np.iinfo(got.dtype)
    values = [int(v) for v in exact.reshape(-1)]
    if not all(info.min <= v <= info.max for v in values):
        with pytest.raises(OverflowError, match="32 bits"):
            got.to_numpy()
        return False
    k = max([np.size(x) for x in xs] + [1])
    clear = all(abs(v) <= 2**30 for v in values) and \
        all(int(t) * (k + 8) < 2**53 for t in size.reshape(-1))
    if clear:
        return True
    try:
        got.to_numpy()
    except OverflowError:
        return False
    return True


def both_dtypes():
    return st.tuples(st.sampled_from(PRODUCT_DTYPES), st.sampled_from(PRODUCT_DTYPES))


# ------------------------------------------------------------------ matmul

@given(st.data(), both_dtypes())
def test_matmul_matches_numpy(data, dtypes):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(
        signature=np.matmul.signature, max_dims=3, max_side=4))
    a = data.draw(marr(dtypes[0], shapes.input_shapes[0]))
    b = data.draw(marr(dtypes[1], shapes.input_shapes[1]))
    want = np.matmul(a, b)
    check_product(ovnp.matmul(a, b), a, b, want, op=np.matmul)
    check_product(ovnp.asarray(a) @ ovnp.asarray(b), a, b, want, op=np.matmul)


@given(arrays(dtypes=ALL_DTYPES, shape=st.sampled_from([(), (2,), (2, 3), (3, 3)])),
       arrays(dtypes=ALL_DTYPES, shape=st.sampled_from([(), (3,), (4, 2), (2, 3, 2)])))
def test_matmul_errors_match_numpy(a, b):
    try:
        np.matmul(a, b)
    except Exception:  # noqa: BLE001
        same_error(lambda: ovnp.matmul(a, b), lambda: np.matmul(a, b))


def test_trap_integer_matmul_is_exact_and_wraps():
    # OpenVINO's i32 MatMul computes in f32: 16777217 + 1 gives 16777216, and large
    # products saturate at 2147483520 instead of wrapping; i8 MatMul saturates at -128.
    a = np.array([[16777217, 1]], np.int32)
    b = np.array([[1], [1]], np.int32)
    assert_same(ovnp.matmul(a, b), a @ b)
    big = np.array([[2**30, 2**30, 7]], np.int32)
    two = np.array([[2], [2], [3]], np.int32)
    assert_same(ovnp.matmul(big, two, dtype=np.int32), big @ two)   # wraps, as NumPy's
    with pytest.raises(OverflowError):      # NumPy's default int64 is exact: never wrapped
        ovnp.matmul(big, two).to_numpy()
    i8 = np.array([[100, 100, -128]], np.int8)
    assert_same(ovnp.matmul(i8, i8.T), i8 @ i8.T)
    u32 = np.array([[2**32 - 1, 2**31]], np.uint32)
    assert_same(ovnp.matmul(u32, u32.T, dtype=np.uint32), u32 @ u32.T)
    with pytest.raises(OverflowError):      # 16777217**2: NumPy's int64 would be exact
        ovnp.einsum("ij,kj->ik", a, a).to_numpy()
    with pytest.raises(OverflowError):
        ovnp.dot(a[0], a[0]).to_numpy()
    assert_same(ovnp.dot(a[0], np.ones(2, np.int32)), np.dot(a[0], np.ones(2, np.int32)))


def test_matmul_float32_accuracy():
    # INFERENCE_PRECISION_HINT=f32: MatMul is as accurate as NumPy's sgemm (bf16 would
    # be off by ~5e-2).
    rng = np.random.default_rng(0)
    a = rng.standard_normal((64, 256)).astype(np.float32)
    b = rng.standard_normal((256, 64)).astype(np.float32)
    exact = a.astype(np.float64) @ b.astype(np.float64)
    scale = np.abs(a).astype(np.float64) @ np.abs(b).astype(np.float64)
    ours = np.max(np.abs(ovnp.matmul(a, b).to_numpy() - exact) / scale)
    numpys = np.max(np.abs(a @ b - exact) / scale)
    assert ours <= 2 * numpys + 1e-7, (ours, numpys)
    assert ours < 1e-6


def test_matmul_special_values():
    a = np.array([[np.nan, 1.0], [np.inf, 0.0], [1.0, 2.0]], np.float32)
    b = np.array([[1.0, 0.0], [2.0, np.inf]], np.float32)
    assert_same(ovnp.matmul(a, b), a @ b)


def test_matmul_inplace_and_out():
    a = np.arange(9, dtype=np.float32).reshape(3, 3)
    x = ovnp.asarray(a)
    x @= ovnp.asarray(a)
    assert_same(x, a @ a)
    out = ovnp.asarray(np.zeros((3, 3), np.float32))
    ovnp.matmul(a, a, out=out)
    assert_same(out, a @ a)


# ------------------------------------------------------------------ dot and friends

@given(st.data(), both_dtypes())
def test_dot_matches_numpy(data, dtypes):
    na = data.draw(st.integers(0, 3))
    nb = data.draw(st.integers(0, 3))
    k = data.draw(st.integers(0, 3))
    sa = data.draw(hnp.array_shapes(min_dims=na, max_dims=na, min_side=0, max_side=3)) \
        if na else ()
    sb = data.draw(hnp.array_shapes(min_dims=nb, max_dims=nb, min_side=0, max_side=3)) \
        if nb else ()
    if na and nb:
        sa = sa[:-1] + (k,)
        sb = (k,) if nb == 1 else sb[:-2] + (k,) + sb[-1:]
    a, b = data.draw(marr(dtypes[0], sa)), data.draw(marr(dtypes[1], sb))
    check_product(ovnp.dot(a, b), a, b, np.dot(a, b), op=np.dot)
    check_product(ovnp.asarray(a).dot(b), a, b, np.dot(a, b), op=np.dot)


@given(st.data(), both_dtypes())
def test_inner_outer_vdot_kron_match_numpy(data, dtypes):
    k = data.draw(st.integers(0, 3))
    sa = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, max_side=3))
    sb = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, max_side=3))
    if sa and sb:
        sa, sb = sa[:-1] + (k,), sb[:-1] + (k,)
    a, b = data.draw(marr(dtypes[0], sa)), data.draw(marr(dtypes[1], sb))
    check_product(ovnp.inner(a, b), a, b, np.inner(a, b), op=np.inner)
    check_product(ovnp.outer(a, b), a, b, np.outer(a, b), op=np.outer)
    check_product(ovnp.kron(a, b), a, b, np.kron(a, b), op=np.kron)
    c = data.draw(marr(dtypes[1], a.shape))
    check_product(ovnp.vdot(a, c), a, c, np.vdot(a, c), op=np.vdot)


def test_dot_errors_match_numpy():
    a, b = np.ones((2, 3), np.float32), np.ones(4, np.float32)
    same_error(lambda: ovnp.dot(a, b), lambda: np.dot(a, b))
    same_error(lambda: ovnp.inner(a, b), lambda: np.inner(a, b))
    same_error(lambda: ovnp.vdot(a, b), lambda: np.vdot(a, b))
    same_error(lambda: ovnp.tensordot(a, b, 1), lambda: np.tensordot(a, b, 1))


@given(st.data(), both_dtypes())
def test_tensordot_matches_numpy(data, dtypes):
    sa = data.draw(hnp.array_shapes(min_dims=0, max_dims=4, max_side=3))
    n = data.draw(st.integers(0, len(sa)))
    rest = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))
    perm = data.draw(st.permutations(range(n)))
    a_axes = list(range(len(sa) - n, len(sa)))
    sb = tuple(sa[a_axes[i]] for i in perm) + rest
    a, b = data.draw(marr(dtypes[0], sa)), data.draw(marr(dtypes[1], sb))
    axes = ([a_axes[i] for i in perm], list(range(n)))
    check_product(ovnp.tensordot(a, b, axes), a, b, np.tensordot(a, b, axes),
                  op=lambda x, y: np.tensordot(x, y, axes), contraction=n > 0)
    if list(perm) == list(range(n)):
        check_product(ovnp.tensordot(a, b, n), a, b, np.tensordot(a, b, n),
                      op=lambda x, y: np.tensordot(x, y, n), contraction=n > 0)


@given(st.data(), both_dtypes())
def test_vecdot_matches_numpy(data, dtypes):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=1, max_dims=3,
                                                         max_side=3))
    shape = np.broadcast_shapes(*shapes.input_shapes)
    axis = data.draw(st.integers(-1, -1) | st.integers(-len(shape), -1))
    sa, sb = list(shapes.input_shapes[0]), list(shapes.input_shapes[1])
    # the contracted axis must exist in both and match
    if len(sa) < -axis or len(sb) < -axis:
        axis = -1
    sa[axis] = sb[axis] = shape[axis]
    a, b = data.draw(marr(dtypes[0], tuple(sa))), data.draw(marr(dtypes[1], tuple(sb)))
    want = np.vecdot(a, b, axis=axis)
    check_product(ovnp.vecdot(a, b, axis=axis), a, b, want,
                  op=lambda x, y: np.vecdot(x, y, axis=axis))
    check_product(ovnp.linalg.vecdot(a, b, axis=axis), a, b, want,
                  op=lambda x, y: np.vecdot(x, y, axis=axis))


# ------------------------------------------------------------------ einsum

EQUATIONS = [
    ("ij,jk->ik", 2), ("ij,jk", 2), ("ii->i", 1), ("ii", 1), ("ij->ji", 1), ("ij->", 1),
    ("i,i->", 2), ("i,j->ij", 2), ("...ij,...jk->...ik", 2), ("bij,bjk->bik", 2),
    ("ijk,ikl->jl", 2), ("i...->...", 1), ("...,...", 2), ("iij->ij", 1), ("ij,ij->ij", 2),
    ("ij,j,jk->ik", 3), ("i,i,i->i", 3), ("...i,...i", 2), ("lk", 1),
]


@given(st.data(), st.sampled_from(EQUATIONS), st.sampled_from(PRODUCT_DTYPES))
def test_einsum_matches_numpy(data, equation, dtype):
    eq, nops = equation
    sizes = {c: data.draw(st.integers(0, 3), label=c) for c in "ijklb"}
    ell = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))
    lhs = eq.split("->")[0].split(",")
    ops_ = []
    for term in lhs:
        shape = []
        for part in term.split("..."):
            shape.append(tuple(sizes[c] for c in part))
        shape = shape[0] + ell + shape[1] if len(shape) == 2 else shape[0]
        ops_.append(data.draw(marr(dtype, shape)))
    want = np.einsum(eq, *ops_)
    got = ovnp.einsum(eq, *ops_)
    if np.dtype(dtype).kind == "f":
        exact = np.einsum(eq, *(o.astype(np.float64) for o in ops_))
        scale = np.einsum(eq, *(np.abs(o).astype(np.float64) for o in ops_))
        eps = float(np.finfo(dtype).eps)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert (np.abs(got.to_numpy() - exact) <= 8 * eps * scale + eps).all()
    elif got.dtype in (np.int32, np.uint32) and _summed_labels(eq, ops_):
        # a contraction: exact or OverflowError (docs/dtypes.md), as NumPy's int64
        if _exact_or_overflow(got, None, None, lambda *xs: np.einsum(eq, *xs), ops_):
            wide = np.uint64 if got.dtype.kind == "u" else np.int64
            assert_same(got, np.einsum(eq, *(o.astype(wide) for o in ops_)))
    else:
        assert_same(got, want)


def _summed_labels(eq, operands):
    labels, out, _ = ovnp._linalg._einsum_labels(eq, [np.shape(o) for o in operands])
    return {c for term in labels for c in term} - set(out)


def test_einsum_sublist_form_and_errors():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.arange(12, dtype=np.float32).reshape(3, 4)
    assert_same(ovnp.einsum(a, [0, 1], b, [1, 2], [0, 2]), np.einsum(a, [0, 1], b, [1, 2], [0, 2]))
    assert_same(ovnp.einsum(a, [Ellipsis, 1]), np.einsum(a, [Ellipsis, 1]))
    for eq, args in [("ij,jk->ik", (a, a)), ("ij->ii", (a,)), ("ij->k", (a,)),
                     ("ii->i", (a,)), ("ij,jk->ik", (a,)), ("i->i", (a,)), ("i2->i", (a,)),
                     ("ij->i->j", (a,))]:
        same_error(lambda: ovnp.einsum(eq, *args), lambda: np.einsum(eq, *args))


def test_einsum_broadcasts_size_one_labels():
    a, b = np.ones((1, 3), np.float32), np.arange(6, dtype=np.float32).reshape(2, 3)
    assert_same(ovnp.einsum("ij,ij->ij", a, b), np.einsum("ij,ij->ij", a, b))
    c = np.arange(2, dtype=np.int32).reshape(2, 1)
    d = np.arange(6, dtype=np.int32).reshape(3, 2)
    assert_same(ovnp.einsum("ij,jk", c, d), np.einsum("ij,jk", c, d))


# ------------------------------------------------------------------ trace, cross

@given(arrays(dtypes=ALL_DTYPES, shape=hnp.array_shapes(min_dims=2, max_dims=4, max_side=4),
              elements_of=moderate), st.data())
def test_trace_matches_numpy(a, data):
    nd = a.ndim
    axis1 = data.draw(st.integers(-nd, nd - 1))
    axis2 = data.draw(st.integers(-nd, nd - 1).filter(lambda x: x % nd != axis1 % nd))
    offset = data.draw(st.integers(-4, 4))
    want = np.trace(a, offset, axis1, axis2)
    got = ovnp.trace(a, offset, axis1, axis2)
    if a.dtype.kind == "f":
        assert_same(got, want, rtol=1e-3 if a.dtype == np.float16 else 1e-5, atol=1e-2)
    else:
        assert_same_or_overflow(got, want)
    assert_same(ovnp.linalg.diagonal(a, offset=offset), np.linalg.diagonal(a, offset=offset))
    same_error(lambda: ovnp.trace(a, 0, 0, 0), lambda: np.trace(a, 0, 0, 0))


@given(st.data(), st.sampled_from(INT_DTYPES[:3] + [np.dtype(np.int32)] + FLOAT_DTYPES))
def test_cross_matches_numpy(data, dtype):
    na = data.draw(st.sampled_from([2, 3]))
    nb = data.draw(st.sampled_from([2, 3]))
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=2, max_side=3))
    a = data.draw(marr(dtype, shapes.input_shapes[0] + (na,)))
    b = data.draw(marr(dtype, shapes.input_shapes[1] + (nb,)))
    with np.errstate(all="ignore"):
        want = np.cross(a, b)
    got = ovnp.cross(a, b)
    if a.dtype.kind == "f":
        assert_same(got, want, atol=float(np.finfo(dtype).eps) * 64 * 4)
    else:
        assert_same(got, want)
    if na == 3 and nb == 3:
        assert_same(ovnp.cross(a, b, axis=-1), np.cross(a, b, axis=-1),
                    atol=float(np.finfo(dtype).eps) * 64 * 4 if a.dtype.kind == "f" else 0)
        moved_a, moved_b = np.moveaxis(a, -1, 0), np.moveaxis(b, -1, 0)
        if moved_a.ndim > 1:
            assert_same(ovnp.cross(moved_a, moved_b, axisa=0, axisb=0, axisc=0),
                        np.cross(moved_a, moved_b, axisa=0, axisb=0, axisc=0),
                        atol=float(np.finfo(dtype).eps) * 256 if a.dtype.kind == "f" else 0)


def test_cross_errors_and_special_values():
    a = np.array([np.inf, 0, 0], np.float32)
    b = np.array([0, 1, 0], np.float32)
    with np.errstate(all="ignore"):
        assert_same(ovnp.cross(a, b), np.cross(a, b))
    same_error(lambda: ovnp.cross(np.ones(4), np.ones(3)), lambda: np.cross(np.ones(4), np.ones(3)))
    same_error(lambda: ovnp.cross(np.ones(3, bool), np.ones(3, bool)),
               lambda: np.cross(np.ones(3, bool), np.ones(3, bool)))
    same_error(lambda: ovnp.linalg.cross(np.ones(2), np.ones(3)),
               lambda: np.linalg.cross(np.ones(2), np.ones(3)))


def test_linalg_namespace_products():
    a = np.arange(4, dtype=np.float32)
    assert_same(ovnp.linalg.outer(a, a), np.linalg.outer(a, a))
    same_error(lambda: ovnp.linalg.outer(a.reshape(2, 2), a), lambda: np.linalg.outer(a.reshape(2, 2), a))
    m = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    assert_same(ovnp.linalg.matrix_transpose(m), np.linalg.matrix_transpose(m))
    assert_same(ovnp.linalg.trace(m[:, :3, :3], offset=1), np.linalg.trace(m[:, :3, :3], offset=1))
    assert_same(ovnp.linalg.matmul(m, m.mT), np.linalg.matmul(m, m.mT))
    assert_same(ovnp.linalg.tensordot(m, m, axes=3), np.linalg.tensordot(m, m, axes=3))


def test_trap_identity_einsum_and_zero_size_einsum():
    # OpenVINO's Einsum "ab->ab" (and any model whose output is its input) returns
    # uninitialized memory; zero-size einsums came back with the wrong size.
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    for eq in ["ab->ab", "ab", "...", "ab->ba"]:
        assert_same(ovnp.einsum(eq, a), np.einsum(eq, a))
    e = np.zeros((1, 0), np.bool_)
    assert_same(ovnp.einsum("lk", e), np.einsum("lk", e))
    assert_same(ovnp.einsum("ij,jk", np.zeros((2, 0), np.int32), np.zeros((0, 3), np.int32)),
                np.einsum("ij,jk", np.zeros((2, 0), np.int32), np.zeros((0, 3), np.int32)))


def test_trap_integer_trace_is_exact():
    # an integer ReduceSum in OpenVINO rounds through f32 (16777217 + 1 = 16777216)
    a = np.array([[16777217, 0], [0, 1]], np.int32)
    assert_same(ovnp.trace(a), np.trace(a))
    assert_same(ovnp.linalg.trace(a), np.linalg.trace(a))
