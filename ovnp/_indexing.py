"""Indexing arrays: `a[idx]`, `a[idx] = v` and `a.flat` (NumPy's routines built on this
machinery, take, put, nonzero, ..., are in _indexing_routines.py).

One idea carries all of it. Every index kind (integers, slices, None, Ellipsis, integer
arrays, boolean masks, and their mixtures) is resolved on the host, by NumPy itself, into
the flat C-order positions of the selected elements: NumPy indexes a grid of positions
with the user's index, so its rules (where advanced axes land, broadcasting of index
arrays) and its exceptions are NumPy's own, raised at the call. The IR then needs only
two ops, both taking the positions as a DATA leaf (so a loop over `i` never recompiles):

    getitem(x, pos)        -> x.ravel()[pos]            (Gather; answered on the host
                                                         when x has a value)
    setitem(x, pos, v)     -> x.ravel()[pos] = v         (ScatterUpdate; v already cast
                                                         and broadcast to pos.shape)

Index arrays and boolean masks given as ovnp arrays are materialized (their values
decide the result's shape and must be range checked at the call); see docs/indexing.md.
"""

import numpy as _np

from . import _dtypes, _eager, _engine, _ir
from ._array import View, ndarray
from ._changing_shape import reshape
from ._nodes import as_node

_INDEX = _dtypes.int32
_new = object.__new__
_INT_TYPES = (int, _np.integer)
_BOOL_TYPES = (bool, _np.bool_)


# ---------------------------------------------------------------- positions

_GRIDS: dict = {}
_GRID_LIMIT = 1 << 16          # grids up to this size are cached (read-only)


def _grid(shape) -> _np.ndarray:
    """np.arange(size).reshape(shape) as a read-only, possibly cached array."""
    grid = _GRIDS.get(shape)
    if grid is None:
        size = _ir.size_of(shape)
        if size >= 2**31:
            raise OverflowError(f"arrays of {size} elements exceed ovnp's 32-bit indices")
        grid = _np.arange(size, dtype=_np.int32).reshape(shape)
        grid.flags.writeable = False
        if size <= _GRID_LIMIT:
            if len(_GRIDS) > 256:
                _GRIDS.clear()
            _GRIDS[shape] = grid
    return grid


def _strided_positions(shape, index):
    """Like _grid(shape)[index] without allocating the grid (for large arrays)."""
    ndim = len(shape)
    flat, stride = None, 1
    for d in range(ndim - 1, -1, -1):
        n = shape[d]
        coords = _np.arange(n, dtype=_np.int64).reshape((n,) + (1,) * (ndim - 1 - d))
        part = _np.broadcast_to(coords, shape)[index]
        part = part * stride
        flat = part if flat is None else flat + part
        stride *= n
    return flat


def _own(pos) -> _np.ndarray:
    """pos as a writable, C-contiguous int32 array (OpenVINO shares the buffer)."""
    pos = _np.asarray(pos)
    if pos.dtype == _INDEX and pos.flags.writeable and pos.flags.c_contiguous:
        return pos
    return _np.array(pos, dtype=_INDEX, order="C")


def _host(x):
    """A value usable by NumPy: ovnp arrays are materialized (their values are needed)."""
    if isinstance(x, ndarray):
        return x._value()
    if isinstance(x, list) and any(isinstance(e, ndarray) for e in x):
        return [_host(e) for e in x]
    return x


def _host_index(index):
    if isinstance(index, tuple):
        return tuple(_host(i) for i in index)
    return _host(index)


def _is_basic(index) -> bool:
    items = index if isinstance(index, tuple) else (index,)
    for i in items:
        if i is None or i is Ellipsis or isinstance(i, slice):
            continue
        if isinstance(i, _INT_TYPES) and not isinstance(i, _BOOL_TYPES):
            continue
        if isinstance(i, (_np.ndarray, ndarray)) and i.ndim == 0 and i.dtype.kind in "iu":
            continue   # NumPy takes a 0-d integer array as an integer
        return False
    return True


def _int_positions(shape, index):
    """Fast path for a[i] / a[i, j, ...] addressing one element: its flat position."""
    items = index if type(index) is tuple else (index,)
    if len(items) != len(shape):
        return None
    pos = 0
    for d, (i, n) in enumerate(zip(items, shape)):
        if type(i) is not int:
            return None
        if not -n <= i < n:
            raise IndexError(f"index {i} is out of bounds for axis {d} with size {n}")
        pos = pos * n + (i % n)
    return _np.asarray(pos, dtype=_INDEX)


def positions(shape, index):
    """(flat positions of a[index], is_view): NumPy's own indexing of a position grid."""
    pos = _int_positions(shape, index) if shape else None
    if pos is not None:
        return pos, False
    index = _host_index(index)
    if _ir.size_of(shape) <= _GRID_LIMIT:
        pos = _grid(shape)[index]
    else:
        pos = _strided_positions(shape, index)
    view = isinstance(pos, _np.ndarray) and _is_basic(index)
    return _own(pos), view


# ---------------------------------------------------------------- IR builders

def gather(node, pos):
    """The node of node.ravel()[pos] (pos: host integer array of flat positions)."""
    pos = _own(pos)
    if pos.size == 0:   # OpenVINO's Gather dies (SIGFPE) on empty indices
        return _ir.data(_np.empty(pos.shape, node.dtype), node.device)
    idx = _ir.data(pos, node.device)
    return _ir.Node("getitem", (node, idx), (), pos.shape, node.dtype, node.device)


def scatter(node, pos, value, distinct=False):
    """The node of x with x.ravel()[pos] = value (value: node of pos.shape, x's dtype).

    Repeated positions keep the last value, as NumPy's sequential assignment does
    (`distinct`: the positions of a basic index, which never repeat).
    """
    pos = _own(pos)
    if pos.size == 0:
        return node
    if pos.size > 1 and not distinct:
        flat = pos.reshape(-1)
        uniq, first = _np.unique(flat[::-1], return_index=True)
        if uniq.size < flat.size:
            keep = _np.sort(flat.size - 1 - first).astype(_INDEX)
            value = gather(value, keep)
            pos = _own(flat[keep])
    idx = _ir.data(pos, node.device)
    return _ir.Node("setitem", (node, idx, value), (), node.shape, node.dtype, node.device)


def value_node(value, shape, dtype, device):
    """`value` as a node of `shape` and `dtype`, by NumPy's rules for `a[idx] = value`.

    Host values become DATA leaves (never constants), so a loop writing new values
    does not recompile; NumPy does the casting, with its errors.
    """
    if isinstance(value, ndarray):
        node = value._node
        if node.device != device:
            raise ValueError(f"cannot write an array on {node.device!r} into one on {device!r}")
        vshape = node.shape
        while len(vshape) > len(shape) and vshape[0] == 1:   # NumPy drops leading 1s
            vshape = vshape[1:]
        try:
            ok = _ir.broadcast_shapes(vshape, shape) == tuple(shape)
        except ValueError:
            ok = False
        if not ok:
            raise ValueError(f"could not broadcast input array from shape {node.shape} "
                             f"into shape {tuple(shape)}")
        if _ir.size_of(shape) == 0:   # OpenVINO dies (SIGFPE) broadcasting into empty shapes
            return _ir.data(_np.empty(shape, dtype), device)
        if vshape != node.shape:
            node = _ir.Node("reshape", (node,), (), vshape, node.dtype, device)
        if node.dtype != dtype:
            node = _ir.Node("astype", (node,), (), node.shape, dtype, device)
        if node.shape != tuple(shape):
            node = _ir.Node("broadcast_to", (node,), (), tuple(shape), dtype, device)
        return node
    if _np.ndim(value) == 0 and not isinstance(value, (list, tuple)):
        host = _np.empty((), dtype)
        host[()] = value
        if _ir.size_of(shape) == 0:
            return _ir.data(_np.empty(shape, dtype), device)
        node = _ir.data(host, device)
        if shape != ():
            node = _ir.Node("broadcast_to", (node,), (), tuple(shape), dtype, device)
        return node
    host = _np.empty(shape, dtype)
    host[...] = value
    return _ir.data(host, device)


class _IndexView(View):
    """A view through a basic index. It reads and writes with NumPy at once while its
    base is small and computed (the eager executor), else through getitem/setitem nodes
    on the flat positions, worked out on first use. `index` is the user's index object
    (`a[s] += 1` passes the same one to the read and the write: see _setitem). Not named
    `index`: a view with an `index` method narrows itself (as_strided's)."""

    __slots__ = ("pos", "user_index", "host_index", "base_shape", "shape", "_idx")

    def __init__(self, base_shape, index, host_index, shape, pos=None):
        self.base_shape, self.user_index, self.host_index = base_shape, index, host_index
        self.shape, self.pos, self._idx = shape, pos, None
        # forward/backward are this class's methods (they shadow View's slots): no two
        # bound methods made per view, which loop code makes by the thousand

    def positions(self):
        if self.pos is None:
            self.pos = positions(self.base_shape, self.host_index)[0]
        return self.pos

    def _idx_node(self, device):
        if self._idx is None or self._idx.device != device:
            self._idx = _ir.data(self.positions(), device)
        return self._idx

    def forward(self, b):
        shape = self.shape
        if _ir.size_of(shape) == 0:
            return _ir.data(_np.empty(shape, b.dtype), b.device)
        if _eager.ready(b) and _ir.size_of(shape) <= _eager.MAX_COPY_ELEMENTS:
            return _eager.leaf("getitem", b.value[self.host_index], b.device)
        return _ir.Node("getitem", (b, self._idx_node(b.device)), (), shape, b.dtype, b.device)

    def backward(self, b, new):
        if _ir.size_of(self.shape) == 0:
            return b
        if _eager.ready(b) and _ir.size_of(b.shape) <= _eager.MAX_COPY_ELEMENTS:
            new = _eager.run(new)
            if new.value is not None:
                out = b.value.copy()
                out[self.host_index] = new.value
                return _eager.leaf("setitem", out, b.device)
        return _ir.Node("setitem", (b, self._idx_node(b.device), new), (), b.shape, b.dtype,
                        b.device)


def _index_view(base, index, host_index, shape, pos=None, first=None, node=None):
    """The view base[index]; `first`: its value already read from base's `node`
    (eagerly)."""
    if node is None:
        node = base._node
    view = ndarray._view_of(base, _IndexView(node.shape, index, host_index, shape, pos))
    if first is not None:
        view._view_src, view._view_node = node, _eager.leaf("getitem", first, node.device)
    return view


def _plain(index) -> bool:
    """Python ints, slices, None and Ellipsis only: NumPy reads it as it is (the loop
    code case, checked without _is_basic's and _host_index's work)."""
    t = type(index)
    if t is int or t is slice:
        return True
    if t is tuple:
        for i in index:
            t = type(i)
            if t is not int and t is not slice and i is not None and i is not Ellipsis:
                return False
        return True
    return False


def _basic_host_index(index):
    """The index as NumPy reads it when it is basic (0-d arrays as integers), else None."""
    if _plain(index):
        return index
    if _is_basic(index):
        return _host_index(index)
    return None


def _eager_basic(node, index):
    """(host index, NumPy's a[index]) when a[index] is read eagerly (a small read of a
    computed CPU array, basic index), else None. NumPy raises its own IndexError."""
    if not _eager.ready(node):
        return None
    host_index = _basic_host_index(index)
    if host_index is None:
        return None
    got = node.value[host_index]
    if type(got) is _np.ndarray and got.size > _eager.MAX_COPY_ELEMENTS:
        return None
    return host_index, got


def _masked_where(cond, x, y):
    """where(cond, x, y) as the IR op masked_where, exact for 32-bit integers.

    (OpenVINO's CPU plugin computes Select(Compare(..), i32, i32) through f32 and
    rounds 123456789 to 123456792; see lower_indexing.py.)
    """
    shape = _ir.broadcast_shapes(cond.shape, x.shape, y.shape)
    return _ir.Node("masked_where", (cond, x, y), (), shape, x.dtype, x.device)


# ---------------------------------------------------------------- a[idx], a[idx] = v

def _getitem(self, index):
    if self._base is not None and hasattr(self._view, "index") and _is_basic(index):
        return self._view.index(self, index)    # a view that narrows itself (as_strided)
    node = self._node
    hit = _eager_basic(node, index)
    if hit is not None:
        host_index, got = hit
        if type(got) is _np.ndarray:    # a view, as NumPy's
            return _index_view(self, index, host_index, got.shape, first=got, node=node)
        r = _new(ndarray)               # an element: a computed 0-d array
        r._node_ = _eager.leaf("getitem", _np.asarray(got), node.device)
        r._base = None
        return r
    pos, is_view = positions(node.shape, index)
    if is_view:
        return _index_view(self, index, _host_index(index), pos.shape, pos)
    return ndarray._wrap(gather(node, pos))


def _lazy_mask(self, index, value):
    """`a[mask] = scalar` as where(mask, scalar, a): the mask stays lazy."""
    if not (isinstance(index, ndarray) and index.dtype == _dtypes.bool_ and index.ndim):
        return False
    if not (isinstance(value, ndarray) and value.ndim == 0 or
            not isinstance(value, ndarray) and _np.ndim(value) == 0
            and not isinstance(value, (list, tuple))):
        return False
    node = self._node
    mask = index._node
    if mask.shape != node.shape[:len(mask.shape)] or mask.device != node.device:
        return False
    if len(mask.shape) < len(node.shape):
        shape = mask.shape + (1,) * (len(node.shape) - len(mask.shape))
        mask = _ir.Node("reshape", (mask,), (), shape, mask.dtype, mask.device)
    v = value_node(value, (), node.dtype, node.device)
    self._assign(_ir.Node("masked_where", (mask, v, node), (), node.shape, node.dtype, node.device))
    return True


def _eager_setitem(self, node, index, value):
    """`a[index] = value` at once with NumPy (a small computed CPU array, a basic index,
    a value of a's dtype or a host value NumPy converts as it would). True when done."""
    if not (_eager.ready(node) and _ir.size_of(node.shape) <= _eager.MAX_COPY_ELEMENTS):
        return False
    host_index = _basic_host_index(index)
    if host_index is None:
        return False
    if isinstance(value, ndarray):
        if value._base is self and isinstance(value._view, _IndexView) \
                and value._view.user_index is index:
            return True     # `a[s] += 1` already wrote through the view a[s]
        v = _eager.run(value._node)
        if v.value is None or v.dtype != node.dtype or v.device != node.device:
            return False
        value = v.value
    elif type(value) in _WRITE_AS_IS:
        pass                # NumPy converts it in the write itself, with its errors
    elif not isinstance(value, (_np.ndarray, _np.generic, complex)):
        return False        # lists, objects: NumPy's conversion through the general path
    elif _np.ndim(value) == 0:
        host = _np.empty((), node.dtype)    # NumPy's conversion and its errors
        host[()] = value
        value = host
    if self._base is None:
        # In place when only this array holds its node: self._node_, _setitem's and
        # this frame's `node`. NumPy raises before it writes anything.
        out = _eager.writable(node, 3)
        out[host_index] = value
        self._node_ = _eager.leaf("setitem", out, node.device)
    else:                   # a view's node is also its _view_node: a copy
        out = node.value.copy()
        out[host_index] = value
        self._assign(_eager.leaf("setitem", out, node.device))
    return True


_WRITE_AS_IS = {bool, int, float}


def _setitem(self, index, value):
    node = self._node
    if _eager_setitem(self, node, index, value):
        return
    basic = _is_basic(index)
    if basic:   # NumPy checks a basic index first, and converts the value first otherwise
        pos, is_view = positions(node.shape, index)
    if not isinstance(value, ndarray) and _np.ndim(value) == 0 \
            and not isinstance(value, (list, tuple)):
        host = _np.empty((), node.dtype)
        host[()] = value
        value = host
    if not basic:
        mask_ndim = getattr(index, "ndim", None) if getattr(index, "dtype", None) == _np.bool_ else None
        value_ndim = value.ndim if isinstance(value, ndarray) else _np.ndim(value)
        if mask_ndim == len(node.shape) and mask_ndim and value_ndim > 1:
            # NumPy's fast path for one full-rank mask takes only 0-d or 1-d values.
            raise TypeError("NumPy boolean array indexing assignment requires a 0 or "
                            f"1-dimensional input, input has {value_ndim} dimensions")
        if _lazy_mask(self, index, value):
            return
        pos, is_view = positions(node.shape, index)
    if (is_view and isinstance(value, ndarray) and value._base is self
            and isinstance(value._view, _IndexView) and (value._view.user_index is index or (
                value._view.shape == pos.shape
                and _np.array_equal(value._view.positions(), pos)))):
        return   # `a[s] += 1` already wrote through the view a[s]
    v = value_node(value, pos.shape, node.dtype, node.device)
    self._assign(scatter(node, pos, v, distinct=is_view))


def _iter(self):
    """Rows as NumPy iterates them, computed once: a 1-D array yields NumPy scalars read
    from its host copy (so sorted(a), max(a) and list(a) cost what NumPy's do, where one
    0-d array per element made a device run per comparison), an N-D one its rows as
    arrays (views: writes through them reach `self`). A write to `self` during the loop
    is seen, as in NumPy: the host copy is read again once `self` was rebound."""
    shape = self.shape
    if not shape:
        raise TypeError("iteration over a 0-d array")
    if len(shape) > 1:
        self._value()       # computed once: each row is then a view of a computed array
        return (self[i] for i in range(shape[0]))
    return _elements(self, shape[0])


def _elements(self, n):
    node, value = self._node, self._value()
    for i in range(n):
        if self._node is not node:
            node, value = self._node, self._value()
        yield value[i]


class flatiter:
    """`a.flat`: iterate, index and assign over the elements in C order."""

    __slots__ = ("base",)

    def __init__(self, base):
        self.base = base

    def __len__(self):
        return self.base.size

    def __iter__(self):
        return iter(self.base._value().reshape(-1))

    def __getitem__(self, index):
        node = self.base._node
        pos = _grid((_ir.size_of(node.shape),))[_host_index(index)]
        return ndarray._wrap(gather(node, _np.asarray(pos, dtype=_INDEX)))

    def __setitem__(self, index, value):
        node = self.base._node
        pos = _np.asarray(_grid((_ir.size_of(node.shape),))[_host_index(index)], dtype=_INDEX)
        if pos.size == 0:
            return
        if isinstance(value, ndarray) or _np.ndim(value):   # NumPy cycles the values
            vals = _cycled(value, pos.size, node.dtype, node.device)._node
            vals = _ir.Node("reshape", (vals,), (), pos.shape, vals.dtype, vals.device)
        else:
            vals = value_node(value, pos.shape, node.dtype, node.device)
        self.base._assign(scatter(node, pos, vals))

    def __array__(self, dtype=None, copy=None):
        value = self.base._value().reshape(-1)
        return value.astype(dtype) if dtype is not None else value.copy()

    def copy(self):
        return reshape(self.base, (-1,))


METHODS = {
    "__getitem__": _getitem,
    "__setitem__": _setitem,
    "__iter__": _iter,
    "flat": property(flatiter),
}


def _cycled(values, count, dtype, device):
    """values.ravel() repeated to `count` elements, as a node-backed ovnp array."""
    node = as_node(values, device)
    if node.dtype != dtype:
        node = _ir.Node("astype", (node,), (), node.shape, dtype, node.device)
    size = _ir.size_of(node.shape)
    if size == 0:
        raise ValueError("Cannot insert from an empty array!")
    pos = _np.arange(count, dtype=_np.int64) % size
    return ndarray._wrap(gather(node, pos.astype(_INDEX)))


# Reading an element or a slice of a computed array never compiles (invariant 7).
_engine.HOST_OPS["getitem"] = lambda node, x, idx: _np.asarray(x.reshape(-1)[idx])


def _host_setitem(node, x, idx, v):
    out = x.copy()
    out.reshape(-1)[idx] = v
    return out


# Gathers and scatters on small computed CPU arrays run eagerly (_eager.py).
_eager.OPS.update({"getitem": _engine.HOST_OPS["getitem"], "setitem": _host_setitem})
