"""complex64 in NumPy's order: sort, argsort, max/min and argmax/argmin, and truth.

NumPy orders complex numbers lexicographically, real part first, and puts NaNs last in
the order [R + Rj, R + nanj, nan + Rj, nan + nanj]. Sorting is lower_sorting's stable
argsort applied key by key (imaginary part, real part, then that NaN class), as its
lexsort does. max/min/argmax/argmin fold neighbours in a tree: the left operand of every
fold holds the earlier elements, so NumPy's sequential answer comes out (the first NaN
wins, ties keep the first element, -0.0 and 0.0 included).
"""

import numpy as np
import openvino.opset16 as ops

from .ew_common import isnan, select
from .lower import LOWER, constant, convert, i64s
from .lower_complex import LEX, RealNode, real, truth
from .lower_sorting import _scalar_i64, argsort_axis, binary_search
from .pairs import COMPONENTWISE, Pair, complex_lowering

_I32 = np.dtype(np.int32)
_F32 = np.dtype(np.float32)
_BOOL = np.dtype(np.bool_)

COMPONENTWISE.add("rint")       # NumPy rounds each part


def complex_argsort(z, axis, shape):
    """i32 indices that stably sort z along axis in NumPy's complex order."""
    nan_class = ops.add(ops.multiply(convert(isnan(z.re), _I32), constant(2, _I32)),
                        convert(isnan(z.im), _I32)).output(0)
    idx = None
    for key, dtype in ((z.im, _F32), (z.re, _F32), (nan_class, _I32)):
        if idx is None:
            idx = argsort_axis(key, dtype, axis, shape)
        else:
            step = argsort_axis(ops.gather_elements(key, idx, axis).output(0), dtype, axis,
                                shape)
            idx = ops.gather_elements(idx, step, axis).output(0)
    return idx


@complex_lowering("argsort")
def _argsort(node, z):
    (axis,) = node.attrs
    return complex_argsort(z, axis, node.shape)


@complex_lowering("sort")
def _sort(node, z):
    (axis,) = node.attrs
    idx = complex_argsort(z, axis, node.shape)
    return Pair(*(ops.gather_elements(p, idx, axis) for p in z))


# ---------------------------------------------------------------- extremes

def _halves(x, n):
    """(elements 0, 2, 4.. and 1, 3, 5.. of the last axis, the odd last one or None)."""
    even = 2 * (n // 2)
    step = i64s([2])
    last = i64s([-1])
    lo = ops.slice(x, i64s([0]), i64s([even]), step, last).output(0)
    hi = ops.slice(x, i64s([1]), i64s([even]), step, last).output(0)
    odd = ops.slice(x, i64s([even]), i64s([n]), i64s([1]), last).output(0) if n % 2 else None
    return lo, hi, odd


def _fold(values, n, keep_left):
    """Tree-fold a list of tensors (the same fold for each) along the last axis of length
    n: keep_left(left values, right values) -> bool says which one survives."""
    while n > 1:
        split = [_halves(v, n) for v in values]
        left = [s[0] for s in split]
        right = [s[1] for s in split]
        keep = keep_left(left, right)
        values = [select(keep, a, b) for a, b in zip(left, right)]
        if split[0][2] is not None:
            values = [ops.concat([v, s[2]], -1).output(0) for v, s in zip(values, split)]
        n = (n + 1) // 2
    return values


def _keep_left(op):
    """NumPy's maximum/minimum loop: a NaN on the left stays, else CGE/CLE(left, right)."""
    compare = LEX["greater_equal" if op in ("amax", "argmax") else "less_equal"]

    def keep(left, right):
        a, b = Pair(left[0], left[1]), Pair(right[0], right[1])
        return ops.logical_or(ops.logical_or(isnan(a.re), isnan(a.im)), compare(a, b))
    return keep


def _to_last(x, axis, rank):
    if axis == rank - 1:
        return x
    perm = [d for d in range(rank) if d != axis] + [axis]
    return ops.transpose(x, i64s(perm)).output(0)


@complex_lowering("amax", "amin")
def _extreme(node, z):
    axes, keepdims = node.attrs
    shape = list(node.inputs[0].shape)
    for axis in sorted(axes, reverse=True):
        rank = len(shape)
        parts = [_to_last(p, axis, rank) for p in z]
        parts = _fold(parts, shape[axis], _keep_left(node.op))
        del shape[axis]
        z = Pair(*(ops.reshape(p, i64s(shape), False) for p in parts))
    return Pair(*(ops.reshape(p, i64s(node.shape), False) for p in z))


@complex_lowering("argmax", "argmin")
def _arg(node, z):
    (axis,) = node.attrs
    shape = list(node.inputs[0].shape)
    rank, n = len(shape), shape[axis]
    parts = [_to_last(p, axis, rank) for p in z]
    moved = [shape[d] for d in range(rank) if d != axis] + [n]
    iota = ops.broadcast(constant(np.arange(n, dtype=np.int32), _I32), i64s(moved)).output(0)
    keep = _keep_left("amax" if node.op == "argmax" else "amin")
    folded = _fold(parts + [iota], n, lambda left, right: keep(left[:2], right[:2]))
    return ops.reshape(folded[2], i64s(node.shape), False)


# ---------------------------------------------------------------- truth

@complex_lowering("all", "any", "count_nonzero")
def _truth_reduction(node, z):
    """The real reduction of z != 0 (NaN parts are True, as in NumPy)."""
    shape = node.inputs[0].shape
    fake_input = RealNode("truth", (), shape, _BOOL)
    return real(node.op, truth(z), attrs=node.attrs, dtype=node.dtype,
                inputs=(fake_input,), shape=node.shape)


@complex_lowering("pad_stat")
def _pad_mean(node, z):
    """pad(mode="mean") (the only statistic pad takes for complex data): the mean of each
    part, then NumPy's complex division of the sum by n + 0j, which spreads a NaN or inf
    part into the other one (re + im * 0, im - re * 0), in the padding only."""
    axis, mode, before, after = node.attrs[:4]
    part = RealNode("pad_stat", node.attrs, node.shape, _F32)
    re, im = (LOWER["pad_stat"](part, p) for p in z)
    re, im = (p.output(0) if hasattr(p, "output") else p for p in (re, im))
    zero = constant(0.0, _F32)
    spread = Pair(ops.add(re, ops.multiply(im, zero)), ops.subtract(im, ops.multiply(re, zero)))
    n = node.shape[axis]
    pad = np.ones(n, dtype=bool)
    pad[before:n - after] = False
    mask = ops.constant(pad.reshape([n if d == axis else 1 for d in range(len(node.shape))]))
    return Pair(select(mask, spread.re, re), select(mask, spread.im, im))


@complex_lowering("isin")
def _isin(node, element, sorted_test):
    """A binary search in the test values, sorted in NumPy's complex order (NaN-holding
    values last: they match nothing, so they count as right of every element)."""
    (invert,) = node.attrs
    n = node.inputs[1].shape[0]

    def at(index):
        return Pair(*(ops.gather(p, index, _scalar_i64(0)).output(0) for p in sorted_test))

    def right_of(index):
        t = at(index)
        t_nan = ops.logical_or(isnan(t.re), isnan(t.im))
        return ops.logical_and(LEX["less"](t, element), ops.logical_not(t_nan))
    lo = binary_search(None, element, n, None, "left", node.shape, right_of)
    found = at(ops.minimum(lo, constant(n - 1, _I32)))
    hit = ops.logical_and(ops.equal(found.re, element.re), ops.equal(found.im, element.im))
    return ops.logical_not(hit) if invert else hit
