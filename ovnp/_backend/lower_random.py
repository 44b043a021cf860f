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


def _rows(bits, start, count):
    """Lanes start .. start+count-1 of a (lanes, *shape) bit tensor, shape (count, *shape)."""
    return ops.slice(bits, i64s([start]), i64s([start + count]), i64s([1]),
                     i64s([0])).output(0)


def _row(bits, i):
    return ops.squeeze(_rows(bits, i, 1), i64s([0])).output(0)


def _column(values, rank, dtype=_F32):
    """A constant along axis 0, shaped (n, 1, ..., 1) to broadcast against (n, *shape)."""
    values = np.asarray(values, dtype)
    return constant(values.reshape(values.shape + (1,) * rank), dtype)


def _first_accepted(accept, candidate, tries, rank):
    """candidate[t] at the first try t whose accept[t] holds (the last try if none).

    Rejection samplers compute their tries side by side along a leading axis instead of
    unrolling them: the graph (and its compile time) no longer grows with the tries.
    """
    last = np.zeros(tries, bool)
    last[-1] = True
    accept = ops.logical_or(accept, _column(last, rank, bool))
    score = ops.select(accept, _column(np.arange(tries, 0, -1), rank), _f(0.0))
    pick = ops.equal(score, ops.reduce_max(score, i64s([0]), True))
    return ops.reduce_sum(ops.select(pick, candidate, _f(0.0)), i64s([0]), False).output(0)


GAMMA_TRIES = 8         # Marsaglia-Tsang accepts >= 95% per try: all 8 fail below 1e-10
GAMMA_LANES = 3 * GAMMA_TRIES + 1


def _gamma(bits, k, rank):
    """Marsaglia-Tsang, GAMMA_TRIES side by side; k < 1 boosted by U**(1/k).

    `bits` is (GAMMA_LANES, *shape); `k` is float32 of the output shape (rank dims).
    """
    t = GAMMA_TRIES
    small = ops.less(k, _f(1.0))
    kk = ops.select(small, ops.add(k, _f(1.0)), k)
    d = ops.subtract(kk, _f(1.0 / 3.0))
    c = ops.divide(_f(1.0), ops.sqrt(ops.multiply(_f(9.0), d)))
    x = _std_normal(_rows(bits, 0, t), _rows(bits, t, t))
    v = ops.add(_f(1.0), ops.multiply(c, x))
    positive = ops.greater(v, _f(0.0))
    v = ops.maximum(v, _f(1e-30))
    v3 = ops.multiply(ops.multiply(v, v), v)
    log_u = ops.negative(_std_exponential(_rows(bits, 2 * t, t)))
    bound = ops.add(ops.multiply(_f(0.5), ops.multiply(x, x)),
                    ops.multiply(d, ops.add(ops.subtract(_f(1.0), v3), ops.log(v3))))
    accept = ops.logical_and(positive, ops.less(log_u, bound))
    result = _first_accepted(accept, ops.multiply(d, v3), t, rank)
    boost = ops.power(_u_open(_row(bits, 3 * t)), ops.divide(_f(1.0), k))
    result = ops.select(small, ops.multiply(result, boost), result)
    return ops.select(ops.equal(k, _f(0.0)), _f(0.0), result)


def _f(v):
    return _c(v, _F32)


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


_POISSON_TERMS = 40     # inversion for lam < 10: P(X >= 40 | lam = 10) < 1e-11
_PTRS_TRIES = 10        # PTRS accepts >= 87% per try for lam >= 10


def _axis0_sums(matrix, x):
    """matrix @ x along axis 0 of x, for any rank of x (a constant 0/1 matrix)."""
    shape = ops.shape_of(x, "i64")
    rows = ops.reshape(x, i64s([matrix.shape[1], -1]), False)
    out = ops.matmul(constant(matrix, _F32), rows, False, False)
    tail = ops.slice(shape, i64s([1]), i64s([2 ** 31]), i64s([1]), i64s([0]))
    return ops.reshape(out, ops.concat([i64s([matrix.shape[0]]), tail], 0), False).output(0)


def _count_inversion(u_tail, log_pmf, terms):
    """Inversion from the tail: X = #{k : P(X > k) >= u'} with u' uniform in (0, 1).

    `log_pmf` is (terms, *shape). Comparing the survival function with a 31-bit uniform
    keeps tail probabilities far below float32's 2**-24 grid near 1.
    """
    # P(X > k) for k < terms - 1, as a matmul by a triangular 0/1 matrix: CumSum runs a
    # reference kernel on the CPU (21 ms for 40 x 40000, measured; MatMul is jitted)
    survival = _axis0_sums(np.triu(np.ones((terms, terms)), 1)[:-1], ops.exp(log_pmf))
    hits = convert(ops.greater_equal(survival, u_tail), _F32)
    return ops.reduce_sum(hits, i64s([0]), False).output(0)


def _poisson_small(u_tail, lam, rank):
    """Inversion for lam < 10, the terms side by side along a leading axis."""
    k = np.arange(_POISSON_TERMS)
    lgamma = np.array([math.lgamma(i + 1.0) for i in k])
    log_lam = ops.log(ops.maximum(lam, _f(1e-30)))
    log_pmf = ops.subtract(ops.multiply(_column(k, rank), log_lam),
                           ops.add(_column(lgamma, rank), lam))
    return _count_inversion(u_tail, log_pmf, _POISSON_TERMS)


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


def _poisson_ptrs(bits, lam, rank):
    """Hoermann's PTRS (as NumPy's random_poisson_ptrs), _PTRS_TRIES side by side."""
    t = _PTRS_TRIES
    lam = ops.maximum(lam, _f(10.0))
    slam = ops.sqrt(lam)
    b = ops.add(_f(0.931), ops.multiply(_f(2.53), slam))
    a = ops.add(_f(-0.059), ops.multiply(_f(0.02483), b))
    invalpha = ops.add(_f(1.1239), ops.divide(_f(1.1328), ops.subtract(b, _f(3.4))))
    vr = ops.subtract(_f(0.9277), ops.divide(_f(3.6224), ops.subtract(b, _f(2.0))))
    u = ops.subtract(_u01(_rows(bits, 0, t)), _f(0.5))
    v = _u_open(_rows(bits, t, t))
    us = ops.maximum(ops.subtract(_f(0.5), ops.abs(u)), _f(1e-12))
    k = ops.floor(ops.add(ops.multiply(ops.add(ops.divide(ops.multiply(_f(2.0), a), us), b), u),
                          ops.add(lam, _f(0.43))))
    quick = ops.logical_and(ops.greater_equal(us, _f(0.07)), ops.less_equal(v, vr))
    bad = ops.logical_or(ops.less(k, _f(0.0)),
                         ops.logical_and(ops.less(us, _f(0.013)), ops.greater(v, us)))
    lhs = ops.log(ops.divide(ops.multiply(v, invalpha),         # one Log, not three
                             ops.add(ops.divide(a, ops.multiply(us, us)), b)))
    k = ops.maximum(k, _f(0.0))
    slow = ops.less_equal(lhs, _log_pmf_ratio(k, lam))
    accept = ops.logical_or(quick, ops.logical_and(ops.logical_not(bad), slow))
    return _first_accepted(accept, k, t, rank)


def _poisson_counts(bits, lam, rank):
    """float32 Poisson counts; bits is (2 * _PTRS_TRIES + 1, *shape), lam of the shape."""
    small = _poisson_small(_u_open(_row(bits, 2 * _PTRS_TRIES)),
                           ops.minimum(lam, _f(10.0)), rank)
    large = _poisson_ptrs(bits, lam, rank)
    return ops.select(ops.less(lam, _f(10.0)), small, large)


POISSON_LANES = 2 * _PTRS_TRIES + 1


@lowering("random_poisson")
def _poisson(node, key, lam):
    bits = _bits(key, POISSON_LANES, node.shape)
    counts = _poisson_counts(bits, _broadcast(lam, node.shape), len(node.shape))
    return convert(counts, node.dtype)


# ---------------------------------------------------------------- binomial

_BINOMIAL_TERMS = 40    # inversion for n p < 10 (p <= 1/2): P(X >= 40) < 1e-11
_BTRS_TRIES = 16        # BTRS accepts >= 70% per try for n p >= 10: all 16 fail < 5e-9
BINOMIAL_LANES = 2 * _BTRS_TRIES + 1
# host-computed float32 parameters of random_binomial (ovnp/random/_generator.py)
BINOMIAL_PARAMS = ("n", "lpq", "nlq", "nlp", "np", "nq", "b", "a", "c", "vr", "log_alpha",
                   "h", "loader_c", "small")
_STIRLERR = [0.0] + [math.lgamma(k + 1.0) - (k + 0.5) * math.log(k) + k
                     - 0.5 * math.log(2 * math.pi) for k in range(1, 16)]


def _stirlerr(x):
    """lgamma(x + 1) - (x + 1/2) log x + x - log(2 pi) / 2 for integer x >= 1 (float32)."""
    table = ops.gather(constant(np.array(_STIRLERR), _F32),
                       convert(ops.minimum(x, _f(15.0)), _I32), _c(0))
    xi = ops.divide(_f(1.0), x)
    xi2 = ops.multiply(xi, xi)
    series = ops.multiply(xi, ops.subtract(_f(1 / 12), ops.multiply(
        xi2, ops.subtract(_f(1 / 360), ops.multiply(xi2, _f(1 / 1260))))))
    return ops.select(ops.less(x, _f(15.5)), table, series)


def _phi(t):
    """(1 + t) log(1 + t) - t, accurate for small t (Loader's bd0 is M * phi((x - M) / M))."""
    series = _f(0.0)
    for j in range(9, 1, -1):            # sum_j (-1)**j t**j / (j (j - 1)), Horner in t
        series = ops.multiply(ops.add(series, _f((-1) ** j / (j * (j - 1)))), t)
    series = ops.multiply(series, t)
    w = ops.add(_f(1.0), t)
    log1p = ops.log(w)                   # |t| >= 0.1 here, so log(1 + t) loses nothing
    direct = ops.subtract(ops.multiply(w, log1p), t)
    return ops.select(ops.less(ops.abs(t), _f(0.1)), series, direct)


def _binomial_log_pmf(k, p):
    """log P(X = k) by Loader's saddle point (no cancellation of big lgamma values)."""
    n = p["n"]
    kk = ops.minimum(ops.maximum(k, _f(1.0)), ops.maximum(ops.subtract(n, _f(1.0)), _f(1.0)))
    nk = ops.subtract(n, kk)
    value = ops.subtract(p["loader_c"], ops.multiply(_f(0.5), ops.log(ops.multiply(kk, nk))))
    value = ops.subtract(value, ops.add(_stirlerr(kk), _stirlerr(nk)))
    d = ops.subtract(kk, p["np"])                            # k - np = (nq - (n - k))
    value = ops.subtract(value, ops.multiply(p["np"], _phi(ops.divide(d, p["np"]))))
    value = ops.subtract(value, ops.multiply(p["nq"], _phi(ops.divide(ops.negative(d), p["nq"]))))
    value = ops.select(ops.less_equal(k, _f(0.0)), p["nlq"], value)
    return ops.select(ops.greater_equal(k, n), p["nlp"], value)


def _binomial_inversion(u_tail, p, rank):
    """n p < 10: log pmf_k = n log q + sum_{j<k} log((n - j) / (j + 1) * p / q)."""
    j = np.arange(_BINOMIAL_TERMS)
    term = ops.add(ops.subtract(ops.log(ops.maximum(ops.subtract(p["n"], _column(j, rank)),
                                                    _f(1.0))),
                                _column(np.log(j + 1.0), rank)), p["lpq"])
    term = ops.select(ops.less(_column(j, rank), p["n"]), term, _f(-1e30))
    # exclusive cumulative sum along the terms, as a matmul (CumSum is a slow kernel)
    log_pmf = ops.add(_axis0_sums(np.tril(np.ones((len(j), len(j))), -1), term), p["nlq"])
    return _count_inversion(u_tail, log_pmf, _BINOMIAL_TERMS)


def _binomial_btrs(bits, p, rank):
    """Hoermann's BTRS for n p >= 10 and p <= 1/2, _BTRS_TRIES side by side."""
    t = _BTRS_TRIES
    u = ops.subtract(_u01(_rows(bits, 0, t)), _f(0.5))
    v = _u_open(_rows(bits, t, t))
    us = ops.maximum(ops.subtract(_f(0.5), ops.abs(u)), _f(1e-12))
    k = ops.floor(ops.add(ops.multiply(ops.add(ops.divide(ops.multiply(_f(2.0), p["a"]), us),
                                               p["b"]), u), p["c"]))
    inside = ops.logical_and(ops.greater_equal(k, _f(0.0)), ops.less_equal(k, p["n"]))
    quick = ops.logical_and(ops.greater_equal(us, _f(0.07)), ops.less_equal(v, p["vr"]))
    lhs = ops.add(ops.log(ops.divide(v, ops.add(ops.divide(p["a"], ops.multiply(us, us)),
                                                p["b"]))), p["log_alpha"])
    k = ops.minimum(ops.maximum(k, _f(0.0)), p["n"])
    slow = ops.less_equal(lhs, ops.subtract(_binomial_log_pmf(k, p), p["h"]))
    accept = ops.logical_and(inside, ops.logical_or(quick, slow))
    return _first_accepted(accept, k, t, rank)


def _stacked(x, shape, rank):
    """(m, *param_shape) -> (m, 1, ..., 1, *param_shape) of rank + 1 (broadcasts per row)."""
    full = (shape[0],) + (1,) * (rank - len(shape) + 1) + tuple(shape[1:])
    return ops.reshape(x, i64s(full), False)


@lowering("random_binomial")
def _binomial(node, key, fparams, iparams):
    """Counts of min(p, 1 - p) (inversion or BTRS), then n - X where p > 1/2 (int32)."""
    shape, rank = node.shape, len(node.shape)
    rows = len(BINOMIAL_PARAMS)
    fp = _broadcast(_stacked(fparams, node.inputs[1].shape, rank), (rows,) + tuple(shape))
    p = {name: _row(fp, i) for i, name in enumerate(BINOMIAL_PARAMS)}
    bits = _bits(key, BINOMIAL_LANES, shape)
    small = _binomial_inversion(_u_open(_row(bits, 2 * _BTRS_TRIES)), p, rank)
    large = _binomial_btrs(bits, p, rank)
    x = convert(ops.select(ops.greater(p["small"], _f(0.5)), small, large), _I32)
    ip = _broadcast(_stacked(iparams, node.inputs[2].shape, rank), (2,) + tuple(shape))
    n, flip = _row(ip, 0), _row(ip, 1)          # flip: -1 where p > 1/2, else 0
    # integer Select in a fused chain runs in f32 (see _integers): choose with masks
    x = ops.add(x, ops.bitwise_and(flip, ops.subtract(n, ops.add(x, x))))
    return convert(x, node.dtype)


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
