"""The layer beneath the families: operands become IR nodes, results go into `out=`.

Every family builds on these and on nothing beside it: `asarray`/`as_node` (host data
becomes a DATA leaf), `operand_node` (an operand cast to a dtype, Python scalars as
constants), `write_out` (NumPy's out=: casting and broadcasting checked at the call),
and the small node builders that shape work shares (reshape, transpose, slice, concat,
gather, cast, broadcast). The NumPy host implementations of those shape ops live here
too, beside the builders (reading views never compiles: invariant 7).
"""

import operator
import warnings

import numpy as _np

from . import _device, _dtypes, _eager, _engine, _ir
from ._array import ndarray

_WEAK = (bool, int, float, complex)


# ---------------------------------------------------------------- operands

def asarray(obj, dtype=None, order=None, *, device=None, copy=None, like=None):
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
    array, wide = _dtypes.host_array_and_wide(obj, dtype)
    return ndarray._wrap(_ir.data(array, device, wide))


def as_node(x, device=None) -> _ir.Node:
    """The node of an ovnp array, or a data leaf for anything array-like."""
    if isinstance(x, ndarray):
        return x._node
    return asarray(x, device=device)._node


def _shape(shape):
    if isinstance(shape, (tuple, list)):
        shape = tuple(operator.index(n) for n in shape)
    else:
        shape = (operator.index(shape),)
    if any(n < 0 for n in shape):
        raise ValueError("negative dimensions are not allowed")
    return shape


def operand_node(x, dtype, device, wide=False):
    """`x` as a node of `dtype`: arrays are cast, Python scalars become constants.
    `wide`: NumPy casts x to int64 here (a uint32 cast to int32 is then checked)."""
    t = type(x)
    if t in _WEAK:
        _dtypes.check_scalar_fits(x, dtype)
        return _ir.const(x, dtype, device)
    node = as_node(x, device)
    if node.dtype != dtype:
        node = _ir.Node("astype", (node,), (), node.shape, dtype, node.device, None,
                        True if wide and dtype == _dtypes.int32 else None)
    return node


def warn_if_complex_to_real(source, target):
    """NumPy's ComplexWarning when a cast drops imaginary parts (not for bool)."""
    if source.kind == "c" and target.kind not in "cb":
        warnings.warn("Casting complex values to real discards the imaginary part",
                      _np.exceptions.ComplexWarning, stacklevel=3)


def write_out(out, node, casting, np_ufunc=_np.add):
    """Store `node` into the array `out` as NumPy's out= does (casting, broadcasting).

    `out` may be a NumPy array: a host buffer cannot hold a pending result, so the value
    is computed now and written into it (NumPy's casting rules, NumPy's errors)."""
    if isinstance(out, _np.ndarray):
        _write_host_out(out, node, casting, np_ufunc)
        return
    if not isinstance(out, ndarray):
        raise TypeError("return arrays must be of ArrayType")
    target = out._node
    _check_out(node, target.shape, target.dtype, casting, np_ufunc)
    if node.shape != target.shape:
        node = _ir.Node("broadcast_to", (node,), (), target.shape, node.dtype, node.device)
    if node.dtype != target.dtype:
        warn_if_complex_to_real(node.dtype, target.dtype)
        node = _ir.Node("astype", (node,), (), node.shape, target.dtype, node.device)
    out._assign(node)


def _check_out(node, shape, dtype, casting, np_ufunc):
    if not _np.can_cast(node.dtype, dtype, casting):
        # NumPy's own exception type (a TypeError subclass) and message.
        raise _np._core._exceptions._UFuncOutputCastingError(
            np_ufunc, casting, node.dtype, dtype, 0)
    if node.shape != shape and _ir.broadcast_shapes(node.shape, shape) != shape:
        raise ValueError(f"non-broadcastable output operand with shape {shape} "
                         f"doesn't match the broadcast shape {node.shape}")


def _write_host_out(out, node, casting, np_ufunc):
    if not out.flags.writeable:
        raise ValueError("output array is read-only")
    _check_out(node, out.shape, out.dtype, casting, np_ufunc)
    _engine.materialize([node])
    _np.copyto(out, node.value, casting="unsafe")


# ---------------------------------------------------------------- node builders

def _arr(a) -> ndarray:
    return a if isinstance(a, ndarray) else asarray(a)


def _node(op, inputs, attrs, shape, dtype=None):
    return _ir.Node(op, tuple(inputs), attrs, tuple(shape),
                    dtype if dtype is not None else inputs[0].dtype, inputs[0].device)


def _wrap(node):
    return ndarray._wrap(node)


def _transpose_node(n, axes):
    if tuple(axes) == tuple(range(len(n.shape))):
        return n
    return _node("transpose", (n,), (tuple(axes),), tuple(n.shape[i] for i in axes))


def _reshape_node(n, shape, order="C"):
    shape = tuple(shape)
    if shape == n.shape:
        return n
    if order == "F":
        rev = tuple(range(len(n.shape)))[::-1]
        flat = _reshape_node(_transpose_node(n, rev), shape[::-1])
        return _transpose_node(flat, tuple(range(len(shape)))[::-1])
    return _node("reshape", (n,), (), shape)


def _cast(n, dtype):
    return n if n.dtype == dtype else _node("astype", (n,), (), n.shape, dtype)


def _concat_nodes(nodes, axis, dtype):
    nodes = [_cast(n, dtype) for n in nodes]
    if len(nodes) == 1:
        return nodes[0]
    shape = list(nodes[0].shape)
    shape[axis] = sum(n.shape[axis] for n in nodes)
    return _node("concatenate", nodes, (axis,), shape, dtype)


def _slice_node(n, axis, start, stop, step=1):
    length = len(range(start, stop, step))
    if step == 1 and start == 0 and length == n.shape[axis]:
        return n
    shape = list(n.shape)
    shape[axis] = length
    return _node("slice_axis", (n,), (axis, start, stop, step), shape)


def _gather(n, axis, indices):
    idx = _ir.data(_np.ascontiguousarray(indices, dtype=_np.int32), n.device)
    shape = list(n.shape)
    shape[axis] = len(indices)
    if len(indices) == n.shape[axis] and (_np.asarray(indices) == _np.arange(len(indices))).all():
        return n
    return _node("gather_axis", (n, idx), (axis,), shape)


def _broadcast(node, shape):
    if node.shape == shape:
        return node
    return _ir.Node("broadcast_to", (node,), (), shape, node.dtype, node.device)


def _filled(shape, value, dtype, device, wide=False):
    return ndarray._wrap(_broadcast(_ir.const(value, dtype, device, wide), shape))


with_wide = _ir.with_wide


def _host_slice(node, x):
    axis, start, stop, step = node.attrs
    return x[(slice(None),) * axis + (slice(start, stop if stop >= 0 else None, step),)]


# Views (and cheap gathers/joins) are answered on the host once their inputs have
# values, so reading them never compiles (invariant 7).
_engine.HOST_OPS.update({
    "transpose": lambda node, x: _np.transpose(x, node.attrs[0]),
    "reshape": lambda node, x: _np.reshape(x, node.shape),
    # a copy: NumPy's broadcast is read-only, and OpenVINO cannot share read-only memory
    "broadcast_to": lambda node, x: _np.array(_np.broadcast_to(x, node.shape)),
    "slice_axis": _host_slice,
    "gather_axis": lambda node, x, i: _np.take(x, i, axis=node.attrs[0]),
    "concatenate": lambda node, *xs: _np.concatenate(xs, axis=node.attrs[0]),
})

# The same copies and views run eagerly on small computed CPU arrays (_eager.py): their
# values are NumPy's for every dtype.
_eager.OPS.update({op: _engine.HOST_OPS[op] for op in (
    "transpose", "reshape", "broadcast_to", "slice_axis", "gather_axis", "concatenate")})


def refuse_complex(name, *nodes):
    """NotImplementedError at call time for a routine ovnp computes for real data only."""
    if any(n.dtype.kind == "c" for n in nodes):
        raise NotImplementedError(f"ovnp's {name} does not support complex input yet "
                                  f"(see docs/differences.md)")


def _real_input(x):
    """x as an ovnp array, refusing dtypes the 32-bit policy refuses (its TypeError)."""
    x = _arr(x)
    _dtypes.canonical(x.dtype)
    return x
