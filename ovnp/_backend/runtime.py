"""OpenVINO's Core, devices, compile configuration and the bare infer call."""

import os
import threading

import numpy as np
import openvino as ov

_core = None
_core_lock = threading.Lock()

# Virtual devices take a list of real ones after a colon: "AUTO:GPU,CPU".
_VIRTUAL = ("AUTO", "HETERO", "MULTI", "BATCH")


def persistent_cache_dir():
    """Where compiled blobs persist across processes; None when turned off.

    OVNP_CACHE_DIR moves it; set to the empty string it turns the cache off.
    """
    configured = os.environ.get("OVNP_CACHE_DIR")
    if configured is not None:
        return configured or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ovnp", ov.__version__.split("-")[0])


def core() -> ov.Core:
    global _core
    if _core is None:
        with _core_lock:
            if _core is None:
                c = ov.Core()
                cache_dir = persistent_cache_dir()
                if cache_dir:
                    try:
                        os.makedirs(cache_dir, exist_ok=True)
                        c.set_property({"CACHE_DIR": cache_dir})
                    except OSError:
                        pass  # an unwritable cache folder only costs compile time
                _core = c
    return _core


_devices = None


def available_devices() -> list:
    global _devices
    if _devices is None:
        _devices = list(core().available_devices)
    return list(_devices)


def _is_real(name: str, available) -> bool:
    base = name.split("(")[0]
    if base in available:
        return True
    # "GPU" names the first of "GPU.0", "GPU.1"; "GPU.0" names a lone "GPU".
    family, _, index = base.partition(".")
    return (not index and any(a.split(".")[0] == family for a in available)) or (
        index == "0" and family in available)


_checked: dict = {}


def check_device(name) -> str:
    """`name` if OpenVINO can compile for it, else ValueError naming what exists."""
    hit = _checked.get(name)
    if hit is not None:
        return hit
    if not isinstance(name, str):
        raise TypeError(f"device must be a string such as 'CPU' or 'GPU.1', not {type(name).__name__}")
    available = available_devices()
    prefix, colon, rest = name.partition(":")
    if prefix in _VIRTUAL:
        targets = [t for t in rest.split(",") if t] if colon else []
        ok = all(_is_real(t, available) for t in targets) and (targets or prefix == "AUTO")
    else:
        ok = not colon and _is_real(name, available)
    if not ok:
        raise ValueError(
            f"device {name!r} is not available; OpenVINO sees {', '.join(available)} "
            f"(and the virtual devices {', '.join(_VIRTUAL)} over them)")
    _checked[name] = name
    return name


def compile_config(device: str) -> dict:
    # The CPU default on bf16-capable machines computes float32 matmuls in bf16
    # (errors of 5e-2); NumPy's answers need f32. Virtual devices pass it on.
    return {"INFERENCE_PRECISION_HINT": "f32"}


def compile_model(model: ov.Model, device: str):
    return core().compile_model(model, device, compile_config(device))


class Executable:
    """A compiled model with one infer request per thread (requests are not thread-safe)."""

    __slots__ = ("compiled", "out_specs", "_local")

    def __init__(self, compiled, out_specs):
        self.compiled = compiled
        self.out_specs = out_specs          # [(shape, dtype)] of each output
        self._local = threading.local()

    def __call__(self, inputs):
        request = getattr(self._local, "request", None)
        if request is None:
            request = self._local.request = self.compiled.create_infer_request()
        for i, a in enumerate(inputs):
            if not a.flags.c_contiguous:
                a = np.ascontiguousarray(a)
            request.set_input_tensor(i, ov.Tensor(a, shared_memory=True))
        outputs = [np.empty(shape, dtype) for shape, dtype in self.out_specs]
        for i, o in enumerate(outputs):
            request.set_output_tensor(i, ov.Tensor(o, shared_memory=True))
        request.infer()
        return outputs
