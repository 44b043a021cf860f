"""ovnp: NumPy's API, computed lazily by OpenVINO.

    import ovnp as np

Every call returns at once with a lazy array; values are computed (and the compiled
model cached) when needed. See docs/ for the lazy model, devices and the dtype policy.
"""

from . import _array, _backend, _engine
from ._array import ndarray
from ._device import default_device, devices, get_default_device
from ._dtypes import (bool_, float16, float32, int8, int16, int32, uint8, uint16, uint32)

from . import (_adding_removing, _creation, _elementwise, _indexing, _interop, _jit, _linalg,
               _manipulation, _misc, _reductions, _sets, _sorting, _statistics)
from ._adding_removing import *  # noqa: F401,F403
from ._creation import *  # noqa: F401,F403
from ._elementwise import *  # noqa: F401,F403
from ._indexing import *  # noqa: F401,F403
from ._interop import *  # noqa: F401,F403
from ._introspect import *  # noqa: F401,F403
from ._jit import *  # noqa: F401,F403
from ._linalg import *  # noqa: F401,F403
from ._manipulation import *  # noqa: F401,F403
from ._misc import *  # noqa: F401,F403
from ._reductions import *  # noqa: F401,F403
from ._sets import *  # noqa: F401,F403
from ._sorting import *  # noqa: F401,F403
from ._statistics import *  # noqa: F401,F403
from ._runtime_api import cache_clear, cache_info, compute, stats  # noqa: F401
from . import random  # noqa: E402,F401  (the ovnp.random sub-namespace)
from . import linalg  # noqa: E402,F401  (the ovnp.linalg sub-namespace)
from . import fft  # noqa: E402,F401  (the ovnp.fft sub-namespace)

bool = bool_  # noqa: A001  (NumPy 2 and the Array API export `bool`)

_FAMILIES = (_adding_removing, _creation, _elementwise, _indexing, _interop, _jit, _linalg,
             _manipulation, _misc, _reductions, _sets, _sorting, _statistics)
_array.install_methods(globals(), _FAMILIES)

__version__ = "0.1.0"
