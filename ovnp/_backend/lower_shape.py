"""Lowerings of shape ops (views in NumPy's terms)."""

import openvino.opset16 as ops

from .lower import i64s, lowering


@lowering("transpose")
def _transpose(node, x):
    (axes,) = node.attrs
    return ops.transpose(x, i64s(axes))


@lowering("reshape")
def _reshape(node, x):
    return ops.reshape(x, i64s(node.shape), False)


@lowering("broadcast_to")
def _broadcast_to(node, x):
    return ops.broadcast(x, i64s(node.shape))
