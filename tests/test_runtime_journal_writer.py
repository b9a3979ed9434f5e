"""The runtime's journal writer when the disk fills mid-service: the sales
the store refuses are kept in memory in till order, the alarm is up, and
they are journaled, in order and once, as soon as space returns."""

from __future__ import annotations

import pytest

from agent.journal.store import Capture, Journal
from agent.sale.pipeline import JournalWriter
from sync.contract import Line, Transaction
from tests.tinyfs import fill, tiny_filesystem


def sale(n: int, tid: str = "", kind: str = "sale") -> Transaction:
    return Transaction(tid or f"s{n}", "till-1", kind, "2026-12-01T12:00:00.000Z", True, None,
                       None, f"{n:06d}", (Line("Pasta bake", 1, 230),), 230, "cash", False, ())


def test_refused_sales_wait_in_order_and_land_once_space_returns(tmp_path):
    with tiny_filesystem(tmp_path / "state", "1m") as state:
        journal = Journal.in_state_dir(state)
        landed = []
        w = JournalWriter(journal, lambda e, _txn: landed.append(e.id))
        assert w.submit(sale(1), Capture(0, "printer", b"\x1b@one", ["one"]))
        ballast = fill(state)
        n = 1
        while not w.alarm and n < 200:
            n += 1
            w.submit(sale(n), Capture(0, "printer", b"x" * 2000, []))
        assert w.alarm.startswith("journal_write_failed")
        for extra in (n + 1, n + 2):  # the till keeps selling
            assert not w.submit(sale(extra), None)
        n += 2
        held = [p.transaction.id for p in w.backlog]
        assert held == [f"s{i}" for i in range(n - len(held) + 1, n + 1)]
        assert not w.retry() and w.alarm  # still full: nothing moves
        ballast.unlink()
        assert w.retry()
        assert w.alarm == "" and not w.backlog
        assert landed == [f"s{i}" for i in range(1, n + 1)]
        assert [e.id for e in journal.entries()] == landed
        assert journal.verify().ok
        # A sale that was already journaled is not counted twice.
        w.submit(sale(1), None)
        assert landed.count("s1") == 1 and journal.count() == n
        journal.close()


def test_a_sale_the_journal_refuses_outright_stays_held_and_the_error_surfaces(tmp_path):
    # Not a store failure (a kind the journal does not know): the error goes
    # up to the main loop, which counts it, and the sale is not dropped.
    journal = Journal.in_state_dir(tmp_path)
    w = JournalWriter(journal, lambda e, _txn: None)
    with pytest.raises(ValueError):
        w.submit(sale(1, "odd", "layaway"), None)
    assert [p.transaction.id for p in w.backlog] == ["odd"] and w.alarm == ""
    journal.close()


def test_a_sale_waiting_for_the_journal_lock_is_seen_as_held(tmp_path):
    # Another process holds the write lock: while the append waits for it, the
    # runtime's status (another thread) must count the sale as held in memory.
    import sqlite3
    import threading
    import time

    journal = Journal.in_state_dir(tmp_path)
    w = JournalWriter(journal, lambda e, _txn: None)
    locker = sqlite3.connect(tmp_path / "journal.sqlite", timeout=0)
    locker.execute("BEGIN EXCLUSIVE")
    done = []
    t = threading.Thread(target=lambda: done.append(w.submit(sale(1), None)))
    t.start()
    try:
        deadline = time.monotonic() + 5
        while not w.backlog and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)
        assert [p.transaction.id for p in w.backlog] == ["s1"] and not done
    finally:
        locker.rollback()
        locker.close()
        t.join(10)
    assert done == [True] and not w.backlog and journal.count() == 1
    journal.close()
