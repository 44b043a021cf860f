"""Lowerings of indexing ops. Positions are flat C-order int32 indices (a DATA input),
already range checked and non-negative, and never empty (the API layer answers empty
selections itself: OpenVINO's Gather dies with SIGFPE on empty indices)."""

import numpy as np
import openvino.opset16 as ops

from .lower import OV_TYPE, constant, convert, i64s, lowering


@lowering("getitem")
def _getitem(node, x, pos):
    flat = ops.reshape(x, i64s([-1]), False)
    return ops.gather(flat, pos, constant(0, np.int64))


@lowering("setitem")
def _setitem(node, x, pos, value):
    flat = ops.reshape(x, i64s([-1]), False)
    # The CPU plugin's ScatterUpdate refuses 0-d indices: scatter 1-d positions.
    pos = ops.reshape(pos, i64s([-1]), False)
    value = ops.reshape(value, i64s([-1]), False)
    updated = ops.scatter_update(flat, pos, value, constant(0, np.int64))
    return ops.reshape(updated, i64s(node.shape), False)


_EXACT_VIA_BITS = (np.dtype(np.int32), np.dtype(np.uint32))


@lowering("masked_where")
def _masked_where(node, condition, x, y):
    # Trap: the CPU plugin fuses Select with a Compare that feeds its condition and then
    # moves i32/u32 data through f32: where(w == 1, 123456789, 5) gives 123456792.
    # For 32-bit integers select with bits instead: y ^ ((x ^ y) & -cond).
    if node.dtype not in _EXACT_VIA_BITS:
        return ops.select(condition, x, y)
    mask = ops.negative(ops.convert(condition, OV_TYPE[np.dtype(np.int32)]))
    mask = convert(mask, node.dtype)
    return ops.bitwise_xor(y, ops.bitwise_and(ops.bitwise_xor(x, y), mask))
