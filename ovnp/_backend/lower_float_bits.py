"""Lowerings that take floats apart: signbit and copysign (NaN signs included), frexp,
ldexp, nextafter, spacing, modf, nan_to_num."""


import numpy as np
import openvino.opset16 as ops

from .ew_common import (_F16, _F32, _I32, _INV_LN2, c, copysign, fgt, float_op, flt, ftrunc,
                        i32, is_zero, isfinite, isnan, mark_parallel_safe, select, signbit)
from .lower import OV_TYPE, constant, convert, lowering


def full_signbit(x):
    """signbit(x) for float32 x, NaNs included. OpenVINO has no bitcast and every
    comparison ignores a NaN's sign, but Convert to f4e2m1 (a format without NaN)
    saturates a NaN to +-6 and keeps its sign bit: signbit(-nan) = f4(-nan) < 0. It costs
    a Convert pair (about 15 ms per 2**20 floats on the CPU plugin), so only the public
    signbit and copysign pay it; the lowerings' own `signbit` helper does not."""
    f4 = ops.convert(ops.convert(x, "f4e2m1"), OV_TYPE[_F32])
    nan_neg = ops.logical_and(isnan(x), ops.less(f4, c(0.0, x)))
    return ops.logical_or(signbit(x), nan_neg)


@lowering("signbit")
def _signbit(node, x):
    x = convert(x, _F32)
    return full_signbit(x) if node.inputs[0].dtype.kind == "f" else signbit(x)


@float_op("copysign")
def _copysign(node, a, b):
    neg = full_signbit(b)
    m = ops.abs(a)
    r = select(neg, ops.negative(m), m)
    # OpenVINO's Negative (and x * -1, 0 - x) pass a NaN through with its sign bit
    # unchanged, so a NaN magnitude gets its sign from constants
    nan = np.float32(np.nan)
    return select(isnan(a), select(neg, c(-abs(nan), a), c(abs(nan), a)), r)


# ---------------------------------------------------------------- float manipulation

def _pow2(e):
    """2.0**e for an i32 e in [-149, 127] exactly: product of two exact halves."""
    e1 = ops.divide(e, constant(2, _I32))
    e2 = ops.subtract(e, e1)
    two = constant(2.0, _F32)
    p1 = ops.power(two, convert(e1, _F32))
    p2 = ops.power(two, convert(e2, _F32))
    return ops.multiply(p1, p2)


def frexp32(x):
    """(mantissa in [0.5, 1), exponent) of float32 x; (x, 0) for 0, inf, nan."""
    ax = ops.abs(x)
    special = ops.logical_or(is_zero(x), ops.logical_not(isfinite(x)))
    # A subnormal's 2**-e would overflow float32: scale it into the normal range first.
    subnormal = ops.less(ax, c(float(np.finfo(np.float32).tiny), x))
    safe = select(special, c(1.0, x), select(subnormal, ops.multiply(ax, c(2.0 ** 64, x)), ax))
    e = ops.add(convert(ops.floor(ops.multiply(ops.log(safe), c(_INV_LN2, x))), _I32),
                constant(1, _I32))
    m = ops.multiply(safe, _pow2(ops.negative(e)))
    e = ops.subtract(e, select(subnormal, constant(64, _I32), constant(0, _I32)))
    for _ in range(2):   # correct the estimate by one either way
        hi = ops.less_equal(c(1.0, m), m)
        m = select(hi, ops.multiply(m, c(0.5, m)), m)
        e = select(hi, ops.add(e, constant(1, _I32)), e)
        lo = ops.less(m, c(0.5, m))
        m = select(lo, ops.multiply(m, c(2.0, m)), m)
        e = select(lo, ops.subtract(e, constant(1, _I32)), e)
    m = copysign(m, x)
    return select(special, x, m), select(special, constant(0, _I32), e)


@float_op("frexp_mantissa")
def _frexp_mantissa(node, x):
    return frexp32(x)[0]


@lowering("frexp_exponent")
def _frexp_exponent(node, x):
    return frexp32(convert(x, _F32))[1]


@lowering("ldexp")
def _ldexp(node, x, n):
    x = convert(x, _F32)
    n = _exponent_i32(n)
    # |n| = 300 already takes every finite nonzero float32 beyond inf or to 0 (2**-149 ..
    # 2**128 is 277 binades); 400 made a step 2**133 = inf and ldexp(0, 400) nan
    lo, hi = constant(-300, _I32), constant(300, _I32)
    n = ops.minimum(ops.maximum(n, lo), hi)
    # three exact steps of at most 2**100 / 2**-100 each keep every partial product exact
    n1 = ops.divide(n, constant(3, _I32))
    n2 = ops.divide(ops.subtract(n, n1), constant(2, _I32))
    n3 = ops.subtract(ops.subtract(n, n1), n2)
    # With n a constant, OpenVINO folds x * 2**n1 * 2**n2 * 2**n3 into x * 2**n, which
    # overflows: ldexp([0, 1e-40], 128) gave [nan, inf]. A fence between the products
    # (a Select the folding does not look through) keeps each step exact.
    r = x
    for step in (n1, n2, n3):
        r = ops.multiply(_unfolded(r), _pow2(step))
    return convert(r, node.dtype)


def _exponent_i32(n):
    """The exponent as int32; a uint32 one cast to int32 by the API (NumPy's loop takes
    int64) keeps its size: values >= 2**31 would read negative, so they become 2**31 - 1
    (any exponent above 300 gives the same answer)."""
    source = n.get_node()
    if source.get_type_name() == "Convert" and \
            source.get_input_element_type(0) == OV_TYPE[np.dtype(np.uint32)]:
        wide = i32(n)
        return select(ops.less(wide, constant(0, _I32)), constant(2 ** 31 - 1, _I32), wide)
    return i32(n)


def _unfolded(x):
    return ops.select(ops.not_equal(x, x), x, x)


def _ulp(x, dtype):
    """Spacing of the float grid at |x| (x finite, nonzero): 2**(e - digits)."""
    m, e = frexp32(x)
    digits = 24 if dtype == _F32 else 11
    min_exp = -148 if dtype == _F32 else -23
    e = ops.maximum(ops.subtract(e, constant(digits, _I32)), constant(min_exp - 1, _I32))
    return m, _pow2(e)


@lowering("nextafter")
def _nextafter(node, x, y):
    x32, y32 = convert(x, _F32), convert(y, _F32)
    m, u = _ulp(x32, node.dtype)
    half = ops.equal(ops.abs(m), c(0.5, m))
    # stepping toward zero from a power of two crosses into the finer binade
    toward_zero = ops.not_equal(fgt(y32, x32), fgt(x32, c(0.0, x32)))
    smallest = c(float(np.finfo(node.dtype).smallest_subnormal), x32)
    u_down = select(ops.logical_and(half, toward_zero),
                    ops.maximum(ops.multiply(u, c(0.5, u)), smallest), u)
    up = fgt(y32, x32)
    step = select(up, u_down, ops.negative(u_down))
    r = ops.add(x32, step)
    # -smallest_subnormal + smallest_subnormal is +0.0; C's nextafter gives -0.0
    r = select(is_zero(r), copysign(r, x32), r)
    r = select(is_zero(x32), select(up, smallest, ops.negative(smallest)), r)
    r = convert(r, node.dtype)
    # C99: from an infinity, the first step lands on the largest finite value (x + ulp
    # leaves an infinity where it is)
    big = c(float(np.finfo(node.dtype).max), node.dtype)
    r = select(ops.is_inf(x32), select(signbit(x32), ops.negative(big), big), r)
    # x == y: C's nextafter returns y, NumPy's half loop returns x (0.0 vs -0.0 differ)
    r = select(ops.equal(x32, y32), convert(x32 if node.dtype == _F16 else y32, node.dtype), r)
    r = select(ops.logical_or(isnan(x32), isnan(y32)), convert(ops.add(x32, y32), node.dtype), r)
    return r


@lowering("spacing")
def _spacing(node, x):
    x32 = convert(x, _F32)
    m, u = _ulp(x32, node.dtype)
    smallest = c(float(np.finfo(node.dtype).smallest_subnormal), x32)
    if node.dtype == _F16:
        # NumPy's half spacing of a negative x is the (positive) step toward zero
        half = ops.equal(ops.abs(m), c(0.5, m))
        r = select(ops.logical_and(half, signbit(x32)),
                   ops.maximum(ops.multiply(u, c(0.5, u)), smallest), u)
        r = select(is_zero(x32), smallest, r)
    else:
        r = select(signbit(x32), ops.negative(u), u)
        r = select(is_zero(x32), smallest, r)   # NumPy: spacing(-0.0) is +1e-45 too
    # at the largest binade, the next value up is inf
    r = select(isfinite(x32), r, c(np.nan, x32))
    big = ops.equal(ops.abs(x32), c(float(np.finfo(node.dtype).max), x32))
    neg_big = c(-np.inf, x32) if node.dtype == _F32 else r
    r = select(big, select(signbit(x32), neg_big, c(np.inf, x32)), r)
    return convert(r, node.dtype)


@float_op("modf_frac")
def _modf_frac(node, x):
    t = ftrunc(x)
    r = copysign(ops.subtract(x, t), x)
    r = select(ops.is_inf(x), copysign(c(0.0, x), x), r)
    return select(isnan(x), x, r)


@float_op("modf_int")
def _modf_int(node, x):
    return ftrunc(x)


@float_op("ew_nan_to_num")
def _nan_to_num(node, x):
    nan, posinf, neginf = node.attrs
    r = select(isnan(x), c(nan, x), x)
    r = select(ops.logical_and(ops.is_inf(x), fgt(x, c(0.0, x))), c(posinf, x), r)
    return select(ops.logical_and(ops.is_inf(x), flt(x, c(0.0, x))), c(neginf, x), r)


mark_parallel_safe(__name__)
