"""The append-only journal: the moment a sale exists.

One SQLite file (``journal.sqlite``) in the state directory, WAL with
``synchronous=FULL``: when ``append`` returns, the sale is on disk. The
``entries`` table cannot be changed after commit (triggers reject UPDATE and
DELETE, and with ``recursive_triggers`` on, ``INSERT OR REPLACE`` cannot
delete its way past them), and each row carries a hash chain
``sha256(prev_hash + payload + seq + id)`` so an edit or a truncation made
behind the triggers' back is found by ``verify`` (``agent.journal.verify``).

Retention (``agent.journal.retention``) is the one exception to append-only: the
oldest entries the hub has acknowledged leave the file, and the ``anchor``
row keeps the seq and hash of the last one dropped, so the chain that
remains verifies from it. The journal stays one SQLite file rather than
sealed segment files: SQLite already gives the drop what segments would have
to build (one atomic transaction across the anchor, the entries and their
captures and sync rows; a crash leaves all of it or none), the triggers can
enforce in the database itself that nothing unacknowledged or above the
anchor is ever deleted, and every reader (sync, status, export, doctor) keeps
one connection and one set of queries. Freed pages are zeroed
(``secure_delete``) and handed back to the file system by an incremental
vacuum.

Raw receipt bytes live beside their entry (``captures``), so a parser bug
never loses a sale. Sync progress lives in its own tables
(``agent.journal.sync_ledger``): journal rows are never touched to say a
transaction was sent.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from agent.clock import Clock, rfc3339
from agent.journal.pruning import JournalRetention
from agent.journal.reviews import JournalReviews
from agent.journal.schema import JOURNAL_MIGRATIONS
from agent.journal.staff_actions import JournalStaffActions
from agent.journal.sync_ledger import JournalSyncLedger
from agent.journal.types import (
    ENTRY_COLS,
    Anchor,
    Capture,
    Entry,
    JournalError,
    canonical_json,
    chain_hash,
)
from agent.journal.verify import JournalVerify
from sync.contract import Transaction
from sync.migrations import SchemaTooNew
from sync.sqlite_db import NotWal, create_private, open_db

JOURNAL_FILE = "journal.sqlite"
GENESIS_HASH = "0" * 64
KINDS = ("sale", "refund", "void", "manual")


def _row_to_entry(row: sqlite3.Row | tuple) -> Entry:
    seq, id_, kind, payload, wall, synced, boot, mono, prev, h = row
    return Entry(seq, id_, kind, payload, wall, bool(synced), boot, mono, prev, h)


def _row_to_capture(row: sqlite3.Row | tuple) -> Capture:
    """A captures row (seq, source, data, text) as handed out."""
    return Capture(row[0], row[1], bytes(row[2]), json.loads(row[3] or "[]"))


_INSERT_ENTRY = (f"INSERT INTO entries_with_capture ({ENTRY_COLS}, capture_source, capture_data, "
                 "capture_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")


class Journal(JournalVerify, JournalSyncLedger, JournalRetention, JournalReviews,
              JournalStaffActions):
    """The journal of one till. Thread-safe; several processes may open the
    same file (SQLite serialises writers; ``busy_timeout`` waits for them)."""

    def __init__(self, path: Path | str, clock: Clock | None = None, *, readonly: bool = False,
                 checkpoint_pages: int | None = None):
        """``checkpoint_pages``: the WAL size (pages) at which a commit on this
        connection copies the WAL back into the database (SQLite's default:
        1000). The runtime raises it and checkpoints from its own thread
        (``agent.journal.checkpointer``) so no sale waits for a checkpoint."""
        self.path = Path(path)
        self.clock = clock or Clock()
        self.readonly = readonly
        self.checkpoint_pages = checkpoint_pages
        self._lock = threading.RLock()
        # (seq, hash) of the last entry as this connection last saw it; the
        # next-seq trigger refuses an append built on a stale head.
        self._head: tuple[int, str] | None = None
        # Every entry up to this seq has a sync result (see
        # agent.journal.sync_ledger._first_pending).
        self._synced_floor = 0
        if readonly and not self.path.exists():
            raise JournalError(f"{self.path}: no journal here yet (nothing has been journaled).")
        try:
            if not readonly:
                self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                create_private(self.path)
            # synchronous=FULL: when append returns, the sale is on disk.
            self._db = open_db(self.path, readonly=readonly, synchronous="FULL",
                               foreign_keys=True, recursive_triggers=True,
                               wal_autocheckpoint=checkpoint_pages)
            if not readonly:
                self._migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            raise JournalError(
                f"{self.path}: cannot open the journal ({exc}). The file may be damaged: "
                "stop the agent, keep a copy of the file, and run `agent journal verify` "
                "and `agent doctor`; do not delete it (it holds unsent sales)."
            ) from None
        except NotWal as exc:
            raise JournalError(str(exc)) from None
        except PermissionError as exc:
            raise JournalError(
                f"{self.path}: permission denied ({exc.strerror}). The state directory must be "
                "writable by the agent's user."
            ) from None

    @classmethod
    def in_state_dir(cls, state_dir: Path | str, clock: Clock | None = None,
                     readonly: bool = False, checkpoint_pages: int | None = None) -> Journal:
        return cls(Path(state_dir) / JOURNAL_FILE, clock, readonly=readonly,
                   checkpoint_pages=checkpoint_pages)

    # --- set-up ------------------------------------------------------------

    def _check_version(self) -> None:
        try:
            JOURNAL_MIGRATIONS.check(self._db)
        except SchemaTooNew as exc:
            raise JournalError(f"{self.path}: {exc}; install the newer agent again.") from None

    def _migrate(self) -> None:
        with self._lock:
            try:
                JOURNAL_MIGRATIONS.migrate(self._db)
            except SchemaTooNew as exc:
                raise JournalError(f"{self.path}: {exc}; install the newer agent again.") \
                    from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def checkpoint(self) -> int:
        """Copy committed WAL pages back into the database without waiting for
        readers or blocking writers (SQLite's PASSIVE checkpoint). Returns the
        number of WAL pages still not copied (a reader may hold some)."""
        if self.readonly:
            raise JournalError(f"{self.path}: opened read-only")
        with self._lock:
            _busy, wal_pages, copied = self._db.execute(
                "PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return max(0, wal_pages - copied)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -----------------------------------------------------------

    def append(self, txn_id: str, kind: str, transaction: Transaction | dict[str, Any], *,
               capture: Capture | None = None) -> tuple[Entry, bool]:
        """Journal one transaction in one durable commit.

        ``transaction`` is the contract's Transaction without ``seq`` (the
        journal assigns it): a ``sync.contract.Transaction``, or its JSON.
        Returns ``(entry, created)``: an id that is already journaled returns
        the existing entry and ``created=False``; it never makes a second row.
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        if self.readonly:
            raise JournalError(f"{self.path}: opened read-only")
        clk = self.clock
        wall = rfc3339(clk.wall())
        synced = clk.synced()
        boot = clk.boot_id()
        mono = clk.monotonic_ns()
        with self._lock:
            for _attempt in range(3):
                if self._head is None:
                    last = self._db.execute(
                        "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
                    a = self.anchor()
                    # Empty, or every entry above the anchor dropped by
                    # retention (only entries held for review, below it, left).
                    if last is None or last[0] < a.seq:
                        last = (a.seq, a.hash)
                    self._head = (last[0], last[1])
                seq, prev = self._head[0] + 1, self._head[1]
                body = (transaction.to_json() if isinstance(transaction, Transaction)
                        else dict(transaction))
                body["id"] = txn_id
                body["kind"] = kind
                body["seq"] = seq
                payload = canonical_json(body)
                h = chain_hash(prev, payload, seq, txn_id)
                try:
                    self._insert(seq, txn_id, kind, payload, wall, synced, boot, mono, prev, h,
                                 capture)
                except sqlite3.IntegrityError as exc:
                    # Another process appended since we cached the head (the
                    # next-seq trigger refused our seq), or the id exists.
                    self._head = None
                    existing = self.get(txn_id)
                    if existing is not None:
                        return existing, False
                    if "next number" not in str(exc):
                        raise
                    continue
                self._head = (seq, h)
                break
            else:
                raise JournalError(f"{self.path}: could not append after 3 attempts "
                                   "(another writer keeps appending?)")
        return Entry(seq, txn_id, kind, payload, wall, synced, boot, mono, prev, h), True

    def _insert(self, seq: int, txn_id: str, kind: str, payload: str, wall: str, synced: bool,
                boot: str, mono: int, prev: str, h: str, capture: Capture | None) -> None:
        # One statement, so one implicit transaction: the entry and its
        # capture commit together or not at all. The statement takes the
        # write lock as it starts (like BEGIN IMMEDIATE), and releases the GIL
        # once, for the commit's own disk wait, where other threads cost the
        # sale nothing.
        cap = ((capture.source, capture.data, json.dumps(capture.text)) if capture is not None
               else (None, None, None))
        self._db.execute(_INSERT_ENTRY,
                         (seq, txn_id, kind, payload, wall, int(synced), boot, mono, prev, h, *cap))

    # --- reading -----------------------------------------------------------

    def get(self, txn_id: str) -> Entry | None:
        with self._lock:
            row = self._db.execute(f"SELECT {ENTRY_COLS} FROM entries WHERE id = ?",
                                   (txn_id,)).fetchone()
        return _row_to_entry(row) if row else None

    def get_seq(self, seq: int) -> Entry | None:
        with self._lock:
            row = self._db.execute(f"SELECT {ENTRY_COLS} FROM entries WHERE seq = ?",
                                   (seq,)).fetchone()
        return _row_to_entry(row) if row else None

    def capture(self, seq: int) -> Capture | None:
        with self._lock:
            row = self._db.execute("SELECT seq, source, data, text FROM captures WHERE seq = ?",
                                   (seq,)).fetchone()
        return _row_to_capture(row) if row else None

    def seqs_with_text(self, after_seq: int = 0) -> set[int]:
        """The seqs after ``after_seq`` whose capture kept some text (not
        ``[]``): one query, so a draw among many captures kept without text
        (a journal from before text was kept) need not read each."""
        with self._lock:
            rows = self._db.execute("SELECT seq FROM captures WHERE seq > ? AND text IS NOT "
                                    "NULL AND text NOT IN ('', '[]')", (after_seq,)).fetchall()
        return {r[0] for r in rows}

    def last_seq(self) -> int:
        """The last seq ever journaled (the anchor's when retention dropped
        every entry after it; entries held for review stay below it)."""
        with self._lock:
            row = self._db.execute("SELECT MAX(seq) FROM entries").fetchone()
            anchor = self.anchor().seq
        return max(row[0] or 0, anchor)

    def count(self) -> int:
        """Entries in the file now (counted, not inferred from the seqs)."""
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def kept_count(self) -> int:
        """Entries held for review that retention kept below the anchor."""
        anchor = self.anchor().seq
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM entries WHERE seq <= ?",
                                    (anchor,)).fetchone()[0]

    def anchor(self) -> Anchor:
        """Where the chain starts now (``Anchor()`` on a file from before
        retention, as a read-only opener of an unmigrated file sees it)."""
        with self._lock:
            rows = self._rows_if_migrated(
                "SELECT seq, hash, dropped_at, dropped, cutoff FROM anchor")
        return Anchor(*rows[0]) if rows else Anchor()

    def oldest_entry(self, after_seq: int = 0) -> Entry | None:
        """The first entry still in the file (after ``after_seq``: the
        anchor's, for the first a drop could take)."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {ENTRY_COLS} FROM entries WHERE seq > ? ORDER BY seq LIMIT 1",
                (after_seq,)).fetchone()
        return _row_to_entry(row) if row else None

    def entries(self, after_seq: int = 0, batch: int = 500) -> Iterator[Entry]:
        """All entries in seq order, streamed in batches (never loaded whole)."""
        for row in self._rows(ENTRY_COLS, after_seq, batch):
            yield _row_to_entry(row)

    def recent_with_captures(self, kinds: Sequence[str], within: int,
                             limit: int) -> list[tuple[Entry, Capture | None]]:
        """The latest ``limit`` entries of ``kinds`` among the last ``within``
        seqs, oldest first, each with its captured bytes: one query."""
        marks = ", ".join("?" * len(kinds))
        with self._lock:
            rows = self._db.execute(
                f"SELECT {ENTRY_COLS}, capture_source, capture_data, capture_text "
                f"FROM entries_with_capture WHERE seq > ? AND kind IN ({marks}) "
                "ORDER BY seq DESC LIMIT ?",
                (self.last_seq() - within, *kinds, limit)).fetchall()
        return [(_row_to_entry(r[:10]),
                 _row_to_capture((r[0], *r[10:13])) if r[11] is not None else None)
                for r in reversed(rows)]

    def _rows(self, cols: str, after_seq: int = 0, batch: int = 500) -> Iterator[tuple]:
        """``cols`` (seq first) of the entries after ``after_seq``, in batches."""
        cursor = after_seq
        while True:
            with self._lock:
                rows = self._db.execute(
                    f"SELECT {cols} FROM entries WHERE seq > ? ORDER BY seq LIMIT ?",
                    (cursor, batch),
                ).fetchall()
            if not rows:
                return
            yield from rows
            cursor = rows[-1][0]

    def _rows_if_migrated(self, sql: str, params: tuple = ()) -> list[tuple] | None:
        """``sql``'s rows; None when a table it reads is not in the file (a
        read-only opener of a file from before that migration step). Call
        with the lock held."""
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            return None

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # --- for the support bundle ----------------------------------------------

    def pupil_ids(self) -> set[str]:
        """Every pupil id a journaled transaction names (the support bundle
        redacts them)."""
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT json_extract(payload, '$.pupil_id') "
                                    "FROM entries").fetchall()
        return {r[0] for r in rows if isinstance(r[0], str) and r[0]}

