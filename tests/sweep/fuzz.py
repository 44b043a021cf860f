"""`make fuzz`: the whole sweep grid, hypothesis-drawn cases, the order check and a
strided max-ulp sweep of the fused kernels' functions (tests/exhaustive/sweep_unary.py).

    python tests/sweep/fuzz.py [--slice N] [--hypothesis N] [--order N] [--failures FILE]
                               [--unary-step N]

Prints the case count and how many passed, are known (documented differences or open
defects, known_failures.py) or unexplained, and the stale known-failure entries. Exits
non-zero on any unexplained mismatch or order dependence, or when a kernel's function is
above NumPy's float32 error (or gets a special value wrong) in the unary sweep.
"""

import argparse
import logging
import os
import pathlib
import random
import sys
import time
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
os.environ.setdefault("OVNP_CACHE_DIR", "")
# Cases rarely share a compiled model beyond their batch: keep few (a model is ~13 MB).
os.environ.setdefault("OVNP_COMPILE_CACHE_SIZE", "64")
warnings.filterwarnings("ignore")
logging.getLogger("ovnp").setLevel(logging.ERROR)     # no "slow compile" notes in the report

from sweep_grid import ci_slice, grid  # noqa: E402
from sweep_order import order_check  # noqa: E402
from sweep_parallel import groups_of, sweep_parallel  # noqa: E402
from sweep_run import Tally, sweep  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slice", type=int, default=0, help="run a seeded slice of N structures")
    parser.add_argument("--hypothesis", type=int, default=0, help="hypothesis examples")
    parser.add_argument("--order", type=int, default=400,
                        help="cases rerun shuffled in a fresh process")
    parser.add_argument("--failures", help="write every failing case id and message here")
    parser.add_argument("--every", type=int, default=1, help="run every k-th structure only")
    parser.add_argument("--seeds", type=int, default=2, help="draws of each value kind")
    parser.add_argument("--budget", type=float, default=0,
                        help="stop the grid after this many seconds (0: run all of it)")
    parser.add_argument("--workers", type=int, default=1,
                        help="run the grid in N processes (sweep_parallel.py)")
    parser.add_argument("--unary-step", type=int, default=0,
                        help="max-ulp sweep of the kernels' functions over every N-th float32 "
                             "bit pattern (0: none)")
    args = parser.parse_args()
    start = time.monotonic()
    structures = ci_slice(args.slice) if args.slice else interleaved(grid()[::args.every])
    print(f"sweep: {len(structures)} structures of the grid, {args.workers} worker(s)",
          flush=True)
    if args.workers > 1:
        tally = sweep_parallel(structures, args.workers, seeds=args.seeds,
                               executor="openvino", budget=args.budget)
    else:
        tally = sweep(structures, Tally(), progress=lambda s: print(s, flush=True),
                      seeds=args.seeds, executor="openvino", budget=args.budget)
    print(f"grid (OpenVINO forced): {tally.summary()} in {time.monotonic() - start:.0f} s",
          flush=True)
    if tally.stopped:
        print(f"NOTE: the time budget ({args.budget:.0f} s) stopped the grid early: the grid "
              "was not run in full", flush=True)
    if args.hypothesis:
        from sweep_hypothesis import run_hypothesis
        from sweep_run import executor_mode
        with executor_mode("auto"):
            run_hypothesis(args.hypothesis, tally)
        print(f"grid + hypothesis (executor auto, as users run): {tally.summary()}", flush=True)
    order_failures = order_check(tally.digests, args.order) if args.order else []
    above_numpy = unary_sweep(args.unary_step) if args.unary_step else []
    if args.failures:
        from sweep_run import entry_for
        with open(args.failures, "w") as f:
            for case_id, message in tally.unexplained:
                f.write(f"UNEXPLAINED {case_id}  {message}\n")
            for p, n in sorted(tally.failing.items()):
                f.write(f"KNOWN {n:6d} {p}  {entry_for_reason(p)}\n")
    stale = tally.stale()
    elapsed = time.monotonic() - start
    print(f"\nTOTAL: {tally.summary()}; order checked on {args.order} cases, "
          f"{len(order_failures)} differ; {elapsed:.0f} s ({tally.total / elapsed:.1f} cases/s)")
    for case_id, message in tally.unexplained[:200]:
        print(f"  UNEXPLAINED {case_id}: {message}")
    for case_id in order_failures:
        print(f"  ORDER-DEPENDENT {case_id}")
    for name in above_numpy:
        print(f"  ABOVE NUMPY'S ERROR (unary sweep) {name}")
    if stale:
        print(f"stale known-failure entries ({len(stale)}; their cases now pass, remove them):")
        for p in stale:
            print(f"  {p}")
    return 1 if tally.unexplained or order_failures or above_numpy else 0


def unary_sweep(step):
    """The kernels' functions on every `step`-th float32 bit pattern against float64, ovnp
    and NumPy's float32 (prints the table); the names above NumPy's error or with a special
    value wrong."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "exhaustive"))
    from sweep_run import executor_mode
    from sweep_unary import KERNELS, above_numpy, sweep as sweep_unary
    start = time.monotonic()
    with executor_mode("openvino"):
        table = sweep_unary(KERNELS, step)
    print(f"\nunary sweep, every {step}-th float32 ({time.monotonic() - start:.0f} s), max ulp "
          "ovnp / NumPy:", flush=True)
    print("  " + ", ".join(f"{name} {ours:.2f}/{theirs:.2f}"
                           for name, (ours, theirs, _, _) in table.items()), flush=True)
    return above_numpy(table)


def interleaved(structures, seed=12):
    """The structures, their (op, dtype) groups in a seeded shuffled order: a batch still
    holds one group (one compiled model for its value kinds), and a run stopped by the time
    budget has met every kind of op, not only the first ops of the table."""
    groups = groups_of(structures)
    random.Random(seed).shuffle(groups)
    return [s for group in groups for s in group]


def entry_for_reason(pattern):
    from known_failures import KNOWN
    return dict(KNOWN)[pattern]


if __name__ == "__main__":
    sys.exit(main())
