"""NumPy's legacy global-state API (numpy.random.seed, rand, randn, randint, ...).

A module-level RandomState wraps one Generator; `seed(s)` replaces it, so the same seed
gives the same sequence of numbers (ovnp's own numbers, not NumPy's MT19937 bits).
"""

import numpy as _np

from ._generator import Generator, SeedSequence

__all__ = ["RandomState", "seed", "rand", "randn", "randint", "random", "random_sample",
           "ranf", "sample", "uniform", "normal", "standard_normal", "choice",
           "permutation", "shuffle"]


class RandomState:
    """The legacy API on an ovnp Generator (seeded through NumPy's SeedSequence)."""

    def __init__(self, seed=None):
        self.seed(seed)

    def seed(self, seed=None):
        if seed is not None:
            values = _np.asarray(seed)
            if values.dtype.kind not in "iu" or _np.any(values < 0) or _np.any(values >= 2 ** 32):
                raise ValueError("Seed must be between 0 and 2**32 - 1")
            seed = values.tolist()
        self._gen = Generator(SeedSequence(seed))

    def rand(self, *shape):
        return self._gen.random(shape)

    def randn(self, *shape):
        return self._gen.standard_normal(shape)

    def randint(self, low, high=None, size=None, dtype=int):
        return self._gen.integers(low, high, size=size, dtype=dtype)

    def random_sample(self, size=None):
        return self._gen.random(size)

    random = ranf = sample = random_sample

    def uniform(self, low=0.0, high=1.0, size=None):
        return self._gen.uniform(low, high, size)

    def normal(self, loc=0.0, scale=1.0, size=None):
        return self._gen.normal(loc, scale, size)

    def standard_normal(self, size=None):
        return self._gen.standard_normal(size)

    def choice(self, a, size=None, replace=True, p=None):
        return self._gen.choice(a, size, replace, p)

    def permutation(self, x):
        return self._gen.permutation(x)

    def shuffle(self, x):
        return self._gen.shuffle(x)


_global = RandomState()


def seed(seed=None):
    """Reseed the global legacy generator."""
    _global.seed(seed)


def rand(*shape):
    return _global.rand(*shape)


def randn(*shape):
    return _global.randn(*shape)


def randint(low, high=None, size=None, dtype=int):
    return _global.randint(low, high, size, dtype)


def random_sample(size=None):
    return _global.random_sample(size)


random = ranf = sample = random_sample


def uniform(low=0.0, high=1.0, size=None):
    return _global.uniform(low, high, size)


def normal(loc=0.0, scale=1.0, size=None):
    return _global.normal(loc, scale, size)


def standard_normal(size=None):
    return _global.standard_normal(size)


def choice(a, size=None, replace=True, p=None):
    return _global.choice(a, size, replace, p)


def permutation(x):
    return _global.permutation(x)


def shuffle(x):
    return _global.shuffle(x)
