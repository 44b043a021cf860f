"""Lowerings of elementwise IR ops. The API layer has already cast the inputs to the
dtype the op computes in, so most lowerings are one OpenVINO op."""

import numpy as np
import openvino.opset16 as ops

from .lower import constant, convert, lowering

_NARROW_INTS = (np.dtype(np.int8), np.dtype(np.uint8))

_ARITHMETIC = {"add": ops.add, "subtract": ops.subtract, "multiply": ops.multiply}
# NumPy's add and multiply on bools are logical or / and; OpenVINO refuses bools.
_ON_BOOLS = {"add": ops.logical_or, "multiply": ops.logical_and}
_BOOL = np.dtype(np.bool_)
# Per float dtype: (smallest normal, a power of two that makes every subnormal normal)
_SUBNORMAL_SCALE = {np.dtype(np.float32): (float(np.finfo(np.float32).tiny), 2.0 ** 24),
                    np.dtype(np.float16): (float(np.finfo(np.float16).tiny), 2.0 ** 10)}


@lowering(*_ARITHMETIC)
def _arithmetic(node, a, b):
    if node.dtype == _BOOL:
        return _ON_BOOLS[node.op](a, b)
    fn = _ARITHMETIC[node.op]
    if node.dtype in _NARROW_INTS:
        # OpenVINO saturates i8/u8 add/sub/mul (200+100 = 255); NumPy wraps (44).
        # Compute in i32 and convert back: Convert i32 -> u8/i8 wraps.
        return convert(fn(convert(a, np.int32), convert(b, np.int32)), node.dtype)
    return fn(a, b)


@lowering("divide")
def _divide(node, a, b):
    # OpenVINO divides by multiplying with the reciprocal, which overflows for a
    # subnormal divisor (0 / 1e-45 gives nan, NumPy 0): scale such divisors by 2**24.
    smallest_normal, factor = _SUBNORMAL_SCALE[node.dtype]
    scale = constant(factor, node.dtype)
    tiny = ops.less(ops.abs(b), constant(smallest_normal, node.dtype))
    scaled = ops.multiply(ops.divide(a, ops.multiply(b, scale)), scale)
    return ops.select(tiny, scaled, ops.divide(a, b))


@lowering("astype")
def _astype(node, x):
    return convert(x, node.dtype)


@lowering("where")
def _where(node, condition, x, y):
    return ops.select(condition, x, y)
