"""Lowerings of elementwise IR ops. The API layer has already cast the inputs to the
dtype the op computes in, so most lowerings are one OpenVINO op, from a table."""

import numpy as np
import openvino.opset16 as ops

from .lower import LOWER, constant, convert, lowering

_BOOL = np.dtype(np.bool_)
_NARROW_INTS = (np.dtype(np.int8), np.dtype(np.uint8))

# IR op -> OpenVINO op, where the two agree on every dtype the op receives.
_DIRECT = {
    "negative": ops.negative, "absolute": ops.abs, "sqrt": ops.sqrt, "exp": ops.exp,
    "log": ops.log, "sin": ops.sin, "cos": ops.cos, "tanh": ops.tanh, "floor": ops.floor,
    "ceiling": ops.ceiling, "equal": ops.equal, "not_equal": ops.not_equal,
    "less": ops.less, "less_equal": ops.less_equal, "greater": ops.greater,
    "greater_equal": ops.greater_equal, "logical_and": ops.logical_and,
    "logical_or": ops.logical_or, "logical_xor": ops.logical_xor,
    "logical_not": ops.logical_not, "isnan": ops.is_nan, "power": ops.power,
}
for _name, _fn in _DIRECT.items():
    LOWER[_name] = (lambda fn: lambda node, *inputs: fn(*inputs))(_fn)
LOWER["ceil"] = LOWER["ceiling"]


@lowering("positive")
def _positive(node, x):
    return x


@lowering("square")
def _square(node, x):
    return _arithmetic_fn(node, ops.multiply, x, x)


@lowering("isinf")
def _isinf(node, x):
    return ops.is_inf(x)


@lowering("isfinite")
def _isfinite(node, x):
    return ops.is_finite(x)


_ARITHMETIC = {"add": ops.add, "subtract": ops.subtract, "multiply": ops.multiply}
# NumPy's add and multiply on bools are logical or / and; OpenVINO refuses bools.
_ON_BOOLS = {"add": ops.logical_or, "multiply": ops.logical_and}


def _arithmetic_fn(node, fn, a, b):
    if node.dtype in _NARROW_INTS:
        # OpenVINO saturates i8/u8 add/sub/mul (200+100 = 255); NumPy wraps (44).
        # Compute in i32 and convert back: Convert i32 -> u8/i8 wraps.
        return convert(fn(convert(a, np.int32), convert(b, np.int32)), node.dtype)
    return fn(a, b)


@lowering(*_ARITHMETIC)
def _arithmetic(node, a, b):
    if node.dtype == _BOOL:
        return _ON_BOOLS[node.op](a, b)
    return _arithmetic_fn(node, _ARITHMETIC[node.op], a, b)


# Per float dtype: (smallest normal, a power of two that makes every subnormal normal)
_SUBNORMAL_SCALE = {np.dtype(np.float32): (float(np.finfo(np.float32).tiny), 2.0 ** 24),
                    np.dtype(np.float16): (float(np.finfo(np.float16).tiny), 2.0 ** 10)}


@lowering("divide")
def _divide(node, a, b):
    # OpenVINO divides by multiplying with the reciprocal, which overflows for a
    # subnormal divisor (0 / 1e-45 gives nan, NumPy 0): scale such divisors by 2**24.
    smallest_normal, factor = _SUBNORMAL_SCALE[node.dtype]
    scale = constant(factor, node.dtype)
    tiny = ops.less(ops.abs(b), constant(smallest_normal, node.dtype))
    scaled = ops.multiply(ops.divide(a, ops.multiply(b, scale)), scale)
    return ops.select(tiny, scaled, ops.divide(a, b))


@lowering("maximum", "minimum")
def _extreme(node, a, b):
    fn = ops.maximum if node.op == "maximum" else ops.minimum
    if node.dtype == _BOOL:
        return (ops.logical_or if node.op == "maximum" else ops.logical_and)(a, b)
    if node.dtype.kind != "f":
        return fn(a, b)
    # OpenVINO's Maximum drops NaN; NumPy's propagates it.
    either_nan = ops.logical_or(ops.is_nan(a), ops.is_nan(b))
    return ops.select(either_nan, ops.add(a, b), fn(a, b))


@lowering("astype")
def _astype(node, x):
    return convert(x, node.dtype)


@lowering("where")
def _where(node, condition, x, y):
    return ops.select(condition, x, y)
