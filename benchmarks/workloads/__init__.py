"""Benchmark workloads: every module here defines WORKLOADS, a list of harness.Workload.

A module per theme (base: W1-W9; others add theirs), so adding a workload edits no
shared list. Modules are taken in name order.
"""

import importlib
import os
import pkgutil


def all_workloads():
    found = []
    for info in sorted(pkgutil.iter_modules([os.path.dirname(__file__)]), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "WORKLOADS", []))
    return found
