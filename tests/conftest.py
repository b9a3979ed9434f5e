"""Fixtures shared by test modules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per test module (the
    console's pages are tested in a real browser)."""
    from playwright.sync_api import sync_playwright

    from tests.console_support import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def printer() -> Iterator[Any]:
    """The simulated network receipt printer (hwsim), listening on loopback."""
    from hwsim.printer import TcpPrinter

    p = TcpPrinter().start()
    yield p
    p.stop()
