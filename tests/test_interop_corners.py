"""Interop corners (issue 15 item 8): pandas objects keep their index (ovnp defers to
their __array_ufunc__ as NumPy does), NumPy functions called with arguments ovnp cannot
hold are NumPy's to compute (matplotlib's bar), and device="cpu" is accepted."""

import warnings

import numpy as np
import pytest

import ovnp

pd = pytest.importorskip("pandas")


def _series():
    return pd.Series([1.0, 2.0, 3.0], index=["a", "b", "c"])


@pytest.mark.parametrize("op", [lambda x, s: x + s, lambda x, s: s + x, lambda x, s: x * s,
                                lambda x, s: x < s, lambda x, s: np.add(x, s)],
                         ids=["ovnp+series", "series+ovnp", "ovnp*series", "ovnp<series",
                              "numpy.add"])
def test_arithmetic_with_a_series_keeps_the_index_as_numpy_does(op):
    values = np.array([10.0, 20.0, 30.0], np.float32)
    got, want = op(ovnp.asarray(values), _series()), op(values, _series())
    assert type(got) is type(want) is pd.Series
    assert got.index.equals(want.index)
    np.testing.assert_allclose(got.to_numpy(dtype=float), want.to_numpy(dtype=float))


def test_ovnp_ufuncs_defer_to_the_series():
    got = ovnp.sin(_series())
    assert type(got) is pd.Series and list(got.index) == ["a", "b", "c"]
    assert type(ovnp.add(ovnp.arange(3), _series())) is pd.Series


def test_pandas_refuses_an_ovnp_boolean_mask_and_a_numpy_copy_works():
    # pandas takes a boolean mask only from NumPy arrays, pandas objects, extension
    # arrays and lists; any other array is read as labels (docs/interop.md).
    mask = ovnp.asarray([True, False, True])
    with pytest.raises(KeyError):
        _series()[mask]
    assert _series()[np.asarray(mask)].tolist() == [1.0, 3.0]
    assert _series()[list(mask)].tolist() == [1.0, 3.0]


def test_numpy_functions_with_arguments_ovnp_cannot_hold_are_numpys():
    x = ovnp.asarray([1.0, 2.0])
    with pytest.warns(ovnp.NumPyFallbackWarning, match="cannot hold"):
        got = np.broadcast_arrays(x, 0.8, None)
    want = np.broadcast_arrays(np.asarray(x), 0.8, None)
    assert len(got) == 3 and got[2].dtype == object and got[2].tolist() == [None, None]
    np.testing.assert_array_equal(np.asarray(got[1]), want[1].astype(np.float32))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ovnp.NumPyFallbackWarning)
        assert np.add(x, np.array([1, 2], dtype=object)).tolist() == [2.0, 4.0]
    with pytest.raises(TypeError, match="ovnp does not support dtype object"):
        ovnp.broadcast_arrays(x, None)      # ovnp's own function still refuses


def test_matplotlib_plots_ovnp_arrays():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ovnp.NumPyFallbackWarning)
        assert len(ax.bar(ovnp.arange(3), ovnp.asarray([1.0, 2.0, 3.0]))) == 3
        ax.plot(ovnp.arange(3), ovnp.asarray([1.0, 2.0, 3.0]))
        ax.scatter(ovnp.arange(3), ovnp.asarray([3.0, 2.0, 1.0]))
        ax.hist(ovnp.asarray([1.0, 2.0, 2.0, 3.0]))
        ax.errorbar(ovnp.arange(3), ovnp.ones(3), yerr=ovnp.asarray([0.1, 0.2, 0.1]))
        ax.imshow(ovnp.ones((3, 3)))
    fig.canvas.draw()
    plt.close(fig)


@pytest.mark.parametrize("spelling", ["cpu", "CPU", "Cpu"])
def test_device_cpu_spelling(spelling):
    assert ovnp.asarray([1.0], device=spelling).device == "CPU"
    assert ovnp.zeros(2, device=spelling).device == "CPU"
    assert ovnp.ones(2).to_device(spelling).device == "CPU"
    with ovnp.default_device(spelling):
        assert ovnp.arange(2).device == "CPU"
    with pytest.raises(ValueError, match="not available"):
        ovnp.zeros(2, device="tpu")
