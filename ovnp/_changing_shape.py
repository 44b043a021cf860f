"""Changing array shape (NumPy's grouping): reshape, ravel, and the methods reshape,
ravel and flatten. A view when NumPy would return one (see _layout.py)."""

import operator

import numpy as _np

from . import _ir
from ._layout import _fake, _memory_order, _strides, _view
from ._array import ndarray
from ._nodes import _arr, _reshape_node, _wrap
from ._transpose_like import transpose

__all__ = ["reshape", "ravel"]


def _resolve_shape(shape, size):
    if isinstance(shape, (int, _np.integer)) or (hasattr(shape, "__index__") and not isinstance(shape, (tuple, list))):
        shape = (operator.index(shape),)
    else:
        shape = tuple(operator.index(n) for n in shape)
    # NumPy takes any negative length as the unknown one.
    unknown = [i for i, n in enumerate(shape) if n < 0]
    if len(unknown) > 1:
        raise ValueError("can only specify one unknown dimension")
    if unknown:
        known = _ir.size_of(n for n in shape if n >= 0)
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape array of size {size} into shape {shape}")
        shape = tuple(size // known if n < 0 else n for n in shape)
    if any(n < 0 for n in shape) or _ir.size_of(shape) != size:
        raise ValueError(f"cannot reshape array of size {size} into shape {shape}")
    return shape


def _reshape_view(x, shape, order, copy=None):
    """x reshaped in C or F order: a view when NumPy would return one, else a copy."""
    try:
        strides = _np.reshape(_fake(x), shape, order=order, copy=False).strides
    except ValueError:
        strides = None
    if copy is False and strides is None:
        raise ValueError("Unable to avoid creating a copy while reshaping.")
    forward = lambda n: _reshape_node(n, shape, order)  # noqa: E731
    if strides is None or copy:
        return _wrap(forward(x._node))
    return _view(x, forward, lambda b, n: _reshape_node(n, b.shape, order), strides)


def reshape(a, /, shape=None, order="C", *, newshape=None, copy=None):
    if shape is None:
        if newshape is None:
            raise TypeError("reshape() missing 1 required positional argument: 'shape'")
        shape = newshape
    x = _arr(a)
    if order == "K":
        raise ValueError("order 'K' is not permitted for reshaping")
    if order not in ("C", "F", "A", None):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got '{order}')")
    shape = _resolve_shape(shape, x.size)
    return _reshape_view(x, shape, _memory_order(x, order or "C"), copy)


def ravel(a, order="C"):
    """A view only where NumPy's ravel returns one: a layout contiguous in `order` (not
    merely one that reshape(-1) could view, such as a flipped or strided 1-D array)."""
    x = _arr(a)
    if order not in ("C", "F", "A", "K", None):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got '{order}')")
    fake = _fake(x)
    copy = None if _np.may_share_memory(_np.ravel(fake, order=order or "C"), fake) else True
    order = _memory_order(x, order or "C")
    if order == "K":
        flags = fake.flags
        if flags.c_contiguous:
            order = "C"
        elif flags.f_contiguous:
            order = "F"
        else:  # memory order: axes by decreasing |stride| (NumPy's sorted stride perm)
            strides = _strides(x)
            perm = sorted(range(x.ndim), key=lambda i: -abs(strides[i]))
            return _reshape_view(transpose(x, perm), (x.size,), "C", copy)
    return _reshape_view(x, (x.size,), order, copy)


def _flatten_method(self, order="C"):
    return _wrap(ravel(self, order)._node)


def _reshape_method(self, *shape, order="C", copy=None):
    if len(shape) == 1 and not isinstance(shape[0], (int, _np.integer)):
        shape = shape[0]
    return reshape(self, shape, order=order, copy=copy)


def _ravel_method(self, order="C"):
    return ravel(self, order)


def _set_shape(self, shape):
    """`a.shape = s` reshapes `a` itself, where NumPy can without a copy (so views of
    contiguous arrays too); otherwise NumPy's AttributeError."""
    reshaped = reshape(self, _resolve_shape(shape, self.size))
    if reshaped._base is not self:
        raise AttributeError("Incompatible shape for in-place modification. Use `.reshape()` "
                             "to make a copy with the desired shape.")
    self._become(reshaped)


METHODS = {"reshape": _reshape_method, "ravel": _ravel_method, "flatten": _flatten_method,
           "shape": property(ndarray.shape.fget, _set_shape, doc="Tuple of array dimensions.")}
