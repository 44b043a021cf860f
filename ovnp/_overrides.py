"""Deferring to other libraries' `__array_ufunc__`, as NumPy does.

`numpy_array + series` gives a pandas Series: NumPy's ufunc sees that the Series
overrides ufuncs and lets `Series.__array_ufunc__` compute (keeping the index). An ovnp
ufunc does the same with an operand whose type overrides ufuncs (pandas, xarray, dask,
pint, ...): that type's `__array_ufunc__` gets NumPy's ufunc and the operands unchanged
(ovnp's arrays included, which it may hand back to ovnp), and its answer is the result.
NumPy's own arrays and scalars and ovnp's arrays are never deferred to.
"""

import numpy as _np

from ._array import ndarray

_OWN = (ndarray, _np.ndarray, _np.generic, bool, int, float, complex, type(None))


def overriding(operands):
    """The first operand whose type has its own __array_ufunc__, or None."""
    for x in operands:
        if isinstance(x, _OWN):
            continue
        override = getattr(type(x), "__array_ufunc__", None)
        if override is not None:
            return x
    return None


def defer(overrider, np_ufunc, method, inputs, kwargs):
    """The overriding operand's answer, or NumPy's TypeError when it declines."""
    result = type(overrider).__array_ufunc__(overrider, np_ufunc, method, *inputs, **kwargs)
    if result is NotImplemented:
        names = ", ".join(repr(type(x).__name__) for x in inputs)
        raise TypeError(f"operand type(s) all returned NotImplemented from "
                        f"__array_ufunc__({np_ufunc!r}, {method!r}, {names}): {names}")
    return result
