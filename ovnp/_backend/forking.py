"""Fork safety: a child process starts with a fresh runtime and can compute.

A child has only the thread that called fork(). A lock another thread held at that
moment stays locked in the child forever, and so does Python's lock on a module that
another thread was importing; OpenVINO's own state is copied in whatever middle it was
in. Measured before this module: a fork while a thread made its first compile hung or
killed the child in 7 of 12 tries (waiting on the import lock of ovnp._backend.lower,
or in compile_model on a Core whose CPU plugin was being loaded).

So fork() waits (in an os.register_at_fork "before" handler) until no OpenVINO compile
or Core creation is in progress, and holds new ones back until it is done; each module
that has locks registers hooks that take them before the fork and, in the child, replace
them and drop what the parent had compiled (a fresh Core is made on first need).

Two traps: `import openvino` sends telemetry from a thread pool that forks a process
(openvino_telemetry, multiprocessing's fork), so these handlers also run in forks that
ovnp did not ask for, from threads other than the main one; and a handler registered
while a fork is between its "before" and "after" phases gets only the "after" call
(CPython's concurrent.futures trips on that). Hooks added here are called in "after"
only if their "before" ran.
"""

import logging  # noqa: F401  (registers its fork handler before ours: see register_first)
import os
import threading

# How long a fork waits for a compile in progress before it goes ahead anyway (the
# child may then hang; the parent never deadlocks on a compile that waits for the fork).
WAIT_SECONDS = 60.0

_cond = threading.Condition(threading.Lock())
_busy = 0           # OpenVINO compiles (and Core creations) in progress
_forking = False    # a fork is under way: new compiles wait for it
# Held while a thread imports the backend's OpenVINO side (compile.load_backend).
import_lock = threading.Lock()
_hooks = []         # (before, after_in_parent, after_in_child), in registration order


class busy:
    """Context manager around an OpenVINO call that a fork must not split (compiles)."""

    __slots__ = ()

    def __enter__(self):
        global _busy
        with _cond:
            if _forking:
                _cond.wait_for(lambda: not _forking, WAIT_SECONDS)
            _busy += 1

    def __exit__(self, *exc):
        global _busy
        with _cond:
            _busy -= 1
            if not _busy:
                _cond.notify_all()


def add_hooks(before, after_in_parent, after_in_child) -> None:
    _hooks.append((before, after_in_parent, after_in_child))


# Two threads may fork at once (one of them openvino's telemetry): each keeps its own
# state, by thread id, from its "before" to its "after" calls.
_forks = {}


def _before():
    global _forking
    # First the import of the backend in progress (it adds hooks: runtime.py's).
    imported = import_lock.acquire(timeout=WAIT_SECONDS)
    held = _cond.acquire(timeout=WAIT_SECONDS)
    if held:
        _forking = True
        # wait_for releases _cond while it waits, so the compiles in progress can finish;
        # new ones see _forking and wait.
        _cond.wait_for(lambda: not _busy, WAIT_SECONDS)
    ran = list(_hooks)
    _forks[threading.get_ident()] = held, ran, imported
    for before, _, _ in reversed(ran):
        before()


def _after_in_parent():
    global _forking
    held, ran, imported = _forks.pop(threading.get_ident())
    for _, after, _ in ran:
        after()
    if held:
        _forking = False
        _cond.notify_all()
        _cond.release()
    if imported:
        import_lock.release()


def _after_in_child():
    global _cond, _busy, _forking, _forks, import_lock
    _, ran, _ = _forks.pop(threading.get_ident())
    for _, _, after in ran:
        after()
    _forks = {}
    import_lock = threading.Lock()
    _cond = threading.Condition(threading.Lock())
    _busy = 0
    _forking = False


_generation = 0


def register_first() -> None:
    """Make ours the first "before" handler a fork runs (CPython runs them newest
    first), so that while it waits, no other handler holds a lock (logging's,
    concurrent.futures') that the thread it waits for needs. Older registrations of
    ours turn into no-ops; a registration's "after" acts only if its "before" did.
    """
    global _generation
    if not hasattr(os, "register_at_fork"):
        return
    _generation += 1
    mine = _generation
    acted = set()   # the threads whose fork this registration's "before" acted for

    def before():
        if mine == _generation:
            acted.add(threading.get_ident())
            _before()

    def after_in_parent():
        if threading.get_ident() in acted:
            acted.discard(threading.get_ident())
            _after_in_parent()

    def after_in_child():
        if threading.get_ident() in acted:
            acted.clear()
            _after_in_child()

    os.register_at_fork(before=before, after_in_parent=after_in_parent,
                        after_in_child=after_in_child)


register_first()
