"""The fused log kernels (ovnp/_backend/kernels_log.py, docs/performance.md "Kernels"):
special values exactly NumPy's, ulp bounds on random float32 bit patterns over the whole
range (NumPy's own float32 error measured on the same inputs as the bar), float16 on every
value, and the kernel fused into a chain giving what it gives alone."""

import numpy as np
import pytest

import ovnp
from kernel_checks import F32, assert_specials_of_op, float16_close, random_bits, ulp_errors
from kernel_checks import kernel_everywhere  # noqa: F401  (the fixture, used below)
from kernel_checks import same as _same

pytestmark = pytest.mark.usefixtures("kernel_everywhere")
LOGS = ["log", "log2", "log10", "log1p"]
# NumPy's float32 max error against float64 over all 2**32 inputs could be a little above
# what a sample sees; the kernels stay within these (docs/elementwise.md, the table).
# log10 is log2 * log10(2) rounded twice (one fused kernel: kernels_log.log10_via_log2);
# NumPy's own log10 reaches 3.4 in dense sweeps.
BOUND = {"log": 1.0, "log2": 1.0, "log10": 1.6, "log1p": 1.6}
TINY = np.finfo(F32).smallest_subnormal
SPECIAL = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, -np.nan, 1.0, -1.0, 2.0, 0.5, 10.0,
                    1000.0, 1e-10, TINY, -TINY, 2 * TINY, np.finfo(F32).tiny,
                    np.finfo(F32).tiny * 0.75, np.finfo(F32).max, -np.finfo(F32).max,
                    np.nextafter(F32(1), F32(0)), np.nextafter(F32(1), F32(2)),
                    np.nextafter(F32(-1), F32(0)), np.nextafter(F32(-1), F32(-2)),
                    -0.5, 1e-30, -1e-30, 2.0 ** -24, 2.0 ** 127, 1.4142135, 0.70710677], F32)


@pytest.mark.parametrize("name", LOGS)
def test_special_values_are_numpys(name):
    with np.errstate(all="ignore"):
        want = getattr(np, name)(SPECIAL)
    got = getattr(ovnp, name)(ovnp.asarray(SPECIAL)).to_numpy()
    # exact where NumPy's answer is exact (specials, powers of the base); 1 ulp elsewhere
    assert ulp_errors(got, getattr(np, name)(SPECIAL.astype(np.float64))).max() <= BOUND[name]
    exact = np.isnan(want) | np.isinf(want) | (want == 0) | (want == np.round(want))
    _same(got[exact], want[exact])


def _positive_spread(n, seed):
    """Positive floats over every binade, and values next to 1 (where log is small)."""
    rng = np.random.default_rng(seed)
    x = np.abs(random_bits(n, seed))
    near_one = (1 + rng.uniform(-2 ** -6, 2 ** -6, n)).astype(F32)
    tiny = rng.uniform(-2 ** -20, 2 ** -20, n).astype(F32)          # log1p near 0
    return np.concatenate([x, near_one, tiny, -np.abs(tiny), near_one - 1])


@pytest.mark.parametrize("name", LOGS)
def test_ulp_within_numpys(name):
    x = _positive_spread(200_000, LOGS.index(name))
    x = x[~np.isnan(x)]
    with np.errstate(all="ignore"):
        ref = getattr(np, name)(x.astype(np.float64))
        theirs = ulp_errors(getattr(np, name)(x), ref).max()
    ours = ulp_errors(getattr(ovnp, name)(ovnp.asarray(x)).to_numpy(), ref)
    assert ours.max() <= BOUND[name], (name, x[np.argmax(ours)], ours.max(), theirs)


@pytest.mark.parametrize("name", LOGS)
def test_float16_every_value(name):
    x = np.arange(2 ** 16, dtype=np.uint32).astype(np.uint16).view(np.float16)
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
    float16_close(getattr(ovnp, name)(ovnp.asarray(x)).to_numpy(), want)


def test_fused_chain_agrees_with_alone():
    """The decibel pipeline fused into one kernel gives what each step gives alone (a
    trailing product by a constant inside log10 was folded with the 10 *)."""
    x = np.concatenate([random_bits(50_000, 7), SPECIAL])
    with np.errstate(all="ignore"):
        fused = (10 * ovnp.log10(ovnp.maximum(ovnp.asarray(x) * ovnp.asarray(x), 1e-10)))
        fused = fused.to_numpy()
        power = np.maximum(x * x, F32(1e-10))
        alone = ovnp.log10(ovnp.asarray(power)).to_numpy()
        _same(fused, F32(10) * alone)
        want = F32(10) * np.log10(power)
        assert ulp_errors(fused, 10 * np.log10(power.astype(np.float64))).max() <= 2.0
        assert np.isnan(fused).sum() == np.isnan(want).sum()


def test_log1p_of_exp_in_one_graph():
    """log1p and log after other ops (their inputs computed in the same kernel), twice:
    the second run comes from the compile cache."""
    x = np.linspace(-5, 5, 4099, dtype=F32)
    for _ in range(2):
        a = ovnp.asarray(x)
        got = ovnp.log1p(ovnp.exp(a)).to_numpy()
        want = np.log1p(np.exp(x))
        exp32 = ovnp.exp(a).to_numpy()         # OpenVINO's exp: not NumPy's to the bit
        assert ulp_errors(got, np.log1p(exp32.astype(np.float64))).max() <= BOUND["log1p"]
        _same(got, ovnp.log1p(ovnp.asarray(exp32)).to_numpy())
        assert ulp_errors(want, np.log1p(np.exp(x).astype(np.float64))).max() <= 2
        got = ovnp.log(ovnp.abs(a) + 1).to_numpy()
        plus_one = (np.abs(x) + F32(1)).astype(np.float64)          # rounded as ovnp's
        assert ulp_errors(got, np.log(plus_one)).max() <= 1.0


@pytest.mark.parametrize("shape", [(), (1,), (3,), (2, 3)])
def test_small_shapes(shape):
    x = np.full(shape, 3.5, F32)
    for name in LOGS:
        got = getattr(ovnp, name)(ovnp.asarray(x))
        assert got.shape == shape
        ref = getattr(np, name)(x.astype(np.float64))
        assert ulp_errors(np.asarray(got.to_numpy()).reshape(-1), ref.reshape(-1)).max() <= 1


@pytest.mark.parametrize("name", LOGS)
def test_small_arrays_use_openvinos_op_with_numpys_specials(name, monkeypatch):
    assert_specials_of_op(name, SPECIAL, monkeypatch)
