"""Views and the memory layout they stand for.

NumPy's reshape/ravel (when no copy is needed), transpose, squeeze, expand_dims,
broadcast_to and flip return views that share memory with their base. ovnp returns
views too (`ndarray._view_of`): reading one computes `forward(base)`, and an in-place
write to one rebinds the base to `backward(base, new)`, so writes go through in both
directions.

Whether NumPy would return a view or a copy depends on the memory layout. ovnp keeps,
for each of its views, the strides (in elements) of the NumPy array it stands for, and
asks NumPy itself on a zero-memory strided stand-in (`_fake`) whether a reshape needs a
copy and what `order='A'`/`'K'` mean. Arrays that own their node are C-contiguous.
"""

import numpy as _np

from ._array import View, ndarray


class ShapeView(View):
    """A View that also knows the strides (in elements) of the NumPy view it mirrors."""

    __slots__ = ("strides",)

    def __init__(self, forward, backward, strides):
        super().__init__(forward, backward)
        self.strides = strides


def _c_strides(shape):
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return tuple(reversed(strides))


def _strides(x):
    if isinstance(x, ndarray) and x._base is not None:
        strides = getattr(x._view, "strides", None)
        if strides is not None:
            return strides
    return _c_strides(x.shape)


_BUFFER = _np.zeros(1, _np.uint8)


def _fake(x):
    """A NumPy array with x's shape and strides over a 1-byte buffer: for asking NumPy
    about layouts (flags, no-copy reshapes) only, never for reading."""
    return _np.lib.stride_tricks.as_strided(_BUFFER, x.shape, _strides(x), writeable=False)


def _view(x, forward, backward, strides):
    return ndarray._view_of(x, ShapeView(forward, backward, tuple(strides)))


def _read_only(base, node):
    raise ValueError("assignment destination is read-only")


def _memory_order(x, order):
    """'A' -> 'F' for an F- but not C-contiguous layout, else 'C'."""
    if order == "A":
        flags = _fake(x).flags
        return "F" if flags.f_contiguous and not flags.c_contiguous else "C"
    return order
