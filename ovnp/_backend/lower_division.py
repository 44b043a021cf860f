"""Lowerings of float fmod, floor_divide, remainder (exact, bit for bit NumPy's) and of
gcd/lcm (Euclid in an OpenVINO Loop)."""


import numpy as np
import openvino.opset16 as ops

from .ew_common import (_BOOL, _F32, _I32, _NARROW_INTS, _U32, _out, c, copysign, dtype_of,
                        fdiv, fgt, float_op, flt, i32, int_divmod, is_zero, isnan,
                        mark_parallel_safe, select)
from .lower import LOWER, constant, convert, fast_kernels, guard, lowering


def _split12(x):
    """Veltkamp: x = hi + lo exactly, hi with 12 significant bits, lo with 11 (and a sign)."""
    t = ops.multiply(x, c(4097.0, x))
    hi = ops.subtract(t, ops.subtract(t, x))
    return hi, ops.subtract(x, hi)


# Exact float32 fmod (C's, as NumPy's): |a| is reduced by T * y with T an integer of at
# most 12 bits, T * y = T * y_hi + T * y_lo exactly (Veltkamp split, no FMA needed), so
# each step is exact and takes 11-12 bits off the quotient. The remainder may go
# negative (T is the nearest, not the truncated quotient); one fix-up at the end. A
# float32 quotient |a/b| reaches 2**277, past float32's range, so the reduction runs in
# three levels, modulo y * 2**k chosen near 2**30, then near 2**-70, then y itself:
# (steps per level: 8, 8, 6 were measured to be enough, exact for every
# exponent pair with extreme significands; one more each for margin).
_FMOD_LEVELS = ((30, 9), (-70, 9), (None, 7))


def _fmod_step(r, q, Yh, Yl, half=False):
    hi, _ = _split12(q)
    T = ops.round(hi, "half_to_even")
    if not half:
        return ops.subtract(ops.subtract(r, ops.multiply(T, Yh)), ops.multiply(T, Yl))
    # first step: r may be near float32's max and T * y_hi round up past it: work on r/2
    # (r - 2 * (r/2) is the bit halving drops from a tiny odd r, for which T is 0)
    h = ops.multiply(r, c(0.5, r))
    lost = ops.subtract(r, ops.add(h, h))
    half_r = ops.subtract(ops.subtract(h, ops.multiply(T, ops.multiply(Yh, c(0.5, r)))),
                          ops.multiply(T, ops.multiply(Yl, c(0.5, r))))
    return ops.add(ops.multiply(half_r, c(2.0, r)), lost)


# Most quotients are small: with |a/b| < 2**22, the last level's steps alone are exact
# (each takes 11-12 bits off the quotient). The lowerings use these under a guard (the
# graph reruns with all levels when some |a/b| is larger): 25 steps -> 3.
_FMOD_FAST_LEVELS = ((None, 3),)
FMOD_FAST_QUOTIENT = 2.0 ** 22


def fmod_guarded(a, b):
    """fmod with the short reduction where the build may guard it (fast_kernels)."""
    if not fast_kernels():
        return fmod(a, b)
    x, y = ops.abs(a), ops.abs(b)
    # where the final selects decide alone (a nan/inf, b 0, |a| < |b|) the quotient
    # does not matter: 0 there; elsewhere x / y (inf for a subnormal y: guarded out)
    decided = ops.logical_or(ops.logical_or(isnan(a), ops.is_inf(a)),
                             ops.logical_or(is_zero(b), ops.logical_or(isnan(b), flt(x, y))))
    quotient = select(decided, c(0.0, x), fdiv(x, y))
    # |a| near float32's max needs the full reduction's halved first step (which assumes
    # a first level where a tiny odd remainder gives T = 0): count it as a big quotient
    huge = flt(c(2.0 ** 126, x), x)
    guard(_out(select(huge, c(2 * FMOD_FAST_QUOTIENT, x), quotient)), FMOD_FAST_QUOTIENT)
    return fmod(a, b, _FMOD_FAST_LEVELS, halve_first=False)


def fmod(a, b, levels=_FMOD_LEVELS, halve_first=True):
    """C's fmod for float32, exact for every input (OpenVINO's Mod is off by ulps of a)."""
    x, y = ops.abs(a), ops.abs(b)
    small = ops.less(y, c(2.0 ** -60, y))
    # a power of two p near y, and y / p in [0.5, 4), without under/overflow
    scale = select(small, c(2.0 ** 80, y), c(2.0 ** -40, y))
    ys = ops.multiply(y, scale)
    t = ops.multiply(ys, c(2.0 ** 23 + 1, y))
    p = ops.multiply(ops.subtract(t, ops.subtract(t, ys)), select(small, c(1.0, y), c(0.5, y)))
    yn = ops.multiply(ys, ops.divide(c(1.0, y), p))
    py = ops.multiply(p, ops.divide(c(1.0, y), scale))
    ynh, ynl = _split12(yn)
    r = x
    first = halve_first
    for level, steps in levels:
        f = py if level is None else select(ops.less(py, c(2.0 ** level, y)), c(2.0 ** level, y), py)
        Y, Yh, Yl = ops.multiply(yn, f), ops.multiply(ynh, f), ops.multiply(ynl, f)
        # the quotient needs only ~16 good bits: r times 1/Y. The last level divides by y
        # itself, maybe subnormal (1/y overflows): scale y and r by 2**24 there
        s = select(small, c(2.0 ** 24, y), c(1.0, y)) if level is None else None
        inv = ops.divide(c(1.0, y), Y if s is None else ops.multiply(Y, s))
        for _ in range(steps):
            q = ops.multiply(r if s is None else ops.multiply(r, s), inv)
            r = _fmod_step(r, q, Yh, Yl, half=first)
            first = False
    res = select(flt(r, c(0.0, r)), ops.add(r, y), r)
    # y >= 2**127: its 12-bit head may round to 2**128 (inf); there x < 2y
    res = select(flt(c(float(np.nextafter(np.float32(2.0 ** 127), np.float32(0))), y), y),
                 ops.subtract(x, y), res)
    res = select(flt(a, c(0.0, a)), ops.negative(res), res)
    res = select(flt(x, y), a, res)     # |a| < |b| (and b = inf): a itself, -0.0 kept
    bad = ops.logical_or(ops.logical_or(ops.is_inf(a), is_zero(b)),
                         ops.logical_or(isnan(a), isnan(b)))
    return select(bad, c(float("nan"), a), res)


def npy_divmod(a, b):
    """NumPy's npy_divmod for floats: (floor quotient, remainder with b's sign)."""
    mod = fmod_guarded(a, b)
    zero_b = is_zero(b)
    div = fdiv(ops.subtract(a, mod), b)   # IEEE-exact: see fdiv
    nonzero_mod = ops.logical_not(is_zero(mod))
    adjust = ops.logical_and(nonzero_mod, ops.not_equal(flt(b, c(0.0, b)), flt(mod, c(0.0, mod))))
    mod2 = select(adjust, ops.add(mod, b), mod)
    div = select(adjust, ops.subtract(div, c(1.0, div)), div)
    mod2 = select(nonzero_mod, mod2, copysign(c(0.0, mod), b))
    floordiv = ops.floor(div)
    floordiv = select(fgt(ops.subtract(div, floordiv), c(0.5, div)),
                      ops.add(floordiv, c(1.0, div)), floordiv)
    quotient_ab = fdiv(a, b)
    floordiv = select(is_zero(div), copysign(c(0.0, div), quotient_ab), floordiv)
    # b == 0: NumPy returns a / b and fmod's nan; nan inputs give nan
    floordiv = select(zero_b, quotient_ab, floordiv)
    mod2 = select(zero_b, mod, mod2)
    return floordiv, mod2


@lowering("floor_divide", "remainder")
def _floor_divide(node, a, b):
    if node.dtype.kind == "f":
        return LOWER["_float_" + node.op](node, a, b)
    if node.dtype == _BOOL:   # not reached: NumPy's loops for bool are int8
        raise NotImplementedError
    q, r = _int_floor(node, a, b)
    return q if node.op == "floor_divide" else r


def _int_floor(node, a, b):
    if node.dtype in _NARROW_INTS:
        q, r = int_divmod(i32(a), i32(b))
        return convert(q, node.dtype), convert(r, node.dtype)
    return int_divmod(a, b)


@float_op("_float_floor_divide")
def _float_floor_divide(node, a, b):
    return npy_divmod(a, b)[0]


@float_op("_float_remainder")
def _float_remainder(node, a, b):
    return npy_divmod(a, b)[1]


@lowering("fmod")
def _fmod(node, a, b):
    if node.dtype.kind == "f":
        return LOWER["_float_fmod"](node, a, b)
    if node.dtype in _NARROW_INTS:
        a, b = i32(a), i32(b)
    q, r = int_divmod(a, b)
    if node.dtype.kind == "u" or dtype_of(a) == _U32:
        return convert(r, node.dtype)
    # C's %: truncated, the sign of a; by 0 (and MIN % -1) gives 0
    zero = c(0, r)
    fix = ops.logical_and(ops.not_equal(r, zero), ops.not_equal(ops.less(r, zero), ops.less(a, zero)))
    r = select(fix, ops.subtract(r, b), r)
    return convert(r, node.dtype)


@float_op("_float_fmod")
def _float_fmod(node, a, b):
    return fmod_guarded(a, b)


# ---------------------------------------------------------------- integer

# gcd/lcm: Euclid in an OpenVINO Loop, a few steps per iteration, until every divisor is
# 0. Unrolled, the 33-48 steps made a graph of ~500 ops: 3.8-4.5 s to compile (integer
# steps also ran at 5 s per 1e6 values: integer ops are not fused, and OpenVINO's i32
# Divide is inexact, so each exact division is ~40 ops). The Loop compiles in ~0.12 s.
# Steps run in float32 where that is exact: below 2**23. Wider int32/uint32 values are
# guarded: a graph that meets one runs again with exact integer steps.
GCD_FLOAT_EXACT_BELOW = 2 ** 23
_GCD_UNROLL = 4


def _euclid_steps(bound):
    """Most division steps Euclid takes on values <= bound: consecutive Fibonacci
    numbers are the worst case (Lame)."""
    a, b, n = 1, 1, 0
    while a + b <= bound:
        a, b, n = b, a + b, n + 1
    return n + 1


def _loop(step, state, max_steps, unroll, running):
    """`state = step(state)` up to max_steps times in an OpenVINO Loop of `unroll` steps
    per iteration, stopping once `running(state)` (a boolean scalar) is false."""
    import openvino as ov
    params = [ops.parameter(s.get_partial_shape(), s.get_element_type()) for s in state]
    new = [p.output(0) for p in params]
    for _ in range(unroll):
        new = step(*new)
    results = [ops.result(running(*new))] + [ops.result(v) for v in new]
    loop = ops.loop(constant(-(-max_steps // unroll), np.int64), constant(True, np.bool_))
    loop.set_function(ov.Model(results, params))
    loop.set_special_body_ports([-1, 0])
    for p, init, r in zip(params, state, results[1:]):
        loop.set_merged_input(p, init, r.output(0))
    return [loop.get_iter_value(r.output(0), -1) for r in results[1:]]


def _euclid(x, y, shape, bound, exact_step):
    """gcd of x, y >= 0 (both <= bound, broadcast to `shape`) by `exact_step(x, y) ->
    x mod y`. A Loop's state keeps its shape from one iteration to the next, and the
    CPU plugin wants rank >= 1: both start at the result's shape, flattened."""
    flat = constant([int(np.prod(shape, dtype=np.int64))], np.int64)
    x, y = (_out(ops.reshape(ops.broadcast(v, constant(list(shape), np.int64)), flat, False))
            for v in (x, y))
    zero = c(0, x)

    def step(x, y):
        y_zero = ops.equal(y, zero)
        r = exact_step(x, select(y_zero, c(1, y), y))
        return _out(select(y_zero, x, y)), _out(select(y_zero, zero, r))

    def running(x, y):
        flat = ops.reshape(ops.not_equal(y, zero), constant([-1], np.int64), False)
        return ops.reduce_logical_or(flat, constant([0], np.int64), False)

    g = _loop(step, [x, y], _euclid_steps(bound), _GCD_UNROLL, running)[0]
    return _out(ops.reshape(g, constant(list(shape), np.int64), False))


def _float_mod_step(x, y):
    """x mod y for integer-valued float32 0 <= x, 0 < y below 2**23, exactly (the floor
    of the quotient may be one off, as OpenVINO divides by a reciprocal: corrected)."""
    zero = c(0.0, x)
    r = ops.subtract(x, ops.multiply(ops.floor(ops.divide(x, y)), y))
    r = select(ops.less(r, zero), ops.add(r, y), r)
    return select(ops.less(r, y), r, ops.subtract(r, y))


def _int_mod_step(x, y):
    return int_divmod(x, y)[1]


@lowering("gcd", "lcm")
def _gcd(node, a, b):
    bits = 8 * node.dtype.itemsize
    signed = node.dtype.kind == "i"
    a0, b0 = (i32(a), i32(b)) if node.dtype in _NARROW_INTS else (a, b)
    x, y = (ops.abs(a0), ops.abs(b0)) if signed else (a0, b0)
    x, y = _out(x), _out(y)
    if bits < 32 or fast_kernels():
        xf, yf = convert(i32(x), _F32), convert(i32(y), _F32)
        if bits == 32:
            # abs(INT_MIN) and u32 >= 2**31 come out negative (u32 2**32 - 1 as -1.0):
            # they count as 2**31
            big = c(2.0 ** 31, xf)
            mag = [select(flt(v, c(0.0, v)), big, v) for v in (xf, yf)]
            guard(_out(ops.maximum(*mag)), GCD_FLOAT_EXACT_BELOW - 1)
        gf = _euclid(xf, yf, node.shape, min(2 ** bits, GCD_FLOAT_EXACT_BELOW), _float_mod_step)
        if node.op == "gcd":
            return convert(convert(gf, _I32), node.dtype)
        # x / gcd is an integer: Round absorbs the reciprocal's error
        g_zero = ops.equal(gf, c(0.0, gf))
        q = ops.round(ops.divide(xf, select(g_zero, c(1.0, gf), gf)), "half_to_even")
        q = convert(select(g_zero, c(0.0, gf), q), _I32)
    else:
        g = _euclid(x, y, node.shape, 2 ** bits, _int_mod_step)
        if signed:      # abs(INT_MIN) is INT_MIN: floor remainders can leave gcd negative
            g = _out(ops.abs(g))
        if node.op == "gcd":
            return convert(g, node.dtype)
        zero = c(0, g)
        g_zero = ops.equal(g, zero)
        q = int_divmod(select(g_zero, zero, x), select(g_zero, c(1, g), g))[0]
    # lcm = |a / gcd * b| (wrapping, as NumPy's), 0 if either is 0
    return convert(ops.multiply(convert(q, dtype_of(y)), y), node.dtype)


# gcd/lcm reshape their Loop state to the result's shape: not on the 2-D view
mark_parallel_safe(__name__, exclude={"gcd", "lcm"})
