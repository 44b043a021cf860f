"""Splitting arrays (NumPy's grouping): split, array_split, hsplit, vsplit, dsplit,
unstack. Each piece is a slice node of the input."""

import numpy as _np

from . import _ir
from ._nodes import _arr, _reshape_node, _slice_node, _wrap

__all__ = ["split", "array_split", "hsplit", "vsplit", "dsplit", "unstack"]


def _take_slice(x, axis, s):
    start, stop, step = s.indices(x.shape[axis])
    return _wrap(_slice_node(x._node, axis, start, stop, step))


def array_split(ary, indices_or_sections, axis=0):
    x = _arr(ary)
    axis = _ir.normalize_axis(axis, x.ndim) if x.ndim else axis
    if x.ndim == 0:
        raise _np.exceptions.AxisError(axis, 0)
    total = x.shape[axis]
    try:
        n_sections = len(indices_or_sections) + 1
        points = [0] + list(indices_or_sections) + [total]
    except TypeError:
        n_sections = int(indices_or_sections)
        if n_sections <= 0:
            raise ValueError("number sections must be larger than 0.") from None
        each, extras = divmod(total, n_sections)
        sizes = [0] + extras * [each + 1] + (n_sections - extras) * [each]
        points = list(_np.cumsum(sizes))
    return [_take_slice(x, axis, slice(int(points[i]), int(points[i + 1])))
            for i in range(n_sections)]


def split(ary, indices_or_sections, axis=0):
    x = _arr(ary)
    try:
        len(indices_or_sections)
    except TypeError:
        sections = indices_or_sections
        n = x.shape[_ir.normalize_axis(axis, x.ndim)] if x.ndim else 0
        if n % sections:  # NumPy's own ZeroDivisionError for 0 sections
            raise ValueError("array split does not result in an equal division") from None
    return array_split(x, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    x = _arr(ary)
    if x.ndim == 0:
        raise ValueError("hsplit only works on arrays of 1 or more dimensions")
    return split(x, indices_or_sections, 1 if x.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    x = _arr(ary)
    if x.ndim < 2:
        raise ValueError("vsplit only works on arrays of 2 or more dimensions")
    return split(x, indices_or_sections, 0)


def dsplit(ary, indices_or_sections):
    x = _arr(ary)
    if x.ndim < 3:
        raise ValueError("dsplit only works on arrays of 3 or more dimensions")
    return split(x, indices_or_sections, 2)


def unstack(x, /, *, axis=0):
    x = _arr(x)
    if x.ndim == 0:
        raise ValueError("Input array must be at least 1-d.")
    axis = _ir.normalize_axis(axis, x.ndim)
    shape = x.shape[:axis] + x.shape[axis + 1:]
    return tuple(_wrap(_reshape_node(_slice_node(x._node, axis, i, i + 1), shape))
                 for i in range(x.shape[axis]))
