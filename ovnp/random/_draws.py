"""What every draw of ovnp.random builds on: size and parameter checks as NumPy does
them, DATA leaves for parameters (so new values never recompile), and the result's
out= handling. Used by the distributions (_distributions.py) and the Generator."""

import operator

import numpy as _np

from .. import _dtypes, _ir
from .._array import ndarray

_F32 = _dtypes.float32
_I32 = _dtypes.int32


def _shape(size):
    if size is None:
        return None
    if isinstance(size, (int, _np.integer)):
        size = (size,)
    shape = tuple(operator.index(s) for s in size)
    if any(s < 0 for s in shape):
        raise ValueError("negative dimensions are not allowed")
    return shape


def _host(x, dtype=_np.float64):
    """A distribution parameter as a host array (ovnp arrays are computed for the checks)."""
    if isinstance(x, ndarray):
        x = x._value()
    return _np.asarray(x, dtype=dtype)


def _out_shape(size, params):
    shape = _shape(size)
    shapes = [p.shape for p in params]
    if shape is None:
        return _np.broadcast_shapes(*shapes) if shapes else ()
    try:
        ok = _np.broadcast_shapes(shape, *shapes) == shape
    except ValueError:
        ok = False
    if not ok:
        raise ValueError("shape mismatch: objects cannot be broadcast to a single shape")
    return shape


def _check(condition, message):
    with _np.errstate(invalid="ignore"):
        if _np.any(condition):
            raise ValueError(message)


def _node(op, inputs, shape, dtype=_F32, attrs=()):
    return _ir.Node(op, tuple(inputs), attrs, tuple(shape), _np.dtype(dtype), inputs[0].device)


def _leaf(values, dtype, device):
    """A DATA leaf (a Parameter: values never enter the compile key), 0-d kept 0-d."""
    return _ir.data(_np.array(values, dtype=dtype, order="C", copy=True), device)


def _affine(node, loc, scale):
    """loc + scale * node, with loc and scale as DATA leaves (no recompiles per value)."""
    device = node.device
    if scale is not None:
        s = _leaf(scale, _F32, device)
        node = _node("multiply", (node, s), node.shape)
    if loc is not None:
        m = _leaf(loc, _F32, device)
        node = _node("add", (node, m), node.shape)
    return node


def _float_dtype(dtype, method):
    d = _np.dtype(dtype)
    if d not in (_np.dtype(_np.float32), _np.dtype(_np.float64)):
        raise TypeError(f"Unsupported dtype {d!r} for {method}")
    return _F32


def _finish(node, out=None, size=None):
    if out is not None:
        if not isinstance(out, ndarray):
            raise TypeError("out must be an ovnp array")
        if size is not None and _shape(size) != out.shape:
            raise ValueError("size must match out.shape when used together")
        if out.dtype != node.dtype:
            raise TypeError(f"Supplied output array has the wrong type. Expected "
                            f"{node.dtype}, got {out.dtype}")
        out._assign(node)
        return out
    return ndarray._wrap(node)
