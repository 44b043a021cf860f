"""ravel returns a view exactly where NumPy's does (writes through it reach the base)."""

import numpy as np
import pytest

import ovnp

_LAYOUTS = {
    "flip": lambda m, x: m.flip(x),
    "transpose": lambda m, x: x.reshape(2, 6).T,
    "contiguous": lambda m, x: x.reshape(3, 4),
    "permuted": lambda m, x: x.reshape(2, 2, 3).transpose(1, 0, 2),
    "step slice": lambda m, x: x[::2],
    "reversed columns": lambda m, x: x.reshape(2, 6)[:, ::-1],
    "column slice": lambda m, x: x.reshape(6, 2)[:, :1],
    "row tails": lambda m, x: x.reshape(2, 6)[:, 1:],
}
# Basic-index views do not record their strides yet (the a[idx] machinery is being
# rewritten for slices in the graph); their ravel is a view where NumPy's is a copy.
_INDEX_VIEWS = {"step slice", "reversed columns", "column slice", "row tails"}


@pytest.mark.parametrize("layout", [
    pytest.param(k, marks=pytest.mark.xfail(strict=True, reason="basic-index views keep no strides"))
    if k in _INDEX_VIEWS else k for k in _LAYOUTS])
def test_ravel_writes_through_only_where_numpy_does(layout):
    for order in "CFAK":
        xn = np.arange(12, dtype=np.float32)
        xo = ovnp.asarray(xn.copy())
        rn = np.ravel(_LAYOUTS[layout](np, xn), order=order)
        ro = ovnp.ravel(_LAYOUTS[layout](ovnp, xo), order=order)
        rn += 100
        ro += 100
        assert np.array_equal(ro.to_numpy(), rn), order
        assert np.array_equal(xo.to_numpy(), xn), order
