"""Floating point error handling (NumPy's grouping): seterr, geterr, seterrcall,
geterrcall, errstate. The state is NumPy's own; OpenVINO never reports floating-point
errors, so only the functions that run on the host through NumPy honour it."""

import numpy as _np

__all__ = ["seterr", "geterr", "seterrcall", "geterrcall", "errstate"]

seterr = _np.seterr
geterr = _np.geterr
errstate = _np.errstate
seterrcall = _np.seterrcall
geterrcall = _np.geterrcall
