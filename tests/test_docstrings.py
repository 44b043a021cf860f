"""Docstrings (issue 15 item 6): every public function, ufunc and method has one; NumPy's
own text is attached at import after ovnp's section, and none of it is in the repository."""

import pathlib
import pydoc
import types

import numpy as np
import pytest

import ovnp

ROOT = pathlib.Path(__file__).resolve().parents[1]
NAMESPACES = [ovnp, ovnp.linalg, ovnp.fft, ovnp.random, ovnp.testing, ovnp.ndarray,
              ovnp.random.Generator, ovnp.random.RandomState, ovnp.poly1d]


def _public_callables(namespace):
    for name in dir(namespace):
        obj = getattr(namespace, name)
        if name.startswith("_") or isinstance(obj, types.ModuleType):
            continue
        if isinstance(obj, type) and issubclass(obj, np.generic):
            continue        # NumPy's own scalar types: NumPy's docstrings
        if callable(obj):
            yield f"{getattr(namespace, '__name__', namespace)}.{name}", obj


@pytest.mark.parametrize("namespace", NAMESPACES, ids=lambda n: n.__name__)
def test_every_public_callable_has_a_docstring(namespace):
    missing = [name for name, obj in _public_callables(namespace) if not obj.__doc__]
    if namespace is ovnp.testing:   # NumPy's own helpers without a docstring in NumPy
        missing = [n for n in missing if getattr(np.testing, n.rsplit(".", 1)[1]).__doc__]
    assert missing == []


@pytest.mark.parametrize("obj, summary", [
    (ovnp.sum, "Sum of array elements over a given axis."),
    (ovnp.add, "Add arguments element-wise."),
    (ovnp.linalg.solve, "Solve a linear matrix equation"),
    (ovnp.fft.fftfreq, "Return the Discrete Fourier Transform sample frequencies."),
    (ovnp.random.normal, "Draw random samples from a normal (Gaussian) distribution."),
    (ovnp.ndarray.reshape, "Returns an array containing the same data with a new shape."),
    (ovnp.random.default_rng(0).normal, "Draw random samples from a normal"),
])
def test_help_shows_numpys_docstring_after_ovnps_section(obj, summary):
    text = pydoc.render_doc(obj, renderer=pydoc.plaintext)
    assert summary in text
    assert "ovnp: lazy" in text and "32-bit policy" in text
    assert text.index("ovnp: lazy") < text.index("NumPy's documentation of")
    assert "Parameters" in text or "Refer to `numpy." in text     # ndarray methods refer


def test_ovnps_own_docstring_is_kept():
    assert "descending" in ovnp.sort.__doc__            # ovnp's own text on what differs
    assert "on the host" in ovnp.bincount.__doc__


def test_no_numpy_docstring_text_in_the_repository():
    phrase = "Axis or axes along which a sum is performed."   # from numpy.sum's docstring
    assert phrase in np.sum.__doc__
    hits = [p for p in [*ROOT.glob("ovnp/**/*.py"), *ROOT.glob("ovnp/**/*.pyi"), *ROOT.glob("docs/*.md")]
            if phrase in p.read_text()]
    assert hits == []
