"""The eager host executor: small CPU work computed at once by NumPy, with no graph.

OpenVINO wins on large fused graphs and loses below its per-call floor (about 15 us per
device run, plus walking and keying every pending node). NumPy code written with loops
builds thousands of tiny nodes, so, as cuPyNumeric's EagerArray does, an operation whose
inputs are already computed, whose arrays are small (at most MAX_ELEMENTS elements) and
which lives on the CPU device is computed now by NumPy: its node gets its value at birth
and is a leaf from then on. Arrays turn lazy again when they grow or when an input is
pending (then the op is recorded as before, and OpenVINO fuses what follows). Arrays on
GPU, NPU or AUTO never run here.

Only ops whose NumPy result is the one the OpenVINO path gives under the 32-bit policy
are in OPS: float32 arithmetic, comparisons and the float32 math NumPy defines, copies
and views of any dtype (slices, slice writes, reshapes). Integer arithmetic stays on the
graph, where its lowerings raise OverflowError for values NumPy computes exactly in 64
bits and wrap narrow types as NumPy does; float16 stays there too. Each function may
refuse (return None) and the op is then recorded for the graph.

OVNP_EXECUTOR=openvino turns this off (every op is recorded for OpenVINO), and
OVNP_EAGER_MAX_ELEMENTS sets the size limit; see docs/performance.md.
"""

import contextlib
import os
import threading
from sys import getrefcount as _getrefcount

import numpy as _np

from . import _ir

MODES = ("auto", "openvino")
MODE = os.environ.get("OVNP_EXECUTOR", "auto").strip().lower() or "auto"
if MODE not in MODES:
    raise ValueError(f"OVNP_EXECUTOR={MODE!r}: expected one of {', '.join(MODES)}")
# Measured on the stencils, the trace loop and W8-like chains (docs/performance.md): up
# to this many elements NumPy at once beats recording, keying and a device run.
MAX_ELEMENTS = int(os.environ.get("OVNP_EAGER_MAX_ELEMENTS", "65536"))
# Reads and writes of slices cost NumPy's copy at most and save a Gather/Scatter over
# host-made positions, so they stay eager on larger computed arrays.
MAX_COPY_ELEMENTS = max(MAX_ELEMENTS, 1 << 20)

# op -> fn(node, *input values) -> NumPy value of node.dtype and node.shape, or None
# (refused: the op goes to the graph). Filled here (math) and by the families that own
# the copy ops (_nodes, _indexing).
OPS: dict = {}
# ops whose cost is their output's size, whatever their inputs' (reading a slice or an
# element of a large computed array); every other op needs small inputs too.
BY_OUTPUT = {"getitem", "slice_axis", "gather_axis", "reshape", "transpose"}

_F32 = _np.dtype(_np.float32)
_BOOL = _np.dtype(bool)

counts = {"eager_ops": 0}


class _Switch(threading.local):
    off = 0     # > 0 inside disabled(): export() traces a graph from computed leaves


_switch = _Switch()
_disabled_anywhere = [0]    # disabled() blocks open in any thread (0: skip the thread check)


def on() -> bool:
    return MODE == "auto" and not (_disabled_anywhere[0] and _switch.off)


def set_executor(mode):
    """'auto' (small CPU work eagerly, the rest on OpenVINO) or 'openvino' (everything)."""
    global MODE
    mode = str(mode).lower()
    if mode not in MODES:
        raise ValueError(f"executor {mode!r}: expected one of {', '.join(MODES)}")
    MODE = mode


@contextlib.contextmanager
def disabled():
    """Record every op in this thread while inside (a trace must see the graph)."""
    _switch.off += 1
    _disabled_anywhere[0] += 1
    try:
        yield
    finally:
        _switch.off -= 1
        _disabled_anywhere[0] -= 1


def ready(node) -> bool:
    """The node is computed, on the CPU, and the eager executor is on: reading a small
    part of it (or writing one) may run now."""
    return (node.value is not None and node.device == "CPU" and MODE == "auto"
            and not (_disabled_anywhere[0] and _switch.off))


def run(node, _depth=1):
    """Compute `node` now, if allowed, with its pending inputs whose own inputs are
    computed (a cast or broadcast a family put in front). Returns the node, with its
    value set when it ran eagerly. (The hottest function of loop code: kept flat.)"""
    if node.device != "CPU" or MODE != "auto" or node.value is not None:
        return node
    fn = OPS.get(node.op)
    if fn is None:
        return node
    n = 1
    for d in node.shape:
        n *= d
    if n > MAX_ELEMENTS or (_disabled_anywhere[0] and _switch.off):
        return node
    values = []
    for i in node.inputs:
        v = i.value
        if v is None:
            if i.op == "const":
                v = _CONSTS.get((i.attrs, i.dtype))
                if v is None:
                    v = _const_value(i)
            elif not _depth or run(i, 0).value is None:     # one level, no recursion
                return node
            else:
                v = i.value
        elif v.size > MAX_ELEMENTS and node.op not in BY_OUTPUT:
            return node
        values.append(v)
    # NumPy's floating-point error state applies, as for every host computation
    # (docs/floating-point-errors: seterr, errstate); OpenVINO reports none.
    value = fn(node, *values)
    if value is None:
        return node
    if type(value) is not _np.ndarray:      # NumPy returns scalars for 0-d operands
        value = _np.asarray(value)
    if value.dtype != node.dtype or value.shape != node.shape:
        return node
    node.value = value      # Node.set_value, inlined
    node.inputs = ()
    counts["eager_ops"] += 1     # approximate under threads: a counter, not a lock
    return node


_CONSTS: dict = {}      # (attrs, dtype) of a constant node -> its read-only 0-d value


def _const_value(node):
    v = _np.asarray(node.attrs[0], dtype=node.dtype)
    v.flags.writeable = False
    if len(_CONSTS) > 4096:
        _CONSTS.clear()
    _CONSTS[(node.attrs, node.dtype)] = v
    return v


def writable(node, holders):
    """node.value to write into: the buffer itself when nothing can see it but `node`
    (whose only references are the caller's `holders`): no view of it, no other graph,
    no array handed to the user. The caller then makes a new node for the result, so
    nothing that compares nodes by identity mistakes the new value for the old. Else
    a copy. (NumPy views hold their base, so they show in the count.)"""
    v = node.value
    if (v.base is None and v.flags.writeable and v.flags.c_contiguous
            and _getrefcount(v) == 3 and _getrefcount(node) == holders + 2):
        return v
    return v.copy()


def leaf(op, value, device):
    """A computed node for `op`'s result, worked out by the caller with NumPy."""
    counts["eager_ops"] += 1
    return _ir.Node(op, (), (), value.shape, value.dtype, device, value)


# ---------------------------------------------------------------- float32 math

# IR op (NumPy's ufunc name) -> NumPy ufunc, for float32 inputs. Their results are
# float32 (bool for comparisons and tests): NumPy's float32 loops are the specification
# ovnp's lowerings follow (NaN propagating maximum, IEEE division, ...).
_FLOAT_UFUNCS = [
    "add", "subtract", "multiply", "divide", "negative", "positive", "absolute", "fabs",
    "square", "sqrt", "maximum", "minimum", "fmax", "fmin", "copysign",
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    "isnan", "isinf", "isfinite", "signbit",
    "exp", "expm1", "log", "log1p", "log2", "log10", "tanh", "sinh", "cosh", "arctan",
    "sin", "cos", "floor", "ceil", "trunc", "rint",
]
_BOOL_UFUNCS = ["logical_and", "logical_or", "logical_xor", "logical_not"]


def _float_op(np_ufunc):
    def fn(node, *xs):
        for x in xs:
            if x.dtype is not _F32 and x.dtype != _F32:
                return None
        return np_ufunc(*xs)
    return fn


def _bool_op(np_ufunc):
    def fn(node, *xs):
        for x in xs:
            if x.dtype != _BOOL:
                return None
        return np_ufunc(*xs)
    return fn


# op -> NumPy ufunc: the ufuncs' fast paths call these directly (binary, unary below)
FLOAT_UFUNCS = {name: getattr(_np, name) for name in _FLOAT_UFUNCS}
OPS.update({name: _float_op(getattr(_np, name)) for name in _FLOAT_UFUNCS})
OPS.update({name: _bool_op(getattr(_np, name)) for name in _BOOL_UFUNCS})
OPS["true_divide"] = OPS["divide"]


def _where(node, cond, x, y):
    if cond.dtype != _BOOL or x.dtype != y.dtype:
        return None
    return _np.where(cond, x, y)


OPS["masked_where"] = _where

# Casts NumPy and OpenVINO agree on: to float32 from small integers and bool (exact or
# rounded to nearest even), and bool to any number. Casts from floats to integers differ
# (NaN, out of range) and go to the graph.
_TO_F32_FROM = {_np.dtype(t) for t in (bool, _np.int8, _np.uint8, _np.int16, _np.uint16,
                                       _np.int32, _np.float32)}


def _astype(node, x):
    if (node.dtype == _F32 and x.dtype in _TO_F32_FROM) or x.dtype == _BOOL \
            or x.dtype == node.dtype:
        return x.astype(node.dtype)
    return None


OPS["astype"] = _astype


def _einsum(node, *xs):
    """dot, vdot, inner, einsum on float32 (NumPy's own float32 accumulation)."""
    if node.dtype != _F32 or any(x.dtype != _F32 for x in xs):
        return None
    labels, out, _ = node.attrs
    return _np.einsum(",".join(labels) + "->" + out, *xs)


def _matmul(node, a, b):
    if node.dtype != _F32 or a.dtype != _F32 or b.dtype != _F32:
        return None
    return _np.matmul(a, b)


OPS.update({"einsum": _einsum, "matmul": _matmul, "matmul_blas": _matmul})


def _float_reduction(np_fn):
    """sum, max, min of float32 (attrs: axes, keepdims): NumPy's pairwise sum (the
    device's blocked sum is as accurate), NaN-propagating extremes (exact)."""
    def fn(node, x):
        if x.dtype is not _F32 or node.dtype is not _F32:
            return None
        axes, keepdims = node.attrs
        return np_fn(x, axis=axes, keepdims=keepdims)
    return fn


OPS.update({"sum": _float_reduction(_np.sum), "amax": _float_reduction(_np.max),
            "amin": _float_reduction(_np.min)})


def dot(x, y):
    """The computed node of dot(x, y) for small computed float32 CPU vectors and
    matrices (NumPy's dot, its float32 accumulation), else None (the graph's einsum,
    with NumPy's errors for shapes that do not align)."""
    if not (ready(x) and ready(y) and x.dtype == _F32 and y.dtype == _F32
            and 1 <= len(x.shape) <= 2 and 1 <= len(y.shape) <= 2
            and x.shape[-1] == y.shape[0] and x.value.size <= MAX_ELEMENTS
            and y.value.size <= MAX_ELEMENTS):
        return None
    return leaf("einsum", _np.asarray(_np.dot(x.value, y.value)), x.device)


# ---------------------------------------------------------------- the ufuncs' fast paths
# A float32 ufunc call on computed CPU arrays (or a Python float) skips the node it
# would build and run(): called from ufunc._fast2/_fast1 once their dtype plan says
# float32 in. The computed node; None: not this way (the caller builds the node and
# tries run()); LAZY: a pending input or too large (the node is only recorded).
LAZY = object()


def binary(np_ufunc, op, na, a, nb, b, dtype):
    if _disabled_anywhere[0]:
        return None
    if na is not None:
        va = na.value
        if va is None:
            return LAZY
        if va.dtype is not _F32:
            return None
        sa = na.shape
    elif type(a) is float:
        va, sa = a, ()
    else:
        return None
    if nb is not None:
        vb = nb.value
        if vb is None:
            return LAZY
        if vb.dtype is not _F32:
            return None
        sb = nb.shape
    elif type(b) is float:
        vb, sb = b, ()
    else:
        return None
    shape = sa if sa == sb or not sb else sb if not sa else _ir.broadcast_shapes(sa, sb)
    n = 1
    for d in shape:
        n *= d
    if n > MAX_ELEMENTS:
        return LAZY
    # A Python float against a float32 array is NumPy's weak scalar: cast to float32
    # first, as the constant node of the graph path is.
    value = np_ufunc(va, vb)
    if type(value) is not _np.ndarray:
        value = _np.asarray(value)
    if value.dtype != dtype:
        return None
    counts["eager_ops"] += 1
    return _ir.Node(op, (), (), shape, dtype, "CPU", value)


def unary(np_ufunc, op, na, dtype):
    va = na.value
    if va is None or va.size > MAX_ELEMENTS:
        return LAZY
    if va.dtype is not _F32 or _disabled_anywhere[0]:
        return None
    value = np_ufunc(va)
    if type(value) is not _np.ndarray:
        value = _np.asarray(value)
    if value.dtype != dtype:
        return None
    counts["eager_ops"] += 1
    return _ir.Node(op, (), (), na.shape, dtype, "CPU", value)
