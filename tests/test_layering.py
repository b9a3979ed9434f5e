"""The rooms of the house (architecture.md): hwsim never imports drivers,
agent or sync (a simulator that shares the decoder's code shares its
mistakes); drivers never import agent or sync; sync never imports agent.
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
