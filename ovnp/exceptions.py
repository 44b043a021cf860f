"""ovnp.exceptions: NumPy's numpy.exceptions (ovnp raises NumPy's own AxisError and
DTypePromotionError), and ovnp's own: DTypePolicyError (a TypeError: a dtype the 32-bit
policy refuses, docs/dtypes.md), NumPyFallbackWarning (a NumPy function that ovnp
computed with NumPy on the host, docs/interop.md) and GraphvizMissingWarning
(visualize() wrote DOT text: docs/observability.md)."""

from numpy.exceptions import (AxisError, ComplexWarning, DTypePromotionError,  # noqa: F401
                              ModuleDeprecationWarning, RankWarning, TooHardError,
                              VisibleDeprecationWarning)

from ._dtypes import DTypePolicyError  # noqa: F401
from ._interop import NumPyFallbackWarning  # noqa: F401
from ._introspect import GraphvizMissingWarning  # noqa: F401

__all__ = ["AxisError", "ComplexWarning", "DTypePromotionError", "ModuleDeprecationWarning",
           "RankWarning", "TooHardError", "VisibleDeprecationWarning", "DTypePolicyError",
           "NumPyFallbackWarning", "GraphvizMissingWarning"]
