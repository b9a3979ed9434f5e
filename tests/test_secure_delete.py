"""What the agent deletes from its SQLite files is zeroed there, not left in
free pages for whoever reads the disk of a stolen till (secure_delete)."""

from __future__ import annotations

import sqlite3

import pytest

from agent.clock import FakeClock
from agent.journal.store import Journal
from sync.contract import Pupil
from sync.roster_store import RosterStore

NAME = "Zebedee Quartermaine-Oduya"


@pytest.fixture(autouse=True)
def sqlite_without_secure_delete_by_default(monkeypatch):
    """SQLite as built without SQLITE_SECURE_DELETE (Debian's library turns it
    on by default; a wheel's or another distribution's may not)."""
    real = sqlite3.connect

    def connect(*args, **kw):
        db = real(*args, **kw)
        db.execute("PRAGMA secure_delete = OFF")
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)


def pupil(pid: str, name: str) -> Pupil:
    return Pupil(id=pid, display_name=name, year_group="Y5", card_uids=(), biometric_ids=(),
                 balance_pence=1200, fsm=False, daily_limit_pence=None, debt_limit_pence=500,
                 allergens=("peanut",), biometric_consent=True)


def test_a_pupil_removed_from_the_roster_cache_leaves_no_trace_in_the_file(tmp_path):
    store = RosterStore.in_state_dir(tmp_path)
    others = [pupil(f"P{n:04d}", f"Pupil Number {n}") for n in range(40)]
    store.apply([*others, pupil("P9999", NAME)], [], "c1", 0, 1.0, snapshot=True)
    store.close()
    assert NAME.encode() in (tmp_path / "roster.sqlite").read_bytes()

    store = RosterStore.in_state_dir(tmp_path)
    store.apply([], ["P9999"], "c2", 0, 2.0, snapshot=False)
    assert store.get("P9999") is None
    store.close()  # the last connection checkpoints the WAL into the file
    assert NAME.encode() not in (tmp_path / "roster.sqlite").read_bytes()


def test_the_journal_and_roster_connections_have_secure_delete_on(tmp_path):
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        assert j._db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        assert j._db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    store = RosterStore.in_state_dir(tmp_path)
    assert store._db().execute("PRAGMA secure_delete").fetchone()[0] == 1
    store.close()
