"""arctanh, arcsinh and arccosh as fused kernels (docs/performance.md, "Kernels").

OpenVINO runs Atanh, Asinh and Acosh as scalar reference kernels (7-65x NumPy's time on
1e6 float32) and less accurately than NumPy (whose float32 loops are within 1.41,
0.99 and 1.16 ulp). Each is the log of an argument built as an unevaluated pair of
float32 (hi + lo, ~48 bits: every product split by Veltkamp so that it is exact, every
sum with its rounding error kept), then the log of the high part (kernels_log's exponent
ladder and polynomial) plus lo/hi, summed so that the answer is rounded once (_log_pair):
where the log's argument is computed in float32 alone its rounding costs up to a third
of an ulp of the answer on top of the log's own (an earlier attempt stayed above NumPy's
error that way). Below |x| = 1/2, arctanh and arcsinh are odd minimax polynomials
(tools/kernel_coefficients.py atanh asinh). The branches are blended by products with
0/1 weights (one of them is 0, so the blend is exact), the log computed once. No guard:
every step is exact or one rounding over the whole range.
"""

import openvino.opset16 as ops

from .ew_common import c, select
from .kernels_exp import _add, _horner, _mul, _sign_of, _sub, clamp
from .kernels_log import LN2_HI, LN2_LO, LOG_POLY, split_exponent

# tools/kernel_coefficients.py atanh: atanh(t) = t + t**3 * P(t**2), |t| <= 1/2, degree 6
ATANH_POLY = tuple(float.fromhex(h) for h in (
    "0x1.685492p-3", "0x1.91c45ep-6", "0x1.a52dd2p-4", "0x1.c1373cp-4", "0x1.24c232p-3",
    "0x1.99982cp-3", "0x1.555558p-2"))
# tools/kernel_coefficients.py asinh: asinh(t) = t + t**3 * P(t**2), |t| <= 1/2, degree 5
ASINH_POLY = tuple(float.fromhex(h) for h in (
    "0x1.2c6858p-7", "-0x1.475a20p-6", "0x1.ebbb72p-6", "-0x1.6d78c4p-5", "0x1.33320ap-4",
    "-0x1.555554p-3"))

# Above this, sqrt(x**2 +- 1) is x to within x**-2 / 2 (below 2**-25 relative) and the
# log's argument is 2x; below it, x**2 as a pair stays far from overflow.
BIG = 2.0 ** 12


def _odd(coefs, t):
    z = _mul(t, t)
    return _add(t, _mul(_mul(t, z), _horner(coefs, z)))


def _halves(x):
    """x = hi + lo, each with 12 significant bits (Veltkamp): their products are exact,
    so an FMA the plugin may form rounds them the same."""
    g = _mul(x, c(4097.0, x))
    hi = _sub(g, _sub(g, x))
    return hi, _sub(x, hi)


def _exact_square(a):
    """(p, err): a*a = p + err exactly (Dekker), for a*a well inside the normal range."""
    p = _mul(a, a)
    a1, a2 = _halves(a)
    cross = _mul(_mul(a1, a2), c(2.0, a))
    return p, _add(_add(_sub(_mul(a1, a1), p), cross), _mul(a2, a2))


def _sqrt_pair(hi, lo):
    """sqrt(hi + lo) as a pair, hi >= 0: s = sqrt(hi) and (hi + lo - s**2) / (2s), the
    remainder exact (hi - s**2 is, by Sterbenz). 0 for hi = 0."""
    s = ops.sqrt(hi).output(0)
    p, err = _exact_square(s)
    rest = _add(lo, _sub(_sub(hi, p), err))
    return s, ops.divide(rest, ops.maximum(_add(s, s), c(2.0 ** -100, s))).output(0)


def _log_pair(hi, lo, smallest, extra=0.0, largest=2.0 ** 128):
    """log(hi + lo) + extra*ln2 for positive finite hi >= smallest, |lo| <= ulp(hi):
    log(hi) + lo/hi, rounded once. With hi = m * 2**e and f = m - 1 (exact), log(m) =
    f - f**2/2 + f**3*P(f) (kernels_log's polynomial): f**2/2 is split exactly into a
    high part h (f's 12-bit half squared) and a small rest, f - h and e*ln2 + (f - h)
    are Fast2Sums, and only small terms round. kernels_log.combine rounds f**2/2 and
    f + small on their own: arccosh, whose argument is near 1 there, reached 0.87 ulp
    (NumPy 0.78 on the same inputs)."""
    m, e = split_exponent(hi, smallest, largest)
    if extra:
        e = _add(e, c(extra, e))
    f = _sub(m, c(1.0, m))
    f1, f2 = _halves(f)
    h = _mul(_mul(f1, f1), c(0.5, f))                          # exact
    rest = _add(_mul(f1, f2), _mul(_mul(f2, f2), c(0.5, f)))   # f**2/2 - h
    cubic = _mul(_mul(f, _mul(f, f)), _horner(LOG_POLY, f))
    s1, err1 = _fast_two_sum(f, _mul(h, c(-1.0, h)))            # |f| > f**2/2 >= h
    s2, err2 = _fast_two_sum(_mul(e, c(LN2_HI, e)), s1)         # |e*LN2_HI| > |s1| or e = 0
    small = _add(_add(_add(_add(ops.divide(lo, hi), _mul(e, c(LN2_LO, e))),
                           _sub(cubic, rest)), err1), err2)
    return _add(small, s2)


def _log_two_x_or_pair(a, y_hi, y_lo, big):
    """log(2a) where `big` (1 from BIG up), else log(y_hi + y_lo); computed once as
    log(Y/2) + ln2 with Y/2 the blend (products by 0/1 weights: exact)."""
    mid = _sub(c(1.0, big), big)
    half = c(0.5, a)
    lo = _mul(_mul(y_lo, half), mid)
    hi = _add(_mul(_mul(y_hi, half), mid), _mul(a, big))
    return _log_pair(hi, lo, 0.5, extra=1.0)


def _fast_two_sum(big, small):
    """(s, err): big + small = s + err exactly when |big| >= |small|."""
    s = _add(big, small)
    return s, _sub(small, _sub(s, big))


def _big_weight(a):
    """1 from BIG up (and for inf), else 0 (floor and min: no comparison)."""
    return ops.minimum(ops.floor(_mul(a, c(1.0 / BIG, a))), c(1.0, a)).output(0)


def _half_weight(a):
    """1 from 1/2 up, else 0."""
    return ops.minimum(ops.floor(_add(a, a)), c(1.0, a)).output(0)


def _blend(b, when_one, when_zero):
    return _add(_mul(when_one, b), _mul(_sub(c(1.0, b), b), when_zero))


def _unless(r, x, bound):
    """x < bound, for the final Select of r (finite wherever x is finite) or a special
    value, written x + 0*r < bound: the same test, but OpenVINO's depth-first order then
    computes it after r; a condition computed first stays live through the whole kernel,
    and the CPU plugin fuses a subgraph only while it has at most 11 inputs and outputs
    (snippets' data registers; docs/performance.md, "Kernels")."""
    return ops.less(_add(x, _mul(r, c(0.0, r))), c(bound, x)).output(0)


def asinh_kernel(x):
    """NumPy's float32 arcsinh: odd polynomial below |x| = 1/2, else log(|x| + sqrt(x**2
    + 1)) with the argument as an exact pair (log(2|x|) from BIG up); signed as x.
    x itself for +-inf and nan."""
    a = ops.abs(x).output(0)
    t = clamp(a, 0.5, BIG)
    sq, sq_err = _exact_square(t)
    # x**2 + 1 = w_hi + w_lo: TwoSum (1 may be the larger); |w_hi| - 1 keeps OpenVINO from
    # folding (sq + 1) - 1 into sq
    w_hi = _add(sq, c(1.0, sq))
    one_part = _sub(ops.abs(w_hi), c(1.0, sq))
    w_lo = _add(_add(_sub(sq, one_part), _sub(c(1.0, sq), _sub(w_hi, one_part))), sq_err)
    s, s_lo = _sqrt_pair(w_hi, w_lo)
    y_hi, y_err = _fast_two_sum(s, t)                      # s > t
    by_log = _log_two_x_or_pair(a, y_hi, _add(s_lo, y_err), _big_weight(a))
    by_series = _odd(ASINH_POLY, ops.minimum(a, c(0.5, a)).output(0))
    r = _mul(_blend(_half_weight(a), by_log, by_series), _sign_of(x))
    return select(_unless(r, a, float("inf")), r, x)


def acosh_kernel(x):
    """NumPy's float32 arccosh: log(x + sqrt(x**2 - 1)) with the argument as an exact
    pair (near x = 1 the root carries all of it: relative accuracy there too),
    log(2x) from BIG up. nan below 1 and for nan, inf for inf."""
    t = clamp(x, 1.0, BIG)
    sq, sq_err = _exact_square(t)
    w_hi = _sub(sq, c(1.0, sq))                           # Fast2Sum: sq >= 1
    w_lo = _add(_sub(c(-1.0, sq), _sub(w_hi, sq)), sq_err)
    s, s_lo = _sqrt_pair(w_hi, w_lo)
    y_hi, y_err = _fast_two_sum(t, s)                      # t > s
    a = ops.maximum(x, c(1.0, x)).output(0)
    r = _log_two_x_or_pair(a, y_hi, _add(s_lo, y_err), _big_weight(a))
    finite = _unless(r, x, float("inf"))
    r = _add(r, _mul(ops.sqrt(_sub(x, c(1.0, x))), c(0.0, x)))     # nan below 1
    return select(finite, r, x)


def atanh_kernel(x):
    """NumPy's float32 arctanh: odd polynomial below |x| = 1/2, else log(q)/2 with q =
    (1 + |x|)/(1 - |x|) as an exact pair (1 - |x| is exact there, 1 + |x| a TwoSum, the
    quotient's remainder exact from 12-bit halves); signed as x. +-inf at +-1, nan
    beyond and for nan."""
    a = ops.abs(x).output(0)
    t = clamp(a, 0.5, 1.0 - 2.0 ** -24)
    n_hi = _add(c(1.0, t), t)
    n_lo = _sub(t, _sub(ops.abs(n_hi), c(1.0, t)))         # (n_hi - 1 exact: n_hi in [1.5, 2])
    d = _sub(c(1.0, t), t)                                 # exact (Sterbenz)
    q = ops.divide(n_hi, d).output(0)
    # n_hi - q*d exactly, from the 12-bit halves (each product and difference exact),
    # subtracted one by one: fewer live values than Dekker's form (see _unless)
    q1, q2 = _halves(q)
    d1, d2 = _halves(d)
    rem = _sub(_sub(_sub(_sub(n_hi, _mul(q1, d1)), _mul(q1, d2)), _mul(q2, d1)), _mul(q2, d2))
    q_lo = ops.divide(_add(n_lo, rem), d).output(0)
    by_log = _mul(_log_pair(q, q_lo, 1.0, largest=2.0 ** 26), c(0.5, x))    # q in [3, 2**25]
    by_series = _odd(ATANH_POLY, ops.minimum(a, c(0.5, a)).output(0))
    r = _mul(_blend(_half_weight(a), by_log, by_series), _sign_of(x))
    # |x| = 1: x * inf; beyond (and inf): sqrt(1 - |x|) * 0 is nan
    edge = _add(_mul(x, c(float("inf"), x)), _mul(ops.sqrt(_sub(c(1.0, a), a)), c(0.0, x)))
    return select(_unless(r, a, 1.0), r, edge)
