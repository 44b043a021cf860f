"""Statistics: mean, var, std, average and the NaN-ignoring reductions.

Built from the reduction nodes of _reductions.py. Float16 is computed in float32 and
rounded once; integer and bool inputs compute in float32 (NumPy's float64, narrowed).
var/std are two-pass (mean first, then the mean of squared deviations), never
E[x^2] - E[x]^2. median, percentile and quantile belong to the sorting family.
"""

import builtins
import warnings

import numpy as _np

from . import _dtypes, _engine, _ir
from ._array import ndarray
from ._nodes import as_node
from ._reductions import (_arg, _cumulative, _extreme, _method, binary, broadcast, cast, const,
                          finish, mask_node, norm_axes, reduce_node, reduced_shape)
from . import _reductions
from ._transpose_like import transpose

__all__ = ["mean", "var", "std", "average", "nansum", "nanprod", "nanmean", "nanvar",
           "nanstd", "nanmin", "nanmax", "nanargmin", "nanargmax", "nancumsum",
           "nancumprod"]

_F32 = _dtypes.float32
_BOOL = _dtypes.bool_


def _float_dtype(dtype, requested):
    """(result dtype, compute dtype) of mean/var: NumPy's, then the 32-bit policy."""
    if requested is not None:
        result = _dtypes.canonical(requested)
    elif dtype.kind in "biu":
        result = _F32
    else:
        result = dtype
    if result.kind == "c":
        return result, result
    compute = _F32 if result.kind != "f" or result == _dtypes.float16 else result
    return result, compute


def _where_mask(where, node):
    return None if where is True else mask_node(where, node)


def _moment_axes(node, axis, where):
    """mean/var/std's axes. NumPy checks the axis of a 0-d array against 0 dimensions
    only without `where`; with one (even np.True_) an integer axis 0 or -1 is accepted
    there and reduces over nothing (a tuple still raises)."""
    if where is not True and not node.shape and isinstance(axis, (int, _np.integer)) \
            and axis in (0, -1):
        return ()
    return _ir.normalize_axes(axis, len(node.shape))


def _count(node, axes, keepdims, mask, dtype):
    """How many elements each output averages: a constant, or a node when masked."""
    if mask is None:
        return const(_ir.size_of(node.shape[i] for i in axes), dtype, node.device), \
            _ir.size_of(node.shape[i] for i in axes)
    full = mask
    if mask.shape != node.shape:
        full = broadcast(mask, node.shape)
    count = reduce_node("count_nonzero", full, axes, keepdims, _dtypes.int32)
    return cast(count, dtype), None


def _masked_sum(x, axes, keepdims, mask):
    if mask is not None:
        x = _ir.Node("where", (mask, x, const(0, x.dtype, x.device)), (), x.shape, x.dtype,
                     x.device)
    return reduce_node("sum", x, axes, keepdims, x.dtype)


def _mean_node(node, axes, keepdims, compute, mask):
    if node.dtype.kind in "iu" and compute == _F32 and axes:
        return _exact_mean(node, axes, keepdims, mask)
    x = cast(node, compute)
    total = _masked_sum(x, axes, keepdims, mask)
    count, n = _count(node, axes, keepdims, mask, compute)
    if n == 0:
        warnings.warn("Mean of empty slice.", RuntimeWarning, stacklevel=4)
    return binary("divide", total, count)


def _exact_mean(node, axes, keepdims, mask):
    """Integer mean: the exact sum (lower_exact_ints.py) over the count, rounded to float32
    (NumPy sums integers in float64; float32 sums of large integers are off by many ulps)."""
    x = cast(node, _dtypes.uint32 if node.dtype.kind == "u" else _dtypes.int32)
    if mask is not None:
        x = _ir.Node("where", (mask, x, const(0, x.dtype, x.device)), (), x.shape, x.dtype,
                     x.device)
    count, n = _count(node, axes, keepdims, mask, _F32)
    if n == 0:
        warnings.warn("Mean of empty slice.", RuntimeWarning, stacklevel=5)
    return _ir.Node("mean_exact", (x, count), (axes, builtins.bool(keepdims)),
                    reduced_shape(node.shape, axes, keepdims), _F32, node.device)


def mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True):
    node = as_node(a)
    axes = _moment_axes(node, axis, where)
    result, compute = _float_dtype(node.dtype, dtype)
    m = _mean_node(node, axes, keepdims, compute, _where_mask(where, node))
    return finish(cast(m, result), out)


def _var_node(node, axes, keepdims, compute, mask, ddof, mean_arg=None):
    x = cast(node, compute)
    if mean_arg is None:
        m = _mean_node(node, axes, True, compute, mask)
    else:
        m = cast(as_node(mean_arg, node.device), compute)
        if len(m.shape) != len(node.shape):
            m = _ir.Node("reshape", (m,), (), reduced_shape(node.shape, axes, True), compute,
                         m.device)
    d = binary("subtract", x, m)
    if compute.kind == "c":     # NumPy: |d|^2 as re^2 + im^2, a real variance
        parts = [_ir.Node(op, (d,), (), d.shape, _F32, d.device) for op in ("real", "imag")]
        square = binary("add", *(binary("multiply", p, p) for p in parts))
        compute = _F32
    else:
        square = binary("multiply", d, d)
    squares = _masked_sum(square, axes, keepdims, mask)
    count, n = _count(node, axes, keepdims, mask, compute)
    if n is not None:
        if n - ddof <= 0:
            warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=4)
        divisor = const(builtins.max(n - ddof, 0), compute, node.device)
    else:
        divisor = binary("maximum", binary("subtract", count, const(ddof, compute, node.device)),
                         const(0, compute, node.device))
    return binary("divide", squares, divisor)


def _ddof(ddof, correction):
    if correction is not None and correction is not _np._NoValue:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        return correction
    return ddof


def _variance(a, axis, dtype, ddof, keepdims, where, mean, correction):
    """(variance node in the compute dtype, result dtype), two-pass (see _var_node)."""
    node = as_node(a)
    axes = _moment_axes(node, axis, where)
    ddof = _ddof(ddof, correction)
    result, compute = _float_dtype(node.dtype, dtype)
    if result.kind == "c":      # the variance of complex numbers is real
        result = _F32
    return _var_node(node, axes, keepdims, compute, _where_mask(where, node), ddof, mean), result


def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
        mean=None, correction=None):
    v, result = _variance(a, axis, dtype, ddof, keepdims, where, mean, correction)
    return finish(cast(v, result), out)


def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
        mean=None, correction=None):
    v, result = _variance(a, axis, dtype, ddof, keepdims, where, mean, correction)
    s = _ir.Node("sqrt", (v,), (), v.shape, v.dtype, v.device)
    return finish(cast(s, result), out)


# ---------------------------------------------------------------- average

def average(a, axis=None, weights=None, returned=False, *, keepdims=False):
    node = as_node(a)
    ndim = len(node.shape)
    axes = _ir.normalize_axes(axis, ndim)
    if weights is None:
        avg = mean(ndarray._wrap(node), axis, keepdims=keepdims)
        if avg.size == 0:   # NumPy computes a.size / avg.size in Python here
            raise ZeroDivisionError("division by zero")
        if not returned:
            return avg
        n = _ir.size_of(node.shape) / avg.size
        scl = broadcast(const(n, avg.dtype, node.device), avg.shape)
        return avg, ndarray._wrap(scl)
    w = as_node(weights, node.device)
    if node.dtype.kind in "biu":
        result = _dtypes.result_type(node.dtype, w.dtype, _np.dtype(_np.float64))
    else:
        result = _dtypes.result_type(node.dtype, w.dtype)
    if w.shape != node.shape:
        if axis is None:
            raise TypeError("Axis must be specified when shapes of a and weights differ.")
        given = tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)
        given = tuple(_ir.normalize_axis(ax, ndim) for ax in given)
        if w.shape != tuple(node.shape[i] for i in given):
            raise ValueError("Shape of weights must be consistent with shape of a along "
                             "specified axis.")
        if list(given) != sorted(given):
            w = transpose(ndarray._wrap(w), tuple(_np.argsort(given)))._node
        w = _ir.Node("reshape", (w,), (), tuple(n if i in axes else 1
                                               for i, n in enumerate(node.shape)),
                     w.dtype, w.device)
    compute = _F32 if result == _dtypes.float16 else result
    wc = cast(w, compute)
    scl = reduce_node("sum", wc, axes, keepdims, compute)
    # NumPy's check depends on the weights' values: this materializes their sum.
    if bool(_reductions.any(ndarray._wrap(binary("equal", scl, const(0, compute, node.device),
                                                 _BOOL)))):
        raise ZeroDivisionError("Weights sum to zero, can't be normalized")
    total = reduce_node("sum", binary("multiply", cast(node, compute), wc), axes, keepdims,
                        compute)
    avg = cast(binary("divide", total, scl), result)
    if returned:
        return ndarray._wrap(avg), ndarray._wrap(broadcast(cast(scl, result), avg.shape))
    return ndarray._wrap(avg)


# ---------------------------------------------------------------- the NaN family

def _isnan(node):
    return _ir.Node("isnan", (node,), (), node.shape, _BOOL, node.device)


def _replace_nan(node, value):
    return _ir.Node("where", (_isnan(node), const(value, node.dtype, node.device), node), (),
                    node.shape, node.dtype, node.device)


def _nan_mask(node, where):
    """True where an element counts: not NaN, and where= holds."""
    keep = _ir.Node("logical_not", (_isnan(node),), (), node.shape, _BOOL, node.device)
    if where is True:
        return keep
    return binary("logical_and", keep, mask_node(where, node), _BOOL)


def _is_float(node):
    """Whether node can hold NaN (complex: a NaN part)."""
    return node.dtype.kind in "fc"


def _lowest(node, op):
    """The fill that never wins op's comparison: -inf for max, inf for min; for complex
    -inf - inf j and inf + inf j (NumPy's complex order is lexicographic)."""
    fill = -_np.inf if op in ("amax", "argmax") else _np.inf
    return complex(fill, fill) if node.dtype.kind == "c" else fill


def _skip_nan(a, where):
    """where= for the nan- reductions: NaNs of float `a` do not count."""
    node = as_node(a)
    return ndarray._wrap(_nan_mask(node, where)) if _is_float(node) else where


def nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    node = as_node(a)
    if _is_float(node):
        node = _replace_nan(node, 0)
    return _reductions.sum(ndarray._wrap(node), axis, dtype, out, keepdims, initial, where)


def nanprod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    node = as_node(a)
    if _is_float(node):
        node = _replace_nan(node, 1)
    return _reductions.prod(ndarray._wrap(node), axis, dtype, out, keepdims, initial, where)


def _nan_axis(a, axis):
    """NumPy's nan-moments of floats are sums underneath, which take an integer axis 0
    or -1 on a 0-d array (mean itself does not; a tuple still raises): a 0-d input
    reduces over nothing, so axis None does it. Of other dtypes they are mean/var/std
    themselves (AxisError)."""
    node = as_node(a)
    if axis is not None and not node.shape and _is_float(node):
        if isinstance(axis, (int, _np.integer)) and axis in (0, -1):
            return None
        _ir.normalize_axes(axis, 0)     # NumPy's AxisError (or TypeError)
    return axis


def nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True):
    return mean(a, _nan_axis(a, axis), dtype, out, keepdims, where=_skip_nan(a, where))


def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
           mean=None, correction=None):
    return var(a, _nan_axis(a, axis), dtype, out, ddof, keepdims, where=_skip_nan(a, where),
               mean=mean, correction=correction)


def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
           mean=None, correction=None):
    return std(a, _nan_axis(a, axis), dtype, out, ddof, keepdims, where=_skip_nan(a, where),
               mean=mean, correction=correction)


def _nanextreme(op, a, axis, out, keepdims, initial, where):
    node = as_node(a)
    if not _is_float(node):
        return _extreme(op, a, axis, out, keepdims, initial, where)
    axes = norm_axes(axis, len(node.shape))
    fill = _lowest(node, op)
    result = _extreme(op, ndarray._wrap(_replace_nan(node, fill)), axis, None, keepdims,
                      initial, where)._node
    has_initial = initial is not None and initial is not _np._NoValue
    if not has_initial:   # an all-NaN slice gives NaN (NumPy also warns)
        all_nan = reduce_node("all", _isnan(node), axes, keepdims, _BOOL)
        result = _ir.Node("where", (all_nan, const(_np.nan, node.dtype, node.device), result),
                          (), result.shape, result.dtype, result.device)
    return finish(result, out)


def nanmax(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    return _nanextreme("amax", a, axis, out, keepdims, initial, where)


def nanmin(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    return _nanextreme("amin", a, axis, out, keepdims, initial, where)


def _nanarg(op, a, axis, out, keepdims):
    """NumPy raises ValueError on an all-NaN slice. That depends on the data, so the
    all-NaN test is computed at the call (as average(weights=) computes its weight sum):
    a silent -1 would be a wrong index."""
    node = as_node(a)
    if not _is_float(node):
        return _arg(op, a, axis, out, keepdims)
    fill = _lowest(node, op)
    index = _arg(op, ndarray._wrap(_replace_nan(node, fill)), axis, None, keepdims)._node
    nan = _isnan(node)
    if axis is None:
        all_nan = reduce_node("all", nan, tuple(range(len(node.shape))), keepdims, _BOOL)
    else:
        ax = _ir.normalize_axis(axis, builtins.max(len(node.shape), 1))
        all_nan = reduce_node("all", nan, (ax,) if node.shape else (), keepdims, _BOOL)
    _engine.materialize([all_nan])
    if all_nan.value.any():
        raise ValueError("All-NaN slice encountered")
    return finish(index, out, "same_kind")


def nanargmax(a, axis=None, out=None, *, keepdims=False):
    return _nanarg("argmax", a, axis, out, keepdims)


def nanargmin(a, axis=None, out=None, *, keepdims=False):
    return _nanarg("argmin", a, axis, out, keepdims)


def nancumsum(a, axis=None, dtype=None, out=None):
    node = as_node(a)
    if _is_float(node):
        node = _replace_nan(node, 0)
    return _cumulative("cumsum", _np.add, ndarray._wrap(node), axis, dtype, out)


def nancumprod(a, axis=None, dtype=None, out=None):
    node = as_node(a)
    if _is_float(node):
        node = _replace_nan(node, 1)
    return _cumulative("cumprod", _np.multiply, ndarray._wrap(node), axis, dtype, out)


METHODS = {"mean": _method(mean), "var": _method(var), "std": _method(std)}
