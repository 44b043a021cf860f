"""fmod, remainder, floor_divide and divmod of floats: bit for bit NumPy's (float32 and
float16), over the whole exponent range (huge and tiny quotients, subnormals, -0.0,
inf, NaN). OpenVINO's Mod is off by ulps of the dividend; ovnp's lowering is exact."""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp

FUNCS = ["fmod", "remainder", "floor_divide", "divmod"]
_UINT = {np.dtype(np.float32): np.uint32, np.dtype(np.float16): np.uint16}


def _bits_equal(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape
    u = _UINT[want.dtype]
    same = (got.view(u) == want.view(u)) | (np.isnan(got) & np.isnan(want))
    assert same.all(), f"\n got {got[~same]}\nwant {want[~same]}"


def check(name, a, b):
    with np.errstate(all="ignore"):
        want = getattr(np, name)(a, b)
    got = getattr(ovnp, name)(ovnp.asarray(a), ovnp.asarray(b))
    if name == "divmod":
        for g, w in zip(got, want):
            _bits_equal(g.to_numpy(), w)
    else:
        _bits_equal(got.to_numpy(), want)


def any_float(dtype):
    """Any bit pattern (every exponent, subnormals, inf, NaN) or a special value."""
    u = _UINT[np.dtype(dtype)]
    info = np.finfo(dtype)
    special = st.sampled_from([0.0, -0.0, np.inf, -np.inf, np.nan, float(info.max),
                               float(-info.max), float(info.smallest_subnormal), 1.0, -3.0])
    raw = st.integers(0, np.iinfo(u).max).map(lambda i: float(np.array(i, u).view(dtype)))
    return st.one_of(special, raw, raw)


# a few shapes only: each new shape compiles the (large) graph once more
SHAPES = st.sampled_from([(), (6,), (2, 3)])


@st.composite
def pairs(draw):
    dtype = draw(st.sampled_from([np.float32, np.float16]))
    sa, sb = draw(SHAPES), draw(SHAPES)
    if len(sa) and len(sb) and sa != sb:
        sb = sa
    a = draw(hnp.arrays(dtype, sa, elements=any_float(dtype)))
    b = draw(hnp.arrays(dtype, sb, elements=any_float(dtype)))
    if draw(st.booleans()) and a.size and b.size:
        # a near a multiple of b: quotients up to 2**30, halves and quarters
        q = draw(st.integers(1, 2 ** 30)) + draw(st.sampled_from([0.0, 0.25, 0.5]))
        with np.errstate(all="ignore"):
            a = (np.broadcast_to(b, np.broadcast_shapes(a.shape, b.shape)) * q).astype(dtype)
    return a, b


@pytest.mark.parametrize("name", FUNCS)
@given(pairs())
def test_float_divmod_family_bit_exact(name, pair):
    check(name, *pair)


def _f32(*v):
    return np.array(v, np.float32)


def test_fmod_huge_quotients_exact():
    # |a/b| up to 2**277: the old Mod lowering was off by many ulps of the result
    a = _f32(3.4028235e38, -1.7014118e38, 1e30, 12121.57, 4.7679694e11, 1.0)
    b = _f32(1e-45, 4e-45, 3.0e-7, -1.0019929e-09, -0.0055245506, 1e-45)
    for name in FUNCS:
        check(name, a, b)


def test_fmod_divisor_near_float_max():
    # y >= 2**127: its 12-bit head rounds to 2**128 = inf (handled apart)
    a = _f32(-3.4028235e38, 3.4028103e38, 3.4028235e38)
    b = _f32(3.4024083e38, -3.4027756e38, 1.7014118e38)
    for name in FUNCS:
        check(name, a, b)


def test_fmod_subnormal_divisors():
    # OpenVINO's Divide multiplies by 1/b: 1/subnormal overflows (NaN before the fix)
    a = _f32(1.7162583e-37, -1.3710664e-34, -1.325651e-39, 0.47910812, 8.507059e37)
    b = _f32(1.92e-43, -1.142018e-39, -1e-45, -1e-45, 4e-45)
    for name in FUNCS:
        check(name, a, b)


def test_floor_divide_rounds_the_quotient_as_numpy():
    # OpenVINO's Divide is off by one ulp in ~1/4 of cases: above 2**24 that is
    # another integer quotient
    a = _f32(4.7679694e11, -7.138036e11, 28215.947, 12121.57)
    b = _f32(-0.0055245506, 4.0969237e-05, 5.346025e-11, -1.0019929e-09)
    check("floor_divide", a, b)
    check("divmod", a, b)
    # quotients above 2**100 (corrected at a 2**-64 scale) and dividends near the
    # largest float (q_hi * b_hi would round past it)
    a = _f32(1.6600626e24, 1.4764004e26, 1.6823256e36, 3.4027194e38, 3.4020647e38)
    b = _f32(2.7830935e-10, 7.058459e-12, 0.058035806, -6.158932e30, -2.7316332e30)
    check("floor_divide", a, b)
    check("divmod", a, b)


def test_signed_zeros_inf_nan():
    a = _f32(-0.0, 0.0, -0.0, 5.0, -5.0, np.inf, 1.0, np.nan, 3.0, -3.0, 0.0)
    b = _f32(2.0, -2.0, -np.inf, 0.0, -0.0, 2.0, np.nan, 1.0, np.inf, np.inf, 0.0)
    for name in FUNCS:
        check(name, a, b)
    for name in FUNCS:
        check(name, a.astype(np.float16), b.astype(np.float16))


# ---------------------------------------------------------------- the guarded short reduction

@st.composite
def small_quotient_pairs(draw):
    """b anywhere (subnormal to max), a = b * q with |q| < 2**22 (halves, quarters and
    neighbours of multiples too), a few specials: every element takes the short path."""
    dtype = draw(st.sampled_from([np.float32, np.float16]))
    n = draw(st.integers(1, 6))
    b = draw(hnp.arrays(dtype, n, elements=any_float(dtype)))
    with np.errstate(all="ignore"):
        b = np.where(np.isfinite(b) & (b != 0), b, dtype(1.5)).astype(dtype)
        q = draw(hnp.arrays(np.float64, n, elements=st.one_of(
            st.floats(-2.0 ** 21, 2.0 ** 21), st.integers(-2 ** 21, 2 ** 21).map(float),
            st.sampled_from([0.5, -0.25, 1.0, 0.0, -0.0]))))
        a = (b.astype(np.float64) * q).astype(dtype)
        a = np.where(np.abs(a.astype(np.float64)) < 2.0 ** 126, a, dtype(0)).astype(dtype)
        if draw(st.booleans()):
            a = np.nextafter(a, dtype(np.inf) if draw(st.booleans()) else dtype(-np.inf))
    return a, b


@pytest.mark.parametrize("name", FUNCS)
@given(small_quotient_pairs())
def test_short_reduction_bit_exact(name, pair):
    check(name, *pair)


def test_short_reduction_is_guarded():
    """Quotients below 2**22 compile one model (the short reduction); one quotient above
    runs the graph again through the full reduction, compiled once."""
    ovnp.cache_clear()
    b = _f32(3.0, -0.7, 1e-30, 5e-39)
    for a in (_f32(100.0, 12.5, 3e-25, 7e-35), _f32(1.0, 2.0, 3e-30, 1e-38)):
        check("fmod", a, b)
    assert ovnp.cache_info().misses == 1
    for a in (_f32(3e7, 1.0, 1.0, 1.0), _f32(1.0, 1.0, 1e-20, 1.0), _f32(3.3e38, 1, 1, 1)):
        check("fmod", a, b)
    assert ovnp.cache_info().misses == 2
