"""One migrations runner (sync.migrations) for the journal and the roster
cache: state directories made by the previous code migrate forward and keep
their data, a failed step changes nothing, and a newer file is refused."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from agent.clock import FakeClock
from agent.journal.schema import STEPS as JOURNAL_STEPS
from agent.journal.store import Journal, JournalError
from sync.migrations import TABLE, MigrationSet, SchemaTooNew, Step
from sync.roster_schema import roster_migrations
from sync.roster_store import RosterError, RosterStore


def sale(total: int) -> dict:
    return {"pupil_id": "P0001", "total_pence": total, "lines": [], "tender": "account"}


def _recorded(path, name: str) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [r[0] for r in db.execute(
            f"SELECT name FROM {TABLE} WHERE migration_set = ? ORDER BY id", (name,))]
    finally:
        db.close()


def _user_version(path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def _old_journal(path) -> None:
    """A journal as the hand-written runner left it: schema 3 by number, no
    ``_sqlite_migrations`` table, one sale and its capture."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    for step in JOURNAL_STEPS[:3]:
        for stmt in step.run:
            db.execute(stmt)
    db.execute("PRAGMA user_version = 3")
    db.close()


def test_a_journal_from_before_the_runner_opens_without_a_write_and_keeps_its_sales(tmp_path):
    path = tmp_path / "journal.sqlite"
    _old_journal(path)
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        j.append("a", "sale", sale(230))
    mtime = path.stat().st_mtime_ns
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        assert [e.id for e in j.entries()] == ["a"] and j.verify().ok
    # Up to date after the first open (its later steps run then): opening
    # again writes nothing.
    assert path.stat().st_mtime_ns == mtime
    assert _user_version(path) == len(JOURNAL_STEPS)


def test_a_later_step_on_an_old_journal_records_the_earlier_ones_from_its_number(tmp_path):
    path = tmp_path / "journal.sqlite"
    _old_journal(path)
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        j.append("a", "sale", sale(230))
    n = len(JOURNAL_STEPS) + 1
    later = MigrationSet("journal", [*JOURNAL_STEPS, Step(
        n, "till_notes", ["CREATE TABLE till_notes (n INTEGER PRIMARY KEY, text TEXT)"])])
    db = sqlite3.connect(path, isolation_level=None)
    assert later.migrate(db) == [f"{n:04d}_till_notes"]
    assert later.migrate(db) == []  # once
    db.close()
    assert _recorded(path, "journal") == [s.key for s in later.steps]
    assert _user_version(path) == n
    # This agent knows one step fewer: the file is refused clearly, read-write or not.
    with pytest.raises(JournalError, match="newer than this agent knows"):
        Journal.in_state_dir(tmp_path)
    with pytest.raises(JournalError, match="newer than this agent knows"):
        Journal.in_state_dir(tmp_path, readonly=True)


def test_a_new_journal_records_every_step_by_name(tmp_path):
    Journal.in_state_dir(tmp_path).close()
    assert _recorded(tmp_path / "journal.sqlite", "journal") == [s.key for s in JOURNAL_STEPS]


def test_a_step_that_fails_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "x.sqlite"
    ok = Step(1, "one", ["CREATE TABLE one (a)"])
    bad = Step(2, "two", ["CREATE TABLE two (a)", "INSERT INTO nowhere VALUES (1)"])
    db = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        MigrationSet("x", [ok, bad]).migrate(db)
    assert db.execute("SELECT name FROM sqlite_master").fetchall() == []
    assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    assert MigrationSet("x", [ok]).migrate(db) == ["0001_one"]
    db.close()


def test_a_step_recorded_by_a_newer_agent_is_refused(tmp_path):
    path = tmp_path / "x.sqlite"
    steps = [Step(1, "one", ["CREATE TABLE one (a)"])]
    db = sqlite3.connect(path, isolation_level=None)
    MigrationSet("x", steps).migrate(db)
    db.execute(f"INSERT INTO {TABLE} (migration_set, name, applied_at) "
               "VALUES ('x', '0002_from_the_future', 'now')")
    db.execute("PRAGMA user_version = 0")  # even if its number was lost
    with pytest.raises(SchemaTooNew, match="0002_from_the_future"):
        MigrationSet("x", steps).migrate(db)
    db.close()


def test_two_processes_opening_a_new_journal_at_once_migrate_it_once(tmp_path):
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_it() -> None:
        try:
            start.wait()
            Journal.in_state_dir(tmp_path).close()  # a connection each, like a process
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _recorded(tmp_path / "journal.sqlite", "journal") == [s.key for s in JOURNAL_STEPS]


def _old_roster(path) -> None:
    """A roster cache as the previous code made it: schema 2 by number from
    hand-written SQL, no ``_sqlite_migrations``; one pupil with a match id."""
    db = sqlite3.connect(path, isolation_level=None)
    cards = ("key TEXT NOT NULL, entry_bits INTEGER NOT NULL, card TEXT NOT NULL, "
             "pupil_id TEXT NOT NULL, form TEXT")
    for stmt in (
        "CREATE TABLE IF NOT EXISTS pupils (id TEXT PRIMARY KEY, data TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS cards ({cards})",
        "CREATE TABLE IF NOT EXISTS biometrics (match_id TEXT PRIMARY KEY, "
        "pupil_id TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS cards_key ON cards (key)",
        "CREATE INDEX IF NOT EXISTS cards_card ON cards (card)",
        "CREATE INDEX IF NOT EXISTS cards_pupil ON cards (pupil_id)",
        "CREATE INDEX IF NOT EXISTS biometrics_pupil ON biometrics (pupil_id)",
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TABLE IF NOT EXISTS staged (id TEXT PRIMARY KEY, data TEXT)",
        f"CREATE TABLE IF NOT EXISTS staged_cards ({cards})",
        "CREATE INDEX IF NOT EXISTS staged_cards_pupil ON staged_cards (pupil_id)",
        "PRAGMA user_version = 2",
    ):
        db.execute(stmt)
    data = {"id": "P1", "display_name": "Ada L", "year_group": 7, "balance_pence": 250,
            "fsm": False, "daily_limit_pence": None, "debt_limit_pence": 0,
            "allergens": ["peanut"], "biometric_consent": True}
    db.execute("INSERT INTO pupils VALUES ('P1', ?)", (json.dumps(data, sort_keys=True),))
    db.execute("INSERT INTO biometrics VALUES ('7', 'P1')")
    db.executemany("INSERT INTO meta VALUES (?, ?)",
                   [("cursor", "c9"), ("pulled_at", "5.0"), ("count", "1")])
    db.close()


def test_a_roster_cache_from_before_the_runner_keeps_its_pupils(tmp_path):
    path = tmp_path / "roster.sqlite"
    _old_roster(path)
    with RosterStore(path) as s:
        assert s.by_biometric("7").id == "P1" and s.get("P1").allergens == ("peanut",)
        assert (s.info().cursor, s.info().count) == ("c9", 1)
    # A later step: the earlier ones are recorded from the file's number.
    later = MigrationSet("roster", [*roster_migrations(lambda: b"k" * 32).steps, Step(
        3, "pupils_year_index", ["CREATE INDEX pupils_year ON pupils (id)"])])
    db = sqlite3.connect(path, isolation_level=None)
    assert later.migrate(db) == ["0003_pupils_year_index"]
    db.close()
    assert _recorded(path, "roster") == [s.key for s in later.steps]
    with pytest.raises(RosterError, match="newer than this agent knows"):
        RosterStore(path)


def test_a_new_roster_cache_is_made_by_the_runner_and_makes_no_key_until_used(tmp_path):
    with RosterStore.in_state_dir(tmp_path) as s:
        assert s.info().count == 0
    assert _recorded(tmp_path / "roster.sqlite", "roster") == [
        "0001_cards_by_number", "0002_cards_as_keyed_hashes"]
    assert _user_version(tmp_path / "roster.sqlite") == 2
    assert not (tmp_path / "roster.key").exists()
