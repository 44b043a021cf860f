"""Integer sums and products that are exact or raise OverflowError (docs/dtypes.md).

NumPy accumulates integer sum/prod/cumsum/cumprod in 64 bits; ovnp stores int32 (or
uint32). The IR ops sum_exact, prod_exact, cumsum_exact and cumprod_exact (attrs as
sum/prod/cumsum/cumprod) compute the wrapped 32-bit result, which is the exact one
whenever the exact one fits, and a check (lower.check) that fires when it does not:
materializing then raises OverflowError instead of returning a wrapped number.
mean_exact (inputs: values, count) is the float32 mean of the exact sum.

- Sums: S = W + 2**32 m, W the wrapped sum (exact modulo 2**32). The fast build
  estimates S by blocked float32 sums F of x and T of |x| (|F - S| <= GAMMA T), which
  fixes m while GAMMA T < 2**30 (m = round((F - W) / 2**32)); beyond, a guard reruns
  the accurate build, which counts every step's carry of a CumSum: adding y to the
  wrapped prefix p gives w, wrapping upward or downward where p + y - w (in float32,
  within 2**10) is near +-2**32. The sum fits iff m = 0, so cancelling sums are no false
  alarm: sum([2**30, 2**30, -2**30]) wraps once each way and is 2**30. The same (W, m)
  give integer mean its exact sum.
- Cumulative sums: each prefix is an output, so any carry at all is an overflow.
- Products: the float32 product of the same values has a relative error below 2**-16
  (only factors of magnitude >= 2 round, and more than 127 of them overflow float32),
  so far from 2**31 it decides alone; near 2**31 (|exact| in (2**30, 2**32)) the sign
  of the wrapped product decides: it fits iff that sign is the exact product's sign
  (uint32: near 2**32, iff bit 31 of the wrapped product is set).
- Contractions (matmul, einsum: check_contraction) compare the wrapped result with the
  float32 contraction of the values and of their magnitudes, as sums do.
"""

import numpy as np
import openvino.opset16 as ops

from .lower import (check, checking, constant, convert, fast_kernels, guard, i64s,
                    inner_levels, lowering,
                    reshape_to as _reshape, slice_axis as _slice)
from .lower_reductions import _bits, _in_shape, _to_run, cumprod_scan

_I32, _F32, _U32 = np.dtype(np.int32), np.dtype(np.float32), np.dtype(np.uint32)
_TWO31 = 2.0 ** 31
_NEAR = 2.0 ** -12     # the product's band around 2**31 where the float32 product is unsure


def message(op, dtype):
    """The OverflowError of an exact integer reduction whose result leaves `dtype`."""
    name = op.replace("_exact", "")
    return (f"{name}: the exact result (NumPy accumulates integers in 64 bits) is outside "
            f"{dtype}'s range; ovnp computes integers in 32 bits (docs/dtypes.md). "
            f"For an approximate result, convert to float32 first; for NumPy's wrapping "
            f"32-bit result, pass dtype={dtype}.")


def _i(value):
    return constant(value, _I32)


def _negative(x):
    """x < 0 for i32 x: exact (OpenVINO compares i32 in f32, which keeps every sign)."""
    return ops.less(x, _i(0)).output(0)


def carries(y, w, unsigned):
    """Per step of a wrapping i32 scan w (w = previous w + y), as float32: +1 where it
    wrapped upward, -1 downward (1 where a uint32 scan carried). The previous prefix
    p = w - y is exact (wrapping); p + y - w is 2**32 times the carry, and in float32
    it is within 2**10 of that (OpenVINO's CPU bit shifts cost 100 ns per element, so
    no bit tricks here)."""
    p = ops.subtract(w, y).output(0)
    d = ops.subtract(ops.add(as_float(p, unsigned), as_float(y, unsigned)),
                     as_float(w, unsigned)).output(0)
    up = convert(ops.less(constant(_TWO31, _F32), d).output(0), _F32)
    if unsigned:
        return up
    down = convert(ops.less(d, constant(-_TWO31, _F32)).output(0), _F32)
    return ops.subtract(up, down).output(0)


def _count(c, axis, k):
    """Exact sum of c in {-1, 0, 1} (float32) over `axis` of length k (keeps the axis)."""
    if k < 2 ** 24:     # every partial sum is an integer of magnitude below 2**24
        return ops.reduce_sum(c, i64s([axis]), True).output(0)
    c = convert(c, _I32)
    return convert(_slice(ops.cumsum(c, constant(axis, np.int64)).output(0), axis, k - 1, k),
                   _F32)


# The fast sum's float32 estimate F of the exact sum S is within GAMMA * T of it (T: the
# float32 sum of |x|): blocked sums add at most LIMIT (4096) values per level and have at
# most 3 levels below 2**32 values, so GAMMA <= 3 * 4096 * 2**-24 < 2**-10.
GAMMA = 2.0 ** -10


def _run(x, node):
    """x (i32 bits) as (pre, k, post), or (pre, k) when post is 1: the CPU's fused
    elementwise kernels run one value at a time on a last axis of 1 (3x slower)."""
    y, pre, k, post = _to_run(x, _in_shape(node), list(node.attrs[0]))
    return (y if post != 1 else _reshape(y, [pre, k])), k


GROUP = 16


def wrapped_sum(y, k):
    """The wrapping i32 sum of y ((pre, k[, post])) over axis 1, kept: levels of GROUP-way
    elementwise Adds of slabs (Split of axis 1 costs nothing and each level fuses into
    one kernel; i32 Add is exact and wraps, where ReduceSum goes through f32). Measured
    on 1e7 values: 3-4 ms, where the last element of a CumSum took 7-9; only for pre = 1
    (strided slabs of (1000, 10000) over axis 1: 100 ms against CumSum's 80)."""
    shape = [d.get_length() for d in y.get_partial_shape()]
    pre, tail = shape[0], shape[2:]
    inner = int(np.prod(tail, dtype=np.int64)) if tail else 1
    while k > 1:
        g = min(GROUP, k)
        q, r = divmod(k, g)
        main = y if r == 0 else _slice(y, 1, 0, q * g)
        parts = ops.split(_reshape(main, [pre, g, q * inner]), constant(1, np.int64), g).outputs()
        acc = parts[0]
        for part in parts[1:]:
            acc = ops.add(acc, part).output(0)
        acc = _reshape(acc, [pre, q] + tail)
        if r:   # the r < g slabs left over join the next level
            acc = ops.concat([acc, _slice(y, 1, q * g, k)], 1).output(0)
        y, k = acc, q + r
    return y


def exact_sum(y, k, unsigned, need_carries=False):
    """(W, m) with the exact sum S = W + 2**32 m of y (i32 bits, (pre, k[, post])) over
    axis 1, kept: W the wrapped i32 sum, m a float32 integer (exact).

    Fast build: m rounds (F - W) / 2**32, F the blocked float32 sum, within GAMMA * T of
    S (T: the float32 sum of |y|), which decides m while GAMMA * T < 2**30; beyond, a
    guard reruns the accurate build, which counts carries."""
    fast = fast_kernels()
    pre = y.get_partial_shape()[0].get_length()
    if pre == 1 and (fast or k == 1 or not (checking() or need_carries)):
        total = wrapped_sum(y, k)
    else:
        w = ops.cumsum(y, constant(1, np.int64)).output(0)
        total = _slice(w, 1, k - 1, k)
    if k == 1 or not (checking() or need_carries):
        return total, None
    if fast:
        values = as_float(y, unsigned)
        estimate = _float_sum(values, k)
        size = estimate if unsigned else _float_sum(values, k, ops.reduce_l1)
        guard(size, 2.0 ** 30 / GAMMA)
        gap = ops.subtract(estimate, as_float(total, unsigned))
        m = ops.round(ops.multiply(gap, constant(2.0 ** -32, _F32)), "half_to_even").output(0)
    else:
        m = _count(carries(y, w, unsigned), 1, k)
    return total, m


@lowering("sum_exact")
def _sum_exact(node, x):
    unsigned = node.dtype == _U32
    y, k = _run(_bits(x, node.dtype), node)
    if k == 0:
        return convert(ops.broadcast(_i(0), i64s(node.shape)).output(0), node.dtype)
    total, m = exact_sum(y, k, unsigned)
    if m is not None:
        check(ops.not_equal(m, constant(0, _F32)).output(0), message(node.op, node.dtype))
    return convert(_reshape(total, node.shape), node.dtype)


@lowering("mean_exact")
def _mean_exact(node, x, count):
    """NumPy's mean of integers (inputs: i32/u32 values, the float32 count): the exact
    sum S = m 2**32 + h 2**16 + l (three exact float32 terms) rounded to float32, then
    divided: within an ulp or two of S / n (NumPy: float64 sum and division)."""
    dtype = node.inputs[0].dtype
    unsigned = dtype == _U32
    y, k = _run(_bits(x, dtype), node)
    if k == 0:
        return ops.divide(ops.broadcast(constant(0.0, _F32), i64s(node.shape)), count).output(0)
    total, m = exact_sum(y, k, unsigned, need_carries=True)
    low = ops.bitwise_and(total, _i(0xFFFF)).output(0)
    high = as_float(ops.subtract(total, low).output(0), unsigned)   # exact: 16 bits << 16
    s = ops.add(high, convert(low, _F32)).output(0)
    if m is not None:
        s = ops.add(ops.multiply(m, constant(2.0 ** 32, _F32)), s).output(0)
    return ops.divide(_reshape(s, node.shape), count).output(0)


def _float_sum(values, k, reduce=ops.reduce_sum):
    """Blocked float32 sum (or with ops.reduce_l1, sum of |x|: no Abs pass over the
    values) of (pre, k[, post]) values over axis 1, keeping it."""
    shape = [d.get_length() for d in values.get_partial_shape()]
    post = shape[2] if len(shape) == 3 else 1
    total = inner_levels(values, shape[0], k, post,
                         lambda t, axis: reduce(t, i64s([axis]), True).output(0))
    return _reshape(total, [shape[0], 1] + shape[2:])


@lowering("cumsum_exact")
def _cumsum_exact(node, x):
    (axis,) = node.attrs
    if node.shape[axis] == 0:
        return x
    y = _bits(x, node.dtype)
    w = ops.cumsum(y, constant(axis, np.int64)).output(0)
    if checking() and node.shape[axis] > 1:
        check(ops.not_equal(carries(y, w, node.dtype == _U32), constant(0, _F32)).output(0),
              message(node.op, node.dtype))
    return convert(w, node.dtype)


def as_float(bits, unsigned):
    """i32 bits as float32 values: signed, or unsigned (bits < 0 stand for + 2**32)."""
    f = convert(bits, _F32)
    if not unsigned:
        return f
    wrap = ops.multiply(convert(_negative(bits), _F32), constant(2.0 ** 32, _F32))
    return ops.add(f, wrap).output(0)


def product_overflows(wrapped, approx, unsigned):
    """Where the exact product (approx: its float32 value, relative error < 2**-16) is
    outside int32 (or uint32), given `wrapped`, the product's i32 bits."""
    limit = 2.0 ** 32 if unsigned else _TWO31
    size = ops.abs(approx).output(0)
    beyond = ops.less(constant(limit * (1 + _NEAR), _F32), size)
    near = ops.less(constant(limit * (1 - _NEAR), _F32), size)
    negative_bits = _negative(wrapped)
    if unsigned:     # exact value in (2**31, 2**33): fits iff it is below 2**32, iff bit 31
        wrong = ops.logical_not(negative_bits)
    else:            # exact |value| in (2**30, 2**32): fits iff the wrapped sign is right
        wrong = ops.not_equal(negative_bits, ops.less(approx, constant(0.0, _F32)))
    # NaN (0 * inf: a zero factor after a float32 overflow) compares false: fits (it is 0)
    return ops.logical_or(beyond, ops.logical_and(near, wrong)).output(0)


@lowering("prod_exact")
def _prod_exact(node, x):
    axes, keepdims = node.attrs
    bits = _bits(x, node.dtype)
    wrapped = ops.reduce_prod(bits, i64s(axes), keepdims).output(0)
    if checking():
        unsigned = node.dtype == _U32
        approx = ops.reduce_prod(as_float(bits, unsigned), i64s(axes), keepdims).output(0)
        check(product_overflows(wrapped, approx, unsigned), message(node.op, node.dtype))
    return convert(wrapped, node.dtype)


@lowering("cumprod_exact")
def _cumprod_exact(node, x):
    (axis,) = node.attrs
    bits = _bits(x, node.dtype)
    wrapped = cumprod_scan(bits, list(node.shape), axis, _I32)
    if checking() and node.shape[axis] > 1:
        unsigned = node.dtype == _U32
        approx = cumprod_scan(as_float(bits, unsigned), list(node.shape), axis, _F32)
        check(product_overflows(wrapped, approx, unsigned), message(node.op, node.dtype))
    return convert(wrapped, node.dtype)


def check_contraction(op, dtype, wrapped, estimate, size, terms):
    """Check an integer matmul/einsum result (i32 bits `wrapped`) against the float32
    contraction of the same values (`estimate`) and of their magnitudes (`size`): with
    `terms` products of p factors summed, |estimate - exact| <= GAMMA_K * size, where
    GAMMA_K = (terms + 2 p + 2) 2**-24 covers the conversions, products and sums in any
    order. If |estimate - W| + 2 GAMMA_K size < 2**31, the wrapped W is exact (as for
    sums). The fast build guards on that; the accurate build raises where it fails:
    a result beyond int32, or one the float32 bound cannot prove (products near 2**31, or
    cancelling products beyond about 2**54 / terms: rare, and never a wrong number)."""
    if not checking() or dtype not in (_I32, _U32):
        return
    gamma = (terms + 8) * 2.0 ** -24
    gap = ops.abs(ops.subtract(estimate, as_float(wrapped, dtype == _U32)))
    doubt = ops.add(gap, ops.multiply(size, constant(2 * gamma, _F32))).output(0)
    limit = _TWO31 - 2.0 ** 10
    if fast_kernels():
        guard(doubt, limit)
    else:   # NaN (an inf - inf estimate) counts as doubt: Less is false for it
        fits = ops.less(doubt, constant(limit, _F32))
        check(ops.logical_not(fits).output(0), contraction_message(op, dtype))


def contraction_message(op, dtype):
    return (f"{op}: the exact integer result (NumPy computes int64 products and sums) is "
            f"outside {dtype}'s range, or too close to its edge for ovnp's float32 check "
            f"to prove it fits; ovnp computes integers in 32 bits (docs/dtypes.md). "
            f"Convert to float32 first for an approximate result.")
