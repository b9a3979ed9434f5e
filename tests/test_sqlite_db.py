"""The one SQLite opener and its write transaction, on real files."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from sync.sqlite_db import atomic, open_db


def test_a_store_opens_in_wal_with_the_durability_it_asks_for(tmp_path):
    journal = open_db(tmp_path / "j.sqlite", synchronous="FULL", foreign_keys=True,
                      recursive_triggers=True, wal_autocheckpoint=5000)
    cache = open_db(tmp_path / "c.sqlite", synchronous="NORMAL")
    assert journal.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert journal.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert journal.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert journal.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
    assert journal.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 5000
    assert cache.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert cache.execute("PRAGMA foreign_keys").fetchone()[0] == 0
    for db in (journal, cache):
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 10000


def test_atomic_commits_the_block_or_rolls_all_of_it_back(tmp_path):
    db = open_db(tmp_path / "a.sqlite")
    db.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
    with atomic(db):
        db.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.IntegrityError), atomic(db):
        db.execute("INSERT INTO t VALUES (2)")
        db.execute("INSERT INTO t VALUES (1)")  # the second fails: the first goes too
    with pytest.raises(KeyboardInterrupt), atomic(db):
        db.execute("INSERT INTO t VALUES (3)")
        raise KeyboardInterrupt
    assert not db.in_transaction
    other = open_db(tmp_path / "a.sqlite", readonly=True)
    assert [r[0] for r in other.execute("SELECT n FROM t")] == [1]


def test_a_read_only_connection_cannot_write(tmp_path):
    open_db(tmp_path / "r.sqlite").execute("CREATE TABLE t (n)")
    ro = open_db(tmp_path / "r.sqlite", readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ro.execute("INSERT INTO t VALUES (1)")


def test_a_second_process_creating_the_same_file_waits_for_the_first(tmp_path):
    # Another connection holds the write lock on a file still in rollback mode
    # (a second agent process creating the same journal a moment earlier):
    # SQLite refuses the switch to WAL at once, busy timeout or not. The
    # opener waits for it as for any other lock.
    path = tmp_path / "new.sqlite"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.3, lambda: first.execute("COMMIT"))
    released.start()
    t0 = time.monotonic()
    db = open_db(path)
    assert time.monotonic() - t0 >= 0.25  # it waited for the lock, then switched
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    released.join()
    first.close()
