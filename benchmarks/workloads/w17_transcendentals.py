"""W17: the transcendental ufuncs one by one (issue 17), on 1e6 and 1e7 float32 values
from host data to `.to_numpy()`, and the decibel pipeline 10*log10(max(x*x, 1e-10)).

Note that a pure copy in and out (ovnp.asarray, one trivial op, .to_numpy()) is a floor
under every ratio here: on 1e6 values it alone takes longer than several of NumPy's
SIMD kernels (docs/performance.md, "Kernels", measures it).
"""

import functools

from harness import Workload, rand

# name: (low, high) of the uniform inputs, inside the function's domain
DOMAINS = {
    "log": (1e-3, 1e3), "log2": (1e-3, 1e3), "log10": (1e-3, 1e3), "log1p": (-0.5, 1e3),
    "expm1": (-10, 10), "exp2": (-20, 20), "tanh": (-5, 5), "sinh": (-10, 10),
    "cosh": (-10, 10), "cbrt": (-1e3, 1e3), "tan": (-3, 3), "arctan": (-10, 10),
    "arcsin": (-1, 1), "arccos": (-1, 1), "arcsinh": (-10, 10), "arccosh": (1, 100),
    "arctanh": (-0.99, 0.99),
}
# issue 17's bar: at most NumPy's time on 1e6 values, copy counted; log and log10 0.6
TARGET_1E6 = {"log": 0.6, "log10": 0.6}


def unary(xp, x, name):
    return getattr(xp, name)(x)


def binary(xp, a, b, name):
    return getattr(xp, name)(a, b)


def decibels(xp, x):
    return 10 * xp.log10(xp.maximum(x * x, 1e-10))


def _unary_workloads():
    for name, (low, high) in DOMAINS.items():
        body = functools.partial(unary, name=name)
        for n, label in ((10 ** 6, "1e6"), (10 ** 7, "1e7")):
            inputs = functools.partial(lambda n, lo, hi: (rand(n, 17, lo, hi),), n, low, high)
            yield Workload(f"W17 {name} {label}", body, inputs,
                           target=TARGET_1E6.get(name, 1.0) if n == 10 ** 6 else 1.0,
                           needs=(name,))


def _binary_workloads():
    cases = {"arctan2": ((-10, 10), (-10, 10)), "logaddexp": ((-20, 20), (-20, 20)),
             "power": ((1e-3, 10), (-4, 4))}
    for name, ((la, ha), (lb, hb)) in cases.items():
        body = functools.partial(binary, name=name)
        for n, label in ((10 ** 6, "1e6"), (10 ** 7, "1e7")):
            yield Workload(f"W17 {name} {label}", body,
                           functools.partial(lambda n, la, ha, lb, hb: (rand(n, 17, la, ha),
                                                                        rand(n, 18, lb, hb)),
                                             n, la, ha, lb, hb),
                           target=1.0, needs=(name,))


def copy_floor(xp, x):
    """The floor under every W17 ratio: the cheapest op, so the time is the copy in, one
    pass, the copy out (NumPy's abs is a single pass too)."""
    return xp.abs(x)


WORKLOADS = [*_unary_workloads(), *_binary_workloads(),
             Workload("W17 copy floor 1e6", copy_floor, lambda: (rand(10 ** 6, 20),),
                      needs=("abs",), note="abs: host data in, one op, .to_numpy() out"),
             Workload("W17 copy floor 1e7", copy_floor, lambda: (rand(10 ** 7, 20),),
                      needs=("abs",)),
             Workload("W17 decibels 1e7", decibels, lambda: (rand(10 ** 7, 19),), target=0.4,
                      needs=("log10", "maximum", "multiply"))]
