"""Lowerings of the FFT ops: one transform along one axis, by one of three kernels.

attrs layouts (n is the transform length; the family layer has cropped or zero-padded
the input to it, and chosen the scale from `norm`):
  fft_c2c  (axis, inverse, scale)   complex -> complex, same shape
  fft_r2c  (axis, scale)            float32 (.., n, ..) -> complex (.., n//2+1, ..)
  fft_c2r  (axis, n, scale)         complex (.., n//2+1, ..) -> float32 (.., n, ..)

Kernels, chosen by n (measured on this machine, docs/fft.md):
- n <= DIRECT_MAX: the DFT as one matrix product with exact twiddles (computed in
  float64 and rounded once). A batch of 2**19 complex values: 2-8 ms for n in 4..64,
  where OpenVINO's DFT takes 8-20 ms and NumPy 8-14 ms.
- n a power of two: OpenVINO's DFT/IDFT (its radix-2 FFT, relative L2 error ~3e-7).
  A real transform of even length n is a complex one of length n/2 on the same memory
  ((.., n) float32 is (.., n/2, 2), OpenVINO's complex layout) and an O(n) split step:
  a (5997, 512) rfft took 23 ms this way, 65 ms by RDFT, 56 ms by NumPy (loaded machine).
- any other n: Bluestein's chirp-z, a convolution by power-of-two DFTs of length >= 2n-1.
  OpenVINO's own DFT is O(n**2) there and its float32 twiddles lose accuracy: n = 1000
  took 46x NumPy's time with error 1e-4, n = 4093 130x and 4e-4, and n = 65521 ran out
  of memory.
Every kernel works with the transform axis last (a transpose around it otherwise).
"""

import numpy as np
import openvino.opset16 as ops

from .ew_common import select
from .lower import i64s
from .lower_complex import add, conj, mul, scale, sub, zeros_like
from .pairs import Pair, complex_lowering, from_storage, to_storage

DIRECT_MAX = 64
_INT64_MIN = np.iinfo(np.int64).min


def _f32(values):
    return ops.constant(np.ascontiguousarray(values, dtype=np.float32)).output(0)


def _const_pair(values):
    """A complex constant (NumPy complex values, float64 computed) as a float32 Pair."""
    values = np.asarray(values)
    return Pair(_f32(values.real), _f32(values.imag))


def _shape(x):
    return [d.get_length() for d in x.get_partial_shape()]


def _slice_last(x, start, stop, step=1):
    if step < 0 and stop < 0:
        stop = _INT64_MIN
    return ops.slice(x, i64s([start]), i64s([stop]), i64s([step]), i64s([-1])).output(0)


def _map(fn, z):
    return Pair(*(fn(p) for p in z)) if type(z) is Pair else fn(z)


def _scaled(z, s):
    return z if s == 1.0 else scale(z, _f32(s))


def _twiddles(n, sign, rows=None, cols=None):
    """exp(sign * 2 pi i j k / n) for j in rows, k in cols, exact in float64 (j*k mod n)."""
    j = np.arange(n if rows is None else rows, dtype=np.int64)[:, None]
    k = np.arange(n if cols is None else cols, dtype=np.int64)[None, :]
    return np.exp(sign * 2j * np.pi * ((j * k) % n) / n)


def _is_pow2(n):
    return n & (n - 1) == 0


# ---------------------------------------------------------------- complex -> complex

def c2c(z, n, inverse, s):
    """Sum_j z[.., j] exp(-+2 pi i j k / n) * s along the last axis (length n)."""
    if n == 1:
        return _scaled(z, s)
    if n <= DIRECT_MAX:
        return _direct(z, n, inverse, s)
    if _is_pow2(n):
        return from_storage(dft_storage(to_storage(z), inverse, n, s))
    return _bluestein(z, n, inverse, s)


def _direct(z, n, inverse, s):
    """One MatMul: [re, im] (.., 2n) @ [[C, S], [-S, C]] (2n, 2n)."""
    w = _twiddles(n, 1 if inverse else -1) * s
    matrix = np.block([[w.real, w.imag], [-w.imag, w.real]])
    out = ops.matmul(ops.concat([z.re, z.im], -1), _f32(matrix), False, False).output(0)
    return Pair(_slice_last(out, 0, n), _slice_last(out, n, 2 * n))


def dft_storage(x, inverse, n, s):
    """OpenVINO's DFT/IDFT over the last complex axis of float32 storage (.., n, 2);
    IDFT divides by n itself."""
    rank = len(_shape(x))
    axes = i64s([rank - 2])
    out = (ops.idft if inverse else ops.dft)(x, axes).output(0)
    factor = s * n if inverse else s
    return out if factor == 1.0 else ops.multiply(out, _f32(factor)).output(0)


def _bluestein(z, n, inverse, s):
    """X[k] = c[k] sum_j (z[j] c[j]) b[k - j], c[j] = exp(-+pi i j^2 / n), b = conj(c):
    a convolution, done by power-of-two DFTs of length m >= 2n - 1 (b's DFT is a
    float64 constant)."""
    sign = 1 if inverse else -1
    m = 1 << (2 * n - 2).bit_length()
    j = np.arange(n, dtype=np.int64)
    chirp = np.exp(sign * 1j * np.pi * ((j * j) % (2 * n)) / n)
    b = np.zeros(m, np.complex128)
    b[:n] = np.conj(chirp)
    b[m - n + 1:] = np.conj(chirp[1:])[::-1]
    a = mul(z, _const_pair(chirp))
    lead = _shape(z.re)[:-1]
    pad = ops.broadcast(_f32(0.0), i64s(lead + [m - n])).output(0)
    a = Pair(*(ops.concat([p, pad], -1).output(0) for p in a))
    spectrum = from_storage(dft_storage(to_storage(a), False, m, 1.0))
    spectrum = mul(spectrum, _const_pair(np.fft.fft(b)))
    conv = from_storage(dft_storage(to_storage(spectrum), True, m, 1.0 / m))
    conv = Pair(*(_slice_last(p, 0, n) for p in conv))
    return mul(conv, _const_pair(chirp * s))


# ---------------------------------------------------------------- real -> complex

def r2c(x, n, s):
    """rfft of float32 x along the last axis (length n): n//2 + 1 complex values."""
    m = n // 2 + 1
    if n == 1:
        return _scaled(Pair(x, zeros_like(x)), s)
    if n <= DIRECT_MAX:
        w = _twiddles(n, -1, cols=m) * s
        out = ops.matmul(x, _f32(np.concatenate([w.real, w.imag], 1)), False, False).output(0)
        return Pair(_slice_last(out, 0, m), _slice_last(out, m, 2 * m))
    if n % 2:
        full = c2c(Pair(x, zeros_like(x)), n, False, s)
        return _map(lambda p: _slice_last(p, 0, m), full)
    h = n // 2
    lead = _shape(x)[:-1]
    storage = ops.reshape(x, i64s(lead + [h, 2]), False).output(0)
    if _is_pow2(h) and h > DIRECT_MAX:
        spectrum = from_storage(dft_storage(storage, False, h, 1.0))
    else:
        spectrum = c2c(from_storage(storage), h, False, 1.0)
    return _split_real(spectrum, n, s)


def _split_real(z, n, s):
    """The rfft of x (length n) from the DFT Z of z[j] = x[2j] + i x[2j+1] (length n/2):
    X[k] = E[k] + exp(-2 pi i k / n) O[k], E = (Z[k] + conj Z[h-k]) / 2,
    O = (Z[k] - conj Z[h-k]) / 2i, k = 0..h (Z[h] is Z[0])."""
    h = n // 2
    ext = _map(lambda p: ops.concat([p, _slice_last(p, 0, 1)], -1).output(0), z)
    mirrored = conj(_map(lambda p: _slice_last(p, h, -1, -1), ext))
    even = add(ext, mirrored)
    d = sub(ext, mirrored)
    odd = Pair(d.im, ops.negative(d.re))                 # (Z - conj Z') / i
    t = np.exp(-2j * np.pi * np.arange(h + 1) / n)
    return add(_scaled(even, 0.5 * s), mul(odd, _const_pair(t * 0.5 * s)))


# ---------------------------------------------------------------- complex -> real

def _drop_imaginary_ends(z, n):
    """NumPy's irfft reads only the real part of X[0] (and of X[n/2] for even n)."""
    m = n // 2 + 1
    keep = np.ones(m, dtype=bool)
    keep[0] = False
    if n % 2 == 0:
        keep[m - 1] = False
    keep_node = ops.constant(keep).output(0)
    return Pair(z.re, select(keep_node, z.im, zeros_like(z.im)))


def c2r(z, n, s):
    """irfft along the last axis: n real values from n//2 + 1 complex ones."""
    if n == 1:
        return z.re if s == 1.0 else ops.multiply(z.re, _f32(s)).output(0)
    z = _drop_imaginary_ends(z, n)
    m = n // 2 + 1
    if n <= DIRECT_MAX:
        k = np.arange(m)
        weight = np.where((k == 0) | (2 * k == n), 1.0, 2.0)[:, None] * s
        w = _twiddles(n, 1, rows=m) * weight                # (m, n)
        matrix = np.concatenate([w.real, -w.imag], 0)       # re X cos - im X sin
        return ops.matmul(ops.concat([z.re, z.im], -1), _f32(matrix), False, False).output(0)
    if n % 2:
        tail = conj(_map(lambda p: _slice_last(p, m - 1, 0, -1), z))
        full = Pair(*(ops.concat([p, q], -1).output(0) for p, q in zip(z, tail)))
        return c2c(full, n, True, s).re
    h = n // 2
    mirrored = conj(_map(lambda p: _slice_last(p, h, -1, -1), z))
    even = add(z, mirrored)
    t = np.exp(2j * np.pi * np.arange(h + 1) / n)
    odd = mul(sub(z, mirrored), _const_pair(t))
    spectrum = Pair(ops.subtract(even.re, odd.im), ops.add(even.im, odd.re))   # E + i O
    spectrum = _map(lambda p: _slice_last(p, 0, h), spectrum)
    # z = IDFT_h(Z) (1/h) is x interleaved; irfft's backward scale is 1/n
    if _is_pow2(h) and h > DIRECT_MAX:
        storage = dft_storage(to_storage(spectrum), True, h, s)
    else:
        storage = to_storage(c2c(spectrum, h, True, s))
    lead = _shape(storage)[:-2]
    return ops.reshape(storage, i64s(lead + [n]), False).output(0)


# ---------------------------------------------------------------- the IR ops

def _along_last(axis, rank, fn, x):
    """fn(x with `axis` moved last), moved back."""
    if axis == rank - 1:
        return fn(x)
    perm = [d for d in range(rank) if d != axis] + [axis]
    back = [int(v) for v in np.argsort(perm)]
    moved = _map(lambda p: ops.transpose(p, i64s(perm)).output(0), x)
    return _map(lambda p: ops.transpose(p, i64s(back)).output(0), fn(moved))


@complex_lowering("fft_c2c")
def _fft_c2c(node, z):
    axis, inverse, s = node.attrs
    n = node.shape[axis]
    return _along_last(axis, len(node.shape), lambda v: c2c(v, n, inverse, s), z)


@complex_lowering("fft_r2c")
def _fft_r2c(node, x):
    axis, s = node.attrs
    n = node.inputs[0].shape[axis]
    return _along_last(axis, len(node.shape), lambda v: r2c(v, n, s), x)


@complex_lowering("fft_c2r")
def _fft_c2r(node, z):
    axis, n, s = node.attrs
    return _along_last(axis, len(node.shape), lambda v: c2r(v, n, s), z)
