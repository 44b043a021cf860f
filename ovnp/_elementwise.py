"""Elementwise math: each NumPy ufunc in one line through the ufunc factory.

The IR op of each ufunc is NumPy's ufunc name; its lowering (ovnp/_backend/
lower_elementwise.py) restores NumPy's semantics on top of OpenVINO.
"""

import numpy as _np

from . import _device, _dtypes, _ir
from ._array import ndarray
from ._ufunc import elementwise, operand_node, ufunc


def _ufunc(name, np_name=None):
    np_ufunc = getattr(_np, np_name or name)
    return ufunc(name, np_ufunc, elementwise(np_ufunc.__name__))


_UFUNCS = {
    # arithmetic
    "add": None, "subtract": None, "multiply": None, "divide": None, "true_divide": "divide",
    "negative": None, "positive": None, "absolute": None, "power": None, "square": None,
    "sqrt": None,
    # exponents, logs, trigonometry
    "exp": None, "log": None, "sin": None, "cos": None, "tanh": None,
    # rounding
    "floor": None, "ceil": None,
    # comparison and logic
    "equal": None, "not_equal": None, "less": None, "less_equal": None, "greater": None,
    "greater_equal": None, "logical_and": None, "logical_or": None, "logical_xor": None,
    "logical_not": None,
    # extremes and floating point
    "maximum": None, "minimum": None, "isnan": None, "isinf": None, "isfinite": None,
}
globals().update({name: _ufunc(name, np_name) for name, np_name in _UFUNCS.items()})
abs = absolute  # noqa: A001,F821
pow = power  # noqa: A001,F821


def where(condition, x=None, y=None, /):
    """NumPy's where(condition, x, y); the one-argument form belongs to indexing."""
    if x is None and y is None:
        from ._indexing import nonzero
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError("either both or neither of x and y should be given")
    dtype = _dtypes.result_type(*(a if not isinstance(a, ndarray) else a.dtype for a in (x, y)))
    nodes = [a._node for a in (condition, x, y) if isinstance(a, ndarray)]
    device = _device.common_device(nodes) or _device.resolve(None)
    c = operand_node(condition, _dtypes.bool_, device)
    a, b = operand_node(x, dtype, device), operand_node(y, dtype, device)
    shape = _ir.broadcast_shapes(c.shape, a.shape, b.shape)
    return ndarray._wrap(_ir.Node("where", (c, a, b), (), shape, dtype, device))


__all__ = list(_UFUNCS) + ["abs", "pow", "where"]
