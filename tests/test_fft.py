"""ovnp.fft against numpy.fft: the real helpers (lazy), the real-output inverse
transforms (host), and the complex transforms refused by the 32-bit policy."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import arrays, assert_same, same_error, shapes

F32 = np.dtype(np.float32)


@given(st.integers(1, 9), st.sampled_from([1.0, 0.1, 2, 0.3, 1e-3]))
def test_fftfreq_rfftfreq_match_numpy(n, d):
    # exactly NumPy's float64 values rounded once to float32
    for got, want in [(ovnp.fft.fftfreq(n, d), np.fft.fftfreq(n, d)),
                      (ovnp.fft.rfftfreq(n, d), np.fft.rfftfreq(n, d)),
                      (ovnp.fft.fftfreq(np.int64(n)), np.fft.fftfreq(np.int64(n)))]:
        assert got.dtype == F32 and np.array_equal(got.to_numpy(), want.astype(F32))
    lazy = ovnp.fft.fftfreq(n, ovnp.asarray(d))       # d on the device: a lazy product
    assert_same(lazy, np.fft.fftfreq(n, np.float32(d)), rtol=1e-6)


def test_fftfreq_errors_match_numpy():
    for fn in ("fftfreq", "rfftfreq"):
        same_error(lambda: getattr(ovnp.fft, fn)(2.5), lambda: getattr(np.fft, fn)(2.5))
        same_error(lambda: getattr(ovnp.fft, fn)(0), lambda: getattr(np.fft, fn)(0))
    same_error(lambda: ovnp.fft.fftfreq(-3), lambda: np.fft.fftfreq(-3))
    assert ovnp.fft.fftfreq(4).shape == (4,) and ovnp.fft.fftfreq(4).device == "CPU"


@given(arrays(shape=shapes(max_dims=3, max_side=4)), st.data())
def test_fftshift_ifftshift_match_numpy(a, data):
    axes = data.draw(st.one_of(
        st.none(),
        st.integers(-a.ndim, a.ndim - 1) if a.ndim else st.none(),
        st.lists(st.integers(-a.ndim, a.ndim - 1), max_size=2).map(tuple) if a.ndim
        else st.none()))
    x = ovnp.asarray(a)
    try:
        want = np.fft.fftshift(a, axes)
    except Exception:  # noqa: BLE001  (NumPy's roll fails on no axes at all)
        same_error(lambda: ovnp.fft.fftshift(x, axes), lambda: np.fft.fftshift(a, axes))
        same_error(lambda: ovnp.fft.ifftshift(x, axes), lambda: np.fft.ifftshift(a, axes))
        return
    assert_same(ovnp.fft.fftshift(x, axes), want)
    assert_same(ovnp.fft.ifftshift(x, axes), np.fft.ifftshift(a, axes))
    assert_same(ovnp.fft.ifftshift(ovnp.fft.fftshift(x, axes), axes), a)


def test_fftshift_bad_axis_matches_numpy():
    a = np.ones((2, 3))
    same_error(lambda: ovnp.fft.fftshift(ovnp.asarray(a), 2), lambda: np.fft.fftshift(a, 2))


COMPLEX = ["fft", "ifft", "fft2", "ifft2", "fftn", "ifftn", "rfft", "rfft2", "rfftn", "ihfft"]


@pytest.mark.parametrize("name", COMPLEX)
def test_complex_transforms_raise_the_policys_type_error(name):
    x = ovnp.ones((4, 4))
    assert getattr(np.fft, name)(np.ones((4, 4))).dtype.kind == "c"   # NumPy's is complex
    with pytest.raises(TypeError, match="complex.*32-bit policy"):
        getattr(ovnp.fft, name)(x)
    with pytest.raises(ovnp._dtypes.DTypePolicyError):
        getattr(ovnp.fft, name)(np.ones(4))


@given(arrays(shape=st.sampled_from([(1,), (3,), (4,), (2, 3)]), dtypes=[F32],
              elements_of=lambda d: st.floats(-10, 10, width=32)),
       st.sampled_from([None, 1, 4, 5]), st.sampled_from([None, "ortho", "forward"]))
def test_real_output_inverse_transforms_match_numpy(a, n, norm):
    x = ovnp.asarray(a)
    for name in ("irfft", "hfft"):
        fn_np = getattr(np.fft, name)
        try:
            want = fn_np(a, n=n, norm=norm)
        except Exception:  # noqa: BLE001
            same_error(lambda: getattr(ovnp.fft, name)(x, n=n, norm=norm),
                       lambda: fn_np(a, n=n, norm=norm))
            continue
        assert_same(getattr(ovnp.fft, name)(x, n=n, norm=norm), want, rtol=1e-5, atol=1e-4)
    if a.ndim == 2:
        assert_same(ovnp.fft.irfft2(x), np.fft.irfft2(a), rtol=1e-5, atol=1e-5)
        assert_same(ovnp.fft.irfftn(x), np.fft.irfftn(a), rtol=1e-5, atol=1e-5)


def test_numpy_fft_on_ovnp_arrays_dispatches_to_ovnp_fft():
    x = ovnp.asarray([0.0, 1.0, 2.0, 3.0])
    assert_same(np.fft.fftshift(x), np.fft.fftshift(np.asarray([0.0, 1.0, 2.0, 3.0], F32)))
    with pytest.raises(TypeError, match="numpy.fft.fft"):
        np.fft.fft(x)
