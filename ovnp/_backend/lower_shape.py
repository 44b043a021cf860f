"""Lowerings of shape ops (views in NumPy's terms) and of the creation ops.

attrs layouts:
  transpose     (axes,)
  reshape       ()                      output shape is node.shape (C order)
  broadcast_to  ()
  slice_axis    (axis, start, stop, step)  Python's slice.indices() of the axis
  concatenate   (axis,)                 inputs already cast to node.dtype
  gather_axis   (axis,)                 inputs (x, int32 indices), indices in range
  eye, tri      (k,)                    node.shape is (N, M)
  pad_stat      (axis, mode, before, after, stat_before, stat_after)
"""

import numpy as np
import openvino.opset16 as ops

from .lower import constant, convert, i64s
from .lower import lowering as _register

_INT64_MIN = np.iinfo(np.int64).min


def lowering(*names):
    """Register a shape lowering; an empty result is lowered as an empty constant.

    Trap: the CPU plugin crashes (segfault at compile) or sizes outputs wrongly on some
    chains of ops over empty tensors (e.g. int16 concat -> slice -> multiply -> add of a
    (2, 0) tensor), so no shape op over an empty tensor reaches it.
    """
    def register(fn):
        def lower(node, *inputs):
            if 0 in node.shape:
                return constant(np.zeros(node.shape, node.dtype), node.dtype)
            return fn(node, *inputs)
        return _register(*names)(lower)
    return register


@lowering("transpose")
def _transpose(node, x):
    (axes,) = node.attrs
    in_shape = [0] * len(axes)
    for out_axis, in_axis in enumerate(axes):
        in_shape[in_axis] = node.shape[out_axis]
    moved = [a for a in axes if in_shape[a] != 1]
    if 0 in node.shape or moved == sorted(moved):
        # Only size-1 axes move (or nothing is read): a reshape. Also a trap: the CPU
        # plugin gives Transpose (1,0) -> (0,1) feeding an elementwise op an output of
        # size 1, so the infer call fails.
        return ops.reshape(x, i64s(node.shape), False)
    return ops.transpose(x, i64s(axes))


@lowering("reshape")
def _reshape(node, x):
    return ops.reshape(x, i64s(node.shape), False)


@lowering("broadcast_to")
def _broadcast_to(node, x):
    return ops.broadcast(x, i64s(node.shape))


def _slice(x, axis, start, stop, step):
    # slice.indices() gives stop == -1 for "down to and including 0"; OpenVINO, like
    # NumPy, would read -1 as "the last element", so use INT64_MIN there.
    if step < 0 and stop < 0:
        stop = _INT64_MIN
    return ops.slice(x, i64s([start]), i64s([stop]), i64s([step]), i64s([axis]))


@lowering("slice_axis")
def _slice_axis(node, x):
    return _slice(x, *node.attrs)


@lowering("concatenate")
def _concatenate(node, *xs):
    (axis,) = node.attrs
    return ops.concat(list(xs), axis)


@lowering("gather_axis")
def _gather_axis(node, x, indices):
    (axis,) = node.attrs
    return ops.gather(x, indices, ops.constant(np.int64(axis)))


def _grid(node):
    n, m = node.shape
    (k,) = node.attrs
    rows = constant(np.arange(n, dtype=np.int32).reshape(-1, 1) + np.int32(k), np.int32)
    cols = constant(np.arange(m, dtype=np.int32).reshape(1, -1), np.int32)
    return rows, cols


def _from_mask(node, mask):
    if node.dtype == np.bool_:
        return mask
    return ops.select(mask, constant(1, node.dtype), constant(0, node.dtype))


def grid_mask(node):
    """eye's diagonal (cols == rows + k) or tri's lower part (cols <= rows + k)."""
    rows, cols = _grid(node)
    return (ops.equal if node.op == "eye" else ops.less_equal)(cols, rows)


@lowering("eye", "tri")
def _eye_or_tri(node):
    return _from_mask(node, grid_mask(node))


@lowering("pad_stat")
def _pad_stat(node, x):
    """NumPy's pad modes maximum/minimum/mean along one axis (x already padded on the
    earlier axes, as NumPy pads axis by axis)."""
    axis, mode, before, after, stat_before, stat_after = node.attrs
    n = x.get_partial_shape()[axis].get_length()
    parts = []
    for width, length, at_start in ((before, stat_before, True), (after, stat_after, False)):
        if width == 0:
            parts.append(None)
            continue
        length = n if length is None else min(length, n)
        window = _slice(x, axis, 0, length, 1) if at_start else _slice(x, axis, n - length, n, 1)
        stat = _reduce(node.dtype, mode, window, axis)
        shape = list(node.shape)
        shape[axis] = width
        parts.append(ops.broadcast(stat, i64s(shape)).output(0))
    pieces = [p for p in (parts[0], x, parts[1]) if p is not None]
    return ops.concat(pieces, axis) if len(pieces) > 1 else x


def _reduce(dtype, mode, window, axis):
    ax = i64s([axis])
    if mode == "mean":
        if dtype.kind == "f":
            return convert(ops.reduce_mean(convert(window, np.float32), ax, True), dtype)
        mean = ops.reduce_mean(convert(window, np.float32), ax, True)
        # NumPy rounds an integer mean half to even before casting back.
        return convert(ops.round(mean, "half_to_even"), dtype)
    if dtype == np.bool_:
        fn = ops.reduce_logical_or if mode == "maximum" else ops.reduce_logical_and
        return fn(window, ax, True)
    fn = ops.reduce_max if mode == "maximum" else ops.reduce_min
    result = fn(window, ax, True)
    if dtype.kind == "f":
        # OpenVINO's ReduceMax/Min drop NaN; NumPy's propagate it.
        has_nan = ops.reduce_logical_or(ops.is_nan(window), ax, True)
        result = ops.select(has_nan, constant(np.nan, dtype), result)
    return result
