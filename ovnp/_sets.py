"""Sets: unique (and its Array API kin), intersect1d, union1d, setdiff1d, setxor1d, isin.

The size of a set result depends on the data, so these materialize their inputs and
compute with NumPy on the host (see docs/sorting.md); the result is a computed ovnp
array on the input's device. isin has a fixed shape and stays lazy: it sorts the test
elements and binary-searches each element on the device.
"""

import numpy as _np

from . import _device, _dtypes, _ir
from ._array import ndarray
from ._nodes import as_node

__all__ = ["unique", "unique_values", "unique_counts", "unique_inverse", "unique_all",
           "intersect1d", "union1d", "setdiff1d", "setxor1d", "isin"]


def host_value(x):
    """The values of `x` as a NumPy array of a supported dtype (materializes ovnp arrays)."""
    if isinstance(x, ndarray):
        return x._value()
    return _dtypes.to_host_array(x)


def device_of(*xs):
    return _device.common_device([x._node for x in xs if isinstance(x, ndarray)]) or \
        _device.resolve(None)


def wrap_host(result, device):
    """NumPy result(s) -> computed ovnp arrays (dtypes narrowed), keeping tuple types."""
    if isinstance(result, tuple):
        items = [wrap_host(r, device) for r in result]
        return type(result)(*items) if hasattr(result, "_fields") else tuple(items)
    value = _np.asarray(result)
    dtype = _dtypes.canonical(value.dtype)
    return ndarray._wrap(_ir.data(_np.array(value, dtype=dtype, order="C"), device,
                                  _dtypes.is_wide(value.dtype)))


def _on_host(np_fn, *arrays, **kwargs):
    device = device_of(*arrays)
    values = [host_value(a) for a in arrays]
    return wrap_host(np_fn(*values, **kwargs), device)


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None,
           *, equal_nan=True, sorted=True):
    return _on_host(_np.unique, ar, return_index=return_index, return_inverse=return_inverse,
                    return_counts=return_counts, axis=axis, equal_nan=equal_nan, sorted=sorted)


def unique_values(x):
    # NumPy >= 2.3 returns these in hash order, which the Array API leaves unspecified;
    # sorted order is as valid and is what scikit-learn's unique_labels relies on.
    return _on_host(lambda a: _np.unique(a, equal_nan=False), x)


def unique_counts(x):
    return _on_host(_np.unique_counts, x)


def unique_inverse(x):
    return _on_host(_np.unique_inverse, x)


def unique_all(x):
    return _on_host(_np.unique_all, x)


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    return _on_host(_np.intersect1d, ar1, ar2, assume_unique=assume_unique,
                    return_indices=return_indices)


def union1d(ar1, ar2):
    return _on_host(_np.union1d, ar1, ar2)


def setdiff1d(ar1, ar2, assume_unique=False):
    return _on_host(_np.setdiff1d, ar1, ar2, assume_unique=assume_unique)


def setxor1d(ar1, ar2, assume_unique=False):
    return _on_host(_np.setxor1d, ar1, ar2, assume_unique=assume_unique)


def _matchable(test_elements, dtype):
    """Host integer test elements that an integer `dtype` can hold, as `dtype`: NumPy
    compares by value, so isin(int32_arr, [2**40]) is all False, where the 32-bit policy
    would refuse 2**40; values outside the dtype's range match nothing. For a float or
    complex `dtype`, integers float32 holds exactly, as float32 (isin(x, 2**40)); the others
    equal no float32 value."""
    if isinstance(test_elements, ndarray) or dtype.kind not in "biufc":
        return test_elements
    host = _np.asarray(test_elements)
    if host.dtype.kind not in "iu":
        return test_elements
    if dtype.kind in "fc":
        flat = host.reshape(-1)
        near = flat.astype(_np.float32)
        exact = [int(f) == v for f, v in zip(near.tolist(), flat.tolist())]
        return near[_np.array(exact, bool)]
    low, high = (0, 1) if dtype.kind == "b" else (_np.iinfo(dtype).min, _np.iinfo(dtype).max)
    flat = host.reshape(-1)
    return flat[(flat >= low) & (flat <= high)].astype(dtype)


def isin(element, test_elements, assume_unique=False, invert=False, *, kind=None):
    if kind not in (None, "sort", "table"):
        raise ValueError(f"Invalid kind: '{kind}'. Please use None, 'sort' or 'table'.")
    device = device_of(element, test_elements)
    e = as_node(element, device)
    t = as_node(_matchable(test_elements, e.dtype), device)
    dtype = _dtypes.canonical(_np.result_type(e.dtype, t.dtype))
    flat_t = t if len(t.shape) == 1 else _ir.Node("reshape", (t,), (), (_ir.size_of(t.shape),),
                                                  t.dtype, device)
    if _ir.size_of(e.shape) == 0 or _ir.size_of(t.shape) == 0:
        return ndarray._wrap(_ir.data(_np.full(e.shape, bool(invert)), device))

    def cast(n):
        return n if n.dtype == dtype else _ir.Node("astype", (n,), (), n.shape, dtype, device)
    sorted_t = _ir.Node("sort", (cast(flat_t),), (0,), flat_t.shape, dtype, device) \
        if flat_t.shape[0] > 1 else cast(flat_t)
    return ndarray._wrap(_ir.Node("isin", (cast(e), sorted_t), (bool(invert),), e.shape,
                                  _dtypes.bool_, device))
