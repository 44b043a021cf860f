"""ovnp.fft: NumPy's numpy.fft on ovnp arrays.

Lazy on the device: fftshift, ifftshift (a roll). fftfreq and rfftfreq build host data
(as arange and linspace do), exactly NumPy's values narrowed to float32.
On the host (NumPy's pocketfft, the input materialized, the float64 result narrowed to
float32): irfft, irfft2, irfftn, hfft of REAL input, whose results are real.
Refused with TypeError (DTypePolicyError): fft, ifft, fft2, ifft2, fftn, ifftn, rfft,
rfft2, rfftn, ihfft, which return complex arrays, and ovnp computes no complex dtype
(the 32-bit policy). See docs/misc.md.
"""

import inspect as _inspect

import numpy as _np

from .. import _device, _dtypes, _ir
from .._array import ndarray
from .._nodes import _arr, asarray as _asarray
from .._rearranging import roll as _roll

__all__ = ["fftfreq", "rfftfreq", "fftshift", "ifftshift", "fft", "ifft", "fft2", "ifft2",
           "fftn", "ifftn", "rfft", "rfft2", "rfftn", "irfft", "irfft2", "irfftn", "hfft",
           "ihfft"]


# ---------------------------------------------------------------- helpers (lazy)

def _freq(ints, n, d, device):
    """ints * (1 / (n * d)): NumPy's float64 values rounded once to float32.

    Like arange and linspace these are built on the host from sizes (a data leaf: no
    compile, and exactly NumPy's values narrowed); a d given as an ovnp array makes
    the product lazy on the device instead.
    """
    if isinstance(d, ndarray):
        return _asarray(ints, device=device) * (1.0 / (n * d))
    val = 1.0 / (n * d)
    return _asarray(ints.astype(_np.int64) * val, device=device)


def _check_n(n):
    if not isinstance(n, (int, _np.integer)):
        raise ValueError("n should be an integer")
    return int(n)


def fftfreq(n, d=1.0, device=None):
    n = _check_n(n)
    device = _device.resolve(device)
    if n < 0:
        raise ValueError("negative dimensions are not allowed")
    N = (n - 1) // 2 + 1
    ints = _np.concatenate([_np.arange(0, N), _np.arange(-(n // 2), 0)]).astype(_np.int32)
    return _freq(ints, n, d, device)


def rfftfreq(n, d=1.0, device=None):
    n = _check_n(n)
    device = _device.resolve(device)
    ints = _np.arange(0, n // 2 + 1, dtype=_np.int32)
    return _freq(ints, n, d, device)


def _shift(x, axes, sign):
    x = _arr(x)
    if axes is None:
        axes = tuple(range(x.ndim))
        shift = [sign * (dim // 2) for dim in x.shape]
    elif isinstance(axes, (int, _np.integer)):
        shift = sign * (x.shape[axes] // 2)
    else:
        shift = [sign * (x.shape[ax] // 2) for ax in axes]
    return _roll(x, shift, axes)


def fftshift(x, axes=None):
    return _shift(x, axes, 1)


def ifftshift(x, axes=None):
    return _shift(x, axes, -1)


# ---------------------------------------------------------------- transforms

def _refuse(name):
    def fn(*args, **kwargs):
        raise _dtypes.DTypePolicyError(
            f"ovnp.fft.{name} returns a complex array, and ovnp does not support complex "
            f"dtypes (the 32-bit policy: {_dtypes.POLICY}). Compute it with numpy.fft on "
            f"the host: numpy.fft.{name}(numpy.asarray(x)).")
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = getattr(_np.fft, name).__doc__
    fn.__signature__ = _inspect.signature(getattr(_np.fft, name))
    return fn


for _name in ("fft", "ifft", "fft2", "ifft2", "fftn", "ifftn", "rfft", "rfft2", "rfftn",
              "ihfft"):
    globals()[_name] = _refuse(_name)


def _host_real(np_fn):
    name = np_fn.__name__

    def fn(a, *args, **kwargs):
        device = a.device if isinstance(a, ndarray) else None
        value = a._value() if isinstance(a, ndarray) else _np.asarray(a)
        if value.dtype.kind == "c":
            _dtypes.canonical(value.dtype)   # the policy's TypeError
        if "out" in kwargs and kwargs["out"] is not None:
            raise TypeError(f"ovnp.fft.{name} does not support out=")
        kwargs.pop("out", None)
        result = np_fn(value, *args, **kwargs)
        return _asarray(result, device=device)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = np_fn.__doc__
    try:
        import inspect
        fn.__signature__ = inspect.signature(np_fn)
    except ValueError:
        pass
    return fn


irfft = _host_real(_np.fft.irfft)
irfft2 = _host_real(_np.fft.irfft2)
irfftn = _host_real(_np.fft.irfftn)
hfft = _host_real(_np.fft.hfft)
