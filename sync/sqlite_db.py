"""One way to open a store's SQLite file and one write transaction.

The journal (``agent.journal.store``) and the roster cache (``sync.roster_store``)
open their files here, each stating its own durability: the journal commits
with ``synchronous=FULL`` (a returned append is on disk), the roster cache
with ``NORMAL`` (a cache: a power cut costs one pull). Both run in WAL with
autocommit connections, so every write transaction is an explicit
``atomic()`` block.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import tenacity

BUSY_TIMEOUT_MS = 10_000


class NotWal(Exception):
    """The file could not be switched to write-ahead logging."""


def create_private(path: Path | str) -> None:
    """Create the database file ``path`` readable by its owner only (0600),
    if it is not there yet. An existing file is never opened here: closing
    any descriptor of a file drops every POSIX lock this process holds on it,
    SQLite's included, and another process's connection closing after that
    takes itself for the last one, checkpoints and deletes the write-ahead
    log under this process's connections (their later commits are lost)."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def open_db(path: Path | str, *, readonly: bool = False, synchronous: str = "FULL",
            foreign_keys: bool = False, recursive_triggers: bool = False,
            wal_autocheckpoint: int | None = None) -> sqlite3.Connection:
    """An autocommit connection to ``path`` (shared across threads by the
    caller's own lock) with the pragmas every store needs: busy timeout, WAL
    (not switched when ``readonly``), ``synchronous``, and ``secure_delete``
    (freed pages are zeroed: README, Security). Raises ``NotWal`` when WAL
    cannot be set; the connection is closed on any error."""
    if readonly:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                             timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            mode = _switch_to_wal(db)
            if mode.lower() != "wal":
                raise NotWal(f"{path}: could not switch to WAL (got {mode})")
        db.execute(f"PRAGMA synchronous = {_SYNCHRONOUS[synchronous]}")
        if wal_autocheckpoint is not None and not readonly:
            db.execute(f"PRAGMA wal_autocheckpoint = {int(wal_autocheckpoint)}")
        if foreign_keys:
            db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")
        if recursive_triggers:
            # REPLACE deletes the conflicting row first; with recursive triggers
            # on, that delete fires a no-delete trigger, so REPLACE cannot overwrite.
            db.execute("PRAGMA recursive_triggers = ON")
    except BaseException:
        db.close()
        raise
    return db


def _locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


# SQLite answers "database is locked" at once, without its busy handler, when a
# journal-mode change meets another connection's write lock on a file still in
# rollback mode (the upgrade could deadlock): two processes creating the same
# journal at once. Waited for here as long as any other statement would wait.
@tenacity.retry(retry=tenacity.retry_if_exception(_locked), reraise=True,
                stop=tenacity.stop_after_delay(BUSY_TIMEOUT_MS / 1000),
                wait=tenacity.wait_random(0.005, 0.05))
def _switch_to_wal(db: sqlite3.Connection) -> str:
    return db.execute("PRAGMA journal_mode = WAL").fetchone()[0]


# Only these words reach the PRAGMA (it takes no bound parameter).
_SYNCHRONOUS = {"OFF": "OFF", "NORMAL": "NORMAL", "FULL": "FULL", "EXTRA": "EXTRA"}


@contextlib.contextmanager
def atomic(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: ``BEGIN IMMEDIATE`` (the write lock taken at
    the start, so no reader-turned-writer deadlock), ``COMMIT`` when the
    block ends, ``ROLLBACK`` on any exception, which is re-raised. A block
    that rolls back itself (nothing to do) simply returns."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        if db.in_transaction:
            db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
