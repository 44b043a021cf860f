"""Observability (issue 15 item 7): the `ovnp` logger reports compiles and explains cache
misses; explain() prints once and summarizes large graphs; visualize() says when it
cannot draw and labels constants and axes; stats() and every OVNP_ variable are in docs."""

import io
import logging
import pathlib
import re

import numpy as np
import pytest

import ovnp
from ovnp import _introspect
from ovnp._backend import observe

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "observability.md").read_text()


@pytest.fixture
def ovnp_log(caplog):
    caplog.set_level(logging.INFO, logger="ovnp")
    return caplog


def test_each_compile_and_the_reason_of_each_miss_are_logged(ovnp_log):
    x = ovnp.asarray(np.arange(7, dtype=np.float32))
    (x * 3.5 - 1.25).to_numpy()
    messages = [r.getMessage() for r in ovnp_log.records if r.name == "ovnp"]
    assert any(re.match(r"compiled graph of \d+ ops \(1 inputs\) for CPU in [\d.]+ s", m)
               for m in messages), messages
    ovnp_log.clear()
    (ovnp.asarray(np.arange(9, dtype=np.float32)) * 3.5 - 1.25).to_numpy()
    misses = [r.getMessage() for r in ovnp_log.records if "cache miss" in r.getMessage()]
    assert len(misses) == 1 and "input 0: (9,) float32 (cached (7,) float32)" in misses[0]
    ovnp_log.clear()
    (ovnp.asarray(np.arange(9, dtype=np.float32)) * 3.5 - 1.25).to_numpy()   # a hit
    assert not [r for r in ovnp_log.records if r.name == "ovnp"]


def test_miss_reason_names_the_op_that_differs():
    key = ("CPU", (("multiply", (), (-1, -2), (3,), "f"), ("add", (), (0, -2), (3,), "f")),
           (1,), (((3,), "f"), ((), "f")))
    other = key[:1] + ((key[1][0], ("subtract",) + key[1][1][1:]),) + key[2:]
    assert observe.difference(key, [other]) == "op %1 add: op add (cached subtract)"
    assert observe.difference(key, []) == "no graph compiled for this device yet"
    assert "cached: GPU" in observe.difference(key, [("GPU",) + key[1:]])


def test_nothing_is_explained_when_the_logger_is_off(monkeypatch):
    logger = logging.getLogger("ovnp")
    level = logger.level
    logger.setLevel(logging.WARNING)
    monkeypatch.setattr(observe, "difference", lambda *a: pytest.fail("explained a miss"))
    try:
        (ovnp.asarray(np.arange(11, dtype=np.float32)) * 0.5).to_numpy()
    finally:
        logger.setLevel(level)


def test_explain_prints_once_and_returns_nothing(capsys):
    y = ovnp.asarray(np.ones((2, 3), np.float32)).sum(axis=0)
    assert ovnp.explain(y) is None          # the REPL echoes a returned value: none
    out = capsys.readouterr().out
    assert out.count("sum(") == 1 and "(0,)" in out


def test_explain_summarizes_large_graphs():
    z = ovnp.asarray(np.ones(4, np.float32))
    for _ in range(30):
        z = z * 1.5 + 1.0
    summary, full = io.StringIO(), io.StringIO()
    ovnp.explain(z, file=summary)
    ovnp.explain(z, file=full, full=True)
    assert "ops by kind: " in summary.getvalue() and "multiply x30" in summary.getvalue()
    assert len(summary.getvalue().splitlines()) < 10 < len(full.getvalue().splitlines())
    assert "explain(..., full=True)" in summary.getvalue()


def test_visualize_warns_without_graphviz_and_labels_constants_and_axes(tmp_path, monkeypatch):
    monkeypatch.setattr(_introspect.shutil, "which", lambda name: None)
    y = (ovnp.asarray(np.ones((2, 3), np.float32)) * 2.5).sum(axis=1)
    with pytest.warns(ovnp.GraphvizMissingWarning, match="graph.dot"):
        written = ovnp.visualize(y, tmp_path / "graph.svg")
    assert written == str(tmp_path / "graph.dot")
    dot = (tmp_path / "graph.dot").read_text()
    assert "const 2.5" in dot and "sum ((1,), False)" in dot
    assert ovnp.visualize(y, tmp_path / "g.dot") == str(tmp_path / "g.dot")   # asked: no warning


def test_stats_and_every_environment_variable_are_documented():
    for key in ovnp.stats():
        assert f"`{key}`" in DOC, key
    read = set()
    for path in (ROOT / "ovnp").rglob("*.py"):
        read |= set(re.findall(r"OVNP_[A-Z_]+", path.read_text()))
    assert read and {v for v in read if f"`{v}`" not in DOC} == set()
