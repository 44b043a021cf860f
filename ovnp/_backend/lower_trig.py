"""Lowerings of trigonometric and hyperbolic IR ops: OpenVINO's kernels with NumPy's NaN,
and sin/cos as a guarded fused kernel (docs/performance.md, "Kernels")."""

import math
import os

import numpy as np
import openvino.opset16 as ops

from .ew_common import (_F16, c, fdiv, fgt, float_op, is_zero, isfinite, isnan,
                        mark_parallel_safe, select, signbit)
from .lower import fast_kernels, guard


# sin and cos: the fused kernel below; tan, arctan, arcsin, arccos, sinh, cosh, arctanh,
# arcsinh, arccosh: lower_elementwise's kernel table (kernels_trig.py, kernels_exp.py,
# kernels_hyperbolic.py)
_TRIG = {"tanh": ops.tanh}


def _nan_through(fn, x):
    """OpenVINO's kernel `fn` with NaN passed through (some give inf or 0 for NaN);
    x != x rather than IsNaN, which the CPU plugin cannot fuse."""
    return select(ops.not_equal(x, x), x, fn(x))


for _name, _fn in _TRIG.items():
    float_op(_name)((lambda fn: lambda node, x: _nan_through(fn, x))(_fn))


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
# the answer stays in [-1, 1] but is not accurate (a correct reduction of huge arguments
# needs Payne-Hanek's table lookup), so float32 graphs are guarded (_sin_or_cos).


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
    return _nan_through(ops.cos if cos else ops.sin, x)


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
    # NumPy's float32 loop multiplies by 180.0f / (float)pi, which is 1 ulp below
    # float32(180 / pi): with the latter 80% of degrees(x) were 1 ulp off
    return ops.multiply(x, c(float(np.float32(180.0) / np.float32(math.pi)), x))


def arctan2_with(atan, y, x):
    """arctan2 from an arctan lowering `atan` (lower_elementwise registers it with the
    fused kernel, kernels_trig.atan_kernel)."""
    pi = c(math.pi, x)
    half_pi = c(math.pi / 2, x)
    zero = c(0.0, x)
    base = atan(fdiv(y, x))                       # in (-pi/2, pi/2)
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


mark_parallel_safe(__name__)
