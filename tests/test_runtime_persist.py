"""Warm start across processes (issue 13): compiled models are stored under ovnp's own
key and imported by the next process; stale or corrupt files are compiled over; guarded
models (fast kernel and accurate twin) persist too; the folder is bounded in bytes."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np

from ovnp._backend import persist

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import numpy as np
    import ovnp
    from ovnp._backend import compile as compile_
    x = np.linspace(-3, 3, 5000, dtype=np.float32)
    x[7] = 3e7          # sin's guard fires: the accurate twin runs
    a = ovnp.asarray(x)
    got = (ovnp.sin(a) * 2 + ovnp.exp(a * -0.5)).to_numpy()
    with np.errstate(all="ignore"):
        want = np.sin(x) * np.float32(2) + np.exp(x * np.float32(-0.5))
    ok = np.allclose(got, want, rtol=1e-5, atol=1e-5, equal_nan=True)
    s = float(ovnp.copysign(np.float32(1), ovnp.asarray(np.ones(10, np.float32)) * -0.0)[3])
    print(ok, compile_.persisted_loads, ovnp.cache_info().misses, s)
""")


def _run(folder):
    env = dict(os.environ, PYTHONPATH=str(ROOT), OVNP_CACHE_DIR=str(folder))
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.split()


def test_a_second_process_imports_what_the_first_compiled(tmp_path):
    ok, loads, misses, zero = _run(tmp_path)
    assert (ok, loads, zero) == ("True", "0", "-1.0")
    blobs = sorted(tmp_path.glob("*.blob"))
    assert len(blobs) >= 3      # fast and accurate sin models, the -0.0 product
    ok, loads, misses2, zero = _run(tmp_path)
    assert (ok, zero) == ("True", "-1.0")
    assert int(loads) == int(misses2) == int(misses) >= 3   # every model imported
    # corrupt files are compiled over (and replaced), with the same answers
    for k, blob in enumerate(blobs):
        data = blob.read_bytes()
        blob.write_bytes(b"garbage" if k % 2 else data[:len(data) // 2])
    ok, loads, _, zero = _run(tmp_path)
    assert (ok, zero) == ("True", "-1.0") and int(loads) < int(misses)
    ok, loads, _, _ = _run(tmp_path)
    assert ok == "True" and int(loads) == int(misses)


def test_key_text_tells_constants_apart_exactly():
    class Leaf:
        def __init__(self, shape, dtype):
            self.shape, self.dtype = shape, np.dtype(dtype)

    class Node(Leaf):
        def __init__(self, op, attrs, inputs):
            super().__init__((3,), "float32")
            self.op, self.attrs, self.inputs = op, attrs, inputs
            self.wide = False

    p = Leaf((3,), "float32")

    def text(attrs):
        node = Node("multiply_const", attrs, (p,))
        return persist.key_text("CPU", [(node, (p,))], [p], [node], (None, True))

    texts = {text((0.0,)), text((-0.0,)), text((float("nan"),)), text((np.float32(0),)),
             text((np.arange(2000),)), text((np.arange(2000) + (np.arange(2000) == 999),))}
    assert len(texts) == 6 and None not in texts
    assert text((object(),)) is None       # not written down exactly: not persisted


def test_the_folder_is_bounded_oldest_first(tmp_path):
    for k in range(5):
        path = tmp_path / f"{k}.blob"
        path.write_bytes(b"x" * 1000)
        os.utime(path, (1000 + k, 1000 + k))
    persist.prune(str(tmp_path), 2500)
    assert sorted(p.name for p in tmp_path.glob("*.blob")) == ["3.blob", "4.blob"]


def test_openvino_is_imported_without_its_converter_which_stays_available():
    code = ("import sys, numpy, ovnp\n"
            "ovnp.asarray(numpy.ones(3)).sum().to_numpy()\n"
            "tele = [m for m in sys.modules if 'telemetry' in m or m.endswith('.ovc')]\n"
            "import openvino\n"
            "print(tele, callable(openvino.convert_model))")
    env = dict(os.environ, PYTHONPATH=str(ROOT), OVNP_CACHE_DIR="", OVNP_EXECUTOR="openvino")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.stdout.split() == ["[]", "True"], out.stdout + out.stderr[-2000:]
