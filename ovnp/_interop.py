"""Living inside other people's code: NumPy's protocols, DLPack, the Array API's
inspection namespace, and constants (the dtype functions are in _dtype_routines.py).

NumPy functions called on ovnp arrays dispatch to ovnp's function of the same name and
stay lazy. A NumPy function ovnp lacks runs on the host explicitly: the ovnp inputs are
materialized, NumPy computes, the result is wrapped back, and a one-time
`NumPyFallbackWarning` names the function.
"""

import math
import warnings

import numpy as _np

from . import _device, _dtypes, _namespace
from ._array import ndarray
from ._dtype_routines import isdtype
from ._indexing_routines import where as _where
from ._nodes import asarray, write_out

__all__ = [
    "NumPyFallbackWarning", "from_dlpack", "e", "pi", "inf", "nan", "newaxis", "euler_gamma",
    "dtype",
    "__array_namespace_info__", "__array_api_version__",
]

e = math.e
pi = math.pi
inf = math.inf
nan = math.nan
newaxis = None
euler_gamma = 0.5772156649015329
dtype = _np.dtype

__array_api_version__ = "2024.12"


class NumPyFallbackWarning(UserWarning):
    """ovnp has no implementation of a NumPy function and computed it with NumPy."""


_warned: set = set()


# ------------------------------------------------------------------ NumPy protocols

def _to_numpy(obj):
    """obj with every ovnp array inside (lists, tuples, dicts) replaced by its value."""
    if isinstance(obj, ndarray):
        return obj.to_numpy()
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_numpy(o) for o in obj)
    if isinstance(obj, dict):
        return {k: _to_numpy(v) for k, v in obj.items()}
    return obj


def _from_numpy(obj, device):
    """NumPy arrays in a fallback's result, wrapped as ovnp arrays where the policy allows."""
    if isinstance(obj, (_np.ndarray, _np.generic)) and obj.dtype.kind in "biuf":
        return asarray(obj, device=device)
    if isinstance(obj, tuple) and not hasattr(obj, "_fields"):
        return tuple(_from_numpy(o, device) for o in obj)
    if isinstance(obj, list):
        return [_from_numpy(o, device) for o in obj]
    return obj


def _device_of(args):
    stack = list(args)
    while stack:
        a = stack.pop()
        if isinstance(a, ndarray):
            return a.device
        if isinstance(a, (list, tuple)):
            stack.extend(a)
        elif isinstance(a, dict):
            stack.extend(a.values())
    return None


def numpy_fallback(func, args, kwargs, reason=None):
    """Run NumPy's `func` on materialized inputs; wrap the result; warn once per name
    (and reason: `reason` says why ovnp did not compute it, when it has the function)."""
    name = getattr(func, "__qualname__", repr(func))
    module = getattr(func, "__module__", "numpy") or "numpy"
    full = f"{module.replace('numpy._core', 'numpy').split('.')[0]}.{name}"
    if (full, reason) not in _warned:
        _warned.add((full, reason))
        why = reason or f"ovnp has no {full}"
        warnings.warn(f"{why}; computing {full} with NumPy on the host "
                      f"(inputs are materialized)", NumPyFallbackWarning, stacklevel=3)
    device = _device_of(args) or _device_of(list(kwargs.values()))
    out = kwargs.pop("out", None)
    result = func(*_to_numpy(args), **_to_numpy(kwargs))
    wrapped = _from_numpy(result, device)
    if out is not None:
        outs = out if isinstance(out, tuple) else (out,)
        results = wrapped if isinstance(wrapped, tuple) else (wrapped,)
        for o, r in zip(outs, results):
            write_out(o, r._node, "unsafe")
        return out
    return wrapped


def _ovnp_function(func):
    """ovnp's counterpart of a NumPy function (numpy.x, numpy.linalg.x, ...), or None."""
    module = getattr(func, "__module__", "") or ""
    namespace = _namespace.package()
    for sub in ("linalg", "fft", "random"):
        if module.startswith(f"numpy.{sub}") or module.startswith(f"numpy._core.{sub}"):
            namespace = getattr(namespace, sub, None)
            break
    name = getattr(func, "__name__", None)
    target = getattr(namespace, name, None) if namespace is not None and name else None
    return target if callable(target) else None


def _array_ufunc(self, ufunc, method, *inputs, **kwargs):
    target = getattr(_namespace.package(), ufunc.__name__, None)
    if target is not None and method != "__call__":
        target = getattr(target, method, None)
    if target is None:
        return numpy_fallback(getattr(ufunc, method), inputs, kwargs)
    if "out" in kwargs and isinstance(kwargs["out"], tuple) and len(kwargs["out"]) == 1:
        kwargs["out"] = kwargs["out"][0]
    out = kwargs.get("out")
    outs = out if isinstance(out, tuple) else (out,)
    if method == "__call__" and any(isinstance(o, _np.ndarray) for o in outs):
        return _into_numpy_out(target, inputs, kwargs, outs)
    try:
        return target(*inputs, **kwargs)
    except _dtypes.DTypePolicyError as policy:
        return _policy_fallback(getattr(ufunc, method), inputs, kwargs, policy)


def _into_numpy_out(target, inputs, kwargs, outs):
    """`numpy_array += ovnp_array` and ufuncs with NumPy `out=` arrays: ovnp computes,
    the values are written into the caller's NumPy arrays (which materializes)."""
    kwargs = dict(kwargs)
    kwargs.pop("out")
    casting = kwargs.get("casting", "same_kind")
    where = kwargs.pop("where", True)
    results = target(*inputs, **kwargs)
    results = results if isinstance(results, tuple) else (results,)
    if len(results) != len(outs):
        raise ValueError(f"The 'out' tuple must have exactly {len(results)} entries: "
                         "one per ufunc output")
    for o, r in zip(outs, results):
        if o is None:
            continue
        if isinstance(o, ndarray):
            write_out(o, (r if where is True else _where(where, r, o))._node, casting)
        else:
            _np.copyto(o, r._value(), casting=casting,
                       where=where.to_numpy() if isinstance(where, ndarray) else where)
    return outs[0] if len(outs) == 1 else outs


# NumPy's functions called with arguments ovnp cannot hold (None, strings, objects:
# matplotlib's bar broadcasts its optional arguments with numpy.broadcast_arrays) are
# NumPy's to compute: the user called NumPy. ovnp's own functions still refuse them, and
# so does a call whose arguments ovnp holds but whose result it cannot (the policy).
_CANNOT_HOLD = "an argument is of a dtype ovnp cannot hold (docs/dtypes.md)"


def _holds(values):
    """Whether ovnp can hold every one of `values` (arrays, scalars, nested lists)."""
    for v in values:
        if isinstance(v, (ndarray, bool, int, float)):
            continue
        if isinstance(v, (list, tuple)):
            if not _holds(v):
                return False
            continue
        try:
            _dtypes.canonical(_np.asarray(v).dtype)
        except (TypeError, ValueError):
            return False
    return True


def _policy_fallback(func, args, kwargs, policy):
    """NumPy's answer when an argument is one ovnp cannot hold, else the policy error."""
    if _holds(args) and _holds(kwargs.values()):
        raise policy
    return numpy_fallback(func, args, kwargs, _CANNOT_HOLD)


def _array_function(self, func, types, args, kwargs):
    target = _ovnp_function(func)
    if target is None:
        return numpy_fallback(func, args, kwargs)
    try:
        return target(*args, **kwargs)
    except _dtypes.DTypePolicyError as policy:
        return _policy_fallback(func, args, kwargs, policy)


def _array_namespace(self, /, *, api_version=None):
    if api_version is not None and api_version not in ("2021.12", "2022.12", "2023.12", "2024.12"):
        raise ValueError(f"ovnp does not support Array API version {api_version!r}")
    return _namespace.package()


# ------------------------------------------------------------------ DLPack

_KDLCPU = 1


def _dlpack(self, /, *, stream=None, max_version=None, dl_device=None, copy=None):
    if dl_device is not None and tuple(dl_device)[0] != _KDLCPU:
        raise BufferError("ovnp exports DLPack capsules on the host (kDLCPU) only")
    if copy is False:
        raise BufferError("ovnp's computed values are shared and immutable: export needs a copy")
    value = self.to_numpy()  # a fresh buffer the consumer may own and write
    if max_version is None:
        return value.__dlpack__(stream=stream)
    return value.__dlpack__(stream=stream, max_version=max_version)


def _dlpack_device(self):
    # Computed values live in host memory, whatever device computed them.
    return (_KDLCPU, 0)


def from_dlpack(x, /, *, device=None, copy=None):
    """An ovnp array from any object with __dlpack__ (a copy, as ovnp owns its data)."""
    if isinstance(x, ndarray):
        return asarray(x, device=device, copy=copy)
    if copy is False:
        raise BufferError("ovnp always copies imported data")
    return asarray(_np.from_dlpack(x), device=device)


# ------------------------------------------------------------------ Array API inspection

MAX_DIMENSIONS = 11


class _Info:
    """ovnp's answers to the Array API inspection namespace; each one is true of ovnp."""

    def capabilities(self):
        # Boolean masks and nonzero work (their shape needs the data, so they
        # materialize their input). Dimensions: measured on OpenVINO's CPU plugin,
        # every op works up to 12 dimensions except vecdot, whose lowering adds axes
        # for MatMul (oneDNN's limit, 12) and so fails at 12; at 13 dimensions
        # reductions, sort, astype and comparisons crash the process (SIGSEGV/SIGFPE)
        # and at 33 every op raises. So the honest answer is 11.
        return {"boolean indexing": True, "data-dependent shapes": True,
                "max dimensions": MAX_DIMENSIONS}

    def default_device(self):
        return _device.get_default_device()

    def devices(self):
        return list(_device.devices())

    def default_dtypes(self, *, device=None):
        if device is not None:
            _device.resolve(device)
        # complex128 narrows to complex64 (the 32-bit policy), as float64 to float32
        return {"real floating": _dtypes.float32, "complex floating": _dtypes.complex64,
                "integral": _dtypes.int32, "indexing": _dtypes.int32}

    def dtypes(self, *, device=None, kind=None):
        if device is not None:
            _device.resolve(device)
        names = {str(d): d for d in _dtypes.SUPPORTED}
        if kind is None:
            return names
        return {n: d for n, d in names.items() if isdtype(d, kind)}


def __array_namespace_info__():
    return _Info()


METHODS = {
    "__array_ufunc__": _array_ufunc,
    "__array_function__": _array_function,
    "__array_namespace__": _array_namespace,
    "__dlpack__": _dlpack,
    "__dlpack_device__": _dlpack_device,
}
