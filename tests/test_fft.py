"""ovnp.fft's helpers against numpy.fft: fftfreq, rfftfreq (host data), fftshift and
ifftshift (lazy rolls). The transforms are tested in test_fft_transforms.py."""

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


def test_numpy_fft_on_ovnp_arrays_dispatches_to_ovnp_fft():
    x = ovnp.asarray([0.0, 1.0, 2.0, 3.0])
    assert_same(np.fft.fftshift(x), np.fft.fftshift(np.asarray([0.0, 1.0, 2.0, 3.0], F32)))
