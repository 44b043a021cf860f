"""Lowerings of reductions. attrs = (axes, keepdims)."""

import openvino.opset16 as ops

from .lower import convert, i64s, lowering


@lowering("sum")
def _sum(node, x):
    axes, keepdims = node.attrs
    return ops.reduce_sum(convert(x, node.dtype), i64s(axes), keepdims)
