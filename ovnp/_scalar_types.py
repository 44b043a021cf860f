"""Scalar types and the type hierarchy: NumPy's own, re-exported.

`ovnp.float32` is `numpy.float32` (the scalar type), as `jax.numpy` re-exports
NumPy's. So `ovnp.float32(3.0)` is a NumPy scalar, `x.dtype.type is ovnp.float32` holds
for an ovnp array `x` (its `.dtype` is a `numpy.dtype`), `dtype=ovnp.float32` works
wherever a dtype is taken, and `ovnp.issubdtype(x.dtype, ovnp.floating)` is NumPy's
answer. Scalars are host values: ovnp's arrays are its only lazy objects.

The 32-bit policy (docs/dtypes.md) applies when a type becomes an array's dtype, never
to the type itself: `ovnp.float64(1)` is NumPy's float64 scalar, and
`ovnp.asarray(ovnp.float64(1)).dtype` is float32. `ARRAY_DTYPE` says, for each exported
name, what an ovnp array asked for in it holds (docs/api-coverage.md prints it).
"""

import numpy as _np

from . import _dtypes

# The abstract hierarchy (numpy.generic and below), then every concrete scalar type and
# alias NumPy 2 exports. Platform-wide aliases (intp, int_, longlong, double, ...) are
# NumPy's objects too, so their meaning is NumPy's on this platform.
HIERARCHY = ("generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact",
             "floating", "complexfloating", "flexible", "character")
CONCRETE = ("bool", "bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
            "uint64", "float16", "float32", "float64", "complex64", "complex128",
            "byte", "ubyte", "short", "ushort", "intc", "uintc", "int_", "uint", "intp",
            "uintp", "long", "ulong", "longlong", "ulonglong", "half", "single", "double",
            "longdouble", "csingle", "cdouble", "clongdouble", "float128", "complex256",
            "str_", "bytes_", "void", "record", "object_", "datetime64", "timedelta64")
# NumPy's tables and values of its types: they describe the types above.
TABLES = ("True_", "False_", "ScalarType", "sctypeDict", "typecodes", "little_endian")

__all__ = list(HIERARCHY) + [n for n in CONCRETE + TABLES if hasattr(_np, n)]
globals().update({name: getattr(_np, name) for name in __all__})


def array_dtypes():
    """{name: what an ovnp array asked for in that concrete type holds} (a dtype's name,
    or "TypeError" where the policy refuses the kind: strings, objects, datetimes)."""
    held = {}
    for name in __all__:
        if name in HIERARCHY or name in TABLES:
            continue
        try:
            held[name] = str(_dtypes.canonical(_np.dtype(getattr(_np, name))))
        except _dtypes.DTypePolicyError:
            held[name] = "TypeError"
    return held
