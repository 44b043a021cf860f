"""Static typing (issue 15 item 5): the stubs are current, pyright and mypy accept a user
script and report the mistakes in another (so they see ovnp's functions, ufuncs and
ndarray methods with their parameters), and the stubs' array results are true."""

import pathlib
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

import ovnp

ROOT = pathlib.Path(__file__).resolve().parents[1]
TYPING = ROOT / "tests" / "typing"
sys.path.insert(0, str(ROOT / "tools"))
import make_stubs  # noqa: E402

# The lines of tests/typing/mistakes.py that each checker must report.
MISTAKES = {7, 8, 9, 10, 11}


def test_stubs_are_generated_from_the_current_code():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_stubs.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "OVNP_CACHE_DIR": ""})
    assert result.returncode == 0, result.stdout + result.stderr


def test_py_typed_and_stubs_ship_in_the_package():
    assert (ROOT / "ovnp" / "py.typed").exists()
    for path in make_stubs.stubs():
        assert (ROOT / path).exists(), path


def test_every_public_function_ufunc_and_method_is_in_the_stubs():
    text = (ROOT / "ovnp" / "__init__.pyi").read_text()
    names = set(re.findall(r"^(?:def |class )?(\w+)[(:]", text, re.M))
    names |= set(re.findall(r" as (\w+)", text))      # NumPy's own objects, re-exported
    public = {n for n in dir(ovnp) if not n.startswith("_") and not isinstance(
        getattr(ovnp, n), type(ovnp))}
    assert public - names == set()
    methods = set(re.findall(r"^    def (\w+)\(", text.split("class ndarray:")[1].split("\nclass ")[0],
                             re.M))
    assert {n for n in dir(ovnp.ndarray) if not n.startswith("_")} - methods == set()
    for ufunc in ("add", "sin", "divmod", "modf", "logaddexp"):
        assert re.search(rf"^{ufunc}: _UFunc_Nin\d_Nout\d$", text, re.M), ufunc


def _sample(name):
    """Arguments for one call of the function `name` (tests the stubs' array results)."""
    a = ovnp.arange(1.0, 7.0).reshape(2, 3)
    special = {
        "arange": (5,), "zeros": (3,), "ones": (3,), "empty": (3,), "full": ((2,), 1.0),
        "linspace": (0, 1, 5), "logspace": (0, 1, 5), "geomspace": (1, 8, 4), "eye": (3,),
        "identity": (3,), "array": ([1, 2],), "asarray": ([1, 2],), "asanyarray": ([1, 2],),
        "full_like": (a, 2.0), "concatenate": ([a, a],), "concat": ([a, a],),
        "stack": ([a, a],), "vstack": ([a, a],), "hstack": ([a, a],), "dstack": ([a, a],),
        "column_stack": ([a, a],), "dot": (a, a.T), "matmul": (a, a.T), "reshape": (a, 6),
        "broadcast_to": (a, (2, 2, 3)), "tile": (a, 2), "repeat": (a, 2), "roll": (a, 1),
        "clip": (a, 0, 3), "outer": (a, a), "inner": (a, a), "tensordot": (a, a.T, 1),
        "einsum": ("ij->i", a), "take": (a, [0]), "astype": (a, ovnp.int32),
        "interp": (a, a[0], a[0]), "convolve": (a[0], a[0]), "cross": (a, a),
        "moveaxis": (a, 0, 1), "swapaxes": (a, 0, 1), "pad": (a, 1), "append": (a, 1),
        "insert": (a, 1, 0), "delete": (a, 1), "quantile": (a, 0.5),
        "percentile": (a, 50), "histogram_bin_edges": (a,), "expand_dims": (a, 0),
        "isclose": (a, a), "from_dlpack": (np.arange(3.0),),
    }
    return special.get(name, (a,))


@pytest.mark.parametrize("name", sorted(make_stubs.ARRAY_FUNCTIONS))
def test_functions_typed_as_returning_an_array_do(name):
    assert isinstance(getattr(ovnp, name)(*_sample(name)), ovnp.ndarray)


@pytest.mark.parametrize("name", sorted(make_stubs.ARRAY_METHODS))
def test_methods_typed_as_returning_an_array_do(name):
    a = ovnp.arange(1.0, 7.0).reshape(2, 3)
    args = {"reshape": (6,), "astype": (ovnp.int32,), "take": ([0],), "repeat": (2,),
            "compress": ([True, False],), "choose": ([[1, 2, 3], [4, 5, 6]],),
            "dot": (a.T,), "swapaxes": (0, 1), "to_device": ("CPU",),
            "searchsorted": (2.0,), "clip": (0, 3)}.get(name, ())
    target = ovnp.asarray([[0, 1, 0], [1, 0, 1]]) if name == "choose" else a
    if name == "searchsorted":
        target = a.ravel()
    assert isinstance(getattr(target, name)(*args), ovnp.ndarray)


def _run(tool_args):
    return subprocess.run(tool_args, capture_output=True, text=True, cwd=ROOT)


def _reported_lines(output, script):
    return {int(m) for m in re.findall(rf"{script}:(\d+)", output)}


def _mypy():
    return [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null"]


def test_mypy_accepts_the_user_script_and_reports_the_mistakes():
    clean = _run(_mypy() + ["--strict", "tests/typing/user_script.py"])
    assert clean.returncode == 0 and "Success: no issues found" in clean.stdout, clean.stdout
    mistakes = _run(_mypy() + ["tests/typing/mistakes.py"])
    assert _reported_lines(mistakes.stdout, "mistakes.py") == MISTAKES, mistakes.stdout


def _pyright():
    pyright = shutil.which("pyright", path=str(pathlib.Path(sys.executable).parent))
    assert pyright, "pyright (the test extra's PyPI wrapper) is not installed"
    return [pyright]


def test_pyright_accepts_the_user_script_and_reports_the_mistakes():
    clean = _run(_pyright() + ["tests/typing/user_script.py"])
    assert clean.returncode == 0 and "0 errors" in clean.stdout, clean.stdout + clean.stderr
    mistakes = _run(_pyright() + ["tests/typing/mistakes.py"])
    assert _reported_lines(mistakes.stdout, "mistakes.py") == MISTAKES, mistakes.stdout


def test_the_stubs_themselves_check_cleanly():
    stubs = [p for p in make_stubs.stubs() if p.endswith(".pyi")]
    result = _run(_mypy() + ["--strict"] + stubs)
    assert result.returncode == 0, result.stdout
    result = _run(_pyright() + stubs)
    assert result.returncode == 0, result.stdout
