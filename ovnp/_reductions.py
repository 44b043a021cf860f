"""Reductions: sum, prod, min/max, arg-reductions, all/any, cumulative ops, diff.

Each function checks its arguments as NumPy does (same exception types, raised at call
time, including "zero-size array to reduction operation maximum" which depends only on
shapes), works out NumPy's result dtype (then the 32-bit policy), and emits one IR node
per reduction; the lowerings (ovnp/_backend/lower_reductions.py) restore NumPy's answer
where OpenVINO differs (NaN in max/min/argmax, u32 ordering, float32 accuracy).
Mean, var, std, average and the NaN family live in _statistics.py.
"""

import builtins
import functools
import operator

import numpy as _np

from . import _device, _dtypes, _ir
from ._array import ndarray
from ._elementwise import divide, multiply, subtract
from ._nodes import as_node, operand_node, write_out

__all__ = ["sum", "prod", "min", "max", "amin", "amax", "ptp", "argmin", "argmax", "all",
           "any", "count_nonzero", "cumsum", "cumprod", "cumulative_sum",
           "cumulative_prod", "diff", "ediff1d", "gradient"]

_BOOL = _dtypes.bool_
_ACC_DTYPE: dict = {}


def accumulator_dtype(dtype, ufunc=_np.add):
    """NumPy's dtype for add/multiply.reduce of `dtype` (int8 -> int64 -> int32)."""
    key = (dtype, ufunc)
    hit = _ACC_DTYPE.get(key)
    if hit is None:
        hit = _ACC_DTYPE[key] = _dtypes.canonical(ufunc.reduce(_np.zeros(1, dtype)).dtype)
    return hit


_sum_dtype = accumulator_dtype  # the foundation's name

_WIDE = (_np.dtype(_np.int64), _np.dtype(_np.uint64))


@functools.lru_cache(maxsize=None)
def _numpy_accumulator(dtype, additive):
    """NumPy's own (not narrowed) accumulator dtype of add/multiply.reduce of `dtype`."""
    return (_np.add if additive else _np.multiply).reduce(_np.zeros(1, dtype)).dtype


def exact_op(op, node_dtype, dtype, result_dtype, count):
    """`op`, or its "_exact" form (lower_exact_ints.py: the exact result or OverflowError)
    when NumPy accumulates in 64 bits (ints, dtype None/int64/uint64) into a 32-bit
    result that `count` values of `node_dtype` could leave. dtype=int32 wraps, as NumPy."""
    if result_dtype.kind not in "iu":
        return op
    wide = _np.dtype(dtype) if dtype is not None else _numpy_accumulator(node_dtype, "sum" in op)
    if wide not in _WIDE:
        return op
    if node_dtype.kind in "iu":
        info = _np.iinfo(node_dtype)
        largest = builtins.max(-int(info.min), int(info.max))
    else:   # bool counts; floats cast to the integer dtype may be anything
        largest = 1 if node_dtype == _BOOL else 2 ** 32
    bound = count * largest if "sum" in op else largest ** builtins.min(count, 64)
    return op if bound < 2 ** 31 else op + "_exact"


def norm_axes(axis, ndim):
    """NumPy's reduction axes; a 0-d array also takes axis 0 or -1 (as NumPy's do)."""
    if ndim == 0 and axis is not None:
        _ir.normalize_axes(axis, 1)
        return ()
    return _ir.normalize_axes(axis, ndim)


def reduced_shape(shape, axes, keepdims):
    if keepdims:
        return tuple(1 if i in axes else n for i, n in enumerate(shape))
    return tuple(n for i, n in enumerate(shape) if i not in axes)


# ---------------------------------------------------------------- small IR helpers

def cast(node, dtype):
    dtype = _np.dtype(dtype)
    if node.dtype == dtype:
        return node
    return _ir.Node("astype", (node,), (), node.shape, dtype, node.device)


def const(value, dtype, device):
    return _ir.const(value, dtype, device)


def binary(op, a, b, dtype=None):
    """An elementwise IR node on two nodes already of the op's dtype."""
    shape = _ir.broadcast_shapes(a.shape, b.shape)
    return _ir.Node(op, (a, b), (), shape, dtype or a.dtype, a.device)


def broadcast(node, shape):
    """node broadcast to `shape`. OpenVINO's Broadcast of an empty input dies with SIGFPE
    while compiling, so an empty source broadcasts a 0-d zero instead (same empty result)."""
    if node.shape == tuple(shape):
        return node
    if _ir.size_of(node.shape) == 0:
        node = const(0, node.dtype, node.device)
    return _ir.Node("broadcast_to", (node,), (), tuple(shape), node.dtype, node.device)


def mask_node(where, node):
    """`where` as a bool node of `node`'s shape (NumPy's broadcasting rule for where=)."""
    mask = operand_node(where, _BOOL, node.device)
    if _ir.broadcast_shapes(mask.shape, node.shape) != node.shape:
        raise ValueError(f"operands could not be broadcast together with remapped shapes "
                         f"{mask.shape} {node.shape}")
    return mask


def masked(node, where, fill):
    """node where `where` holds, else `fill` (a Python scalar in node's dtype)."""
    if where is True:
        return node
    mask = mask_node(where, node)
    return _ir.Node("where", (mask, node, const(fill, node.dtype, node.device)), (),
                    node.shape, node.dtype, node.device)


def finish(node, out, casting="unsafe"):
    if out is not None:
        if isinstance(out, tuple):
            if len(out) != 1:
                raise ValueError("The 'out' tuple must have exactly one entry")
            out = out[0]
        write_out(out, node, casting)
        return out
    return ndarray._wrap(node)


def truth(node):
    if node.dtype == _BOOL:
        return node
    return _ir.Node("not_equal", (node, const(0, node.dtype, node.device)), (), node.shape,
                    _BOOL, node.device)


def reduce_node(op, node, axes, keepdims, dtype):
    if not axes:
        # No reduction (axis=() or a 0-d input): no IR op at all. The reduction lowerings
        # returning their Parameter unchanged gave garbage (see docs/reductions.md).
        if op in ("all", "any"):
            return truth(node)
        if op == "count_nonzero":
            return cast(truth(node), dtype)
        return cast(node, dtype)
    return _ir.Node(op, (node,), (axes, builtins.bool(keepdims)),
                    reduced_shape(node.shape, axes, keepdims), _np.dtype(dtype), node.device)


def _check_nonempty(node, axes, name):
    if builtins.any(node.shape[i] == 0 for i in axes):
        raise ValueError(f"zero-size array to reduction operation {name} which has no identity")


# ---------------------------------------------------------------- sum and prod

def _additive(op, np_ufunc, fill, a, axis, dtype, out, keepdims, initial, where):
    node = as_node(a)
    axes = norm_axes(axis, len(node.shape))
    if dtype is None and out is not None and isinstance(out, ndarray):
        result_dtype = accumulator_dtype(node.dtype, np_ufunc)
    else:
        result_dtype = accumulator_dtype(node.dtype, np_ufunc) if dtype is None \
            else _dtypes.canonical(dtype)
    src = cast(node, result_dtype) if result_dtype != _BOOL else node
    src = masked(src, where, fill)
    has_initial = initial is not None and initial is not _np._NoValue
    if result_dtype == _BOOL:   # sum/prod with dtype=bool: logical or / and
        result = reduce_node("any" if op == "sum" else "all", src, axes, keepdims, _BOOL)
    else:
        count = _ir.size_of(node.shape[i] for i in axes) + builtins.int(has_initial)
        op = exact_op(op, node.dtype, dtype, result_dtype, count)
        result = reduce_node(op, src, axes, keepdims, result_dtype)
    if has_initial and op.endswith("_exact"):
        init = const(_np.asarray(initial).astype(result_dtype).item(), result_dtype, node.device)
        # the exact sum (or product) of the pair (result, initial): checked as well
        pair = [_ir.Node("reshape", (n,), (), result.shape + (1,), n.dtype, n.device)
                for n in (result, broadcast(init, result.shape))]
        result = reduce_node(op, concat(pair, len(result.shape)), (len(result.shape),),
                             False, result_dtype)
    elif has_initial:
        work = _dtypes.int32 if result_dtype == _dtypes.uint32 else result_dtype
        init = const(_np.asarray(initial).astype(result_dtype).item(), result_dtype, node.device)
        # u32 arithmetic on values >= 2**31 is wrong in OpenVINO: wrap in i32 bits instead
        result = cast(binary("add" if op == "sum" else "multiply", cast(result, work),
                             cast(init, work)), result_dtype)
    return finish(result, out)


def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    return _additive("sum", _np.add, 0, a, axis, dtype, out, keepdims, initial, where)


def prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    return _additive("prod", _np.multiply, 1, a, axis, dtype, out, keepdims, initial, where)


# ---------------------------------------------------------------- min and max

def _extreme(op, a, axis, out, keepdims, initial, where):
    node = as_node(a)
    axes = norm_axes(axis, len(node.shape))
    name = "maximum" if op == "amax" else "minimum"
    has_initial = initial is not None and initial is not _np._NoValue
    if where is not True and not has_initial:
        raise ValueError(f"reduction operation '{name}' does not have an identity, so to "
                         f"use a where mask one has to specify 'initial'")
    if not has_initial:
        _check_nonempty(node, axes, name)
        src = node
    else:
        _dtypes.check_scalar_fits(initial, node.dtype) if type(initial) is int else None
        src = masked(node, where, initial)
        if not axes:    # NumPy still applies initial: reduce over a new length-1 axis
            src = _ir.Node("reshape", (src,), (), src.shape + (1,), src.dtype, src.device)
            axes, keepdims = (len(node.shape),), False
        # initial joins the reduction as one more element along every reduced axis, so
        # the reduction is never empty (OpenVINO's empty ReduceMax/Min give garbage) and
        # no elementwise maximum is needed (OpenVINO compares u32 as signed).
        for ax in axes:
            block = src.shape[:ax] + (1,) + src.shape[ax + 1:]
            fill = _ir.Node("broadcast_to", (const(initial, node.dtype, node.device),), (),
                            block, node.dtype, node.device)
            src = concat([src, fill], ax)
    result = reduce_node(op, src, axes, keepdims, node.dtype)
    return finish(result, out)


def max(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    return _extreme("amax", a, axis, out, keepdims, initial, where)


def min(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    return _extreme("amin", a, axis, out, keepdims, initial, where)


amax, amin = max, min


def ptp(a, axis=None, out=None, keepdims=False):
    result = subtract(max(a, axis, keepdims=keepdims), min(a, axis, keepdims=keepdims))
    return finish(result._node, out)


# ---------------------------------------------------------------- argmin and argmax

def _flat(node):
    if len(node.shape) == 1:
        return node
    return _ir.Node("reshape", (node,), (), (_ir.size_of(node.shape),), node.dtype, node.device)


def _arg(op, a, axis, out, keepdims):
    node = as_node(a)
    ndim = len(node.shape)
    if axis is None:
        src, ax = _flat(node), 0
        if _ir.size_of(node.shape) == 0:
            raise ValueError(f"attempt to get {op} of an empty sequence")
    else:
        ax = _ir.normalize_axis(axis, ndim) if ndim else _ir.normalize_axis(axis, 1)
        src = node if ndim else _flat(node)
        if src.shape[ax] == 0:
            raise ValueError(f"attempt to get {op} of an empty sequence")
    result = _ir.Node(op, (src,), (ax,), reduced_shape(src.shape, (ax,), False),
                      _dtypes.int32, node.device)
    if keepdims:
        shape = (1,) * ndim if axis is None else tuple(
            1 if i == ax else n for i, n in enumerate(node.shape))
        if shape != result.shape:
            result = _ir.Node("reshape", (result,), (), shape, result.dtype, result.device)
    return finish(result, out, "same_kind")


def argmax(a, axis=None, out=None, *, keepdims=False):
    return _arg("argmax", a, axis, out, keepdims)


def argmin(a, axis=None, out=None, *, keepdims=False):
    return _arg("argmin", a, axis, out, keepdims)


# ---------------------------------------------------------------- logic and counting

def _logical(op, a, axis, out, keepdims, where):
    node = as_node(a)
    axes = norm_axes(axis, len(node.shape))
    src = node
    if where is not True:
        src = masked(truth(node), where, op == "all")
    result = reduce_node(op, src, axes, keepdims, _BOOL)
    return finish(result, out)


def all(a, axis=None, out=None, keepdims=False, *, where=True):
    return _logical("all", a, axis, out, keepdims, where)


def any(a, axis=None, out=None, keepdims=False, *, where=True):
    return _logical("any", a, axis, out, keepdims, where)


def count_nonzero(a, axis=None, *, keepdims=False):
    """NumPy returns a Python int for axis=None; ovnp returns a 0-d int32 array."""
    node = as_node(a)
    axes = norm_axes(axis, len(node.shape))
    return ndarray._wrap(reduce_node("count_nonzero", node, axes, keepdims, _dtypes.int32))


# ---------------------------------------------------------------- cumulative ops

def _cumulative(op, np_ufunc, a, axis, dtype, out, include_initial=False, fill=0):
    node = as_node(a)
    if axis is None:
        node, ax = _flat(node), 0
    else:
        if not node.shape:
            node = _flat(node)
        ax = _ir.normalize_axis(axis, len(node.shape))
    result_dtype = accumulator_dtype(node.dtype, np_ufunc) if dtype is None \
        else _dtypes.canonical(dtype)
    src = cast(node, result_dtype)
    op = exact_op(op, node.dtype, dtype, result_dtype, src.shape[ax] if src.shape else 1)
    result = _ir.Node(op, (src,), (ax,), src.shape, result_dtype, node.device)
    if include_initial:
        first = tuple(1 if i == ax else n for i, n in enumerate(src.shape))
        init = _ir.Node("broadcast_to", (const(fill, result_dtype, node.device),), (),
                        first, result_dtype, node.device)
        result = concat([init, result], ax)
    return finish(result, out)


def cumsum(a, axis=None, dtype=None, out=None):
    return _cumulative("cumsum", _np.add, a, axis, dtype, out)


def cumprod(a, axis=None, dtype=None, out=None):
    return _cumulative("cumprod", _np.multiply, a, axis, dtype, out)


def _array_api_axis(node, axis):
    if axis is None:
        if len(node.shape) > 1:
            raise ValueError("axis must be specified for multi-dimensional arrays")
        return 0    # NumPy takes a 0-d array as one element, as cumsum does
    return axis


def cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    node = as_node(x)
    return _cumulative("cumsum", _np.add, x, _array_api_axis(node, axis), dtype, out,
                       include_initial, 0)


def cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    node = as_node(x)
    return _cumulative("cumprod", _np.multiply, x, _array_api_axis(node, axis), dtype, out,
                       include_initial, 1)


# ---------------------------------------------------------------- slices, concat

def slice_node(node, axis, start, stop, step=1):
    """node[..., start:stop:step, ...] along `axis` (static Python ints)."""
    n = node.shape[axis]
    start, stop, step = builtins.slice(start, stop, step).indices(n)
    length = len(range(start, stop, step))
    shape = node.shape[:axis] + (length,) + node.shape[axis + 1:]
    if length == n and step == 1:
        return node
    return _ir.Node("red.slice", (node,), (axis, start, stop, step), shape, node.dtype,
                    node.device)


def concat(nodes, axis):
    nodes = [n for n in nodes if n.shape[axis] != 0] or nodes[:1]
    if len(nodes) == 1:
        return nodes[0]
    shape = list(nodes[0].shape)
    shape[axis] = builtins.sum(n.shape[axis] for n in nodes)
    return _ir.Node("red.concat", tuple(nodes), (axis,), tuple(shape), nodes[0].dtype,
                    nodes[0].device)


def _sub(a, b):
    """NumPy's diff step: subtract, or not_equal on bools."""
    if a.dtype == _BOOL:
        return binary("not_equal", a, b)
    return binary("subtract", a, b)


def diff(a, n=1, axis=-1, prepend=_np._NoValue, append=_np._NoValue):
    node = as_node(a)
    n = operator.index(n)
    if n == 0:
        return ndarray._wrap(node)
    if n < 0:
        raise ValueError("order must be non-negative but got " + repr(n))
    if not node.shape:
        raise ValueError("diff requires input that is at least one dimensional")
    axis = _ir.normalize_axis(axis, len(node.shape))
    parts = []
    for extra in (prepend, append):
        if extra is _np._NoValue:
            parts.append(None)
            continue
        e = as_node(extra, node.device)
        if not e.shape:
            shape = node.shape[:axis] + (1,) + node.shape[axis + 1:]
            e = broadcast(e, shape)
        parts.append(e)
    if parts[0] is not None or parts[1] is not None:
        nodes = [p for p in (parts[0], node, parts[1]) if p is not None]
        dtype = _dtypes.result_type(*(p.dtype for p in nodes))
        for p in nodes:
            if len(p.shape) != len(node.shape) or builtins.any(
                    p.shape[i] != node.shape[i] for i in range(len(node.shape)) if i != axis):
                raise ValueError("all the input array dimensions except for the concatenation "
                                 "axis must match exactly")
        node = concat([cast(p, dtype) for p in nodes], axis)
    result = node
    for _ in range(n):
        length = result.shape[axis]
        if length == 0:
            break
        result = _sub(slice_node(result, axis, 1, None), slice_node(result, axis, 0, length - 1))
    if result.shape[axis] != builtins.max(node.shape[axis] - n, 0):
        shape = node.shape[:axis] + (builtins.max(node.shape[axis] - n, 0),) + node.shape[axis + 1:]
        result = _ir.Node("red.slice", (result,), (axis, 0, 0, 1), shape, result.dtype,
                          result.device)
    return ndarray._wrap(result)


def ediff1d(ary, to_end=None, to_begin=None):
    node = _flat(as_node(ary))
    dtype = node.dtype
    begin = [] if to_begin is None else [_edge(to_begin, dtype, node.device, "to_begin")]
    end = [] if to_end is None else [_edge(to_end, dtype, node.device, "to_end")]
    if dtype == _np.bool_:      # NumPy subtracts (after checking the edges), even when empty
        raise TypeError("numpy boolean subtract, the `-` operator, is not supported, use the "
                        "bitwise_xor, the `^` operator, or the logical_xor function instead.")
    if node.shape[0] > 0:
        middle = _sub(slice_node(node, 0, 1, None), slice_node(node, 0, 0, -1))
    else:
        middle = node
    return ndarray._wrap(concat(begin + [middle] + end, 0))


def _edge(values, dtype, device, name):
    host = _np.asarray(values) if not isinstance(values, ndarray) else None
    e = as_node(values, device)
    if not _np.can_cast(e.dtype if host is None else host.dtype, dtype, casting="same_kind"):
        raise TypeError(f"dtype of `{name}` must be compatible with input `ary` under the "
                        f"`same_kind` rule.")
    return _flat(cast(e, dtype))


# ---------------------------------------------------------------- gradient

def gradient(f, *varargs, axis=None, edge_order=1):
    node = as_node(f)
    ndim = len(node.shape)
    axes = _ir.normalize_axes(axis, ndim) if axis is not None else tuple(range(ndim))
    if axis is not None and not isinstance(axis, (tuple, list)):
        axes = (_ir.normalize_axis(axis, ndim),)
    if len(axes) != len(set(axes)):
        raise ValueError("duplicate value in 'axis'")
    if edge_order > 2:
        raise ValueError("'edge_order' greater than 2 not supported")
    n = len(varargs)
    if n == 0:
        spacing = [1.0] * len(axes)
    elif n == 1 and _is_scalar(varargs[0]):
        spacing = [varargs[0]] * len(axes)
    elif n == len(axes):
        spacing = list(varargs)
    else:
        raise TypeError("invalid number of arguments")
    dtype = node.dtype if node.dtype.kind == "f" else _dtypes.float32
    x = cast(node, dtype)
    results = []
    for ax, dx in zip(axes, spacing):
        length = node.shape[ax]
        if length < edge_order + 1:
            raise ValueError("Shape of array too small to calculate a numerical gradient, "
                             "at least (edge_order + 1) elements are required.")
        w = ndarray._wrap(x)

        def sl(start, stop, step=1, _ax=ax):
            return ndarray._wrap(slice_node(x, _ax, start, stop, step))
        coords = None
        if not _is_scalar(dx):
            coords = as_node(dx)
            if len(coords.shape) != 1:
                raise ValueError("distances must be either scalars or 1d")
            if coords.shape[0] != length:
                raise ValueError("when 1d, distances must match the length of the "
                                 "corresponding dimension")
        if coords is None:
            h = dx if isinstance(dx, ndarray) else float(dx)
            inner = divide(subtract(sl(2, None), sl(0, -2)), 2.0 * h) if length > 2 else None
            if edge_order == 1:
                first = divide(subtract(sl(1, 2), sl(0, 1)), h)
                last = divide(subtract(sl(-1, None), sl(-2, -1)), h)
            else:
                first = divide(add3(sl(0, 1), sl(1, 2), sl(2, 3), -1.5, 2.0, -0.5), h)
                last = divide(add3(sl(-3, -2), sl(-2, -1), sl(-1, None), 0.5, -2.0, 1.5), h)
        else:
            c = cast(coords, dtype)
            d = ndarray._wrap(_sub(slice_node(c, 0, 1, None), slice_node(c, 0, 0, -1)))

            def dd(start, stop, _ax=ax, _d=d):
                # spacing values reshaped to broadcast along `ax`
                v = slice_node(_d._node, 0, start, stop)
                shape = tuple(v.shape[0] if i == _ax else 1 for i in range(ndim))
                return ndarray._wrap(_ir.Node("reshape", (v,), (), shape, v.dtype, v.device))
            if length > 2:
                dx1, dx2 = dd(0, -1), dd(1, None)
                a = divide(-dx2, multiply(dx1, dx1 + dx2))
                b = divide(dx2 - dx1, multiply(dx1, dx2))
                cc = divide(dx1, multiply(dx2, dx1 + dx2))
                inner = a * sl(0, -2) + b * sl(1, -1) + cc * sl(2, None)
            else:
                inner = None
            if edge_order == 1:
                first = divide(subtract(sl(1, 2), sl(0, 1)), dd(0, 1))
                last = divide(subtract(sl(-1, None), sl(-2, -1)), dd(-1, None))
            else:
                dx1, dx2 = dd(0, 1), dd(1, 2)
                a = -(2.0 * dx1 + dx2) / (dx1 * (dx1 + dx2))
                b = (dx1 + dx2) / (dx1 * dx2)
                cc = -dx1 / (dx2 * (dx1 + dx2))
                first = a * sl(0, 1) + b * sl(1, 2) + cc * sl(2, 3)
                dx1, dx2 = dd(-2, -1), dd(-1, None)
                a = dx2 / (dx1 * (dx1 + dx2))
                b = -(dx2 + dx1) / (dx1 * dx2)
                cc = (2.0 * dx2 + dx1) / (dx2 * (dx1 + dx2))
                last = a * sl(-3, -2) + b * sl(-2, -1) + cc * sl(-1, None)
        pieces = [first._node] + ([inner._node] if inner is not None else []) + [last._node]
        pieces = [cast(p, dtype) for p in pieces]
        results.append(ndarray._wrap(concat(pieces, ax)))
        del w
    if len(results) == 1:
        return results[0]
    return tuple(results)


def _is_scalar(x):
    return len(x.shape) == 0 if isinstance(x, ndarray) else _np.ndim(x) == 0


def add3(a, b, c, ka, kb, kc):
    return a * ka + b * kb + c * kc


# ---------------------------------------------------------------- ndarray methods

def _method(fn):
    """ndarray's method for the function `fn` (its array first); it keeps fn's
    signature (functools.wraps), so help(), IDEs and the stubs show the parameters."""
    @functools.wraps(fn)
    def method(self, *args, **kwargs):
        return fn(self, *args, **kwargs)
    return method


METHODS = {name: _method(fn) for name, fn in {
    "sum": sum, "prod": prod, "max": max, "min": min, "argmax": argmax, "argmin": argmin,
    "all": all, "any": any, "cumsum": cumsum, "cumprod": cumprod}.items()}
