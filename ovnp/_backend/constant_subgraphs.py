"""Ops on constants that OpenVINO cannot fold, computed here instead.

Trap (measured, OpenVINO 2026.4 CPU plugin): an op whose inputs are all Constants but
which OpenVINO's ConstantFolding cannot evaluate (BitwiseNot/And/Or/Xor, CumSum, IsNaN,
IsInf, IsFinite) is run once when the model compiles, and the op that consumes its
output may then compute in place into that buffer. Every later run reads the previous
run's result where the constant was. `ovnp.triu` of an int32 array, whose mask is a
constant `~m & x`, gave 3 -> 7, 100 -> 103, 42 -> 111 (each the OR of the run before),
and only from the second call of a cached model on: a silently wrong answer that
depended on earlier calls. Plain OpenVINO reproduces it with
`bitwise_and(bitwise_not(constant), parameter)`.

One pass over the built model (like the fences in lower.py) covers every lowering,
present and future: each such op whose inputs are Constants is computed with NumPy
(the same integer and boolean semantics) and replaced by a Constant; OpenVINO's own
ConstantFolding then folds what depended on it. Ops outside the table stay as they are;
tests/test_constant_subgraphs.py checks that the built models of many graphs hold
no other kind of op on constants.
"""

import numpy as np
import openvino.opset16 as ops
from openvino.passes import ConstantFolding, Manager


def _cumsum(node, x, axis):
    attrs = node.get_attributes()
    axis = int(axis)
    if attrs.get("reverse"):
        x = np.flip(x, axis)
    out = np.cumsum(x, axis=axis, dtype=x.dtype)
    if attrs.get("exclusive"):
        out = np.concatenate([np.zeros_like(np.take(out, [0], axis)),
                              np.delete(out, -1, axis)], axis)
    return np.flip(out, axis) if attrs.get("reverse") else out


def _is_inf(node, x):
    attrs = node.get_attributes()
    negative, positive = attrs.get("detect_negative", True), attrs.get("detect_positive", True)
    return (np.isneginf(x) & negative) | (np.isposinf(x) & positive)


# OpenVINO op type -> its value from the NumPy values of its inputs.
NUMPY_VALUE = {
    "BitwiseNot": lambda node, x: np.invert(x),
    "BitwiseAnd": lambda node, a, b: np.bitwise_and(a, b),
    "BitwiseOr": lambda node, a, b: np.bitwise_or(a, b),
    "BitwiseXor": lambda node, a, b: np.bitwise_xor(a, b),
    "CumSum": _cumsum,
    "IsNaN": lambda node, x: np.isnan(x),
    "IsFinite": lambda node, x: np.isfinite(x),
    "IsInf": _is_inf,
}


def on_constants(model):
    """The ops of `model` (other than Constants) whose inputs are all Constants."""
    return [op for op in model.get_ordered_ops()
            if op.get_type_name() not in ("Constant", "Parameter", "Result")
            and op.get_input_size() > 0
            and all(i.get_source_output().get_node().get_type_name() == "Constant"
                    for i in op.inputs())]


def fold(model):
    """Replace every op of NUMPY_VALUE on constants by its value, until none is left."""
    if not any(op.get_type_name() in NUMPY_VALUE for op in model.get_ordered_ops()):
        return      # the common case: nothing to look at, no pass to run
    while True:
        _constant_folding(model)    # what OpenVINO can fold, so our ops see Constants
        folded = False
        for op in _one_value_gathers(model):
            value = op.input_value(0).get_node().get_data().reshape(())
            shape = tuple(op.get_output_shape(0))
            op.output(0).replace(ops.constant(np.full(shape, value)).output(0))
            folded = True
        for op in on_constants(model):
            compute = NUMPY_VALUE.get(op.get_type_name())
            if compute is None:
                continue
            values = [i.get_source_output().get_node().get_data().copy() for i in op.inputs()]
            value = np.asarray(compute(op, *values))
            dtype = op.get_output_element_type(0).to_dtype()
            op.output(0).replace(ops.constant(value.astype(dtype, copy=False)).output(0))
            folded = True
        if not folded:
            return


def _one_value_gathers(model):
    """Gathers from a one-element Constant: the CPU plugin treats them as constants
    (seen: `where(tri(1, 1, -1)[0], 0, x)` for int32 x gave the OR of successive
    answers), so they are made Constants here and the bitwise ops on them folded. ovnp
    gathers only at valid positions, where every answer is that one element."""
    return [op for op in model.get_ordered_ops()
            if op.get_type_name() == "Gather"
            and op.input_value(0).get_node().get_type_name() == "Constant"
            and int(np.prod(op.get_input_shape(0))) == 1
            and op.get_output_partial_shape(0).is_static]


def _constant_folding(model):
    manager = Manager()
    manager.register_pass(ConstantFolding())
    manager.run_passes(model)
