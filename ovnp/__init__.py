"""ovnp: NumPy's API, computed lazily by OpenVINO.

    import ovnp as np

Every call returns at once with a lazy array; values are computed (and the compiled
model cached) when needed. See docs/ for the lazy model, devices and the dtype policy.
"""

import sys as _sys

import numpy as _numpy

from . import _array, _backend, _docs, _engine, _namespace
from ._array import ndarray
from ._indexing import flatiter
from ._device import default_device, devices, get_default_device
from ._scalar_types import *  # noqa: F401,F403  (NumPy's scalar types and hierarchy)

# The families, one module per group of NumPy's routines reference
# (https://numpy.org/doc/stable/reference/routines.html); see docs/architecture.md.
from . import (_adding_removing, _basic_operations, _bitwise, _changing_dims, _changing_kind,
               _changing_shape, _creation, _dtype_routines, _elementwise,
               _floating_point_errors, _functional, _indexing, _indexing_routines, _interop,
               _introspect, _io, _jit, _joining, _linalg, _logic, _mathematical, _memory,
               _polynomials, _rearranging, _reductions, _sets, _sorting, _splitting, _statistics,
               _tiling, _transpose_like, _window)
from ._adding_removing import *  # noqa: F401,F403
from ._basic_operations import *  # noqa: F401,F403
from ._bitwise import *  # noqa: F401,F403
from ._changing_dims import *  # noqa: F401,F403
from ._changing_kind import *  # noqa: F401,F403
from ._changing_shape import *  # noqa: F401,F403
from ._creation import *  # noqa: F401,F403
from ._dtype_routines import *  # noqa: F401,F403
from ._elementwise import *  # noqa: F401,F403
from ._floating_point_errors import *  # noqa: F401,F403
from ._functional import *  # noqa: F401,F403
from ._indexing_routines import *  # noqa: F401,F403
from ._interop import *  # noqa: F401,F403
from ._introspect import *  # noqa: F401,F403
from ._io import *  # noqa: F401,F403
from ._jit import *  # noqa: F401,F403
from ._joining import *  # noqa: F401,F403
from ._linalg import *  # noqa: F401,F403
from ._logic import *  # noqa: F401,F403
from ._mathematical import *  # noqa: F401,F403
from ._memory import *  # noqa: F401,F403
from ._polynomials import *  # noqa: F401,F403
from ._rearranging import *  # noqa: F401,F403
from ._reductions import *  # noqa: F401,F403
from ._sets import *  # noqa: F401,F403
from ._sorting import *  # noqa: F401,F403
from ._splitting import *  # noqa: F401,F403
from ._statistics import *  # noqa: F401,F403
from ._tiling import *  # noqa: F401,F403
from ._transpose_like import *  # noqa: F401,F403
from ._window import *  # noqa: F401,F403
from ._runtime_api import cache_clear, cache_info, compute, stats  # noqa: F401
from . import linalg  # noqa: E402,F401  (the ovnp.linalg sub-namespace)
from . import fft  # noqa: E402,F401  (the ovnp.fft sub-namespace)
from . import lib  # noqa: E402,F401  (ovnp.lib.stride_tricks)
from . import exceptions  # noqa: E402,F401  (the ovnp.exceptions sub-namespace)

# ovnp.random and ovnp.testing load on first use, as NumPy's do: they import
# numpy.random and numpy.testing (10 and 35 ms), which `import numpy` does not.
_LAZY = ("random", "testing")


def __getattr__(name):
    if name in _LAZY:
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'ovnp' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


# ndarray's operators and methods (each family's METHODS), bound once everything exists.
_FAMILIES = (_adding_removing, _basic_operations, _bitwise, _changing_dims, _changing_kind,
             _changing_shape, _creation, _dtype_routines, _elementwise, _floating_point_errors,
             _functional, _indexing, _indexing_routines, _interop, _introspect, _io, _jit,
             _joining, _linalg, _logic, _mathematical, _memory, _polynomials, _rearranging,
             _reductions, _sets, _sorting, _splitting, _statistics, _tiling, _transpose_like,
             _window)
_array.install_methods(globals(), _FAMILIES)
# Every public function, ufunc, class and method gets NumPy's docstring after ovnp's own
# section (read from the installed NumPy, never copied into ovnp: see _docs.py).
# (ovnp.random and ovnp.testing attach theirs when they load.)
_docs.attach([(_sys.modules[__name__], _numpy, ""), (linalg, _numpy.linalg, "linalg."),
              (fft, _numpy.fft, "fft.")], ndarray)
# The modules beneath that look public functions up by name (NumPy's protocols,
# ufunc.reduce) find them here, without importing this package.
_namespace.register(_sys.modules[__name__])

__version__ = "0.1.0"
