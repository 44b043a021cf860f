"""Window functions (NumPy's grouping): bartlett, blackman, hamming, hanning, kaiser.
Computed by NumPy in float64 on the host, then narrowed (like linspace)."""

import numpy as _np

from ._host import _host_value
from ._nodes import asarray

__all__ = ["bartlett", "blackman", "hamming", "hanning", "kaiser"]


def _window(fn, *args):
    return asarray(fn(*args))


def hamming(M):
    return _window(_np.hamming, M)


def hanning(M):
    return _window(_np.hanning, M)


def blackman(M):
    return _window(_np.blackman, M)


def bartlett(M):
    return _window(_np.bartlett, M)


def kaiser(M, beta):
    return _window(_np.kaiser, M, _host_value(beta))
