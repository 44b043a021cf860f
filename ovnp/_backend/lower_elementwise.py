"""Lowerings of the plain elementwise IR ops: arithmetic, exponents and logs, rounding,
comparisons and logic, extremes, bits, casts. The API layer has already cast the
inputs to the dtype NumPy's loop computes in, so each lowering sees NumPy's loop dtypes.
Siblings: lower_trig (sin/cos kernel, trigonometry), lower_division (fmod, floor
division, gcd), lower_float_bits (signs, frexp, ldexp, nextafter, spacing, modf);
their shared helpers are in ew_common.
"""

import math

import numpy as np
import openvino.opset16 as ops

from .ew_common import (_BOOL, _F16, _F32, _I32, _INT_MIN, _INV_LN2, _NARROW_INTS, _U32, _out,
                        as_signed_order, c, copysign, dtype_of, fdiv, fexp, fgt, float_op, flt,
                        ftrunc, i32, is_zero, isnan, lshr32, mark_parallel_safe, select, seq,
                        slt, truth, u32_via_i32, uint32_to_float32)
from . import kernels_exp, kernels_hyperbolic, kernels_log, kernels_power, kernels_trig
from .lower import LOWER, constant, convert, lowering
from .lower_trig import arctan2_with


# ---------------------------------------------------------------- one-liners

@float_op("sqrt")
def _sqrt(node, x):
    return ops.sqrt(x)


@float_op("exp")
def _exp(node, x):
    return fexp(x)


def _log_op(node, x):
    return ops.log(x)


_INV_LN10 = 1.0 / math.log(10.0)


def _log_base_op(node, x):
    # ln(x) * (1/ln b), the constant rounded once to float32 (log10(1000) = 3.0000002
    # like NumPy's float32 answer); exact powers of the base are snapped.
    inv = _INV_LN2 if node.op == "log2" else _INV_LN10
    y = ops.multiply(ops.log(x), c(inv, x))
    if node.op == "log2":   # exact for powers of two, as NumPy's log2f is
        r = ops.round(y, "half_to_even")
        exact = ops.equal(ops.power(c(2.0, x), r), x)
        return select(exact, r, y)
    return y


def _log1p(node, x):
    # Kahan: u = 1 + x; log(u) * x / (u - 1) is accurate near 0.
    u = ops.add(x, c(1.0, x))
    um1 = ops.subtract(u, c(1.0, x))
    accurate = ops.multiply(ops.log(u), fdiv(x, um1))
    r = select(is_zero(um1), x, accurate)
    r = select(ops.is_inf(u), ops.log(u), r)
    return select(ops.equal(u, c(0.0, x)), ops.log(u), r)


def _cbrt(node, x):
    ax = ops.abs(x)
    # tiny and subnormal x: y^3 in the Newton step would be subnormal (cbrt(1e-45) was
    # 5 ulp off): scale by a cube, 2**96 = (2**32)**3, and back
    tiny = flt(ax, c(2.0 ** -60, x))
    scaled = ops.multiply(ax, select(tiny, c(2.0 ** 96, x), c(1.0, x)))
    y = ops.power(scaled, c(1.0 / 3.0, x))
    # one Newton step: y - (y^3 - ax) / (3 y^2)
    y2 = ops.multiply(y, y)
    step = fdiv(ops.subtract(ops.multiply(y2, y), scaled), ops.multiply(c(3.0, x), y2))
    y = ops.multiply(ops.subtract(y, step), select(tiny, c(2.0 ** -32, x), c(1.0, x)))
    y = select(ops.logical_or(is_zero(ax), ops.is_inf(ax)), ax, y)
    return select(isnan(x), x, copysign(y, x))


# Fused kernels (kernels_*.py; docs/performance.md, "Kernels"). name: (kernel, lowering
# for arrays under kernels_log.KERNEL_MIN elements or None). The log kernels are ~120 ops
# (0.35 s to compile, against 0.03 s for OpenVINO's Log) and cbrt's ~200: small arrays
# keep the op (within NumPy's error). The others replace lowerings that were wrong near
# the overflow (expm1 inf from 84.3), less accurate than NumPy (sinh; Asinh, Acosh,
# Atanh: up to 1.8 ulp near 1, NumPy 0.98-1.41) or scalar OpenVINO "Math" nodes (arctan,
# arcsin, arccos): kernel everywhere (the inverse hyperbolic ones at 0.3-0.45 s of
# compile, their ops 0.08 s). tan decides for itself (it shares the sin/cos guard).
_KERNELS = {
    "log": (lambda x: kernels_log.log_kernel(x, "e"), _log_op),
    "log2": (lambda x: kernels_log.log_kernel(x, "2"), _log_base_op),
    "log10": (kernels_log.log10_via_log2, _log_base_op),
    "log1p": (kernels_log.log1p_kernel, _log1p),
    "expm1": (kernels_exp.expm1_kernel, None),
    "exp2": (kernels_exp.exp2_kernel, None),
    "sinh": (kernels_exp.sinh_kernel, None),
    "cosh": (kernels_exp.cosh_kernel, None),
    "arctan": (kernels_trig.atan_kernel, None),
    "arcsin": (kernels_trig.asin_kernel, None),
    "arccos": (kernels_trig.acos_kernel, None),
    "arctanh": (kernels_hyperbolic.atanh_kernel, None),
    "arcsinh": (kernels_hyperbolic.asinh_kernel, None),
    "arccosh": (kernels_hyperbolic.acosh_kernel, None),
    "cbrt": (kernels_power.cbrt_kernel, _cbrt),
}


@float_op(*_KERNELS)
def _kernel_or_op(node, x):
    kernel, op = _KERNELS[node.op]
    if op is None or math.prod(node.shape) >= kernels_log.KERNEL_MIN:
        return kernel(x)
    return op(node, x)


@float_op("tan")
def _tan(node, x):
    return kernels_trig.tan_lowering(node, x)


@float_op("arctan2")
def _arctan2(node, y, x):
    return arctan2_with(kernels_trig.atan_kernel, y, x)


def _logaddexp(a, b, base2):
    m = select(fgt(a, b), a, b)
    d = ops.negative(ops.abs(ops.subtract(a, b)))
    if base2:
        t = _log1p(None, ops.power(c(2.0, d), d))
        r = ops.add(m, ops.multiply(t, c(_INV_LN2, t)))
    else:
        r = ops.add(m, _log1p(None, fexp(d)))
    same = ops.equal(a, b)   # also inf == inf, where d is nan
    ln = c(1.0 if base2 else math.log(2.0), a)
    r = select(same, ops.add(a, ln), r)
    return select(ops.logical_or(isnan(a), isnan(b)), ops.add(a, b), r)


@float_op("logaddexp")
def _logaddexp_e(node, a, b):
    return _logaddexp(a, b, False)


@float_op("logaddexp2")
def _logaddexp_2(node, a, b):
    return _logaddexp(a, b, True)


# ---------------------------------------------------------------- arithmetic

_ARITHMETIC = {"add": ops.add, "subtract": ops.subtract, "multiply": ops.multiply}
# NumPy's add and multiply on bools are logical or / and; OpenVINO refuses bools.
_ON_BOOLS = {"add": ops.logical_or, "multiply": ops.logical_and}


@lowering(*_ARITHMETIC)
def _lower_arithmetic(node, a, b):
    result = _arithmetic(node, a, b)
    if node.dtype.kind == "f" and _adds_positive_zero(node):
        return _zeros_positive(result)
    return result


def _arithmetic(node, a, b):
    if node.dtype == _BOOL:
        return _ON_BOOLS[node.op](a, b)
    fn = _ARITHMETIC[node.op]
    if node.dtype == _F16:
        return convert(fn(convert(a, _F32), convert(b, _F32)), _F16)
    if node.dtype in _NARROW_INTS:
        # OpenVINO saturates i8/u8 add/sub/mul (200+100 = 255); NumPy wraps (44).
        return convert(fn(i32(a), i32(b)), node.dtype)
    if node.dtype == _U32:
        return u32_via_i32(fn, a, b)
    return fn(a, b)


@lowering("square")
def _square(node, x):
    return _arithmetic(_Alias(node, "multiply"), x, x)


class _Alias:
    """A node seen under another op name (to reuse a lowering)."""

    def __init__(self, node, op):
        self.op, self.dtype, self.attrs, self.shape = op, node.dtype, node.attrs, node.shape


def _is_zero_const(node, negative):
    return node.op == "const" and node.attrs[0] == 0 and (len(node.attrs) > 1) == negative


def _adds_positive_zero(node):
    """x + 0.0, 0.0 + x, 0.0 - x or x - (-0.0): IEEE makes a -0.0 result +0.0 there,
    but the CPU plugin drops the `+ 0.0` and turns `0.0 - x` into Negative(x), so
    -x + 0.0 and 0.0 - x gave -0.0 for x = +0.0 (issue 12 item 7)."""
    a, b = node.inputs
    if node.op == "add":
        return _is_zero_const(a, False) or _is_zero_const(b, False)
    if node.op == "subtract":
        return _is_zero_const(a, False) or _is_zero_const(b, True)
    return False


def _zeros_positive(x):
    x = x.output(0) if hasattr(x, "output") else x
    return select(is_zero(x), c(0.0, x), x)


@float_op("divide")
def _divide(node, a, b):
    return fdiv(a, b)


@lowering("negative")
def _negative(node, x):
    if node.dtype.kind == "f":
        return ops.negative(x)
    # OpenVINO's Negative saturates i8 and refuses unsigned types: 0 - x wraps.
    return convert(ops.subtract(c(0, i32(x)), i32(x)), node.dtype)


@lowering("positive", "conjugate")
def _positive(node, x):
    return x


@lowering("absolute")
def _absolute(node, x):
    if node.dtype == _BOOL or node.dtype.kind == "u":
        return x
    if node.dtype.kind == "f":
        return ops.abs(x)
    return convert(ops.abs(i32(x)), node.dtype)   # abs(int8(-128)) wraps to -128


@float_op("fabs")
def _fabs(node, x):
    return ops.abs(x)


@lowering("sign")
def _sign(node, x):
    if node.dtype.kind == "f":
        return LOWER["_float_sign"](node, x)
    if node.dtype.kind == "u":
        return convert(ops.not_equal(x, c(0, x)), node.dtype)
    return convert(ops.sign(i32(x)), node.dtype)


@float_op("_float_sign")
def _float_sign(node, x):
    return select(isnan(x), x, ops.sign(x))


@lowering("reciprocal")
def _reciprocal(node, x):
    if node.dtype.kind == "f":
        return LOWER["divide"](node, c(1.0, x), x)
    # NumPy computes 1.0 / x and casts: 1, -1, else 0; 1/0 -> INT_MIN, truncated
    xi = i32(x) if dtype_of(x) != _U32 else x
    one = c(1, xi)
    r = select(ops.equal(xi, one), one, c(0, xi))
    if node.dtype.kind == "i":
        r = select(ops.equal(xi, c(-1, xi)), c(-1, xi), r)
        r = select(ops.equal(xi, c(0, xi)), c(_INT_MIN, xi), r)
    return convert(r, node.dtype)


@lowering("power", "float_power")
def _power(node, a, b):
    if node.dtype.kind == "f":
        return LOWER["_float_power"](node, a, b)
    if node.dtype == _BOOL:
        raise NotImplementedError
    # Square-and-multiply with wrapping multiplies (OpenVINO's Power on ints saturates).
    # uint32 on its int32 bits (the same products mod 2**32): a uint32 Constant base
    # saturated (255 ** asarray(uint32 [5]) was 2147483393, NumPy 167118079).
    bits = 8 * node.dtype.itemsize
    base, e = (i32(a), i32(b)) if node.dtype in _NARROW_INTS + (_U32,) else (a, b)
    e = i32(e)
    one = c(1, base)
    result = _out(ops.broadcast(one, ops.shape_of(ops.add(base, convert(e, dtype_of(base))))))
    for k in range(bits):
        bit = ops.bitwise_and(ops.bitwise_right_shift(e, constant(k, _I32)), constant(1, _I32))
        result = select(ops.equal(bit, constant(1, _I32)), ops.multiply(result, base), result)
        if k + 1 < bits:
            base = _out(ops.multiply(base, base))
    return convert(result, node.dtype)


@float_op("_float_power")
def _float_power(node, a, b):
    r = ops.power(a, b)
    # pow(x, 0) = 1 and pow(1, y) = 1 even for NaN
    one = c(1.0, r)
    r = select(ops.logical_or(is_zero(b), ops.equal(a, one)), one, r)
    return r


# ---------------------------------------------------------------- rounding

@lowering("floor", "ceil", "trunc", "rint", "fix")
def _rounding(node, x):
    if node.dtype.kind != "f":
        return x
    return LOWER["_float_" + node.op](node, x)


@float_op("_float_floor")
def _float_floor(node, x):
    return ops.floor(x)


@float_op("_float_ceil")
def _float_ceil(node, x):
    return ops.ceiling(x)


@float_op("_float_trunc", "_float_fix")
def _float_trunc(node, x):
    return ftrunc(x)


@float_op("_float_rint")
def _float_rint(node, x):
    return ops.round(x, "half_to_even")


# ---------------------------------------------------------------- comparison, logic

@lowering("equal", "not_equal", "less", "less_equal", "greater", "greater_equal")
def _compare(node, a, b):
    d = dtype_of(a)
    if d == _F16 or d in _NARROW_INTS or d == _BOOL:
        a, b = (convert(a, _F32), convert(b, _F32)) if d == _F16 else (i32(a), i32(b))
    elif d in (_I32, _U32):
        # the CPU compares i32 in float32: exact comparisons from the difference
        if d == _U32:
            a, b = as_signed_order(a), as_signed_order(b)
        return {"equal": lambda: seq(a, b), "not_equal": lambda: ops.logical_not(seq(a, b)),
                "less": lambda: slt(a, b), "greater": lambda: slt(b, a),
                "less_equal": lambda: ops.logical_not(slt(b, a)),
                "greater_equal": lambda: ops.logical_not(slt(a, b))}[node.op]()
    op = node.op
    # OpenVINO's Greater and GreaterEqual say True for NaN: swap to Less, LessEqual.
    if op == "greater":
        return ops.less(b, a)
    if op == "greater_equal":
        return ops.less_equal(b, a)
    return {"equal": ops.equal, "not_equal": ops.not_equal, "less": ops.less,
            "less_equal": ops.less_equal}[op](a, b)


@lowering("logical_and", "logical_or", "logical_xor")
def _logical(node, a, b):
    fn = {"logical_and": ops.logical_and, "logical_or": ops.logical_or,
          "logical_xor": ops.logical_xor}[node.op]
    return fn(truth(a), truth(b))


@lowering("logical_not")
def _logical_not(node, x):
    return ops.logical_not(truth(x))


# ---------------------------------------------------------------- extremes, float tests

@lowering("maximum", "minimum", "fmax", "fmin")
def _extreme(node, a, b):
    is_max = node.op in ("maximum", "fmax")
    if node.dtype == _BOOL:
        return (ops.logical_or if is_max else ops.logical_and)(a, b)
    if node.dtype.kind in "iu":
        if node.dtype not in (_I32, _U32):
            return (ops.maximum if is_max else ops.minimum)(a, b)   # exact below 2**24
        # Maximum/Minimum on i32 go through float32 in fused graphs: clip(x, 0,
        # 100000001) gave 100000000, and -2**31 was not clipped to -2**31 + 1
        ka, kb = (as_signed_order(a), as_signed_order(b)) if node.dtype == _U32 else (a, b)
        return select(slt(kb, ka) if is_max else slt(ka, kb), a, b)
    return LOWER["_float_extreme"](node, a, b)


@float_op("_float_extreme")
def _float_extreme(node, a, b):
    is_max = node.op in ("maximum", "fmax")
    # select on Less (Maximum drops NaN); ties pick b as NumPy's float32 loops do, but
    # a for float16 (NumPy's half loops: maximum(float16(0.0), -0.0) is 0.0)
    pick_a = ops.less(b, a) if is_max else ops.less(a, b)
    if node.dtype == _F16:
        pick_a = ops.logical_not(ops.less(a, b) if is_max else ops.less(b, a))
    r = select(pick_a, a, b)
    if node.op in ("maximum", "minimum"):
        return select(ops.logical_or(isnan(a), isnan(b)), ops.add(a, b), r)
    r = select(isnan(a), b, r)
    return select(isnan(b), a, r)


@lowering("isnan", "isinf", "isfinite")
def _isclass(node, x):
    if dtype_of(x).kind != "f":
        same = ops.equal(x, x) if dtype_of(x) != _BOOL else ops.logical_or(x, ops.logical_not(x))
        return same if node.op == "isfinite" else ops.logical_not(same)
    if node.op == "isfinite":   # OpenVINO's IsFinite says False for subnormals
        return ops.logical_not(ops.logical_or(ops.is_nan(x), ops.is_inf(x)))
    return {"isnan": ops.is_nan, "isinf": ops.is_inf}[node.op](x)


@float_op("heaviside")
def _heaviside(node, x, h0):
    r = select(ops.less(x, c(0.0, x)), c(0.0, x), c(1.0, x))
    r = select(is_zero(x), h0, r)
    return select(isnan(x), x, r)


# ---------------------------------------------------------------- bits

@lowering("bitwise_and", "bitwise_or", "bitwise_xor")
def _bitwise(node, a, b):
    if node.dtype == _BOOL:
        fn = {"bitwise_and": ops.logical_and, "bitwise_or": ops.logical_or,
              "bitwise_xor": ops.logical_xor}[node.op]
        return fn(a, b)
    fn = {"bitwise_and": ops.bitwise_and, "bitwise_or": ops.bitwise_or,
          "bitwise_xor": ops.bitwise_xor}[node.op]
    return u32_via_i32(fn, a, b) if node.dtype == _U32 else fn(a, b)


@lowering("invert")
def _invert(node, x):
    if node.dtype == _BOOL:
        return ops.logical_not(x)
    return ops.bitwise_not(x)


@lowering("left_shift", "right_shift")
def _shift(node, a, b):
    bits = 8 * node.dtype.itemsize
    unsigned = node.dtype.kind == "u"
    ai, bi = i32(a), i32(b)
    # NumPy: a shift by the width or more (or negative) gives 0, or -1 for a negative a >>
    big = ops.logical_or(ops.less(bi, c(0, bi)), ops.less_equal(c(bits, bi), bi))
    if unsigned and bits == 32:
        big = ops.logical_or(ops.less(bi, c(0, bi)), ops.less_equal(c(bits, bi), bi))
    safe = select(big, c(0, bi), bi)
    if node.op == "left_shift":
        r = ops.bitwise_left_shift(ai, safe)
        return convert(select(big, c(0, bi), r), node.dtype)
    if unsigned and bits == 32:
        r = lshr32(ai, safe)
        return convert(select(big, c(0, bi), r), node.dtype)
    r = ops.bitwise_right_shift(ai, safe)   # narrow unsigned values are >= 0 in i32
    fill = select(ops.less(ai, c(0, ai)), c(-1, ai), c(0, ai))
    return convert(select(big, fill, r), node.dtype)


@lowering("bitwise_count")
def _bitwise_count(node, x):
    v = i32(x)
    if dtype_of(x).kind == "i" or dtype_of(x) in (np.dtype(np.int8), np.dtype(np.int16)):
        v = ops.abs(v)   # abs(INT_MIN) stays INT_MIN: one bit, as NumPy's
    k = lambda n: constant(n, _I32)  # noqa: E731
    v = ops.subtract(v, ops.bitwise_and(ops.bitwise_right_shift(v, k(1)), k(0x55555555)))
    v = ops.add(ops.bitwise_and(v, k(0x33333333)),
                ops.bitwise_and(ops.bitwise_right_shift(v, k(2)), k(0x33333333)))
    v = ops.bitwise_and(ops.add(v, ops.bitwise_right_shift(v, k(4))), k(0x0F0F0F0F))
    v = ops.bitwise_and(ops.bitwise_right_shift(ops.multiply(v, k(0x01010101)), k(24)), k(0xFF))
    return convert(v, node.dtype)


# ---------------------------------------------------------------- casts, select, shape

@lowering("astype")
def _astype(node, x):
    src = dtype_of(x)
    if node.dtype == _BOOL and src.kind == "f":
        # OpenVINO's Convert makes NaN False; NumPy's bool(nan) is True.
        return ops.not_equal(x, c(0.0, x))
    if node.dtype == _BOOL and src.kind in "iu":
        return ops.not_equal(x, c(0, x))
    if src == _BOOL and node.dtype.kind in "iuf":
        return convert(convert(x, np.dtype(np.uint8)), node.dtype)
    if src == _F16 and node.dtype.kind in "iu":
        return convert(convert(x, _F32), node.dtype)
    if src.kind == "f" and node.dtype == _U32:
        return _float_to_uint32(x)
    if src.kind == "f" and node.dtype in _NARROW_INTS:
        # NumPy goes through int32 (NaN and out-of-range values: INT_MIN) and wraps;
        # a direct Convert to int8/uint8 saturates
        return convert(convert(x, _I32), node.dtype)
    if src == _U32 and node.dtype.kind == "f":
        return convert(uint32_to_float32(x), node.dtype)
    return convert(x, node.dtype)


def _float_to_uint32(x):
    """NumPy's float -> uint32: exact in [0, 2**32), wrapped from [-2**31, 0), 0 from
    2**32 up, 2**31 for NaN and below. Convert to u32 saturates at 2**31: values >= 2**31
    go to int32 as x - 2**32 (exact: such floats are multiples of 256), bits kept."""
    x = convert(x, _F32)
    shift = select(flt(x, c(2.0 ** 31, x)), c(0.0, x), c(-2.0 ** 32, x))
    bits = convert(ops.add(x, shift), _I32)      # NaN and below -2**31: INT_MIN
    bits = select(ops.less_equal(c(2.0 ** 32, x), x), c(0, _I32), bits)
    return convert(bits, _U32)


@lowering("where")
def _where(node, condition, x, y):
    return select(condition, x, y)


@lowering("ew_take")
def _take(node, x):
    axis, index = node.attrs
    return ops.gather(x, constant(index, np.dtype(np.int64)), constant(axis, np.dtype(np.int64)))


@lowering("ew_stack")
def _stack(node, *xs):
    (axis,) = node.attrs
    return ops.concat([ops.unsqueeze(x, constant(axis, np.dtype(np.int64))) for x in xs], axis)


@lowering("ew_gather")
def _gather(node, x, idx):
    return ops.gather(x, idx, constant(0, np.dtype(np.int64)))


@lowering("ew_scatter")
def _scatter(node, x, idx, updates):
    return ops.scatter_update(x, idx, updates, constant(0, np.dtype(np.int64)))


# gather, stack and scatter work along axes: not on the 2-D view
mark_parallel_safe(__name__, exclude={"ew_gather", "ew_scatter", "ew_stack", "ew_take"})
