"""Graph key -> compiled model: a bounded LRU with functools-style counters."""

import os
import threading
from collections import OrderedDict, namedtuple

from . import lower, runtime

CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])

_lock = threading.Lock()
_cache: "OrderedDict" = OrderedDict()
_maxsize = int(os.environ.get("OVNP_COMPILE_CACHE_SIZE", "512"))
_hits = 0
_misses = 0
compile_seconds = 0.0


def cache_info() -> CacheInfo:
    with _lock:
        return CacheInfo(_hits, _misses, _maxsize, len(_cache))


def cache_clear() -> None:
    global _hits, _misses
    with _lock:
        _cache.clear()
        _hits = _misses = 0


def set_cache_size(maxsize: int) -> None:
    global _maxsize
    with _lock:
        _maxsize = int(maxsize)
        while len(_cache) > _maxsize:
            _cache.popitem(last=False)


def _lookup(key):
    global _hits, _misses
    with _lock:
        executable = _cache.get(key)
        if executable is not None:
            _cache.move_to_end(key)
            _hits += 1
        else:
            _misses += 1
        return executable


def _size(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def executable(key, order, params, roots):
    """The compiled model for `key`, compiling `order` on a cache miss."""
    global compile_seconds
    executable = _lookup(key)
    if executable is None:
        import time
        start = time.perf_counter()
        model = lower.build_model(order, params, roots)
        largest = max([_size(n.shape) for n, _ in order] + [_size(p.shape) for p in params])
        compiled = runtime.compile_model(model, key[0], largest <= runtime.SMALL_ELEMENTS)
        executable = runtime.Executable(compiled, [(r.shape, r.dtype) for r in roots],
                                        [(p.shape, p.dtype) for p in params])
        with _lock:
            compile_seconds += time.perf_counter() - start
            _cache[key] = executable
            while len(_cache) > _maxsize:
                _cache.popitem(last=False)
    return executable


def run(key, order, params, roots):
    """Values of `roots`, compiling `order` on a cache miss. Inputs are `params`' values."""
    return executable(key, order, params, roots)([p.value for p in params])
