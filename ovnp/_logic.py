"""Logic functions (NumPy's grouping) that are not ufuncs: truth tests over whole
arrays (allclose, array_equal, array_equiv), closeness (isclose), infinities
(isposinf, isneginf, isnat) and array type testing (isreal, iscomplex, isrealobj,
iscomplexobj, isscalar, isfortran, iterable). The logic ufuncs (logical_and, isnan,
greater, ...) are in _elementwise.py, all/any in _reductions.py.
"""

import builtins

import numpy as _np

from . import _dtypes, _ir
from ._array import ndarray
from ._creation import full
from ._elementwise import (absolute, add, equal, greater, imag, isfinite, isinf, isnan, less,
                           less_equal, logical_and, multiply, not_equal, subtract)
from ._indexing_routines import where
from ._nodes import _arr, _real_input
from ._reductions import all as _all
from ._reductions import any as _any

__all__ = [
    "isclose", "allclose", "array_equal", "array_equiv", "isposinf", "isneginf", "isnat",
    "isreal", "iscomplex", "isrealobj", "iscomplexobj", "isscalar", "isfortran", "iterable",
]


def _not_complex(x):
    if x.dtype.kind == "c":
        raise TypeError("This operation is not supported for complex values because it "
                        "would be ambiguous.")


def isposinf(x, out=None):
    x = _arr(x)
    _not_complex(x)
    if x.dtype.kind != "f":
        return logical_and(isinf(x), False, out=out)
    return logical_and(isinf(x), greater(x, 0), out=out)


def isneginf(x, out=None):
    x = _arr(x)
    _not_complex(x)
    if x.dtype.kind != "f":
        return logical_and(isinf(x), False, out=out)
    return logical_and(isinf(x), less(x, 0), out=out)


def iscomplexobj(x):
    if isinstance(x, ndarray):
        return x.dtype.kind == "c"
    return _np.iscomplexobj(x)


def isrealobj(x):
    return not iscomplexobj(x)


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """NumPy's isclose: |a - b| <= atol + rtol * |b|, inf only equal to itself."""
    # NumPy computes in float64: a Python int beyond int32 is compared as a float, not
    # refused by the 32-bit policy (isclose(int32_arr, 2**40) is all False)
    a, b = (float(v) if type(v) is int and not -2 ** 31 <= v < 2 ** 31 else v for v in (a, b))
    a, b = _arr(a), _arr(b)
    dtype = _dtypes.result_type(a.dtype, b.dtype, 1.0)
    x, y = a.astype(dtype), b.astype(dtype)
    finite = isfinite(x) & isfinite(y)
    close = less_equal(absolute(subtract(x, y)), add(atol, multiply(rtol, absolute(y))))
    result = where(finite, close, equal(x, y))
    if equal_nan:
        result = result | (isnan(x) & isnan(y))
    return result


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return builtins.bool(_all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def array_equal(a1, a2, equal_nan=False):
    try:
        a, b = _arr(a1), _arr(a2)
    except Exception:  # noqa: BLE001
        return False
    if a.shape != b.shape:
        return False
    if a.size == 0:
        return True
    eq = equal(a, b)
    if equal_nan and a.dtype.kind == "f" and b.dtype.kind == "f":
        eq = eq | (isnan(a) & isnan(b))
    return builtins.bool(_all(eq))


def array_equiv(a1, a2):
    try:
        a, b = _arr(a1), _arr(a2)
    except Exception:  # noqa: BLE001
        return False
    try:
        _ir.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        return False
    if a.size == 0 or b.size == 0:
        return True
    return builtins.bool(_all(equal(a, b)))


def isscalar(element):
    return _np.isscalar(element)


def iterable(y):
    if isinstance(y, ndarray):
        return y.ndim > 0
    return _np.iterable(y)


def isfortran(a):
    """ovnp arrays are laid out in C order (the layout is not observable): False."""
    if not isinstance(a, ndarray):
        raise AttributeError(f"'{type(a).__name__}' object has no attribute 'flags'")
    return False


def isreal(x):
    """NumPy's imag(x) == 0 (True everywhere for real input)."""
    x = _arr(x)
    if x.dtype.kind == "c":
        return equal(imag(x), 0)
    return full(x.shape, True, dtype=_dtypes.bool_, device=x.device)


def iscomplex(x):
    x = _arr(x)
    if x.dtype.kind == "c":
        return not_equal(imag(x), 0)
    return full(x.shape, False, dtype=_dtypes.bool_, device=x.device)


def isnat(x, /, *args, **kwargs):
    x = _real_input(x)
    raise TypeError("ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.")


def _contains(self, value):
    """`value in a`: (a == value).any(), as NumPy's ndarray.__contains__."""
    return bool(_any(equal(self, value)))


METHODS = {"__contains__": _contains}
