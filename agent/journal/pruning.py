"""Retention's half of the journal: what a drop would remove, the drop
itself (one transaction that moves the anchor), giving the freed pages back,
and the file's size. ``JournalRetention`` is a base of ``agent.journal.store.Journal``
(it uses the journal's connection and lock); ``agent.journal.retention`` decides when
to drop and with what cutoff."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from agent.clock import rfc3339
from agent.journal.types import JournalError
from sync.contract import REVIEW_FLAGS
from sync.sqlite_db import atomic

_REVIEW_FLAGS_SQL = ", ".join(f"'{f}'" for f in REVIEW_FLAGS)


@dataclass(frozen=True, slots=True)
class DropPlan:
    """What a retention drop with ``cutoff`` would remove: every entry up to
    ``through_seq`` (``count`` of them; 0: none). ``blocked_by`` is the first
    entry older than the cutoff that must stay, with its sync state
    (``(seq, "pending")``), or None when the prefix ends at a young entry."""

    cutoff: str
    through_seq: int
    count: int
    blocked_by: tuple[int, str] | None = None


class JournalRetention:
    """Retention and size for ``Journal`` (see the module docstring)."""

    # Set by Journal.__init__.
    path: Path
    readonly: bool
    _lock: threading.RLock
    _db: sqlite3.Connection

    def size_bytes(self) -> int:
        """The journal's size on disk: the file and its write-ahead log."""
        total = 0
        for p in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                total += p.stat().st_size
            except OSError:
                pass
        return total

    def drop_plan(self, cutoff: str) -> DropPlan:
        """The longest prefix of entries that are all acknowledged by the hub
        (accepted or duplicate) and journaled before ``cutoff`` (RFC 3339
        UTC, compared as text like every wall_time). Read only."""
        with self._lock:
            start = self.anchor().seq
            # A sale held for review (the hub said accepted, but a person
            # has still to look at it) stays like a pending one.
            stop = self._db.execute(
                "SELECT e.seq, e.wall_time < ?, CASE WHEN s.status IS NULL THEN 'pending' "
                "WHEN s.status NOT IN ('accepted', 'duplicate') THEN s.status "
                "ELSE 'held for review' END FROM entries e "
                "LEFT JOIN sync_state s ON s.seq = e.seq WHERE e.wall_time >= ? "
                "OR s.status IS NULL OR s.status NOT IN ('accepted', 'duplicate') "
                f"OR EXISTS (SELECT 1 FROM json_each(e.payload, '$.flags') "
                f"WHERE value IN ({_REVIEW_FLAGS_SQL})) "
                "ORDER BY e.seq LIMIT 1", (cutoff, cutoff)).fetchone()
            through = stop[0] - 1 if stop else self.last_seq()
        blocked = (stop[0], stop[2]) if stop and stop[1] else None
        return DropPlan(cutoff, through, through - start, blocked)

    def drop_through(self, plan: DropPlan, now: float) -> int:
        """Drop what ``plan`` names, in ONE transaction: the anchor moves to
        the last entry dropped (its seq and hash), then its captures, sync
        attempts, the entries, their sync results, and the acknowledgements
        and name choices older than the cutoff are deleted; commit. A crash at any point
        leaves all of it or none. The database's triggers refuse the delete
        of anything unacknowledged or above the anchor. Returns how many
        entries were dropped (0 if another drop already took them)."""
        if self.readonly:
            raise JournalError(f"{self.path}: opened read-only")
        with self._lock, atomic(self._db) as db:
            start = self.anchor().seq
            if plan.through_seq <= start:
                return 0
            row = db.execute("SELECT hash FROM entries WHERE seq = ?",
                             (plan.through_seq,)).fetchone()
            if row is None:
                raise JournalError(f"{self.path}: seq {plan.through_seq} is not in the "
                                   "journal; nothing dropped")
            n = plan.through_seq - start
            # Sync results go after their entries (the entries' delete
            # trigger reads them), so the foreign keys are checked at commit.
            db.execute("PRAGMA defer_foreign_keys = ON")
            db.execute("UPDATE anchor SET seq = ?, hash = ?, dropped_at = ?, dropped = ?, "
                       "cutoff = ?", (plan.through_seq, row[0], rfc3339(now), n,
                                      plan.cutoff))
            for table in ("captures", "sync_attempts", "entries", "sync_state"):
                db.execute(f"DELETE FROM {table} WHERE seq <= ?", (plan.through_seq,))
            for table in ("acknowledgements", "name_choices"):
                db.execute(f"DELETE FROM {table} WHERE wall_time < ?", (plan.cutoff,))
        return n

    def reclaim(self) -> None:
        """Give the pages a drop freed back to the file system. The first time
        the file is switched to incremental auto-vacuum (one full VACUUM,
        which needs free space about the file's size); from then on an
        incremental vacuum only moves the free pages. Then the write-ahead
        log is truncated."""
        if self.readonly:
            raise JournalError(f"{self.path}: opened read-only")
        with self._lock:
            db = self._db
            if db.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:
                db.execute("PRAGMA auto_vacuum = INCREMENTAL")
                db.execute("VACUUM")
            else:
                db.execute("PRAGMA incremental_vacuum")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
