"""ovnp against NumPy: the workloads of issue 6, timed in one process.

    python benchmarks/run.py                       # all workloads, writes results/latest.json
    python benchmarks/run.py W1 W6                 # a subset (names or prefixes)
    python benchmarks/run.py --compare results/previous.json
    python benchmarks/run.py --quick               # fewer repeats (a smoke run)

Each workload runs with ovnp and with NumPy alternately, after a warm-up, and the
medians are compared. ovnp's time is the whole user-visible cost: building the graph
and materializing the result (no copy out). Compile time and compile count are
measured separately (warm-up and timed runs) and reported next to the ratio.
A workload that needs a function ovnp does not have yet reports "missing: <name>".
"""

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time

import numpy

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import ovnp  # noqa: E402

F32 = numpy.float32


def _rand(shape, seed=0, low=-1.0, high=1.0):
    rng = numpy.random.default_rng(seed)
    return rng.uniform(low, high, size=shape).astype(F32)


def sync(result):
    """Make sure `result` (an array or a tuple of arrays) is computed; no copy."""
    items = result if isinstance(result, (tuple, list)) else (result,)
    pending = [r for r in items if isinstance(r, ovnp.ndarray)]
    if pending:
        ovnp._engine.materialize([r._node for r in pending])
    return result


# ---------------------------------------------------------------- workloads
# body(xp, *inputs) is NumPy code; xp is numpy or ovnp.

def w1(xp, a, b):
    return xp.sin(a) * b + xp.exp(-a) * 0.5


def w2_sum(xp, a):
    return xp.sum(a)


def w2_mean(xp, a):
    return xp.mean(a)


def w2_sum0(xp, a):
    return xp.sum(a, axis=0)


def w3(xp, x):
    return (x - x.mean(0)) / x.std(0)


def w4(xp, a, b):
    return xp.matmul(a, b)


def w5(xp, x):
    e = xp.exp(x - xp.max(x, axis=-1, keepdims=True))
    return e / xp.sum(e, axis=-1, keepdims=True)


def w7(xp, x):
    for _ in range(25):
        x = x * 1.0001 + 0.5
        x = xp.sqrt(xp.abs(x))
    return x


def w8(xp, x, a, b):
    for _ in range(1000):
        x = x * a + b
    return x


def _w8_loop(x, a, b):
    for _ in range(1000):
        x = x * a + b
    return x


class Workload:
    def __init__(self, name, body, make_inputs, needs=(), target=None, unit="ratio",
                 inner=1, ops=None, jit=None, note=""):
        self.name = name
        self.body = body
        self.make_inputs = make_inputs
        self.needs = needs              # public names (or "ndarray.method") it calls
        self.target = target            # max ratio, or max microseconds when unit == "us"
        self.unit = unit
        self.inner = inner              # calls per timed sample (tiny workloads)
        self.ops = ops                  # recorded operations per call (W9)
        self.jit = jit                  # the same work as a function of arrays, for ovnp.jit
        self.note = note


def missing(needs):
    for name in needs:
        if name.startswith("ndarray."):
            if not hasattr(ovnp.ndarray, name.split(".", 1)[1]):
                return name
        elif not hasattr(ovnp, name):
            return name
    return None


WORKLOADS = [
    Workload("W1 1e6", w1, lambda: (_rand(10**6, 1), _rand(10**6, 2)),
             needs=("sin", "exp", "negative", "multiply", "add")),
    Workload("W1 1e7", w1, lambda: (_rand(10**7, 1), _rand(10**7, 2)), target=1.0,
             needs=("sin", "exp", "negative", "multiply", "add")),
    Workload("W2 sum 1e7", w2_sum, lambda: (_rand(10**7, 3),), target=1.2, needs=("sum",)),
    Workload("W2 mean 1e7", w2_mean, lambda: (_rand(10**7, 3),), target=1.2, needs=("mean",)),
    Workload("W2 sum axis0 4096^2", w2_sum0, lambda: (_rand((4096, 4096), 4),), target=1.2,
             needs=("sum",)),
    Workload("W3 standardize", w3, lambda: (_rand((1_000_000, 16), 5),), target=0.25,
             needs=("ndarray.mean", "ndarray.std", "subtract", "divide")),
    Workload("W4 matmul 1024", w4, lambda: (_rand((1024, 1024), 6), _rand((1024, 1024), 7)),
             needs=("matmul",)),
    Workload("W4 matmul 4096", w4, lambda: (_rand((4096, 4096), 6), _rand((4096, 4096), 7)),
             target=0.65, needs=("matmul",)),
    Workload("W5 softmax", w5, lambda: (_rand((4096, 1024), 8, -5, 5),), target=0.5,
             needs=("exp", "max", "sum", "subtract", "divide")),
    Workload("W6 W1 on 1e3", w1, lambda: (_rand(1000, 1), _rand(1000, 2)), target=30,
             unit="us", inner=200, jit=lambda a, b: w1(ovnp, a, b),
             needs=("sin", "exp", "negative", "multiply", "add")),
    Workload("W7 50-op chain 1e6", w7, lambda: (_rand(10**6, 9),), target=0.3,
             needs=("sqrt", "abs", "multiply", "add")),
    Workload("W8 loop 1000 on 1e5", w8,
             lambda: (_rand(10**5, 10), _rand(10**5, 11, 0.99, 1.0), _rand(10**5, 12, -1e-3, 1e-3)),
             target=1.0, jit=_w8_loop, needs=("multiply", "add"),
             note="at most a handful of compiles"),
]

# W9: graph building alone. The recorded ops of W1 per call (sin, mul, neg, exp, mul, add).
W9 = Workload("W9 graph build", w1, lambda: (_rand(1000, 1), _rand(1000, 2)), target=3,
              unit="us/op", inner=2000, ops=6, needs=("sin", "exp", "negative", "multiply", "add"))


# ---------------------------------------------------------------- timing

def _budget(quick):
    return (0.6, 3, 7) if quick else (2.0, 5, 21)


def _time(fn, inner):
    gc.collect()
    start = time.perf_counter()
    for _ in range(inner):
        sync(fn())
    return (time.perf_counter() - start) / inner


def _compiles():
    s = ovnp.stats()
    return s["compiles"], s["compile_seconds"]


def run_workload(w, quick):
    gone = missing(w.needs)
    if gone:
        return {"status": f"missing: {gone}"}
    host = w.make_inputs()
    dev = tuple(ovnp.asarray(h) for h in host)
    sync(dev)
    ov_fn = lambda: w.body(ovnp, *dev)  # noqa: E731
    np_fn = lambda: w.body(numpy, *host)  # noqa: E731
    c0, s0 = _compiles()
    try:
        t_first = _time(ov_fn, 1)
        _time(ov_fn, 1)
    except (AttributeError, NotImplementedError, TypeError) as e:
        return {"status": f"missing: {type(e).__name__}: {e}"}
    c1, s1 = _compiles()
    _time(np_fn, 1)
    budget, least, most = _budget(quick)
    ov_times, np_times = [], []
    spent = 0.0
    while len(ov_times) < most and (len(ov_times) < least or spent < budget):
        t = _time(ov_fn, w.inner)
        u = _time(np_fn, w.inner)
        ov_times.append(t)
        np_times.append(u)
        spent += (t + u) * w.inner
    c2, s2 = _compiles()
    ov_med, np_med = statistics.median(ov_times), statistics.median(np_times)
    out = {
        "status": "ok",
        "ovnp_s": ov_med, "numpy_s": np_med, "ratio": ov_med / np_med,
        "ovnp_us_per_call": ov_med * 1e6,
        "first_call_s": t_first,
        "warmup_compiles": c1 - c0, "warmup_compile_s": s1 - s0,
        "timed_compiles": c2 - c1, "timed_compile_s": s2 - s1,
        "samples": len(ov_times),
    }
    if w.jit is not None:
        out.update(run_jit(w, dev, quick))
    return out


def run_jit(w, dev, quick):
    if not hasattr(ovnp, "jit"):
        return {"jit": "missing: jit"}
    fn = ovnp.jit(w.jit)
    c0, _ = _compiles()
    _time(lambda: fn(*dev), 1)
    _time(lambda: fn(*dev), 1)
    budget, least, most = _budget(quick)
    times, spent = [], 0.0
    while len(times) < most and (len(times) < least or spent < budget):
        t = _time(lambda: fn(*dev), w.inner)
        times.append(t)
        spent += t * w.inner
    c1, _ = _compiles()
    return {"jit_s": statistics.median(times), "jit_us_per_call": statistics.median(times) * 1e6,
            "jit_compiles": c1 - c0}


def run_w9(w, quick):
    gone = missing(w.needs)
    if gone:
        return {"status": f"missing: {gone}"}
    a, b = (ovnp.asarray(h) for h in w.make_inputs())
    w.body(ovnp, a, b)
    samples = []
    for _ in range(5 if quick else 15):
        gc.collect()
        start = time.perf_counter()
        for _ in range(w.inner):
            w.body(ovnp, a, b)
        samples.append((time.perf_counter() - start) / (w.inner * w.ops))
    us = statistics.median(samples) * 1e6
    return {"status": "ok", "us_per_op": us}


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
        text = f"ratio {ratio:6.2f} (target <= {limit})"
        if "jit_s" in r:
            text += f"; jit ratio {r['jit_s'] / r['numpy_s']:.2f}"
        ok = ratio <= limit
    return ("PASS " if ok else "MISS ") + text


def line(w, r):
    if r["status"] != "ok" or w.unit == "us/op":
        return f"{w.name:24s} {verdict(w, r)}"
    comp = (f"compiles {r['warmup_compiles']}+{r['timed_compiles']} "
            f"({r['warmup_compile_s'] * 1e3:.0f} ms)")
    if "jit_compiles" in r:
        comp += f", jit +{r['jit_compiles']}"
    return (f"{w.name:24s} ovnp {r['ovnp_s'] * 1e3:9.3f} ms  numpy {r['numpy_s'] * 1e3:9.3f} ms  "
            f"{verdict(w, r)}  [{comp}]")


def compare(current, previous_path):
    with open(previous_path) as f:
        previous = json.load(f)["results"]
    print(f"\ncompared with {previous_path} (ratio now / before; > 1.1 flagged):")
    for name, r in current.items():
        p = previous.get(name)
        if not p or p.get("status") != "ok" or r.get("status") != "ok":
            continue
        key = "us_per_op" if "us_per_op" in r else "ratio"
        change = r[key] / p[key]
        flag = "  REGRESSION?" if change > 1.1 else ""
        print(f"  {name:24s} {p[key]:8.3f} -> {r[key]:8.3f}  ({change:5.2f}x){flag}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="workload names or prefixes (W1, W6 ...)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default=os.path.join(HERE, "results", "latest.json"))
    parser.add_argument("--compare", help="a previous JSON results file")
    args = parser.parse_args(argv)
    workloads = WORKLOADS + [W9]
    if args.only:
        workloads = [w for w in workloads if any(w.name.startswith(o) for o in args.only)]
    previous = args.compare
    if previous is None and os.path.exists(args.out):
        previous = args.out + ".prev"
        os.replace(args.out, previous)
    results = {}
    print(f"ovnp {ovnp.__version__} vs numpy {numpy.__version__} on {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cpus, load average {os.getloadavg()[0]:.1f} (medians are noisy above {os.cpu_count()})")
    for w in workloads:
        try:
            r = run_w9(w, args.quick) if w.unit == "us/op" else run_workload(w, args.quick)
        except Exception as e:  # a broken workload must not stop the suite
            r = {"status": f"error: {type(e).__name__}: {e}"}
        results[w.name] = r
        print(line(w, r), flush=True)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump({"time": time.strftime("%Y-%m-%d %H:%M:%S"), "numpy": numpy.__version__,
                   "ovnp": ovnp.__version__, "cpus": os.cpu_count(),
                   "load_average": os.getloadavg(), "results": results},
                  f, indent=1)
    print(f"\nwrote {args.out}")
    if previous and os.path.exists(previous):
        compare(results, previous)


if __name__ == "__main__":
    main()
