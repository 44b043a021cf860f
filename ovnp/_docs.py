"""Docstrings: NumPy's own, attached at import time, after a short section on ovnp.

As jax.numpy does, ovnp keeps no copy of NumPy's text: `help(ovnp.sum)` reads NumPy's
installed docstring of `numpy.sum` when ovnp is imported, and puts before it what is
ovnp's (lazy evaluation, the 32-bit dtype policy, and the function's own docstring,
which says where ovnp differs). Objects that are NumPy's own (scalar types, s_,
printoptions, ...) keep NumPy's docstring as it is.

Called once by ovnp/__init__.py with the finished namespaces; about 3 ms (see
tests/test_docstrings.py, which measures it).
"""

import inspect
import types

import numpy as _np

POLICY = """ovnp: lazy, an ovnp.ndarray is returned at once and computed when it is read
(docs/lazy.md); dtypes follow the 32-bit policy, float64 becomes float32, int64
int32 and uint64 uint32, and an integer that does not fit raises (docs/dtypes.md)."""
_MARK = "NumPy's documentation of "


def _paragraphs(doc):
    """(start, end) of the first two paragraphs of `doc`, by index: slicing instead of
    splitting or stripping NumPy's whole text keeps the import cheap."""
    start = len(doc) - len(doc[:200].lstrip()) - max(len(doc) - 200, 0)
    spans = []
    while len(spans) < 2 and start < len(doc):
        end = doc.find("\n\n", start)
        end = len(doc) if end < 0 else end
        spans.append((start, end))
        start = end + 2
        while start < len(doc) and doc[start] in " \n":
            start += 1
    return spans


def compose(qualname, own, numpy_doc):
    """ovnp's docstring for `qualname` from its own docstring and NumPy's.

    NumPy's text is used as it is installed (indented, as Python < 3.13 keeps
    docstrings), and ovnp's parts get the same indentation, so help() and
    inspect.getdoc dedent the whole.
    """
    if not numpy_doc:
        return own     # ovnp's own function (explain, jit, ...): its docstring says it all
    name = qualname.rsplit(".", 1)[-1]
    spans = _paragraphs(numpy_doc)
    first = numpy_doc[slice(*spans[0])]
    if len(spans) > 1 and (first.startswith(f"{name}(") or first.startswith(f"a.{name}(")):
        first = numpy_doc[slice(*spans[1])]     # after a signature line (ufuncs, C functions)
    pad = _indentation(numpy_doc, spans[-1][0])
    parts = [" ".join(first.split()), POLICY]
    if own and own != numpy_doc:
        parts.append(inspect.cleandoc(own))
    parts.append(f"{_MARK}numpy.{qualname}, for reference:")
    text = "\n\n".join(parts).replace("\n", "\n" + pad)
    # One copy of NumPy's text (a slice and then a concatenation would make two).
    lead = "" if numpy_doc[:1] in "\n " else pad
    return "".join((text, "\n\n", lead, numpy_doc))


def _indentation(doc, position):
    """The spaces before `position` on its line (a body line of NumPy's docstring)."""
    line_start = doc.rfind("\n", 0, position) + 1
    return doc[line_start:position] if doc[line_start:position].isspace() else ""


def _is_ovnp(obj):
    if isinstance(obj, property):
        obj = obj.fget
    module = getattr(obj, "__module__", None) or getattr(type(obj), "__module__", "")
    return module.startswith("ovnp")


def _set_doc(obj, doc):
    try:
        obj.__doc__ = doc
    except (AttributeError, TypeError):     # bound methods, builtins: left as they are
        pass


def _document(obj, qualname, numpy_obj, done):
    if id(obj) in done or not _is_ovnp(obj):
        return
    done.add(id(obj))
    own = obj.__doc__
    if own and _MARK in own:
        return
    if type(obj).__name__ == "ufunc":
        own = None      # the factory's placeholder; NumPy's text says it all
    _set_doc(obj, compose(qualname, own, getattr(numpy_obj, "__doc__", None)))


def _document_class(cls, qualname, numpy_cls, done):
    _document(cls, qualname, numpy_cls, done)
    members = {}
    for klass in reversed(cls.__mro__):     # inherited from a mixin too; no descriptors run
        members.update(vars(klass))
    for attr, member in members.items():
        if attr.startswith("_") and not (attr.startswith("__") and attr.endswith("__")):
            continue
        if attr in ("__init__", "__doc__", "__module__", "__dict__", "__weakref__",
                    "__slots__", "__hash__") or not hasattr(numpy_cls, attr):
            continue
        target = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
        if isinstance(target, types.FunctionType) and target.__name__.startswith("_") \
                and not attr.startswith("_"):
            # A family's `_reshape_method` is ndarray.reshape to help() and tracebacks.
            target.__name__, target.__qualname__ = attr, f"{cls.__name__}.{attr}"
        if isinstance(target, property) or callable(target):
            _document(target, f"{qualname}.{attr}", getattr(numpy_cls, attr, None), done)


def attach(namespaces, ndarray=None):
    """Give every public ovnp object of `namespaces` ([(ovnp module, numpy module,
    dotted prefix)]) and every method of `ndarray` its composed docstring."""
    done = set()
    for module, numpy_module, prefix in namespaces:
        for name in getattr(module, "__all__", None) or list(vars(module)):
            if name.startswith("_"):
                continue
            obj = getattr(module, name, None)
            numpy_obj = getattr(numpy_module, name, None)
            qualname = f"{prefix}{name}"
            if inspect.isclass(obj):
                if _is_ovnp(obj):
                    _document_class(obj, qualname, numpy_obj or object, done)
            elif callable(obj):
                _document(obj, qualname, numpy_obj, done)
    if ndarray is not None:
        _document_class(ndarray, "ndarray", _np.ndarray, done)
