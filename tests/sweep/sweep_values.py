"""The data axes of the differential sweep: dtypes, shapes, non-contiguous views, value
kinds and scalar operands. Everything is a pure function of its arguments (values are
seeded from the case's id), so a case id names one exact computation in any process.
"""

import zlib

import numpy as np

DTYPES = ["bool", "int8", "int16", "int32", "uint8", "uint16", "uint32",
          "float16", "float32", "complex64"]
INT_DTYPES = ["int8", "int16", "int32", "uint8", "uint16", "uint32"]
FLOAT_DTYPES = ["float16", "float32"]

# 0-d, empty, size-1 axes in every position, 3-D and 4-D with sides >= 5, and the shapes
# earlier defects needed ((2, 5, 4) for middle-axis sort, (2, 1, 3) for NaN rows).
SHAPES = [(), (0,), (1,), (7,), (3, 0), (1, 6), (6, 1), (4, 5), (2, 5, 4), (2, 1, 3),
          (4, 1, 3), (2, 3, 1), (1, 5, 6), (5, 6, 5), (5, 5, 6, 5), (1, 5, 1, 6)]

# How an operand is laid out: a fresh contiguous array, or a view of a larger one
# (taken with the same indexing in NumPy and ovnp, on the same data).
VIEWS = ["c", "strided", "transposed", "reversed"]

# Python and NumPy scalars and 0-d arrays as second operands; "big" ones lie outside the
# 32-bit range of ovnp's storage (NumPy holds them as int64/float64).
SCALARS = {
    "int0": 0, "int3": 3, "int-2": -2, "int255": 255, "int70000": 70000,
    "int2p31": 2**31, "int2654435761": 2654435761, "int-2p31m1": -2**31 - 1,
    "int2p40": 2**40, "float2.5": 2.5, "float-0.0": -0.0, "floatnan": float("nan"),
    "floatinf": float("inf"), "float1e40": 1e40, "floatsub": 1e-42,
    "np.int32(7)": np.int32(7), "np.uint8(200)": np.uint8(200),
    "np.float32(0.5)": np.float32(0.5), "np.float64(1e-3)": np.float64(1e-3),
    "np.int64(2p33)": np.int64(2**33), "np.bool(True)": np.bool_(True),
    "0d.int32(-5)": np.array(-5, np.int32), "0d.float32(1.5)": np.array(1.5, np.float32),
    "0d.uint32(3e9)": np.array(3_000_000_000, np.uint32),
}


def value_kinds(dtype):
    """The value kinds drawn for one dtype."""
    if dtype == "bool":
        return ["random", "allsame"]
    if dtype in INT_DTYPES:
        kinds = ["random", "small", "extremes"]
        return kinds + ["big_u32"] if dtype == "uint32" else kinds
    if dtype == "complex64":
        return ["random", "special"]
    return ["random", "nan", "special", "subnormal", "large"]


def rng_for(*parts):
    return np.random.default_rng(zlib.crc32("|".join(map(str, parts)).encode()))


def _floats(rng, n, kind, dtype):
    info = np.finfo(dtype)
    x = rng.standard_normal(n) * 10
    pick = lambda pool, p: np.where(rng.random(n) < p, rng.choice(pool, n), x)  # noqa: E731
    if kind == "nan":
        x = pick([np.nan], 0.2)
    elif kind == "special":
        x = pick([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5], 0.6)
    elif kind == "subnormal":
        sub = float(info.smallest_subnormal)
        x = pick([sub, -sub, 3 * sub, float(info.tiny), -float(info.tiny), 0.0, -0.0], 0.8)
        x = np.where(np.abs(x) > 1, x * float(info.tiny), x)
    elif kind == "large":
        big = float(info.max)
        x = pick([big, -big, big / 2, np.inf, -np.inf, 2.0 ** 20], 0.7)
        x = np.where(np.abs(x) < 1e3, x * 1e3, x)
    return x.astype(dtype)


def _ints(rng, n, kind, dtype):
    info = np.iinfo(dtype)
    lo, hi = int(info.min), int(info.max)
    if kind == "small":
        lo2 = 0 if lo == 0 else -4
        return rng.integers(lo2, 6, n).astype(dtype)
    if kind == "big_u32":
        return rng.integers(2**31, 2**32, n, dtype=np.uint64).astype(dtype)
    x = rng.integers(lo, hi, n, endpoint=True, dtype=np.int64)
    if kind == "extremes":
        pool = np.array([lo, hi, lo + 1, hi - 1, 0, 1, -1 if lo < 0 else 2], np.int64)
        x = np.where(rng.random(n) < 0.7, rng.choice(pool, n), x)
    return x.astype(dtype)


def values(dtype, shape, kind, seed):
    """A NumPy array of `dtype` and `shape` holding values of `kind` ("kind#n" draws
    another sample of the same kind)."""
    with np.errstate(all="ignore"):
        return _values(dtype, shape, kind, seed)


def _values(dtype, shape, kind, seed):
    rng = rng_for(seed, dtype, shape, kind)
    kind = kind.partition("#")[0]
    n = int(np.prod(shape, dtype=np.int64))
    if dtype == "bool":
        x = rng.random(n) < 0.5 if kind == "random" else np.full(n, bool(rng.random() < 0.5))
    elif dtype in INT_DTYPES:
        x = _ints(rng, n, kind, dtype)
    elif dtype == "complex64":
        re = _floats(rng, n, kind, "float32")
        im = _floats(rng, n, "random" if kind == "random" else "special", "float32")
        x = (re + 1j * im.astype(np.complex64)).astype(np.complex64)
    else:
        x = _floats(rng, n, kind, dtype)
    return np.asarray(x, dtype=dtype).reshape(shape)


def base_shape(shape, view):
    """The shape of the array a `view` of `shape` is taken from."""
    if view == "strided":
        return shape[:-1] + (shape[-1] * 2,)
    if view == "transposed":
        return shape[::-1]
    return shape


def take_view(x, view):
    """The view itself, taken the same way from a NumPy or an ovnp array."""
    if view == "strided":
        return x[..., ::2]
    if view == "transposed":
        return x.T
    if view == "reversed":
        return x[::-1]
    return x


def views_for(shape):
    return ["c"] if shape == () else VIEWS
