"""complex64 lowerings: constants, casts, parts, arithmetic, comparisons, reductions.

A complex value is a pairs.Pair (re, im) of float32 outputs (see pairs.py). Every
formula here is NumPy's own loop (numpy/_core/src/umath/loops.c.src), written on the
two parts with ovnp's float32 kernels, so NaN, inf and signed zeros come out as NumPy's:
- multiply is the plain (ar*br - ai*bi, ar*bi + ai*br), as NumPy's loop is;
- divide is Smith's algorithm with NumPy's cases for zero, NaN and inf divisors, so
  neither |b|**2 nor a product overflows or underflows;
- absolute is hypot (no overflow for parts near float32's max);
- comparisons are NumPy's lexicographic CLT/CLE/... macros.
"""

import numpy as np
import openvino.opset16 as ops

from .ew_common import c, fdiv, isfinite, isnan, rounded_product, select
from .lower import LOWER, i64s
from .lower_shape import grid_mask
from .pairs import COMPONENTWISE, Pair, complex_lowering

_F32 = np.dtype(np.float32)
_BOOL = np.dtype(np.bool_)

# linear (sums), or NumPy's own part-by-part treatment (nan_to_num)
COMPONENTWISE.update({"sum", "cumsum", "ew_nan_to_num"})


class RealNode:
    """The float32 node a real lowering expects, for calling ovnp's own kernels."""

    __slots__ = ("op", "attrs", "shape", "dtype", "inputs", "device", "value")

    def __init__(self, op, attrs=(), shape=(), dtype=_F32, inputs=()):
        self.op, self.attrs, self.shape, self.dtype = op, attrs, shape, dtype
        self.inputs, self.device, self.value = inputs, None, None


def _out(x):
    return x.output(0) if hasattr(x, "output") else x


def _static_shape(x):
    return tuple(d.get_length() for d in x.get_partial_shape())


def real(op, *xs, attrs=(), dtype=_F32, inputs=(), shape=None):
    """ovnp's lowering of the real IR op `op` on float32 outputs xs (its NaN, inf and
    signed-zero fixes included)."""
    xs = [_out(x) for x in xs]
    if shape is None:
        shape = np.broadcast_shapes(*(_static_shape(x) for x in xs))
    return _out(LOWER[op](RealNode(op, attrs, shape, dtype, inputs), *xs))


def zeros_like(x):
    return _out(ops.broadcast(c(0.0, _F32), ops.shape_of(x)))


def pair_of(x):
    """A Pair for a complex value, a real output made complex (imaginary part 0)."""
    return x if type(x) is Pair else Pair(x, zeros_like(x))


def _zero_constant(x, negative):
    """Whether x is a Constant of zeros of the given sign."""
    node = x.get_node()
    if node.get_type_name() != "Constant":
        return False
    data = node.get_data()
    return bool((data == 0).all() and (np.signbit(data) == negative).all())


def _part_sum(op, a, b):
    """a + b or a - b of float32 parts. Trap (the real ops' too, issue 12 item 7): the CPU
    plugin drops `+ 0.0` and turns `0.0 - x` into Negative(x), so a zero result came out
    -0.0 where IEEE makes it +0.0; a complex constant's zero part is such a 0.0."""
    r = (ops.add if op == "add" else ops.subtract)(a, b).output(0)
    if _zero_constant(b, op != "add") or _zero_constant(a, False):
        r = select(ops.equal(r, c(0.0, _F32)), c(0.0, _F32), r)
    return r


def add(a, b):
    return Pair(_part_sum("add", a.re, b.re), _part_sum("add", a.im, b.im))


def sub(a, b):
    return Pair(_part_sum("subtract", a.re, b.re), _part_sum("subtract", a.im, b.im))


def mul(a, b):
    """NumPy's scalar complex multiply (npy_cpow's, and the contiguous prod reduction's):
    the plain formula, each product rounded on its own (no FMA: see rounded_product)."""
    return Pair(ops.subtract(rounded_product(a.re, b.re), rounded_product(a.im, b.im)),
                ops.add(rounded_product(a.re, b.im), rounded_product(a.im, b.re)))


# 2**-64 twice brings any product of finite float32s into range, each factor of an
# overflowing product (|x|, |y| >= 1) staying normal; 2**64 twice takes the sum back,
# through an identity Select: the plugin folds x * 2**64 * 2**64 into x * inf.
_DOWN, _UP = 2.0 ** -64, 2.0 ** 64


def _fused_part(op, x, y, q):
    """op(x*y, q) with x*y unrounded, as an FMA (NumPy's loop) has it where x*y
    overflows float32 (finite values: within an ulp of the FMA's). The CPU plugin may or
    may not contract x*y + q itself, so the product is rounded here in every graph."""
    p = rounded_product(x, y)
    scaled_p = rounded_product(ops.multiply(x, c(_DOWN, _F32)), ops.multiply(y, c(_DOWN, _F32)))
    scaled_q = ops.multiply(q, c(_DOWN * _DOWN, _F32))
    half_up = rounded_product(op(scaled_p, scaled_q), c(_UP, _F32))
    scaled = ops.multiply(half_up, c(_UP, _F32))
    overflowed = ops.logical_and(ops.is_inf(p), ops.less(ops.abs(scaled_p), c(np.inf, _F32)))
    return select(overflowed, scaled, op(p, q))


def multiply(a, b):
    """NumPy's complex64 multiply ufunc: its SIMD loop (loops_arithm_fp) computes
    fma(ar, br, -(ai*bi)) and fma(ar, bi, ai*br), so where ar*br (or ar*bi) overflows
    the other product decides: (3e38+1j) * (3e38+infj) is -inf+infj, not the plain
    formula's nan+infj (NumPy's scalars and npy_cpow use the plain one: mul)."""
    return Pair(_fused_part(ops.subtract, a.re, b.re, rounded_product(a.im, b.im)),
                _fused_part(ops.add, a.re, b.im, rounded_product(a.im, b.re)))


def scale(z, s):
    """z * s for a real s (both parts scaled)."""
    return Pair(ops.multiply(z.re, s), ops.multiply(z.im, s))


def conj(z):
    return Pair(z.re, ops.negative(z.im))


def where(cond, a, b):
    return Pair(select(cond, a.re, b.re), select(cond, a.im, b.im))


def div(a, b):
    """NumPy's complex divide: Smith's algorithm and its special cases."""
    ar, ai, br, bi = a.re, a.im, b.re, b.im
    abr, abi = ops.abs(br), ops.abs(bi)
    one = c(1.0, br)
    # |br| >= |bi|: rat = bi/br, scl = 1/(br + bi*rat)
    rat1 = fdiv(bi, br)
    scl1 = fdiv(one, ops.add(br, ops.multiply(bi, rat1)))
    re1 = ops.multiply(ops.add(ar, ops.multiply(ai, rat1)), scl1)
    im1 = ops.multiply(ops.subtract(ai, ops.multiply(ar, rat1)), scl1)
    # otherwise: rat = br/bi, scl = 1/(bi + br*rat)
    rat2 = fdiv(br, bi)
    scl2 = fdiv(one, ops.add(bi, ops.multiply(br, rat2)))
    re2 = ops.multiply(ops.add(ops.multiply(ar, rat2), ai), scl2)
    im2 = ops.multiply(ops.subtract(ops.multiply(ai, rat2), ar), scl2)
    # b == 0: a complex inf or NaN (each part over |b|'s zero), or a's NaN kept
    re0, im0 = fdiv(ar, abr), fdiv(ai, abi)
    ar_nan, ai_nan = isnan(ar), isnan(ai)
    keep_nan = ops.logical_or(
        ops.logical_and(ar_nan, ops.logical_or(ops.equal(ai, c(0.0, ai)), ai_nan)),
        ops.logical_and(ops.equal(ar, c(0.0, ar)), ai_nan))
    re0 = select(keep_nan, select(ar_nan, ar, ai), re0)
    im0 = select(keep_nan, select(ai_nan, ai, ar), im0)
    b_zero = ops.logical_and(ops.equal(abr, c(0.0, br)), ops.equal(abi, c(0.0, bi)))
    first = ops.less_equal(abi, abr)          # isgreaterequal: False when either is NaN
    re = select(first, select(b_zero, re0, re1), re2)
    im = select(first, select(b_zero, im0, im1), im2)
    # a has a NaN part, b has none, and (a has an inf part and b != 0, or b is inf+inf j)
    ar_inf = ops.logical_and(ops.logical_not(ar_nan), ops.is_inf(ar))
    ai_inf = ops.logical_and(ops.logical_not(ai_nan), ops.is_inf(ai))
    nan_case = ops.logical_and(
        ops.logical_and(ops.logical_not(ops.logical_or(isnan(br), isnan(bi))),
                        ops.logical_or(ar_nan, ai_nan)),
        ops.logical_or(ops.logical_and(ops.logical_or(ar_inf, ai_inf),
                                       ops.logical_not(b_zero)),
                       ops.logical_and(ops.is_inf(br), ops.is_inf(bi))))
    nan = select(ar_nan, ar, ai)
    return Pair(select(nan_case, nan, re), select(nan_case, nan, im))


def reciprocal(z):
    """NumPy's complex reciprocal (Smith's form, `<=` so NaN takes the second branch)."""
    r, i = z.re, z.im
    one = c(1.0, r)
    first = ops.less_equal(ops.abs(i), ops.abs(r))
    q1 = fdiv(i, r)
    d1 = ops.add(r, ops.multiply(i, q1))
    q2 = fdiv(r, i)
    d2 = ops.add(ops.multiply(r, q2), i)
    re = select(first, fdiv(one, d1), fdiv(q2, d2))
    im = select(first, fdiv(ops.negative(q1), d1), fdiv(c(-1.0, r), d2))
    return Pair(re, im)


def absolute(z):
    """|z| = sqrt(re^2 + im^2), scaled by a power of two (exact) when the larger part is
    outside [2**-60, 2**60], so the squares neither overflow nor lose the answer to
    underflow; inf wins over NaN, as in NumPy's hypot. (ovnp's float hypot kernel is
    exact too but 14x slower: 9 ms against 0.65 ms on 1.5e6 values.)"""
    r, i = z.re, z.im
    m = ops.maximum(ops.abs(r), ops.abs(i))
    big, small = ops.less(c(2.0 ** 60, r), m), ops.less(m, c(2.0 ** -60, r))
    factor = select(big, c(2.0 ** -70, r), select(small, c(2.0 ** 90, r), c(1.0, r)))
    back = select(big, c(2.0 ** 70, r), select(small, c(2.0 ** -90, r), c(1.0, r)))  # exact
    rs, is_ = ops.multiply(r, factor), ops.multiply(i, factor)
    size = ops.multiply(ops.sqrt(ops.add(ops.multiply(rs, rs), ops.multiply(is_, is_))), back)
    # |x| == inf rather than IsInf, which does not fuse (2.8 ms); inf even beside a NaN
    infinite = ops.logical_or(ops.equal(ops.abs(r), c(np.inf, r)),
                              ops.equal(ops.abs(i), c(np.inf, r)))
    return select(infinite, c(np.inf, r), size)


def absolute_squared(z):
    """|z|**2 as re*re + im*im (the IR op abs_squared, for `abs(z) ** 2`): it overflows
    where NumPy's hypot-then-square does (|z|**2 beyond float32's max), underflows where
    it does (|z|**2 below the smallest subnormal) and is inf for an infinite part even
    beside a NaN, as hypot is; finite values within 4 ulp of NumPy's."""
    r, i = z.re, z.im
    size = ops.add(ops.multiply(r, r), ops.multiply(i, i))
    inf = c(np.inf, r)
    # two Selects, not one on a LogicalOr: with the Or, the CPU plugin cut W16's rfft
    # split step and this into two fused kernels, 4 extra (5997, 257) tensors between
    # them (measured: 2 subgraphs, 1 with the Selects)
    size = select(ops.equal(ops.abs(r), inf), inf, size)
    return select(ops.equal(ops.abs(i), inf), inf, size)


# ---------------------------------------------------------------- constants and casts

@complex_lowering("const")
def _const(node):
    value = complex(node.attrs[0])
    parts = np.array([value.real, value.imag], dtype=np.float32)
    return Pair(ops.constant(parts[0]), ops.constant(parts[1]))


@complex_lowering("eye", "tri")
def _grid(node):
    re = select(grid_mask(node), c(1.0, _F32), c(0.0, _F32))
    return Pair(re, zeros_like(re))


@complex_lowering("astype")
def _astype(node, x):
    if node.dtype.kind == "c":
        if type(x) is Pair:
            return x
        re = real("astype", x) if x.get_element_type().to_dtype() != _F32 else x
        return Pair(re, zeros_like(re))
    if node.dtype == _BOOL:      # NumPy: z != 0, so NaN parts are True
        zero = c(0.0, _F32)
        return ops.logical_or(ops.not_equal(x.re, zero), ops.not_equal(x.im, zero))
    # to a real dtype: the real part (the family layer warned, as NumPy's ComplexWarning)
    return real("astype", x.re, dtype=node.dtype) if node.dtype != _F32 else x.re


@complex_lowering("real")
def _real(node, z):
    return z.re


@complex_lowering("imag")
def _imag(node, z):
    return z.im


@complex_lowering("complex")
def _from_parts(node, re, im):
    return Pair(re, im)


# ---------------------------------------------------------------- arithmetic

def _negative(z):
    return Pair(ops.negative(z.re), ops.negative(z.im))


# IR op -> the formula on Pairs, for ops that are one formula of their inputs
FORMULAS = {"add": add, "subtract": sub, "multiply": multiply, "divide": div,
            "negative": _negative, "conjugate": conj, "square": lambda z: multiply(z, z),
            "reciprocal": reciprocal, "absolute": absolute, "abs_squared": absolute_squared}
for _name, _formula in FORMULAS.items():
    complex_lowering(_name)(lambda node, *xs, formula=_formula: formula(*xs))


@complex_lowering("sign")
def _sign(node, z):
    """NumPy 2's z / |z|, with its answers for NaN, inf and 0."""
    r, i = z.re, z.im
    m = absolute(z)
    zero, one = c(0.0, r), c(1.0, r)
    unit = Pair(fdiv(r, m), fdiv(i, m))
    unit_r = select(ops.less(zero, r), one, c(-1.0, r))
    unit_i = select(ops.less(zero, i), one, c(-1.0, r))
    inf_r, inf_i = ops.is_inf(r), ops.is_inf(i)
    big = Pair(select(inf_r, unit_r, zero), select(inf_r, zero, unit_i))
    nan = c(np.nan, r)
    out = where(ops.is_inf(m), big, unit)
    out = where(ops.equal(m, zero), Pair(zero, zero), out)
    bad = ops.logical_or(isnan(m), ops.logical_and(inf_r, inf_i))
    return Pair(select(bad, nan, out.re), select(bad, nan, out.im))


# ---------------------------------------------------------------- comparisons, tests

def _lex(strict_op, tie_op):
    """NumPy's CLT/CLE/CGT/CGE: (xr OP yr and no imaginary NaN) or (xr == yr and xi OP' yi)."""
    def compare(a, b):
        no_nan = ops.logical_not(ops.logical_or(isnan(a.im), isnan(b.im)))
        first = ops.logical_and(real(strict_op, a.re, b.re, dtype=_BOOL), no_nan)
        tie = ops.logical_and(ops.equal(a.re, b.re), real(tie_op, a.im, b.im, dtype=_BOOL))
        return _out(ops.logical_or(first, tie))
    return compare


LEX = {"less": _lex("less", "less"), "less_equal": _lex("less", "less_equal"),
       "greater": _lex("greater", "greater"), "greater_equal": _lex("greater", "greater_equal")}


@complex_lowering("less", "less_equal", "greater", "greater_equal")
def _ordered(node, a, b):
    return LEX[node.op](a, b)


@complex_lowering("equal")
def _equal(node, a, b):
    return ops.logical_and(ops.equal(a.re, b.re), ops.equal(a.im, b.im))


@complex_lowering("not_equal")
def _not_equal(node, a, b):
    return ops.logical_or(ops.not_equal(a.re, b.re), ops.not_equal(a.im, b.im))


@complex_lowering("isnan")
def _isnan(node, z):
    return ops.logical_or(isnan(z.re), isnan(z.im))


@complex_lowering("isinf")
def _isinf(node, z):
    return ops.logical_or(ops.is_inf(z.re), ops.is_inf(z.im))


@complex_lowering("isfinite")
def _isfinite(node, z):
    return ops.logical_and(isfinite(z.re), isfinite(z.im))


def truth(z):
    zero = c(0.0, _F32)
    return ops.logical_or(ops.not_equal(z.re, zero), ops.not_equal(z.im, zero))


@complex_lowering("logical_and", "logical_or", "logical_xor")
def _logical(node, a, b):
    return real(node.op, truth(a), truth(b), dtype=_BOOL)


@complex_lowering("logical_not")
def _logical_not(node, z):
    return ops.logical_not(truth(z))


@complex_lowering("maximum", "minimum", "fmax", "fmin")
def _extreme(node, a, b):
    """NumPy's loops: maximum/minimum keep a NaN of a (else b's), fmax/fmin drop one."""
    ge = LEX["greater_equal" if node.op in ("maximum", "fmax") else "less_equal"](a, b)
    if node.op in ("maximum", "minimum"):
        keep_a = ops.logical_or(ops.logical_or(isnan(a.re), isnan(a.im)), ge)
    else:
        keep_a = ops.logical_or(ops.logical_or(isnan(b.re), isnan(b.im)), ge)
    return where(keep_a, a, b)


# ---------------------------------------------------------------- reductions

def _move_last(x, axis, rank):
    perm = [d for d in range(rank) if d != axis] + [axis]
    return _out(ops.transpose(x, i64s(perm))), perm


def _split_halves(z, n):
    """(z[..., :h], z[..., h:2h], the odd last element or None) along the last axis."""
    h = n // 2
    parts = []
    for start, stop in ((0, h), (h, 2 * h)):
        parts.append(Pair(*(ops.slice(p, i64s([start]), i64s([stop]), i64s([1]), i64s([-1]))
                            for p in z)))
    odd = None
    if n % 2:
        odd = Pair(*(ops.slice(p, i64s([n - 1]), i64s([n]), i64s([1]), i64s([-1])) for p in z))
    return parts[0], parts[1], odd


# Products of up to SEQUENTIAL_MAX factors are multiplied in NumPy's order, one after
# another, so overflow turns into the same inf/NaN parts; longer ones as a tree of
# log2(n) levels (the same values within rounding, docs/differences.md).
SEQUENTIAL_MAX = 32


def _slice_last(z, start, stop):
    return Pair(*(ops.slice(p, i64s([start]), i64s([stop]), i64s([1]), i64s([-1])) for p in z))


def _product_last(z, n):
    """The product over the last axis (n >= 1), kept as size 1. NumPy's reduction starts
    from its identity: 1 * (-inf+0j) is -inf+nanj, so a lone factor is not its product."""
    one = Pair(c(1.0, _F32), c(0.0, _F32))
    first = mul(one, _slice_last(z, 0, 1))
    if n <= SEQUENTIAL_MAX:
        acc = first
        for k in range(1, n):
            acc = mul(acc, _slice_last(z, k, k + 1))
        return acc
    z = Pair(*(ops.concat([f, p], -1) for f, p in zip(first, _slice_last(z, 1, n))))
    while n > 1:
        lo, hi, odd = _split_halves(z, n)
        z = mul(lo, hi)
        n //= 2
        if odd is not None:
            z = Pair(*(ops.concat([p, q], -1) for p, q in zip(z, odd)))
            n += 1
    return z


@complex_lowering("prod")
def _prod(node, z):
    """The reduced axes as one (NumPy multiplies them in one run from its identity)."""
    axes, keepdims = node.attrs
    if not axes:
        return z
    shape = list(node.inputs[0].shape)
    if any(shape[axis] == 0 for axis in axes):      # an empty product: the identity
        return Pair(*(ops.broadcast(c(v, _F32), i64s(node.shape)) for v in (1.0, 0.0)))
    kept = [d for d in range(len(shape)) if d not in axes]
    n = int(np.prod([shape[d] for d in axes]))
    lined = [shape[d] for d in kept] + [n]
    z = Pair(*(ops.reshape(ops.transpose(p, i64s(kept + sorted(axes))), i64s(lined), False)
               for p in z))
    return Pair(*(ops.reshape(p, i64s(node.shape), False) for p in _product_last(z, n)))


def _move_last_pair(z, axis, rank):
    re, perm = _move_last(z.re, axis, rank)
    im, _ = _move_last(z.im, axis, rank)
    return Pair(re, im), perm


@complex_lowering("cumprod")
def _cumprod(node, z):
    """Running products along the axis: NumPy's order up to SEQUENTIAL_MAX, else an
    inclusive scan (Hillis-Steele: log2(n) levels of shifted multiplies)."""
    (axis,) = node.attrs
    shape = node.shape
    rank = len(shape)
    n = shape[axis]
    moved, perm = _move_last_pair(z, axis, rank)
    if n <= SEQUENTIAL_MAX:
        acc = _slice_last(moved, 0, 1)
        parts = [acc]
        for k in range(1, n):
            acc = mul(acc, _slice_last(moved, k, k + 1))
            parts.append(acc)
        moved = Pair(ops.concat([p.re for p in parts], -1), ops.concat([p.im for p in parts], -1))
    else:
        lead = [shape[d] for d in perm[:-1]]
        shift = 1
        while shift < n:
            ones = Pair(ops.broadcast(c(1.0, _F32), i64s(lead + [shift])),
                        ops.broadcast(c(0.0, _F32), i64s(lead + [shift])))
            head = _slice_last(moved, 0, n - shift)
            shifted = Pair(*(ops.concat([o, h], -1) for o, h in zip(ones, head)))
            moved = mul(shifted, moved)
            shift *= 2
    inverse = list(np.argsort(perm))
    return Pair(*(ops.transpose(p, i64s(inverse)) for p in moved))
