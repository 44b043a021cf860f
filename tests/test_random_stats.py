"""Distribution tests of ovnp.random against the exact distributions (scipy.stats).

Fixed seeds make each test deterministic; a p-value threshold of 1e-4 keeps them from
flagging a correct sampler, and each test also checks that the same statistic rejects a
slightly wrong distribution, so a test that cannot fail would show.
"""

import numpy as np
import pytest
import scipy.stats as ss

import ovnp

N = 40000
P_MIN = 1e-4


def _rng(seed):
    return ovnp.random.default_rng(seed)


def _ks(sample, cdf, wrong_cdf=None):
    p = ss.kstest(sample.astype(np.float64), cdf).pvalue
    assert p > P_MIN, f"KS p-value {p}"
    if wrong_cdf is not None:
        assert ss.kstest(sample.astype(np.float64), wrong_cdf).pvalue < P_MIN


CONTINUOUS = {
    "random": (lambda r: r.random(N), ss.uniform().cdf, ss.uniform(0.01, 1).cdf),
    "uniform": (lambda r: r.uniform(-3.0, 5.0, N), ss.uniform(-3, 8).cdf, ss.uniform(-3, 8.2).cdf),
    "standard_normal": (lambda r: r.standard_normal(N), ss.norm().cdf, ss.norm(0, 1.05).cdf),
    "normal": (lambda r: r.normal(2.0, 3.0, N), ss.norm(2, 3).cdf, ss.norm(2.1, 3).cdf),
    "lognormal": (lambda r: r.lognormal(0.5, 0.75, N), ss.lognorm(0.75, scale=np.exp(0.5)).cdf,
                  ss.lognorm(0.80, scale=np.exp(0.5)).cdf),
    "standard_exponential": (lambda r: r.standard_exponential(N), ss.expon().cdf,
                             ss.expon(scale=1.03).cdf),
    "exponential": (lambda r: r.exponential(2.5, N), ss.expon(scale=2.5).cdf,
                    ss.expon(scale=2.6).cdf),
    "laplace": (lambda r: r.laplace(1.0, 2.0, N), ss.laplace(1, 2).cdf, ss.laplace(1, 2.2).cdf),
    "logistic": (lambda r: r.logistic(-1.0, 0.5, N), ss.logistic(-1, 0.5).cdf,
                 ss.logistic(-1, 0.535).cdf),
    "gumbel": (lambda r: r.gumbel(0.5, 2.0, N), ss.gumbel_r(0.5, 2).cdf, ss.gumbel_r(0.5, 2.1).cdf),
}


@pytest.mark.parametrize("name", sorted(CONTINUOUS))
def test_continuous_distribution_ks(name):
    draw, cdf, wrong = CONTINUOUS[name]
    _ks(draw(_rng(100)).to_numpy(), cdf, wrong)


@pytest.mark.parametrize("k", [0.3, 1.0, 2.5, 40.0])
def test_gamma_ks(k):
    # one array of shapes: one compiled model for every k
    x = _rng(101).gamma(np.full(N, k), 2.0).to_numpy()
    _ks(x, ss.gamma(k, scale=2.0).cdf, ss.gamma(k * 1.04, scale=2.0).cdf)


def test_gamma_small_and_zero_shape():
    x = _rng(102).standard_gamma(np.array([0.0, 0.05, 0.5]), size=(N, 3)).to_numpy()
    assert (x[:, 0] == 0).all()
    assert np.isfinite(x).all() and (x >= 0).all()
    _ks(x[:, 2], ss.gamma(0.5).cdf)


@pytest.mark.parametrize("a,b", [(0.5, 0.5), (2.0, 5.0), (1.0, 1.0)])
def test_beta_ks(a, b):
    x = _rng(103).beta(np.full(N, a), b).to_numpy()
    assert ((x >= 0) & (x <= 1)).all()
    _ks(x, ss.beta(a, b).cdf, ss.beta(a * 1.05, b).cdf)


def test_means_and_variances_within_bounds():
    r = _rng(104)
    cases = [(r.normal(5.0, 2.0, N), 5.0, 4.0), (r.exponential(3.0, N), 3.0, 9.0),
             (r.gamma(2.0, 1.5, N), 3.0, 4.5), (r.uniform(0.0, 6.0, N), 3.0, 3.0)]
    for x, mean, var in cases:
        v = x.to_numpy().astype(np.float64)
        assert abs(v.mean() - mean) < 5 * np.sqrt(var / N)
        assert abs(v.var() / var - 1) < 0.05


def _chi2(counts, probs):
    counts = np.asarray(counts, np.float64)
    expected = counts.sum() * np.asarray(probs, np.float64)
    return ss.chisquare(counts, expected).pvalue


def test_integers_chi_square_and_high_bits():
    r = _rng(105)
    v = r.integers(0, 7, size=N).to_numpy()
    assert _chi2(np.bincount(v, minlength=7), np.full(7, 1 / 7)) > P_MIN
    # a range that is not a power of two and above 2**24 (float tricks would fail here)
    big = 3 * 2 ** 29
    v = r.integers(0, big, size=N, dtype=np.int64).to_numpy().astype(np.int64)
    assert _chi2(np.bincount(v * 12 // big, minlength=12), np.full(12, 1 / 12)) > P_MIN
    assert _chi2(np.bincount(v % 8, minlength=8), np.full(8, 1 / 8)) > P_MIN
    wrong = np.bincount(r.integers(0, 7, size=N).to_numpy(), minlength=7)
    assert _chi2(wrong, [0.16, 0.14, 0.14, 0.14, 0.14, 0.14, 0.14]) < P_MIN


def test_choice_with_p_chi_square():
    p = np.array([0.1, 0.4, 0.0, 0.2, 0.3])
    v = _rng(106).choice(5, N, p=p).to_numpy()
    counts = np.bincount(v, minlength=5)
    assert counts[2] == 0
    keep = p > 0
    assert _chi2(counts[keep], p[keep]) > P_MIN
    assert _chi2(counts[keep], [0.12, 0.38, 0.2, 0.3]) < P_MIN


def test_choice_without_replacement_matches_successive_sampling():
    # First pick ~ p; second pick ~ p renormalized without the first (NumPy's law).
    p = np.array([0.5, 0.3, 0.2])
    r = _rng(107)
    pairs = np.stack([r.choice(3, 2, replace=False, p=p).to_numpy() for _ in range(1500)])
    first = pairs[:, 0]
    assert _chi2(np.bincount(first, minlength=3), p) > P_MIN
    counts = np.bincount(pairs[first == 0, 1], minlength=3)[1:]
    assert _chi2(counts, [0.6, 0.4]) > P_MIN
    assert _chi2(counts, [0.5, 0.5]) < 0.05


def test_permutations_are_uniform():
    # all 6 orders of 3 items, 6000 permutations in one draw each via permuted rows
    r = _rng(108)
    rows = r.permuted(ovnp.asarray(np.tile(np.arange(3), (6000, 1))), axis=1).to_numpy()
    codes = rows[:, 0] * 3 + rows[:, 1]
    counts = np.unique(codes, return_counts=True)[1]
    assert len(counts) == 6 and _chi2(counts, np.full(6, 1 / 6)) > P_MIN
    # and each position of a long permutation is uniform
    n = 10
    perms = np.stack([r.permutation(n).to_numpy() for _ in range(400)])
    assert _chi2(np.bincount(perms[:, 0], minlength=n), np.full(n, 1 / n)) > P_MIN


def test_legacy_distributions():
    ovnp.random.seed(7)
    _ks(ovnp.random.randn(N).to_numpy(), ss.norm().cdf)
    _ks(ovnp.random.rand(N).to_numpy(), ss.uniform().cdf)
    v = ovnp.random.randint(3, 9, size=N).to_numpy()
    assert _chi2(np.bincount(v - 3, minlength=6), np.full(6, 1 / 6)) > P_MIN


def _poisson_chi2(x, lam):
    dist = ss.poisson(lam)
    edges = np.unique(np.round(np.linspace(dist.ppf(0.001), dist.ppf(0.999) + 1, 15)))
    edges = np.concatenate([[-1], edges[1:-1], [np.iinfo(np.int32).max]])
    obs = np.histogram(x, edges)[0]
    expected = np.diff(dist.cdf(edges - 1))
    return ss.chisquare(obs, expected * obs.sum() / expected.sum()).pvalue


def test_poisson_both_regimes_chi_square():
    # one draw holds lam on both sides of the inversion / PTRS switch at 10
    lams = np.repeat([0.0, 0.7, 4.0, 9.99, 10.0, 35.0, 2000.0], 8000)
    x = _rng(109).poisson(lams).to_numpy()
    assert x.dtype == np.int32 and (x >= 0).all()
    assert (x[lams == 0] == 0).all()
    for lam in (0.7, 4.0, 9.99, 10.0, 35.0, 2000.0):
        assert _poisson_chi2(x[lams == lam], lam) > P_MIN, lam
    assert _poisson_chi2(x[lams == 35.0], 36.0) < P_MIN      # the test has power
