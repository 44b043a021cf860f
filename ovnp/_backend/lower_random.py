"""Lowerings of ovnp.random's IR ops: uniform and normal floats, the location-scale and
gamma/beta laws, integers, choice and permutations, and the rarer laws. Counts
(poisson, binomial) are in lower_random_counts.py; the keyed random bits and the
samplers they share in random_bits.py (which says how the bits are made).
"""

import math

import numpy as np
import openvino.opset16 as ops

from .lower import convert, i64s, lowering
from .lower_random_counts import POISSON_LANES, _poisson_counts, _stacked
from .random_bits import (GAMMA_LANES, _bits, _broadcast, _c, _f, _first_accepted, _gamma,
                          _lanes, _row, _rows, _srl, _std_exponential, _std_normal, _u01,
                          _u_open)


# ---------------------------------------------------------------- the IR ops

@lowering("random_uniform01")
def _random(node, key):
    return _u01(_lanes(key, 1, node.shape)[0])


@lowering("random_standard_normal")
def _normal(node, key):
    return _std_normal(*_lanes(key, 2, node.shape))


@lowering("random_standard_exponential")
def _exponential(node, key):
    return _std_exponential(_lanes(key, 1, node.shape)[0])


@lowering("random_laplace")
def _laplace(node, key):
    b1, b2 = _lanes(key, 2, node.shape)
    return ops.subtract(_std_exponential(b1), _std_exponential(b2))


@lowering("random_logistic")
def _logistic(node, key):
    b1, b2 = _lanes(key, 2, node.shape)     # log(E1 / E2) is standard logistic
    return ops.subtract(ops.log(_std_exponential(b1)), ops.log(_std_exponential(b2)))


@lowering("random_gumbel")
def _gumbel(node, key):
    return ops.negative(ops.log(_std_exponential(_lanes(key, 1, node.shape)[0])))


@lowering("random_gamma")
def _random_gamma(node, key, k):
    bits = _bits(key, GAMMA_LANES, node.shape)
    return _gamma(bits, _broadcast(k, node.shape), len(node.shape))


@lowering("random_beta")
def _beta(node, key, a, b):
    bits, rank = _bits(key, 2 * GAMMA_LANES, node.shape), len(node.shape)
    x = _gamma(_rows(bits, 0, GAMMA_LANES), _broadcast(a, node.shape), rank)
    y = _gamma(_rows(bits, GAMMA_LANES, GAMMA_LANES), _broadcast(b, node.shape), rank)
    return ops.divide(x, ops.add(x, y))


def _mulhi(a, r):
    """High 32 bits of the unsigned 64-bit product of two int32 bit patterns."""
    m16 = _c(0xFFFF)
    al, ah = ops.bitwise_and(a, m16), _srl(a, 16)
    rl, rh = ops.bitwise_and(r, m16), _srl(r, 16)
    ll, lh = ops.multiply(al, rl), ops.multiply(al, rh)
    hl, hh = ops.multiply(ah, rl), ops.multiply(ah, rh)
    mid = ops.add(ops.add(_srl(ll, 16), ops.bitwise_and(lh, m16)), ops.bitwise_and(hl, m16))
    return ops.add(ops.add(ops.add(hh, _srl(lh, 16)), _srl(hl, 16)), _srl(mid, 16))


@lowering("random_integers")
def _integers(node, key, low, span):
    """low + floor(bits * span / 2**32); span == 0 stands for 2**32."""
    b = _lanes(key, 1, node.shape)[0]
    low, span = _broadcast(low, node.shape), _broadcast(span, node.shape)
    # Select on int32 inside a fused chain runs in f32 (low bits lost, measured), so
    # choose between the two with bit masks: full = -1 where span == 0 (2**32).
    full = ops.negative(convert(ops.equal(span, _c(0)), np.int32))
    offset = ops.bitwise_or(ops.bitwise_and(full, b),
                            ops.bitwise_and(ops.bitwise_not(full), _mulhi(b, span)))
    return convert(ops.add(low, offset), node.dtype)


@lowering("random_choice_cdf")
def _choice_cdf(node, key, cdf):
    """Index i with cdf[i-1] <= u < cdf[i]: the count of inner cdf values <= u."""
    u = ops.unsqueeze(_u01(_lanes(key, 1, node.shape)[0]), i64s([len(node.shape)]))
    hits = convert(ops.greater_equal(u, cdf), np.int32)
    return ops.reduce_sum(hits, i64s([len(node.shape)]), False)


@lowering("random_order")
def _order(node, key, *weights):
    """Indices of the k smallest random keys along attrs' axis (a random order).

    With weights (Efraimidis-Spirakis): the k largest log(u) / w, which orders the
    indices as successive sampling proportional to w does.
    """
    axis, n, k = node.attrs
    shape = list(node.shape)
    shape[axis] = n
    b = _lanes(key, 1, shape)[0]
    if not weights:
        return ops.topk(b, _c(k), axis, "min", "value", "i32").output(1)
    score = ops.divide(ops.negative(_std_exponential(b)), weights[0])
    return ops.topk(score, _c(k), axis, "max", "value", "i32").output(1)


@lowering("random_take")
def _take(node, x, index):
    (axis,) = node.attrs
    return ops.gather(x, index, _c(axis))


@lowering("random_take_along")
def _take_along(node, x, index):
    (axis,) = node.attrs
    return ops.gather_elements(x, index, axis)


# ---------------------------------------------------------------- the rarer laws
# Each takes its parameters as one stacked float32 input (m, *param_shape) (host side:
# Generator._stacked_draw), so one compiled model serves every value of them.

def _params(node, stack, count):
    shape, rank = node.shape, len(node.shape)
    full = _broadcast(_stacked(stack, node.inputs[1].shape, rank), (count,) + tuple(shape))
    return [_row(full, i) for i in range(count)]


@lowering("random_standard_cauchy")
def _cauchy(node, key):
    u = _u_open(_lanes(key, 1, node.shape)[0])
    return ops.tan(ops.multiply(ops.subtract(u, _f(0.5)), _f(math.pi)))


@lowering("random_rayleigh")
def _rayleigh(node, key):
    return ops.sqrt(ops.multiply(_f(2.0), _std_exponential(_lanes(key, 1, node.shape)[0])))


@lowering("random_weibull")
def _weibull(node, key, stack):
    (a,) = _params(node, stack, 1)
    e = _std_exponential(_lanes(key, 1, node.shape)[0])
    x = ops.power(e, ops.divide(_f(1.0), ops.maximum(a, _f(1e-30))))
    return ops.select(ops.equal(a, _f(0.0)), _f(0.0), x)


def _expm1(x):
    """exp(x) - 1 without losing the small values (Kahan's trick)."""
    w = ops.exp(x)
    ratio = ops.divide(ops.multiply(ops.subtract(w, _f(1.0)), x), ops.log(w))
    return ops.select(ops.equal(w, _f(1.0)), x, ratio)


@lowering("random_pareto")
def _pareto(node, key, stack):
    (a,) = _params(node, stack, 1)
    return _expm1(ops.divide(_std_exponential(_lanes(key, 1, node.shape)[0]), a))


@lowering("random_power")
def _power(node, key, stack):
    (a,) = _params(node, stack, 1)
    return ops.power(_u_open(_lanes(key, 1, node.shape)[0]), ops.divide(_f(1.0), a))


@lowering("random_geometric")
def _geometric(node, key, stack):
    """ceil(log(U) / log(1 - p)), at least 1; stack holds log1p(-p) (host, float64)."""
    (log_q,) = _params(node, stack, 1)
    x = ops.ceiling(ops.divide(ops.log(_u_open(_lanes(key, 1, node.shape)[0])), log_q))
    x = ops.minimum(ops.maximum(x, _f(1.0)), _f(2147483520.0))
    return convert(x, node.dtype)


@lowering("random_triangular")
def _triangular(node, key, stack):
    left, right, ratio, left_prod, right_prod = _params(node, stack, 5)
    u = _u01(_lanes(key, 1, node.shape)[0])
    low = ops.add(left, ops.sqrt(ops.multiply(u, left_prod)))
    high = ops.subtract(right, ops.sqrt(ops.multiply(ops.subtract(_f(1.0), u), right_prod)))
    return ops.select(ops.less_equal(u, ratio), low, high)


@lowering("random_wald")
def _wald(node, key, stack):
    """NumPy's algorithm, with mean - 2 mean Y / (Y + sqrt(4 scale Y + Y^2)) (no cancellation)."""
    mean, scale = _params(node, stack, 2)
    b1, b2, b3 = _lanes(key, 3, node.shape)
    z = _std_normal(b1, b2)
    y = ops.multiply(ops.multiply(z, z), mean)
    root = ops.sqrt(ops.add(ops.multiply(ops.multiply(_f(4.0), scale), y), ops.multiply(y, y)))
    x = ops.subtract(mean, ops.divide(ops.multiply(ops.multiply(_f(2.0), mean), y),
                                      ops.add(y, root)))
    u = _u01(b3)
    keep = ops.less_equal(u, ops.divide(mean, ops.add(mean, x)))
    return ops.select(keep, x, ops.divide(ops.multiply(mean, mean), x))


@lowering("random_standard_t")
def _standard_t(node, key, stack):
    (half_df,) = _params(node, stack, 1)
    bits, rank = _bits(key, GAMMA_LANES + 2, node.shape), len(node.shape)
    g = _gamma(_rows(bits, 0, GAMMA_LANES), half_df, rank)
    z = _std_normal(_row(bits, GAMMA_LANES), _row(bits, GAMMA_LANES + 1))
    return ops.multiply(z, ops.sqrt(ops.divide(half_df, g)))


@lowering("random_f")
def _f_dist(node, key, stack):
    """(X / dfnum) / (Y / dfden) with X, Y chi-square = 2 gamma(df / 2)."""
    half_num, half_den, ratio = _params(node, stack, 3)
    bits, rank = _bits(key, 2 * GAMMA_LANES, node.shape), len(node.shape)
    x = _gamma(_rows(bits, 0, GAMMA_LANES), half_num, rank)
    y = _gamma(_rows(bits, GAMMA_LANES, GAMMA_LANES), half_den, rank)
    return ops.multiply(ops.divide(x, y), ratio)


@lowering("random_negative_binomial")
def _negative_binomial(node, key, stack):
    """Poisson(Gamma(n) (1 - p) / p), as NumPy's Generator (lam capped at 1e7)."""
    n, scale = _params(node, stack, 2)
    bits, rank = _bits(key, GAMMA_LANES + POISSON_LANES, node.shape), len(node.shape)
    lam = ops.multiply(_gamma(_rows(bits, 0, GAMMA_LANES), n, rank), scale)
    lam = ops.minimum(lam, _f(1e7))
    counts = _poisson_counts(_rows(bits, GAMMA_LANES, POISSON_LANES), lam, rank)
    return convert(counts, node.dtype)


_VONMISES_TRIES = 24    # Best-Fisher accepts >= 65% per try: all 24 fail below 1e-10


@lowering("random_vonmises")
def _vonmises(node, key, stack):
    """NumPy's algorithm (Best-Fisher rejection, s from the host in float64); kappa > 1e5
    uses the normal approximation, kappa < 1e-8 the uniform law, as NumPy does."""
    mu, kappa, s = _params(node, stack, 3)
    t, rank = _VONMISES_TRIES, len(node.shape)
    bits = _bits(key, 2 * t + 3, node.shape)
    z = ops.cos(ops.multiply(_u01(_rows(bits, 0, t)), _f(math.pi)))
    w = ops.divide(ops.add(_f(1.0), ops.multiply(s, z)), ops.add(s, z))
    y = ops.multiply(kappa, ops.subtract(s, w))
    v = _u_open(_rows(bits, t, t))
    accept = ops.logical_or(
        ops.greater_equal(ops.subtract(ops.multiply(y, ops.subtract(_f(2.0), y)), v), _f(0.0)),
        ops.greater_equal(ops.add(ops.log(ops.divide(ops.maximum(y, _f(1e-30)), v)),
                                  ops.subtract(_f(1.0), y)), _f(0.0)))
    w = _first_accepted(accept, w, t, rank)
    angle = ops.acos(ops.minimum(ops.maximum(w, _f(-1.0)), _f(1.0)))
    sign = ops.less(_u01(_row(bits, 2 * t)), _f(0.5))
    angle = ops.select(sign, ops.negative(angle), angle)
    normal = ops.divide(_std_normal(_row(bits, 2 * t + 1), _row(bits, 2 * t + 2)),
                        ops.sqrt(ops.maximum(kappa, _f(1e-30))))
    uniform = ops.multiply(ops.subtract(ops.multiply(_f(2.0), _u01(_row(bits, 2 * t + 1))),
                                        _f(1.0)), _f(math.pi))
    angle = ops.select(ops.greater(kappa, _f(1e5)), normal, angle)
    x = ops.add(angle, mu)
    x = ops.subtract(x, ops.multiply(_f(2 * math.pi), ops.floor(
        ops.divide(ops.add(x, _f(math.pi)), _f(2 * math.pi)))))
    return ops.select(ops.less(kappa, _f(1e-8)), uniform, x)


@lowering("random_dirichlet")
def _dirichlet(node, key, alpha):
    """Gammas normalised along the last axis."""
    rank = len(node.shape)
    g = _gamma(_bits(key, GAMMA_LANES, node.shape), _broadcast(alpha, node.shape), rank)
    return ops.divide(g, ops.reduce_sum(g, i64s([rank - 1]), True))
