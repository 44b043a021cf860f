"""Elementwise math: each NumPy ufunc in one line through the ufunc factory, plus the
elementwise functions NumPy writes in Python (round, clip, sinc, nan_to_num, real,
imag). The logic functions built on these are in _logic.py, the mathematical functions
built from several families (angle, unwrap, i0, ...) in _mathematical.py.

The IR op of each ufunc is NumPy's ufunc name; its lowering (ovnp/_backend/
lower_elementwise.py, lower_trig.py, lower_division.py, lower_float_bits.py) restores
NumPy's semantics on top of OpenVINO.
"""

import builtins
import math

import numpy as _np

from . import _dtypes, _ir
from ._array import ndarray
from ._comparisons import comparison
from ._indexing_routines import where
from ._nodes import _arr, write_out
from ._ufunc import elementwise, elementwise_multi, ufunc


def _negative_exponent_check(nodes):
    """NumPy raises ValueError for an integer power with a negative exponent.

    Checked at call time when the exponent's values are known (a Python int, host data
    or an already computed array); a pending exponent is not computed to check it.
    """
    e = nodes[1]
    if e.dtype.kind != "i" or nodes[0].dtype.kind not in "iu":
        return
    if e.op == "astype" and e.value is None and e.inputs[0].value is not None:
        e = e.inputs[0]
    if e.op == "const":
        negative = e.attrs[0] < 0
    elif e.value is not None:
        negative = e.value.size > 0 and bool((e.value < 0).any())
    else:
        return
    if negative:
        raise ValueError("Integers to negative integer powers are not allowed.")


_MULTI = {"divmod": ("floor_divide", "remainder"), "frexp": ("frexp_mantissa", "frexp_exponent"),
          "modf": ("modf_frac", "modf_int")}
_CHECKS = {"power": _negative_exponent_check}


# Ops that return their input unchanged for some dtypes: no node (and no compile) then.
_IDENTITY_ON = {"positive": "biufc", "conjugate": "biuf", "floor": "biu", "ceil": "biu",
                "trunc": "biu", "absolute": "bu"}


def _identity_or(op, emit):
    kinds = _IDENTITY_ON[op]

    def emit_or_identity(nodes, out_dtypes):
        n = nodes[0]
        if n.dtype.kind in kinds and n.dtype == out_dtypes[0]:
            return [n]
        return emit(nodes, out_dtypes)
    return emit_or_identity


def _is_pending_abs_of_complex(node):
    return (node.op == "absolute" and node.value is None
            and node.inputs[0].dtype.kind == "c")


def _is_two(node):
    """A scalar exponent known to be 2 when the power is built: a constant (a Python
    number), or a 0-d leaf (a NumPy scalar on the general path)."""
    if node.shape != ():
        return False
    if node.value is not None:
        return node.dtype.kind == "f" and float(node.value) == 2.0
    return node.op == "const" and node.attrs[0] == 2


def _abs_squared_or(emit):
    """power(absolute(z), 2) of a pending complex z as one op, `abs_squared`: re² + im²
    instead of hypot's scaled square root, squared (W16's power spectrum: no scaling,
    no sqrt). Decided here, when the graph is built, so no cut of the graph can
    fall between the two ops and change the answer; an abs already computed is squared
    as NumPy does. Within 4 ulp of NumPy's float32 answer (docs/differences.md)."""
    def emit_or_abs_squared(nodes, out_dtypes):
        base, exponent = nodes
        if (_is_pending_abs_of_complex(base) and _is_two(exponent)
                and out_dtypes[0] == base.dtype):
            return [_ir.Node("abs_squared", (base.inputs[0],), (), base.shape,
                             base.dtype, base.device)]
        return emit(nodes, out_dtypes)
    return emit_or_abs_squared


def _ufunc(name, np_name=None):
    np_ufunc = getattr(_np, np_name or name)
    op = np_ufunc.__name__
    emit = elementwise_multi(*_MULTI[op]) if op in _MULTI else elementwise(op)
    if op in _IDENTITY_ON:
        emit = _identity_or(op, emit)
    if op == "power":
        emit = _abs_squared_or(emit)
    kind = comparison if op in _COMPARISONS else ufunc
    return kind(name, np_ufunc, emit, check=_CHECKS.get(op))


_COMPARISONS = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"}


_UFUNCS = [
    # arithmetic
    "add", "subtract", "multiply", "divide", "floor_divide", "remainder", "fmod", "divmod",
    "power", "float_power", "negative", "positive", "absolute", "fabs", "sign",
    "reciprocal", "square", "sqrt", "cbrt",
    # exponents and logs
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "logaddexp", "logaddexp2",
    # trigonometry
    "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "hypot", "sinh", "cosh",
    "tanh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg", "degrees", "radians",
    # rounding
    "rint", "floor", "ceil", "trunc",
    # comparison and logic
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    "logical_and", "logical_or", "logical_xor", "logical_not",
    # bits
    "bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift", "right_shift",
    "bitwise_count",
    # extremes and floating point
    "maximum", "minimum", "fmax", "fmin", "isnan", "isinf", "isfinite", "signbit",
    "copysign", "nextafter", "spacing", "ldexp", "frexp", "modf", "heaviside", "conjugate",
    # integer
    "gcd", "lcm",
]
globals().update({name: _ufunc(name) for name in _UFUNCS})

# NumPy's aliases and the Array API spellings (the same objects, as in NumPy).
_ALIASES = {
    "true_divide": "divide", "mod": "remainder", "abs": "absolute", "pow": "power",
    "conj": "conjugate", "bitwise_not": "invert", "acos": "arccos", "asin": "arcsin",
    "atan": "arctan", "atan2": "arctan2", "acosh": "arccosh", "asinh": "arcsinh",
    "atanh": "arctanh", "bitwise_invert": "invert", "bitwise_left_shift": "left_shift",
    "bitwise_right_shift": "right_shift",
}
globals().update({alias: globals()[name] for alias, name in _ALIASES.items()})


# ---------------------------------------------------------------- rounding

def round(a, decimals=0, out=None):  # noqa: A001
    """NumPy's round: half to even; with decimals, rint(a * 10**d) / 10**d as NumPy."""
    a = _arr(a)
    decimals = decimals.__index__()
    if a.dtype.kind == "c" and decimals:    # NumPy rounds each part on its own
        parts = [round(part(a), decimals)._node for part in (real, imag)]
        node = _ir.Node("complex", tuple(parts), (), a.shape, a.dtype, a.device)
        if out is not None:
            write_out(out, node, "unsafe")
            return out
        return ndarray._wrap(node)
    if a.dtype.kind == "b":     # NumPy: rint's float16 loop; with decimals, a bool output
        if decimals == 0:
            return rint(a, out=out)
        _np.round(_np.zeros(1, bool), decimals)     # raises NumPy's own casting error
    if a.dtype.kind in "iu":
        if decimals >= 0:
            result = a
            if out is not None:
                write_out(out, result._node, "unsafe")
                return out
            return ndarray._wrap(result._node)
        # NumPy: y = a // 10**-d... it rounds half to even on the integer grid
        scale = 10 ** (-decimals)
        info = _np.iinfo(a.dtype)
        if scale > info.max:
            return multiply(a, 0, out=out)
        q, r = divmod(a, scale)
        half = scale // 2
        up = greater(r, half) | (equal(r, half) & equal(remainder(q, 2), 1))
        return multiply(add(q, up.astype(a.dtype)), scale, out=out)
    if decimals == 0:
        return rint(a, out=out)
    if decimals > 0:
        factor = 10.0 ** decimals
        y = multiply(a, factor)
        return divide(rint(y), factor, out=out)
    factor = 10.0 ** (-decimals)
    y = divide(a, factor)
    return multiply(rint(y), factor, out=out)


around = round


def fix(x, out=None):
    """Round toward zero (NumPy's fix: trunc, which keeps integer dtypes)."""
    return trunc(x, out=out)  # noqa: F821


# ---------------------------------------------------------------- sinc, clip, nan_to_num

def sinc(x):
    x = _arr(x)
    if x.dtype.kind != "f":
        x = x.astype(_dtypes.result_type(x.dtype, 1.0))
    y = multiply(where(equal(x, 0), 1.0e-20, x), math.pi)
    return divide(sin(y), y)  # noqa: F821


def clip(a, a_min=_np._NoValue, a_max=_np._NoValue, out=None, *, min=_np._NoValue,
         max=_np._NoValue, **kwargs):
    """NumPy's clip: minimum(maximum(a, a_min), a_max), NaN propagating."""
    if min is not _np._NoValue:
        if a_min is not _np._NoValue:
            raise TypeError("Passing `min` or `max` keyword argument when `a_min` and "
                            "`a_max` are provided is forbidden.")
        a_min = min
    if max is not _np._NoValue:
        if a_max is not _np._NoValue:
            raise TypeError("Passing `min` or `max` keyword argument when `a_min` and "
                            "`a_max` are provided is forbidden.")
        a_max = max
    a_min = None if a_min is _np._NoValue else a_min
    a_max = None if a_max is _np._NoValue else a_max
    a = _arr(a)
    if a_min is None and a_max is None:
        result = a
        if kwargs.get("dtype") is not None:
            result = result.astype(kwargs["dtype"])
        if out is not None:
            write_out(out, result._node, kwargs.get("casting", "same_kind"))
            return out
        return ndarray._wrap(result._node)
    dtype = _np.result_type(*(
        v.dtype if isinstance(v, ndarray) else v if isinstance(v, (int, float, bool))
        else _np.asarray(v).dtype for v in (a, a_min, a_max) if v is not None))
    dtype = kwargs.get("dtype") or _dtypes.canonical(dtype)
    result = a
    if a_min is not None:
        result = maximum(result, a_min, dtype=dtype)  # noqa: F821
    if a_max is not None:
        result = minimum(result, a_max, dtype=dtype)  # noqa: F821
    if out is not None:
        write_out(out, result._node, kwargs.get("casting", "same_kind"))
        return out
    return result


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    x = _arr(x)
    if x.dtype.kind not in "fc":
        return ndarray._wrap(x._node)
    info = _np.finfo(x.dtype)      # complex: each part, as NumPy does
    attrs = (float(nan), float(info.max if posinf is None else posinf),
             float(info.min if neginf is None else neginf))
    part = _np.finfo(x.dtype).dtype        # the parts' dtype (float32 for complex64)
    attrs = tuple(float(_np.asarray(v).astype(part)) for v in attrs)
    node = _ir.Node("ew_nan_to_num", (x._node,), attrs, x.shape, x.dtype, x.device)
    result = ndarray._wrap(node)
    if not copy:
        x._assign(node)
        return x
    return result


# ---------------------------------------------------------------- real and imaginary parts

def _part(op, val):
    n = _arr(val)._node
    return ndarray._wrap(_ir.Node(op, (n,), (), n.shape, _dtypes.float32, n.device))


def real(val):
    v = _arr(val)
    if v.dtype.kind == "c":
        return _part("real", v)
    return ndarray._wrap(v._node)


def imag(val):
    v = _arr(val)
    if v.dtype.kind == "c":
        return _part("imag", v)
    zero = _ir.const(0, v.dtype, v.device)
    return ndarray._wrap(_ir.Node("broadcast_to", (zero,), (), v.shape, v.dtype, v.device))


# ---------------------------------------------------------------- methods

def _round_method(self, decimals=0, out=None):
    return round(self, decimals, out=out)


def _round_dunder(self, ndigits=None):
    """round(x, n) is ovnp.round(x, n). round(x) is an int for a 0-d array, as for the
    NumPy scalar it stands for; NumPy's ndarray has no __round__ at all."""
    if ndigits is not None:
        return round(self, ndigits)
    if self.ndim:
        raise TypeError("only 0-d arrays round to an int; use ovnp.round(x) or round(x, 0)")
    return builtins.round(self.item())


def _clip_method(self, min=None, max=None, out=None, **kwargs):
    return clip(self, min, max, out=out, **kwargs)


def _conj_method(self):
    return conjugate(self)  # noqa: F821


METHODS = {
    "clip": _clip_method, "round": _round_method, "__round__": _round_dunder, "conj": _conj_method,
    "conjugate": _conj_method,
    "real": property(real), "imag": property(imag),
}

__all__ = (_UFUNCS + list(_ALIASES) + [
    "round", "around", "fix", "sinc", "clip", "nan_to_num", "real", "imag", "ufunc"])
