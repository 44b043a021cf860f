"""The shape of the house: ovnp's modules import one another without cycles, and none
passes 600 lines (see docs/architecture.md).

Like test_only_backend_imports_openvino (test_foundation.py), these read the source:
every `import` and `from ... import` statement of every module, at the top or inside a
function (a lazy import cannot hide a cycle), relative imports resolved.
"""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ovnp"
MAX_LINES = 600


def module_name(path, package_dir=PACKAGE):
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path, name, modules):
    """{imported module: first line number} for the modules of `modules` that `path`
    (the module `name`) imports. `from pkg import sub` counts as importing pkg.sub when
    sub is a module, else as importing pkg; parent packages a submodule import runs
    implicitly are not counted (every module would then cycle with its __init__)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = {}
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            subs = [f"{source}.{alias.name}" for alias in node.names]
            targets = [s for s in subs if s in modules]
            if len(targets) < len(subs):
                targets.append(source)
        else:
            continue
        for target in targets:
            if target in modules and target != name:
                found.setdefault(target, node.lineno)
    return found


def import_graph(package_dir=PACKAGE):
    paths = {module_name(p, package_dir): p for p in sorted(package_dir.rglob("*.py"))}
    return {name: imports_of(path, name, paths) for name, path in paths.items()}, paths


def find_cycle(graph):
    """One import cycle as [a, b, ..., a], or None (iterative depth-first search)."""
    state = {}
    for start in sorted(graph):
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph[start])))]
        state[start] = "open"
        path = [start]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = "done"
            elif state.get(child) == "open":
                return path[path.index(child):] + [child]
            elif child not in state:
                state[child] = "open"
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))
    return None


def describe(cycle, graph, paths):
    """a (file:line of the import of b) -> b (...) -> ... -> a"""
    base = paths[cycle[0].split(".")[0]].parent.parent
    return " -> ".join(f"{a} ({paths[a].relative_to(base)}:{graph[a][b]})"
                       for a, b in zip(cycle, cycle[1:])) + f" -> {cycle[-1]}"


def test_the_import_graph_of_ovnp_is_a_dag():
    graph, paths = import_graph()
    assert len(graph) > 40 and sum(map(len, graph.values())) > 100   # it read the package
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + describe(cycle, graph, paths)


def test_no_module_passes_600_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"


# ------------------------------------------------------------------ the checks can fail

def _package(tmp_path, files):
    root = tmp_path / "ovnp"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize("files, expected", [
    ({"__init__.py": "from . import a\n", "a.py": "from .b import f\n",
      "b.py": "def f():\n    from .a import g\n"}, ["ovnp.a", "ovnp.b", "ovnp.a"]),
    ({"__init__.py": "", "a.py": "def g():\n    import ovnp\n    return ovnp.x\n"}, None),
    ({"__init__.py": "from . import a\n", "a.py": "def g():\n    import ovnp\n"},
     ["ovnp", "ovnp.a", "ovnp"]),
    ({"__init__.py": "", "sub/__init__.py": "from .. import a\n",
      "a.py": "from .sub import x\n"}, ["ovnp.a", "ovnp.sub", "ovnp.a"]),
    ({"__init__.py": "", "sub/__init__.py": "", "sub/m.py": "from .. import a\n",
      "a.py": "from .sub import m\n"}, ["ovnp.a", "ovnp.sub.m", "ovnp.a"]),
])
def test_the_cycle_check_finds_planted_cycles(tmp_path, files, expected):
    graph, _ = import_graph(_package(tmp_path, files))
    assert find_cycle(graph) == expected


def test_the_cycle_check_reports_the_cycle(tmp_path):
    graph, paths = import_graph(_package(tmp_path, {
        "__init__.py": "", "a.py": "from .b import f\n", "b.py": "def f():\n    from . import a\n"}))
    text = describe(find_cycle(graph), graph, paths)
    assert text == "ovnp.a (ovnp/a.py:1) -> ovnp.b (ovnp/b.py:2) -> ovnp.a"
