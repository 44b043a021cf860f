"""Lowerings of ovnp.random's counts: random_poisson (inversion for lam < 10, PTRS
above) and random_binomial (inversion for n p < 10, BTRS above), each a fixed number of
tries in the graph, built on the keyed bits of random_bits.py.
"""

import math

import numpy as np
import openvino.opset16 as ops

from .lower import constant, convert, i64s, lowering
from .random_bits import (_F32, _I32, _bits, _broadcast, _c, _column, _f, _first_accepted,
                          _row, _rows, _u01, _u_open)


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
# host-computed float32 parameters of random_binomial (ovnp/random/_distributions.py)
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
