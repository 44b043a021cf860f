"""Operators, ufunc objects and the Python-level elementwise functions (issue 3)."""

import operator

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import FLOAT_DTYPES, arrays, assert_same, same_error

f32 = np.float32


def A(values, dtype=None):
    return ovnp.asarray(np.array(values, dtype=dtype))


BINOPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv,
          operator.mod, operator.pow, operator.and_, operator.or_, operator.xor,
          operator.lshift, operator.rshift, operator.eq, operator.ne, operator.lt, operator.le,
          operator.gt, operator.ge]


@pytest.mark.parametrize("op", BINOPS, ids=lambda o: o.__name__)
def test_operators_and_reflected_forms(op):
    a = np.array([[5, -3, 7], [1, 2, 0]], np.int32)
    b = np.array([2, 3, 1], np.int32)
    with np.errstate(all="ignore"):
        assert_same(op(ovnp.asarray(a), ovnp.asarray(b)), op(a, b))
        assert_same(op(ovnp.asarray(a), 3), op(a, 3))
        assert_same(op(3, ovnp.asarray(b)), op(3, b))


def test_unary_operators_and_divmod():
    a = np.array([5, -3, 0], np.int32)
    x = ovnp.asarray(a)
    assert_same(-x, -a)
    assert_same(+x, +a)
    assert_same(~x, ~a)
    assert_same(abs(x), abs(a))
    q, r = divmod(x, 2)
    assert_same(q, a // 2)
    assert_same(r, a % 2)
    q, r = divmod(7, x + 10)
    assert_same(q, 7 // (a + 10))


def test_inplace_operators_update_the_callers_array():
    def f(arr):
        arr += 1
        arr *= 3
        arr //= 2

    x = A([1, 2, 3], np.int32)
    alias = x
    f(x)
    assert alias is x
    assert_same(x, (np.array([1, 2, 3], np.int32) + 1) * 3 // 2)
    same_error(lambda: A([1, 2], np.int32).__iadd__(1.5),
               lambda: np.array([1, 2], np.int32).__iadd__(1.5))


def test_python_scalars_are_weak():
    same_error(lambda: A([1], np.uint8) + 300, lambda: np.array([1], np.uint8) + 300)
    assert (A([1], np.uint8) + 3).dtype == np.uint8
    assert (A([1], np.float16) + 3.5).dtype == np.float16


def test_ufunc_objects():
    assert (ovnp.add.nin, ovnp.add.nout) == (2, 1)
    assert (ovnp.divmod.nin, ovnp.divmod.nout) == (2, 2)
    assert (ovnp.sqrt.nin, ovnp.sqrt.nout) == (1, 1)
    assert ovnp.true_divide is ovnp.divide and ovnp.acos is ovnp.arccos
    a = np.arange(12, dtype=np.int32).reshape(3, 4) - 5
    x = ovnp.asarray(a)
    assert_same(ovnp.subtract.outer(x[0] if False else ovnp.asarray(a[0]), ovnp.asarray(a[1])),
                np.subtract.outer(a[0], a[1]))
    assert_same(ovnp.subtract.reduce(x), np.subtract.reduce(a))
    assert_same(ovnp.subtract.reduce(x, axis=1, keepdims=True),
                np.subtract.reduce(a, axis=1, keepdims=True))
    assert_same(ovnp.bitwise_xor.reduce(x, axis=None), np.bitwise_xor.reduce(a, axis=None))
    assert_same(ovnp.maximum.accumulate(x, axis=1), np.maximum.accumulate(a, axis=1))
    assert_same(ovnp.subtract.accumulate(x), np.subtract.accumulate(a))
    assert_same(ovnp.add.reduce(x, axis=1), np.add.reduce(a, axis=1))
    same_error(lambda: ovnp.subtract.reduce(x, axis=None), lambda: np.subtract.reduce(a, axis=None))
    same_error(lambda: ovnp.subtract.reduce(ovnp.asarray(np.zeros((0, 2), np.int32))),
               lambda: np.subtract.reduce(np.zeros((0, 2), np.int32)))
    same_error(lambda: ovnp.sqrt.reduce(x), lambda: np.sqrt.reduce(a))
    assert_same(ovnp.bitwise_or.reduce(ovnp.asarray(np.zeros((0, 2), np.int32))),
                np.bitwise_or.reduce(np.zeros((0, 2), np.int32)))


@pytest.mark.parametrize("name,method", [("multiply", "reduce"), ("maximum", "reduce"),
                                         ("minimum", "reduce"), ("logical_and", "reduce"),
                                         ("logical_or", "reduce"), ("multiply", "accumulate"),
                                         ("add", "accumulate")])
def test_ufunc_methods_delegating_to_reductions(name, method):
    public = {"multiply": "prod", "maximum": "max", "minimum": "min", "logical_and": "all",
              "logical_or": "any"} if method == "reduce" else {"multiply": "cumprod",
                                                              "add": "cumsum"}
    if not hasattr(ovnp, public[name]):
        pytest.skip(f"ovnp.{public[name]} comes with the reductions family; "
                    f"{name}.{method} delegates to it")
    a = np.array([[3, -1, 2], [0, 5, -4]], np.int32)
    got = getattr(getattr(ovnp, name), method)(ovnp.asarray(a), axis=1)
    assert_same(got, getattr(getattr(np, name), method)(a, axis=1))


def test_ufunc_at_is_unbuffered():
    a = np.arange(5, dtype=np.int32)
    x = ovnp.asarray(a)
    alias = x
    ovnp.add.at(x, [0, 0, 3, 0], 10)
    np.add.at(a, [0, 0, 3, 0], 10)
    assert_same(alias, a)
    ovnp.negative.at(x, [1, 1])
    np.negative.at(a, [1, 1])
    assert_same(x, a)
    b = np.ones((2, 3), f32)
    y = ovnp.asarray(b)
    ovnp.multiply.at(y, (np.array([0, 1, 1]), np.array([2, 0, 0])), np.array([2, 3, 4], f32))
    np.multiply.at(b, (np.array([0, 1, 1]), np.array([2, 0, 0])), np.array([2, 3, 4], f32))
    assert_same(y, b)


def test_out_where_dtype_arguments():
    a = np.array([1.5, -2.0, 4.0], f32)
    out = A(np.zeros(3, f32))
    r = ovnp.sqrt(ovnp.asarray(a), out=out, where=ovnp.asarray(a > 0))
    assert r is out
    want = np.zeros(3, f32)
    np.sqrt(a, out=want, where=a > 0)
    assert_same(out, want)
    assert_same(ovnp.add(A([1, 2], np.int8), A([3, 4], np.int8), dtype=np.float32),
                np.add(np.array([1, 2], np.int8), np.array([3, 4], np.int8), dtype=np.float32))
    q, r = A(np.zeros(2, np.int32)), A(np.zeros(2, np.int32))
    ovnp.divmod(A([7, -7], np.int32), 2, out=(q, r))
    assert_same(q, np.array([3, -4], np.int32))
    assert_same(r, np.array([1, 1], np.int32))
    same_error(lambda: ovnp.add(A([1], np.int32), 1.5, out=A([0], np.int32)),
               lambda: np.add(np.array([1], np.int32), 1.5, out=np.array([0], np.int32)))


@given(a=arrays(dtypes=FLOAT_DTYPES), decimals=st.integers(-2, 3))
def test_round_matches_numpy(a, decimals):
    with np.errstate(all="ignore"):
        want = np.round(a, decimals)
    assert_same(ovnp.round(ovnp.asarray(a), decimals), want, ulp=2)
    assert_same(ovnp.asarray(a).round(decimals), want, ulp=2)


def test_round_integers():
    a = np.array([15, 25, 35, -15, -25, 149, 151], np.int32)
    for d in (0, 1, -1, -2):
        assert_same(ovnp.round(ovnp.asarray(a), d), np.round(a, d))


def test_round_of_bool_is_float16():
    """Issue 12 (sweep): round/around of bool returned bool; NumPy's is rint's float16, and
    with decimals NumPy cannot cast its float64 product back to bool (TypeError)."""
    a = np.array([True, False])
    for fn in (ovnp.round, ovnp.around, lambda x: x.round()):
        assert_same(fn(ovnp.asarray(a)), np.round(a))
        assert_same(fn(ovnp.asarray(a[0])), np.round(a[0]))
    for d in (1, -1):
        same_error(lambda: ovnp.round(ovnp.asarray(a), d), lambda: np.round(a, d))


@given(a=arrays(), lo=st.integers(-3, 3), hi=st.integers(-3, 3))
def test_clip_matches_numpy(a, lo, hi):
    if a.dtype.kind == "u" and lo < 0 or a.dtype.kind == "b":
        lo = 0
    if a.dtype.kind == "u" and hi < 0 or a.dtype.kind == "b":
        hi = 1
    assert_same(ovnp.clip(ovnp.asarray(a), lo, hi), np.clip(a, lo, hi))
    assert_same(ovnp.asarray(a).clip(lo, hi), a.clip(lo, hi))


def test_closeness_and_equality():
    a = np.array([1.0, np.nan, np.inf, -np.inf, 1e-9, 100.0], f32)
    b = np.array([1.0 + 1e-6, np.nan, np.inf, np.inf, 0.0, 100.01], f32)
    for eq in (False, True):
        assert_same(ovnp.isclose(ovnp.asarray(a), ovnp.asarray(b), equal_nan=eq),
                    np.isclose(a, b, equal_nan=eq))
    assert ovnp.allclose(A([1.0, 2.0], f32), A([1.0, 2.0 + 1e-7], f32)) is True
    assert ovnp.allclose(A([1.0, 2.0], f32), A([1.0, 2.1], f32)) is False
    assert ovnp.array_equal(A([1, 2], np.int32), A([1, 2], np.int32)) is True
    assert ovnp.array_equal(A([1, 2], np.int32), A([1, 2, 3], np.int32)) is False
    assert ovnp.array_equal(A([np.nan], f32), A([np.nan], f32), equal_nan=True) is True
    assert ovnp.array_equal(A([np.nan], f32), A([np.nan], f32)) is False
    assert ovnp.array_equiv(A([1, 2], np.int32), A([[1, 2], [1, 2]], np.int32)) is True
    assert ovnp.array_equiv(A([1, 2], np.int32), A([[1, 2], [1, 3]], np.int32)) is False
    assert ovnp.array_equiv(A([1, 2], np.int32), A([1, 2, 3], np.int32)) is False


def test_float_helpers():
    x = np.array([np.nan, np.inf, -np.inf, -0.0, 1.5, -2.5, 1e-45], f32)
    X = ovnp.asarray(x)
    assert_same(ovnp.nan_to_num(X), np.nan_to_num(x))
    assert_same(ovnp.nan_to_num(X, nan=1.0, posinf=2.0, neginf=-2.0),
                np.nan_to_num(x, nan=1.0, posinf=2.0, neginf=-2.0))
    assert_same(ovnp.isposinf(X), np.isposinf(x))
    assert_same(ovnp.isneginf(X), np.isneginf(x))
    assert_same(ovnp.fix(X), np.fix(x))
    assert_same(ovnp.sinc(X), np.sinc(x), ulp=8)
    assert_same(ovnp.real(X), np.real(x))
    assert_same(ovnp.imag(X), np.imag(x))
    assert_same(X.conj(), x.conj())
    assert_same(X.real, x.real)
    assert_same(ovnp.where(X > 0, X, 0.0), np.where(x > 0, x, 0.0))
    assert_same(ovnp.where(A([1, 0, 2], np.int32), 1, 2), np.where(np.array([1, 0, 2]), 1, 2))
