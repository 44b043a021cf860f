"""Changing kind of array (NumPy's grouping, array manipulation): asfortranarray,
asarray_chkfinite, require. (asarray, asanyarray and ascontiguousarray, which NumPy
also lists under array creation, are in _creation.py.) ovnp has one memory layout, so
these check their arguments like NumPy and return C-ordered arrays."""

from ._array import ndarray
from ._changing_dims import atleast_1d
from ._creation import array
from ._elementwise import isfinite
from ._nodes import _arr, asarray

__all__ = ["asfortranarray", "asarray_chkfinite", "require"]


def asarray_chkfinite(a, dtype=None, order=None):
    a = asarray(a, dtype=dtype)
    if a.dtype.kind == "f" and not bool(isfinite(a).all()):
        raise ValueError("array must not contain infs or NaNs")
    return a


def asfortranarray(a, dtype=None, *, like=None):
    """ovnp has no memory layout to choose; like NumPy, the result has ndim >= 1."""
    return array(a, dtype=dtype, copy=None, ndmin=1) if not isinstance(a, ndarray) \
        else (atleast_1d(a) if dtype is None else atleast_1d(a.astype(dtype)))


_REQUIREMENTS = {"C": "C", "C_CONTIGUOUS": "C", "CONTIGUOUS": "C", "F": "F",
                 "F_CONTIGUOUS": "F", "FORTRAN": "F", "A": "A", "ALIGNED": "A", "W": "W",
                 "WRITEABLE": "W", "O": "O", "OWNDATA": "O", "E": "E", "ENSUREARRAY": "E"}


def require(a, dtype=None, requirements=None, *, like=None):
    if requirements:
        reqs = {_REQUIREMENTS[str(r).upper()] for r in requirements}
        if "C" in reqs and "F" in reqs:
            raise ValueError("Cannot specify both 'C' and 'F' order")
    a = _arr(a) if dtype is None else asarray(a, dtype=dtype)
    return a
