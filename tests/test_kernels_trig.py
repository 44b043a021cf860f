"""The fused tan, arctan, arcsin and arccos kernels (ovnp/_backend/kernels_trig.py,
docs/performance.md "Kernels"): special values exactly NumPy's, ulp bounds on random
and dense inputs against NumPy's own float32 error, float16 on every value, tan's guard
(arguments beyond 1024 rerun with OpenVINO's Tan), fused into a chain as alone."""

import numpy as np
import pytest

import ovnp
from kernel_checks import F32, float16_close, random_bits, same, ulp_errors
from kernel_checks import kernel_everywhere  # noqa: F401  (the fixture, used below)
from ovnp._backend import kernels_trig, lower_trig

NAMES = ["tan", "arctan", "arcsin", "arccos"]
# Largest errors seen (docs/elementwise.md); NumPy's own: tan 3.6, arctan 1.6, arcsin 3.1,
# arccos 2.1.
BOUND = {"tan": 3.0, "arctan": 1.45, "arcsin": 2.35, "arccos": 1.1}
TINY = np.finfo(F32).smallest_subnormal
SPECIAL = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -0.5, 1e-30, -1e-30,
                    TINY, -TINY, 1.0000001, -1.0000001, 0.99999994, -0.99999994, 2.0, -2.0,
                    np.pi / 2, -np.pi / 2, np.pi / 4, 3 * np.pi / 2, 1e10, -1e10, 3.4e38,
                    0.49999997, 0.50000006], F32)


@pytest.fixture(autouse=True)
def kernels_at_every_size(kernel_everywhere, monkeypatch):
    monkeypatch.setattr(lower_trig, "SINCOS_GUARD_MIN", 0)
    monkeypatch.setattr(kernels_trig, "SINCOS_GUARD_MIN", 0)


@pytest.mark.parametrize("name", NAMES)
def test_special_values(name):
    with np.errstate(all="ignore"):
        want = getattr(np, name)(SPECIAL)
        ref = getattr(np, name)(SPECIAL.astype(np.float64))
    got = getattr(ovnp, name)(ovnp.asarray(SPECIAL)).to_numpy()
    special = np.isnan(want) | np.isinf(want) | (want == 0)
    same(got[special], want[special])
    assert ulp_errors(got, ref).max() <= max(BOUND[name], 3.5)   # huge tan: OpenVINO's


def _inputs(name, seed):
    rng = np.random.default_rng(seed)
    if name == "tan":
        parts = [rng.uniform(-1024, 1024, 200_000), rng.uniform(-4, 4, 200_000),
                 np.round(rng.uniform(-600, 600, 50_000)) * (np.pi / 2)]
    elif name == "arctan":
        parts = [random_bits(100_000, seed), rng.uniform(-3, 3, 300_000)]
    else:
        parts = [rng.uniform(-1, 1, 300_000), 1 - rng.uniform(0, 1e-3, 50_000),
                 rng.uniform(0.45, 0.55, 50_000), random_bits(50_000, seed)]
    x = np.concatenate([np.asarray(p, F32) for p in parts])
    return x[~np.isnan(x)]


@pytest.mark.parametrize("name", NAMES)
def test_ulp_within_numpys(name):
    x = _inputs(name, NAMES.index(name))
    with np.errstate(all="ignore"):
        ref = getattr(np, name)(x.astype(np.float64))
        theirs = ulp_errors(getattr(np, name)(x), ref).max()
    ours = ulp_errors(getattr(ovnp, name)(ovnp.asarray(x)).to_numpy(), ref)
    assert ours.max() <= BOUND[name], (name, x[np.argmax(ours)], ours.max(), theirs)


@pytest.mark.parametrize("name", NAMES)
def test_float16_every_value(name):
    x = np.arange(2 ** 16, dtype=np.uint32).astype(np.uint16).view(np.float16)
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
    got = getattr(ovnp, name)(ovnp.asarray(x)).to_numpy()
    if name == "tan":       # tan of large float16 arguments: OpenVINO's float32 tan
        keep = np.abs(x.astype(np.float32)) <= 1024
        got, want = got[keep], want[keep]
    float16_close(got, want)


def test_tan_guard_reruns_beyond_1024():
    x = np.linspace(-1000, 1000, 8192, dtype=F32)
    inside = ovnp.tan(ovnp.asarray(x)).to_numpy()
    far = x.copy()
    far[0] = 5000.0                                   # one argument beyond: all rerun
    rerun = ovnp.tan(ovnp.asarray(far)).to_numpy()
    ref = np.tan(far.astype(np.float64))
    assert ulp_errors(rerun, ref).max() <= 4        # OpenVINO's Tan
    assert ulp_errors(inside, np.tan(x.astype(np.float64))).max() <= BOUND["tan"]


def test_fused_chain_agrees_with_alone():
    x = np.linspace(-3, 3, 5003, dtype=F32)
    a = ovnp.asarray(x)
    for name in NAMES:
        fn = getattr(ovnp, name)
        fused = (fn(a * 0.3) * 2).to_numpy()
        alone = fn(ovnp.asarray(x * F32(0.3))).to_numpy() * F32(2)
        same(fused, alone)


def test_arctan2_within_numpys():
    """arctan2 is atan(y/x) with the quadrant fixed up: the fused atan inside."""
    rng = np.random.default_rng(5)
    y = np.concatenate([random_bits(100_000, 1), rng.uniform(-10, 10, 200_000).astype(F32)])
    x = np.concatenate([random_bits(100_000, 2), rng.uniform(-10, 10, 200_000).astype(F32)])
    with np.errstate(all="ignore"):
        ref = np.arctan2(y.astype(np.float64), x.astype(np.float64))
        theirs = ulp_errors(np.arctan2(y, x), ref).max()
    ours = ulp_errors(ovnp.arctan2(ovnp.asarray(y), ovnp.asarray(x)).to_numpy(), ref)
    assert ours.max() <= 1.8, (ours.max(), theirs)
    s = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0], F32)
    yy, xx = (a.ravel() for a in np.meshgrid(s, s))
    with np.errstate(all="ignore"):
        want = np.arctan2(yy, xx)
    same(ovnp.arctan2(ovnp.asarray(yy), ovnp.asarray(xx)).to_numpy(), want)
