"""Cutting one graph into stages that run one after another (no OpenVINO here).

Why (measured, OpenVINO 2026.4 CPU plugin, 2 busy cores):
- An output that other nodes of the same model also read is computed into the plugin's
  own memory and copied to the output tensor at the end. That memory belongs to the
  compiled model: it stays allocated (a full copy of the output) until the model is
  destroyed, and the copy costs time. `y = x * 2 + 1` held by the user, then
  `float(y[::2**20].sum())`: on 2e8 values, 800 MB stayed resident after `del x, y`
  until cache_clear(); y and its sum as one model took 139-207 ms on 2e7 values, as two
  models (y alone, then the sum reading y) 87-96 ms. Below about 1 MB the one model
  is faster (one run instead of two), so only large outputs are cut out.
- Compile time grows faster than the graph (600 ops 0.3 s, 2,400 ops 4.5 s, 4,000
  ops 20 s): a graph of more than MAX_STAGE_OPS ops is cut into stages of at most that
  many ops, in topological order, each stage's values that later stages read becoming
  its outputs.

A stage is (order, inputs, roots): `inputs` name where each Parameter's value comes from,
("in", k) for the graph's k-th input or ("out", s, j) for output j of stage s; the last
stage's roots are followed by nothing, and the whole graph's outputs are named the same
way. Results do not change: each stage computes what the one model computed, and the
values passed between stages are the ones a user would see materialized.
"""

import os

# An output read by other nodes of its model is cut out when it has at least this many bytes.
SPLIT_BYTES = int(os.environ.get("OVNP_SPLIT_BYTES", str(2**20)))
# At most this many ops per compiled model (compile time; see docs/performance.md).
MAX_STAGE_OPS = int(os.environ.get("OVNP_MAX_STAGE_OPS", "250"))


def _nbytes(node) -> int:
    n = node.dtype.itemsize
    for d in node.shape:
        n *= d
    return n


def plan(order, params, roots):
    """None when the graph runs as one model; else (stages, outputs) as described above."""
    consumed = _large_consumed_roots(order, roots)
    if not consumed and len(order) <= MAX_STAGE_OPS:
        return None
    groups = []
    if consumed:
        first = _ancestors(order, consumed)
        groups.append([item for item in order if id(item[0]) in first])
        rest = [item for item in order if id(item[0]) not in first]
    else:
        rest = order
    for start in range(0, len(rest), MAX_STAGE_OPS):
        groups.append(rest[start:start + MAX_STAGE_OPS])
    groups = [g for g in groups if g]
    if len(groups) < 2:
        return None
    return _stages(groups, params, roots)


def _large_consumed_roots(order, roots):
    root_ids = {id(r): r for r in roots}
    consumed = {}
    for _, inputs in order:
        for i in inputs:
            r = root_ids.get(id(i))
            if r is not None and _nbytes(r) >= SPLIT_BYTES:
                consumed[id(r)] = r
    return list(consumed.values())


def _ancestors(order, nodes):
    """ids of `nodes` and of every pending node they read (order: inputs before users)."""
    need = {id(n) for n in nodes}
    for node, inputs in reversed(order):
        if id(node) in need:
            need.update(id(i) for i in inputs)
    return need


def _stages(groups, params, roots):
    where = {id(p): ("in", k) for k, p in enumerate(params)}   # value -> its source
    stage_of = {}
    for s, group in enumerate(groups):
        for node, _ in group:
            stage_of[id(node)] = s
    # What each stage must output: the graph's roots it computes, and the nodes that a
    # later stage reads.
    outputs = [[] for _ in groups]
    listed = set()

    def export(node):
        if id(node) not in listed:
            listed.add(id(node))
            outputs[stage_of[id(node)]].append(node)

    for s, group in enumerate(groups):
        for _, inputs in group:
            for i in inputs:
                t = stage_of.get(id(i))
                if t is not None and t != s:
                    export(i)
    for r in roots:
        export(r)
    stages = []
    for s, group in enumerate(groups):
        inside = {id(node) for node, _ in group}
        inputs, seen = [], set()
        for _, node_inputs in group:
            for i in node_inputs:
                if id(i) not in inside and id(i) not in seen:
                    seen.add(id(i))
                    inputs.append(i)
        sources = [where[id(i)] for i in inputs]
        stages.append((group, inputs, sources, outputs[s]))
        for j, node in enumerate(outputs[s]):
            where[id(node)] = ("out", s, j)
    return stages, [where[id(r)] for r in roots]
