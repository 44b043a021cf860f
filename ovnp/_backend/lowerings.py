"""Importing this module registers every family's lowerings in lower.LOWER.

Family lowerings live in lower_<family>.py (in this folder) and register themselves on
import. Discovering them here, rather than in lower.py, keeps lower.py free of a list
every family would have to edit, and below the families that import it. compile.py
imports this module on its first compile (so `import ovnp` does not import openvino).
"""

import importlib as _importlib
import os as _os
import pkgutil as _pkgutil

from . import lower

for _info in sorted(_pkgutil.iter_modules([_os.path.dirname(__file__)]), key=lambda m: m.name):
    if _info.name.startswith("lower_"):
        _importlib.import_module(f"{__package__}.{_info.name}")

LOWER = lower.LOWER
