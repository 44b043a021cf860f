"""Shape manipulation: transpose, reshape, astype, and (issue 4) the rest."""

import numpy as _np

from . import _dtypes, _engine, _ir
from ._array import ndarray
from ._creation import as_node

__all__ = ["transpose", "permute_dims", "reshape", "swapaxes", "astype"]


def transpose(a, axes=None):
    node = as_node(a)
    ndim = len(node.shape)
    if axes is None:
        axes = tuple(range(ndim))[::-1]
    else:
        axes = tuple(_ir.normalize_axis(ax, ndim) for ax in axes)
        if len(axes) != ndim:
            raise ValueError("axes don't match array")
        if len(set(axes)) != ndim:
            raise ValueError("repeated axis in transpose")
    if axes == tuple(range(ndim)):
        return ndarray._wrap(node)
    shape = tuple(node.shape[i] for i in axes)
    return ndarray._wrap(_ir.Node("transpose", (node,), (axes,), shape, node.dtype, node.device))


permute_dims = transpose


def swapaxes(a, axis1, axis2):
    ndim = len(as_node(a).shape)
    axes = list(range(ndim))
    i, j = _ir.normalize_axis(axis1, ndim), _ir.normalize_axis(axis2, ndim)
    axes[i], axes[j] = axes[j], axes[i]
    return transpose(a, axes)


def _resolve_shape(shape, size):
    shape = (shape,) if isinstance(shape, (int, _np.integer)) else tuple(int(n) for n in shape)
    unknown = [i for i, n in enumerate(shape) if n == -1]
    if len(unknown) > 1:
        raise ValueError("can only specify one unknown dimension")
    if unknown:
        known = _ir.size_of(n for n in shape if n != -1)
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape array of size {size} into shape {shape}")
        shape = tuple(size // known if n == -1 else n for n in shape)
    if any(n < 0 for n in shape) or _ir.size_of(shape) != size:
        raise ValueError(f"cannot reshape array of size {size} into shape {shape}")
    return shape


def reshape(a, shape=None, order="C", *, newshape=None, copy=None):
    node = as_node(a)
    shape = _resolve_shape(shape if shape is not None else newshape, _ir.size_of(node.shape))
    if order not in ("C", "A"):
        raise NotImplementedError("reshape(order='F') comes with the manipulation issue")
    if shape == node.shape:
        return ndarray._wrap(node)
    return ndarray._wrap(_ir.Node("reshape", (node,), (), shape, node.dtype, node.device))


def astype(x, dtype, /, *, copy=True, device=None):
    node = as_node(x)
    dtype = _dtypes.canonical(dtype)
    if dtype == node.dtype:
        return ndarray._wrap(node)
    return ndarray._wrap(_ir.Node("astype", (node,), (), node.shape, dtype, node.device))


def _reshape_method(self, *shape, order="C", copy=None):
    if len(shape) == 1 and not isinstance(shape[0], (int, _np.integer)):
        shape = shape[0]
    return reshape(self, shape, order=order, copy=copy)


def _transpose_method(self, *axes):
    if len(axes) == 1 and (axes[0] is None or not isinstance(axes[0], (int, _np.integer))):
        axes = axes[0]
    return transpose(self, axes or None)


def _astype_method(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
    return astype(self, dtype)


def _copy_method(self, order="C"):
    # Arrays are handles on immutable nodes: a copy shares the node until either is
    # rebound by a write, so copying is free.
    return ndarray._wrap(self._node)


METHODS = {
    "reshape": _reshape_method,
    "transpose": _transpose_method,
    "swapaxes": swapaxes,
    "astype": _astype_method,
    "copy": _copy_method,
}


# Views are answered on the host once their input has a value (invariant 7).
_engine.HOST_OPS.update({
    "transpose": lambda node, x: _np.transpose(x, node.attrs[0]),
    "reshape": lambda node, x: _np.reshape(x, node.shape),
})
