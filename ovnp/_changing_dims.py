"""Changing number of dimensions (NumPy's grouping): squeeze, expand_dims, atleast_1d,
atleast_2d, atleast_3d, broadcast_to, broadcast_shapes, broadcast_arrays."""

import operator

import numpy as _np

from . import _ir
from ._layout import _fake, _read_only, _view
from ._nodes import _arr, _node, _reshape_node
from ._changing_shape import reshape

__all__ = ["squeeze", "expand_dims", "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_to",
           "broadcast_shapes", "broadcast_arrays"]


def squeeze(a, axis=None):
    x = _arr(a)
    shape = x.shape
    if axis is None:
        axes = [i for i, n in enumerate(shape) if n == 1]
    elif not shape and not isinstance(axis, (tuple, list)) and operator.index(axis) in (0, -1):
        axes = []   # NumPy's special case: a 0-d array accepts a lone axis 0 or -1
    else:
        axes = _ir.normalize_axes(axis, x.ndim)
        if any(shape[i] != 1 for i in axes):
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    new = tuple(n for i, n in enumerate(shape) if i not in axes)
    strides = _np.squeeze(_fake(x), tuple(axes)).strides
    return _view(x, lambda n: _reshape_node(n, new), lambda b, n: _reshape_node(n, b.shape), strides)


def expand_dims(a, axis):
    x = _arr(a)
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    out_ndim = x.ndim + len(axis)
    axes = [_ir.normalize_axis(ax, out_ndim) for ax in axis]
    if len(set(axes)) != len(axes):
        raise ValueError("repeated axis")
    it = iter(x.shape)
    new = tuple(1 if i in axes else next(it) for i in range(out_ndim))
    strides = _np.expand_dims(_fake(x), tuple(axes)).strides
    return _view(x, lambda n: _reshape_node(n, new), lambda b, n: _reshape_node(n, b.shape), strides)


def _atleast(arys, fn):
    results = tuple(fn(_arr(a)) for a in arys)
    return results[0] if len(results) == 1 else results


def atleast_1d(*arys):
    return _atleast(arys, lambda x: x if x.ndim >= 1 else reshape(x, (1,)))


def atleast_2d(*arys):
    return _atleast(arys, lambda x: x if x.ndim >= 2 else reshape(x, (1,) * (2 - x.ndim) + x.shape))


def atleast_3d(*arys):
    def fn(x):
        if x.ndim == 0:
            return reshape(x, (1, 1, 1))
        if x.ndim == 1:
            return reshape(x, (1, x.shape[0], 1))
        if x.ndim == 2:
            return reshape(x, x.shape + (1,))
        return x
    return _atleast(arys, fn)


def _shape_arg(shape):
    if isinstance(shape, (tuple, list)):
        return tuple(operator.index(n) for n in shape)
    return (operator.index(shape),)


def broadcast_to(array, shape, subok=False):
    x = _arr(array)
    shape = _shape_arg(shape)
    if any(n < 0 for n in shape):
        raise ValueError("all elements of broadcast shape must be non-negative")
    if len(shape) < x.ndim:
        raise ValueError("input operand has more dimensions than allowed by the axis remapping")
    if _ir.broadcast_shapes(x.shape, shape) != shape:
        raise ValueError(f"operands could not be broadcast together with remapped shapes "
                         f"[original->remapped]: {x.shape} and requested shape {shape}")
    strides = _np.broadcast_to(_fake(x), shape).strides

    def forward(n):
        return n if n.shape == shape else _node("broadcast_to", (n,), (), shape)
    return _view(x, forward, _read_only, strides)


def broadcast_shapes(*args):
    return _ir.broadcast_shapes(*(_shape_arg(s) for s in args))


def broadcast_arrays(*args, subok=False):
    xs = [_arr(a) for a in args]
    shape = _ir.broadcast_shapes(*(x.shape for x in xs))
    return tuple(x if x.shape == shape else broadcast_to(x, shape) for x in xs)


def _squeeze_method(self, axis=None):
    return squeeze(self, axis)


METHODS = {"squeeze": _squeeze_method}
