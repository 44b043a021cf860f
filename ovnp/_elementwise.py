"""Elementwise math: each NumPy ufunc in one line through the ufunc factory."""

import numpy as _np

from ._ufunc import elementwise, ufunc

__all__ = ["add", "subtract", "multiply", "divide", "true_divide"]


def _binary(name, np_ufunc=None):
    np_ufunc = np_ufunc or getattr(_np, name)
    return ufunc(name, np_ufunc, elementwise(np_ufunc.__name__))


add = _binary("add")
subtract = _binary("subtract")
multiply = _binary("multiply")
true_divide = _binary("true_divide", _np.divide)
divide = true_divide
