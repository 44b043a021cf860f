"""Tiling arrays (NumPy's grouping): tile, repeat. Broadcasts of reshapes where the
repeats are uniform, else one gather."""

import operator

import numpy as _np

from . import _ir
from ._array import ndarray
from ._changing_shape import ravel
from ._nodes import _arr, _gather, _node, _reshape_node, _wrap

__all__ = ["tile", "repeat"]


def tile(A, reps):
    x = _arr(A)
    try:
        reps = tuple(operator.index(r) for r in reps)
    except TypeError:
        reps = (operator.index(reps),)
    if any(r < 0 for r in reps):
        raise ValueError("negative dimensions are not allowed")
    ndim = max(len(reps), x.ndim)
    reps = (1,) * (ndim - len(reps)) + reps
    shape = (1,) * (ndim - x.ndim) + x.shape
    n = _reshape_node(x._node, shape)
    if all(r == 1 for r in reps):
        return _wrap(n)
    inter, big = [], []
    for r, s in zip(reps, shape):
        inter += [1, s]
        big += [r, s]
    n = _reshape_node(n, inter)
    n = _node("broadcast_to", (n,), (), big)
    return _wrap(_reshape_node(n, tuple(r * s for r, s in zip(reps, shape))))


def repeat(a, repeats, axis=None):
    x = _arr(a)
    if axis is None:
        x = ravel(x)
        axis = 0
    elif x.ndim == 0:       # NumPy repeats a 0-d array along axis 0 or -1 as a 1-d one
        _ir.normalize_axis(axis, 1)
        x, axis = ravel(x), 0
    axis = _ir.normalize_axis(axis, x.ndim)
    if isinstance(repeats, ndarray):
        repeats = repeats.to_numpy()
    n = x.shape[axis]
    index = _np.repeat(_np.arange(n), repeats)  # NumPy's checks and errors
    if _np.size(repeats) == 1:
        r = int(_np.asarray(repeats).reshape(-1)[0])
        if r == 1:
            return _wrap(x._node)
        shape = x.shape
        inner = shape[:axis + 1] + (1,) + shape[axis + 1:]
        wide = shape[:axis + 1] + (r,) + shape[axis + 1:]
        node = _node("broadcast_to", (_reshape_node(x._node, inner),), (), wide)
        return _wrap(_reshape_node(node, shape[:axis] + (n * r,) + shape[axis + 1:]))
    return _wrap(_gather(x._node, axis, index))


def _repeat_method(self, repeats, axis=None):
    return repeat(self, repeats, axis)


METHODS = {"repeat": _repeat_method}
