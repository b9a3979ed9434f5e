"""Shared pieces of the sync tests: a real journal with sales in it, the
config a till would have, and the one invariant that matters (the hub's
ledger equals the journal: same ids, same content, same count)."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from agent.clock import FakeClock
from agent.config import SyncConfig
from agent.journal.store import Journal
from hwsim.hub import Hub

TOKEN = "till-token-s3cr3t"
TILL = "till-1"


def sale(n: int, till: str = TILL, pupil: str | None = "P000001", total: int = 240) -> dict:
    """A contract Transaction (without id/kind/seq: the journal adds them)."""
    return {"till_id": till, "occurred_at": f"2026-11-30T12:{n // 60 % 60:02d}:{n % 60:02d}.000Z",
            "clock_synced": True, "pupil_id": pupil, "identified_by": "card" if pupil else None,
            "receipt_no": f"{n:05d}",
            "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": total}],
            "total_pence": total, "tender": "account" if pupil else "cash", "offline": False,
            "flags": []}


def journal_with(state: Path, n: int, till: str = TILL, start: int = 1) -> Journal:
    j = Journal.in_state_dir(state, FakeClock())
    for i in range(start, start + n):
        j.append(f"{till}:{i}", "sale", sale(i, till))
    return j


def token_file(tmp: Path, token: str = TOKEN) -> str:
    p = tmp / "token"
    p.write_text(token + "\n")
    os.chmod(p, 0o600)
    return str(p)


def sync_cfg(base_url: str, tok: str, **kw) -> SyncConfig:
    """A till's [sync] table with timings short enough for tests."""
    base = dict(base_url=base_url, token_file=tok, connect_timeout_s=1.0, read_timeout_s=2.0,
                write_timeout_s=2.0, pool_timeout_s=1.0, backoff_initial_s=0.05,
                backoff_max_s=0.2, push_debounce_s=0.05, push_interval_s=1.0,
                roster_interval_s=5.0, auth_pause_s=3600.0)
    base.update(kw)
    return SyncConfig(**base)


def assert_ledger_equals_journal(hub, journal: Journal, till: str = TILL) -> None:
    ledger = hub.ledger(till)
    entries = list(journal.entries())
    ids = [r["id"] for r in ledger]
    assert len(ids) == len(set(ids)), "the hub stored an id twice"
    assert len(ledger) == len(entries), (len(ledger), len(entries))
    assert {r["id"]: dict(r) for r in ledger} == {e.id: e.transaction for e in entries}


@contextlib.contextmanager
def running_hub(roster: Iterable[dict] = (), page_size: int = 100) -> Iterator[Hub]:
    """The simulated hub on a free loopback port, stopped and closed after."""
    h = Hub(roster=list(roster), token=TOKEN, page_size=page_size)
    h.start("127.0.0.1", 0)
    try:
        yield h
    finally:
        h.stop()
        h.core.close()


def hub_fixture(roster: Iterable[dict] = (), page_size: int = 100) -> Any:
    """A test module's ``hub`` fixture: ``hub = hub_fixture(SCHOOL, page_size=10)``
    gives each test the simulated hub serving ``roster`` (``running_hub``)."""

    @pytest.fixture
    def hub() -> Iterator[Hub]:
        with running_hub(roster, page_size) as h:
            yield h

    return hub


def eventually(pred, timeout: float = 10.0, what: str = "condition") -> None:
    """Wait for ``pred()``; an AssertionError naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.02)
    raise AssertionError(f"{what} not reached within {timeout} s")


@contextlib.contextmanager
def a_hub_that_trickles() -> Iterator[int]:
    """A hub on 127.0.0.1 that starts every answer and never finishes it: a
    header byte each half second, so no read ever times out. Yields its port."""
    stop = threading.Event()
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)

    def trickle(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while not stop.wait(0.5):
                conn.sendall(b"z")

    def serve() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):  # a timeout, or the socket closed at the end
                conn, _ = server.accept()
                threading.Thread(target=trickle, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        server.close()
