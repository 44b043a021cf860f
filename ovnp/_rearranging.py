"""Rearranging elements (NumPy's grouping): flip, fliplr, flipud, roll, rot90.
(reshape, also listed there by NumPy, is in _changing_shape.py.)"""

import operator

import numpy as _np

from . import _ir
from ._changing_shape import ravel, reshape
from ._layout import _fake, _strides, _view
from ._nodes import _arr, _concat_nodes, _node, _slice_node, _wrap
from ._transpose_like import transpose

__all__ = ["flip", "fliplr", "flipud", "roll", "rot90"]


def flip(m, axis=None):
    x = _arr(m)
    axes = _ir.normalize_axes(axis, x.ndim)

    def forward(n):
        for ax in axes:
            size = n.shape[ax]
            n = _node("slice_axis", (n,), (ax, size - 1, -1, -1), n.shape)
        return n
    strides = _np.flip(_fake(x), axes).strides if axes else _strides(x)
    return _view(x, forward, lambda b, n: forward(n), strides)


def fliplr(m):
    x = _arr(m)
    if x.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return flip(x, 1)


def flipud(m):
    x = _arr(m)
    if x.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return flip(x, 0)


def roll(a, shift, axis=None):
    x = _arr(a)
    if axis is None:
        return reshape(roll(ravel(x), shift, 0), x.shape)
    axes = _np.atleast_1d(_np.asarray(axis))
    shifts = _np.atleast_1d(_np.asarray(shift))
    axes, shifts = _np.broadcast_arrays(axes, shifts)
    total = {}
    for ax, s in zip(axes.tolist(), shifts.tolist()):
        ax = _ir.normalize_axis(ax, x.ndim)
        total[ax] = total.get(ax, 0) + int(s)
    if x.ndim == 0:  # NumPy's roll fails this way on a 0-d array with an axis
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    n = x._node
    for ax, s in total.items():
        size = n.shape[ax]
        if size == 0 or s % size == 0:
            continue
        s %= size
        n = _concat_nodes([_slice_node(n, ax, size - s, size), _slice_node(n, ax, 0, size - s)],
                          ax, n.dtype)
    return _wrap(n)


def rot90(m, k=1, axes=(0, 1)):
    x = _arr(m)
    axes = tuple(axes)
    if len(axes) != 2:
        raise ValueError("len(axes) must be 2.")
    k = operator.index(k) % 4
    if axes[0] == axes[1] or abs(axes[0] - axes[1]) == x.ndim:
        raise ValueError("Axes must be different.")
    if axes[0] >= x.ndim or axes[0] < -x.ndim or axes[1] >= x.ndim or axes[1] < -x.ndim:
        raise ValueError(f"Axes={axes} out of range for array of ndim={x.ndim}.")
    if k == 0:
        return _view(x, lambda n: n, lambda b, n: n, _strides(x))
    if k == 2:
        return flip(flip(x, axes[0]), axes[1])
    order = list(range(x.ndim))
    a0, a1 = axes[0] % x.ndim, axes[1] % x.ndim
    order[a0], order[a1] = order[a1], order[a0]
    if k == 1:
        return transpose(flip(x, axes[1]), order)
    return flip(transpose(x, order), axes[1])
