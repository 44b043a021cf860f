"""Small NumPy utilities that belong to no larger family.

Lazy on the device (built from other ovnp functions): isreal, iscomplex, real_if_close,
angle, fill_diagonal (in place), apply_along_axis, apply_over_axes, piecewise, polyval,
polyadd, polysub, polymul, polyder, polyint, unwrap, i0, packbits, unpackbits, matvec,
vecmat, mask_indices (nonzero materializes).
Pure metadata (no computation): shape, ndim, size, isscalar, iterable, isfortran,
promote_types, issubdtype, common_type, min_scalar_type, mintypecode, typename.
On the host through NumPy (inputs are materialized, results wrapped under the 32-bit
policy): poly, roots, polyfit, polydiv, histogramdd, the windows (hamming, hanning,
blackman, bartlett, kaiser: computed in float64 then narrowed, like linspace), the
printing functions and the file functions (save, load, savetxt, loadtxt, ...).
See docs/misc.md.
"""

import functools
import inspect
import math
import operator

import numpy as _np

from . import _dtypes, _ir
from ._array import ndarray
from ._interop import _to_numpy

__all__ = [
    # metadata and dtypes
    "shape", "ndim", "size", "isscalar", "iterable", "isfortran", "promote_types",
    "issubdtype", "common_type", "min_scalar_type", "mintypecode", "typename",
    # real/complex helpers
    "isreal", "iscomplex", "real_if_close", "angle", "sort_complex", "isnat",
    # array utilities
    "fill_diagonal", "apply_along_axis", "apply_over_axes", "piecewise", "mask_indices",
    "asarray_chkfinite", "asfortranarray", "require",
    # polynomials
    "poly", "roots", "polyval", "polyadd", "polysub", "polymul", "polydiv", "polyder",
    "polyint", "polyfit",
    # signal helpers
    "unwrap", "i0", "hamming", "hanning", "blackman", "bartlett", "kaiser",
    "packbits", "unpackbits", "matvec", "vecmat", "histogramdd",
    # printing and floating-point error state (NumPy's own)
    "array2string", "array_repr", "array_str", "printoptions", "set_printoptions",
    "get_printoptions", "format_float_positional", "format_float_scientific",
    "base_repr", "binary_repr", "seterr", "geterr", "errstate", "seterrcall", "geterrcall",
    # files
    "save", "savez", "savez_compressed", "load", "savetxt", "loadtxt", "genfromtxt",
    "fromfile", "fromstring", "fromregex",
]


def _ov():
    import ovnp
    return ovnp


def _arr(x):
    return x if isinstance(x, ndarray) else _ov().asarray(x)


def _host_value(x):
    return x._value() if isinstance(x, ndarray) else x


def _wrap_host(result, device=None):
    """A NumPy result as ovnp arrays under the 32-bit policy (TypeError for complex)."""
    if isinstance(result, tuple):
        return tuple(_wrap_host(r, device) for r in result)
    if isinstance(result, list):
        return [_wrap_host(r, device) for r in result]
    if isinstance(result, (_np.ndarray, _np.generic)):
        if result.dtype.kind == "c":
            raise _dtypes.DTypePolicyError(
                f"the result is complex ({result.dtype}), and ovnp does not support complex "
                f"dtypes. {_dtypes.POLICY}")
        return _ov().asarray(result, device=device)
    return result


def _device_of(*xs):
    for x in xs:
        if isinstance(x, ndarray):
            return x.device
    return None


# ---------------------------------------------------------------- metadata and dtypes

def shape(a):
    if isinstance(a, ndarray):
        return a.shape
    return _np.shape(a)


def ndim(a):
    if isinstance(a, ndarray):
        return a.ndim
    return _np.ndim(a)


def size(a, axis=None):
    if not isinstance(a, ndarray):
        return _np.size(a, axis)
    if axis is None:
        return a.size
    axes = axis if isinstance(axis, tuple) else (axis,)
    axes = _ir.normalize_axes(axes, a.ndim)
    return math.prod(a.shape[i] for i in axes)


def isscalar(element):
    return _np.isscalar(element)


def iterable(y):
    if isinstance(y, ndarray):
        return y.ndim > 0
    return _np.iterable(y)


def isfortran(a):
    """ovnp arrays are laid out in C order (the layout is not observable): False."""
    if not isinstance(a, ndarray):
        raise AttributeError(f"'{type(a).__name__}' object has no attribute 'flags'")
    return False


def promote_types(type1, type2):
    return _dtypes.canonical(_np.promote_types(type1, type2))


def issubdtype(arg1, arg2):
    return _np.issubdtype(arg1, arg2)


def _proxy(a):
    """Something with `a`'s dtype for NumPy's dtype-only helpers (no values needed)."""
    if isinstance(a, ndarray):
        return _np.empty(0, a.dtype)
    return a


def common_type(*arrays):
    return _dtypes.canonical(_np.common_type(*map(_proxy, arrays))).type


def min_scalar_type(a, /):
    if isinstance(a, ndarray):
        if a.ndim:
            return a.dtype
        a = a._value()
    d = _np.min_scalar_type(a)
    target = _dtypes.canonical(d)
    if d.kind in "iu" and target != d:
        _dtypes.check_int_range(_np.asarray(a), target)
    return target


def mintypecode(typechars, typeset="GDFgdf", default="d"):
    code = _np.mintypecode(typechars, typeset, default)
    return _dtypes.canonical(_np.dtype(code)).char


def typename(char):
    return _np.typename(char)


# ---------------------------------------------------------------- real and complex

def _real_input(x):
    x = _arr(x)
    _dtypes.canonical(x.dtype)
    return x


def isreal(x):
    """True everywhere: ovnp arrays are never complex (lazy)."""
    x = _real_input(x)
    return _ov().full(x.shape, True, dtype=_dtypes.bool_, device=x.device)


def iscomplex(x):
    x = _real_input(x)
    return _ov().full(x.shape, False, dtype=_dtypes.bool_, device=x.device)


def real_if_close(a, tol=100):
    return _real_input(a)


def angle(z, deg=False):
    """NumPy's angle of real input: arctan2(0, z) (pi for negative numbers and -0.0)."""
    z = _real_input(z)
    a = _ov().arctan2(0, z)
    if deg:
        a = a * (180 / _np.pi)
    return a


def sort_complex(a):
    _real_input(a)
    raise _dtypes.DTypePolicyError(
        f"sort_complex returns a complex array, and ovnp does not support complex dtypes. "
        f"{_dtypes.POLICY}")


def isnat(x, /, *args, **kwargs):
    x = _real_input(x)
    raise TypeError("ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.")


# ---------------------------------------------------------------- array utilities

def fill_diagonal(a, val, wrap=False):
    """NumPy's fill_diagonal, lazily and in place (a write through `put`)."""
    if not isinstance(a, ndarray):
        raise TypeError("ovnp.fill_diagonal writes in place: `a` must be an ovnp array")
    if a.ndim < 2:
        raise ValueError("array must be at least 2-d")
    end = None
    if a.ndim == 2:
        step = a.shape[1] + 1
        if not wrap:
            end = a.shape[1] * a.shape[1]
    else:
        if not all(n == a.shape[0] for n in a.shape[1:]):
            raise ValueError("All dimensions of input must be of equal length")
        step = 1 + int(_np.cumprod(a.shape[:-1]).sum())
    if not isinstance(val, ndarray):
        # NumPy's flat assignment refuses Python ints that do not fit, even into nothing
        for v in _np.ravel(_np.asarray(val, dtype=object)):
            _dtypes.check_scalar_fits(v, a.dtype)
    idx = _np.arange(a.size)[slice(None, end, step)]
    _ov().put(a, idx, val)


def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    ov = _ov()
    arr = _arr(arr)
    nd = arr.ndim
    axis = _ir.normalize_axis(axis, nd)
    moved = ov.moveaxis(arr, axis, -1)
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
    out = ov.stack(results).reshape(outer + first.shape)
    # NumPy puts the result's dimensions where `axis` was.
    res_nd = first.ndim
    order = list(range(axis)) + list(range(len(outer), len(outer) + res_nd)) + \
        list(range(axis, len(outer)))
    return ov.transpose(out, order)


def apply_over_axes(func, a, axes):
    ov = _ov()
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
            res = ov.expand_dims(res, axis)
            if res.ndim == val.ndim:
                val = res
            else:
                raise ValueError("function is not returning an array of the correct shape")
    return val


def piecewise(x, condlist, funclist, *args, **kw):
    """NumPy's piecewise, lazily: each function is applied to the whole of x and the
    pieces are chosen with where (the same result for elementwise functions)."""
    ov = _ov()
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
        conds = list(ov.astype(condlist, _dtypes.bool_)) if condlist.ndim else [condlist]
    else:
        conds = [ov.asarray(c).astype(_dtypes.bool_) for c in condlist]
    n = len(conds)
    if n == n2 - 1:
        anyc = conds[0]
        for c in conds[1:]:
            anyc = ov.logical_or(anyc, c)
        conds.append(ov.logical_not(anyc))
        n += 1
    elif n != n2:
        raise ValueError(f"with {n} condition(s), either {n} or {n + 1} functions are expected")
    y = ov.zeros_like(x)
    for cond, func in zip(conds, funclist):
        if cond.shape != x.shape:
            # NumPy indexes y[cond]: the condition must have x's shape
            if cond.ndim > x.ndim or any(c != s for c, s in zip(cond.shape, x.shape)):
                raise IndexError(f"boolean index did not match indexed array; shape {x.shape} "
                                 f"versus condition shape {cond.shape}")
            cond = ov.broadcast_to(ov.reshape(cond, cond.shape + (1,) * (x.ndim - cond.ndim)),
                                   x.shape)
        vals = func(x, *args, **kw) if callable(func) else func
        vals = _arr(vals)
        if vals.dtype != y.dtype:
            vals = vals.astype(y.dtype)
        y = ov.where(cond, vals, y)
    return y


def mask_indices(n, mask_func, k=0):
    ov = _ov()
    m = ov.ones((n, n), dtype=_dtypes.int32)
    a = mask_func(m, k)
    return ov.nonzero(a != 0)


def asarray_chkfinite(a, dtype=None, order=None):
    ov = _ov()
    a = ov.asarray(a, dtype=dtype)
    if a.dtype.kind == "f" and not bool(ov.isfinite(a).all()):
        raise ValueError("array must not contain infs or NaNs")
    return a


def asfortranarray(a, dtype=None, *, like=None):
    """ovnp has no memory layout to choose; like NumPy, the result has ndim >= 1."""
    return _ov().array(a, dtype=dtype, copy=None, ndmin=1) if not isinstance(a, ndarray) \
        else (_ov().atleast_1d(a) if dtype is None else _ov().atleast_1d(a.astype(dtype)))


_REQUIREMENTS = {"C": "C", "C_CONTIGUOUS": "C", "CONTIGUOUS": "C", "F": "F",
                 "F_CONTIGUOUS": "F", "FORTRAN": "F", "A": "A", "ALIGNED": "A", "W": "W",
                 "WRITEABLE": "W", "O": "O", "OWNDATA": "O", "E": "E", "ENSUREARRAY": "E"}


def require(a, dtype=None, requirements=None, *, like=None):
    if requirements:
        reqs = {_REQUIREMENTS[str(r).upper()] for r in requirements}
        if "C" in reqs and "F" in reqs:
            raise ValueError("Cannot specify both 'C' and 'F' order")
    a = _arr(a) if dtype is None else _ov().asarray(a, dtype=dtype)
    return a


# ---------------------------------------------------------------- polynomials

def polyval(p, x):
    ov = _ov()
    p = _arr(p)
    x = _arr(x)
    y = ov.zeros_like(x)
    for pv in p:
        y = y * x + pv
    return y


def polyadd(a1, a2):
    return _polyaddsub(a1, a2, "add")


def polysub(a1, a2):
    return _polyaddsub(a1, a2, "subtract")


def _polyaddsub(a1, a2, op):
    ov = _ov()
    fn = getattr(ov, op)
    a1 = ov.atleast_1d(_arr(a1))
    a2 = ov.atleast_1d(_arr(a2))
    diff = len(a2) - len(a1)
    if diff == 0:
        return fn(a1, a2)
    if diff > 0:
        return fn(ov.concatenate((ov.zeros(diff, a1.dtype, device=a1.device), a1)), a2)
    return fn(a1, ov.concatenate((ov.zeros(-diff, a2.dtype, device=a2.device), a2)))


def _poly1d_coeffs(c):
    """What numpy.poly1d keeps of `c`: leading zeros trimmed (data-dependent: this
    materializes `c`), [0] for the zero polynomial."""
    ov = _ov()
    c = ov.atleast_1d(_arr(c))
    if c.ndim > 1:
        raise ValueError("Polynomial must be 1d only.")
    t = ov.trim_zeros(c, trim="f")
    return t if len(t) else ov.zeros(1, c.dtype, device=c.device)


def polymul(a1, a2):
    """NumPy's polymul: through poly1d, so leading zeros are trimmed (materializes)."""
    return _ov().convolve(_poly1d_coeffs(a1), _poly1d_coeffs(a2))


def polyder(p, m=1):
    ov = _ov()
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    p = _arr(p)
    if m == 0:
        return p
    n = len(p) - 1
    y = p[:-1] * ov.arange(n, 0, -1, device=p.device)
    return polyder(y, m - 1)


def polyint(p, m=1, k=None):
    ov = _ov()
    m = int(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    if k is None:
        k = _np.zeros(m, float)
    k = ov.atleast_1d(_arr(k))
    if len(k) == 1 and m > 1:
        k = k[0] * ov.ones(m, _dtypes.float32)
    if len(k) < m:
        raise ValueError("k must be a scalar or a rank-1 array of length 1 or >m.")
    p = _arr(p)
    if m == 0:
        return p
    y = ov.concatenate((ov.true_divide(p, ov.arange(len(p), 0, -1, device=p.device)),
                        ov.reshape(k[0], (1,))))
    return polyint(y, m - 1, k=k[1:])


def _host_call(fn, *arrays, **kwargs):
    device = _device_of(*arrays)
    return _wrap_host(fn(*[_host_value(a) for a in arrays], **kwargs), device)


def poly(seq_of_zeros):
    """On the host (NumPy; eigenvalues for a square matrix)."""
    return _host_call(_np.poly, seq_of_zeros)


def roots(p):
    """On the host (NumPy's companion-matrix eigenvalues); complex roots raise TypeError."""
    return _host_call(_np.roots, p)


def polydiv(u, v):
    """On the host (NumPy)."""
    return _host_call(_np.polydiv, u, v)


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """On the host (NumPy's lstsq in float64), the results narrowed to float32."""
    return _host_call(_np.polyfit, x, y, deg, rcond=rcond, full=full, w=_host_value(w),
                      cov=cov)


def histogramdd(sample, bins=10, range=None, density=None, weights=None):  # noqa: A002
    """On the host (NumPy)."""
    if isinstance(sample, (list, tuple)):
        sample = [_host_value(s) for s in sample]
    if isinstance(bins, (list, tuple)):
        bins = [_host_value(b) for b in bins]
    return _host_call(_np.histogramdd, sample, bins=_host_value(bins), range=range,
                      density=density, weights=_host_value(weights))


# ---------------------------------------------------------------- signal helpers

def unwrap(p, discont=None, axis=-1, *, period=2 * _np.pi):
    ov = _ov()
    p = _arr(p)
    nd = p.ndim
    dd = ov.diff(p, axis=axis)
    if discont is None:
        discont = period / 2
    slice1 = [slice(None, None)] * nd
    slice1[axis] = slice(1, None)
    slice1 = tuple(slice1)
    dtype = _dtypes.result_type(dd, period)
    if _np.issubdtype(dtype, _np.integer):
        interval_high, rem = divmod(period, 2)
        boundary_ambiguous = rem == 0
    else:
        interval_high = period / 2
        boundary_ambiguous = True
    interval_low = -interval_high
    ddmod = ov.mod(dd - interval_low, period) + interval_low
    if boundary_ambiguous:
        ddmod = ov.where((ddmod == interval_low) & (dd > 0),
                         ov.asarray(interval_high).astype(ddmod.dtype), ddmod)
    ph_correct = ddmod - dd
    ph_correct = ov.where(ov.absolute(dd) < discont, ov.zeros((), ph_correct.dtype),
                          ph_correct)
    up = ov.array(p, dtype=dtype, copy=True)
    up[slice1] = p[slice1] + ov.cumsum(ph_correct, axis=axis)
    return up


_I0A = [-4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16, 1.715391285555133e-15, -1.1685332877993451e-14, 7.676185498604936e-14, -4.856446783111929e-13, 2.95505266312964e-12, -1.726826291441556e-11, 9.675809035373237e-11, -5.189795601635263e-10, 2.6598237246823866e-09, -1.300025009986248e-08, 6.046995022541919e-08, -2.670793853940612e-07, 1.1173875391201037e-06, -4.4167383584587505e-06, 1.6448448070728896e-05, -5.754195010082104e-05, 0.00018850288509584165, -0.0005763755745385824, 0.0016394756169413357, -0.004324309995050576, 0.010546460394594998, -0.02373741480589947, 0.04930528423967071, -0.09490109704804764, 0.17162090152220877, -0.3046826723431984, 0.6767952744094761]
_I0B = [-7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17, 3.461222867697461e-17, -2.8276239805165836e-16, -3.425485619677219e-16, 1.7725601330565263e-15, 3.8116806693526224e-15, -9.554846698828307e-15, -4.150569347287222e-14, 1.54008621752141e-14, 3.8527783827421426e-13, 7.180124451383666e-13, -1.7941785315068062e-12, -1.3215811840447713e-11, -3.1499165279632416e-11, 1.1889147107846439e-11, 4.94060238822497e-10, 3.3962320257083865e-09, 2.266668990498178e-08, 2.0489185894690638e-07, 2.8913705208347567e-06, 6.889758346916825e-05, 0.0033691164782556943, 0.8044904110141088]


def _chbevl(x, vals):
    b0 = vals[0]
    b1 = 0.0
    b2 = 0.0
    for v in vals[1:]:
        b2 = b1
        b1 = b0
        b0 = x * b1 - b2 + v
    return 0.5 * (b0 - b2)


def i0(x):
    """NumPy's Chebyshev evaluation of the Bessel function I0, lazily (both branches are
    computed and chosen with where)."""
    ov = _ov()
    x = _arr(x)
    if x.dtype.kind != "f":
        x = x.astype(_dtypes.float32)
    x = ov.absolute(x)
    small = ov.exp(x) * _chbevl(x / 2.0 - 2, _I0A)
    large = ov.exp(x) * _chbevl(32.0 / x - 2.0, _I0B) / ov.sqrt(x)
    return ov.where(x <= 8.0, small, large)


def _window(fn, *args):
    return _ov().asarray(fn(*args))


def hamming(M):
    return _window(_np.hamming, M)


def hanning(M):
    return _window(_np.hanning, M)


def blackman(M):
    return _window(_np.blackman, M)


def bartlett(M):
    return _window(_np.bartlett, M)


def kaiser(M, beta):
    return _window(_np.kaiser, M, _host_value(beta))


def _bitorder(bitorder):
    if bitorder not in ("big", "little"):
        raise ValueError("'order' must be either 'little' or 'big'")
    return bitorder


def packbits(a, /, axis=None, bitorder="big"):
    ov = _ov()
    a = _arr(a)
    if a.dtype.kind not in "biu":
        raise TypeError("Expected an input array of integer or boolean data type")
    _bitorder(bitorder)
    if axis is None:
        a = ov.reshape(a, (-1,))
        axis = 0
    axis = _ir.normalize_axis(axis, a.ndim)
    bits = ov.moveaxis(a != 0, axis, -1).astype(_dtypes.uint8)
    n = bits.shape[-1]
    k = -(-n // 8)
    if k * 8 != n:
        pad = [(0, 0)] * (bits.ndim - 1) + [(0, k * 8 - n)]
        bits = ov.pad(bits, pad)
    bits = ov.reshape(bits, bits.shape[:-1] + (k, 8))
    weights = [128, 64, 32, 16, 8, 4, 2, 1] if bitorder == "big" else [1, 2, 4, 8, 16, 32, 64, 128]
    w = ov.asarray(_np.array(weights, _np.uint8), device=a.device)
    packed = ov.sum(bits * w, axis=-1, dtype=_dtypes.uint8)
    return ov.moveaxis(packed, -1, axis)


def unpackbits(a, /, axis=None, count=None, bitorder="big"):
    ov = _ov()
    a = _arr(a)
    if a.dtype != _dtypes.uint8:
        raise TypeError("Expected an input array of unsigned byte data type")
    _bitorder(bitorder)
    if count is not None:
        count = operator.index(count)
    if axis is None:
        a = ov.reshape(a, (-1,))
        axis = 0
    axis = _ir.normalize_axis(axis, a.ndim)
    moved = ov.moveaxis(a, axis, -1)
    shifts = [7, 6, 5, 4, 3, 2, 1, 0] if bitorder == "big" else [0, 1, 2, 3, 4, 5, 6, 7]
    s = ov.asarray(_np.array(shifts, _np.uint8), device=a.device)
    bits = ov.bitwise_and(ov.right_shift(moved[..., None], s), _np.uint8(1))
    n = moved.shape[-1] * 8
    bits = ov.reshape(bits, moved.shape[:-1] + (n,))
    if count is not None:
        if count < 0:
            if -count > n:
                raise ValueError("-count larger than number of elements")
            bits = bits[..., :n + count]
        elif count <= n:
            bits = bits[..., :count]
        else:
            pad = [(0, 0)] * (bits.ndim - 1) + [(0, count - n)]
            bits = ov.pad(bits, pad)
    return ov.moveaxis(bits, -1, axis)


def _check_core(x, need, name):
    if x.ndim < need:
        raise ValueError(f"{name}: Input operand does not have enough dimensions "
                         f"(has {x.ndim}, gufunc core with signature requires {need})")


def matvec(x1, x2, /, out=None, **kwargs):
    """(..., m, n) @ (..., n) -> (..., m), as NumPy's matvec gufunc (through matmul)."""
    ov = _ov()
    x1, x2 = _arr(x1), _arr(x2)
    _check_core(x1, 2, "matvec")
    _check_core(x2, 1, "matvec")
    if x1.shape[-1] != x2.shape[-1]:
        raise ValueError(f"matvec: Input operand 1 has a mismatch in its core dimension 0, "
                         f"with gufunc signature (m,n),(n)->(m) (size {x2.shape[-1]} is "
                         f"different from {x1.shape[-1]})")
    r = ov.matmul(x1, x2[..., None])[..., 0]
    return _out(r, out)


def vecmat(x1, x2, /, out=None, **kwargs):
    """(..., n) @ (..., n, m) -> (..., m), as NumPy's vecmat gufunc (through matmul)."""
    ov = _ov()
    x1, x2 = _arr(x1), _arr(x2)
    _check_core(x1, 1, "vecmat")
    _check_core(x2, 2, "vecmat")
    if x1.shape[-1] != x2.shape[-2]:
        raise ValueError(f"vecmat: Input operand 1 has a mismatch in its core dimension 0, "
                         f"with gufunc signature (n),(n,m)->(m) (size {x2.shape[-2]} is "
                         f"different from {x1.shape[-1]})")
    r = ov.matmul(x1[..., None, :], x2)[..., 0, :]
    return _out(r, out)


def _out(r, out):
    if out is None:
        return r
    if isinstance(out, tuple):
        (out,) = out
    from ._ufunc import write_out
    write_out(out, r._node, "same_kind")
    return out


# ---------------------------------------------------------------- printing and errors
# ovnp's repr and str are NumPy's printing of the computed value, so NumPy's print
# options are ovnp's: these are NumPy's own functions.

printoptions = _np.printoptions
set_printoptions = _np.set_printoptions
get_printoptions = _np.get_printoptions
format_float_positional = _np.format_float_positional
format_float_scientific = _np.format_float_scientific
base_repr = _np.base_repr
binary_repr = _np.binary_repr

# Floating-point error handling is NumPy's state; OpenVINO never reports floating-point
# errors, so only the functions that run on the host through NumPy honour it.
seterr = _np.seterr
geterr = _np.geterr
errstate = _np.errstate
seterrcall = _np.seterrcall
geterrcall = _np.geterrcall


def array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=" ",
                 prefix="", *, formatter=None, threshold=None, edgeitems=None, sign=None,
                 floatmode=None, suffix="", legacy=None):
    return _np.array2string(_arr(a)._value(), max_line_width, precision, suppress_small,
                            separator, prefix, formatter=formatter, threshold=threshold,
                            edgeitems=edgeitems, sign=sign, floatmode=floatmode,
                            suffix=suffix, legacy=legacy)


def array_repr(arr, max_line_width=None, precision=None, suppress_small=None):
    return _np.array_repr(_arr(arr)._value(), max_line_width, precision, suppress_small)


def array_str(a, max_line_width=None, precision=None, suppress_small=None):
    return _np.array_str(_arr(a)._value(), max_line_width, precision, suppress_small)


# ---------------------------------------------------------------- files (NumPy on the host)

def _host_io(np_fn, wrap_result):
    """ovnp's version of a NumPy file function, with NumPy's signature: ovnp arrays in
    the arguments are materialized; array results are wrapped under the 32-bit policy."""
    @functools.wraps(np_fn)
    def fn(*args, **kwargs):
        result = np_fn(*_to_numpy(args), **_to_numpy(kwargs))
        if not wrap_result:
            return result
        if isinstance(result, _np.lib.npyio.NpzFile):
            return _NpzFile(result)
        return _wrap_host(result)
    try:
        fn.__signature__ = inspect.signature(np_fn)
    except ValueError:   # a builtin without a text signature (fromstring)
        pass
    fn.__module__ = __name__
    return fn


class _NpzFile:
    """NumPy's NpzFile, handing out ovnp arrays (each wrapped under the 32-bit policy)."""

    def __init__(self, npz):
        self._npz = npz
        self.files = npz.files

    def __getitem__(self, key):
        return _wrap_host(self._npz[key])

    def __contains__(self, key):
        return key in self._npz

    def __iter__(self):
        return iter(self._npz)

    def __len__(self):
        return len(self._npz)

    def keys(self):
        return self._npz.keys()

    def items(self):
        return [(k, self[k]) for k in self.files]

    def values(self):
        return [self[k] for k in self.files]

    def get(self, key, default=None):
        return self[key] if key in self._npz else default

    def close(self):
        self._npz.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<ovnp NpzFile of {self.files}>"


save = _host_io(_np.save, False)
savez = _host_io(_np.savez, False)
savez_compressed = _host_io(_np.savez_compressed, False)
savetxt = _host_io(_np.savetxt, False)
load = _host_io(_np.load, True)
loadtxt = _host_io(_np.loadtxt, True)
genfromtxt = _host_io(_np.genfromtxt, True)
fromfile = _host_io(_np.fromfile, True)
fromstring = _host_io(_np.fromstring, True)
fromregex = _host_io(_np.fromregex, True)
