"""The only package of ovnp that imports openvino.

The rest of ovnp hands it a walked graph and its key (see ovnp/_engine.py) and gets
NumPy arrays back; it never sees an OpenVINO object.
"""

import importlib as _importlib
import os as _os
import pkgutil as _pkgutil

from .compile import cache_clear, cache_info, run, set_cache_size
from .export import export_model, is_cached
from .runtime import available_devices, check_device, persistent_cache_dir

# Family lowerings (lower_<family>.py in this folder) register themselves in
# lower.LOWER on import. Discovering them here, above lower.py, keeps lower.py free of a
# list every family would have to edit, and below the families that import it.
for _info in sorted(_pkgutil.iter_modules([_os.path.dirname(__file__)]), key=lambda m: m.name):
    if _info.name.startswith("lower_"):
        _importlib.import_module(f"{__name__}.{_info.name}")

__all__ = ["run", "cache_info", "cache_clear", "set_cache_size", "available_devices",
           "check_device", "persistent_cache_dir", "export_model", "is_cached"]
