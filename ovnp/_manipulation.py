"""Shape manipulation: views (reshape, transpose, ...), joining, splitting, repeating.

Views. NumPy's reshape/ravel (when no copy is needed), transpose, swapaxes, moveaxis,
rollaxis, squeeze, expand_dims, atleast_*d, flip and broadcast_to return views that
share memory with their base. ovnp returns views too (`ndarray._view_of`): reading one
computes `forward(base)`, and an in-place write to one rebinds the base to
`backward(base, new)`, so writes go through in both directions.

Whether NumPy would return a view or a copy depends on the memory layout. ovnp keeps,
for each of its views, the strides (in elements) of the NumPy array it stands for, and
asks NumPy itself on a zero-memory strided stand-in (`_fake`) whether a reshape needs a
copy and what `order='A'`/`'K'` mean. Arrays that own their node are C-contiguous.
"""

import operator

import numpy as _np

from . import _device, _dtypes, _engine, _ir
from ._array import View, ndarray
from ._creation import asarray

__all__ = [
    "transpose", "permute_dims", "matrix_transpose", "reshape", "ravel", "swapaxes",
    "moveaxis", "rollaxis", "squeeze", "expand_dims", "atleast_1d", "atleast_2d",
    "atleast_3d", "broadcast_to", "broadcast_arrays", "broadcast_shapes", "concatenate",
    "concat", "stack", "hstack", "vstack", "dstack", "column_stack", "row_stack", "block",
    "split", "array_split", "hsplit", "vsplit", "dsplit", "unstack", "tile", "repeat",
    "flip", "fliplr", "flipud", "roll", "rot90", "astype",
]


# ---------------------------------------------------------------- layout and views

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


def _arr(a) -> ndarray:
    return a if isinstance(a, ndarray) else asarray(a)


def _node(op, inputs, attrs, shape, dtype=None):
    return _ir.Node(op, tuple(inputs), attrs, tuple(shape),
                    dtype if dtype is not None else inputs[0].dtype, inputs[0].device)


def _wrap(node):
    return ndarray._wrap(node)


def _view(x, forward, backward, strides):
    return ndarray._view_of(x, ShapeView(forward, backward, tuple(strides)))


def _read_only(base, node):
    raise ValueError("assignment destination is read-only")


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


def _inverse(axes):
    inv = [0] * len(axes)
    for i, a in enumerate(axes):
        inv[a] = i
    return tuple(inv)


# ---------------------------------------------------------------- transposes

def transpose(a, axes=None):
    x = _arr(a)
    ndim = x.ndim
    if axes is None:
        axes = tuple(range(ndim))[::-1]
    else:
        axes = tuple(_ir.normalize_axis(ax, ndim) for ax in axes)
        if len(axes) != ndim:
            raise ValueError("axes don't match array")
        if len(set(axes)) != ndim:
            raise ValueError("repeated axis in transpose")
    inv = _inverse(axes)
    strides = _fake(x).transpose(axes).strides
    return _view(x, lambda n: _transpose_node(n, axes),
                 lambda b, n: _transpose_node(n, inv), strides)


def permute_dims(a, /, axes):
    return transpose(a, axes)


def matrix_transpose(x, /):
    x = _arr(x)
    if x.ndim < 2:
        raise ValueError("Input array must be at least 2-dimensional")
    return swapaxes(x, -1, -2)


def swapaxes(a, axis1, axis2):
    x = _arr(a)
    ndim = x.ndim
    axes = list(range(ndim))
    i, j = _ir.normalize_axis(axis1, ndim), _ir.normalize_axis(axis2, ndim)
    axes[i], axes[j] = axes[j], axes[i]
    return transpose(x, axes)


def _axis_list(axis, ndim, name):
    if isinstance(axis, (int, _np.integer)) or hasattr(axis, "__index__") and not isinstance(axis, (tuple, list)):
        axis = (axis,)
    axes = [_ir.normalize_axis(a, ndim) for a in axis]
    if len(set(axes)) != len(axes):
        raise ValueError(f"repeated axis in `{name}` argument")
    return axes


def moveaxis(a, source, destination):
    x = _arr(a)
    ndim = x.ndim
    source = _axis_list(source, ndim, "source")
    destination = _axis_list(destination, ndim, "destination")
    if len(source) != len(destination):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    order = [n for n in range(ndim) if n not in source]
    for dest, src in sorted(zip(destination, source)):
        order.insert(dest, src)
    return transpose(x, order)


def rollaxis(a, axis, start=0):
    x = _arr(a)
    n = x.ndim
    axis = _ir.normalize_axis(axis, n)
    start = operator.index(start)
    if start < 0:
        start += n
    if not 0 <= start < n + 1:
        raise _np.exceptions.AxisError(
            f"'start' arg requires {-n} <= start < {n + 1}, but {start} was passed in")
    if axis < start:
        start -= 1
    axes = list(range(n))
    axes.remove(axis)
    axes.insert(start, axis)
    return transpose(x, axes)


# ---------------------------------------------------------------- reshapes

def _resolve_shape(shape, size):
    if isinstance(shape, (int, _np.integer)) or (hasattr(shape, "__index__") and not isinstance(shape, (tuple, list))):
        shape = (operator.index(shape),)
    else:
        shape = tuple(operator.index(n) for n in shape)
    # NumPy takes any negative length as the unknown one.
    unknown = [i for i, n in enumerate(shape) if n < 0]
    if len(unknown) > 1:
        raise ValueError("can only specify one unknown dimension")
    if unknown:
        known = _ir.size_of(n for n in shape if n >= 0)
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape array of size {size} into shape {shape}")
        shape = tuple(size // known if n < 0 else n for n in shape)
    if any(n < 0 for n in shape) or _ir.size_of(shape) != size:
        raise ValueError(f"cannot reshape array of size {size} into shape {shape}")
    return shape


def _reshape_view(x, shape, order, copy=None):
    """x reshaped in C or F order: a view when NumPy would return one, else a copy."""
    try:
        strides = _np.reshape(_fake(x), shape, order=order, copy=False).strides
    except ValueError:
        strides = None
    if copy is False and strides is None:
        raise ValueError("Unable to avoid creating a copy while reshaping.")
    forward = lambda n: _reshape_node(n, shape, order)  # noqa: E731
    if strides is None or copy:
        return _wrap(forward(x._node))
    return _view(x, forward, lambda b, n: _reshape_node(n, b.shape, order), strides)


def _memory_order(x, order):
    """'A' -> 'F' for an F- but not C-contiguous layout, else 'C'."""
    if order == "A":
        flags = _fake(x).flags
        return "F" if flags.f_contiguous and not flags.c_contiguous else "C"
    return order


def reshape(a, /, shape=None, order="C", *, newshape=None, copy=None):
    if shape is None:
        if newshape is None:
            raise TypeError("reshape() missing 1 required positional argument: 'shape'")
        shape = newshape
    x = _arr(a)
    if order == "K":
        raise ValueError("order 'K' is not permitted for reshaping")
    if order not in ("C", "F", "A", None):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got '{order}')")
    shape = _resolve_shape(shape, x.size)
    return _reshape_view(x, shape, _memory_order(x, order or "C"), copy)


def ravel(a, order="C"):
    x = _arr(a)
    if order not in ("C", "F", "A", "K", None):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got '{order}')")
    order = _memory_order(x, order or "C")
    if order == "K":
        flags = _fake(x).flags
        if flags.c_contiguous:
            order = "C"
        elif flags.f_contiguous:
            order = "F"
        else:  # memory order: axes by decreasing |stride| (NumPy's sorted stride perm)
            strides = _strides(x)
            perm = sorted(range(x.ndim), key=lambda i: -abs(strides[i]))
            return _reshape_view(transpose(x, perm), (x.size,), "C")
    return _reshape_view(x, (x.size,), order)


def _flatten_method(self, order="C"):
    return _wrap(ravel(self, order)._node)


def squeeze(a, axis=None):
    x = _arr(a)
    shape = x.shape
    if axis is None:
        axes = [i for i, n in enumerate(shape) if n == 1]
    elif not shape and not isinstance(axis, (tuple, list)) and operator.index(axis) in (0, -1):
        axes = []   # NumPy's special case: a 0-d array accepts a lone axis 0 or -1
    else:
        axes = _ir.normalize_axes(axis, x.ndim)
        if any(shape[i] != 1 for i in axes):
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    new = tuple(n for i, n in enumerate(shape) if i not in axes)
    strides = _np.squeeze(_fake(x), tuple(axes)).strides
    return _view(x, lambda n: _reshape_node(n, new), lambda b, n: _reshape_node(n, b.shape), strides)


def expand_dims(a, axis):
    x = _arr(a)
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    out_ndim = x.ndim + len(axis)
    axes = [_ir.normalize_axis(ax, out_ndim) for ax in axis]
    if len(set(axes)) != len(axes):
        raise ValueError("repeated axis")
    it = iter(x.shape)
    new = tuple(1 if i in axes else next(it) for i in range(out_ndim))
    strides = _np.expand_dims(_fake(x), tuple(axes)).strides
    return _view(x, lambda n: _reshape_node(n, new), lambda b, n: _reshape_node(n, b.shape), strides)


def _atleast(arys, fn):
    results = tuple(fn(_arr(a)) for a in arys)
    return results[0] if len(results) == 1 else results


def atleast_1d(*arys):
    return _atleast(arys, lambda x: x if x.ndim >= 1 else reshape(x, (1,)))


def atleast_2d(*arys):
    return _atleast(arys, lambda x: x if x.ndim >= 2 else reshape(x, (1,) * (2 - x.ndim) + x.shape))


def atleast_3d(*arys):
    def fn(x):
        if x.ndim == 0:
            return reshape(x, (1, 1, 1))
        if x.ndim == 1:
            return reshape(x, (1, x.shape[0], 1))
        if x.ndim == 2:
            return reshape(x, x.shape + (1,))
        return x
    return _atleast(arys, fn)


# ---------------------------------------------------------------- broadcasting

def _shape_arg(shape):
    if isinstance(shape, (tuple, list)):
        return tuple(operator.index(n) for n in shape)
    return (operator.index(shape),)


def broadcast_to(array, shape, subok=False):
    x = _arr(array)
    shape = _shape_arg(shape)
    if any(n < 0 for n in shape):
        raise ValueError("all elements of broadcast shape must be non-negative")
    if len(shape) < x.ndim:
        raise ValueError("input operand has more dimensions than allowed by the axis remapping")
    if _ir.broadcast_shapes(x.shape, shape) != shape:
        raise ValueError(f"operands could not be broadcast together with remapped shapes "
                         f"[original->remapped]: {x.shape} and requested shape {shape}")
    strides = _np.broadcast_to(_fake(x), shape).strides

    def forward(n):
        return n if n.shape == shape else _node("broadcast_to", (n,), (), shape)
    return _view(x, forward, _read_only, strides)


def broadcast_shapes(*args):
    return _ir.broadcast_shapes(*(_shape_arg(s) for s in args))


def broadcast_arrays(*args, subok=False):
    xs = [_arr(a) for a in args]
    shape = _ir.broadcast_shapes(*(x.shape for x in xs))
    return tuple(x if x.shape == shape else broadcast_to(x, shape) for x in xs)


# ---------------------------------------------------------------- joining

def _common_device(xs):
    return _device.common_device([x._node for x in xs]) or _device.resolve(None)


def _cast(n, dtype):
    return n if n.dtype == dtype else _node("astype", (n,), (), n.shape, dtype)


def _concat_nodes(nodes, axis, dtype):
    nodes = [_cast(n, dtype) for n in nodes]
    if len(nodes) == 1:
        return nodes[0]
    shape = list(nodes[0].shape)
    shape[axis] = sum(n.shape[axis] for n in nodes)
    return _node("concatenate", nodes, (axis,), shape, dtype)


def concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    if isinstance(arrays, ndarray):
        arrays = list(arrays)
    xs = [_arr(a) for a in arrays]
    if not xs:
        raise ValueError("need at least one array to concatenate")
    if axis is None:
        xs = [ravel(x) for x in xs]
        axis = 0
    if xs[0].ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    ndim = xs[0].ndim
    axis = _ir.normalize_axis(axis, ndim)
    for i, x in enumerate(xs[1:], 1):
        if x.ndim != ndim:
            raise ValueError(
                "all the input arrays must have same number of dimensions, but the array at "
                f"index 0 has {ndim} dimension(s) and the array at index {i} has {x.ndim} dimension(s)")
        for d in range(ndim):
            if d != axis and x.shape[d] != xs[0].shape[d]:
                raise ValueError(
                    "all the input array dimensions except for the concatenation axis must "
                    f"match exactly, but along dimension {d}, the array at index 0 has size "
                    f"{xs[0].shape[d]} and the array at index {i} has size {x.shape[d]}")
    if out is not None and dtype is not None:
        raise TypeError("concatenate() only takes `out` or `dtype` as an argument, but both were provided.")
    natural = _dtypes.result_type(*(x.dtype for x in xs))
    target = natural if dtype is None else _dtypes.canonical(dtype)
    if dtype is not None:
        for x in xs:
            if not _np.can_cast(x.dtype, target, casting):
                raise TypeError(f"Cannot cast array data from {x.dtype!r} to {target!r} "
                                f"according to the rule '{casting}'")
    _common_device(xs)
    node = _concat_nodes([x._node for x in xs], axis, target)
    if out is not None:
        from ._ufunc import write_out
        if out.shape != node.shape:
            raise ValueError("Output array is the wrong shape")
        write_out(out, node, casting)
        return out
    return _wrap(node)


def concat(arrays, /, *, axis=0):
    return concatenate(arrays, axis=axis)


def _sequence(arrays, name):
    if isinstance(arrays, ndarray):
        return list(unstack(arrays, axis=0))
    if not isinstance(arrays, (list, tuple)):
        raise TypeError("arrays to stack must be passed as a \"sequence\" type such as list or tuple.")
    return [_arr(a) for a in arrays]


def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    xs = _sequence(arrays, "stack")
    if not xs:
        raise ValueError("need at least one array to stack")
    if len({x.shape for x in xs}) != 1:
        raise ValueError("all input arrays must have the same shape")
    axis = _ir.normalize_axis(axis, xs[0].ndim + 1)
    return concatenate([expand_dims(x, axis) for x in xs], axis, out=out, dtype=dtype, casting=casting)


def hstack(tup, *, dtype=None, casting="same_kind"):
    xs = atleast_1d(*_sequence(tup, "hstack"))
    xs = xs if isinstance(xs, tuple) else (xs,)
    if xs and xs[0].ndim == 1:
        return concatenate(xs, 0, dtype=dtype, casting=casting)
    return concatenate(xs, 1, dtype=dtype, casting=casting)


def vstack(tup, *, dtype=None, casting="same_kind"):
    xs = atleast_2d(*_sequence(tup, "vstack"))
    xs = xs if isinstance(xs, tuple) else (xs,)
    return concatenate(xs, 0, dtype=dtype, casting=casting)


row_stack = vstack


def dstack(tup):
    xs = atleast_3d(*_sequence(tup, "dstack"))
    xs = xs if isinstance(xs, tuple) else (xs,)
    return concatenate(xs, 2)


def column_stack(tup):
    xs = []
    for v in _sequence(tup, "column_stack"):
        if v.ndim < 2:
            v = transpose(reshape(v, (1,) * (2 - v.ndim) + v.shape))
        xs.append(v)
    return concatenate(xs, 1)


def block(arrays):
    """NumPy's block: nested lists, the innermost joined along the last axis."""
    def depth_of(obj, index=()):
        if isinstance(obj, tuple):
            raise TypeError(f"{index} is a tuple. Only lists can be used to arrange blocks, "
                            "and np.block does not allow implicit conversion from tuple to ndarray.")
        if isinstance(obj, list):
            if not obj:
                raise ValueError(f"List at {index} cannot be empty")
            depths = [depth_of(o, index + (i,)) for i, o in enumerate(obj)]
            first = depths[0]
            for d in depths[1:]:
                if d[0] != first[0]:
                    raise ValueError("List depths are mismatched. First element was at depth "
                                     f"{first[0] + 1}, but there is an element at depth {d[0] + 1}")
            return (first[0] + 1, max(d[1] for d in depths))
        return (0, _arr(obj).ndim)

    list_ndim, max_ndim = depth_of(arrays)
    result_ndim = max(list_ndim, max_ndim)

    def build(obj, depth):
        if depth == list_ndim:
            x = _arr(obj)
            return reshape(x, (1,) * (result_ndim - x.ndim) + x.shape) if x.ndim < result_ndim else x
        parts = [build(o, depth + 1) for o in obj]
        return concatenate(parts, axis=-(list_ndim - depth))

    result = build(arrays, 0)
    return _wrap(result._node)


# ---------------------------------------------------------------- splitting

def _slice_node(n, axis, start, stop, step=1):
    length = len(range(start, stop, step))
    if step == 1 and start == 0 and length == n.shape[axis]:
        return n
    shape = list(n.shape)
    shape[axis] = length
    return _node("slice_axis", (n,), (axis, start, stop, step), shape)


def _take_slice(x, axis, s):
    start, stop, step = s.indices(x.shape[axis])
    return _wrap(_slice_node(x._node, axis, start, stop, step))


def array_split(ary, indices_or_sections, axis=0):
    x = _arr(ary)
    axis = _ir.normalize_axis(axis, x.ndim) if x.ndim else axis
    if x.ndim == 0:
        raise _np.exceptions.AxisError(axis, 0)
    total = x.shape[axis]
    try:
        n_sections = len(indices_or_sections) + 1
        points = [0] + list(indices_or_sections) + [total]
    except TypeError:
        n_sections = int(indices_or_sections)
        if n_sections <= 0:
            raise ValueError("number sections must be larger than 0.") from None
        each, extras = divmod(total, n_sections)
        sizes = [0] + extras * [each + 1] + (n_sections - extras) * [each]
        points = list(_np.cumsum(sizes))
    return [_take_slice(x, axis, slice(int(points[i]), int(points[i + 1])))
            for i in range(n_sections)]


def split(ary, indices_or_sections, axis=0):
    x = _arr(ary)
    try:
        len(indices_or_sections)
    except TypeError:
        sections = indices_or_sections
        n = x.shape[_ir.normalize_axis(axis, x.ndim)] if x.ndim else 0
        if n % sections:  # NumPy's own ZeroDivisionError for 0 sections
            raise ValueError("array split does not result in an equal division") from None
    return array_split(x, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    x = _arr(ary)
    if x.ndim == 0:
        raise ValueError("hsplit only works on arrays of 1 or more dimensions")
    return split(x, indices_or_sections, 1 if x.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    x = _arr(ary)
    if x.ndim < 2:
        raise ValueError("vsplit only works on arrays of 2 or more dimensions")
    return split(x, indices_or_sections, 0)


def dsplit(ary, indices_or_sections):
    x = _arr(ary)
    if x.ndim < 3:
        raise ValueError("dsplit only works on arrays of 3 or more dimensions")
    return split(x, indices_or_sections, 2)


def unstack(x, /, *, axis=0):
    x = _arr(x)
    if x.ndim == 0:
        raise ValueError("Input array must be at least 1-d.")
    axis = _ir.normalize_axis(axis, x.ndim)
    shape = x.shape[:axis] + x.shape[axis + 1:]
    return tuple(_wrap(_reshape_node(_slice_node(x._node, axis, i, i + 1), shape))
                 for i in range(x.shape[axis]))


# ---------------------------------------------------------------- repeating, flipping

def tile(A, reps):
    x = _arr(A)
    try:
        reps = tuple(operator.index(r) for r in reps)
    except TypeError:
        reps = (operator.index(reps),)
    if any(r < 0 for r in reps):
        raise ValueError("negative dimensions are not allowed")
    ndim = max(len(reps), x.ndim)
    reps = (1,) * (ndim - len(reps)) + reps
    shape = (1,) * (ndim - x.ndim) + x.shape
    n = _reshape_node(x._node, shape)
    if all(r == 1 for r in reps):
        return _wrap(n)
    inter, big = [], []
    for r, s in zip(reps, shape):
        inter += [1, s]
        big += [r, s]
    n = _reshape_node(n, inter)
    n = _node("broadcast_to", (n,), (), big)
    return _wrap(_reshape_node(n, tuple(r * s for r, s in zip(reps, shape))))


def _gather(n, axis, indices):
    idx = _ir.data(_np.ascontiguousarray(indices, dtype=_np.int32), n.device)
    shape = list(n.shape)
    shape[axis] = len(indices)
    if len(indices) == n.shape[axis] and (_np.asarray(indices) == _np.arange(len(indices))).all():
        return n
    return _node("gather_axis", (n, idx), (axis,), shape)


def repeat(a, repeats, axis=None):
    x = _arr(a)
    if axis is None:
        x = ravel(x)
        axis = 0
    axis = _ir.normalize_axis(axis, x.ndim)
    if isinstance(repeats, ndarray):
        repeats = repeats.to_numpy()
    n = x.shape[axis]
    index = _np.repeat(_np.arange(n), repeats)  # NumPy's checks and errors
    if _np.size(repeats) == 1:
        r = int(_np.asarray(repeats).reshape(-1)[0])
        if r == 1:
            return _wrap(x._node)
        shape = x.shape
        inner = shape[:axis + 1] + (1,) + shape[axis + 1:]
        wide = shape[:axis + 1] + (r,) + shape[axis + 1:]
        node = _node("broadcast_to", (_reshape_node(x._node, inner),), (), wide)
        return _wrap(_reshape_node(node, shape[:axis] + (n * r,) + shape[axis + 1:]))
    return _wrap(_gather(x._node, axis, index))


def flip(m, axis=None):
    x = _arr(m)
    axes = _ir.normalize_axes(axis, x.ndim)

    def forward(n):
        for ax in axes:
            size = n.shape[ax]
            n = _node("slice_axis", (n,), (ax, size - 1, -1, -1), n.shape)
        return n
    strides = _np.flip(_fake(x), axes).strides if axes else _strides(x)
    return _view(x, forward, lambda b, n: forward(n), strides)


def fliplr(m):
    x = _arr(m)
    if x.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return flip(x, 1)


def flipud(m):
    x = _arr(m)
    if x.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return flip(x, 0)


def roll(a, shift, axis=None):
    x = _arr(a)
    if axis is None:
        return reshape(roll(ravel(x), shift, 0), x.shape)
    axes = _np.atleast_1d(_np.asarray(axis))
    shifts = _np.atleast_1d(_np.asarray(shift))
    axes, shifts = _np.broadcast_arrays(axes, shifts)
    total = {}
    for ax, s in zip(axes.tolist(), shifts.tolist()):
        ax = _ir.normalize_axis(ax, x.ndim)
        total[ax] = total.get(ax, 0) + int(s)
    if x.ndim == 0:  # NumPy's roll fails this way on a 0-d array with an axis
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    n = x._node
    for ax, s in total.items():
        size = n.shape[ax]
        if size == 0 or s % size == 0:
            continue
        s %= size
        n = _concat_nodes([_slice_node(n, ax, size - s, size), _slice_node(n, ax, 0, size - s)],
                          ax, n.dtype)
    return _wrap(n)


def rot90(m, k=1, axes=(0, 1)):
    x = _arr(m)
    axes = tuple(axes)
    if len(axes) != 2:
        raise ValueError("len(axes) must be 2.")
    k = operator.index(k) % 4
    if axes[0] == axes[1] or abs(axes[0] - axes[1]) == x.ndim:
        raise ValueError("Axes must be different.")
    if axes[0] >= x.ndim or axes[0] < -x.ndim or axes[1] >= x.ndim or axes[1] < -x.ndim:
        raise ValueError(f"Axes={axes} out of range for array of ndim={x.ndim}.")
    if k == 0:
        return _view(x, lambda n: n, lambda b, n: n, _strides(x))
    if k == 2:
        return flip(flip(x, axes[0]), axes[1])
    order = list(range(x.ndim))
    a0, a1 = axes[0] % x.ndim, axes[1] % x.ndim
    order[a0], order[a1] = order[a1], order[a0]
    if k == 1:
        return transpose(flip(x, axes[1]), order)
    return flip(transpose(x, order), axes[1])


# ---------------------------------------------------------------- dtypes

def astype(x, dtype, /, *, copy=True, device=None):
    x = _arr(x)
    node = x._node
    dtype = _dtypes.canonical(dtype)
    if device is not None and _device.resolve(device) != node.device:
        x = x.to_device(device)
        node = x._node
    if dtype == node.dtype:
        # copy=False may (and, as in NumPy, does) return the input itself.
        return x if copy is False else _wrap(node)
    return _wrap(_node("astype", (node,), (), node.shape, dtype))


def _astype_method(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
    if not _np.can_cast(self.dtype, dtype, casting):
        raise TypeError(f"Cannot cast array data from {self.dtype!r} to {_np.dtype(dtype)!r} "
                        f"according to the rule '{casting}'")
    if copy is False and _dtypes.canonical(dtype) == self.dtype:
        return self
    return astype(self, dtype)


def _view_method(self, dtype=None, type=None):
    """Same-size dtypes only. Same dtype: a view that writes through. Another dtype of
    the same itemsize: OpenVINO has no bit cast, so the bits are reinterpreted on the
    host (this materializes) and the result is a copy, not a view."""
    if dtype is None or _np.dtype(dtype) == self.dtype:
        return _view(self, lambda n: n, lambda b, n: n, _strides(self))
    dtype = _np.dtype(dtype)
    if dtype.itemsize != self.dtype.itemsize:
        raise NotImplementedError("ovnp's view() supports dtypes of the same itemsize only")
    _dtypes.canonical(dtype)
    return asarray(self._value().view(dtype), device=self.device)


def _fill_method(self, value):
    if isinstance(value, ndarray):
        if value.ndim:
            raise ValueError("fill value must be a scalar")
        node = _cast(value._node, self.dtype)
    else:
        cell = _np.empty((), self.dtype)
        cell.fill(value)  # NumPy's casting and errors
        node = _ir.data(cell, self.device)
    if self.shape:
        node = _node("broadcast_to", (node,), (), self.shape)
    self._assign(node)


# ---------------------------------------------------------------- methods

def _reshape_method(self, *shape, order="C", copy=None):
    if len(shape) == 1 and not isinstance(shape[0], (int, _np.integer)):
        shape = shape[0]
    return reshape(self, shape, order=order, copy=copy)


def _transpose_method(self, *axes):
    if len(axes) == 1 and (axes[0] is None or not isinstance(axes[0], (int, _np.integer))):
        axes = axes[0]
    return transpose(self, axes or None)


def _ravel_method(self, order="C"):
    return ravel(self, order)


def _squeeze_method(self, axis=None):
    return squeeze(self, axis)


def _repeat_method(self, repeats, axis=None):
    return repeat(self, repeats, axis)


def _copy_method(self, order="C"):
    # Arrays are handles on immutable nodes: a copy shares the node until either is
    # rebound by a write, so copying is free.
    return ndarray._wrap(self._node)


METHODS = {
    "reshape": _reshape_method,
    "transpose": _transpose_method,
    "swapaxes": swapaxes,
    "ravel": _ravel_method,
    "flatten": _flatten_method,
    "squeeze": _squeeze_method,
    "repeat": _repeat_method,
    "astype": _astype_method,
    "copy": _copy_method,
    "fill": _fill_method,
    "view": _view_method,
}


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
