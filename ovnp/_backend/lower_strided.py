"""The lowering of as_strided (sliding_window_view's windows, ovnp/_stride_tricks.py).

attrs: (element strides, offset); output element [i0, i1, ...] is
x.flat[offset + sum(i_d * stride_d)]. The positions are computed in the graph from one
Range per axis (no host array of positions, whose size would be the output's), then
one Gather reads them.
"""

import numpy as np
import openvino.opset16 as ops

from .lower import constant, i64s, lowering
from .pairs import COMPONENTWISE

_I32 = np.dtype(np.int32)

COMPONENTWISE.add("as_strided")


@lowering("as_strided")
def _as_strided(node, x):
    strides, offset = node.attrs
    rank = len(node.shape)
    positions = constant(offset, _I32)
    for d, (n, step) in enumerate(zip(node.shape, strides)):
        if n == 1 or step == 0:
            continue
        axis = ops.range(constant(0, _I32), constant(n * step, _I32), constant(step, _I32),
                         "i32")
        shape = [1] * rank
        shape[d] = n
        positions = ops.add(positions, ops.reshape(axis, i64s(shape), False))
    positions = ops.broadcast(positions, i64s(node.shape))
    flat = ops.reshape(x, i64s([-1]), False)
    return ops.gather(flat, positions, constant(0, np.dtype(np.int64)))
