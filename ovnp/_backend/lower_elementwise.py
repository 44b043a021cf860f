"""Lowerings of elementwise IR ops. The API layer has already cast the inputs to the
dtype NumPy's loop computes in, so each lowering sees NumPy's loop dtypes.

OpenVINO's CPU plugin disagrees with NumPy in many places (docs/elementwise.md has the
table); each lowering below restores NumPy's answer. Conventions:
- float16 is computed in float32 and rounded once at the end, as NumPy's half loops do;
- int8/uint8/int16/uint16 are computed in int32 and converted back (Convert wraps);
- uint32 values >= 2**31 are treated as signed by several CPU kernels, so unsigned
  comparisons flip the sign bit and unsigned division is done by halves.
"""

import math
import os

import numpy as np
import openvino.opset16 as ops

from .lower import LOWER, OV_TYPE, PARALLEL_SAFE, constant, convert, fast_kernels, guard, lowering

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
        def lower(node, *inputs):
            ins = [convert(x, _F32) if dtype_of(x) == _F16 else x for x in inputs]
            return convert(_out(fn(node, *ins)), node.dtype)
        for name in names:
            LOWER[name] = lower
        return fn
    return register


def isnan(x):
    return ops.is_nan(x)


def isfinite(x):
    # OpenVINO's IsFinite says False for subnormals.
    return ops.logical_not(ops.logical_or(ops.is_nan(x), ops.is_inf(x)))


def select(cond, a, b):
    """ops.select, exact for integers: the CPU's Select passes i32/u32 through float32
    (2**31 - 1 comes out as 2**31), so integers are blended with bit masks."""
    a, b = _out(a), _out(b)
    d = dtype_of(a)
    if d in (_I32, _U32):
        mask = ops.subtract(constant(0, _I32), convert(cond, _I32))
        if d == _U32:
            mask = convert(mask, _U32)
        return _out(ops.bitwise_or(ops.bitwise_and(a, mask),
                                   ops.bitwise_and(b, ops.bitwise_not(mask))))
    return _out(ops.select(cond, a, b))


def fdiv(a, b):
    """NumPy's float32 a / b (OpenVINO's multiplies by 1/b: subnormal divisors fail)."""
    tiny = ops.less(ops.abs(b), c(float(np.finfo(np.float32).tiny), b))
    scale = c(2.0 ** 24, b)
    scaled = ops.multiply(ops.divide(a, ops.multiply(b, scale)), scale)
    return select(tiny, scaled, ops.divide(a, b))


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


def fexp(x):
    # OpenVINO's Exp gives inf for NaN. x != x rather than IsNaN: IsNaN is not one of the
    # CPU plugin's fusable ("snippets") ops and cut W1's exp(-a)*0.5 out of the fused kernel.
    return select(ops.not_equal(x, x), x, ops.exp(x))


def _split12(x):
    """Veltkamp: x = hi + lo exactly, hi with 12 significant bits, lo with 11 (and a sign)."""
    t = ops.multiply(x, c(4097.0, x))
    hi = ops.subtract(t, ops.subtract(t, x))
    return hi, ops.subtract(x, hi)


# Exact float32 fmod (C's, as NumPy's): |a| is reduced by T * y with T an integer of at
# most 12 bits, T * y = T * y_hi + T * y_lo exactly (Veltkamp split, no FMA needed), so
# each step is exact and takes 11-12 bits off the quotient. The remainder may go
# negative (T is the nearest, not the truncated quotient); one fix-up at the end. A
# float32 quotient |a/b| reaches 2**277, past float32's range, so the reduction runs in
# three levels, modulo y * 2**k chosen near 2**30, then near 2**-70, then y itself:
# (steps per level: 8, 8, 6 were measured to be enough, exact for every
# exponent pair with extreme significands; one more each for margin).
_FMOD_LEVELS = ((30, 9), (-70, 9), (None, 7))


def _fmod_step(r, q, Yh, Yl, half=False):
    hi, _ = _split12(q)
    T = ops.round(hi, "half_to_even")
    if not half:
        return ops.subtract(ops.subtract(r, ops.multiply(T, Yh)), ops.multiply(T, Yl))
    # first step: r may be near float32's max and T * y_hi round up past it: work on r/2
    # (r - 2 * (r/2) is the bit halving drops from a tiny odd r, for which T is 0)
    h = ops.multiply(r, c(0.5, r))
    lost = ops.subtract(r, ops.add(h, h))
    half_r = ops.subtract(ops.subtract(h, ops.multiply(T, ops.multiply(Yh, c(0.5, r)))),
                          ops.multiply(T, ops.multiply(Yl, c(0.5, r))))
    return ops.add(ops.multiply(half_r, c(2.0, r)), lost)


# Most quotients are small: with |a/b| < 2**22, the last level's steps alone are exact
# (each takes 11-12 bits off the quotient). The lowerings use these under a guard (the
# graph reruns with all levels when some |a/b| is larger): 25 steps -> 3.
_FMOD_FAST_LEVELS = ((None, 3),)
FMOD_FAST_QUOTIENT = 2.0 ** 22


def fmod_guarded(a, b):
    """fmod with the short reduction where the build may guard it (fast_kernels)."""
    if not fast_kernels():
        return fmod(a, b)
    x, y = ops.abs(a), ops.abs(b)
    # where the final selects decide alone (a nan/inf, b 0, |a| < |b|) the quotient
    # does not matter: 0 there; elsewhere x / y (inf for a subnormal y: guarded out)
    decided = ops.logical_or(ops.logical_or(isnan(a), ops.is_inf(a)),
                             ops.logical_or(is_zero(b), ops.logical_or(isnan(b), flt(x, y))))
    quotient = select(decided, c(0.0, x), fdiv(x, y))
    # |a| near float32's max needs the full reduction's halved first step (which assumes
    # a first level where a tiny odd remainder gives T = 0): count it as a big quotient
    huge = flt(c(2.0 ** 126, x), x)
    guard(_out(select(huge, c(2 * FMOD_FAST_QUOTIENT, x), quotient)), FMOD_FAST_QUOTIENT)
    return fmod(a, b, _FMOD_FAST_LEVELS, halve_first=False)


def fmod(a, b, levels=_FMOD_LEVELS, halve_first=True):
    """C's fmod for float32, exact for every input (OpenVINO's Mod is off by ulps of a)."""
    x, y = ops.abs(a), ops.abs(b)
    small = ops.less(y, c(2.0 ** -60, y))
    # a power of two p near y, and y / p in [0.5, 4), without under/overflow
    scale = select(small, c(2.0 ** 80, y), c(2.0 ** -40, y))
    ys = ops.multiply(y, scale)
    t = ops.multiply(ys, c(2.0 ** 23 + 1, y))
    p = ops.multiply(ops.subtract(t, ops.subtract(t, ys)), select(small, c(1.0, y), c(0.5, y)))
    yn = ops.multiply(ys, ops.divide(c(1.0, y), p))
    py = ops.multiply(p, ops.divide(c(1.0, y), scale))
    ynh, ynl = _split12(yn)
    r = x
    first = halve_first
    for level, steps in levels:
        f = py if level is None else select(ops.less(py, c(2.0 ** level, y)), c(2.0 ** level, y), py)
        Y, Yh, Yl = ops.multiply(yn, f), ops.multiply(ynh, f), ops.multiply(ynl, f)
        # the quotient needs only ~16 good bits: r times 1/Y. The last level divides by y
        # itself, maybe subnormal (1/y overflows): scale y and r by 2**24 there
        s = select(small, c(2.0 ** 24, y), c(1.0, y)) if level is None else None
        inv = ops.divide(c(1.0, y), Y if s is None else ops.multiply(Y, s))
        for _ in range(steps):
            q = ops.multiply(r if s is None else ops.multiply(r, s), inv)
            r = _fmod_step(r, q, Yh, Yl, half=first)
            first = False
    res = select(flt(r, c(0.0, r)), ops.add(r, y), r)
    # y >= 2**127: its 12-bit head may round to 2**128 (inf); there x < 2y
    res = select(flt(c(float(np.nextafter(np.float32(2.0 ** 127), np.float32(0))), y), y),
                 ops.subtract(x, y), res)
    res = select(flt(a, c(0.0, a)), ops.negative(res), res)
    res = select(flt(x, y), a, res)     # |a| < |b| (and b = inf): a itself, -0.0 kept
    bad = ops.logical_or(ops.logical_or(ops.is_inf(a), is_zero(b)),
                         ops.logical_or(isnan(a), isnan(b)))
    return select(bad, c(float("nan"), a), res)


def _rounded_div(a, b):
    """a / b rounded as IEEE does (fdiv is off by an ulp in ~1/4 of cases, which moves
    a quotient above 2**24 to another integer): one correction by the residual
    a - q*b, computed exactly from 12-bit halves of q and b (all products exact)."""
    # a tiny b: scale both (a * 2**64 overflows only where a / b does); a huge a: scale
    # both down, or q_hi * b_hi may round past float32's max
    s = select(flt(c(2.0 ** 120, a), ops.abs(a)), c(2.0 ** -8, b), c(1.0, b))
    s = select(flt(ops.abs(b), c(2.0 ** -100, b)), c(2.0 ** 64, b), s)
    a, b = ops.multiply(a, s), ops.multiply(b, s)
    q = fdiv(a, b)
    # a huge quotient: correct q * 2**-64 against a * 2**-64 (exact: a >= 2**-21 there)
    big = flt(c(2.0 ** 64, q), ops.abs(q))
    down = select(big, c(2.0 ** -64, q), c(1.0, q))
    q, a = ops.multiply(q, down), ops.multiply(a, down)
    ok = ops.logical_and(flt(ops.abs(q), c(2.0 ** 100, q)), flt(c(2.0 ** -100, q), ops.abs(q)))
    ok = ops.logical_and(ok, ops.logical_and(flt(ops.abs(b), c(2.0 ** 114, b)),
                                             flt(c(2.0 ** -100, b), ops.abs(b))))
    qh, ql = _split12(q)
    bh, bl = _split12(b)
    e = ops.subtract(a, ops.multiply(qh, bh))
    e = ops.subtract(e, ops.multiply(qh, bl))
    e = ops.subtract(e, ops.multiply(ql, bh))
    e = ops.subtract(e, ops.multiply(ql, bl))
    q = select(ok, ops.add(q, ops.divide(e, b)), q)
    return ops.multiply(q, select(big, c(2.0 ** 64, q), c(1.0, q)))


def npy_divmod(a, b):
    """NumPy's npy_divmod for floats: (floor quotient, remainder with b's sign)."""
    mod = fmod_guarded(a, b)
    zero_b = is_zero(b)
    div = _rounded_div(ops.subtract(a, mod), b)
    nonzero_mod = ops.logical_not(is_zero(mod))
    adjust = ops.logical_and(nonzero_mod, ops.not_equal(flt(b, c(0.0, b)), flt(mod, c(0.0, mod))))
    mod2 = select(adjust, ops.add(mod, b), mod)
    div = select(adjust, ops.subtract(div, c(1.0, div)), div)
    mod2 = select(nonzero_mod, mod2, copysign(c(0.0, mod), b))
    floordiv = ops.floor(div)
    floordiv = select(fgt(ops.subtract(div, floordiv), c(0.5, div)),
                      ops.add(floordiv, c(1.0, div)), floordiv)
    quotient_ab = fdiv(a, b)
    floordiv = select(is_zero(div), copysign(c(0.0, div), quotient_ab), floordiv)
    # b == 0: NumPy returns a / b and fmod's nan; nan inputs give nan
    floordiv = select(zero_b, quotient_ab, floordiv)
    mod2 = select(zero_b, mod, mod2)
    return floordiv, mod2


# ---------------------------------------------------------------- integer helpers

_INT_MIN = -2 ** 31


def i32(x):
    return convert(x, _I32)


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


# ---------------------------------------------------------------- one-liners

@float_op("sqrt")
def _sqrt(node, x):
    return ops.sqrt(x)


@float_op("exp")
def _exp(node, x):
    return fexp(x)


@float_op("log")
def _log(node, x):
    return ops.log(x)


_INV_LN2 = 1.0 / math.log(2.0)
_INV_LN10 = 1.0 / math.log(10.0)


@float_op("log2", "log10")
def _log_base(node, x):
    # ln(x) * (1/ln b), the constant rounded once to float32 (log10(1000) = 3.0000002
    # like NumPy's float32 answer); exact powers of the base are snapped.
    inv = _INV_LN2 if node.op == "log2" else _INV_LN10
    y = ops.multiply(ops.log(x), c(inv, x))
    if node.op == "log2":   # exact for powers of two, as NumPy's log2f is
        r = ops.round(y, "half_to_even")
        exact = ops.equal(ops.power(c(2.0, x), r), x)
        return select(exact, r, y)
    return y


@float_op("log1p")
def _log1p(node, x):
    # Kahan: u = 1 + x; log(u) * x / (u - 1) is accurate near 0.
    u = ops.add(x, c(1.0, x))
    um1 = ops.subtract(u, c(1.0, x))
    accurate = ops.multiply(ops.log(u), fdiv(x, um1))
    r = select(is_zero(um1), x, accurate)
    r = select(ops.is_inf(u), ops.log(u), r)
    return select(ops.equal(u, c(0.0, x)), ops.log(u), r)


@float_op("expm1")
def _expm1(node, x):
    u = fexp(x)
    um1 = ops.subtract(u, c(1.0, x))
    accurate = fdiv(ops.multiply(um1, x), ops.log(u))
    r = select(ops.equal(u, c(1.0, x)), x, accurate)
    r = select(ops.equal(um1, c(-1.0, x)), um1, r)
    return select(ops.logical_or(ops.is_inf(u), isnan(x)), um1, r)


@float_op("exp2")
def _exp2(node, x):
    r = ops.power(c(2.0, x), x)
    return select(isnan(x), x, r)


def _logaddexp(a, b, base2):
    m = select(fgt(a, b), a, b)
    d = ops.negative(ops.abs(ops.subtract(a, b)))
    if base2:
        t = _log1p(None, ops.power(c(2.0, d), d))
        r = ops.add(m, ops.multiply(t, c(_INV_LN2, t)))
    else:
        r = ops.add(m, _log1p(None, fexp(d)))
    same = ops.equal(a, b)   # also inf == inf, where d is nan
    ln = c(1.0 if base2 else math.log(2.0), a)
    r = select(same, ops.add(a, ln), r)
    return select(ops.logical_or(isnan(a), isnan(b)), ops.add(a, b), r)


@float_op("logaddexp")
def _logaddexp_e(node, a, b):
    return _logaddexp(a, b, False)


@float_op("logaddexp2")
def _logaddexp_2(node, a, b):
    return _logaddexp(a, b, True)


_TRIG = {"sin": ops.sin, "cos": ops.cos, "tan": ops.tan, "arcsin": ops.asin,
         "arccos": ops.acos, "arctan": ops.atan, "sinh": ops.sinh, "cosh": ops.cosh,
         "tanh": ops.tanh, "arcsinh": ops.asinh, "arccosh": ops.acosh, "arctanh": ops.atanh}
for _name, _fn in _TRIG.items():
    float_op(_name)((lambda fn: lambda node, x: select(isnan(x), x, fn(x)))(_fn))


# ---------------------------------------------------------------- sin, cos: fused kernel
# OpenVINO's Sin and Cos are scalar "Math" nodes (16 ns per element on 2 cores, 20x
# NumPy's SIMD sinf) that also cut the fusion of the ops around them. sin and cos are
# written here with elementwise ops the CPU plugin fuses into one kernel (docs/
# performance.md, "Kernels"): Cody-Waite reduction r = x - k*pi/2, k = rint(x*2/pi), then
# NumPy's own minimax polynomials on [-pi/4, pi/4] (loops_trigonometric), picked and
# signed by k mod 4.
# The CPU plugin may or may not fuse a multiply and an add into an FMA, so the reduction
# must not depend on it: k is split as kh + kl (12 bits each) and pi/2 into 12-bit pieces,
# so every product k*piece is exact (and an FMA rounds the same). Each difference is
# exact while the remainder is small; rounding happens only where it is large.
# Tested within 3 ulp of NumPy for |x| <= 2**21 = 2097152 (NumPy's own SIMD kernel
# covers 117435.99; above 2**21 the float32 rint(x*2/pi) leaves |r| too large). Beyond,
# the answer stays in [-1, 1] but is not accurate: a correct reduction of huge arguments needs Payne-Hanek's table lookup, and a
# fallback to OpenVINO's Sin through Select would run that slow kernel on every element.


def _pi_half_pieces(width=12, count=7):
    """pi/2 cut at fixed bit positions: piece j holds its bits 2**(1-width*j) up to
    2**(1-width*(j-1)) (exact float32 numbers), then the float32 rounding of the rest."""
    from fractions import Fraction
    # pi to 200 bits (Machin), so the pieces are exact
    one = 1 << 220

    def arctan_inv(n):
        total = term = one // n
        k, sign = 1, -1
        while term:
            term //= n * n
            total += sign * (term // (2 * k + 1))
            sign, k = -sign, k + 1
        return total
    half_pi = Fraction(16 * arctan_inv(5) - 4 * arctan_inv(239), 2 * one)
    pieces, acc = [], Fraction(0)
    for j in range(1, count):
        q = Fraction(2) ** (1 - width * j)
        upto = (half_pi // q) * q
        pieces.append(float(upto - acc))
        acc = upto
    pieces.append(float(np.float32(float(half_pi - acc))))
    assert all(float(np.float32(p)) == p for p in pieces)
    return float(1 / half_pi), pieces


_TWO_OVER_PI, _PIO2_PIECES = _pi_half_pieces()
# NumPy's float32 coefficients (numpy/_core/src/umath/loops_trigonometric.dispatch.cpp)
_SIN_POLY = (float.fromhex("0x1.7d3bbcp-19"), -float.fromhex("0x1.a06bbap-13"),
             float.fromhex("0x1.11119ap-07"), -float.fromhex("0x1.555556p-03"))
_COS_POLY = (float.fromhex("0x1.98e616p-16"), -float.fromhex("0x1.6c06dcp-10"),
             float.fromhex("0x1.55553cp-05"), -0.5, 1.0)


def _rint(x):
    # Round, not the (x + 1.5*2**23) - 1.5*2**23 trick: OpenVINO folds that into x.
    return ops.round(x, "half_to_even")


def _reduce_pio2(x):
    """(k, r): x = k*pi/2 + r, |r| <= pi/4 (float32 x; see above for the range)."""
    k = _rint(ops.multiply(x, c(_TWO_OVER_PI, x)))
    kh = ops.multiply(_rint(ops.multiply(k, c(2.0 ** -12, x))), c(2.0 ** 12, x))
    kl = ops.subtract(k, kh)
    r = x
    for p in _PIO2_PIECES[:-1]:
        r = ops.subtract(r, ops.multiply(kh, c(p, x)))
        r = ops.subtract(r, ops.multiply(kl, c(p, x)))
    r = ops.subtract(r, ops.multiply(k, c(_PIO2_PIECES[-1], x)))
    # |r| <= 0.89 for |x| <= 2**21 (rint of the rounded x*2/pi may be one off near a tie:
    # the polynomials stay accurate there). Huge |x| (k inexact): keep the polynomials in
    # range so the answer stays in [-1, 1].
    bound = c(1.0, x)
    return k, ops.minimum(ops.maximum(r, ops.negative(bound)), bound)


def _horner(coefs, t):
    acc = c(coefs[0], t)
    for coef in coefs[1:]:
        acc = ops.add(ops.multiply(acc, t), c(coef, t))
    return acc


def _sincos(x, cos):
    k, r = _reduce_pio2(x)
    r2 = ops.multiply(r, r)
    s = ops.add(ops.multiply(_horner(_SIN_POLY, r2), ops.multiply(r2, r)), r)
    co = _horner(_COS_POLY, r2)
    if cos:
        k = ops.add(k, c(1.0, x))       # cos(x) = sin(x + pi/2)
    # k mod 4 without integers (int32 ops run through float32 on the CPU anyway)
    f2 = ops.floor(ops.multiply(k, c(0.5, x)))
    odd = ops.not_equal(ops.multiply(f2, c(2.0, x)), k)
    half = ops.subtract(f2, ops.multiply(ops.floor(ops.multiply(k, c(0.25, x))), c(2.0, x)))
    sign = ops.subtract(c(1.0, x), ops.multiply(half, c(2.0, x)))
    y = ops.multiply(select(odd, co, s), sign)
    if not cos:     # sin(-0.0) = -0.0 (rint(-0.0 * 2/pi) is -0.0, and r comes out +0.0)
        y = select(ops.equal(x, c(0.0, x)), x, y)
    return y


# The kernel is within 3 ulp of NumPy for |x| <= 2**21 = 2097152 and wrong (but in
# [-1, 1]) beyond; float16 arguments (|x| <= 65504) are always inside. For float32 it is
# guarded: a model whose argument goes beyond (or is inf) runs again with OpenVINO's own
# Sin/Cos (3x slower than NumPy per element, accurate everywhere). See
# docs/performance.md, "Kernels". OVNP_ACCURATE_SINCOS=1 (read at import) turns it off.
# Below SINCOS_GUARD_MIN elements the guard's fixed cost (a reduction and one more
# output: 3-4 µs per run) exceeds what the kernel saves (~4 ns per element): W6, W1 on
# 1e3 elements, took 35-37 µs per call guarded, 32-33 with OpenVINO's op.
SINCOS_EXACT_UP_TO = 2.0 ** 21
SINCOS_GUARD_MIN = 4096
ACCURATE_SINCOS_F32 = os.environ.get("OVNP_ACCURATE_SINCOS", "") == "1"


def _sin_or_cos(node, x, cos):
    if node.dtype == _F16 or (fast_kernels() and not ACCURATE_SINCOS_F32
                              and math.prod(node.shape) >= SINCOS_GUARD_MIN):
        if node.dtype != _F16:
            guard(ops.abs(x).output(0), SINCOS_EXACT_UP_TO)
        # inf and NaN (x * 0 is NaN for both): NaN, as NumPy gives
        not_finite = ops.not_equal(ops.multiply(x, c(0.0, x)), c(0.0, x))
        return select(not_finite, c(math.nan, x), _sincos(x, cos))
    # x != x (fusable) rather than IsNaN (not fusable) for the NaN fix-up
    return select(ops.not_equal(x, x), x, (ops.cos if cos else ops.sin)(x))


@float_op("sin")
def _sin(node, x):
    return _sin_or_cos(node, x, False)


@float_op("cos")
def _cos(node, x):
    return _sin_or_cos(node, x, True)


@float_op("deg2rad", "radians")
def _deg2rad(node, x):
    return ops.multiply(x, c(float(np.float32(math.pi / 180.0)), x))


@float_op("rad2deg", "degrees")
def _rad2deg(node, x):
    return ops.multiply(x, c(float(np.float32(180.0 / math.pi)), x))


@float_op("arctan2")
def _arctan2(node, y, x):
    pi = c(math.pi, x)
    half_pi = c(math.pi / 2, x)
    zero = c(0.0, x)
    base = ops.atan(fdiv(y, x))                   # in (-pi/2, pi/2)
    x_neg = signbit(x)
    y_neg = signbit(y)
    sign_y = select(y_neg, c(-1.0, x), c(1.0, x))
    r = select(x_neg, ops.add(base, ops.multiply(sign_y, pi)), base)
    # x == 0 (either sign), y != 0: +-pi/2
    r = select(ops.logical_and(is_zero(x), ops.logical_not(is_zero(y))),
               ops.multiply(sign_y, half_pi), r)
    # y == 0: +-0 for x > 0 or +0, +-pi for x < 0 or -0
    r = select(is_zero(y), select(x_neg, ops.multiply(sign_y, pi), ops.multiply(sign_y, zero)), r)
    # infinities
    x_inf, y_inf = ops.is_inf(x), ops.is_inf(y)
    both = ops.logical_and(x_inf, y_inf)
    q = select(x_neg, c(3 * math.pi / 4, x), c(math.pi / 4, x))
    r = select(both, ops.multiply(sign_y, q), r)
    r = select(ops.logical_and(y_inf, ops.logical_not(x_inf)), ops.multiply(sign_y, half_pi), r)
    fin_y = ops.logical_and(x_inf, isfinite(y))
    r = select(fin_y, select(x_neg, ops.multiply(sign_y, pi), ops.multiply(sign_y, zero)), r)
    return select(ops.logical_or(isnan(x), isnan(y)), ops.add(x, y), r)


@float_op("hypot")
def _hypot(node, a, b):
    a, b = ops.abs(a), ops.abs(b)
    m = select(fgt(a, b), a, b)
    n = select(fgt(a, b), b, a)
    t = fdiv(n, m)
    r = ops.multiply(m, ops.sqrt(ops.add(c(1.0, t), ops.multiply(t, t))))
    r = select(is_zero(m), m, r)
    r = select(ops.logical_or(isnan(a), isnan(b)), ops.add(a, b), r)
    return select(ops.logical_or(ops.is_inf(a), ops.is_inf(b)), c(np.inf, a), r)


@float_op("cbrt")
def _cbrt(node, x):
    ax = ops.abs(x)
    # tiny and subnormal x: y^3 in the Newton step would be subnormal (cbrt(1e-45) was
    # 5 ulp off): scale by a cube, 2**96 = (2**32)**3, and back
    tiny = flt(ax, c(2.0 ** -60, x))
    scaled = ops.multiply(ax, select(tiny, c(2.0 ** 96, x), c(1.0, x)))
    y = ops.power(scaled, c(1.0 / 3.0, x))
    # one Newton step: y - (y^3 - ax) / (3 y^2)
    y2 = ops.multiply(y, y)
    step = fdiv(ops.subtract(ops.multiply(y2, y), scaled), ops.multiply(c(3.0, x), y2))
    y = ops.multiply(ops.subtract(y, step), select(tiny, c(2.0 ** -32, x), c(1.0, x)))
    y = select(ops.logical_or(is_zero(ax), ops.is_inf(ax)), ax, y)
    return select(isnan(x), x, copysign(y, x))


# ---------------------------------------------------------------- arithmetic

_ARITHMETIC = {"add": ops.add, "subtract": ops.subtract, "multiply": ops.multiply}
# NumPy's add and multiply on bools are logical or / and; OpenVINO refuses bools.
_ON_BOOLS = {"add": ops.logical_or, "multiply": ops.logical_and}


@lowering(*_ARITHMETIC)
def _arithmetic(node, a, b):
    if node.dtype == _BOOL:
        return _ON_BOOLS[node.op](a, b)
    fn = _ARITHMETIC[node.op]
    if node.dtype == _F16:
        return convert(fn(convert(a, _F32), convert(b, _F32)), _F16)
    if node.dtype in _NARROW_INTS:
        # OpenVINO saturates i8/u8 add/sub/mul (200+100 = 255); NumPy wraps (44).
        return convert(fn(i32(a), i32(b)), node.dtype)
    return fn(a, b)


@lowering("square")
def _square(node, x):
    return _arithmetic(_Alias(node, "multiply"), x, x)


class _Alias:
    """A node seen under another op name (to reuse a lowering)."""

    def __init__(self, node, op):
        self.op, self.dtype, self.attrs, self.shape = op, node.dtype, node.attrs, node.shape


@float_op("divide")
def _divide(node, a, b):
    return fdiv(a, b)


@lowering("floor_divide", "remainder")
def _floor_divide(node, a, b):
    if node.dtype.kind == "f":
        return LOWER["_float_" + node.op](node, a, b)
    if node.dtype == _BOOL:   # not reached: NumPy's loops for bool are int8
        raise NotImplementedError
    q, r = _int_floor(node, a, b)
    return q if node.op == "floor_divide" else r


def _int_floor(node, a, b):
    if node.dtype in _NARROW_INTS:
        q, r = int_divmod(i32(a), i32(b))
        return convert(q, node.dtype), convert(r, node.dtype)
    return int_divmod(a, b)


@float_op("_float_floor_divide")
def _float_floor_divide(node, a, b):
    return npy_divmod(a, b)[0]


@float_op("_float_remainder")
def _float_remainder(node, a, b):
    return npy_divmod(a, b)[1]


@lowering("fmod")
def _fmod(node, a, b):
    if node.dtype.kind == "f":
        return LOWER["_float_fmod"](node, a, b)
    if node.dtype in _NARROW_INTS:
        a, b = i32(a), i32(b)
    q, r = int_divmod(a, b)
    if node.dtype.kind == "u" or dtype_of(a) == _U32:
        return convert(r, node.dtype)
    # C's %: truncated, the sign of a; by 0 (and MIN % -1) gives 0
    zero = c(0, r)
    fix = ops.logical_and(ops.not_equal(r, zero), ops.not_equal(ops.less(r, zero), ops.less(a, zero)))
    r = select(fix, ops.subtract(r, b), r)
    return convert(r, node.dtype)


@float_op("_float_fmod")
def _float_fmod(node, a, b):
    return fmod_guarded(a, b)


@lowering("negative")
def _negative(node, x):
    if node.dtype.kind == "f":
        return ops.negative(x)
    # OpenVINO's Negative saturates i8 and refuses unsigned types: 0 - x wraps.
    return convert(ops.subtract(c(0, i32(x)), i32(x)), node.dtype)


@lowering("positive", "conjugate")
def _positive(node, x):
    return x


@lowering("absolute")
def _absolute(node, x):
    if node.dtype == _BOOL or node.dtype.kind == "u":
        return x
    if node.dtype.kind == "f":
        return ops.abs(x)
    return convert(ops.abs(i32(x)), node.dtype)   # abs(int8(-128)) wraps to -128


@float_op("fabs")
def _fabs(node, x):
    return ops.abs(x)


@lowering("sign")
def _sign(node, x):
    if node.dtype.kind == "f":
        return LOWER["_float_sign"](node, x)
    if node.dtype.kind == "u":
        return convert(ops.not_equal(x, c(0, x)), node.dtype)
    return convert(ops.sign(i32(x)), node.dtype)


@float_op("_float_sign")
def _float_sign(node, x):
    return select(isnan(x), x, ops.sign(x))


@lowering("reciprocal")
def _reciprocal(node, x):
    if node.dtype.kind == "f":
        return LOWER["divide"](node, c(1.0, x), x)
    # NumPy computes 1.0 / x and casts: 1, -1, else 0; 1/0 -> INT_MIN, truncated
    xi = i32(x) if dtype_of(x) != _U32 else x
    one = c(1, xi)
    r = select(ops.equal(xi, one), one, c(0, xi))
    if node.dtype.kind == "i":
        r = select(ops.equal(xi, c(-1, xi)), c(-1, xi), r)
        r = select(ops.equal(xi, c(0, xi)), c(_INT_MIN, xi), r)
    return convert(r, node.dtype)


@lowering("power", "float_power")
def _power(node, a, b):
    if node.dtype.kind == "f":
        return LOWER["_float_power"](node, a, b)
    if node.dtype == _BOOL:
        raise NotImplementedError
    # Square-and-multiply with wrapping multiplies (OpenVINO's Power on ints saturates).
    bits = 8 * node.dtype.itemsize
    base, e = (i32(a), i32(b)) if node.dtype in _NARROW_INTS else (a, b)
    e = i32(e)
    one = c(1, base)
    result = _out(ops.broadcast(one, ops.shape_of(ops.add(base, convert(e, dtype_of(base))))))
    for k in range(bits):
        bit = ops.bitwise_and(ops.bitwise_right_shift(e, constant(k, _I32)), constant(1, _I32))
        result = select(ops.equal(bit, constant(1, _I32)), ops.multiply(result, base), result)
        if k + 1 < bits:
            base = _out(ops.multiply(base, base))
    return convert(result, node.dtype)


@float_op("_float_power")
def _float_power(node, a, b):
    r = ops.power(a, b)
    # pow(x, 0) = 1 and pow(1, y) = 1 even for NaN
    one = c(1.0, r)
    r = select(ops.logical_or(is_zero(b), ops.equal(a, one)), one, r)
    return r


# ---------------------------------------------------------------- rounding

@lowering("floor", "ceil", "trunc", "rint", "fix")
def _rounding(node, x):
    if node.dtype.kind != "f":
        return x
    return LOWER["_float_" + node.op](node, x)


@float_op("_float_floor")
def _float_floor(node, x):
    return ops.floor(x)


@float_op("_float_ceil")
def _float_ceil(node, x):
    return ops.ceiling(x)


@float_op("_float_trunc", "_float_fix")
def _float_trunc(node, x):
    return select(signbit(x), ops.ceiling(x), ops.floor(x))


@float_op("_float_rint")
def _float_rint(node, x):
    return ops.round(x, "half_to_even")


# ---------------------------------------------------------------- comparison, logic

@lowering("equal", "not_equal", "less", "less_equal", "greater", "greater_equal")
def _compare(node, a, b):
    d = dtype_of(a)
    if d == _F16 or d in _NARROW_INTS or d == _BOOL:
        a, b = (convert(a, _F32), convert(b, _F32)) if d == _F16 else (i32(a), i32(b))
    elif d in (_I32, _U32):
        # the CPU compares i32 in float32: exact comparisons from the difference
        if d == _U32:
            a, b = as_signed_order(a), as_signed_order(b)
        return {"equal": lambda: seq(a, b), "not_equal": lambda: ops.logical_not(seq(a, b)),
                "less": lambda: slt(a, b), "greater": lambda: slt(b, a),
                "less_equal": lambda: ops.logical_not(slt(b, a)),
                "greater_equal": lambda: ops.logical_not(slt(a, b))}[node.op]()
    op = node.op
    # OpenVINO's Greater and GreaterEqual say True for NaN: swap to Less, LessEqual.
    if op == "greater":
        return ops.less(b, a)
    if op == "greater_equal":
        return ops.less_equal(b, a)
    return {"equal": ops.equal, "not_equal": ops.not_equal, "less": ops.less,
            "less_equal": ops.less_equal}[op](a, b)


@lowering("logical_and", "logical_or", "logical_xor")
def _logical(node, a, b):
    fn = {"logical_and": ops.logical_and, "logical_or": ops.logical_or,
          "logical_xor": ops.logical_xor}[node.op]
    return fn(truth(a), truth(b))


@lowering("logical_not")
def _logical_not(node, x):
    return ops.logical_not(truth(x))


# ---------------------------------------------------------------- extremes, float tests

@lowering("maximum", "minimum", "fmax", "fmin")
def _extreme(node, a, b):
    is_max = node.op in ("maximum", "fmax")
    if node.dtype == _BOOL:
        return (ops.logical_or if is_max else ops.logical_and)(a, b)
    if node.dtype.kind in "iu":
        if node.dtype != _U32:
            return (ops.maximum if is_max else ops.minimum)(a, b)   # exact for signed
        ka, kb = as_signed_order(a), as_signed_order(b)
        return select(slt(kb, ka) if is_max else slt(ka, kb), a, b)
    return LOWER["_float_extreme"](node, a, b)


@float_op("_float_extreme")
def _float_extreme(node, a, b):
    is_max = node.op in ("maximum", "fmax")
    # select on Less (Maximum drops NaN); ties pick b, NumPy's -0.0/0.0 choice differs
    pick_a = ops.less(b, a) if is_max else ops.less(a, b)
    r = select(pick_a, a, b)
    if node.op in ("maximum", "minimum"):
        return select(ops.logical_or(isnan(a), isnan(b)), ops.add(a, b), r)
    r = select(isnan(a), b, r)
    return select(isnan(b), a, r)


@lowering("isnan", "isinf", "isfinite")
def _isclass(node, x):
    if dtype_of(x).kind != "f":
        same = ops.equal(x, x) if dtype_of(x) != _BOOL else ops.logical_or(x, ops.logical_not(x))
        return same if node.op == "isfinite" else ops.logical_not(same)
    if node.op == "isfinite":   # OpenVINO's IsFinite says False for subnormals
        return ops.logical_not(ops.logical_or(ops.is_nan(x), ops.is_inf(x)))
    return {"isnan": ops.is_nan, "isinf": ops.is_inf}[node.op](x)


def full_signbit(x):
    """signbit(x) for float32 x, NaNs included. OpenVINO has no bitcast and every
    comparison ignores a NaN's sign, but Convert to f4e2m1 (a format without NaN)
    saturates a NaN to +-6 and keeps its sign bit: signbit(-nan) = f4(-nan) < 0. It costs
    a Convert pair (about 15 ms per 2**20 floats on the CPU plugin), so only the public
    signbit and copysign pay it; the lowerings' own `signbit` helper does not."""
    f4 = ops.convert(ops.convert(x, "f4e2m1"), OV_TYPE[_F32])
    nan_neg = ops.logical_and(isnan(x), ops.less(f4, c(0.0, x)))
    return ops.logical_or(signbit(x), nan_neg)


@lowering("signbit")
def _signbit(node, x):
    x = convert(x, _F32)
    return full_signbit(x) if node.inputs[0].dtype.kind == "f" else signbit(x)


@float_op("copysign")
def _copysign(node, a, b):
    neg = full_signbit(b)
    m = ops.abs(a)
    r = select(neg, ops.negative(m), m)
    # OpenVINO's Negative (and x * -1, 0 - x) pass a NaN through with its sign bit
    # unchanged, so a NaN magnitude gets its sign from constants
    nan = np.float32(np.nan)
    return select(isnan(a), select(neg, c(-abs(nan), a), c(abs(nan), a)), r)


@float_op("heaviside")
def _heaviside(node, x, h0):
    r = select(ops.less(x, c(0.0, x)), c(0.0, x), c(1.0, x))
    r = select(is_zero(x), h0, r)
    return select(isnan(x), x, r)


# ---------------------------------------------------------------- bits

@lowering("bitwise_and", "bitwise_or", "bitwise_xor")
def _bitwise(node, a, b):
    if node.dtype == _BOOL:
        fn = {"bitwise_and": ops.logical_and, "bitwise_or": ops.logical_or,
              "bitwise_xor": ops.logical_xor}[node.op]
        return fn(a, b)
    fn = {"bitwise_and": ops.bitwise_and, "bitwise_or": ops.bitwise_or,
          "bitwise_xor": ops.bitwise_xor}[node.op]
    return fn(a, b)


@lowering("invert")
def _invert(node, x):
    if node.dtype == _BOOL:
        return ops.logical_not(x)
    return ops.bitwise_not(x)


@lowering("left_shift", "right_shift")
def _shift(node, a, b):
    bits = 8 * node.dtype.itemsize
    unsigned = node.dtype.kind == "u"
    ai, bi = i32(a), i32(b)
    # NumPy: a shift by the width or more (or negative) gives 0, or -1 for a negative a >>
    big = ops.logical_or(ops.less(bi, c(0, bi)), ops.less_equal(c(bits, bi), bi))
    if unsigned and bits == 32:
        big = ops.logical_or(ops.less(bi, c(0, bi)), ops.less_equal(c(bits, bi), bi))
    safe = select(big, c(0, bi), bi)
    if node.op == "left_shift":
        r = ops.bitwise_left_shift(ai, safe)
        return convert(select(big, c(0, bi), r), node.dtype)
    if unsigned and bits == 32:
        r = lshr32(ai, safe)
        return convert(select(big, c(0, bi), r), node.dtype)
    r = ops.bitwise_right_shift(ai, safe)   # narrow unsigned values are >= 0 in i32
    fill = select(ops.less(ai, c(0, ai)), c(-1, ai), c(0, ai))
    return convert(select(big, fill, r), node.dtype)


@lowering("bitwise_count")
def _bitwise_count(node, x):
    v = i32(x)
    if dtype_of(x).kind == "i" or dtype_of(x) in (np.dtype(np.int8), np.dtype(np.int16)):
        v = ops.abs(v)   # abs(INT_MIN) stays INT_MIN: one bit, as NumPy's
    k = lambda n: constant(n, _I32)  # noqa: E731
    v = ops.subtract(v, ops.bitwise_and(ops.bitwise_right_shift(v, k(1)), k(0x55555555)))
    v = ops.add(ops.bitwise_and(v, k(0x33333333)),
                ops.bitwise_and(ops.bitwise_right_shift(v, k(2)), k(0x33333333)))
    v = ops.bitwise_and(ops.add(v, ops.bitwise_right_shift(v, k(4))), k(0x0F0F0F0F))
    v = ops.bitwise_and(ops.bitwise_right_shift(ops.multiply(v, k(0x01010101)), k(24)), k(0xFF))
    return convert(v, node.dtype)


# ---------------------------------------------------------------- integer

# gcd/lcm: Euclid in an OpenVINO Loop, a few steps per iteration, until every divisor is
# 0. Unrolled, the 33-48 steps made a graph of ~500 ops: 3.8-4.5 s to compile (integer
# steps also ran at 5 s per 1e6 values: integer ops are not fused, and OpenVINO's i32
# Divide is inexact, so each exact division is ~40 ops). The Loop compiles in ~0.12 s.
# Steps run in float32 where that is exact: below 2**23. Wider int32/uint32 values are
# guarded: a graph that meets one runs again with exact integer steps.
GCD_FLOAT_EXACT_BELOW = 2 ** 23
_GCD_UNROLL = 4


def _euclid_steps(bound):
    """Most division steps Euclid takes on values <= bound: consecutive Fibonacci
    numbers are the worst case (Lame)."""
    a, b, n = 1, 1, 0
    while a + b <= bound:
        a, b, n = b, a + b, n + 1
    return n + 1


def _loop(step, state, max_steps, unroll, running):
    """`state = step(state)` up to max_steps times in an OpenVINO Loop of `unroll` steps
    per iteration, stopping once `running(state)` (a boolean scalar) is false."""
    import openvino as ov
    params = [ops.parameter(s.get_partial_shape(), s.get_element_type()) for s in state]
    new = [p.output(0) for p in params]
    for _ in range(unroll):
        new = step(*new)
    results = [ops.result(running(*new))] + [ops.result(v) for v in new]
    loop = ops.loop(constant(-(-max_steps // unroll), np.int64), constant(True, np.bool_))
    loop.set_function(ov.Model(results, params))
    loop.set_special_body_ports([-1, 0])
    for p, init, r in zip(params, state, results[1:]):
        loop.set_merged_input(p, init, r.output(0))
    return [loop.get_iter_value(r.output(0), -1) for r in results[1:]]


def _euclid(x, y, shape, bound, exact_step):
    """gcd of x, y >= 0 (both <= bound, broadcast to `shape`) by `exact_step(x, y) ->
    x mod y`. A Loop's state keeps its shape from one iteration to the next, and the
    CPU plugin wants rank >= 1: both start at the result's shape, flattened."""
    flat = constant([int(np.prod(shape, dtype=np.int64))], np.int64)
    x, y = (_out(ops.reshape(ops.broadcast(v, constant(list(shape), np.int64)), flat, False))
            for v in (x, y))
    zero = c(0, x)

    def step(x, y):
        y_zero = ops.equal(y, zero)
        r = exact_step(x, select(y_zero, c(1, y), y))
        return _out(select(y_zero, x, y)), _out(select(y_zero, zero, r))

    def running(x, y):
        flat = ops.reshape(ops.not_equal(y, zero), constant([-1], np.int64), False)
        return ops.reduce_logical_or(flat, constant([0], np.int64), False)

    g = _loop(step, [x, y], _euclid_steps(bound), _GCD_UNROLL, running)[0]
    return _out(ops.reshape(g, constant(list(shape), np.int64), False))


def _float_mod_step(x, y):
    """x mod y for integer-valued float32 0 <= x, 0 < y below 2**23, exactly (the floor
    of the quotient may be one off, as OpenVINO divides by a reciprocal: corrected)."""
    zero = c(0.0, x)
    r = ops.subtract(x, ops.multiply(ops.floor(ops.divide(x, y)), y))
    r = select(ops.less(r, zero), ops.add(r, y), r)
    return select(ops.less(r, y), r, ops.subtract(r, y))


def _int_mod_step(x, y):
    return int_divmod(x, y)[1]


@lowering("gcd", "lcm")
def _gcd(node, a, b):
    bits = 8 * node.dtype.itemsize
    signed = node.dtype.kind == "i"
    a0, b0 = (i32(a), i32(b)) if node.dtype in _NARROW_INTS else (a, b)
    x, y = (ops.abs(a0), ops.abs(b0)) if signed else (a0, b0)
    x, y = _out(x), _out(y)
    if bits < 32 or fast_kernels():
        xf, yf = convert(i32(x), _F32), convert(i32(y), _F32)
        if bits == 32:
            # abs(INT_MIN) and u32 >= 2**31 come out negative (u32 2**32 - 1 as -1.0):
            # they count as 2**31
            big = c(2.0 ** 31, xf)
            mag = [select(flt(v, c(0.0, v)), big, v) for v in (xf, yf)]
            guard(_out(ops.maximum(*mag)), GCD_FLOAT_EXACT_BELOW - 1)
        gf = _euclid(xf, yf, node.shape, min(2 ** bits, GCD_FLOAT_EXACT_BELOW), _float_mod_step)
        if node.op == "gcd":
            return convert(convert(gf, _I32), node.dtype)
        # x / gcd is an integer: Round absorbs the reciprocal's error
        g_zero = ops.equal(gf, c(0.0, gf))
        q = ops.round(ops.divide(xf, select(g_zero, c(1.0, gf), gf)), "half_to_even")
        q = convert(select(g_zero, c(0.0, gf), q), _I32)
    else:
        g = _euclid(x, y, node.shape, 2 ** bits, _int_mod_step)
        if signed:      # abs(INT_MIN) is INT_MIN: floor remainders can leave gcd negative
            g = _out(ops.abs(g))
        if node.op == "gcd":
            return convert(g, node.dtype)
        zero = c(0, g)
        g_zero = ops.equal(g, zero)
        q = int_divmod(select(g_zero, zero, x), select(g_zero, c(1, g), g))[0]
    # lcm = |a / gcd * b| (wrapping, as NumPy's), 0 if either is 0
    return convert(ops.multiply(convert(q, dtype_of(y)), y), node.dtype)


# ---------------------------------------------------------------- float manipulation

def _pow2(e):
    """2.0**e for an i32 e in [-149, 127] exactly: product of two exact halves."""
    e1 = ops.divide(e, constant(2, _I32))
    e2 = ops.subtract(e, e1)
    two = constant(2.0, _F32)
    p1 = ops.power(two, convert(e1, _F32))
    p2 = ops.power(two, convert(e2, _F32))
    return ops.multiply(p1, p2)


def frexp32(x):
    """(mantissa in [0.5, 1), exponent) of float32 x; (x, 0) for 0, inf, nan."""
    ax = ops.abs(x)
    special = ops.logical_or(is_zero(x), ops.logical_not(isfinite(x)))
    # A subnormal's 2**-e would overflow float32: scale it into the normal range first.
    subnormal = ops.less(ax, c(float(np.finfo(np.float32).tiny), x))
    safe = select(special, c(1.0, x), select(subnormal, ops.multiply(ax, c(2.0 ** 64, x)), ax))
    e = ops.add(convert(ops.floor(ops.multiply(ops.log(safe), c(_INV_LN2, x))), _I32),
                constant(1, _I32))
    m = ops.multiply(safe, _pow2(ops.negative(e)))
    e = ops.subtract(e, select(subnormal, constant(64, _I32), constant(0, _I32)))
    for _ in range(2):   # correct the estimate by one either way
        hi = ops.less_equal(c(1.0, m), m)
        m = select(hi, ops.multiply(m, c(0.5, m)), m)
        e = select(hi, ops.add(e, constant(1, _I32)), e)
        lo = ops.less(m, c(0.5, m))
        m = select(lo, ops.multiply(m, c(2.0, m)), m)
        e = select(lo, ops.subtract(e, constant(1, _I32)), e)
    m = copysign(m, x)
    return select(special, x, m), select(special, constant(0, _I32), e)


@float_op("frexp_mantissa")
def _frexp_mantissa(node, x):
    return frexp32(x)[0]


@lowering("frexp_exponent")
def _frexp_exponent(node, x):
    return frexp32(convert(x, _F32))[1]


@lowering("ldexp")
def _ldexp(node, x, n):
    x = convert(x, _F32)
    n = i32(n)
    lo, hi = constant(-400, _I32), constant(400, _I32)
    n = ops.minimum(ops.maximum(n, lo), hi)
    # three exact steps of at most 2**127 / 2**-149 each keep every partial product exact
    n1 = ops.divide(n, constant(3, _I32))
    n2 = ops.divide(ops.subtract(n, n1), constant(2, _I32))
    n3 = ops.subtract(ops.subtract(n, n1), n2)
    r = ops.multiply(ops.multiply(ops.multiply(x, _pow2(n1)), _pow2(n2)), _pow2(n3))
    return convert(r, node.dtype)


def _ulp(x, dtype):
    """Spacing of the float grid at |x| (x finite, nonzero): 2**(e - digits)."""
    m, e = frexp32(x)
    digits = 24 if dtype == _F32 else 11
    min_exp = -148 if dtype == _F32 else -23
    e = ops.maximum(ops.subtract(e, constant(digits, _I32)), constant(min_exp - 1, _I32))
    return m, _pow2(e)


@lowering("nextafter")
def _nextafter(node, x, y):
    x32, y32 = convert(x, _F32), convert(y, _F32)
    m, u = _ulp(x32, node.dtype)
    half = ops.equal(ops.abs(m), c(0.5, m))
    # stepping toward zero from a power of two crosses into the finer binade
    toward_zero = ops.not_equal(fgt(y32, x32), fgt(x32, c(0.0, x32)))
    smallest = c(float(np.finfo(node.dtype).smallest_subnormal), x32)
    u_down = select(ops.logical_and(half, toward_zero),
                    ops.maximum(ops.multiply(u, c(0.5, u)), smallest), u)
    up = fgt(y32, x32)
    step = select(up, u_down, ops.negative(u_down))
    r = ops.add(x32, step)
    # -smallest_subnormal + smallest_subnormal is +0.0; C's nextafter gives -0.0
    r = select(is_zero(r), copysign(r, x32), r)
    r = select(is_zero(x32), select(up, smallest, ops.negative(smallest)), r)
    r = convert(r, node.dtype)
    # C99: from an infinity, the first step lands on the largest finite value (x + ulp
    # leaves an infinity where it is)
    big = c(float(np.finfo(node.dtype).max), node.dtype)
    r = select(ops.is_inf(x32), select(signbit(x32), ops.negative(big), big), r)
    # x == y: C's nextafter returns y, NumPy's half loop returns x (0.0 vs -0.0 differ)
    r = select(ops.equal(x32, y32), convert(x32 if node.dtype == _F16 else y32, node.dtype), r)
    r = select(ops.logical_or(isnan(x32), isnan(y32)), convert(ops.add(x32, y32), node.dtype), r)
    return r


@lowering("spacing")
def _spacing(node, x):
    x32 = convert(x, _F32)
    m, u = _ulp(x32, node.dtype)
    smallest = c(float(np.finfo(node.dtype).smallest_subnormal), x32)
    if node.dtype == _F16:
        # NumPy's half spacing of a negative x is the (positive) step toward zero
        half = ops.equal(ops.abs(m), c(0.5, m))
        r = select(ops.logical_and(half, signbit(x32)),
                   ops.maximum(ops.multiply(u, c(0.5, u)), smallest), u)
        r = select(is_zero(x32), smallest, r)
    else:
        r = select(signbit(x32), ops.negative(u), u)
        r = select(is_zero(x32), select(signbit(x32), ops.negative(smallest), smallest), r)
    # at the largest binade, the next value up is inf
    r = select(isfinite(x32), r, c(np.nan, x32))
    big = ops.equal(ops.abs(x32), c(float(np.finfo(node.dtype).max), x32))
    neg_big = c(-np.inf, x32) if node.dtype == _F32 else r
    r = select(big, select(signbit(x32), neg_big, c(np.inf, x32)), r)
    return convert(r, node.dtype)


@float_op("modf_frac")
def _modf_frac(node, x):
    t = _float_trunc(None, x)
    r = copysign(ops.subtract(x, t), x)
    r = select(ops.is_inf(x), copysign(c(0.0, x), x), r)
    return select(isnan(x), x, r)


@float_op("modf_int")
def _modf_int(node, x):
    return _float_trunc(None, x)


@float_op("ew_nan_to_num")
def _nan_to_num(node, x):
    nan, posinf, neginf = node.attrs
    r = select(isnan(x), c(nan, x), x)
    r = select(ops.logical_and(ops.is_inf(x), fgt(x, c(0.0, x))), c(posinf, x), r)
    return select(ops.logical_and(ops.is_inf(x), flt(x, c(0.0, x))), c(neginf, x), r)


# ---------------------------------------------------------------- casts, select, shape

@lowering("astype")
def _astype(node, x):
    src = dtype_of(x)
    if node.dtype == _BOOL and src.kind == "f":
        # OpenVINO's Convert makes NaN False; NumPy's bool(nan) is True.
        return ops.not_equal(x, c(0.0, x))
    if node.dtype == _BOOL and src.kind in "iu":
        return ops.not_equal(x, c(0, x))
    if src == _BOOL and node.dtype.kind in "iuf":
        return convert(convert(x, np.dtype(np.uint8)), node.dtype)
    if src == _F16 and node.dtype.kind in "iu":
        return convert(convert(x, _F32), node.dtype)
    if src == _U32 and node.dtype.kind == "f":
        # Fused with other ops (a concat, a select), Convert u32 -> f32 reads values
        # >= 2**31 as signed: 4294967295 became -1. Undo the wrap either way.
        v = convert(x, _F32)
        v = select(ops.less(v, c(0.0, v)), ops.add(v, c(2.0 ** 32, v)), v)
        return convert(v, node.dtype)
    return convert(x, node.dtype)


@lowering("where")
def _where(node, condition, x, y):
    return select(condition, x, y)


@lowering("ew_take")
def _take(node, x):
    axis, index = node.attrs
    return ops.gather(x, constant(index, np.dtype(np.int64)), constant(axis, np.dtype(np.int64)))


@lowering("ew_stack")
def _stack(node, *xs):
    (axis,) = node.attrs
    return ops.concat([ops.unsqueeze(x, constant(axis, np.dtype(np.int64))) for x in xs], axis)


@lowering("ew_gather")
def _gather(node, x, idx):
    return ops.gather(x, idx, constant(0, np.dtype(np.int64)))


@lowering("ew_scatter")
def _scatter(node, x, idx, updates):
    return ops.scatter_update(x, idx, updates, constant(0, np.dtype(np.int64)))


# Lowerings that work on any shape of the same elements (lower.parallel_layout): all of
# this file's but those that gather, stack or reshape along axes.
PARALLEL_SAFE.update(name for name, fn in LOWER.items()
                     if fn.__module__ == __name__ and name not in
                     {"ew_gather", "ew_scatter", "ew_stack", "ew_take", "gcd", "lcm"})
