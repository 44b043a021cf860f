"""The distributions of ovnp.random.Generator (NumPy's Generator methods, by family:
floats, location-scale laws, gamma/beta, counts, the rarer laws, the multivariate ones).
Each checks its parameters like NumPy on the host and draws in the graph; the Generator
supplies the per-draw key (`_draw`). Lowerings: ovnp/_backend/lower_random*.py."""

import math

import numpy as _np

from .. import _ir
from .._array import ndarray
from ._draws import (_F32, _I32, _affine, _check, _finish, _float_dtype, _host, _leaf, _node,
                     _out_shape, _shape)


class Distributions:
    """NumPy's Generator distribution methods; mixed into Generator, whose `_draw(op,
    shape, device, params, dtype)` makes the keyed draw node."""

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
