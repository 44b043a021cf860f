"""complex64 in a model: the one place that knows how a complex value is laid out.

Storage (what a Parameter or Result holds, and what OpenVINO's DFT ops take) is
OpenVINO's complex layout: float32 with a trailing dimension of 2, (..., re/im). Inside
a model being built, a complex value is a `Pair` of two float32 outputs of the IR
shape, its real and imaginary parts: elementwise complex math is then plain float32
math the CPU plugin fuses, and shape ops apply to each part alone. No IR node and no
family function sees either form; the IR says `complex64` and the IR shape.

A complex node is lowered by COMPLEX_LOWER[op] (lower_complex*.py, lower_fft.py), or,
for an op that only moves elements (COMPONENTWISE), by the op's own lowering applied to
each part. `lower_node` is called by lower.build_model for every node with a complex
input or output.
"""

import numpy as np
import openvino as ov
import openvino.opset16 as ops

_F32 = np.dtype(np.float32)
COMPLEX64 = np.dtype(np.complex64)

COMPLEX_LOWER = {}

# Ops whose lowering moves, selects or copies elements without looking at their values
# (the real-valued inputs, indices and masks, are shared by both parts).
COMPONENTWISE = {
    "transpose", "reshape", "broadcast_to", "slice_axis", "concatenate", "gather_axis",
    "getitem", "setitem", "where", "masked_where", "ew_take", "ew_stack", "ew_gather",
    "ew_scatter", "take_last", "stack_last", "diagonal", "red.slice", "red.concat", "take0",
    "random_take", "random_take_along", "positive",
}


class Pair:
    """A complex value in a model being built: float32 outputs (re, im) of one shape."""

    __slots__ = ("re", "im")

    def __init__(self, re, im):
        self.re = re.output(0) if hasattr(re, "output") else re
        self.im = im.output(0) if hasattr(im, "output") else im

    def __iter__(self):
        return iter((self.re, self.im))


def complex_lowering(*names):
    def register(fn):
        for name in names:
            COMPLEX_LOWER[name] = fn
        return fn
    return register


def is_complex(dtype) -> bool:
    return dtype.kind == "c"


def storage_spec(shape, dtype):
    """(shape, dtype) of a tensor as OpenVINO holds it: complex64 as float32 pairs."""
    if dtype.kind == "c":
        return tuple(shape) + (2,), _F32
    return tuple(shape), dtype


def _axis(value):
    return ops.constant(np.array(value, dtype=np.int64)).output(0)


# Trap (measured, OpenVINO 2026.4 CPU, (5997, 257, 2) float32): every op that reads or
# writes the size-2 innermost axis directly is slow. Gather, Split or Slice of one part:
# 13-20 ms; Concat of unsqueezed parts on the last axis: 26 ms. Moving the pair axis
# first with one Transpose and splitting or concatenating along axis 0 takes 3 ms.

def _rank(x):
    return x.get_partial_shape().rank.get_length()


def from_storage(x) -> Pair:
    """A float32 (..., 2) output (OpenVINO's complex layout) as a Pair."""
    rank = _rank(x)
    planar = ops.transpose(x, _axis([rank - 1] + list(range(rank - 1))))
    re, im = ops.split(planar, _axis(0), 2).outputs()
    return Pair(ops.squeeze(re, _axis([0])), ops.squeeze(im, _axis([0])))


def to_storage(z: Pair):
    """A Pair as one float32 (..., 2) output."""
    rank = _rank(z.re)
    first = _axis([0])
    planar = ops.concat([ops.unsqueeze(z.re, first), ops.unsqueeze(z.im, first)], 0)
    return ops.transpose(planar, _axis(list(range(1, rank + 1)) + [0])).output(0)


class _PartNode:
    """A complex node seen as the float32 node of one of its parts (for COMPONENTWISE)."""

    __slots__ = ("op", "inputs", "attrs", "shape", "dtype", "device", "value")

    def __init__(self, node):
        self.op, self.inputs, self.attrs = node.op, node.inputs, node.attrs
        self.shape, self.device, self.value = node.shape, node.device, None
        self.dtype = _F32


def lower_node(node, inputs, lower_table):
    """The lowering of `node`, some of whose inputs or whose output is complex: a Pair
    for a complex output, an output for a real one."""
    fn = COMPLEX_LOWER.get(node.op)
    if fn is not None:
        out = fn(node, *inputs)
        return out.output(0) if hasattr(out, "output") else out
    if node.op in COMPONENTWISE and node.dtype.kind == "c":
        real_fn = lower_table[node.op]
        part = _PartNode(node)
        return Pair(*(real_fn(part, *(getattr(x, which) if type(x) is Pair else x
                                      for x in inputs))
                      for which in ("re", "im")))
    raise NotImplementedError(f"ovnp has no complex64 lowering for IR op {node.op!r}")


def check(node, out):
    """RuntimeError unless `out` is what the IR says `node` is (a Pair for complex)."""
    if node.dtype.kind == "c":
        ok = type(out) is Pair and all(p.get_element_type() == ov.Type.f32 for p in out)
        if not ok:
            raise RuntimeError(f"lowering of {node.op!r} did not produce a float32 Pair for "
                               f"complex64: a bug in ovnp")
        return
    if type(out) is Pair:
        raise RuntimeError(f"lowering of {node.op!r} produced a complex Pair, the IR says "
                           f"{node.dtype}: a bug in ovnp")
