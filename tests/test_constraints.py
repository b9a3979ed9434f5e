"""The pins a fleet of unattended tills installs (scripts/constraints.txt):
every dependency pyproject.toml declares, and everything the runtime ones
need, is pinned to one version inside its declared range, and the install
path (scripts/dev.sh, systemd/README.md) uses the file."""

from __future__ import annotations

import importlib.metadata as md
import re
import shlex
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
CONSTRAINTS = REPO / "scripts" / "constraints.txt"
# The installer itself is not pinned (the file's header says so).
UNPINNED = {"pip", "setuptools"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for n, line in enumerate(CONSTRAINTS.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        spec = list(req.specifier)
        assert len(spec) == 1 and spec[0].operator == "==", \
            f"constraints.txt line {n}: {line!r} is not an exact pin (name==version)"
        assert _norm(req.name) not in pins, f"constraints.txt line {n}: {req.name} twice"
        pins[_norm(req.name)] = Version(spec[0].version)
    return pins


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def _assert_pinned_in_range(requirements: list[str], pins: dict[str, Version]) -> None:
    for text in requirements:
        req = Requirement(text)
        name = _norm(req.name)
        assert name in pins, f"{req.name} ({text}) is not pinned in scripts/constraints.txt"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"{req.name}: the pin {pins[name]} is outside pyproject's {req.specifier}"


def test_every_runtime_dependency_is_pinned_within_its_declared_range():
    _assert_pinned_in_range(_project()["dependencies"], _pins())


def test_every_test_dependency_is_pinned_within_its_declared_range():
    _assert_pinned_in_range(_project()["optional-dependencies"]["test"], _pins())


def test_what_the_runtime_dependencies_need_is_pinned_too():
    # Read from the installed packages' own metadata: a pin of httpx alone
    # would still let a new httpcore or h11 arrive on one till and not another.
    pins = _pins()
    seen: set[str] = set()
    todo = list(_project()["dependencies"])
    while todo:
        req = Requirement(todo.pop())
        if req.marker and not req.marker.evaluate({"extra": ""}):
            continue
        name = _norm(req.name)
        if name in seen or name in UNPINNED:
            continue
        seen.add(name)
        assert name in pins, f"{req.name} (needed at run time) is not pinned"
        todo += md.requires(req.name) or []
    assert {"sqlite-utils", "httpx", "httpcore", "h11", "click"} <= seen


def test_the_install_path_uses_the_pins():
    dev = (REPO / "scripts" / "dev.sh").read_text()
    installs = [shlex.split(ln) for ln in dev.splitlines() if "pip\" install" in ln
                and "-e" in ln]
    assert installs and all("-c" in cmd and
                            cmd[cmd.index("-c") + 1] == "scripts/constraints.txt"
                            for cmd in installs), installs
    book = (REPO / "systemd" / "README.md").read_text()
    assert ".venv/bin/pip install -c scripts/constraints.txt ." in book
