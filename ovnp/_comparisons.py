"""The comparison ufuncs (equal, less, ...): NumPy 2 compares integers by their value.

Two cases where the loop dtype cannot hold an operand, so a plain cast would be wrong:
- a Python int outside the other operand's range: NumPy 2 answers `uint8_arr > -1`,
  `uint8_arr == 256` and `int32_arr < 2**40` by value (all True or all False), where
  the cast raises OverflowError;
- a signed integer against uint32: NumPy compares in int64; the 32-bit policy's int32
  would turn uint32(4294967295) into -1, and `int32(-1) == uint32(4294967295)` was True.
  A negative signed value is below every uint32; the others compare as uint32.
"""

import operator

import numpy as _np

from . import _dtypes, _namespace
from ._ufunc import _operand_type, resolve, ufunc

_PYTHON = {"equal": operator.eq, "not_equal": operator.ne, "less": operator.lt,
           "less_equal": operator.le, "greater": operator.gt, "greater_equal": operator.ge}
_SIGNED = (_dtypes.int8, _dtypes.int16, _dtypes.int32)
_MIXED_SIGNS = frozenset([(s, _dtypes.uint32) for s in _SIGNED]
                         + [(_dtypes.uint32, s) for s in _SIGNED])


def _public(name):
    return _namespace.public(name)


def _value_range(dtype):
    if not isinstance(dtype, _np.dtype) or dtype.kind not in "biu":
        return None
    if dtype.kind == "b":
        return 0, 1
    info = _np.iinfo(dtype)
    return int(info.min), int(info.max)


class comparison(ufunc):
    """A comparison ufunc: NumPy's answer for out-of-range Python ints and for signed
    integers against uint32; every other call is the plain ufunc's."""

    def _fast2(self, a, b):
        try:
            return ufunc._fast2(self, a, b)
        except OverflowError:     # a Python int that does not fit: compare by value
            return self._call(a, b)

    def _learn(self, key, args):
        if key in _MIXED_SIGNS:   # no plan: each call takes the exact path in _call
            return self._call(*args)
        return ufunc._learn(self, key, args)

    def _call(self, *args, **kwargs):
        if len(args) == 2:
            answer = _by_value(self, args[0], args[1], kwargs)
            if answer is None:
                answer = _signed_against_unsigned(self, args[0], args[1], kwargs)
            if answer is not None:
                return answer
        return ufunc._call(self, *args, **kwargs)


def _by_value(uf, a, b, kwargs):
    """The comparison with a Python int that the loop dtype cannot hold (where the cast
    would raise) and that lies outside the other operand's range: the same answer for
    every element, from any value of the range."""
    for slot, (scalar, other, scalar_first) in enumerate(((a, b, True), (b, a, False))):
        if type(scalar) is not int:
            continue
        types = (_operand_type(a), _operand_type(b))
        loop = resolve(uf._np, types, kwargs.get("dtype"))[0][slot]
        fits = _value_range(loop)
        if fits is not None and fits[0] <= scalar <= fits[1]:
            return None
        bounds = _value_range(_operand_type(other))
        if bounds is None or bounds[0] <= scalar <= bounds[1]:
            return None
        low, high = bounds
        answer = _PYTHON[uf.__name__](scalar, low) if scalar_first else \
            _PYTHON[uf.__name__](low, scalar)
        # other <= high is True everywhere, other > high False everywhere
        return _public("less_equal" if answer else "greater")(other, high, **kwargs)
    return None


def _signed_against_unsigned(uf, a, b, kwargs):
    types = (_operand_type(a), _operand_type(b))
    if types not in _MIXED_SIGNS:
        return None
    signed_first = types[0] in _SIGNED
    s, u = (a, b) if signed_first else (b, a)
    s = _public("asarray")(s)
    negative = _public("less")(s, 0)
    as_unsigned = s.astype(_dtypes.uint32)
    same = uf(as_unsigned, u) if signed_first else uf(u, as_unsigned)
    # a negative signed value is below every uint32
    if (_PYTHON[uf.__name__](-1, 0) if signed_first else _PYTHON[uf.__name__](0, -1)):
        result = _public("logical_or")(negative, same)
    else:
        result = _public("logical_and")(_public("logical_not")(negative), same)
    if kwargs:      # out=, where=, dtype=: applied to the exact answer
        return _public("logical_or")(result, False, **kwargs)
    return result
