"""Model passes that keep int16, uint16 and float16 values honest inside one graph.

Trap (measured, OpenVINO 2026.4 CPU plugin): the plugin has no int16/uint16/float16
kernels of its own; it computes those types as int32/float32 throughout a compiled
model and converts only at its outputs. A Convert to int16 inside the model is then a
no-op: with a = int16 [30000, -30000, 5], `(a + a) > 0` gave [True, False, True]
(NumPy, which wraps 60000 to -5536: [False, True, True]); max, sort, `//`, cumsum, a
NaN cast to int16, astype(uint16) and astype(float16).astype(float32) in a chain all
saw the unwrapped or unrounded value, while the same ops on a materialized input were
right. Fused and unfused must agree, so the narrowing is written out in ops the
plugin cannot skip: after every op that can leave a narrow type's range (arithmetic,
casts, sums; everything but the ops that only move or pick values), the value is
wrapped with int32 shifts (int16), masked (uint16), or rounded to float16's grid in
float32 arithmetic. On a device that computes these types natively the added ops
change nothing. One pass over the built model covers every lowering, present and
future (like the fences in lower.py).
"""

import numpy as np
import openvino as ov
import openvino.opset16 as ops

# Ops that only move, select or compare values already of their output type: their
# outputs stay in range when their inputs are (and the inputs are wrapped by this pass).
_VALUE_PRESERVING = {
    "Parameter", "Constant", "Result", "Reshape", "Squeeze", "Unsqueeze", "Transpose",
    "Concat", "Gather", "GatherElements", "GatherND", "ScatterUpdate",
    "ScatterElementsUpdate", "ScatterNDUpdate", "Slice", "StridedSlice", "Broadcast",
    "Tile", "Select", "Maximum", "Minimum", "ReduceMax", "ReduceMin", "TopK", "Split",
    "VariadicSplit", "Reverse", "Roll", "ShapeOf",
}

_I16, _U16, _F16 = ov.Type.i16, ov.Type.u16, ov.Type.f16
_I32, _F32 = ov.Type.i32, ov.Type.f32
# Convert sources whose every value fits the target exactly.
_EXACT_SOURCES = {
    _I16: {ov.Type.boolean, ov.Type.i8, ov.Type.u8, _I16},
    _U16: {ov.Type.boolean, ov.Type.u8, _U16},
    _F16: {ov.Type.boolean, ov.Type.i8, ov.Type.u8, _F16},
}


def _i32(value):
    return ops.constant(np.int32(value)).output(0)


def _f32(value):
    return ops.constant(np.float32(value)).output(0)


def _wrap_int16(x):
    """int16's wrap of an integer value (held as int32): the low 16 bits, sign-extended
    as ((x & 0xFFFF) ^ 0x8000) - 0x8000 (the CPU's shifts are 15x slower than these)."""
    low = ops.bitwise_and(ops.convert(x, _I32), _i32(0xFFFF))
    return ops.subtract(ops.bitwise_xor(low, _i32(0x8000)), _i32(0x8000))


def _wrap_uint16(x):
    return ops.bitwise_and(ops.convert(x, _I32), _i32(0xFFFF))


def _round_float16(x):
    """float32 x rounded to float16's grid (half to even), overflow to +-inf, NaN kept.
    x / 2**k is exact, so round(x / quantum) * quantum is exact once the binade is
    known; the binade's power of two p <= |x| < 2p is found by a binary search over
    float16's exponents (Log and Power would be 5-10x slower)."""
    v = ops.convert(x, _F32)
    a = ops.abs(v)
    p = _f32(2.0 ** -14)          # float16's subnormals share the lowest binade's quantum
    for step in (16, 8, 4, 2, 1):
        up = ops.multiply(p, _f32(2.0 ** step))
        p = ops.select(ops.less_equal(up, a), up, p)
    quantum = ops.multiply(p, _f32(2.0 ** -10))
    r = ops.multiply(ops.round(ops.divide(v, quantum), "half_to_even"), quantum)
    inf = ops.select(ops.less(v, _f32(0.0)), _f32(-np.inf), _f32(np.inf))
    r = ops.select(ops.less(_f32(65504.0), ops.abs(r)), inf, r)
    return ops.select(ops.not_equal(v, v), v, r)


_NARROWING = {_I16: _wrap_int16, _U16: _wrap_uint16, _F16: _round_float16}


def _needs_narrowing(op, k):
    element = op.get_output_element_type(k)
    if element not in _NARROWING:
        return False
    kind = op.get_type_name()
    if kind in _VALUE_PRESERVING:
        return False
    if kind == "Convert":
        return op.get_input_element_type(0) not in _EXACT_SOURCES[element]
    return True


def narrow_values(model):
    """Wrap or round every int16/uint16/float16 output that can leave its type's range."""
    for op in model.get_ordered_ops():
        for k in range(op.get_output_size()):
            if not _needs_narrowing(op, k):
                continue
            out = op.output(k)
            element = out.get_element_type()
            # the plugin's own conversion at an output wraps and rounds: Results need none
            targets = [t for t in out.get_target_inputs()
                       if t.get_node().get_type_name() != "Result"]
            if not targets:
                continue
            narrowed = ops.convert(_NARROWING[element](out), element).output(0)
            for target in targets:
                target.replace_source_output(narrowed)
