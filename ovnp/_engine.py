"""Materialization: walk the pending graph, cut it into segments, key it, run it.

No OpenVINO here: the backend receives a walked graph and its canonical key, and on a
cache miss lowers and compiles it. Everything is iterative (no recursion over graphs).

Three paths, chosen per materialization:
- host: nodes whose op has a NumPy implementation in HOST_OPS (views, constants) are
  evaluated with NumPy once their inputs have values, so reading a slice of a computed
  array costs microseconds and never compiles (invariant 7);
- segmented: a pending graph deeper than SEGMENT_DEPTH is materialized at every
  SEGMENT_DEPTH-th level first, so a long loop compiles one segment and reuses it;
- device: the rest becomes one OpenVINO model per device, looked up by its key.
"""

import os as _os
import sys as _sys
import threading
from collections import defaultdict

import numpy as _np

from . import _backend
from ._backend import compile as _compile

# A period with many divisors, so that a loop body of 1..6, 8, 10, 12 ops cuts at the
# same phase every time and all segments share one compiled model.
SEGMENT_DEPTH = 120

# op name -> fn(node, *input_values) -> numpy array. Cheap ops belong here (views,
# constants): the host path is for reading, not for computing. The exceptions, in
# HOST_COSTLY, are ops the host does faster when they are what is read (a lone float32
# matmul: NumPy's BLAS); inside a graph they run on the device, and a pending one that
# is also held elsewhere becomes an extra output there rather than computed twice.
HOST_OPS = {
    "const": lambda node: _np.asarray(node.attrs[0], dtype=node.dtype),
}
HOST_COSTLY = set()


class _Recording(threading.local):
    stages = None   # a list while ovnp.jit records the device runs of a trace


_recording = _Recording()

_stats_lock = threading.Lock()


def _fresh_stats_lock():
    """In a forked child: another thread of the parent may have held the lock."""
    global _stats_lock
    _stats_lock = threading.Lock()


if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_fresh_stats_lock)
stats = {"device_runs": 0, "host_evals": 0, "segments": 0}


def walk(roots):
    """Pending nodes reachable from roots, inputs before users: [(node, inputs)].
    walk_key's order, for callers that need no key."""
    return walk_key(roots, limit=None)[0]


def materialize(nodes) -> None:
    """Give every node in `nodes` a value, compiling as little as possible."""
    if len(nodes) == 1:
        # The common case (one array read): no host region to split off, one device.
        root = nodes[0]
        if root.value is not None:
            return
        if root.op not in HOST_OPS:
            _run_segmented([root])
            return
    roots = _unique(n for n in nodes if n.value is None)
    if not roots:
        return
    host_region, device_roots = _split_host_region(roots)
    by_device = defaultdict(list)
    for n in device_roots:
        by_device[n.device].append(n)
    for device_nodes in by_device.values():
        _run_segmented(device_nodes)
    for node, inputs in host_region:
        if 0 in node.shape:  # empty: nothing to compute (and OpenVINO traps on empties)
            node.set_value(_np.zeros(node.shape, node.dtype))
            continue
        node.set_value(HOST_OPS[node.op](node, *(i.value for i in inputs)))
    if host_region:
        with _stats_lock:
            stats["host_evals"] += len(host_region)


def _unique(nodes):
    seen, out = set(), []
    for n in nodes:
        if id(n) not in seen:
            seen.add(id(n))
            out.append(n)
    return out


def _split_host_region(roots):
    """The pending nodes above the first non-host ops, and those first non-host ops."""
    region, boundary, seen = [], [], set()
    stack = [(r, None) for r in roots]
    while stack:
        node, inputs = stack.pop()
        if inputs is not None:
            region.append((node, inputs))
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        inputs = node.inputs
        if node.value is not None:
            continue
        if 0 in node.shape:
            region.append((node, ()))
            continue
        if node.op not in HOST_OPS:
            boundary.append(node)
            continue
        stack.append((node, inputs))
        stack.extend((i, None) for i in reversed(inputs) if i.value is None)
    return region, boundary


def walk_key(roots, limit=SEGMENT_DEPTH):
    """The one graph walk: (order, key, params, uses) for the pending graph of roots.

    order lists the pending nodes reachable from roots, inputs before users:
    [(node, inputs)]; a node with a value is a leaf and is not listed (`inputs` is read
    before `value`, which set_value writes in the other order, so a concurrent
    materialization is safe). key is the canonical key: structure, shapes, dtypes (with
    the int64 origin, `Node.wide`) and device, never the data's values. params are the valued leaves, numbered in first-use
    order; uses[k] counts order[k]'s appearances as an input.

    With a `limit` (the default, SEGMENT_DEPTH) this is the short-graph path: it gives up
    (returns None) as soon as the graph has `limit` pending nodes with inputs (so it may
    need segments; constants do not count) or an empty node (filled on the host), and
    the caller walks again with limit=None, which always answers.

    Nodes are their own dict keys (identity hash, no __eq__), so no id() calls; one
    dict marks the expanded nodes (None), then holds their positions (>= 0) and the
    Parameters' numbers (< 0). The stack holds nodes to expand and (node, inputs)
    tuples to emit, whose pending inputs are all emitted by then (a DAG).
    """
    order, entries, params, uses = [], [], [], []
    position = {}
    inner = 0
    get = position.get
    stack = list(roots)
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        if type(item) is tuple:
            node, inputs = item
            refs = []
            for i in inputs:
                p = get(i)
                if p is None:   # a valued leaf: the next Parameter, numbered from -1 down
                    p = position[i] = -1 - len(params)
                    params.append(i)
                elif p >= 0:
                    uses[p] += 1
                refs.append(p)
            shape = node.shape
            if limit is not None and 0 in shape:
                return None
            position[node] = len(order)
            order.append(item)
            uses.append(0)
            # node.wide: the same graph over int64-origin values checks for overflow
            entries.append((node.op, node.attrs, tuple(refs), shape, node.dtype, node.wide))
            continue
        if item in position:
            continue
        inputs = item.inputs    # inputs before value: see walk()
        if item.value is not None:
            continue
        position[item] = None
        if inputs and limit is not None:
            # depth <= 1 + nodes with inputs (leaves such as constants add 1 at most)
            inner += 1
            if inner >= limit:
                return None
        push((item, inputs))
        for i in reversed(inputs):
            if i.value is None and i not in position:
                push(i)
    signature = tuple([(p.shape, p.dtype) for p in params])
    outputs = tuple([position[r] for r in roots])
    device = roots[0].device if roots else None     # walk([]) is []
    return order, (device, tuple(entries), outputs, signature), params, uses


def _run_segmented(roots):
    walked = walk_key(roots)
    if walked is None:          # long or holding an empty node: the unbounded walk
        walked = walk_key(roots, limit=None)
        levels = _segment_levels(walked[0], roots)
        if levels:
            del walked          # its order holds nodes that the segments compute
            for level in levels:
                _run(level)
                with _stats_lock:
                    stats["segments"] += 1
            walked = walk_key(roots, limit=None)
    _run(roots, walked)


def _segment_levels(order, roots):
    """The nodes at every SEGMENT_DEPTH-th level below the roots, level by level, or []
    when the graph is not that deep. A function of its own, so no loop variable keeps a
    node alive for _held_elsewhere to see."""
    # A graph's depth is at most its node count, so short graphs skip the depth pass.
    if len(order) <= SEGMENT_DEPTH:
        return []
    depth = _depths(order)
    if max(depth[id(r)] for r in roots) <= SEGMENT_DEPTH:
        return []
    root_ids = {id(r) for r in roots}
    levels = defaultdict(list)
    for node, _ in order:
        d = depth[id(node)]
        if d % SEGMENT_DEPTH == 0 and id(node) not in root_ids:
            levels[d].append(node)
    return [levels[d] for d in sorted(levels)]


def _depths(order):
    """id(node) -> longest path from a leaf. A function of its own: loop variables left
    in the caller's frame would hold nodes and make _held_elsewhere see them as shared
    (W7's last abs became an extra output and split its fused kernel in two)."""
    depth = {}
    get = depth.get
    for node, inputs in order:
        d = 0
        for i in inputs:
            di = get(id(i), 0)
            if di > d:
                d = di
        depth[id(node)] = d + 1
    return depth


def _held_elsewhere(order, roots, uses):
    """Pending nodes of this graph that something outside it also references.

    NumPy code often reads several results of one pipeline in turn (`float(m)`, then
    `int(n)`, then an array); each read would recompute the shared part. A node whose
    reference count exceeds its uses in this graph (`uses[k]` for order[k], as walk_key
    counts them) is held by another pending graph or by a live array, so it is computed
    now as an extra output, and later reads reuse it. The same code holds the same
    references, so the compile key stays stable.
    """
    getrefcount = _sys.getrefcount
    shared = []
    for k, (node, _) in enumerate(order):
        # References we account for: each user's inputs tuple, the `order` entry,
        # the loop variable and getrefcount's argument.
        if (getrefcount(node) > uses[k] + 3
                and (node.op not in HOST_OPS or node.op in HOST_COSTLY)
                and not any(node is r for r in roots)):
            shared.append(node)
    return shared


def _run(roots, walked=None):
    """Run the pending graph of roots (`walked`: its walk_key, if the caller has it)."""
    if walked is None:
        walked = walk_key(roots, limit=None)
    if _fill_empties(walked[0]):
        roots = [r for r in roots if r.value is None]
        if not roots:
            return
        walked = walk_key(roots, limit=None)
    order, key, params, uses = walked
    del walked
    shared = _held_elsewhere(order, roots, uses)
    if shared:
        position = {id(node): k for k, (node, _) in enumerate(order)}
        key = key[:2] + (key[2] + tuple(position[id(n)] for n in shared),) + key[3:]
        roots = roots + shared
    _run_keyed(roots, order, key, params)


def _fill_empties(order):
    """Give the empty nodes of `order` their value on the host: an empty array's value is
    its shape alone, and OpenVINO traps on empty tensors (SIGFPE in Broadcast/Gather,
    segfaults in fused chains). Whether there were any."""
    empties = [node for node, _ in order if 0 in node.shape]
    for node in empties:
        node.set_value(_np.zeros(node.shape, node.dtype))
    return bool(empties)


def _run_keyed(roots, order, key, params):
    executable = _compile.executable(key, order, params, roots)
    values = executable([p.value for p in params])
    recorder = _recording.stages
    if recorder is not None:        # ovnp.jit is tracing: remember how to replay this run
        recorder.append((executable, params, roots))
    for node, value in zip(roots, values):
        node.set_value(value)
    with _stats_lock:
        stats["device_runs"] += 1
