"""Every elementwise ufunc on large 1-D arrays, where the engine builds the graph on a
2-D view (lower.parallel_layout: the CPU plugin parallelizes fused kernels over outer
dimensions only). The view must change nothing but the speed: results are compared
bit for bit with the same ufunc on the two halves (below the view's threshold, so
built 1-D), and the ufuncs themselves are checked against NumPy in test_elementwise.
Each half holds the values that fire guards (docs/performance.md): a guard decides
for a whole run, so a half without them would take the fast kernel."""

import numpy as np
import pytest

import ovnp
from ovnp._backend import compile as _compile, lower
from test_elementwise import BINARY, UNARY

N = 40_000      # > 2**15, a multiple of 1000: a (40, 1000) view; halves are 1-D
assert N > lower.PARALLEL_MIN >= N // 2


def _values(dtype, seed):
    rng = np.random.default_rng(seed)
    if dtype.kind == "f":
        a = rng.uniform(-50, 50, N).astype(dtype)
        a[:9] = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-45, 3.0, -1.0, 0.5]
        a[N // 2:N // 2 + 3] = [-np.nan, 1e38, -3e-39]   # (beyond 2**21: both halves
        return a                                       # rerun sin/cos like the whole)
    info = np.iinfo(dtype)
    a = rng.integers(max(info.min, -1000), min(info.max, 1000), N, endpoint=True).astype(dtype)
    a[:4] = a[N // 2:N // 2 + 4] = [info.min, info.max, 0, 1]
    return a


def _bits(x):
    x = np.ascontiguousarray(x)
    return x.view(np.uint8) if x.dtype.kind == "b" else x.view(f"u{x.dtype.itemsize}")


def _run(name, args):
    out = getattr(ovnp, name)(*(ovnp.asarray(a) for a in args))
    return [o.to_numpy() for o in (out if isinstance(out, tuple) else (out,))]


@pytest.mark.parametrize("dtype", [np.dtype(np.float32), np.dtype(np.int32)], ids=str)
@pytest.mark.parametrize("name", UNARY + BINARY)
def test_large_1d_elementwise_is_unchanged_by_the_view(name, dtype):
    args = [_values(dtype, 1)] if name in UNARY else [_values(dtype, 1), _values(dtype, 2)]
    if name in ("left_shift", "right_shift", "ldexp") and dtype.kind == "i":
        args[-1] = np.abs(args[-1]) % 31
    if name in ("power", "float_power") and dtype.kind == "i":
        args[-1] = np.abs(args[-1]) % 5
    try:
        with np.errstate(all="ignore"):
            whole = _run(name, args)
    except TypeError:       # no loop for this dtype (NumPy's error: test_elementwise)
        return
    halves = [_run(name, [a[:N // 2] for a in args]), _run(name, [a[N // 2:] for a in args])]
    for k, got in enumerate(whole):
        want = np.concatenate([halves[0][k], halves[1][k]])
        assert got.dtype == want.dtype and got.shape == (N,)
        assert (_bits(got) == _bits(want)).all(), (name, got[_bits(got) != _bits(want)][:5])


def test_the_view_is_used():
    _compile.cache_clear()
    x = ovnp.asarray(_values(np.dtype(np.float32), 3))
    (ovnp.exp(-x) * 2.0 + ovnp.hypot(x, x)).to_numpy()
    shapes = [s for e in _compile._cache.values() for s, _ in getattr(e, "fast", e).in_specs]
    assert shapes == [(N // 1000, 1000)], shapes
