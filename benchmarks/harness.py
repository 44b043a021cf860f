"""Timing ovnp against NumPy in one process: the Workload record, the timing loops and
the report lines. Workloads live in benchmarks/workloads/*.py (each module's WORKLOADS
list); run.py finds them, runs them and writes results/latest.json.

What is timed is what the user pays: from host NumPy data, through `ovnp.asarray`, to
`.to_numpy()` of every returned array ("ratio"). The same work on arrays already on the
device, with no copy out, is the second figure ("no copy"). NumPy runs the same body on
the same float32 host data, alternating with ovnp, and the medians are compared. The
first call (compiles included), the compile count and the peak memory growth are
reported beside them.
"""

import gc
import os
import statistics
import time

import numpy

import ovnp

F32 = numpy.float32


def rand(shape, seed=0, low=-1.0, high=1.0):
    rng = numpy.random.default_rng(seed)
    return rng.uniform(low, high, size=shape).astype(F32)


def sync(result):
    """Make sure `result` (an array or a tuple of arrays) is computed; no copy."""
    items = result if isinstance(result, (tuple, list)) else (result,)
    pending = [r for r in items if isinstance(r, ovnp.ndarray)]
    if pending:
        ovnp._engine.materialize([r._node for r in pending])
    return result


def to_host(result):
    """Every ovnp array in `result` as a NumPy array: the copy out the user pays."""
    if isinstance(result, (tuple, list)):
        sync(result)
        return [to_host(r) for r in result]
    return result.to_numpy() if isinstance(result, ovnp.ndarray) else result


class Workload:
    """body(xp, *inputs) is NumPy code; xp is numpy or ovnp.

    make_inputs() -> host NumPy arrays (and scalars). `mutates`: the body writes into its
    inputs (in-place loops), so every call gets fresh copies (for NumPy too, untimed).
    target: max ratio (unit "ratio"), max microseconds per call ("us") or per op ("us/op").
    """

    def __init__(self, name, body, make_inputs, needs=(), target=None, unit="ratio",
                 inner=1, ops=None, jit=None, note="", mutates=False, matmul=False):
        self.name = name
        self.body = body
        self.make_inputs = make_inputs
        self.needs = needs              # public names (or "ndarray.method") it calls
        self.target = target
        self.unit = unit
        self.inner = inner              # calls per timed sample (tiny workloads)
        self.ops = ops                  # recorded operations per call (W9)
        self.jit = jit                  # the same work as a function of arrays, for ovnp.jit
        self.note = note
        self.mutates = mutates
        self.matmul = matmul            # also time NumPy with OpenBLAS's variables unset


def missing(needs):
    for name in needs:
        if name.startswith("ndarray."):
            if not hasattr(ovnp.ndarray, name.split(".", 1)[1]):
                return name
        elif not hasattr(ovnp, name):
            return name
    return None


def budget(quick):
    return (0.6, 3, 7) if quick else (2.0, 5, 21)


def _fresh(host, mutates):
    if not mutates:
        return host
    return tuple(h.copy() if isinstance(h, numpy.ndarray) else h for h in host)


def _time(fn, inner, make_args=lambda: ()):
    """Median-ready seconds per call of fn(*make_args()); argument making is not timed."""
    gc.collect()
    total = 0.0
    for _ in range(inner):
        args = make_args()
        start = time.perf_counter()
        fn(*args)
        total += time.perf_counter() - start
    return total / inner


def compiles():
    s = ovnp.stats()
    return s["compiles"], s["compile_seconds"]


def executors():
    """(device runs, eager ops) so far: which executor did the work."""
    s = ovnp.stats()
    return s["device_runs"], s.get("eager_ops", 0)


def _peak_reset():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _rss_kb(field):
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_workload(w, quick):
    gone = missing(w.needs)
    if gone:
        return {"status": f"missing: {gone}"}
    host = w.make_inputs()

    def user(*h):       # what the user pays: host data in, host data out
        return to_host(w.body(ovnp, *(ovnp.asarray(x) if isinstance(x, numpy.ndarray) else x
                                      for x in h)))

    def np_body(*h):
        return w.body(numpy, *h)

    def device_inputs():
        return tuple(sync(ovnp.asarray(x)) if isinstance(x, numpy.ndarray) else x
                     for x in _fresh(host, w.mutates))

    def no_copy(*dev):
        return sync(w.body(ovnp, *dev))

    args = lambda: _fresh(host, w.mutates)  # noqa: E731
    gc.collect()
    rss0 = _rss_kb("VmRSS:")
    peak_ok = _peak_reset()
    c0, s0 = compiles()
    r0, e0 = executors()
    try:
        t_first = _time(user, 1, args)
        r1, e1 = executors()
        _time(user, 1, args)
    except (AttributeError, NotImplementedError, TypeError) as e:
        return {"status": f"missing: {type(e).__name__}: {e}"}
    c1, s1 = compiles()
    _time(np_body, 1, args)
    limit, least, most = budget(quick)
    ov_times, np_times, nc_times = [], [], []
    spent = 0.0
    while len(ov_times) < most and (len(ov_times) < least or spent < limit):
        t = _time(user, w.inner, args)
        u = _time(np_body, w.inner, args)
        v = _time(no_copy, w.inner, device_inputs)
        ov_times.append(t)
        np_times.append(u)
        nc_times.append(v)
        spent += (t + u + v) * w.inner
    c2, s2 = compiles()
    peak_kb = _rss_kb("VmHWM:") if peak_ok else 0
    ov_med, np_med, nc_med = (statistics.median(x) for x in (ov_times, np_times, nc_times))
    out = {
        "status": "ok",
        "ovnp_s": ov_med, "numpy_s": np_med, "ratio": ov_med / np_med,
        "nocopy_s": nc_med, "nocopy_ratio": nc_med / np_med,
        "ovnp_us_per_call": ov_med * 1e6,
        "first_call_s": t_first,
        "warmup_compiles": c1 - c0, "warmup_compile_s": s1 - s0,
        "timed_compiles": c2 - c1, "timed_compile_s": s2 - s1,
        "peak_growth_mb": max(peak_kb - rss0, 0) / 1024 if peak_ok else None,
        "samples": len(ov_times),
        # in the first call of the user's code: OpenVINO runs, eager NumPy ops
        "device_runs_per_call": r1 - r0, "eager_ops_per_call": e1 - e0,
    }
    if w.jit is not None:
        out.update(run_jit(w, host, quick))
    return out


def run_jit(w, host, quick):
    if not hasattr(ovnp, "jit"):
        return {"jit": "missing: jit"}
    fn = ovnp.jit(w.jit)
    dev = tuple(sync(ovnp.asarray(h)) for h in host)
    c0, _ = compiles()
    call = lambda: sync(fn(*dev))  # noqa: E731
    _time(call, 1)
    _time(call, 1)
    limit, least, most = budget(quick)
    times, spent = [], 0.0
    while len(times) < most and (len(times) < least or spent < limit):
        t = _time(call, w.inner)
        times.append(t)
        spent += t * w.inner
    c1, _ = compiles()
    return {"jit_s": statistics.median(times), "jit_us_per_call": statistics.median(times) * 1e6,
            "jit_compiles": c1 - c0}


def run_build_only(w, quick):
    """Graph building alone (W9): microseconds per recorded op, nothing materialized."""
    gone = missing(w.needs)
    if gone:
        return {"status": f"missing: {gone}"}
    a, b = (ovnp.asarray(h) for h in w.make_inputs())
    executor = ovnp._eager.MODE
    ovnp._eager.set_executor("openvino")    # recording is what is timed: no eager work
    try:
        return _build_only(w, quick, a, b)
    finally:
        ovnp._eager.set_executor(executor)


def _build_only(w, quick, a, b):
    w.body(ovnp, a, b)
    samples = []
    for _ in range(5 if quick else 15):
        gc.collect()
        start = time.perf_counter()
        for _ in range(w.inner):
            w.body(ovnp, a, b)
        samples.append((time.perf_counter() - start) / (w.inner * w.ops))
    return {"status": "ok", "us_per_op": statistics.median(samples) * 1e6}


def run(w, quick):
    return run_build_only(w, quick) if w.unit == "us/op" else run_workload(w, quick)


# ---------------------------------------------------------------- report

def verdict(w, r):
    if r["status"] != "ok":
        return r["status"]
    if w.unit == "us":
        value = r["ovnp_us_per_call"]
        text = f"{value:8.1f} us/call (target <= {w.target} us; ratio {r['ratio']:.2f})"
        if "jit_us_per_call" in r:
            text += f"; jit {r['jit_us_per_call']:.1f} us"
        ok = value <= w.target
    elif w.unit == "us/op":
        value = r["us_per_op"]
        text = f"{value:8.2f} us/op (target <= {w.target} us)"
        ok = value <= w.target
    else:
        ratio = r["ratio"]
        limit = w.target if w.target is not None else 1.5
        text = f"ratio {ratio:6.2f} (target <= {limit}; no copy {r['nocopy_ratio']:.2f})"
        if "jit_s" in r:
            text += f"; jit ratio {r['jit_s'] / r['numpy_s']:.2f}"
        ok = ratio <= limit
    return ("PASS " if ok else "MISS ") + text


def line(w, r):
    if r["status"] != "ok" or w.unit == "us/op":
        return f"{w.name:24s} {verdict(w, r)}"
    extra = (f"first {r['first_call_s'] * 1e3:.0f} ms, compiles {r['warmup_compiles']}+"
             f"{r['timed_compiles']} ({r['warmup_compile_s'] * 1e3:.0f} ms)")
    if r.get("peak_growth_mb") is not None:
        extra += f", peak +{r['peak_growth_mb']:.0f} MB"
    if "device_runs_per_call" in r:
        extra += (f", first call: {r['device_runs_per_call']} OpenVINO runs, "
                  f"{r['eager_ops_per_call']} eager ops")
    if "jit_compiles" in r:
        extra += f", jit +{r['jit_compiles']}"
    if "numpy_unset_s" in r:
        extra += f", numpy w/o OPENBLAS vars {r['numpy_unset_s'] * 1e3:.3f} ms"
    return (f"{w.name:24s} ovnp {r['ovnp_s'] * 1e3:9.3f} ms  numpy {r['numpy_s'] * 1e3:9.3f} ms  "
            f"{verdict(w, r)}  [{extra}]")
