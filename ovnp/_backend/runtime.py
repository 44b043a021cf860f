"""OpenVINO's Core, devices, compile configuration and the bare infer call."""

import os
import sys
import threading
import weakref

import numpy as np
import openvino as ov

from . import forking
from .pairs import storage_spec

_core = None
_core_lock = threading.Lock()

# Virtual devices take a list of real ones after a colon: "AUTO:GPU,CPU".
_VIRTUAL = ("AUTO", "HETERO", "MULTI", "BATCH")


def persistent_cache_dir():
    """Where compiled blobs persist across processes; None when turned off.

    OVNP_CACHE_DIR moves it; set to the empty string it turns the cache off.
    """
    configured = os.environ.get("OVNP_CACHE_DIR")
    if configured is not None:
        return configured or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ovnp", ov.__version__.split("-")[0])


def core() -> ov.Core:
    global _core
    if _core is None:
        with _core_lock:
            if _core is None:
                # No CACHE_DIR: ovnp keeps compiled models itself, keyed by its own
                # structural key (persist.py).
                with forking.busy():
                    _core = ov.Core()
    return _core


_devices = None


def available_devices() -> list:
    global _devices
    if _devices is None:
        c = core()
        with forking.busy():    # loads every plugin
            _devices = list(c.available_devices)
    return list(_devices)


def _is_real(name: str, available) -> bool:
    base = name.split("(")[0]
    if base in available:
        return True
    # "GPU" names the first of "GPU.0", "GPU.1"; "GPU.0" names a lone "GPU".
    family, _, index = base.partition(".")
    return (not index and any(a.split(".")[0] == family for a in available)) or (
        index == "0" and family in available)


_checked: dict = {}


def check_device(name) -> str:
    """`name` if OpenVINO can compile for it, else ValueError naming what exists."""
    hit = _checked.get(name)
    if hit is not None:
        return hit
    if not isinstance(name, str):
        raise TypeError(f"device must be a string such as 'CPU' or 'GPU.1', not {type(name).__name__}")
    available = available_devices()
    prefix, colon, rest = name.partition(":")
    if prefix in _VIRTUAL:
        targets = [t for t in rest.split(",") if t] if colon else []
        ok = all(_is_real(t, available) for t in targets) and (targets or prefix == "AUTO")
    else:
        ok = not colon and _is_real(name, available)
    if not ok:
        raise ValueError(
            f"device {name!r} is not available; OpenVINO sees {', '.join(available)} "
            f"(and the virtual devices {', '.join(_VIRTUAL)} over them)")
    _checked[name] = name
    return name


# A CPU model whose every tensor has at most this many elements runs on one thread: its
# work is smaller than the cost of waking and joining a second one (measured on 2 busy
# cores, W1 on 1e3 elements: 24 us on one thread, 53-80 us on the default pool).
SMALL_ELEMENTS = int(os.environ.get("OVNP_SMALL_ELEMENTS", str(2**15)))


def compile_config(device: str, small: bool = False) -> dict:
    # The CPU default on bf16-capable machines computes float32 matmuls in bf16
    # (errors of 5e-2); NumPy's answers need f32. Virtual devices pass it on.
    config = {"INFERENCE_PRECISION_HINT": "f32"}
    if small and device == "CPU":
        config["INFERENCE_NUM_THREADS"] = 1
        # Pinning costs the calling thread ~3.5 us per infer (W1 on 1e3: 14.6 -> 10.9 us
        # of CPU time, 56 -> 44 us wall on 2 busy cores); one thread gains nothing from it.
        config["ENABLE_CPU_PINNING"] = False
    return config


def compile_model(model: ov.Model, device: str, small: bool = False):
    config = compile_config(device, small)
    c = core()
    with forking.busy():    # a fork waits for it (forking.py)
        try:
            return c.compile_model(model, device, config)
        except RuntimeError as error:
            # The CPU plugin's fused kernels ("snippets") run out of registers when one
            # scalar input feeds ~40 ops of a chain; without snippets the model compiles.
            if "allocate registers for a snippet" not in str(error) or device != "CPU":
                raise
            return c.compile_model(model, device, dict(config, SNIPPETS_MODE="DISABLE"))


def import_model(blob: bytes, device: str, small: bool = False):
    """A compiled model from CompiledModel.export_model()'s bytes (persist.py)."""
    c = core()
    with forking.busy():
        return c.import_model(blob, device, compile_config(device, small))


def export_model(compiled) -> bytes:
    with forking.busy():
        blob = compiled.export_model()
    return blob.getvalue() if hasattr(blob, "getvalue") else bytes(blob)


# Inputs and outputs up to this many bytes go through the request's own tensors (a copy
# in, a copy out: cheaper than binding a tensor, and no pointer to ovnp's arrays stays
# in the request). Larger ones are bound zero-copy.
SMALL_BYTES = int(os.environ.get("OVNP_SMALL_BYTES", str(64 * 1024)))
# Large output buffers are pooled (reused once nobody holds them, so they stay bound and
# their pages stay mapped) up to this many bytes over all cached models.
POOL_BYTES = int(os.environ.get("OVNP_POOL_BYTES", str(256 * 2**20)))
# Output buffers of at least this many bytes are not pooled: a pooled buffer stays
# allocated after the array it became is gone (a 2 GiB result stayed resident after
# `del`); at this size, the page faults of a fresh buffer cost little next to the work.
KEEP_BYTES = POOL_BYTES // 4

_pool_lock = threading.Lock()
pooled_bytes = 0
_generation = 0     # forks seen: pool reservations from before a fork are not returned

# Fork safety (compile.py's handlers call these): the child makes its own Core when it
# first needs one, with fresh locks and an empty pool; the parent's Core is kept, never
# destroyed (as the parent's compiled models: see compile.py, _orphans).
_orphans = []


def _before_fork():
    # Not _core_lock: a thread may hold it while it waits for the fork (forking.busy).
    _pool_lock.acquire()


def _after_fork_in_parent():
    _pool_lock.release()


def _after_fork_in_child():
    global _core, _core_lock, _pool_lock, pooled_bytes, _generation
    _orphans.append(_core)
    _core = None
    _core_lock = threading.Lock()
    _pool_lock = threading.Lock()
    pooled_bytes = 0
    _generation += 1


forking.add_hooks(_before_fork, _after_fork_in_parent, _after_fork_in_child)

# The bare infer of the binding: no input dispatch, outputs shared (not copied).
_bare_infer = ov.InferRequest.__mro__[1].infer


def _release_pool(nbytes, generation):
    global pooled_bytes
    with _pool_lock:
        if generation == _generation:   # not a slot from before a fork
            pooled_bytes -= nbytes


def _reserve_pool(nbytes) -> bool:
    global pooled_bytes
    with _pool_lock:
        if pooled_bytes + nbytes > POOL_BYTES:
            return False
        pooled_bytes += nbytes
        return True


def _compiled_shape(compiled, i, shape):
    """The shape output i has in the compiled model, which can differ from the model's
    in where its size-1 axes stand. Trap (measured, OpenVINO 2026.4 CPU plugin): a
    Transpose (1, 3, 2) -> (2, 3, 1) followed by a ReduceSum/ReduceMax over axis 1
    compiles to an output of shape [1, 2] where the model says [2, 1]; binding a (2, 1)
    buffer then failed. The elements are the same in the same order, so the output is
    bound with the compiled shape and read back as the model's. Any other difference is
    an error, never a silent reshape."""
    shape = tuple(shape)
    partial = compiled.output(i).get_partial_shape()
    if not partial.is_static:
        return shape
    got = tuple(partial.to_shape())
    if got == shape:
        return shape
    if [d for d in got if d != 1] == [d for d in shape if d != 1]:
        return got
    raise RuntimeError(f"OpenVINO compiled output {i} with shape {list(got)}, the model "
                       f"says {list(shape)}: a bug to report (ovnp cannot read it safely)")


class _Slot:
    """One thread's infer request and what is bound to it.

    Trap (measured): a request does not keep the NumPy array behind a shared-memory
    ov.Tensor alive; only the Python Tensor object does. So every pointer the request
    holds must point at memory we know is alive when infer() runs:
    - small inputs/outputs use the request's own tensors (copied in and out);
    - a large input stays bound only while a weak reference says its array still
      exists (then its buffer is unchanged); otherwise it is bound again;
    - a large output is bound to a pooled buffer that the slot holds strongly, reused
      when the slot's reference is the only one left, else replaced by a fresh buffer.
    Nothing here keeps a user's array alive (invariant 8); the pool is bounded.
    """

    __slots__ = ("request", "in_small", "in_refs", "out_small", "out_bufs", "out_bound",
                 "pooled", "all_small", "__weakref__")

    def __init__(self, compiled, in_specs, out_specs):
        request = self.request = compiled.create_infer_request()
        self.in_small = [request.get_input_tensor(i).data
                         if _nbytes(shape, dtype) <= SMALL_BYTES else None
                         for i, (shape, dtype) in enumerate(in_specs)]
        self.in_refs = [None] * len(in_specs)
        self.out_small = []
        self.out_bound = [_compiled_shape(compiled, i, shape) for i, (shape, _) in
                          enumerate(out_specs)]
        for i, (shape, dtype) in enumerate(out_specs):
            view = None
            if _nbytes(shape, dtype) <= SMALL_BYTES:
                view = request.get_output_tensor(i).data
                if view.dtype != dtype or view.shape != self.out_bound[i]:
                    view = None
                else:
                    view = view.reshape(shape)      # a view of the request's memory
            self.out_small.append(view)
        self.out_bufs = [None] * len(out_specs)
        large = sum(_nbytes(shape, dtype) for (shape, dtype), v in zip(out_specs, self.out_small)
                    if v is None)
        # Outputs of KEEP_BYTES or more are not pooled: a 2 GiB result stayed resident
        # in the pool after `del`.
        self.pooled = 0 < large < KEEP_BYTES and _reserve_pool(large)
        # every input and output through the request's own tensors: copies only
        self.all_small = all(v is not None for v in self.in_small + self.out_small)
        if self.pooled:
            weakref.finalize(self, _release_pool, large, _generation)


def _complex_positions(in_specs, out_specs):
    """(complex input positions, complex output positions), or None if there are none."""
    ins = {i for i, (_, d) in enumerate(in_specs) if d.kind == "c"}
    outs = {i for i, (_, d) in enumerate(out_specs) if d.kind == "c"}
    return (ins, outs) if ins or outs else None


def _as_float_pairs(a):
    """A complex64 array as float32 (..., 2), OpenVINO's complex layout: a view when
    `a` is contiguous (0-d arrays included)."""
    return a.reshape(a.shape + (1,)).view(np.float32)


def _nbytes(shape, dtype) -> int:
    n = dtype.itemsize
    for d in shape:
        n *= d
    return n


class Executable:
    """A compiled model with one infer request per thread (requests are not thread-safe)."""

    __slots__ = ("compiled", "in_specs", "out_specs", "_local", "last_used", "_flat", "_pairs",
                 "nbytes", "release")

    def __init__(self, compiled, out_specs, in_specs, layout=None, nbytes=0, release=False):
        self.compiled = compiled
        self.nbytes = nbytes        # estimated memory the compiled model holds (compile.py)
        self.release = release      # free the plugin's intermediates after each run
        self.last_used = 0                  # compile cache's LRU stamp
        self._local = threading.local()
        # layout = (flat shape, model shape): the model sees arrays of the flat shape as
        # that 2-D shape (lower.parallel_layout); callers pass and get the flat shape.
        self._flat = layout
        if layout is not None:
            flat, model = layout
            out_specs = [(model if s == flat else s, d) for s, d in out_specs]
            in_specs = [(model if s == flat else s, d) for s, d in in_specs]
        # complex64 inputs and outputs are bound as float32 pairs (..., 2): pairs.py
        self._pairs = _complex_positions(in_specs, out_specs)
        self.out_specs = [storage_spec(*s) for s in out_specs]  # [(shape, dtype)] in the model
        self.in_specs = [storage_spec(*s) for s in in_specs]

    def __call__(self, inputs):
        if self._flat is None:
            return self._run(inputs)
        flat, model = self._flat
        outputs = self._run([a.reshape(model) if a.shape == flat else a for a in inputs])
        return [o.reshape(flat) if o.shape == model else o for o in outputs]

    def _run(self, inputs):
        if self._pairs is None:
            return self._run_bound(inputs)
        ins, outs = self._pairs
        outputs = self._run_bound([_as_float_pairs(a) if i in ins else a
                                   for i, a in enumerate(inputs)])
        return [o.view(np.complex64)[..., 0] if i in outs else o for i, o in enumerate(outputs)]

    def _run_bound(self, inputs):
        try:
            slot = self._local.slot
        except AttributeError:
            slot = self._local.slot = _Slot(self.compiled, self.in_specs, self.out_specs)
        request = slot.request
        if slot.all_small:      # small model: copy in, run, copy out
            for view, a in zip(slot.in_small, inputs):
                view[...] = a
            _bare_infer(request, {}, True, False)
            return [view.copy() for view in slot.out_small]
        in_small, in_refs = slot.in_small, slot.in_refs
        copies = []     # contiguous copies of strided inputs: alive until infer() is done
        for i, a in enumerate(inputs):
            view = in_small[i]
            if view is not None:
                view[...] = a
                continue
            ref = in_refs[i]
            if ref is not None and ref() is a:
                continue            # still bound, and alive, so its buffer is unchanged
            if not (a.flags.c_contiguous and a.flags.writeable):
                a = np.array(a, order="C")
                copies.append(a)
            request.set_input_tensor(i, ov.Tensor(a, shared_memory=True))
            in_refs[i] = weakref.ref(a)
        out_bufs = slot.out_bufs
        fresh = []
        for i, view in enumerate(slot.out_small):
            if view is not None:
                continue
            buf = out_bufs[i]
            if buf is not None and sys.getrefcount(buf) == 3 and slot.pooled:
                continue            # only the pool holds it: reuse, it is still bound
            buf = np.empty(slot.out_bound[i], self.out_specs[i][1])
            request.set_output_tensor(i, ov.Tensor(buf, shared_memory=True))
            fresh.append(buf)       # keeps it alive until infer() is done
            out_bufs[i] = buf if slot.pooled else None
        _bare_infer(request, {}, True, False)
        del copies
        if self.release:
            self.compiled.release_memory()
        outputs = []
        for i, view in enumerate(slot.out_small):
            if view is not None:
                outputs.append(view.copy())
            else:
                buf = out_bufs[i] if slot.pooled else fresh.pop(0)
                outputs.append(buf.reshape(self.out_specs[i][0]))
        if not slot.pooled:
            # No pointer to a buffer we do not hold may survive: the next call binds anew.
            for i, view in enumerate(slot.out_small):
                if view is None:
                    out_bufs[i] = None
        return outputs

