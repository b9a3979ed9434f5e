"""The rooms of the house (architecture.md): hwsim never imports drivers,
agent or sync (a simulator that shares the decoder's code shares its
mistakes); drivers never import agent or sync; sync never imports agent.
Inside agent/ no module imports, through others, a module that imports it;
only agent/demo/ imports hwsim; the doctor's runner lists its check modules.
Checked on every import statement in the tree, lazy ones included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "hwsim": {"drivers", "agent", "sync"},
    "drivers": {"agent", "sync"},
    "sync": {"agent"},
}


def imported_packages(path: Path) -> set[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {(node.lineno, a.name.split(".")[0]) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add((node.lineno, node.module.split(".")[0]))
    return out


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_each_room_imports_only_what_it_may(room):
    bad = []
    for path in sorted((REPO / room).rglob("*.py")):
        for line, pkg in imported_packages(path):
            if pkg in FORBIDDEN[room]:
                bad.append(f"{path.relative_to(REPO)}:{line} imports {pkg}")
    assert not bad, "\n".join(bad)


# No cycle is left in agent/ (the last, config <-> receipt_rules, went when the
# templates' check moved to agent/sale/receipt_templates.py): a new one fails.
KNOWN_CYCLES: list[set[str]] = []


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def agent_import_graph() -> dict[str, set[str]]:
    """Each module of agent/ -> the modules of agent/ it imports (lazily or
    not): ``from agent.doctor import hub`` names the module, ``from
    agent.doctor.runner import check`` the module it comes from."""
    paths = {module_name(p): p for p in (REPO / "agent").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name in paths}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for a in node.names:
                    sub = f"{node.module}.{a.name}"
                    found |= {sub} if sub in paths else {node.module} & paths.keys()
        graph[name] = found - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while not comp or v not in comp:
                comp.add(stack.pop())
            if len(comp) > 1:
                out.append(comp)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_sees_a_cycle_through_a_lazy_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [{"a", "b", "c"}]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_agent_has_no_import_cycle():
    graph = agent_import_graph()
    assert {"agent.doctor.runner", "agent.doctor.base", "agent.doctor.hub"} <= graph.keys()
    assert "agent.doctor.hub" in graph["agent.doctor.runner"]  # "from agent.doctor import hub"
    found = sorted(sorted(c) for c in cycles(graph))
    assert found == sorted(sorted(c) for c in KNOWN_CYCLES), "\n".join(
        " <-> ".join(c) for c in found)


# Issue 16's rooms: the demo is the one place in agent/ that runs simulators.
HWSIM_IMPORTERS = {"agent/demo"}


def test_only_the_demo_imports_hwsim_inside_agent():
    bad = []
    for path in sorted((REPO / "agent").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if any(rel.startswith(room + "/") for room in HWSIM_IMPORTERS):
            continue
        bad += [f"{rel}:{line} imports hwsim"
                for line, pkg in imported_packages(path) if pkg == "hwsim"]
    assert not bad, "\n".join(bad)
    demo = imported_packages(REPO / "agent" / "demo" / "lunch.py")
    assert "hwsim" in {pkg for _, pkg in demo}  # the rule is about a real importer


def test_the_doctor_runner_lists_every_check_module_and_none_imports_it():
    from agent.doctor import runner

    room = REPO / "agent" / "doctor"
    checks = {p.stem for p in room.glob("*.py")} - {"__init__", "base", "runner"}
    listed = {m.__name__.rsplit(".", 1)[1] for m in runner.CHECK_MODULES}
    assert listed == checks, "the runner's CHECK_MODULES and agent/doctor/ disagree"
    graph = agent_import_graph()
    assert not [c for c in checks if "agent.doctor.runner" in graph[f"agent.doctor.{c}"]]
    assert "agent.doctor.runner" not in graph["agent.doctor.base"]


def test_agent_top_level_holds_only_the_shared_basics():
    """A module added to agent/ itself is a room decision: put it in one."""
    top = {p.stem for p in (REPO / "agent").glob("*.py")}
    assert top == {"__init__", "__main__", "cli", "clock", "csv_cells", "logs",
                   "outfile", "terminal_text", "uk_dates"}
    # The configuration is shared too, as a package: its loading, schema and checks.
    assert (REPO / "agent" / "config" / "__init__.py").is_file()
