"""Sorting, searching and order statistics: sort, argsort, lexsort, partition,
argpartition, searchsorted, digitize, median, percentile, quantile and their NaN kin.

Every sort is stable (OpenVINO TopK with `stable=True`), so every `kind` is honoured;
NaN sorts last as in NumPy (see ovnp/_backend/lower_sorting.py for the fixes on top of
TopK). partition and argpartition return a full sort, which is a valid partition.
Quantiles use index tables built on the host by NumPy's own index code, passed as data
(so new q values do not recompile), and gather from the sorted input on the device.
"""

import inspect

import numpy as _np

from . import _dtypes, _ir
from ._array import ndarray
from ._changing_shape import reshape
from ._elementwise import subtract
from ._host import _host_call, _host_value
from ._nodes import as_node, refuse_complex, write_out
from ._sets import device_of, host_value, wrap_host
from ._transpose_like import transpose

__all__ = ["sort", "argsort", "lexsort", "partition", "argpartition", "searchsorted",
           "digitize", "median", "percentile", "quantile", "nanmedian", "nanpercentile",
           "nanquantile"]

_KINDS = (None, "quicksort", "mergesort", "heapsort", "stable")
_INDEX = _dtypes.int32   # NumPy's intp under the 32-bit policy


def _host(value, device) -> ndarray:
    return ndarray._wrap(_ir.data(_np.array(value, order="C"), device))


def _check_sort_args(kind, order, stable):
    if order is not None:
        raise ValueError("Cannot specify order when the array has no fields.")
    if kind is not None and stable is not None:
        raise ValueError("`kind` and keyword parameter `stable` cannot be provided at the same time")
    if kind not in _KINDS:
        raise ValueError(f"sort kind must be one of 'quick', 'heap', or 'stable' (got {kind!r})")


def _flat_or_node(a, axis, zero_d_as_1d=False):
    """(node, axis) to sort along; axis None sorts the flattened array. NumPy's
    argsort/argpartition take a 0-d array as one element (axis 0 or -1); sort raises."""
    node = as_node(a)
    if axis is None or (zero_d_as_1d and not node.shape):
        if axis is not None:
            _ir.normalize_axis(axis, 1)
        node = reshape(ndarray._wrap(node), -1)._node
        return node, 0
    return node, _ir.normalize_axis(axis, len(node.shape))


def _sorted_node(node, axis):
    if _ir.size_of(node.shape) == 0 or node.shape[axis] <= 1:
        return node
    return _ir.Node("sort", (node,), (axis,), node.shape, node.dtype, node.device)


def _argsort_node(node, axis):
    if _ir.size_of(node.shape) == 0:
        return _ir.data(_np.zeros(node.shape, _INDEX), node.device)
    return _ir.Node("argsort", (node,), (axis,), node.shape, _INDEX, node.device)


def _flipped(node, axis):
    size = node.shape[axis]
    if size <= 1:
        return node
    return _ir.Node("slice_axis", (node,), (axis, size - 1, -1, -1), node.shape, node.dtype,
                    node.device)


def sort(a, axis=-1, kind=None, order=None, *, stable=None, descending=False):
    """NumPy's sort, plus the Array API's `descending=` (2023.12): the ascending sort
    reversed, so NaNs come first, as array_api_compat.numpy.sort gives."""
    _check_sort_args(kind, order, stable)
    node, axis = _flat_or_node(a, axis)
    node = _sorted_node(node, axis)
    return ndarray._wrap(_flipped(node, axis) if descending else node)


def argsort(a, axis=-1, kind=None, order=None, *, stable=None, descending=False):
    """NumPy's argsort, plus the Array API's `descending=`: a stable descending order
    (equal elements keep their original order, NaNs first), computed as
    array_api_compat.numpy.argsort does: n - 1 - flip(argsort(flip(a)))."""
    _check_sort_args(kind, order, stable)
    node, axis = _flat_or_node(a, axis, zero_d_as_1d=True)
    if not descending:
        return ndarray._wrap(_argsort_node(node, axis))
    n = node.shape[axis]
    flipped = _argsort_node(_flipped(node, axis), axis)
    if n <= 1:
        return ndarray._wrap(flipped)
    return (n - 1) - ndarray._wrap(_flipped(flipped, axis))


def _check_kth(kth, n, empty=False):
    """NumPy's checks of kth; an empty array has no bounds to check (it is returned)."""
    k = _np.asarray(kth.to_numpy() if isinstance(kth, ndarray) else kth)
    if k.dtype.kind not in "iub":
        raise TypeError("Partition index must be integer")
    if k.ndim > 1:
        raise ValueError("kth array must have dimension <= 1")
    for v in ([] if empty else k.ravel()):
        if not -n <= int(v) < n:
            raise ValueError(f"kth(={int(v)}) out of bounds ({n})")


def _partition_input(a, kth, axis, kind, order, zero_d_as_1d=False):
    """partition's and argpartition's checks, in NumPy's order: (node, axis)."""
    if kind != "introselect":
        raise ValueError(f"{kind!r} is not a valid kind of partition")
    if order is not None:
        raise ValueError("Cannot specify order when the array has no fields.")
    node, axis = _flat_or_node(a, axis, zero_d_as_1d)
    _check_kth(kth, node.shape[axis], _ir.size_of(node.shape) == 0)
    return node, axis


def partition(a, kth, axis=-1, kind="introselect", order=None):
    """A full (stable) sort, which satisfies partition's contract for every kth."""
    return ndarray._wrap(_sorted_node(*_partition_input(a, kth, axis, kind, order)))


def argpartition(a, kth, axis=-1, kind="introselect", order=None):
    return ndarray._wrap(_argsort_node(*_partition_input(a, kth, axis, kind, order,
                                                         zero_d_as_1d=True)))


def lexsort(keys, axis=-1):
    if isinstance(keys, ndarray) or isinstance(keys, _np.ndarray):
        node = as_node(keys)
        if len(node.shape) == 0:
            raise TypeError("need sequence of keys with len > 0 in lexsort")
        nodes = [_ir.Node("take0", (node,), (i,), node.shape[1:], node.dtype, node.device)
                 for i in range(node.shape[0])]
    else:
        try:
            nodes = [as_node(k) for k in keys]
        except TypeError:
            raise TypeError("need sequence of keys with len > 0 in lexsort") from None
    if not nodes:
        raise TypeError("need sequence of keys with len > 0 in lexsort")
    shape = nodes[0].shape
    if any(n.shape != shape for n in nodes):
        raise ValueError("all keys need to be the same shape")
    if not shape:
        raise _np.exceptions.AxisError(axis, 0)
    axis = _ir.normalize_axis(axis, len(shape))
    device = nodes[0].device
    if _ir.size_of(shape) == 0:
        return _host(_np.zeros(shape, _INDEX), device)
    return ndarray._wrap(_ir.Node("lexsort", tuple(nodes), (axis,), shape, _INDEX, device))


# ---------------------------------------------------------------- searching

def _search_dtype(a_dtype, v):
    if type(v) in (bool, int, float):
        if type(v) is int and a_dtype.kind in "iu":
            info = _np.iinfo(a_dtype)
            if info.min <= v <= info.max:
                return a_dtype
            return _dtypes.canonical(_np.result_type(a_dtype, _np.min_scalar_type(v)))
        return _dtypes.result_type(a_dtype, v)
    return _dtypes.canonical(_np.result_type(a_dtype, _np.dtype(v.dtype) if hasattr(v, "dtype")
                                             else _np.asarray(v).dtype))


def _cast(node, dtype):
    if node.dtype == dtype:
        return node
    return _ir.Node("astype", (node,), (), node.shape, dtype, node.device)


def searchsorted(a, v, side="left", sorter=None):
    a_node = as_node(a)
    refuse_complex("searchsorted", a_node)
    if len(a_node.shape) != 1:
        raise ValueError("object too deep for desired array" if a_node.shape
                         else "object of too small depth for desired array")
    if side not in ("left", "right"):
        raise ValueError(f"search side must be 'left' or 'right' (got {side!r})")
    device = a_node.device
    if type(v) not in (bool, int, float) and not isinstance(v, ndarray):
        v = _np.asarray(v)
        _dtypes.canonical(v.dtype)
    dtype = _search_dtype(a_node.dtype, v)
    if type(v) in (bool, int, float):
        v_node = _ir.const(v, dtype, device)
    else:
        v_node = _cast(as_node(v, device), dtype)
    inputs = (_cast(a_node, dtype), v_node)
    if sorter is not None:
        s_node = as_node(sorter, device)
        if s_node.dtype.kind not in "iu":
            raise TypeError("sorter must only contain integers")
        if s_node.shape != a_node.shape:
            raise ValueError("sorter.size must equal a.size")
        inputs += (_cast(s_node, _INDEX),)
    if _ir.size_of(v_node.shape) == 0:
        return _host(_np.zeros(v_node.shape, _INDEX), device)
    return ndarray._wrap(_ir.Node("searchsorted", inputs, (side,), v_node.shape, _INDEX, device))


def digitize(x, bins, right=False):
    x_node = as_node(x)
    b = _np.asarray(bins._value() if isinstance(bins, ndarray) else bins)
    if b.dtype.kind == "c" or x_node.dtype.kind == "c":
        raise TypeError("x may not be complex")
    b = _dtypes.to_host_array(b)
    mono = _np._core.multiarray._monotonicity(b)
    if mono == 0:
        raise ValueError("bins must be monotonically increasing or decreasing")
    side = "left" if right else "right"
    x_arr = ndarray._wrap(x_node)
    if mono == -1:
        found = searchsorted(_host(b[::-1], x_node.device), x_arr, side=side)
        return subtract(len(b), found)
    return searchsorted(_host(b, x_node.device), x_arr, side=side)


# ---------------------------------------------------------------- order statistics

_QM = _np.lib._function_base_impl


def _quantile_rows(n, q, method):
    """(prev, next, gamma) for a slice of n values: NumPy's own index arithmetic."""
    props = _QM._QuantileMethods[method]
    v = _np.asanyarray(props["get_virtual_index"](n, q))
    if props["fix_gamma"] is None or (method == "linear" and v.dtype.kind in "iu"):
        prev = nxt = v.astype(_np.int64)
        gamma = _np.zeros(v.shape)
    else:
        prev, nxt = _QM._get_indexes(_np.zeros(0), v, n)
        gamma = _QM._get_gamma(v, prev, props)
    prev, nxt = prev % n, nxt % n
    return prev, nxt, gamma


def _median_rows(n, q):
    return (_np.full(q.shape, (n - 1) // 2), _np.full(q.shape, n // 2), _np.zeros(q.shape))


def _order_statistic(a, q, axis, out, keepdims, method, nan_omit, kind, probe):
    node = as_node(a)
    refuse_complex("median/quantile/percentile", node)
    dtype = node.dtype
    axes = _ir.normalize_axes(axis, len(node.shape))     # NumPy's AxisError comes first
    # NumPy validates q, method and works out the result dtype on a tiny array.
    with _np.errstate(all="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                wide_dtype = _np.asarray(probe(_np.zeros(3, dtype))).dtype
            except TypeError:
                if _ir.size_of(node.shape):     # NumPy answers for empty bool input: NaN
                    raise
                wide_dtype = _np.asarray(probe(_np.zeros(node.shape, dtype), axis=axis)).dtype
    result_dtype = _dtypes.canonical(wide_dtype)
    ndim = len(node.shape)
    if axis is None:
        kept_shape = (1,) * ndim
    else:
        kept_shape = tuple(1 if i in axes else d for i, d in enumerate(node.shape))
    rest_shape = tuple(d for i, d in enumerate(node.shape) if i not in axes)
    # Move the reduced axes to the end and merge them.
    others = [i for i in range(ndim) if i not in axes]
    x = ndarray._wrap(node)
    if tuple(others) + axes != tuple(range(ndim)):
        x = transpose(x, others + list(axes))
    n = _ir.size_of(node.shape[i] for i in axes)
    x = reshape(x, rest_shape + (n,))
    q_arr = _np.asarray(q if kind == "mean" else q)
    q_shape = () if kind == "mean" else q_arr.shape
    out_shape = q_shape + (kept_shape if keepdims else rest_shape)
    if n == 0 or _ir.size_of(out_shape) == 0:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with _np.errstate(all="ignore"):
                value = probe(_np.zeros(node.shape, dtype), axis=axis, keepdims=keepdims)
        result = _ir.data(_np.asarray(value, result_dtype), node.device)
    else:
        qf = q_arr.astype(_np.float64).ravel()
        rows_n = range(n + 1) if (nan_omit and dtype.kind == "f") else (n,)
        prev, nxt, gam = [], [], []
        for r in rows_n:
            if r == 0:
                p = x_ = g = _np.zeros(qf.shape)
            elif kind == "mean":
                p, x_, g = _median_rows(r, qf)
            else:
                p, x_, g = _quantile_rows(r, qf, method)
            prev.append(p)
            nxt.append(x_)
            gam.append(g)
        dev = node.device
        tables = (_ir.data(_np.asarray(prev, _np.int32).reshape(len(rows_n), -1), dev),
                  _ir.data(_np.asarray(nxt, _np.int32).reshape(len(rows_n), -1), dev),
                  _ir.data(_np.asarray(gam, _np.float32).reshape(len(rows_n), -1), dev))
        xn = x._node
        result = _ir.Node("quantile", (xn,) + tables,
                          (len(rest_shape), kind, bool(nan_omit), wide_dtype == _np.float64, out_shape),
                          out_shape, result_dtype, dev)
    if out is not None:
        write_out(out, result, "unsafe")
        return out
    return ndarray._wrap(result)


def _q_checked(q, scale):
    q = q._value() if isinstance(q, ndarray) else q
    return q if scale == 1 else _np.true_divide(q, scale)


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
             keepdims=False, *, weights=None, interpolation=None):
    return _quantile_family(_np.quantile, a, q, axis, out, keepdims, method, False, weights, 1)


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
               keepdims=False, *, weights=None, interpolation=None):
    return _quantile_family(_np.percentile, a, q, axis, out, keepdims, method, False, weights, 100)


def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False, *, weights=None, interpolation=None):
    return _quantile_family(_np.nanquantile, a, q, axis, out, keepdims, method, True, weights, 1)


def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                  keepdims=False, *, weights=None, interpolation=None):
    return _quantile_family(_np.nanpercentile, a, q, axis, out, keepdims, method, True, weights, 100)


def _quantile_family(np_fn, a, q, axis, out, keepdims, method, nan_omit, weights, scale):
    if weights is not None:
        raise NotImplementedError("quantile(weights=...) is not supported by ovnp yet")
    q_host = q._value() if isinstance(q, ndarray) else q
    q_scaled = _np.asarray(_np.true_divide(q_host, scale) if scale != 1 else q_host)

    def probe(arr, axis=None, keepdims=False):
        return np_fn(arr, q_host, axis=axis, method=method, keepdims=keepdims)
    props = _QM._QuantileMethods.get(method)
    kind = "take" if props is not None and (props["fix_gamma"] is None or (
        method == "linear" and q_scaled.dtype.kind in "iub")) else "lerp"
    return _order_statistic(a, q_scaled, axis, out, keepdims, method, nan_omit, kind, probe)


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    def probe(arr, axis=None, keepdims=False):
        return _np.median(arr, axis=axis, keepdims=keepdims)
    return _order_statistic(a, _np.zeros(1), axis, out, keepdims, "linear", False, "mean", probe)


def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    def probe(arr, axis=None, keepdims=False):
        return _np.nanmedian(arr, axis=axis, keepdims=keepdims)
    return _order_statistic(a, _np.zeros(1), axis, out, keepdims, "linear", True, "mean", probe)


# ---------------------------------------------------------------- methods

def _sort_method(self, axis=-1, kind=None, order=None, *, stable=None):
    _check_sort_args(kind, order, stable)
    node = self._node
    axis = _ir.normalize_axis(axis, len(node.shape))
    self._assign(_sorted_node(node, axis))


def _partition_method(self, kth, axis=-1, kind="introselect", order=None):
    result = partition(self, kth, axis, kind, order)
    self._assign(result._node)


def _searchsorted_method(self, v, side="left", sorter=None):
    return searchsorted(self, v, side, sorter)


METHODS = {
    "sort": _sort_method,
    "argsort": argsort,
    "partition": _partition_method,
    "argpartition": argpartition,
    "searchsorted": _searchsorted_method,
}


# ---------------------------------------------------------------- counting and signals
# These run NumPy on the host after materializing their inputs: bincount and the
# histograms because their output shape depends on the data (bincount's length, bins
# chosen by a rule), the others until they get device lowerings (docs/sorting.md).

def _host_fn(np_fn, n_arrays):

    def fn(*args, **kwargs):
        arrays = args[:n_arrays]
        device = device_of(*arrays, *(v for v in kwargs.values() if isinstance(v, ndarray)))
        values = [None if a is None else host_value(a) for a in arrays]
        kw = {k: (host_value(v) if isinstance(v, ndarray) else v) for k, v in kwargs.items()}
        rest = [host_value(v) if isinstance(v, ndarray) else v for v in args[n_arrays:]]
        return wrap_host(np_fn(*values, *rest, **kw), device)
    fn.__name__ = np_fn.__name__
    fn.__doc__ = f"numpy.{np_fn.__name__} on the host (materializes its inputs)."
    fn.__signature__ = inspect.signature(np_fn)     # NumPy's parameters: help(), stubs
    return fn


bincount = _host_fn(_np.bincount, 1)
histogram = _host_fn(_np.histogram, 1)
histogram_bin_edges = _host_fn(_np.histogram_bin_edges, 1)
histogram2d = _host_fn(_np.histogram2d, 2)
interp = _host_fn(_np.interp, 3)
correlate = _host_fn(_np.correlate, 2)
convolve = _host_fn(_np.convolve, 2)
cov = _host_fn(_np.cov, 1)
corrcoef = _host_fn(_np.corrcoef, 1)
trapezoid = _host_fn(_np.trapezoid, 1)

__all__ += ["bincount", "histogram", "histogram_bin_edges", "histogram2d", "interp",
            "correlate", "convolve", "cov", "corrcoef", "trapezoid", "sort_complex",
            "histogramdd"]


# ---------------------------------------------------------------- sort_complex, histogramdd

def sort_complex(a):
    """NumPy's: sorted (real part first, then imaginary), as complex."""
    return sort(a).astype(_dtypes.complex64)


def histogramdd(sample, bins=10, range=None, density=None, weights=None):  # noqa: A002
    """On the host (NumPy)."""
    if isinstance(sample, (list, tuple)):
        sample = [_host_value(s) for s in sample]
    if isinstance(bins, (list, tuple)):
        bins = [_host_value(b) for b in bins]
    return _host_call(_np.histogramdd, sample, bins=_host_value(bins), range=range,
                      density=density, weights=_host_value(weights))
