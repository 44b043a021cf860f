"""Polynomials (NumPy's power-series functions: poly1d's module functions): polyval,
polyadd, polysub, polymul, polyder, polyint lazily on the device; poly, roots, polydiv
and polyfit on the host through NumPy (eigenvalues, lstsq in float64), narrowed."""

import numpy as _np

from . import _dtypes
from ._adding_removing import trim_zeros
from ._changing_dims import atleast_1d
from ._changing_shape import reshape
from ._creation import arange, ones, zeros, zeros_like
from ._elementwise import add, subtract, true_divide
from ._host import _host_call, _host_value
from ._joining import concatenate
from ._nodes import _arr
from ._sorting import convolve

__all__ = ["poly", "roots", "polyval", "polyadd", "polysub", "polymul", "polydiv", "polyder",
           "polyint", "polyfit"]


def polyval(p, x):
    p = _arr(p)
    x = _arr(x)
    y = zeros_like(x)
    for pv in p:
        y = y * x + pv
    return y


def polyadd(a1, a2):
    return _polyaddsub(a1, a2, add)


def polysub(a1, a2):
    return _polyaddsub(a1, a2, subtract)


def _polyaddsub(a1, a2, fn):
    a1 = atleast_1d(_arr(a1))
    a2 = atleast_1d(_arr(a2))
    diff = len(a2) - len(a1)
    if diff == 0:
        return fn(a1, a2)
    if diff > 0:
        return fn(concatenate((zeros(diff, a1.dtype, device=a1.device), a1)), a2)
    return fn(a1, concatenate((zeros(-diff, a2.dtype, device=a2.device), a2)))


def _poly1d_coeffs(c):
    """What numpy.poly1d keeps of `c`: leading zeros trimmed (data-dependent: this
    materializes `c`), [0] for the zero polynomial."""
    c = atleast_1d(_arr(c))
    if c.ndim > 1:
        raise ValueError("Polynomial must be 1d only.")
    t = trim_zeros(c, trim="f")
    return t if len(t) else zeros(1, c.dtype, device=c.device)


def polymul(a1, a2):
    """NumPy's polymul: through poly1d, so leading zeros are trimmed (materializes)."""
    return convolve(_poly1d_coeffs(a1), _poly1d_coeffs(a2))


def polyder(p, m=1):
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    p = _arr(p)
    if m == 0:
        return p
    n = len(p) - 1
    y = p[:-1] * arange(n, 0, -1, device=p.device)
    return polyder(y, m - 1)


def polyint(p, m=1, k=None):
    m = int(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    if k is None:
        k = _np.zeros(m, float)
    k = atleast_1d(_arr(k))
    if len(k) == 1 and m > 1:
        k = k[0] * ones(m, _dtypes.float32)
    if len(k) < m:
        raise ValueError("k must be a scalar or a rank-1 array of length 1 or >m.")
    p = _arr(p)
    if m == 0:
        return p
    y = concatenate((true_divide(p, arange(len(p), 0, -1, device=p.device)),
                        reshape(k[0], (1,))))
    return polyint(y, m - 1, k=k[1:])


def poly(seq_of_zeros):
    """On the host (NumPy; eigenvalues for a square matrix)."""
    return _host_call(_np.poly, seq_of_zeros)


def roots(p):
    """On the host (NumPy's companion-matrix eigenvalues); complex roots are complex64."""
    return _host_call(_np.roots, p)


def polydiv(u, v):
    """On the host (NumPy)."""
    return _host_call(_np.polydiv, u, v)


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """On the host (NumPy's lstsq in float64), the results narrowed to float32."""
    return _host_call(_np.polyfit, x, y, deg, rcond=rcond, full=full, w=_host_value(w),
                      cov=cov)
