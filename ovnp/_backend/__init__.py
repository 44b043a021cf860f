"""The only package of ovnp that imports openvino.

The rest of ovnp hands it a walked graph and its key (see ovnp/_engine.py) and gets
NumPy arrays back; it never sees an OpenVINO object.
"""

from .compile import cache_clear, cache_info, run, set_cache_size
from .export import export_model, is_cached
from .runtime import available_devices, check_device, persistent_cache_dir

__all__ = ["run", "cache_info", "cache_clear", "set_cache_size", "available_devices",
           "check_device", "persistent_cache_dir", "export_model", "is_cached"]
