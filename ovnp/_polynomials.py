"""Polynomials (NumPy's power-series functions: poly1d and its module functions):
polyval, polyadd, polysub, polymul, polyder, polyint lazily on the device; poly, roots,
polydiv and polyfit on the host through NumPy (eigenvalues, lstsq in float64), narrowed.
poly1d holds its coefficients as an ovnp array and computes with these functions."""

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
           "polyint", "polyfit", "poly1d"]


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


class poly1d:
    """NumPy's one-dimensional polynomial class, with ovnp arrays for coefficients:
    evaluation and arithmetic are ovnp's functions above; leading zeros are trimmed on
    construction (a data-dependent length: the coefficients are materialized)."""

    __hash__ = None

    def __init__(self, c_or_r, r=False, variable=None):
        if isinstance(c_or_r, poly1d):
            self._coeffs, self._variable = c_or_r._coeffs, c_or_r._variable
            if variable is not None:
                self._variable = variable
            return
        if r:
            c_or_r = poly(c_or_r)
        self._coeffs = _poly1d_coeffs(c_or_r)
        self._variable = "x" if variable is None else variable

    @property
    def coeffs(self):
        """The coefficients, highest power first."""
        return self._coeffs

    @coeffs.setter
    def coeffs(self, value):
        if value is not self._coeffs:   # NumPy allows in-place changes only
            raise AttributeError("Cannot set attribute")

    variable = property(lambda self: self._variable, doc="The name of the variable.")
    order = property(lambda self: len(self._coeffs) - 1, doc="The order or degree.")
    roots = property(lambda self: roots(self._coeffs), doc="The roots (on the host).")
    r, o = roots, order
    c = coef = coefficients = coeffs

    def __array__(self, t=None, copy=None):
        value = _host_value(self._coeffs)
        return value.astype(t) if t is not None else _np.array(value)

    def __repr__(self):
        return f"poly1d({repr(_host_value(self._coeffs))[6:-1]})"

    def __str__(self):
        return str(_np.poly1d(_host_value(self._coeffs), variable=self._variable))

    def __call__(self, val):
        if isinstance(val, poly1d):
            result = poly1d(0)
            for pv in self._coeffs:
                result = result * val + pv
            return result
        return polyval(self._coeffs, val)

    def __len__(self):
        return self.order

    def __neg__(self):
        return poly1d(-self._coeffs)

    def __pos__(self):
        return self

    def __mul__(self, other):
        if _np.isscalar(other):
            return poly1d(self._coeffs * other)
        return poly1d(polymul(self._coeffs, poly1d(other)._coeffs))

    def __rmul__(self, other):
        if _np.isscalar(other):
            return poly1d(other * self._coeffs)
        return poly1d(polymul(poly1d(other)._coeffs, self._coeffs))

    def __add__(self, other):
        return poly1d(polyadd(self._coeffs, poly1d(other)._coeffs))

    def __radd__(self, other):
        return poly1d(polyadd(poly1d(other)._coeffs, self._coeffs))

    def __sub__(self, other):
        return poly1d(polysub(self._coeffs, poly1d(other)._coeffs))

    def __rsub__(self, other):
        return poly1d(polysub(poly1d(other)._coeffs, self._coeffs))

    def __pow__(self, val):
        if not _np.isscalar(val) or int(val) != val or val < 0:
            raise ValueError("Power to non-negative integers only.")
        result = poly1d([1])
        for _ in range(int(val)):
            result = result * self
        return result

    def __truediv__(self, other):
        if _np.isscalar(other):
            return poly1d(self._coeffs / other)
        q, rem = polydiv(self._coeffs, poly1d(other)._coeffs)
        return poly1d(q), poly1d(rem)

    def __rtruediv__(self, other):
        if _np.isscalar(other):
            return poly1d(other / self._coeffs)
        q, rem = polydiv(poly1d(other)._coeffs, self._coeffs)
        return poly1d(q), poly1d(rem)

    def __eq__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        return (self._coeffs.shape == other._coeffs.shape
                and bool((self._coeffs == other._coeffs).all()))

    def __ne__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        return not self == other

    def __getitem__(self, val):
        """The coefficient of x**val (0 beyond the order)."""
        if val > self.order or val < 0:
            return self._coeffs.dtype.type(0)
        return self._coeffs[self.order - val]

    def __setitem__(self, key, val):
        if key < 0:
            raise ValueError("Does not support negative powers.")
        if key > self.order:
            self._coeffs = concatenate(
                (zeros(key - self.order, self._coeffs.dtype, device=self._coeffs.device),
                 self._coeffs))
        self._coeffs[self.order - key] = val

    def __iter__(self):
        return iter(self._coeffs)

    def integ(self, m=1, k=0):
        """The m-th antiderivative, integration constants k."""
        return poly1d(polyint(self._coeffs, m=m, k=k))

    def deriv(self, m=1):
        """The m-th derivative."""
        return poly1d(polyder(self._coeffs, m=m))
