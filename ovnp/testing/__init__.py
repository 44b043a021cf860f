"""ovnp.testing: NumPy's numpy.testing, for ovnp arrays.

Every assertion of numpy.testing, with ovnp arrays in its arguments (at any depth of
lists, tuples and dicts) replaced by their computed values first, so NumPy compares
values it holds and no NumPy function meets an ovnp array. Everything else in
numpy.testing (suppress_warnings, assert_raises, IS_PYPY, ...) is NumPy's own object.
The assertions compare what ovnp computed: ovnp's dtypes (float32 where NumPy has
float64), so tolerances written for float64 results may need float32's.
"""

import functools as _functools
import sys as _sys

import numpy.testing as _npt

from .. import _docs
from .._interop import _to_numpy


def _on_values(assertion):
    @_functools.wraps(assertion)
    def on_values(*args, **kwargs):
        __tracebackhide__ = True    # pytest shows the caller's line, as for NumPy's
        return assertion(*_to_numpy(args), **_to_numpy(kwargs))
    on_values.__module__ = __name__
    return on_values


# The assertions that compare values; assert_raises/assert_warns and friends take a
# callable and are NumPy's own.
_COMPARING = ("assert_equal", "assert_almost_equal", "assert_approx_equal",
              "assert_array_equal", "assert_array_less", "assert_string_equal",
              "assert_array_almost_equal", "assert_array_almost_equal_nulp",
              "assert_array_max_ulp", "assert_allclose", "assert_array_compare", "assert_",
              "print_assert_equal", "build_err_msg")

__all__ = [name for name in _npt.__all__ if hasattr(_npt, name)]
globals().update({name: _on_values(getattr(_npt, name)) if name in _COMPARING
                  else getattr(_npt, name) for name in __all__})

_docs.attach([(_sys.modules[__name__], _npt, "testing.")])
