"""complex64 products as real ones: matmul and einsum on the parts.

(Ar + i Ai)(Br + i Bi) = (Ar Br - Ai Bi) + i (Ar Bi + Ai Br): four real products by
ovnp's own float32 lowerings (so their shapes, broadcasting and traps are handled once),
as BLAS's cgemm computes them. An einsum of k operands is the sum over the 2**k choices
of parts, each with its power of i.
"""

import itertools

import numpy as np
import openvino.opset16 as ops

from .lower import LOWER
from .lower_complex import RealNode
from .pairs import Pair, complex_lowering

_F32 = np.dtype(np.float32)


def _real_product(node, op, xs):
    out = LOWER[op](RealNode(op, node.attrs, node.shape, _F32), *xs)
    return out.output(0) if hasattr(out, "output") else out


@complex_lowering("matmul", "matmul_blas")
def _matmul(node, a, b):
    op = node.op
    rr = _real_product(node, op, (a.re, b.re))
    ii = _real_product(node, op, (a.im, b.im))
    ri = _real_product(node, op, (a.re, b.im))
    ir = _real_product(node, op, (a.im, b.re))
    return Pair(ops.subtract(rr, ii), ops.add(ri, ir))


@complex_lowering("einsum")
def _einsum(node, *operands):
    """sum over choices c of parts: prod(part c_j of operand j) * i**(number of imaginary)."""
    re = im = None
    for choice in itertools.product((0, 1), repeat=len(operands)):
        parts = [(x.re, x.im)[c] for x, c in zip(operands, choice)]
        term = _real_product(node, "einsum", parts)
        power = sum(choice) % 4          # i**power: 1, i, -1, -i
        if power in (0, 2):
            re = _accumulate(re, term, power == 2)
        else:
            im = _accumulate(im, term, power == 3)
    return Pair(re, im)


def _accumulate(total, term, negative):
    if total is None:
        return ops.negative(term).output(0) if negative else term
    return (ops.subtract if negative else ops.add)(total, term).output(0)
