"""The operations of the differential sweep, as tables: each row is one public function,
ndarray method or operator, the driver that calls it (`kind`) and its float tolerance.

Kinds (the driver in sweep_grid.py builds the arguments):
- "unary":  f(x)
- "binary": f(x, y) with y an array (same or broadcast shape, another dtype) or a scalar
- "axis":   f(x, axis=a) for every axis, negative axes, None and (where accepted) tuples
- "cast":   x.astype(t) for every dtype t

Tolerances ("tol"): "exact" (bit for bit, NaN places equal), "ulpN" (N units in the last
place of the result dtype, plus N * eps * |x| for functions whose error follows the
argument, such as sin near a root), "sum" (reductions: n * eps * max|x| for n summed
values, the error of any summation order on such data; exact for integer input, which
NumPy sums exactly; "loose_sum" the same bound for integer input too), "prod" (n * eps
relative to the result for n factors) and "stat" (var/std: the same for squares).
Complex results are measured against |result| (the norm), as complex functions' errors
are. Integer and bool results are always exact.
"""

import operator

import numpy

import ovnp

_ULP_UNARY = {
    "exact": ["abs", "absolute", "fabs", "negative", "positive", "ceil", "floor", "trunc", "rint",
              "fix", "sign", "signbit", "isfinite", "isinf", "isnan", "isneginf", "isposinf",
              "logical_not", "invert", "bitwise_not", "bitwise_invert", "bitwise_count",
              "conj", "conjugate", "real", "imag", "sqrt", "square", "spacing", "frexp", "modf",
              "reciprocal", "around", "round", "nan_to_num", "isreal", "iscomplex",
              "real_if_close", "sort_complex", "copy",
              "ascontiguousarray", "atleast_1d", "atleast_2d", "atleast_3d", "ravel",
              "transpose", "matrix_transpose", "squeeze", "fliplr", "flipud", "rot90", "tril",
              "triu", "diagonal", "argwhere", "flatnonzero", "nonzero", "unique_values",
              "unique", "ediff1d", "trace"],
    "ulp2": ["deg2rad", "rad2deg", "degrees", "radians", "cbrt", "exp", "exp2", "expm1",
             "log", "log2", "log10", "log1p", "angle", "sinh", "cosh", "tanh", "arcsinh",
             "arccosh", "arctanh", "asinh", "acosh", "atanh"],
    "loose_sum": ["unwrap"],
    "ulp4": ["sin", "cos", "tan", "arcsin", "arccos", "arctan", "asin", "acos", "atan", "sinc",
             "i0"],
}

_ULP_BINARY = {
    "exact": ["add", "subtract", "multiply", "divide", "true_divide", "floor_divide",
              "remainder", "mod", "fmod", "divmod", "maximum", "minimum", "fmax", "fmin",
              "copysign", "nextafter", "ldexp", "heaviside", "gcd", "lcm", "equal",
              "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
              "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor",
              "left_shift", "right_shift", "bitwise_left_shift", "bitwise_right_shift",
              "isclose", "array_equal", "array_equiv", "isin", "append"],
    "ulp2": ["hypot"],
    # logaddexp's float32 formula cancels where the result is near 0 (docs/elementwise.md):
    # NumPy itself is ~1,000 ulp of the result off there, so ulp4's 4 eps x max|x| term.
    "ulp4": ["logaddexp", "logaddexp2", "arctan2", "atan2", "power", "pow", "float_power"],
    "sum": ["dot", "inner", "vdot", "matmul", "vecdot", "outer", "kron"],
}

# f(x, axis=...): "tuple" accepts tuples of axes, "int" one axis or None, "intonly" an
# int axis only (None means something else or is refused).
_AXIS = [
    ("sum", "tuple", "sum"), ("prod", "tuple", "prod"), ("mean", "tuple", "sum"),
    ("std", "tuple", "stat"), ("var", "tuple", "stat"), ("max", "tuple", "exact"),
    ("min", "tuple", "exact"), ("amax", "tuple", "exact"), ("amin", "tuple", "exact"),
    ("all", "tuple", "exact"), ("any", "tuple", "exact"), ("nansum", "tuple", "sum"),
    ("nanprod", "tuple", "prod"), ("nanmean", "tuple", "sum"), ("nanstd", "tuple", "stat"),
    ("nanvar", "tuple", "stat"), ("nanmax", "tuple", "exact"), ("nanmin", "tuple", "exact"),
    ("count_nonzero", "tuple", "exact"), ("ptp", "tuple", "exact"),
    ("median", "tuple", "ulp2"), ("nanmedian", "tuple", "ulp2"), ("average", "tuple", "sum"),
    ("argmax", "int", "exact"), ("argmin", "int", "exact"), ("nanargmax", "int", "exact"),
    ("nanargmin", "int", "exact"), ("cumsum", "int", "sum"), ("cumprod", "int", "prod"),
    ("nancumsum", "int", "sum"), ("nancumprod", "int", "prod"), ("sort", "int", "exact"),
    ("argsort", "int", "exact"), ("flip", "tuple", "exact"), ("diff", "intonly", "exact"),
    ("cumulative_sum", "int", "sum"), ("cumulative_prod", "int", "prod"),
    ("expand_dims", "tuple", "exact"), ("squeeze", "tuple", "exact"),
    ("unstack", "intonly", "exact"),
]

# Functions with fixed extra arguments, called as f(x, axis=a, **extra).
_AXIS_EXTRA = [
    ("percentile", "tuple", "ulp2", {"q": 30.0}),
    ("nanpercentile", "tuple", "ulp2", {"q": 30.0}),
    ("quantile", "tuple", "ulp2", {"q": 0.75}),
    ("nanquantile", "tuple", "ulp2", {"q": 0.75}),
    ("partition", "intonly", "exact", {"kth": 0}),
    ("argpartition", "intonly", "exact", {"kth": 0}),
    ("roll", "tuple", "exact", {"shift": 2}),
    ("repeat", "int", "exact", {"repeats": 2}),
    ("take", "int", "exact", {"indices": [0, -1]}),
    ("sum[keepdims]", "tuple", "sum", {"keepdims": True}),
    ("max[keepdims]", "tuple", "exact", {"keepdims": True}),
    ("mean[keepdims]", "tuple", "sum", {"keepdims": True}),
    ("std[ddof=1]", "tuple", "stat", {"ddof": 1}),
    ("argsort[stable]", "int", "exact", {"stable": True}),
]

_METHODS_AXIS = [("sum", "sum"), ("prod", "prod"), ("mean", "sum"), ("std", "stat"),
                 ("var", "stat"), ("max", "exact"), ("min", "exact"), ("all", "exact"),
                 ("any", "exact"), ("argmax", "exact"), ("argmin", "exact"),
                 ("cumsum", "sum"), ("cumprod", "prod"), ("argsort", "exact")]

_OPERATORS_BINARY = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "and_", "or_",
                     "xor", "lshift", "rshift", "lt", "le", "eq", "ne", "gt", "ge"]
_OPERATORS_UNARY = ["neg", "pos", "abs", "invert"]


# Results NumPy leaves partly unspecified, compared by what is specified: "set" (the
# order of unique_values), "argsort" (indices of ties: the values they pick must agree),
# "partition" / "argpartition" (the kth value and the multiset of each line).
_CHECKS = {"unique_values": "set", "argsort": "argsort", "ndarray.argsort": "argsort",
           "partition": "partition", "argpartition": "argpartition"}
# Sorts order -0.0 and 0.0 either way (docs/differences.md): signs of zeros not compared.
_ZERO_SIGNS_FREE = {"sort", "partition", "median", "nanmedian", "percentile",
                    "nanpercentile", "quantile", "nanquantile", "unique_values", "unique",
                    "sort_complex", "max", "min", "amax", "amin", "nanmax", "nanmin", "ptp",
                    "ndarray.max", "ndarray.min", "maximum", "minimum", "fmax", "fmin"}


class Op:
    """One row: `np_call(x, *args, **kw)` and `ov_call(...)` compute the same thing."""

    def __init__(self, name, kind, np_call, ov_call, tol, axis_mode=None):
        self.name, self.kind, self.tol, self.axis_mode = name, kind, tol, axis_mode
        self.np_call, self.ov_call = np_call, ov_call
        self.check = _CHECKS.get(name.split("[")[0])
        self.zero_signs = tol == "exact" and name.split("[")[0] not in _ZERO_SIGNS_FREE


def _tolerance_of(name, table, default="ulp4"):
    for tol, names in table.items():
        if name in names:
            return tol
    return default


def _has(name):
    return hasattr(numpy, name) and hasattr(ovnp, name)


def _function(name, kind, tol, axis_mode=None, **extra):
    base = name.split("[")[0]
    np_fn, ov_fn = getattr(numpy, base), getattr(ovnp, base)
    if extra:
        return Op(name, kind, lambda *a, **k: np_fn(*a, **extra, **k),
                  lambda *a, **k: ov_fn(*a, **extra, **k), tol, axis_mode)
    return Op(name, kind, np_fn, ov_fn, tol, axis_mode)


def _method(name, tol):
    call = lambda x, **k: getattr(x, name)(**k)  # noqa: E731
    return Op(f"ndarray.{name}", "axis", call, call, tol, "int" if name.startswith("arg")
              or name.startswith("cum") else "tuple")


def _operator(name):
    fn = getattr(operator, name)
    return Op(f"operator.{name}", "binary", fn, fn, _tolerance_of(
        {"sub": "subtract", "truediv": "divide", "pow": "power"}.get(name, "add"), _ULP_BINARY))


def _reflected(name):
    fn = getattr(operator, name)
    call = lambda x, y: fn(y, x)  # noqa: E731
    return Op(f"operator.r{name}", "binary", call, call, "exact" if name != "pow" else "ulp4")


def _inplace(name):
    fn = getattr(operator, f"i{name.rstrip('_')}")

    def call(x, y):
        z = x.copy()
        z = fn(z, y)
        return z
    return Op(f"operator.i{name.rstrip('_')}", "binary", call, call,
              "exact" if name != "pow" else "ulp4")


def _unary_operator(name):
    fn = getattr(operator, name)
    return Op(f"operator.{name}", "unary", fn, fn, "exact")


def unary_ufunc_names():
    return [n for n in dir(numpy) if isinstance(getattr(numpy, n), numpy.ufunc)
            and getattr(numpy, n).nin == 1 and n != "isnat" and hasattr(ovnp, n)]


def binary_ufunc_names():
    skip = {"matvec", "vecmat"}     # need matrix shapes: not for a generic driver
    return [n for n in dir(numpy) if isinstance(getattr(numpy, n), numpy.ufunc)
            and getattr(numpy, n).nin == 2 and n not in skip and hasattr(ovnp, n)]


def build_ops():
    ops = []
    unary = unary_ufunc_names() + [n for names in _ULP_UNARY.values() for n in names]
    for name in dict.fromkeys(unary):
        if _has(name) and not isinstance(getattr(numpy, name), type):
            ops.append(_function(name, "unary", _tolerance_of(name, _ULP_UNARY)))
    binary = binary_ufunc_names() + [n for names in _ULP_BINARY.values() for n in names]
    for name in dict.fromkeys(binary):
        if _has(name):
            ops.append(_function(name, "binary", _tolerance_of(name, _ULP_BINARY)))
    for name, mode, tol in _AXIS:
        if _has(name):
            ops.append(_function(name, "axis", tol, mode))
    for name, mode, tol, extra in _AXIS_EXTRA:
        if _has(name.split("[")[0]):
            ops.append(_function(name, "axis", tol, mode, **extra))
    ops += [_method(name, tol) for name, tol in _METHODS_AXIS]
    ops += [_operator(name) for name in _OPERATORS_BINARY]
    ops += [_reflected(name) for name in ("add", "sub", "mul", "truediv", "floordiv", "mod",
                                          "pow", "and_", "lt", "eq")]
    ops += [_inplace(name) for name in ("add", "sub", "mul", "truediv", "floordiv", "and_")]
    ops += [_unary_operator(name) for name in _OPERATORS_UNARY]
    ops.append(Op("ndarray.astype", "cast", None, None, "exact"))
    return ops


OPS = {op.name: op for op in build_ops()}
