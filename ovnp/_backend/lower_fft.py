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
- n a power of two: OpenVINO's DFT/IDFT (radix 2, relative L2 error ~3e-7). A real
  transform of even length n is a complex one of length n/2 on the same memory
  ((.., n) float32 is (.., n/2, 2), OpenVINO's complex layout) and an O(n) split step:
  a (5997, 512) rfft took 23 ms this way, 65 ms by RDFT, 56 ms by NumPy (loaded machine).
- any other n: Bluestein's chirp-z, a convolution by power-of-two DFTs of length >= 2n-1.
  OpenVINO's own DFT is O(n**2) there and its float32 twiddles lose accuracy: n = 1000
  took 46x NumPy's time with error 1e-4, n = 4093 130x and 4e-4, and n = 65521 ran out
  of memory.

The kernels work frequency-major: the transform axis first, the rest flattened to one
axis, (n, m). Trap (measured, CPU plugin): an elementwise op with a constant that varies
along the innermost axis ((5997, 257) times (257,)) runs 10x slower than with one that
varies along an outer axis ((257, 5997) times (257, 1)): 7.2 against 0.7 ms of CPU; and a
Gather of rows is 10x faster than a Gather of columns (0.5 against 5 ms).
"""

import numpy as np
import openvino.opset16 as ops

from .ew_common import select
from .lower import i64s
from .lower_complex import add, conj, mul, scale, sub, zeros_like
from .pairs import Pair, complex_lowering, from_storage, to_storage

DIRECT_MAX = 64


def _f32(values):
    return ops.constant(np.ascontiguousarray(values, dtype=np.float32)).output(0)


def _column(values):
    """A constant that varies along axis 0 of an (n, m) part."""
    return np.asarray(values).reshape(-1, 1)


def _const_pair(values):
    values = np.asarray(values)
    return Pair(_f32(values.real), _f32(values.imag))


def _shape(x):
    return [d.get_length() for d in x.get_partial_shape()]


def _rows(x, start, stop):
    return ops.slice(x, i64s([start]), i64s([stop]), i64s([1]), i64s([0])).output(0)


def _map(fn, z):
    return Pair(*(fn(p) for p in z)) if type(z) is Pair else fn(z)


def _scaled(z, s):
    if s == 1.0:
        return z
    return scale(z, _f32(s)) if type(z) is Pair else ops.multiply(z, _f32(s)).output(0)


def _twiddles(n, sign, rows=None, cols=None):
    """exp(sign * 2 pi i j k / n) for j in rows, k in cols, exact in float64 (j*k mod n)."""
    j = np.arange(n if rows is None else rows, dtype=np.int64)[:, None]
    k = np.arange(n if cols is None else cols, dtype=np.int64)[None, :]
    w = np.exp(sign * 2j * np.pi * ((j * k) % n) / n)
    # exact zeros at multiples of pi/2 (float64's sin(pi) is 1.2e-16), as pocketfft's
    w.real[np.abs(w.real) < 1e-12] = 0
    w.imag[np.abs(w.imag) < 1e-12] = 0
    return w


def _is_pow2(n):
    return n & (n - 1) == 0


def _gather_rows(z, indices):
    idx = ops.constant(np.asarray(indices, dtype=np.int32)).output(0)
    return _map(lambda p: ops.gather(p, idx, i64s([0])).output(0), z)


def _storage(z):
    """(n, m) parts -> (n, m, 2) storage, and back (DFT ops take storage)."""
    return to_storage(z)


def _dft(storage, inverse, n, s):
    """OpenVINO's DFT/IDFT along axis 0 of (n, m, 2) storage; IDFT divides by n itself."""
    out = (ops.idft if inverse else ops.dft)(storage, i64s([0])).output(0)
    factor = s * n if inverse else s
    return out if factor == 1.0 else ops.multiply(out, _f32(factor)).output(0)


# ---------------------------------------------------------------- complex -> complex

def c2c(z, n, inverse, s):
    """Sum_j z[j] exp(-+2 pi i j k / n) * s along axis 0 of (n, m) parts."""
    if n == 1:
        return _scaled(z, s)
    if n <= DIRECT_MAX:
        w = _twiddles(n, 1 if inverse else -1) * s          # symmetric: W.T == W
        matrix = np.block([[w.real, -w.imag], [w.imag, w.real]])
        out = ops.matmul(_f32(matrix), ops.concat([z.re, z.im], 0), False, False).output(0)
        return Pair(_rows(out, 0, n), _rows(out, n, 2 * n))
    if _is_pow2(n):
        return from_storage(_dft(_storage(z), inverse, n, s))
    return _bluestein(z, n, inverse, s)


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
    a = mul(z, _const_pair(_column(chirp)))
    pad = ops.broadcast(_f32(0.0), i64s([m - n] + _shape(z.re)[1:])).output(0)
    a = _map(lambda p: ops.concat([p, pad], 0).output(0), a)
    spectrum = mul(from_storage(_dft(_storage(a), False, m, 1.0)),
                   _const_pair(_column(np.fft.fft(b))))
    conv = from_storage(_dft(_storage(spectrum), True, m, 1.0 / m))
    return mul(_map(lambda p: _rows(p, 0, n), conv), _const_pair(_column(chirp * s)))


# ---------------------------------------------------------------- real -> complex

def r2c_rows(x, n, s):
    """rfft along axis 0 of a float32 (n, m): (n//2 + 1, m) parts."""
    m = n // 2 + 1
    if n == 1:
        return _scaled(Pair(x, zeros_like(x)), s)
    if n <= DIRECT_MAX:
        w = _twiddles(n, -1, rows=m) * s                    # (m, n)
        out = ops.matmul(_f32(np.concatenate([w.real, w.imag], 0)), x, False, False).output(0)
        return Pair(_rows(out, 0, m), _rows(out, m, 2 * m))
    full = c2c(Pair(x, zeros_like(x)), n, False, s)
    return _map(lambda p: _rows(p, 0, m), full)


def r2c_last(x, n, s):
    """rfft of an even n >= 2 * DIRECT_MAX along the last axis of (..., n): the DFT of
    z[j] = x[2j] + i x[2j+1] (length h = n/2, the same memory as x), then the split step
    X[k] = E[k] + exp(-2 pi i k / n) O[k], E = (Z[k] + conj Z[h-k]) / 2,
    O = (Z[k] - conj Z[h-k]) / 2i, k = 0..h (indices of Z mod h), on (rows, h) parts
    with (1, h + 1) constants. (Frequency-major parts cost two more transposes here:
    W16 took 42-46 ms of CPU that way, 38-42 this way.)"""
    h = n // 2
    lead = _shape(x)[:-1]
    storage = ops.reshape(x, i64s([-1, h, 2]), False).output(0)
    if _is_pow2(h):
        spectrum = ops.dft(storage, i64s([1])).output(0)
        planar = ops.transpose(spectrum, i64s([2, 0, 1])).output(0)      # (2, rows, h)
        re, im = ops.split(planar, ops.constant(np.int64(0)), 2).outputs()
        z = Pair(*(ops.squeeze(p, i64s([0])) for p in (re, im)))
    else:
        rows = from_storage(ops.transpose(storage, i64s([1, 0, 2])).output(0))
        z = _map(lambda p: ops.transpose(p, i64s([1, 0])).output(0), c2c(rows, h, False, 1.0))
    k = np.arange(h + 1)
    # Z[k mod h] by a Concat (0.25 ms on (5997, 256)); Z[(h - k) mod h] needs a Gather
    # (4 ms: OpenVINO has no faster reversal, Slice with step -1 takes 5 ms)
    ext = _map(lambda p: ops.concat([p, ops.slice(p, i64s([0]), i64s([1]), i64s([1]),
                                                  i64s([1]))], 1).output(0), z)
    mirrored = conj(_gather_last(z, (h - k) % h))
    even = add(ext, mirrored)
    d = sub(ext, mirrored)
    odd = Pair(d.im, ops.negative(d.re))                 # (Z - conj Z') / i
    t = np.exp(-2j * np.pi * k / n).reshape(1, -1)
    x_hat = add(_scaled(even, 0.5 * s), mul(odd, _const_pair(t * 0.5 * s)))
    return _map(lambda p: ops.reshape(p, i64s(lead + [h + 1]), False).output(0), x_hat)


def _gather_last(z, indices):
    idx = ops.constant(np.asarray(indices, dtype=np.int32)).output(0)
    return _map(lambda p: ops.gather(p, idx, i64s([1])).output(0), z)


# ---------------------------------------------------------------- complex -> real

def c2r_rows(z, n, s):
    """irfft along axis 0 of (n//2 + 1, m) parts: a float32 (n, m)."""
    if n == 1:
        return _scaled(z.re, s)
    m = n // 2 + 1
    keep = np.ones((m, 1), dtype=bool)       # NumPy's irfft reads only the real part of
    keep[0] = False                          # X[0] (and of X[n/2] for even n)
    if n % 2 == 0:
        keep[m - 1] = False
    z = Pair(z.re, select(ops.constant(keep).output(0), z.im, zeros_like(z.im)))
    if n <= DIRECT_MAX:
        k = np.arange(m)
        weight = np.where((k == 0) | (2 * k == n), 1.0, 2.0)[None, :] * s
        w = _twiddles(n, 1, cols=m) * weight                # (n, m)
        matrix = np.concatenate([w.real, -w.imag], 1)       # re X cos - im X sin
        return ops.matmul(_f32(matrix), ops.concat([z.re, z.im], 0), False, False).output(0)
    if n % 2:
        tail = conj(_gather_rows(z, np.arange(m - 1, 0, -1)))
        full = Pair(*(ops.concat([p, q], 0).output(0) for p, q in zip(z, tail)))
        return c2c(full, n, True, s).re
    h = n // 2
    mirrored = conj(_gather_rows(z, h - np.arange(h + 1)))
    even = add(z, mirrored)
    t = np.exp(2j * np.pi * np.arange(h + 1) / n)
    odd = mul(sub(z, mirrored), _const_pair(_column(t)))
    spectrum = Pair(ops.subtract(even.re, odd.im), ops.add(even.im, odd.re))   # E + i O
    spectrum = _map(lambda p: _rows(p, 0, h), spectrum)
    # z = IDFT_h(Z) (1/h) is x interleaved; irfft's backward scale is 1/n
    if _is_pow2(h) and h > DIRECT_MAX:
        storage = _dft(_storage(spectrum), True, h, s)
    else:
        storage = _storage(c2c(spectrum, h, True, s))           # (h, m, 2)
    cols = _shape(storage)[1]
    interleaved = ops.transpose(storage, i64s([0, 2, 1])).output(0)   # (h, 2, m)
    return ops.reshape(interleaved, i64s([n, cols]), False).output(0)


# ---------------------------------------------------------------- the IR ops

def _first(x, axis, rank):
    """x with `axis` moved first and the rest flattened: (n, m), and how to undo it."""
    perm = [axis] + [d for d in range(rank) if d != axis]
    shape = _shape(x.re if type(x) is Pair else x)
    moved = [shape[d] for d in perm]

    def to_rows(p):
        if axis != 0:
            p = ops.transpose(p, i64s(perm)).output(0)
        return ops.reshape(p, i64s([moved[0], -1]), False).output(0)

    def back(p, length):
        p = ops.reshape(p, i64s([length] + moved[1:]), False).output(0)
        if axis != 0:
            p = ops.transpose(p, i64s([int(v) for v in np.argsort(perm)])).output(0)
        return p
    return _map(to_rows, x), back


@complex_lowering("fft_c2c")
def _fft_c2c(node, z):
    axis, inverse, s = node.attrs
    n = node.shape[axis]
    rows, back = _first(z, axis, len(node.shape))
    return _map(lambda p: back(p, n), c2c(rows, n, inverse, s))


@complex_lowering("fft_r2c")
def _fft_r2c(node, x):
    axis, s = node.attrs
    rank = len(node.shape)
    n = node.inputs[0].shape[axis]
    m = n // 2 + 1
    if n % 2 == 0 and n >= 2 * DIRECT_MAX:
        # the pairs (x[2j], x[2j+1]) must be adjacent: the axis goes last, and back
        if axis == rank - 1:
            return r2c_last(x, n, s)
        perm = [d for d in range(rank) if d != axis] + [axis]
        back = [int(v) for v in np.argsort(perm)]
        x_hat = r2c_last(ops.transpose(x, i64s(perm)).output(0), n, s)
        return _map(lambda p: ops.transpose(p, i64s(back)).output(0), x_hat)
    rows, back = _first(x, axis, rank)
    return _map(lambda p: back(p, m), r2c_rows(rows, n, s))


@complex_lowering("fft_c2r")
def _fft_c2r(node, z):
    axis, n, s = node.attrs
    rows, back = _first(z, axis, len(node.shape))
    return back(c2r_rows(rows, n, s), n)
