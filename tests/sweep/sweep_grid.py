"""The grid: every op of sweep_ops.py crossed with the data axes of sweep_values.py.

A full cross product would be tens of millions of cases, so the grid is a covering
design: every op meets every dtype; for each (op, dtype) every shape meets the plain
layout and every non-contiguous view meets a rotating set of shapes; every operand form
(arrays of each dtype, broadcasting, each scalar) and every axis form (each axis,
negative axes, None, tuples, an out-of-range axis) appears with every dtype; and every
value kind of the dtype runs on each of these structures (value kinds share one compiled
model, so they are nearly free). `grid()` lists structures as (op, dtype, shape, view,
arg); `cases()` adds the kinds.
"""

import itertools
import random

from sweep_check import Case
from sweep_ops import OPS
from sweep_values import DTYPES, SCALARS, SHAPES, value_kinds, views_for

PARTNERS = ["bool", "int8", "int32", "uint8", "uint16", "uint32", "float16", "float32",
            "complex64"]
CAST_TARGETS = DTYPES + ["int64", "uint64", "float64"]
# Shapes for the layout/view and operand sweeps (the other axes rotate through SHAPES).
VIEW_SHAPES = [(7,), (4, 5), (2, 5, 4), (1, 5, 6), (5, 6, 5), (5, 5, 6, 5), (2, 3, 1)]


def axis_args(shape, mode):
    """The axis arguments for `shape`: each axis, each negative axis, None, tuples and one
    out of range; "intonly" drops None, "int" drops tuples."""
    nd = len(shape)
    args = ["None"] if mode != "intonly" else []
    args += [str(a) for a in range(nd)] + [str(-a - 1) for a in range(nd)]
    if mode == "tuple" and nd >= 2:
        args += [str(t) for t in itertools.combinations(range(nd), 2)] + ["(0, -1)"]
        if nd >= 3:
            args += [str(tuple(range(nd))), "(-1, 0, 1)"]
    args.append(str(nd))        # out of range: NumPy's AxisError
    return list(dict.fromkeys(args))


def _structures(op, dtype, turn):
    """(shape, view, arg) triples of one op and dtype. `turn` rotates which shapes, axes,
    views and operand forms this (op, dtype) takes, so that across dtypes (and ops) all
    of them are met while each (op, dtype) runs about a dozen structures."""
    out = []
    view_shape = VIEW_SHAPES[turn % len(VIEW_SHAPES)]
    views = [(view_shape, view) for view in views_for(view_shape)[1:]]
    if op.kind == "axis":
        for j, shape in enumerate(SHAPES[turn % 3::3]):
            args = axis_args(shape, op.axis_mode)
            out.append((shape, "c", args[(turn + j) % len(args)]))
        for j, (shape, view) in enumerate(views):
            args = axis_args(shape, op.axis_mode)
            out.append((shape, view, args[(turn + 3 * j) % len(args)]))
        return out
    if op.kind == "unary":
        return [(shape, "c", "-") for shape in SHAPES[turn % 4::4]] + [
            (shape, view, "-") for shape, view in (views[turn % 3], views[(turn + 1) % 3])]
    if op.kind == "cast":
        for k, target in enumerate(CAST_TARGETS):
            out += [(SHAPES[(turn + k + j) % len(SHAPES)], "c", target) for j in (0, 8)]
            out.append(views[k % len(views)] + (target,))
        return out
    # binary: same-dtype arrays on a sixth of the shapes, one view, one broadcast, and
    # a sixth of the other operand forms (arrays of other dtypes, scalars)
    out += [(shape, "c", "arr") for shape in SHAPES[turn % 6::6]]
    out.append(views[turn % len(views)] + ("arr",))
    out.append((SHAPES[(turn + 5) % len(SHAPES)], "c", "bcast"))
    others = [f"arr:{p}" for p in PARTNERS if p != dtype] + list(SCALARS)
    for k, arg in enumerate(others):
        if (k + turn) % 6 == 0:
            out.append((SHAPES[(k + turn) % len(SHAPES)], "c", arg))
        elif (k + turn) % 6 == 1 and k % 2:
            out.append(views[k % len(views)] + (arg,))
    return out


def grid(ops=None, dtypes=None):
    """Structures (op name, dtype, shape, view, arg), in a fixed order."""
    ops = OPS if ops is None else {name: OPS[name] for name in ops}
    out = []
    for i, (name, op) in enumerate(ops.items()):
        for dtype in dtypes or DTYPES:
            turn = i + DTYPES.index(dtype)
            for shape, view, arg in dict.fromkeys(_structures(op, dtype, turn)):
                out.append((name, dtype, shape, view, arg))
    return out


def cases_of(structure, seeds=1):
    """The cases of a structure: each value kind of its dtype, drawn `seeds` times
    ("kind", "kind#1", ...: the draws share the structure's compiled model)."""
    name, dtype, shape, view, arg = structure
    return [Case(name, dtype, shape, view, arg, kind + (f"#{s}" if s else ""))
            for s in range(seeds) for kind in value_kinds(dtype)]


def batches(structures, size=12, seeds=1):
    """Groups of cases that run as one materialization: `size` structures, one value kind
    at a time (later kinds reuse the first kind's compiled model where the kinds of the
    structures' dtypes line up)."""
    group = []
    for s in structures:
        if len(group) == size:
            yield from _kinds(group, seeds)
            group = []
        group.append(s)
    if group:
        yield from _kinds(group, seeds)


def _kinds(group, seeds):
    per = [cases_of(s, seeds) for s in group]
    for k in range(max(len(p) for p in per)):
        yield [p[k] for p in per if k < len(p)]


def ci_slice(n, seed=12):
    """A fixed, seeded slice of the grid: `n` structures, every op at least once when `n`
    allows, else every kind of op."""
    rng = random.Random(seed)
    all_structures = grid()
    by_op = {}
    for s in all_structures:
        by_op.setdefault(s[0], []).append(s)
    if n >= len(by_op):     # every op
        chosen = {rng.choice(v) for v in by_op.values()}
    else:                   # every kind of op (unary, binary, axis, cast)
        by_kind = {}
        for s in all_structures:
            by_kind.setdefault(OPS[s[0]].kind, []).append(s)
        chosen = {rng.choice(v) for v in by_kind.values()}
    rest = [s for s in all_structures if s not in chosen]
    chosen |= set(rng.sample(rest, max(0, n - len(chosen))))
    return [s for s in all_structures if s in chosen]
