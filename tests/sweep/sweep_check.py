"""Running sweep cases: the same computation in NumPy and in ovnp, compared.

A case id is `op|dtype|shape|view|arg|kind` (see sweep_grid.py). For each case ovnp
computes three things in one materialization with the other cases of its batch:
- the op on materialized input (the answer compared with NumPy's);
- the op on the same input still pending (`x + neutral`, a graph input) - "fused";
- for narrow results (int8/16, uint8/16, float16), the op's result widened by the next
  op of the same graph.
The last two must equal the first bit for bit (NaNs as NaNs): fused == unfused.

Rules against NumPy (run on the same 32-bit data; warnings ignored):
- NumPy raises E: ovnp raises an E (at the call or at materialization).
- integer and bool results are exact; where NumPy's result is int64/uint64 (its
  accumulators, its default integer), ovnp's 32-bit result equals it when every value
  fits, and otherwise ovnp must raise OverflowError (the 32-bit policy);
- float results: within the op's tolerance (sweep_ops.py), NaN where NumPy has NaN,
  the same infinities. Where NumPy's result is float64 from int32/uint32 input, ovnp
  (float32 by policy) may also match NumPy run on that input cast to float32 first.
- float -> integer casts of NaN, inf or out-of-range values are undefined in NumPy
  (C casts): those elements are not compared (fused == unfused still is).
"""

import ast
import hashlib
import warnings

import numpy as np

import ovnp
from sweep_ops import OPS
from sweep_values import SCALARS, base_shape, take_view, values

NARROW = {np.dtype("int64"): np.dtype("int32"), np.dtype("uint64"): np.dtype("uint32"),
          np.dtype("float64"): np.dtype("float32"), np.dtype("complex128"): np.dtype("complex64")}
WIDEN = {"int8": "int32", "int16": "int32", "uint8": "int32", "uint16": "int32",
         "float16": "float32"}


class Case:
    __slots__ = ("op", "dtype", "shape", "view", "arg", "kind")

    def __init__(self, op, dtype, shape, view, arg, kind):
        self.op, self.dtype, self.shape = op, dtype, tuple(shape)
        self.view, self.arg, self.kind = view, arg, kind

    @property
    def id(self):
        shape = "x".join(map(str, self.shape)) if self.shape else "0d"
        return f"{self.op}|{self.dtype}|{shape}|{self.view}|{self.arg}|{self.kind}"

    @classmethod
    def parse(cls, case_id):
        op, dtype, shape, view, arg, kind = case_id.split("|")
        shape = () if shape == "0d" else tuple(int(s) for s in shape.split("x"))
        return cls(op, dtype, shape, view, arg, kind)


def _neutral(dtype, shape):
    """A graph input that leaves every value of `dtype` unchanged under + (or | for bool)."""
    if dtype == np.bool_:
        return np.zeros(shape, bool)
    if dtype.kind == "f" or dtype.kind == "c":
        return np.full(shape, -0.0, dtype)      # x + -0.0 == x, also for x = -0.0
    return np.zeros(shape, dtype)


def _pending(base_np, view):
    """ovnp's operand, still pending: (base + neutral)[view], one graph with what uses it."""
    base = ovnp.asarray(base_np)
    neutral = ovnp.asarray(_neutral(base_np.dtype, base_np.shape))
    pending = base | neutral if base_np.dtype == np.bool_ else base + neutral
    return take_view(pending, view)


def _operand(case, dtype_note):
    """(NumPy's y, ovnp's y) for a binary case's arg."""
    arg = case.arg
    if arg in SCALARS:
        y = SCALARS[arg]
        return y, (ovnp.asarray(y) if isinstance(y, np.ndarray) else y)
    if arg == "arr":
        y = values(case.dtype, case.shape, case.kind, "y")
    elif arg == "bcast":
        y = values(case.dtype, case.shape[-1:], case.kind, "y")
    elif arg.startswith("arr:"):
        other = arg[4:]
        y = values(other, case.shape, case.kind if case.kind in dtype_note(other) else "random",
                   "y")
    else:
        raise ValueError(f"unknown operand {arg!r}")
    return y, ovnp.asarray(y)


def _call(case, x, y, for_ovnp):
    op = OPS[case.op]
    if op.kind == "cast":
        return x.astype(case.arg)
    fn = op.ov_call if for_ovnp else op.np_call
    if op.kind == "unary":
        return fn(x)
    if op.kind == "binary":
        return fn(x, y)
    axis = ast.literal_eval(case.arg)
    return fn(x) if case.arg == "default" else fn(x, axis=axis)


def _magnitude(y):
    """max |y| over y's finite values (1 for none): a binary reduction's scale."""
    y = np.asarray(y)
    if y.dtype.kind not in "biufc":
        return 1.0
    with np.errstate(all="ignore"):
        a = np.abs(y).astype(np.float64).ravel()
    a = a[np.isfinite(a)]
    return max(float(a.max()), 1.0) if a.size else 1.0


def _as_f32(v):
    """An integer array or a float64 NumPy scalar as float32 (other operands unchanged)."""
    if isinstance(v, np.ndarray) and v.dtype.kind in "biu":
        return v.astype(np.float32)
    if isinstance(v, np.float64) or isinstance(v, np.ndarray) and v.dtype == np.float64:
        return np.float32(v) if v.ndim == 0 else v.astype(np.float32)
    return v


def _leaves(result):
    if isinstance(result, (tuple, list)):
        return [leaf for r in result for leaf in _leaves(r)]
    return [result]


class Built:
    """One case, built: NumPy's answer (or exception), ovnp's lazy results."""

    def __init__(self, case):
        from sweep_values import value_kinds
        self.case, self.error, self.np_error, self.y_scale = case, None, None, 1.0
        self.expected, self.alt_expected, self.roots, self.fused, self.followed = (
            None, None, [], [], [])
        base = values(case.dtype, base_shape(case.shape, case.view), case.kind, "x")
        self.x_np = take_view(base, case.view)
        y_np = y_ov = None
        op = OPS[case.op]
        if op.kind == "binary":
            y_np, y_ov = _operand(case, value_kinds)
            self.y_scale = _magnitude(y_np)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                self.expected = _leaves(_call(case, self.x_np, y_np, False))
            except Exception as e:  # noqa: BLE001
                self.np_error = e
            if self.expected is not None and any(
                    np.asarray(e).dtype == np.float64 for e in self.expected):
                # The 32-bit policy computes NumPy's float64 in float32: NumPy on the
                # operands as float32 is an answer too (integer arrays, float64 scalars).
                try:
                    self.alt_expected = _leaves(_call(case, _as_f32(self.x_np), _as_f32(y_np),
                                                      False))
                except Exception:  # noqa: BLE001
                    pass
            try:
                self.roots = _leaves(_call(case, take_view(ovnp.asarray(base), case.view),
                                           y_ov, True))
                self.fused = _leaves(_call(case, _pending(base, case.view), y_ov, True))
                self.followed = [_follow(r) for r in self.roots]
            except Exception as e:  # noqa: BLE001
                self.error = e

    def arrays(self):
        followers = [f for f, how in self.followed if how is not None]
        return [a for a in self.roots + self.fused + followers if isinstance(a, ovnp.ndarray)]


def _follow(r):
    """(r followed in the same graph by a widening cast, how NumPy does it), for narrow
    results (int8/16, uint8/16, float16: where item 3's wrap and rounding were lost);
    (r, None) for the others."""
    wide = WIDEN.get(str(r.dtype)) if isinstance(r, ovnp.ndarray) else None
    if not wide:
        return r, None
    return r.astype(wide), lambda v: v.astype(wide)
