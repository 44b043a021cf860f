"""tan, arctan, arcsin and arccos as fused kernels (docs/performance.md, "Kernels").

OpenVINO runs Tan, Atan, Asin and Acos as scalar "Math" nodes, 10-25x NumPy's time.
tan reuses the sin/cos kernel's exact Cody-Waite reduction (lower_trig.py) under the
same guard, with a tan polynomial of its own. arctan, arcsin and arccos need no guard: their
reductions (u = 1/x beyond |x| = 1; t = sqrt((1 - |x|)/2) beyond |x| = 1/2) are exact or
one rounding, and the choice between branches is made with floor and min, blending two
products of which one is 0 (exact), never with a Select. Minimax polynomials from
tools/kernel_coefficients.py atan asin.
"""

import math

import openvino.opset16 as ops

from .ew_common import _F16, c, select
from .kernels_exp import _sign_of, clamp
from .lower import fast_kernels, guard
from .lower_trig import (ACCURATE_SINCOS_F32, SINCOS_GUARD_MIN, _horner, _nan_through,
                         _reduce_pio2)

# tools/kernel_coefficients.py atan: atan(u) = u + u**3 * P(u**2), |u| <= 1, degree 8
ATAN_POLY = tuple(float.fromhex(h) for h in (
    "-0x1.d62ff4p-10", "0x1.65a660p-7", "-0x1.fed162p-6", "0x1.dac9e6p-5", "-0x1.583492p-4",
    "0x1.c099fep-4", "-0x1.2421b6p-3", "0x1.9991fep-3", "-0x1.55553ep-2"))
# tools/kernel_coefficients.py asin: asin(t) = t + t**3 * P(t**2), |t| <= 1/2, degree 5
ASIN_POLY = tuple(float.fromhex(h) for h in (
    "0x1.3355c2p-5", "0x1.d91fa4p-7", "0x1.0491a2p-5", "0x1.6caed2p-5", "0x1.33387cp-4",
    "0x1.55554cp-3"))

# tools/kernel_coefficients.py tan: tan(r) = r + r**3 * P(r**2), |r| <= 1, degree 8
TAN_POLY = tuple(float.fromhex(h) for h in (
    "0x1.60c2cep-9", "-0x1.bae84ap-8", "0x1.7d6552p-7", "-0x1.1cea26p-8", "0x1.9b0db0p-7",
    "0x1.55c6c4p-6", "0x1.bb5f2ap-5", "0x1.110b12p-3", "0x1.555568p-2"))


def _split(value):
    hi = float(__import__("numpy").float32(value))
    return hi, value - hi


PIO2_HI, PIO2_LO = _split(math.pi / 2)
PI_HI, PI_LO = _split(math.pi)


def _mul(a, b):
    return ops.multiply(a, b).output(0)


def _add(a, b):
    return ops.add(a, b).output(0)


def _sub(a, b):
    return ops.subtract(a, b).output(0)


def _odd(coefs, t, z):
    """t + t*z*P(z), z = t*t (or its exact value where the caller has one)."""
    return _add(t, _mul(_mul(t, z), _horner(coefs, z)))


def tan_kernel(x):
    """tan(r), or -1/tan(r) where k is odd, x = k*pi/2 + r (float32 exact for |x| <=
    2**21: the caller guards): (even*t - odd) / (even + odd*t), one division either way
    (t/1 is exact). x itself for +-0 and nan; nan for +-inf."""
    k, r = _reduce_pio2(x)
    t = _odd(TAN_POLY, r, _mul(r, r))
    odd = _sub(k, _mul(ops.floor(_mul(k, c(0.5, k))), c(2.0, k)))     # k mod 2
    even = _sub(c(1.0, k), odd)
    q = ops.divide(_sub(_mul(even, t), odd), _add(even, _mul(odd, t)))
    q = _add(q, _mul(x, c(0.0, x)))                              # x * 0: nan for +-inf
    return select(ops.less(c(0.0, x), ops.abs(x)), q, x)


def atan_kernel(x):
    """u = clamp(x, -1, 1) / max(|x|, 1) is x for |x| <= 1 and 1/x beyond (one
    rounding); atan(x) = atan(u), or sign(x)*pi/2 - atan(u) beyond (b = 1 there)."""
    s1 = clamp(x, -1.0, 1.0)
    u = ops.divide(s1, ops.maximum(ops.abs(x), c(1.0, x))).output(0)
    a = _odd(ATAN_POLY, u, _mul(u, u))
    b = ops.minimum(ops.floor(ops.abs(x)), c(1.0, x)).output(0)
    sb = _mul(b, s1)                                             # +-1 beyond, else 0
    hi = _mul(sb, c(PIO2_HI, x))
    r = _add(hi, _add(_mul(_sub(c(1.0, x), _add(b, b)), a), _mul(sb, c(PIO2_LO, x))))
    return select(ops.less(c(0.0, x), ops.abs(x)), r, x)       # x itself at +-0 and nan


def _asin_parts(x):
    """(p, b, s): p = asin(t), t = |x| below 1/2 (b = 0), sqrt((1 - |x|)/2) from 1/2 up
    (b = 1); s = +-1 with x's sign (+-0 at +-0). nan for |x| > 1 and nan."""
    a = ops.abs(x).output(0)
    w = ops.minimum(_mul(a, a), _mul(_sub(c(1.0, a), a), c(0.5, a))).output(0)   # t**2
    b = ops.minimum(ops.floor(_mul(a, c(2.0, a))), c(1.0, a)).output(0)
    t = _add(_mul(b, ops.sqrt(w)), _mul(_sub(c(1.0, b), b), a))
    return _odd(ASIN_POLY, t, w), b, _sign_of(x)


def asin_kernel(x):
    """asin(|x|) = p, or pi/2 - 2p from 1/2 up; signed as x (the sign fixes -0.0)."""
    p, b, s = _asin_parts(x)
    mid = _mul(_sub(c(1.0, b), _mul(b, c(3.0, b))), p)          # p, or -2p
    r = _add(_mul(b, c(PIO2_HI, x)), _add(mid, _mul(b, c(PIO2_LO, x))))
    return _mul(r, s)


def acos_kernel(x):
    """acos(x) = pi/2 - s*p below 1/2; 2p (x > 0) or pi - 2p (x < 0) from 1/2 up.
    The large terms (pi/2, pi, or 0) are picked by products with 0/1 weights: exact."""
    p, b, s = _asin_parts(x)
    below = _sub(c(1.0, b), b)
    negative = _mul(_sub(c(1.0, s), s), c(0.5, s))               # 1 for x < 0 (b = 1)
    pi_part = _mul(b, negative)
    hi = _add(_mul(pi_part, c(PI_HI, x)), _mul(below, c(PIO2_HI, x)))
    lo = _add(_mul(pi_part, c(PI_LO, x)), _mul(below, c(PIO2_LO, x)))
    mid = _mul(_mul(s, p), _sub(_mul(b, c(3.0, b)), c(1.0, b)))   # -s*p, or 2*s*p
    return _add(hi, _add(mid, lo))


# The reduced r carries up to ~0.9 ulp of rounding, which tan near its poles turns into
# as many ulp of the answer: measured within 2.8 ulp (NumPy: 3.2-3.6) for |x| <= 1024,
# 3.9-4.5 ulp beyond. float32 arguments beyond TAN_EXACT_UP_TO rerun with OpenVINO's Tan
# (the sin/cos guard's mechanism); float16 ones (|x| <= 65504, 2**13 times coarser) never.
TAN_EXACT_UP_TO = 1024.0


def tan_lowering(node, x):
    """The tan kernel where the sin/cos kernel would run (float16 always; float32 arrays
    of SINCOS_GUARD_MIN elements and more, guarded at TAN_EXACT_UP_TO: a model whose
    argument goes beyond runs again with OpenVINO's Tan), else OpenVINO's Tan."""
    if node.dtype == _F16 or (fast_kernels() and not ACCURATE_SINCOS_F32
                              and math.prod(node.shape) >= SINCOS_GUARD_MIN):
        if node.dtype != _F16:
            guard(ops.abs(x).output(0), TAN_EXACT_UP_TO)
        return tan_kernel(x)
    return _nan_through(ops.tan, x)
