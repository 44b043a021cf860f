"""The sign bit of NaN, against NumPy: signbit(-nan) is True, copysign takes the sign of a
NaN second argument and gives a NaN first argument the sign of the second. OpenVINO has no
bitcast; the lowering reads a NaN's sign through Convert to f4e2m1 (see full_signbit in
ovnp/_backend/lower_float_bits.py). NaN payloads are not compared: copysign's NaN
results are the canonical quiet NaN with the right sign."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import FLOAT_DTYPES, arrays, elements

_UINT = {np.dtype(np.float16): np.uint16, np.dtype(np.float32): np.uint32}


def _nans(dtype):
    """NaNs of both signs with assorted payloads (quiet and signalling bit patterns)."""
    dtype = np.dtype(dtype)
    u = _UINT[dtype]
    bits = 16 if dtype == np.float16 else 32
    mant = 10 if dtype == np.float16 else 23
    exp = ((1 << (bits - 1 - mant)) - 1) << mant
    return st.tuples(st.booleans(), st.integers(1, (1 << mant) - 1)).map(
        lambda sp: np.array((sp[0] << (bits - 1)) | exp | sp[1], u).view(dtype)[()])


def _with_signed_nans(d):
    return st.one_of(elements(d), _nans(d))


def _same_floats(got, want):
    """Same sign bits everywhere, NaN where NumPy has NaN, same bits elsewhere."""
    assert got.dtype == want.dtype
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.array_equal(np.signbit(got), np.signbit(want))
    u = _UINT[want.dtype]
    keep = ~np.isnan(want)
    assert np.array_equal(got.view(u)[keep], want.view(u)[keep])


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=str)
def test_signbit_of_nan_of_either_sign_and_any_payload(dtype):
    u = _UINT[np.dtype(dtype)]
    n = np.array([np.nan, -np.nan, np.inf], dtype)
    n[1] = np.copysign(n[0], -1)
    payloads = np.array([n[0].view(u) | 1, n[0].view(u) ^ (1 << 6), n[1].view(u) | 3,
                         (n[1].view(u) & ~u(1 << (9 if dtype == np.float16 else 22))) | 1],
                        u).view(dtype)                     # the last two: signalling, negative
    a = np.concatenate([n, payloads, -n[2:]])
    assert np.isnan(payloads).all()
    assert ovnp.signbit(ovnp.asarray(a)).tolist() == np.signbit(a).tolist() \
        == [False, True, False, False, False, True, True, True]


@given(a=arrays(dtypes=FLOAT_DTYPES, shape=st.sampled_from([(), (0,), (7,), (3, 5)]),
                elements_of=_with_signed_nans))
def test_signbit_matches_numpy_with_signed_nans(a):
    got = ovnp.signbit(ovnp.asarray(a))
    assert got.dtype == np.bool_ and np.array_equal(got.to_numpy(), np.signbit(a))


@given(a=arrays(dtypes=FLOAT_DTYPES, shape=st.sampled_from([(), (7,), (3, 5)]),
                elements_of=_with_signed_nans), data=st.data())
def test_copysign_matches_numpy_with_signed_nans(a, data):
    b = data.draw(arrays(dtype=a.dtype, shape=st.sampled_from([a.shape, a.shape[-1:], ()]),
                         elements_of=_with_signed_nans), label="b")
    got = ovnp.copysign(ovnp.asarray(a), ovnp.asarray(b))
    assert isinstance(got, ovnp.ndarray)
    _same_floats(got.to_numpy(), np.copysign(a, b))


def test_copysign_of_nan_inside_a_fused_graph():
    # the NaN comes from arithmetic in the same graph and the result feeds more arithmetic
    a = np.array([0.0, 1.0, np.inf, 2.0], np.float32)
    b = np.array([-1.0, -0.0, -1.0, 3.0], np.float32)
    x, y = ovnp.asarray(a), ovnp.asarray(b)
    nan = x * ovnp.asarray(np.float32(np.inf)) - x * ovnp.asarray(np.float32(np.inf))  # 0*inf
    got = ovnp.signbit(ovnp.copysign(nan + 1, y * 2))
    with np.errstate(invalid="ignore"):
        want = np.signbit(np.copysign(a * np.inf - a * np.inf + 1, b * 2))
    assert got.tolist() == want.tolist() == [True, True, True, False]


def test_signbit_of_integers_and_bools_is_unchanged():
    a = np.array([-3, 0, 5], np.int16)
    assert ovnp.signbit(ovnp.asarray(a)).tolist() == [True, False, False]
    assert ovnp.signbit(ovnp.asarray(np.array([True, False]))).tolist() == [False, False]
