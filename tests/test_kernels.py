"""The fused sin/cos kernel (ovnp/_backend/lower_trig.py, docs/performance.md
"Kernels") against NumPy: ulp bounds on the range where the reduction is exact, NaN, inf
and -0.0 exactly as NumPy, the guard that reruns float32 graphs beyond that range with
OpenVINO's op, float16 on every finite value, and the exp fix-up."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ovnp
from ovnp import _backend
from ovnp._backend import lower_trig as le
from strategies import arrays, assert_same

F32, F16 = np.dtype(np.float32), np.dtype(np.float16)
SPECIAL = np.array([np.nan, -np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-45, -1e-45, 1.17549435e-38,
                    1.0, -1.0, np.pi / 2, -np.pi, 3 * np.pi / 2, 1e4, -1e4], F32)
# Where the kernel is within 3 ulp of NumPy (beyond, it is bounded but wrong), and where
# the random tests draw. NumPy's own SIMD kernel covers |x| <= 117435.992.
EXACT = 2.0 ** 21
TESTED = 131072.0


@pytest.fixture
def fresh_cache(monkeypatch):
    """No model compiled before or after leaks across (the compile key does not see
    the switches), and the kernel used at every size (small arrays skip it by default)."""
    _backend.cache_clear()
    monkeypatch.setattr(le, "SINCOS_GUARD_MIN", 0)
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


def _matches_numpy(name, a, ulp):
    got = getattr(ovnp, name)(ovnp.asarray(a))
    with np.errstate(all="ignore"):
        want = getattr(np, name)(a)
    assert_same(got, want, ulp=ulp)
    _same_specials(got.to_numpy(), want)


# ---------------------------------------------------------------- float32 kernel (guarded)

@pytest.mark.parametrize("name", ["sin", "cos"])
def test_f32_kernel_within_3_ulp_of_numpy(fresh_cache, name):
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.uniform(-1, 1, 20000), rng.uniform(-100, 100, 20000),
                        rng.uniform(-TESTED, TESTED, 20000)]).astype(F32)
    x = np.concatenate([x, _near_multiples(TESTED, 10000)])
    got = getattr(ovnp, name)(ovnp.asarray(x)).to_numpy()
    assert ovnp.cache_info().misses == 1      # the kernel ran: no fallback was needed
    want = getattr(np, name)(x)
    assert _ulps(got, want).max() <= 3
    # and the small arguments of W1 (|x| <= 1) within 1 ulp
    small = np.abs(x) <= 1
    assert _ulps(got[small], want[small]).max() <= 1


@pytest.mark.parametrize("name", ["sin", "cos"])
def test_f32_kernel_special_values(fresh_cache, name):
    finite = SPECIAL[np.isfinite(SPECIAL) | np.isnan(SPECIAL)]   # inf takes the fallback
    with np.errstate(all="ignore"):
        want = getattr(np, name)(finite)
    got = getattr(ovnp, name)(ovnp.asarray(finite)).to_numpy()
    assert ovnp.cache_info().misses == 1      # NaN is no reason to fall back
    _same_specials(got, want)     # NaN for NaN, sin(-0.0) = -0.0, cos(-0.0) = 1
    fin = ~np.isnan(want)
    assert _ulps(got[fin], want[fin]).max() <= 1
    if name == "sin":   # subnormals come back unchanged, with their sign
        assert got[4] == finite[4] and got[5] == finite[5]


@pytest.mark.parametrize("name", ["sin", "cos"])
def test_f32_kernel_up_to_its_limit(fresh_cache, name):
    rng = np.random.default_rng(2)
    mid = rng.uniform(TESTED, EXACT, 4000).astype(F32) * rng.choice([-1, 1], 4000).astype(F32)
    mid[:2] = [EXACT, -EXACT]
    got = getattr(ovnp, name)(ovnp.asarray(mid)).to_numpy()
    assert ovnp.cache_info().misses == 1
    assert _ulps(got, getattr(np, name)(mid)).max() <= 3


@pytest.mark.parametrize("name", ["sin", "cos"])
def test_f32_beyond_the_limit_runs_again_with_openvinos_op(fresh_cache, name):
    """One argument beyond 2**21 (or inf) and the whole graph runs again through the
    accurate twin, compiled once (the kernel alone is wrong there, though in [-1, 1])."""
    x = np.array([1e30, -3.4e38, 2.0 ** 100, 3e7, 1e6, np.nan, np.inf, -0.0, 0.5], F32)
    b = np.full_like(x, 2.0)
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x) * b + 1
    for _ in range(3):
        got = getattr(ovnp, name)(ovnp.asarray(x)) * ovnp.asarray(b) + 1
        assert_same(got, want, ulp=4)
        _same_specials(got.to_numpy(), want)
    assert ovnp.cache_info().misses == 2      # the guarded model and its accurate twin
    inside = x[[4, 7, 8]]                     # the fast model serves data inside the limit
    assert_same(getattr(ovnp, name)(ovnp.asarray(inside)), getattr(np, name)(inside), ulp=3)
    # a NaN beside a huge value must not hide it (ReduceMax lets NaN win: found by hypothesis)
    for pair in ([0.5, EXACT * 1.01], [0.5, -np.inf], [3e7, np.nan], [np.nan, -3e7]):
        with np.errstate(all="ignore"):
            want = getattr(np, name)(np.array(pair, F32))
        assert_same(getattr(ovnp, name)(ovnp.asarray(np.array(pair, F32))), want, ulp=4)


@settings(max_examples=25, deadline=None)
@given(arrays(dtypes=[F32], elements_of=lambda d: st.one_of(
    st.sampled_from([np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-45, -1e-45, EXACT, 3e7]),
    st.floats(-TESTED, TESTED, width=32), st.floats(width=32))), st.sampled_from(["sin", "cos"]))
def test_f32_hypothesis(a, name):
    _matches_numpy(name, a, ulp=4)


def test_accurate_twin_holds_no_user_array(fresh_cache):
    """The guarded executable keeps OpenVINO models, not the IR, whose leaves are users'
    arrays (invariant 8): dropping the arrays frees them even after a fallback."""
    import gc
    import weakref
    from ovnp._backend import compile as _compile
    x = ovnp.asarray(np.array([1e30, 1.0], F32))
    y = ovnp.sin(x)
    y.to_numpy()
    (executable,) = _compile._cache.values()
    assert isinstance(executable, _compile.Guarded) and executable.accurate is not None
    refs = [weakref.ref(x), weakref.ref(y)]
    del x, y
    gc.collect()
    assert [r() for r in refs] == [None, None]


def test_switched_off_and_export_build_no_guard(fresh_cache, monkeypatch, tmp_path):
    """OVNP_ACCURATE_SINCOS=1 and exported models use OpenVINO's op with no guard output
    (an exported model has no twin to fall back on)."""
    import openvino as ov
    from ovnp._backend import compile as _compile
    monkeypatch.setattr(le, "ACCURATE_SINCOS_F32", True)
    x = np.array([1e30, 1.0], F32)
    assert_same(ovnp.sin(ovnp.asarray(x)), np.sin(x), ulp=4)
    (executable,) = _compile._cache.values()
    assert not isinstance(executable, _compile.Guarded)
    monkeypatch.setattr(le, "ACCURATE_SINCOS_F32", False)
    xml = ovnp.export(lambda a: ovnp.sin(a), x, path=tmp_path / "sin")
    model = ov.Core().read_model(xml)
    assert len(model.outputs) == 1
    got = ov.Core().compile_model(model, "CPU")({0: x})[0]
    assert _ulps(got, np.sin(x)).max() <= 4


def test_small_float32_arrays_use_openvinos_op_without_a_guard():
    """Below SINCOS_GUARD_MIN elements the guard costs more than the kernel saves."""
    from ovnp._backend import compile as _compile
    _backend.cache_clear()
    for n in (le.SINCOS_GUARD_MIN - 1, le.SINCOS_GUARD_MIN):
        x = np.linspace(-3e7, 3e7, n, dtype=F32)
        assert_same(ovnp.sin(ovnp.asarray(x)), np.sin(x), ulp=4)
    kinds = [type(e).__name__ for e in _compile._cache.values()]
    assert kinds == ["Executable", "Guarded"], kinds
    _backend.cache_clear()


def test_jit_replay_falls_back_too(fresh_cache):
    f = ovnp.jit(lambda a: ovnp.cos(a) * 2.0)
    small, huge = np.array([0.5, -1.0], F32), np.array([0.5, 3e9], F32)
    for data in (small, huge, small, huge):
        assert_same(f(ovnp.asarray(data)), np.cos(data) * np.float32(2.0), ulp=4)


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
    _matches_numpy(name, a, ulp=1)


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
