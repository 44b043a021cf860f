"""An integer reduction followed by integer arithmetic in the same model.

Trap (OpenVINO 2026.4 CPU): the plugin fuses the elementwise op into an integer
Reduce* as a post-op and computes wrong values for some 3-D shapes (ReduceSum over
axis 1 of (2, 5, 3), then + 3). Sort's NaN count hit it: sort(x, axis=1) of any
(2, 5, 4) array was NaN after the first slab, and one NaN in a (2, 1, 3) array made
every later row NaN. lower.build_model fences every integer reduction.
"""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp
from strategies import FLOAT_DTYPES, INT_DTYPES, arrays, assert_same

SHAPES_3D = [(2, 1, 3), (2, 5, 3), (4, 1, 3), (2, 5, 4), (2, 3, 1), (5, 5, 5), (3, 2, 1, 3),
             (2, 1, 5, 1)]


@pytest.mark.parametrize("dtype", [np.int32, np.uint8, np.int16, np.int8, np.uint32])
def test_integer_reduction_then_arithmetic(dtype):
    """Every shape, axis, keepdims and reduction, built as pending graphs that nothing
    else holds (a held intermediate becomes an extra output, which hides the trap) and
    computed together in one model."""
    rng = np.random.default_rng(np.dtype(dtype).num)
    got, want = [], []
    for shape in SHAPES_3D:
        x = rng.integers(1, 3, size=shape).astype(dtype)
        for reduction in ("sum", "prod", "max", "min"):
            for axis in range(len(shape)):
                for keepdims in (False, True):
                    def reduced():
                        return getattr(ovnp, reduction)(ovnp.asarray(x), axis=axis,
                                                        keepdims=keepdims)
                    w = getattr(np, reduction)(x, axis=axis, keepdims=keepdims)
                    got += [(reduced() + 3) * 2 > 7, reduced() - 1]
                    want += [(w + 3) * 2 > 7, w - 1]
    ovnp.compute(*got)
    for g, w in zip(got, want):
        assert_same(g, w)


def test_sort_middle_axis_reproducer():
    x = np.random.default_rng(0).random((2, 5, 4)).astype(np.float32)
    assert_same(ovnp.sort(ovnp.asarray(x), axis=1), np.sort(x, axis=1))
    assert_same(ovnp.argsort(ovnp.asarray(x), axis=1), np.argsort(x, axis=1, kind="stable"))
    assert_same(ovnp.median(ovnp.asarray(x), axis=1), np.median(x, axis=1))


@pytest.mark.parametrize("shape, axis", [((2, 1, 3), -1), ((4, 1, 3), -1), ((2, 3, 1), -2)])
def test_sort_one_nan_reproducer(shape, axis):
    x = np.random.default_rng(1).random(shape).astype(np.float32)
    x.flat[1] = np.nan
    a = ovnp.asarray(x)
    assert_same(ovnp.sort(a, axis=axis), np.sort(x, axis=axis))
    # descending follows array_api_compat: the ascending sort reversed (NaN first)
    assert_same(ovnp.sort(a, axis=axis, descending=True), np.flip(np.sort(x, axis=axis), axis))
    kth = np.take(np.partition(x, 1, axis=axis), 1, axis=axis)
    assert_same(ovnp.take(ovnp.partition(a, 1, axis=axis), 1, axis=axis), kth)
    assert_same(ovnp.percentile(a, 40, axis=axis), np.percentile(x, 40, axis=axis))
    assert_same(ovnp.nanpercentile(a, 40, axis=axis), np.nanpercentile(x, 40, axis=axis))


_order_stats = st.sampled_from(["sort", "argsort", "median", "nanmedian", "quantile",
                                "nanquantile"])


@given(arrays(dtypes=FLOAT_DTYPES + INT_DTYPES,
              shape=hnp.array_shapes(min_dims=3, max_dims=4, min_side=1, max_side=6)),
       _order_stats, st.data())
def test_order_statistics_along_every_axis(x, fn, data):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    a = ovnp.asarray(x)
    if fn == "sort":
        assert_same(ovnp.sort(a, axis=axis), np.sort(x, axis=axis))
    elif fn == "argsort":
        # ties and NaN: NumPy's stable order is the reference
        assert_same(ovnp.argsort(a, axis=axis), np.argsort(x, axis=axis, kind="stable"))
    elif x.dtype.kind == "f":
        q = data.draw(st.sampled_from([0.0, 0.3, 0.5, 1.0]))
        np_fn = {"median": lambda: np.median(x, axis=axis),
                 "nanmedian": lambda: np.nanmedian(x, axis=axis),
                 "quantile": lambda: np.quantile(x, q, axis=axis),
                 "nanquantile": lambda: np.nanquantile(x, q, axis=axis)}[fn]
        ov_fn = {"median": lambda: ovnp.median(a, axis=axis),
                 "nanmedian": lambda: ovnp.nanmedian(a, axis=axis),
                 "quantile": lambda: ovnp.quantile(a, q, axis=axis),
                 "nanquantile": lambda: ovnp.nanquantile(a, q, axis=axis)}[fn]
        with np.errstate(all="ignore"):
            want = np_fn()
        finite = np.abs(x[np.isfinite(x)]).max(initial=0)
        scale = float(np.spacing(np.float32(max(finite, 1))))
        assert_same(ov_fn(), want, atol=4 * scale if np.isfinite(scale) else 0, ulp=4)
