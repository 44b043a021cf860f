"""log, log2, log10 and log1p as fused kernels (docs/performance.md, "Kernels").

OpenVINO's Log is a slow elementwise kernel that also cuts the fusion of its neighbours
(1e6 float32: 2.8 ms of CPU on one thread, NumPy 0.4 ms). These kernels cost about the
same (~120 ops: a float-only exponent is expensive) but fuse; log2's old lowering took
10 ms. They use only ops the CPU
plugin fuses into one loop. There is no bit-cast op, so the exponent is found with float
ops alone: a ladder of exact scalings by 2**-64, 2**-32, ..., 2**-1, each chosen by
`floor` and `max` rather than a comparison (a Less + Select pair costs ~20 times an add in
a fused chain; floor, min and max cost one). Every scaling is by a power of two, so the
mantissa m and exponent e with x = m * 2**e are exact over all positive floats,
subnormals included: no guard, no fallback.

log(m) on [sqrt(1/2), sqrt(2)) is f - f**2/2 + f**3 * P(f), f = m - 1, with the minimax
polynomial P derived by tools/kernel_coefficients.py (written below). log2 scales it
with 1/ln2 split in a high part of 12 bits and a low part, and f split the same way, so
the large products are exact and only small terms round; log10 is log2 * log10(2)
(log10_via_log2 says why).
"""

import math
import os

import numpy as np
import openvino.opset16 as ops

from .ew_common import c, select

# Arrays with fewer elements use OpenVINO's op: the kernel's compile takes ~0.3 s and its
# speed only pays on large arrays (the same size as the sin/cos kernel's threshold).
KERNEL_MIN = int(os.environ.get("OVNP_KERNEL_MIN", "4096"))

# tools/kernel_coefficients.py log: P(f) ~ (log(1 + f) - f + f**2/2) / f**3 on
# [sqrt(1/2) - 1, sqrt(2) - 1], degree 7, highest first; the fit's relative error is
# 0.11 ulp (degree 6: 0.58), the float32 evaluation adds the rest.
LOG_POLY = tuple(float.fromhex(h) for h in (
    "-0x1.38b582p-4", "0x1.055b6cp-3", "-0x1.0d8542p-3", "0x1.22da1cp-3", "-0x1.547244p-3",
    "0x1.99a008p-3", "-0x1.000226p-2", "0x1.555554p-2"))

# ln 2 = LN2_HI + LN2_LO, LN2_HI with 9 bits (e * LN2_HI is exact for |e| < 2**15)
LN2_HI = 0.693359375
LN2_LO = float(np.float32(math.log(2.0) - LN2_HI))


def _split(value, bits=12):
    """value = hi + lo, hi with `bits` significant bits (products with it are exact)."""
    scale = 2.0 ** (bits - 1 - math.floor(math.log2(abs(value))))
    hi = round(value * scale) / scale
    return hi, float(np.float32(value - hi))


INV_LN2_HI, INV_LN2_LO = _split(1.0 / math.log(2.0))
LOG10_2_HI, _ = _split(math.log10(2.0), bits=15)
LOG10_2 = math.log10(2.0)
INV_LN2 = 1.0 / math.log(2.0)


def _mul(a, b):
    return ops.multiply(a, b).output(0)


def _add(a, b):
    return ops.add(a, b).output(0)


def _ladder_step(m, bits, k):
    """m in [1, 2**(2k)) -> m in [1, 2**k), and the step's bit (1 where m was scaled by
    2**-k) appended to `bits` (Horner: bits*2 + bit; k runs 64, 32, ..., 1, so the sum
    is the exponent, with one constant instead of one per step: fewer constants keep the
    kernel in one fused subgraph when ops precede it). h = floor(m * 2**-k) is 0
    exactly when m < 2**k; then max(a, m - h*2**127) is m, else the (exact) scaled a.
    No comparison: floor, min and max fuse cheaply."""
    a = _mul(m, c(2.0 ** -k, m))
    h = ops.floor(a)
    m = ops.maximum(a, ops.subtract(m, _mul(h, c(2.0 ** 127, m))))
    bit = ops.minimum(h, c(1.0, h))
    bits = bit.output(0) if bits is None else _add(_mul(bits, c(2.0, m)), bit)
    return m.output(0), bits


def _scale_below(x, e, threshold, factor):
    """x < threshold -> x * factor (an exact power of two) and e -= log2(factor)."""
    below = ops.subtract(c(1.0, x), ops.minimum(ops.floor(_mul(x, c(1.0 / threshold, x))),
                                                c(1.0, x)))                # 1 or 0
    x = _mul(x, _add(_mul(below, c(factor - 1.0, x)), c(1.0, x)))        # (2**126 - 1: rounds up)
    return x, _add(e, _mul(below, c(-math.log2(factor), x)))


def split_exponent(x, smallest=2.0 ** -149, largest=2.0 ** 128):
    """(m, e): x = m * 2**e exactly, m in [sqrt(1/2), sqrt(2)), e an integer (float32)
    for every finite x in [smallest, largest) (other x give garbage: the caller selects).
    A caller that knows x >= 1 or x < 2**32 saves the steps it does not need."""
    e = c(0.0, x)
    if smallest < 2.0 ** -126:          # subnormals: into the normal range first
        x, e = _scale_below(x, e, 2.0 ** -126, 2.0 ** 24)
        smallest = 2.0 ** -126
    if smallest < 1.0:
        x, e = _scale_below(x, e, 1.0, 2.0 ** -math.log2(smallest))   # now x in [1, 2**128)
    bits = None
    for k in (64, 32, 16, 8, 4, 2, 1):
        if largest <= 2.0 ** k:         # x < 2**k already: this step would find nothing
            continue
        x, bits = _ladder_step(x, bits, k)                          # now x in [1, 2)
    e = _add(e, bits)
    # fold [sqrt(2), 2) down to [sqrt(1/2), 1): h is 1 there, else 0
    h = ops.floor(_mul(x, c(1.0 / math.sqrt(2.0), x)))
    x = ops.maximum(_mul(x, c(0.5, x)), ops.subtract(x, _mul(h, c(2.0 ** 127, x))))
    return x.output(0), _add(e, h)


def _horner(coefs, t):
    acc = c(coefs[0], t)
    for coef in coefs[1:]:
        acc = _add(_mul(acc, t), c(coef, t))
    return acc


def log_parts(m):
    """(f, y): log(m) = f + y for m in [sqrt(1/2), sqrt(2)), f = m - 1 exactly, |y| small."""
    f = ops.subtract(m, c(1.0, m)).output(0)
    z = _mul(f, f)
    y = ops.subtract(_mul(_mul(f, z), _horner(LOG_POLY, f)), _mul(z, c(0.5, z))).output(0)
    return f, y


def log_positive(x, base, smallest=2.0 ** -149):
    """log_base(x) for positive finite x (base "e" or "2")."""
    m, e = split_exponent(x, smallest)
    f, y = log_parts(m)
    return combine(f, y, e, base)


def combine(f, y, e, base):
    """log_base(2**e * (1 + f) * exp(y - log(1 + f) + f)) = e*log_base(2) + (f + y)/ln(base),
    the large products exact (split constants), the small terms added first."""
    if base == "e":
        r = _add(_add(_mul(e, c(LN2_LO, e)), y), f)
        return _add(r, _mul(e, c(LN2_HI, e)))
    # f = hi + lo with hi of 12 significant bits (Veltkamp's split: g - (g - f) with
    # g = f * (2**12 + 1)), so hi * K_HI is exact also for tiny f, next to x = 1
    g = _mul(f, c(4097.0, f))
    hi = ops.subtract(g, ops.subtract(g, f)).output(0)
    lo = ops.subtract(f, hi).output(0)
    if base == "2":
        small = _add(_mul(_add(lo, y), c(INV_LN2, f)), _mul(hi, c(INV_LN2_LO, f)))
        return _add(e, _add(_mul(hi, c(INV_LN2_HI, f)), small))
    # base 10 the same way (e * LOG10_2_HI + hi * INV_LN10_HI + small terms) was within
    # 0.8 ulp, but see log10_via_log2
    raise ValueError(base)


def log10_via_log2(x):
    """log10(x) = log2(x) * log10(2) (within 1.5 ulp; NumPy's own log10 reaches 3.4):
    the direct split-constant form (as `combine` does base 2) is more exact, but
    OpenVINO's CPU plugin cuts it into 11 fused subgraphs when other ops compute x
    (10*log10(max(x*x, eps)): 8 ms per 1e6 instead of 3); this one stays one kernel. It ends with an
    Add, not a Multiply: OpenVINO folds a product by a constant into the user's next one
    (10 * log10(x) would then round differently fused and alone)."""
    r = log_kernel(x, "2")
    return _add(_mul(r, c(LOG10_2_HI, x)), _mul(r, c(LOG10_2 - LOG10_2_HI, x)))


def log_kernel(x, base):
    """NumPy's float32 log/log2 (base "e"/"2"): log(+-0) = -inf, log(x < 0) = nan,
    log(inf) = inf."""
    finite = _add(x, _mul(x, c(0.0, x)))                  # nan for +-inf and nan
    return select(ops.less(c(0.0, finite), finite), log_positive(x, base), special_log(x))


def special_log(x):
    """log of x outside (0, inf) with cheap ops (Equal and Select cost 5 to 20 adds in a
    fused kernel): max(-1, x - 1) * inf is -inf at +-0 and below, inf at inf (the Maximum
    keeps OpenVINO from distributing the product: 0 * inf would be nan); adding x keeps
    nan a nan whatever Maximum does with it; below 0, sqrt(min(0, x)) * 0 is nan."""
    ends = _mul(ops.maximum(c(-1.0, x), _add(x, c(-1.0, x))), c(math.inf, x))
    return _add(_add(ends, x), _mul(ops.sqrt(ops.minimum(c(0.0, x), x)), c(0.0, x)))


def log1p_kernel(x):
    """NumPy's float32 log1p: log(u) + c/u with u = 1 + x rounded, c its rounding error
    (TwoSum, exact in any order of magnitude)."""
    one = c(1.0, x)
    u = _add(x, one)
    back = ops.subtract(u, x)
    err = _add(ops.subtract(one, back), ops.subtract(x, ops.subtract(u, back)))
    m, e = split_exponent(u, smallest=2.0 ** -24)        # u >= 2**-24 when x > -1
    f, y = log_parts(m)
    r = _add(combine(f, y, e, "e"), ops.divide(err, u))
    # x in (-1, inf) computes; x == -1: -inf, below or nan: nan, inf: inf; +-0: x
    finite = _add(x, _mul(x, c(0.0, x)))
    ok = ops.logical_and(ops.less(c(-1.0, x), finite), ops.not_equal(x, c(0.0, x)))
    return select(ok, r, select(ops.equal(x, c(0.0, x)), x, special_log(u)))
