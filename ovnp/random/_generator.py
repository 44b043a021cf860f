"""ovnp.random.Generator: NumPy's Generator API, with the numbers made on the device.

A Generator holds a 128-bit key (from NumPy's SeedSequence, which only mixes entropy on
the host) and a draw counter. Every draw takes the next counter value, turns it into a
64-bit per-draw key on the host (splitmix64, a bijection, so a generator never repeats a
key) and hands that key to the graph as a DATA leaf: the compiled model is shared by
every draw of the same shape, and the numbers of a draw depend only on its key and its
position, never on the cache or on how the graph is cut.
"""

import math
import operator
import threading

import numpy as _np

from .. import _device, _dtypes, _ir
from .._array import ndarray
from .._nodes import asarray

__all__ = ["Generator", "SeedSequence", "default_rng"]

SeedSequence = _np.random.SeedSequence

_M64 = (1 << 64) - 1
_F32 = _dtypes.float32
_I32 = _dtypes.int32


def _splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


def _shape(size):
    if size is None:
        return None
    if isinstance(size, (int, _np.integer)):
        size = (size,)
    shape = tuple(operator.index(s) for s in size)
    if any(s < 0 for s in shape):
        raise ValueError("negative dimensions are not allowed")
    return shape


def _host(x, dtype=_np.float64):
    """A distribution parameter as a host array (ovnp arrays are computed for the checks)."""
    if isinstance(x, ndarray):
        x = x._value()
    return _np.asarray(x, dtype=dtype)


def _out_shape(size, params):
    shape = _shape(size)
    shapes = [p.shape for p in params]
    if shape is None:
        return _np.broadcast_shapes(*shapes) if shapes else ()
    try:
        ok = _np.broadcast_shapes(shape, *shapes) == shape
    except ValueError:
        ok = False
    if not ok:
        raise ValueError("shape mismatch: objects cannot be broadcast to a single shape")
    return shape


def _check(condition, message):
    with _np.errstate(invalid="ignore"):
        if _np.any(condition):
            raise ValueError(message)


def _node(op, inputs, shape, dtype=_F32, attrs=()):
    return _ir.Node(op, tuple(inputs), attrs, tuple(shape), _np.dtype(dtype), inputs[0].device)


def _leaf(values, dtype, device):
    """A DATA leaf (a Parameter: values never enter the compile key), 0-d kept 0-d."""
    return _ir.data(_np.array(values, dtype=dtype, order="C", copy=True), device)


def _affine(node, loc, scale):
    """loc + scale * node, with loc and scale as DATA leaves (no recompiles per value)."""
    device = node.device
    if scale is not None:
        s = _leaf(scale, _F32, device)
        node = _node("multiply", (node, s), node.shape)
    if loc is not None:
        m = _leaf(loc, _F32, device)
        node = _node("add", (node, m), node.shape)
    return node


def _float_dtype(dtype, method):
    d = _np.dtype(dtype)
    if d not in (_np.dtype(_np.float32), _np.dtype(_np.float64)):
        raise TypeError(f"Unsupported dtype {d!r} for {method}")
    return _F32


def _finish(node, out=None, size=None):
    if out is not None:
        if not isinstance(out, ndarray):
            raise TypeError("out must be an ovnp array")
        if size is not None and _shape(size) != out.shape:
            raise ValueError("size must match out.shape when used together")
        if out.dtype != node.dtype:
            raise TypeError(f"Supplied output array has the wrong type. Expected "
                            f"{node.dtype}, got {out.dtype}")
        out._assign(node)
        return out
    return ndarray._wrap(node)


class Generator:
    """NumPy's Generator API; draws are lazy ovnp arrays computed on the device.

    The streams are ovnp's own (a keyed counter hash), not NumPy's PCG64 bits: the same
    seed gives the same numbers in ovnp on every run, but not NumPy's numbers.
    """

    def __init__(self, seed_seq=None, *, device=None):
        if not isinstance(seed_seq, SeedSequence):
            seed_seq = SeedSequence(seed_seq)
        self._seed_seq = seed_seq
        state = seed_seq.generate_state(2, _np.uint64)
        self._k0, self._k1 = int(state[0]), int(state[1])
        self._counter = 0
        self._lock = threading.Lock()
        self._device = None if device is None else _device.resolve(device)

    def __repr__(self):
        return f"Generator(ovnp counter hash, draws={self._counter})"

    @property
    def seed_seq(self):
        return self._seed_seq

    def spawn(self, n_children):
        """Independent child generators (NumPy's SeedSequence.spawn)."""
        return [Generator(s, device=self._device) for s in self._seed_seq.spawn(n_children)]

    # ------------------------------------------------------------ the per-draw key

    def _key(self, device):
        with self._lock:
            counter = self._counter
            self._counter += 1
        k = _splitmix64((self._k0 + _splitmix64(self._k1 ^ counter)) & _M64)
        words = _np.array([k & 0xFFFFFFFF, k >> 32], _np.uint32).view(_np.int32)
        return _ir.data(words, device)

    def _resolve_device(self, device):
        if device is not None:
            return _device.resolve(device)
        return self._device or _device.resolve(None)

    def _draw(self, op, shape, device, params=(), dtype=_F32, attrs=()):
        device = self._resolve_device(device)
        key = self._key(device)
        if 0 in shape:
            return _ir.data(_np.zeros(shape, dtype), device)
        inputs = (key,) + tuple(_leaf(p, p.dtype, device) for p in params)
        return _node(op, inputs, shape, dtype, attrs)

    # ------------------------------------------------------------ floats

    def random(self, size=None, dtype=_np.float64, out=None, *, device=None):
        """Uniform floats in [0, 1) (24 random bits each)."""
        _float_dtype(dtype, "random")
        shape = out.shape if out is not None and size is None else _shape(size) or ()
        return _finish(self._draw("random_uniform01", shape, device), out, size)

    def uniform(self, low=0.0, high=1.0, size=None, *, device=None):
        lo, hi = _host(low), _host(high)
        shape = _out_shape(size, (lo, hi))
        with _np.errstate(invalid="ignore", over="ignore"):
            if not _np.all(_np.isfinite(hi - lo)):
                raise OverflowError("high - low range exceeds valid bounds")
        u = self._draw("random_uniform01", shape, device)
        return ndarray._wrap(_affine(u, lo, hi - lo))

    def standard_normal(self, size=None, dtype=_np.float64, out=None, *, device=None):
        _float_dtype(dtype, "standard_normal")
        shape = out.shape if out is not None and size is None else _shape(size) or ()
        return _finish(self._draw("random_standard_normal", shape, device), out, size)

    def normal(self, loc=0.0, scale=1.0, size=None, *, device=None):
        loc, scale = _host(loc), _host(scale)
        _check(scale < 0, "scale < 0")
        shape = _out_shape(size, (loc, scale))
        z = self._draw("random_standard_normal", shape, device)
        return ndarray._wrap(_affine(z, loc, scale))

    def lognormal(self, mean=0.0, sigma=1.0, size=None, *, device=None):
        mean, sigma = _host(mean), _host(sigma)
        _check(sigma < 0, "sigma < 0")
        shape = _out_shape(size, (mean, sigma))
        z = _affine(self._draw("random_standard_normal", shape, device), mean, sigma)
        return ndarray._wrap(_node("exp", (z,), shape))

    def standard_exponential(self, size=None, dtype=_np.float64, method="zig", out=None, *,
                             device=None):
        _float_dtype(dtype, "standard_exponential")
        shape = out.shape if out is not None and size is None else _shape(size) or ()
        return _finish(self._draw("random_standard_exponential", shape, device), out, size)

    def exponential(self, scale=1.0, size=None, *, device=None):
        scale = _host(scale)
        _check(scale < 0, "scale < 0")
        shape = _out_shape(size, (scale,))
        e = self._draw("random_standard_exponential", shape, device)
        return ndarray._wrap(_affine(e, None, scale))

    def _loc_scale(self, op, loc, scale, size, device):
        loc, scale = _host(loc), _host(scale)
        _check(scale < 0, "scale < 0")
        shape = _out_shape(size, (loc, scale))
        return ndarray._wrap(_affine(self._draw(op, shape, device), loc, scale))

    def laplace(self, loc=0.0, scale=1.0, size=None, *, device=None):
        return self._loc_scale("random_laplace", loc, scale, size, device)

    def logistic(self, loc=0.0, scale=1.0, size=None, *, device=None):
        return self._loc_scale("random_logistic", loc, scale, size, device)

    def gumbel(self, loc=0.0, scale=1.0, size=None, *, device=None):
        return self._loc_scale("random_gumbel", loc, scale, size, device)

    def standard_gamma(self, shape, size=None, dtype=_np.float64, out=None, *, device=None):
        _float_dtype(dtype, "standard_gamma")
        k = _host(shape)
        _check(k < 0, "shape < 0")
        if out is not None and size is None:
            size = out.shape
        out_shape = _out_shape(size, (k,))
        node = self._draw("random_gamma", out_shape, device, (k.astype(_F32),))
        return _finish(node, out, size)

    def gamma(self, shape, scale=1.0, size=None, *, device=None):
        k, scale = _host(shape), _host(scale)
        _check(k < 0, "shape < 0")
        _check(scale < 0, "scale < 0")
        out_shape = _out_shape(size, (k, scale))
        node = self._draw("random_gamma", out_shape, device, (k.astype(_F32),))
        return ndarray._wrap(_affine(node, None, scale))

    def beta(self, a, b, size=None, *, device=None):
        a, b = _host(a), _host(b)
        _check(a <= 0, "a <= 0")
        _check(b <= 0, "b <= 0")
        shape = _out_shape(size, (a, b))
        return ndarray._wrap(self._draw("random_beta", shape, device,
                                        (a.astype(_F32), b.astype(_F32))))

    def poisson(self, lam=1.0, size=None, *, device=None):
        """Poisson counts (int32): inversion for lam < 10, PTRS above, in the graph."""
        lam = _host(lam)
        _check((lam < 0) | _np.isnan(lam), "lam < 0 or lam is NaN")
        _check(lam > 1e7, "lam value too large")      # float32 counts stay exact below 2**24
        shape = _out_shape(size, (lam,))
        return ndarray._wrap(self._draw("random_poisson", shape, device, (lam.astype(_F32),),
                                        _I32))

    def binomial(self, n, p, size=None, *, device=None):
        """Binomial counts (int32): inversion for n min(p, 1-p) < 10, BTRS above."""
        n = _np.asarray(_host(n, None).astype(_np.float64)).astype(_np.int64)  # NumPy truncates
        p = _host(p)
        _check(n < 0, "n < 0")
        _check((p < 0) | (p > 1) | _np.isnan(p), "p < 0, p > 1 or p is NaN")
        _check(n > _np.iinfo(_np.int32).max, "n value too large for int32")
        pp = _np.minimum(p, 1 - p)
        _check(n * pp > 1e7, "n * min(p, 1 - p) too large")   # float32 counts exact
        shape = _out_shape(size, (n, p))
        fparams, iparams = _binomial_params(n, p)
        return ndarray._wrap(self._draw("random_binomial", shape, device,
                                        (fparams, iparams), _I32))

    # ------------------------------------------------------------ the rarer laws

    def _stacked_draw(self, op, size, device, rows, dtype=_F32, shape_params=None):
        """A draw whose float parameters travel as one stacked (m, *shape) DATA leaf."""
        rows = _np.broadcast_arrays(*[_np.asarray(r, _np.float64) for r in rows])
        shape = _out_shape(size, shape_params if shape_params is not None else rows)
        stack = _np.stack(rows).astype(_F32)
        return self._draw(op, shape, device, (stack,), dtype)

    def standard_cauchy(self, size=None, *, device=None):
        return ndarray._wrap(self._draw("random_standard_cauchy", _shape(size) or (), device))

    def rayleigh(self, scale=1.0, size=None, *, device=None):
        scale = _host(scale)
        _check(scale < 0, "scale < 0")
        shape = _out_shape(size, (scale,))
        return ndarray._wrap(_affine(self._draw("random_rayleigh", shape, device), None, scale))

    def weibull(self, a, size=None, *, device=None):
        a = _host(a)
        _check(a < 0, "a < 0")
        return ndarray._wrap(self._stacked_draw("random_weibull", size, device, (a,)))

    def pareto(self, a, size=None, *, device=None):
        a = _host(a)
        _check(a <= 0, "a <= 0")
        return ndarray._wrap(self._stacked_draw("random_pareto", size, device, (a,)))

    def power(self, a, size=None, *, device=None):
        a = _host(a)
        _check(a <= 0, "a <= 0")
        return ndarray._wrap(self._stacked_draw("random_power", size, device, (a,)))

    def geometric(self, p, size=None, *, device=None):
        """Trials to the first success (int32), by inversion."""
        p = _host(p)
        _check((p <= 0) | (p > 1) | _np.isnan(p), "p <= 0, p > 1 or p contains NaNs")
        with _np.errstate(divide="ignore"):
            log_q = _np.maximum(_np.log1p(-p), -1e30)
        return ndarray._wrap(self._stacked_draw("random_geometric", size, device, (log_q,),
                                                _I32))

    def triangular(self, left, mode, right, size=None, *, device=None):
        left, mode, right = _host(left), _host(mode), _host(right)
        _check(left > mode, "left > mode")
        _check(mode > right, "mode > right")
        _check(left == right, "left == right")
        base = right - left
        rows = (left, right, (mode - left) / base, (mode - left) * base, (right - mode) * base)
        return ndarray._wrap(self._stacked_draw("random_triangular", size, device, rows))

    def wald(self, mean, scale, size=None, *, device=None):
        mean, scale = _host(mean), _host(scale)
        _check(mean <= 0, "mean <= 0")
        _check(scale <= 0, "scale <= 0")
        return ndarray._wrap(self._stacked_draw("random_wald", size, device, (mean, scale)))

    def chisquare(self, df, size=None, *, device=None):
        df = _host(df)
        _check(df <= 0, "df <= 0")
        shape = _out_shape(size, (df,))
        node = self._draw("random_gamma", shape, device, ((df / 2).astype(_F32),))
        return ndarray._wrap(_affine(node, None, _np.float32(2.0)))

    def standard_t(self, df, size=None, *, device=None):
        df = _host(df)
        _check(df <= 0, "df <= 0")
        return ndarray._wrap(self._stacked_draw("random_standard_t", size, device, (df / 2,)))

    def f(self, dfnum, dfden, size=None, *, device=None):
        dfnum, dfden = _host(dfnum), _host(dfden)
        _check(dfnum <= 0, "dfnum <= 0")
        _check(dfden <= 0, "dfden <= 0")
        rows = (dfnum / 2, dfden / 2, dfden / dfnum)
        return ndarray._wrap(self._stacked_draw("random_f", size, device, rows))

    def negative_binomial(self, n, p, size=None, *, device=None):
        """Failures before the n-th success (int32): Poisson(Gamma(n) (1 - p) / p)."""
        n, p = _host(n), _host(p)
        _check((n <= 0) | _np.isnan(n), "n <= 0")
        _check((p <= 0) | (p > 1) | _np.isnan(p), "p <= 0, p > 1 or p contains NaNs")
        with _np.errstate(divide="ignore"):
            scale = (1 - p) / p
        return ndarray._wrap(self._stacked_draw("random_negative_binomial", size, device,
                                                (n, scale), _I32))

    def vonmises(self, mu, kappa, size=None, *, device=None):
        mu, kappa = _host(mu), _host(kappa)
        _check(kappa < 0, "kappa < 0")
        with _np.errstate(divide="ignore", invalid="ignore"):
            r = 1 + _np.sqrt(1 + 4 * kappa * kappa)
            rho = (r - _np.sqrt(2 * r)) / (2 * kappa)
            s = _np.where(kappa < 1e-5, 1 / kappa + kappa, (1 + rho * rho) / (2 * rho))
        s = _np.where(kappa < 1e-8, 1.0, s)
        return ndarray._wrap(self._stacked_draw("random_vonmises", size, device,
                                                (mu, kappa, s)))

    def dirichlet(self, alpha, size=None, *, device=None):
        """Gammas normalised to sum 1 (float32: all-tiny alpha can give 0/0 = nan)."""
        alpha = _host(alpha)
        if alpha.ndim != 1:
            raise ValueError("alpha must be a one-dimensional array")
        _check((alpha < 0) | _np.isnan(alpha), "alpha < 0")
        shape = (_shape(size) or ()) + alpha.shape
        return ndarray._wrap(self._draw("random_dirichlet", shape, device,
                                        (alpha.astype(_F32),)))

    def multinomial(self, n, pvals, size=None, *, device=None):
        """Counts (int32, shape size + (k,)) by k - 1 successive binomial draws.

        Each binomial draw is computed before the next (its counts are the next one's n),
        so the result is materialized; all k - 1 draws share one compiled model.
        """
        pvals = _host(pvals)
        if pvals.ndim != 1:
            raise ValueError("pvals must be a one-dimensional array (ovnp)")
        n = _np.asarray(_host(n, None).astype(_np.float64)).astype(_np.int64)
        _check(n < 0, "n < 0")
        _check((pvals < 0) | (pvals > 1) | _np.isnan(pvals),
               "pvals < 0, pvals > 1 or pvals contains NaNs")
        if pvals[:-1].sum() > 1.0 + 1e-12:
            raise ValueError("sum(pvals[:-1]) > 1.0")
        shape = _out_shape(size, (n,))
        remaining = _np.broadcast_to(n, shape).astype(_np.int64)
        counts, left = [], 1.0
        for p in pvals[:-1]:
            q = min(max(p / left, 0.0), 1.0) if left > 0 else 0.0
            x = self.binomial(remaining, q, size=shape, device=device)
            x = _np.asarray(x._value(), _np.int64)
            counts.append(x)
            remaining = remaining - x
            left -= p
        counts.append(remaining)
        out = _np.stack(counts, axis=-1).astype(_I32)
        return ndarray._wrap(_ir.data(out, self._resolve_device(device)))

    def multivariate_normal(self, mean, cov, size=None, check_valid="warn", tol=1e-8, *,
                            method="svd", device=None):
        """z @ A + mean with cov = A.T A factored on the host (float64, NumPy's methods)."""
        mean, cov = _host(mean), _host(cov)
        if mean.ndim != 1:
            raise ValueError("mean must be 1 dimensional")
        if cov.ndim != 2 or cov.shape[0] != cov.shape[1]:
            raise ValueError("cov must be 2 dimensional and square")
        if mean.shape[0] != cov.shape[0]:
            raise ValueError("mean and cov must have same length")
        if method not in ("svd", "eigh", "cholesky"):
            raise ValueError("method must be one of {'eigh', 'svd', 'cholesky'}")
        if check_valid not in ("warn", "raise", "ignore"):
            raise ValueError("check_valid must equal 'warn', 'raise', or 'ignore'")
        if method == "cholesky":
            factor = _np.linalg.cholesky(cov).T
        else:
            if method == "eigh":
                s, u = _np.linalg.eigh(cov)
                psd = not (s < -tol).any()
                factor = _np.sqrt(_np.abs(s))[:, None] * u.T
            else:
                u, s, vh = _np.linalg.svd(cov)
                psd = _np.allclose(_np.dot(vh.T * s, vh), cov, rtol=tol, atol=tol)
                factor = _np.sqrt(s)[:, None] * vh
            if not psd and check_valid == "warn":
                import warnings
                warnings.warn("covariance is not symmetric positive-semidefinite.",
                              RuntimeWarning, stacklevel=2)
            elif not psd and check_valid == "raise":
                raise ValueError("covariance is not symmetric positive-semidefinite.")
        shape = (_shape(size) or ()) + mean.shape
        z = ndarray._wrap(self._draw("random_standard_normal", shape, device))
        a = ndarray._wrap(_leaf(factor, _F32, z.device))
        return z @ a + ndarray._wrap(_leaf(mean, _F32, z.device))

    # ------------------------------------------------------------ integers

    def integers(self, low, high=None, size=None, dtype=_np.int64, endpoint=False, *,
                 device=None):
        """Integers in [low, high) ([low, high] with endpoint=True), NumPy's checks."""
        if high is None:
            low, high = 0, low
        target = _np.dtype(dtype)
        if target.kind not in "biu":
            raise TypeError(f"Unsupported dtype {target!r} for integers")
        out_dtype = _dtypes.canonical(target)
        lo, hi = _host(low, None), _host(high, None)
        if lo.dtype.kind not in "biu" or hi.dtype.kind not in "biu":
            lo, hi = lo.astype(_np.int64), hi.astype(_np.int64)  # NumPy truncates floats
        lo = lo.astype(object)
        hi = _np.asarray(hi.astype(object) + (1 if endpoint else 0), dtype=object)
        info = _np.iinfo(out_dtype) if out_dtype.kind != "b" else None
        dmin, dmax = (0, 1) if info is None else (int(info.min), int(info.max))
        name = "bool" if info is None else str(out_dtype)
        if lo.size and lo.min() < dmin:
            raise ValueError(f"low is out of bounds for {name}")
        if hi.size and hi.max() - 1 > dmax:
            raise ValueError(f"high is out of bounds for {name}")
        if lo.size and hi.size and _np.any(lo >= hi):
            raise ValueError("low > high" if endpoint else "low >= high")
        shape = _out_shape(size, (lo, hi))
        low32 = _bits32(lo)
        span = _bits32(_np.asarray(hi - lo, dtype=object))
        node = self._draw("random_integers", shape, device, (low32, span), out_dtype)
        return ndarray._wrap(node)

    # ------------------------------------------------------------ sampling and orders

    def _order(self, n, k, axis_shape, device, weights=None):
        """int32 indices: a random order of n along `axis`, its first k."""
        axis, shape = axis_shape
        params = () if weights is None else (weights.astype(_F32),)
        return self._draw("random_order", shape, device, params, _I32, (axis, n, k))

    def permutation(self, x, axis=0, *, device=None):
        if isinstance(x, (int, _np.integer)):
            n = max(operator.index(x), 0)     # NumPy: arange(n), so n < 0 is empty
            return ndarray._wrap(self._order(n, n, (0, (n,)), device))
        arr = _as_array(x, device)
        if arr.ndim == 0:
            raise _np.exceptions.AxisError(axis, 0)
        axis = _ir.normalize_axis(axis, arr.ndim)
        n = arr.shape[axis]
        index = self._order(n, n, (0, (n,)), arr.device)
        return ndarray._wrap(_node("random_take", (arr._node, index), arr.shape, arr.dtype,
                                   (axis,)))

    def shuffle(self, x, axis=0):
        """Shuffle `x` in place along `axis` (ovnp arrays stay lazy; lists too)."""
        if isinstance(x, list):
            perm = self.permutation(len(x)).to_numpy()
            x[:] = [x[i] for i in perm]
            return None
        if not isinstance(x, ndarray):
            raise TypeError("shuffle needs an ovnp array or a list (NumPy arrays are "
                            "immutable to ovnp: use ovnp.asarray first)")
        if x.ndim == 0:
            raise TypeError("len() of unsized object")
        axis = _ir.normalize_axis(axis, x.ndim)
        x._assign(self.permutation(x, axis=axis)._node)
        return None

    def permuted(self, x, *, axis=None, out=None):
        """Each slice along `axis` shuffled independently (the whole array if axis=None)."""
        arr = _as_array(x, None)
        if axis is None:
            flat = arr.reshape(-1)
            result = self.permuted(flat, axis=0).reshape(arr.shape)
        else:
            axis = _ir.normalize_axis(axis, arr.ndim)
            n = arr.shape[axis]
            index = self._order(n, n, (axis, arr.shape), arr.device)
            result = ndarray._wrap(_node("random_take_along", (arr._node, index), arr.shape,
                                         arr.dtype, (axis,)))
        if out is not None:
            if not isinstance(out, ndarray):
                raise TypeError("out must be an ovnp array")
            if out.shape != arr.shape:
                raise ValueError("out must have the same shape as x")
            out._assign(result.astype(out.dtype)._node)
            return out
        return result

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True, *,
               device=None):
        """NumPy's choice: with or without replacement, uniform or with weights p."""
        if isinstance(a, (int, _np.integer)) and not isinstance(a, bool):
            pop, n = None, operator.index(a)
            if n < 0:
                raise ValueError("a must be a positive integer unless no samples are taken")
        else:
            pop = _as_array(a, device)
            if pop.ndim == 0:
                raise ValueError("a must be a sequence or an integer, not a 0-d array")
            axis = _ir.normalize_axis(axis, pop.ndim)
            n = pop.shape[axis]
            device = pop.device
        shape = _shape(size)
        count = 1 if shape is None else _ir.size_of(shape)
        if n == 0 and count:
            raise ValueError("a cannot be empty unless no samples are taken")
        weights = None
        if p is not None:
            weights = _host(p)
            if weights.ndim != 1:
                raise ValueError("p must be 1-dimensional")
            if weights.size != n:
                raise ValueError("a and p must have same size")
            atol = max(_np.sqrt(_np.finfo(_np.float64).eps),
                       _np.sqrt(_np.finfo(_np.asarray(p).dtype).eps)
                       if _np.asarray(p).dtype.kind == "f" else 0)
            if _np.any(~_np.isfinite(weights)) or _np.any(weights < 0):
                raise ValueError("Probabilities are not non-negative")
            if abs(weights.sum() - 1) > atol:
                raise ValueError("Probabilities do not sum to 1. See Notes section of "
                                 "docstring for more information.")
        if not replace and count > n:
            raise ValueError("Cannot take a larger sample than population when replace is False")
        if not replace and weights is not None and count > _np.count_nonzero(weights):
            raise ValueError("Fewer non-zero entries in p than size")
        flat = (count,)
        if replace and weights is None:
            index = self.integers(0, max(n, 1), size=flat, dtype=_np.int32, device=device)._node
        elif replace:
            cdf = _np.cumsum(weights)
            cdf = (cdf / cdf[-1])[:-1].astype(_F32)
            index = self._draw("random_choice_cdf", flat, device, (cdf,), _I32)
        else:
            index = self._order(n, count, (0, flat), device, weights)
        index = _node("reshape", (index,), shape or (), _I32) if shape != flat else index
        if pop is None:
            return ndarray._wrap(index)
        out_shape = pop.shape[:axis] + (shape or ()) + pop.shape[axis + 1:]
        return ndarray._wrap(_node("random_take", (pop._node, index), out_shape, pop.dtype,
                                   (axis,)))

    def bytes(self, length):
        """`length` random bytes (computed at once)."""
        values = self.integers(0, 256, size=operator.index(length), dtype=_np.uint8)
        return values.to_numpy().tobytes()


_HALF_LOG_2PI = 0.5 * _np.log(2 * _np.pi)
_lgamma = _np.vectorize(math.lgamma, otypes=[_np.float64])


def _stirlerr(x):
    """lgamma(x + 1) - (x + 1/2) log x + x - log(2 pi) / 2, x >= 1 (float64)."""
    x = _np.asarray(x, _np.float64)
    xi = 1 / x
    series = xi * (1 / 12 - xi * xi * (1 / 360 - xi * xi / 1260))
    small = _np.minimum(x, 16)
    exact = _lgamma(small + 1) - (small + 0.5) * _np.log(small) + small - _HALF_LOG_2PI
    return _np.where(x < 16, exact, series)


def _binomial_params(n, p):
    """The host-side constants of random_binomial (see BINOMIAL_PARAMS in its lowering).

    Inversion and BTRS work on p' = min(p, 1 - p); the graph returns n - X where p > 1/2.
    BTRS's constants are computed in float64 here (for inversion entries, dummy ones).
    """
    n, p = _np.broadcast_arrays(n.astype(_np.float64), p)
    pp = _np.minimum(p, 1 - p)
    mean = n * pp
    small = mean < 10
    with _np.errstate(divide="ignore", invalid="ignore"):
        log_p = _np.maximum(_np.log(pp), -1e4)
        log_q = _np.log1p(-pp)
        nb = _np.where(small, 20.0, n)                 # BTRS constants: dummies if small
        pb = _np.where(small, 0.5, pp)
        qb = 1 - pb
        spq = _np.sqrt(nb * pb * qb)
        b = 1.15 + 2.53 * spq
        a = -0.0873 + 0.0248 * b + 0.01 * pb
        m = _np.floor((nb + 1) * pb)
        h = (_lgamma(nb + 1) - _lgamma(m + 1) - _lgamma(nb - m + 1) + m * _np.log(pb)
             + (nb - m) * _np.log1p(-pb))
        loader_c = -_HALF_LOG_2PI + 0.5 * _np.log(nb) + _stirlerr(nb)
    rows = [n, log_p - log_q, n * log_q, n * log_p, nb * pb, nb * qb, b, a, nb * pb + 0.5,
            0.92 - 4.2 / b, _np.log((2.83 + 5.1 / b) * spq), h, loader_c, small]
    fparams = _np.stack([_np.broadcast_to(r, n.shape) for r in rows]).astype(_F32)
    flip = -(p > 0.5).astype(_np.int64)
    iparams = _np.stack([n.astype(_np.int64), flip]).astype(_np.int32)
    return fparams, iparams


def _bits32(values):
    """Python-int object array -> its low 32 bits as int32 (2**32 becomes 0)."""
    low = _np.asarray(_np.asarray(values, dtype=_np.int64) & 0xFFFFFFFF)
    return low.astype(_np.uint32).view(_np.int32)


def _as_array(x, device):
    return x if isinstance(x, ndarray) else asarray(x, device=device)


def default_rng(seed=None, *, device=None):
    """A Generator seeded like numpy.random.default_rng (int, ints, SeedSequence, None).

    Passing a Generator returns it unchanged; a NumPy BitGenerator or Generator lends
    its SeedSequence (ovnp's numbers still differ from NumPy's).
    """
    if isinstance(seed, Generator):
        return seed
    if isinstance(seed, _np.random.Generator):
        seed = seed.bit_generator
    if isinstance(seed, _np.random.BitGenerator):
        seed = seed.seed_seq
    return Generator(seed if isinstance(seed, SeedSequence) else SeedSequence(seed),
                     device=device)
