"""W1-W9: fused elementwise pipelines, reductions, matmul, softmax, small arrays, a long
chain, a loop over one expression, and graph building alone."""

from harness import Workload, rand


def w1(xp, a, b):
    return xp.sin(a) * b + xp.exp(-a) * 0.5


def w2_sum(xp, a):
    return xp.sum(a)


def w2_mean(xp, a):
    return xp.mean(a)


def w2_sum0(xp, a):
    return xp.sum(a, axis=0)


def w3(xp, x):
    return (x - x.mean(0)) / x.std(0)


def w4(xp, a, b):
    return xp.matmul(a, b)


def w5(xp, x):
    e = xp.exp(x - xp.max(x, axis=-1, keepdims=True))
    return e / xp.sum(e, axis=-1, keepdims=True)


def w7(xp, x):
    for _ in range(25):
        x = x * 1.0001 + 0.5
        x = xp.sqrt(xp.abs(x))
    return x


def w8(xp, x, a, b):
    for _ in range(1000):
        x = x * a + b
    return x


def _w8_loop(x, a, b):
    for _ in range(1000):
        x = x * a + b
    return x


W1_NEEDS = ("sin", "exp", "negative", "multiply", "add")

WORKLOADS = [
    Workload("W1 1e6", w1, lambda: (rand(10**6, 1), rand(10**6, 2)), needs=W1_NEEDS),
    Workload("W1 1e7", w1, lambda: (rand(10**7, 1), rand(10**7, 2)), target=1.0,
             needs=W1_NEEDS),
    Workload("W2 sum 1e7", w2_sum, lambda: (rand(10**7, 3),), target=1.2, needs=("sum",)),
    Workload("W2 mean 1e7", w2_mean, lambda: (rand(10**7, 3),), target=1.2, needs=("mean",)),
    Workload("W2 sum axis0 4096^2", w2_sum0, lambda: (rand((4096, 4096), 4),), target=1.2,
             needs=("sum",)),
    Workload("W3 standardize", w3, lambda: (rand((1_000_000, 16), 5),), target=0.25,
             needs=("ndarray.mean", "ndarray.std", "subtract", "divide")),
    Workload("W4 matmul 1024", w4, lambda: (rand((1024, 1024), 6), rand((1024, 1024), 7)),
             needs=("matmul",), matmul=True),
    Workload("W4 matmul 4096", w4, lambda: (rand((4096, 4096), 6), rand((4096, 4096), 7)),
             target=0.65, needs=("matmul",), matmul=True),
    Workload("W5 softmax", w5, lambda: (rand((4096, 1024), 8, -5, 5),), target=0.5,
             needs=("exp", "max", "sum", "subtract", "divide")),
    Workload("W6 W1 on 1e3", w1, lambda: (rand(1000, 1), rand(1000, 2)), target=30,
             unit="us", inner=200, jit=lambda a, b: w1(__import__("ovnp"), a, b),
             needs=W1_NEEDS),
    Workload("W7 50-op chain 1e6", w7, lambda: (rand(10**6, 9),), target=0.3,
             needs=("sqrt", "abs", "multiply", "add")),
    Workload("W8 loop 1000 on 1e5", w8,
             lambda: (rand(10**5, 10), rand(10**5, 11, 0.99, 1.0), rand(10**5, 12, -1e-3, 1e-3)),
             target=1.0, jit=_w8_loop, needs=("multiply", "add"),
             note="at most a handful of compiles"),
    # W9: graph building alone. The recorded ops of W1 per call (sin, mul, neg, exp, mul, add).
    Workload("W9 graph build", w1, lambda: (rand(1000, 1), rand(1000, 2)), target=3,
             unit="us/op", inner=2000, ops=6, needs=W1_NEEDS),
]
