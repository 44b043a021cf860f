"""Reproducers of issue 12's integer and miscellaneous defects, each checked against NumPy 2
under the 32-bit policy: where NumPy's int64 result does not fit int32, ovnp raises
OverflowError; where it fits, ovnp's value is NumPy's exactly."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp

I32 = np.iinfo(np.int32)
_INT32S = st.integers(I32.min, I32.max)


def _exact_or_raises(got, exact):
    """got(): ovnp's result; `exact`: NumPy's int64 answer."""
    exact = np.asarray(exact)
    if exact.size and (exact.min() < I32.min or exact.max() > I32.max):
        with pytest.raises(OverflowError, match="32 bits"):
            np.asarray(got())
    else:
        np.testing.assert_array_equal(np.asarray(got()), exact)


# ---------------------------------------------------------------- lcm

def test_lcm_of_int64_origin_values_beyond_int32_raises():
    with pytest.raises(OverflowError, match="lcm"):
        ovnp.lcm(ovnp.asarray([65537]), 65535).to_numpy()     # NumPy: 4295032831
    with pytest.raises(OverflowError, match="lcm"):
        ovnp.lcm(ovnp.asarray([I32.min]), 1).to_numpy()       # 2**31


def test_lcm_of_user_int32_wraps_as_numpys():
    user = np.array([65537], dtype=np.int32)
    np.testing.assert_array_equal(ovnp.lcm(ovnp.asarray(user), 65535).to_numpy(),
                                  np.lcm(user, 65535))


@given(st.lists(st.tuples(_INT32S | st.sampled_from([0, 1, -1, I32.min, I32.max, 46341]),
                          _INT32S | st.integers(-70000, 70000)), min_size=1, max_size=6))
def test_lcm_exact_or_raises(pairs):
    a, b = (np.array(v, dtype=np.int64) for v in zip(*pairs))
    # NumPy's int64 lcm is exact here: an lcm of two int32 values fits int64
    _exact_or_raises(lambda: ovnp.lcm(ovnp.asarray(a), ovnp.asarray(b)), np.lcm(a, b))
