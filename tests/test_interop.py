"""NumPy protocols, DLPack, the Array API namespace, IR export, introspection, Dask."""

import io
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import NUMERIC_DTYPES, arrays, assert_same, broadcastable_pair


# ------------------------------------------------------------------ __array_ufunc__

@pytest.mark.parametrize("name", ["sqrt", "exp", "negative", "absolute", "isnan"])
@given(a=arrays(dtypes=[np.dtype(np.float32)]))
def test_numpy_unary_ufuncs_dispatch_and_stay_lazy(name, a):
    x = ovnp.asarray(a)
    misses = ovnp.cache_info().misses
    got = getattr(np, name)(x)
    assert isinstance(got, ovnp.ndarray)
    assert ovnp.cache_info().misses == misses  # nothing compiled by the call
    with np.errstate(all="ignore"):
        assert_same(got, getattr(np, name)(a))


@given(pair=broadcastable_pair(dtypes=NUMERIC_DTYPES))
def test_numpy_binary_ufunc_with_numpy_operand(pair):
    a, b = pair
    with np.errstate(all="ignore"):
        want = np.add(a, b)
    got = np.add(a, ovnp.asarray(b))   # NumPy array first: still ovnp's add
    assert isinstance(got, ovnp.ndarray)
    assert_same(got, want)


def test_numpy_operators_with_numpy_on_the_left():
    a = np.arange(3, dtype=np.float32)
    x = ovnp.asarray(a)
    for op in (lambda p, q: p + q, lambda p, q: p * q, lambda p, q: p - q, lambda p, q: p > q):
        got = op(a, x)
        assert isinstance(got, ovnp.ndarray)
        assert_same(got, op(a, a))


def test_ufunc_out_argument_through_numpy():
    out = ovnp.asarray(np.zeros(3, np.float32))
    r = np.multiply(ovnp.asarray([1.0, 2.0, 3.0]), 2, out=out)
    assert r is out and out.tolist() == [2.0, 4.0, 6.0]


# ------------------------------------------------------------------ __array_function__

def test_numpy_functions_dispatch():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    x = ovnp.asarray(a)
    got = np.sum(x, axis=0)
    assert isinstance(got, ovnp.ndarray)
    assert_same(got, np.sum(a, axis=0))
    assert_same(np.transpose(x), a.T)
    assert_same(np.reshape(x, (3, 2)), a.reshape(3, 2))


def _fix_me_dispatcher(p, x):
    return (p, x)


@np._core.overrides.array_function_dispatch(_fix_me_dispatcher, module="numpy")
def fix_me_not_a_real_function(p, x):
    """A NumPy-style function ovnp will never define (real ones, like polyval, get added)."""
    return np.polyval(p, x)


def test_missing_function_falls_back_with_one_warning():
    name = "fix_me_not_a_real_function"
    x = ovnp.asarray([1.0, 2.0, 3.0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r1 = fix_me_not_a_real_function([1.0, 0.0], x)
        r2 = fix_me_not_a_real_function([1.0, 0.0], x)
    messages = [str(w.message) for w in caught if issubclass(w.category, ovnp.NumPyFallbackWarning)]
    assert len(messages) == 1 and name in messages[0], (messages, name)
    assert isinstance(r1, ovnp.ndarray) and r1.tolist() == [1.0, 2.0, 3.0] == r2.tolist()


def test_fallback_results_follow_the_policy():
    x = ovnp.asarray([3, 1, 2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ovnp.NumPyFallbackWarning)
        r = fix_me_not_a_real_function([1, 1], x)   # NumPy computes int64; ovnp wraps int32
    assert isinstance(r, ovnp.ndarray) and r.dtype == np.int32 and r.tolist() == [4, 2, 3]


# ------------------------------------------------------------------ __array__, DLPack, pickle

def test_array_protocol_dtype_and_copy():
    x = ovnp.asarray([1.0, 2.0])
    a = np.asarray(x)
    a[0] = 9
    assert x.tolist() == [1.0, 2.0]
    assert np.asarray(x, dtype=np.int16).dtype == np.int16
    ro = np.asarray(x, copy=False)
    assert not ro.flags.writeable and ro.tolist() == [1.0, 2.0]
    with pytest.raises(ValueError):
        np.asarray(x, dtype=np.float64, copy=False)


@given(arrays(dtypes=NUMERIC_DTYPES + [np.dtype(np.bool_)]))
def test_dlpack_round_trip(a):
    x = ovnp.asarray(a)
    assert x.__dlpack_device__() == (1, 0)
    back = np.from_dlpack(x)
    np.testing.assert_array_equal(back, a)
    y = ovnp.from_dlpack(a)
    assert_same(y, a)


def test_pickle_round_trip():
    x = ovnp.asarray([1.5, 2.5]) * 2
    y = pickle.loads(pickle.dumps(x))
    assert isinstance(y, ovnp.ndarray) and y.tolist() == [3.0, 5.0] and y.device == "CPU"


# ------------------------------------------------------------------ the Array API

def test_array_namespace_and_inspection_are_truthful():
    x = ovnp.asarray([1.0])
    xp = x.__array_namespace__()
    assert xp is ovnp
    with pytest.raises(ValueError):
        x.__array_namespace__(api_version="1999.01")
    info = xp.__array_namespace_info__()
    caps = info.capabilities()
    assert caps["boolean indexing"] is True and caps["data-dependent shapes"] is True
    assert info.default_device() == "CPU"
    assert info.devices() == ovnp.devices()
    defaults = info.default_dtypes()
    assert defaults["real floating"] == np.float32 and defaults["integral"] == np.int32
    assert defaults["indexing"] == np.int32 and defaults["complex floating"] == np.complex64
    # every dtype the namespace reports is one ovnp can really compute with
    for name, dtype in info.dtypes().items():
        arr = ovnp.asarray(np.zeros(2, dtype))
        assert arr.dtype == dtype and (arr + arr).dtype.kind in "biufc"
    assert set(info.dtypes(kind="real floating")) == {"float16", "float32"}
    assert set(info.dtypes(kind="signed integer")) == {"int8", "int16", "int32"}
    assert set(info.dtypes(kind="complex floating")) == {"complex64"}
    with pytest.raises(ValueError):
        info.default_dtypes(device="GPU.9")
    with ovnp.default_device("AUTO:CPU"):
        assert info.default_device() == "AUTO:CPU"


def test_dtype_functions():
    assert ovnp.isdtype(ovnp.float32, "real floating")
    assert ovnp.isdtype(ovnp.int8, ("bool", "signed integer"))
    assert not ovnp.isdtype(ovnp.uint8, "signed integer")
    with pytest.raises(ValueError):
        ovnp.isdtype(ovnp.int8, "nonsense")
    assert ovnp.finfo(np.float64).dtype == np.float32   # the policy
    assert ovnp.iinfo(ovnp.int16).max == 32767
    assert ovnp.result_type(ovnp.uint8, ovnp.int8) == np.int16
    assert ovnp.result_type(ovnp.asarray([1], dtype=ovnp.uint8), 3) == np.uint8
    assert ovnp.can_cast(ovnp.int8, ovnp.int32) and not ovnp.can_cast(ovnp.float32, ovnp.int32)
    assert ovnp.e == np.e and ovnp.pi == np.pi and ovnp.newaxis is None
    assert np.isinf(ovnp.inf) and np.isnan(ovnp.nan)


# ------------------------------------------------------------------ export and introspection

def test_export_round_trip_with_plain_openvino(tmp_path):
    import openvino as ov

    bias = ovnp.asarray(np.array([0.5, -1.0, 2.0], np.float32))

    def scale_and_sum(features, weights):
        return (features * weights + bias).sum(axis=1)

    rng = np.random.default_rng(1)
    f, w = rng.random((4, 3)).astype(np.float32), rng.random(3).astype(np.float32)
    xml = ovnp.export(scale_and_sum, f, w, path=tmp_path / "model")
    model = ov.Core().read_model(xml)
    assert [i.get_any_name() for i in model.inputs] == ["features", "weights"]
    compiled = ov.Core().compile_model(model, "CPU")
    got = compiled({"features": f, "weights": w})[0]
    want = scale_and_sum(ovnp.asarray(f), ovnp.asarray(w)).to_numpy()
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_export_dynamic_axes(tmp_path):
    import openvino as ov

    def affine(x):
        return x * 3.0 - 1.0

    xml = ovnp.export(affine, np.ones((2, 5), np.float32), path=tmp_path / "m.xml",
                      dynamic_axes={0: [0]})
    compiled = ov.Core().compile_model(ov.Core().read_model(xml), "CPU")
    for rows in (1, 7):
        data = np.arange(rows * 5, dtype=np.float32).reshape(rows, 5)
        np.testing.assert_allclose(compiled([data])[0], data * 3.0 - 1.0)


def _explained(*arrays):
    out = io.StringIO()
    assert ovnp.explain(*arrays, file=out) is None     # printed once, not echoed by the REPL
    return out.getvalue()


def test_explain_and_visualize(tmp_path):
    x = ovnp.asarray(np.ones((2, 3), np.float32))
    y = (x * 2 + 1).sum(axis=0)
    text = _explained(y)
    assert "multiply" in text and "sum" in text and "not cached" in text and "(2, 3) float32" in text
    y2 = (x * 2 + 1).sum(axis=0)
    y.to_numpy()
    assert "cached" in _explained(y2).splitlines()[0]
    assert "not cached" not in _explained(y2)
    assert "nothing pending" in _explained(y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ovnp.GraphvizMissingWarning)
        written = ovnp.visualize(y2, tmp_path / "graph.svg")
    content = open(written).read()
    assert ("digraph" in content) or ("<svg" in content)


# ------------------------------------------------------------------ Dask

def test_dask_local_cluster_pipeline():
    da = pytest.importorskip("dask.array")
    distributed = pytest.importorskip("distributed")
    rng = np.random.default_rng(2)
    data = rng.random((400, 6)).astype(np.float32)
    meta = ovnp.asarray(np.empty((0, 0), np.float32))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        chunks = da.from_array(data, chunks=(100, 6)).map_blocks(ovnp.asarray, meta=meta)
        assert isinstance(chunks._meta, ovnp.ndarray)
        scaled = (chunks * 2.0 + 1.0) / 3.0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ovnp.NumPyFallbackWarning)
            total = scaled.sum(axis=0).compute()
            head = scaled[:5].compute()
    want = (data * 2.0 + 1.0) / 3.0
    np.testing.assert_allclose(np.asarray(total), want.sum(axis=0), rtol=1e-5)
    np.testing.assert_allclose(np.asarray(head), want[:5], rtol=1e-6)
