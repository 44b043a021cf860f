"""Graph key -> compiled model: a bounded LRU with functools-style counters."""

import os
import threading
from collections import namedtuple

import numpy as np

from . import forking, observe, persist, stages

CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])

_lock = threading.Lock()
_loaded = False     # whether the OpenVINO side of the backend is imported
# key -> Executable. Least recently used is evicted first: each hit stamps the executable
# with a use count (`last_used`) instead of moving its key (which hashes the key again).
_cache: dict = {}
_maxsize = int(os.environ.get("OVNP_COMPILE_CACHE_SIZE", "512"))
# Bytes of memory the cached models may hold, by estimate (model_bytes), least recently
# used dropped first; a single model above it stays, but frees its intermediates after
# each run. Measured per CPU model: about 0.5 MB for small arrays, plus about two
# copies of its largest intermediate (the plugin's buffers).
_max_bytes = int(os.environ.get("OVNP_COMPILE_CACHE_BYTES", str(2**30)))
FIXED_MODEL_BYTES = 2**19
_hits = 0
_misses = 0
_uses = 0
compile_seconds = 0.0


def load_backend() -> None:
    """Import the modules that import openvino, on first use, under the lock that a
    fork waits for (forking.py)."""
    global _loaded
    if not _loaded:
        with forking.import_lock:
            if not _loaded:
                # Importing openvino registers concurrent.futures' fork handler (its
                # telemetry); ours must run before it (forking.register_first).
                import concurrent.futures.thread  # noqa: F401
                forking.register_first()
                _import_openvino_without_its_converter()
                from . import lower, lowerings, runtime  # noqa: F401
                _loaded = True


def _import_openvino_without_its_converter():
    """`import openvino` also imports its model converter (openvino.tools.ovc), which is
    most of the import's time (measured 111-173 ms without it, 353 ms with it, loaded
    machine) and sends telemetry from a thread that forks a process. ovnp needs neither:
    openvino is imported with the converter blocked (openvino skips it on ImportError),
    and `openvino.convert_model` is added back, imported on first use."""
    import sys
    if "openvino" in sys.modules or "openvino.tools.ovc" in sys.modules:
        return
    sys.modules["openvino.tools.ovc"] = None
    try:
        import openvino
    finally:
        if sys.modules.get("openvino.tools.ovc", 0) is None:
            del sys.modules["openvino.tools.ovc"]
    if hasattr(openvino, "convert_model") or hasattr(openvino, "__getattr__"):
        return

    def __getattr__(name):
        if name == "convert_model":
            from openvino.tools.ovc import convert_model
            openvino.convert_model = convert_model
            return convert_model
        raise AttributeError(f"module 'openvino' has no attribute {name!r}")

    openvino.__getattr__ = __getattr__


# Fork safety (forking.py): a fork waits for our lock; the child starts with fresh locks and an empty compile cache. The
# parent's compiled models are kept (never destroyed) in the child: their destructors
# may wait for OpenVINO threads that did not survive the fork.
_orphans = []


def _before_fork():
    _lock.acquire()


def _after_fork_in_parent():
    _lock.release()


def _after_fork_in_child():
    global _lock, _cache, _hits, _misses, compile_seconds
    _orphans.append(_cache)
    _cache = {}
    _hits = _misses = 0
    compile_seconds = 0.0
    _lock = threading.Lock()


forking.add_hooks(_before_fork, _after_fork_in_parent, _after_fork_in_child)


def cache_info() -> CacheInfo:
    with _lock:
        return CacheInfo(_hits, _misses, _maxsize, len(_cache))


def cache_clear() -> None:
    global _hits, _misses
    with _lock:
        _cache.clear()
        _hits = _misses = 0


def model_bytes(order, roots) -> int:
    """Estimated memory of a compiled model: a fixed part and two copies of its largest
    intermediate (the graph's outputs are bound to buffers ovnp allocates)."""
    root_ids = {id(r) for r in roots}
    largest = max([_size(n.shape) * n.dtype.itemsize for n, _ in order
                   if id(n) not in root_ids], default=0)
    return FIXED_MODEL_BYTES + 2 * largest


def cache_bytes() -> int:
    """Estimated bytes held by the compiled models in the cache."""
    with _lock:
        return sum(e.nbytes for e in _cache.values())


def _evict() -> None:
    """Drop the least recently used entries above _maxsize entries or _max_bytes bytes
    (with _lock held); the most recent one always stays."""
    excess = len(_cache) - max(_maxsize, 0)
    total = sum(e.nbytes for e in _cache.values())
    if excess <= 0 and total <= _max_bytes:
        return
    for key in sorted(_cache, key=lambda k: _cache[k].last_used)[:-1]:
        if excess <= 0 and total <= _max_bytes:
            break
        total -= _cache.pop(key).nbytes
        excess -= 1
    if excess > 0 and _maxsize <= 0:
        _cache.clear()


def set_cache_size(maxsize: int = None, maxbytes: int = None) -> None:
    """Bound the compile cache to `maxsize` models and `maxbytes` estimated bytes."""
    global _maxsize, _max_bytes
    with _lock:
        if maxsize is not None:
            _maxsize = int(maxsize)
        if maxbytes is not None:
            _max_bytes = int(maxbytes)
        _evict()


def _size(shape):
    n = 1
    for d in shape:
        n *= d
    return n


MAX_RANK = 12


def executable(key, order, params, roots):
    """The compiled model for `key`, compiling `order` on a cache miss."""
    global compile_seconds, _hits, _misses, _uses
    with _lock:
        executable = _cache.get(key)
        _uses += 1
        if executable is not None:
            executable.last_used = _uses
            _hits += 1
            return executable
        _misses += 1
        seen = list(_cache) if observe.enabled() else ()   # for the `ovnp` logger only
    import time

    load_backend()      # openvino: on the first compile
    start = time.perf_counter()
    planned = stages.plan(order, params, roots)
    if planned is None:
        executable = _timed_compile(key[0], order, params, roots)
    else:
        steps, outputs = planned
        executable = Staged([(_timed_compile(key[0], group, inputs, stage_roots), sources)
                             for group, inputs, sources, stage_roots in steps], outputs)
    seconds = time.perf_counter() - start
    with _lock:
        compile_seconds += seconds
        _uses += 1
        executable.last_used = _uses
        _cache[key] = executable
        _evict()
    observe.compiled(key, seen, seconds)
    return executable


# Compiles that take longer are logged (WARNING, on the `ovnp` logger) with their op
# count: OpenVINO's compile time grows faster than the graph, and used to do so silently.
SLOW_COMPILE_SECONDS = 1.0
longest_compile = 0.0       # seconds, of one model, since the process started
persisted_loads = 0         # models imported from the persistent folder (persist.py)


def _timed_compile(device, order, params, roots):
    global longest_compile
    import time
    start = time.perf_counter()
    executable = _compile(device, order, params, roots)
    seconds = time.perf_counter() - start
    longest_compile = max(longest_compile, seconds)
    if seconds > SLOW_COMPILE_SECONDS:
        observe.slow_compile(device, len(order), len(params), seconds)
    return executable


def _compile(device, order, params, roots):
    """One compiled model computing `roots` from `params` (Executable, Guarded, Checked)."""
    from . import lower, runtime
    rank = max([len(n.shape) for n, _ in order] + [len(p.shape) for p in params])
    if rank > MAX_RANK:
        # Beyond this, several CPU-plugin kernels (TopK, integer comparisons, some
        # reductions) kill the process with SIGFPE/SIGSEGV instead of raising.
        raise ValueError(f"ovnp computes arrays of up to {MAX_RANK} dimensions on OpenVINO; "
                         f"this graph has {rank} (see docs/differences.md)")
    layout = lower.parallel_layout(order, params) if device == "CPU" else None
    largest = max([_size(n.shape) for n, _ in order] + [_size(p.shape) for p in params])
    small = largest <= runtime.SMALL_ELEMENTS
    out_specs = [(r.shape, r.dtype) for r in roots]
    in_specs = [(p.shape, p.dtype) for p in params]
    text = persist.key_text(device, order, params, roots, (layout, small))

    def build():
        model, guarded, checks = lower.build_model(order, params, roots, layout=layout)
        return model, {"guarded": guarded, "checks": checks}

    compiled, meta = _load_or_compile(device, text, small, build)
    guarded, checks = meta["guarded"], meta["checks"]

    nbytes = model_bytes(order, roots)
    # A model that alone holds more than the budget keeps it cached, but frees the
    # plugin's intermediates after each run: they would outlive the user's arrays.
    release = nbytes > _max_bytes

    def make(compiled, out_specs):
        return runtime.Executable(compiled, out_specs, in_specs, layout, nbytes, release)

    def checked(compiled, checks):
        """The executable of a model whose outputs are roots, then the checks' flags."""
        if not checks:
            return make(compiled, out_specs)
        return Checked(make(compiled, out_specs + [((len(checks),), np.dtype(bool))]), checks)

    if not guarded:
        return checked(compiled, checks)
    # outputs: roots, the checks' flags (if any), the guard flag
    # Lowered now (not compiled): the twin must not keep the IR, whose leaves hold data.
    accurate, _, accurate_checks = lower.build_model(order, params, roots, accurate=True,
                                                     layout=layout)

    def make_accurate():
        compiled, meta = _load_or_compile(device, text and text + "|accurate", small,
                                          lambda: (accurate, {"checks": accurate_checks}))
        return checked(compiled, meta["checks"])

    flag = [((1,), np.dtype(bool))]
    checks_spec = [((len(checks),), np.dtype(bool))] if checks else []
    return Guarded(make(compiled, out_specs + checks_spec + flag), make_accurate, checks)


def _load_or_compile(device, text, small, build):
    """(compiled model, metadata): imported from the persistent folder when `text` (the
    model's key, persist.key_text) is stored there, else build() -> (model, metadata)
    compiled, then stored. A blob that does not import is compiled over."""
    from . import runtime
    folder = runtime.persistent_cache_dir() if text else None
    if folder:
        found = persist.load(folder, text)
        if found is not None:
            meta, blob = found
            try:
                compiled = runtime.import_model(blob, device, small)
            except RuntimeError:
                pass
            else:
                global persisted_loads
                persisted_loads += 1
                return compiled, meta
    model, meta = build()
    compiled = runtime.compile_model(model, device, small)
    if folder:
        try:
            persist.save(folder, text, meta, runtime.export_model(compiled))
        except RuntimeError:
            pass    # a device that cannot export: compiled in every process
    return compiled, meta


class Staged:
    """Models run one after another (stages.py): each stage's inputs are the graph's
    inputs or earlier stages' outputs; the graph's outputs are picked from the stages'."""

    __slots__ = ("steps", "outputs", "last_used")

    def __init__(self, steps, outputs):
        self.steps = steps          # [(executable, sources)]
        self.outputs = outputs      # [source]
        self.last_used = 0

    def __call__(self, inputs):
        values = []     # per stage, its outputs

        def value(source):
            return inputs[source[1]] if source[0] == "in" else values[source[1]][source[2]]

        for executable, sources in self.steps:
            values.append(executable([value(s) for s in sources]))
        return [value(s) for s in self.outputs]

    @property
    def nbytes(self):
        return sum(executable.nbytes for executable, _ in self.steps)


class Guarded:
    """A model with guarded fast kernels, and its accurate twin compiled on first need.

    The fast model's last output says whether any guarded kernel saw an input outside
    its exact range; then the inputs run again through the accurate model, so results
    are always the accurate kernels' ones there (docs/performance.md, "Kernels").
    Holds OpenVINO models only, never the IR (whose leaves hold users' arrays).
    """

    __slots__ = ("fast", "_make_accurate", "accurate", "last_used", "checks")

    def __init__(self, fast, make_accurate, checks=()):
        self.fast = fast
        self._make_accurate = make_accurate
        self.accurate = None
        self.last_used = 0
        self.checks = checks    # the fast model's (its flags precede the guard flag)

    @property
    def nbytes(self):
        return self.fast.nbytes + (0 if self.accurate is None else self.accurate.nbytes)

    def __call__(self, inputs):
        outputs = self.fast(inputs)
        if not outputs.pop()[0]:
            return raise_checks(outputs, self.checks) if self.checks else outputs
        if self.accurate is None:
            global compile_seconds, _misses
            import time
            start = time.perf_counter()
            accurate = self._make_accurate()
            with _lock:
                compile_seconds += time.perf_counter() - start
                _misses += 1
            self.accurate = accurate
        return self.accurate(inputs)


class Checked:
    """A model whose last output says which of its checks fired (lower.check): a value
    that the result dtype cannot hold. Raises OverflowError with the first one's message."""

    __slots__ = ("inner", "messages", "last_used")

    def __init__(self, inner, messages):
        self.inner = inner
        self.messages = messages
        self.last_used = 0

    def __call__(self, inputs):
        return raise_checks(self.inner(inputs), self.messages)

    @property
    def nbytes(self):
        return self.inner.nbytes


def raise_checks(outputs, messages):
    """outputs without the last (the checks' flags); OverflowError if one fired."""
    fired = outputs.pop()
    if fired.any():
        raise OverflowError(messages[int(np.argmax(fired))])
    return outputs


def run(key, order, params, roots):
    """Values of `roots`, compiling `order` on a cache miss. Inputs are `params`' values."""
    return executable(key, order, params, roots)([p.value for p in params])
