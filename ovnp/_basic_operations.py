"""Basic operations (NumPy's grouping in array manipulation): copyto, ndim, shape, size."""

import math

import numpy as _np

from . import _dtypes, _ir
from ._array import ndarray
from ._indexing import value_node
from ._nodes import operand_node

__all__ = ["copyto", "shape", "ndim", "size"]


def copyto(dst, src, casting="same_kind", where=True):
    """NumPy's copyto: casting and broadcasting checked by NumPy on zero-strided stand-ins."""
    if not isinstance(dst, ndarray):
        raise TypeError(f"copyto() argument 1 must be an ovnp array, not {type(dst).__name__}")
    node = dst._node
    probe_dst = _np.lib.stride_tricks.as_strided(_np.empty(1, node.dtype), node.shape,
                                                 (0,) * len(node.shape))
    probe_src = (_np.broadcast_to(_np.zeros((), src.dtype), src.shape)
                 if isinstance(src, ndarray) else src)
    probe_where = (_np.broadcast_to(_np.zeros((), where.dtype), where.shape)
                   if isinstance(where, ndarray) else where)
    _np.copyto(probe_dst, probe_src, casting=casting, where=probe_where)
    if not isinstance(src, ndarray) and not isinstance(src, _np.ndarray) and _np.ndim(src):
        src = _np.asarray(src)
    if isinstance(src, _np.ndarray) and src.dtype != node.dtype:
        src = src.astype(node.dtype)   # NumPy checked the cast; do it on the host
    v = value_node(src, node.shape, node.dtype, node.device)
    if where is not True:
        m = operand_node(where, _dtypes.bool_, node.device)
        v = _ir.Node("masked_where", (m, v, node), (), node.shape, node.dtype, node.device)
    dst._assign(v)


def shape(a):
    if isinstance(a, ndarray):
        return a.shape
    return _np.shape(a)


def ndim(a):
    if isinstance(a, ndarray):
        return a.ndim
    return _np.ndim(a)


def size(a, axis=None):
    if not isinstance(a, ndarray):
        return _np.size(a, axis)
    if axis is None:
        return a.size
    axes = axis if isinstance(axis, tuple) else (axis,)
    axes = _ir.normalize_axes(axes, a.ndim)
    return math.prod(a.shape[i] for i in axes)
