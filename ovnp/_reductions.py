"""Reductions: sum, and (issue 5) the rest of NumPy's reductions and statistics."""

import numpy as _np

from . import _dtypes, _ir
from ._array import ndarray
from ._creation import as_node
from ._ufunc import write_out

__all__ = ["sum"]

_SUM_DTYPE: dict = {}


def _sum_dtype(dtype):
    """NumPy's accumulator dtype for sum (int8 -> int64 -> int32 under the policy)."""
    hit = _SUM_DTYPE.get(dtype)
    if hit is None:
        hit = _SUM_DTYPE[dtype] = _dtypes.canonical(_np.sum(_np.zeros(1, dtype)).dtype)
    return hit


def reduced_shape(shape, axes, keepdims):
    if keepdims:
        return tuple(1 if i in axes else n for i, n in enumerate(shape))
    return tuple(n for i, n in enumerate(shape) if i not in axes)


def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    node = as_node(a)
    axes = _ir.normalize_axes(axis, len(node.shape))
    result_dtype = _sum_dtype(node.dtype) if dtype is None else _dtypes.canonical(dtype)
    if where is not True:
        raise NotImplementedError("sum(where=...) comes with the reductions issue")
    result = _ir.Node("sum", (node,), (axes, bool(keepdims)),
                      reduced_shape(node.shape, axes, keepdims), result_dtype, node.device)
    if initial is not None:
        from ._elementwise import add
        result = add(ndarray._wrap(result), initial)._node
    if out is not None:
        write_out(out, result, "same_kind")
        return out
    return ndarray._wrap(result)


METHODS = {"sum": sum}
