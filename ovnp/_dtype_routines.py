"""Data type routines (NumPy's grouping): can_cast, promote_types, min_scalar_type,
result_type, common_type, finfo, iinfo, isdtype, issubdtype, mintypecode, typename.
Answers are NumPy's, narrowed by the 32-bit policy (see docs/dtypes.md)."""

import numpy as _np

from . import _dtypes
from ._array import ndarray

__all__ = ["can_cast", "promote_types", "min_scalar_type", "result_type", "common_type",
           "finfo", "iinfo", "isdtype", "issubdtype", "mintypecode", "typename"]


_KINDS = {
    "bool": lambda d: d.kind == "b",
    "signed integer": lambda d: d.kind == "i",
    "unsigned integer": lambda d: d.kind == "u",
    "integral": lambda d: d.kind in "iu",
    "real floating": lambda d: d.kind == "f",
    "complex floating": lambda d: d.kind == "c",
    "numeric": lambda d: d.kind in "iuf",
}


def isdtype(dtype, kind):
    dtype = _np.dtype(dtype)
    if isinstance(kind, tuple):
        return any(isdtype(dtype, k) for k in kind)
    if isinstance(kind, str):
        if kind not in _KINDS:
            raise ValueError(f"kind argument must be one of {sorted(_KINDS)}, not {kind!r}")
        return _KINDS[kind](dtype)
    return dtype == _np.dtype(kind)


def _dtype_of(x):
    return x.dtype if isinstance(x, (ndarray, _np.ndarray)) else _dtypes.canonical(x)


def finfo(type, /):  # noqa: A002  (the Array API's parameter name)
    return _np.finfo(_dtype_of(type))


def iinfo(type, /):  # noqa: A002
    return _np.iinfo(_dtype_of(type))


def result_type(*arrays_and_dtypes):
    return _dtypes.result_type(*arrays_and_dtypes)


def can_cast(from_, to, /, casting="safe"):
    source = from_.dtype if isinstance(from_, ndarray) else _dtypes.canonical(from_)
    return bool(_np.can_cast(source, _dtypes.canonical(to), casting=casting))


def promote_types(type1, type2):
    return _dtypes.canonical(_np.promote_types(type1, type2))


def issubdtype(arg1, arg2):
    return _np.issubdtype(arg1, arg2)


def _proxy(a):
    """Something with `a`'s dtype for NumPy's dtype-only helpers (no values needed)."""
    if isinstance(a, ndarray):
        return _np.empty(0, a.dtype)
    return a


def common_type(*arrays):
    return _dtypes.canonical(_np.common_type(*map(_proxy, arrays))).type


def min_scalar_type(a, /):
    if isinstance(a, ndarray):
        if a.ndim:
            return a.dtype
        a = a._value()
    d = _np.min_scalar_type(a)
    target = _dtypes.canonical(d)
    if d.kind in "iu" and target != d:
        _dtypes.check_int_range(_np.asarray(a), target)
    return target


def mintypecode(typechars, typeset="GDFgdf", default="d"):
    code = _np.mintypecode(typechars, typeset, default)
    return _dtypes.canonical(_np.dtype(code)).char


def typename(char):
    return _np.typename(char)
