"""Float division is IEEE-exact, bit for bit NumPy's (issue 12 item 6).

OpenVINO's CPU plugin rewrites a / b as a * (1/b) unless the Divide is marked
non-convertible (lower._exact_float_divides): 1 ulp off in a quarter of cases.
"""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp


def _bits(rng, n):
    return rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32).view(np.float32)


def _same_bits(got, want):
    both_nan = np.isnan(got) & np.isnan(want)
    as_bits = np.dtype(f"u{got.dtype.itemsize}")
    return np.array_equal(got.view(as_bits)[~both_nan], want.view(as_bits)[~both_nan])


def test_five_thirds_reproducer():
    assert ovnp.asarray([5.0]) / 3 == np.float32(5.0) / np.float32(3.0)
    assert (ovnp.asarray([5.0]) / 3).to_numpy()[0] == np.float32(1.6666666)


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_array_by_array_random_bit_patterns(dtype):
    rng = np.random.default_rng(12)
    a, b = _bits(rng, 200_000), _bits(rng, 200_000)
    a, b = a.astype(dtype), b.astype(dtype)
    with np.errstate(all="ignore"):
        want = a / b
    assert _same_bits((ovnp.asarray(a) / ovnp.asarray(b)).to_numpy(), want)


@given(st.floats(width=32, allow_nan=True, allow_infinity=True),
       st.floats(width=32, allow_subnormal=True))
def test_scalar_divisor_and_dividend(x, y):
    rng = np.random.default_rng(3)
    a = np.concatenate([_bits(rng, 1000), np.float32([x, 0.0, -0.0, 1e-45, 3.0])])
    with np.errstate(all="ignore"):
        assert _same_bits((ovnp.asarray(a) / y).to_numpy(), a / np.float32(y))
        assert _same_bits((y / ovnp.asarray(a)).to_numpy(), np.float32(y) / a)


def test_divide_inside_a_fused_chain():
    rng = np.random.default_rng(5)
    a, b = rng.uniform(-10, 10, 100_000).astype(np.float32), \
        rng.uniform(0.1, 10, 100_000).astype(np.float32)
    x, y = ovnp.asarray(a), ovnp.asarray(b)
    got = ((x * 2) / (y + 1) - 1).to_numpy()
    assert _same_bits(got, (a * 2) / (b + 1) - 1)
