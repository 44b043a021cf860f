"""Small NumPy utilities that belong to no larger family (filled by the misc work)."""

__all__ = []
