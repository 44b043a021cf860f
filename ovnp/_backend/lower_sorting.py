"""Lowerings of sorting, searching and order statistics.

OpenVINO's TopK sorts (mode "min", sort by value, `stable=True` keeps equal keys in
index order), but it disagrees with NumPy in two places (measured, OpenVINO 2026.4 CPU):
- NaN lands in the middle of the result (TopK's comparisons are all false on NaN);
  NumPy sorts NaN last. We sort with NaN replaced by +inf, then stable-sort that
  permutation by the NaN flag, so NaN follows +inf.
- u32 values >= 2**31 sort as negative i32. We sort the key `i32(x) + INT_MIN`
  (Convert u32 -> i32 and i32 Add both wrap), which orders like the unsigned values.
"""

import numpy as np
import openvino as ov
import openvino.opset16 as ops

from .ew_common import uint32_to_float32
from .lower import constant, convert, i64s, lowering

_I32 = np.dtype(np.int32)
_U32 = np.dtype(np.uint32)
_BOOL = np.dtype(np.bool_)


def _scalar_i64(v):
    return ops.constant(np.int64(v)).output(0)


def order_key(x, dtype):
    """A tensor TopK orders like NumPy orders `x` (NaN aside): u32 remapped, bool as u8."""
    dtype = np.dtype(dtype)
    if dtype == _U32:
        return ops.add(convert(x, np.int32), constant(-2**31, np.int32)).output(0)
    if dtype == _BOOL:
        return convert(x, np.uint8)
    return x


def zeros_i32(shape):
    if not shape:
        return constant(0, np.int32)
    return ops.broadcast(constant(0, np.int32), i64s(shape)).output(0)


def _topk_indices(key, axis, n, stable=True):
    return ops.topk(key, _scalar_i64(n), axis, "min", "value", ov.Type.i32,
                    stable=stable).output(1)


# TopK(stable=True) is quadratic on the CPU (30,000 f32: 2.9 s; stable=False: 11 ms), so
# up to this length a stable order comes from an unstable TopK of a unique i32 key
# (group start * n + index < 2**31; i32 Multiply, Add and TopK are exact).
FAST_STABLE_MAX = 46340


def _iota(shape, axis):
    dims = [1] * len(shape)
    dims[axis] = shape[axis]
    return ops.broadcast(constant(np.arange(shape[axis], dtype=np.int32).reshape(dims), np.int32),
                         i64s(shape)).output(0)


def argsort_axis(x, dtype, axis, shape):
    """i32 indices that stably sort `x` along `axis`, NaN last as in NumPy."""
    dtype = np.dtype(dtype)
    n = shape[axis]
    if n <= 1:
        return zeros_i32(shape)
    if n > FAST_STABLE_MAX:
        return _argsort_topk_stable(x, dtype, axis, n)
    # 1. sorted values by an unstable sort (NaN as +inf, then the last nan_count are NaN)
    if dtype.kind == "f":
        nan = ops.is_nan(x)
        key = ops.select(nan, constant(np.inf, dtype), x).output(0)
    else:
        key = order_key(x, dtype)
    s = ops.gather_elements(key, _topk_indices(key, axis, n, stable=False), axis).output(0)
    iota = _iota(shape, axis)
    if dtype.kind == "f":
        nan_count = ops.reduce_sum(convert(nan, np.int32), i64s([axis]), True)
        last = ops.greater_equal(iota, ops.subtract(constant(n, np.int32), nan_count))
        s = ops.select(last, constant(np.nan, dtype), s).output(0)
        kdtype, xk = dtype, x
    else:
        kdtype = np.dtype(np.int32) if dtype == _U32 else (np.dtype(np.uint8) if dtype == _BOOL else dtype)
        xk = key
    # 2. each element's group start: binary search of x in s (equal values, NaNs together)
    lo = zeros_i32(shape)
    hi = ops.add(lo, constant(n, np.int32)).output(0)
    for _ in range(n.bit_length()):
        mid = ops.divide(ops.add(lo, hi), constant(2, np.int32)).output(0)
        at = ops.gather_elements(s, ops.minimum(mid, constant(n - 1, np.int32)), axis).output(0)
        right = nan_aware_less(at, xk, kdtype)
        active = ops.less(lo, hi)
        lo = ops.select(ops.logical_and(active, right), ops.add(mid, constant(1, np.int32)), lo).output(0)
        hi = ops.select(ops.logical_and(active, ops.logical_not(right)), mid, hi).output(0)
    # 3. a unique key, group start * n + index, sorted by an unstable TopK
    unique = ops.add(ops.multiply(lo, constant(n, np.int32)), iota).output(0)
    return _topk_indices(unique, axis, n, stable=False)


def sorted_values(x, dtype, axis, shape):
    """x sorted along axis, NaN last: values need no stability, so an unstable TopK."""
    dtype = np.dtype(dtype)
    n = shape[axis]
    if n <= 1:
        return x
    if dtype.kind != "f":
        return ops.gather_elements(x, _topk_indices(order_key(x, dtype), axis, n, stable=False),
                                   axis).output(0)
    nan = ops.is_nan(x)
    key = ops.select(nan, constant(np.inf, dtype), x).output(0)
    s = ops.gather_elements(key, _topk_indices(key, axis, n, stable=False), axis).output(0)
    nan_count = ops.reduce_sum(convert(nan, np.int32), i64s([axis]), True)
    last = ops.greater_equal(_iota(shape, axis), ops.subtract(constant(n, np.int32), nan_count))
    return ops.select(last, constant(np.nan, dtype), s).output(0)


def _argsort_topk_stable(x, dtype, axis, n):
    if dtype.kind != "f":
        return _topk_indices(order_key(x, dtype), axis, n)
    nan = ops.is_nan(x)
    key = ops.select(nan, constant(np.inf, dtype), x)
    idx = _topk_indices(key, axis, n)
    flag = ops.gather_elements(convert(nan, np.int32), idx, axis)
    second = _topk_indices(flag, axis, n)
    return ops.gather_elements(idx, second, axis).output(0)


def exact_less_i32(a, b):
    """a < b on i32, exactly. OpenVINO's CPU Less/Equal on i32 compare in f32 precision
    (16777217 == 16777216 is True); a sign test of a value is exact, and so is the sign
    of the wrapping difference when a and b have the same sign."""
    zero = constant(0, np.int32)
    sa, sb = ops.less(a, zero), ops.less(b, zero)
    diff_negative = ops.less(ops.subtract(a, b), zero)
    return ops.select(ops.equal(sa, sb), diff_negative, sa).output(0)


def nan_aware_less(a, b, dtype, or_equal=False):
    """NumPy's sort order comparison a < b (or a <= b): NaN greatest, u32 unsigned."""
    dtype = np.dtype(dtype)
    ka, kb = order_key(a, dtype), order_key(b, dtype)
    if dtype.kind in "iu" and dtype.itemsize == 4:
        result = ops.logical_not(exact_less_i32(kb, ka)) if or_equal else exact_less_i32(ka, kb)
    else:
        result = (ops.less_equal if or_equal else ops.less)(ka, kb)
    if dtype.kind == "f":
        nb = ops.is_nan(b)
        if or_equal:
            result = ops.logical_or(result, nb)
        else:
            result = ops.logical_or(result, ops.logical_and(nb, ops.logical_not(ops.is_nan(a))))
    return result.output(0) if hasattr(result, "output") else result


@lowering("argsort")
def _argsort(node, x):
    (axis,) = node.attrs
    return argsort_axis(x, node.inputs[0].dtype, axis, node.shape)


@lowering("sort")
def _sort(node, x):
    (axis,) = node.attrs
    return sorted_values(x, node.dtype, axis, node.shape)


@lowering("lexsort")
def _lexsort(node, *keys):
    (axis,) = node.attrs
    idx = None
    for key_node, key in zip(node.inputs, keys):
        if idx is None:
            idx = argsort_axis(key, key_node.dtype, axis, node.shape)
        else:
            permuted = ops.gather_elements(key, idx, axis).output(0)
            step = argsort_axis(permuted, key_node.dtype, axis, node.shape)
            idx = ops.gather_elements(idx, step, axis).output(0)
    return idx


def binary_search(a, v, n, dtype, side, shape, right_of=None):
    """i32 insertion points of every v in the sorted 1-d `a` of length n, unrolled over
    n.bit_length() steps (lo + hi stays below 2**24, where OpenVINO's i32 Divide, which
    computes in f32, is exact). `right_of(index)`, if given, says where v lies right of
    the element at index (complex keys); a, dtype and side then go unused."""
    lo = zeros_i32(shape)
    hi = ops.add(lo, constant(n, np.int32)).output(0)
    for _ in range(n.bit_length()):
        mid = ops.divide(ops.add(lo, hi), constant(2, np.int32)).output(0)
        index = ops.minimum(mid, constant(n - 1, np.int32))
        if right_of is not None:
            right = right_of(index)
        else:
            at = ops.gather(a, index, _scalar_i64(0)).output(0)
            right = nan_aware_less(at, v, dtype, or_equal=(side == "right"))
        active = ops.less(lo, hi)
        lo = ops.select(ops.logical_and(active, right), ops.add(mid, constant(1, np.int32)), lo).output(0)
        hi = ops.select(ops.logical_and(active, ops.logical_not(right)), mid, hi).output(0)
    return lo


def exact_equal(a, b, dtype):
    if dtype.kind in "iu" and dtype.itemsize == 4:
        # i32 Equal compares in f32; a nonzero wrapping difference never rounds to 0.
        return ops.equal(ops.subtract(a, b), constant(0, dtype)).output(0)
    return ops.equal(a, b).output(0)


@lowering("searchsorted")
def _searchsorted(node, a, v, *sorter):
    (side,) = node.attrs
    if sorter:
        a = ops.gather(a, sorter[0], _scalar_i64(0)).output(0)
    return binary_search(a, v, node.inputs[0].shape[0], node.inputs[0].dtype, side, node.shape)


@lowering("isin")
def _isin(node, element, sorted_test):
    (invert,) = node.attrs
    dtype = node.inputs[0].dtype
    n = node.inputs[1].shape[0]
    idx = binary_search(sorted_test, element, n, dtype, "left", node.shape)
    found = ops.gather(sorted_test, ops.minimum(idx, constant(n - 1, np.int32)), _scalar_i64(0))
    hit = exact_equal(found, element, dtype)
    return ops.logical_not(hit) if invert else hit


def _move_axis_first(x, axis, ndim):
    if axis == 0:
        return x
    perm = [axis] + [i for i in range(ndim) if i != axis]
    return ops.transpose(x, i64s(perm)).output(0)


@lowering("quantile")
def _quantile(node, x, prev, nxt, gamma):
    """Order statistics along `axis` (attrs: axis, kind, nan_omit, keepdims).

    prev/nxt/gamma are tables of shape (rows, Q) built on the host by NumPy's own index
    code: row r serves a slice with r valid values (nan_omit) or the single row 0 holds
    the indices for the full length. kind "lerp" is NumPy's _lerp, "mean" is median's
    mean of the two middle values.
    """
    axis, kind, nan_omit, wide, out_shape = node.attrs
    src = node.inputs[0]
    ndim = len(src.shape)
    dtype = node.dtype
    work = np.dtype(np.float32) if kind == "mean" else dtype
    xs = sorted_values(x, src.dtype, axis, src.shape)
    if src.dtype == np.dtype(np.uint32) and work.kind == "f":   # Convert reads them signed
        xs = uint32_to_float32(xs)
    xs = _move_axis_first(convert(xs, work), axis, ndim)          # (n, *rest)
    rest = [d for i, d in enumerate(src.shape) if i != axis]
    is_float = src.dtype.kind == "f"
    if nan_omit and is_float:
        row = ops.reduce_sum(convert(ops.logical_not(ops.is_nan(xs)), np.int32),
                             i64s([0]), False).output(0)         # valid count (*rest)
    else:
        row = zeros_i32(rest)

    def pick(table):                                              # (Q, *rest)
        t = ops.gather(table, row, _scalar_i64(0)).output(0)       # (*rest, Q)
        k = len(rest)
        return ops.transpose(t, i64s([k] + list(range(k)))).output(0)
    p, q, g = pick(prev), pick(nxt), pick(gamma)
    a = ops.gather_elements(xs, p, 0).output(0)
    if kind == "take":
        result = a
    elif kind == "mean":
        b = ops.gather_elements(xs, q, 0).output(0)
        mean = ops.divide(ops.add(a, b), constant(2, work))
        result = convert(ops.select(ops.equal(p, q), a, mean), dtype)
    else:
        b = ops.gather_elements(xs, q, 0).output(0)
        g = convert(g, dtype)
        diff = ops.subtract(b, a)
        low = ops.add(a, ops.multiply(diff, g))
        high = ops.subtract(b, ops.multiply(diff, ops.subtract(constant(1, dtype), g)))
        result = ops.select(ops.greater_equal(g, constant(0.5, dtype)), high, low).output(0)
        if wide:
            # NumPy interpolates in float64 here, where b - a cannot overflow.
            over = ops.logical_and(ops.is_inf(diff), ops.logical_and(ops.is_finite(a), ops.is_finite(b)))
            alt = ops.add(ops.multiply(a, ops.subtract(constant(1, dtype), g)), ops.multiply(b, g))
            result = ops.select(over, alt, result).output(0)
    if is_float:
        nan = constant(np.nan, dtype)
        if nan_omit:
            result = ops.select(ops.equal(row, constant(0, np.int32)), nan, result).output(0)
        else:
            any_nan = ops.reduce_logical_or(ops.is_nan(xs), i64s([0]), True)
            result = ops.select(any_nan, nan, result).output(0)
    return ops.reshape(result, i64s(out_shape), False)


@lowering("take0")
def _take0(node, x):
    (i,) = node.attrs
    return ops.gather(x, ops.constant(np.int64(i)).output(0), _scalar_i64(0))
