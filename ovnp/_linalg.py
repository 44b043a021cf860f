"""Linear algebra in the main namespace: matmul, dot, einsum and their relatives.

Two IR ops carry the work (lowered in ovnp/_backend/lower_linalg.py):
- "matmul": NumPy's matmul of two operands already cast to the result dtype;
  "matmul_blas" is the same op for float32 on the "CPU" device, which the engine runs
  with NumPy's BLAS when it is what is being read (see _matmul_node);
- "einsum": attrs = (operand label strings, output labels, ((label, size), ...)), with
  ellipses already expanded to letters, so every lowering sees an explicit equation.
Everything else (dot, inner, tensordot, vecdot, trace, ...) is built from those two and
the elementwise ufuncs. ovnp.linalg (ovnp/linalg/) adds the decompositions.
"""

import string

import numpy as _np

from . import _device, _dtypes, _eager, _ir
from ._array import ndarray
from ._elementwise import multiply, negative, subtract
from ._nodes import _arr, as_node, write_out
from ._reductions import sum as _sum

__all__ = ["matmul", "dot", "vdot", "inner", "outer", "vecdot", "tensordot", "einsum",
           "kron", "trace", "cross", "matvec", "vecmat"]


def _nodes(*xs):
    """Array operands as nodes on one device (Python scalars become 0-d data)."""
    arrays = [x._node for x in xs if isinstance(x, ndarray)]
    device = _device.common_device(arrays) or _device.resolve(None)
    return [as_node(x, device) for x in xs], device


def _cast(node, dtype):
    if node.dtype == dtype:
        return node
    return _ir.Node("astype", (node,), (), node.shape, dtype, node.device)


def _result_dtype(*nodes, dtype=None):
    if dtype is not None:
        return _dtypes.canonical(dtype)
    return _dtypes.result_type(*(n.dtype for n in nodes))


def _finish(node, out, casting="same_kind"):
    if out is not None:
        write_out(out, node, casting)
        return out
    return ndarray._wrap(node)


# ---------------------------------------------------------------- matmul

def matmul_shape(a_shape, b_shape):
    """NumPy's matmul output shape, with NumPy's ValueError."""
    if not a_shape or not b_shape:
        raise ValueError("matmul: Input operand %d does not have enough dimensions "
                         "(has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) "
                         "requires 1)" % (0 if not a_shape else 1))
    a2 = (1,) + a_shape if len(a_shape) == 1 else a_shape
    b2 = b_shape + (1,) if len(b_shape) == 1 else b_shape
    if a2[-1] != b2[-2]:
        raise ValueError(
            f"matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
            f"signature (n?,k),(k,m?)->(n?,m?) (size {b2[-2]} is different from {a2[-1]})")
    batch = _ir.broadcast_shapes(a2[:-2], b2[:-2])
    shape = batch + (a2[-2], b2[-1])
    if len(a_shape) == 1:
        shape = shape[:-2] + shape[-1:]
    if len(b_shape) == 1:
        shape = shape[:-1]
    return shape


def _matmul_node(a, b, dtype, wrap=False):
    """wrap: an explicit 32-bit integer dtype, whose overflow wraps as NumPy's; otherwise
    integer results beyond int32 raise OverflowError (lower_exact_ints.check_contraction:
    ovnp cannot tell int32 data from NumPy's default int64, whose products are exact)."""
    shape = matmul_shape(a.shape, b.shape)
    # A float32 matmul on the CPU that is itself the array read (a host op at the root)
    # runs on NumPy's BLAS: OpenVINO's MatMul is as fast per core, but in code that mixes
    # NumPy and ovnp, OpenBLAS's worker threads spin for a while after each NumPy call
    # and take a core from OpenVINO (W4 1024: 23 ms alternating, 11 ms alone; NumPy 11).
    # Inside a device graph (x @ w + b) it is lowered like "matmul".
    op = "matmul_blas" if dtype == _np.float32 and a.device == "CPU" else "matmul"
    attrs = ("wrap",) if wrap and dtype.kind in "iu" else ()
    return _ir.Node(op, (_cast(a, dtype), _cast(b, dtype)), attrs, shape, dtype, a.device)


def matmul(x1, x2, /, out=None, *, casting="same_kind", order="K", dtype=None, subok=True,
           axes=None, axis=None):
    if axes is not None or axis is not None:
        raise NotImplementedError("matmul(axes=/axis=) is not supported by ovnp")
    (a, b), _ = _nodes(x1, x2)
    wrap = dtype is not None and _np.dtype(dtype).itemsize <= 4
    return _finish(_matmul_node(a, b, _result_dtype(a, b, dtype=dtype), wrap), out, casting)


# ---------------------------------------------------------------- einsum

_LETTERS = string.ascii_letters


def _einsum_labels(subscripts, shapes):
    """NumPy's einsum subscripts -> (operand labels, output labels, sizes), ellipses expanded."""
    subscripts = subscripts.replace(" ", "")
    if "->" in subscripts:
        lhs, rhs = subscripts.split("->", 1)
        if "->" in rhs or "-" in rhs.replace("->", "") or ">" in rhs:
            raise ValueError("einstein sum subscripts string includes output subscripts "
                             "in the wrong place")
    else:
        lhs, rhs = subscripts, None
        if "-" in lhs or ">" in lhs:
            raise ValueError("einstein sum subscript string does not contain proper '->' "
                             "output specified")
    terms = lhs.split(",")
    if len(terms) != len(shapes):
        raise ValueError("more operands provided to einstein sum function than specified "
                         "in the subscripts string" if len(terms) < len(shapes) else
                         "fewer operands provided to einstein sum function than specified "
                         "in the subscripts string")
    used = set(c for c in subscripts if c in _LETTERS)
    for c in subscripts:
        if c not in _LETTERS and c not in ".,->":
            raise ValueError(f"invalid subscript '{c}' in einstein sum subscripts string, "
                             "subscripts must be letters")
    spare = [c for c in _LETTERS if c not in used]
    ell_ndim = 0
    parsed = []
    for term, shape in zip(terms, shapes):
        if "." in term:
            if term.count("...") != 1 or term.replace("...", "").count("."):
                raise ValueError("einstein sum subscripts string contains a '.' that is not "
                                 "part of an ellipsis ('...')")
            explicit = len(term) - 3
            n = len(shape) - explicit
            if n < 0:
                raise ValueError("operand has more dimensions than subscripts given in "
                                 "einstein sum, but no '...' ellipsis provided to broadcast "
                                 "the extra dimensions.")
            ell_ndim = max(ell_ndim, n)
            parsed.append((term, n))
        else:
            if len(term) != len(shape):
                raise ValueError(f"operand has {'more' if len(shape) > len(term) else 'fewer'} "
                                 "dimensions than subscripts given in einstein sum, but no "
                                 "'...' ellipsis provided to broadcast the extra dimensions."
                                 if len(shape) > len(term) else
                                 f"einstein sum subscripts string contains too many subscripts "
                                 f"for operand")
            parsed.append((term, None))
    if ell_ndim > len(spare):
        raise ValueError("too many dimensions for einsum")
    ell = "".join(spare[:ell_ndim])
    labels = []
    for term, n in parsed:
        if n is not None:
            term = term.replace("...", ell[ell_ndim - n:] if n else "")
        labels.append(term)
    sizes = {}
    for term, shape in zip(labels, shapes):
        seen = {}
        for c, n in zip(term, shape):
            if c in seen and seen[c] != n:
                raise ValueError(f"dimensions in operand for collapsing index '{c}' don't "
                                 f"match ({seen[c]} != {n})")
            seen[c] = n
            old = sizes.get(c)
            if old is None or old == 1:
                sizes[c] = n
            elif n != 1 and n != old:
                raise ValueError(f"operands could not be broadcast together with remapped "
                                 f"shapes [original->remapped]: size {old} and {n} for "
                                 f"label '{c}'")
    if rhs is None:
        counts = {}
        for term in labels:
            for c in term:
                counts[c] = counts.get(c, 0) + 1
        out = ell + "".join(sorted(c for c, k in counts.items() if k == 1 and c not in ell))
    else:
        if "." in rhs:
            if rhs.count("...") != 1 or rhs.replace("...", "").count("."):
                raise ValueError("einstein sum subscripts string contains a '.' that is not "
                                 "part of an ellipsis ('...') in the output")
            out = rhs.replace("...", ell)
        else:
            out = rhs
            if any(c in ell for c in out):
                raise ValueError("output has more dimensions than subscripts given in "
                                 "einstein sum, but no '...' ellipsis provided to broadcast "
                                 "the extra dimensions.")
            # NumPy: broadcast dims not in the output must be 1 when no ellipsis in output
            for c in ell:
                if sizes.get(c, 1) != 1:
                    raise ValueError("output has more dimensions than subscripts given in "
                                     "einstein sum, but no '...' ellipsis provided to "
                                     "broadcast the extra dimensions.")
        for c in out:
            if out.count(c) > 1:
                raise ValueError(f"einstein sum subscripts string includes output subscript "
                                 f"'{c}' multiple times")
            if c not in sizes:
                raise ValueError(f"einstein sum subscripts string included output subscript "
                                 f"'{c}' which never appeared in an input")
    return tuple(labels), out, sizes


def _einsum_node(subscripts, nodes, dtype):
    labels, out, sizes = _einsum_labels(subscripts, [n.shape for n in nodes])
    shape = tuple(sizes[c] for c in out)
    if len(nodes) == 1 and labels[0] == out and nodes[0].shape == shape:
        # The identity: no op at all (a graph whose output is its input is not run).
        return _cast(nodes[0], dtype)
    attrs = (labels, out, tuple(sorted(sizes.items())))
    device = nodes[0].device if nodes else _device.resolve(None)
    return _ir.Node("einsum", tuple(_cast(n, dtype) for n in nodes), attrs, shape, dtype, device)


def _sublist_to_str(sub):
    out = []
    for s in sub:
        if s is Ellipsis:
            out.append("...")
        else:
            s = _np.asarray(s).item() if not isinstance(s, int) else s
            if not 0 <= s < 52:
                raise ValueError("subscript is not within the valid range [0, 52)")
            out.append(_LETTERS[s])
    return "".join(out)


def einsum(*operands, out=None, optimize=False, dtype=None, order="K", casting="safe"):
    """NumPy's einsum (both calling forms); `optimize` is accepted and ignored."""
    if not operands:
        raise ValueError("No input operands")
    if isinstance(operands[0], str):
        subscripts, arrays = operands[0], operands[1:]
    else:  # einsum(a, [0, 1], b, [1, 2], [0, 2])
        items = list(operands)
        if len(items) % 2:
            arrays, subs, outsub = items[0:-1:2], items[1:-1:2], items[-1]
            subscripts = ",".join(map(_sublist_to_str, subs)) + "->" + _sublist_to_str(outsub)
        else:
            arrays, subs = items[0::2], items[1::2]
            subscripts = ",".join(map(_sublist_to_str, subs))
    nodes, _ = _nodes(*arrays)
    result_dtype = _result_dtype(*nodes, dtype=dtype)
    if dtype is not None:
        for n in nodes:
            if not _np.can_cast(n.dtype, result_dtype, casting):
                raise TypeError(f"Cannot cast array data from {n.dtype} to {result_dtype} "
                                f"according to the rule '{casting}'")
    return _finish(_einsum_node(subscripts, nodes, result_dtype), out)


# ---------------------------------------------------------------- products built on einsum

def _labels(n, start=0):
    return _LETTERS[start:start + n]


def dot(a, b, out=None):
    if out is None and type(a) is ndarray and type(b) is ndarray:
        quick = _eager.dot(a._node, b._node)    # small float32 on the CPU: NumPy now
        if quick is not None:
            return ndarray._wrap(quick)
    (x, y), _ = _nodes(a, b)
    dtype = _result_dtype(x, y)
    if not x.shape or not y.shape:
        return _finish(multiply(ndarray._wrap(x), ndarray._wrap(y))._node, out)
    na, nb = len(x.shape), len(y.shape)
    ka = na - 1
    kb = 0 if nb == 1 else nb - 2
    if x.shape[ka] != y.shape[kb]:
        sa = "(" + ",".join(map(str, x.shape)) + ("," if na == 1 else "") + ")"
        sb = "(" + ",".join(map(str, y.shape)) + ("," if nb == 1 else "") + ")"
        raise ValueError(f"shapes {sa} and {sb} not aligned: {x.shape[ka]} (dim {ka}) != "
                         f"{y.shape[kb]} (dim {kb})")
    if dtype.kind in "iu" and na <= 2 and nb <= 2:
        # matmul's integer lowering decides an overflow exactly (einsum's, by a bound)
        return _finish(_matmul_node(x, y, dtype), out)
    la = _labels(na - 1) + "z"
    lb_free = _labels(nb - 1, 26)
    lb = lb_free[:kb] + "z" + lb_free[kb:]
    return _finish(_einsum_node(f"{la},{lb}->{la[:-1]}{lb_free}", [x, y], dtype), out)


def vdot(a, b, /):
    (x, y), _ = _nodes(a, b)
    if _ir.size_of(x.shape) != _ir.size_of(y.shape):
        raise ValueError("vectors have different lengths")
    x = ndarray._wrap(x).reshape(-1)._node
    y = ndarray._wrap(y).reshape(-1)._node
    if x.dtype.kind == "c":     # vdot conjugates its first argument
        x = _ir.Node("conjugate", (x,), (), x.shape, x.dtype, x.device)
    return ndarray._wrap(_einsum_node("i,i->", [x, y], _result_dtype(x, y)))


def inner(a, b, /):
    (x, y), _ = _nodes(a, b)
    if not x.shape or not y.shape:
        return multiply(ndarray._wrap(x), ndarray._wrap(y))
    if x.shape[-1] != y.shape[-1]:
        raise ValueError(f"shapes {x.shape} and {y.shape} not aligned: {x.shape[-1]} "
                         f"(dim {len(x.shape) - 1}) != {y.shape[-1]} (dim {len(y.shape) - 1})")
    la, lb = _labels(len(x.shape) - 1), _labels(len(y.shape) - 1, 26)
    return ndarray._wrap(_einsum_node(f"{la}z,{lb}z->{la}{lb}", [x, y], _result_dtype(x, y)))


def outer(a, b, out=None):
    (x, y), _ = _nodes(a, b)
    x = ndarray._wrap(x).reshape(-1, 1)
    y = ndarray._wrap(y).reshape(1, -1)
    return multiply(x, y, out=out) if out is not None else multiply(x, y)


def vecdot(x1, x2, /, *, axis=-1, out=None, dtype=None):
    (x, y), _ = _nodes(x1, x2)
    if not x.shape or not y.shape:
        raise ValueError("vecdot: Input operand %d does not have enough dimensions "
                         "(has 0, gufunc core with signature (n),(n)->() requires 1)"
                         % (0 if not x.shape else 1))
    shape = _ir.broadcast_shapes(x.shape, y.shape)
    ax = _ir.normalize_axis(axis, len(shape))
    xa = len(x.shape) - len(shape) + ax
    ya = len(y.shape) - len(shape) + ax
    if xa < 0 or ya < 0 or x.shape[xa] != y.shape[ya]:
        raise ValueError("vecdot: Input operand 1 has a mismatch in its core dimension 0, "
                         "with gufunc signature (n),(n)->() (size "
                         f"{y.shape[ya] if ya >= 0 else 1} is different from "
                         f"{x.shape[xa] if xa >= 0 else 1})")
    if x.dtype.kind == "c":     # NumPy's vecdot conjugates its first argument, as vdot
        x = _ir.Node("conjugate", (x,), (), x.shape, x.dtype, x.device)
    xw = ndarray._wrap(x)
    yw = ndarray._wrap(y)
    if xa != len(x.shape) - 1:
        xw = _moveaxis_last(xw, xa)
    if ya != len(y.shape) - 1:
        yw = _moveaxis_last(yw, ya)
    return _finish(_einsum_node("...z,...z->...", [xw._node, yw._node],
                                _result_dtype(x, y, dtype=dtype)), out)


def _moveaxis_last(a, axis):
    order = [i for i in range(a.ndim) if i != axis] + [axis]
    return a.transpose(order)


def tensordot(a, b, axes=2):
    (x, y), _ = _nodes(a, b)
    try:
        iter(axes)
    except TypeError:
        n = int(axes)
        axes_a = list(range(len(x.shape) - n, len(x.shape)))
        axes_b = list(range(n))
    else:
        axes_a, axes_b = axes
    axes_a = [axes_a] if isinstance(axes_a, (int, _np.integer)) else list(axes_a)
    axes_b = [axes_b] if isinstance(axes_b, (int, _np.integer)) else list(axes_b)
    if len(axes_a) != len(axes_b):
        raise ValueError("shape-mismatch for sum")
    na, nb = len(x.shape), len(y.shape)
    la, lb = list(_labels(na)), list(_labels(nb, 26))
    for i, j in zip(axes_a, axes_b):
        i = i + na if i < 0 else i
        j = j + nb if j < 0 else j
        if not (0 <= i < na and 0 <= j < nb):
            raise IndexError("tuple index out of range")
        if x.shape[i] != y.shape[j]:
            raise ValueError("shape-mismatch for sum")
        lb[j] = la[i]
    summed = set(lb) & set(la)
    out = "".join(c for c in la if c not in summed) + "".join(c for c in lb if c not in summed)
    return ndarray._wrap(_einsum_node(f"{''.join(la)},{''.join(lb)}->{out}", [x, y],
                                      _result_dtype(x, y)))


def kron(a, b):
    (x, y), _ = _nodes(a, b)
    nd = max(len(x.shape), len(y.shape))
    xs = (1,) * (nd - len(x.shape)) + x.shape
    ys = (1,) * (nd - len(y.shape)) + y.shape
    xe = ndarray._wrap(x).reshape(tuple(d for n in xs for d in (n, 1)))
    ye = ndarray._wrap(y).reshape(tuple(d for n in ys for d in (1, n)))
    return multiply(xe, ye).reshape(tuple(p * q for p, q in zip(xs, ys)))


# ---------------------------------------------------------------- diagonal, trace, cross

def diagonal_node(node, offset=0, axis1=0, axis2=1):
    """NumPy's diagonal as an IR op: the diagonal axis goes last."""
    nd = len(node.shape)
    if nd < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    a1, a2 = _ir.normalize_axis(axis1, nd), _ir.normalize_axis(axis2, nd)
    if a1 == a2:
        raise ValueError("axis1 and axis2 cannot be the same")
    offset = int(offset)
    n, m = node.shape[a1], node.shape[a2]
    length = max(0, min(n, m - offset) if offset >= 0 else min(n + offset, m))
    rest = tuple(d for i, d in enumerate(node.shape) if i not in (a1, a2))
    return _ir.Node("diagonal", (node,), (offset, a1, a2), rest + (length,), node.dtype,
                    node.device)


def _diagonal_host(node, x):
    offset, a1, a2 = node.attrs
    return _np.ascontiguousarray(_np.diagonal(x, offset, a1, a2))


def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    node = as_node(a)
    d = diagonal_node(node, offset, axis1, axis2)
    # integers: sum's exact path (exact int32, or OverflowError beyond: docs/dtypes.md)
    return _sum(ndarray._wrap(d), axis=-1, dtype=dtype, out=out)


def _component(node, i):
    shape = node.shape[:-1]
    return ndarray._wrap(_ir.Node("take_last", (node,), (i,), shape, node.dtype, node.device))


def _stack_last(arrays):
    nodes = [a._node for a in arrays]
    shape = _ir.broadcast_shapes(*(n.shape for n in nodes))
    nodes = [n if n.shape == shape else
             _ir.Node("broadcast_to", (n,), (), shape, n.dtype, n.device) for n in nodes]
    return ndarray._wrap(_ir.Node("stack_last", tuple(nodes), (), shape + (len(nodes),),
                                  nodes[0].dtype, nodes[0].device))


def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    (x, y), _ = _nodes(a, b)
    if not x.shape or not y.shape:
        raise ValueError("At least one array has zero dimension")
    axisa = _ir.normalize_axis(axisa, len(x.shape))
    axisb = _ir.normalize_axis(axisb, len(y.shape))
    xa = _moveaxis_last(ndarray._wrap(x), axisa)._node
    yb = _moveaxis_last(ndarray._wrap(y), axisb)._node
    if xa.shape[-1] not in (2, 3) or yb.shape[-1] not in (2, 3):
        raise ValueError("incompatible dimensions for cross product\n"
                         "(dimension must be 2 or 3)")
    batch = _ir.broadcast_shapes(xa.shape[:-1], yb.shape[:-1])
    dtype = _dtypes.result_type(x.dtype, y.dtype)
    if dtype == _dtypes.bool_:
        subtract(ndarray._wrap(x), ndarray._wrap(y))  # NumPy's TypeError for booleans
    a_ = [_component(xa, i) for i in range(xa.shape[-1])]
    b_ = [_component(yb, i) for i in range(yb.shape[-1])]
    if len(a_) == 2 and len(b_) == 2:
        return subtract(multiply(a_[0], b_[1]), multiply(a_[1], b_[0]))
    if len(a_) == 2:
        c = [multiply(a_[1], b_[2]), negative(multiply(a_[0], b_[2])),
             subtract(multiply(a_[0], b_[1]), multiply(a_[1], b_[0]))]
    elif len(b_) == 2:
        c = [negative(multiply(a_[2], b_[1])), multiply(a_[2], b_[0]),
             subtract(multiply(a_[0], b_[1]), multiply(a_[1], b_[0]))]
    else:
        c = [subtract(multiply(a_[1], b_[2]), multiply(a_[2], b_[1])),
             subtract(multiply(a_[2], b_[0]), multiply(a_[0], b_[2])),
             subtract(multiply(a_[0], b_[1]), multiply(a_[1], b_[0]))]
    c = [ci if ci.dtype == dtype else ci.astype(dtype) for ci in c]
    result = _stack_last(c)
    if result.shape[:-1] != batch:
        result = ndarray._wrap(_ir.Node("broadcast_to", (result._node,), (), batch + (3,),
                                        dtype, result.device))
    axisc = _ir.normalize_axis(axisc, result.ndim)
    if axisc != result.ndim - 1:
        order = list(range(result.ndim - 1))
        order.insert(axisc, result.ndim - 1)
        result = result.transpose(order)
    return result


def _matmul_method(self, other):
    return matmul(self, other)


def _dot_method(self, b, out=None):
    return dot(self, b, out=out)


def _trace_method(self, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    return trace(self, offset, axis1, axis2, dtype, out)


METHODS = {"dot": _dot_method, "trace": _trace_method}

from . import _engine  # noqa: E402

_engine.HOST_OPS["diagonal"] = _diagonal_host
_engine.HOST_OPS["take_last"] = lambda node, x: _np.ascontiguousarray(x[..., node.attrs[0]])
_engine.HOST_OPS["matmul_blas"] = lambda node, a, b: _np.matmul(a, b)
_engine.HOST_COSTLY.add("matmul_blas")


# ---------------------------------------------------------------- matvec, vecmat

def _check_core(x, need, name):
    if x.ndim < need:
        raise ValueError(f"{name}: Input operand does not have enough dimensions "
                         f"(has {x.ndim}, gufunc core with signature requires {need})")


def matvec(x1, x2, /, out=None, **kwargs):
    """(..., m, n) @ (..., n) -> (..., m), as NumPy's matvec gufunc (through matmul)."""
    return _matrix_vector("matvec", x1, x2, out, vector_first=False)


def vecmat(x1, x2, /, out=None, **kwargs):
    """(..., n) @ (..., n, m) -> (..., m), as NumPy's vecmat gufunc (through matmul)."""
    return _matrix_vector("vecmat", x1, x2, out, vector_first=True)


def _matrix_vector(name, x1, x2, out, vector_first):
    """matvec or vecmat: NumPy's core-dimension checks and messages, then matmul with the
    vector as a 1-row (vecmat) or 1-column (matvec) matrix."""
    x1, x2 = _arr(x1), _arr(x2)
    _check_core(x1, 1 if vector_first else 2, name)
    _check_core(x2, 2 if vector_first else 1, name)
    n = x2.shape[-2] if vector_first else x2.shape[-1]
    if x1.shape[-1] != n:
        signature = "(n),(n,m)->(m)" if vector_first else "(m,n),(n)->(m)"
        raise ValueError(f"{name}: Input operand 1 has a mismatch in its core dimension 0, "
                         f"with gufunc signature {signature} (size {n} is "
                         f"different from {x1.shape[-1]})")
    if vector_first:
        r = matmul(x1[..., None, :], x2)[..., 0, :]
    else:
        r = matmul(x1, x2[..., None])[..., 0]
    return _out(r, out)


def _out(r, out):
    if out is None:
        return r
    if isinstance(out, tuple):
        (out,) = out
    write_out(out, r._node, "same_kind")
    return out
