"""Comparing a built sweep case with NumPy, and running cases in batches.

`run_cases(cases)` builds every case, materializes all their ovnp results with one
`ovnp.compute` per batch (falling back to one case at a time when the batch raises, so
a data-dependent OverflowError is charged to its own case), and returns one Outcome per
case: ok, a message, and a digest of ovnp's answer for the order-independence check.
"""

import hashlib

import numpy as np

import ovnp
from sweep_check import NARROW, Built
from sweep_ops import OPS

EPS = {np.dtype("float16"): float(np.finfo(np.float16).eps),
       np.dtype("float32"): float(np.finfo(np.float32).eps)}


# complex64 functions: within 4e-6 of |result| (docs/differences.md, complex64 table).
COMPLEX_RTOL = 4e-6


class Outcome:
    __slots__ = ("case_id", "ok", "message", "digest")

    def __init__(self, case_id, ok, message, digest):
        self.case_id, self.ok, self.message, self.digest = case_id, ok, message, digest


def _value(a):
    return a.to_numpy() if isinstance(a, ovnp.ndarray) else a


def _same_bits(a, b):
    """Bit-identical, NaNs (of any sign or payload) equal to NaNs."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind in "fc":
        a_nan, b_nan = np.isnan(a), np.isnan(b)
        if not (a_nan == b_nan).all():
            return False
        fill = np.zeros((), a.dtype)
        a, b = np.where(a_nan, fill, a), np.where(b_nan, fill, b)
    return a.tobytes() == b.tobytes()


def _scale(x):
    """max |x| over the finite values of x (as float64), 0 for none."""
    x = np.asarray(x)
    if x.dtype.kind == "c":
        x = np.abs(x.astype(np.complex128))
    x = x.astype(np.float64) if x.dtype.kind in "biuf" else np.zeros(0)
    finite = x[np.isfinite(x)]
    return float(np.abs(finite).max()) if finite.size else 0.0


def _tolerance(tol, want, dtype, x, wider=False):
    """The allowed |got - want| per element for tolerance class `tol` (`want` holds the
    magnitudes the error is relative to)."""
    eps = EPS.get(dtype, EPS[np.dtype("float32")])
    with np.errstate(all="ignore"):
        ulp = np.spacing(np.abs(want).astype(dtype)).astype(np.float64)
        if tol == "prod":
            n = max(int(np.asarray(x).size), 1)
            return 4 * ulp + 2 * n * eps * np.abs(want)
        if tol == "exact":      # NumPy's wider result, rounded to ours: within 1 ulp
            return ulp if wider else np.zeros_like(ulp)
        n = max(int(np.asarray(x).size), 1)
        if x.dtype.kind in "biu" and tol == "sum":     # NumPy's integer sums are exact
            return 2 * ulp
        tol = "sum" if tol == "loose_sum" else tol
        if tol.startswith("ulp"):
            k = int(tol[3:])
            return k * ulp + (k * eps * _scale(x) if tol == "ulp4" else 0.0)
        if tol == "sum":
            return 4 * ulp + 2 * n * eps * _scale(x)
        scale = _scale(x)
        return 4 * ulp + 4 * n * eps * max(scale, scale * scale) + np.sqrt(4 * n * eps) * scale


def _compare_float(got, want, tol, x, zero_signs, wider):
    complex_ = got.dtype.kind == "c"
    g, w = got.astype(np.complex128 if complex_ else np.float64), want
    if complex_:    # a complex NaN (either part NaN) is NaN: its other part is not compared
        w = np.asarray(w, np.complex128)
        if not (np.isnan(g) == np.isnan(w)).all():
            return "NaN places differ"
        g, w = np.where(np.isnan(g), np.nan, g), np.where(np.isnan(w), np.nan, w)
    parts = [(g.real, w.real), (g.imag, w.imag)] if complex_ else [(g, w)]
    part_dtype = np.dtype(np.float32) if complex_ else got.dtype
    with np.errstate(all="ignore"):
        norm = np.abs(np.asarray(w, np.complex128)) if complex_ else None
    for gp, wp in parts:
        wp = np.asarray(wp, np.float64)
        if not (np.isnan(gp) == np.isnan(wp)).all():
            return "NaN places differ"
        inf = np.isinf(gp) | np.isinf(wp)
        if not (gp[inf] == wp[inf]).all():
            return "infinities differ"
        fin = np.isfinite(gp) & np.isfinite(wp)
        size = wp[fin] if norm is None else np.where(np.isfinite(norm), norm, 0)[fin]
        allowed = _tolerance(tol, size, part_dtype, x, wider)
        if complex_:
            allowed = np.maximum(allowed, COMPLEX_RTOL * size)
        diff = np.abs(gp[fin] - wp[fin])
        if not (diff <= allowed).all():
            k = int(np.argmax(diff - allowed))
            return f"values differ: {gp[fin][k]!r} vs NumPy {wp[fin][k]!r} (tol {tol})"
        zero = (gp == 0) & (wp == 0)
        if zero_signs and not complex_ and (np.signbit(gp[zero]) != np.signbit(wp[zero])).any():
            return "signs of zeros differ"
    return None


def compare(want, got, tol, x, mask=None, zero_signs=False):
    """None if ovnp's `got` is NumPy's `want` under the sweep's rules, else why not."""
    want = np.asarray(want)
    narrow = NARROW.get(want.dtype, want.dtype)
    if not isinstance(got, np.ndarray):
        got = np.asarray(got)
        if got.dtype != narrow and got.dtype in (np.int64, np.float64):
            got = got.astype(narrow)     # a Python bool/int/float where NumPy's is too
    if got.dtype != narrow:
        return f"dtype {got.dtype} != {narrow} (NumPy {want.dtype})"
    if got.shape != want.shape:
        return f"shape {got.shape} != {want.shape}"
    if narrow.kind in "biu":
        if mask is not None:
            got, want = got[mask], want[mask]
        if narrow != want.dtype and narrow.kind != "b":
            info = np.iinfo(narrow)
            if want.size and (want.min() < info.min or want.max() > info.max):
                return "NumPy's 64-bit integer result does not fit: OverflowError expected"
        if (got == want.astype(narrow)).all():
            return None
        k = int(np.argmax(got != want.astype(narrow)))
        return f"integer values differ: {got.ravel()[k]!r} vs NumPy {want.ravel()[k]!r}"
    wider = want.dtype != got.dtype
    if want.dtype == np.float64:     # beyond float32's range: ±inf (the 32-bit policy)
        with np.errstate(all="ignore"):
            want32 = want.astype(np.float32)
        want = np.where(np.isinf(want32), want32.astype(np.float64), want)
    return _compare_float(got, want, tol, x, zero_signs, wider)


def cast_mask(x, target):
    """Elements of float `x` whose cast to integer `target` NumPy defines (finite, in range)."""
    info = np.iinfo(NARROW.get(np.dtype(target), np.dtype(target)))
    with np.errstate(all="ignore"):
        t = np.trunc(np.asarray(x).real.astype(np.float64))
        return np.isfinite(t) & (t >= info.min) & (t <= info.max)


def digest(values):
    h = hashlib.sha1()
    for v in values:
        v = np.asarray(v)
        h.update(str((v.dtype, v.shape)).encode())
        if v.dtype.kind in "fc":
            v = np.where(np.isnan(v), np.zeros((), v.dtype), v)
        h.update(np.ascontiguousarray(v).tobytes())
    return h.hexdigest()[:16]


def _judge(b, values_of):
    """The Outcome of a built case whose ovnp arrays have values (or whose error is known)."""
    case, op = b.case, OPS[b.case.op]
    error = b.error
    got = fused = followed = None
    if error is None:
        try:
            got = [values_of(r) for r in b.roots]
            fused = [values_of(r) for r in b.fused]
            followed = [(values_of(f), how) for f, how in b.followed]
        except Exception as e:  # noqa: BLE001
            error = e
    if b.np_error is not None:
        if error is None:
            return Outcome(case.id, False, f"NumPy raised {type(b.np_error).__name__}, "
                           "ovnp did not", "noraise")
        ok = isinstance(error, type(b.np_error))
        return Outcome(case.id, ok, None if ok else f"ovnp raised {type(error).__name__}: "
                       f"{error}; NumPy {type(b.np_error).__name__}", type(error).__name__)
    if error is not None:
        if isinstance(error, OverflowError) and _wide_overflow(b.expected):
            return Outcome(case.id, True, None, "OverflowError")
        return Outcome(case.id, False, f"ovnp raised {type(error).__name__}: {error}",
                       type(error).__name__)
    if len(got) != len(b.expected):
        return Outcome(case.id, False, f"{len(got)} results, NumPy {len(b.expected)}", "len")
    message = None
    for k, (g, w) in enumerate(zip(got, b.expected)):
        mask = None
        if op.kind == "cast" and b.x_np.dtype.kind in "fc" and np.dtype(case.arg).kind in "iu":
            mask = cast_mask(b.x_np, case.arg)
        try:
            g, w = _specified(op.check, g, w, b)
        except Exception as e:  # noqa: BLE001 - the sweep's own check must not stop a run
            return Outcome(case.id, False, f"sweep check raised {type(e).__name__}: {e}",
                           "check")
        x = b.x_np
        if op.kind == "binary" and op.tol == "sum":     # dot, inner, ...: |x| * |y| terms
            with np.errstate(all="ignore"):
                wide = np.complex128 if x.dtype.kind == "c" else np.float64
                x = np.abs(x.astype(wide)) * b.y_scale
        message = compare(w, g, op.tol, x, mask, op.zero_signs)
        if message and b.alt_expected is not None:
            alt = _specified(op.check, g, b.alt_expected[k], b)[1]
            if compare(alt, g, op.tol, x, mask, op.zero_signs) is None:
                message = None
        if message:
            break
    if message is None:
        for g, f in zip(got, fused):
            if not _agree(op, g, f, b.x_np):
                message = "fused != unfused (input pending)"
        for g, (f, how) in zip(got, followed):
            if how is not None and not _agree(op, how(np.asarray(g)), f, b.x_np):
                message = (f"fused != unfused ({np.asarray(g).dtype} result followed in "
                           "the graph)")
    return Outcome(case.id, message is None, message, digest(got))


def _specified(check, got, want, b):
    """(got, want) reduced to what NumPy specifies, for ops with a `check` (sweep_ops)."""
    if (check is None or not isinstance(got, np.ndarray) or got.shape != np.shape(want)
            or got.ndim == 0 or b.x_np.ndim == 0 or got.size == 0):
        return got, want
    want = np.asarray(want)
    if check == "set":
        return np.sort(got, axis=None), np.sort(want, axis=None)
    axis = b.case.arg
    axis = None if axis in ("None", "-") else int(axis)
    x = b.x_np.ravel() if axis is None else b.x_np
    axis = -1 if axis is None else axis
    if check in ("argsort", "argpartition"):
        # The values the indices pick (ties may pick either), kept as the result dtype.
        picked = lambda idx: np.take_along_axis(x, idx.astype(np.intp), axis)  # noqa: E731
        if got.min(initial=0) < 0 or got.max(initial=0) >= max(x.shape[axis] if x.ndim else 1, 1):
            return got, want
        got_v, want_v = picked(got), picked(want)
        if check == "argpartition":
            got_v, want_v = _partitioned(got_v, axis), _partitioned(want_v, axis)
        same = _same_bits(got_v, want_v)
        return (want.astype(got.dtype) if same else got), want
    return _partitioned(got, axis), _partitioned(want, axis)


def _partitioned(v, axis):
    """A partition by kth=0 as what it specifies: the first value, then the line sorted."""
    first = np.take(v, [0], axis=axis)
    return np.concatenate([first, np.sort(v, axis=axis)], axis=axis)


def _agree(op, unfused, fused, x):
    """Fused equals unfused: bit for bit for exact real ops; for the others (sin, exp, ...:
    the plugin's fused kernels may use another approximation; complex products, which a
    fused kernel may contract into FMAs) within the op's tolerance of each other."""
    if not isinstance(unfused, np.ndarray) or unfused.dtype.kind not in "fc" or (
            op.tol == "exact" and unfused.dtype.kind == "f"):
        return _same_bits(unfused, fused)
    fused = np.asarray(fused)
    return fused.dtype == unfused.dtype and compare(unfused, fused, op.tol, x) is None


def _wide_overflow(expected):
    """NumPy's result holds 64-bit integers outside the 32-bit range."""
    for w in expected or []:
        w = np.asarray(w)
        narrow = NARROW.get(w.dtype)
        if narrow is not None and w.dtype.kind in "iu" and w.size:
            info = np.iinfo(narrow)
            if w.min() < info.min or w.max() > info.max:
                return True
    return False


def run_cases(cases):
    """Outcomes of `cases`, their ovnp arrays materialized in one run where possible."""
    built = [Built(c) for c in cases]
    _compute([b for b in built if b.error is None])
    return [_judge(b, _value) for b in built]


def _compute(built):
    """Materialize the cases together; when that raises, halve the group until the case
    that raises is alone, and charge the error to it."""
    if not built:
        return
    try:
        ovnp.compute(*[a for b in built for a in b.arrays()])
    except Exception as e:  # noqa: BLE001
        if len(built) == 1:
            built[0].error = e
            return
        half = len(built) // 2
        _compute(built[:half])
        _compute(built[half:])
