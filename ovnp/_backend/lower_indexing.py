"""Lowerings of indexing ops. Positions are flat C-order int32 indices (a DATA input),
already range checked and non-negative, and never empty (the API layer answers empty
selections itself: OpenVINO's Gather dies with SIGFPE on empty indices)."""

import numpy as np
import openvino.opset16 as ops

from .lower import constant, i64s, lowering


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
