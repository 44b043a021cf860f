"""Adding and removing elements (NumPy's grouping): pad, insert, delete, append,
resize, trim_zeros. Built from the joining, slicing and gathering nodes of
_nodes.py."""

import sys

import numpy as _np

from . import _dtypes, _ir
from ._array import ndarray
from ._changing_dims import _shape_arg, broadcast_to
from ._changing_shape import ravel, reshape
from ._creation import astype, zeros
from ._elementwise import add, ceil, floor, multiply, subtract
from ._joining import concatenate
from ._nodes import (_arr, _cast, _concat_nodes, _gather, _node, _reshape_node, _slice_node, _wrap,
                     asarray, refuse_complex)
from ._tiling import tile
from ._transpose_like import moveaxis

__all__ = ["pad", "insert", "delete", "append", "resize", "trim_zeros"]


# ---------------------------------------------------------------- padding

def _pairs(value, ndim, name, as_index=True):
    arr = _np.asarray(value)
    if as_index:
        if arr.dtype.kind not in "iub" and arr.size:
            raise TypeError("`pad_width` must be of integral type.")
        if arr.size and (arr < 0).any():
            raise ValueError("index can't contain negative values")
    try:
        pairs = _np.broadcast_to(arr, (ndim, 2))
    except ValueError:
        raise ValueError(f"operands could not be broadcast together with remapped shapes "
                         f"[original->remapped]: {arr.shape} and requested shape ({ndim},2)") from None
    return [tuple(p) for p in pairs.tolist()]


_PAD_MODES = ("constant", "edge", "reflect", "symmetric", "wrap", "linear_ramp",
              "maximum", "minimum", "mean", "median", "empty")


def pad(array, pad_width, mode="constant", **kwargs):
    x = _arr(array)
    if callable(mode):
        raise NotImplementedError("ovnp.pad with a callable mode: use NumPy on x.to_numpy()")
    if mode not in _PAD_MODES:
        raise ValueError(f"mode '{mode}' is not supported")
    allowed = {"constant": {"constant_values"}, "linear_ramp": {"end_values"},
               "maximum": {"stat_length"}, "minimum": {"stat_length"},
               "mean": {"stat_length"}, "median": {"stat_length"},
               "reflect": {"reflect_type"}, "symmetric": {"reflect_type"}}.get(mode, set())
    bad = set(kwargs) - allowed
    if bad:
        raise ValueError(f"unsupported keyword arguments for mode '{mode}': {bad}")
    widths = _pairs(pad_width, x.ndim, "pad_width")
    n = x._node
    dtype = n.dtype
    if x.ndim == 0 or all(w == (0, 0) for w in widths):
        return _wrap(n)
    if mode in ("constant", "empty"):
        values = _np.broadcast_to(_np.asarray(kwargs.get("constant_values", 0)), (x.ndim, 2)) \
            if mode == "constant" else _np.zeros((x.ndim, 2))
        for ax, (before, after) in enumerate(widths):
            parts = []
            for width, value in ((before, values[ax][0]), (after, values[ax][1])):
                if width:
                    cell = _np.empty((), dtype)
                    cell[()] = value  # NumPy's setitem casting and errors
                    shape = list(n.shape)
                    shape[ax] = width
                    leaf = _ir.data(cell, n.device)
                    parts.append(_node("broadcast_to", (leaf,), (), shape))
                else:
                    parts.append(None)
            pieces = [p for p in (parts[0], n, parts[1]) if p is not None]
            n = _concat_nodes(pieces, ax, dtype)
        return _wrap(n)
    if mode in ("edge", "reflect", "symmetric", "wrap"):
        reflect_type = kwargs.get("reflect_type", "even")
        if reflect_type != "even":
            raise NotImplementedError("ovnp.pad supports reflect_type='even' only")
        for ax, (before, after) in enumerate(widths):
            size = n.shape[ax]
            if before == after == 0:
                continue
            if size == 0:
                raise ValueError(f"can't extend empty axis {ax} using modes other than "
                                 "'constant' or 'empty'")
            index = _np.pad(_np.arange(size), (before, after), mode=mode)
            n = _gather(n, ax, index)
        return _wrap(n)
    if mode in ("maximum", "minimum", "mean"):
        if mode != "mean":
            refuse_complex(f"pad(mode={mode!r})", n)
        stat = kwargs.get("stat_length")
        stats = _pairs(stat, x.ndim, "stat_length") if stat is not None else [(None, None)] * x.ndim
        for ax, (before, after) in enumerate(widths):
            if before == after == 0:
                continue
            if n.shape[ax] == 0 or 0 in (s for s in stats[ax] if s is not None):
                raise ValueError("stat_length of 0 yields no value for padding")
            shape = list(n.shape)
            shape[ax] += before + after
            n = _node("pad_stat", (n,), (ax, mode, before, after) + tuple(stats[ax]), shape)
        return _wrap(n)
    if mode == "linear_ramp":
        return _linear_ramp(x, widths, kwargs.get("end_values", 0))
    raise NotImplementedError(f"ovnp.pad(mode={mode!r}) is not implemented: use NumPy")


def _linear_ramp(x, widths, end_values):
    """NumPy's linear_ramp: per side, linspace(end_value, edge, width, endpoint=False),
    computed in float32 and cast to the array's dtype (integers truncate toward zero,
    as NumPy's linspace(dtype=int) does)."""
    ends = _np.broadcast_to(_np.asarray(end_values, dtype=_np.float64), (x.ndim, 2))
    n = x._node
    dtype = n.dtype
    for ax, (before, after) in enumerate(widths):
        if before == after == 0:
            continue
        size = n.shape[ax]
        if size == 0:
            raise ValueError(f"can't extend empty axis {ax} using modes other than 'constant' or 'empty'")
        pieces = []
        for width, end, at_start in ((before, ends[ax][0], True), (after, ends[ax][1], False)):
            if not width:
                continue
            edge = _slice_node(n, ax, 0, 1) if at_start else _slice_node(n, ax, size - 1, size)
            edge = _cast(edge, _dtypes.float32)
            t = _np.arange(width, dtype=_np.float64) / width
            if not at_start:
                t = t[::-1]
            tshape = [1] * len(n.shape)
            tshape[ax] = width
            tnode = _ir.data(t.astype(_np.float32).reshape(tshape), n.device)
            endnode = _ir.data(_np.asarray(end, _np.float32), n.device)
            ramp = add(ndarray._wrap(endnode),
                       multiply(subtract(ndarray._wrap(edge), ndarray._wrap(endnode)), ndarray._wrap(tnode)))
            if dtype.kind in "iu":
                ramp = ndarray._wrap(_node("where", (_node("less", (ramp._node, _ir.const(0, _dtypes.float32, n.device)), (), ramp.shape, _dtypes.bool_), ceil(ramp)._node, floor(ramp)._node), (), ramp.shape, _dtypes.float32))
            shape = list(n.shape)
            shape[ax] = width
            node = _cast(ramp._node, dtype) if dtype.kind != "b" else _node("not_equal", (ramp._node, _ir.const(0, _dtypes.float32, n.device)), (), ramp.shape, _dtypes.bool_)
            pieces.append((at_start, _node("broadcast_to", (node,), (), shape) if node.shape != tuple(shape) else node))
        before_parts = [p for s, p in pieces if s]
        after_parts = [p for s, p in pieces if not s]
        n = _concat_nodes(before_parts + [n] + after_parts, ax, dtype)
    return _wrap(n)


# ---------------------------------------------------------------- insert, delete, append, resize

def _host_index(obj):
    if isinstance(obj, ndarray):
        return obj.to_numpy()
    return obj


def delete(arr, obj, axis=None):
    x = _arr(arr)
    if axis is None:
        if x.ndim != 1:
            x = ravel(x)
        axis = x.ndim - 1
    axis = _ir.normalize_axis(axis, x.ndim)
    keep = _np.delete(_np.arange(x.shape[axis]), _host_index(obj))
    return _wrap(_gather(x._node, axis, keep))


def insert(arr, obj, values, axis=None):
    """NumPy's insert (NumPy 2.x rules), as one gather from [arr, values] along the axis;
    the index map is worked out on the host by NumPy's own steps (and errors)."""
    x = _arr(arr)
    if axis is None:
        if x.ndim != 1:
            x = ravel(x)
        axis = x.ndim - 1
    else:
        axis = _ir.normalize_axis(axis, x.ndim)
    N = x.shape[axis]
    obj = _host_index(obj)
    if isinstance(obj, slice):
        indices = _np.arange(*obj.indices(N), dtype=_np.intp)
    else:
        indices = _np.array(obj)
        if indices.dtype == bool:
            if indices.ndim != 1:
                raise ValueError("boolean array argument obj to insert must be one dimensional")
            indices = _np.flatnonzero(indices)
        elif indices.ndim > 1:
            raise ValueError("index array argument obj to insert must be one dimensional or scalar")
    if isinstance(values, ndarray):
        v = astype(values, x.dtype)
    else:
        v = asarray(_np.array(values, dtype=x.dtype), device=x.device)
    if indices.size == 1:
        index = indices.item()
        if index < -N or index > N:
            raise IndexError(f"index {obj} is out of bounds for axis {axis} with size {N}")
        if index < 0:
            index += N
        if v.ndim < x.ndim:
            v = reshape(v, (1,) * (x.ndim - v.ndim) + v.shape)
        if indices.ndim == 0:
            v = moveaxis(v, 0, axis)
        numnew = v.shape[axis]
        index_map = _np.concatenate([_np.arange(index), N + _np.arange(numnew), _np.arange(index, N)])
    else:
        if indices.size == 0 and not isinstance(obj, _np.ndarray):
            indices = indices.astype(_np.intp)
        indices = indices.copy()
        indices[indices < 0] += N
        numnew = len(indices)
        order = indices.argsort(kind="mergesort")
        indices[order] += _np.arange(numnew)
        old_mask = _np.ones(N + numnew, dtype=bool)
        old_mask[indices] = False                 # NumPy's IndexError for bad indices
        index_map = _np.empty(N + numnew, _np.intp)
        index_map[indices] = N + _np.arange(numnew)
        index_map[old_mask] = _np.arange(N)
    slot = list(x.shape)
    slot[axis] = numnew
    v = broadcast_to(v, tuple(slot))
    joined = _concat_nodes([x._node, v._node], axis, x.dtype)
    return _wrap(_gather(joined, axis, index_map))


def append(arr, values, axis=None):
    x = _arr(arr)
    if axis is None:
        if x.ndim != 1:
            x = ravel(x)
        values = ravel(_arr(values))
        axis = x.ndim - 1
    return concatenate((x, values), axis=axis)


def resize(a, new_shape):
    x = _arr(a)
    shape = _shape_arg(new_shape)
    if any(n < 0 for n in shape):
        raise ValueError("all elements of `new_shape` must be non-negative")
    total = _ir.size_of(shape)
    if x.size == 0 or total == 0:
        return zeros(shape, dtype=x.dtype, device=x.device)
    flat = ravel(x)
    reps = -(-total // x.size)
    flat = tile(flat, reps)
    return _wrap(_reshape_node(_slice_node(flat._node, 0, 0, total), shape))


def _resize_method(self, *new_shape, refcheck=True):
    """ndarray.resize: this array itself takes `new_shape`, its elements in C order,
    cut or followed by zeros (np.resize repeats them instead). Like NumPy's, only an
    array that owns its data and that nothing else references (refcheck) is resized."""
    shape = _shape_arg(new_shape[0] if len(new_shape) == 1 else new_shape)
    if any(n < 0 for n in shape):
        raise ValueError("negative dimensions not allowed")
    if self._base is not None:
        raise ValueError("cannot resize this array: it does not own its data")
    # References: the caller's name, this frame's `self` and getrefcount's argument.
    if refcheck and sys.getrefcount(self) > 3:
        raise ValueError("cannot resize an array that references or is referenced\n"
                         "by another array in this way.\nUse the np.resize function or "
                         "refcheck=False")
    total, flat = _ir.size_of(shape), ravel(self)._node
    if total <= self.size:
        flat = _slice_node(flat, 0, 0, total)
    else:
        padding = zeros(total - self.size, self.dtype, device=self.device)._node
        flat = _concat_nodes([flat, padding], 0, self.dtype)
    self._become(_reshape_node(flat, shape))


def trim_zeros(filt, trim="fb", axis=None):
    """Data-dependent shape: the array is materialized to find the bounds."""
    x = _arr(filt)
    value = x._value()
    kwargs = {} if axis is None else {"axis": axis}
    trimmed = _np.trim_zeros(value, trim, **kwargs)
    if trimmed.shape == value.shape:
        return _wrap(x._node)
    return asarray(trimmed, device=x.device)


METHODS = {"resize": _resize_method}
