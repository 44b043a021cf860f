"""Lowerings of ovnp.random's IR ops: counter-based random bits, then distributions.

Every random op takes as its first input a per-draw key (a 2-element int32 DATA leaf,
so the key never enters the compile key) and derives its bits in-graph:

    bits[j] = H(j; key)    for j = 0 .. lanes * size - 1

where H is three rounds of the `lowbias32` integer hash (Wellons) keyed by the two key
words. For a fixed key H is a bijection of the counter, so the bits of one draw never
repeat. Distributions are built from these bits with elementwise ops (Box-Muller,
Marsaglia-Tsang, inversion, PTRS). All integer arithmetic is int32 with wraparound;
logical right shifts are arithmetic shifts followed by a mask.

OpenVINO's own RandomUniform is not used: its seeds are attributes (they would enter the
compile key) and its CPU kernel keeps state between infer calls of one compiled model,
so the same graph gives different numbers depending on how often the cached model ran.
"""

import math

import numpy as np
import openvino.opset16 as ops

from .lower import constant, convert, i64s, lowering

_I32 = np.int32
_F32 = np.float32
_ATTEMPTS = 6       # rejection samplers unrolled this many times (see docs/random.md)


def _c(value, dtype=_I32):
    if dtype is _I32:
        value = np.array(value & 0xFFFFFFFF, np.uint32).view(np.int32)
    return constant(value, dtype)


def _srl(x, s):
    """Logical right shift of int32 bits by s >= 8, without BitwiseRightShift.

    OpenVINO's BitwiseRightShift runs a slow reference kernel on the CPU (55 ms per 1e6
    int32, measured; 7 ms this way): the bits above s, read as a float32, have at most
    24 significant bits, so scaling by 2**-s and converting back is exact.
    """
    assert 8 <= s < 32
    high = ops.bitwise_and(x, _c(~((1 << s) - 1)))
    q = convert(ops.multiply(convert(high, _F32), _c(2.0 ** -s, _F32)), _I32)
    return ops.bitwise_and(q, _c((1 << (32 - s)) - 1))


def _lowbias32(x):
    x = ops.bitwise_xor(x, _srl(x, 16))
    x = ops.multiply(x, _c(0x7FEB352D))
    x = ops.bitwise_xor(x, _srl(x, 15))
    x = ops.multiply(x, _c(0x846CA68B))
    return ops.bitwise_xor(x, _srl(x, 16))


def _bits(key, lanes, shape):
    """int32 random bits of shape (lanes, *shape), a pure function of key and position."""
    n = lanes * int(np.prod(shape, dtype=np.int64))
    if n >= 2 ** 31:
        raise ValueError("ovnp.random draws at most 2**31 - 1 numbers per call")
    k0 = ops.gather(key, i64s([0]), _c(0))
    k1 = ops.gather(key, i64s([1]), _c(0))
    j = ops.range(_c(0), _c(n), _c(1), "i32")
    x = _lowbias32(ops.add(j, k0))
    x = _lowbias32(ops.bitwise_xor(x, k1))
    x = _lowbias32(ops.add(x, ops.bitwise_xor(k0, _c(0x5BD1E995))))
    return ops.reshape(x, i64s((lanes,) + tuple(shape)), False)


def _lanes(key, lanes, shape):
    """`lanes` independent int32 bit arrays of `shape`."""
    bits = _bits(key, lanes, shape)
    if lanes == 1:
        return [ops.reshape(bits, i64s(shape), False).output(0)]
    parts = ops.split(bits, _c(0), lanes)
    return [ops.squeeze(parts.output(i), i64s([0])).output(0) for i in range(lanes)]


def _u01(b):
    """Uniform float32 in [0, 1): the top 24 bits over 2**24."""
    return ops.multiply(convert(_srl(b, 8), _F32), _c(2.0 ** -24, _F32))


def _u_open(b):
    """Uniform float32 in (0, 1), from the low 31 bits (31 bits of resolution near 0)."""
    low = convert(ops.bitwise_and(b, _c(0x7FFFFFFF)), _F32)
    u = ops.multiply(ops.add(low, _c(0.5, _F32)), _c(2.0 ** -31, _F32))
    return ops.minimum(u, _c(1.0 - 2.0 ** -24, _F32))


def _std_exponential(b):
    return ops.negative(ops.log(_u_open(b)))


def _std_normal(b1, b2):
    """Box-Muller (cosine branch): sqrt(-2 log u1) cos(2 pi u2)."""
    r = ops.sqrt(ops.multiply(_c(2.0, _F32), _std_exponential(b1)))
    return ops.multiply(r, ops.cos(ops.multiply(_u01(b2), _c(2 * math.pi, _F32))))


def _broadcast(x, shape):
    return ops.broadcast(x, i64s(shape))


def _gamma(lanes, k):
    """Marsaglia-Tsang with _ATTEMPTS unrolled tries; k < 1 boosted by U**(1/k).

    `lanes` holds 3 * _ATTEMPTS + 1 bit arrays; `k` is float32 of the output shape.
    """
    small = ops.less(k, _c(1.0, _F32))
    kk = ops.select(small, ops.add(k, _c(1.0, _F32)), k)
    d = ops.subtract(kk, _c(1.0 / 3.0, _F32))
    c = ops.divide(_c(1.0, _F32), ops.sqrt(ops.multiply(_c(9.0, _F32), d)))
    result = None
    for t in range(_ATTEMPTS - 1, -1, -1):      # the first accepted try wins
        x = _std_normal(lanes[3 * t], lanes[3 * t + 1])
        v = ops.add(_c(1.0, _F32), ops.multiply(c, x))
        positive = ops.greater(v, _c(0.0, _F32))
        v = ops.maximum(v, _c(1e-30, _F32))
        v3 = ops.multiply(ops.multiply(v, v), v)
        log_u = ops.negative(_std_exponential(lanes[3 * t + 2]))
        bound = ops.add(ops.multiply(_c(0.5, _F32), ops.multiply(x, x)),
                        ops.multiply(d, ops.add(ops.subtract(_c(1.0, _F32), v3), ops.log(v3))))
        accept = ops.logical_and(positive, ops.less(log_u, bound))
        candidate = ops.multiply(d, v3)
        result = candidate if result is None else ops.select(accept, candidate, result)
    boost = ops.power(_u_open(lanes[3 * _ATTEMPTS]), ops.divide(_c(1.0, _F32), k))
    result = ops.select(small, ops.multiply(result, boost), result)
    return ops.select(ops.equal(k, _c(0.0, _F32)), _c(0.0, _F32), result)


GAMMA_LANES = 3 * _ATTEMPTS + 1


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
    return _gamma(_lanes(key, GAMMA_LANES, node.shape), _broadcast(k, node.shape))


@lowering("random_beta")
def _beta(node, key, a, b):
    lanes = _lanes(key, 2 * GAMMA_LANES, node.shape)
    x = _gamma(lanes[:GAMMA_LANES], _broadcast(a, node.shape))
    y = _gamma(lanes[GAMMA_LANES:], _broadcast(b, node.shape))
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


_POISSON_TERMS = 40     # inversion for lam < 10: P(X >= 40 | lam = 10) < 1e-11
_PTRS_TRIES = 10        # PTRS accepts >= 87% per try for lam >= 10


def _f(v):
    return _c(v, _F32)


def _poisson_small(u, lam):
    """Inversion: the number of CDF terms at or below u (lam < 10)."""
    p = ops.exp(ops.negative(lam))
    cdf, count = p, None
    for k in range(1, _POISSON_TERMS):
        step = convert(ops.greater_equal(u, cdf), _F32)
        count = step if count is None else ops.add(count, step)
        p = ops.multiply(p, ops.divide(lam, _f(float(k))))
        cdf = ops.add(cdf, p)
    return count


def _log_pmf_ratio(k, lam):
    """-lam + k log(lam) - lgamma(k + 1), by Stirling written around k ~ lam (float32)."""
    z = ops.add(k, _f(1.0))
    zi = ops.divide(_f(1.0), z)
    zi2 = ops.multiply(zi, zi)
    series = ops.multiply(zi, ops.subtract(_f(1 / 12), ops.multiply(
        zi2, ops.subtract(_f(1 / 360), ops.multiply(zi2, _f(1 / 1260))))))
    value = ops.subtract(ops.subtract(z, lam), ops.multiply(k, ops.log(ops.divide(z, lam))))
    value = ops.subtract(value, ops.multiply(_f(0.5), ops.log(z)))
    return ops.subtract(ops.subtract(value, _f(0.9189385332046727)), series)


def _poisson_ptrs(lanes, lam):
    """Hoermann's PTRS (as NumPy's random_poisson_ptrs), tries unrolled (lam >= 10)."""
    lam = ops.maximum(lam, _f(10.0))
    slam = ops.sqrt(lam)
    b = ops.add(_f(0.931), ops.multiply(_f(2.53), slam))
    a = ops.add(_f(-0.059), ops.multiply(_f(0.02483), b))
    invalpha = ops.add(_f(1.1239), ops.divide(_f(1.1328), ops.subtract(b, _f(3.4))))
    vr = ops.subtract(_f(0.9277), ops.divide(_f(3.6224), ops.subtract(b, _f(2.0))))
    result = None
    for t in range(_PTRS_TRIES - 1, -1, -1):
        u = ops.subtract(_u01(lanes[2 * t]), _f(0.5))
        v = _u_open(lanes[2 * t + 1])
        us = ops.subtract(_f(0.5), ops.abs(u))
        us = ops.maximum(us, _f(1e-12))
        k = ops.floor(ops.add(ops.multiply(ops.add(ops.divide(ops.multiply(_f(2.0), a), us), b), u),
                              ops.add(lam, _f(0.43))))
        quick = ops.logical_and(ops.greater_equal(us, _f(0.07)), ops.less_equal(v, vr))
        bad = ops.logical_or(ops.less(k, _f(0.0)),
                             ops.logical_and(ops.less(us, _f(0.013)), ops.greater(v, us)))
        lhs = ops.subtract(ops.add(ops.log(v), ops.log(invalpha)),
                           ops.log(ops.add(ops.divide(a, ops.multiply(us, us)), b)))
        slow = ops.less_equal(lhs, _log_pmf_ratio(ops.maximum(k, _f(0.0)), lam))
        accept = ops.logical_or(quick, ops.logical_and(ops.logical_not(bad), slow))
        k = ops.maximum(k, _f(0.0))
        result = k if result is None else ops.select(accept, k, result)
    return result


@lowering("random_poisson")
def _poisson(node, key, lam):
    lanes = _lanes(key, 2 * _PTRS_TRIES + 1, node.shape)
    lam = _broadcast(lam, node.shape)
    small = _poisson_small(_u01(lanes[-1]), ops.minimum(lam, _f(10.0)))
    large = _poisson_ptrs(lanes, lam)
    return convert(ops.select(ops.less(lam, _f(10.0)), small, large), node.dtype)
