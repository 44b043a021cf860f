"""Creating arrays: from host data, from shapes and fill values, ranges and matrices.

Cheap and lazy: zeros/ones/empty are a broadcast constant, full a broadcast 0-d data
leaf (so its value never enters a compile key), eye/tri small in-graph ops, and
arange/linspace/logspace/geomspace are computed by NumPy on the host (exactly NumPy's
values, rounded once to 32 bits) and passed as data.
"""

import operator
import sys

import numpy as _np

from . import _device, _dtypes, _engine, _ir
from ._array import ndarray
from ._changing_dims import broadcast_arrays
from ._changing_shape import ravel, reshape
from ._elementwise import multiply
from ._joining import concatenate, stack
from ._layout import _strides, _view
from ._nodes import (_arr, _broadcast, _cast, _concat_nodes, _filled, _node, _reshape_node,
                     _shape, _slice_node, _wrap, as_node, asarray, warn_if_complex_to_real,
                     with_wide)
from ._splitting import unstack
from ._transpose_like import transpose

__all__ = [
    "asarray", "array", "asanyarray", "ascontiguousarray", "copy", "zeros", "ones", "full",
    "empty", "zeros_like", "ones_like", "full_like", "empty_like", "arange", "linspace",
    "logspace", "geomspace", "eye", "identity", "diag", "diagflat", "tri", "tril", "triu",
    "vander", "meshgrid", "indices", "fromfunction", "frombuffer", "fromiter", "r_", "c_",
    "astype",
]


def asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    return asarray(a, dtype, device=device, copy=copy)


def array(obj, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, like=None, device=None):
    result = asarray(obj, dtype=dtype, device=device, copy=copy)
    if ndmin > result.ndim:
        result = result.reshape((1,) * (ndmin - result.ndim) + result.shape)
    return result


def ascontiguousarray(a, dtype=None, *, like=None, device=None):
    return array(a, dtype=dtype, copy=None, ndmin=1, device=device)


def copy(a, order="K", subok=False):
    return array(a, copy=True)


# ---------------------------------------------------------------- from shapes

def _dtype(dtype, default=_dtypes.float32):
    return default if dtype is None else _dtypes.canonical(dtype)


def _wide(dtype) -> bool:
    """Whether a requested dtype is NumPy's int64 (`int`, `numpy.int64`, "i8", ...): its
    arrays are int32 marked wide (docs/dtypes.md)."""
    return dtype is not None and _dtypes.is_wide(_np.dtype(dtype))


def zeros(shape, dtype=None, order="C", *, device=None, like=None):
    return _filled(_shape(shape), 0, _dtype(dtype), _device.resolve(device), _wide(dtype))


def ones(shape, dtype=None, order="C", *, device=None, like=None):
    return _filled(_shape(shape), 1, _dtype(dtype), _device.resolve(device), _wide(dtype))


def empty(shape, dtype=None, order="C", *, device=None, like=None):
    """Like NumPy's empty, but the elements are zeros (nothing is left uninitialized)."""
    return zeros(shape, dtype, device=device)


def _fill_node(shape, fill_value, dtype, device):
    if isinstance(fill_value, ndarray):
        node = fill_value._node
        if dtype is not None:
            wide = _wide(dtype)
            dtype = _dtypes.canonical(dtype)
            if node.dtype != dtype:
                node = _ir.Node("astype", (node,), (), node.shape, dtype, node.device, None, wide)
            node = with_wide(node, wide)
    else:
        if dtype is None:
            probe = _np.asarray(fill_value)
            wide = _dtypes.is_wide(probe.dtype)
            dtype = _dtypes.canonical(probe.dtype)
            if _dtypes.is_narrowed(probe.dtype):
                _dtypes.check_int_range(probe, dtype)
        else:
            wide = _wide(dtype)
            dtype = _dtypes.canonical(dtype)
        probe = _np.asarray(fill_value)
        cell = _np.empty(probe.shape, dtype)
        _np.copyto(cell, fill_value, casting="unsafe")  # NumPy's casting and errors
        node = _ir.data(cell, device, wide and dtype == _dtypes.int32)
    if _ir.broadcast_shapes(node.shape, shape) != shape:
        raise ValueError(f"could not broadcast input array from shape {node.shape} into shape {shape}")
    return _broadcast(node, shape)


def full(shape, fill_value, dtype=None, order="C", *, device=None, like=None):
    return ndarray._wrap(_fill_node(_shape(shape), fill_value, dtype, _device.resolve(device)))


def _like(a, dtype, shape, device):
    if isinstance(a, ndarray):
        base_dtype, base_shape, base_device = a.dtype, a.shape, a.device
        base_wide = a._node.wide
    else:
        probe = _np.asarray(a)
        base_dtype, base_shape, base_device = _dtypes.canonical(probe.dtype), probe.shape, None
        base_wide = _dtypes.is_wide(probe.dtype)
    wide = base_wide if dtype is None else _wide(dtype)
    dtype = base_dtype if dtype is None else _dtypes.canonical(dtype)
    shape = base_shape if shape is None else _shape(shape)
    device = _device.resolve(device if device is not None else base_device)
    return dtype, shape, device, wide and dtype == _dtypes.int32


def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    dtype, shape, device, wide = _like(a, dtype, shape, device)
    return _filled(shape, 0, dtype, device, wide)


def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    dtype, shape, device, wide = _like(a, dtype, shape, device)
    return _filled(shape, 1, dtype, device, wide)


def empty_like(prototype, dtype=None, order="K", subok=True, shape=None, *, device=None):
    return zeros_like(prototype, dtype, shape=shape, device=device)


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    dtype, shape, device, wide = _like(a, dtype, shape, device)
    return ndarray._wrap(with_wide(_fill_node(shape, fill_value, dtype, device), wide))


# ---------------------------------------------------------------- ranges (host data)

def _host(value, dtype, device):
    return asarray(value, dtype, device=device)


def _scalar(x):
    return x.item() if isinstance(x, ndarray) and x.ndim == 0 else x


def _hostable(x):
    return _np.asarray(x) if isinstance(x, ndarray) else x


def arange(start_or_stop, /, stop=None, step=None, *, dtype=None, device=None, like=None):
    args = [_scalar(a) for a in (start_or_stop, stop, step)]
    if dtype is not None:
        _dtypes.canonical(dtype)
    values = _np.arange(*args, dtype=dtype)
    return _host(values, dtype, device)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *, device=None):
    if dtype is not None:
        _dtypes.canonical(dtype)
    result = _np.linspace(_hostable(start), _hostable(stop), num, endpoint, retstep, dtype, axis)
    if retstep:
        return _host(result[0], dtype, device), result[1]
    return _host(result, dtype, device)


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0, *, device=None):
    if dtype is not None:
        _dtypes.canonical(dtype)
    values = _np.logspace(_hostable(start), _hostable(stop), num, endpoint, _hostable(base), dtype, axis)
    return _host(values, dtype, device)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0, *, device=None):
    if dtype is not None:
        _dtypes.canonical(dtype)
    values = _np.geomspace(_hostable(start), _hostable(stop), num, endpoint, dtype, axis)
    return _host(values, dtype, device)


# ---------------------------------------------------------------- matrices

def _grid_node(op, N, M, k, dtype, device):
    N = operator.index(N)
    M = N if M is None else operator.index(M)
    if N < 0 or M < 0:
        raise ValueError("negative dimensions are not allowed")
    # NumPy's tri takes a real k (truncated, through arange with an integer dtype).
    k = operator.index(k) if op == "eye" else int(k)
    # Any k beyond the matrix gives the same grid; clamping keeps it within int32 (the
    # lowering builds int32 positions) and lets such calls share one compiled model.
    k = max(-N - 1, min(k, M + 1))
    return _ir.Node(op, (), (k,), (N, M), _dtype(dtype), _device.resolve(device), None,
                    _wide(dtype))


def eye(N, M=None, k=0, dtype=None, order="C", *, device=None, like=None):
    return ndarray._wrap(_grid_node("eye", N, M, k, dtype, device))


def identity(n, dtype=None, *, like=None, device=None):
    return eye(n, dtype=dtype, device=device)


def tri(N, M=None, k=0, dtype=None, *, like=None, device=None):
    return ndarray._wrap(_grid_node("tri", N, M, k, dtype, device))


def _masked(m, mask, keep_where_true):
    zero = _ir.const(0, m.dtype, m.device)
    a, b = (m, zero) if keep_where_true else (zero, m)
    shape = _ir.broadcast_shapes(mask.shape, m.shape)
    return ndarray._wrap(_ir.Node("where", (mask, a, b), (), shape, m.dtype, m.device))


def tril(m, k=0):
    m = as_node(m)
    if len(m.shape) == 0:
        raise TypeError("tri() missing 1 required positional argument: 'N'")
    mask = _grid_node("tri", *m.shape[-2:][:1], m.shape[-1], k, _dtypes.bool_, m.device)
    return _masked(m, mask, True)


def triu(m, k=0):
    m = as_node(m)
    if len(m.shape) == 0:
        raise TypeError("tri() missing 1 required positional argument: 'N'")
    mask = _grid_node("tri", *m.shape[-2:][:1], m.shape[-1], k - 1, _dtypes.bool_, m.device)
    return _masked(m, mask, False)


def _diag_from(v, k):
    """The (n, n) matrix with the 1-d node v on diagonal k (NumPy's diag(v, k))."""
    length = v.shape[0]
    n = length + abs(k)
    if length == 0:
        return _broadcast(_ir.const(0, v.dtype, v.device), (n, n))
    zero = _ir.const(0, v.dtype, v.device)
    # v[j] goes to flat position start + j * (n + 1).
    start = k if k >= 0 else -k * n
    rows = _concat_nodes([_reshape_node(v, (length, 1)), _broadcast(zero, (length, n))], 1, v.dtype)
    parts = [_reshape_node(rows, (length * (n + 1),)), _broadcast(zero, (n * n,))]
    if start:
        parts.insert(0, _broadcast(zero, (start,)))
    flat = _concat_nodes(parts, 0, v.dtype)
    return _reshape_node(_slice_node(flat, 0, 0, n * n), (n, n))


def diag(v, k=0):
    node = as_node(v)
    k = operator.index(k)
    if len(node.shape) == 1:
        return ndarray._wrap(_diag_from(node, k))
    if len(node.shape) != 2:
        raise ValueError("Input must be 1- or 2-d.")
    r, c = node.shape
    if k >= 0:
        start, count = k, max(0, min(r, c - k))
    else:
        start, count = -k * c, max(0, min(r + k, c))
    flat = _reshape_node(node, (r * c,))
    if count == 0:
        return ndarray._wrap(_slice_node(flat, 0, 0, 0))
    return ndarray._wrap(_slice_node(flat, 0, start, start + (count - 1) * (c + 1) + 1, c + 1))


def diagflat(v, k=0):
    return ndarray._wrap(_diag_from(ravel(v)._node, operator.index(k)))


def vander(x, N=None, increasing=False):
    x = x if isinstance(x, ndarray) else asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    N = x.shape[0] if N is None else operator.index(N)
    if N < 0:
        raise ValueError("negative dimensions are not allowed")
    dtype = _dtypes.canonical(_np.promote_types(x.dtype, int))
    if N == 0:
        return zeros((x.shape[0], 0), dtype, device=x.device)
    x = x.astype(dtype)
    cols = [ones(x.shape, dtype, device=x.device)]
    for _ in range(N - 1):
        cols.append(x if len(cols) == 1 else multiply(cols[-1], x))
    if not increasing:
        cols.reverse()
    return stack(cols, axis=1)


# ---------------------------------------------------------------- grids

def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    ndim = len(xi)
    s0 = (1,) * ndim
    output = [reshape(x if isinstance(x, ndarray) else asarray(x), s0[:i] + (-1,) + s0[i + 1:])
              for i, x in enumerate(xi)]
    if indexing == "xy" and ndim > 1:
        output[0] = reshape(output[0], (1, -1) + s0[2:])
        output[1] = reshape(output[1], (-1, 1) + s0[2:])
    if not sparse:
        output = list(broadcast_arrays(*output))
    if copy:
        output = [ndarray._wrap(o._node) for o in output]
    return tuple(output)


def indices(dimensions, dtype=int, sparse=False, *, device=None):
    dims = tuple(operator.index(d) for d in dimensions)
    wide = _wide(dtype)
    dtype = _dtypes.canonical(dtype)
    device = _device.resolve(device)
    parts = []
    for i, n in enumerate(dims):
        leaf = _ir.data(_np.arange(n, dtype=dtype), device, wide)
        node = _reshape_node(leaf, (1,) * i + (n,) + (1,) * (len(dims) - i - 1))
        parts.append(ndarray._wrap(node if sparse else _broadcast(node, dims)))
    if sparse:
        return tuple(parts)
    if not parts:
        return zeros((0,), dtype, device=device)
    return stack(parts)


def fromfunction(function, shape, *, dtype=float, like=None, device=None, **kwargs):
    grid = indices(shape, dtype=dtype, device=device)
    return function(*unstack(grid), **kwargs)


def frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None, device=None):
    return _host(_np.frombuffer(buffer, dtype, count, offset), None, device)


def fromiter(iter, dtype, count=-1, *, like=None, device=None):
    return _host(_np.fromiter(iter, dtype, count), None, device)


# ---------------------------------------------------------------- r_ and c_

class _AxisConcatenator:
    """NumPy's r_/c_ (index tricks) building ovnp arrays; matrix mode is not supported."""

    def __init__(self, axis=0, ndmin=1, trans1d=-1):
        self.axis, self.ndmin, self.trans1d = axis, ndmin, trans1d

    def __getitem__(self, key):
        if isinstance(key, str):
            raise NotImplementedError("ovnp's r_/c_ do not build matrices from strings")
        if not isinstance(key, tuple):
            key = (key,)
        trans1d, ndmin, axis = self.trans1d, self.ndmin, self.axis
        objs, types = [], []
        for k, item in enumerate(key):
            scalar = False
            if isinstance(item, slice):
                start = 0 if item.start is None else item.start
                step = 1 if item.step is None else item.step
                if isinstance(step, (complex, _np.complexfloating)):
                    newobj = linspace(start, item.stop, num=int(abs(step)))
                else:
                    newobj = arange(start, item.stop, step)
                if ndmin > 1:
                    newobj = array(newobj, copy=None, ndmin=ndmin)
                    if trans1d != -1:
                        newobj = newobj.swapaxes(-1, trans1d)
            elif isinstance(item, str):
                if k != 0:
                    raise ValueError("special directives must be the first entry.")
                if item in ("r", "c"):
                    raise NotImplementedError("ovnp's r_/c_ do not build matrices ('r', 'c')")
                if "," in item:
                    vec = item.split(",")
                    try:
                        axis, ndmin = [int(v) for v in vec[:2]]
                        if len(vec) == 3:
                            trans1d = int(vec[2])
                        continue
                    except Exception as e:
                        raise ValueError(f"unknown special directive {item!r}") from e
                try:
                    axis = int(item)
                    continue
                except (ValueError, TypeError) as e:
                    raise ValueError("unknown special directive") from e
            elif type(item) in _np.ScalarType:
                scalar = True
                newobj = item
            else:
                newobj = item if isinstance(item, ndarray) else asarray(item)
                item_ndim = newobj.ndim
                newobj = array(newobj, copy=None, ndmin=ndmin)
                if trans1d != -1 and item_ndim < ndmin:
                    k2 = ndmin - item_ndim
                    k1 = trans1d
                    if k1 < 0:
                        k1 += k2 + 1
                    defaxes = list(range(ndmin))
                    newobj = transpose(newobj, defaxes[:k1] + defaxes[k2:] + defaxes[k1:k2])
            objs.append(newobj)
            types.append(item if scalar else newobj.dtype)
        if types:
            final = _dtypes.result_type(*types)
            objs = [array(o, copy=None, ndmin=ndmin, dtype=final) if not isinstance(o, ndarray)
                    else array(o.astype(final), copy=None, ndmin=ndmin) for o in objs]
        return concatenate(tuple(objs), axis=axis)

    def __len__(self):
        return 0


r_ = _AxisConcatenator(0)
c_ = _AxisConcatenator(-1, ndmin=2, trans1d=0)

# ---------------------------------------------------------------- astype, and the methods astype, view, fill, copy

def astype(x, dtype, /, *, copy=True, device=None):
    x = _arr(x)
    node = x._node
    wide = _wide(dtype)     # astype(int64) marks int64 origin, astype(int32) drops it
    dtype = _dtypes.canonical(dtype)
    if device is not None and _device.resolve(device) != node.device:
        x = x.to_device(device)
        node = x._node
    if dtype == node.dtype:
        marked = with_wide(node, wide)
        # copy=False may (and, as in NumPy, does) return the input itself.
        return x if copy is False and marked is node else _wrap(marked)
    warn_if_complex_to_real(node.dtype, dtype)
    return _wrap(_ir.Node("astype", (node,), (), node.shape, dtype, node.device, None,
                          wide and dtype == _dtypes.int32))


def _astype_method(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
    if not _np.can_cast(self.dtype, dtype, casting):
        raise TypeError(f"Cannot cast array data from {self.dtype!r} to {_np.dtype(dtype)!r} "
                        f"according to the rule '{casting}'")
    return astype(self, dtype, copy=copy)


def _view_method(self, dtype=None, type=None):
    """Same-size dtypes only. Same dtype: a view that writes through. Another dtype of
    the same itemsize: OpenVINO has no bit cast, so the bits are reinterpreted on the
    host (this materializes) and the result is a copy, not a view."""
    if dtype is None or _np.dtype(dtype) == self.dtype:
        return _view(self, lambda n: n, lambda b, n: n, _strides(self))
    dtype = _np.dtype(dtype)
    if dtype.itemsize != self.dtype.itemsize:
        raise NotImplementedError("ovnp's view() supports dtypes of the same itemsize only")
    _dtypes.canonical(dtype)
    return asarray(self._value().view(dtype), device=self.device)


def _fill_method(self, value):
    if isinstance(value, ndarray):
        if value.ndim:
            raise ValueError("fill value must be a scalar")
        node = _cast(value._node, self.dtype)
    else:
        cell = _np.empty((), self.dtype)
        cell.fill(value)  # NumPy's casting and errors
        node = _ir.data(cell, self.device)
    if self.shape:
        node = _node("broadcast_to", (node,), (), self.shape)
    self._assign(node)


def _copy_method(self, order="C"):
    # Arrays are handles on immutable nodes: a copy shares the node until either is
    # rebound by a write, so copying is free.
    return ndarray._wrap(self._node)


METHODS = {"astype": _astype_method, "copy": _copy_method, "fill": _fill_method,
           "view": _view_method}

del sys

# Reading eye/tri never compiles (invariant 7); in a graph they are small in-graph ops.
_engine.HOST_OPS.update({
    "eye": lambda node: _np.eye(*node.shape, k=node.attrs[0], dtype=node.dtype),
    "tri": lambda node: _np.tri(*node.shape, k=node.attrs[0], dtype=node.dtype),
})
