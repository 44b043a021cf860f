"""The Array API standard (2024.12): every name exists, the standard's call forms work
and mean what the standard says (checked against NumPy 2, which implements them), and
the inspection namespace tells the truth about ovnp."""

import inspect
import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import FLOAT_DTYPES, INT_DTYPES, NUMERIC_DTYPES, arrays, assert_same, shapes

# ------------------------------------------------------------------ the standard's names
# From the 2024.12 specification (API reference: constants, creation, data types, data
# type functions, elementwise, indexing, inspection, linear algebra, manipulation,
# searching, sets, sorting, statistical, utility functions).

CONSTANTS = ["e", "inf", "nan", "newaxis", "pi"]
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64", "complex64", "complex128"]
FUNCTIONS = """
__array_namespace_info__
abs acos acosh add asin asinh atan atan2 atanh bitwise_and bitwise_left_shift
bitwise_invert bitwise_or bitwise_right_shift bitwise_xor ceil clip conj copysign cos
cosh divide equal exp expm1 floor floor_divide greater greater_equal hypot imag isfinite
isinf isnan less less_equal log log1p log2 log10 logaddexp logical_and logical_not
logical_or logical_xor maximum minimum multiply negative nextafter not_equal positive pow
real reciprocal remainder round sign signbit sin sinh square sqrt subtract tan tanh trunc
arange asarray empty empty_like eye from_dlpack full full_like linspace meshgrid ones
ones_like tril triu zeros zeros_like
astype can_cast finfo iinfo isdtype result_type
take take_along_axis
matmul matrix_transpose tensordot vecdot
broadcast_arrays broadcast_to concat expand_dims flip moveaxis permute_dims repeat
reshape roll squeeze stack tile unstack
argmax argmin count_nonzero nonzero searchsorted where
unique_all unique_counts unique_inverse unique_values
argsort sort
cumulative_prod cumulative_sum diff max mean min prod std sum var
all any
""".split()
LINALG = """cholesky cross det diagonal eigh eigvalsh inv matmul matrix_norm matrix_power
matrix_rank matrix_transpose outer pinv qr slogdet solve svd svdvals tensordot trace vecdot
vector_norm""".split()
FFT = """fft ifft fftn ifftn rfft irfft rfftn irfftn hfft ihfft fftfreq rfftfreq fftshift
ifftshift""".split()
ARRAY_ATTRIBUTES = ["dtype", "device", "mT", "ndim", "shape", "size", "T"]
ARRAY_METHODS = """__abs__ __add__ __and__ __array_namespace__ __bool__ __complex__
__dlpack__ __dlpack_device__ __eq__ __float__ __floordiv__ __ge__ __getitem__ __gt__
__index__ __int__ __invert__ __le__ __lshift__ __lt__ __matmul__ __mod__ __mul__ __ne__
__neg__ __or__ __pos__ __pow__ __rshift__ __setitem__ __sub__ __truediv__ __xor__
to_device""".split()
REFLECTED = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or",
             "xor", "lshift", "rshift"]


def test_every_name_of_the_standard_exists():
    missing = [n for n in CONSTANTS + DTYPES + FUNCTIONS if not hasattr(ovnp, n)]
    missing += [f"linalg.{n}" for n in LINALG if not hasattr(ovnp.linalg, n)]
    assert missing == []
    assert ovnp.__array_api_version__ == "2024.12"
    for n in FUNCTIONS + [f"linalg.{n}" for n in LINALG]:
        obj = ovnp.linalg if n.startswith("linalg.") else ovnp
        assert callable(getattr(obj, n.split(".")[-1])), n


def test_fft_extension_is_all_or_nothing():
    # Extensions are optional, but a namespace that has one has all of it.
    if hasattr(ovnp, "fft"):
        assert [n for n in FFT if not hasattr(ovnp.fft, n)] == []


def test_array_object_attributes_and_methods():
    x = ovnp.asarray([[1.0, 2.0, 3.0]])
    for name in ARRAY_ATTRIBUTES:
        getattr(x, name)
    missing = [m for m in ARRAY_METHODS if not callable(getattr(x, m, None))]
    missing += [f"__{p}{op}__" for op in REFLECTED for p in ("r", "i")
                if not callable(getattr(x, f"__{p}{op}__", None))]
    assert missing == []
    assert x.mT.shape == (3, 1) and x.T.shape == (3, 1) and x.size == 3 and x.ndim == 2


def test_namespace_of_an_array_is_ovnp():
    x = ovnp.asarray([1.0])
    assert x.__array_namespace__() is ovnp
    for version in ("2021.12", "2022.12", "2023.12", "2024.12"):
        assert x.__array_namespace__(api_version=version) is ovnp
    with pytest.raises(ValueError):
        x.__array_namespace__(api_version="2099.12")


def test_array_api_compat_recognises_ovnp():
    compat = pytest.importorskip("array_api_compat")
    x = ovnp.asarray([[1.0, 2.0]])
    assert compat.array_namespace(x) is ovnp
    assert compat.is_array_api_obj(x)
    assert compat.device(x) == x.device
    assert compat.size(x) == 2
    assert compat.to_device(x, x.device) is x


# ------------------------------------------------------------------ signatures

def _kinds(fn):
    return {p.name: p.kind for p in inspect.signature(fn).parameters.values()}


@pytest.mark.parametrize("name, keywords", [
    ("astype", ["copy", "device"]), ("asarray", ["dtype", "device", "copy"]),
    ("arange", ["dtype", "device"]), ("linspace", ["dtype", "device", "endpoint"]),
    ("eye", ["k", "dtype", "device"]), ("full", ["dtype", "device"]),
    ("zeros", ["dtype", "device"]), ("ones_like", ["dtype", "device"]),
    ("from_dlpack", ["device", "copy"]), ("concat", ["axis"]), ("stack", ["axis"]),
    ("unstack", ["axis"]), ("reshape", ["copy"]), ("squeeze", ["axis"]),
    ("repeat", ["axis"]), ("take", ["axis"]), ("take_along_axis", ["axis"]),
    ("cumulative_sum", ["axis", "dtype", "include_initial"]),
    ("cumulative_prod", ["axis", "dtype", "include_initial"]),
    ("searchsorted", ["side", "sorter"]), ("diff", ["axis", "n", "prepend", "append"]),
    ("count_nonzero", ["axis", "keepdims"]), ("vecdot", ["axis"]), ("tensordot", ["axes"]),
    ("std", ["axis", "correction", "keepdims"]), ("var", ["axis", "correction", "keepdims"]),
    ("sum", ["axis", "dtype", "keepdims"]), ("max", ["axis", "keepdims"]),
    ("argmax", ["axis", "keepdims"]), ("clip", ["min", "max"]), ("meshgrid", ["indexing"]),
    ("tril", ["k"]), ("roll", ["axis"]), ("flip", ["axis"]),
])
def test_standard_keywords_are_accepted(name, keywords):
    params = _kinds(getattr(ovnp, name))
    if any(k == inspect.Parameter.VAR_KEYWORD for k in params.values()):
        return
    for k in keywords:
        assert k in params and params[k] != inspect.Parameter.POSITIONAL_ONLY, (name, k)


# ------------------------------------------------------------------ semantics (vs NumPy 2)

small_float = st.floats(-100, 100, width=32)
# A few fixed shapes, so the compiled models are shared between examples (speed).
FEW_SHAPES = st.sampled_from([(), (0,), (3,), (2, 3), (2, 0, 2)])
SMALL = arrays(dtypes=[np.dtype(np.float32), np.dtype(np.int16)],
               shape=st.sampled_from([(1,), (4,), (2, 3), (3, 1, 2)]),
               elements_of=lambda d: small_float if d.kind == "f" else st.integers(-50, 50))


def _axis(a, data):
    return data.draw(st.integers(-a.ndim, a.ndim - 1), label="axis")


@given(a=SMALL, data=st.data())
def test_cumulative_sum_and_prod(a, data):
    axis = _axis(a, data)
    initial = data.draw(st.booleans(), label="include_initial")
    x = ovnp.asarray(a)
    assert_same(ovnp.cumulative_sum(x, axis=axis, include_initial=initial),
                np.cumulative_sum(a, axis=axis, include_initial=initial), rtol=1e-5)
    if a.dtype.kind == "i":
        small = (a % 3).astype(a.dtype)
        assert_same(ovnp.cumulative_prod(ovnp.asarray(small), axis=axis, include_initial=initial),
                    np.cumulative_prod(small, axis=axis, include_initial=initial))


@given(a=SMALL, data=st.data())
def test_count_nonzero_diff_and_unstack(a, data):
    axis = _axis(a, data)
    keep = data.draw(st.booleans(), label="keepdims")
    x = ovnp.asarray(a)
    assert_same(ovnp.count_nonzero(x, axis=axis, keepdims=keep),
                np.count_nonzero(a, axis=axis, keepdims=keep))
    assert_same(ovnp.count_nonzero(x), np.count_nonzero(a))
    edge = np.take(a, [0], axis=axis)
    assert_same(ovnp.diff(x, axis=axis, n=1, prepend=ovnp.asarray(edge), append=ovnp.asarray(edge)),
                np.diff(a, axis=axis, n=1, prepend=edge, append=edge), rtol=1e-6)
    got, want = ovnp.unstack(x, axis=axis), np.unstack(a, axis=axis)
    assert isinstance(got, tuple) and len(got) == len(want)
    for g, w in zip(got, want):
        assert_same(g, w)


@given(a=SMALL, data=st.data())
def test_permute_dims_matrix_transpose_concat_repeat_tile(a, data):
    x = ovnp.asarray(a)
    perm = tuple(data.draw(st.permutations(range(a.ndim)), label="perm"))
    assert_same(ovnp.permute_dims(x, perm), np.permute_dims(a, perm))
    if a.ndim >= 2:
        assert_same(ovnp.matrix_transpose(x), np.matrix_transpose(a))
        assert_same(x.mT, a.mT)
    assert_same(ovnp.concat([x, x], axis=None), np.concat([a, a], axis=None))
    axis = _axis(a, data)
    assert_same(ovnp.concat((x, x), axis=axis), np.concat((a, a), axis=axis))
    reps = data.draw(st.lists(st.integers(0, 2), min_size=a.shape[axis], max_size=a.shape[axis]),
                     label="repeats")
    assert_same(ovnp.repeat(x, ovnp.asarray(np.array(reps, np.int32)), axis=axis),
                np.repeat(a, reps, axis=axis))
    assert_same(ovnp.repeat(x, 2), np.repeat(a, 2))
    tiles = tuple(data.draw(st.lists(st.integers(1, 2), min_size=1, max_size=3), label="tiles"))
    assert_same(ovnp.tile(x, tiles), np.tile(a, tiles))


@given(a=SMALL, data=st.data())
def test_take_along_axis_searchsorted_and_clip(a, data):
    x = ovnp.asarray(a)
    order = np.argsort(a, axis=-1, stable=True)
    assert_same(ovnp.take_along_axis(x, ovnp.asarray(order)),  # axis defaults to -1
                np.take_along_axis(a, order, axis=-1))
    side = data.draw(st.sampled_from(["left", "right"]), label="side")
    sorted_ = np.sort(a.ravel())
    assert_same(ovnp.searchsorted(ovnp.asarray(sorted_), x, side=side),
                np.searchsorted(sorted_, a, side=side))
    lo = data.draw(st.sampled_from([None, -20, 0]), label="min")   # scalars are compiled in:
    hi = data.draw(st.sampled_from([None, 5]), label="max")        # few values, few models
    assert_same(ovnp.clip(x, min=lo, max=hi), np.clip(a, min=lo, max=hi))


def _exact(got, want):
    """Bit-for-bit values (NaN where NumPy has NaN; -0.0 and 0.0 compare equal)."""
    assert isinstance(got, ovnp.ndarray) and got.dtype == want.dtype, (got.dtype, want.dtype)
    np.testing.assert_array_equal(got.to_numpy(), want)


def _no_nan(d):
    return st.floats(width=16 if d == np.float16 else 32, allow_nan=False)


@given(a=arrays(dtypes=FLOAT_DTYPES, shape=FEW_SHAPES), data=st.data())
def test_hypot_copysign_nextafter(a, data):
    # NaN signs of b: below and tests/test_elementwise_nansign.py
    b = data.draw(arrays(dtype=a.dtype, shape=a.shape, elements_of=_no_nan), label="b")
    x, y = ovnp.asarray(a), ovnp.asarray(b)
    with np.errstate(all="ignore"):
        assert_same(ovnp.hypot(x, y), np.hypot(a, b))
        _exact(ovnp.copysign(x, y), np.copysign(a, b))
        assert (ovnp.signbit(ovnp.copysign(x, y)).to_numpy() == np.signbit(b)).all()
        _exact(ovnp.nextafter(x, y), np.nextafter(a, b))   # bit for bit: test_elementwise_nextafter


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=str)
def test_nextafter_from_infinity_steps_to_the_largest_finite(dtype):
    a = np.array([np.inf, -np.inf], dtype)
    b = np.array([0.0, 0.0], dtype)
    _exact(ovnp.nextafter(ovnp.asarray(a), ovnp.asarray(b)), np.nextafter(a, b))


def test_copysign_takes_the_sign_bit_of_nan():
    a = np.array([1.0, 2.0], np.float32)
    b = np.copysign(np.array([np.nan, np.nan], np.float32), np.float32([-1.0, 1.0]))
    _exact(ovnp.copysign(ovnp.asarray(a), ovnp.asarray(b)), np.copysign(a, b))


def test_signbit_and_copysign_of_nan():
    n = np.array([-np.nan, np.nan], np.float32)
    assert ovnp.signbit(ovnp.asarray(n)).tolist() == [True, False]
    a = np.array([np.nan, np.nan], np.float32)
    b = np.array([-1.0, 1.0], np.float32)
    got = ovnp.signbit(ovnp.copysign(ovnp.asarray(a), ovnp.asarray(b)))
    assert got.tolist() == np.signbit(np.copysign(a, b)).tolist() == [True, False]


@given(a=arrays(dtypes=INT_DTYPES, shape=FEW_SHAPES), data=st.data())
def test_bitwise_shifts_and_invert(a, data):
    bits = a.dtype.itemsize * 8
    b = data.draw(arrays(dtype=a.dtype, shape=a.shape,
                         elements_of=lambda d: st.integers(0, bits - 1)), label="shift")
    x, y = ovnp.asarray(a), ovnp.asarray(b)
    assert_same(ovnp.bitwise_left_shift(x, y), np.bitwise_left_shift(a, b))
    assert_same(ovnp.bitwise_right_shift(x, y), np.bitwise_right_shift(a, b))
    assert_same(ovnp.bitwise_invert(x), np.bitwise_invert(a))


@given(pair=st.integers(1, 4).flatmap(lambda n: st.tuples(
    arrays(dtype=np.float32, shape=shapes(1, 3, 1, 4).map(lambda s: s[:-1] + (n,)),
           elements_of=lambda d: small_float),
    arrays(dtype=np.float32, shape=shapes(1, 2, 1, 4).map(lambda s: s[:-1] + (n,)),
           elements_of=lambda d: small_float))))
def test_vecdot_broadcasts_over_batches(pair):
    a, b = pair
    try:
        want = np.vecdot(a, b)
    except ValueError:
        with pytest.raises(ValueError):
            ovnp.vecdot(ovnp.asarray(a), ovnp.asarray(b))
        return
    assert_same(ovnp.vecdot(ovnp.asarray(a), ovnp.asarray(b)), want, rtol=1e-4, atol=1e-2)
    assert_same(ovnp.linalg.vecdot(ovnp.asarray(a), ovnp.asarray(b), axis=-1), want,
                rtol=1e-4, atol=1e-2)


@pytest.mark.parametrize("dtype", ["int8", "uint16", "int32", "float16", "float32", "bool"])
def test_astype_copy_and_device(dtype):
    x = ovnp.asarray([[1.5, -2.0], [0.0, 3.0]])
    y = ovnp.astype(x, getattr(ovnp, dtype), copy=True, device=x.device)
    assert_same(y, np.astype(x.to_numpy(), dtype))
    assert ovnp.astype(x, ovnp.float32, copy=True) is not x
    z = ovnp.astype(x, ovnp.float32)
    z[0, 0] = 9.0                                                   # a copy: x is untouched
    assert float(x[0, 0]) == 1.5


def test_astype_copy_false_returns_the_input():
    x = ovnp.asarray([1.0, 2.0])
    assert ovnp.astype(x, ovnp.float32, copy=False) is x


def test_unique_family_results_agree():
    a = np.array([[3, 1, 3], [2, 1, 3]], np.int32)
    x = ovnp.asarray(a)
    values, indices, inverse, counts = ovnp.unique_all(x)
    assert ovnp.unique_all(x)._fields == ("values", "indices", "inverse_indices", "counts")
    v = values.to_numpy()
    assert sorted(v.tolist()) == [1, 2, 3]
    assert_same(ovnp.take(ovnp.reshape(x, (-1,)), indices), v)
    assert inverse.shape == a.shape and np.array_equal(v[inverse.to_numpy()], a)
    assert {int(k): int(c) for k, c in zip(v, counts.to_numpy())} == {1: 2, 2: 1, 3: 3}
    u, c = ovnp.unique_counts(x)
    assert {int(k): int(n) for k, n in zip(u.to_numpy(), c.to_numpy())} == {1: 2, 2: 1, 3: 3}
    u, inv = ovnp.unique_inverse(x)
    assert np.array_equal(u.to_numpy()[inv.to_numpy()], a)


def test_unique_values_is_sorted_like_every_array_api_library():
    a = np.array([2, 0, 1, 1, 2, 0], np.int32)   # NumPy 2.4: unique_values(a[:3]) -> [1 0 2]
    assert ovnp.unique_values(ovnp.asarray(a[:3])).tolist() == [0, 1, 2]


def test_sort_descending():
    a = np.array([[3.0, 1.0, 2.0, 1.0]], np.float32)
    x = ovnp.asarray(a)
    assert ovnp.sort(x, axis=-1, descending=True).tolist() == [[3.0, 2.0, 1.0, 1.0]]
    # stable descending keeps equal elements in their original order
    assert ovnp.argsort(x, descending=True, stable=True).tolist() == [[0, 2, 1, 3]]


def test_python_scalars_in_binary_functions_and_where():
    x = ovnp.asarray(np.array([1, -2, 3], np.int16))
    assert_same(ovnp.add(2, x), np.add(2, x.to_numpy()))
    assert_same(ovnp.maximum(x, 0), np.maximum(x.to_numpy(), 0))
    f = ovnp.asarray(np.array([1.0, -2.0], np.float32))
    assert_same(ovnp.where(f > 0, f, 0.0), np.where(f.to_numpy() > 0, f.to_numpy(), np.float32(0)))
    assert_same(ovnp.where(f > 0, 1.0, f), np.where(f.to_numpy() > 0, np.float32(1), f.to_numpy()))


# ------------------------------------------------------------------ dtypes and dtype functions

def test_64_bit_and_complex_names_follow_the_32_bit_policy():
    assert ovnp.asarray([1.0, 2.0], dtype=ovnp.float64).dtype == ovnp.float32
    assert ovnp.zeros(2, dtype=ovnp.int64).dtype == ovnp.int32
    assert ovnp.ones(2, dtype=ovnp.uint64).dtype == ovnp.uint32
    assert ovnp.astype(ovnp.asarray([1, 2]), ovnp.float64).dtype == ovnp.float32
    for name in ("complex64", "complex128"):
        assert ovnp.zeros(2, dtype=getattr(ovnp, name)).dtype == ovnp.complex64
    assert ovnp.isdtype(ovnp.float64, "real floating")
    assert ovnp.isdtype(ovnp.complex64, "complex floating")
    assert not ovnp.isdtype(ovnp.int64, ("real floating", "unsigned integer"))
    assert ovnp.isdtype(ovnp.int64, "signed integer")


@pytest.mark.parametrize("dtype", NUMERIC_DTYPES + [np.dtype(np.bool_)], ids=str)
def test_isdtype_kinds_match_numpy(dtype):
    for kind in ("bool", "signed integer", "unsigned integer", "integral", "real floating",
                 "complex floating", "numeric", ("integral", "real floating")):
        assert ovnp.isdtype(dtype, kind) == np.isdtype(dtype, kind), kind
    assert ovnp.isdtype(dtype, dtype) and not ovnp.isdtype(dtype, np.dtype(np.float64))
    with pytest.raises(ValueError):
        ovnp.isdtype(dtype, "floating")


def test_finfo_iinfo_result_type_can_cast():
    assert ovnp.finfo(ovnp.float32).eps == np.finfo(np.float32).eps
    assert ovnp.finfo(ovnp.asarray([1.0])).dtype == ovnp.float32
    assert ovnp.finfo(ovnp.float64).bits == 32            # narrowed: describes float32
    assert ovnp.iinfo(ovnp.int16).max == 32767 and ovnp.iinfo(ovnp.int64).bits == 32
    assert ovnp.iinfo(ovnp.asarray([1], dtype=ovnp.uint8)).max == 255
    assert ovnp.result_type(ovnp.int8, ovnp.uint8) == ovnp.int16
    assert ovnp.result_type(ovnp.asarray([1], dtype=ovnp.int8), 1) == ovnp.int8
    assert ovnp.result_type(ovnp.int32, ovnp.uint32) == ovnp.int32      # NumPy int64, narrowed
    assert ovnp.result_type(ovnp.float16, 1.0) == ovnp.float16
    assert ovnp.can_cast(ovnp.int8, ovnp.int16) and not ovnp.can_cast(ovnp.int16, ovnp.int8)
    assert ovnp.can_cast(ovnp.asarray([1.0]), ovnp.float32)
    assert not ovnp.can_cast(ovnp.asarray([1.0]), ovnp.int32)


# ------------------------------------------------------------------ inspection: truthful answers

def test_inspection_dtypes_are_the_ones_ovnp_computes():
    info = ovnp.__array_namespace_info__()
    for name, dtype in info.dtypes().items():
        x = ovnp.zeros(2, dtype=dtype) + ovnp.ones(2, dtype=dtype)
        assert x.dtype == dtype and str(dtype) == name
        assert x.to_numpy().dtype == dtype
    assert set(info.dtypes()) == {"bool", "int8", "int16", "int32", "uint8", "uint16",
                                  "uint32", "float16", "float32", "complex64"}
    assert set(info.dtypes(kind="integral")) == {"int8", "int16", "int32", "uint8", "uint16",
                                                 "uint32"}
    assert info.dtypes(kind="complex floating") == {"complex64": ovnp.complex64}
    assert set(info.dtypes(kind=("bool", "real floating"))) == {"bool", "float16", "float32"}


def test_inspection_defaults_are_what_ovnp_does():
    info = ovnp.__array_namespace_info__()
    defaults = info.default_dtypes(device=info.default_device())
    assert ovnp.asarray(1.0).dtype == defaults["real floating"]
    assert ovnp.asarray([1]).dtype == ovnp.arange(3).dtype == defaults["integral"]
    x = ovnp.asarray([3.0, 1.0, 2.0])
    assert ovnp.argmax(x).dtype == ovnp.argsort(x).dtype == defaults["indexing"]
    assert ovnp.nonzero(x)[0].dtype == defaults["indexing"]
    assert defaults["complex floating"] == ovnp.complex64
    assert info.default_device() in info.devices()
    assert x.device == info.default_device()
    for device in info.devices():
        assert ovnp.asarray([1.0], device=device).device == device
    with pytest.raises(Exception):
        info.default_dtypes(device="NO_SUCH_DEVICE")


def test_inspection_capabilities_hold():
    caps = ovnp.__array_namespace_info__().capabilities()
    assert set(caps) == {"boolean indexing", "data-dependent shapes", "max dimensions"}
    x = ovnp.asarray(np.array([1.0, -2.0, 3.0], np.float32))
    if caps["boolean indexing"]:
        assert x[x > 0].tolist() == [1.0, 3.0]
    if caps["data-dependent shapes"]:
        assert ovnp.nonzero(x > 0)[0].tolist() == [0, 2]
        assert ovnp.unique_values(ovnp.abs(x) > 1).shape == (2,)
    n = caps["max dimensions"]
    a = np.arange(6, dtype=np.float32).reshape((1,) * (n - 2) + (2, 3))
    y = ovnp.asarray(a)
    # A few ops at the advertised limit, including the ones that break first above it
    # (vecdot/matmul at 12-13 dimensions; reductions, sort and astype crash at 13).
    assert_same(ovnp.vecdot(y, y), np.vecdot(a, a))
    assert_same(ovnp.max(y * 2.0, axis=-1), np.max(a * 2, axis=-1))
    assert_same(ovnp.astype(ovnp.sort(y, axis=-1), ovnp.int8), np.sort(a, axis=-1).astype(np.int8))


# ------------------------------------------------------------------ NumPy out= arrays

def test_numpy_out_array_receives_ovnp_results():
    # scikit-learn's own NumPy code does `cov = np.zeros(...); cov += ovnp_array`.
    acc = np.zeros(3)
    x = ovnp.asarray([1.0, 2.0, 3.0])
    acc += x
    assert type(acc) is np.ndarray and acc.dtype == np.float64 and acc.tolist() == [1, 2, 3]
    out = np.zeros(3, np.float32)
    assert np.add(x, 1.0, out=out) is out and out.tolist() == [2, 3, 4]
    q, r = np.zeros(3, np.float32), np.zeros(3, np.float32)
    assert np.divmod(x, 2.0, out=(q, r))[0] is q and q.tolist() == [0, 1, 1] and r.tolist() == [1, 0, 1]
    masked = np.full(3, -1.0)
    np.multiply(x, 2.0, out=masked, where=np.array([True, False, True]))
    assert masked.tolist() == [2.0, -1.0, 6.0]
    with pytest.raises(TypeError):           # same_kind casting refuses float -> int, as NumPy
        ints = np.zeros(3, np.int32)
        ints += x
