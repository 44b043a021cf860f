"""Fork safety (issue 12, item 8): a child forked while another thread is inside ovnp
(importing OpenVINO, making a Core, compiling, running) starts with a fresh runtime and
computes. Before forking.py, 5 to 7 of 12 such children hung or crashed."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A fresh process per run: the first compile (import of openvino, Core, plugin load) is
# the window that hung. The parent forks first at the moment named by argv[1] (while the
# thread imports openvino, or once the backend is imported, while it makes its Core and
# first compile), then every few milliseconds while the thread compiles new graphs; each
# child computes a new graph and exits; the parent prints how each child ended.
SCRIPT = textwrap.dedent("""
    import os, sys, threading, time
    import numpy
    import ovnp

    stop = threading.Event()

    def compiler():
        k = 0
        while not stop.is_set():
            k += 1
            x = ovnp.asarray(numpy.ones(1000 + k))
            for j in range(20):
                x = ovnp.exp(x * 0.5) + j
            x.sum().to_numpy()

    def child():
        value = float((ovnp.asarray(numpy.arange(7.0)) * 3 + 0.25).sum())
        os._exit(0 if value == 64.75 else 3)

    first = {"import": "openvino", "core": "ovnp._backend.runtime"}[sys.argv[1]]
    thread = threading.Thread(target=compiler)
    thread.start()
    results = []
    for delay in [None, 0.0, 0.02, 0.05, 0.1]:
        if delay is None:
            while first not in sys.modules:
                time.sleep(0.0002)
        else:
            time.sleep(delay)
        pid = os.fork()
        if pid == 0:
            child()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                results.append(os.waitstatus_to_exitcode(status))
                break
            time.sleep(0.005)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            results.append("hung")
    stop.set()
    thread.join()
    # the parent still computes after the forks
    print(results, float((ovnp.asarray(numpy.arange(7.0)) * 3 + 0.25).sum()))
""")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_children_forked_while_a_thread_compiles_compute():
    env = dict(os.environ, PYTHONPATH=str(ROOT), OVNP_CACHE_DIR="")
    runs = [subprocess.Popen([sys.executable, "-c", SCRIPT, moment], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for moment in ("import", "core")]
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr[-3000:]
        assert stdout.split("]")[0] + "]" == str([0] * 5), stdout + stderr[-3000:]
        assert stdout.strip().endswith("64.75"), stdout


# In a fresh interpreter, not in pytest's own process: a child forked from the test
# process after hundreds of tests (Dask clusters, BLAS and OpenVINO thread pools) hung in
# OpenVINO's compile_model, waiting on a task executor whose threads the fork did not copy
# (docs/differences.md, "Processes"); a hang there would stop the whole suite.
FRESH_LOCKS = textwrap.dedent("""
    import os
    import numpy as np
    import ovnp
    from ovnp._backend import compile as compile_
    from ovnp._backend import runtime
    float((ovnp.asarray(np.arange(5.0)) * 2).sum())
    assert ovnp.cache_info().currsize > 0
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:    # the child: report, then compute the same graph again
        try:
            fresh = (ovnp.cache_info().currsize == 0 and runtime._core is None
                     and not compile_._lock.locked())
            value = float((ovnp.asarray(np.arange(5.0)) * 2).sum())
            os.write(write, f"{fresh} {value} {ovnp.cache_info().currsize}".encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    print(os.read(read, 100).decode())
    os.close(read)
    assert ovnp.cache_info().currsize > 0 and runtime._core is not None
""")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_child_starts_with_an_empty_cache_and_fresh_locks():
    env = dict(os.environ, PYTHONPATH=str(ROOT), OVNP_CACHE_DIR="")
    run = subprocess.run([sys.executable, "-c", FRESH_LOCKS], env=env, text=True,
                         capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "True 20.0 1", run.stdout + run.stderr[-3000:]
