"""WAL checkpoints happen beside the sale path, not inside a sale's commit."""

from __future__ import annotations

import logging
import os

import pytest

from agent.clock import FakeClock
from agent.journal.checkpointer import BACKSTOP_PAGES, WalCheckpointer
from agent.journal.store import Capture, Journal, JournalError
from tests.support import wait_for

RECEIPT = bytes(range(32, 127)) * 13  # about the size of a lunch receipt's bytes


def sale(n: int) -> dict:
    return {"till_id": "till-1", "occurred_at": "2026-11-29T12:01:02.123Z",
            "clock_synced": True, "pupil_id": None, "identified_by": None,
            "receipt_no": f"{n:07d}", "total_pence": 230, "tender": "cash",
            "offline": False, "flags": [],
            "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": 230}]}


def serve(journal: Journal, first: int, n: int) -> None:
    for i in range(first, first + n):
        journal.append(f"till-1:r:{i}", "sale", sale(i),
                       capture=Capture(0, "printer", RECEIPT, ["Pasta bake  £2.30"]))


def wal_pages(tmp_path) -> int:
    wal = tmp_path / "journal.sqlite-wal"
    return os.path.getsize(wal) // 4096 if wal.exists() else 0


def test_the_runtime_writer_leaves_checkpoints_to_someone_else(tmp_path):
    writer = Journal.in_state_dir(tmp_path, FakeClock(), checkpoint_pages=BACKSTOP_PAGES)
    serve(writer, 1, 300)  # ~1,500 WAL pages: SQLite's default would have checkpointed
    assert wal_pages(tmp_path) > 1300  # SQLite's default stops the log at ~1,000
    other = Journal.in_state_dir(tmp_path, FakeClock())
    assert other.checkpoint() == 0  # every page copied back: nobody reads
    size = wal_pages(tmp_path)
    serve(writer, 301, 50)  # the log starts again from its beginning
    assert wal_pages(tmp_path) == size
    assert writer.verify().ok and writer.last_seq() == 350
    other.close()
    writer.close()


def test_a_lunch_service_with_the_checkpointer_keeps_the_log_small(tmp_path):
    writer = Journal.in_state_dir(tmp_path, FakeClock(), checkpoint_pages=BACKSTOP_PAGES)
    cp = WalCheckpointer(lambda: Journal.in_state_dir(tmp_path, FakeClock()),
                         interval_s=0.01).start()
    try:
        for batch in range(6):
            serve(writer, 1 + batch * 100, 100)
            cp.poke()
            assert wait_for(lambda b=batch: cp.checkpoints > b)
        # 600 sales (~3,000 pages) went through a log that never grew past a
        # couple of batches.
        assert wal_pages(tmp_path) < 1200
        assert cp.failures == 0 and cp.alive()
    finally:
        cp.stop()
    assert not cp.alive()
    assert writer.verify().ok and writer.last_seq() == 600
    writer.close()


def test_a_checkpointer_that_cannot_open_the_journal_says_so_and_sales_go_on(tmp_path,
                                                                               caplog):
    writer = Journal.in_state_dir(tmp_path, FakeClock(), checkpoint_pages=BACKSTOP_PAGES)

    def broken() -> Journal:
        raise JournalError("permission denied")

    with caplog.at_level(logging.WARNING, logger="agent.journal.checkpointer"):
        cp = WalCheckpointer(broken, interval_s=0.01).start()
        assert wait_for(lambda: not cp.alive())
    assert cp.failures == 1 and "permission denied" in cp.last_error
    assert "checkpoint failed" in caplog.text
    serve(writer, 1, 10)
    assert writer.last_seq() == 10
    writer.close()


def test_a_read_only_journal_cannot_checkpoint(tmp_path):
    writer = Journal.in_state_dir(tmp_path, FakeClock())
    serve(writer, 1, 1)
    reader = Journal.in_state_dir(tmp_path, readonly=True)
    with pytest.raises(JournalError, match="read-only"):
        reader.checkpoint()
    reader.close()
    writer.close()


def test_sales_that_stop_are_checkpointed_once_the_till_goes_quiet(tmp_path):
    writer = Journal.in_state_dir(tmp_path, FakeClock(), checkpoint_pages=BACKSTOP_PAGES)
    cp = WalCheckpointer(lambda: Journal.in_state_dir(tmp_path, FakeClock()),
                         interval_s=60.0, idle_s=0.05).start()
    try:
        serve(writer, 1, 20)
        cp.poke()  # the first sale after start: checkpointed at once
        assert wait_for(lambda: cp.checkpoints == 1)
        serve(writer, 21, 20)
        cp.poke()  # too soon for another; the quiet after it is not
        assert wait_for(lambda: cp.checkpoints == 2)
        serve(writer, 41, 50)  # nothing left behind: the log starts over
        assert wal_pages(tmp_path) < 300
    finally:
        cp.stop()
    writer.close()
