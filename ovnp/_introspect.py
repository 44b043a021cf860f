"""Seeing and shipping the graph: explain(), visualize(), export()."""

import inspect
import os
import shutil
import subprocess


from . import _backend, _engine, _ir
from ._array import ndarray
from ._nodes import asarray

__all__ = ["explain", "visualize", "export"]


def _roots(arrays):
    return [a._node if isinstance(a, ndarray) else a for a in arrays]


def _describe(arrays):
    """Lines describing the pending graph of `arrays`, and whether it is compiled."""
    roots = [n for n in _roots(arrays) if n.value is None]
    if not roots:
        return ["nothing pending: every array already has its value"]
    order = _engine.walk(roots)
    key, params = _engine.graph_key(order, roots)
    names = {}
    lines = [f"device {roots[0].device}; {len(order)} pending ops, {len(params)} inputs; "
             f"compiled model {'cached' if _backend.is_cached(key) else 'not cached'}"]
    for k, p in enumerate(params):
        names[id(p)] = f"in{k}"
        lines.append(f"  in{k} = input {p.shape} {p.dtype}")
    for k, (node, inputs) in enumerate(order):
        names[id(node)] = f"%{k}"
        args = ", ".join(names[id(i)] for i in inputs)
        attrs = f" {node.attrs}" if node.attrs else ""
        lines.append(f"  %{k} = {node.op}({args}){attrs} -> {node.shape} {node.dtype}")
    lines.append("  outputs: " + ", ".join(names[id(r)] for r in roots))
    return lines


def explain(*arrays, file=None):
    """Print the pending graph behind `arrays`: ops, shapes, dtypes, device, cache state."""
    text = "\n".join(_describe(arrays))
    print(text, file=file)
    return text


def _dot(arrays):
    roots = [n for n in _roots(arrays) if n.value is None]
    order = _engine.walk(roots)
    lines = ["digraph ovnp {", "  rankdir=TB; node [shape=box, fontname=monospace];"]
    ids = {}
    for node, inputs in order:
        for i in inputs:
            if id(i) not in ids:
                ids[id(i)] = f"n{len(ids)}"
                lines.append(f'  {ids[id(i)]} [label="input\\n{i.shape} {i.dtype}", shape=ellipse];')
        ids[id(node)] = f"n{len(ids)}"
        lines.append(f'  {ids[id(node)]} [label="{node.op}\\n{node.shape} {node.dtype}"];')
        lines.extend(f"  {ids[id(i)]} -> {ids[id(node)]};" for i in inputs)
    lines.append("}")
    return "\n".join(lines)


def visualize(x, path):
    """Write a picture of x's pending graph: SVG or PNG through graphviz's `dot` when it
    is installed and the path asks for it, the DOT text otherwise. Returns the path written."""
    arrays = x if isinstance(x, (list, tuple)) else [x]
    dot = _dot(arrays)
    root, ext = os.path.splitext(os.fspath(path))
    fmt = ext.lstrip(".").lower()
    if fmt in ("svg", "png", "pdf") and shutil.which("dot"):
        subprocess.run(["dot", f"-T{fmt}", "-o", os.fspath(path)], input=dot, text=True, check=True)
        return os.fspath(path)
    target = os.fspath(path) if fmt == "dot" else root + ".dot"
    with open(target, "w") as f:
        f.write(dot + "\n")
    return target


def export(fn, *example_args, path, input_names=None, dynamic_axes=None):
    """Trace `fn` on example arrays and write it as an OpenVINO IR model (.xml + .bin).

    Each example argument becomes a named model input (`input_names`, or fn's parameter
    names); `dynamic_axes={arg_index: [axis, ...]}` makes those dimensions dynamic.
    Arrays `fn` closes over become constants of the model. Returns the .xml path.
    """
    fn = getattr(fn, "__wrapped__", fn)  # export the traced function of an ovnp.jit
    inputs = [asarray(a) for a in example_args]
    leaves = [ndarray._wrap(_ir.data(a._value(), a.device)) for a in inputs]
    result = fn(*leaves)
    outputs = list(result) if isinstance(result, (tuple, list)) else [result]
    if not all(isinstance(o, ndarray) for o in outputs):
        raise TypeError("export: fn must return ovnp arrays")
    if input_names is None:
        try:
            params = list(inspect.signature(fn).parameters)
        except (TypeError, ValueError):
            params = []
        input_names = params[:len(inputs)] if len(params) >= len(inputs) else [
            f"input{k}" for k in range(len(inputs))]
    roots = [o._node for o in outputs]
    pending = [r for r in roots if r.value is None]
    order = _engine.walk(pending)
    xml = os.fspath(path)
    if not xml.endswith(".xml"):
        xml += ".xml"
    _backend.export_model(order, [l._node for l in leaves], roots, xml, list(input_names),
                          dynamic_axes or {})
    return xml
