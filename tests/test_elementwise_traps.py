"""Each OpenVINO trap found for the elementwise family, pinned by name (issue 3)."""

import numpy as np
import pytest

import ovnp
from strategies import assert_same, same_error

f32, f16 = np.float32, np.float16
u32 = np.uint32


def A(values, dtype):
    return ovnp.asarray(np.array(values, dtype=dtype))


def both(name, *args, ulp=4):
    got = getattr(ovnp, name)(*(ovnp.asarray(a) for a in args))
    with np.errstate(all="ignore"):
        want = getattr(np, name)(*args)
    assert_same(got, want, ulp=ulp)


def test_floor_divide_follows_divisor_sign():
    assert int(A(-7, np.int32) // 2) == -4
    a, b = np.array([-7, 7, -7, 7], np.int32), np.array([2, 2, -2, -2], np.int32)
    both("floor_divide", a, b)
    both("remainder", a, b)
    both("fmod", a, b)
    for t in (np.int8, np.int16, np.int32):
        both("floor_divide", a.astype(t), b.astype(t))
        both("remainder", a.astype(t), b.astype(t))


def test_narrow_ints_wrap_instead_of_saturating():
    assert int(A([200], np.uint8)[0:1].sum() if False else (A(200, np.uint8) + A(100, np.uint8))) == 44
    for name in ("add", "subtract", "multiply"):
        both(name, np.array([200, 100, 0], np.uint8), np.array([100, 200, 255], np.uint8))
        both(name, np.array([-100, 100, 127], np.int8), np.array([100, -100, 2], np.int8))
    both("absolute", np.array([-128, 5], np.int8))       # OpenVINO gives 127
    both("negative", np.array([-128, 5], np.int8))       # OpenVINO gives 127
    both("negative", np.array([0, 5, 255], np.uint8))    # OpenVINO refuses to compile
    both("negative", np.array([0, 5, 2**32 - 1], u32))


def test_maximum_minimum_propagate_nan_fmax_fmin_ignore_it():
    x, y = np.array([np.nan, 1, np.nan, 2], f32), np.array([1, np.nan, np.nan, 1], f32)
    assert np.isnan(float(ovnp.maximum(A(np.nan, f32), 1)))
    for name in ("maximum", "minimum", "fmax", "fmin"):
        both(name, x, y)
        both(name, x.astype(f16), y.astype(f16))


def test_log10_reference_case():
    x = np.array([0, -0.0, -1, np.inf, np.nan, 1e-45, 1e-40, 1e-38, 1, 10, 100, 1000, 1e10, 1e30,
                  3.4e38], f32)
    assert float(ovnp.log10(A(0.0, f32))) == -np.inf
    assert np.isnan(float(ovnp.log10(A(-1.0, f32))))
    got = ovnp.log10(ovnp.asarray(x)).to_numpy()
    want = np.log10(x)
    finite = np.isfinite(want)
    assert (np.abs(got[finite] - want[finite]) <= np.spacing(np.abs(want[finite]))).all()
    assert np.array_equal(got[~finite], want[~finite], equal_nan=True)
    assert abs(float(ovnp.log10(A(1000.0, f32))) - 3.0000002) <= np.spacing(f32(3))
    both("log2", x)
    both("log1p", np.array([1e-10, -1e-10, 1e-30, -0.0, -1, -2, 1e38, np.inf], f32))
    both("expm1", np.array([1e-10, -1e-10, 1e-30, -0.0, 100, -100, np.inf, -np.inf, np.nan], f32))


def test_exp_of_nan_is_nan():
    # OpenVINO's Exp gives inf for NaN
    both("exp", np.array([np.nan, 0, 1], f32))
    both("exp", np.array([np.nan, 0, 1], f16))


def test_python_int_base_to_uint32_powers_wraps():
    """Issue 12 (sweep): a Python int base to a uint32 array power saturated, its uint32
    Constant squared in the plugin: 255 ** asarray(uint32 [5]) gave 2147483393."""
    e = np.array([5, 3, 0, 31, 2**31 + 5, 2**32 - 1], u32)
    for base in (255, 3, 2654435761, 2**32 - 1, 0, 1):
        both("power", np.full(e.shape, base, u32), e)
        assert_same(ovnp.power(base, ovnp.asarray(e)), np.power(base, e))
        assert_same(base ** ovnp.asarray(e), base ** e)


def test_exp_and_logaddexp_keep_subnormal_results():
    """Issue 12 (sweep): OpenVINO's Exp flushes subnormal results to 0: exp(-90) was 0
    (NumPy 8.194009e-40), and logaddexp(0, -90) with it."""
    x = np.array([-87.0, -87.5, -88, -90, -100, -103, -103.9, -104, -120, -np.inf], f32)
    got, want = ovnp.exp(ovnp.asarray(x)).to_numpy(), np.exp(x)
    np.testing.assert_array_less(np.abs(got - want), 3 * np.spacing(want) + 1e-45)
    assert (got[want > 0] > 0).all()
    zeros = np.zeros_like(x)
    got = ovnp.logaddexp(ovnp.asarray(zeros), ovnp.asarray(x)).to_numpy()
    np.testing.assert_array_less(np.abs(got - np.logaddexp(zeros, x)), 3 * np.spacing(want) + 1e-45)
    both("logaddexp2", zeros, x * f32(1.4427))


@pytest.mark.parametrize("name", ["equal", "not_equal", "less", "less_equal", "greater",
                                  "greater_equal"])
def test_comparisons_with_nan(name):
    # OpenVINO's Greater/GreaterEqual say True whenever a NaN is involved.
    x = np.array([np.nan, np.nan, 1, 2, np.inf, -0.0], f32)
    y = np.array([2, np.nan, np.nan, 1, np.nan, 0.0], f32)
    both(name, x, y)
    both(name, x.astype(f16), y.astype(f16))
    assert bool(getattr(ovnp, name)(A(np.nan, f32), 2)) == bool(getattr(np, name)(np.nan, 2))


def test_uint32_above_2_31_is_unsigned():
    a = np.array([3_000_000_000, 5, 2**32 - 1, 2**31, 7, 0], u32)
    b = np.array([5, 3_000_000_000, 2**31, 2**31 - 1, 0, 3_000_000_000], u32)
    for name in ("greater", "less", "greater_equal", "less_equal", "maximum", "minimum",
                 "floor_divide", "remainder", "fmod", "right_shift", "left_shift", "gcd"):
        both(name, a, b % 40 if "shift" in name else b)
    both("sign", a)
    both("bitwise_count", a)


def test_integer_division_by_zero_gives_zero():
    for t in (np.int8, np.uint8, np.int16, np.uint16, np.int32, u32):
        a, b = np.array([7, 0, 1], t), np.array([0, 0, 0], t)
        for name in ("floor_divide", "remainder", "fmod"):
            both(name, a, b)


def test_int_min_floor_divided_by_minus_one_wraps():
    for t in (np.int8, np.int16, np.int32):
        info = np.iinfo(t)
        both("floor_divide", np.array([info.min, info.min], t), np.array([-1, 1], t))
        both("remainder", np.array([info.min], t), np.array([-1], t))


def test_negative_integer_power_raises_value_error():
    same_error(lambda: ovnp.power(A([2, 3], np.int32), -1),
               lambda: np.power(np.array([2, 3], np.int32), -1))
    same_error(lambda: A([2, 3], np.int32) ** A([1, -1], np.int32),
               lambda: np.array([2, 3], np.int32) ** np.array([1, -1], np.int32))
    # integer powers wrap (OpenVINO's Power on ints saturates)
    both("power", np.array([7, 3, -3, 2, 0], np.int32), np.array([20, 3, 3, 31, 0], np.int32))
    both("power", np.array([7, 3, 200], np.uint8), np.array([5, 7, 2], np.uint8))


def test_shifts_by_the_width_or_more():
    for t in (np.int8, np.uint8, np.int16, np.uint16, np.int32, u32):
        bits = np.dtype(t).itemsize * 8
        a = np.array([1, 3, np.iinfo(t).max, np.iinfo(t).min, 5, 1], t)
        b = np.array([0, bits - 1, bits, bits + 1, 1, bits * 2], t)
        both("left_shift", a, b)
        both("right_shift", a, b)
    both("right_shift", np.array([-8, -1], np.int32), np.array([40, 1], np.int32))


def test_casts_match_numpy():
    x = np.array([np.nan, 0.5, -0.0, 0.0, np.inf, -2.7, 1e-45], f32)
    # OpenVINO's Convert makes NaN False; NumPy's bool(nan) is True
    assert_same(ovnp.asarray(x).astype(bool), x.astype(bool))
    assert_same(ovnp.asarray(x.astype(f16)).astype(bool), x.astype(f16).astype(bool))
    y = np.array([2.7, -2.7, 100.5, -100.5, 0], f32)
    for t in (np.int8, np.int16, np.int32, np.uint8, np.uint16):
        assert_same(ovnp.asarray(y).astype(t), y.astype(t))
    assert_same(ovnp.asarray(np.array([True, False])).astype(f32), np.array([1, 0], f32))


def test_isfinite_of_subnormal():
    # OpenVINO's IsFinite says False for subnormals
    both("isfinite", np.array([1e-45, -1e-45, 1e-40, np.inf, np.nan], f32))


def test_fmod_by_infinity_keeps_the_dividend():
    both("fmod", np.array([3, -3, np.inf], f32), np.array([np.inf, -np.inf, 2], f32))
    both("remainder", np.array([3, -3, 0, -0.0], f32), np.array([np.inf, np.inf, -2, 2], f32))
    both("floor_divide", np.array([3, -3, 1, 0, -0.0], f32), np.array([np.inf, np.inf, 0, 0, 5], f32))


def test_signed_zeros():
    z = np.array([-0.0, 0.0, -0.5, 0.5], f32)
    for name in ("negative", "floor", "ceil", "trunc", "rint", "absolute", "sign", "sqrt",
                 "signbit", "sin", "tanh", "arctan"):
        got = getattr(ovnp, name)(ovnp.asarray(z)).to_numpy()
        want = getattr(np, name)(z)
        np.testing.assert_allclose(got, want, rtol=1e-6)
        assert np.array_equal(np.signbit(got), np.signbit(want)), name
    y = np.array([0.0, -0.0, 0.0, -0.0, 1, -1, np.inf, -np.inf], f32)
    x = np.array([0.0, 0.0, -0.0, -0.0, -np.inf, -np.inf, np.inf, -np.inf], f32)
    got = ovnp.arctan2(ovnp.asarray(y), ovnp.asarray(x)).to_numpy()
    want = np.arctan2(y, x)
    assert np.allclose(got, want) and np.array_equal(np.signbit(got), np.signbit(want))


def test_float16_rounds_like_numpy():
    a = np.array([2049, 0.1, 65504, 1e-7, 3.14], f16)
    b = np.array([1, 0.2, 16, 3e-5, 2.71], f16)
    for name in ("add", "subtract", "multiply", "divide", "power", "hypot", "arctan2"):
        got = getattr(ovnp, name)(ovnp.asarray(a), ovnp.asarray(b)).to_numpy()
        with np.errstate(all="ignore"):
            want = getattr(np, name)(a, b)
        assert got.dtype == np.float16
        assert np.array_equal(got, want, equal_nan=True), (name, got, want)


def test_divide_by_subnormal():
    both("divide", np.array([0, 1e-45, 1], f32), np.array([1e-45, 1e-45, 1e-40], f32))


def test_uint32_to_float_inside_a_fused_graph_is_unsigned():
    """Trap: fused with a concat or select, Convert u32 -> f32 read 4294967295 as -1."""
    a = np.array([4294967295, 2**31, 5, 2**31 + 1, 2**32 - 129], np.uint32)
    x = ovnp.asarray(a)
    fused = ovnp.concatenate([ovnp.where(x > 0, x, x), ovnp.asarray(np.array([np.nan], np.float16))])
    want = np.concatenate([a, np.array([np.nan], np.float16)])
    np.testing.assert_array_equal(fused.to_numpy()[:5], want[:5].astype(np.float32))
    assert fused.dtype == np.float32


def _fibonacci_pairs(bound):
    pairs, (a, b) = [], (1, 2)
    while b <= bound:
        pairs.append((b, a))
        a, b = b, a + b
    return pairs


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int16, np.uint16, np.int32, u32],
                         ids=str)
def test_gcd_lcm_worst_cases(dtype):
    """Euclid's longest runs (consecutive Fibonacci numbers, Lame) up to the dtype's
    range and up to 2**23, the float32 steps' exact range, where int32 values are
    guarded over to exact integer steps; INT_MIN, zeros and broadcasting."""
    info = np.iinfo(dtype)
    top = int(info.max)
    pairs = _fibonacci_pairs(top) + [(top, top - 1), (0, 0), (top, 0), (0, 7), (12, 18),
                                     (top, top), (top, 5), (0, top)]
    if info.min < 0:
        pairs += [(int(info.min), 0), (int(info.min), int(info.max)), (int(info.min), -6),
                  (-12, 18)]
    a, b = (np.array(v, dtype) for v in zip(*pairs))
    small = (np.abs(a.astype(np.int64)) < 2**23) & (np.abs(b.astype(np.int64)) < 2**23)
    for name in ("gcd", "lcm"):
        both(name, a[small], b[small])     # float steps only
        both(name, a, b)                   # int32: beyond 2**23, the exact twin
        for k in np.flatnonzero(~small):   # alone, each must fire the guard itself
            both(name, a[k:k + 1], b[k:k + 1])
        both(name, a[:3, None], b[None, :4])   # broadcast (Loop state has one shape)
        both(name, a[5], b[5])             # 0-d
