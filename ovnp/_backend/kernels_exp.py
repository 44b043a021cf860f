"""expm1, exp2, sinh and cosh as fused kernels (docs/performance.md, "Kernels").

OpenVINO's Exp is fused and fast but 1-5 ulp off, inf from 88.38 up (NumPy: 88.72) and
wrong for subnormal results; expm1 went through Log, exp2 through Power, sinh and cosh
through their own slow ops. These kernels reduce x = k*ln2 + r (Cody-Waite: k*LN2_HI is
exact) and evaluate expm1(r) with a minimax polynomial (tools/kernel_coefficients.py).
2**k has no bit-cast to build it from; OpenVINO's Exp(k * ln2) is within a few ulp of
2**k, and Veltkamp's split rounds it to one significant bit: exactly 2**k (kept within
2**-90..2**63 while split, so nothing overflows).
"""

import math

import openvino.opset16 as ops

from .ew_common import c, select

LN2_HI = 0.693359375                         # 9 bits: k * LN2_HI exact for |k| < 2**15
LN2_LO = math.log(2.0) - LN2_HI
LOG2E = 1.0 / math.log(2.0)

# tools/kernel_coefficients.py expm1: expm1(r) = r + r**2/2 + r**3 * Q(r), r in
# [-0.7, 0.7] (k rounds toward zero, so r has x's sign), degree 5, highest first (fit
# 0.04 ulp).
EXPM1_POLY = tuple(float.fromhex(h) for h in (
    "0x1.a0808cp-16", "0x1.a56e00p-13", "0x1.6c1d8ap-10", "0x1.110b42p-7", "0x1.555548p-5",
    "0x1.55555cp-3"))
# tools/kernel_coefficients.py exp2: 2**r = 1 + r * Q(r), r in [-1/2, 1/2], degree 6.
EXP2_POLY = tuple(float.fromhex(h) for h in (
    "0x1.fde5fep-17", "0x1.445c84p-13", "0x1.5d8a86p-10", "0x1.3b29f4p-7", "0x1.c6b08ap-5",
    "0x1.ebfbe0p-3", "0x1.62e430p-1"))

# tools/kernel_coefficients.py sinh: sinh(x) = x + x**3 * P(x**2), |x| <= 1, degree 3.
SINH_POLY = tuple(float.fromhex(h) for h in (
    "0x1.7a15b6p-19", "0x1.9ffe92p-13", "0x1.111134p-7", "0x1.555556p-3"))


def _mul(a, b):
    return ops.multiply(a, b).output(0)


def _add(a, b):
    return ops.add(a, b).output(0)


def _sub(a, b):
    return ops.subtract(a, b).output(0)


def _horner(coefs, t):
    acc = c(coefs[0], t)
    for coef in coefs[1:]:
        acc = _add(_mul(acc, t), c(coef, t))
    return acc


def clamp(x, lo, hi):
    """min/max, not Clamp (Clamp is not fused the same way); nan handled by the caller."""
    return ops.minimum(ops.maximum(x, c(lo, x)), c(hi, x)).output(0)


def pow2(k):
    """2.0**k exactly for integer-valued float32 k in [-126, 127]."""
    p = ops.exp(_mul(k, c(math.log(2.0), k)))
    p = _mul(p, c(2.0 ** -64, k))                       # into 2**-190..2**63
    g = _mul(p, c(2.0 ** 23 + 1.0, k))                  # Veltkamp: one significant bit
    return _mul(_sub(g, _sub(g, p)), c(2.0 ** 64, k))


def reduce_ln2(x, k_max=127.0):
    """(k, r): x = k*ln2 + r, k = trunc(x/ln2) capped at k_max, so |r| < ln2 (below the
    cap) with x's sign: 2**k * expm1(r) and 2**k - 1 then have the same sign, and their
    sum does not cancel (round-to-nearest k cost sinh 1.5 ulp there)."""
    t = _mul(x, c(LOG2E, x))
    # trunc without a comparison: max(floor(t), min(ceil(t), 0))
    k = ops.maximum(ops.floor(t), ops.minimum(ops.ceiling(t), c(0.0, x)))
    k = ops.minimum(k, c(k_max, x)).output(0)
    r = _sub(_sub(x, _mul(k, c(LN2_HI, x))), _mul(k, c(LN2_LO, x)))
    return k, r


def expm1_reduced(r):
    """expm1(r) = r + (r**2/2 + r**3*Q(r)), written as r*(1 + r*(1/2 + r*Q)) so that
    expm1(-0.0) = -0.0."""
    inner = _add(c(0.5, r), _mul(r, _horner(EXPM1_POLY, r)))
    return _mul(r, _add(c(1.0, r), _mul(r, inner)))


def _not_nan(x, r):
    # x != x rather than IsNaN (IsNaN is not fused); Minimum/Maximum may drop a nan
    return select(ops.not_equal(x, x), x, r)


def _expm1_parts(x, half):
    """(scale, e, one): expm1(x) (halved with `half`) = scale*e + (scale - one), scale a
    power of two, e = expm1(r). x is clamped to [-18, 89] ([-18, 90] with `half`): below,
    the answer is -1 in float32; above, inf (k capped at 127, or 128 with `half`, leaves
    r up to 0.7 where the answer is finite; the polynomial is fitted up to there)."""
    xc = clamp(x, -18.0, 90.0 if half else 89.0)
    k, r = reduce_ln2(xc, 128.0 if half else 127.0)
    scale = pow2(_sub(k, c(1.0, k)) if half else k)
    return scale, expm1_reduced(r), c(0.5 if half else 1.0, x)


def expm1_kernel(x):
    """NumPy's float32 expm1: 2**k*expm1(r) + (2**k - 1)."""
    scale, e, one = _expm1_parts(x, False)
    r = _add(_mul(scale, e), _sub(scale, one))
    # x itself where it is nan or +-0 (the sum made -0.0 +0.0): one comparison for both
    return select(ops.less(c(0.0, x), ops.abs(x)), r, x)


def exp2_kernel(x):
    """NumPy's float32 exp2: 2**r * 2**k, r = x - rint(x) exact, 2**k in two exact
    halves (down to subnormal results, rounded once by the last product)."""
    xc = clamp(x, -160.0, 130.0)
    k = ops.round(xc, "half_to_even").output(0)
    r = _sub(xc, k)
    p = _add(c(1.0, x), _mul(r, _horner(EXP2_POLY, r)))
    k1 = ops.floor(_mul(k, c(0.5, k))).output(0)
    return _not_nan(x, _mul(_mul(p, pow2(k1)), pow2(_sub(k, k1))))


def _sign_of(x):
    """+-1 with x's sign, +-0 for +-0 (two saturating scalings: subnormals reach +-1)."""
    s = clamp(_mul(x, c(2.0 ** 127, x)), -1.0, 1.0)
    return clamp(_mul(s, c(2.0 ** 127, x)), -1.0, 1.0)


def _half_exp(a):
    """(big, small, h) for a >= 0: exp(a)/2 = big + small, big = 2**(k-1) * hi exact
    and small its correction (one rounding left for the caller's sum), h ~ exp(a)/2.
    1 + r = hi + lo exactly (Fast2Sum; an Abs keeps OpenVINO from folding (1 + r) - 1
    into r; r can be slightly negative where x/ln2 rounds up to an integer). a up to
    90 (k capped at 128: exp(a)/2 is finite up to 89.4)."""
    k, r = reduce_ln2(clamp(a, 0.0, 90.0), 128.0)
    scale = pow2(_sub(k, c(1.0, k)))
    hi = _add(c(1.0, r), r)
    lo = _sub(r, _sub(ops.abs(hi), c(1.0, r)))        # (hi > 0: Abs changes nothing)
    tail = _mul(_mul(r, r), _add(c(0.5, r), _mul(r, _horner(EXPM1_POLY, r))))
    big, small = _mul(scale, hi), _mul(scale, _add(lo, tail))
    return big, small, _add(big, small)


def sinh_kernel(x):
    """sinh(|x|) = exp(|x|)/2 - 1/(2 exp(|x|)) from |x| = 1 up (no cancellation there),
    an odd polynomial below, signed as x."""
    a = ops.abs(x).output(0)
    big, small, h = _half_exp(a)
    by_exp = _mul(_add(big, _sub(small, ops.divide(c(0.25, h), h))), _sign_of(x))
    # |x| < 1: x + x**3 * P(x**2); b is 1 from |x| = 1 up, the blend exact (one of the
    # two products is 0)
    t = clamp(x, -1.0, 1.0)
    z = _mul(t, t)
    by_series = _add(t, _mul(_mul(t, z), _horner(SINH_POLY, z)))
    b = ops.minimum(ops.floor(a), c(1.0, a)).output(0)
    r = _add(_mul(b, by_exp), _mul(_sub(c(1.0, b), b), by_series))
    return _not_nan(x, r)


def cosh_kernel(x):
    """cosh(x) = exp(|x|)/2 + 1/(2 exp(|x|)) (finite up to 89.4, where exp(|x|) itself
    overflows)."""
    big, small, h = _half_exp(ops.abs(x).output(0))
    return _not_nan(x, _add(big, _add(small, ops.divide(c(0.25, h), h))))
