"""ovnp.lib.stride_tricks.sliding_window_view against NumPy's (issue 14 item 5): every
window shape and axis, basic indexing of the windows (folded into the strided gather,
so windows[::hop] gathers only those frames), read-only writes, errors, dtypes."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import ovnp
from strategies import ALL_DTYPES, arrays, same_error, shapes

swv_np = np.lib.stride_tricks.sliding_window_view
swv = ovnp.lib.stride_tricks.sliding_window_view


@settings(max_examples=40)
@given(arrays(shape=shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
              dtypes=ALL_DTYPES + [np.dtype(np.complex64)]), st.data())
def test_windows_and_their_basic_indexing_match_numpy(a, data):
    k = data.draw(st.integers(1, a.ndim))
    axis = tuple(data.draw(st.lists(st.integers(-a.ndim, a.ndim - 1), min_size=k, max_size=k)))
    window = tuple(data.draw(st.integers(0, 3)) for _ in axis)
    use_axis = data.draw(st.booleans()) or len(window) != a.ndim
    x = ovnp.asarray(a)
    try:
        want = swv_np(a, window, axis if use_axis else None)
    except Exception:  # noqa: BLE001
        same_error(lambda: swv(x, window, axis if use_axis else None),
                   lambda: swv_np(a, window, axis if use_axis else None))
        return
    got = swv(x, window, axis if use_axis else None)
    assert got.shape == want.shape and got.dtype == ovnp._dtypes.canonical(want.dtype)
    np.testing.assert_array_equal(got.to_numpy(), want)
    if want.ndim and want.shape[0]:
        step = data.draw(st.integers(1, 4))
        start = data.draw(st.integers(-want.shape[0], want.shape[0] - 1))
        index = (slice(start, None, step),) + (slice(None, None, -1),) * (want.ndim > 1)
        np.testing.assert_array_equal(got[index].to_numpy(), want[index])
        np.testing.assert_array_equal(got[0].to_numpy(), want[0])
        np.testing.assert_array_equal((got[::2] * 1).to_numpy(), want[::2] * 1)


def test_stft_framing_is_one_lazy_gather_of_the_frames():
    x = np.arange(10000, dtype=np.float32)
    frames = swv(ovnp.asarray(x), 512)[::160]
    node = frames._node
    assert node.op == "as_strided" and node.shape == (60, 512)
    assert node.attrs == ((160, 1), 0)                 # strides and offset: no host positions
    np.testing.assert_array_equal(frames.to_numpy(), swv_np(x, 512)[::160])
    np.testing.assert_array_equal((frames * 2).to_numpy(), swv_np(x, 512)[::160] * 2)


def test_windows_follow_their_base_and_are_read_only():
    a = ovnp.asarray(np.arange(8, dtype=np.float32))
    w = swv(a, 3)
    a += 1                                             # a view sees writes to its base
    np.testing.assert_array_equal(w.to_numpy(), swv_np(np.arange(8, dtype=np.float32) + 1, 3))
    for write in (lambda: w.__setitem__((0, 0), 5), lambda: w[::2].__setitem__(0, 5)):
        same_error(write, lambda: swv_np(np.arange(8.0), 3).__setitem__((0, 0), 5))
    with pytest.raises(NotImplementedError):
        swv(a, 3, writeable=True)


def test_errors_match_numpy():
    a = np.ones((4, 5))
    x = ovnp.asarray(a)
    for args in [((6,), 0), ((2, 2, 2), None), ((-1,), 0), ((2,), 2), ((2,), (0, 1))]:
        same_error(lambda: swv(x, *args), lambda: swv_np(a, *args))
