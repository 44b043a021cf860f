"""complex64 transcendental functions against NumPy (issue 14 item 2): a grid of special
parts (+-0, +-inf, NaN, small and huge finite values) that must give NumPy's answer part
by part (NaN places, infinities and the signs of zeros: its branch cuts and C99 Annex G
values), and drawn finite values within a few float32 ulp of |result|."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import ovnp
from strategies import assert_complex_close, complex_arrays

C64 = np.dtype(np.complex64)
FUNCTIONS = ["exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin",
             "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "log10", "log2", "expm1",
             "exp2", "square", "reciprocal"]
# float32 error of each, in units of |result| (NumPy's own float32 results differ from
# the exact ones by about as much)
RTOL = {"tan": 4e-6, "tanh": 4e-6, "arcsin": 4e-6, "arccos": 4e-6, "arctan": 4e-6,
        "arcsinh": 4e-6, "arccosh": 4e-6, "arctanh": 4e-6, "exp2": 4e-6, "expm1": 4e-6}
SPECIAL = [-np.inf, -3.5, -1.0, -0.5, -0.0, 0.0, 1e-3, 0.5, 1.0, 2.0, 1e20, np.inf, np.nan]


def _np(fn, *args):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*args)


def _grid():
    return np.array([complex(a, b) for a in SPECIAL for b in SPECIAL], C64)


@pytest.mark.parametrize("name", FUNCTIONS + ["log1p"])
def test_special_values_and_branch_cuts_match_numpy(name):
    z = _grid()
    got = getattr(ovnp, name)(ovnp.asarray(z))
    if name == "log1p":
        # NumPy 2.4's complex64 log1p is log(hypot(1 + x, y)) in float32, 5e-4 off near
        # 0 (docs/differences.md); its complex128 answer, narrowed, is the reference
        want = _np(np.log1p, z.astype(np.complex128)).astype(C64)
    else:
        want = _np(getattr(np, name), z)
    assert_complex_close(got, want, rtol=RTOL.get(name, 2e-6), atol=1e-30)


@pytest.mark.parametrize("name", FUNCTIONS + ["log1p"])
@settings(max_examples=20)
@given(z=complex_arrays(st.sampled_from([(), (4,), (2, 3)]),
                        parts=st.floats(-30, 30, width=32)))
def test_finite_values_match_numpy(name, z):
    got = getattr(ovnp, name)(ovnp.asarray(z))
    want = _np(getattr(np, name), z.astype(np.complex128)).astype(C64)
    rtol = RTOL.get(name, 2e-6)
    if name in ("arctanh", "arctan", "log1p", "log", "log10", "log2"):
        rtol = 1e-5     # near the singular points (+-1, +-i, 0) a part loses digits
    # NumPy's complex128 log1p is log(1 + z): below |z| ~ 1e-16 it is 0 (log1p(7.3e-22) = 0;
    # ovnp gives 7.3e-22, differences.md), found by hypothesis
    atol = 1e-15 if name == "log1p" else 1e-30
    assert_complex_close(got, want, rtol=rtol, atol=atol, zero_signs=False)


@pytest.mark.parametrize("name", ["exp", "sinh", "cosh"])
def test_no_spurious_overflow_near_the_limit(name):
    """e**x overflows at x = 88.7 while e**x cos y stays finite up to x ~ 103."""
    z = np.array([89 + 1j, 95 - 2j, -92 + 3j, 100 + 1.5j, 88.5 + 0j], C64)
    assert_complex_close(getattr(ovnp, name)(ovnp.asarray(z)), _np(getattr(np, name), z),
                         rtol=4e-6)


def test_log_and_sqrt_keep_accuracy_at_the_extremes():
    z = np.array([1 + 1e-4j, 0.6 + 0.8j, 1e-30 + 1e-30j, 3e38 + 3e38j, 1e-45 - 1e-45j,
                  -3e38 + 1e-45j, 2.5e-39 + 0j], C64)
    x = ovnp.asarray(z)
    want = _np(np.log, z.astype(np.complex128)).astype(C64)
    assert_complex_close(ovnp.log(x), want, rtol=2e-6)
    assert_complex_close(ovnp.sqrt(x), _np(np.sqrt, z), rtol=2e-6)


POWERS = [0, 1, 2, 3, 4, 5, -1, -2, -3, 7, 99, -99, 0.5, 2.5, 1j, 1 + 1j, -2 + 0.5j]


@pytest.mark.parametrize("b", POWERS, ids=str)
def test_power_is_numpys_npy_cpow(b):
    """b == 0 gives 1; a == 0 gives 0 or NaN; integer exponents below 100 multiply (z**2
    is z*z exactly, overflow included); others exp(b log a)."""
    rng = np.random.default_rng(abs(hash(str(b))) % 2**32)
    a = (rng.standard_normal(40) + 1j * rng.standard_normal(40)).astype(C64)
    if abs(b) > 10:
        a = (a / np.abs(a).max() * 1.5).astype(C64)    # stay below overflow
        a[:4] = [0, complex(0, -0.0), 1, -1]
    else:
        a[:4] = [0, complex(0, -0.0), complex(np.inf, 1), complex(np.nan, 0)]
    want = _np(np.power, a, np.complex64(b))
    rtol = 2e-6 * max(1.0, abs(b)) if b not in (0, 1, 2, 3) else 2e-6
    assert_complex_close(ovnp.asarray(a) ** b, want, rtol=rtol, zero_signs=False)
    assert_complex_close(ovnp.power(ovnp.asarray(a), ovnp.asarray(np.full(a.shape, b, C64))),
                         want, rtol=rtol, zero_signs=False)


def test_power_special_grid_matches_numpy():
    sp = np.array([0, -0.0, 1, -1, np.inf, -np.inf, np.nan, 1j, complex(np.inf, 1),
                   complex(0, np.inf), complex(np.nan, 0)], C64)
    a, b = np.meshgrid(sp, sp)
    assert_complex_close(ovnp.asarray(a) ** ovnp.asarray(b), _np(np.power, a, b),
                         zero_signs=False)


def test_power_recovers_infinities_as_glibcs_cpowf():
    """Issue 12 (sweep): glibc's cpowf is cexpf(b * clogf(a)) with C's complex product
    (__mulsc3), which recovers infinities where the plain formula gives NaN+NaNj:
    0.5j ** (inf+nanj) is 0 and (inf+nanj) ** (1+1j) inf+nanj (ovnp gave nan+nanj for
    1300 of 28224 special pairs)."""
    a_parts = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -3.0, np.inf, -np.inf, np.nan, 1e20, 3e38]
    b_parts = [0.0, -0.0, 1.0, -1.0, 2.0, 3.0, -2.0, 5.0, 0.5, -0.5, np.inf, -np.inf, np.nan]
    za = [complex(r, i) for r in a_parts for i in a_parts]
    zb = [complex(r, i) for r in b_parts for i in b_parts]
    a = np.array([u for u in za for _ in zb], C64)
    b = np.array([v for _ in za for v in zb], C64)
    assert_complex_close(ovnp.asarray(a) ** ovnp.asarray(b), _np(np.power, a, b), rtol=1e-5,
                         atol=1e-40, zero_signs=False)      # subnormal results keep few digits


def test_exp_of_i_theta_rotations():
    """exp(1j * theta), a common use: unit vectors, exact on the axes."""
    theta = np.linspace(-10, 10, 101).astype(np.float32)
    got = ovnp.exp(1j * ovnp.asarray(theta))
    assert_complex_close(got, _np(np.exp, 1j * theta), rtol=2e-6)
    np.testing.assert_allclose(np.abs(got.to_numpy()), 1, rtol=2e-7)


def test_mandelbrot_iteration_matches_numpy():
    xs = np.linspace(-2, 0.5, 40, dtype=np.float32)
    ys = np.linspace(-1.2, 1.2, 30, dtype=np.float32)
    c = (xs[None, :] + 1j * ys[:, None]).astype(C64)
    z_np, z_ov = np.zeros_like(c), ovnp.zeros(c.shape, dtype=C64)
    c_ov = ovnp.asarray(c)
    for _ in range(12):
        z_np = _np(lambda z: z * z + c, z_np)
        z_ov = z_ov * z_ov + c_ov
    inside_np = _np(np.abs, z_np) <= 2
    np.testing.assert_array_equal((ovnp.abs(z_ov) <= 2).to_numpy(), inside_np)
