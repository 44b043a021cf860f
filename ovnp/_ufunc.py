"""ufunc-like objects: NumPy's calling convention, type resolution and out=/where=.

Type resolution is NumPy's own (`numpy.ufunc.resolve_dtypes`, which treats Python
scalars as weak), narrowed by the 32-bit policy; NumPy's exceptions for unsupported
dtypes come from the same call, so they are NumPy's own types and messages.
"""

import numpy as _np

from . import _device, _dtypes, _eager, _ir, _namespace, _overrides
from ._array import ndarray
from ._changing_shape import reshape
from ._nodes import _WEAK, _cast, as_node, asarray, operand_node, write_out

_RESOLVED: dict = {}
_NoValue = _np._NoValue
_Node = _ir.Node
_const = _ir.const
_new = object.__new__
_eager_run = _eager.run     # small computed CPU operands: computed at once (_eager.py)
_F32 = _np.dtype(_np.float32)
_I32 = _np.dtype(_np.int32)
# A wide operand (int32 of int64 origin, Node.wide) enters type resolution and plan keys
# as the int64 NumPy holds it, so the result is wide exactly where NumPy's is int64.
_I64 = _np.dtype(_np.int64)
_with_wide = _ir.with_wide


class _WeakKind:
    """A weak Python scalar's place in a plan key: equal to nothing but itself (a dtype
    compares equal to the type `float` or the string "float", so these cannot be keys)."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<weak {self.name}>"


_WEAK_KEYS = {bool: _WeakKind("bool"), int: _WeakKind("int"), float: _WeakKind("float"),
              complex: _WeakKind("complex")}
# what resolve() takes for each: int and float are weak, bool is bool (see _operand_type)
_KEY_TYPE = {_WEAK_KEYS[bool]: _dtypes.bool_, _WEAK_KEYS[int]: int, _WEAK_KEYS[float]: float,
             _WEAK_KEYS[complex]: complex}


def _operand_type(x):
    """dtype of an array operand, or the Python type of a weak scalar."""
    t = type(x)
    if t is ndarray:
        n = x._node
        return _I64 if n.wide else n.dtype
    if t is bool:   # resolve_dtypes takes int and float as weak, and bool as bool
        return _dtypes.bool_
    if t in _WEAK:
        return t
    if isinstance(x, ndarray):
        n = x._node
        return _I64 if n.wide else n.dtype
    if isinstance(x, (_np.generic, _np.ndarray)):
        return _I64 if _dtypes.is_wide(x.dtype) else _dtypes.canonical(x.dtype)
    if isinstance(x, (bool, int, float, complex)):
        return (_dtypes.bool_ if isinstance(x, bool) else int if isinstance(x, int)
                else float if isinstance(x, float) else complex)
    return _dtypes.canonical(_np.asarray(x).dtype)


def resolve(np_ufunc, types, dtype=None):
    """(input dtypes, output dtypes) NumPy would use, narrowed to 32 bits."""
    return resolve_wide(np_ufunc, types, dtype)[:2]


def resolve_wide(np_ufunc, types, dtype=None):
    """resolve()'s dtypes, then whether each input and each output is NumPy's int64
    (Node.wide: an int32 result of int64 origin, checked rather than wrapped)."""
    key = (np_ufunc, types, dtype)
    hit = _RESOLVED.get(key)
    if hit is None:
        outs = (None,) * np_ufunc.nout
        if dtype is None:
            sig = np_ufunc.resolve_dtypes(types + outs)
        else:   # dtype= is NumPy's signature=(None, ..., dtype)
            sig = np_ufunc.resolve_dtypes(
                types + outs, signature=(None,) * np_ufunc.nin + (_np.dtype(dtype),) * np_ufunc.nout)
        wide_out = tuple(map(_dtypes.is_wide, sig[np_ufunc.nin:]))
        # an input cast to int64 for an int64 result is checked (a uint32 >= 2**31 does
        # not fit int32); ldexp's int64 exponent and comparisons handle theirs themselves
        wide_in = tuple(map(_dtypes.is_wide, sig[:np_ufunc.nin])) if any(wide_out) else \
            (False,) * np_ufunc.nin
        hit = (tuple(map(_dtypes.canonical, sig[:np_ufunc.nin])),
               tuple(map(_dtypes.canonical, sig[np_ufunc.nin:])), wide_in, wide_out)
        _RESOLVED[key] = hit
    return hit


def _array_nodes(args):
    return [a._node for a in args if isinstance(a, ndarray)]


# NumPy float scalars (x * numpy.float32(0.5)) take the fast path. Their plan key is
# their dtype under the 32-bit policy: NumPy 2 types them as 0-d arrays (not weak), so
# float16 * float32 scalar is float32. Their value becomes a constant of that dtype, as
# a Python float's does: no new leaf or Parameter per operation (W15: a new 0-d leaf
# for each of 2,000 ops cost 1.7x NumPy's time, where constants fuse), and the same
# key for the same values (a loop over changing values compiles as with Python floats).
_NP_FLOAT_SCALARS = {t: _dtypes.canonical(_np.dtype(t)) for t in (_np.float16, _np.float32,
                                                                 _np.float64)}


class ufunc:
    """One NumPy ufunc: `emit(nodes, out_dtypes) -> output nodes` builds its IR.

    `check(args, in_dtypes)` (optional) raises NumPy's call-time errors that depend on
    the values (power's negative integer exponents).
    """

    def __init__(self, name, np_ufunc, emit, nin=None, nout=None, check=None):
        self.__name__ = name
        self._np = np_ufunc
        self._emit = emit
        self._check = check
        self.nin = np_ufunc.nin if nin is None else nin
        self.nout = np_ufunc.nout if nout is None else nout
        self.nargs = self.nin + self.nout
        self.identity = np_ufunc.identity
        self.ntypes = np_ufunc.ntypes
        self.signature = None
        self._op = getattr(emit, "op", None)   # a plain elementwise op: built inline
        self._eager = _eager.FLOAT_UFUNCS.get(self._op)     # float32 NumPy, at once
        self._plans = {}
        self.__doc__ = f"ovnp's {name}, computed lazily; see numpy.{np_ufunc.__name__}."

    def __repr__(self):
        return f"<ovnp.ufunc '{self.__name__}'>"

    def __call__(self, *args, **kwargs):
        if not kwargs and len(args) == self.nin:
            if self.nin == 2:
                return self._fast2(args[0], args[1])
            if self.nin == 1:
                return self._fast1(args[0])
        return self._call(*args, **kwargs)

    # ------------------------------------------------------------ the fast path
    # A call with no keyword arguments whose operands are ovnp arrays (of type ndarray
    # exactly) or Python bool/int/float scalars looks its resolved dtypes up in one dict
    # keyed on the operands' dtypes and scalar kinds (`_plans`). A missing plan, another
    # operand type or arrays on different devices take the general path (`_call`), which
    # raises NumPy's errors; a plan is stored only after the general path succeeded for
    # that key, so every error still comes from the general path.

    def _learn(self, key, args):
        """The general path's result; then the plan for `key` (a dtype for one operand,
        a tuple of dtypes and weak kinds for two)."""
        result = self._call(*args)
        kinds = key if type(key) is tuple else (key,)
        types = tuple(_KEY_TYPE[k] if type(k) is _WeakKind else k for k in kinds)
        in_dtypes, out_dtypes, wide_in, wide_out = resolve_wide(self._np, types)
        # (dtype per input, output dtypes, int64 origin per input, per output)
        self._plans[key] = in_dtypes + (out_dtypes,) + wide_in + (wide_out,)
        return result

    def _fast1(self, a):
        if type(a) is not ndarray:
            return self._call(a)
        na = a._node_ if a._base is None else a._node
        kd = na.dtype
        key = _I64 if na.wide else kd
        plan = self._plans.get(key)
        if plan is None:
            return self._learn(key, (a,))
        d = plan[0]
        eager = _eager.MODE == "auto" and na.device == "CPU"     # else: record only
        if eager and d is _F32 and key is d and self._eager is not None:
            node = _eager.unary(self._eager, self._op, na, plan[1][0])
            eager = node is not _eager.LAZY
            if eager and node is not None:
                r = _new(ndarray)
                r._node_ = node
                r._base = None
                return r
        if kd is not d and kd != d:
            na = _Node("astype", (na,), (), na.shape, d, na.device, None, plan[2] or None)
        if self._check is not None:
            self._check([na])
        op = self._op
        if op is None:
            return self._wrap_results(_marked(self._emit([na], plan[1]), plan[3]))
        r = _new(ndarray)
        node = _Node(op, (na,), (), na.shape, plan[1][0], na.device, None, plan[3][0])
        r._node_ = _eager_run(node) if eager else node
        r._base = None
        return r

    def _fast2(self, a, b):
        ta, tb = type(a), type(b)
        if ta is ndarray:
            na = a._node_ if a._base is None else a._node
            ka = _I64 if na.wide else na.dtype
            device = na.device
            if tb is ndarray:
                nb = b._node_ if b._base is None else b._node
                kb = _I64 if nb.wide else nb.dtype
                if nb.device != device:
                    return self._call(a, b)
            else:
                kb = _WEAK_KEYS.get(tb)
                if kb is None:
                    kb = _NP_FLOAT_SCALARS.get(tb)
                    if kb is None:
                        return self._call(a, b)
                nb = None
        elif tb is ndarray:
            nb = b._node_ if b._base is None else b._node
            kb = _I64 if nb.wide else nb.dtype
            device = nb.device
            ka = _WEAK_KEYS.get(ta)
            if ka is None:
                ka = _NP_FLOAT_SCALARS.get(ta)
                if ka is None:
                    return self._call(a, b)
            na = None
        else:
            return self._call(a, b)
        plan = self._plans.get((ka, kb))
        if plan is None:
            return self._learn((ka, kb), (a, b))
        da, db, out_dtypes, wa, wb, wide_out = plan
        eager = _eager.MODE == "auto" and device == "CPU"    # else: record only
        if eager and da is _F32 and db is _F32 and self._eager is not None \
                and self._check is None:
            node = _eager.binary(self._eager, self._op, na, a, nb, b, out_dtypes[0])
            eager = node is not _eager.LAZY
            if eager and node is not None:
                r = _new(ndarray)
                r._node_ = node
                r._base = None
                return r
        if na is None:
            if ta is int:
                _dtypes.check_scalar_fits(a, da)
            # a NumPy float scalar as its exact Python float (the constants' cache key)
            na = _const(a if ta in _WEAK_KEYS else float(a), da, device)
        elif ka is not da and ka != da and na.dtype != da:
            na = _Node("astype", (na,), (), na.shape, da, device, None, wa or None)
        if nb is None:
            if tb is int:
                _dtypes.check_scalar_fits(b, db)
            nb = _const(b if tb in _WEAK_KEYS else float(b), db, device)
        elif kb is not db and kb != db and nb.dtype != db:
            nb = _Node("astype", (nb,), (), nb.shape, db, device, None, wb or None)
        if self._check is not None:
            self._check([na, nb])
        op = self._op
        if op is None:
            return self._wrap_results(_marked(self._emit([na, nb], out_dtypes), wide_out))
        sa, sb = na.shape, nb.shape
        shape = sa if sa == sb else _ir.broadcast_shapes(sa, sb)
        r = _new(ndarray)
        node = _Node(op, (na, nb), (), shape, out_dtypes[0], device, None, wide_out[0])
        r._node_ = _eager_run(node) if eager else node
        r._base = None
        return r

    def _wrap_results(self, results):
        if self.nout == 1:
            return ndarray._wrap(results[0])
        return tuple(ndarray._wrap(r) for r in results)

    # ------------------------------------------------------------ the general path

    def _call(self, *args, out=None, where=True, dtype=None, casting="same_kind", **kwargs):
        if len(args) != self.nin:
            if len(args) == self.nin + self.nout and out is None:
                args, out = args[:self.nin], args[self.nin:]
            else:
                raise TypeError(f"{self.__name__}() takes from {self.nin} to {self.nargs} "
                                f"positional arguments but {len(args)} were given")
        overrider = _overrides.overriding(args)
        if overrider is not None:   # a pandas Series, ...: its __array_ufunc__ answers
            kwargs = dict(kwargs, **({} if out is None else {"out": out}),
                          **({} if where is True else {"where": where}),
                          **({} if dtype is None else {"dtype": dtype}),
                          **({} if casting == "same_kind" else {"casting": casting}))
            return _overrides.defer(overrider, self._np, "__call__", args, kwargs)
        try:
            types = tuple(map(_operand_type, args))
        except _dtypes.DTypePolicyError as policy:
            _raise_numpys_error(self._np, args, policy)
        in_dtypes, out_dtypes, wide_in, wide_out = resolve_wide(self._np, types, dtype)
        device = _device.common_device(_array_nodes(args)) or _device.resolve(None)
        nodes = [operand_node(a, d, device, w) for a, d, w in zip(args, in_dtypes, wide_in)]
        if self._check is not None:
            self._check(nodes)
        if out is not None:     # NumPy wraps a result stored into int32 data: no check
            outs = out if isinstance(out, tuple) else (out,)
            wide_out = tuple(w and not (isinstance(o, ndarray) and not o._node.wide)
                             for w, o in zip(wide_out, outs + (None,) * len(wide_out)))
        if self._op is not None and self.nout == 1:
            shape = _ir.broadcast_shapes(*(n.shape for n in nodes))
            results = [_Node(self._op, tuple(nodes), (), shape, out_dtypes[0], device, None,
                             wide_out[0])]
        else:
            results = _marked(self._emit(nodes, out_dtypes), wide_out)
        if where is not True:
            results = _apply_where(where, results, out, device)
        if out is not None:
            outs = out if isinstance(out, tuple) else (out,)
            if len(outs) != self.nout:
                raise ValueError(f"The 'out' tuple must have exactly {self.nout} entries: "
                                 "one per ufunc output")
            for o, r in zip(outs, results):
                if o is not None:
                    write_out(o, r, casting, self._np)
            if self.nout == 1:
                return outs[0]
            return tuple(o if o is not None else ndarray._wrap(r) for o, r in zip(outs, results))
        if self.nout == 1:
            return ndarray._wrap(results[0])
        return tuple(ndarray._wrap(r) for r in results)

    # ------------------------------------------------------------ ufunc methods

    def reduce(self, array, axis=0, dtype=None, out=None, keepdims=False,
               initial=_NoValue, where=True):
        return _reduce(self, array, axis, dtype, out, keepdims, initial, where)

    def accumulate(self, array, axis=0, dtype=None, out=None):
        return _accumulate(self, array, axis, dtype, out)

    def outer(self, A, B, /, **kwargs):
        return _outer(self, A, B, **kwargs)

    def at(self, a, indices, b=None, /):
        return _at(self, a, indices, b)

    def reduceat(self, *args, **kwargs):
        raise NotImplementedError("ovnp's ufuncs have no reduceat yet (see docs/elementwise.md)")


def _marked(results, wide_out):
    """Results built by an emit() with NumPy's int64 origin (Node.wide) where it differs
    from what their inputs implied (an explicit dtype=int32 drops it)."""
    if any(r.wide != w and r.dtype is _I32 for r, w in zip(results, wide_out)):
        return [_with_wide(r, w) for r, w in zip(results, wide_out)]
    return results


def _raise_numpys_error(np_ufunc, args, policy):
    """An operand ovnp cannot hold (a string, None, an object array): NumPy's own error
    when NumPy would refuse the call too (`A + "x"` has no loop; `add(None, 1)` fails
    inside the object loop), else the 32-bit policy's. NumPy runs on one element of
    each operand, so its error is the one the whole call would raise."""
    def probe(x):
        if isinstance(x, ndarray):
            return _np.zeros((1,) * len(x.shape), x.dtype)
        if isinstance(x, _np.ndarray) and x.size:
            return x.reshape(-1)[:1].reshape((1,) * x.ndim)
        return x
    try:
        np_ufunc(*map(probe, args))
    except Exception as numpys:  # noqa: BLE001  (whatever NumPy raises is the answer)
        raise numpys from None
    raise policy


def _apply_where(where, results, out, device):
    mask = operand_node(where, _dtypes.bool_, device)
    outs = out if isinstance(out, tuple) else (out,) * len(results)
    chosen = []
    for r, o in zip(results, outs):
        shape = _ir.broadcast_shapes(mask.shape, r.shape)
        if o is not None:
            other = as_node(o, device)
            if other.dtype != r.dtype:
                other = _ir.Node("astype", (other,), (), other.shape, r.dtype, other.device)
        else:  # NumPy leaves these elements uninitialized; ovnp fills them with zeros
            other = _ir.const(0, r.dtype, device)
        shape = _ir.broadcast_shapes(shape, other.shape)
        chosen.append(_ir.Node("where", (mask, r, other), (), shape, r.dtype, device))
    return chosen


def elementwise(name, shape_of=None):
    """emit() for an op whose output has the broadcast shape of its inputs."""
    def emit(nodes, out_dtypes):
        shape = _ir.broadcast_shapes(*(n.shape for n in nodes))
        return [_ir.Node(name, tuple(nodes), (), shape, out_dtypes[0], nodes[0].device)]
    emit.op = name      # ufunc's fast path builds this node inline
    return emit


def elementwise_multi(*names):
    """emit() for a ufunc with several outputs, one IR op each."""
    def emit(nodes, out_dtypes):
        shape = _ir.broadcast_shapes(*(n.shape for n in nodes))
        return [_ir.Node(name, tuple(nodes), (), shape, d, nodes[0].device)
                for name, d in zip(names, out_dtypes)]
    return emit


# ---------------------------------------------------------------- ufunc methods
# add.reduce is sum, maximum.accumulate is a fold: the public reductions (looked up by
# name at call time in the registered namespace, _namespace.py: the reductions family
# sits above this module) do the common cases; every other binary ufunc folds along the axis, one node per element.

_REDUCE_AS = {"add": "sum", "multiply": "prod", "maximum": "max", "minimum": "min",
              "logical_and": "all", "logical_or": "any"}
_ACCUMULATE_AS = {"add": "cumsum", "multiply": "cumprod"}
_REORDERABLE = {"add", "multiply", "maximum", "minimum", "fmax", "fmin", "logical_and",
                "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor",
                "gcd", "lcm"}


def _astype(x, dtype):
    """x.astype(dtype) (a new handle even when the dtype is already right)."""
    return ndarray._wrap(_cast(x._node, _dtypes.canonical(dtype)))


def _check_binary(uf, method):
    if uf.nin != 2 or uf.nout != 1:
        raise ValueError(f"{method} only supported for binary functions")


def _take(node, axis, index):
    shape = node.shape[:axis] + node.shape[axis + 1:]
    return ndarray._wrap(_ir.Node("ew_take", (node,), (axis, index), shape, node.dtype, node.device))


def _reduce(uf, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NoValue,
            where=True):
    _check_binary(uf, "reduce")
    public = _namespace.public(_REDUCE_AS.get(uf.__name__, ""))
    if public is not None:
        kwargs = {"axis": axis, "out": out, "keepdims": keepdims}
        if dtype is not None and uf.__name__ in ("add", "multiply"):
            kwargs["dtype"] = dtype
        if initial is not _NoValue:
            kwargs["initial"] = initial
        if where is not True:
            kwargs["where"] = where
        return public(array, **kwargs)
    if where is not True:
        raise NotImplementedError(f"{uf.__name__}.reduce(where=...) is not supported by ovnp")
    node = as_node(array)
    ndim = len(node.shape)
    axes = _ir.normalize_axes(axis, ndim)
    if len(axes) > 1 and uf.__name__ not in _REORDERABLE:
        raise ValueError(f"reduction operation '{uf.__name__}' is not reorderable, "
                         "so at most one axis may be specified")
    acc = ndarray._wrap(node)
    for ax in sorted(axes, reverse=True):
        acc = _fold_axis(uf, acc, ax, dtype, initial)
        initial = _NoValue
    if keepdims:
        acc = reshape(acc, tuple(1 if i in axes else n for i, n in enumerate(node.shape)))
    if out is not None:
        write_out(out, acc._node, "same_kind", uf._np)
        return out
    return acc


def _fold_axis(uf, arr, axis, dtype, initial):
    node = arr._node
    n = node.shape[axis]
    if n == 0:
        start = uf.identity if initial is _NoValue else initial
        if start is None:
            raise ValueError(f"zero-size array to reduction operation {uf.__name__} "
                             "which has no identity")
        shape = node.shape[:axis] + node.shape[axis + 1:]
        probe = uf(_take_dtype_probe(node), _take_dtype_probe(node), dtype=dtype)
        const = _ir.const(start, probe.dtype, node.device)
        return ndarray._wrap(_ir.Node("broadcast_to", (const,), (), shape, probe.dtype, node.device))
    acc = _take(node, axis, 0)
    if initial is not _NoValue and initial is not None:
        acc = uf(initial, acc, dtype=dtype)
    elif dtype is not None:
        acc = _astype(acc, dtype)
    for i in range(1, n):
        acc = uf(acc, _take(node, axis, i), dtype=dtype)
    return acc


def _take_dtype_probe(node):
    return ndarray._wrap(_ir.Node("ew_take", (node,), (0, 0), (), node.dtype, node.device))


def _accumulate(uf, array, axis=0, dtype=None, out=None):
    _check_binary(uf, "accumulate")
    public = _namespace.public(_ACCUMULATE_AS.get(uf.__name__, ""))
    if public is not None:
        return public(array, axis=axis, dtype=dtype, out=out)
    node = as_node(array)
    if axis is None:
        raise TypeError("'NoneType' object cannot be interpreted as an integer")
    axis = _ir.normalize_axis(axis, len(node.shape))
    n = node.shape[axis]
    if n == 0:
        result = _astype(ndarray._wrap(node), uf(_take_dtype_probe(node), _take_dtype_probe(node),
                                               dtype=dtype).dtype)
    else:
        acc = _take(node, axis, 0)
        if dtype is not None:
            acc = _astype(acc, dtype)
        parts = [acc]
        for i in range(1, n):
            acc = uf(acc, _take(node, axis, i), dtype=dtype)
            parts.append(acc)
        d = parts[-1].dtype
        nodes = tuple(p._node if p.dtype == d else
                      _ir.Node("astype", (p._node,), (), p.shape, d, p._node.device) for p in parts)
        result = ndarray._wrap(_ir.Node("ew_stack", nodes, (axis,), node.shape, d, node.device))
    if out is not None:
        write_out(out, result._node, "same_kind", uf._np)
        return out
    return result


def _outer(uf, A, B, /, **kwargs):
    _check_binary(uf, "outer")
    a, b = as_node(A), as_node(B)
    a = reshape(ndarray._wrap(a), a.shape + (1,) * len(b.shape))
    return uf(a, ndarray._wrap(b), **kwargs)


def _at(uf, a, indices, b=None):
    """Unbuffered in-place `a[indices] = uf(a[indices], b)`: repeated indices apply again.

    The indices are host data (they are materialized if lazy); the update is a lazy
    gather/compute/scatter per round of distinct indices.
    """
    if not isinstance(a, ndarray):
        raise TypeError("first operand must be an ovnp array")
    if (b is None) != (uf.nin == 1):
        raise ValueError("second operand needed for ufunc" if b is None else
                         "second operand provided when ufunc is unary")
    node = a._node
    size = _ir.size_of(node.shape)
    if isinstance(indices, ndarray):
        indices = indices.to_numpy()
    elif isinstance(indices, tuple):
        indices = tuple(i.to_numpy() if isinstance(i, ndarray) else i for i in indices)
    flat = _np.arange(size, dtype=_np.int32).reshape(node.shape)[indices]
    a_flat = reshape(a, (size,))
    values = None
    if b is not None:
        bv = b if isinstance(b, ndarray) else asarray(b)
        bshape = _ir.broadcast_shapes(bv.shape, flat.shape)
        if bshape != flat.shape:
            raise ValueError(f"operands could not be broadcast together with remapped shapes")
        bn = bv._node
        if bn.shape != flat.shape:
            bn = _ir.Node("broadcast_to", (bn,), (), flat.shape, bn.dtype, bn.device)
        values = reshape(ndarray._wrap(bn), (flat.size,))
    flat = flat.reshape(-1)
    # rounds of distinct indices, in order: the k-th occurrence of an index goes to round k
    order = _np.argsort(flat, kind="stable")
    sorted_idx = flat[order]
    first = _np.searchsorted(sorted_idx, sorted_idx, side="left")
    occurrence = _np.empty_like(flat)
    occurrence[order] = _np.arange(flat.size) - first
    current = a_flat._node
    for k in range(int(occurrence.max(initial=-1)) + 1):
        pos = _np.nonzero(occurrence == k)[0].astype(_np.int32)
        idx = _ir.data(flat[pos], node.device)
        gathered = ndarray._wrap(_ir.Node("ew_gather", (current, idx), (), (pos.size,),
                                          current.dtype, node.device))
        if values is None:
            updated = uf(gathered)
        else:
            pdata = _ir.data(pos, node.device)
            vals = ndarray._wrap(_ir.Node("ew_gather", (values._node, pdata), (), (pos.size,),
                                          values.dtype, node.device))
            updated = uf(gathered, vals)
        if not _np.can_cast(updated.dtype, current.dtype, "unsafe"):
            raise TypeError("cannot cast ufunc result")
        un = updated._node
        if un.dtype != current.dtype:
            if not _np.can_cast(un.dtype, current.dtype, "same_kind"):
                raise _np._core._exceptions._UFuncOutputCastingError(
                    uf._np, "same_kind", un.dtype, current.dtype, 0)
            un = _ir.Node("astype", (un,), (), un.shape, current.dtype, node.device)
        current = _ir.Node("ew_scatter", (current, idx, un), (), current.shape, current.dtype,
                           node.device)
    a._assign(_ir.Node("reshape", (current,), (), node.shape, node.dtype, node.device)
              if node.shape != current.shape else current)
