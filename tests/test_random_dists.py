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


# ------------------------------------------------------------------ continuous laws

CONTINUOUS = {
    "standard_cauchy": (lambda r: r.standard_cauchy(N), ss.cauchy(), ss.cauchy(scale=1.1)),
    "rayleigh": (lambda r: r.rayleigh(2.0, N), ss.rayleigh(scale=2), ss.rayleigh(scale=2.08)),
    "weibull": (lambda r: r.weibull(1.5, N), ss.weibull_min(1.5), ss.weibull_min(1.6)),
    "pareto": (lambda r: r.pareto(3.0, N), ss.lomax(3.0), ss.lomax(3.2)),
    "power": (lambda r: r.power(2.5, N), ss.powerlaw(2.5), ss.powerlaw(2.65)),
    "triangular": (lambda r: r.triangular(-1.0, 0.5, 2.0, N), ss.triang(0.5, loc=-1, scale=3),
                   ss.triang(0.45, loc=-1, scale=3)),
    "wald": (lambda r: r.wald(2.0, 3.0, N), ss.invgauss(2 / 3, scale=3),
             ss.invgauss(2.1 / 3, scale=3)),
    "chisquare": (lambda r: r.chisquare(3.0, N), ss.chi2(3), ss.chi2(3.15)),
    "standard_t": (lambda r: r.standard_t(4.0, N), ss.t(4), ss.t(2.5)),
    "f": (lambda r: r.f(5.0, 7.0, N), ss.f(5, 7), ss.f(5.8, 7)),
    "vonmises": (lambda r: r.vonmises(0.5, 2.0, N), ss.vonmises(2.0, loc=0.5),
                 ss.vonmises(2.15, loc=0.5)),
}


@pytest.mark.parametrize("name", sorted(CONTINUOUS))
def test_continuous_ks(name):
    draw, dist, wrong = CONTINUOUS[name]
    x = draw(_rng(300))
    assert x.dtype == np.float32 and x.shape == (N,)
    _ks(x.to_numpy(), dist, wrong)


def test_vonmises_regimes_and_range():
    # rejection (kappa 0.3, 50), the normal approximation (kappa > 1e5), the uniform law
    kappa = np.repeat([0.3, 50.0, 4e5, 0.0], 5000)
    x = _rng(301).vonmises(3.0, kappa).to_numpy()
    assert (np.abs(x) <= np.pi + 1e-6).all()
    x = 3.0 + np.mod(x - 3.0 + np.pi, 2 * np.pi) - np.pi     # scipy's support: loc +- pi
    _ks(x[:5000], ss.vonmises(0.3, loc=3.0))
    _ks(x[5000:10000], ss.vonmises(50.0, loc=3.0), ss.vonmises(35.0, loc=3.0))
    _ks(x[10000:15000], ss.norm(3.0, 1 / np.sqrt(4e5)))
    _ks(x[15000:], ss.uniform(3.0 - np.pi, 2 * np.pi))


def test_weibull_zero_and_parameter_arrays():
    r = _rng(302)
    v = r.weibull([0.0, 1.0], size=(1000, 2)).to_numpy()
    assert (v[:, 0] == 0).all() and (v[:, 1] > 0).all()
    assert r.pareto([1.0, 2.0, 3.0]).shape == (3,)
    assert r.triangular(0.0, [0.0, 1.0], 1.0, size=(4, 2)).shape == (4, 2)


# ------------------------------------------------------------------ discrete laws

def test_geometric_chi_square():
    p = np.repeat([0.05, 0.3, 0.7, 1.0], 6000)
    x = _rng(303).geometric(p).to_numpy()
    assert x.dtype == np.int32 and x.min() >= 1
    assert (x[p == 1.0] == 1).all()
    for q in (0.05, 0.3, 0.7):
        assert _discrete_chi2(x[p == q], ss.geom(q)) > P_MIN, q
    assert _discrete_chi2(x[p == 0.3], ss.geom(0.32)) < P_MIN


def test_negative_binomial_chi_square():
    x = _rng(304).negative_binomial(np.repeat([3.0, 40.0], 8000), 0.3).to_numpy()
    assert x.dtype == np.int32 and x.min() >= 0
    assert _discrete_chi2(x[:8000], ss.nbinom(3, 0.3)) > P_MIN
    assert _discrete_chi2(x[8000:], ss.nbinom(40, 0.3)) > P_MIN
    assert _discrete_chi2(x[8000:], ss.nbinom(40, 0.31)) < P_MIN


def test_multinomial_counts_and_marginals():
    r = _rng(305)
    pvals = [0.2, 0.3, 0.0, 0.5]
    x = r.multinomial(60, pvals, size=6000).to_numpy()
    assert x.shape == (6000, 4) and x.dtype == np.int32
    assert (x.sum(axis=1) == 60).all() and (x[:, 2] == 0).all()
    assert _discrete_chi2(x[:, 0], ss.binom(60, 0.2)) > P_MIN
    assert _discrete_chi2(x[:, 3], ss.binom(60, 0.5)) > P_MIN
    assert _discrete_chi2(x[:, 3], ss.binom(60, 0.48)) < P_MIN
    assert r.multinomial([5, 10], [0.5, 0.5]).to_numpy().sum(axis=1).tolist() == [5, 10]


def test_dirichlet_marginals_are_beta():
    alpha = np.array([0.5, 2.0, 3.0])
    x = _rng(306).dirichlet(alpha, N).to_numpy()
    assert x.shape == (N, 3) and x.dtype == np.float32
    np.testing.assert_allclose(x.sum(axis=1), 1, atol=1e-5)
    _ks(x[:, 0], ss.beta(0.5, 5.0), ss.beta(0.55, 5.0))
    _ks(x[:, 2], ss.beta(3.0, 2.5))


def test_multivariate_normal_moments_and_methods():
    mean, cov = np.array([1.0, -2.0, 0.5]), np.array([[2.0, 0.6, 0.0],
                                                      [0.6, 1.0, -0.3],
                                                      [0.0, -0.3, 0.5]])
    for method in ("svd", "eigh", "cholesky"):
        x = _rng(307).multivariate_normal(mean, cov, size=N, method=method).to_numpy()
        assert x.shape == (N, 3) and x.dtype == np.float32
        assert np.abs(x.mean(axis=0) - mean).max() < 5 * np.sqrt(2.0 / N)
        assert np.abs(np.cov(x.T) - cov).max() < 0.06
        # a projection is exactly normal with the projected variance
        w = np.array([0.3, -1.0, 2.0])
        _ks(x @ w, ss.norm(w @ mean, np.sqrt(w @ cov @ w)))
    assert _rng(0).multivariate_normal(mean, cov, size=(2, 5)).shape == (2, 5, 3)
    with pytest.warns(RuntimeWarning):
        _rng(0).multivariate_normal([0, 0], [[1, 2], [2, 1]])


# ------------------------------------------------------------------ legacy API

LEGACY = ["beta", "binomial", "bytes", "chisquare", "dirichlet", "exponential", "f", "gamma",
          "geometric", "gumbel", "laplace", "logistic", "lognormal", "multinomial",
          "multivariate_normal", "negative_binomial", "pareto", "poisson", "power",
          "rayleigh", "standard_cauchy", "standard_exponential", "standard_gamma",
          "standard_t", "triangular", "vonmises", "wald", "weibull", "get_state",
          "set_state"]


def test_legacy_module_has_numpys_functions():
    for name in LEGACY:
        assert callable(getattr(ovnp.random, name)), name
        assert callable(getattr(np.random, name)), name
        assert name in ovnp.random.__all__


def test_legacy_draws_are_seeded_and_distributed():
    ovnp.random.seed(11)
    a = [ovnp.random.binomial(10, 0.5, 8000), ovnp.random.gamma(2.0, 1.0, 8000),
         ovnp.random.weibull(2.0, 50), ovnp.random.multinomial(5, [0.5, 0.5], 3)]
    ovnp.random.seed(11)
    b = [ovnp.random.binomial(10, 0.5, 8000), ovnp.random.gamma(2.0, 1.0, 8000),
         ovnp.random.weibull(2.0, 50), ovnp.random.multinomial(5, [0.5, 0.5], 3)]
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x.to_numpy(), y.to_numpy())
    assert _discrete_chi2(a[0].to_numpy(), ss.binom(10, 0.5)) > P_MIN
    _ks(a[1].to_numpy(), ss.gamma(2.0))
    assert isinstance(ovnp.random.bytes(5), bytes) and len(ovnp.random.bytes(5)) == 5


def test_legacy_get_state_set_state_replays():
    ovnp.random.seed(12)
    ovnp.random.rand(3)
    state = ovnp.random.get_state()
    a = ovnp.random.randn(4).to_numpy()
    b = ovnp.random.randn(4).to_numpy()
    ovnp.random.set_state(state)
    np.testing.assert_array_equal(ovnp.random.randn(4).to_numpy(), a)
    assert not np.array_equal(a, b)
    with pytest.raises(ValueError):
        ovnp.random.set_state(np.random.get_state())      # MT19937 states cannot apply


# ------------------------------------------------------------------ compile counts, errors

def test_loop_of_rejection_draws_compiles_once_per_shape():
    r = _rng(308)
    r.binomial(50, 0.3, 16).to_numpy()
    r.gamma(2.0, 1.0, 16).to_numpy()
    before = ovnp.cache_info().misses
    seen = set()
    for i in range(200):
        seen.add(r.binomial(20 + i, 0.3 + i / 1000, 16).to_numpy().tobytes())
        r.gamma(1.0 + i / 10, 1.0, 16).to_numpy()
    assert ovnp.cache_info().misses - before <= 2
    assert len(seen) == 200


ERRORS = [
    lambda r: r.chisquare(0), lambda r: r.f(0, 1), lambda r: r.f(1, 0),
    lambda r: r.geometric(0), lambda r: r.geometric(1.5), lambda r: r.negative_binomial(0, 0.5),
    lambda r: r.negative_binomial(1, 0), lambda r: r.pareto(0), lambda r: r.power(0),
    lambda r: r.rayleigh(-1), lambda r: r.standard_t(0), lambda r: r.triangular(2, 1, 3),
    lambda r: r.triangular(1, 3, 2), lambda r: r.triangular(1, 1, 1), lambda r: r.wald(0, 1),
    lambda r: r.wald(1, 0), lambda r: r.weibull(-1), lambda r: r.vonmises(0, -1),
    lambda r: r.multinomial(-1, [0.5, 0.5]), lambda r: r.multinomial(3, [-0.1, 1.1]),
    lambda r: r.multinomial(3, [0.7, 0.7, 0.1]), lambda r: r.dirichlet([-1.0, 1.0]),
    lambda r: r.multivariate_normal([0, 0], [[1, 0]]),
    lambda r: r.multivariate_normal([0], [[1, 0], [0, 1]]),
    lambda r: r.multivariate_normal([0, 0], [[1, 2], [2, 1]], check_valid="raise"),
    lambda r: r.multivariate_normal([0, 0], [[1, 0], [0, 1]], check_valid="x"),
    lambda r: r.weibull([1.0, 2.0], size=3),
]


@pytest.mark.parametrize("call", ERRORS)
def test_errors_match_numpy(call):
    same_error(lambda: call(_rng(0)), lambda: call(np.random.default_rng(0)))
