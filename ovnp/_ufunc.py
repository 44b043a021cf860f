"""ufunc-like objects: NumPy's calling convention, type resolution and out=/where=.

Type resolution is NumPy's own (`numpy.ufunc.resolve_dtypes`, which treats Python
scalars as weak), narrowed by the 32-bit policy; NumPy's exceptions for unsupported
dtypes come from the same call, so they are NumPy's own types and messages.
"""

import numpy as _np

from . import _device, _dtypes, _ir
from ._array import ndarray
from ._creation import as_node

_RESOLVED: dict = {}
_WEAK = (bool, int, float)


def _operand_type(x):
    """dtype of an array operand, or the Python type of a weak scalar."""
    t = type(x)
    if t is ndarray:
        return x._node.dtype
    if t is bool:   # resolve_dtypes takes int and float as weak, and bool as bool
        return _dtypes.bool_
    if t in _WEAK:
        return t
    if isinstance(x, ndarray):
        return x._node.dtype
    if isinstance(x, _np.generic):
        return _dtypes.canonical(x.dtype)
    if isinstance(x, _np.ndarray):
        return _dtypes.canonical(x.dtype)
    if isinstance(x, (bool, int, float)):
        return _dtypes.bool_ if isinstance(x, bool) else int if isinstance(x, int) else float
    return _dtypes.canonical(_np.asarray(x).dtype)


def resolve(np_ufunc, types, dtype=None):
    """(input dtypes, output dtypes) NumPy would use, narrowed to 32 bits."""
    key = (np_ufunc, types, dtype)
    hit = _RESOLVED.get(key)
    if hit is None:
        outs = (None if dtype is None else _np.dtype(dtype),) * np_ufunc.nout
        sig = np_ufunc.resolve_dtypes(types + outs)
        hit = (tuple(map(_dtypes.canonical, sig[:np_ufunc.nin])),
               tuple(map(_dtypes.canonical, sig[np_ufunc.nin:])))
        _RESOLVED[key] = hit
    return hit


def operand_node(x, dtype, device):
    """`x` as a node of `dtype`: arrays are cast, Python scalars become constants."""
    t = type(x)
    if t in _WEAK:
        _dtypes.check_scalar_fits(x, dtype)
        return _ir.const(x, dtype, device)
    node = as_node(x, device)
    if node.dtype != dtype:
        node = _ir.Node("astype", (node,), (), node.shape, dtype, node.device)
    return node


def _array_nodes(args):
    return [a._node for a in args if isinstance(a, ndarray)]


class ufunc:
    """One NumPy ufunc: `emit(nodes, out_dtypes) -> output nodes` builds its IR."""

    def __init__(self, name, np_ufunc, emit, nin=None, nout=None):
        self.__name__ = name
        self._np = np_ufunc
        self._emit = emit
        self.nin = np_ufunc.nin if nin is None else nin
        self.nout = np_ufunc.nout if nout is None else nout
        self.nargs = self.nin + self.nout
        self.identity = np_ufunc.identity
        self.__doc__ = f"ovnp's {name}, computed lazily; see numpy.{np_ufunc.__name__}."

    def __repr__(self):
        return f"<ovnp.ufunc '{self.__name__}'>"

    def __call__(self, *args, out=None, where=True, dtype=None, casting="same_kind", **kwargs):
        if len(args) != self.nin:
            if len(args) == self.nin + self.nout and out is None:
                args, out = args[:self.nin], args[self.nin:]
            else:
                raise TypeError(f"{self.__name__}() takes from {self.nin} to {self.nargs} "
                                f"positional arguments but {len(args)} were given")
        in_dtypes, out_dtypes = resolve(self._np, tuple(map(_operand_type, args)), dtype)
        device = _device.common_device(_array_nodes(args)) or _device.resolve(None)
        nodes = [operand_node(a, d, device) for a, d in zip(args, in_dtypes)]
        results = self._emit(nodes, out_dtypes)
        if where is not True:
            results = _apply_where(where, results, out, device)
        if out is not None:
            outs = out if isinstance(out, tuple) else (out,)
            for o, r in zip(outs, results):
                write_out(o, r, casting, self._np)
            return outs[0] if self.nout == 1 else outs
        wrapped = tuple(ndarray._wrap(r) for r in results)
        return wrapped[0] if self.nout == 1 else wrapped


def _apply_where(where, results, out, device):
    mask = operand_node(where, _dtypes.bool_, device)
    outs = out if isinstance(out, tuple) else (out,) * len(results)
    chosen = []
    for r, o in zip(results, outs):
        shape = _ir.broadcast_shapes(mask.shape, r.shape)
        if o is not None:
            other = o._node
            if other.dtype != r.dtype:
                other = _ir.Node("astype", (other,), (), other.shape, r.dtype, other.device)
        else:  # NumPy leaves these elements uninitialized; ovnp fills them with zeros
            other = _ir.const(0, r.dtype, device)
        shape = _ir.broadcast_shapes(shape, other.shape)
        chosen.append(_ir.Node("where", (mask, r, other), (), shape, r.dtype, device))
    return chosen


def write_out(out, node, casting, np_ufunc=_np.add):
    """Store `node` into the array `out` as NumPy's out= does (casting, broadcasting)."""
    if not isinstance(out, ndarray):
        raise TypeError("return arrays must be of ArrayType")
    target = out._node
    if not _np.can_cast(node.dtype, target.dtype, casting):
        # NumPy's own exception type (a TypeError subclass) and message.
        raise _np._core._exceptions._UFuncOutputCastingError(
            np_ufunc, casting, node.dtype, target.dtype, 0)
    if node.shape != target.shape:
        if _ir.broadcast_shapes(node.shape, target.shape) != target.shape:
            raise ValueError(f"non-broadcastable output operand with shape {target.shape} "
                             f"doesn't match the broadcast shape {node.shape}")
        node = _ir.Node("broadcast_to", (node,), (), target.shape, node.dtype, node.device)
    if node.dtype != target.dtype:
        node = _ir.Node("astype", (node,), (), node.shape, target.dtype, node.device)
    out._assign(node)


def elementwise(name, shape_of=None):
    """emit() for an op whose output has the broadcast shape of its inputs."""
    def emit(nodes, out_dtypes):
        shape = _ir.broadcast_shapes(*(n.shape for n in nodes))
        return [_ir.Node(name, tuple(nodes), (), shape, out_dtypes[0], nodes[0].device)]
    return emit
