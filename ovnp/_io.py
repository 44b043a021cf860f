"""Input and output (NumPy's grouping): NumPy binary and text files (save, savez,
load, loadtxt, savetxt, genfromtxt, fromfile, fromstring, fromregex), text formatting
options (printoptions, array2string, array_repr, array_str, format_float_*) and base-n
representations (binary_repr, base_repr). Files go through NumPy on the host; ovnp's
repr and str are NumPy's printing of the computed value, so NumPy's print options are
ovnp's."""

import functools
import inspect
import pickle

import numpy as _np

from ._host import _wrap_host
from ._interop import _to_numpy
from ._nodes import _arr

__all__ = [
    "save", "savez", "savez_compressed", "load", "savetxt", "loadtxt", "genfromtxt",
    "fromfile", "fromstring", "fromregex", "array2string", "array_repr", "array_str",
    "printoptions", "set_printoptions", "get_printoptions", "format_float_positional",
    "format_float_scientific", "base_repr", "binary_repr",
]


# ---------------------------------------------------------------- text formatting (NumPy's own functions)

printoptions = _np.printoptions
set_printoptions = _np.set_printoptions
get_printoptions = _np.get_printoptions
format_float_positional = _np.format_float_positional
format_float_scientific = _np.format_float_scientific
base_repr = _np.base_repr
binary_repr = _np.binary_repr

# Floating-point error handling is NumPy's state; OpenVINO never reports floating-point
# errors, so only the functions that run on the host through NumPy honour it.


def array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=" ",
                 prefix="", *, formatter=None, threshold=None, edgeitems=None, sign=None,
                 floatmode=None, suffix="", legacy=None):
    return _np.array2string(_arr(a)._value(), max_line_width, precision, suppress_small,
                            separator, prefix, formatter=formatter, threshold=threshold,
                            edgeitems=edgeitems, sign=sign, floatmode=floatmode,
                            suffix=suffix, legacy=legacy)


def array_repr(arr, max_line_width=None, precision=None, suppress_small=None):
    return _np.array_repr(_arr(arr)._value(), max_line_width, precision, suppress_small)


def array_str(a, max_line_width=None, precision=None, suppress_small=None):
    return _np.array_str(_arr(a)._value(), max_line_width, precision, suppress_small)


# ---------------------------------------------------------------- files (NumPy on the host)

def _host_io(np_fn, wrap_result):
    """ovnp's version of a NumPy file function, with NumPy's signature: ovnp arrays in
    the arguments are materialized; array results are wrapped under the 32-bit policy."""
    @functools.wraps(np_fn)
    def fn(*args, **kwargs):
        result = np_fn(*_to_numpy(args), **_to_numpy(kwargs))
        if not wrap_result:
            return result
        if isinstance(result, _np.lib.npyio.NpzFile):
            return _NpzFile(result)
        return _wrap_host(result)
    try:
        fn.__signature__ = inspect.signature(np_fn)
    except ValueError:   # a builtin without a text signature (fromstring)
        pass
    fn.__module__ = __name__
    return fn


class _NpzFile:
    """NumPy's NpzFile, handing out ovnp arrays (each wrapped under the 32-bit policy)."""

    def __init__(self, npz):
        self._npz = npz
        self.files = npz.files

    def __getitem__(self, key):
        return _wrap_host(self._npz[key])

    def __contains__(self, key):
        return key in self._npz

    def __iter__(self):
        return iter(self._npz)

    def __len__(self):
        return len(self._npz)

    def keys(self):
        return self._npz.keys()

    def items(self):
        return [(k, self[k]) for k in self.files]

    def values(self):
        return [self[k] for k in self.files]

    def get(self, key, default=None):
        return self[key] if key in self._npz else default

    def close(self):
        self._npz.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<ovnp NpzFile of {self.files}>"


save = _host_io(_np.save, False)
savez = _host_io(_np.savez, False)
savez_compressed = _host_io(_np.savez_compressed, False)
savetxt = _host_io(_np.savetxt, False)
load = _host_io(_np.load, True)
loadtxt = _host_io(_np.loadtxt, True)
genfromtxt = _host_io(_np.genfromtxt, True)
fromfile = _host_io(_np.fromfile, True)
fromstring = _host_io(_np.fromstring, True)
fromregex = _host_io(_np.fromregex, True)


# ---------------------------------------------------------------- ndarray methods that write bytes

def _tobytes(self, order="C"):
    return self._value().tobytes(order)


def _tofile(self, fid, sep="", format="%s"):  # noqa: A002  (NumPy's parameter name)
    self._value().tofile(fid, sep, format)


def _dumps(self):
    """A pickle of this ovnp array (it unpickles as an ovnp array)."""
    return pickle.dumps(self, protocol=2)


def _dump(self, file):
    if isinstance(file, (str, bytes)) or hasattr(file, "__fspath__"):
        with open(file, "wb") as f:
            pickle.dump(self, f, protocol=2)
    else:
        pickle.dump(self, file, protocol=2)


def _byteswap(self, inplace=False):
    """NumPy's byteswap, on the host: the values' bytes reversed, read as the same dtype."""
    swapped = _wrap_host(self._value().byteswap())
    if inplace:
        self[...] = swapped
        return self
    return swapped


METHODS = {"tobytes": _tobytes, "tofile": _tofile, "dumps": _dumps, "dump": _dump,
           "byteswap": _byteswap}
