"""complex64 transcendental functions, with NumPy's branch cuts and special values.

NumPy computes these with the C library's complex functions (glibc's cexpf, clogf,
csqrtf, ... and their C99 Annex G values for infinities, NaNs and signed zeros) or with
its own formulas (power with small integer exponents, log1p, expm1, exp2, log2, log10).
Each lowering here is a formula on the float32 parts using ovnp's real kernels, with the
special values selected where the formula would disagree with NumPy:
- exp, sinh, cosh: e**x (cos y + i sin y) and kin; e**x is split in two halves near
  float32's overflow so that e**x cos y stays finite where it is;
- log: log|z| + i atan2(y, x), the real part by log1p(x**2 - 1 + y**2) / 2 for |z| near 1;
- sqrt: Kahan's sqrt((|z| + |x|) / 2) form (no cancellation), scaled near overflow;
- arcsin, arccos, arccosh (arcsinh, by symmetry) are Kahan's formulas on two complex
  square roots, arctanh (arctan) the log1p/atan2 form: with Annex G's sqrt they place the
  branch cuts where NumPy does, the side chosen by the sign of a zero part;
- power is NumPy's npy_cpow: 1 for b == 0, 0 or NaN for a == 0 (by the sign of b's real
  part), repeated multiplication
  for integer exponents with |n| < 100 (as NumPy, so z**2 is z*z exactly), else
  exp(b log a).
The tanh/tan, sin/cos and inverse functions follow by the identities sin z = -i sinh(iz),
cos z = cosh(iz), tan z = -i tanh(iz), arcsinh z = -i arcsin(iz), arctan z = -i arctanh(iz).
"""

import math

import numpy as np
import openvino.opset16 as ops

from .ew_common import c, copysign, fdiv, isnan, rounded_product, select
from .lower_complex import absolute, div, mul, real, where
from .pairs import Pair, complex_lowering

_F32 = np.dtype(np.float32)


def _k(value):
    return c(value, _F32)


def _times_i(z):
    return Pair(ops.negative(z.im), z.re)


def _times_minus_i(z):
    return Pair(z.im, ops.negative(z.re))


def _is_inf(x):
    return ops.equal(ops.abs(x), _k(np.inf))


def _is_zero(x):
    return ops.equal(x, _k(0.0))


def _scaled_parts(z, s):
    return Pair(ops.multiply(z.re, _k(s)), ops.multiply(z.im, _k(s)))


# ---------------------------------------------------------------- exp, log, sqrt

def exp(z):
    x, y = z.re, z.im
    half = real("exp", ops.multiply(x, _k(0.5)))
    # beyond |x| = 80, e**x itself leaves float32's normal range (or the kernel's):
    # e**(x/2) * c * e**(x/2) keeps e**x cos y finite (or gradually subnormal) where it is
    extreme = ops.less(_k(80.0), ops.abs(x))
    e = select(extreme, ops.multiply(half, half), real("exp", x))
    cos_y, sin_y = real("cos", y), real("sin", y)
    re = select(extreme, ops.multiply(ops.multiply(half, cos_y), half), ops.multiply(e, cos_y))
    im = select(extreme, ops.multiply(ops.multiply(half, sin_y), half), ops.multiply(e, sin_y))
    y_finite = ops.logical_not(ops.logical_or(_is_inf(y), isnan(y)))
    # e**(-inf) cis(inf or nan): +-0; e**(+inf) cis(inf or nan): inf + nan i; y == 0: e**x + y i
    minus_inf = ops.logical_and(ops.equal(x, _k(-np.inf)), ops.logical_not(y_finite))
    plus_inf = ops.logical_and(ops.equal(x, _k(np.inf)), ops.logical_not(y_finite))
    re = select(minus_inf, _k(0.0), select(plus_inf, _k(np.inf), re))
    im = select(minus_inf, select(ops.less(y, _k(0.0)), _k(-0.0), _k(0.0)),
                select(plus_inf, _k(np.nan), im))
    zero_y = _is_zero(y)
    return Pair(select(zero_y, e, re), select(zero_y, y, im))


_F32_MAX = float(np.finfo(np.float32).max)
_F32_TINY = float(np.finfo(np.float32).tiny)


def log(z):
    """NumPy's npy_clog: log|z| + i atan2(y, x), the real part as log(|z/2|) + ln 2 when a
    part is above max/4, as log(|z * 2**24|) - 24 ln 2 when both are subnormal (|z|
    itself would lose digits there), and as log1p((m - 1)(m + 1) + n**2) / 2 (m, n the
    larger and smaller part) when 0.71 <= |z| <= 1.73."""
    x, y = z.re, z.im
    ax, ay = ops.abs(x), ops.abs(y)
    h = absolute(z)
    big = ops.logical_or(ops.less(_k(_F32_MAX / 4), ax), ops.less(_k(_F32_MAX / 4), ay))
    tiny = ops.logical_and(ops.less(ax, _k(_F32_TINY)), ops.less(ay, _k(_F32_TINY)))
    halved = ops.add(real("log", absolute(_scaled_parts(z, 0.5))), _k(_LN2))
    grown = ops.subtract(real("log", absolute(_scaled_parts(z, 2.0 ** 24))), _k(24 * _LN2))
    near_one = ops.logical_and(ops.less_equal(_k(0.71), h), ops.less_equal(h, _k(1.73)))
    m, n = ops.maximum(ax, ay), ops.minimum(ax, ay)
    around = ops.add(ops.multiply(ops.subtract(m, _k(1.0)), ops.add(m, _k(1.0))),
                     ops.multiply(n, n))
    near = ops.multiply(real("log1p", select(near_one, around, _k(0.0))), _k(0.5))
    re = select(near_one, near, real("log", h))
    re = select(big, halved, select(ops.logical_and(tiny, ops.less(_k(0.0), h)), grown, re))
    return Pair(re, real("arctan2", y, x))


def sqrt(z):
    """Kahan's form: t = sqrt((|z| + |x|) / 2), then t and |y| / 2t (no cancellation),
    on z scaled by 2**-100 or 2**100 (exact) when its larger part is beyond 2**+-100,
    so |z| neither overflows nor loses digits as a subnormal; C99 Annex G values."""
    x0, y0 = z.re, z.im
    m = ops.maximum(ops.abs(x0), ops.abs(y0))
    down, up = ops.less(_k(2.0 ** 100), m), ops.less(m, _k(2.0 ** -100))
    factor = select(down, _k(2.0 ** -100), select(up, _k(2.0 ** 100), _k(1.0)))
    back = select(down, _k(2.0 ** 50), select(up, _k(2.0 ** -50), _k(1.0)))
    x, y = ops.multiply(x0, factor), ops.multiply(y0, factor)
    ax, r = ops.abs(x), absolute(Pair(x, y))
    t = ops.sqrt(ops.multiply(ops.add(r, ax), _k(0.5)))
    other = fdiv(ops.abs(y), ops.multiply(t, _k(2.0)))       # |y| / 2t
    x_neg = ops.less(x, _k(0.0))
    re = ops.multiply(select(x_neg, other, t), back)
    im = ops.multiply(select(x_neg, copysign(t, y), copysign(other, y)), back)
    # z == 0: +0 + y i; y = +-inf: inf + y i (any x)
    zero = ops.logical_and(_is_zero(x0), _is_zero(y0))
    re = select(zero, _k(0.0), re)
    im = select(zero, y0, im)
    y_inf = _is_inf(y0)
    return Pair(select(y_inf, _k(np.inf), re), select(y_inf, y0, im))


# ---------------------------------------------------------------- power

def _pow_loop(a, n_re):
    """NumPy's loop for an integer exponent 3 < |n| < 100: aa = 1, then aa *= p on each
    set bit of |n|, p = p*p between; a reciprocal for n < 0."""
    n = ops.convert(ops.abs(n_re), "i32")
    shape = ops.shape_of(a.re)
    aa = Pair(ops.broadcast(_k(1.0), shape), ops.broadcast(_k(0.0), shape))
    p = a
    for bit in range(7):
        on = ops.not_equal(ops.bitwise_and(n, c(1 << bit, np.dtype(np.int32))),
                           c(0, np.dtype(np.int32)))
        aa = where(on, mul(aa, p), aa)
        if bit < 6:
            p = mul(p, p)
    one = Pair(_k(1.0), _k(0.0))
    return where(ops.less(n_re, _k(0.0)), div(one, aa), aa)


def _boxed(x, on):
    """Annex G's box: an infinite part as +-1, the other as +-0, where `on`."""
    return select(on, copysign(select(_is_inf(x), _k(1.0), _k(0.0)), x), x)


def _nan_as_zero(x, on):
    return select(ops.logical_and(on, isnan(x)), copysign(_k(0.0), x), x)


def annex_g_mul(p, q):
    """C's p * q (libgcc's __mulsc3, which glibc's cpowf uses for b * clog(a)): the plain
    formula, and where both parts come out NaN, infinities recovered: an infinite factor
    boxed to +-1 and +-0 parts with the other's NaNs made 0, or, where a product
    overflowed, the NaNs made 0; then inf times the formula."""
    a, b, c_, d = p.re, p.im, q.re, q.im
    ac, bd = rounded_product(a, c_), rounded_product(b, d)
    ad, bc = rounded_product(a, d), rounded_product(b, c_)
    x, y = ops.subtract(ac, bd), ops.add(ad, bc)
    p_inf = ops.logical_or(_is_inf(a), _is_inf(b))
    q_inf = ops.logical_or(_is_inf(c_), _is_inf(d))
    a, b = _boxed(a, p_inf), _boxed(b, p_inf)
    c_, d = _nan_as_zero(c_, p_inf), _nan_as_zero(d, p_inf)
    c_, d = _boxed(c_, q_inf), _boxed(d, q_inf)
    a, b = _nan_as_zero(a, q_inf), _nan_as_zero(b, q_inf)
    overflow = ops.logical_or(ops.logical_or(_is_inf(ac), _is_inf(bd)),
                              ops.logical_or(_is_inf(ad), _is_inf(bc)))
    overflow = ops.logical_and(overflow, ops.logical_not(ops.logical_or(p_inf, q_inf)))
    a, b, c_, d = (_nan_as_zero(v, overflow) for v in (a, b, c_, d))
    recalc = ops.logical_or(ops.logical_or(p_inf, q_inf), overflow)
    recover = ops.logical_and(ops.logical_and(isnan(x), isnan(y)), recalc)
    inf = _k(np.inf)
    x2 = ops.multiply(inf, ops.subtract(rounded_product(a, c_), rounded_product(b, d)))
    y2 = ops.multiply(inf, ops.add(rounded_product(a, d), rounded_product(b, c_)))
    return Pair(select(recover, x2, x), select(recover, y2, y))


def power(a, b):
    """NumPy's npy_cpow."""
    br, bi = b.re, b.im
    n_ok = ops.logical_and(_is_zero(bi), ops.equal(br, ops.round(br, "half_to_even")))
    small = ops.logical_and(n_ok, ops.less(ops.abs(br), _k(100.0)))
    general = exp(annex_g_mul(b, log(a)))   # glibc's cpowf
    sq = mul(a, a)
    result = where(small, _pow_loop(a, br), general)
    result = where(ops.logical_and(small, ops.equal(br, _k(3.0))), mul(a, sq), result)
    result = where(ops.logical_and(small, ops.equal(br, _k(2.0))), sq, result)
    result = where(ops.logical_and(small, ops.equal(br, _k(1.0))), a, result)
    # a == 0: 0 for an exponent of positive real part, else NaN; b == 0: 1
    a_zero = ops.logical_and(_is_zero(a.re), _is_zero(a.im))
    positive = ops.less(_k(0.0), br)
    zero_result = Pair(select(positive, _k(0.0), _k(np.nan)), select(positive, _k(0.0), _k(np.nan)))
    result = where(a_zero, zero_result, result)
    b_zero = ops.logical_and(_is_zero(br), _is_zero(bi))
    return where(b_zero, Pair(_k(1.0), _k(0.0)), result)


# ---------------------------------------------------------------- hyperbolic

def _hyperbolic(z, odd):
    """(sinh x cos y, cosh x sin y) for odd (sinh z), (cosh x cos y, sinh x sin y) else.
    For |x| > 80 both sinh x and cosh x are +-e**|x| / 2, computed as h * (c / 2) * h with
    h = e**(|x| / 2): the product stays finite where the answer is (|x| up to ~103)."""
    x, y = z.re, z.im
    sh, ch = real("sinh", x), real("cosh", x)
    cos_y, sin_y = real("cos", y), real("sin", y)
    h = real("exp", ops.multiply(ops.abs(x), _k(0.5)))
    sign = copysign(_k(1.0), x)

    def half_product(trig, signed):
        v = ops.multiply(ops.multiply(h, ops.multiply(trig, _k(0.5))), h)
        return ops.multiply(v, sign) if signed else v
    big = ops.less(_k(80.0), ops.abs(x))
    first, second = (sh, ch) if odd else (ch, sh)
    re = select(big, half_product(cos_y, odd), ops.multiply(first, cos_y))
    im = select(big, half_product(sin_y, not odd), ops.multiply(second, sin_y))
    return re, im, (sh if odd else ch)


def sinh(z):
    x, y = z.re, z.im
    re, im, on_axis = _hyperbolic(z, True)
    # Annex G (glibc): y == 0 keeps y; sinh(+-0 + i inf/nan) = +-0 + nan i;
    # sinh(+-inf + i inf/nan) = inf + nan i
    y_bad = ops.logical_or(_is_inf(y), isnan(y))
    re = select(ops.logical_and(_is_zero(x), y_bad), x, re)
    x_inf_y_bad = ops.logical_and(_is_inf(x), y_bad)
    re = select(x_inf_y_bad, _k(np.inf), re)
    im = select(x_inf_y_bad, _k(np.nan), im)
    zero_y = _is_zero(y)
    return Pair(select(zero_y, on_axis, re), select(zero_y, y, im))


def cosh(z):
    x, y = z.re, z.im
    re, im, on_axis = _hyperbolic(z, False)
    y_bad = ops.logical_or(_is_inf(y), isnan(y))
    # Annex G (glibc): cosh(+-0 + i inf/nan) = nan + 0 i; cosh(+-inf + i inf/nan) =
    # inf + nan i; y == 0: cosh x + 0 i, the zero signed as x * y (NaN x keeps y)
    im = select(ops.logical_and(_is_zero(x), y_bad), _k(0.0), im)
    x_inf_y_bad = ops.logical_and(_is_inf(x), y_bad)
    re = select(x_inf_y_bad, _k(np.inf), re)
    im = select(x_inf_y_bad, _k(np.nan), im)
    zero_y = _is_zero(y)
    im0 = select(isnan(x), y, ops.multiply(copysign(_k(1.0), x), y))
    return Pair(select(zero_y, on_axis, re), select(zero_y, im0, im))


def _sin(z):
    """-i sinh(iz), and glibc's +inf imaginary part for an infinite y beside a non-finite x."""
    w = _times_minus_i(sinh(_times_i(z)))
    x_bad = ops.logical_or(_is_inf(z.re), isnan(z.re))
    return Pair(w.re, select(ops.logical_and(x_bad, _is_inf(z.im)), _k(np.inf), w.im))


def tanh(z):
    """glibc's ctanh: t = tan y, b = 1 + t**2, s = sinh x, r = sqrt(1 + s**2),
    tanh z = (b r s + i t) / (1 + b s**2); for |x| > 9, +-1 + 4 sin y cos y e**(-2|x|) i."""
    x, y = z.re, z.im
    t = real("tan", y)
    b = ops.add(_k(1.0), ops.multiply(t, t))
    s = real("sinh", x)
    r = ops.sqrt(ops.add(_k(1.0), ops.multiply(s, s)))
    d = ops.add(_k(1.0), ops.multiply(b, ops.multiply(s, s)))
    re = fdiv(ops.multiply(ops.multiply(b, r), s), d)
    im = fdiv(t, d)
    big = ops.less(_k(9.0), ops.abs(x))
    sin_y, cos_y = real("sin", y), real("cos", y)
    tiny = ops.multiply(ops.multiply(ops.multiply(_k(4.0), sin_y), cos_y),
                        real("exp", ops.multiply(ops.abs(x), _k(-2.0))))
    one = copysign(_k(1.0), x)
    re = select(big, one, re)
    im = select(big, tiny, im)
    # Annex G: tanh(+-inf + iy) = +-1 + 0 sin(2y) i (y inf or nan: +-0); tanh(x + i inf/nan)
    # = nan + nan i for finite x (x == 0: 0 + nan i); y == 0: tanh x + y i
    y_bad = ops.logical_or(_is_inf(y), isnan(y))
    x_inf = _is_inf(x)
    inf_im = copysign(_k(0.0), select(y_bad, y, ops.multiply(sin_y, cos_y)))
    re = select(x_inf, one, re)
    im = select(x_inf, inf_im, im)
    bad = ops.logical_and(ops.logical_not(x_inf), y_bad)
    re = select(bad, select(_is_zero(x), x, _k(np.nan)), re)
    im = select(bad, _k(np.nan), im)
    zero_y = _is_zero(y)
    return Pair(select(zero_y, real("tanh", x), re), select(zero_y, y, im))


# ---------------------------------------------------------------- inverse functions

def _one_minus(z):
    return Pair(ops.subtract(_k(1.0), z.re), ops.negative(z.im))


def _one_plus(z):
    return Pair(ops.add(_k(1.0), z.re), z.im)


def _minus_one(z):
    return Pair(ops.subtract(z.re, _k(1.0)), z.im)


def _infinite_part(z):
    return ops.logical_or(_is_inf(z.re), _is_inf(z.im))


def _angle_of_abs_y(z):
    """atan2(|y|, x) signed like y: the angle Annex G gives infinite arguments."""
    return copysign(real("arctan2", ops.abs(z.im), z.re), z.im)


def arcsinh(z):
    """Kahan's asinh(z) = -i asin(iz), with Annex G's values: an infinite part gives
    +-inf + i atan2(|y|, |x|) (signs of x and y); asinh(nan + 0i) = nan + 0i."""
    s1, s2 = sqrt(_one_minus(_times_i(z))), sqrt(_one_plus(_times_i(z)))
    w = _times_i(z)
    re = real("arctan2", w.re, ops.subtract(ops.multiply(s1.re, s2.re), ops.multiply(s1.im, s2.im)))
    im = real("arcsinh", ops.subtract(ops.multiply(s1.re, s2.im), ops.multiply(s1.im, s2.re)))
    result = _times_minus_i(Pair(re, im))
    x, y = z.re, z.im
    big = _infinite_part(z)
    angle = copysign(real("arctan2", ops.abs(y), ops.abs(x)), y)
    result = Pair(select(big, copysign(_k(np.inf), x), result.re), select(big, angle, result.im))
    nan_axis = ops.logical_and(isnan(x), _is_zero(y))
    return Pair(result.re, select(nan_axis, y, result.im))


def _x_inf_y_nan(z):
    return ops.logical_and(_is_inf(z.re), isnan(z.im))


def arcsin(z):
    """-i asinh(iz); asin(+-inf + nan i) = nan + inf i (glibc; the sign of a NaN that
    the rotation would carry is not observable)."""
    w = _times_minus_i(arcsinh(_times_i(z)))
    odd = _x_inf_y_nan(z)
    return Pair(w.re, select(odd, _k(np.inf), w.im))


def arctan(z):
    """-i atanh(iz); atan(+-inf + nan i) = +-pi/2 + 0 i (glibc)."""
    w = _times_minus_i(arctanh(_times_i(z)))
    odd = _x_inf_y_nan(z)
    return Pair(select(odd, copysign(_k(math.pi / 2), z.re), w.re), select(odd, _k(0.0), w.im))


def arccosh(z):
    """Kahan's acosh; an infinite part gives inf + i atan2(|y|, x) signed like y,
    acosh(+-0 + nan i) = nan + pi/2 i (glibc)."""
    s1, s2 = sqrt(_minus_one(z)), sqrt(_one_plus(z))
    re = real("arcsinh", ops.add(ops.multiply(s1.re, s2.re), ops.multiply(s1.im, s2.im)))
    im = ops.multiply(_k(2.0), real("arctan2", s1.im, s2.re))
    big = _infinite_part(z)
    re = select(big, _k(np.inf), re)
    im = select(big, _angle_of_abs_y(z), im)
    zero_nan = ops.logical_and(_is_zero(z.re), isnan(z.im))
    return Pair(re, select(zero_nan, _k(math.pi / 2), im))


def arccos(z):
    """Kahan's acos; an infinite part gives atan2(|y|, x) - inf i signed against y,
    acos(+-0 + nan i) = pi/2 + nan i."""
    s1, s2 = sqrt(_one_minus(z)), sqrt(_one_plus(z))
    re = ops.multiply(_k(2.0), real("arctan2", s1.re, s2.re))
    im = real("arcsinh", ops.subtract(ops.multiply(s2.re, s1.im), ops.multiply(s2.im, s1.re)))
    big = _infinite_part(z)
    re = select(big, real("arctan2", ops.abs(z.im), z.re), re)
    im = select(big, ops.negative(copysign(_k(np.inf), z.im)), im)
    zero_nan = ops.logical_and(_is_zero(z.re), isnan(z.im))
    return Pair(select(zero_nan, _k(math.pi / 2), re), im)


def arctanh(z):
    """re = log(|1 + z| / |1 - z|) / 2 (as log1p(4x / ((1 - x)**2 + y**2)) / 4 where that
    argument is small), im = atan2(2y, (1 - x)(1 + x) - y**2) / 2; an infinite part gives
    +-0 + +-pi/2 i (Annex G), atanh(+-0 + nan i) = +-0 + nan i."""
    x, y = z.re, z.im
    one_minus = ops.subtract(_k(1.0), x)
    d = ops.add(ops.multiply(one_minus, one_minus), ops.multiply(y, y))
    ratio = fdiv(ops.multiply(_k(4.0), x), d)
    small = ops.less(ops.abs(ratio), _k(0.5))
    by_log1p = ops.multiply(real("log1p", select(small, ratio, _k(0.0))), _k(0.25))
    by_logs = ops.multiply(ops.subtract(real("log", absolute(_one_plus(z))),
                                        real("log", absolute(_one_minus(z)))), _k(0.5))
    re = select(small, by_log1p, by_logs)
    im = ops.multiply(real("arctan2", ops.multiply(_k(2.0), y),
                           ops.subtract(ops.multiply(one_minus, ops.add(_k(1.0), x)),
                                        ops.multiply(y, y))), _k(0.5))
    big = _infinite_part(z)
    re = select(big, copysign(_k(0.0), x), re)
    im = select(big, select(isnan(y), y, copysign(_k(math.pi / 2), y)), im)
    zero_nan = ops.logical_and(_is_zero(x), isnan(y))
    return Pair(select(zero_nan, x, re), im)


def log1p(z):
    """log(1 + z), the real part by log1p(2x + x**2 + y**2) / 2 near 0."""
    x, y = z.re, z.im
    w = _one_plus(z)
    small = ops.less(absolute(z), _k(0.5))
    near = ops.add(ops.multiply(x, ops.add(_k(2.0), x)), ops.multiply(y, y))
    re = select(small, ops.multiply(real("log1p", select(small, near, _k(0.0))), _k(0.5)),
                log(w).re)
    return Pair(re, real("arctan2", y, w.re))


def expm1(z):
    """NumPy's nc_expm1: expm1(x) cos y - 2 sin(y/2)**2 + e**x sin y i."""
    x, y = z.re, z.im
    a = real("sin", ops.multiply(y, _k(0.5)))
    re = ops.subtract(ops.multiply(real("expm1", x), real("cos", y)),
                      ops.multiply(_k(2.0), ops.multiply(a, a)))
    return Pair(re, ops.multiply(real("exp", x), real("sin", y)))


_LOG10E = float(np.float32(math.log10(math.e)))
_LOG2E = float(np.float32(math.log2(math.e)))
_LN2 = float(np.float32(math.log(2.0)))

FUNCTIONS = {
    "exp": exp, "log": log, "sqrt": sqrt, "sinh": sinh, "cosh": cosh, "tanh": tanh,
    "sin": _sin,
    "cos": lambda z: cosh(_times_i(z)),
    "tan": lambda z: _times_minus_i(tanh(_times_i(z))),
    "arcsin": arcsin, "arccos": arccos, "arccosh": arccosh, "arctanh": arctanh,
    "arcsinh": arcsinh,
    "arctan": arctan,
    "log10": lambda z: _scaled_parts(log(z), _LOG10E),
    "log2": lambda z: _scaled_parts(log(z), _LOG2E),
    "log1p": log1p, "expm1": expm1,
    "exp2": lambda z: exp(_scaled_parts(z, _LN2)),
}
for _name, _fn in FUNCTIONS.items():
    complex_lowering(_name)(lambda node, z, fn=_fn: fn(z))


@complex_lowering("power", "float_power")
def _power(node, a, b):
    return power(a, b)
