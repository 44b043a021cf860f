"""Memory ranges (NumPy's grouping): shares_memory, may_share_memory; and the ndarray
attributes that describe memory: base, strides, flags.

An ovnp array has no buffer of its own to point into: it is a handle on a node, and a
view is a handle on its base's node (_array.py). So "memory" here means what NumPy's
means to a program: elements that a write through one array changes in the other. An
ovnp array never shares elements with a NumPy array (ovnp copies data in and out), and
two ovnp arrays share elements only when both are views of one array (the same `base`,
or one is the other's base). `strides` and `flags` describe the NumPy layout the view
stands for (_layout.py), which is what decides, as in NumPy, whether a reshape is a view.
"""

import numpy as _np

from . import _ir
from ._array import ndarray
from ._layout import _c_strides

__all__ = ["shares_memory", "may_share_memory"]


def _root(x):
    while x._base is not None:
        x = x._base
    return x


def _base(self):
    """The array this view was made from (the one that owns the elements, as NumPy's
    `base` is since NumPy 1.7), or None for an array that owns its elements."""
    return None if self._base is None else _root(self)


def _element_strides(x):
    """Elements to step in each dimension of x's base, for the NumPy view x stands for.

    Every NumPy view is affine in its base's flat positions, so the positions x reads
    (_elements) give its strides exactly, broadcast (0) and reversed (< 0) ones
    included. A dimension of length 1 never steps: it gets its C-contiguous stride.
    """
    c_strides = _c_strides(x.shape)
    if x._base is None or x.size == 0:
        return c_strides
    positions = _elements(x)
    origin = positions[(0,) * x.ndim]
    strides = list(c_strides)
    for d, n in enumerate(x.shape):
        if n > 1:
            strides[d] = int(positions[(0,) * d + (1,) + (0,) * (x.ndim - d - 1)] - origin)
    return tuple(strides)


def _strides(self):
    """Bytes to step in each dimension, of the NumPy array this array stands for."""
    return tuple(s * self.itemsize for s in _element_strides(self))


class flagsobj:
    """NumPy's `ndarray.flags`, truthful about ovnp: the layout flags are those of the
    NumPy array the view stands for; every ovnp array is writeable and aligned; OWNDATA
    is True for an array that is not a view. The flags cannot be set (an ovnp array
    cannot be made read-only)."""

    __slots__ = ("c_contiguous", "f_contiguous", "owndata")
    writeable = True
    aligned = True
    writebackifcopy = False
    _KEYS = {"C": "c_contiguous", "C_CONTIGUOUS": "c_contiguous", "CONTIGUOUS": "c_contiguous",
             "F": "f_contiguous", "F_CONTIGUOUS": "f_contiguous", "FORTRAN": "f_contiguous",
             "W": "writeable", "WRITEABLE": "writeable", "A": "aligned", "ALIGNED": "aligned",
             "O": "owndata", "OWNDATA": "owndata", "X": "writebackifcopy",
             "WRITEBACKIFCOPY": "writebackifcopy"}

    def __init__(self, array):
        layout = _np.lib.stride_tricks.as_strided(
            _np.zeros(1, _np.uint8), array.shape, _element_strides(array), writeable=False).flags
        self.c_contiguous = layout.c_contiguous
        self.f_contiguous = layout.f_contiguous
        self.owndata = array._base is None

    contiguous = property(lambda self: self.c_contiguous)
    fortran = property(lambda self: self.f_contiguous and not self.c_contiguous)
    forc = property(lambda self: self.c_contiguous or self.f_contiguous)
    fnc = property(lambda self: self.f_contiguous and not self.c_contiguous)
    behaved = property(lambda self: True)
    carray = property(lambda self: self.c_contiguous)
    farray = property(lambda self: self.fortran)

    def __getitem__(self, key):
        name = self._KEYS.get(key)
        if name is None:
            raise KeyError("Unknown flag")
        return getattr(self, name)

    def __setitem__(self, key, value):
        raise ValueError("ovnp arrays are always writeable; their flags cannot be set")

    def __repr__(self):
        names = ("C_CONTIGUOUS", "F_CONTIGUOUS", "OWNDATA", "WRITEABLE", "ALIGNED",
                 "WRITEBACKIFCOPY")
        return "\n".join(f"  {n} : {self[n]}" for n in names)


def _flags(self):
    return flagsobj(self)


def _elements(x):
    """The flat positions of x's elements in its root array (a host array)."""
    root = _root(x)
    chain = []
    a = x
    while a is not root:
        chain.append(a)
        a = a._base
    size = _ir.size_of(root.shape)
    node = _ir.data(_np.arange(size, dtype=_np.int32 if size < 2**31 else _np.int64)
                    .reshape(root.shape), root.device)
    for view in reversed(chain):
        node = view._view.forward(node)   # the same view, read from a grid of positions
    return ndarray._wrap(node)._value()


def _same_base(a, b):
    return isinstance(a, ndarray) and isinstance(b, ndarray) and _root(a) is _root(b)


def may_share_memory(a, b, /, max_work=None):
    """NumPy's bounds check: whether the ranges of base elements `a` and `b` span overlap.
    Only ovnp arrays with one base can (see the module docstring); never NumPy arrays."""
    if not _same_base(a, b) or a.size == 0 or b.size == 0:
        return False
    ea, eb = _elements(a), _elements(b)
    return bool(ea.min() <= eb.max() and eb.min() <= ea.max())


def shares_memory(a, b, /, max_work=None):
    """Whether a write through `a` changes an element of `b`, exactly: the positions both
    views read from their base are compared (on the host; no device runs)."""
    if not _same_base(a, b) or a.size == 0 or b.size == 0:
        return False
    return bool(_np.intersect1d(_elements(a), _elements(b)).size)


def _delitem(self, key):
    raise ValueError("cannot delete array elements")


METHODS = {"base": property(_base), "strides": property(_strides),
           "flags": property(_flags), "__delitem__": _delitem}
