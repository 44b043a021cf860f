"""The engine's public controls: compute(), cache_info(), cache_clear(), stats()."""

from . import _backend, _eager, _engine
from ._backend import compile as _compile
from ._array import ndarray
from ._nodes import asarray


def compute(*arrays):
    """Materialize several arrays with one compiled model; their NumPy values, as a tuple."""
    arrays = [a if isinstance(a, ndarray) else asarray(a) for a in arrays]
    _engine.materialize([a._node for a in arrays])
    return tuple(a.to_numpy() for a in arrays)


def cache_info():
    """(hits, misses, maxsize, currsize) of the compile cache, like functools.lru_cache."""
    return _backend.cache_info()


def cache_clear():
    """Empty the in-process compile cache and reset its counters."""
    _backend.cache_clear()


def stats() -> dict:
    """Engine counters: device runs, host evaluations, segments, compile seconds, and
    the executor: `eager_ops` counts operations NumPy computed at once (small CPU work,
    see docs/performance.md), `executor` is the setting (OVNP_EXECUTOR)."""
    info = _backend.cache_info()
    return dict(_engine.stats, compiles=info.misses, cache_hits=info.hits,
                compile_seconds=_compile.compile_seconds, eager_ops=_eager.counts["eager_ops"],
                executor=_eager.MODE)
