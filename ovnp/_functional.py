"""Functional programming (NumPy's grouping): apply_along_axis, apply_over_axes,
piecewise, vectorize. The first three are lazy: the user's function is called on ovnp
arrays and the pieces joined. vectorize calls the function once per element, with
NumPy scalars, as NumPy's does: on the host."""

import numpy as _np

from . import _dtypes, _ir
from ._array import ndarray
from ._changing_dims import broadcast_to, expand_dims
from ._changing_shape import reshape
from ._creation import astype, zeros_like
from ._elementwise import logical_not, logical_or
from ._indexing_routines import where
from ._joining import stack
from ._host import _host_value, _wrap_host
from ._nodes import _arr, asarray
from ._transpose_like import moveaxis, transpose

__all__ = ["apply_along_axis", "apply_over_axes", "piecewise", "vectorize"]


def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    arr = _arr(arr)
    nd = arr.ndim
    axis = _ir.normalize_axis(axis, nd)
    moved = moveaxis(arr, axis, -1)
    outer = moved.shape[:-1]
    if any(n == 0 for n in outer):
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0")
    results = []
    first = None
    for ind in _np.ndindex(*outer):
        res = _arr(func1d(moved[ind], *args, **kwargs))
        if first is None:
            first = res
        elif res.shape != first.shape:
            raise ValueError(f"could not broadcast input array from shape {res.shape} into "
                             f"shape {first.shape}")
        results.append(res if res.dtype == first.dtype else res.astype(first.dtype))
    out = stack(results).reshape(outer + first.shape)
    # NumPy puts the result's dimensions where `axis` was.
    res_nd = first.ndim
    order = list(range(axis)) + list(range(len(outer), len(outer) + res_nd)) + \
        list(range(axis, len(outer)))
    return transpose(out, order)


def apply_over_axes(func, a, axes):
    val = _arr(a)
    N = val.ndim
    if _np.array(axes).ndim == 0:
        axes = (axes,)
    for axis in axes:
        if axis < 0:
            axis = N + axis
        res = _arr(func(val, axis))
        if res.ndim == val.ndim:
            val = res
        else:
            res = expand_dims(res, axis)
            if res.ndim == val.ndim:
                val = res
            else:
                raise ValueError("function is not returning an array of the correct shape")
    return val


def piecewise(x, condlist, funclist, *args, **kw):
    """NumPy's piecewise, lazily: each function is applied to the whole of x and the
    pieces are chosen with where (the same result for elementwise functions)."""
    x = _arr(x)
    n2 = len(funclist)
    if isinstance(condlist, ndarray):
        # NumPy asks whether condlist[0] is an array: for an ovnp array, whether ndim >= 2
        if condlist.ndim == 0 or (condlist.ndim == 1 and x.ndim != 0):
            condlist = [condlist]
    elif (_np.isscalar(condlist)
            or (not isinstance(condlist[0], (list, ndarray, _np.ndarray)) and x.ndim != 0)):
        condlist = [condlist]
    if isinstance(condlist, ndarray):
        conds = list(astype(condlist, _dtypes.bool_)) if condlist.ndim else [condlist]
    else:
        conds = [asarray(c).astype(_dtypes.bool_) for c in condlist]
    n = len(conds)
    if n == n2 - 1:
        anyc = conds[0]
        for c in conds[1:]:
            anyc = logical_or(anyc, c)
        conds.append(logical_not(anyc))
        n += 1
    elif n != n2:
        raise ValueError(f"with {n} condition(s), either {n} or {n + 1} functions are expected")
    y = zeros_like(x)
    for cond, func in zip(conds, funclist):
        if cond.shape != x.shape:
            # NumPy indexes y[cond]: the condition must have x's shape
            if cond.ndim > x.ndim or any(c != s for c, s in zip(cond.shape, x.shape)):
                raise IndexError(f"boolean index did not match indexed array; shape {x.shape} "
                                 f"versus condition shape {cond.shape}")
            cond = broadcast_to(reshape(cond, cond.shape + (1,) * (x.ndim - cond.ndim)),
                                   x.shape)
        vals = func(x, *args, **kw) if callable(func) else func
        vals = _arr(vals)
        if vals.dtype != y.dtype:
            vals = vals.astype(y.dtype)
        y = where(cond, vals, y)
    return y


class vectorize:
    """NumPy's vectorize over ovnp arrays: NumPy's own vectorize object runs on the
    host (the Python function is called once per element with NumPy scalars, exactly as
    NumPy calls it), ovnp array arguments are materialized first and the results are
    ovnp arrays under the 32-bit policy. Usable as a decorator, with or without
    arguments, as NumPy's is."""

    def __init__(self, pyfunc=_np._NoValue, otypes=None, doc=None, excluded=None,
                 cache=False, signature=None):
        self._vectorized = _np.vectorize(pyfunc, otypes=otypes, doc=doc, excluded=excluded,
                                         cache=cache, signature=signature)
        if doc is not None or pyfunc is not _np._NoValue:
            self.__doc__ = self._vectorized.__doc__

    def __call__(self, *args, **kwargs):
        if self._vectorized.pyfunc is _np._NoValue:     # @vectorize(otypes=...) on a def
            self._vectorized(*args, **kwargs)
            self.__doc__ = self._vectorized.__doc__
            return self
        device = next((a.device for a in (*args, *kwargs.values()) if isinstance(a, ndarray)),
                      None)
        result = self._vectorized(*[_host_value(a) for a in args],
                                  **{k: _host_value(v) for k, v in kwargs.items()})
        return _wrap_host(result, device)

    pyfunc = property(lambda self: self._vectorized.pyfunc)
    otypes = property(lambda self: self._vectorized.otypes)
    excluded = property(lambda self: self._vectorized.excluded)
    signature = property(lambda self: self._vectorized.signature)
