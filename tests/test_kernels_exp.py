"""The fused expm1, exp2, sinh and cosh kernels (ovnp/_backend/kernels_exp.py,
docs/performance.md "Kernels"): special values and overflow edges exactly NumPy's, ulp
bounds on random float32 bit patterns and dense ranges against NumPy's own float32
error, float16 on every value, fused into a chain as alone."""

import numpy as np
import pytest

import ovnp
from kernel_checks import F32, assert_specials_of_op, float16_close, random_bits, same, ulp_errors
from kernel_checks import kernel_everywhere  # noqa: F401  (the fixture, used below)

pytestmark = pytest.mark.usefixtures("kernel_everywhere")
NAMES = ["expm1", "exp2", "sinh", "cosh"]
# Largest error seen in dense sweeps (docs/elementwise.md): NumPy's is 2.2-2.6 for
# expm1, exp2 and cosh, 1.52 for sinh.
BOUND = {"expm1": 1.7, "exp2": 1.0, "sinh": 1.35, "cosh": 1.4}
TINY = np.finfo(F32).smallest_subnormal
SPECIAL = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -0.5, 1e-30, -1e-30,
                    TINY, -TINY, 88.0, 88.38, 88.5, 88.72, 88.73, 89.4, 89.41, 89.42, 90.0,
                    -88.72, -89.42, -103.0, -87.4, -18.0, -17.0, -126.5, -149.0, -149.5,
                    -150.0, 127.0, 127.99, 128.0, 1e30, -1e30, 3.4e38, -3.4e38,
                    0.34657359, -0.34657359, 0.6931472, 1.0397208], F32)


@pytest.mark.parametrize("name", NAMES)
def test_special_values_and_edges(name):
    with np.errstate(all="ignore"):
        want = getattr(np, name)(SPECIAL)
        ref = getattr(np, name)(SPECIAL.astype(np.float64))
    got = getattr(ovnp, name)(ovnp.asarray(SPECIAL)).to_numpy()
    special = np.isnan(want) | np.isinf(want) | (want == 0) | (np.abs(want) == 1)
    # NumPy's exp2(-149.5) is 0; 2**-149.5 rounds to the smallest subnormal, as ovnp's
    rounded = ref.astype(F32)
    special &= (rounded == want) | np.isnan(want)
    same(got[special], want[special])
    assert ulp_errors(got, ref).max() <= BOUND[name]


@pytest.mark.parametrize("name", NAMES)
def test_ulp_within_numpys(name):
    rng = np.random.default_rng(NAMES.index(name))
    wide = random_bits(100_000, 3)
    dense = rng.uniform(-92, 92, 200_000).astype(F32)
    near_zero = rng.uniform(-2, 2, 100_000).astype(F32)
    edges = rng.uniform(-150, -120, 50_000).astype(F32)          # exp2's subnormals
    x = np.concatenate([wide, dense, near_zero, edges])
    x = x[~np.isnan(x)]
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
    float16_close(getattr(ovnp, name)(ovnp.asarray(x)).to_numpy(), want)


def test_fused_chain_agrees_with_alone():
    x = np.linspace(-30, 30, 5003, dtype=F32)
    a = ovnp.asarray(x)
    for name in NAMES:
        fn = getattr(ovnp, name)
        fused = (fn(a * 2 + 1) * 0.5).to_numpy()
        alone = fn(ovnp.asarray(x * F32(2) + F32(1))).to_numpy() * F32(0.5)
        same(fused, alone)


@pytest.mark.parametrize("name", NAMES)
def test_small_arrays_too(name, monkeypatch):
    """The exp family runs its kernel at every size: expm1's old lowering gave inf from
    84.3 up (NumPy: finite to 88.72), OpenVINO's Sinh was 1.6 ulp off (NumPy 1.4)."""
    x = np.array([85.0, 88.5, -0.0, 0.2, np.nan, -np.inf], F32)
    assert_specials_of_op(name, x, monkeypatch, BOUND[name])
