"""Shared checks of the fused kernel tests (tests/test_kernels_*.py): bit-for-bit
comparison with NumPy's special values, random float32 bit patterns, ulp errors
(tests/exhaustive/sweep_unary.py's measure), and a fixture that runs the kernels at every
array size."""

import os
import sys

import numpy as np
import pytest

from ovnp import _backend
from ovnp._backend import kernels_log

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "exhaustive"))
from sweep_unary import ulp_errors  # noqa: E402,F401

F32 = np.float32


@pytest.fixture
def kernel_everywhere(monkeypatch):
    """The kernels at every size (small arrays use OpenVINO's op by default); no model
    compiled either way leaks across (the compile key does not see the switch)."""
    _backend.cache_clear()
    monkeypatch.setattr(kernels_log, "KERNEL_MIN", 0)
    yield
    _backend.cache_clear()


def same(got, want):
    """Equal bit for bit where finite or inf (sign of zero included), nan where nan."""
    nan = np.isnan(want)
    assert (np.isnan(got) == nan).all(), (got, want)
    assert (got[~nan] == want[~nan]).all(), (got, want)
    assert (np.signbit(got[~nan]) == np.signbit(want[~nan])).all(), (got, want)


def random_bits(n, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 2 ** 32, n, dtype=np.uint64).astype(np.uint32).view(F32)


def float16_close(got, want):
    """float32 result rounded once: NumPy's float16 answer or its neighbour (double
    rounding), specials exact."""
    assert got.dtype == np.float16
    nan = np.isnan(want)
    assert (np.isnan(got) == nan).all()
    finite = np.isfinite(want)
    diff = np.abs(got[finite].astype(np.float64) - want[finite].astype(np.float64))
    spacing = np.spacing(np.abs(want[finite])).astype(np.float64)
    assert (diff <= spacing).all()
    assert (diff == 0).mean() > 0.999
    inf_or_zero = np.isinf(want) | (want == 0)
    same(got[inf_or_zero], want[inf_or_zero])


def assert_ulp_within(name, x, bound):
    """ovnp's `name` on float32 `x` within `bound` ulp of NumPy's float64 answer (NumPy's
    own float32 error in the message)."""
    import ovnp
    x = x[~np.isnan(x)]
    with np.errstate(all="ignore"):
        ref = getattr(np, name)(x.astype(np.float64))
        theirs = ulp_errors(getattr(np, name)(x), ref).max()
    ours = ulp_errors(getattr(ovnp, name)(ovnp.asarray(x)).to_numpy(), ref)
    assert ours.max() <= bound, (name, x[np.argmax(ours)], ours.max(), theirs)


def assert_specials_of_op(name, x, monkeypatch, bound=None):
    """Arrays under kernels_log.KERNEL_MIN elements (OpenVINO's op, or the kernel where it
    runs at every size) give NumPy's nan, inf and zeros, and within `bound` ulp if given."""
    import ovnp
    monkeypatch.setattr(kernels_log, "KERNEL_MIN", 4096)
    assert len(x) < 4096
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
        ref = getattr(np, name)(x.astype(np.float64))
    got = getattr(ovnp, name)(ovnp.asarray(x)).to_numpy()
    if bound is not None:
        assert ulp_errors(got, ref).max() <= bound
    special = np.isnan(want) | np.isinf(want) | (want == 0)
    same(got[special], want[special])


def fused_subgraphs(compute):
    """The layer kinds (a Counter) of the one model `compute()` compiles (the CPU plugin's
    fused loops are its "Subgraph" layers)."""
    import collections

    from ovnp._backend import compile as _compile
    _compile.cache_clear()
    compute()
    (executable,) = _compile._cache.values()
    ops = executable.compiled.get_runtime_model().get_ordered_ops()
    return collections.Counter(o.get_rt_info()["layerType"].astype(str) for o in ops)
