"""Derive the polynomial coefficients of ovnp's fused kernels (ovnp/_backend/kernels_*.py).

    python tools/kernel_coefficients.py            # prints every table
    python tools/kernel_coefficients.py log        # one of them

Each table is a near-minimax fit in float64 (Lawson's iteratively reweighted least
squares on 4000 Chebyshev points, which converges to the minimax polynomial), rounded to
float32; the script prints the coefficients as the kernels write them (highest degree
first) and the largest relative error of the fit after that rounding. The kernels'
comments name the table they use.
"""

import argparse
import math

import numpy as np


def lawson(fn, weight, lo, hi, degree, iterations=400, points=4000):
    """Coefficients c[0..degree] (lowest first) minimizing max |weight * (sum c_k t^k - fn)|."""
    k = np.arange(points)
    t = (lo + hi) / 2 + (hi - lo) / 2 * np.cos(np.pi * (k + 0.5) / points)
    target, w = fn(t), weight(t)
    basis = np.vander(t, degree + 1, increasing=True)
    lam = np.full(points, 1.0 / points)
    for _ in range(iterations):
        sw = np.sqrt(lam) * w
        coef, *_ = np.linalg.lstsq(basis * sw[:, None], target * sw, rcond=None)
        err = np.abs(w * (basis @ coef - target))
        lam = lam * err
        lam /= lam.sum()
    return coef


def _log_tail(f):
    """(log(1 + f) - f + f**2/2) / f**3, with its series near 0."""
    f = np.asarray(f, dtype=np.float64)
    out = np.empty_like(f)
    small = np.abs(f) < 1e-3
    fs = f[small]
    out[small] = 1 / 3 - fs / 4 + fs ** 2 / 5 - fs ** 3 / 6 + fs ** 4 / 7
    fl = f[~small]
    out[~small] = (np.log1p(fl) - fl + fl ** 2 / 2) / fl ** 3
    return out


def log_table(degree=7):
    """log(1 + f) = f - f**2/2 + f**3 * P(f), f in [sqrt(1/2) - 1, sqrt(2) - 1]: the error
    that matters is relative to log(1 + f), so the weight is f**3 / log(1 + f)."""
    lo, hi = math.sqrt(0.5) - 1, math.sqrt(2) - 1

    def weight(f):
        with np.errstate(all="ignore"):
            w = f ** 3 / np.log1p(f)
        return np.where(np.abs(f) < 1e-12, 0.0, w)

    coef = lawson(_log_tail, weight, lo, hi, degree)
    c32 = coef.astype(np.float32).astype(np.float64)
    f = np.linspace(lo, hi, 200001)
    approx = f - f ** 2 / 2 + f ** 3 * np.polyval(c32[::-1], f)
    with np.errstate(all="ignore"):
        rel = np.abs(approx - np.log1p(f)) / np.abs(np.log1p(f))
    rel = np.nanmax(rel[f != 0])
    return [float(v) for v in c32[::-1]], rel


def _expm1_tail(r):
    """(expm1(r) - r - r**2/2) / r**3, with its series near 0."""
    r = np.asarray(r, dtype=np.float64)
    out = np.empty_like(r)
    small = np.abs(r) < 1e-3
    rs = r[small]
    out[small] = 1 / 6 + rs / 24 + rs ** 2 / 120 + rs ** 3 / 720
    rl = r[~small]
    out[~small] = (np.expm1(rl) - rl - rl ** 2 / 2) / rl ** 3
    return out


def _fit_report(coef, exact, approx, lo, hi):
    c32 = coef.astype(np.float32).astype(np.float64)
    t = np.linspace(lo, hi, 200001)
    t = t[t != 0]
    rel = np.max(np.abs(approx(c32, t) - exact(t)) / np.abs(exact(t)))
    return [float(v) for v in c32[::-1]], rel


def expm1_table(degree=5):
    """expm1(r) = r + r**2/2 + r**3 * Q(r) for r in [-ln2/2, 0.7]: the Cody-Waite
    remainder, up to 0.7 where k is clamped to 127 (so 2**k stays finite); relative to
    expm1(r), weight r**3 / expm1(r)."""
    lo, hi = -0.7, 0.7

    def weight(r):
        with np.errstate(all="ignore"):
            w = r ** 3 / np.expm1(r)
        return np.where(np.abs(r) < 1e-12, 0.0, w)

    coef = lawson(_expm1_tail, weight, lo, hi, degree)
    return _fit_report(coef, np.expm1,
                       lambda c, t: t + t ** 2 / 2 + t ** 3 * np.polyval(c[::-1], t), lo, hi)


def exp2_table(degree=6):
    """2**r - 1 = r * Q(r) for r in [-1/2, 1/2] (exp2's remainder r = x - rint(x)), relative
    to 2**r (the result is 1 + r*Q(r) scaled exactly)."""
    lo, hi = -0.5, 0.5

    def fn(r):
        with np.errstate(all="ignore"):
            q = np.expm1(r * math.log(2)) / r
        return np.where(np.abs(r) < 1e-12, math.log(2), q)

    coef = lawson(fn, lambda r: r / np.exp2(r), lo, hi, degree)
    c32 = coef.astype(np.float32).astype(np.float64)
    t = np.linspace(lo, hi, 200001)
    rel = np.max(np.abs(1 + t * np.polyval(c32[::-1], t) - np.exp2(t)) / np.exp2(t))
    return [float(v) for v in c32[::-1]], rel


def sinh_table(degree=3):
    """sinh(x) = x + x**3 * P(x**2) for |x| <= 1 (P in z = x**2), relative to sinh(x)."""
    def fn(z):
        x = np.sqrt(np.maximum(z, 1e-300))
        with np.errstate(all="ignore"):
            tail = (np.sinh(x) - x) / x ** 3
        return np.where(z < 1e-6, 1 / 6 + z / 120, tail)

    def weight(z):
        x = np.sqrt(z)
        return np.where(z < 1e-12, 0.0, x ** 3 / np.sinh(np.maximum(x, 1e-300)))

    coef = lawson(fn, weight, 0.0, 1.0, degree)
    c32 = coef.astype(np.float32).astype(np.float64)
    x = np.linspace(1e-4, 1.0, 200001)
    rel = np.max(np.abs(x + x ** 3 * np.polyval(c32[::-1], x * x) - np.sinh(x)) / np.sinh(x))
    return [float(v) for v in c32[::-1]], rel


def _odd_table(fn, hi, degree):
    """fn(t) = t + t**3 * P(t**2) for t in [0, hi] (P in z = t**2), relative to fn(t)."""
    def tail(z):
        t = np.sqrt(np.maximum(z, 1e-300))
        with np.errstate(all="ignore"):
            q = (fn(t) - t) / t ** 3
        return q

    def weight(z):
        t = np.sqrt(np.maximum(z, 1e-300))
        return np.where(z < 1e-12, 0.0, t ** 3 / fn(t))

    z_lo = 1e-6     # the tail's 0/0 at 0; the fit is continuous there
    coef = lawson(tail, weight, z_lo, hi * hi, degree)
    c32 = coef.astype(np.float32).astype(np.float64)
    t = np.linspace(1e-3, hi, 200001)
    rel = np.max(np.abs(t + t ** 3 * np.polyval(c32[::-1], t * t) - fn(t)) / fn(t))
    return [float(v) for v in c32[::-1]], rel


def atan_table(degree=8):
    """atan(u) = u + u**3 * P(u**2), |u| <= 1 (arctan's argument after u = 1/x)."""
    return _odd_table(np.arctan, 1.0, degree)


def asin_table(degree=5):
    """asin(t) = t + t**3 * P(t**2), |t| <= 1/2 (arcsin's and arccos's reduced argument)."""
    return _odd_table(np.arcsin, 0.5, degree)


def tan_table(degree=8):
    """tan(r) = r + r**3 * P(r**2), |r| <= 1 (the sin/cos reduction leaves |r| <= pi/4, up
    to 0.97 near |x| = 2**21 where the float32 rint(x*2/pi) is one off; it clamps at 1)."""
    return _odd_table(np.tan, 1.0, degree)


def atanh_table(degree=6):
    """atanh(t) = t + t**3 * P(t**2), |t| <= 1/2 (arctanh below 1/2; the log of an exact
    quotient above)."""
    return _odd_table(np.arctanh, 0.5, degree)


def asinh_table(degree=5):
    """asinh(t) = t + t**3 * P(t**2), |t| <= 1/2 (arcsinh below 1/2; the log of an exact
    sum above)."""
    return _odd_table(np.arcsinh, 0.5, degree)


def cbrt_table(degree=5):
    """cbrt(t) for t in [2**-0.5, 2**2.5) (the mantissa times 2**(e mod 3)), relative:
    the kernel needs ~10 good bits (one Halley step from there is exact to ~2**-30)."""
    lo, hi = 2.0 ** -0.5, 2.0 ** 2.5
    coef = lawson(np.cbrt, lambda t: 1 / np.cbrt(t), lo, hi, degree)
    c32 = coef.astype(np.float32).astype(np.float64)
    t = np.linspace(lo, hi, 200001)
    rel = np.max(np.abs(np.polyval(c32[::-1], t) - np.cbrt(t)) / np.cbrt(t))
    return [float(v) for v in c32[::-1]], rel


TABLES = {"log": log_table, "expm1": expm1_table, "exp2": exp2_table, "sinh": sinh_table,
          "atan": atan_table, "asin": asin_table, "tan": tan_table, "atanh": atanh_table,
          "asinh": asinh_table, "cbrt": cbrt_table}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=list(TABLES))
    args = parser.parse_args()
    for name in args.names:
        coefs, rel = TABLES[name]()
        print(f"{name}: max relative error {rel:.3g} ({rel / 2.0 ** -24:.3f} ulp of float32)")
        print("    (" + ", ".join(float(np.float32(c)).hex() for c in coefs) + ")")
        print("    (" + ", ".join(repr(float(np.float32(c))) for c in coefs) + ")")


if __name__ == "__main__":
    main()
