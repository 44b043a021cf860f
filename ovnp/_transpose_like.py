"""Transpose-like operations (NumPy's grouping): transpose, permute_dims,
matrix_transpose, swapaxes, moveaxis, rollaxis. Each is a view (see _layout.py)."""

import operator

import numpy as _np

from . import _ir
from ._layout import _fake, _view
from ._nodes import _arr, _transpose_node

__all__ = ["transpose", "permute_dims", "matrix_transpose", "swapaxes", "moveaxis", "rollaxis"]


def _inverse(axes):
    inv = [0] * len(axes)
    for i, a in enumerate(axes):
        inv[a] = i
    return tuple(inv)


def transpose(a, axes=None):
    x = _arr(a)
    ndim = x.ndim
    if axes is None:
        axes = tuple(range(ndim))[::-1]
    else:
        axes = tuple(_ir.normalize_axis(ax, ndim) for ax in axes)
        if len(axes) != ndim:
            raise ValueError("axes don't match array")
        if len(set(axes)) != ndim:
            raise ValueError("repeated axis in transpose")
    inv = _inverse(axes)
    strides = _fake(x).transpose(axes).strides
    return _view(x, lambda n: _transpose_node(n, axes),
                 lambda b, n: _transpose_node(n, inv), strides)


def permute_dims(a, /, axes):
    return transpose(a, axes)


def matrix_transpose(x, /):
    x = _arr(x)
    if x.ndim < 2:
        raise ValueError("Input array must be at least 2-dimensional")
    return swapaxes(x, -1, -2)


def swapaxes(a, axis1, axis2):
    x = _arr(a)
    ndim = x.ndim
    axes = list(range(ndim))
    i, j = _ir.normalize_axis(axis1, ndim), _ir.normalize_axis(axis2, ndim)
    axes[i], axes[j] = axes[j], axes[i]
    return transpose(x, axes)


def _axis_list(axis, ndim, name):
    if isinstance(axis, (int, _np.integer)) or hasattr(axis, "__index__") and not isinstance(axis, (tuple, list)):
        axis = (axis,)
    axes = [_ir.normalize_axis(a, ndim) for a in axis]
    if len(set(axes)) != len(axes):
        raise ValueError(f"repeated axis in `{name}` argument")
    return axes


def moveaxis(a, source, destination):
    x = _arr(a)
    ndim = x.ndim
    source = _axis_list(source, ndim, "source")
    destination = _axis_list(destination, ndim, "destination")
    if len(source) != len(destination):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    order = [n for n in range(ndim) if n not in source]
    for dest, src in sorted(zip(destination, source)):
        order.insert(dest, src)
    return transpose(x, order)


def rollaxis(a, axis, start=0):
    x = _arr(a)
    n = x.ndim
    axis = _ir.normalize_axis(axis, n)
    start = operator.index(start)
    if start < 0:
        start += n
    if not 0 <= start < n + 1:
        raise _np.exceptions.AxisError(
            f"'start' arg requires {-n} <= start < {n + 1}, but {start} was passed in")
    if axis < start:
        start -= 1
    axes = list(range(n))
    axes.remove(axis)
    axes.insert(start, axis)
    return transpose(x, axes)


def _transpose_method(self, *axes):
    if len(axes) == 1 and (axes[0] is None or not isinstance(axes[0], (int, _np.integer))):
        axes = axes[0]
    return transpose(self, axes or None)


METHODS = {"transpose": _transpose_method, "swapaxes": swapaxes}
