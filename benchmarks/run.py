"""ovnp against NumPy: every workload of benchmarks/workloads/, timed in one process.

    python benchmarks/run.py                       # all workloads, writes results/latest.json
    python benchmarks/run.py W1 W6                 # a subset (names or prefixes)
    python benchmarks/run.py --compare results/previous.json
    python benchmarks/run.py --quick               # fewer repeats (a smoke run)

See harness.py for what is timed: host data in, `.to_numpy()` out, NumPy alternating in
the same process. Workloads marked `matmul` also time NumPy alone in a child process
with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they slow NumPy's BLAS on this
machine); that figure is reported beside the ratio and never changes the environment
of this process, the tests or CI.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

import numpy

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(1, os.path.dirname(HERE))

import ovnp  # noqa: E402
from harness import budget, line, run  # noqa: E402
from workloads import all_workloads  # noqa: E402

_BLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def numpy_unset(name, quick):
    """NumPy's median seconds for workload `name` in a child process without the
    OpenBLAS variables (None when none of them is set here)."""
    if not any(v in os.environ for v in _BLAS_VARS):
        return None
    env = {k: v for k, v in os.environ.items() if k not in _BLAS_VARS}
    code = ("import sys, statistics, time; sys.path[:0] = [%r, %r]\n"
            "from workloads import all_workloads\n"
            "from harness import budget\n"
            "import numpy\n"
            "w = next(w for w in all_workloads() if w.name == %r)\n"
            "host = w.make_inputs(); w.body(numpy, *host)\n"
            "limit, least, most = budget(%r); times = []\n"
            "while len(times) < most and (len(times) < least or sum(times) < limit):\n"
            "    t = time.perf_counter(); w.body(numpy, *host); times.append(time.perf_counter() - t)\n"
            "print(statistics.median(times))\n") % (HERE, os.path.dirname(HERE), name, quick)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    try:
        return float(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def compare(current, previous_path):
    with open(previous_path) as f:
        previous = json.load(f)["results"]
    print(f"\ncompared with {previous_path} (ratio now / before; > 1.1 flagged):")
    for name, r in current.items():
        p = previous.get(name)
        if not p or p.get("status") != "ok" or r.get("status") != "ok":
            continue
        key = "us_per_op" if "us_per_op" in r else "ratio"
        if key == "ratio" and "nocopy_ratio" not in p:
            key = "nocopy_ratio"    # results from before copies were counted
            before = p["ratio"]
        else:
            before = p[key]
        change = r[key] / before
        flag = "  REGRESSION?" if change > 1.1 else ""
        print(f"  {name:24s} {key:12s} {before:8.3f} -> {r[key]:8.3f}  ({change:5.2f}x){flag}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="workload names or prefixes (W1, W6 ...)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default=os.path.join(HERE, "results", "latest.json"))
    parser.add_argument("--compare", help="a previous JSON results file")
    args = parser.parse_args(argv)
    workloads = all_workloads()
    if args.only:
        workloads = [w for w in workloads if any(w.name.startswith(o) for o in args.only)]
    previous = args.compare
    if previous is None and os.path.exists(args.out) and not args.only:
        previous = args.out + ".prev"
        os.replace(args.out, previous)
    results = {}
    print(f"ovnp {ovnp.__version__} vs numpy {numpy.__version__} on "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cpus, load average "
          f"{os.getloadavg()[0]:.1f} (medians are noisy above {os.cpu_count()})")
    for w in workloads:
        try:
            r = run(w, args.quick)
            if w.matmul and r.get("status") == "ok":
                unset = numpy_unset(w.name, args.quick)
                if unset is not None:
                    r["numpy_unset_s"] = unset
                    r["ratio_unset"] = r["ovnp_s"] / unset
        except Exception as e:  # a broken workload must not stop the suite
            r = {"status": f"error: {type(e).__name__}: {e}"}
        results[w.name] = r
        print(line(w, r), flush=True)
    if args.only:       # a subset never replaces the full baseline
        out = args.out if args.out != os.path.join(HERE, "results", "latest.json") else \
            os.path.join(HERE, "results", "subset.json")
    else:
        out = args.out
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"time": time.strftime("%Y-%m-%d %H:%M:%S"), "numpy": numpy.__version__,
                   "ovnp": ovnp.__version__, "cpus": os.cpu_count(),
                   "load_average": os.getloadavg(), "results": results}, f, indent=1)
    print(f"\nwrote {out}")
    baseline = previous or os.path.join(HERE, "results", "latest.json")
    if os.path.exists(baseline) and baseline != out:
        compare(results, baseline)


if __name__ == "__main__":
    main()
