"""Devices: every array has one; `device=` picks it, `default_device` sets the default."""

import contextlib
import contextvars

from . import _backend

_default = contextvars.ContextVar("ovnp_default_device", default="CPU")


def _named(device):
    """OpenVINO's name for `device`: names are upper case there ("CPU", "GPU.1"), and
    NumPy and the Array API spell the host "cpu"; an object with a `name` gives it."""
    if not isinstance(device, str) and hasattr(device, "name"):
        device = str(device.name)
    return device.upper() if isinstance(device, str) else device


def resolve(device=None) -> str:
    """The device to use: `device` checked against OpenVINO, or the current default."""
    if device is None:
        return _default.get()
    return _backend.check_device(_named(device))


@contextlib.contextmanager
def default_device(device):
    """`with ovnp.default_device("GPU"):` makes new arrays in the block live there."""
    token = _default.set(_backend.check_device(_named(device)))
    try:
        yield device
    finally:
        _default.reset(token)


def get_default_device() -> str:
    """The device new arrays get when no `device=` is given ("CPU" unless inside
    `with ovnp.default_device(...)`)."""
    return _default.get()


def devices() -> list:
    """The devices OpenVINO sees on this machine, e.g. ['CPU', 'GPU.0', 'GPU.1', 'NPU']."""
    return _backend.available_devices()


def common_device(nodes) -> str:
    """The one device of these nodes; ValueError if they are on different devices."""
    device = None
    for n in nodes:
        if device is None:
            device = n.device
        elif n.device != device:
            raise ValueError(
                f"arrays are on different devices ({device!r} and {n.device!r}); "
                f"ovnp never moves data silently: use x.to_device({device!r})")
    return device
