"""Running the sweep and judging it against the known failures (known_failures.py).

`sweep(structures)` runs every case and sorts each outcome into passed, documented
(a difference docs/differences.md lists), defect (an open defect, named in its entry) or
unexplained. `stale(...)` lists entries that matched cases of this run, none failing:
those defects are fixed, and the entry should go.
"""

import contextlib
import fnmatch
import re
import time

from known_failures import KNOWN
from sweep_check import Case
from sweep_compare import Outcome, run_cases
from sweep_grid import batches

def _compile(pattern):
    """(case-id regex, message regex) of an entry `id-glob[ :: message-glob]`."""
    id_glob, _, message_glob = pattern.partition(" :: ")
    return (re.compile(fnmatch.translate(id_glob)),
            re.compile(fnmatch.translate(message_glob or "*"), re.S))


_PATTERNS = [(*_compile(p), p, reason) for p, reason in KNOWN]


def entry_for(case_id, message=""):
    """(pattern, reason) of the first known-failure entry matching the case, or None."""
    for id_rx, message_rx, pattern, reason in _PATTERNS:
        if id_rx.match(case_id) and message_rx.match(message or ""):
            return pattern, reason
    return None


def entries_about(case_id):
    """Patterns whose case-id part matches `case_id` (whatever the message)."""
    return [pattern for id_rx, _, pattern, _ in _PATTERNS if id_rx.match(case_id)]


class Tally:
    def __init__(self):
        self.counts = {"passed": 0, "documented": 0, "defect": 0, "unexplained": 0}
        self.unexplained, self.digests = [], {}
        self.matched, self.failing = {}, {}     # pattern -> cases run / failing
        self.stopped = False                    # a time budget ended the run early

    @property
    def total(self):
        return sum(self.counts.values())

    def add(self, outcome):
        self.digests[outcome.case_id] = outcome.digest
        for pattern in entries_about(outcome.case_id):
            self.matched[pattern] = self.matched.get(pattern, 0) + 1
        entry = None if outcome.ok else entry_for(outcome.case_id, outcome.message)
        if outcome.ok:
            self.counts["passed"] += 1
        elif entry is None:
            self.counts["unexplained"] += 1
            self.unexplained.append((outcome.case_id, outcome.message))
        else:
            self.failing[entry[0]] = self.failing.get(entry[0], 0) + 1
            self.counts["documented" if entry[1].startswith("documented") else "defect"] += 1

    def merge(self, other):
        """Add the outcomes another Tally counted (a worker process's, sweep_parallel.py)."""
        for key, n in other.counts.items():
            self.counts[key] += n
        self.unexplained += other.unexplained
        self.digests.update(other.digests)
        for mine, theirs in ((self.matched, other.matched), (self.failing, other.failing)):
            for pattern, n in theirs.items():
                mine[pattern] = mine.get(pattern, 0) + n
        self.stopped = self.stopped or other.stopped
        return self

    def stale(self):
        """Entries whose cases ran, none failing as the entry says."""
        return [p for p in self.matched if not self.failing.get(p)]

    def summary(self):
        c = self.counts
        return (f"{self.total} cases: {c['passed']} passed, {c['documented'] + c['defect']} "
                f"known ({c['documented']} documented, {c['defect']} defect), "
                f"{c['unexplained']} unexplained")


def sweep(structures, tally=None, progress=None, batch_size=12, seeds=1, executor="openvino",
          budget=None):
    """Run the structures' cases with `executor`: "openvino" (every op on OpenVINO: no
    host path can hide a lowering) or "auto" (as users run: small work on computed CPU
    arrays is NumPy's, pending work OpenVINO's; fused == unfused then compares the two).
    With a `budget` (seconds) the run stops after the batch that exceeds it and
    `tally.stopped` says so."""
    tally = tally or Tally()
    start = last = time.monotonic()
    with executor_mode(executor):
        for batch in batches(structures, batch_size, seeds):
            for outcome in run_with_rerun(batch):
                tally.add(outcome)
            if budget and time.monotonic() - start > budget:
                tally.stopped = True
                break
            if progress and time.monotonic() - last > 30:
                last = time.monotonic()
                progress(f"  {tally.summary()} ({last - start:.0f} s)")
    return tally


RERUN = "#rerun"


def run_with_rerun(batch):
    """Outcomes of the batch; then the same batch on other values of the same kinds,
    which builds the same graphs and so reruns their compiled models: a rerun must give
    its own values' answer. (The CPU plugin once computed in place into a constant part
    of a model, so that triu's answers depended on the run before; a sweep that runs
    each model once cannot see that.) A case that passed and fails on the rerun, for no
    known reason, fails with the rerun's message."""
    first = run_cases(batch)
    again = run_cases([Case(c.op, c.dtype, c.shape, c.view, c.arg, c.kind + RERUN)
                       for c in batch])
    return [_with_rerun(a, b) for a, b in zip(first, again)]


def _with_rerun(first, rerun):
    if not first.ok or rerun.ok or entry_for(first.case_id, rerun.message):
        return first
    return Outcome(first.case_id, False, "on a rerun of its compiled models with other "
                   f"values: {rerun.message}", first.digest)


@contextlib.contextmanager
def executor_mode(mode):
    """ovnp's executor set to `mode` inside (ovnp without an eager executor: no-op)."""
    try:
        from ovnp import _eager
    except ImportError:
        yield
        return
    before = _eager.MODE
    _eager.set_executor(mode)
    try:
        yield
    finally:
        _eager.set_executor(before)
