"""The public namespace, for the code that finds a public function by name at call time.

NumPy's protocols (`__array_function__`, `__array_ufunc__`, `__array_namespace__`) and
`ufunc.reduce` (add.reduce is sum) look ovnp's functions up by name. `ovnp/__init__.py`
registers the package here once it is built; the modules beneath it read it from here
instead of importing the package above them (which would be an import cycle).
"""

_package = None


def register(package):
    """Called once by ovnp/__init__.py, with the package module itself."""
    global _package
    _package = package


def package():
    """The `ovnp` module (None while it is still being imported)."""
    return _package


def public(name):
    """ovnp's public attribute `name`, or None."""
    return getattr(_package, name, None)
