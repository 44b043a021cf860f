"""Polynomials (lazy and on the host), histogramdd, and the file functions (NumPy on the
host, results wrapped under the 32-bit policy), against NumPy."""

import io

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import arrays, assert_same, same_error

F32 = np.dtype(np.float32)
I32 = np.dtype(np.int32)


def coeffs(dtypes=(F32, I32), max_side=4):
    """1-d coefficient arrays of moderate values (no overflow differences from int64)."""
    return arrays(shape=st.integers(1, max_side).map(lambda n: (n,)), dtypes=list(dtypes),
                  elements_of=lambda d: st.floats(-8, 8, width=32) if d.kind == "f"
                  else st.integers(-8, 8))


@given(coeffs(), arrays(shape=st.sampled_from([(), (3,), (2, 2)]), dtypes=[F32, I32],
                        elements_of=lambda d: st.floats(-4, 4, width=32) if d.kind == "f"
                        else st.integers(-4, 4)))
def test_polyval_matches_numpy(p, x):
    assert_same(ovnp.polyval(ovnp.asarray(p), ovnp.asarray(x)), np.polyval(p, x),
                rtol=1e-5, atol=1e-4)


@given(coeffs(), coeffs())
def test_polyadd_polysub_polymul_match_numpy(a, b):
    xa, xb = ovnp.asarray(a), ovnp.asarray(b)
    assert_same(ovnp.polyadd(xa, xb), np.polyadd(a, b))
    assert_same(ovnp.polysub(xa, xb), np.polysub(a, b))
    assert_same(ovnp.polymul(xa, xb), np.polymul(a, b), rtol=1e-5, atol=1e-4)


@given(coeffs(), st.integers(0, 3))
def test_polyder_polyint_match_numpy(p, m):
    x = ovnp.asarray(p)
    assert_same(ovnp.polyder(x, m), np.polyder(p, m), rtol=1e-6)
    assert_same(ovnp.polyint(x, m), np.polyint(p, m), rtol=1e-6)
    assert_same(ovnp.polyint(x, m, k=2.0), np.polyint(p, m, k=2.0), rtol=1e-6)


def test_poly_errors_match_numpy():
    p = np.asarray([1.0, 2.0])
    same_error(lambda: ovnp.polyder(ovnp.asarray(p), -1), lambda: np.polyder(p, -1))
    same_error(lambda: ovnp.polyint(ovnp.asarray(p), -1), lambda: np.polyint(p, -1))
    same_error(lambda: ovnp.polyint(ovnp.asarray(p), 3, k=[1.0, 2.0]),
               lambda: np.polyint(p, 3, k=[1.0, 2.0]))


def test_host_polynomials_match_numpy():
    assert_same(ovnp.poly(ovnp.asarray([1.0, 2.0, 3.0])), np.poly([1.0, 2.0, 3.0]))
    m = np.asarray([[1.0, 2.0], [3.0, 4.0]])
    assert_same(ovnp.poly(ovnp.asarray(m)), np.poly(m), rtol=1e-6)
    assert_same(ovnp.roots(ovnp.asarray([1.0, -3.0, 2.0])), np.roots([1.0, -3.0, 2.0]), rtol=1e-6)
    r = ovnp.roots(ovnp.asarray([1.0, 0.0, 1.0]))     # roots +-1j: complex64
    assert r.dtype == np.complex64
    np.testing.assert_allclose(np.sort_complex(r.to_numpy()), [-1j, 1j], atol=1e-6)
    q, r = ovnp.polydiv(ovnp.asarray([1.0, -3.0, 2.0]), ovnp.asarray([1.0, -1.0]))
    wq, wr = np.polydiv([1.0, -3.0, 2.0], [1.0, -1.0])
    assert_same(q, wq) and assert_same(r, wr)
    x = np.linspace(0, 1, 7)
    y = 3 * x**2 - x + 0.5
    assert_same(ovnp.polyfit(ovnp.asarray(x), ovnp.asarray(y), 2), np.polyfit(x, y, 2),
                rtol=1e-5, atol=1e-5)
    c, cov = ovnp.polyfit(x, y + np.sin(x * 9) / 50, 1, cov=True)
    wc, wcov = np.polyfit(x, y + np.sin(x * 9) / 50, 1, cov=True)
    assert_same(c, wc, rtol=1e-5) and assert_same(cov, wcov, rtol=1e-4)


def test_histogramdd_runs_numpy_on_the_host():
    sample = np.random.default_rng(0).random((20, 2))
    h, edges = ovnp.histogramdd(ovnp.asarray(sample), bins=3)
    wh, wedges = np.histogramdd(sample.astype(F32), bins=3)
    assert_same(h, wh)
    for e, we in zip(edges, wedges):
        assert_same(e, we)


# ------------------------------------------------------------------ files

def test_save_load_roundtrip_and_policy(tmp_path):
    x = ovnp.asarray([[1.5, 2.0], [3.0, -0.0]])
    ovnp.save(tmp_path / "a.npy", x)
    assert np.load(tmp_path / "a.npy").dtype == F32
    y = ovnp.load(tmp_path / "a.npy")
    assert isinstance(y, ovnp.ndarray)
    assert_same(y, x.to_numpy())
    np.save(tmp_path / "f64.npy", np.asarray([0.1, 0.2]))
    assert_same(ovnp.load(tmp_path / "f64.npy"), np.asarray([0.1, 0.2]))   # narrowed
    np.save(tmp_path / "big.npy", np.asarray([2**40]))
    with pytest.raises(OverflowError):
        ovnp.load(tmp_path / "big.npy")
    np.save(tmp_path / "c.npy", np.asarray([1j]))
    assert ovnp.load(tmp_path / "c.npy").dtype == np.complex64          # narrowed
    np.save(tmp_path / "s.npy", np.asarray(["a"]))
    with pytest.raises(TypeError):
        ovnp.load(tmp_path / "s.npy")


def test_savez_load_npz(tmp_path):
    ovnp.savez(tmp_path / "z.npz", a=ovnp.arange(3), b=np.ones(2))
    ovnp.savez_compressed(tmp_path / "zc.npz", ovnp.ones((2, 2)))
    with ovnp.load(tmp_path / "z.npz") as z:
        assert sorted(z.files) == ["a", "b"] and "a" in z
        assert_same(z["a"], np.arange(3))
        assert_same(z["b"], np.ones(2))
    with ovnp.load(tmp_path / "zc.npz") as z:
        assert_same(z["arr_0"], np.ones((2, 2), F32))


def test_text_and_binary_files(tmp_path):
    x = ovnp.asarray([[1.25, 2.5], [3.0, 4.0]])
    ovnp.savetxt(tmp_path / "t.txt", x, fmt="%.3f")
    assert_same(ovnp.loadtxt(tmp_path / "t.txt"), np.loadtxt(tmp_path / "t.txt"))
    text = io.StringIO("1,2\n3,nan\n")
    assert_same(ovnp.genfromtxt(text, delimiter=","),
                np.genfromtxt(io.StringIO("1,2\n3,nan\n"), delimiter=","))
    np.arange(5, dtype=np.int16).tofile(tmp_path / "b.bin")
    assert_same(ovnp.fromfile(tmp_path / "b.bin", dtype=np.int16), np.arange(5, dtype=np.int16))
    assert_same(ovnp.fromstring("1 2 3", dtype=np.int32, sep=" "),
                np.fromstring("1 2 3", dtype=np.int32, sep=" "))
    same_error(lambda: ovnp.loadtxt(io.StringIO("1,x\n"), delimiter=","),
               lambda: np.loadtxt(io.StringIO("1,x\n"), delimiter=","))
    import inspect
    assert inspect.signature(ovnp.loadtxt) == inspect.signature(np.loadtxt)
