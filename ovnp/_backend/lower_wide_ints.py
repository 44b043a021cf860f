"""Overflow checks for int32 values of int64 origin (Node.wide, docs/dtypes.md).

NumPy holds these values as int64 and computes their arithmetic exactly; ovnp holds
int32, and its int32 result r of an add, subtract, multiply, square, negative,
absolute, power or left_shift is NumPy's exact value P whenever P fits (arithmetic
modulo 2**32). So only the fit is checked, as lower_exact_ints checks sums: E is P
computed in float32 from the float32 operands, and the check fires where
|E - float32(r)| > 2**31.

Why that is exact. Every float32 step rounds by at most 2**-24 of its result, so E is
within 2**-21 |P| of P (a product: three roundings; a power: the float32 pow, within a
few ulp), and float32(r) within 2**7 of r.
- P fits: r = P, |P| <= 2**31, so |E - float32(r)| <= 2**10 + 2**7: no alarm.
- P does not fit: r = P - k 2**32 with k != 0, so |P - r| >= |k| 2**32 and
  |P| <= 2**31 + |k| 2**32; |E - float32(r)| >= |k| 2**32 (1 - 2**-20) - 2**8 > 2**31
  (an infinite E, a power past float32's range, is > 2**31 as well).
NaN never raises (counted as 0): 0 << 200 estimates 0 * inf.

floor_divide overflows only at INT_MIN // -1 and gcd only at 2**31 (tested on the bits:
float32 cannot tell INT_MIN from its neighbours); lcm fits iff its wrapped result is a
positive common multiple (checked by exact division); a uint32 value cast to int32 because
NumPy computes in int64 (`uint32 + int64`) does not fit when it is >= 2**31.
"""

import numpy as np
import openvino.opset16 as ops

from .ew_common import _F32, _I32, _U32, c, dtype_of, i32, int_divmod, select
from .lower import convert, i64s, inner_levels, reshape_to, wide_check

_TWO31 = 2.0 ** 31


def message(op):
    """The OverflowError of an int64-origin operation whose exact value leaves int32."""
    return (f"{op}: the exact result (NumPy computes these int64 values in 64 bits) is "
            f"outside int32's range; ovnp computes integers in 32 bits (docs/dtypes.md). "
            f"For an approximate result, convert to float32 first; for NumPy's wrapping "
            f"32-bit result, make the operands int32 (astype(numpy.int32)).")


def _f(x):
    return convert(x, _F32)


def _differs(estimate, result, nan_possible=False):
    """|estimate - float32(result)| > 2**31 somewhere: an exact value is not the int32
    result. Reduced here to one flag by a blocked float32 ReduceMax of the distances
    (a boolean flag per element, reduced by lower.check, took 2.5x the time), NaN
    counted as 0 (ReduceMax may let a NaN win)."""
    distance = ops.abs(ops.subtract(estimate, _f(result))).output(0)
    if nan_possible:
        distance = select(ops.not_equal(distance, distance), c(0.0, _F32), distance)
    n = int(np.prod(list(distance.get_partial_shape().to_shape()), dtype=np.int64))
    largest = inner_levels(reshape_to(distance, [1, n]), 1, n, 1,
                           lambda t, axis: ops.reduce_max(t, i64s([axis]), True).output(0))
    return ops.less(c(_TWO31, _F32), largest).output(0)


_ESTIMATES = {
    "add": lambda a, b: ops.add(_f(a), _f(b)),
    "subtract": lambda a, b: ops.subtract(_f(a), _f(b)),
    "multiply": lambda a, b: ops.multiply(_f(a), _f(b)),
    "square": lambda a: ops.multiply(_f(a), _f(a)),
    "negative": lambda a: ops.negative(_f(a)),
    "absolute": lambda a: ops.abs(_f(a)),
}


@wide_check(*_ESTIMATES)
def _estimated(node, inputs, result):
    return _differs(_ESTIMATES[node.op](*inputs), result), message(node.op)


@wide_check("power")
def _power(node, inputs, result):
    """sign * |a| ** b in float32; b >= 0 (negative integer powers raise at the call)."""
    a, b = inputs
    magnitude = ops.power(ops.abs(_f(a)), _f(b))
    magnitude = select(ops.equal(b, c(0, b)), c(1.0, _F32), magnitude)
    odd = ops.equal(ops.bitwise_and(b, c(1, b)), c(1, b))
    negative = ops.logical_and(ops.less(a, c(0, a)), odd)
    estimate = select(negative, ops.negative(magnitude), magnitude)
    return _differs(estimate, result, nan_possible=True), message("power")


@wide_check("left_shift")
def _left_shift(node, inputs, result):
    a, b = inputs
    estimate = ops.multiply(_f(a), ops.power(c(2.0, _F32), _f(b)))
    return _differs(estimate, result, nan_possible=True), message("left_shift")


def _is_int_min(x):
    # x ^ INT_MIN is 0 for INT_MIN alone, and float32 keeps "is zero" exact
    return ops.equal(ops.bitwise_xor(x, c(np.int32(-2 ** 31), _I32)), c(0, _I32))


@wide_check("floor_divide")
def _floor_divide(node, inputs, result):
    a, b = inputs
    return ops.logical_and(_is_int_min(a), ops.equal(b, c(-1, b))).output(0), \
        message("floor_divide")


@wide_check("gcd")
def _gcd(node, inputs, result):
    """A gcd is at most max(|a|, |b|): only 2**31 (gcd(INT_MIN, 0 or INT_MIN)) leaves
    int32, where the wrapped result is INT_MIN."""
    return _is_int_min(result).output(0), message("gcd")


@wide_check("lcm")
def _lcm(node, inputs, result):
    """The exact lcm P of nonzero a, b (|a|, |b| <= 2**31) is their least positive common
    multiple, and never a multiple of 2**32 (that needs 2**32 to divide a or b). A wrapped
    r = P - k 2**32 in [0, 2**31) that both divide would be a smaller common multiple, so 0,
    which P is not. So P fits iff r > 0 and |a| and |b| divide r (or a or b is 0, where
    r = P = 0). abs(INT_MIN) stays INT_MIN, which divides no r in (0, 2**31): it raises,
    as lcm(INT_MIN, b) >= 2**31 must."""
    r = i32(result)
    zero = c(0, r)
    a, b = (i32(x) for x in inputs)
    either_zero = ops.logical_or(ops.equal(a, zero), ops.equal(b, zero))
    bad = ops.less_equal(r, zero)
    for x in (a, b):
        divisor = select(ops.equal(x, zero), c(1, r), ops.abs(x))
        bad = ops.logical_or(bad, ops.not_equal(int_divmod(r, divisor)[1], zero))
    return ops.logical_and(ops.logical_not(either_zero), bad).output(0), message("lcm")


@wide_check("astype")
def _uint32_to_int64(node, inputs, result):
    (x,) = inputs
    if dtype_of(x) != _U32:     # every other integer type fits int32's range
        return None, None
    return ops.less(i32(x), c(0, _I32)).output(0), message("astype (uint32 to int64)")
