"""ovnp.lib: the parts of numpy.lib that ovnp provides (stride_tricks)."""

from . import stride_tricks

__all__ = ["stride_tricks"]
