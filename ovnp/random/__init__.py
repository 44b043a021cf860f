"""ovnp.random: NumPy's random API with the numbers generated on the device.

    rng = ovnp.random.default_rng(42)
    x = rng.normal(size=(1000,))          # lazy; one compiled model per shape

The streams are ovnp's own (a keyed counter-based hash computed in the graph), not
NumPy's PCG64 or MT19937 bits. See docs/random.md.
"""

import sys as _sys

import numpy.random as _np_random

from .. import _docs
from ._generator import Generator, SeedSequence, default_rng
from . import _legacy
from ._legacy import (RandomState, get_state, set_state, choice, normal, permutation, rand, randint, randn,
                      random, random_sample, ranf, sample, seed, shuffle, standard_normal,
                      uniform)

__all__ = ["Generator", "SeedSequence", "default_rng", "RandomState", "seed", "rand",
           "randn", "randint", "random", "random_sample", "ranf", "sample", "uniform",
           "normal", "standard_normal", "choice", "permutation", "shuffle", "get_state",
           "set_state"] + list(_legacy._FORWARDED)

globals().update({_name: getattr(_legacy, _name) for _name in _legacy._FORWARDED})

_docs.attach([(_sys.modules[__name__], _np_random, "random.")])
