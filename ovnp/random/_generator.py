"""ovnp.random.Generator: NumPy's Generator API, with the numbers made on the device.

A Generator holds a 128-bit key (from NumPy's SeedSequence, which only mixes entropy on
the host) and a draw counter. Every draw takes the next counter value, turns it into a
64-bit per-draw key on the host (splitmix64, a bijection, so a generator never repeats a
key) and hands that key to the graph as a DATA leaf: the compiled model is shared by
every draw of the same shape, and the numbers of a draw depend only on its key and its
position, never on the cache or on how the graph is cut.
"""

import operator
import threading

import numpy as _np

from .. import _device, _dtypes, _ir
from .._array import ndarray
from .._nodes import asarray
from ._distributions import Distributions
from ._draws import _F32, _I32, _host, _leaf, _node, _out_shape, _shape

__all__ = ["Generator", "SeedSequence", "default_rng"]

SeedSequence = _np.random.SeedSequence

_M64 = (1 << 64) - 1


def _splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


class Generator(Distributions):
    """NumPy's Generator API; draws are lazy ovnp arrays computed on the device.

    The streams are ovnp's own (a keyed counter hash), not NumPy's PCG64 bits: the same
    seed gives the same numbers in ovnp on every run, but not NumPy's numbers.
    """

    def __init__(self, seed_seq=None, *, device=None):
        if not isinstance(seed_seq, SeedSequence):
            seed_seq = SeedSequence(seed_seq)
        self._seed_seq = seed_seq
        state = seed_seq.generate_state(2, _np.uint64)
        self._k0, self._k1 = int(state[0]), int(state[1])
        self._counter = 0
        self._lock = threading.Lock()
        self._device = None if device is None else _device.resolve(device)

    def __repr__(self):
        return f"Generator(ovnp counter hash, draws={self._counter})"

    @property
    def seed_seq(self):
        return self._seed_seq

    def spawn(self, n_children):
        """Independent child generators (NumPy's SeedSequence.spawn)."""
        return [Generator(s, device=self._device) for s in self._seed_seq.spawn(n_children)]

    # ------------------------------------------------------------ the per-draw key

    def _key(self, device):
        with self._lock:
            counter = self._counter
            self._counter += 1
        k = _splitmix64((self._k0 + _splitmix64(self._k1 ^ counter)) & _M64)
        words = _np.array([k & 0xFFFFFFFF, k >> 32], _np.uint32).view(_np.int32)
        return _ir.data(words, device)

    def _resolve_device(self, device):
        if device is not None:
            return _device.resolve(device)
        return self._device or _device.resolve(None)

    def _draw(self, op, shape, device, params=(), dtype=_F32, attrs=()):
        device = self._resolve_device(device)
        key = self._key(device)
        if 0 in shape:
            return _ir.data(_np.zeros(shape, dtype), device)
        inputs = (key,) + tuple(_leaf(p, p.dtype, device) for p in params)
        return _node(op, inputs, shape, dtype, attrs)

    # ------------------------------------------------------------ integers

    def integers(self, low, high=None, size=None, dtype=_np.int64, endpoint=False, *,
                 device=None):
        """Integers in [low, high) ([low, high] with endpoint=True), NumPy's checks."""
        if high is None:
            low, high = 0, low
        target = _np.dtype(dtype)
        if target.kind not in "biu":
            raise TypeError(f"Unsupported dtype {target!r} for integers")
        out_dtype = _dtypes.canonical(target)
        lo, hi = _host(low, None), _host(high, None)
        if lo.dtype.kind not in "biu" or hi.dtype.kind not in "biu":
            lo, hi = lo.astype(_np.int64), hi.astype(_np.int64)  # NumPy truncates floats
        lo = lo.astype(object)
        hi = _np.asarray(hi.astype(object) + (1 if endpoint else 0), dtype=object)
        info = _np.iinfo(out_dtype) if out_dtype.kind != "b" else None
        dmin, dmax = (0, 1) if info is None else (int(info.min), int(info.max))
        name = "bool" if info is None else str(out_dtype)
        if lo.size and lo.min() < dmin:
            raise ValueError(f"low is out of bounds for {name}")
        if hi.size and hi.max() - 1 > dmax:
            raise ValueError(f"high is out of bounds for {name}")
        if lo.size and hi.size and _np.any(lo >= hi):
            raise ValueError("low > high" if endpoint else "low >= high")
        shape = _out_shape(size, (lo, hi))
        low32 = _bits32(lo)
        span = _bits32(_np.asarray(hi - lo, dtype=object))
        node = self._draw("random_integers", shape, device, (low32, span), out_dtype)
        return ndarray._wrap(node)

    # ------------------------------------------------------------ sampling and orders

    def _order(self, n, k, axis_shape, device, weights=None):
        """int32 indices: a random order of n along `axis`, its first k."""
        axis, shape = axis_shape
        params = () if weights is None else (weights.astype(_F32),)
        return self._draw("random_order", shape, device, params, _I32, (axis, n, k))

    def permutation(self, x, axis=0, *, device=None):
        if isinstance(x, (int, _np.integer)):
            n = max(operator.index(x), 0)     # NumPy: arange(n), so n < 0 is empty
            return ndarray._wrap(self._order(n, n, (0, (n,)), device))
        arr = _as_array(x, device)
        if arr.ndim == 0:
            raise _np.exceptions.AxisError(axis, 0)
        axis = _ir.normalize_axis(axis, arr.ndim)
        n = arr.shape[axis]
        index = self._order(n, n, (0, (n,)), arr.device)
        return ndarray._wrap(_node("random_take", (arr._node, index), arr.shape, arr.dtype,
                                   (axis,)))

    def shuffle(self, x, axis=0):
        """Shuffle `x` in place along `axis` (ovnp arrays stay lazy; lists too)."""
        if isinstance(x, list):
            perm = self.permutation(len(x)).to_numpy()
            x[:] = [x[i] for i in perm]
            return None
        if not isinstance(x, ndarray):
            raise TypeError("shuffle needs an ovnp array or a list (NumPy arrays are "
                            "immutable to ovnp: use ovnp.asarray first)")
        if x.ndim == 0:
            raise TypeError("len() of unsized object")
        axis = _ir.normalize_axis(axis, x.ndim)
        x._assign(self.permutation(x, axis=axis)._node)
        return None

    def permuted(self, x, *, axis=None, out=None):
        """Each slice along `axis` shuffled independently (the whole array if axis=None)."""
        arr = _as_array(x, None)
        if axis is None:
            flat = arr.reshape(-1)
            result = self.permuted(flat, axis=0).reshape(arr.shape)
        else:
            axis = _ir.normalize_axis(axis, arr.ndim)
            n = arr.shape[axis]
            index = self._order(n, n, (axis, arr.shape), arr.device)
            result = ndarray._wrap(_node("random_take_along", (arr._node, index), arr.shape,
                                         arr.dtype, (axis,)))
        if out is not None:
            if not isinstance(out, ndarray):
                raise TypeError("out must be an ovnp array")
            if out.shape != arr.shape:
                raise ValueError("out must have the same shape as x")
            out._assign(result.astype(out.dtype)._node)
            return out
        return result

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True, *,
               device=None):
        """NumPy's choice: with or without replacement, uniform or with weights p."""
        if isinstance(a, (int, _np.integer)) and not isinstance(a, bool):
            pop, n = None, operator.index(a)
            if n < 0:
                raise ValueError("a must be a positive integer unless no samples are taken")
        else:
            pop = _as_array(a, device)
            if pop.ndim == 0:
                raise ValueError("a must be a sequence or an integer, not a 0-d array")
            axis = _ir.normalize_axis(axis, pop.ndim)
            n = pop.shape[axis]
            device = pop.device
        shape = _shape(size)
        count = 1 if shape is None else _ir.size_of(shape)
        if n == 0 and count:
            raise ValueError("a cannot be empty unless no samples are taken")
        weights = None
        if p is not None:
            weights = _host(p)
            if weights.ndim != 1:
                raise ValueError("p must be 1-dimensional")
            if weights.size != n:
                raise ValueError("a and p must have same size")
            atol = max(_np.sqrt(_np.finfo(_np.float64).eps),
                       _np.sqrt(_np.finfo(_np.asarray(p).dtype).eps)
                       if _np.asarray(p).dtype.kind == "f" else 0)
            if _np.any(~_np.isfinite(weights)) or _np.any(weights < 0):
                raise ValueError("Probabilities are not non-negative")
            if abs(weights.sum() - 1) > atol:
                raise ValueError("Probabilities do not sum to 1. See Notes section of "
                                 "docstring for more information.")
        if not replace and count > n:
            raise ValueError("Cannot take a larger sample than population when replace is False")
        if not replace and weights is not None and count > _np.count_nonzero(weights):
            raise ValueError("Fewer non-zero entries in p than size")
        flat = (count,)
        if replace and weights is None:
            index = self.integers(0, max(n, 1), size=flat, dtype=_np.int32, device=device)._node
        elif replace:
            cdf = _np.cumsum(weights)
            cdf = (cdf / cdf[-1])[:-1].astype(_F32)
            index = self._draw("random_choice_cdf", flat, device, (cdf,), _I32)
        else:
            index = self._order(n, count, (0, flat), device, weights)
        index = _node("reshape", (index,), shape or (), _I32) if shape != flat else index
        if pop is None:
            return ndarray._wrap(index)
        out_shape = pop.shape[:axis] + (shape or ()) + pop.shape[axis + 1:]
        return ndarray._wrap(_node("random_take", (pop._node, index), out_shape, pop.dtype,
                                   (axis,)))

    def bytes(self, length):
        """`length` random bytes (computed at once)."""
        values = self.integers(0, 256, size=operator.index(length), dtype=_np.uint8)
        return values.to_numpy().tobytes()


def _bits32(values):
    """Python-int object array -> its low 32 bits as int32 (2**32 becomes 0)."""
    low = _np.asarray(_np.asarray(values, dtype=_np.int64) & 0xFFFFFFFF)
    return low.astype(_np.uint32).view(_np.int32)


def _as_array(x, device):
    return x if isinstance(x, ndarray) else asarray(x, device=device)


def default_rng(seed=None, *, device=None):
    """A Generator seeded like numpy.random.default_rng (int, ints, SeedSequence, None).

    Passing a Generator returns it unchanged; a NumPy BitGenerator or Generator lends
    its SeedSequence (ovnp's numbers still differ from NumPy's).
    """
    if isinstance(seed, Generator):
        return seed
    if isinstance(seed, _np.random.Generator):
        seed = seed.bit_generator
    if isinstance(seed, _np.random.BitGenerator):
        seed = seed.seed_seq
    return Generator(seed if isinstance(seed, SeedSequence) else SeedSequence(seed),
                     device=device)
