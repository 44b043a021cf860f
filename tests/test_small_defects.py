"""Reproducers of issue 12 item 7's smaller defects (each failed before its fix)."""

import numpy as np
import pytest

import ovnp
from strategies import assert_same


def _bits(x):
    return np.asarray(x, np.float32).view(np.uint32)


@pytest.mark.parametrize("expr", [
    lambda a: 0.0 - a, lambda a: -a + 0.0, lambda a: a * 2.0 + 0.0, lambda a: 0.0 + a,
    lambda a: a - (-0.0), lambda a: a + 0.0, lambda a: -0.0 - a, lambda a: a - 0.0,
])
def test_signed_zeros_of_additions_with_zero_constants(expr):
    """The CPU plugin drops `+ 0.0` and rewrites `0.0 - x` as Negative(x)."""
    x = np.array([0.0, -0.0, 1.0, -1.0, np.inf, 1e-45], np.float32)
    for dtype in (np.float32, np.float16):
        got = expr(ovnp.asarray(x.astype(dtype))).to_numpy()
        want = expr(x.astype(dtype))
        assert np.array_equal(got.view(f"u{got.itemsize}"), want.view(f"u{want.itemsize}")), \
            (got, want)


def test_spacing_of_negative_zero_is_positive():
    for dtype in (np.float32, np.float16):
        x = np.array([-0.0, 0.0], dtype)
        assert np.array_equal(ovnp.spacing(ovnp.asarray(x)).to_numpy(), np.spacing(x))


def test_where_and_masked_writes_on_booleans():
    """A Select of booleans failed to compile (u8 against boolean)."""
    c, y = np.array([True, False]), np.array([False, True])
    C, Y = ovnp.asarray(c), ovnp.asarray(y)
    assert_same(ovnp.where(C, C, Y), np.where(c, c, y))
    assert_same(ovnp.where(C, Y, C), np.where(c, y, c))
    Z, z = ovnp.asarray(y), y.copy()
    Z[Z] = False
    z[z] = False
    assert_same(Z, z)


@pytest.mark.parametrize("fn, args", [
    ("argsort", ()), ("argpartition", (0,)), ("nanmean", ()), ("nanvar", ()), ("nanstd", ()),
])
@pytest.mark.parametrize("axis", [0, -1])
def test_zero_d_inputs_take_axis_zero_as_numpy_does(fn, args, axis):
    a = np.array(3.0, np.float32)
    assert_same(getattr(ovnp, fn)(ovnp.asarray(a), *args, axis=axis),
                getattr(np, fn)(a, *args, axis=axis))
    with pytest.raises(np.exceptions.AxisError):
        getattr(ovnp, fn)(ovnp.asarray(a), *args, axis=1)


def test_cumulative_sum_of_a_zero_d_array():
    a = np.array(3.0, np.float32)
    assert_same(ovnp.cumulative_sum(ovnp.asarray(a)), np.cumulative_sum(a))
    assert_same(ovnp.cumulative_prod(ovnp.asarray(a), include_initial=True),
                np.cumulative_prod(a, include_initial=True))


def test_out_may_be_a_numpy_array():
    out = np.zeros(2)
    r = ovnp.add(ovnp.asarray([1.0, 2.0]), 1, out=out)
    assert r is out and out.tolist() == [2.0, 3.0]
    ovnp.multiply(ovnp.asarray([1.0, 2.0]), 3, out=out, where=ovnp.asarray([True, False]))
    assert out.tolist() == [3.0, 3.0]
    with pytest.raises(np._core._exceptions._UFuncOutputCastingError):
        ovnp.add(ovnp.asarray([1.0]), 1, out=np.zeros(1, np.int32))
    frozen = np.zeros(1)
    frozen.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        ovnp.add(ovnp.asarray([1.0]), 1, out=frozen)


def test_operands_ovnp_cannot_hold_raise_numpys_error():
    with pytest.raises(np._core._exceptions._UFuncNoLoopError) as got:
        ovnp.asarray([1.0]) + "x"
    with pytest.raises(np._core._exceptions._UFuncNoLoopError) as want:
        np.float32([1.0]) + "x"
    assert str(got.value) == str(want.value)
    with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for \+"):
        ovnp.add(None, 1)
    with pytest.raises(ovnp._dtypes.DTypePolicyError):   # NumPy computes this one
        ovnp.add(np.array([1, 2], object), 1)


def test_degrees_and_radians_use_numpys_float32_constants():
    """NumPy's float32 rad2deg multiplies by 180.0f / (float)pi (found by the sweep:
    float32(180 / pi) made 80% of degrees(x) 1 ulp off)."""
    x = (np.random.default_rng(0).standard_normal(1000) * 1000).astype(np.float32)
    for name in ("degrees", "rad2deg", "radians", "deg2rad"):
        got = getattr(ovnp, name)(ovnp.asarray(x) * 1).to_numpy()
        np.testing.assert_array_equal(got, getattr(np, name)(x))
    i16 = np.array([-23175, 5, 32767], np.int16)
    np.testing.assert_array_equal(ovnp.degrees(ovnp.asarray(i16)).to_numpy(), np.degrees(i16))


@pytest.mark.parametrize("axis", [0, -1, 1, None])
@pytest.mark.parametrize("repeats", [0, 2, [3]])
def test_repeat_of_a_0d_array_along_axis_0(axis, repeats):
    # Reproducer (sweep): repeat(0-d, 2, axis=0) is NumPy's [x, x]; ovnp raised AxisError.
    x = np.asarray(np.uint8(3))
    try:
        want = np.repeat(x, repeats, axis=axis)
    except np.exceptions.AxisError:
        with pytest.raises(np.exceptions.AxisError):
            ovnp.repeat(ovnp.asarray(x), repeats, axis=axis)
        return
    assert_same(ovnp.repeat(ovnp.asarray(x), repeats, axis=axis), want)
