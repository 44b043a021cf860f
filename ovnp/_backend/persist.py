"""Compiled models kept across processes, keyed by ovnp's own structural key.

OpenVINO's CACHE_DIR hashes the model it is given; ovnp rebuilds that model in every
process, and a rebuilt model can differ (node names), so its cache saved little
(measured: the demo's first batch 130-147 ms warm against 158 ms cold; a 4,000-op
graph 19.6 s warm against 19.9 s cold). Here a model is stored under a hash of ovnp's
own key for it (the graph's ops, attributes, shapes, dtypes, the device and compile
settings) together with a digest of the backend's source files, OpenVINO's version and
every OVNP_ setting, so a blob is never used by code that would build another model.
A second process then loads it with `core.import_model`, no lowering, no compile.

File format: one header line, `ovnp-blob 1 <sha256 of the key> <json metadata>`, then
the bytes of `CompiledModel.export_model()`. A file whose header does not match (stale,
truncated, another version) is ignored and removed: the graph compiles as usual. Writes
go to a temporary file renamed into place, so a reader never sees half a blob. The folder
is bounded in bytes (OVNP_CACHE_DIR_BYTES, 1 GiB): the least recently used files
(modification time, refreshed on each load) are removed first.
"""

import hashlib
import json
import os
import struct

import numpy as np

MAGIC = b"ovnp-blob 1 "
MAX_BYTES = int(os.environ.get("OVNP_CACHE_DIR_BYTES", str(2**30)))

_digest = None


class Unsupported(Exception):
    """An attribute ovnp cannot write down exactly: that graph is not persisted."""


def _source_digest() -> str:
    global _digest
    if _digest is None:
        import openvino as ov
        h = hashlib.sha256(ov.__version__.encode())
        here = os.path.dirname(os.path.abspath(__file__))
        for name in sorted(os.listdir(here)):
            if name.endswith(".py"):
                with open(os.path.join(here, name), "rb") as f:
                    h.update(name.encode() + f.read())
        for name in sorted(os.environ):
            if name.startswith("OVNP_"):
                h.update(f"{name}={os.environ[name]}".encode())
        _digest = h.hexdigest()
    return _digest


def _canon(v, out):
    t = type(v)
    if v is None or t is bool or t is int or t is str:
        out.append(repr(v))
    elif t is float:
        out.append("f" + struct.pack("<d", v).hex())     # exact bits: -0.0, NaN signs
    elif t is complex:
        out.append("c" + struct.pack("<dd", v.real, v.imag).hex())
    elif t is tuple or t is list:
        out.append("(" if t is tuple else "[")
        for item in v:
            _canon(item, out)
            out.append(",")
        out.append(")")
    elif isinstance(v, np.dtype):
        out.append("d" + v.str)
    elif isinstance(v, np.generic):
        out.append("g" + v.dtype.str + v.tobytes().hex())
    elif isinstance(v, np.ndarray):
        a = np.ascontiguousarray(v)
        out.append(f"a{a.dtype.str}{a.shape}" + hashlib.sha256(a.tobytes()).hexdigest())
    elif t is slice:
        out.append("s")
        _canon((v.start, v.stop, v.step), out)
    elif v is Ellipsis:
        out.append("...")
    elif t is bytes:
        out.append("b" + v.hex())
    else:
        raise Unsupported(t.__name__)


def key_text(device, order, params, roots, settings):
    """ovnp's key for one model, as text; None if some attribute cannot be written exactly."""
    position = {id(p): -1 - k for k, p in enumerate(params)}
    out = [device, "|"]
    try:
        _canon(settings, out)
        for k, (node, inputs) in enumerate(order):
            position[id(node)] = k
            _canon((node.op, node.attrs, tuple(position[id(i)] for i in inputs), node.shape,
                    node.dtype, node.wide), out)
        _canon(tuple((p.shape, p.dtype) for p in params), out)
        _canon(tuple(position[id(r)] for r in roots), out)
    except (Unsupported, KeyError):
        return None
    out.append(_source_digest())
    return "".join(out)


def _path(folder, text):
    name = hashlib.sha256(text.encode()).hexdigest()
    return os.path.join(folder, name + ".blob"), name


def load(folder, text):
    """(metadata, blob bytes) stored for `text`, or None."""
    path, name = _path(folder, text)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    header, _, blob = data.partition(b"\n")
    try:
        if not header.startswith(MAGIC):
            raise ValueError("no magic")
        stored, _, meta = header[len(MAGIC):].partition(b" ")
        if stored.decode() != name or not blob:
            raise ValueError("another key")
        meta = json.loads(meta)
    except ValueError:
        _remove(path)
        return None
    try:
        os.utime(path)      # least recently used goes first
    except OSError:
        pass
    return meta, blob


def save(folder, text, meta, blob: bytes) -> None:
    path, name = _path(folder, text)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(MAGIC + name.encode() + b" " + json.dumps(meta).encode() + b"\n")
            f.write(blob)
        os.replace(tmp, path)
    except Exception:   # an unwritable folder (OSError) only costs compile time
        _remove(tmp)
        return
    prune(folder, MAX_BYTES)


def prune(folder, max_bytes) -> None:
    """Remove the least recently used blobs until the folder holds at most max_bytes."""
    try:
        entries = []
        for entry in os.scandir(folder):
            if entry.name.endswith(".blob"):
                st = entry.stat()
                entries.append((st.st_mtime, st.st_size, entry.path))
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        _remove(path)
        total -= size


def _remove(path):
    try:
        os.remove(path)
    except OSError:
        pass
