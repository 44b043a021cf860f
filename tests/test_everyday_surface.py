"""What NumPy users type every day (issue 15 items 1, 2 and 4): scalar types and the type
hierarchy, the names NumPy code reaches for (s_, mgrid, vectorize, testing, poly1d,
ndarray(shape), ...), ndarray's remaining methods and attributes, and cheap iteration."""

import pickle

import numpy as np
import pytest

import ovnp
from strategies import assert_same


# ---------------------------------------------------------------- 1. scalar types

def test_scalar_types_are_numpys_and_callable():
    assert ovnp.float32(3.0) == np.float32(3.0) and type(ovnp.float32(3.0)) is np.float32
    assert type(ovnp.int32(7)) is np.int32 and ovnp.int32(7) == 7
    assert type(ovnp.float64(1)) is np.float64
    assert type(ovnp.bool_(True)) is np.bool_ and ovnp.bool is np.bool
    x = ovnp.ones(3)
    assert x.dtype.type is ovnp.float32
    assert ovnp.issubdtype(x.dtype, ovnp.floating) and not ovnp.issubdtype(x.dtype, ovnp.integer)
    assert np.issubdtype(ovnp.arange(3).dtype, ovnp.signedinteger)
    assert ovnp.asarray([1], dtype=ovnp.uint8).dtype.type is ovnp.uint8


@pytest.mark.parametrize("name", ["generic", "number", "integer", "signedinteger",
                                  "unsignedinteger", "inexact", "floating",
                                  "complexfloating", "bool"])
def test_type_hierarchy_is_numpys(name):
    assert getattr(ovnp, name) is getattr(np, name)


@pytest.mark.parametrize("alias, array_dtype", [
    ("double", "float32"), ("single", "float32"), ("half", "float16"), ("intp", "int32"),
    ("uint", "uint32"), ("int_", "int32"), ("longlong", "int32"), ("float64", "float32"),
    ("int64", "int32"), ("uint64", "uint32")])
def test_aliases_are_numpys_and_arrays_follow_the_32_bit_policy(alias, array_dtype):
    scalar_type = getattr(ovnp, alias)
    assert scalar_type is getattr(np, alias)
    assert ovnp.zeros(2, dtype=scalar_type).dtype == np.dtype(array_dtype)
    assert ovnp._scalar_types.array_dtypes()[alias] == array_dtype


def test_wide_numpy_scalar_with_an_array_gives_the_narrowed_dtype_and_numpys_values():
    a = ovnp.arange(3)
    result = ovnp.int64(5) + a
    assert_same(result, np.int64(5) + np.arange(3))        # int64 -> int32, same values
    assert (ovnp.float64(0.5) * ovnp.ones(2)).dtype == np.float32
    assert ovnp.result_type(ovnp.int32, ovnp.uint32) == np.int32
    assert ovnp.result_type(float, ovnp.int8) == np.float32   # the type float: float64


def test_scalar_types_work_as_dtype_arguments_everywhere():
    assert ovnp.finfo(ovnp.float64).bits == 32
    assert ovnp.iinfo(ovnp.int64).bits == 32
    assert ovnp.isdtype(ovnp.float32, "real floating")
    assert ovnp.can_cast(ovnp.int8, ovnp.float32)
    assert ovnp.astype(ovnp.arange(3), ovnp.float32).dtype == np.float32
    with pytest.raises(TypeError, match="does not support dtype"):
        ovnp.zeros(2, dtype=ovnp.str_)


# ---------------------------------------------------------------- 2. missing names

def test_index_expressions_are_numpys():
    assert ovnp.s_[1:3, ::2] == np.s_[1:3, ::2]
    assert ovnp.index_exp[2] == np.index_exp[2]
    a = ovnp.arange(10)
    assert_same(a[ovnp.s_[2:8:3]], np.arange(10)[np.s_[2:8:3]])


@pytest.mark.parametrize("key", [np.s_[0:3, 0:2], np.s_[0:1:5j, -1:1:0.5], np.s_[5:0:-2],
                                 np.s_[0:4]])
def test_mgrid_and_ogrid_match_numpy(key):
    for ov, ref in ((ovnp.mgrid, np.mgrid), (ovnp.ogrid, np.ogrid)):
        got, want = ov[key], ref[key]
        if isinstance(want, np.ndarray):
            assert_same(got, want)
        else:
            assert type(got) is type(want) and len(got) == len(want)
            for g, w in zip(got, want):
                assert_same(g, w)


def test_vectorize_calls_the_function_per_element_as_numpy():
    def clipped(x, limit):
        return x if x < limit else limit - 1
    got = ovnp.vectorize(clipped)(ovnp.arange(6), 3)
    assert_same(got, np.vectorize(clipped)(np.arange(6), 3))

    @ovnp.vectorize(otypes=[float])
    def third(x):
        return x / 3
    assert_same(third(ovnp.arange(4)), np.vectorize(lambda x: x / 3, otypes=[float])(np.arange(4)))
    with_sig = ovnp.vectorize(lambda v: v.sum(), signature="(n)->()")
    assert_same(with_sig(ovnp.ones((2, 3))), np.ones((2, 3)).sum(axis=1))


def test_testing_asserts_on_ovnp_arrays():
    ovnp.testing.assert_allclose(ovnp.arange(3.0) / 3, np.arange(3) / 3, rtol=1e-6)
    ovnp.testing.assert_array_equal([ovnp.arange(2)], [[0, 1]])
    with pytest.raises(AssertionError, match="Mismatched elements: 1 / 3"):
        ovnp.testing.assert_array_equal(ovnp.arange(3), [0, 1, 3])
    assert ovnp.testing.assert_raises is np.testing.assert_raises


def test_exceptions_namespace():
    assert ovnp.exceptions.AxisError is np.exceptions.AxisError
    assert issubclass(ovnp.exceptions.DTypePolicyError, TypeError)
    with pytest.raises(ovnp.exceptions.AxisError):
        ovnp.sum(ovnp.ones(2), axis=3)
    with pytest.raises(ovnp.exceptions.DTypePolicyError):
        ovnp.asarray(np.array(["a"]))


def _views(m):
    return {"rows": (m[0], m[1]), "interleaved": (m[:, ::2], m[:, 1::2]),
            "transpose": (m, m.T), "row-column": (m[0], m[:, 0]),
            "overlap": (m[1:], m[:2]), "reshaped": (m.reshape(12)[3:5], m[1]),
            "disjoint blocks": (m[:1, :2], m[1:, 2:])}


def test_shares_memory_of_views_as_numpy():
    ours, theirs = _views(ovnp.arange(12).reshape(3, 4)), _views(np.arange(12).reshape(3, 4))
    for name in ours:
        assert ovnp.shares_memory(*ours[name]) == np.shares_memory(*theirs[name]), name
        assert ovnp.may_share_memory(*ours[name]) == np.may_share_memory(*theirs[name]), name
    a = ovnp.arange(3)
    assert not ovnp.shares_memory(a, ovnp.arange(3))
    assert not ovnp.may_share_memory(a, a.to_numpy())   # ovnp copies out


def test_ndarray_constructor():
    a = ovnp.ndarray((2, 3))
    assert isinstance(a, ovnp.ndarray) and a.shape == (2, 3) and a.dtype == np.float32
    assert ovnp.ndarray((4,), dtype=ovnp.int64).dtype == np.int32
    buf = np.arange(6, dtype=np.int16).tobytes()
    assert_same(ovnp.ndarray((2,), np.int16, buffer=buf, offset=4, strides=(4,)),
                np.ndarray((2,), np.int16, buffer=buf, offset=4, strides=(4,)))
    assert ovnp.ndarray((2,), device="cpu").device == "CPU"
    assert ovnp.ndarray[int] is not None      # generic alias, as numpy.ndarray[Any]


def test_poly1d_matches_numpy():
    p, q = ovnp.poly1d([1.0, 2.0, 3.0]), np.poly1d([1.0, 2.0, 3.0])
    assert_same(p(ovnp.arange(4.0)), q(np.arange(4.0)))
    assert_same((p * p).coeffs, (q * q).coeffs)
    assert_same((p + 1).c, (q + 1).c)
    assert_same((p - [1, 1]).coef, (q - [1, 1]).coef)
    assert_same((p ** 2).coeffs, (q ** 2).coeffs)
    assert_same(p.deriv().coeffs, q.deriv().coeffs)
    assert_same(p.integ().coeffs, q.integ().coeffs)
    quotient, remainder = p / ovnp.poly1d([1.0, 1.0])
    want_q, want_r = q / np.poly1d([1.0, 1.0])
    assert_same(quotient.coeffs, want_q.coeffs) and assert_same(remainder.coeffs, want_r.coeffs)
    assert str(p) == str(q) and p.order == q.order == len(p) and p.variable == "x"
    assert float(p[0]) == q[0] and p[7] == 0 and p == ovnp.poly1d([0, 1.0, 2.0, 3.0])
    assert_same(ovnp.poly1d([1, 2], r=True).coeffs, np.poly1d([1, 2], r=True).coeffs)
    p[4] = 2.0
    q[4] = 2.0
    assert_same(p.coeffs, q.coeffs)


def test_ndarray_methods_match_numpy():
    a, n = ovnp.arange(12.0).reshape(3, 4), np.arange(12.0, dtype=np.float32).reshape(3, 4)
    assert_same(a.diagonal(1), n.diagonal(1))
    for got, want in zip(a.nonzero(), (n > 0).nonzero() if False else n.nonzero()):
        assert_same(got, want)
    assert_same(a.take([1, 5], axis=None), n.take([1, 5]))
    assert_same(a.compress([True, False, True], axis=0), n.compress([True, False, True], axis=0))
    assert_same(ovnp.asarray([0, 1, 0]).choose([[1, 2, 3], [4, 5, 6]]),
                np.array([0, 1, 0]).choose([[1, 2, 3], [4, 5, 6]]))
    assert a.tobytes() == n.tobytes() and a.T.tobytes("F") == n.T.tobytes("F")
    b, m = ovnp.arange(5), np.arange(5, dtype=np.int32)
    assert b.put([0, 2], [9, 8]) is None
    m.put([0, 2], [9, 8])
    assert_same(b, m)
    assert_same(b.byteswap(), m.byteswap())
    assert 8 in b and 100 not in b
    assert_same(pickle.loads(b.dumps()), m)


def test_tofile(tmp_path):
    ovnp.arange(5).tofile(tmp_path / "a.bin")
    assert np.fromfile(tmp_path / "a.bin", np.int32).tolist() == [0, 1, 2, 3, 4]
    ovnp.arange(3.0).tofile(tmp_path / "a.txt", sep=",")
    assert (tmp_path / "a.txt").read_text() == "0.0,1.0,2.0"


def test_round_builtin():
    x = ovnp.asarray([1.25, 2.5, -0.55])
    assert_same(round(x, 1), np.round(np.array([1.25, 2.5, -0.55], np.float32), 1))
    assert round(ovnp.asarray(2.5)) == round(np.float32(2.5)) == 2
    assert type(round(ovnp.asarray(3.7))) is int
    with pytest.raises(TypeError):
        round(x)        # NumPy's ndarray has no __round__; only 0-d arrays round to int


def test_resize_in_place_as_numpy():
    a, n = ovnp.arange(5.0), np.arange(5.0, dtype=np.float32)
    a.resize(7)
    n.resize(7)
    assert_same(a, n)
    a.resize((2, 2))
    n.resize((2, 2))
    assert_same(a, n)
    holder = a      # noqa: F841  (a second reference, as NumPy's refcheck sees it)
    with pytest.raises(ValueError, match="referenced"):
        a.resize(3)
    with pytest.raises(ValueError, match="does not own its data"):
        a[0].resize(1, refcheck=False)


def test_shape_setter_strides_flags_base():
    a, n = ovnp.arange(6.0), np.arange(6.0, dtype=np.float32)
    a.shape = (3, 2)
    n.shape = (3, 2)
    assert_same(a, n)
    assert a.strides == n.strides and a.T.strides == n.T.strides
    wide, wide_n = ovnp.arange(12.0).reshape(3, 4), np.arange(12.0, dtype=np.float32).reshape(3, 4)
    for index in (np.s_[:, ::2], np.s_[::-1, 1:3], np.s_[1], np.s_[..., ::3]):
        assert wide[index].strides == wide_n[index].strides, index
    assert ovnp.broadcast_to(wide[0], (2, 4)).strides == np.broadcast_to(wide_n[0], (2, 4)).strides
    for view, ref in ((a, n), (a.T, n.T), (a[:, 1], n[:, 1])):
        for flag in ("C_CONTIGUOUS", "F_CONTIGUOUS", "OWNDATA", "WRITEABLE"):
            assert view.flags[flag] == ref.flags[flag], flag
    assert a.base is None and a.T.base is a and a.T[0].base is a
    row = a[1]          # a contiguous view reshaped in place: writes still reach a
    row.shape = (2, 1)
    row[1, 0] = 30.0
    assert a[1, 1] == 30.0
    with pytest.raises(AttributeError, match="Incompatible shape"):
        a.T.shape = (6,)    # NumPy needs a copy for this: it refuses, and so does ovnp
    with pytest.raises(ValueError):
        a.flags["WRITEABLE"] = False


# ---------------------------------------------------------------- 4. iteration

def test_iteration_materializes_once_and_yields_numpy_scalars():
    values = np.random.default_rng(0).random(1000, dtype=np.float32)
    x = ovnp.asarray(values) * 2.0
    before = ovnp.stats()["device_runs"]
    ordered = sorted(x)
    assert ovnp.stats()["device_runs"] - before <= 1
    assert ordered == sorted(values * 2) and type(ordered[0]) is np.float32
    assert max(x) == (values * 2).max() and list(x) == list(values * 2)
    assert ovnp.stats()["device_runs"] - before <= 1


def test_iteration_sees_writes_made_during_the_loop():
    a, n = ovnp.arange(5), np.arange(5, dtype=np.int32)
    for arr in (a, n):
        for i, v in enumerate(arr):
            if i < 4:
                arr[i + 1] += v
    assert_same(a, n)


def test_iterating_rows_gives_views():
    m, n = ovnp.zeros((3, 2)), np.zeros((3, 2), np.float32)
    for rows in (m, n):
        for k, row in enumerate(rows):
            row += k
    assert_same(m, n)
    with pytest.raises(TypeError, match="0-d"):
        iter(ovnp.asarray(1.0))
