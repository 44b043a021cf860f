"""A short user script: tests/test_typing.py checks that pyright and mypy accept it."""

import ovnp as np

x = np.arange(10, dtype=np.float32)
y = np.sin(x) * 2.0 + 1.0
z = y.reshape(2, 5).sum(axis=1, keepdims=False)
norm = np.linalg.norm(z)
noise = np.random.default_rng(0).normal(0.0, 1.0, size=3)
frequencies = np.fft.fftfreq(8)
first: float = float(z[0])
ordered = sorted(x)
count: int = len(x)
np.testing.assert_allclose(z, z)
is_float: bool = np.issubdtype(x.dtype, np.floating)
scalar = np.float32(3.0)
quotient, remainder = np.divmod(x, 3)
total = np.add.reduce(x)
p = np.poly1d([1.0, 2.0])
grid = np.mgrid[0:3, 0:2]
shape: tuple[int, ...] = x.shape
x.shape = (2, 5)
m = (x @ x.T).max()
mask = x > 0.5
values = x[mask].to_numpy()
print(norm, noise, frequencies, first, ordered, count, is_float, scalar, quotient,
      remainder, total, p(2.0), grid, shape, m, values, np.explain(y))
