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

from .lower import constant, convert, i64s

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
