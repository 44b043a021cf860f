"""ovnp.random's second batch: binomial and the rarer distributions, Generator and legacy.

Each distribution test draws at a fixed seed, checks the exact law (KS or chi-square,
p > 1e-4) and checks that the same statistic rejects a slightly wrong law (so the test
can fail). Parameters are arrays where possible so one compiled model covers many cases.
"""

import numpy as np
import pytest
import scipy.stats as ss

import ovnp
from strategies import same_error

N = 20000
P_MIN = 1e-4


def _rng(seed):
    return ovnp.random.default_rng(seed)


def _discrete_chi2(x, dist, bins=15):
    """Chi-square p-value of integer draws against a scipy discrete law (tail bins merged)."""
    lo, hi = dist.ppf(0.001), dist.ppf(0.999)
    edges = np.unique(np.round(np.linspace(lo, hi + 1, bins)))
    edges = np.concatenate([[-1], edges[1:-1], [np.iinfo(np.int64).max]])
    obs = np.histogram(x, edges)[0]
    expected = np.diff(dist.cdf(edges - 1))
    return ss.chisquare(obs, expected * obs.sum() / expected.sum()).pvalue


def _ks(sample, dist, wrong=None):
    p = ss.kstest(sample.astype(np.float64), dist.cdf).pvalue
    assert p > P_MIN, f"KS p-value {p}"
    if wrong is not None:
        assert ss.kstest(sample.astype(np.float64), wrong.cdf).pvalue < P_MIN


# ------------------------------------------------------------------ binomial

# (n, p): inversion (n min(p, 1-p) < 10) and BTRS on both sides of the switch, p > 1/2
# (drawn as n - Bin(n, 1 - p)), n beyond float32's exact integers, and the edges.
BINOMIAL_CASES = [(5, 0.3), (19, 0.5), (20, 0.5), (100, 0.1), (1000, 0.0099), (30, 0.9),
                  (200, 0.8), (10 ** 6, 0.3), (10 ** 9, 2e-8), (2 ** 31 - 1, 1e-9)]


def test_binomial_both_regimes_chi_square():
    n = np.repeat([c[0] for c in BINOMIAL_CASES], 8000)
    p = np.repeat([c[1] for c in BINOMIAL_CASES], 8000)
    x = _rng(200).binomial(n, p).to_numpy()
    assert x.dtype == np.int32 and (x >= 0).all() and (x <= n).all()
    for case in BINOMIAL_CASES:
        sel = (n == case[0]) & (p == case[1])
        assert _discrete_chi2(x[sel], ss.binom(*case)) > P_MIN, case
    sel = (n == 100) & (p == 0.1)
    assert _discrete_chi2(x[sel], ss.binom(100, 0.104)) < P_MIN    # the test has power
    sel = (n == 200) & (p == 0.8)
    assert _discrete_chi2(x[sel], ss.binom(200, 0.79)) < P_MIN


def test_binomial_edges_and_shapes():
    r = _rng(201)
    v = r.binomial([0, 7, 7, 3], [0.5, 1.0, 0.0, 0.5], size=(500, 4)).to_numpy()
    assert (v[:, 0] == 0).all() and (v[:, 1] == 7).all() and (v[:, 2] == 0).all()
    assert set(np.unique(v[:, 3])) == {0, 1, 2, 3}
    assert r.binomial(10, 0.5).shape == () and r.binomial(10, 0.5).dtype == np.int32
    assert r.binomial(10, [0.1, 0.2]).shape == (2,)
    assert r.binomial(10, 0.5, size=(2, 0)).shape == (2, 0)
    assert r.binomial(5.7, 0.5, size=1000).to_numpy().max() == 5     # NumPy truncates n
    a, b = _rng(5).binomial(50, 0.4, 100), _rng(5).binomial(50, 0.4, 100)
    np.testing.assert_array_equal(a.to_numpy(), b.to_numpy())


def test_binomial_mean_and_variance():
    x = _rng(202).binomial(10 ** 5, 0.25, size=N).to_numpy().astype(np.float64)
    mean, var = 25000, 18750
    assert abs(x.mean() - mean) < 5 * np.sqrt(var / N)
    assert abs(x.var() / var - 1) < 0.05


BINOMIAL_ERRORS = [
    lambda r: r.binomial(-1, 0.5),
    lambda r: r.binomial(5, -0.1),
    lambda r: r.binomial(5, 1.1),
    lambda r: r.binomial(5, np.nan),
    lambda r: r.binomial([5, -1], 0.5),
    lambda r: r.binomial(5, [0.5, 0.5], size=3),
]


@pytest.mark.parametrize("call", BINOMIAL_ERRORS)
def test_binomial_errors_match_numpy(call):
    same_error(lambda: call(_rng(0)), lambda: call(np.random.default_rng(0)))
