"""IR -> OpenVINO opset: one small lowering per IR op, registered in LOWER.

A lowering is `fn(node, *inputs) -> ov.Output`, where `inputs` are the OpenVINO outputs
of the node's inputs. Families keep their lowerings in lower_<family>.py; each restores
NumPy's semantics where OpenVINO's op differs (see docs/differences.md).
"""

import os

import numpy as np
import openvino as ov
import openvino.opset16 as ops

LOWER = {}

OV_TYPE = {
    np.dtype(np.bool_): ov.Type.boolean,
    np.dtype(np.int8): ov.Type.i8,
    np.dtype(np.int16): ov.Type.i16,
    np.dtype(np.int32): ov.Type.i32,
    np.dtype(np.int64): ov.Type.i64,
    np.dtype(np.uint8): ov.Type.u8,
    np.dtype(np.uint16): ov.Type.u16,
    np.dtype(np.uint32): ov.Type.u32,
    np.dtype(np.float16): ov.Type.f16,
    np.dtype(np.float32): ov.Type.f32,
}


def lowering(*ops_names):
    def register(fn):
        for name in ops_names:
            LOWER[name] = fn
        return fn
    return register


def constant(value, dtype) -> ov.Output:
    return ops.constant(np.asarray(value, dtype=dtype)).output(0)


def i64s(values) -> ov.Output:
    """A 1-d i64 constant, the form OpenVINO wants for shapes and axes."""
    return ops.constant(np.asarray(values, dtype=np.int64).reshape(-1)).output(0)


def convert(x: ov.Output, dtype) -> ov.Output:
    if x.get_element_type() == OV_TYPE[np.dtype(dtype)]:
        return x
    return ops.convert(x, OV_TYPE[np.dtype(dtype)]).output(0)


@lowering("const")
def _const(node):
    return constant(node.attrs[0], node.dtype)


def build_model(order, params, roots) -> ov.Model:
    outputs = {}
    parameters = []
    for p in params:
        parameter = ops.parameter(list(p.shape), OV_TYPE[p.dtype])
        parameters.append(parameter)
        outputs[id(p)] = parameter.output(0)
    for node, inputs in order:
        fn = LOWER.get(node.op)
        if fn is None:
            raise NotImplementedError(f"ovnp has no OpenVINO lowering for IR op {node.op!r}")
        out = fn(node, *(outputs[id(i)] for i in inputs))
        out = out.output(0) if hasattr(out, "output") else out
        if out.get_element_type() != OV_TYPE[node.dtype]:
            raise RuntimeError(f"lowering of {node.op!r} produced {out.get_element_type()}, "
                               f"the IR says {node.dtype}: a bug in ovnp")
        outputs[id(node)] = out
    results, used = [], set()
    for r in roots:
        out = outputs[id(r)]
        source = out.get_node()
        if source.get_type_name() in ("Parameter", "Constant") or (source, out.get_index()) in used:
            # A Result fed straight by a Parameter (or Constant, or a second Result on one
            # output) ignores the output tensor we bind: the caller got stale memory.
            # A Convert to the same type is a real copy.
            out = ops.convert(out, out.get_element_type()).output(0)
        used.add((out.get_node(), out.get_index()))
        results.append(ops.result(out))
    return ov.Model(results, parameters, "ovnp")


# Family lowerings (lower_<family>.py beside this file) register themselves on import;
# discovering them keeps this file free of a list every family would have to edit.
def _import_families():
    import importlib
    import pkgutil
    for info in sorted(pkgutil.iter_modules([os.path.dirname(__file__)]),
                       key=lambda m: m.name):
        if info.name.startswith("lower_"):
            importlib.import_module(f"{__package__}.{info.name}")


_import_families()
