"""Seeing and shipping the graph: explain(), visualize(), export()."""

import collections
import inspect
import os
import re
import shutil
import subprocess
import warnings


from . import _backend, _eager, _engine, _ir
from ._array import ndarray
from ._nodes import asarray

__all__ = ["explain", "visualize", "export", "GraphvizMissingWarning"]


class GraphvizMissingWarning(UserWarning):
    """visualize() wrote DOT text because graphviz's `dot` program is not installed."""


def _roots(arrays):
    return [a._node if isinstance(a, ndarray) else a for a in arrays]


def _describe(arrays):
    """Lines describing the pending graph of `arrays`, and whether it is compiled."""
    roots = [n for n in _roots(arrays) if n.value is None]
    if not roots:
        return ["nothing pending: every array already has its value", "  " + _executor_line()]
    order, key, params, _ = _engine.walk_key(roots, limit=None)
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
    lines.append(f"  executor: OpenVINO on {roots[0].device} (a pending graph); " + _executor_line())
    return lines


def _executor_line():
    """Which executors run what (docs/performance.md, "Executors")."""
    if _eager.MODE == "openvino":
        return "OVNP_EXECUTOR=openvino: every operation is recorded for OpenVINO"
    return (f"OVNP_EXECUTOR=auto: operations on computed CPU arrays of at most "
            f"{_eager.MAX_ELEMENTS} elements run at once with NumPy "
            f"({_eager.counts['eager_ops']} so far), the rest on OpenVINO")


# Graphs with more ops than this are summarized unless explain(..., full=True).
SUMMARY_ABOVE = 40


def _summary(lines):
    """The first line, then counts: ops by kind (most frequent first), inputs, outputs."""
    ops = collections.Counter(re.findall(r"^  %\d+ = (\w+)\(", "\n".join(lines), re.M))
    inputs = [line for line in lines if line.startswith("  in")]
    kinds = ", ".join(f"{op} x{n}" for op, n in ops.most_common())
    shown = inputs[:3] + ([f"  ... {len(inputs) - 3} more inputs"] if len(inputs) > 3 else [])
    return [lines[0], f"  ops by kind: {kinds}", *shown, *lines[-2:],
            f"  ({sum(ops.values())} ops: explain(..., full=True) lists each one)"]


def explain(*arrays, file=None, full=None):
    """Print the pending graph behind `arrays`: ops, shapes, dtypes, device, cache state.

    A graph of more than SUMMARY_ABOVE ops is summarized (ops counted by kind) unless
    `full=True`. Prints once and returns None (so the REPL does not echo it); pass a
    `file` (io.StringIO()) to keep the text.
    """
    lines = _describe(arrays)
    pending_ops = sum(1 for line in lines if line.startswith("  %"))
    if full is False or (full is None and pending_ops > SUMMARY_ABOVE):
        lines = _summary(lines)
    print("\n".join(lines), file=file)


def _label(node):
    """A DOT label: the op with its attributes (axes, constants' values), shape, dtype."""
    attrs = node.attrs
    if node.op == "const":
        text = f"const {attrs[0]!r}"
    else:
        text = node.op + (f" {attrs!r}" if attrs else "")
    if len(text) > 48:
        text = text[:45] + "..."
    return (f"{text}\\n{node.shape} {node.dtype}").replace('"', '\\"')


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
        lines.append(f'  {ids[id(node)]} [label="{_label(node)}"];')
        lines.extend(f"  {ids[id(i)]} -> {ids[id(node)]};" for i in inputs)
    lines.append("}")
    return "\n".join(lines)


def visualize(x, path):
    """Write a picture of x's pending graph: SVG, PNG or PDF through graphviz's `dot`
    when the path asks for one, the DOT text for a .dot path. Without graphviz, a picture
    cannot be drawn: the DOT text goes next to it (path with .dot) and a
    GraphvizMissingWarning says so. Nodes show their op with its attributes (axes,
    constants' values), shape and dtype. Returns the path written."""
    arrays = x if isinstance(x, (list, tuple)) else [x]
    dot = _dot(arrays)
    root, ext = os.path.splitext(os.fspath(path))
    fmt = ext.lstrip(".").lower()
    if fmt in ("svg", "png", "pdf") and shutil.which("dot"):
        subprocess.run(["dot", f"-T{fmt}", "-o", os.fspath(path)], input=dot, text=True, check=True)
        return os.fspath(path)
    target = os.fspath(path) if fmt == "dot" else root + ".dot"
    if fmt != "dot":
        warnings.warn(f"graphviz's `dot` program was not found, so {os.fspath(path)!r} "
                      f"cannot be drawn; wrote the graph as DOT text to {target!r} "
                      "(install graphviz, or open it with any DOT viewer)",
                      GraphvizMissingWarning, stacklevel=2)
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
    with _eager.disabled():     # the model is the graph: nothing computed at once
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
