"""Building blocks of the elementwise lowerings (lower_elementwise, lower_trig,
lower_division, lower_float_bits): float32 and int32 helpers that restore NumPy's
answer where OpenVINO's CPU plugin disagrees (docs/elementwise.md has the table), and
the registration decorators. Conventions:
- float16 is computed in float32 and rounded once at the end, as NumPy's half loops do;
- int8/uint8/int16/uint16 are computed in int32 and converted back (Convert wraps);
- uint32 values >= 2**31 are treated as signed by several CPU kernels, so unsigned
  comparisons flip the sign bit and unsigned division is done by halves.
"""

import functools
import math

import numpy as np
import openvino.opset16 as ops

from .lower import LOWER, OV_TYPE, PARALLEL_SAFE, constant, convert

_BOOL = np.dtype(np.bool_)
_F16 = np.dtype(np.float16)
_F32 = np.dtype(np.float32)
_I32 = np.dtype(np.int32)
_U32 = np.dtype(np.uint32)
_NARROW_INTS = tuple(np.dtype(t) for t in (np.int8, np.uint8, np.int16, np.uint16))
_FROM_OV = {v: k for k, v in OV_TYPE.items()}


def dtype_of(x) -> np.dtype:
    return _FROM_OV[x.get_element_type()]


def c(value, like):
    """A scalar constant of the element type of `like` (an output or a dtype)."""
    return constant(value, like if isinstance(like, np.dtype) else dtype_of(like))


def _out(x):
    return x.output(0) if hasattr(x, "output") else x


# ---------------------------------------------------------------- float helpers

def float_op(*names):
    """Register a float lowering written for float32: float16 goes through float32."""
    def register(fn):
        @functools.wraps(fn)    # keeps fn's module: mark_parallel_safe goes by module
        def lower(node, *inputs):
            ins = [convert(x, _F32) if dtype_of(x) == _F16 else x for x in inputs]
            return convert(_out(fn(node, *ins)), node.dtype)
        for name in names:
            LOWER[name] = lower
        return fn
    return register


def isnan(x):
    # x != x rather than IsNaN: IsNaN is not one of the CPU plugin's fusable ops and cut a
    # kernel in two around it (maximum before the log kernel: 13 subgraphs instead of 1)
    return ops.not_equal(x, x)


def isfinite(x):
    # OpenVINO's IsFinite says False for subnormals.
    return ops.logical_not(ops.logical_or(ops.is_nan(x), ops.is_inf(x)))


def select(cond, a, b):
    """ops.select, exact for integers: the CPU's Select passes i32/u32 through float32
    (2**31 - 1 comes out as 2**31), so integers are blended with bit masks."""
    a, b = _out(a), _out(b)
    d = dtype_of(a)
    if d == _U32:   # in int32: a uint32 Constant >= 2**31 saturates (see u32_via_i32)
        return convert(select(cond, i32(a), i32(b)), _U32)
    if d == _I32:
        mask = ops.subtract(constant(0, _I32), convert(cond, _I32))
        return _out(ops.bitwise_or(ops.bitwise_and(a, mask),
                                   ops.bitwise_and(b, ops.bitwise_not(mask))))
    return _out(ops.select(cond, a, b))


# Trap (measured, OpenVINO 2026.4 CPU): the plugin's snippets contract a float Multiply
# whose only use is an Add or Subtract into an FMA, rounded once, and only when the
# subgraph is tokenized (a pending operand, not a Parameter): a*b + c then differed from
# NumPy's twice-rounded value in 23% of random float32 inputs, and where a*b overflows
# the FMA keeps the exact product: complex (1+3e38j) * (3e38-infj) gave imaginary -inf
# pending and NaN computed (NumPy: NaN). A product that must round on its own (a NumPy
# formula whose inf/NaN cases depend on it) goes through an identity Select.
def rounded_product(a, b):
    p = ops.multiply(a, b)
    return _out(ops.select(ops.not_equal(p, p), p, p))


def fdiv(a, b):
    """NumPy's float32 a / b: OpenVINO's Divide, which build_model keeps IEEE-exact
    (lower._exact_float_divides; subnormal divisors included)."""
    return _out(ops.divide(a, b))


def flt(a, b):
    """a < b for floats: OpenVINO's Greater is True on NaN, Less is right."""
    return ops.less(a, b)


def fgt(a, b):
    return ops.less(b, a)


def is_zero(x):
    return ops.equal(x, c(0, x))


def signbit(x):
    """True for negative numbers and -0.0 (the sign of NaN is not observable)."""
    neg_zero = ops.logical_and(is_zero(x), ops.less(fdiv(c(1.0, x), x), c(0.0, x)))
    return ops.logical_or(ops.less(x, c(0.0, x)), neg_zero)


def copysign(a, b):
    m = ops.abs(a)
    return select(signbit(b), ops.negative(m), m)


def ftrunc(x):
    """Float truncation towards zero, -0.0 kept for negative x."""
    return select(signbit(x), ops.ceiling(x), ops.floor(x))


# Trap (measured, issue 12 sweep): OpenVINO's Exp flushes subnormal results to 0: exp(-90)
# was 0 (NumPy 8.194009e-40), and logaddexp(0, -90) with it. Below -87 (e**-87.3 is
# float32's smallest normal) x + 32 is exact and e**(x + 32) normal; times e**-32 it
# rounds once into the subnormal range (within an ulp of NumPy's there).
_SUBNORMAL_EXP_BELOW = -87.0


def fexp(x):
    # OpenVINO's Exp gives inf for NaN. x != x rather than IsNaN: IsNaN is not one of the
    # CPU plugin's fusable ("snippets") ops and cut W1's exp(-a)*0.5 out of the fused kernel.
    low = ops.less(x, c(_SUBNORMAL_EXP_BELOW, x))
    e = ops.exp(select(low, ops.add(x, c(32.0, x)), x))
    e = select(low, ops.multiply(e, c(math.exp(-32.0), x)), e)
    return select(ops.not_equal(x, x), x, e)


# 1 / ln 2: log2 and frexp
_INV_LN2 = 1.0 / math.log(2.0)


# ---------------------------------------------------------------- integer helpers

_INT_MIN = -2 ** 31


def i32(x):
    return convert(x, _I32)


def u32_via_i32(fn, *xs):
    """fn on uint32 inputs, computed on their int32 bit patterns (add, subtract,
    multiply and the bitwise ops give the same bits either way). Trap (measured): the
    CPU plugin turns a uint32 Constant into int32 with saturation, so `x * 2654435761`
    and `x ^ 0x80000000` used 2**31 - 1; a Convert of the Constant to int32 is folded
    with the wrap, right."""
    return convert(_out(fn(*(i32(x) for x in xs))), _U32)


def uint32_to_float32(x):
    """uint32 -> float32, rounded once. Fused with other ops (a concat, a select, a
    view), Convert u32 -> f32 reads values >= 2**31 as signed: 4294967295 became -1,
    median of [3e9, 5, 2**31, 2**32 - 1, 0] -2147483648.0; adding 2**32 back rounds
    twice (2**31 + 129 gave 2**31, not 2**31 + 256). So convert the int32 bits in two
    exact parts, the high 16 bits (a multiple of 65536) and the low 16, and add them."""
    bits = i32(x)
    low = ops.bitwise_and(bits, constant(0xFFFF, _I32))
    high = convert(ops.subtract(bits, low), _F32)                # exact: 16 bits
    high = select(ops.less(high, c(0.0, high)), ops.add(high, c(2.0 ** 32, high)), high)
    return _out(ops.add(high, convert(low, _F32)))


def as_signed_order(x):
    """u32 -> i32 whose signed order is x's unsigned order (flip the sign bit)."""
    return _out(ops.bitwise_xor(convert(x, _I32), constant(_INT_MIN, _I32)))


def lshr32(x, s):
    """Logical right shift of the i32 bit pattern x by s in [0, 31]."""
    minus1 = constant(-1, _I32)
    mask = ops.bitwise_not(ops.bitwise_left_shift(
        ops.bitwise_left_shift(minus1, ops.subtract(constant(31, _I32), s)), constant(1, _I32)))
    return ops.bitwise_and(ops.bitwise_right_shift(x, s), mask)


def _int_loop_dtype(dtype):
    return _I32 if dtype in _NARROW_INTS else dtype


def int_op(*names):
    """Register an integer lowering written for i32/u32: narrower ints go through i32."""
    def register(fn):
        @functools.wraps(fn)
        def lower(node, *inputs):
            ins = [i32(x) if dtype_of(x) in _NARROW_INTS else x for x in inputs]
            return convert(_out(fn(node, *ins)), node.dtype)
        for name in names:
            LOWER[name] = lower
        return fn
    return register


def slt(a, b):
    """Exact i32 a < b. OpenVINO's CPU compares i32 in float32 (16777217 == 16777216),
    so compare through the wrapping difference and its overflow bit instead."""
    d = ops.subtract(a, b)
    overflow = ops.bitwise_and(ops.bitwise_xor(a, b), ops.bitwise_xor(a, d))
    return ops.less(ops.bitwise_xor(d, overflow), constant(0, _I32))


def seq(a, b):
    """Exact i32 a == b (the difference is 0 exactly when they are equal)."""
    return ops.equal(ops.subtract(a, b), constant(0, _I32))


def _floor_div_i32(a, b):
    """Exact floor quotient and remainder of i32 (b not 0 or -1).

    OpenVINO's CPU divides i32 in float32 (inexact above 2**24): estimate in float32,
    then correct with exact integer arithmetic.
    """
    zero = constant(0, _I32)
    fa, fb = convert(a, _F32), convert(b, _F32)
    q0f = ops.floor(fdiv(fa, fb))
    q0f = ops.minimum(ops.maximum(q0f, c(-2.0 ** 31, q0f)), c(2.0 ** 31 - 256, q0f))
    q = convert(q0f, _I32)
    r = ops.subtract(a, ops.multiply(q, b))
    k = convert(ops.floor(fdiv(convert(r, _F32), fb)), _I32)
    q = ops.add(q, k)
    r = ops.subtract(r, ops.multiply(k, b))
    b_neg = ops.less(b, zero)
    for _ in range(2):
        wrong_sign = ops.logical_and(ops.not_equal(r, zero),
                                     ops.not_equal(ops.less(r, zero), b_neg))
        q = select(wrong_sign, ops.subtract(q, constant(1, _I32)), q)
        r = select(wrong_sign, ops.add(r, b), r)
        too_big = ops.logical_not(select(b_neg, slt(b, r), slt(r, b)))
        q = select(too_big, ops.add(q, constant(1, _I32)), q)
        r = select(too_big, ops.subtract(r, b), r)
    return q, r


def _int_divmod_signed(a, b):
    """Floor quotient and remainder of i32, NumPy's way: /0 -> 0, MIN // -1 wraps."""
    zero, one, minus1 = constant(0, _I32), constant(1, _I32), constant(-1, _I32)
    b0 = ops.equal(b, zero)
    bm1 = seq(b, minus1)
    safe = select(ops.logical_or(b0, bm1), one, b)
    q, r = _floor_div_i32(a, safe)
    q = select(bm1, ops.subtract(zero, a), q)
    r = select(bm1, zero, r)
    return select(b0, zero, q), select(b0, zero, r)


def _int_divmod_unsigned(a, b):
    """u32 quotient and remainder (CPU kernels divide u32 as i32): by halves."""
    ai, bi = i32(a), i32(b)
    zero, one = constant(0, _I32), constant(1, _I32)
    b0 = ops.equal(bi, zero)
    big_b = ops.less(bi, zero)                      # b >= 2**31
    safe = select(ops.logical_or(b0, big_b), one, bi)
    half = lshr32(ai, one)
    q = ops.bitwise_left_shift(_floor_div_i32(half, safe)[0], one)
    r = ops.subtract(ai, ops.multiply(q, safe))
    r_ge = ops.logical_not(slt(as_signed_order(r), as_signed_order(safe)))
    q = select(r_ge, ops.add(q, one), q)
    r = select(r_ge, ops.subtract(r, safe), r)
    # b >= 2**31: the quotient is 1 if a >= b, else 0
    a_ge_b = ops.logical_not(slt(as_signed_order(ai), as_signed_order(bi)))
    q = select(big_b, convert(a_ge_b, _I32), q)
    r = select(big_b, select(a_ge_b, ops.subtract(ai, bi), ai), r)
    q = select(b0, zero, q)
    r = select(b0, zero, r)
    return convert(q, _U32), convert(r, _U32)


def int_divmod(a, b):
    if dtype_of(a) == _U32:
        return _int_divmod_unsigned(a, b)
    return _int_divmod_signed(a, b)


def truth(x):
    return x if dtype_of(x) == _BOOL else _out(ops.not_equal(x, c(0, x)))


# ---------------------------------------------------------------- 2-D view

def mark_parallel_safe(module, exclude=()):
    """Add the IR ops that `module` lowers (but `exclude`) to lower.PARALLEL_SAFE: their
    lowerings work on any shape of the same elements (lower.parallel_layout)."""
    PARALLEL_SAFE.update(name for name, fn in LOWER.items()
                         if fn.__module__ == module and name not in exclude)
