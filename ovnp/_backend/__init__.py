"""The only package of ovnp that imports openvino.

The rest of ovnp hands it a walked graph and its key (see ovnp/_engine.py) and gets
NumPy arrays back; it never sees an OpenVINO object.

`import ovnp` does not import openvino (about 90 ms): compile.py's cache and counters
need none of it, and the modules that do (runtime.py, lower.py and the lowerings,
export.py) are imported on first use: the first compile, a device check or list, an
export (docs/lazy.md, "Importing is lazy too").
"""

from .compile import cache_clear, cache_info, load_backend, run, set_cache_size
from .export import export_model, is_cached


def available_devices() -> list:
    load_backend()
    from . import runtime
    return runtime.available_devices()


def check_device(name) -> str:
    load_backend()
    from . import runtime
    return runtime.check_device(name)


def persistent_cache_dir():
    load_backend()
    from . import runtime
    return runtime.persistent_cache_dir()


__all__ = ["run", "cache_info", "cache_clear", "set_cache_size", "available_devices",
           "check_device", "persistent_cache_dir", "export_model", "is_cached"]
