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


def _structures(op, dtype):
    """(shape, view, arg) triples of one op and dtype."""
    out = []
    turn = DTYPES.index(dtype)
    if op.kind == "axis":
        for shape in SHAPES:        # a quarter of the axis forms per dtype, all across dtypes
            args = axis_args(shape, op.axis_mode)
            out += [(shape, "c", arg) for k, arg in enumerate(args) if k % 4 == turn % 4]
        for k, shape in enumerate(VIEW_SHAPES):
            for view in views_for(shape)[1:]:
                args = axis_args(shape, op.axis_mode)
                out.append((shape, view, args[k % len(args)]))
                out.append((shape, view, args[-2]))
        return out
    if op.kind == "unary" or op.kind == "cast":
        args = CAST_TARGETS if op.kind == "cast" else ["-"]
        for k, arg in enumerate(args):
            for shape in (SHAPES if arg in ("-", dtype, "int32", "float32") else
                          SHAPES[k % 4::4]):
                out.append((shape, "c", arg))
            for shape in VIEW_SHAPES[k % 2::2]:
                out += [(shape, view, arg) for view in views_for(shape)[1:]]
        return out
    # binary: same-dtype arrays over all shapes and views, other dtypes and scalars rotating
    for k, shape in enumerate(SHAPES):
        out.append((shape, "c", "arr"))
        if k % 2 == turn % 2:
            out.append((shape, "c", "bcast"))
    for shape in VIEW_SHAPES:
        out += [(shape, view, "arr") for view in views_for(shape)[1:]]
    others = [f"arr:{p}" for p in PARTNERS if p != dtype] + list(SCALARS)
    for k, arg in enumerate(others):
        if (k + turn) % 2:
            out.append((SHAPES[(k + turn) % len(SHAPES)], "c", arg))
        else:
            shape = VIEW_SHAPES[(k + turn) % len(VIEW_SHAPES)]
            out.append((shape, views_for(shape)[1 + (k + turn) % 3], arg))
    return out


def grid(ops=None, dtypes=None):
    """Structures (op name, dtype, shape, view, arg), in a fixed order."""
    ops = OPS if ops is None else {name: OPS[name] for name in ops}
    out = []
    for name, op in ops.items():
        for dtype in dtypes or DTYPES:
            for shape, view, arg in dict.fromkeys(_structures(op, dtype)):
                out.append((name, dtype, shape, view, arg))
    return out


def cases_of(structure):
    name, dtype, shape, view, arg = structure
    return [Case(name, dtype, shape, view, arg, kind) for kind in value_kinds(dtype)]


def batches(structures, size=12):
    """Groups of cases that run as one materialization: `size` structures, one value kind
    at a time (later kinds reuse the first kind's compiled model where the kinds of the
    structures' dtypes line up)."""
    group = []
    for s in structures:
        if len(group) == size:
            yield from _kinds(group)
            group = []
        group.append(s)
    if group:
        yield from _kinds(group)


def _kinds(group):
    per = [cases_of(s) for s in group]
    for k in range(max(len(p) for p in per)):
        yield [p[k] for p in per if k < len(p)]


def ci_slice(n, seed=12):
    """A fixed, seeded slice of the grid: `n` structures, every op at least once."""
    rng = random.Random(seed)
    all_structures = grid()
    by_op = {}
    for s in all_structures:
        by_op.setdefault(s[0], []).append(s)
    chosen = {rng.choice(v) for v in by_op.values()}
    rest = [s for s in all_structures if s not in chosen]
    chosen |= set(rng.sample(rest, max(0, n - len(chosen))))
    return [s for s in all_structures if s in chosen]
