"""The eager host executor (ovnp/_eager.py): small work on computed CPU arrays runs at
once with NumPy, and gives what the OpenVINO path gives (the rest of the suite runs
with OVNP_EXECUTOR=openvino, see conftest.py; these tests switch the executor
themselves)."""

import io
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from ovnp import _eager, _ir

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from workloads import loops  # noqa: E402


@pytest.fixture
def eager():
    before = _eager.MODE
    _eager.set_executor("auto")
    yield
    _eager.set_executor(before)


def under(mode, fn, *hosts):
    """fn(ovnp arrays of hosts) computed with the executor `mode`, as NumPy arrays, and
    how many ops ran eagerly."""
    before = _eager.MODE
    _eager.set_executor(mode)
    try:
        count = _eager.counts["eager_ops"]
        out = fn(*[ovnp.asarray(h) if isinstance(h, np.ndarray) else h for h in hosts])
        out = out if isinstance(out, tuple) else (out,)
        values = tuple(o.to_numpy() if isinstance(o, ovnp.ndarray) else o for o in out)
        return values, _eager.counts["eager_ops"] - count
    finally:
        _eager.set_executor(before)


SPECIAL = [0.0, -0.0, 1.0, -1.5, 3.0, 1e-30, 1e30, 3e38, np.inf, -np.inf, np.nan]
floats = st.floats(width=32, allow_nan=True, allow_infinity=True) | st.sampled_from(SPECIAL)


def f32_arrays(n):
    return st.lists(floats, min_size=n, max_size=n).map(lambda v: np.array(v, np.float32))


# Exact in both executors: IEEE arithmetic, comparisons, NaN-propagating extremes.
EXACT_BINARY = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "fmax",
                "fmin", "equal", "not_equal", "less", "less_equal", "greater",
                "greater_equal", "copysign"]
EXACT_UNARY = ["negative", "absolute", "square", "sqrt", "floor", "ceil", "trunc", "rint",
               "isnan", "isinf", "isfinite", "signbit"]
# NumPy's float32 kernels against OpenVINO's: within a few float32 ulps.
CLOSE_UNARY = ["exp", "log", "tanh", "sin", "cos", "log1p", "expm1", "arctan"]


@pytest.mark.parametrize("name", EXACT_BINARY)
@given(a=f32_arrays(7), b=f32_arrays(7), scalar=st.sampled_from([None, 0.5, -2.0, 3]))
def test_binary_ops_match_openvino_exactly(name, a, b, scalar):
    fn = getattr(ovnp, name)
    body = (lambda x, y: fn(x, y)) if scalar is None else (lambda x, y: fn(x, scalar))
    (got,), ran = under("auto", body, a, b)
    (want,), _ = under("openvino", body, a, b)
    assert ran >= 1
    assert got.dtype == want.dtype == getattr(np, name)(a, b).dtype
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("name", EXACT_UNARY + CLOSE_UNARY)
@given(a=f32_arrays(9))
def test_unary_ops_match_openvino(name, a):
    fn = getattr(ovnp, name)
    (got,), ran = under("auto", fn, a)
    (want,), _ = under("openvino", fn, a)
    assert ran == 1 and got.dtype == want.dtype
    if name in EXACT_UNARY:
        np.testing.assert_array_equal(got, want)
    else:
        finite = np.isfinite(want) & (np.abs(a) < 1e4)     # large arguments: ulps of pi
        np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
        np.testing.assert_allclose(got[finite], want[finite], rtol=2e-6, atol=2e-7)


@pytest.mark.parametrize("name", ["sum", "max", "min"])
@given(a=f32_arrays(12), axis=st.sampled_from([None, 0, 1, (0, 1)]), keepdims=st.booleans())
def test_float32_reductions_match_openvino(name, a, axis, keepdims):
    def body(x):
        return getattr(ovnp, name)(x.reshape(3, 4), axis=axis, keepdims=keepdims)
    (got,), ran = under("auto", body, a)
    (want,), _ = under("openvino", body, a)
    assert ran >= 1 and got.dtype == want.dtype and got.shape == want.shape
    if name == "sum":
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-30)
    else:
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("body", [
    lambda x: ovnp.dot(x[0], x[1]), lambda x: ovnp.dot(x, x.T), lambda x: x @ x.T,
    lambda x: ovnp.einsum("ij,ij->i", x, x), lambda x: ovnp.inner(x, x)],
    ids=["dot-1d", "dot-2d", "matmul", "einsum", "inner"])
@given(a=st.lists(st.floats(-1e3, 1e3, width=32), min_size=12, max_size=12))
def test_float32_products_match_openvino(body, a):
    a = np.array(a, np.float32)
    run = lambda x: body(x.reshape(3, 4))   # noqa: E731
    (got,), ran = under("auto", run, a)
    (want,), _ = under("openvino", run, a)
    assert ran >= 2 and got.dtype == want.dtype == np.float32 and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-3)


@given(f32_arrays(12), st.integers(0, 11), st.integers(-12, 12), st.sampled_from([1, 2, -1]))
def test_slices_reads_and_writes_match_openvino_and_numpy(a, i, j, step):
    def body(x):
        y = x[i:j:step] * 2.0
        x[i:j:step] = y + 1.0
        x[i % 12] = -x[(i + 1) % 12]
        z = x.reshape(3, 4).T[1:]
        z[0] = 7.0              # a write through a view of a view
        return x, z.copy()
    want_np = a.copy()
    y = want_np[i:j:step] * np.float32(2.0)
    want_np[i:j:step] = y + np.float32(1.0)
    want_np[i % 12] = -want_np[(i + 1) % 12]
    z = want_np.reshape(3, 4).T[1:]
    z[0] = 7.0
    got, ran = under("auto", body, a)
    want, _ = under("openvino", body, a)
    assert ran > 0
    for g, w, n in zip(got, want, (want_np, z.copy())):
        np.testing.assert_array_equal(g, w)
        np.testing.assert_array_equal(g, n)


def test_views_and_aliases_see_writes(eager):
    a = ovnp.asarray(np.arange(10, dtype=np.float32))
    b = a[1:]
    a[2] = 5
    assert b.tolist()[1] == 5
    b[0] = 7
    assert a.tolist()[1] == 7
    c = a[::2][1:]
    a[4] = -1
    assert c.tolist() == [5.0, -1.0, 6.0, 8.0]
    a[1:4] += 1
    assert a.tolist()[:5] == [0.0, 8.0, 6.0, 4.0, -1.0]
    v = a[5:]
    v += 10
    assert a.tolist()[5:] == [15.0, 16.0, 17.0, 18.0, 19.0]
    alias = a
    alias *= 2
    assert a.tolist()[0:2] == [0.0, 16.0]


def test_writes_in_place_never_reach_what_others_hold(eager):
    host = np.arange(8, dtype=np.float32)
    a = ovnp.asarray(host)
    out = a.to_numpy()
    shared = np.asarray(a)              # NumPy's view of ovnp's own buffer (read-only)
    view = a[2:5]
    before_view = view.to_numpy()
    big = ovnp.asarray(np.ones(200_000, np.float32))
    pending = big * 2                   # a lazy graph over big's node
    a[3] = 100
    big[0] = 5
    assert out[3] == 3 and shared[3] == 3 and host[3] == 3
    assert view.tolist() == [2.0, 100.0, 4.0] and before_view.tolist() == [2.0, 3.0, 4.0]
    assert pending[:2].tolist() == [2.0, 2.0]
    assert big[:2].tolist() == [5.0, 1.0]


def test_a_write_goes_in_place_when_nothing_else_holds_the_buffer(eager):
    a = ovnp.asarray(np.zeros(1000, np.float32))
    buffer = id(a._node.value)
    a[10:20] = 1.0
    assert id(a._node.value) == buffer and a.to_numpy()[10:20].sum() == 10


def test_integer_float16_and_large_work_is_left_to_the_graph(eager):
    i32 = ovnp.asarray(np.array([2**30, 5], np.int32))
    u8 = ovnp.asarray(np.array([200, 100], np.uint8))
    f16 = ovnp.asarray(np.array([1.5, 2.5], np.float16))
    large = ovnp.asarray(np.ones(_eager.MAX_ELEMENTS + 1, np.float32))
    for r in (i32 + i32, u8 + u8, u8 * 3, i32 // 2, f16 * f16, large + 1.0, ovnp.sum(i32)):
        assert r._node.value is None, r._node
    assert (i32 + i32).tolist() == [-2**31, 10]     # explicit int32 wraps as NumPy's
    assert (u8 + u8).tolist() == [144, 200]
    assert (f16 * f16).dtype == np.float16


def test_other_devices_never_run_on_the_host(eager):
    value = np.ones(4, np.float32)
    x = _ir.Node("data", (), (), (4,), value.dtype, "GPU", value)
    node = _ir.Node("add", (x, x), (), (4,), value.dtype, "GPU")
    assert _eager.run(node).value is None
    cpu = _ir.Node("data", (), (), (4,), value.dtype, "CPU", value)
    assert _eager.run(_ir.Node("add", (cpu, cpu), (), (4,), value.dtype, "CPU")).value is not None


def test_pending_inputs_stay_lazy_and_jit_still_traces(eager):
    big = ovnp.asarray(np.ones(200_000, np.float32))
    small = ovnp.sum(big.reshape(4, -1), axis=1)        # small, but pending
    r = small * 2.0
    assert r._node.value is None
    assert r.tolist() == [100_000.0] * 4
    f = ovnp.jit(lambda x, y: x * y + 1.0)
    a = ovnp.asarray(np.arange(4, dtype=np.float32))
    assert f(a, a).tolist() == [1.0, 2.0, 5.0, 10.0] and f.traces == 1
    assert f(a + 1.0, a).tolist() == [1.0, 3.0, 7.0, 13.0] and f.traces == 1


def test_export_records_the_graph(eager, tmp_path):
    a = np.arange(4, dtype=np.float32)
    xml = ovnp.export(lambda x: x * 2.0 + 1.0, a, path=tmp_path / "m.xml")
    text = open(xml).read()
    assert "Multiply" in text and "Add" in text


def test_stats_and_explain_name_the_executor(eager):
    before = ovnp.stats()["eager_ops"]
    a = ovnp.asarray(np.arange(4, dtype=np.float32))
    b = a * 2.0 + 1.0
    s = ovnp.stats()
    assert s["executor"] == "auto" and s["eager_ops"] >= before + 2
    text = io.StringIO()
    ovnp.explain(b, file=text)
    assert "nothing pending" in text.getvalue() and "OVNP_EXECUTOR=auto" in text.getvalue()
    _eager.set_executor("openvino")
    text = io.StringIO()
    ovnp.explain(a * 2.0, file=text)
    assert "executor: OpenVINO on CPU" in text.getvalue()


def test_inplace_operators_keep_numpys_errors(eager):
    a = ovnp.asarray(np.zeros(3, np.float32))
    with pytest.raises(ValueError):
        a += ovnp.asarray(np.ones((2, 3), np.float32))      # would broadcast a
    i = ovnp.asarray(np.zeros(3, np.int32))
    with pytest.raises(TypeError):
        i += 1.5                                            # same_kind casting
    n = np.zeros(3, np.int32)
    with pytest.raises(TypeError):
        n += 1.5


def test_the_environment_switch():
    code = ("import ovnp, numpy; a = ovnp.asarray(numpy.ones(3, numpy.float32)); "
            "b = a + 1.0; print(ovnp.stats()['executor'], b._node.value is None)")
    env = dict(os.environ, OVNP_EXECUTOR="openvino")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["openvino", "True"], out.stderr
    env["OVNP_EXECUTOR"] = "auto"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["auto", "False"], out.stderr


def test_strided_host_values_feed_a_graph_correctly():
    """A transposed (strided) computed value as a model input, with new data each call:
    the contiguous copy bound to the request must live until infer() (it was freed
    before, and later runs read garbage)."""
    x = np.random.default_rng(1).random((300, 300), dtype=np.float32)
    t = ovnp.asarray(x).T
    t.to_numpy()
    for seed in range(4):
        y = np.random.default_rng(seed).random((300, 300), dtype=np.float32)
        got = (t * 2.0 + 1.0 + ovnp.asarray(y)).to_numpy()
        np.testing.assert_allclose(got, x.T * 2 + 1 + y, rtol=1e-6)


def _small_inputs(name):
    rng = np.random.default_rng(3)
    if name.startswith("W10"):
        return rng.random(64, dtype=np.float32), rng.random(64, dtype=np.float32)
    if name.startswith("W11"):
        return rng.random((12, 12), dtype=np.float32), rng.random((12, 12), dtype=np.float32)
    if name.startswith("W12"):
        return (rng.random((10, 10), dtype=np.float32), np.ones((10, 10), np.float32),
                np.zeros((10, 10), np.float32))
    if name.startswith("W13"):
        return (rng.random((30, 30), dtype=np.float32),)
    if name.startswith("W14"):
        r = rng.random((12, 12))
        return ((r @ r.T + 12 * np.eye(12)).astype(np.float32),)
    return rng.random(50, dtype=np.float32), np.float32(0.9995), np.float32(1e-4)


@pytest.mark.parametrize("w", loops.WORKLOADS, ids=lambda w: w.name.split()[0])
def test_loop_workloads_match_numpy_eagerly(w):
    hosts = _small_inputs(w.name)
    want = w.body(np, *[h.copy() if isinstance(h, np.ndarray) else h for h in hosts])
    want = want if isinstance(want, tuple) else (want,)
    got, ran = under("auto", lambda *xs: w.body(ovnp, *xs),
                     *[h.copy() if isinstance(h, np.ndarray) else h for h in hosts])
    assert ran > 0
    for g, n in zip(got, want):
        np.testing.assert_allclose(g, n, rtol=2e-5, atol=1e-6)


@pytest.mark.parametrize("mode", ["auto", "openvino"])
def test_numpy_float_scalars_take_numpys_dtypes_and_add_no_key(mode):
    ops = [ovnp.add, ovnp.subtract, ovnp.multiply, ovnp.divide, ovnp.maximum]
    for dtype in (np.float16, np.float32, np.int8, np.int32, np.uint8, np.bool_):
        host = np.array([0, 1, 2], dtype)
        for scalar in (np.float16(1.5), np.float32(2.5), np.float64(-3.0)):
            for op in ops:
                for args, nargs in (((host, scalar), None), ((scalar, host), None)):
                    (got,), _ = under(mode, op, *args)
                    want = getattr(np, op.__name__)(*args)
                    assert got.dtype == ovnp.result_type(want.dtype), (dtype, scalar, op)
                    np.testing.assert_allclose(got, want.astype(got.dtype), rtol=1e-3)
    x = np.linspace(0, 1, 100_000, dtype=np.float32)   # large: recorded for OpenVINO
    a, b = np.float32(0.999), np.float32(1e-3)

    def loop(v):
        for _ in range(300):
            v = v * a + b
        return v
    compiles = ovnp.stats()["compiles"]
    for _ in range(3):
        (got,), _ = under(mode, loop, x)
    assert ovnp.stats()["compiles"] - compiles <= 3      # a few segment shapes, once
    np.testing.assert_allclose(got, loop(x), rtol=1e-4)    # fused multiply-adds


def test_eager_work_honours_numpys_error_state(eager):
    """docs/differences.md: small computed CPU work runs NumPy, so NumPy's floating-point
    error state applies to it; device graphs report no floating-point errors."""
    import warnings
    x = ovnp.asarray(np.array([1.0, 0.0], np.float32))
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        x / 0.0
    with np.errstate(all="raise"), pytest.raises(FloatingPointError):
        x / 0.0
    _eager.set_executor("openvino")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal((x / 0.0).to_numpy(), [np.inf, np.nan])


def test_loop_code_on_small_computed_arrays_never_compiles(eager):
    """W10-W14's pattern: no compile, no device run, whatever the slice shapes."""
    before = ovnp.stats()
    for w in loops.WORKLOADS[:5]:
        hosts = _small_inputs(w.name)
        w.body(ovnp, *[ovnp.asarray(h) if isinstance(h, np.ndarray) else h for h in hosts])
    after = ovnp.stats()
    assert after["compiles"] == before["compiles"]
    # W13 ends with a + trace: small here, so eager too
    assert after["device_runs"] == before["device_runs"]
