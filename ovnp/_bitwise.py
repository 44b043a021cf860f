"""Bit-wise operations (NumPy's grouping) that are not ufuncs: packbits, unpackbits.
(bitwise_and, left_shift, ... are ufuncs in _elementwise.py; binary_repr is in _io.py.)"""

import operator

import numpy as _np

from . import _dtypes, _ir
from ._adding_removing import pad
from ._changing_shape import reshape
from ._elementwise import bitwise_and, right_shift
from ._nodes import _arr, asarray
from ._reductions import sum as _sum
from ._transpose_like import moveaxis

__all__ = ["packbits", "unpackbits"]


def _bitorder(bitorder):
    if bitorder not in ("big", "little"):
        raise ValueError("'order' must be either 'little' or 'big'")
    return bitorder


def packbits(a, /, axis=None, bitorder="big"):
    a = _arr(a)
    if a.dtype.kind not in "biu":
        raise TypeError("Expected an input array of integer or boolean data type")
    _bitorder(bitorder)
    if axis is None:
        a = reshape(a, (-1,))
        axis = 0
    axis = _ir.normalize_axis(axis, a.ndim)
    bits = moveaxis(a != 0, axis, -1).astype(_dtypes.uint8)
    n = bits.shape[-1]
    k = -(-n // 8)
    if k * 8 != n:
        widths = [(0, 0)] * (bits.ndim - 1) + [(0, k * 8 - n)]
        bits = pad(bits, widths)
    bits = reshape(bits, bits.shape[:-1] + (k, 8))
    weights = [128, 64, 32, 16, 8, 4, 2, 1] if bitorder == "big" else [1, 2, 4, 8, 16, 32, 64, 128]
    w = asarray(_np.array(weights, _np.uint8), device=a.device)
    packed = _sum(bits * w, axis=-1, dtype=_dtypes.uint8)
    return moveaxis(packed, -1, axis)


def unpackbits(a, /, axis=None, count=None, bitorder="big"):
    a = _arr(a)
    if a.dtype != _dtypes.uint8:
        raise TypeError("Expected an input array of unsigned byte data type")
    _bitorder(bitorder)
    if count is not None:
        count = operator.index(count)
    if axis is None:
        a = reshape(a, (-1,))
        axis = 0
    axis = _ir.normalize_axis(axis, a.ndim)
    moved = moveaxis(a, axis, -1)
    shifts = [7, 6, 5, 4, 3, 2, 1, 0] if bitorder == "big" else [0, 1, 2, 3, 4, 5, 6, 7]
    s = asarray(_np.array(shifts, _np.uint8), device=a.device)
    bits = bitwise_and(right_shift(moved[..., None], s), _np.uint8(1))
    n = moved.shape[-1] * 8
    bits = reshape(bits, moved.shape[:-1] + (n,))
    if count is not None:
        if count < 0:
            if -count > n:
                raise ValueError("-count larger than number of elements")
            bits = bits[..., :n + count]
        elif count <= n:
            bits = bits[..., :count]
        else:
            widths = [(0, 0)] * (bits.ndim - 1) + [(0, count - n)]
            bits = pad(bits, widths)
    return moveaxis(bits, -1, axis)
