"""Mathematical functions (NumPy's grouping) built from other families: angle and
real_if_close (handling complex numbers), unwrap (trigonometric) and i0
(special functions). The ufuncs and their cheap kin (round, clip, sinc, ...) are in
_elementwise.py; sums, products, differences and gradients in _reductions.py."""

import numpy as _np

from . import _dtypes
from ._creation import array, zeros
from ._elementwise import absolute, arctan2, exp, imag, mod, real, sqrt
from ._indexing_routines import where
from ._nodes import _arr, asarray
from ._reductions import cumsum, diff

__all__ = ["angle", "real_if_close", "unwrap", "i0"]


def real_if_close(a, tol=100):
    """NumPy's: the real part if every imaginary part is below tol machine epsilons (the
    answer's dtype depends on the values, so complex input is computed to decide)."""
    a = _arr(a)
    if a.dtype.kind != "c":
        return a
    if tol > 1:
        tol = _np.finfo(a.dtype).eps * tol
    if bool((absolute(imag(a)) < tol).all()):
        return real(a)
    return a


def angle(z, deg=False):
    """NumPy's: arctan2(imag, real), for real input arctan2(0, z) (pi for negative
    numbers and -0.0)."""
    z = _arr(z)
    a = arctan2(imag(z), real(z)) if z.dtype.kind == "c" else arctan2(0, z)
    if deg:
        a = a * (180 / _np.pi)
    return a


def unwrap(p, discont=None, axis=-1, *, period=2 * _np.pi):
    p = _arr(p)
    nd = p.ndim
    dd = diff(p, axis=axis)
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
    ddmod = mod(dd - interval_low, period) + interval_low
    if boundary_ambiguous:
        ddmod = where((ddmod == interval_low) & (dd > 0),
                         asarray(interval_high).astype(ddmod.dtype), ddmod)
    ph_correct = ddmod - dd
    ph_correct = where(absolute(dd) < discont, zeros((), ph_correct.dtype),
                          ph_correct)
    up = array(p, dtype=dtype, copy=True)
    up[slice1] = p[slice1] + cumsum(ph_correct, axis=axis)
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
    x = _arr(x)
    if x.dtype.kind == "c":
        raise TypeError("i0 not supported for complex values")
    if x.dtype.kind != "f":
        x = x.astype(_dtypes.float32)
    x = absolute(x)
    small = exp(x) * _chbevl(x / 2.0 - 2, _I0A)
    large = exp(x) * _chbevl(32.0 / x - 2.0, _I0B) / sqrt(x)
    return where(x <= 8.0, small, large)
