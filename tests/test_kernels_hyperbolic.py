"""The fused arctanh, arcsinh and arccosh kernels (ovnp/_backend/kernels_hyperbolic.py,
docs/performance.md "Kernels"): special values and domain edges exactly NumPy's, ulp
bounds on random float32 bit patterns and dense ranges against NumPy's own float32
error, float16 on every value, fused into a chain as alone, one fused subgraph."""

import numpy as np
import pytest

import ovnp
from kernel_checks import (F32, assert_specials_of_op, assert_ulp_within, float16_close,
                           fused_subgraphs, random_bits, same, ulp_errors)
from kernel_checks import kernel_everywhere  # noqa: F401  (the fixture, used below)

pytestmark = pytest.mark.usefixtures("kernel_everywhere")
NAMES = ["arctanh", "arcsinh", "arccosh"]
# Largest error seen in the strided sweep and dense sweeps (docs/elementwise.md): ovnp
# 0.67, 0.56, 0.66; NumPy's own float32 loops 1.41, 1.00, 1.16 (arccosh near 1; 0.78 in
# the step-257 sweep, where the log core rounding f**2/2 alone gave ovnp 0.81).
BOUND = {"arctanh": 0.7, "arcsinh": 0.6, "arccosh": 0.7}
TINY = np.finfo(F32).smallest_subnormal
BIGGEST = np.finfo(F32).max
SPECIAL = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-30,
                    -1e-30, TINY, -TINY, np.finfo(F32).tiny, 0.49999997, 0.50000006,
                    np.nextafter(F32(1), F32(0)), -np.nextafter(F32(1), F32(0)),
                    np.nextafter(F32(1), F32(2)), 1.0000001, 1.5, 4095.9998, 4096.0,
                    4096.0005, 1e10, -1e10, 1e30, BIGGEST, -BIGGEST, 3.0, -7.5], F32)


@pytest.mark.parametrize("name", NAMES)
def test_special_values_and_edges(name):
    with np.errstate(all="ignore"):
        want = getattr(np, name)(SPECIAL)
        ref = getattr(np, name)(SPECIAL.astype(np.float64))
    got = getattr(ovnp, name)(ovnp.asarray(SPECIAL)).to_numpy()
    special = np.isnan(want) | np.isinf(want) | (want == 0) | (np.abs(SPECIAL) < 1e-10)
    same(got[special], want[special])
    assert ulp_errors(got, ref).max() <= BOUND[name]


def _dense(name, n, rng):
    """Where each kernel switches branch or its argument cancels."""
    if name == "arccosh":
        parts = [rng.uniform(1, 1.01, n), rng.uniform(1, 3, n), rng.uniform(4000, 4200, n),
                 1 + rng.uniform(0, 2 ** -12, n)]
    else:
        parts = [rng.uniform(-1, 1, n), rng.uniform(0.49, 0.51, n), rng.uniform(-1e-3, 1e-3, n)]
        if name == "arctanh":
            parts.append(1 - rng.uniform(0, 2 ** -10, n))
        else:
            parts += [rng.uniform(-5000, 5000, n), rng.uniform(4000, 4200, n)]
    return np.concatenate(parts).astype(F32)


@pytest.mark.parametrize("name", NAMES)
def test_ulp_within_numpys(name):
    rng = np.random.default_rng(NAMES.index(name))
    x = np.concatenate([random_bits(100_000, 3), _dense(name, 60_000, rng)])
    assert_ulp_within(name, x, BOUND[name])


@pytest.mark.parametrize("name", NAMES)
def test_float16_every_value(name):
    x = np.arange(2 ** 16, dtype=np.uint32).astype(np.uint16).view(np.float16)
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
    float16_close(getattr(ovnp, name)(ovnp.asarray(x)).to_numpy(), want)


@pytest.mark.parametrize("name", NAMES)
def test_fused_chain_agrees_with_alone(name):
    x = np.linspace(-3, 3, 5003, dtype=F32)
    fn = getattr(ovnp, name)
    fused = (fn(ovnp.asarray(x) * 0.25 + 1) * 3).to_numpy()
    alone = fn(ovnp.asarray(x * F32(0.25) + F32(1))).to_numpy() * F32(3)
    same(fused, alone)


@pytest.mark.parametrize("name", NAMES)
def test_one_fused_subgraph(name):
    """The kernel is one fused loop also after other ops: the CPU plugin's fusion splits
    a kernel that keeps more than ~10 values live (ordered as in kernels_hyperbolic)."""
    x = np.linspace(1, 2, 5000, dtype=F32)
    kinds = fused_subgraphs(lambda: getattr(ovnp, name)(ovnp.asarray(x) * 0.5 + 0.25).to_numpy())
    assert kinds["Subgraph"] == 1, kinds


@pytest.mark.parametrize("name", NAMES)
def test_small_arrays_too(name, monkeypatch):
    """The kernels run at every size: OpenVINO's Asinh, Acosh, Atanh, which arrays under
    kernels_log.KERNEL_MIN used to get, were up to 1.83 ulp off near 1 (NumPy 1.16)."""
    x = np.concatenate([SPECIAL, _dense(name, 300, np.random.default_rng(9))])
    assert_specials_of_op(name, x, monkeypatch, BOUND[name])
