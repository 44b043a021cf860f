"""Window functions (NumPy's grouping): bartlett, blackman, hamming, hanning, kaiser.
Computed by NumPy in float64 on the host, then narrowed (like linspace)."""

import functools

import numpy as _np

from ._host import _host_value
from ._nodes import asarray

__all__ = ["bartlett", "blackman", "hamming", "hanning", "kaiser"]


def _window(np_fn):
    """ovnp's version of a NumPy window function, with NumPy's signature."""
    @functools.wraps(np_fn)
    def window(*args, **kwargs):
        args = [_host_value(a) for a in args]
        kwargs = {k: _host_value(v) for k, v in kwargs.items()}
        return asarray(np_fn(*args, **kwargs))
    window.__module__ = __name__
    return window


bartlett, blackman, hamming, hanning, kaiser = map(
    _window, (_np.bartlett, _np.blackman, _np.hamming, _np.hanning, _np.kaiser))
