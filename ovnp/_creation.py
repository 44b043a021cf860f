"""Creating arrays: from host data, and (issue 4) from shapes and ranges."""

import numpy as _np

from . import _device, _dtypes, _ir
from ._array import ndarray

__all__ = ["asarray", "array"]


def asarray(obj, dtype=None, device=None, copy=None):
    """An ovnp array holding `obj` (NumPy array, scalar, nested list or ovnp array).

    Host data is always copied into ovnp's own buffer, so mutating `obj` later never
    changes ovnp's results; `copy=False` for host data therefore raises ValueError.
    """
    if isinstance(obj, ndarray):
        if device is not None and _device.resolve(device) != obj.device:
            obj = obj.to_device(device)
        if dtype is not None and _dtypes.canonical(dtype) != obj.dtype:
            if copy is False:
                raise ValueError("Unable to avoid copy while creating an array as requested.")
            return obj.astype(dtype)
        return obj.copy() if copy else obj
    if copy is False:
        raise ValueError(
            "Unable to avoid copy while creating an array as requested: ovnp keeps its own "
            "copy of host data (see docs/lazy.md)")
    device = _device.resolve(device)
    return ndarray._wrap(_ir.data(_dtypes.to_host_array(obj, dtype), device))


def array(obj, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, like=None, device=None):
    result = asarray(obj, dtype=dtype, device=device, copy=copy)
    if ndmin > result.ndim:
        result = result.reshape((1,) * (ndmin - result.ndim) + result.shape)
    return result


def as_node(x, device=None) -> _ir.Node:
    """The node of an ovnp array, or a data leaf for anything array-like."""
    if isinstance(x, ndarray):
        return x._node
    return asarray(x, device=device)._node
