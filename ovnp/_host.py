"""NumPy on the host, for functions ovnp computes there: the values of ovnp arguments in,
NumPy's results out as ovnp arrays under the 32-bit policy (complex128 becomes
complex64)."""

import numpy as _np

from . import _dtypes
from ._array import ndarray
from ._nodes import asarray


def _host_value(x):
    return x._value() if isinstance(x, ndarray) else x


def _wrap_host(result, device=None):
    """A NumPy result as ovnp arrays under the 32-bit policy."""
    if isinstance(result, tuple):
        return tuple(_wrap_host(r, device) for r in result)
    if isinstance(result, list):
        return [_wrap_host(r, device) for r in result]
    if isinstance(result, (_np.ndarray, _np.generic)):
        return asarray(result, device=device)
    return result


def _device_of(*xs):
    for x in xs:
        if isinstance(x, ndarray):
            return x.device
    return None


def _host_call(fn, *arrays, **kwargs):
    device = _device_of(*arrays)
    return _wrap_host(fn(*[_host_value(a) for a in arrays], **kwargs), device)
