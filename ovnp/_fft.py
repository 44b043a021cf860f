"""numpy.fft: discrete Fourier transforms, lazy and on the device.

Each 1-D transform is one IR node (fft_c2c, fft_r2c or fft_c2r) along one axis, after
the input is cropped or zero-padded to the transform's length (slice and concatenate
nodes); the n-D transforms chain them axis by axis in NumPy's order, so an FFT fuses
with what comes before and after it. NumPy's pocketfft defines the answers; the
lowerings (ovnp/_backend/lower_fft.py) and their measured error bound are in
docs/fft.md. Results are complex64 and float32 (the 32-bit policy), as NumPy gives for
float32 and complex64 input.

fftfreq and rfftfreq build host data (as arange and linspace do), exactly NumPy's values
narrowed to float32; fftshift and ifftshift are rolls.
"""

import math
import operator
import warnings

import numpy as _np

from . import _device, _dtypes, _ir
from ._array import ndarray
from ._nodes import _arr, _broadcast, _cast, _concat_nodes, _slice_node, asarray, write_out
from ._rearranging import roll

__all__ = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fftn", "ifftn", "rfftn",
           "irfftn", "fft2", "ifft2", "rfft2", "irfft2", "fftfreq", "rfftfreq", "fftshift",
           "ifftshift"]

_SWAP = {"backward": "forward", None: "forward", "ortho": "ortho", "forward": "backward"}


def _swap_direction(norm):
    try:
        return _SWAP[norm]
    except KeyError:
        raise ValueError(f'Invalid norm value {norm}; should be "backward", '
                         '"ortho" or "forward".') from None


def _scale(norm, n, forward):
    """pocketfft's factor: NumPy swaps the inverse's norm, then 1, 1/sqrt(n) or 1/n."""
    if not forward:
        norm = _swap_direction(norm)
    if norm is None or norm == "backward":
        return 1.0
    if norm == "ortho":
        return 1.0 / math.sqrt(n)
    if norm == "forward":
        return 1.0 / n
    raise ValueError(f'Invalid norm value {norm}; should be "backward", '
                     '"ortho" or "forward".')


def _resized(node, axis, length):
    """node cropped or zero-padded to `length` along axis (pocketfft's n)."""
    have = node.shape[axis]
    if have >= length:
        return _slice_node(node, axis, 0, length)
    shape = list(node.shape)
    shape[axis] = length - have
    zeros = _broadcast(_ir.const(0, node.dtype, node.device), tuple(shape))
    return _concat_nodes([node, zeros], axis, node.dtype) if have else zeros


def _check_n(n):
    n = operator.index(n)
    if n < 1:
        raise ValueError(f"Invalid number of FFT data points ({n}) specified.")
    return n


def _finish(node, out):
    if out is None:
        return ndarray._wrap(node)
    if not isinstance(out, ndarray) or out.shape != node.shape:
        raise ValueError("output array has wrong shape.")
    write_out(out, node, "same_kind")
    return out


def _raw_fft(a, n, axis, is_real, is_forward, norm, out):
    """NumPy's _raw_fft: one transform of length n along axis."""
    n = _check_n(n)
    x = _arr(a)
    axis = _ir.normalize_axis(axis, x.ndim)
    s = _scale(norm, n, is_forward)
    node = x._node
    if is_real and is_forward:
        if node.dtype.kind == "c":
            raise TypeError("ufunc 'rfft_n_even' did not contain a loop with signature "
                            "matching types (complex64) -> complex64; rfft takes real input")
        node = _resized(_cast(node, _dtypes.float32), axis, n)
        shape = node.shape[:axis] + (n // 2 + 1,) + node.shape[axis + 1:]
        result = _ir.Node("fft_r2c", (node,), (axis, s), shape, _dtypes.complex64, node.device)
    elif is_real:
        node = _resized(_cast(node, _dtypes.complex64), axis, n // 2 + 1)
        shape = node.shape[:axis] + (n,) + node.shape[axis + 1:]
        result = _ir.Node("fft_c2r", (node,), (axis, n, s), shape, _dtypes.float32, node.device)
    else:
        node = _resized(_cast(node, _dtypes.complex64), axis, n)
        result = _ir.Node("fft_c2c", (node,), (axis, not is_forward, s), node.shape,
                          _dtypes.complex64, node.device)
    return _finish(result, out)


def _length(x, n, axis, default):
    x = _arr(x)
    return x, (default(x.shape[axis]) if n is None else n)


def fft(a, n=None, axis=-1, norm=None, out=None):
    a, n = _length(a, n, axis, lambda m: m)
    return _raw_fft(a, n, axis, False, True, norm, out)


def ifft(a, n=None, axis=-1, norm=None, out=None):
    a, n = _length(a, n, axis, lambda m: m)
    return _raw_fft(a, n, axis, False, False, norm, out)


def rfft(a, n=None, axis=-1, norm=None, out=None):
    a, n = _length(a, n, axis, lambda m: m)
    return _raw_fft(a, n, axis, True, True, norm, out)


def irfft(a, n=None, axis=-1, norm=None, out=None):
    a, n = _length(a, n, axis, lambda m: (m - 1) * 2)
    return _raw_fft(a, n, axis, True, False, norm, out)


def hfft(a, n=None, axis=-1, norm=None, out=None):
    a, n = _length(a, n, axis, lambda m: (m - 1) * 2)
    return irfft(_conjugate(a), n, axis, norm=_swap_direction(norm), out=out)


def ihfft(a, n=None, axis=-1, norm=None, out=None):
    a, n = _length(a, n, axis, lambda m: m)
    return _finish(_conjugate(rfft(a, n, axis, norm=_swap_direction(norm)))._node, out)


def _conjugate(x):
    node = _cast(x._node, _dtypes.complex64)
    return ndarray._wrap(_ir.Node("conjugate", (node,), (), node.shape, node.dtype, node.device))


# ---------------------------------------------------------------- n-D

def _cook_nd_args(a, s=None, axes=None, invreal=False):
    """NumPy's _cook_nd_args (its deprecation warnings included)."""
    shapeless = s is None
    if shapeless:
        s = list(a.shape) if axes is None else [a.shape[ax] for ax in axes]
    s = list(s)
    if axes is None:
        if not shapeless:
            warnings.warn(
                "`axes` should not be `None` if `s` is not `None` (Deprecated in NumPy 2.0). "
                "In a future version of NumPy, this will raise an error and `s[i]` will "
                "correspond to the size along the transformed axis specified by `axes[i]`. "
                "To retain current behaviour, pass a sequence [0, ..., k-1] to `axes` for "
                "an array of dimension k.", DeprecationWarning, stacklevel=4)
        axes = list(range(-len(s), 0))
    if len(s) != len(axes):
        raise ValueError("Shape and axes have different lengths.")
    if invreal and shapeless:
        s[-1] = (a.shape[axes[-1]] - 1) * 2
    if None in s:
        warnings.warn(
            "Passing an array containing `None` values to `s` is deprecated in NumPy 2.0 "
            "and will raise an error in a future version of NumPy. To use the default "
            "behaviour of the corresponding 1-D transform, pass the value matching the "
            "default for its `n` parameter. To use the default behaviour for every axis, "
            "the `s` argument can be omitted.", DeprecationWarning, stacklevel=4)
    s = [a.shape[ax] if n == -1 else n for n, ax in zip(s, axes)]
    return s, list(axes)


def _raw_fftnd(a, s, axes, function, norm, out):
    a = _arr(a)
    s, axes = _cook_nd_args(a, s, axes)
    for ii in reversed(range(len(axes))):
        a = function(a, n=s[ii], axis=axes[ii], norm=norm, out=out if ii == 0 else None)
    return a


def fftn(a, s=None, axes=None, norm=None, out=None):
    return _raw_fftnd(a, s, axes, fft, norm, out)


def ifftn(a, s=None, axes=None, norm=None, out=None):
    return _raw_fftnd(a, s, axes, ifft, norm, out)


def fft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return _raw_fftnd(a, s, axes, fft, norm, out)


def ifft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return _raw_fftnd(a, s, axes, ifft, norm, out)


def rfftn(a, s=None, axes=None, norm=None, out=None):
    a = _arr(a)
    s, axes = _cook_nd_args(a, s, axes)
    a = rfft(a, s[-1], axes[-1], norm, out=out if len(axes) == 1 else None)
    for ii in range(len(axes) - 2, -1, -1):
        a = fft(a, s[ii], axes[ii], norm, out=out if ii == 0 else None)
    return a


def rfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return rfftn(a, s, axes, norm, out=out)


def irfftn(a, s=None, axes=None, norm=None, out=None):
    a = _arr(a)
    s, axes = _cook_nd_args(a, s, axes, invreal=True)
    for ii in range(len(axes) - 1):
        a = ifft(a, s[ii], axes[ii], norm)
    return irfft(a, s[-1], axes[-1], norm, out=out)


def irfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return irfftn(a, s, axes, norm, out=out)


# ---------------------------------------------------------------- helpers

def _freq(ints, n, d, device):
    """ints * (1 / (n * d)): NumPy's float64 values rounded once to float32.

    Like arange and linspace these are built on the host from sizes (a data leaf: no
    compile, and exactly NumPy's values narrowed); a d given as an ovnp array makes
    the product lazy on the device instead.
    """
    if isinstance(d, ndarray):
        return asarray(ints, device=device) * (1.0 / (n * d))
    val = 1.0 / (n * d)
    return asarray(ints.astype(_np.int64) * val, device=device)


def _freq_n(n):
    if not isinstance(n, (int, _np.integer)):
        raise ValueError("n should be an integer")
    return int(n)


def _as_dtype(result, dtype):
    """The Array API's dtype= (2024.12; NumPy has none): a real floating dtype."""
    if dtype is None:
        return result
    dtype = _dtypes.canonical(dtype)
    if dtype.kind != "f":
        raise ValueError(f"dtype must be a real floating-point dtype, not {dtype}")
    return result if result.dtype == dtype else result.astype(dtype)


def fftfreq(n, d=1.0, device=None, *, dtype=None):
    n = _freq_n(n)
    device = _device.resolve(device)
    if n < 0:
        raise ValueError("negative dimensions are not allowed")
    N = (n - 1) // 2 + 1
    ints = _np.concatenate([_np.arange(0, N), _np.arange(-(n // 2), 0)]).astype(_np.int32)
    return _as_dtype(_freq(ints, n, d, device), dtype)


def rfftfreq(n, d=1.0, device=None, *, dtype=None):
    n = _freq_n(n)
    device = _device.resolve(device)
    ints = _np.arange(0, n // 2 + 1, dtype=_np.int32)
    return _as_dtype(_freq(ints, n, d, device), dtype)


def _shift(x, axes, sign):
    x = _arr(x)
    if axes is None:
        axes = tuple(range(x.ndim))
        shift = [sign * (dim // 2) for dim in x.shape]
    elif isinstance(axes, (int, _np.integer)):
        shift = sign * (x.shape[axes] // 2)
    else:
        shift = [sign * (x.shape[ax] // 2) for ax in axes]
    return roll(x, shift, axes)


def fftshift(x, axes=None):
    return _shift(x, axes, 1)


def ifftshift(x, axes=None):
    return _shift(x, axes, -1)


for _name in __all__:
    _fn = globals()[_name]
    _fn.__doc__ = getattr(_np.fft, _name).__doc__
