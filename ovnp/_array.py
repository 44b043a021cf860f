"""class ndarray: a mutable handle on a node of the lazy graph.

An array either owns its node (`_node_`) or is a view of a base array: then its node is
`view.forward(base's node)`, recomputed when the base is rebound, and a write to it goes
back into the base as `view.backward(base's node, new node)`. In-place operations
rebind the node of the array object itself, so every reference and every view sees them
(invariant 6), and writes stay lazy.

Methods and operators are installed from the families (see install_methods), so this
file knows nothing of any particular NumPy function.
"""

import operator
import types as _types

import numpy as _np

from . import _device, _dtypes, _eager, _engine, _ir


class View:
    """How a view reads from its base and how a write to it goes back into the base."""

    __slots__ = ("forward", "backward")

    def __init__(self, forward, backward):
        self.forward = forward      # base node -> view node
        self.backward = backward    # (base node, new view node) -> new base node


class ndarray:
    __slots__ = ("_node_", "_base", "_view", "_view_src", "_view_node", "__weakref__")
    __array_priority__ = 100
    # NumPy's binary operators defer to ours (np_array + x -> x.__radd__), and NumPy
    # functions do not silently convert ovnp arrays (see docs/interop.md).
    __array_ufunc__ = None
    __hash__ = None

    def __init__(self, shape, dtype=float, buffer=None, offset=0, strides=None, order=None,
                 *, device=None):
        """`ovnp.ndarray(shape, dtype)` as NumPy code calls it: a new array on the default
        device (or `device`). NumPy's is uninitialized; ovnp's holds zeros, or a copy of
        `buffer`'s values read as NumPy would (offset, strides, order): ovnp owns its
        data. The dtype follows the 32-bit policy (float -> float32)."""
        if buffer is None:
            value = _np.zeros(shape, dtype, order="F" if order == "F" else "C")
        else:
            value = _np.ndarray(shape, dtype, buffer, offset, strides, order)
        value, wide = _dtypes.host_array_and_wide(value)
        self._node_ = _ir.data(value, _device.resolve(device), wide)
        self._base = None

    __class_getitem__ = classmethod(lambda cls, item: _types.GenericAlias(cls, item))

    @classmethod
    def _wrap(cls, node):
        self = object.__new__(cls)
        self._node_ = _eager.run(node)     # small computed CPU work: now, by NumPy
        self._base = None
        return self

    @classmethod
    def _view_of(cls, base, view):
        self = object.__new__(cls)
        self._node_ = None
        self._base = base
        self._view = view
        self._view_src = None
        self._view_node = None
        return self

    # ------------------------------------------------------------ the graph handle

    @property
    def _node(self):
        base = self._base
        if base is None:
            return self._node_
        src = base._node
        if src is not self._view_src:
            self._view_node = _eager.run(self._view.forward(src))
            self._view_src = src
        return self._view_node

    def _assign(self, node):
        """Rebind this array (and so its base, if it is a view) to `node`."""
        current = self._node
        if node.wide != current.wide:   # a write keeps the target's int64 origin
            node = _ir.with_wide(node, current.wide)
        node = _eager.run(node)
        if node.shape != current.shape or node.dtype != current.dtype:
            raise AssertionError(f"_assign {node.shape} {node.dtype} onto {current.shape} {current.dtype}")
        if node.device != current.device:
            raise ValueError(f"cannot write an array on {node.device!r} into one on {current.device!r}")
        base = self._base
        if base is None:
            self._node_ = node
        else:
            base._assign(self._view.backward(base._node, node))
            self._view_src = base._node
            self._view_node = node

    def _value(self) -> _np.ndarray:
        """The computed value (shared, never to be mutated or handed out)."""
        node = self._node
        if node.value is None:
            _engine.materialize([node])
        return node.value

    # ------------------------------------------------------------ attributes

    shape = property(lambda self: self._node.shape)
    dtype = property(lambda self: self._node.dtype)
    device = property(lambda self: self._node.device)
    ndim = property(lambda self: len(self._node.shape))
    size = property(lambda self: _ir.size_of(self._node.shape))
    itemsize = property(lambda self: self._node.dtype.itemsize)
    nbytes = property(lambda self: _ir.size_of(self._node.shape) * self._node.dtype.itemsize)

    @property
    def T(self):
        return self.transpose()

    @property
    def mT(self):
        if self.ndim < 2:
            raise ValueError("matrix transpose with ndim < 2 is undefined")
        return self.swapaxes(-1, -2)

    # ------------------------------------------------------------ getting values

    def to_numpy(self) -> _np.ndarray:
        """A fresh NumPy array that the caller owns."""
        return self._value().copy()

    def __array__(self, dtype=None, copy=None):
        value = self._value()
        if copy is False:
            if dtype is not None and _np.dtype(dtype) != value.dtype:
                raise ValueError("Unable to avoid copy while creating an array as requested.")
            view = value.view()
            view.flags.writeable = False   # our value is shared: read-only, never a copy
            return view
        return value.astype(dtype) if dtype is not None else value.copy()

    def __repr__(self):
        return repr(self._value())

    def __str__(self):
        return str(self._value())

    def __format__(self, spec):
        return format(self._value(), spec)

    def __bool__(self):
        return bool(self._value())

    def __int__(self):
        return int(self._value())

    def __float__(self):
        return float(self._value())

    def __complex__(self):
        return complex(self._value())

    def __index__(self):
        return operator.index(self._value())

    def __len__(self):
        shape = self._node.shape
        if not shape:
            raise TypeError("len() of unsized object")
        return shape[0]

    def __iter__(self):
        shape = self._node.shape
        if not shape:
            raise TypeError("iteration over a 0-d array")
        for i in range(shape[0]):
            yield self[i]

    def item(self, *args):
        return self._value().item(*args)

    def tolist(self):
        return self._value().tolist()

    # ------------------------------------------------------------ changing in place

    def _become(self, reshaped):
        """Make this array show what `reshaped` shows: its node, or for a view of a view
        the composition of both views (the shape setter and ndarray.resize change the
        array object itself, as NumPy's do). `reshaped` is a view of self, or a new node
        for an array that owns its node."""
        if isinstance(reshaped, ndarray):
            outer = reshaped._view
            if self._base is None:
                self._node_ = outer.forward(self._node_)
                return
            inner = self._view
            self._view = type(outer)(
                lambda n: outer.forward(inner.forward(n)),
                lambda b, new: inner.backward(b, outer.backward(inner.forward(b), new)),
                *([outer.strides] if hasattr(outer, "strides") else []))
            self._view_src = self._view_node = None
            return
        if self._base is not None:
            raise ValueError("cannot resize this array: it does not own its data")
        self._node_ = reshaped

    # ------------------------------------------------------------ devices

    def to_device(self, device, /, *, stream=None):
        """This array on `device`. Values move through the host, so this materializes."""
        from . import _device
        device = _device.resolve(device)
        if device == self.device:
            return self
        return ndarray._wrap(_ir.data(self._value(), device, self._node.wide))

    def __getstate__(self):
        return {"value": self._value(), "device": self.device, "wide": self._node.wide}

    def __setstate__(self, state):
        self._node_ = _ir.data(state["value"], state["device"], state.get("wide", False))
        self._base = None

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()


# ---------------------------------------------------------------- operators
# dunder -> (public function name, how to call it)
_OPERATORS = {
    "__add__": "add", "__sub__": "subtract", "__mul__": "multiply",
    "__truediv__": "true_divide", "__floordiv__": "floor_divide", "__mod__": "remainder",
    "__pow__": "power", "__matmul__": "matmul", "__and__": "bitwise_and",
    "__or__": "bitwise_or", "__xor__": "bitwise_xor", "__lshift__": "left_shift",
    "__rshift__": "right_shift", "__divmod__": "divmod",
}
_COMPARISONS = {
    "__eq__": "equal", "__ne__": "not_equal", "__lt__": "less", "__le__": "less_equal",
    "__gt__": "greater", "__ge__": "greater_equal",
}
_UNARY = {"__neg__": "negative", "__pos__": "positive", "__abs__": "absolute",
          "__invert__": "invert"}


# An ovnp ufunc's `_fast2(a, b)` / `_fast1(a)` is its call without keyword arguments
# (it takes the general path itself when it must): operators call it directly.

def _forward(fn):
    fn = getattr(fn, "_fast2", fn)
    return lambda self, other: fn(self, other)


def _reflected(fn):
    fn = getattr(fn, "_fast2", fn)
    return lambda self, other: fn(other, self)


def _inplace(fn):
    fast = getattr(fn, "_fast2", None)

    def method(self, other):
        if fast is not None and type(self) is ndarray:
            # `a += b` is `a = a + b` rebound in place when the sum already has a's
            # shape and dtype (nothing to cast or broadcast); else out=self's checks.
            result = fast(self, other)
            node, current = result._node, self._node
            # (and the same int64 origin: user int32 += int64 data wraps, as in NumPy)
            if type(result) is ndarray and node.shape == current.shape \
                    and node.dtype == current.dtype and node.wide == current.wide:
                self._assign(node)
                return self
        fn(self, other, out=self)
        return self
    return method


def _unary(fn):
    fn = getattr(fn, "_fast1", fn)
    return lambda self: fn(self)


def install_methods(namespace, families):
    """Bind operators to the public functions in `namespace`, and each family's METHODS.

    Only what exists is installed, so a family adds a method by defining it.
    """
    for dunder, name in list(_OPERATORS.items()) + list(_COMPARISONS.items()):
        fn = namespace.get(name)
        if fn is None:
            continue
        setattr(ndarray, dunder, _forward(fn))
        if dunder in _OPERATORS:
            setattr(ndarray, "__r" + dunder[2:], _reflected(fn))
            if name != "divmod":
                setattr(ndarray, "__i" + dunder[2:], _inplace(fn))
    for dunder, name in _UNARY.items():
        fn = namespace.get(name)
        if fn is not None:
            setattr(ndarray, dunder, _unary(fn))
    for family in families:
        for name, fn in getattr(family, "METHODS", {}).items():
            setattr(ndarray, name, fn)
