"""The lazy graph: small nodes that record one operation each.

A node's structure (op, attrs, inputs, shape, dtype, device) never changes after it is
built. Its `value` starts as None and is set once, when the node is materialized; from
then on the node is a leaf (its inputs are dropped so the graph behind it can be freed)
and every graph that uses it reads the value instead of recomputing it.

IR ops carry NumPy's semantics (an "floor_divide" node floors, as NumPy does); each
lowering in ovnp/_backend restores those semantics on top of OpenVINO's opset.
`attrs` is a hashable tuple whose layout each op defines where it is built.
"""

import numpy as _np

from . import _dtypes


_I32 = _np.dtype(_np.int32)

# The int64 origin of int32 values ("wide", docs/dtypes.md): NumPy would hold them as
# int64, so arithmetic on them must give NumPy's exact value or raise OverflowError,
# never wrap (lower_wide_ints.py). A node is wide when its dtype is int32 and a value
# input is wide (NumPy's promotion: int64 with anything integer is int64), or when its op
# is one of WIDE_SOURCES (NumPy returns intp, or accumulates int32 in int64). Builders
# that know better (ufunc type resolution, explicit casts) pass `wide` themselves.
WIDE_SOURCES = frozenset({"argmax", "argmin", "argsort", "lexsort", "searchsorted",
                          "count_nonzero", "sum_exact", "prod_exact", "cumsum_exact",
                          "cumprod_exact"})
# ops whose other inputs are positions, not values: only the first `k` inputs carry
# (an int32 array indexed by an intp array is still int32 in NumPy).
VALUE_INPUTS = {"gather_axis": 1, "ew_gather": 1, "ew_scatter": 1, "getitem": 1,
                "setitem": 1, "random_take": 1, "random_take_along": 1, "as_strided": 1,
                "take0": 1, "take_last": 1}


class Node:
    __slots__ = ("op", "inputs", "attrs", "shape", "dtype", "device", "value", "wide",
                 "__weakref__")

    def __init__(self, op, inputs, attrs, shape, dtype, device, value=None, wide=None):
        self.op = op
        self.inputs = inputs
        self.attrs = attrs
        self.shape = shape
        self.dtype = dtype
        self.device = device
        self.value = value
        if wide is None:
            wide = False
            if dtype is _I32:
                if op in WIDE_SOURCES:
                    wide = True
                else:
                    k = VALUE_INPUTS.get(op)
                    for i in (inputs if k is None else inputs[:k]):
                        if i.wide:
                            wide = True
                            break
        self.wide = wide

    def set_value(self, value):
        # Value first, inputs second: a concurrent walk that still sees the old inputs
        # also sees value is None only if it read before this call (see _engine.walk).
        self.value = value
        self.inputs = ()

    def __repr__(self):
        state = "value" if self.value is not None else f"{len(self.inputs)} inputs"
        wide = " wide" if self.wide else ""
        return f"<Node {self.op}{self.attrs or ''} {self.shape} {self.dtype}{wide} {self.device} {state}>"


def with_wide(node: Node, wide: bool) -> Node:
    """`node`, or an int32 copy of it whose int64 origin is `wide`: an explicit
    astype(int32) drops the mark, astype(int64) adds it, a write keeps its target's."""
    if node.wide == wide or node.dtype != _I32:
        return node
    return Node("astype", (node,), (), node.shape, node.dtype, node.device, None, wide)


def data(array: _np.ndarray, device: str, wide: bool = False) -> Node:
    """A leaf holding host data; lowered to a Parameter, so its values never enter a key.
    `wide`: int32 data that NumPy would hold as int64 (see WIDE_SOURCES)."""
    return Node("data", (), (), array.shape, array.dtype, device, array, wide)


_NAN = float("nan")


def _const_attrs(value) -> tuple:
    """attrs of a constant, equal exactly when the constants are the same.

    (0.0,) == (-0.0,) and nan != nan, so a bare value would let x * -0.0 reuse the model
    compiled for x * 0.0, and recompile x + nan on every call: -0.0 gets a tag and every
    NaN is one shared object.
    """
    if type(value) is float:
        if value != value:
            return (_NAN,)
        if value == 0 and _np.copysign(1.0, value) < 0:
            return (value, "-0")
    if type(value) is complex:
        # The same reasons, for each part: the bits tell signed zeros apart, and one
        # object per bit pattern makes complex NaNs equal (tuples compare by identity first).
        bits = _np.complex64(value).tobytes()
        value = _COMPLEX.setdefault(bits, value) if len(_COMPLEX) < 65536 else value
        return (value, bits)
    return (value,)


_COMPLEX: dict = {}


def const(value, dtype: _np.dtype, device: str, wide: bool = False) -> Node:
    """A 0-d constant (a Python scalar); its value is part of the compile key.

    Not shared between graphs: a shared constant that one graph materialized would
    become a valued leaf, so every later graph would take it as a Parameter (another
    key, and a scalar Parameter used 40 times breaks the CPU plugin's snippets).
    """
    key = (type(value), value, dtype)
    try:
        attrs = _CONST_ATTRS.get(key)
    except TypeError:       # an unhashable value
        key = attrs = None
    if attrs is None:
        attrs = _const_attrs(_np.asarray(value).astype(dtype).item())
        if key is not None and _cacheable(value, attrs[0], dtype) and len(_CONST_ATTRS) < 4096:
            _CONST_ATTRS[key] = attrs
    return Node("const", (), attrs, (), dtype, device, None, wide)


# (type, value, dtype) -> attrs of the constants built so far (values that convert
# exactly and silently only: -0.0, NaN and the casts that may warn are built each time).
_CONST_ATTRS: dict = {}


def _cacheable(value, converted, dtype) -> bool:
    t = type(value)
    if t is bool or t is int:
        return dtype.kind in "biu" or (dtype.kind == "f" and abs(converted) != _INF)
    if t is float and dtype.kind == "f":
        # finite, nonzero, and still finite after the cast (an overflow would warn)
        return value == value and value != 0 and abs(value) != _INF and abs(converted) != _INF
    return False


_INF = float("inf")


def op(name, inputs, attrs, shape, dtype, device=None) -> Node:
    return Node(name, inputs, attrs, shape, dtype, device or inputs[0].device)


# ---------------------------------------------------------------- shape helpers

_BROADCAST_CACHE: dict = {}


def broadcast_shapes(*shapes) -> tuple:
    """NumPy's broadcasting of shapes, with NumPy's ValueError."""
    hit = _BROADCAST_CACHE.get(shapes)
    if hit is not None:
        return hit
    ndim = max(map(len, shapes), default=0)
    result = [1] * ndim
    for shape in shapes:
        offset = ndim - len(shape)
        for i, n in enumerate(shape):
            r = result[offset + i]
            if r == 1:
                result[offset + i] = n
            elif n != 1 and n != r:
                text = " ".join("(" + ",".join(map(str, s)) + ("," if len(s) == 1 else "") + ")"
                                for s in shapes)
                raise ValueError(
                    f"operands could not be broadcast together with shapes {text} ")
    hit = tuple(result)
    if len(_BROADCAST_CACHE) < 65536:
        _BROADCAST_CACHE[shapes] = hit
    return hit


def normalize_axis(axis, ndim: int) -> int:
    """NumPy's axis check: AxisError (a ValueError and IndexError) when out of range."""
    try:
        axis = axis.__index__()
    except AttributeError:
        raise TypeError(f"'{type(axis).__name__}' object cannot be interpreted as an integer") from None
    if not -ndim <= axis < ndim:
        raise _np.exceptions.AxisError(axis, ndim)
    return axis % ndim if ndim else 0


def normalize_axes(axis, ndim: int) -> tuple:
    """axis=None | int | tuple -> sorted tuple of non-negative axes, NumPy's errors."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (tuple, list)):
        axes = tuple(normalize_axis(a, ndim) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError("duplicate value in 'axis'")
        return tuple(sorted(axes))
    return (normalize_axis(axis, ndim),)


def size_of(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def check_dtype(dtype) -> _np.dtype:
    return _dtypes.canonical(dtype)
