"""The fused sin/cos kernel (ovnp/_backend/lower_elementwise.py, docs/performance.md
"Kernels") against NumPy: ulp bounds on the range where the reduction is exact, NaN, inf
and -0.0 exactly as NumPy, float16 on every finite value, and the exp fix-up."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ovnp
from ovnp import _backend
from ovnp._backend import lower_elementwise as le
from strategies import arrays, assert_same

F32, F16 = np.dtype(np.float32), np.dtype(np.float16)
SPECIAL = np.array([np.nan, -np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-45, -1e-45, 1.17549435e-38,
                    1.0, -1.0, np.pi / 2, -np.pi, 3 * np.pi / 2, 1e4, -1e4], F32)
# Where the kernel is within 3 ulp of NumPy (beyond, it is bounded but wrong), and where
# the random tests draw. NumPy's own SIMD kernel covers |x| <= 117435.992.
EXACT = 2.0 ** 21
TESTED = 131072.0


@pytest.fixture
def fast_f32(monkeypatch):
    """The float32 kernel switched on (OVNP_FAST_SINCOS=1), with no model compiled before
    or after the switch leaking across (the compile key does not see the switch)."""
    _backend.cache_clear()
    monkeypatch.setattr(le, "FAST_SINCOS_F32", True)
    yield
    _backend.cache_clear()


def _ulps(got, want):
    """|got - want| in ulp of want (float64 differences, want's dtype spacing)."""
    want = np.asarray(want)
    spacing = np.spacing(np.abs(want)).astype(np.float64)
    return np.abs(got.astype(np.float64) - want.astype(np.float64)) / spacing


def _near_multiples(lim, n, seed=0):
    """float32 values at and next to multiples of pi/2 (where the remainder cancels)."""
    rng = np.random.default_rng(seed)
    m = np.round(rng.uniform(-lim, lim, n) / (np.pi / 2)) * (np.pi / 2)
    x = m.astype(F32)
    return np.concatenate([x, np.nextafter(x, F32.type(np.inf)),
                           np.nextafter(x, F32.type(-np.inf))])


def _same_specials(got, want):
    assert (np.isnan(got) == np.isnan(want)).all(), (got, want)
    fin = ~np.isnan(want)
    inf = fin & np.isinf(want)
    assert (got[inf] == want[inf]).all(), (got, want)
    zero = fin & (want == 0)
    assert (np.signbit(got[zero]) == np.signbit(want[zero])).all(), (got, want)


# ---------------------------------------------------------------- float32 kernel (opt-in)

@pytest.mark.parametrize("name", ["sin", "cos"])
def test_f32_kernel_within_3_ulp_of_numpy(fast_f32, name):
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.uniform(-1, 1, 20000), rng.uniform(-100, 100, 20000),
                        rng.uniform(-TESTED, TESTED, 20000)]).astype(F32)
    x = np.concatenate([x, _near_multiples(TESTED, 10000)])
    got = getattr(ovnp, name)(ovnp.asarray(x)).to_numpy()
    want = getattr(np, name)(x)
    assert _ulps(got, want).max() <= 3
    # and the small arguments of W1 (|x| <= 1) within 1 ulp
    small = np.abs(x) <= 1
    assert _ulps(got[small], want[small]).max() <= 1


@pytest.mark.parametrize("name", ["sin", "cos"])
def test_f32_kernel_special_values(fast_f32, name):
    with np.errstate(all="ignore"):
        want = getattr(np, name)(SPECIAL)
    got = getattr(ovnp, name)(ovnp.asarray(SPECIAL)).to_numpy()
    _same_specials(got, want)     # NaN for NaN and +-inf, sin(-0.0) = -0.0, cos(-0.0) = 1
    fin = ~np.isnan(want)
    assert _ulps(got[fin], want[fin]).max() <= 1
    if name == "sin":   # subnormals come back unchanged, with their sign
        assert got[6] == SPECIAL[6] and got[7] == SPECIAL[7]


def test_f32_kernel_large_arguments(fast_f32):
    # within 3 ulp up to 2**21; beyond, bounded (documented), never inf or nan
    rng = np.random.default_rng(2)
    mid = rng.uniform(TESTED, EXACT, 4000).astype(F32) * rng.choice([-1, 1], 4000).astype(F32)
    for name in ("sin", "cos"):
        got = getattr(ovnp, name)(ovnp.asarray(mid)).to_numpy()
        assert _ulps(got, getattr(np, name)(mid)).max() <= 3
    huge = np.array([3e7, -1e10, 1e30, -3.4e38, 2.0 ** 100], F32)
    for name in ("sin", "cos"):
        got = getattr(ovnp, name)(ovnp.asarray(huge)).to_numpy()
        assert np.isfinite(got).all() and (np.abs(got) <= 1).all()


@settings(max_examples=25, deadline=None)
@given(arrays(dtypes=[F32], elements_of=lambda d: st.one_of(
    st.sampled_from([np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-45, -1e-45]),
    st.floats(-TESTED, TESTED, width=32))), st.sampled_from(["sin", "cos"]))
def test_f32_kernel_hypothesis(a, name):
    _backend.cache_clear()
    le.FAST_SINCOS_F32 = True
    try:
        got = getattr(ovnp, name)(ovnp.asarray(a))
        with np.errstate(all="ignore"):
            want = getattr(np, name)(a)
        assert_same(got, want, ulp=3)
        _same_specials(got.to_numpy(), want)
    finally:
        le.FAST_SINCOS_F32 = False
        _backend.cache_clear()


# ---------------------------------------------------------------- float16 (always the kernel)

@pytest.mark.parametrize("name", ["sin", "cos"])
def test_f16_every_value(name):
    """Every float16 (|x| <= 65504 is inside the exact range): NumPy's answer, to the bit
    but for a rare double rounding (the kernel's float32 result is within 3 ulp)."""
    x = np.arange(2 ** 16, dtype=np.uint16).view(F16)
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
    got = getattr(ovnp, name)(ovnp.asarray(x)).to_numpy()
    assert got.dtype == F16
    _same_specials(got, want)
    fin = np.isfinite(want)
    diff = _ulps(got[fin], want[fin])
    assert diff.max() <= 1
    assert (diff > 0).sum() <= 16, (diff > 0).sum()


@settings(max_examples=25, deadline=None)
@given(arrays(dtypes=[F16]), st.sampled_from(["sin", "cos"]))
def test_f16_hypothesis(a, name):
    got = getattr(ovnp, name)(ovnp.asarray(a))
    with np.errstate(all="ignore"):
        want = getattr(np, name)(a)
    assert_same(got, want, ulp=1)
    _same_specials(got.to_numpy(), want)


# ---------------------------------------------------------------- float32 default: OpenVINO's op

@pytest.mark.parametrize("name", ["sin", "cos"])
def test_f32_default_keeps_openvino_for_huge_arguments(name):
    """Without the opt-in, float32 keeps OpenVINO's Sin/Cos, accurate on huge arguments
    (the kernel would not be: a Select fallback would run the slow op on every element)."""
    x = np.array([1e30, -3.4e38, 2.0 ** 100, 3e7, 1e6, np.nan, np.inf, -0.0], F32)
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
    got = getattr(ovnp, name)(ovnp.asarray(x))
    assert_same(got, want, ulp=4)
    _same_specials(got.to_numpy(), want)


# ---------------------------------------------------------------- traps

def test_magic_number_rounding_is_folded_away():
    """(t + 1.5*2**23) - 1.5*2**23 is folded to t by OpenVINO: the kernel rounds with
    Round, so sin of moderate arguments is right (a wrong k gives values off by ~1)."""
    x = np.array([2.0, 3.0, -3.0, 10.0, 100.0], F32)
    got = ovnp.sin(ovnp.asarray(x.astype(F16))).to_numpy()
    np.testing.assert_allclose(got, np.sin(x.astype(F16)), rtol=1e-3)


def test_exp_nan_and_fused_chain():
    """exp's NaN fix-up uses x != x (fusable) and still gives NaN, not OpenVINO's inf."""
    a = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, 88.0, -104.0], F32)
    b = np.full_like(a, 0.5)
    with np.errstate(all="ignore"):
        want = np.sin(a) * b + np.exp(-a) * 0.5
        got = ovnp.sin(ovnp.asarray(a)) * ovnp.asarray(b) + ovnp.exp(-ovnp.asarray(a)) * 0.5
        assert_same(got, want)
        assert_same(ovnp.exp(ovnp.asarray(a)), np.exp(a))
