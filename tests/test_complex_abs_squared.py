"""abs(z) ** 2 of a pending complex64 z is one IR op, abs_squared (re² + im²), built when
the power is called (issue 14 item 6, W16's power spectrum). NumPy computes hypot and
squares it; the two agree within 4 ulp on finite values, on every NaN and infinity, and
on overflow except within the last ulp below float32's max (docs/differences.md)."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import assert_same, complex_arrays

C64 = np.dtype(np.complex64)
F32_MAX = float(np.finfo(np.float32).max)
HOSTILE = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, -3e-39, 1e-23, 1e-19, 1.0, -2.5,
           1.8e19, -1.9e19, 2.6e19, 3e38]


def _numpy(z):
    with np.errstate(all="ignore"):
        return np.abs(z) ** 2


def _away_from_the_overflow_edge(z):
    """z with 0 for elements whose exact |z|² is within 2 ulp (2**104 each) of float32's
    max: there ovnp's re² + im² may round to inf where NumPy's squared hypot does not."""
    with np.errstate(all="ignore"):
        exact = np.abs(z.astype(np.complex128)) ** 2
    return np.where(np.abs(exact - F32_MAX) <= 2.0 ** 105, C64.type(0), z)


def test_abs_of_a_complex_squared_is_one_op_only_for_the_exponent_two():
    x = ovnp.asarray(np.array([3 + 4j], C64))
    for square in (ovnp.abs(x) ** 2, ovnp.abs(x) ** 2.0, ovnp.power(ovnp.absolute(x), 2),
                   ovnp.abs(x) ** np.float32(2), ovnp.abs(x) ** np.float32(2)):
        assert square._node.op == "abs_squared"
        assert square.dtype == np.float32 and square.tolist() == [25.0]
    real = ovnp.asarray(np.array([3.0], np.float32))
    for other in (ovnp.abs(x) ** 3, ovnp.abs(x) ** 2.5, ovnp.abs(real) ** 2,
                  ovnp.abs(x) ** ovnp.asarray(np.float32([2]))):
        assert other._node.op != "abs_squared"


@given(complex_arrays())
def test_matches_numpy_on_hostile_values(z):
    z = _away_from_the_overflow_edge(z)
    assert_same(ovnp.abs(ovnp.asarray(z)) ** 2, _numpy(z), ulp=4)


def test_special_tiny_and_huge_parts_match_numpy():
    z = np.array([complex(a, b) for a in HOSTILE for b in HOSTILE], C64)
    got = ovnp.abs(ovnp.asarray(z)) ** 2
    assert got._node.op == "abs_squared"
    assert_same(got, _numpy(z), ulp=4)
    # inf even beside a NaN (hypot's rule), NaN otherwise
    edge = (ovnp.abs(ovnp.asarray(np.array([complex(np.nan, -np.inf), complex(np.nan, 1)],
                                           C64))) ** 2).to_numpy()
    assert np.isposinf(edge[0]) and np.isnan(edge[1])


def test_the_overflow_edge_is_the_documented_one():
    """(1.3043815e19, 1.304382e19): exact |z|² is 3.40282355e38, just above float32's
    max and below its overflow threshold. NumPy's squared hypot gives 3.4028233e38 (an
    ulp below the max), ovnp's rounded squares sum to inf."""
    z = np.array([complex(np.float32(1.3043815e19), np.float32(1.304382e19))], C64)
    got = (ovnp.abs(ovnp.asarray(z)) ** 2).to_numpy()
    assert np.isposinf(got[0]) and np.isfinite(_numpy(z)[0])
    assert float(np.abs(z.astype(np.complex128))[0]) ** 2 > F32_MAX


def test_cuts_and_later_materializations_do_not_change_the_bits():
    rng = np.random.default_rng(5)
    z = ((rng.standard_normal(5000) + 1j * rng.standard_normal(5000)) *
         np.logspace(-25, 19, 5000)).astype(C64)
    x = ovnp.asarray(z)
    alone = (ovnp.abs(x) ** 2).to_numpy()
    # inside a larger graph, and read by later ops: the same bits
    square = ovnp.abs(x) ** 2
    fused = (ovnp.log10(ovnp.maximum(square, 1e-10)) * 10).to_numpy()
    np.testing.assert_array_equal(square.to_numpy().view(np.int32), alone.view(np.int32))
    unfused = (ovnp.log10(ovnp.maximum(ovnp.asarray(alone), 1e-10)) * 10).to_numpy()
    np.testing.assert_array_equal(fused.view(np.int32), unfused.view(np.int32))
    # built before its abs is computed: still one op, the same bits
    magnitude = ovnp.abs(x)
    square = magnitude ** 2
    magnitude.to_numpy()
    np.testing.assert_array_equal(square.to_numpy().view(np.int32), alone.view(np.int32))
    # an abs already computed is squared as NumPy squares it
    late = magnitude ** 2
    assert late._node.op != "abs_squared"
    assert_same(late, _numpy(z), ulp=5)     # abs within 2 ulp (test_complex.py), squared
    assert_same(ovnp.abs(x) ** 2, _numpy(z), ulp=4)


@pytest.mark.parametrize("n", [16, 100, 512])
def test_power_spectrum_of_an_rfft_matches_numpy(n):
    frames = np.random.default_rng(n).standard_normal((7, n)).astype(np.float32)
    got = ovnp.abs(ovnp.fft.rfft(ovnp.asarray(frames))) ** 2
    want = np.abs(np.fft.rfft(frames)) ** 2
    scale = float(want.max())
    np.testing.assert_allclose(got.to_numpy(), want, rtol=0, atol=1e-5 * scale)


def test_the_rfft_split_step_and_the_power_are_one_fused_kernel():
    """W16's power spectrum: the rfft's split step and re² + im² (its inf test included)
    fuse into one CPU-plugin kernel; with a LogicalOr in the inf test they were two, with
    four (frames, 257) tensors between them (docs/fft.md)."""
    from kernel_checks import fused_subgraphs
    frames = np.random.default_rng(3).standard_normal((64, 512)).astype(np.float32)
    kinds = fused_subgraphs(
        lambda: (ovnp.abs(ovnp.fft.rfft(ovnp.asarray(frames))) ** 2).to_numpy())
    assert kinds["Subgraph"] == 1, kinds
