"""Joining arrays (NumPy's grouping): concatenate, concat, stack, hstack, vstack,
row_stack, dstack, column_stack, block. One concatenate node per join."""

import numpy as _np

from . import _device, _dtypes, _ir
from ._array import ndarray
from ._changing_dims import atleast_1d, atleast_2d, atleast_3d, expand_dims
from ._changing_shape import ravel, reshape
from ._nodes import _arr, _concat_nodes, _wrap, write_out
from ._splitting import unstack
from ._transpose_like import transpose

__all__ = ["concatenate", "concat", "stack", "hstack", "vstack", "row_stack", "dstack",
           "column_stack", "block"]


def _common_device(xs):
    return _device.common_device([x._node for x in xs]) or _device.resolve(None)


def concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    if isinstance(arrays, ndarray):
        arrays = list(arrays)
    xs = [_arr(a) for a in arrays]
    if not xs:
        raise ValueError("need at least one array to concatenate")
    if axis is None:
        xs = [ravel(x) for x in xs]
        axis = 0
    if xs[0].ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    ndim = xs[0].ndim
    axis = _ir.normalize_axis(axis, ndim)
    for i, x in enumerate(xs[1:], 1):
        if x.ndim != ndim:
            raise ValueError(
                "all the input arrays must have same number of dimensions, but the array at "
                f"index 0 has {ndim} dimension(s) and the array at index {i} has {x.ndim} dimension(s)")
        for d in range(ndim):
            if d != axis and x.shape[d] != xs[0].shape[d]:
                raise ValueError(
                    "all the input array dimensions except for the concatenation axis must "
                    f"match exactly, but along dimension {d}, the array at index 0 has size "
                    f"{xs[0].shape[d]} and the array at index {i} has size {x.shape[d]}")
    if out is not None and dtype is not None:
        raise TypeError("concatenate() only takes `out` or `dtype` as an argument, but both were provided.")
    natural = _dtypes.result_type(*(x.dtype for x in xs))
    target = natural if dtype is None else _dtypes.canonical(dtype)
    if dtype is not None:
        for x in xs:
            if not _np.can_cast(x.dtype, target, casting):
                raise TypeError(f"Cannot cast array data from {x.dtype!r} to {target!r} "
                                f"according to the rule '{casting}'")
    _common_device(xs)
    node = _concat_nodes([x._node for x in xs], axis, target)
    if out is not None:
        if out.shape != node.shape:
            raise ValueError("Output array is the wrong shape")
        write_out(out, node, casting)
        return out
    return _wrap(node)


def concat(arrays, /, *, axis=0):
    return concatenate(arrays, axis=axis)


def _sequence(arrays, name):
    if isinstance(arrays, ndarray):
        return list(unstack(arrays, axis=0))
    if not isinstance(arrays, (list, tuple)):
        raise TypeError("arrays to stack must be passed as a \"sequence\" type such as list or tuple.")
    return [_arr(a) for a in arrays]


def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    xs = _sequence(arrays, "stack")
    if not xs:
        raise ValueError("need at least one array to stack")
    if len({x.shape for x in xs}) != 1:
        raise ValueError("all input arrays must have the same shape")
    axis = _ir.normalize_axis(axis, xs[0].ndim + 1)
    return concatenate([expand_dims(x, axis) for x in xs], axis, out=out, dtype=dtype, casting=casting)


def hstack(tup, *, dtype=None, casting="same_kind"):
    xs = atleast_1d(*_sequence(tup, "hstack"))
    xs = xs if isinstance(xs, tuple) else (xs,)
    if xs and xs[0].ndim == 1:
        return concatenate(xs, 0, dtype=dtype, casting=casting)
    return concatenate(xs, 1, dtype=dtype, casting=casting)


def vstack(tup, *, dtype=None, casting="same_kind"):
    xs = atleast_2d(*_sequence(tup, "vstack"))
    xs = xs if isinstance(xs, tuple) else (xs,)
    return concatenate(xs, 0, dtype=dtype, casting=casting)


row_stack = vstack


def dstack(tup):
    xs = atleast_3d(*_sequence(tup, "dstack"))
    xs = xs if isinstance(xs, tuple) else (xs,)
    return concatenate(xs, 2)


def column_stack(tup):
    xs = []
    for v in _sequence(tup, "column_stack"):
        if v.ndim < 2:
            v = transpose(reshape(v, (1,) * (2 - v.ndim) + v.shape))
        xs.append(v)
    return concatenate(xs, 1)


def block(arrays):
    """NumPy's block: nested lists, the innermost joined along the last axis."""
    def depth_of(obj, index=()):
        if isinstance(obj, tuple):
            raise TypeError(f"{index} is a tuple. Only lists can be used to arrange blocks, "
                            "and np.block does not allow implicit conversion from tuple to ndarray.")
        if isinstance(obj, list):
            if not obj:
                raise ValueError(f"List at {index} cannot be empty")
            depths = [depth_of(o, index + (i,)) for i, o in enumerate(obj)]
            first = depths[0]
            for d in depths[1:]:
                if d[0] != first[0]:
                    raise ValueError("List depths are mismatched. First element was at depth "
                                     f"{first[0] + 1}, but there is an element at depth {d[0] + 1}")
            return (first[0] + 1, max(d[1] for d in depths))
        return (0, _arr(obj).ndim)

    list_ndim, max_ndim = depth_of(arrays)
    result_ndim = max(list_ndim, max_ndim)

    def build(obj, depth):
        if depth == list_ndim:
            x = _arr(obj)
            return reshape(x, (1,) * (result_ndim - x.ndim) + x.shape) if x.ndim < result_ndim else x
        parts = [build(o, depth + 1) for o in obj]
        return concatenate(parts, axis=-(list_ndim - depth))

    result = build(arrays, 0)
    return _wrap(result._node)
