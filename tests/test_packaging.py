"""Packaging (issue 15 item 9): SPDX license and LICENSE, project URLs and classifiers,
README links that work outside the repository, a wheel with the stubs and py.typed that
leaves nothing in the source tree, and `import ovnp` without openvino."""

import pathlib
import re
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
tomllib = pytest.importorskip("tomllib")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_license_is_an_spdx_expression_with_its_file():
    assert PROJECT["license"] == "Apache-2.0"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text()
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text


def test_urls_and_classifiers():
    assert {"Repository", "Documentation", "Issues"} <= set(PROJECT["urls"])
    assert "Typing :: Typed" in PROJECT["classifiers"]
    assert not any(c.startswith("License ::") for c in PROJECT["classifiers"])  # SPDX instead


def test_readme_links_work_outside_the_repository():
    """PyPI shows README.md without the repository: every link is absolute, and those
    into the repository name files that exist."""
    links = re.findall(r"\]\(([^)]+)\)", (ROOT / "README.md").read_text())
    assert links
    prefix = PROJECT["urls"]["Repository"] + "/blob/main/"
    for link in links:
        assert link.startswith("https://"), link
        if link.startswith(prefix):
            assert (ROOT / link[len(prefix):].split("#")[0]).exists(), link


def test_wheel_ships_stubs_and_license_and_leaves_the_tree_clean(tmp_path):
    before = {p.name for p in ROOT.iterdir()}
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert {p.name for p in ROOT.iterdir()} - before == set()      # no build/, no egg-info
    wheel = next(tmp_path.glob("ovnp-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"ovnp/py.typed", "ovnp/__init__.pyi", "ovnp/random/__init__.pyi"} <= names
    metadata = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("METADATA"))).decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert any(n.endswith("licenses/LICENSE") for n in names)


def test_import_does_not_import_openvino_until_the_first_compile():
    code = ("import sys, ovnp\n"
            "lazy = [m for m in ('openvino', 'numpy.random', 'numpy.testing') if m in sys.modules]\n"
            "ovnp.sin(ovnp.arange(3.0)).to_numpy()\n"
            "print(lazy, 'openvino' in sys.modules)")
    # OpenVINO forced: the eager executor would compute this small sin on the host
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "OVNP_CACHE_DIR": "",
                              "OVNP_EXECUTOR": "openvino"}, check=True)
    assert out.stdout.split() == ["[]", "True"]
