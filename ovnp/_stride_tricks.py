"""numpy.lib.stride_tricks.sliding_window_view, as a lazy strided gather.

NumPy's sliding window is a strided view: element [i..., j...] of the windows is
x.flat[offset + sum(index * stride)]. ovnp records that as one IR node, "as_strided"
(attrs: element strides and offset over x's C-order elements), whose lowering computes
the positions in the graph from iotas (no host array of positions) and gathers. A basic
index of such a view (`windows[::hop]`, the STFT's framing) is folded into the node:
NumPy itself indexes a stand-in with the same strides and reports the new shape,
strides and offset, so only the frames asked for are ever gathered.

Like NumPy's (writeable=False), the windows are read-only: a write raises NumPy's
ValueError. writeable=True is refused (NotImplementedError): overlapping windows that
write through are not supported.
"""

import operator

import numpy as _np

from . import _engine, _ir
from ._array import ndarray
from ._layout import ShapeView, _c_strides, _fake, _read_only, _strides
from ._nodes import _arr

__all__ = ["sliding_window_view"]

# 8-byte stand-in elements: strides and offsets in elements are byte counts / 8.
_STAND_IN = _np.zeros(1, _np.int64)
_ADDRESS = _STAND_IN.__array_interface__["data"][0]


def _strided(node, shape, strides, offset):
    return _ir.Node("as_strided", (node,), (tuple(strides), offset), tuple(shape), node.dtype,
                    node.device)


class _WindowView(ShapeView):
    """A read-only strided view of x's elements: `shape`, element `steps`, `offset`."""

    __slots__ = ("shape", "steps", "offset")

    def __init__(self, shape, steps, offset, strides):
        shape, steps = tuple(shape), tuple(steps)
        super().__init__(lambda base: _strided(base, shape, steps, offset), _read_only, strides)
        self.shape, self.steps, self.offset = shape, steps, offset

    def index(self, array, index):
        """array[index] for a basic index: the same view, narrowed (NumPy's errors)."""
        stand_in = _np.lib.stride_tricks.as_strided(
            _STAND_IN, self.shape, tuple(8 * s for s in self.steps), writeable=False)
        narrowed = stand_in[index]
        offset = self.offset + (narrowed.__array_interface__["data"][0] - _ADDRESS) // 8
        steps = tuple(s // 8 for s in narrowed.strides)
        strides = _fake(array)[index].strides
        return ndarray._view_of(array._base, _WindowView(narrowed.shape, steps, offset, strides))


def _axes(axis, ndim):
    """NumPy's normalize_axis_tuple(axis, ndim, allow_duplicate=True)."""
    if isinstance(axis, (tuple, list)):
        return tuple(_ir.normalize_axis(a, ndim) for a in axis)
    return (_ir.normalize_axis(axis, ndim),)


def sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False):
    window_shape = (tuple(window_shape) if _np.iterable(window_shape) else (window_shape,))
    window_shape = tuple(operator.index(w) for w in window_shape)
    if writeable:
        raise NotImplementedError("ovnp's sliding_window_view is read-only (writeable=False): "
                                  "windows that write through to x are not supported")
    x = _arr(x)
    if any(w < 0 for w in window_shape):
        raise ValueError("`window_shape` cannot contain negative values")
    if axis is None:
        axis = tuple(range(x.ndim))
        if len(window_shape) != len(axis):
            raise ValueError(f"Since axis is `None`, must provide window_shape for all "
                             f"dimensions of `x`; got {len(window_shape)} window_shape "
                             f"elements and `x.ndim` is {x.ndim}.")
    else:
        axis = _axes(axis, x.ndim)
        if len(window_shape) != len(axis):
            raise ValueError(f"Must provide matching length window_shape and axis; got "
                             f"{len(window_shape)} window_shape elements and {len(axis)} "
                             f"axes elements.")
    trimmed = list(x.shape)
    for ax, dim in zip(axis, window_shape):
        if trimmed[ax] < dim:
            raise ValueError("window shape cannot be larger than input array shape")
        trimmed[ax] -= dim - 1
    shape = tuple(trimmed) + window_shape
    steps = _c_strides(x.shape)
    steps = steps + tuple(steps[ax] for ax in axis)
    like = _np.lib.stride_tricks.sliding_window_view(_fake(x), window_shape, axis)
    view = _WindowView(shape, steps, 0, like.strides)
    return ndarray._view_of(x, view)


def _positions(node):
    """The flat positions an as_strided node reads (for reading it on the host)."""
    strides, offset = node.attrs
    pos = _np.full(node.shape, offset, dtype=_np.int64)
    for d, (n, s) in enumerate(zip(node.shape, strides)):
        axis = (_np.arange(n, dtype=_np.int64) * s).reshape((n,) + (1,) * (len(node.shape) - d - 1))
        pos = pos + axis
    return pos


# Reading windows of a computed array never compiles (invariant 7).
_engine.HOST_OPS["as_strided"] = lambda node, x: x.reshape(-1)[_positions(node)]
