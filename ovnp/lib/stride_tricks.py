"""ovnp.lib.stride_tricks: sliding_window_view (ovnp/_stride_tricks.py)."""

from .._stride_tricks import sliding_window_view

__all__ = ["sliding_window_view"]
