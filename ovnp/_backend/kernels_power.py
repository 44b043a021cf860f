"""cbrt as a fused kernel (docs/performance.md, "Kernels").

cbrt was OpenVINO's Power(x, 1/3) and a Newton step (10 ms of CPU per 1e6 float32 on one
thread, NumPy 0.3: Power is not fused). Here |x| = m * 2**e exactly (kernels_log's
exponent ladder, subnormals included), e = 3q + r, cbrt(m * 2**r) from a minimax
polynomial (tools/kernel_coefficients.py cbrt, 10 good bits), rounded to 12 significant
bits so that its cube is an exact pair, and one Halley step with that exact residual:
correctly rounded but for one rounding of the last sum. 2**q is exact (kernels_exp.pow2)
and the result is never subnormal. No guard.
"""

import openvino.opset16 as ops

from .ew_common import c, select
from .kernels_exp import _add, _horner, _mul, _sign_of, _sub, pow2
from .kernels_hyperbolic import _unless
from .kernels_log import split_exponent

# tools/kernel_coefficients.py cbrt: cbrt(t), t in [2**-0.5, 2**2.5), degree 5 (2**-10.5)
CBRT_POLY = tuple(float.fromhex(h) for h in (
    "0x1.d1c17cp-12", "-0x1.0d91d6p-7", "0x1.f341ccp-5", "-0x1.eaf45ap-3", "0x1.536c42p-1",
    "0x1.0bcd8cp-1"))


def _twelve_bits(y):
    """y rounded to 12 significant bits (Veltkamp): products of two such are exact."""
    g = _mul(y, c(4097.0, y))
    return _sub(g, _sub(g, y))


def _cbrt_reduced(t):
    """cbrt(t) for t in [2**-0.5, 2**2.5): y0 (12 bits, within 2**-10 of it) and Halley's
    y0 + y0*(t - y0**3)/(2*y0**3 + t), the residual t - y0**3 exact: y0**2 is exact, and
    its 12-bit halves times y0 are too (the Halley step's own error is below 2**-29)."""
    y0 = _twelve_bits(_horner(CBRT_POLY, t))
    square = _mul(y0, y0)
    high = _twelve_bits(square)
    cube_hi = _mul(high, y0)
    cube_lo = _mul(_sub(square, high), y0)
    residual = _sub(_sub(t, cube_hi), cube_lo)          # t - cube_hi is exact (Sterbenz)
    cube = _add(cube_hi, cube_lo)
    step = ops.divide(_mul(y0, residual), _add(_add(cube, cube), t))
    return _add(y0, step)


def cbrt_kernel(x):
    """NumPy's float32 cbrt: x itself for +-0, +-inf and nan, else sign(x) * 2**q *
    cbrt(m * 2**r)."""
    m, e = split_exponent(ops.abs(x).output(0))
    # q = floor(e/3): (e + 1/2)/3 is at least 1/6 away from an integer, so its rounding
    # cannot cross one
    q = ops.floor(_mul(_add(e, c(0.5, e)), c(1.0 / 3.0, e))).output(0)
    r = _sub(e, _mul(q, c(3.0, q)))                     # 0, 1 or 2
    two_to_r = _mul(_add(_mul(r, r), _add(r, c(2.0, r))), c(0.5, r))    # 1, 2 or 4
    # two_to_r before m: OpenVINO orders depth first, and the exponent ladder computed
    # after m would keep its 8 steps live (see kernels_hyperbolic._unless)
    y = _mul(_mul(_cbrt_reduced(_mul(two_to_r, m)), pow2(q)), _sign_of(x))
    # +-0 gives +-0 by the sign; inf and nan are x
    return select(_unless(y, ops.abs(x).output(0), float("inf")), y, x)
