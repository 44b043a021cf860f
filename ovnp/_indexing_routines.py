"""Indexing routines (NumPy's grouping): generating index arrays (where, nonzero, ix_,
s_, index_exp, mgrid, ogrid, r_, c_, unravel_index, ravel_multi_index, diag_indices,
tril/triu_indices, mask_indices),
indexing-like operations (take, take_along_axis, choose, compress, diagonal, select),
inserting data into arrays (place, put, put_along_axis, putmask, fill_diagonal) and
iterating (ndindex, ndenumerate).

All are built on the positions machinery of _indexing.py: NumPy resolves the index on a
grid of flat positions, the IR gathers or scatters at them.
"""

import numpy as _np

from . import _device, _dtypes, _ir
from ._array import ndarray
from ._indexing import (_INDEX, _cycled, _grid, _host, _host_index, _masked_where, gather,
                        scatter, value_node)
from ._nodes import _filled, _shape, as_node, operand_node

__all__ = [
    "take", "take_along_axis", "put_along_axis", "put", "place", "putmask", "choose",
    "compress", "extract", "select", "diagonal", "nonzero", "argwhere", "flatnonzero",
    "ix_", "unravel_index", "ravel_multi_index", "diag_indices", "diag_indices_from",
    "tril_indices", "triu_indices", "tril_indices_from", "triu_indices_from",
    "ndindex", "ndenumerate", "where", "fill_diagonal", "mask_indices", "s_", "index_exp",
    "mgrid", "ogrid", "r_", "c_",
]


# ---------------------------------------------------------------- helpers

def _wrap_host(array, device):
    """A host result (e.g. int64 indices) as an ovnp array under the 32-bit policy."""
    value, wide = _dtypes.host_array_and_wide(array)
    return ndarray._wrap(_ir.data(value, device, wide))


def _device_of(*xs):
    nodes = [x._node for x in xs if isinstance(x, ndarray)]
    return _device.common_device(nodes) or _device.resolve(None)


def _array_node(a):
    return as_node(a)


def _check_safe(values, dtype):
    """place and putmask cast array values with NumPy's 'safe' rule."""
    if isinstance(values, (ndarray, _np.ndarray)) and not _np.can_cast(values.dtype, dtype, "safe"):
        raise TypeError(f"Cannot cast array data from {values.dtype!r} to {dtype!r} "
                        f"according to the rule 'safe'")


def _check_writable_array(a, name):
    if not isinstance(a, ndarray):
        raise TypeError(f"{name}: first argument must be an ovnp array, not {type(a).__name__}")


# ---------------------------------------------------------------- reading functions

def take(a, indices, axis=None, out=None, mode="raise"):
    node = _array_node(a)
    pos = _np.take(_grid(node.shape), _host(indices), axis=axis, mode=mode)
    result = ndarray._wrap(gather(node, _np.asarray(pos, dtype=_INDEX)))
    if out is not None:
        out[...] = result
        return out
    return result


def take_along_axis(arr, indices, axis=-1):
    node = _array_node(arr)
    ind = _host(indices)
    if axis is None:
        pos = _np.take_along_axis(_grid(node.shape).reshape(-1), ind, None)
    else:
        pos = _np.take_along_axis(_grid(node.shape), ind, axis)
    return ndarray._wrap(gather(node, _np.asarray(pos, dtype=_INDEX)))


def compress(condition, a, axis=None, out=None):
    node = _array_node(a)
    pos = _np.compress(_host(condition), _grid(node.shape), axis=axis)
    result = ndarray._wrap(gather(node, _np.asarray(pos, dtype=_INDEX)))
    if out is not None:
        out[...] = result
        return out
    return result


def extract(condition, arr):
    node = _array_node(arr)
    pos = _np.extract(_host(condition), _grid(node.shape))
    return ndarray._wrap(gather(node, _np.asarray(pos, dtype=_INDEX)))


def diagonal(a, offset=0, axis1=0, axis2=1):
    node = _array_node(a)
    pos = _np.diagonal(_grid(node.shape), offset, axis1, axis2)
    return ndarray._wrap(gather(node, _np.asarray(pos, dtype=_INDEX)))


def nonzero(a):
    device = _device_of(a)
    return tuple(_wrap_host(i, device) for i in _np.nonzero(_host(a)))


def argwhere(a):
    return _wrap_host(_np.argwhere(_host(a)), _device_of(a))


def flatnonzero(a):
    return _wrap_host(_np.flatnonzero(_host(a)), _device_of(a))


def choose(a, choices, out=None, mode="raise"):
    device = _device_of(a, *(choices if isinstance(choices, (list, tuple)) else (choices,)))
    if isinstance(choices, ndarray):
        choices = [choices[i] for i in range(choices.shape[0])] if choices.ndim else [choices]
    choices = list(choices)
    shapes = [c.shape if isinstance(c, ndarray) else _np.shape(c) for c in choices]
    probes = [_np.broadcast_to(_np.int32(k), s) for k, s in enumerate(shapes)]
    which = _np.choose(_host(a), probes, mode=mode)   # NumPy's errors and broadcasting
    dtype = _dtypes.canonical(_np.result_type(*(
        c.dtype if isinstance(c, ndarray) else _np.asarray(c).dtype for c in choices)))
    which_arr = _wrap_host(which, device)
    result = None
    for k, c in enumerate(choices):
        c = c if isinstance(c, ndarray) else ndarray._wrap(_ir.data(_np.asarray(c, dtype), device))
        c = c.astype(dtype) if c.dtype != dtype else c
        if result is None:
            node = value_node(c, which.shape, dtype, device) if c.shape != which.shape else c._node
            result = ndarray._wrap(node)
        else:
            cond = (which_arr == k)._node
            result = ndarray._wrap(_masked_where(cond, value_node(c, which.shape, dtype, device),
                                                 result._node))
    if result.dtype != dtype:
        result = result.astype(dtype)
    if out is not None:
        out[...] = result
        return out
    return result


def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError("list of cases must be same length as list of conditions")
    if len(choicelist) == 0:
        raise ValueError("select with an empty condition list is not possible")
    conds = [c if isinstance(c, ndarray) else _np.asarray(c) for c in condlist]
    for i, c in enumerate(conds):
        if c.dtype != _np.bool_:
            raise TypeError(f"invalid entry {i} in condlist: should be boolean ndarray")
    choices = [c if isinstance(c, ndarray) else _np.asarray(c) for c in choicelist]
    weak = type(default) in (int, float)    # NumPy keeps a Python default weak
    dtype = _dtypes.result_type(*(c.dtype for c in choices),
                                default if weak else _np.asarray(default).dtype
                                if not isinstance(default, ndarray) else default.dtype)
    device = _device_of(*conds, *choices, default)
    nodes = [operand_node(c, _dtypes.bool_, device) for c in conds]
    vals = [operand_node(c if isinstance(c, ndarray) else _dtypes.to_host_array(c, dtype),
                         dtype, device) for c in choices]
    acc = operand_node(default if isinstance(default, ndarray)
                       else _np.asarray(default).astype(dtype), dtype, device)
    shape = _ir.broadcast_shapes(*(n.shape for n in nodes + vals), acc.shape)
    if _ir.size_of(shape) == 0:
        return ndarray._wrap(_ir.data(_np.empty(shape, dtype), device))
    for c, v in reversed(list(zip(nodes, vals))):
        acc = _ir.Node("masked_where", (c, v, acc), (), _ir.broadcast_shapes(c.shape, v.shape, acc.shape),
                       dtype, device)
    if acc.shape != shape:
        acc = _ir.Node("broadcast_to", (acc,), (), shape, dtype, device)
    return ndarray._wrap(acc)


def ix_(*args):
    device = _device_of(*args)
    return tuple(_wrap_host(x, device) for x in _np.ix_(*(_host(a) for a in args)))


# NumPy's index expressions build tuples of slices: no arrays, so NumPy's own objects.
s_ = _np.s_
index_exp = _np.index_exp


class _HostIndexExpression:
    """mgrid, ogrid, r_, c_: NumPy's object indexed with the same key (computed on the
    host, in 64 bits as NumPy computes it; ovnp arrays in the key are materialized), the
    result as ovnp arrays under the 32-bit policy (int64 -> int32, range checked;
    float64 -> float32)."""

    def __init__(self, numpy_object):
        self._numpy_object = numpy_object

    def __getitem__(self, key):
        grid = self._numpy_object[_host_index(key)]
        device = _device.resolve(None)
        if isinstance(grid, (tuple, list)):
            return type(grid)(_wrap_host(g, device) for g in grid)
        return _wrap_host(grid, device)


mgrid = _HostIndexExpression(_np.mgrid)
ogrid = _HostIndexExpression(_np.ogrid)
r_ = _HostIndexExpression(_np.r_)
c_ = _HostIndexExpression(_np.c_)


def unravel_index(indices, shape, order="C"):
    device = _device_of(indices)
    return tuple(_wrap_host(x, device) for x in _np.unravel_index(_host(indices), shape, order))


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    host = tuple(_host(m) for m in multi_index) if isinstance(multi_index, (tuple, list)) \
        else _host(multi_index)
    device = _device_of(*(multi_index if isinstance(multi_index, (tuple, list)) else ()))
    return _wrap_host(_np.ravel_multi_index(host, dims, mode=mode, order=order), device)


def diag_indices(n, ndim=2):
    device = _device.resolve(None)
    return tuple(_wrap_host(x, device) for x in _np.diag_indices(n, ndim))


def diag_indices_from(arr):
    shape = arr.shape
    if len(shape) < 2:
        raise ValueError("input array must be at least 2-d")
    if len(set(shape)) != 1:
        raise ValueError("All dimensions of input must be of equal length")
    return diag_indices(shape[0], len(shape))


def tril_indices(n, k=0, m=None):
    device = _device.resolve(None)
    return tuple(_wrap_host(x, device) for x in _np.tril_indices(n, k, m))


def triu_indices(n, k=0, m=None):
    device = _device.resolve(None)
    return tuple(_wrap_host(x, device) for x in _np.triu_indices(n, k, m))


def tril_indices_from(arr, k=0):
    if arr.ndim != 2:
        raise ValueError("input array must be 2-d")
    return tril_indices(arr.shape[-2], k=k, m=arr.shape[-1])


def triu_indices_from(arr, k=0):
    if arr.ndim != 2:
        raise ValueError("input array must be 2-d")
    return triu_indices(arr.shape[-2], k=k, m=arr.shape[-1])


# ---------------------------------------------------------------- writing functions

def put(a, ind, v, mode="raise"):
    _check_writable_array(a, "put")
    node = a._node
    ind = _np.asarray(_host(ind))
    if node.shape and _ir.size_of(node.shape) == 0 and ind.size:
        raise IndexError("cannot replace elements of an empty array")
    pos = _np.take(_grid((_ir.size_of(node.shape),)), ind, mode=mode).reshape(-1)
    if pos.size == 0:
        return None
    if not isinstance(v, ndarray) and _np.size(v) == 0:
        return None
    vals = _cycled(v, pos.size, node.dtype, node.device)._node
    a._assign(scatter(node, pos, vals))
    return None


def put_along_axis(arr, indices, values, axis):
    _check_writable_array(arr, "put_along_axis")
    node = arr._node
    ind = _host(indices)
    if axis is None:
        pos = _np.take_along_axis(_grid(node.shape).reshape(-1), ind, None)
    else:
        pos = _np.take_along_axis(_grid(node.shape), ind, axis)
    pos = _np.asarray(pos, dtype=_INDEX)
    v = value_node(values, pos.shape, node.dtype, node.device) if isinstance(values, ndarray) \
        else value_node(_np.broadcast_to(_np.asarray(values), pos.shape), pos.shape,
                        node.dtype, node.device)
    arr._assign(scatter(node, pos, v))


def place(arr, mask, vals):
    _check_writable_array(arr, "place")
    node = arr._node
    m = _np.asarray(_host(mask))
    if m.size != _ir.size_of(node.shape):
        raise ValueError("place: mask and data must be the same size")
    _check_safe(vals, node.dtype)
    pos = _grid((_ir.size_of(node.shape),))[m.reshape(-1).astype(bool)]
    if pos.size == 0:
        return None
    cycled = _cycled(vals, pos.size, node.dtype, node.device)   # ValueError when empty
    arr._assign(scatter(node, pos, cycled._node))
    return None


def putmask(a, mask, values):
    _check_writable_array(a, "putmask")
    node = a._node
    mnode = as_node(mask, node.device)
    if _ir.size_of(mnode.shape) != _ir.size_of(node.shape):
        raise ValueError("putmask: mask and data must be the same size")
    _check_safe(values, node.dtype)
    if _ir.size_of(_np.shape(values) if not isinstance(values, ndarray) else values.shape) == 0:
        return None
    if mnode.dtype != _dtypes.bool_:
        mnode = _ir.Node("astype", (mnode,), (), mnode.shape, _dtypes.bool_, mnode.device)
    if mnode.shape != node.shape:
        mnode = _ir.Node("reshape", (mnode,), (), node.shape, mnode.dtype, mnode.device)
    size = _ir.size_of(node.shape)
    if size == 0:
        return None
    vals = _cycled(values, size, node.dtype, node.device)._node
    if vals.shape != node.shape:
        vals = _ir.Node("reshape", (vals,), (), node.shape, vals.dtype, vals.device)
    a._assign(_ir.Node("masked_where", (mnode, vals, node), (), node.shape, node.dtype, node.device))
    return None


# ---------------------------------------------------------------- iteration helpers

ndindex = _np.ndindex


def ndenumerate(arr):
    """Pairs (index, value) in C order; an ovnp array is materialized once."""
    return _np.ndenumerate(_host(arr) if isinstance(arr, ndarray) else _np.asarray(arr))


# ---------------------------------------------------------------- where

def where(condition, x=None, y=None, /):
    """NumPy's where(condition, x, y); the one-argument form is nonzero(condition)."""
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError("either both or neither of x and y should be given")
    dtype = _dtypes.result_type(*(a if not isinstance(a, ndarray) else a.dtype for a in (x, y)))
    device = _device_of(condition, x, y)
    c = operand_node(condition, _dtypes.bool_, device) if isinstance(condition, (ndarray, bool)) \
        else _truth_node(condition, device)
    a, b = operand_node(x, dtype, device), operand_node(y, dtype, device)
    shape = _ir.broadcast_shapes(c.shape, a.shape, b.shape)
    return ndarray._wrap(_ir.Node("where", (c, a, b), (), shape, dtype, device))


def _truth_node(x, device):
    node = as_node(x, device)
    if node.dtype != _dtypes.bool_:
        node = _ir.Node("astype", (node,), (), node.shape, _dtypes.bool_, node.device)
    return node


# ---------------------------------------------------------------- fill_diagonal, mask_indices

def fill_diagonal(a, val, wrap=False):
    """NumPy's fill_diagonal, lazily and in place (a write through `put`)."""
    if not isinstance(a, ndarray):
        raise TypeError("ovnp.fill_diagonal writes in place: `a` must be an ovnp array")
    if a.ndim < 2:
        raise ValueError("array must be at least 2-d")
    end = None
    if a.ndim == 2:
        step = a.shape[1] + 1
        if not wrap:
            end = a.shape[1] * a.shape[1]
    else:
        if not all(n == a.shape[0] for n in a.shape[1:]):
            raise ValueError("All dimensions of input must be of equal length")
        step = 1 + int(_np.cumprod(a.shape[:-1]).sum())
    if not isinstance(val, ndarray):
        # NumPy's flat assignment refuses Python ints that do not fit, even into nothing
        for v in _np.ravel(_np.asarray(val, dtype=object)):
            _dtypes.check_scalar_fits(v, a.dtype)
    idx = _np.arange(a.size)[slice(None, end, step)]
    put(a, idx, val)


def _put_method(self, indices, values, mode="raise"):
    return put(self, indices, values, mode)


def _compress_method(self, condition, axis=None, out=None):
    return compress(condition, self, axis, out)


def _choose_method(self, choices, out=None, mode="raise"):
    return choose(self, choices, out, mode)


def mask_indices(n, mask_func, k=0):
    m = _filled(_shape((n, n)), 1, _dtypes.int32, _device.resolve(None))   # ones((n, n))
    a = mask_func(m, k)
    return nonzero(a != 0)


METHODS = {"take": take, "put": _put_method, "compress": _compress_method,
           "choose": _choose_method, "diagonal": diagonal, "nonzero": nonzero}
