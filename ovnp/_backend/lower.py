"""IR -> OpenVINO opset: one small lowering per IR op, registered in LOWER.

A lowering is `fn(node, *inputs) -> ov.Output`, where `inputs` are the OpenVINO outputs
of the node's inputs. Families keep their lowerings in lower_<family>.py; each restores
NumPy's semantics where OpenVINO's op differs (see docs/differences.md).
"""

import threading

import numpy as np
import openvino as ov
import openvino.opset16 as ops

from . import constant_subgraphs, narrow_types, pairs

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


def _registrar(table):
    """A decorator `@name("op", ...)` that stores the function under each op in `table`."""
    def decorator(*ops_names):
        def register(fn):
            for name in ops_names:
                table[name] = fn
            return fn
        return register
    return decorator


lowering = _registrar(LOWER)


def constant(value, dtype) -> ov.Output:
    return ops.constant(np.asarray(value, dtype=dtype)).output(0)


def i64s(values) -> ov.Output:
    """A 1-d i64 constant, the form OpenVINO wants for shapes and axes."""
    return ops.constant(np.asarray(values, dtype=np.int64).reshape(-1)).output(0)


def convert(x: ov.Output, dtype) -> ov.Output:
    if x.get_element_type() == OV_TYPE[np.dtype(dtype)]:
        return x
    return ops.convert(x, OV_TYPE[np.dtype(dtype)]).output(0)


# Blocked reductions: every OpenVINO reduction here adds at most LIMIT values; larger
# ones are cut into blocks of BLOCK values whose partial results are reduced again
# (lower_reductions.py's sums and extremes, and the guard flag below).
BLOCK = 1024
LIMIT = 4096


def reshape_to(x, shape):
    return ops.reshape(x, i64s(shape), False).output(0)


def slice_axis(x, axis, start, stop, step=1):
    return ops.slice(x, i64s([start]), i64s([stop]), i64s([step]), i64s([axis])).output(0)


def inner_levels(y, pre, k, post, reduce):
    """Reduce y (pre, k, post) over the k axis with `reduce(t, axis)` (keeps the axis),
    at most LIMIT values per reduction: a lone Reduce/TopK over 1e7 values is several
    times slower than two levels of blocks. With post == 1 the k axis is kept last
    (TopK over the middle of (4096, 1024, 1) takes 16 ms, over the last of (4096,
    1024) 0.5 ms). -> (pre, 1, post), or (pre, 1) when post == 1."""
    tail_dims = [post] if post != 1 else []
    y = reshape_to(y, [pre, k] + tail_dims)
    while k > LIMIT:
        m = k // BLOCK
        main = y if m * BLOCK == k else slice_axis(y, 1, 0, m * BLOCK)
        partial = reshape_to(reduce(reshape_to(main, [pre, m, BLOCK] + tail_dims), 2),
                           [pre, m] + tail_dims)
        if m * BLOCK != k:
            tail = reduce(slice_axis(y, 1, m * BLOCK, k), 1)
            partial = ops.concat([partial, tail], 1).output(0)
            m += 1
        y, k = partial, m
    return reduce(y, 1)


# A fast kernel exact only while its input's magnitude stays within a limit (float32
# sin/cos: |x| <= 2**21) records a guard. A model with guards returns one more output,
# "some input went beyond its limit"; the caller then runs the same graph built with
# accurate kernels (compile.Guarded). Per-build state.
_build = threading.local()


def fast_kernels() -> bool:
    """Whether this lowering may use guarded fast kernels: only inside build_model (an
    exported model has no accurate twin to fall back on), and not in the accurate rebuild."""
    return getattr(_build, "guards", None) is not None and not _build.accurate


def guard(magnitude: ov.Output, limit: float) -> None:
    """Record that the fast kernel being lowered is exact only while every element of
    `magnitude` is <= limit (NaN elements do not count)."""
    _build.guards.append((magnitude, limit))


def checking() -> bool:
    """Whether this lowering may record checks (inside build_model, exported models not)."""
    return getattr(_build, "checks", None) is not None


def check(flag: ov.Output, message: str) -> None:
    """Record that materializing this model raises OverflowError(message) when any
    element of the boolean `flag` is True: a value the result dtype cannot hold
    (integer reductions whose exact result leaves int32, exact_ints.py)."""
    _build.checks.append((flag, message))


# op -> fn(node, inputs, result) -> boolean flag: "this element's exact value left int32",
# for nodes of int64 origin (Node.wide; lower_wide_ints.py). build_model records each
# as a check after the node's own lowering, so every lowering stays as it is.
WIDE_CHECKS = {}
wide_check = _registrar(WIDE_CHECKS)


def _any_check(checks) -> ov.Output:
    """A boolean (len(checks),): whether each check fired."""
    flags = []
    for flag, _ in checks:
        n = int(np.prod(list(flag.get_partial_shape().to_shape()), dtype=np.int64))
        flat = ops.convert(reshape_to(flag, [1, n]), ov.Type.u8).output(0)
        # blocked ReduceMax of 0/1 bytes: a lone logical reduction over 1e7 is slower
        largest = inner_levels(flat, 1, n, 1,
                               lambda t, axis: ops.reduce_max(t, i64s([axis]), True).output(0))
        flags.append(ops.convert(reshape_to(largest, [1]), ov.Type.boolean).output(0))
    return flags[0] if len(flags) == 1 else ops.concat(flags, 0).output(0)


def _any_guard(guards) -> ov.Output:
    """One boolean of shape (1,): whether any guarded magnitude exceeded its limit."""
    flag = None
    for magnitude, limit in guards:
        n = int(np.prod(list(magnitude.get_partial_shape().to_shape()), dtype=np.int64))
        # ReduceMax lets a NaN win over a larger value: NaN counts as 0 (m != m fuses)
        zero = constant(0, magnitude.get_element_type().to_dtype())
        magnitude = ops.select(ops.not_equal(magnitude, magnitude), zero, magnitude).output(0)
        # blocked ReduceMax: a lone one over 1e6 values takes 0.6 ms, two levels 0.09
        largest = inner_levels(magnitude, 1, n, 1,
                               lambda t, axis: ops.reduce_max(t, i64s([axis]), True).output(0))
        largest = ops.reshape(largest, i64s([1]), False)
        # Less, not Greater: the CPU plugin's Greater is true for NaN
        beyond = ops.less(constant(limit, magnitude.get_element_type().to_dtype()), largest)
        flag = beyond if flag is None else ops.logical_or(flag, beyond)
    return flag.output(0)


@lowering("const")
def _const(node):
    return constant(node.attrs[0], node.dtype)


# The CPU plugin's fused elementwise kernels ("snippets") split their work over all but
# the innermost dimension: a 1-D array runs on one thread (W7's chain on 1e6 values:
# 4.9 ms on 1 or 2 threads; as (1000, 1000): 2.5 ms). A graph of elementwise ops on one
# 1-D shape (and scalars) is therefore built on a 2-D view of it, rows of ~1000 values;
# the caller binds inputs and outputs as views of that shape (compile.executable).
# Reshapes inside the model do not help: OpenVINO removes them.
PARALLEL_SAFE = {"const"}   # IR ops whose lowering works on any shape: ew_common
PARALLEL_MIN = 2 ** 15      # smaller models run on one thread anyway (runtime.py)


def parallel_layout(order, params):
    """(n, (rows, cols)) when the graph is elementwise over one 1-D shape (n,), large
    enough and with a divisor of n in [64, 1024] for cols; else None."""
    flat = None
    for shape in [p.shape for p in params] + [node.shape for node, _ in order]:
        if shape == () or shape == flat:
            continue
        if flat is not None or len(shape) != 1:
            return None
        flat = shape
    if flat is None or flat[0] <= PARALLEL_MIN:
        return None
    if any(node.op not in PARALLEL_SAFE for node, _ in order):
        return None
    n = flat[0]
    cols = next((d for d in range(1024, 63, -1) if n % d == 0), None)
    return None if cols is None else (flat, (n // cols, cols))


def build_model(order, params, roots, accurate=False, layout=None):
    """(OpenVINO model of the graph, whether its last output is the guard flag, the
    messages of its checks). Outputs: roots, then a boolean (len(checks),) if there are
    checks, then the guard flag if guarded. With `layout` = (flat shape, 2-D shape) from
    parallel_layout, inputs and outputs of the flat shape have the 2-D one in the model."""
    _build.accurate, _build.guards, _build.checks = accurate, [], []
    try:
        return _build_model(order, params, roots, layout)
    finally:
        _build.guards = _build.checks = None


def _build_model(order, params, roots, layout):
    outputs = {}
    parameters = []
    for p in params:
        shape = layout[1] if layout is not None and p.shape == layout[0] else p.shape
        shape, dtype = pairs.storage_spec(shape, p.dtype)
        parameter = ops.parameter(list(shape), OV_TYPE[dtype])
        parameters.append(parameter)
        outputs[id(p)] = parameter.output(0) if dtype is p.dtype else pairs.from_storage(parameter)
    for node, inputs in order:
        ins = [outputs[id(i)] for i in inputs]
        if node.dtype.kind == "c" or any(type(x) is pairs.Pair for x in ins):
            out = pairs.lower_node(node, ins, LOWER)
            pairs.check(node, out)
            outputs[id(node)] = out
            continue
        fn = LOWER.get(node.op)
        if fn is None:
            raise NotImplementedError(f"ovnp has no OpenVINO lowering for IR op {node.op!r}")
        out = fn(node, *ins)
        out = out.output(0) if hasattr(out, "output") else out
        if out.get_element_type() != OV_TYPE[node.dtype]:
            raise RuntimeError(f"lowering of {node.op!r} produced {out.get_element_type()}, "
                               f"the IR says {node.dtype}: a bug in ovnp")
        outputs[id(node)] = out
        if node.wide and node.op in WIDE_CHECKS:
            flag, message = WIDE_CHECKS[node.op](node, ins, out)
            if flag is not None:
                check(flag, message)
    results, used = [], set()
    for r in roots:
        out = outputs[id(r)]
        if type(out) is pairs.Pair:
            out = pairs.to_storage(out)
        source = out.get_node()
        if source.get_type_name() in ("Parameter", "Constant") or (source, out.get_index()) in used:
            # A Result fed straight by a Parameter (or Constant, or a second Result on one
            # output) ignores the output tensor we bind: the caller got stale memory.
            # A Convert to the same type is a real copy.
            out = ops.convert(out, out.get_element_type()).output(0)
        used.add((out.get_node(), out.get_index()))
        results.append(ops.result(out))
    checks = [message for _, message in _build.checks]
    if checks:
        results.append(ops.result(_any_check(_build.checks)))
    guarded = bool(_build.guards)
    if guarded:
        results.append(ops.result(_any_guard(_build.guards)))
    model = ov.Model(results, parameters, "ovnp")
    narrow_types.narrow_values(model)
    _fence_integer_reductions(model)
    _exact_float_divides(model)
    _fence_reductions_from_exact_divides(model)
    _boolean_selects_as_logic(model)
    _nan_products_as_sums(model)
    constant_subgraphs.fold(model)      # last: the passes above add ops on constants too
    return model, guarded, checks


# Trap (measured, OpenVINO 2026.4 CPU): an integer Reduce* whose output feeds an
# integer elementwise op in the same model computes wrong values for some 3-D shapes
# (ReduceSum over axis 1 of (2, 5, 3), then + 3: the second slab reads garbage; also
# ReduceProd/Max/Min/L1 on i32/i8/u8, with Add/Multiply/Greater/Subtract after them).
# The plugin fuses the elementwise op into the reduction as a post-op; a bitwise op
# is never fused there, so XOR 0 after every integer reduction keeps the two apart.
# Float and boolean reductions are not affected. One pass over the built model
# covers every lowering, present and future.
# Trap (measured): the CPU plugin's ConvertDivide pass rewrites a float Divide as
# a * Power(b, -1), a double rounding: 25.6% of float32 a / b and 33% of x / 3 are 1 ulp
# off NumPy's IEEE division, and subnormal divisors overflow 1/b. OpenVINO skips a Divide
# that carries this runtime-info key (ov::disable_divide_conversion); the plugin's own
# division is then IEEE-exact, and no slower (1e6 values: 1.6 ms against 1.9 ms).
_NONCONVERTIBLE_DIVIDE = "nonconvertable_divide_0"


def _exact_float_divides(model):
    for op in model.get_ordered_ops():
        if op.get_type_name() == "Divide" and op.get_output_element_type(0).is_real():
            op.get_rt_info()[_NONCONVERTIBLE_DIVIDE] = True


# Trap (measured, found by the complex var tests): since float Divides keep the
# runtime-info key above, an elementwise chain with such a Divide after a float Reduce*
# is fused into the reduction as a post-op, wrongly for some shapes, like the integer
# trap above: sum over axis 1 of (5, 2, 5), then / 2 (or * 2 / 3, or sqrt / 3), gave
# zeros or garbage after the first slab, so mean and var along a middle axis were wrong
# (13 of 20 small cases). Select(r != r, r, r) after the reduction keeps them apart.
def _fence_reductions_from_exact_divides(model):
    if not any(op.get_type_name() == "Divide" for op in model.get_ordered_ops()):
        return
    for op in model.get_ordered_ops():
        if op.get_type_name() not in _REDUCTIONS or not op.get_output_element_type(0).is_real():
            continue
        out = op.output(0)
        targets = [t for t in out.get_target_inputs() if t.get_node().get_type_name() != "Result"]
        if targets:
            fence = ops.select(ops.not_equal(out, out), out, out).output(0)
            for target in targets:
                target.replace_source_output(fence)


# Trap (measured): the CPU plugin's precision pass turns some boolean inputs of a
# Select into u8 and then refuses the Select ("Argument 1 and 2 element types must
# match"): where(c, c, y) and c[c] = False on boolean arrays raised RuntimeError.
# A Select of booleans is (cond and x) or (not cond and y).
def _boolean_selects_as_logic(model):
    for op in model.get_ordered_ops():
        if op.get_type_name() != "Select" or op.get_output_element_type(0) != ov.Type.boolean:
            continue
        cond, x, y = (op.input_value(k) for k in range(3))
        logic = ops.logical_or(ops.logical_and(cond, x),
                               ops.logical_and(ops.logical_not(cond), y)).output(0)
        for target in list(op.output(0).get_target_inputs()):
            target.replace_source_output(logic)


# Trap (measured): the CPU plugin fuses a Multiply by a scalar float Constant and an Add
# after it into one scale-and-shift node that loses a NaN scale: b * nan + a gave
# [0, -2] for b = [1, 0], a = [1, -2] (NumPy: [nan, nan]); complex products by a constant
# with a NaN part met it. x * nan is NaN for every x, and so is x + nan, which is not
# fused that way.
def _nan_products_as_sums(model):
    for op in model.get_ordered_ops():
        if op.get_type_name() != "Multiply" or not op.get_output_element_type(0).is_real():
            continue
        inputs = [op.input_value(k) for k in range(2)]
        for k, value in enumerate(inputs):
            source = value.get_node()
            if source.get_type_name() != "Constant":
                continue
            data = source.get_data()
            if data.size == 1 and np.isnan(data).all():
                total = ops.add(inputs[1 - k], value).output(0)
                for target in list(op.output(0).get_target_inputs()):
                    target.replace_source_output(total)
                break


_REDUCTIONS = {"ReduceSum", "ReduceProd", "ReduceMax", "ReduceMin", "ReduceL1", "ReduceL2",
               "ReduceMean"}


def _fence_integer_reductions(model):
    for op in model.get_ordered_ops():
        if op.get_type_name() not in _REDUCTIONS:
            continue
        out = op.output(0)
        element = out.get_element_type()
        if not element.is_integral_number():
            continue
        targets = [t for t in out.get_target_inputs()
                   if t.get_node().get_type_name() != "Result"]
        if not targets:
            continue
        fence = ops.bitwise_xor(out, ops.constant(np.array(0, dtype=element.to_dtype()))).output(0)
        for target in targets:
            target.replace_source_output(fence)
