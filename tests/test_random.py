"""ovnp.random: shapes, dtypes, ranges, reproducibility, independence, compile counts and
NumPy's argument errors. Distribution tests are in test_random_stats.py."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ovnp
from strategies import same_error

SHAPES = st.sampled_from([None, (), 0, 1, 5, (0,), (2, 3), (3, 0), (1, 2, 2)])


def _want_shape(size):
    if size is None:
        return ()
    return (size,) if isinstance(size, int) else size


def _rng(seed=0):
    return ovnp.random.default_rng(seed)


# ------------------------------------------------------------------ the raw bits

_M = 0xFFFFFFFF


def _lowbias32(x):
    x ^= x >> 16
    x = (x * 0x7FEB352D) & _M
    x ^= x >> 15
    x = (x * 0x846CA68B) & _M
    return x ^ (x >> 16)


def _reference_bits(rng, draw, n):
    """The documented stream, recomputed in NumPy: per-draw key, then the counter hash."""
    from ovnp.random._generator import _M64, _splitmix64
    k = _splitmix64((rng._k0 + _splitmix64(rng._k1 ^ draw)) & _M64)
    k0, k1 = k & _M, k >> 32
    j = np.arange(n, dtype=np.uint64)
    x = _lowbias32((j + k0) & _M)
    x = _lowbias32(x ^ k1)
    x = _lowbias32((x + (k0 ^ 0x5BD1E995)) & _M)
    return x.astype(np.uint32)


def test_bits_equal_the_documented_counter_hash():
    # integers over the whole uint32 range returns the raw bits: every bit must match.
    rng = _rng(123)
    a = rng.integers(0, 2 ** 32, size=4096, dtype=np.uint32).to_numpy()
    b = rng.integers(0, 2 ** 32, size=4096, dtype=np.uint32).to_numpy()
    np.testing.assert_array_equal(a, _reference_bits(rng, 0, 4096))
    np.testing.assert_array_equal(b, _reference_bits(rng, 1, 4096))


def test_trap_int32_select_in_fused_chain_loses_low_bits():
    # OpenVINO's Select on int32 inside a fused chain ran in f32 (3854347593 came back as
    # 3854347584); the full-range integers path would then lose its low bits.
    x = _rng(5).integers(-2 ** 31, 2 ** 31, size=20000, dtype=np.int64).to_numpy()
    assert (x % 2 != 0).mean() > 0.45
    assert len(np.unique(x & 0xFF)) == 256


# ------------------------------------------------------------------ shapes and dtypes

FLOAT_METHODS = {
    "random": lambda r, size: r.random(size),
    "standard_normal": lambda r, size: r.standard_normal(size),
    "standard_exponential": lambda r, size: r.standard_exponential(size),
    "uniform": lambda r, size: r.uniform(-2.0, 3.0, size),
    "normal": lambda r, size: r.normal(1.0, 2.0, size),
    "lognormal": lambda r, size: r.lognormal(0.0, 0.5, size),
    "exponential": lambda r, size: r.exponential(2.0, size),
    "laplace": lambda r, size: r.laplace(0.0, 1.0, size),
    "logistic": lambda r, size: r.logistic(0.0, 1.0, size),
    "gumbel": lambda r, size: r.gumbel(0.0, 1.0, size),
}


@given(SHAPES)
def test_poisson_shape_and_dtype(size):
    x = _rng(1).poisson(3.0, size)
    assert x.shape == np.shape(np.random.default_rng(1).poisson(3.0, size))
    assert x.dtype == np.int32 and (x.to_numpy() >= 0).all()


@given(st.sampled_from(sorted(FLOAT_METHODS)), SHAPES)
def test_float_draws_have_numpys_shape_and_float32(name, size):
    x = FLOAT_METHODS[name](_rng(1), size)
    want = FLOAT_METHODS[name](np.random.default_rng(1), size)
    assert isinstance(x, ovnp.ndarray)
    assert x.shape == np.shape(want) == _want_shape(size)
    assert x.dtype == np.float32
    v = x.to_numpy()
    assert v.shape == x.shape and np.isfinite(v).all()


@given(SHAPES)
def test_random_is_in_unit_interval(size):
    v = _rng(2).random(size).to_numpy()
    assert ((v >= 0) & (v < 1)).all()


def test_random_range_on_a_large_draw():
    v = _rng(3).random(200000).to_numpy()
    assert v.min() >= 0 and v.max() < 1 and v.max() > 0.9999
    assert v.dtype == np.float32


def test_parameters_broadcast_like_numpy():
    r = _rng(4)
    loc = np.array([0.0, 10.0, 100.0])
    x = r.normal(loc, [[1.0], [0.001]])
    assert x.shape == (2, 3)
    v = x.to_numpy()
    np.testing.assert_allclose(v[1], loc, atol=0.01)
    assert r.uniform(np.zeros(3), 1.0, size=(4, 3)).shape == (4, 3)
    assert r.gamma(np.array([1.0, 2.0])).shape == (2,)


def test_dtype_argument():
    r = _rng(5)
    for method in (r.random, r.standard_normal, r.standard_exponential):
        assert method(3, dtype=np.float32).dtype == np.float32
        assert method(3, dtype=np.float64).dtype == np.float32   # the 32-bit policy
    assert r.standard_gamma(2.0, 3, dtype=np.float32).dtype == np.float32


def test_out_argument():
    r = _rng(6)
    out = ovnp.asarray(np.zeros((2, 3), np.float32))
    alias = out
    assert r.random(out=out) is out
    v = alias.to_numpy()
    assert ((v > 0) & (v < 1)).all()
    r.standard_normal(out=out)
    r.standard_exponential(size=(2, 3), out=out)
    assert (out.to_numpy() > 0).all()
    r.standard_gamma(2.0, out=out)
    assert (out.to_numpy() > 0).all()
    with pytest.raises(ValueError):
        r.random(size=(3,), out=out)
    with pytest.raises(TypeError):
        r.random(out=ovnp.asarray(np.zeros(3, np.int32)))


def test_device_argument():
    r = _rng(7)
    assert r.random(3, device="CPU").device == "CPU"
    with pytest.raises(ValueError):
        r.random(3, device="NO_SUCH_DEVICE")


# ------------------------------------------------------------------ integers

INT_DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
              np.uint64, np.bool_]


@given(st.sampled_from(INT_DTYPES), st.data())
def test_integers_range_and_dtype(dtype, data):
    info = np.iinfo(dtype) if dtype is not np.bool_ else None
    lo_min, hi_max = (0, 1) if info is None else (int(info.min), min(int(info.max), 2 ** 32))
    lo_min = max(lo_min, -2 ** 31)
    hi_max = min(hi_max, 2 ** 31 - 1) if lo_min < 0 else hi_max
    low = data.draw(st.integers(lo_min, hi_max - 1))
    high = data.draw(st.integers(low + 1, hi_max))
    endpoint = data.draw(st.booleans())
    if endpoint:
        high -= 1
    x = _rng(8).integers(low, high, size=500, dtype=dtype, endpoint=endpoint)
    want_dtype = ovnp._dtypes.canonical(np.dtype(dtype))
    assert x.dtype == want_dtype
    v = x.to_numpy().astype(np.int64)
    assert v.min() >= low
    assert v.max() <= high if endpoint else v.max() < high


def test_integers_endpoint_reaches_high_and_default_never_does():
    r = _rng(9)
    v = r.integers(0, 3, size=3000).to_numpy()
    assert set(np.unique(v)) == {0, 1, 2}
    v = r.integers(0, 3, size=3000, endpoint=True).to_numpy()
    assert set(np.unique(v)) == {0, 1, 2, 3}
    assert r.integers(5, size=4).dtype == np.int32   # NumPy's int64 under the policy
    v = r.integers(np.array([0, 10]), np.array([[1], [12]]) + 10, size=(2, 2)).to_numpy()
    assert (v >= [0, 10]).all() and (v[0] < 11).all() and (v[1] < 22).all()
    assert r.permutation(-1).shape == (0,)          # NumPy: arange(-1)


def test_integers_one_value_and_full_ranges():
    r = _rng(10)
    assert (r.integers(7, 8, size=10).to_numpy() == 7).all()
    v = r.integers(0, 2 ** 32, size=5000, dtype=np.uint32).to_numpy()
    assert v.max() > 2 ** 31 and v.dtype == np.uint32
    v = r.integers(-128, 127, size=5000, dtype=np.int8, endpoint=True).to_numpy()
    assert v.min() == -128 and v.max() == 127


def test_integers_beyond_32_bits_raise():
    with pytest.raises((OverflowError, ValueError)):
        _rng().integers(0, 2 ** 40)


# ------------------------------------------------------------------ reproducibility

def test_same_seed_same_numbers_across_processes_and_patterns():
    a, b = _rng(42), _rng(42)
    x1, y1 = a.random(100), a.normal(size=(3, 4))
    x2, y2 = b.random(100), b.normal(size=(3, 4))
    # one graph for both draws in a, separate graphs in b: same numbers
    v1, w1 = ovnp.compute(x1, y1)
    np.testing.assert_array_equal(v1, x2.to_numpy())
    np.testing.assert_array_equal(w1, y2.to_numpy())
    # seeds given as SeedSequence or a NumPy BitGenerator agree with the int
    c = ovnp.random.default_rng(np.random.SeedSequence(42))
    d = ovnp.random.default_rng(np.random.PCG64(42))
    np.testing.assert_array_equal(c.random(100).to_numpy(), v1)
    np.testing.assert_array_equal(d.random(100).to_numpy(), v1)


def test_stream_is_pinned_across_releases():
    # The stream is part of the contract: a change here breaks users' reproducibility.
    v = ovnp.random.default_rng(2024).integers(0, 2 ** 32, size=4, dtype=np.uint32)
    rng = ovnp.random.default_rng(2024)
    np.testing.assert_array_equal(v.to_numpy(), _reference_bits(rng, 0, 4))


def test_draw_results_do_not_depend_on_materialization_order():
    a, b = _rng(11), _rng(11)
    xs = [a.random(50) for _ in range(4)]
    ys = [b.random(50) for _ in range(4)]
    for y in reversed(ys):
        y.to_numpy()
    for x, y in zip(xs, ys):
        np.testing.assert_array_equal(x.to_numpy(), y.to_numpy())


def test_successive_draws_differ_although_the_model_is_cached():
    r = _rng(12)
    before = ovnp.cache_info().misses
    values = [r.random(64).to_numpy() for _ in range(20)]
    assert ovnp.cache_info().misses - before <= 1
    assert len({v.tobytes() for v in values}) == 20
    assert abs(np.corrcoef(values[0], values[1])[0, 1]) < 0.5


def test_loop_of_1000_draws_compiles_a_handful_of_models():
    r = _rng(13)
    ovnp.random.seed(0)
    before = ovnp.cache_info().misses
    seen = set()
    for i in range(1000):
        x = r.normal(loc=float(i), scale=1.0, size=(8,))
        y = r.integers(0, 100 + i, size=8)
        seen.add(x.to_numpy().tobytes())
        y.to_numpy()
    assert ovnp.cache_info().misses - before <= 4
    assert len(seen) == 1000


def test_spawned_streams_are_independent():
    parent = _rng(14)
    kids = parent.spawn(3)
    v = np.stack([k.random(100000).to_numpy() for k in kids] + [parent.random(100000).to_numpy()])
    corr = np.corrcoef(v)
    off = corr[~np.eye(4, dtype=bool)]
    assert np.abs(off).max() < 0.02          # 6 sigma for n = 1e5
    # and reproducible: spawning again from a fresh parent gives the same children
    again = _rng(14).spawn(3)
    np.testing.assert_array_equal(again[1].random(100000).to_numpy(), v[1])


def test_adjacent_seeds_and_successive_draws_are_uncorrelated():
    v = [_rng(s).random(100000).to_numpy() for s in (0, 1)]
    r = _rng(0)
    r.random(100000)
    v.append(r.random(100000).to_numpy())
    corr = np.corrcoef(v)
    assert np.abs(corr[~np.eye(3, dtype=bool)]).max() < 0.02
    # lagged correlation within one stream
    x = v[0] - 0.5
    assert abs(np.dot(x[1:], x[:-1]) / np.dot(x, x)) < 0.02


def test_generator_passes_through_default_rng():
    r = _rng(15)
    assert ovnp.random.default_rng(r) is r


# ------------------------------------------------------------------ sampling

def test_choice_shapes_and_values():
    r = _rng(16)
    assert r.choice(5).shape == ()
    assert r.choice(5, 3).shape == (3,)
    assert r.choice(5, (2, 3)).shape == (2, 3)
    a = ovnp.asarray(np.arange(12).reshape(3, 4))
    assert r.choice(a, 2).shape == (2, 4)
    assert r.choice(a, (2, 5), axis=1).shape == (3, 2, 5)
    v = r.choice([10, 20, 30], 500).to_numpy()
    assert set(np.unique(v)) == {10, 20, 30}
    assert r.choice(5, 0).shape == (0,)
    assert r.choice(0, 0).shape == (0,)


def test_choice_without_replacement_is_distinct():
    r = _rng(17)
    for n, k in [(10, 10), (100, 7), (1, 1)]:
        v = r.choice(n, k, replace=False).to_numpy()
        assert len(set(v.tolist())) == k and v.min() >= 0 and v.max() < n
    v = r.choice(6, 4, replace=False, p=[0.1, 0.2, 0, 0.3, 0.4, 0]).to_numpy()
    assert len(set(v.tolist())) == 4 and 2 not in v and 5 not in v


def test_choice_p_zero_never_chosen():
    v = _rng(18).choice(4, 20000, p=[0.0, 0.5, 0.0, 0.5]).to_numpy()
    assert set(np.unique(v)) == {1, 3}


def test_permutation_shuffle_permuted():
    r = _rng(19)
    p = r.permutation(50).to_numpy()
    assert sorted(p.tolist()) == list(range(50)) and p.dtype == np.int32
    base = np.arange(24).reshape(4, 6)
    a = ovnp.asarray(base)
    pa = r.permutation(a, axis=1).to_numpy()
    assert sorted(pa[0].tolist()) == list(range(6)) and (pa == base[:, pa[0]]).all()
    x = ovnp.asarray(base)
    alias = x
    assert r.shuffle(x) is None
    v = alias.to_numpy()
    assert sorted(v[:, 0].tolist()) == [0, 6, 12, 18] and (v - v[:, :1] == base[0] - base[0, 0]).all()
    q = r.permuted(ovnp.asarray(base), axis=1).to_numpy()
    assert all(sorted(row.tolist()) == list(b) for row, b in zip(q, base))
    q = r.permuted(ovnp.asarray(base)).to_numpy()
    assert sorted(q.ravel().tolist()) == list(range(24))
    out = ovnp.asarray(np.zeros((4, 6), np.int32))
    assert r.permuted(ovnp.asarray(base), axis=0, out=out) is out
    assert sorted(out.to_numpy()[:, 2].tolist()) == [2, 8, 14, 20]
    lst = list(range(10))
    r.shuffle(lst)
    assert sorted(lst) == list(range(10))
    assert r.permutation(0).shape == (0,)


def test_bytes():
    b = _rng(20).bytes(1000)
    assert isinstance(b, bytes) and len(b) == 1000 and len(set(b)) > 200


# ------------------------------------------------------------------ legacy API

def test_legacy_seed_reproduces():
    ovnp.random.seed(3)
    a = [ovnp.random.rand(2, 3), ovnp.random.randn(4), ovnp.random.randint(0, 5, size=6),
         ovnp.random.random(3), ovnp.random.random_sample((2,)), ovnp.random.uniform(1, 2, 3),
         ovnp.random.normal(0, 1, 3), ovnp.random.choice(5, 3), ovnp.random.permutation(5)]
    ovnp.random.seed(3)
    b = [ovnp.random.rand(2, 3), ovnp.random.randn(4), ovnp.random.randint(0, 5, size=6),
         ovnp.random.random(3), ovnp.random.random_sample((2,)), ovnp.random.uniform(1, 2, 3),
         ovnp.random.normal(0, 1, 3), ovnp.random.choice(5, 3), ovnp.random.permutation(5)]
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x.to_numpy(), y.to_numpy())
    assert a[0].shape == (2, 3) and a[1].shape == (4,) and a[2].dtype == np.int32
    assert ovnp.random.rand().shape == ()
    v = ovnp.random.randint(5, size=1000).to_numpy()
    assert v.min() == 0 and v.max() == 4
    x = ovnp.asarray(np.arange(10))
    ovnp.random.shuffle(x)
    assert sorted(x.tolist()) == list(range(10))
    ovnp.random.seed(4)
    assert not np.array_equal(ovnp.random.rand(5).to_numpy(), b[0].to_numpy().ravel()[:5])


def test_legacy_seed_errors():
    with pytest.raises(ValueError):
        ovnp.random.seed(-1)
    with pytest.raises(ValueError):
        np.random.seed(-1)


# ------------------------------------------------------------------ NumPy's errors

ERRORS = [
    lambda r: r.random(dtype=np.int32),
    lambda r: r.standard_normal(dtype=np.float16),
    lambda r: r.normal(0, -1),
    lambda r: r.exponential(-1),
    lambda r: r.lognormal(0, -1),
    lambda r: r.gamma(-1),
    lambda r: r.gamma(1, -1),
    lambda r: r.beta(0, 1),
    lambda r: r.beta(1, -1),
    lambda r: r.laplace(0, -1),
    lambda r: r.gumbel(0, -1),
    lambda r: r.logistic(0, -1),
    lambda r: r.uniform(0, np.inf),
    lambda r: r.poisson(-1),
    lambda r: r.poisson(np.nan),
    lambda r: r.integers(5, 5),
    lambda r: r.integers(5, 4, endpoint=True),
    lambda r: r.integers(-1, 5, dtype=np.uint8),
    lambda r: r.integers(0, 300, dtype=np.uint8),
    lambda r: r.integers(0, [1, 0]),
    lambda r: r.integers(0, 5, dtype=np.float32),
    lambda r: r.normal(np.zeros(3), size=(2,)),
    lambda r: r.random(size=-1),
    lambda r: r.choice(0, 3),
    lambda r: r.choice(-1),
    lambda r: r.choice(5, 6, replace=False),
    lambda r: r.choice(3, p=[0.5, 0.6, 0]),
    lambda r: r.choice(3, p=[-0.5, 1, 0.5]),
    lambda r: r.choice(3, p=[[0.5, 0.5, 0]]),
    lambda r: r.choice(3, p=[0.5, 0.5]),
    lambda r: r.choice(3, 3, replace=False, p=[0.5, 0.5, 0]),
]


@pytest.mark.parametrize("call", ERRORS)
def test_errors_match_numpy(call):
    same_error(lambda: call(_rng(0)), lambda: call(np.random.default_rng(0)))


def test_permutation_and_shuffle_errors_match_numpy():
    same_error(lambda: _rng().permutation(ovnp.asarray(3)),
               lambda: np.random.default_rng().permutation(np.array(3)))
    same_error(lambda: _rng().shuffle(ovnp.asarray(3)),
               lambda: np.random.default_rng().shuffle(np.array(3)))
    same_error(lambda: _rng().permutation(ovnp.asarray([1, 2]), axis=1),
               lambda: np.random.default_rng().permutation(np.array([1, 2]), axis=1))
