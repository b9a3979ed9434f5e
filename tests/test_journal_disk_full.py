"""The disk fills in the middle of a service: appends fail loudly, nothing
already journaled is lost or damaged, and appending resumes when space returns."""

from __future__ import annotations

import sqlite3

import pytest

from agent.journal.store import Journal
from tests.tinyfs import fill, tiny_filesystem


def sale(i):
    return {"till_id": "till-1", "total_pence": 230, "lines": [
        {"description": "Pasta bake " + "x" * 200, "quantity": 1, "amount_pence": 230}],
        "flags": []}


def test_a_full_disk_refuses_new_sales_but_keeps_every_old_one(tmp_path):
    # 2 MB: room for the 70 sales and the WAL once the ballast is gone (at
    # 1 MB the schema's own pages decided whether the 70th fitted).
    with tiny_filesystem(tmp_path / "state", "2m") as state:
        j = Journal.in_state_dir(state)
        for i in range(20):
            j.append(f"before-{i}", "sale", sale(i))
        ballast = fill(state)
        failures = 0
        for i in range(50):
            try:
                j.append(f"during-{i}", "sale", sale(i))
            except sqlite3.OperationalError as exc:
                assert "full" in str(exc) or "disk" in str(exc)
                failures += 1
        assert failures > 0, "the disk never filled"
        # Everything committed before is intact; nothing half-written shows.
        assert j.verify().ok
        ids = [e.id for e in j.entries()]
        assert ids[:20] == [f"before-{i}" for i in range(20)]
        ballast.unlink()
        # Space is back: the same sales can be appended, and the chain continues.
        for i in range(50):
            j.append(f"during-{i}", "sale", sale(i))
        assert j.verify().ok
        assert len({e.id for e in j.entries()}) == len(list(j.entries()))
        total = j.last_seq()
        j.close()
        with Journal.in_state_dir(state) as again:
            assert again.verify().ok and again.last_seq() == total == 70


def test_reopening_after_the_disk_filled_finds_the_chain_intact(tmp_path):
    with tiny_filesystem(tmp_path / "state", "1m") as state:
        j = Journal.in_state_dir(state)
        j.append("a", "sale", sale(0))
        ballast = fill(state)
        with pytest.raises(sqlite3.OperationalError):
            for i in range(100):
                j.append(f"b{i}", "sale", sale(i))
        j.close()
        ballast.unlink()
        with Journal.in_state_dir(state) as again:
            assert again.verify().ok and again.get("a") is not None
