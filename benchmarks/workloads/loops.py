"""W10-W15: NumPy code as people write it, with Python loops, slice reads, slice writes,
scalar indexing, shapes that change every iteration and NumPy scalars as operands
(issue 13). Each body is plain NumPy code; `xp` is numpy or ovnp."""

import numpy

from harness import Workload, rand

F32 = numpy.float32


def w10(xp, A, B):
    """1-D three-point stencil (polybench jacobi-1d): 800 steps, both arrays in place."""
    for _ in range(400):
        B[1:-1] = 0.33333 * (A[:-2] + A[1:-1] + A[2:])
        A[1:-1] = 0.33333 * (B[:-2] + B[1:-1] + B[2:])
    return A, B


def w11(xp, A, B):
    """2-D five-point stencil (polybench jacobi-2d): 100 steps, both arrays in place."""
    for _ in range(50):
        B[1:-1, 1:-1] = 0.2 * (A[1:-1, 1:-1] + A[1:-1, :-2] + A[1:-1, 2:]
                               + A[2:, 1:-1] + A[:-2, 1:-1])
        A[1:-1, 1:-1] = 0.2 * (B[1:-1, 1:-1] + B[1:-1, :-2] + B[1:-1, 2:]
                               + B[2:, 1:-1] + B[:-2, 1:-1])
    return A, B


def w12(xp, u, p, q):
    """A column sweep of a tridiagonal (ADI) solver: p[1:-1, j] from p[1:-1, j-1], then
    the back substitution, right to left."""
    a, b, c, d = -0.5, 2.0, -0.5, 0.25
    n = u.shape[1]
    for j in range(1, n - 1):
        den = a * p[1:-1, j - 1] + b
        p[1:-1, j] = -c / den
        q[1:-1, j] = (d * u[j, :-2] + (1.0 - 2.0 * d) * u[j, 1:-1] + d * u[j, 2:]
                      - a * q[1:-1, j - 1]) / den
    for j in range(n - 2, 0, -1):
        u[1:-1, j] = p[1:-1, j] * u[1:-1, j + 1] + q[1:-1, j]
    return u


def w13(xp, a):
    """A scalar-indexed loop (numba's first example): a trace of tanh, then a + trace."""
    trace = 0.0
    for i in range(a.shape[0]):
        trace += xp.tanh(a[i, i])
    return a + trace


def w14(xp, A):
    """Cholesky (polybench): slices whose shapes change every iteration."""
    n = A.shape[0]
    for i in range(n):
        for j in range(i):
            A[i, j] -= xp.dot(A[i, :j], A[j, :j])
            A[i, j] /= A[j, j]
        A[i, i] -= xp.dot(A[i, :i], A[i, :i])
        A[i, i] = xp.sqrt(A[i, i])
    return A


def w15(xp, x, a, b):
    """W8 with NumPy float32 scalars (not ovnp arrays) as a and b."""
    for _ in range(1000):
        x = x * a + b
    return x


def _spd(n, seed):
    r = rand((n, n), seed).astype(numpy.float64)
    return (r @ r.T + n * numpy.eye(n)).astype(F32)


def _adi():
    n = 200
    return rand((n, n), 20), numpy.ones((n, n), F32), numpy.zeros((n, n), F32)


WORKLOADS = [
    Workload("W10 stencil 1-D", w10, lambda: (rand(3200, 14), rand(3200, 15)),
             mutates=True, needs=("multiply", "add"),
             note="800 steps on 3,200 elements, slice reads and writes"),
    Workload("W11 stencil 2-D", w11, lambda: (rand((200, 200), 16), rand((200, 200), 17)),
             mutates=True, needs=("multiply", "add"), note="100 steps on 200x200"),
    Workload("W12 ADI sweep", w12, _adi, mutates=True, needs=("multiply", "add", "divide"),
             note="columns j from j-1 on 200x200, forward and back"),
    Workload("W13 trace loop", w13, lambda: (rand((2000, 2000), 18),), needs=("tanh",),
             note="trace += tanh(a[i, i]) for i < 2000, then a + trace"),
    Workload("W14 cholesky 100", w14, lambda: (_spd(100, 19),), mutates=True,
             needs=("dot", "sqrt"), note="dot(A[i, :j], A[j, :j]): a new shape every step"),
    Workload("W15 W8 numpy scalars", w15,
             lambda: (rand(10**5, 10), F32(0.9995), F32(1e-4)), target=1.0,
             needs=("multiply", "add"), note="x = x * a + b with a, b numpy.float32"),
]
