"""matmul's fast paths (issue 6, W4): integer products on the f32 MatMul kernel by 8-bit
limbs (exact, wrapping), float32 kept on the f32 kernel, one compile per signature.

Structural checks only (no wall-clock assertions: the machine is shared).
"""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import ovnp
from ovnp._backend import compile as _compile

INTS = [np.dtype(t) for t in (np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32)]


def _extreme_ints(dtype):
    """Values that fill limbs (all-ones bytes, the sign limb), odd ones first."""
    info = np.iinfo(dtype)
    lo, hi = int(info.min), int(info.max)
    return st.sampled_from([hi, -1 if lo < 0 else 255, min(hi, 0x00FFFFFF), lo + 1, lo,
                            hi - 1, min(hi, 16777217), 1, 0])


def _exact(a, b):
    """NumPy's wrapping product, computed without overflow surprises."""
    want = np.matmul(a, b)
    return want.astype(ovnp._dtypes.canonical(want.dtype))


# K values around the chunk limits: 258 (8-bit limbs), 1024 (int8)
K_SIZES = st.sampled_from([301, 1041, 259, 517, 258, 257, 2, 1])


@settings(deadline=None, max_examples=12)
@given(st.data(), st.sampled_from(INTS[::-1] + [np.dtype(np.bool_)]), K_SIZES)
def test_int_matmul_long_k_is_exact(data, dtype, k):
    m = data.draw(st.integers(1, 3))
    n = data.draw(st.integers(1, 3))
    fills = st.booleans() if dtype == np.bool_ else _extreme_ints(dtype)
    others = st.booleans() if dtype == np.bool_ else st.integers(
        int(np.iinfo(dtype).min), int(np.iinfo(dtype).max))

    def operand(shape):
        # mostly one extreme value (so that long sums pass 2**24), a few others
        x = np.full(shape, data.draw(fills), dtype)
        for _ in range(data.draw(st.integers(0, 4))):
            x[tuple(data.draw(st.integers(0, d - 1)) for d in shape)] = data.draw(others)
        return x

    a, b = operand((m, k)), operand((k, n))
    got = ovnp.matmul(a, b, dtype=a.dtype).to_numpy()    # an explicit dtype wraps
    np.testing.assert_array_equal(got, _exact(a, b))


@pytest.mark.parametrize("sa, sb", [((2, 1, 3, 300), (3, 300, 2)), ((300,), (300, 2)),
                                    ((2, 300), (300,)), ((600,), (600,))])
def test_int_matmul_long_k_batched_and_vectors(sa, sb):
    rng = np.random.default_rng(1)
    a = rng.integers(-2**31, 2**31, sa).astype(np.int32)
    b = rng.integers(-2**31, 2**31, sb).astype(np.int32)
    got = ovnp.matmul(a, b, dtype=np.int32)     # an explicit dtype wraps, as NumPy's
    assert got.shape == np.matmul(a, b).shape
    np.testing.assert_array_equal(got.to_numpy(), _exact(a, b))
    with pytest.raises(OverflowError):          # NumPy's default int64 would not wrap
        ovnp.matmul(a, b).to_numpy()


def test_trap_int_matmul_partial_sums_beyond_2_24():
    # A limb product is at most 255*255; 301 of them sum to 19572525, odd and above 2**24,
    # where f32 holds only even integers: without chunking K the answer comes out wrong.
    a = np.full((1, 301), 0x00FFFFFF, np.int32)
    b = np.full((301, 1), 0x00FFFFFF, np.int32)
    np.testing.assert_array_equal(ovnp.matmul(a, b, dtype=np.int32).to_numpy(), a @ b)
    # int8 limbs reach 128*128: 1041 * 127**2 = 16790289, odd and above 2**24
    c = np.full((1, 1041), -127, np.int8)
    np.testing.assert_array_equal(ovnp.matmul(c, c.T).to_numpy(), c @ c.T)
    # 16777217 is odd above 2**24: the f32 MatMul would give 16777216
    d = np.array([[16777217, 1]], np.int32)
    np.testing.assert_array_equal(ovnp.matmul(d, np.ones((2, 1), np.int32)).to_numpy(),
                                  [[16777218]])


def _compiled_for(result):
    """The runtime model ops of the executable that computed `result`'s graph."""
    ops = []
    for executable in _compile._cache.values():
        ops.append(executable.compiled.get_runtime_model().get_ordered_ops())
    return ops


def test_int_matmul_memory_is_not_m_k_n():
    # The former lowering broadcast an (M, K, N) product: 1 GiB for int32 512^3.
    # Now the largest tensor is O(chunks * M * N + M * 4K).
    _compile.cache_clear()
    m, k, n = 32, 2048, 32
    rng = np.random.default_rng(2)
    a = rng.integers(-2**31, 2**31, (m, k)).astype(np.int32)
    b = rng.integers(-2**31, 2**31, (k, n)).astype(np.int32)
    # dtype=int32: NumPy's wrapping int32 product, no overflow check (docs/dtypes.md)
    np.testing.assert_array_equal(ovnp.matmul(a, b, dtype=np.int32).to_numpy(), a @ b)
    (ops,) = _compiled_for(None)
    biggest = max(int(np.prod([d.get_length() for d in o.get_output_partial_shape(i)]))
                  for o in ops for i in range(o.get_output_size()))
    assert biggest <= 4 * m * k, biggest
    kinds = [o.get_rt_info()["layerType"].astype(str) for o in ops]
    assert kinds.count("MatMul") == 4, kinds       # one per limb weight 2**0 .. 2**24


def test_float32_matmul_is_one_f32_kernel_and_compiles_once():
    # The CPU default would pick a bf16 kernel on this machine (errors ~1e-1 at K=1024);
    # the compile config pins f32. Repeating a @ b with new data of the same signature
    # must not compile again.
    _compile.cache_clear()
    rng = np.random.default_rng(3)
    a = ovnp.asarray(rng.uniform(-1, 1, (64, 1024)).astype(np.float32))
    b = ovnp.asarray(rng.uniform(-1, 1, (1024, 64)).astype(np.float32))
    before = ovnp.stats()["compiles"]
    r = ((a @ b) * 2.0).to_numpy() / 2     # inside a device graph (a lone one runs on BLAS)
    (ops,) = _compiled_for(None)
    mm = [o for o in ops if o.get_rt_info()["layerType"].astype(str) == "MatMul"]
    assert len(mm) == 1
    prim = mm[0].get_rt_info()["primitiveType"].astype(str)
    assert "bf16" not in prim and "f16" not in prim.replace("f32", ""), prim
    exact = a.to_numpy().astype(np.float64) @ b.to_numpy().astype(np.float64)
    assert np.abs(r - exact).max() < 1e-4
    for seed in range(3):
        c = ovnp.asarray(np.random.default_rng(seed).uniform(-1, 1, (64, 1024)).astype(np.float32))
        ((c @ b) * 2.0).to_numpy()
    assert ovnp.stats()["compiles"] - before == 1


def test_a_lone_float32_cpu_matmul_runs_on_numpys_blas():
    """The read array is the matmul itself: NumPy's matmul on the host, bit for bit, no
    compile (OpenBLAS's spinning threads slow OpenVINO's MatMul in mixed code). Its
    inputs still compute on the device; inside a graph, on another device or another
    dtype, OpenVINO's MatMul."""
    rng = np.random.default_rng(4)
    a = rng.uniform(-1, 1, (33, 70)).astype(np.float32)
    b = rng.uniform(-1, 1, (70, 9)).astype(np.float32)
    x, y = ovnp.asarray(a), ovnp.asarray(b)
    before = ovnp.stats()["compiles"]
    for left, right in ((a, b), (a[0], b), (a, b[:, 0]), (a.reshape(3, 11, 70), b)):
        got = (ovnp.asarray(left) @ ovnp.asarray(right)).to_numpy()
        np.testing.assert_array_equal(got, np.matmul(left, right))
    np.testing.assert_array_equal((x.T.T @ y).to_numpy(), a @ b)    # views stay on the host
    assert ovnp.stats()["compiles"] == before
    got = ((x * 2.0) @ y).to_numpy()            # the operand is computed first
    np.testing.assert_array_equal(got, (a * np.float32(2.0)) @ b)
    assert ovnp.stats()["compiles"] == before + 1
    for other in (ovnp.asarray(a, device="AUTO:CPU") @ ovnp.asarray(b, device="AUTO:CPU"),
                  ovnp.asarray(a.astype(np.float16)) @ ovnp.asarray(b.astype(np.float16)),
                  (x @ y) + 1.0):
        other.to_numpy()
    assert ovnp.stats()["compiles"] == before + 4


def test_a_matmul_used_in_a_graph_and_read_later_is_computed_once():
    """y = x @ w read after z = f(y): y is an extra output of z's run (OpenVINO's
    MatMul), not computed again on the host."""
    rng = np.random.default_rng(5)
    a = rng.uniform(-1, 1, (40, 30)).astype(np.float32)
    w = rng.uniform(-1, 1, (30, 20)).astype(np.float32)
    y = ovnp.asarray(a) @ ovnp.asarray(w)
    z = ovnp.exp(y) * 2.0
    z.to_numpy()
    before = ovnp.stats()
    np.testing.assert_allclose(y.to_numpy(), a @ w, rtol=1e-5, atol=1e-6)
    after = ovnp.stats()
    assert (after["host_evals"], after["device_runs"]) == \
        (before["host_evals"], before["device_runs"])
    np.testing.assert_allclose(z.to_numpy(), np.exp(y.to_numpy()) * 2, rtol=1e-6)

