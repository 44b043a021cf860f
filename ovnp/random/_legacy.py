"""NumPy's legacy global-state API (numpy.random.seed, rand, randn, randint, ...).

A module-level RandomState wraps one Generator; `seed(s)` replaces it, so the same seed
gives the same sequence of numbers (ovnp's own numbers, not NumPy's MT19937 bits).
"""

import inspect

import numpy as _np

from ._generator import Generator, SeedSequence

# Legacy functions that are Generator methods with the same leading arguments.
_FORWARDED = ("beta", "binomial", "bytes", "chisquare", "dirichlet", "exponential", "f",
              "gamma", "geometric", "gumbel", "laplace", "logistic", "lognormal",
              "multinomial", "multivariate_normal", "negative_binomial", "pareto", "poisson",
              "power", "rayleigh", "standard_cauchy", "standard_exponential",
              "standard_gamma", "standard_t", "triangular", "vonmises", "wald", "weibull")

__all__ = ["RandomState", "seed", "rand", "randn", "randint", "random", "random_sample",
           "ranf", "sample", "uniform", "normal", "standard_normal", "choice",
           "permutation", "shuffle", "get_state", "set_state"] + list(_FORWARDED)


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

    def get_state(self, legacy=True):
        """The generator's state as a dict (ovnp's key and draw counter, not MT19937's)."""
        g = self._gen
        return {"bit_generator": "ovnp.CounterHash",
                "state": {"key": (g._k0, g._k1), "counter": g._counter}}

    def set_state(self, state):
        """Restore a state from get_state (the draws then repeat from that point)."""
        if not isinstance(state, dict) or state.get("bit_generator") != "ovnp.CounterHash":
            raise ValueError("state must be a dict returned by ovnp's get_state "
                             "(MT19937 states cannot drive ovnp's streams)")
        g = Generator(SeedSequence(0))
        g._k0, g._k1 = (int(k) for k in state["state"]["key"])
        g._counter = int(state["state"]["counter"])
        self._gen = g


def _method(name):
    """RandomState's `name`: the Generator's, with its signature (help(), IDEs, stubs)."""
    def method(self, *args, **kwargs):
        return getattr(self._gen, name)(*args, **kwargs)
    generator_method = getattr(Generator, name)
    method.__name__ = name
    method.__doc__ = generator_method.__doc__
    method.__signature__ = inspect.signature(generator_method)
    return method


def _function(name):
    """The module-level `name` on the global RandomState, with the method's parameters."""
    def function(*args, **kwargs):
        return getattr(_global, name)(*args, **kwargs)
    signature = inspect.signature(getattr(Generator, name))
    function.__name__ = name
    function.__doc__ = getattr(Generator, name).__doc__
    function.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])
    return function


for _name in _FORWARDED:
    setattr(RandomState, _name, _method(_name))


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


def get_state(legacy=True):
    return _global.get_state(legacy)


def set_state(state):
    return _global.set_state(state)


for _name in _FORWARDED:
    globals()[_name] = _function(_name)
