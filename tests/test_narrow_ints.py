"""Narrow integers, uint32 and casts against NumPy, fused and unfused (issue 12 items 3,
4, 5, 7).

OpenVINO's CPU plugin computes int16/uint16/float16 as int32/float32 inside one graph,
saturates uint32 constants >= 2**31, computes int32 Maximum/Minimum and Convert
u32 <-> f32 through float32 or signed int32, and folds constant products. Each check
here runs a chain two ways, as one graph (`fused`) and with the intermediate
materialized first (`unfused`), plus a second fused run with new data (a compile-cache
hit); all three must equal NumPy's answer.
"""

import operator
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ovnp
from strategies import INT_DTYPES, assert_same, narrowed

SIGNED = [np.dtype(t) for t in (np.int8, np.int16, np.int32)]
U32 = np.dtype(np.uint32)


def _numpy(fn, *arrays):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(np, *arrays)


def assert_exact(got, want, ulp=0):
    """assert_same, and with ulp=0 bit for bit (NaN equal to NaN, -0.0 not 0.0)."""
    if ulp:
        assert_same(got, want, ulp=ulp)
        return
    assert isinstance(got, ovnp.ndarray), type(got)
    want = np.asarray(want)
    assert got.dtype == narrowed(want.dtype), (got.dtype, want.dtype)
    got, want = got.to_numpy(), want.astype(got.dtype)
    np.testing.assert_array_equal(got, want)
    if got.dtype.kind == "f":
        assert (np.signbit(got) == np.signbit(want))[~np.isnan(want)].all(), (got, want)


def check_chain(first, then, *arrays, ulp=0):
    """then(first(inputs)) equals NumPy's, computed in one graph and in two. Where
    NumPy's 64-bit integer result (sums, scans) does not fit int32, ovnp raises
    OverflowError (the 32-bit policy) instead."""
    want = np.asarray(_numpy(lambda m, *xs: then(m, first(m, *xs)), *arrays))
    narrow = narrowed(want.dtype)
    too_wide = want.dtype in (np.int64, np.uint64) and want.size and not (
        np.iinfo(narrow).min <= want.min() and want.max() <= np.iinfo(narrow).max)

    def check(result):
        if too_wide:
            with pytest.raises(OverflowError):
                result().to_numpy()
        else:
            assert_exact(result(), want, ulp)
    xs = [ovnp.asarray(a) for a in arrays]
    check(lambda: then(ovnp, first(ovnp, *xs)))
    middle = ovnp.asarray(first(ovnp, *xs).to_numpy())
    check(lambda: then(ovnp, middle))
    again = [ovnp.asarray(a.copy()) for a in arrays]     # same graph, new data
    check(lambda: then(ovnp, first(ovnp, *again)))


def same(m, t):
    return t


def int_values(dtype, uint32_high=True):
    info = np.iinfo(dtype)
    extremes = [int(info.min), int(info.max), 0, 1, -1 if info.min < 0 else 2]
    if dtype == U32 and uint32_high:
        extremes += [2 ** 31, 2 ** 31 + 1, 3_000_000_000, 2_654_435_761]
    return st.one_of(st.sampled_from(extremes), st.integers(int(info.min), int(info.max)))


def int_arrays(dtype, n):
    return hnp.arrays(dtype, n, elements=int_values(dtype))


def pair(dtypes=INT_DTYPES):
    return st.tuples(st.sampled_from(dtypes), st.integers(1, 6)).flatmap(
        lambda dn: st.tuples(int_arrays(dn[0], dn[1]), int_arrays(dn[0], dn[1])))


# ---------------------------------------------------------------- the issue's reproducers

def _int16(m):
    return m.asarray([30000, -30000, 5], dtype=m.int16)


REPRODUCERS = {
    "(a + a) > 0": lambda m: (_int16(m) + _int16(m)) > 0,
    "(a - -a) > 0": lambda m: (_int16(m) - (-_int16(m))) > 0,
    "(a * a) > 0": lambda m: (_int16(m) * _int16(m)) > 0,
    "-a > 0": lambda m: -m.asarray([-32768, 5], dtype=m.int16) > 0,
    "abs(a) > 0": lambda m: abs(m.asarray([-32768, 5], dtype=m.int16)) > 0,
    "(a + a).sum()": lambda m: (_int16(m) + _int16(m)).sum(),
    "sort(a + a)": lambda m: m.sort(_int16(m) + _int16(m)),
    "(a + a).max()": lambda m: (_int16(m) + _int16(m)).max(),
    "(a + a) // 7": lambda m: (_int16(m) + _int16(m)) // 7,
    "cumsum(a + a)": lambda m: m.cumsum(_int16(m) + _int16(m)),
    "where(a > 0, a + a, a)": lambda m: m.where(_int16(m) > 0, _int16(m) + _int16(m), _int16(m)),
    "u16 * 2 > 100": lambda m: (m.asarray([60000, 5], dtype=m.uint16) * 2) > 100,
    "astype(int16) > 0": lambda m: (m.asarray([70000, -5], dtype=m.int32) * 1).astype(m.int16) > 0,
    "astype(uint16) > 100": lambda m: (m.asarray([70000, -5], dtype=m.int32) * 1).astype(m.uint16) > 100,
    "astype(float16) in a chain": lambda m: (m.asarray([1.0001, 70000.0, 2049.0], dtype=m.float32)
                                             * 1).astype(m.float16).astype(m.float32),
    "NaN to int16 in a chain": lambda m: (m.asarray([np.nan, 1.5, 70000.0], dtype=m.float32)
                                          * 1).astype(m.int16) + 0,
    "uint32 * 2654435761": lambda m: m.asarray([1, 3_000_000_000, 2 ** 32 - 1], m.uint32) * 2654435761,
    "uint32 ^ 0x80000000": lambda m: m.asarray([1, 3_000_000_000, 2 ** 32 - 1], m.uint32) ^ 0x80000000,
    "astype(uint32) of floats >= 2**31": lambda m: m.asarray(
        [3e9, 2.0 ** 31, 4294967040.0, 5.0], m.float32).astype(m.uint32),
    "median of uint32": lambda m: m.median(m.asarray([3e9, 5, 2 ** 31, 2 ** 32 - 1, 0], m.uint32)),
    "int32(-1) == uint32(2**32 - 1)": lambda m: m.asarray([-1, 5], m.int32) == m.asarray(
        [2 ** 32 - 1, 5], m.uint32),
    "clip(int32, 0, 100000001)": lambda m: m.clip(m.asarray([200000000, 5], m.int32), 0, 100000001),
    "clip(uint32, 0, 2**32 - 1)": lambda m: m.clip(m.asarray([2 ** 32 - 1, 5], m.uint32), 0, 2 ** 32 - 1),
    "clip(v, -2**31 + 1, 2**31 - 2)": lambda m: m.clip(
        m.asarray([-2 ** 31, 2 ** 31 - 1, 0], m.int32), -2 ** 31 + 1, 2 ** 31 - 2),
    "ldexp([0, 1e-40], 128)": lambda m: m.ldexp(m.asarray([0.0, 1e-40], m.float32), 128),
    "spacing(-0.0)": lambda m: m.spacing(m.asarray([-0.0, 0.0], m.float32) * 1),
    "uint8 > -1": lambda m: m.asarray([0, 255], m.uint8) > -1,
    "uint8 == 256": lambda m: m.asarray([0, 255], m.uint8) == 256,
    "int32 < 2**40": lambda m: m.asarray([-2 ** 31, 2 ** 31 - 1], m.int32) < 2 ** 40,
}


@pytest.mark.parametrize("name", list(REPRODUCERS))
def test_issue_reproducer(name):
    fn = REPRODUCERS[name]
    assert_exact(fn(ovnp), _numpy(fn))


# ---------------------------------------------------------------- narrow arithmetic, chains

FIRST = {
    "add": lambda m, a, b: a + b,
    "subtract": lambda m, a, b: a - b,
    "multiply": lambda m, a, b: a * b,
    "negative": lambda m, a, b: -a,
    "absolute": lambda m, a, b: abs(a),
    "square": lambda m, a, b: m.square(a),
    "floor_divide": lambda m, a, b: a // b,
    "remainder": lambda m, a, b: a % b,
    "maximum": lambda m, a, b: m.maximum(a, b),
    "minimum": lambda m, a, b: m.minimum(a, b),
    "xor": lambda m, a, b: a ^ b,
    "left_shift 3": lambda m, a, b: a << a.dtype.type(3),
    "power 3": lambda m, a, b: a ** a.dtype.type(3),
    "where": lambda m, a, b: m.where(a > b, a + b, a - b),
}
THEN = {
    "itself": same,
    "> 0": lambda m, t: t > 0,
    "== first": lambda m, t: t == t[:1],
    "sum": lambda m, t: t.sum(),
    "max": lambda m, t: t.max(),
    "min": lambda m, t: t.min(),
    "sort": lambda m, t: m.sort(t),
    "cumsum": lambda m, t: m.cumsum(t),
    "// 7": lambda m, t: t // t.dtype.type(7),
    "where": lambda m, t: m.where(t > 0, t, t.dtype.type(1)),
    "astype int32": lambda m, t: t.astype(m.int32),
    "astype float32": lambda m, t: t.astype(m.float32),
    "mean": lambda m, t: t.mean(),
}


@given(pair(), st.sampled_from(sorted(FIRST)), st.sampled_from(sorted(THEN)))
def test_integer_chain_fused_and_unfused(ab, first, then):
    a, b = ab
    check_chain(lambda m, x, y: FIRST[first](m, x, y), THEN[then], a, b,
                ulp=1 if then == "mean" else 0)


@given(st.sampled_from(INT_DTYPES), st.sampled_from(INT_DTYPES + [np.dtype(np.float16)]),
       st.integers(1, 6).flatmap(lambda n: hnp.arrays(np.int32, n, elements=int_values(
           np.dtype(np.int32)))), st.sampled_from(sorted(THEN)))
def test_integer_casts_wrap_in_chains(source, target, values, then):
    a = values.astype(source)
    check_chain(lambda m, x: (x + x.dtype.type(0)).astype(target), THEN[then], a,
                ulp=1 if then == "mean" else 0)


@given(st.integers(1, 8).flatmap(lambda n: hnp.arrays(np.float32, n, elements=st.one_of(
           st.floats(-2.0 ** 31 + 128, 2.0 ** 31 - 128, width=32),
           st.floats(-70000, 70000, width=32)))),
       st.sampled_from(INT_DTYPES))
def test_float_to_int_casts_in_chains(values, target):
    if target == U32:
        values = np.abs(values) * np.float32(2)      # [0, 2**32): NumPy's defined range
    check_chain(lambda m, x: (x * x.dtype.type(1)).astype(target), lambda m, t: t + t.dtype.type(0),
                values)


@given(st.integers(1, 8).flatmap(lambda n: hnp.arrays(np.float32, n, elements=st.one_of(
    st.sampled_from([65504.0, 65519.99609375, 65520.0, 2049.0, 2051.0, 2 ** -24 * 1.5, 2 ** -25,
                     -0.0, np.nan, np.inf, 1e-45]),
    st.floats(-70000, 70000, width=32), st.floats(-2.0 ** -10, 2.0 ** -10, width=32)))))
def test_float16_rounding_in_chains(values):
    check_chain(lambda m, x: (x * m.float32(1)).astype(m.float16), lambda m, t: t.astype(m.float32),
                values)
    check_chain(lambda m, x: (x * m.float32(1)).astype(m.float16), lambda m, t: t * m.float16(1),
                values)


# ---------------------------------------------------------------- scalar operands

SCALAR_OPS = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "&": operator.and_,
    "|": operator.or_, "^": operator.xor, "r-": lambda a, s: s - a, "r*": lambda a, s: s * a,
    "maximum": lambda a, s: ovnp.maximum(a, s) if isinstance(a, ovnp.ndarray) else np.maximum(a, s),
    "minimum": lambda a, s: ovnp.minimum(a, s) if isinstance(a, ovnp.ndarray) else np.minimum(a, s),
    "where": lambda a, s: (ovnp if isinstance(a, ovnp.ndarray) else np).where(a > 2, a, s),
    "clip low": lambda a, s: a.clip(s, None),
    "clip high": lambda a, s: a.clip(None, s),
}
for _name in ("==", "!=", "<", "<=", ">", ">="):
    SCALAR_OPS[_name] = {"==": operator.eq, "!=": operator.ne, "<": operator.lt,
                         "<=": operator.le, ">": operator.gt, ">=": operator.ge}[_name]


@st.composite
def array_and_scalar(draw):
    dtype = draw(st.sampled_from(INT_DTYPES))
    a = draw(hnp.arrays(dtype, draw(st.integers(1, 6)), elements=int_values(dtype)))
    s = draw(int_values(dtype))
    return a, (dtype.type(s) if draw(st.booleans()) else s)


@given(array_and_scalar(), st.sampled_from(sorted(SCALAR_OPS)), st.sampled_from(["itself", "> 0"]))
def test_scalar_operands(a_s, op, then):
    a, s = a_s
    check_chain(lambda m, x: SCALAR_OPS[op](x, s), THEN[then], a)
    check_chain(lambda m, x: SCALAR_OPS[op](x + x.dtype.type(0), s), THEN[then], a)


# ---------------------------------------------------------------- comparisons by value

COMPARE = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]


@given(st.sampled_from(INT_DTYPES + [np.dtype(np.bool_)]), st.integers(1, 5),
       st.one_of(st.integers(-2 ** 70, 2 ** 70), st.sampled_from(
           [-1, 256, 2 ** 31, 2 ** 32, -2 ** 31 - 1, 2 ** 40, -2 ** 63, 65536, -129, 128, 2])),
       st.sampled_from(COMPARE), st.booleans())
def test_compare_with_python_ints_by_value(dtype, n, value, op, scalar_first):
    a = np.arange(n).astype(dtype)

    def fn(m, x):
        f = getattr(m, op)
        return f(value, x) if scalar_first else f(x, value)
    check_chain(lambda m, x: x, fn, a)
    got = getattr(ovnp.asarray(a), {"equal": "__eq__", "not_equal": "__ne__", "less": "__lt__",
                                    "less_equal": "__le__", "greater": "__gt__",
                                    "greater_equal": "__ge__"}[op])(value)
    assert_exact(got, _numpy(lambda m: getattr(m, op)(a, value)))


@given(st.sampled_from(SIGNED), st.integers(1, 6).flatmap(
    lambda n: st.tuples(hnp.arrays(np.int64, n, elements=st.integers(-2 ** 31, 2 ** 31 - 1)),
                        int_arrays(U32, n))),
       st.sampled_from(COMPARE), st.booleans(), st.booleans())
def test_signed_against_uint32_compares_exactly(signed, su, op, signed_first, as_scalar):
    s, u = su
    s = np.clip(s, np.iinfo(signed).min, np.iinfo(signed).max).astype(signed)
    s_arg = s[0] if as_scalar else s

    def fn(m, x):
        left, right = (s_arg, x) if signed_first else (x, s_arg)
        return getattr(m, op)(left, right)
    check_chain(lambda m, x: x, fn, u)
    check_chain(lambda m, x: x * x.dtype.type(1), fn, u)


def test_compare_with_out_and_where():
    a = np.array([0, 255, 7], np.uint8)
    out = ovnp.zeros(3, dtype=bool)
    ovnp.greater(ovnp.asarray(a), -1, out=out)
    assert out.to_numpy().tolist() == [True, True, True]
    s, u = np.array([-1, 5, 7], np.int32), np.array([2 ** 32 - 1, 5, 3], np.uint32)
    out = ovnp.ones(3, dtype=bool)
    r = ovnp.equal(ovnp.asarray(s), ovnp.asarray(u), out=out, where=np.array([True, True, False]))
    assert r is out and out.to_numpy().tolist() == [False, True, True]


# ---------------------------------------------------------------- uint32 >= 2**31, clip, ldexp

UINT32_ORDER = {
    "max": lambda m, t: t.max(), "min": lambda m, t: t.min(), "sort": lambda m, t: m.sort(t),
    "argmax": lambda m, t: t.argmax(), "argmin": lambda m, t: t.argmin(),
    "> 2**31": lambda m, t: t > 2 ** 31, "maximum": lambda m, t: m.maximum(t, t[::-1]),
    "median": lambda m, t: m.median(t), "quantile .3": lambda m, t: m.quantile(t, 0.3),
    "quantile lower": lambda m, t: m.quantile(t, 0.7, method="lower"),
    "float32": lambda m, t: t.astype(m.float32),
}


@given(st.integers(1, 7).flatmap(lambda n: hnp.arrays(U32, n, elements=int_values(U32), unique=True)),
       st.sampled_from(sorted(UINT32_ORDER)))
def test_uint32_order_above_2_31(values, op):
    ulp = 2 if op in ("median", "quantile .3") else 0     # float32 arithmetic of float64's
    check_chain(lambda m, x: x ^ x.dtype.type(0), UINT32_ORDER[op], values, ulp=ulp)


@st.composite
def clip_case(draw):
    dtype = draw(st.sampled_from(INT_DTYPES))
    a = draw(hnp.arrays(dtype, draw(st.integers(1, 6)), elements=int_values(dtype)))
    lo, hi = sorted([draw(int_values(dtype)), draw(int_values(dtype))])
    return a, lo, hi


@given(clip_case())
def test_integer_clip(case):
    a, lo, hi = case
    check_chain(lambda m, x: m.clip(x, lo, hi), same, a)
    check_chain(lambda m, x: m.clip(x ^ x.dtype.type(0), lo, hi), lambda m, t: t > 0, a)


@given(st.integers(1, 6).flatmap(lambda n: hnp.arrays(np.float32, n, elements=st.one_of(
           st.sampled_from([0.0, -0.0, 1e-40, 1e-45, 3.0, np.inf, np.nan, 3e38]),
           st.floats(width=32)))),
       st.one_of(st.integers(-300, 300), st.integers(-2 ** 31, 2 ** 31 - 1)))
def test_ldexp_with_constant_exponents(values, n):
    check_chain(lambda m, x: m.ldexp(x, n), same, values)
    check_chain(lambda m, x: m.ldexp(x * m.float32(1), n), same, values)


F16_CHAINS = {
    "(a + b) * b - a": lambda m, a, b: (a + b) * b - a,
    "a / b + a": lambda m, a, b: a / b + a,
    "a * a * a * a": lambda m, a, b: a * a * a * a,
    "sqrt(|a|) * b": lambda m, a, b: m.sqrt(m.abs(a)) * b,
    "maximum(a * b, a)": lambda m, a, b: m.maximum(a * b, a),
}


@given(st.integers(1, 8).flatmap(lambda n: st.tuples(
           hnp.arrays(np.float16, n, elements=st.floats(-300, 300, width=16)),
           hnp.arrays(np.float16, n, elements=st.floats(-30, 30, width=16)))),
       st.sampled_from(sorted(F16_CHAINS)))
def test_float16_chains_round_every_operation(ab, chain):
    """NumPy's half loops round each result to float16; OpenVINO computed the chain in
    float32 and rounded once at the end."""
    a, b = ab
    check_chain(lambda m, x, y: F16_CHAINS[chain](m, x, y), same, a, b)


@given(st.integers(1, 9).flatmap(lambda n: hnp.arrays(U32, n, elements=st.one_of(
    st.integers(0, 2 ** 32 - 1),
    st.sampled_from([2 ** 31 + 129, 2 ** 31 + 128, 2 ** 32 - 129, 2 ** 32 - 1, 2 ** 24 + 1])))))
def test_uint32_to_float32_rounds_once(values):
    """Convert u32 -> f32 read values >= 2**31 as signed in views and chains; adding 2**32
    back rounded twice: 2**31 + 129 gave 2**31 (NumPy: 2**31 + 256)."""
    check_chain(lambda m, x: x[::-1], lambda m, t: t.astype(m.float32), values)
    check_chain(lambda m, x: x ^ x.dtype.type(0), lambda m, t: m.nextafter(t, t), values)


@given(st.integers(1, 6).flatmap(lambda n: st.tuples(
           hnp.arrays(np.float32, n, elements=st.sampled_from([1.0, 0.0, -2.0, 1e-40, np.inf])),
           int_arrays(U32, n))))
def test_ldexp_with_uint32_exponents(xe):
    """NumPy's loop takes the exponent as int64: a uint32 >= 2**31 is a huge exponent,
    not a negative one (the sweep found ldexp(1.0, uint32(3e9)) = 0)."""
    x, e = xe
    check_chain(lambda m, a, b: m.ldexp(a, b), same, x, e)
    check_chain(lambda m, a, b: m.ldexp(a, b[::-1]), same, x, e)


@pytest.mark.parametrize("value", [2 ** 40, -2 ** 40, 2 ** 31, 2 ** 70])
def test_isclose_with_python_ints_beyond_int32(value):
    for a in (np.array([1, 2 ** 31 - 1], np.int32), np.array([1.0, 1099511627776.0], np.float32)):
        assert_exact(ovnp.isclose(ovnp.asarray(a), value), _numpy(lambda m: m.isclose(a, value)))
        assert_exact(ovnp.isclose(value, ovnp.asarray(a)), _numpy(lambda m: m.isclose(value, a)))


@given(st.sampled_from(INT_DTYPES + [np.dtype(np.bool_)]).flatmap(
           lambda d: hnp.arrays(d, st.integers(1, 5), elements=int_values(d) if d.kind != "b"
                                else st.booleans())),
       st.lists(st.one_of(st.integers(-2 ** 40, 2 ** 40), st.sampled_from(
           [2 ** 40, -1, 256, 2 ** 31, 3_000_000_000, 0, 1])), max_size=4),
       st.booleans())
def test_isin_with_python_ints_beyond_the_dtype(a, tests, invert):
    """NumPy compares by value: test elements outside the array's range match nothing."""
    assert_exact(ovnp.isin(ovnp.asarray(a), tests, invert=invert),
                 _numpy(lambda m: m.isin(a, tests, invert=invert)))


@pytest.mark.parametrize("name", ["maximum", "minimum", "fmax", "fmin"])
def test_float16_extremes_of_signed_zeros_pick_the_first_operand(name):
    """NumPy's float16 loops return the first operand on ties (maximum(float16(0.0),
    -0.0) is 0.0). Its float32 loops' choice depends on the array's length (SIMD)."""
    a = np.array([0.0, -0.0, 0.0, -0.0, np.nan, 1.0], np.float16)
    b = np.array([-0.0, 0.0, 0.0, -0.0, 1.0, np.nan], np.float16)
    check_chain(lambda m, x, y: getattr(m, name)(x, y), same, a, b)
