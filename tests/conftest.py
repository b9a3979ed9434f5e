"""Fixtures shared by test modules."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis's own timing checks (200 ms a example, slow data generation)
# measure the machine, not the code: on CI's two shared cores an example
# that takes 66 ms alone took 426 ms and failed. What the properties prove
# is unchanged; tests that set their own settings keep them.
#
# In CI (``TILL_AGENT_CI=1``) the examples are derandomised: the same
# examples every run, so a gate is repeatable and a change is refused for
# what it broke, not for a case a random draw happened to find that day.
# Developers' runs stay random and keep finding such cases (Hypothesis's
# example database replays each one until it is fixed).
settings.register_profile("shared-cores", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow],
                          derandomize=os.environ.get("TILL_AGENT_CI") == "1")
settings.load_profile("shared-cores")


# Our packages, compiled to bytecode once before any test starts a process.
FIRST_PARTY = ("agent", "drivers", "sync", "hwsim", "tests")


def pytest_configure(config: Any) -> None:
    """With ``PYTHONDONTWRITEBYTECODE`` set (as it is on this CI machine),
    nothing caches bytecode: every agent, till or fleet process a test
    starts compiled the whole tree again before its first line (a fifth of
    an agent's start-up, the chaos kill test's twelve restarts among them).
    So the run (the controller, or the one process without xdist) compiles
    our packages once; a process still recompiles a module whose source is
    newer than its bytecode. Test modules are left out: pytest rewrites their
    asserts and keeps its own cache, which the same setting turns off."""
    if not sys.dont_write_bytecode or hasattr(config, "workerinput"):
        return
    import compileall

    root = Path(__file__).resolve().parent.parent
    for package in FIRST_PARTY:
        compileall.compile_dir(root / package, quiet=1, rx=re.compile(r"[/\\]test_[^/\\]*\.py$"))


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per test process (the
    console's pages are tested in a real browser). Tests take it through
    ``browser``. One Playwright per process: its sync API refuses a second
    while one runs, and each start (its driver and a Chromium) cost some
    2.5 s of CPU, paid per module and per xdist worker when it was the
    module's own."""
    from playwright.sync_api import sync_playwright

    from tests.console_support import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Iterator[Any]:
    """The process's Chromium for one test module: the pages and contexts
    the module opened are closed after it, as when the module closed a
    browser of its own (no page of one module outlives it, still polling
    an agent that has stopped)."""
    before = set(chromium.contexts)
    yield chromium
    for context in chromium.contexts:
        if context not in before:
            context.close()


@pytest.fixture
def printer() -> Iterator[Any]:
    """The simulated network receipt printer (hwsim), listening on loopback."""
    from hwsim.printer import TcpPrinter

    p = TcpPrinter().start()
    yield p
    p.stop()


@pytest.hookimpl(optionalhook=True)  # a hook of xdist's; none without it (``-p no:xdist``)
def pytest_xdist_make_scheduler(config: Any, log: Any) -> Any:
    """Under ``-n`` with xdist's default ``--dist load``: a receipts set's
    tests on one worker (``tests.xdist_scopes``); any other ``--dist`` as asked."""
    if config.getvalue("dist") != "load":
        return None
    from tests.xdist_scopes import ReceiptSetScheduling

    return ReceiptSetScheduling(config, log)
