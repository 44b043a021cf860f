"""Writing a traced graph as an OpenVINO IR model, and cache introspection."""

from . import compile as _compile


def is_cached(key) -> bool:
    """Whether `key` has a compiled model, without touching the hit/miss counters."""
    with _compile._lock:
        return key in _compile._cache


def export_model(order, inputs, roots, path, names, dynamic_axes):
    """Lower `order` with `inputs` as named Parameters; other valued leaves become
    constants. Dimensions listed in dynamic_axes[input_index] are dynamic."""
    _compile.load_backend()
    import openvino as ov   # on first use: `import ovnp` does not import openvino
    import openvino.opset16 as ops

    from .lower import OV_TYPE, constant
    from .lowerings import LOWER
    outputs = {}
    parameters = []
    for k, (leaf, name) in enumerate(zip(inputs, names)):
        shape = [-1 if axis in dynamic_axes.get(k, ()) else n for axis, n in enumerate(leaf.shape)]
        parameter = ops.parameter(ov.PartialShape(shape), OV_TYPE[leaf.dtype], name=name)
        parameter.output(0).get_tensor().set_names({name})
        parameters.append(parameter)
        outputs[id(leaf)] = parameter.output(0)
    for node, node_inputs in order:
        args = []
        for i in node_inputs:
            if id(i) not in outputs:  # a value the traced function closed over
                outputs[id(i)] = constant(i.value, i.dtype)
            args.append(outputs[id(i)])
        out = LOWER[node.op](node, *args)
        outputs[id(node)] = out.output(0) if hasattr(out, "output") else out
    results = []
    for k, r in enumerate(roots):
        source = outputs.get(id(r))
        if source is None:  # an output that was already computed: a constant
            source = constant(r.value, r.dtype)
        result = ops.result(source)
        result.output(0).get_tensor().set_names({f"output{k}"})
        results.append(result)
    model = ov.Model(results, parameters, "ovnp_export")
    ov.save_model(model, path, compress_to_fp16=False)
    return path
