"""Supported dtypes, NumPy 2 promotion (NEP 50) and the 32-bit policy.

OpenVINO's CPU plugin computes float64 at float32 precision and truncates int64 to
int32, so ovnp is 32-bit first (as JAX is by default): 64-bit dtypes narrow to their
32-bit kin, an integer that does not fit raises OverflowError, and `result.dtype`
always says what was computed. Promotion is NumPy's own `numpy.result_type` (which
already treats Python scalars as weak), followed by the same narrowing.
"""

import numpy as _np

bool_ = _np.dtype(_np.bool_)
int8 = _np.dtype(_np.int8)
int16 = _np.dtype(_np.int16)
int32 = _np.dtype(_np.int32)
uint8 = _np.dtype(_np.uint8)
uint16 = _np.dtype(_np.uint16)
uint32 = _np.dtype(_np.uint32)
float16 = _np.dtype(_np.float16)
float32 = _np.dtype(_np.float32)
complex64 = _np.dtype(_np.complex64)

SUPPORTED = (bool_, int8, int16, int32, uint8, uint16, uint32, float16, float32, complex64)
_SUPPORTED_SET = frozenset(SUPPORTED)

# What the 32-bit policy maps each wider dtype to.
NARROWED = {
    _np.dtype(_np.int64): int32,
    _np.dtype(_np.uint64): uint32,
    _np.dtype(_np.float64): float32,
    _np.dtype(_np.longdouble): float32,
    _np.dtype(_np.complex128): complex64,
    _np.dtype(_np.clongdouble): complex64,
}

default_float = float32
default_int = int32

POLICY = ("ovnp computes in 32 bits: float64 becomes float32, complex128 becomes complex64, "
          "int64 becomes int32 and uint64 becomes uint32; see docs/dtypes.md")


class DTypePolicyError(TypeError):
    """A dtype ovnp cannot compute (string, object, datetime, ...)."""


def canonical(dtype) -> _np.dtype:
    """The dtype ovnp computes for `dtype`, or TypeError if it has none."""
    d = dtype if type(dtype) is _np.dtype else _np.dtype(dtype)
    if d in _SUPPORTED_SET:
        return d
    narrowed = NARROWED.get(d)
    if narrowed is not None:
        return narrowed
    kind = {"U": "string", "S": "bytes", "O": "object", "M": "datetime",
            "m": "timedelta", "V": "structured/void"}.get(d.kind, str(d))
    raise DTypePolicyError(
        f"ovnp does not support dtype {d} ({kind}); it supports "
        f"{', '.join(map(str, SUPPORTED))}. {POLICY}")


def is_narrowed(dtype) -> bool:
    return _np.dtype(dtype) in NARROWED


def check_int_range(values: _np.ndarray, target: _np.dtype) -> None:
    """OverflowError if any integer in `values` does not fit `target`."""
    if values.size == 0 or target.kind not in "iu" or values.dtype.kind not in "iu":
        return
    info = _np.iinfo(target)
    lo, hi = values.min(), values.max()
    if lo < info.min or hi > info.max:
        bad = lo if lo < info.min else hi
        raise OverflowError(
            f"integer {int(bad)} does not fit {target} (range {info.min}..{info.max}); "
            f"{POLICY}")


_INT64 = _np.dtype(_np.int64)


def is_wide(numpy_dtype) -> bool:
    """Whether NumPy's `numpy_dtype` is int64, which ovnp holds as int32 marked wide
    (Node.wide): its arithmetic is exact or raises OverflowError (docs/dtypes.md)."""
    return numpy_dtype is _INT64 or numpy_dtype == _INT64


def to_host_array(obj, dtype=None) -> _np.ndarray:
    """A fresh, C-contiguous NumPy array of a supported dtype holding `obj`'s values.

    Never aliases `obj`: later mutation of the caller's array cannot reach ovnp.
    Narrowing that the 32-bit policy implies is range checked; an explicit cast of
    array data to a 32-bit dtype wraps as NumPy's `astype` does.
    """
    return host_array_and_wide(obj, dtype)[0]


def host_array_and_wide(obj, dtype=None):
    """(to_host_array(obj, dtype), whether NumPy would hold it as int64: Python ints,
    int64 data, dtype=int or int64 requested)."""
    requested = None if dtype is None else _np.dtype(dtype)
    target = None if requested is None else canonical(requested)
    if isinstance(obj, _np.ndarray) or isinstance(obj, _np.generic):
        src = _np.asarray(obj)
    else:
        try:
            src = _np.asarray(obj, dtype=target if target is not None and target.kind != "b" else None)
        except OverflowError as e:
            raise OverflowError(f"{e}; {POLICY}") from None
    if src.dtype.kind in "USOMmV" and not (target is not None and src.dtype.kind == "O"):
        canonical(src.dtype)  # raises the policy's TypeError
    natural = canonical(src.dtype) if src.dtype.kind != "O" else None
    if target is None:
        target = natural
    policy_narrowing = (requested is not None and is_narrowed(requested)) or (
        requested is None and is_narrowed(src.dtype))
    if policy_narrowing:
        check_int_range(src, target)
    wide = target == int32 and is_wide(src.dtype if requested is None else requested)
    return _np.array(src, dtype=target, order="C", copy=True), wide


_PROMOTE_CACHE: dict = {}


def _key(x):
    if isinstance(x, type):
        # A type is a dtype (numpy.float32, or float meaning float64), never a weak
        # scalar; and a scalar type's own `dtype` attribute is a descriptor.
        return _np.dtype(x)
    d = getattr(x, "dtype", None)
    if d is not None:
        return d
    t = type(x)
    if t is bool or t is int or t is float or t is complex:
        return t
    if isinstance(x, (bool, _np.bool_)):
        return bool
    if isinstance(x, int):
        return int
    if isinstance(x, float):
        return float
    if isinstance(x, complex):
        return complex
    return _np.dtype(x) if isinstance(x, (str, type, _np.dtype)) else type(x)


def result_type(*args) -> _np.dtype:
    """NumPy 2's result_type of arrays, dtypes and weak Python scalars, then narrowed."""
    key = tuple(map(_key, args))
    hit = _PROMOTE_CACHE.get(key)
    if hit is None:
        # Python scalars stay weak: numpy.result_type(uint8, int) is uint8.
        probe = [_np.dtype(k) if isinstance(k, _np.dtype) else k(0) for k in key]
        hit = canonical(_np.result_type(*probe))
        _PROMOTE_CACHE[key] = hit
    return hit


def check_scalar_fits(value, dtype: _np.dtype) -> None:
    """NumPy 2 raises when a weak Python int does not fit the array's dtype."""
    if type(value) is int and dtype.kind in "iu":
        info = _np.iinfo(dtype)
        if not info.min <= value <= info.max:
            raise OverflowError(f"Python integer {value} out of bounds for {dtype}")


def scalar_dtype(value) -> _np.dtype:
    """The dtype of a lone scalar under the policy: Python int -> int32, float -> float32."""
    if isinstance(value, _np.generic):
        d = canonical(value.dtype)
        if is_narrowed(value.dtype):
            check_int_range(_np.asarray(value), d)
        return d
    if isinstance(value, bool):
        return bool_
    if isinstance(value, int):
        if not -2**31 <= value < 2**31:
            raise OverflowError(f"integer {value} does not fit int32; {POLICY}")
        return int32
    if isinstance(value, float):
        return float32
    if isinstance(value, complex):
        return complex64
    return canonical(_np.asarray(value).dtype)
