"""Placeholder for a NumPy family (see the open issues); defines nothing yet."""

__all__ = []
