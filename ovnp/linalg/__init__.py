"""ovnp.linalg: NumPy's numpy.linalg on ovnp arrays.

On the device (lazy, OpenVINO graphs): matmul, multi_dot, matrix_power (n >= 0), outer,
cross, diagonal, trace, vecdot, tensordot, matrix_transpose, and the norms except those
that need singular values (ord=2, -2, 'nuc' of matrices).
inv runs OpenVINO's Inverse on the device, then materializes to raise LinAlgError for
singular input as NumPy does.
On the host (NumPy's LAPACK, eager: the input is materialized at call time; complex64
results stay complex64, complex128 ones are narrowed to complex64): inv of complex input, det,
slogdet, solve, lstsq, pinv, matrix_rank, cholesky, qr, eigh, eigvalsh, eig, eigvals, svd,
svdvals, tensorsolve, tensorinv, and the singular-value norms. OpenVINO has no
decomposition ops; see docs/linalg.md.
"""

import numpy as _np

from .. import _device, _dtypes, _engine, _ir
from .._array import ndarray
from .. import _elementwise as _ew
from .. import _linalg
from .._nodes import as_node, write_out as _write_out
from .._reductions import sum as _s

LinAlgError = _np.linalg.LinAlgError

__all__ = ["LinAlgError", "matmul", "outer", "cross", "diagonal", "trace", "vecdot",
           "tensordot", "matrix_transpose", "multi_dot", "matrix_power", "norm",
           "vector_norm", "matrix_norm", "inv", "pinv", "det", "slogdet", "solve", "lstsq",
           "matrix_rank", "cholesky", "qr", "eigh", "eigvalsh", "eig", "eigvals", "svd",
           "svdvals", "tensorsolve", "tensorinv"]

matmul = _linalg.matmul


def tensordot(x1, x2, /, *, axes=2):
    return _linalg.tensordot(x1, x2, axes)


def _wrap(x):
    return x if isinstance(x, ndarray) else ndarray._wrap(as_node(x))


def vecdot(x1, x2, /, *, axis=-1):
    return _linalg.vecdot(x1, x2, axis=axis)


def outer(x1, x2, /):
    a, b = _wrap(x1), _wrap(x2)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"Input arrays must be one-dimensional, but they are "
                         f"x1.ndim={a.ndim} and x2.ndim={b.ndim}.")
    return _linalg.outer(a, b)


def cross(x1, x2, /, *, axis=-1):
    a, b = _wrap(x1), _wrap(x2)
    if a.ndim == 0 or b.ndim == 0 or a.shape[axis] != 3 or b.shape[axis] != 3:
        raise ValueError(
            f"Both input arrays must be (arrays of) 3-dimensional vectors, but they are "
            f"{a.shape[axis] if a.ndim else 0} and {b.shape[axis] if b.ndim else 0} "
            f"dimensional instead.")
    return _linalg.cross(a, b, axis=axis)


def diagonal(x, /, *, offset=0):
    node = as_node(x)
    if len(node.shape) < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    return ndarray._wrap(_linalg.diagonal_node(node, offset, -2, -1))


def trace(x, /, *, offset=0, dtype=None):
    return _linalg.trace(x, offset=offset, axis1=-2, axis2=-1, dtype=dtype)


def matrix_transpose(x, /):
    a = _wrap(x)
    if a.ndim < 2:
        raise ValueError("Input array must be at least 2-dimensional, but it is "
                         f"{a.ndim}-dimensional.")
    return a.swapaxes(-1, -2)


# ---------------------------------------------------------------- host helpers

def _host_value(x):
    return _wrap(x)._value()


def _device_of(*xs):
    nodes = [x._node for x in xs if isinstance(x, ndarray)]
    return _device.common_device(nodes) or _device.resolve(None)


def _to_ovnp(r, device):
    if isinstance(r, tuple):
        values = [_to_ovnp(v, device) for v in r]
        return type(r)(*values) if hasattr(r, "_fields") else tuple(values)
    if r is None:
        return None
    r = _np.asarray(r)
    return ndarray._wrap(_ir.data(_np.array(r, dtype=_dtypes.canonical(r.dtype), order="C"),
                                  device))


def _host(fn, *arrays, **kwargs):
    """NumPy's `fn` on the computed values (NumPy's dtype rules, errors and LAPACK)."""
    device = _device_of(*arrays)
    values = [_host_value(a) for a in arrays]
    return _to_ovnp(fn(*values, **kwargs), device)


def det(a):
    return _host(_np.linalg.det, a)


def slogdet(a):
    return _host(_np.linalg.slogdet, a)


def solve(a, b):
    return _host(_np.linalg.solve, a, b)


def lstsq(a, b, rcond=None):
    return _host(_np.linalg.lstsq, a, b, rcond=rcond)


def pinv(a, rcond=None, hermitian=False, *, rtol=_np._NoValue):
    kwargs = {"hermitian": hermitian}
    if rcond is not None:
        kwargs["rcond"] = rcond
    if rtol is not _np._NoValue:
        kwargs["rtol"] = rtol
    return _host(_np.linalg.pinv, a, **kwargs)


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    return _host(_np.linalg.matrix_rank, A, tol=tol, hermitian=hermitian, rtol=rtol)


def cholesky(a, /, *, upper=False):
    return _host(_np.linalg.cholesky, a, upper=upper)


def qr(a, mode="reduced"):
    return _host(_np.linalg.qr, a, mode=mode)


def eigh(a, UPLO="L"):
    return _host(_np.linalg.eigh, a, UPLO=UPLO)


def eigvalsh(a, UPLO="L"):
    return _host(_np.linalg.eigvalsh, a, UPLO=UPLO)


def eig(a):
    return _host(_np.linalg.eig, a)


def eigvals(a):
    return _host(_np.linalg.eigvals, a)


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    return _host(_np.linalg.svd, a, full_matrices=full_matrices, compute_uv=compute_uv,
                 hermitian=hermitian)


def svdvals(x, /):
    return _host(_np.linalg.svdvals, x)


def tensorsolve(a, b, axes=None):
    return _host(_np.linalg.tensorsolve, a, b, axes=axes)


def tensorinv(a, ind=2):
    return _host(_np.linalg.tensorinv, a, ind=ind)


# ---------------------------------------------------------------- inverse on the device

def _check_square(node):
    if len(node.shape) < 2:
        raise LinAlgError(f"{len(node.shape)}-dimensional array given. Array must be at "
                          "least two-dimensional")
    if node.shape[-1] != node.shape[-2]:
        raise LinAlgError("Last 2 dimensions of the array must be square")


def _linalg_float(node):
    """NumPy's linalg result dtype (float16 refused as NumPy does), narrowed."""
    if node.dtype == _dtypes.float16:
        raise TypeError("array type float16 is unsupported in linalg")
    return _dtypes.float32


def inv(a):
    node = as_node(a)
    _check_square(node)
    if node.dtype.kind == "c":      # OpenVINO's Inverse is real: LAPACK on the host
        return _host(_np.linalg.inv, a)
    dtype = _linalg_float(node)
    if _ir.size_of(node.shape) == 0:
        return _to_ovnp(_np.linalg.inv(_np.zeros(node.shape, _np.float32)), node.device)
    x = _linalg._cast(node, dtype)
    out = _ir.Node("inverse", (x,), (), node.shape, dtype, node.device)
    # NumPy raises for singular input at call time, so the inverse is computed now.
    _engine.materialize([out, x])
    finite_out = _np.isfinite(out.value).all(axis=(-2, -1))
    if not finite_out.all():
        finite_in = _np.isfinite(x.value).all(axis=(-2, -1))
        if (finite_in & ~finite_out).any():
            raise LinAlgError("Singular matrix")
    return ndarray._wrap(out)


# ---------------------------------------------------------------- products

def multi_dot(arrays, *, out=None):
    arrays = [_wrap(a) for a in arrays]
    n = len(arrays)
    if n < 2:
        raise ValueError("Expecting at least two arrays.")
    if n == 2:
        return _linalg.dot(arrays[0], arrays[1], out=out)
    ndim_first, ndim_last = arrays[0].ndim, arrays[-1].ndim
    if ndim_first == 1:
        arrays[0] = arrays[0].reshape(1, -1)
    if ndim_last == 1:
        arrays[-1] = arrays[-1].reshape(-1, 1)
    for a in arrays:
        if a.ndim != 2:
            raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be "
                              "two-dimensional")
    dims = [arrays[0].shape[0]] + [a.shape[1] for a in arrays]
    # NumPy's dynamic programming for the cheapest parenthesization
    m = [[0] * n for _ in range(n)]
    s = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            m[i][j] = float("inf")
            for k in range(i, j):
                cost = m[i][k] + m[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if cost < m[i][j]:
                    m[i][j], s[i][j] = cost, k

    def chain(i, j):
        if i == j:
            return arrays[i]
        return _linalg.dot(chain(i, s[i][j]), chain(s[i][j] + 1, j))

    result = chain(0, n - 1)
    if ndim_first == 1 and ndim_last == 1:
        result = result.reshape(())
    elif ndim_first == 1:
        result = result.reshape(-1)
    elif ndim_last == 1:
        result = result.reshape(-1)
    if out is not None:
        _write_out(out, result._node, "same_kind")
        return out
    return result


def matrix_power(a, n):
    a = _wrap(a)
    try:
        n = n.__index__()
    except AttributeError:
        raise TypeError("exponent must be an integer") from None
    node = a._node
    if len(node.shape) < 2:
        raise LinAlgError(f"{len(node.shape)}-dimensional array given. Array must be at "
                          "least two-dimensional")
    if node.shape[-1] != node.shape[-2]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    if n == 0:
        eye = _np.broadcast_to(_np.eye(node.shape[-1], dtype=node.dtype), node.shape)
        return ndarray._wrap(_ir.data(_np.ascontiguousarray(eye), node.device))
    if n < 0:
        a = inv(a)
        n = -n
    if n == 1:
        return a
    if n == 2:
        return matmul(a, a)
    if n == 3:
        return matmul(matmul(a, a), a)
    z = result = None
    while n > 0:
        z = a if z is None else matmul(z, z)
        n, bit = divmod(n, 2)
        if bit:
            result = z if result is None else matmul(result, z)
    return result


# ---------------------------------------------------------------- norms

def _extreme(x, kind, axes, keepdims):
    """NaN-propagating max/min of x over axes (non-empty)."""
    node = x._node
    axes = tuple(sorted(a % len(node.shape) for a in axes))
    shape = tuple(1 if i in axes else d for i, d in enumerate(node.shape)) if keepdims else \
        tuple(d for i, d in enumerate(node.shape) if i not in axes)
    return ndarray._wrap(_ir.Node("linalg_extreme", (node,), (kind, axes, bool(keepdims)),
                                  shape, node.dtype, node.device))


def _sum(x, axis, keepdims=False):
    return _s(x, axis=axis, keepdims=keepdims)


def _svd_norm(x, row_axis, col_axis, kind):
    y = x.transpose([i for i in range(x.ndim) if i not in (row_axis, col_axis)]
                    + [row_axis, col_axis])
    s = svdvals(y)
    if kind == "sum":
        return _sum(s, -1)
    return _extreme(s, kind, (-1,), False)


def _squares(x):
    """|x|**2 elementwise: x * x, or re**2 + im**2 for complex x (NumPy's (x.conj() * x).real)."""
    if x.dtype.kind != "c":
        return _ew.multiply(x, x)
    re, im = _ew.real(x), _ew.imag(x)
    return _ew.add(_ew.multiply(re, re), _ew.multiply(im, im))


def norm(x, ord=None, axis=None, keepdims=False):
    x = _wrap(x)
    if x.dtype.kind not in "fc":
        x = x.astype(_dtypes.float32)
    if x.size == 0 or (x.dtype == _dtypes.float16 and ord in (2, -2, "nuc")
                       and (axis is None and x.ndim == 2 or
                            isinstance(axis, tuple) and len(axis) == 2)):
        # the value is known without computing (or NumPy raises): ask NumPy
        return _to_ovnp(_np.linalg.norm(_np.zeros(x.shape, x.dtype), ord, axis, keepdims),
                        x.device)
    if axis is None:
        ndim = x.ndim
        if ord is None or (ord in ("f", "fro") and ndim == 2) or (ord == 2 and ndim == 1):
            flat = x.reshape(-1)
            if x.dtype.kind == "c":
                re, im = _ew.real(flat), _ew.imag(flat)
                ret = _ew.sqrt(_ew.add(_linalg.dot(re, re), _linalg.dot(im, im)))
            else:
                ret = _ew.sqrt(_linalg.dot(flat, flat))
            if keepdims:
                ret = ret.reshape((1,) * ndim)
            return ret
    nd = x.ndim
    if axis is None:
        axis = tuple(range(nd))
    elif not isinstance(axis, tuple):
        try:
            axis = int(axis)
        except Exception as e:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from e
        axis = (axis,)
    if len(axis) == 1:
        ax = _ir.normalize_axis(axis[0], nd)
        if ord == _np.inf:
            return _extreme(_ew.absolute(x), "max", (ax,), keepdims)
        if ord == -_np.inf:
            return _extreme(_ew.absolute(x), "min", (ax,), keepdims)
        if ord == 0:
            return _sum(_ew.not_equal(x, 0).astype(_ew.real(x).dtype), ax, keepdims)
        if ord == 1:
            return _sum(_ew.absolute(x), ax, keepdims)
        if ord is None or ord == 2:
            return _ew.sqrt(_sum(_squares(x), ax, keepdims))
        if isinstance(ord, str):
            raise ValueError(f"Invalid norm order '{ord}' for vectors")
        ret = _sum(_ew.power(_ew.absolute(x), float(ord)), ax, keepdims)
        return _ew.power(ret, float(_np.reciprocal(_np.asarray(ord, dtype=ret.dtype))))
    if len(axis) == 2:
        row_axis, col_axis = (_ir.normalize_axis(a, nd) for a in axis)
        if row_axis == col_axis:
            raise ValueError("Duplicate axes given.")
        if ord == 2:
            ret = _svd_norm(x, row_axis, col_axis, "max")
        elif ord == -2:
            ret = _svd_norm(x, row_axis, col_axis, "min")
        elif ord in (1, -1):
            c = col_axis - 1 if col_axis > row_axis else col_axis
            ret = _extreme(_sum(_ew.absolute(x), row_axis), "max" if ord == 1 else "min",
                           (c,), False)
        elif ord in (_np.inf, -_np.inf):
            r = row_axis - 1 if row_axis > col_axis else row_axis
            ret = _extreme(_sum(_ew.absolute(x), col_axis), "max" if ord > 0 else "min",
                           (r,), False)
        elif ord in (None, "fro", "f"):
            ret = _ew.sqrt(_sum(_squares(x), (row_axis, col_axis)))
        elif ord == "nuc":
            ret = _svd_norm(x, row_axis, col_axis, "sum")
        else:
            raise ValueError("Invalid norm order for matrices.")
        if keepdims:
            shape = list(x.shape)
            shape[row_axis] = shape[col_axis] = 1
            ret = ret.reshape(shape)
        return ret
    raise ValueError("Improper number of dimensions to norm.")


def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    x = _wrap(x)
    shape = list(x.shape)
    if axis is None:
        y, _axis = x.reshape(-1), 0
    elif isinstance(axis, tuple):
        axes = tuple(_ir.normalize_axis(a, x.ndim) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError("repeated axis")
        rest = tuple(i for i in range(x.ndim) if i not in axes)
        y = x.transpose(axes + rest).reshape(
            (_ir.size_of(x.shape[i] for i in axes),) + tuple(x.shape[i] for i in rest))
        _axis = 0
    else:
        y, _axis = x, axis
    res = norm(y, axis=_axis, ord=ord)
    if keepdims:
        axes = range(len(shape)) if axis is None else \
            (_ir.normalize_axes(axis, len(shape)))
        for i in axes:
            shape[i] = 1
        res = res.reshape(tuple(shape))
    return res


def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    return norm(x, axis=(-2, -1), keepdims=keepdims, ord=ord)
