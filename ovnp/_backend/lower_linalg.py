"""Lowerings of linear algebra: matmul, einsum, diagonal, inverse and helpers.

Trap (measured, OpenVINO 2026.4 CPU): integer MatMul, Einsum and ReduceSum compute in
f32: int32 MatMul of [[16777217, 1]] @ [[1], [1]] gives 16777216 (NumPy 16777218),
large products saturate at 2147483520 instead of wrapping, and int8 MatMul saturates
at -128. Integer Multiply and Add are exact and wrap. So integer (and bool) products
are lowered exactly; floats use MatMul / Einsum (f16 computed in f32).

Integer matmul runs on the f32 MatMul kernel anyway, exactly: each i32 operand is cut
into 8-bit limbs (x = x0 + x1*2**8 + x2*2**16 + x3*2**24, top limb signed), and the
contraction axis into chunks short enough that every partial sum of limb products stays
below 2**24 (so f32 holds it exactly, in any summation order). Limb products of the same
weight 2**(8s) share one MatMul (their limbs are concatenated along K); the chunks and
weights are then combined in i32, where Multiply and Add are exact and wrap mod 2**32 as
NumPy does (weights >= 2**32 vanish mod 2**32 and are skipped). Cost: 10 f32 matmuls for
32-bit integers, 3-4 for 16-bit, 1 for 8-bit and bool; memory O(chunks * M * N) instead
of the O(M * K * N) of a broadcast product.
"""

import numpy as np
import openvino.opset16 as ops

from .lower import check, checking, constant, convert, fast_kernels, i64s, lowering
from .lower_exact_ints import as_float, check_contraction, contraction_message

_F32 = np.dtype(np.float32)
_I32 = np.dtype(np.int32)
_U32 = np.dtype(np.uint32)
_BOOL = np.dtype(np.bool_)


def _rank(x):
    return x.get_partial_shape().rank.get_length()


def _shape(x):
    return tuple(d.get_length() for d in x.get_partial_shape())


def int_sum(x, axis):
    """Exact, wrapping i32 sum over `axis` (kept as size 1): a pairwise tree of Adds."""
    shape = _shape(x)
    axis = axis % len(shape)
    n = shape[axis]
    if n == 0:
        out_shape = list(shape)
        out_shape[axis] = 1
        return ops.broadcast(constant(0, _I32), i64s(out_shape)).output(0)
    while n > 1:
        if n % 2:
            pads = [0] * len(shape)
            end = list(pads)
            end[axis] = 1
            x = ops.pad(x, i64s(pads), i64s(end), "constant", constant(0, _I32)).output(0)
            n += 1
        a, b = ops.split(x, constant(axis, np.int64), 2).outputs()
        x = ops.add(a, b).output(0)
        n //= 2
    return x


def _to_compute(x, dtype):
    """(input in the dtype the product is computed in, kind)."""
    if dtype.kind == "f":
        return convert(x, _F32), "f"
    return convert(x, _I32), "i"


def _zeros(node):
    """The answer when some dimension is 0: an empty output, or empty sums (0, False)."""
    return ops.broadcast(constant(0, node.dtype), i64s(node.shape)).output(0)


def _from_compute(x, dtype, kind):
    if dtype == _BOOL:
        return ops.not_equal(x, constant(0, _I32)).output(0)
    return convert(x, dtype)


@lowering("matmul", "matmul_blas")
def _matmul(node, a, b):
    ra, rb = _rank(a), _rank(b)
    if 0 in _shape(a) or 0 in _shape(b):
        return _zeros(node)
    if node.dtype.kind == "f":
        out = ops.matmul(convert(a, _F32), convert(b, _F32), False, False).output(0)
        return convert(out, node.dtype)
    a, b = convert(a, _I32), convert(b, _I32)
    if ra == 1:
        a = ops.unsqueeze(a, i64s([0])).output(0)
    if rb == 1:
        b = ops.unsqueeze(b, i64s([1])).output(0)
    total = _int_matmul(a, b, node.dtype)
    # the accurate build decides exactly while the digit sums over chunks stay below
    # 2**24 (K up to about 2**21); beyond, the float32 bound decides, conservatively
    if node.dtype in (_I32, _U32) and checking() and "wrap" not in node.attrs \
            and not fast_kernels() and 4 * _shape(a)[-1] < 2 ** 15 * (_EXACT // 255 ** 2):
        fits = _matmul_fits(a, b, node.dtype)
        check(ops.logical_not(fits).output(0), contraction_message(node.op, node.dtype))
    elif node.dtype in (_I32, _U32) and checking() and "wrap" not in node.attrs:
        # on the unsqueezed shapes: (1, K) @ (K, 1) reshaped to 0-d crashes the CPU plugin
        fa, fb = (as_float(x, node.dtype == _U32) for x in (a, b))
        approx = [ops.matmul(x, y, False, False).output(0)
                  for x, y in ((fa, fb), (ops.abs(fa), ops.abs(fb)))]
        check_contraction(node.op, node.dtype, total, *approx, _shape(a)[-1])
    total = ops.reshape(total, i64s(node.shape), False).output(0)
    return _from_compute(total, node.dtype, "i")


_EXACT = 2 ** 24      # f32 holds every integer of magnitude <= 2**24 exactly


def _limbs(x, dtype):
    """(i32 limbs of x, lowest first, and the largest limb magnitude). x holds values
    of `dtype` (bool/8/16/32-bit) in i32; sum(limb_i * 2**(8 i)) == x exactly."""
    if dtype.itemsize == 1:
        return [x], (1 if dtype == _BOOL else 128 if dtype.kind == "i" else 255)
    n = dtype.itemsize
    out = []
    for i in range(n):
        y = x if i == 0 else ops.bitwise_right_shift(x, constant(8 * i, _I32)).output(0)
        if i < n - 1:       # the top limb keeps the sign (arithmetic shift)
            y = ops.bitwise_and(y, constant(255, _I32)).output(0)
        out.append(y)
    return out, 255


def _int_matmul(a, b, dtype):
    """Exact, wrapping i32 a @ b for a (..., M, K), b (..., K, N): f32 MatMuls of limbs."""
    la, ma = _limbs(a, dtype)
    lb, mb = _limbs(b, dtype)
    limit = _EXACT // (ma * mb)         # products per exact f32 partial sum
    k = _shape(a)[-1]
    total = None
    for s in range(min(len(la) + len(lb) - 1, 4)):      # weight 2**(8 s); s >= 4 wraps away
        xa, xb, n = _weight_operands(la, lb, s)
        part = _chunked_matmul(xa, xb, n * k, limit)
        if s:
            part = ops.multiply(part, constant(1 << (8 * s), _I32)).output(0)
        total = part if total is None else ops.add(total, part).output(0)
    return total


def _weight_operands(la, lb, s):
    """(a's limbs, b's limbs, how many pairs) of weight 2**(8 s), as f32 operands of one
    MatMul: limb pairs (i, s - i) concatenated along K."""
    pairs = [(i, s - i) for i in range(len(la)) if 0 <= s - i < len(lb)]
    xa = [convert(la[i], _F32) for i, _ in pairs]
    xb = [convert(lb[j], _F32) for _, j in pairs]
    xa = xa[0] if len(xa) == 1 else ops.concat(xa, -1).output(0)
    xb = xb[0] if len(xb) == 1 else ops.concat(xb, -2).output(0)
    return xa, xb, len(pairs)


def _matmul_fits(a, b, dtype):
    """Boolean (..., M, N): whether the exact a @ b (i32 bits of int32/uint32) fits dtype.
    Every chunk's limb product C (an exact f32 integer, |C| < 2**24) is cut into base-256
    digits in float32 (floor and multiples of powers of two are exact), the digits of
    each weight are summed over chunks (exact below 2**24), and carries are propagated
    digit by digit: the exact result's base-256 digits, then its sign-extension test."""
    unsigned = dtype == _U32
    la, ma = _limbs(a, dtype)
    lb, mb = _limbs(b, dtype)
    if unsigned:    # the top limb unsigned too: the exact value, not the wrapped one
        la[-1], lb[-1] = (ops.bitwise_and(x[-1], constant(255, _I32)).output(0)
                          for x in (la, lb))
    limit = _EXACT // (ma * mb)
    k = _shape(a)[-1]
    digits = {}
    for s in range(len(la) + len(lb) - 1):
        xa, xb, n = _weight_operands(la, lb, s)
        c = _chunk_products(xa, xb, n * k, limit)
        high = ops.floor(ops.multiply(c, constant(2.0 ** -16, _F32))).output(0)
        rest = ops.subtract(c, ops.multiply(high, constant(65536.0, _F32))).output(0)
        middle = ops.floor(ops.multiply(rest, constant(2.0 ** -8, _F32))).output(0)
        low = ops.subtract(rest, ops.multiply(middle, constant(256.0, _F32))).output(0)
        for j, d in enumerate((low, middle, high)):
            d = ops.reduce_sum(d, i64s([-3]), False).output(0)     # over chunks
            digits[s + j] = d if s + j not in digits else ops.add(digits[s + j], d).output(0)
    carry, out = None, []
    for j in sorted(digits):
        t = digits[j] if carry is None else ops.add(digits[j], carry).output(0)
        carry = ops.floor(ops.multiply(t, constant(2.0 ** -8, _F32))).output(0)
        out.append(ops.subtract(t, ops.multiply(carry, constant(256.0, _F32))).output(0))

    def all_equal(values, target):
        result = None
        for v in values:
            same = ops.equal(v, constant(target, _F32)).output(0)
            result = same if result is None else ops.logical_and(result, same).output(0)
        return result
    upper = out[4:]
    positive = ops.logical_and(all_equal(upper + [carry], 0.0),
                               ops.less(out[3], constant(128.0, _F32)))
    if unsigned:
        return all_equal(upper + [carry], 0.0)
    negative = ops.logical_and(ops.logical_and(all_equal(upper, 255.0),
                                               all_equal([carry], -1.0)),
                               ops.logical_not(ops.less(out[3], constant(128.0, _F32))))
    return ops.logical_or(positive, negative).output(0)


def _chunk_products(xa, xb, k, limit):
    """f32 (..., chunks, M, N): xa @ xb (f32 small integers) per chunk of at most `limit`
    of the K axis, each exact (chunks = 1 when K <= limit)."""
    if k <= limit:
        return ops.unsqueeze(ops.matmul(xa, xb, False, False), i64s([-3])).output(0)
    chunks = -(-k // limit)
    c = -(-k // chunks)
    pad = chunks * c - k
    sa, sb = _shape(xa), _shape(xb)
    if pad:
        zero = constant(0, _F32)
        xa = ops.pad(xa, i64s([0] * len(sa)), i64s([0] * (len(sa) - 1) + [pad]),
                     "constant", zero).output(0)
        xb = ops.pad(xb, i64s([0] * len(sb)), i64s([0] * (len(sb) - 2) + [pad, 0]),
                     "constant", zero).output(0)
    ra = len(sa)
    xa = ops.reshape(xa, i64s(list(sa[:-1]) + [chunks, c]), False).output(0)
    xa = ops.transpose(xa, i64s(list(range(ra - 2)) + [ra - 1, ra - 2, ra])).output(0)
    xb = ops.reshape(xb, i64s(list(sb[:-2]) + [chunks, c, sb[-1]]), False).output(0)
    return ops.matmul(xa, xb, False, False).output(0)


def _chunked_matmul(xa, xb, k, limit):
    """i32 (exact) of xa @ xb (f32 holding small integers), with K cut into chunks of at
    most `limit` so that each MatMul is exact; chunks are summed in i32."""
    if k <= limit:
        return convert(ops.matmul(xa, xb, False, False).output(0), _I32)
    part = convert(_chunk_products(xa, xb, k, limit), _I32)
    return ops.squeeze(int_sum(part, -3), i64s([-3])).output(0)


def _diagonal_last(x, offset, a1, a2, dtype):
    """NumPy's diagonal(x, offset, a1, a2) with the diagonal as the last axis."""
    shape = _shape(x)
    nd = len(shape)
    rest = [i for i in range(nd) if i not in (a1, a2)]
    x = ops.transpose(x, i64s(rest + [a1, a2])).output(0)
    n, m = shape[a1], shape[a2]
    length = max(0, min(n, m - offset) if offset >= 0 else min(n + offset, m))
    batch = [shape[i] for i in rest]
    if length == 0 or n * m == 0:
        return ops.broadcast(constant(0, dtype), i64s(batch + [length])).output(0)
    flat = ops.reshape(x, i64s(batch + [n * m]), False).output(0)
    start = offset if offset >= 0 else -offset * m
    index = start + np.arange(length, dtype=np.int64) * (m + 1)
    return ops.gather(flat, constant(index, np.int64), constant(len(batch), np.int64)).output(0)


@lowering("diagonal")
def _diagonal(node, x):
    offset, a1, a2 = node.attrs
    return _diagonal_last(x, offset, a1, a2, node.dtype)


@lowering("take_last")
def _take_last(node, x):
    (i,) = node.attrs
    return ops.gather(x, constant(i, np.int64), constant(-1, np.int64)).output(0)


@lowering("stack_last")
def _stack_last(node, *xs):
    return ops.concat([ops.unsqueeze(x, i64s([-1])) for x in xs], -1).output(0)


# ---------------------------------------------------------------- einsum

def _einsum_generic(inputs, labels, out, sizes):
    """Exact i32 einsum: diagonals by one-hot masks, products by broadcasting, sums by
    int_sum. Every operand is i32."""
    work = []
    for x, term in zip(inputs, labels):
        term = list(term)
        # collapse repeated labels: keep the first, mask the pair, sum the second
        while len(set(term)) != len(term):
            for q in range(len(term)):
                if term.index(term[q]) != q:
                    break
            p = term.index(term[q])
            n = _shape(x)[p]
            eye = np.eye(n, dtype=np.int32).reshape(
                [n if i in (p, q) else 1 for i in range(len(term))])
            x = ops.multiply(x, constant(eye, np.int32)).output(0)
            x = ops.squeeze(int_sum(x, q), i64s([q])).output(0)
            del term[q]
        work.append((x, term))
    order = list(out)
    for _, term in work:
        for c in term:
            if c not in order:
                order.append(c)
    product = None
    for x, term in work:
        perm = sorted(range(len(term)), key=lambda i: order.index(term[i]))
        if perm != list(range(len(term))):
            x = ops.transpose(x, i64s(perm)).output(0)
        placed = sorted(term, key=order.index)
        full = [sizes[c] if c in placed and _shape(x)[placed.index(c)] != 1 else 1
                for c in order]
        x = ops.reshape(x, i64s(full), False).output(0)
        product = x if product is None else ops.multiply(product, x).output(0)
    if product is None:
        product = constant(1, _I32)
    # broadcast size-1 output dims (an operand may carry a label at size 1 only)
    target = [sizes[c] for c in order]
    if list(_shape(product)) != target:
        product = ops.broadcast(product, i64s(target)).output(0)
    for axis in range(len(order) - 1, len(out) - 1, -1):
        product = ops.squeeze(int_sum(product, axis), i64s([axis])).output(0)
    return product


@lowering("einsum")
def _einsum(node, *inputs):
    labels, out, sizes = node.attrs
    sizes = dict(sizes)
    if 0 in sizes.values():
        # OpenVINO mishandles some zero-size shapes here; the answer is known anyway
        return _zeros(node)
    if node.dtype.kind == "f":
        xs = []
        for x, term in zip(inputs, labels):
            x = convert(x, _F32)
            want = [sizes[c] for c in term]
            if list(_shape(x)) != want:
                x = ops.broadcast(x, i64s(want)).output(0)
            xs.append(x)
        if len(labels) == 1 and sorted(labels[0]) == sorted(out):
            # Trap: OpenVINO's Einsum for a pure permutation ("ab->ab") returns garbage
            # memory; a permutation is a Transpose (or nothing).
            perm = [labels[0].index(c) for c in out]
            r = xs[0] if perm == sorted(perm) else ops.transpose(xs[0], i64s(perm)).output(0)
        else:
            r = ops.einsum(xs, ",".join(labels) + "->" + out).output(0)
        return convert(r, node.dtype)
    xs = [convert(x, _I32) for x in inputs]
    r = _einsum_generic(xs, labels, out, sizes)
    if _shape(r) != tuple(node.shape):
        r = ops.reshape(r, i64s(node.shape), False).output(0)
    summed = {c for term in labels for c in term if c not in out}
    # only contractions: products alone (outer-like) wrap, as multiply and outer do
    if node.dtype in (_I32, _U32) and checking() and summed:
        terms = int(np.prod([sizes[c] for c in summed], dtype=np.int64))
        approx = []
        for magnitude in (False, True):
            fs = []
            for x, term in zip(xs, labels):
                f = as_float(x, node.dtype == _U32)
                f = ops.abs(f).output(0) if magnitude else f
                want = [sizes[c] for c in term]
                if list(_shape(f)) != want:
                    f = ops.broadcast(f, i64s(want)).output(0)
                fs.append(f)
            e = ops.einsum(fs, ",".join(labels) + "->" + out).output(0)
            approx.append(ops.reshape(e, i64s(node.shape), False).output(0))
        check_contraction(node.op, node.dtype, r, *approx, terms)
    return _from_compute(r, node.dtype, "i")


@lowering("inverse")
def _inverse(node, x):
    return ops.inverse(x, False).output(0)


@lowering("linalg_extreme")
def _linalg_extreme(node, x):
    """max/min over axes; NaN propagates as in NumPy (OpenVINO's ReduceMax drops it)."""
    kind, axes, keepdims = node.attrs
    fn = ops.reduce_max if kind == "max" else ops.reduce_min
    r = fn(x, i64s(axes), keepdims).output(0)
    if node.dtype.kind != "f":
        return r
    has_nan = ops.reduce_logical_or(ops.is_nan(x), i64s(axes), keepdims)
    return ops.select(has_nan, constant(np.nan, node.dtype), r).output(0)
