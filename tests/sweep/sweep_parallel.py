"""The grid in several worker processes (`fuzz.py --workers N`).

The sweep's time is OpenVINO compiling each batch's model (about 80% of it, measured
on 120 s runs), and a compile keeps one core busy: one process leaves the second core of
the 2-core machine idle. Each worker is a fresh process (spawned, not forked: OpenVINO's
threads do not survive a fork) that runs every N-th (op, dtype) group of the seeded
order with its own compile cache and the same time budget; their tallies are merged.
A group stays in one worker, so its value kinds and draws still share one compiled
model.
"""

import concurrent.futures
import multiprocessing


def groups_of(structures):
    """The structures as their (op, dtype) groups, in order."""
    groups = {}
    for s in structures:
        groups.setdefault(s[:2], []).append(s)
    return list(groups.values())


def sweep_parallel(structures, workers, seeds=1, executor="openvino", budget=None):
    """The merged Tally of `workers` processes, worker k running groups k, k + workers, ..."""
    from sweep_run import Tally
    groups = groups_of(structures)
    shares = [[s for g in groups[k::workers] for s in g] for k in range(workers)]
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        jobs = [pool.submit(_worker, k, share, seeds, executor, budget)
                for k, share in enumerate(shares) if share]
        tally = Tally()
        for job in jobs:
            tally.merge(job.result())
    return tally


def _worker(k, structures, seeds, executor, budget):
    import logging
    import warnings
    warnings.filterwarnings("ignore")
    logging.getLogger("ovnp").setLevel(logging.ERROR)
    from sweep_run import sweep
    return sweep(structures, progress=lambda s: print(f"  [worker {k}]{s}", flush=True),
                 seeds=seeds, executor=executor, budget=budget)
