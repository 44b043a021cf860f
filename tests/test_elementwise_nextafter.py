"""nextafter, bit for bit against NumPy: every pair of the float grid's landmarks (zeros of
both signs, subnormals, the normal boundary, max, infinities, NaN in either argument), and
hypothesis draws over the same values. -0.0 and 0.0 are different answers here."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import FLOAT_DTYPES, arrays, elements

_UINT = {np.dtype(np.float16): np.uint16, np.dtype(np.float32): np.uint32}


def _landmarks(dtype):
    fi = np.finfo(dtype)
    sub = fi.smallest_subnormal
    vals = [np.nan, np.inf, -np.inf, 0.0, -0.0, fi.max, -fi.max, fi.tiny, -fi.tiny,
            sub, -sub, 2 * sub, fi.tiny - sub, -(fi.tiny - sub), 1.0, -1.0, 0.5, 2.0, -2.0,
            3.0, fi.max / 2, np.nextafter(fi.max, fi.max.dtype.type(0))]
    return np.array(vals, dtype)


def _bits_equal(got, want):
    """Same bits, or both NaN (NaN payloads and signs are not compared)."""
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    u = _UINT[want.dtype]
    same = (got.view(u) == want.view(u)) | (np.isnan(got) & np.isnan(want))
    bad = np.nonzero(~same.reshape(-1))[0]
    assert bad.size == 0, [(float(g), float(w)) for g, w in
                           zip(got.reshape(-1)[bad][:8], want.reshape(-1)[bad][:8])]


def _check(a, b):
    with np.errstate(all="ignore"):
        want = np.nextafter(a, b)
    got = ovnp.nextafter(ovnp.asarray(a), ovnp.asarray(b))
    assert isinstance(got, ovnp.ndarray)
    _bits_equal(got.to_numpy(), want)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=str)
def test_nextafter_every_pair_of_landmarks(dtype):
    v = _landmarks(dtype)
    _check(np.repeat(v, v.size), np.tile(v, v.size))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=str)
def test_nextafter_from_infinity_is_the_largest_finite(dtype):
    # C99 and NumPy: x + ulp would leave an infinity where it is
    a = np.array([np.inf, -np.inf, np.inf, -np.inf], dtype)
    b = np.array([0.0, 0.0, -np.inf, np.inf], dtype)
    got = ovnp.nextafter(ovnp.asarray(a), ovnp.asarray(b)).to_numpy()
    big = np.finfo(dtype).max
    assert got.tolist() == [big, -big, big, -big]


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=str)
def test_nextafter_from_minus_smallest_subnormal_toward_zero_is_minus_zero(dtype):
    # -s + s rounds to +0.0 in IEEE arithmetic; nextafter keeps the sign: -0.0
    s = np.finfo(dtype).smallest_subnormal
    got = ovnp.nextafter(ovnp.asarray(np.array([-s, s], dtype)),
                         ovnp.asarray(np.array([1.0, -1.0], dtype))).to_numpy()
    assert got.tolist() == [0.0, 0.0] and np.signbit(got).tolist() == [True, False]


def test_nextafter_of_equal_zeros_follows_numpy_per_dtype():
    # C (float32 loop) returns y; NumPy's half loop returns x
    a, b = np.array([0.0, -0.0]), np.array([-0.0, 0.0])
    for dtype, sign in ((np.float32, [True, False]), (np.float16, [False, True])):
        got = ovnp.nextafter(ovnp.asarray(a.astype(dtype)), ovnp.asarray(b.astype(dtype)))
        assert np.signbit(got.to_numpy()).tolist() == sign
        assert np.signbit(np.nextafter(a.astype(dtype), b.astype(dtype))).tolist() == sign


@given(a=arrays(dtypes=FLOAT_DTYPES, shape=st.sampled_from([(), (0,), (5,), (2, 3)])),
       data=st.data())
def test_nextafter_matches_numpy_bit_for_bit(a, data):
    b = data.draw(arrays(dtype=a.dtype, shape=st.sampled_from([a.shape, a.shape[-1:], ()])),
                  label="b")
    _check(a, b)


@given(data=st.data())
def test_nextafter_steps_once_and_back(data):
    # a walk of one step away and one step back returns to the start (finite starts)
    dtype = data.draw(st.sampled_from(FLOAT_DTYPES))
    a = data.draw(arrays(dtype=dtype, shape=(6,),
                         elements_of=lambda d: elements(d).filter(np.isfinite)), label="a")
    toward = np.array(data.draw(st.sampled_from([np.inf, -np.inf])), dtype)
    x = ovnp.nextafter(ovnp.asarray(a), ovnp.asarray(toward))
    back = ovnp.nextafter(x, ovnp.asarray(a))
    with np.errstate(all="ignore"):
        want = np.nextafter(np.nextafter(a, toward), a)
    _bits_equal(back.to_numpy(), want)
