"""ovnp.jit: trace a function of arrays once per input signature, then replay it.

    @ovnp.jit
    def step(x, a, b):
        return x * a + b

The first call with a new signature (each array argument's shape, dtype and device;
every other argument's value) runs the function on placeholder arrays, so Python builds
the graph once; the graph is then run by the engine (segmented as usual) and the
compiled models it used are recorded. Later calls with the same signature skip Python
graph building entirely: they feed the new arrays to the recorded models and return
computed arrays, as `jax.jit` does.

Rules (as in JAX): the function must be pure. Arrays it captures from outside are
constants frozen at trace time; Python side effects happen only while tracing.
Non-array arguments are static (a new value traces again). A function that reads
values while tracing (`if x.sum() > 0:`), writes into its arguments, returns something
other than arrays or tuples/lists of arrays and Python values, or mixes devices is not
traced: it runs eagerly on every call, with the same results.
"""

import functools
from collections import OrderedDict

import numpy as _np

from . import _engine, _ir
from ._array import ndarray
from ._nodes import asarray

__all__ = ["jit"]

# Traced signatures kept per jitted function (least recently used dropped first).
CACHE_SIZE = 64

_EAGER = object()
_ARG, _OUT, _CONST, _STATIC = range(4)


def jit(fun=None, *, cache_size=CACHE_SIZE):
    """A traced-and-replayed version of `fun`; usable as `@jit` or `@jit(cache_size=8)`."""
    if fun is None:
        return lambda f: jit(f, cache_size=cache_size)
    if not callable(fun):
        raise TypeError(f"jit expects a callable, not {type(fun).__name__}")
    return _Jitted(fun, cache_size)


class _Plan:
    """Recorded device runs: which arguments, earlier outputs or constants feed each."""

    __slots__ = ("stages", "outputs", "container")

    def __init__(self, stages, outputs, container):
        self.stages = stages        # [(executable, [(kind, ref)], devices of outputs)]
        self.outputs = outputs      # [(kind, ref, device)]
        self.container = container  # None (one array), tuple or list

    def __call__(self, values):
        produced = []
        for executable, sources in self.stages:
            inputs = [values[ref] if kind == _ARG else
                      produced[ref[0]][ref[1]] if kind == _OUT else ref
                      for kind, ref in sources]
            produced.append(executable(inputs))
        results = []
        for kind, ref, device in self.outputs:
            if kind == _STATIC:
                results.append(ref)
                continue
            value = (values[ref] if kind == _ARG else
                     produced[ref[0]][ref[1]] if kind == _OUT else ref)
            results.append(ndarray._wrap(_ir.Node("data", (), (), value.shape, value.dtype,
                                                  device, value)))
        if self.container is None:
            return results[0]
        return self.container(results)


class _Jitted:
    def __init__(self, fun, cache_size):
        self._fun = fun
        self._cache = OrderedDict()
        self._cache_size = cache_size
        self.traces = 0
        functools.update_wrapper(self, fun)

    def __repr__(self):
        return f"<ovnp.jit of {self._fun!r}>"

    def __get__(self, obj, objtype=None):   # jit on a method binds like a function
        return self if obj is None else functools.partial(self, obj)

    def __call__(self, *args, **kwargs):
        names = tuple(sorted(kwargs))
        flat = list(args) + [kwargs[k] for k in names]
        signature = [len(args), names]
        arrays = []                      # positions of array arguments
        for i, a in enumerate(flat):
            if isinstance(a, ndarray):
                node = a._node
                signature.append((node.shape, node.dtype, node.device))
                arrays.append(i)
            elif isinstance(a, _np.ndarray):
                flat[i] = a = asarray(a)
                node = a._node
                signature.append((node.shape, node.dtype, node.device))
                arrays.append(i)
            else:
                signature.append((type(a), a))
        try:
            signature = tuple(signature)
            plan = self._cache.get(signature)
        except TypeError:                # an unhashable static argument: no tracing
            return self._fun(*args, **kwargs)
        if plan is None:
            return self._trace(signature, flat, arrays, len(args), names)
        self._cache.move_to_end(signature)
        if plan is _EAGER:
            return self._fun(*args, **kwargs)
        nodes = [flat[i]._node for i in arrays]
        pending = [n for n in nodes if n.value is None]
        if pending:
            _engine.materialize(pending)
        return plan([n.value for n in nodes])

    def _remember(self, signature, plan):
        self._cache[signature] = plan
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _call(self, flat, nargs, names):
        return self._fun(*flat[:nargs], **dict(zip(names, flat[nargs:])))

    def _trace(self, signature, flat, arrays, nargs, names):
        self.traces += 1
        originals = list(flat)
        placeholders = {}
        for k, i in enumerate(arrays):
            node = flat[i]._node
            # A pending leaf with no lowering: reading its value while tracing fails,
            # which sends the function to the eager path.
            ph = _ir.Node("jit_arg", (), (), node.shape, node.dtype, node.device)
            placeholders[id(ph)] = (k, ph)
            flat[i] = ndarray._wrap(ph)
        traced = list(flat)
        try:
            result = self._call(flat, nargs, names)
        except Exception:
            self._remember(signature, _EAGER)
            return self._call(originals, nargs, names)
        plan = self._plan(result, traced, arrays, originals, placeholders)
        if plan is None:
            self._remember(signature, _EAGER)
            return self._call(originals, nargs, names)
        self._remember(signature, plan)
        return plan([originals[i]._node.value for i in arrays])

    def _plan(self, result, traced, arrays, originals, placeholders):
        by_position = [ph for _, ph in sorted(placeholders.values(), key=lambda kp: kp[0])]
        if any(traced[i]._node_ is not ph for i, ph in zip(arrays, by_position)):
            return None                 # the function wrote into an argument
        if isinstance(result, (tuple, list)):
            container, items = type(result), list(result)
            if container not in (tuple, list):
                return None             # a namedtuple or a subclass: keep it exact, eagerly
        else:
            container, items = None, [result]
            if not isinstance(result, ndarray):
                return None
        nodes = [r._node for r in items if isinstance(r, ndarray)]
        if len({n.device for n in nodes}) > 1:
            return None
        # Give the placeholders the first call's values: they become the models' inputs.
        arg_nodes = [originals[i]._node for i in arrays]
        pending = [n for n in arg_nodes if n.value is None]
        if pending:
            _engine.materialize(pending)
        for k, ph in placeholders.values():
            ph.set_value(arg_nodes[k].value)
        roots = []
        seen = set()
        for n in nodes:
            if n.value is None and id(n) not in seen:
                seen.add(id(n))
                roots.append(n)
        stages = []
        if roots:
            _engine._recording.stages = stages
            try:
                _engine._run_segmented(roots)
            finally:
                _engine._recording.stages = None
        produced = {}                   # id(node) -> (stage, output index)
        plan_stages = []
        for s, (executable, params, stage_roots) in enumerate(stages):
            plan_stages.append((executable, [_source(p, placeholders, produced) for p in params]))
            for j, r in enumerate(stage_roots):
                produced[id(r)] = (s, j)
        outputs = []
        for item in items:
            if isinstance(item, ndarray):
                kind, ref = _source(item._node, placeholders, produced)
                outputs.append((kind, ref, item._node.device))
            else:
                outputs.append((_STATIC, item, None))
        return _Plan(plan_stages, outputs, container)


def _source(node, placeholders, produced):
    hit = placeholders.get(id(node))
    if hit is not None:
        return _ARG, hit[0]
    hit = produced.get(id(node))
    if hit is not None:
        return _OUT, hit
    return _CONST, node.value       # captured from outside the function: frozen
