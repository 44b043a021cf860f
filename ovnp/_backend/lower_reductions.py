"""Lowerings of reductions, scans and the slices they need.

attrs: sum/prod/amax/amin/all/any/count_nonzero = (axes, keepdims); argmax/argmin,
cumsum/cumprod = (axis,); red.slice = (axis, start, stop, step); red.concat = (axis,).
The API layer has cast the input to the result dtype (except where noted), so each
lowering restores NumPy's semantics on top of OpenVINO's op (see docs/reductions.md):

- float sums are reduced in blocks of at most BLOCK elements per level (a lone
  ReduceSum of 1e7 float32 values is off by 3e-5 relative; in blocks, 3e-9);
- ReduceMax/ReduceMin drop NaN: a NaN anywhere in the slice makes the answer NaN;
- i8/u8/i16/u16 arithmetic saturates in OpenVINO: such sums/products run in i32;
- float16 is accumulated in float32 (as NumPy's pairwise sum does) and rounded once;
- an empty `axes` list means "no reduction" in NumPy and "all axes" to some plugins.
"""

import numpy as np
import openvino.opset16 as ops

from .lower import (BLOCK, LIMIT, constant, convert, i64s, inner_levels, lowering,
                    reshape_to as _reshape, slice_axis as _slice)

_F16, _F32, _I32 = np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.int32)
_BOOL, _U32 = np.dtype(np.bool_), np.dtype(np.uint32)
_SMALL_INTS = tuple(np.dtype(t) for t in (np.int8, np.uint8, np.int16, np.uint16))


# Outer-axis float sums (nothing before the reduced axes, at least OUTER_MIN_POST values
# after them) are summed as GROUP row blocks added elementwise, level after level: the
# CPU plugin's ReduceSum over an outer axis is slow (24 ms for axis 0 of (4096, 4096),
# NumPy 4 ms), while Split of the outer axis is free and the Adds fuse into one kernel
# that reads the input once (3-4 ms). Each output element is a sum of sums of GROUP
# values: more accurate than NumPy's sequential row-by-row sum.
GROUP = 16
OUTER_MIN_POST = 32


def _in_shape(node):
    return node.inputs[0].shape


def _work_dtype(dtype):
    """The dtype OpenVINO computes `dtype`'s arithmetic in without saturating/rounding."""
    if dtype == _F16:
        return _F32
    if dtype in _SMALL_INTS or dtype == _BOOL:
        return _I32
    return dtype


def blocked_sum(x, shape, axes, keepdims, out_shape, dtype):
    """ReduceSum over `axes` with at most LIMIT values added per ReduceSum (floats)."""
    k = int(np.prod([shape[a] for a in axes], dtype=np.int64))
    if dtype.kind == "f" and k >= 2 and list(axes) == list(range(len(axes))):
        post = int(np.prod(shape[len(axes):], dtype=np.int64))
        if post >= OUTER_MIN_POST:
            return _reshape(_outer_sum(x, k, post), out_shape)
    if dtype.kind != "f" or k <= LIMIT:
        return ops.reduce_sum(x, i64s(axes), keepdims).output(0)
    y, pre, k, post = _to_run(x, shape, axes)
    while k > LIMIT:
        m = k // BLOCK
        main = y if m * BLOCK == k else _slice(y, 1, 0, m * BLOCK)
        partial = ops.reduce_sum(_reshape(main, [pre, m, BLOCK, post]), i64s([2]), False).output(0)
        if m * BLOCK != k:
            tail = ops.reduce_sum(_slice(y, 1, m * BLOCK, k), i64s([1]), True).output(0)
            partial = ops.concat([partial, tail], 1).output(0)
            m += 1
        y, k = partial, m
    return _reshape(ops.reduce_sum(y, i64s([1]), False), out_shape)


def _outer_sum(y, k, post):
    """Sum of y (k leading values, then post) over the leading k; returns (1, post)."""
    return outer_levels(y, k, post, ops.add)


def outer_levels(y, k, post, combine, first=None):
    """Reduce y (k leading values, then post values) over the leading k by levels of
    GROUP-way elementwise `combine`s of row blocks (Split of the outer axis is free and
    the chain fuses into one kernel); `first` maps the input elementwise. -> (1, post)."""
    y = _reshape(y, [k, post])
    if first is not None and k == 1:
        y = first(y).output(0)
    while k > 1:
        g = min(GROUP, k)
        q, r = divmod(k, g)
        main = y if r == 0 else _slice(y, 0, 0, q * g)
        parts = list(ops.split(_reshape(main, [g, q * post]), constant(0, np.int64), g).outputs())
        if first is not None:
            parts = [first(part).output(0) for part in parts]
        acc = parts[0]
        for part in parts[1:]:
            acc = combine(acc, part).output(0)
        acc = _reshape(acc, [q, post])
        if r:   # the r < g rows left over join the next level
            tail = _slice(y, 0, q * g, k)
            acc = ops.concat([acc, tail if first is None else first(tail).output(0)], 0).output(0)
        y, k, first = acc, q + r, None
    return y


def _to_run(x, shape, axes):
    """x reshaped to (pre, K, post) with the reduced axes as the middle run."""
    ndim = len(shape)
    rest = [i for i in range(ndim) if i not in axes]
    k = int(np.prod([shape[a] for a in axes], dtype=np.int64))
    if list(axes) != list(range(axes[0], axes[0] + len(axes))):
        x = ops.transpose(x, i64s(rest + list(axes))).output(0)
        pre, post = int(np.prod([shape[i] for i in rest], dtype=np.int64)), 1
    else:
        pre = int(np.prod(shape[:axes[0]], dtype=np.int64))
        post = int(np.prod(shape[axes[-1] + 1:], dtype=np.int64))
    return _reshape(x, [pre, k, post]), pre, k, post


def int_sum(x, shape, axes, out_shape):
    """Exact, wrapping i32 sum. OpenVINO's ReduceSum on i32 computes in f32 (16777217 + 1
    gives 16777216, overflow gives -2**31); its CumSum is exact, so sum = last of cumsum."""
    y, _, k, _ = _to_run(x, shape, axes)
    if k == 0:
        return ops.broadcast(constant(0, np.int32), i64s(out_shape)).output(0)
    last = _slice(ops.cumsum(y, constant(1, np.int64)).output(0), 1, k - 1, k)
    return _reshape(last, out_shape)


def _bits(x, dtype):
    """Integers as i32 bits: u32 values >= 2**31 are unusable in OpenVINO's u32 ops (its
    constants saturate, comparisons are signed, arithmetic is rounded through f32)."""
    return convert(x, np.int32) if dtype == _U32 else convert(x, _work_dtype(dtype))


@lowering("sum")
def _sum(node, x):
    axes, keepdims = node.attrs
    if not axes:
        return x
    shape, axes = _in_shape(node), list(axes)
    if node.dtype.kind == "f":
        r = blocked_sum(convert(x, _work_dtype(node.dtype)), shape, axes, keepdims,
                        node.shape, _F32)
    else:
        r = int_sum(_bits(x, node.dtype), shape, axes, node.shape)
    return convert(r, node.dtype)


@lowering("prod")
def _prod(node, x):
    axes, keepdims = node.attrs
    if not axes:
        return x
    x = _bits(x, node.dtype) if node.dtype.kind in "iub" else convert(x, _work_dtype(node.dtype))
    x = ops.reduce_prod(x, i64s(axes), keepdims).output(0)
    return convert(x, node.dtype)


_I32_MIN = -2**31


def _int_extreme(x, axes, out_shape, op):
    """Exact max/min of i32: OpenVINO's ReduceMax/Min (and Equal) on i32 go through f32
    (max(16777217, 16777216) = 16777216), so reduce the high and low 16 bits apart."""
    fn = ops.reduce_max if op == "amax" else ops.reduce_min
    hi = ops.bitwise_right_shift(x, constant(16, np.int32)).output(0)
    lo = ops.bitwise_and(x, constant(0xFFFF, np.int32)).output(0)
    best_hi = fn(hi, i64s(axes), True).output(0)
    other = constant(-1 if op == "amax" else 0x10000, np.int32)
    best_lo = fn(ops.select(ops.equal(hi, best_hi), lo, other), i64s(axes), True)
    r = ops.add(ops.multiply(best_hi, constant(0x10000, np.int32)), best_lo)
    return _reshape(r, out_shape)


def extreme(x, dtype, shape, axes, keepdims, op):
    """NumPy's max/min (op "amax"/"amin") of `x` over axes: NaN propagates, ints exact."""
    out_shape = [1 if i in axes else n for i, n in enumerate(shape)] if keepdims else \
        [n for i, n in enumerate(shape) if i not in axes]
    if dtype == _BOOL:
        fn = ops.reduce_logical_or if op == "amax" else ops.reduce_logical_and
        return fn(x, i64s(axes), keepdims).output(0)
    if dtype == _U32:   # flip the sign bit: unsigned order becomes signed order
        y = ops.bitwise_xor(convert(x, np.int32), constant(_I32_MIN, np.int32)).output(0)
        r = _int_extreme(y, axes, out_shape, op)
        return convert(ops.bitwise_xor(r, constant(_I32_MIN, np.int32)).output(0), _U32)
    if dtype == _I32:
        return _int_extreme(x, axes, out_shape, op)
    if dtype in _SMALL_INTS:   # ReduceMax of i8 [-128] is garbage: reduce in i32
        return convert(_int_extreme(convert(x, np.int32), axes, out_shape, op), dtype)
    if dtype.kind == "f":
        return _reshape(float_extreme(x, shape, axes, op), out_shape)
    fn = ops.reduce_max if op == "amax" else ops.reduce_min
    return fn(x, i64s(axes), keepdims).output(0)


def _top1(op):
    mode = "max" if op == "amax" else "min"
    return lambda t, axis: ops.topk(t, constant(1, np.int64), axis, mode, "none", "i32").output(0)


def _abs_sum(t, axis):
    return ops.reduce_l1(t, i64s([axis]), True).output(0)


def float_extreme(x, shape, axes, op):
    """NumPy's max/min of floats over `axes` (to be reshaped to the output shape).

    OpenVINO's ReduceMax/ReduceMin drop NaN (or worse: ReduceMax([inf, nan, 1, 2]) is 2)
    and start from -FLT_MAX (ReduceMax of only -inf is -FLT_MAX). TopK(k=1) returns an
    element of the data, so ±inf come out right; a NaN anywhere makes the sum of |x|
    NaN (and nothing else does: |x| >= 0 cannot cancel), which selects NaN. Two passes
    over the data, no elementwise pass: the bool reductions of IsNaN/Equal this replaces
    cost 10x a ReduceMax. Outer-axis runs use elementwise Maximum/Minimum levels (no -inf
    start value either) and Abs+Add levels, as outer sums do."""
    y, pre, k, post = _to_run(x, shape, axes)
    if pre == 1 and post >= OUTER_MIN_POST and k >= 2:
        best = outer_levels(y, k, post, ops.maximum if op == "amax" else ops.minimum)
        nan = outer_levels(y, k, post, ops.add, ops.abs)
    else:
        best = inner_levels(y, pre, k, post, _top1(op))
        nan = inner_levels(y, pre, k, post, _abs_sum)
    return ops.select(ops.is_nan(nan), nan, best).output(0)


@lowering("amax", "amin")
def _extreme(node, x):
    axes, keepdims = node.attrs
    if not axes:
        return x
    return extreme(x, node.dtype, _in_shape(node), list(axes), keepdims, node.op)


@lowering("argmax", "argmin")
def _arg(node, x):
    (axis,) = node.attrs
    shape = _in_shape(node)
    dtype = node.inputs[0].dtype
    if dtype == _BOOL or dtype == _U32 or dtype in _SMALL_INTS:
        x = convert(x, np.int32)
        if dtype == _U32:
            x = ops.bitwise_xor(x, constant(_I32_MIN, np.int32)).output(0)
        dtype = _I32
    if dtype.kind == "f" and shape[axis] <= 2**24:
        return _float_arg(node, x, shape, axis)
    best = extreme(x, dtype, shape, [axis], True, "amax" if node.op == "argmax" else "amin")
    if dtype.kind == "f":   # the first NaN wins, as in NumPy
        hit = ops.logical_or(ops.equal(x, best),
                             ops.logical_and(ops.is_nan(x), ops.is_nan(best))).output(0)
    else:   # Equal on i32 goes through f32 too; a wrapping difference is exact
        hit = ops.equal(ops.subtract(x, best), constant(0, dtype)).output(0)
    n = shape[axis]
    iota = constant(np.arange(n, dtype=np.int32).reshape(
        [n if i == axis else 1 for i in range(len(shape))]), np.int32)
    index = ops.select(hit, iota, constant(n, np.int32)).output(0)
    out_shape = [m for i, m in enumerate(shape) if i != axis]
    if n <= 2**24:
        return ops.reduce_min(index, i64s([axis]), False).output(0)
    return _int_extreme(index, [axis], out_shape, "amin")


def _float_arg(node, x, shape, axis):
    """NumPy's argmax/argmin of floats (n <= 2**24): the best value by TopK, then one
    fused pass keyed by float32 index (exact below 2**24): the first NaN gets i - n (< 0,
    so it wins, as NumPy's first NaN does), the first best value i, the rest n; one
    ReduceMin. TopK's own index is no use: unstable, it returns any of equal values
    (4000 of a row with ones at 7 and 4000), and stable it takes 78 ms on (4096, 1024).
    The former Equal/IsNaN/LogicalOr/Select/ReduceMin passes took 20 ms there."""
    mode = "max" if node.op == "argmax" else "min"
    best = ops.topk(x, constant(1, np.int64), axis, mode, "none", "i32").output(0)
    n = shape[axis]
    f32 = convert(x, np.float32)
    best = convert(best, np.float32)
    iota = constant(np.arange(n, dtype=np.float32).reshape(
        [n if i == axis else 1 for i in range(len(shape))]), np.float32)
    key = ops.select(ops.equal(f32, best), iota, constant(float(n), np.float32))
    # x != x is NaN's test that fuses with the rest (IsNaN is a kernel of its own)
    key = ops.select(ops.not_equal(f32, f32), ops.subtract(iota, constant(float(n), np.float32)), key)
    first = ops.reduce_min(key, i64s([axis]), False).output(0)
    first = ops.select(ops.less(first, constant(0.0, np.float32)),
                       ops.add(first, constant(float(n), np.float32)), first)
    return convert(first, np.int32)


def _truth(x, dtype):
    if dtype == _BOOL:
        return x
    return ops.not_equal(x, constant(0, dtype)).output(0)


@lowering("all", "any")
def _logical(node, x):
    axes, keepdims = node.attrs
    x = _truth(x, node.inputs[0].dtype)
    if not axes:
        return x
    fn = ops.reduce_logical_and if node.op == "all" else ops.reduce_logical_or
    return fn(x, i64s(axes), keepdims).output(0)


@lowering("count_nonzero")
def _count_nonzero(node, x):
    axes, keepdims = node.attrs
    x = convert(_truth(x, node.inputs[0].dtype), _I32)
    if not axes:
        return x
    return int_sum(x, _in_shape(node), list(axes), node.shape)


@lowering("cumsum")
def _cumsum(node, x):
    (axis,) = node.attrs
    if node.shape[axis] == 0:
        return x
    work = _work_dtype(node.dtype)
    x = _bits(x, node.dtype) if node.dtype.kind in "iub" else convert(x, work)
    r = ops.cumsum(x, constant(axis, np.int64)).output(0)
    return convert(r, node.dtype)


@lowering("cumprod")
def _cumprod(node, x):
    # OpenVINO has no CumProd: a Hillis-Steele scan, log2(n) multiplies by shifted copies.
    (axis,) = node.attrs
    work = np.int32 if node.dtype.kind in "iub" else _work_dtype(node.dtype)
    y = _bits(x, node.dtype) if node.dtype.kind in "iub" else convert(x, work)
    return convert(cumprod_scan(y, list(node.shape), axis, work), node.dtype)


def cumprod_scan(y, shape, axis, work):
    """Running products of y (of `shape`, dtype `work`) along `axis`."""
    n = shape[axis]
    k = 1
    while k < n:
        ones_shape = shape[:axis] + [k] + shape[axis + 1:]
        ones = ops.broadcast(constant(1, work), i64s(ones_shape)).output(0)
        shifted = ops.concat([ones, _slice(y, axis, 0, n - k)], axis).output(0)
        y = ops.multiply(y, shifted).output(0)
        k *= 2
    return y


@lowering("red.slice")
def _red_slice(node, x):
    axis, start, stop, step = node.attrs
    if node.shape[axis] == 0:
        return _slice(x, axis, 0, 0)
    return _slice(x, axis, start, stop, step)


@lowering("red.concat")
def _red_concat(node, *xs):
    (axis,) = node.attrs
    return ops.concat(list(xs), axis).output(0)
