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
from agent.journal.types import JournalError, chain_hash
from sync.contract import REVIEW_FLAGS
from sync.sqlite_db import atomic

_REVIEW_FLAGS_SQL = ", ".join(f"'{f}'" for f in REVIEW_FLAGS)


@dataclass(frozen=True, slots=True)
class DropPlan:
    """What a retention drop with ``cutoff`` would remove: the entries up to
    ``through_seq`` (``count`` of them; 0: none) except the ``kept`` ones held
    for review, which stay below the anchor. ``blocked_by`` is the first entry
    older than the cutoff that stops the drop, with its sync state
    (``(seq, "pending")``), or None when the prefix ends at a young entry."""

    cutoff: str
    through_seq: int
    count: int
    blocked_by: tuple[int, str] | None = None
    kept: int = 0


# An entry held for review: acknowledged by the hub, but a person has still
# to look at it (sync.contract.REVIEW_FLAGS; the till is never told the
# review is done). ``e`` is the entries row.
_HELD = (f"EXISTS (SELECT 1 FROM json_each(e.payload, '$.flags') "
         f"WHERE value IN ({_REVIEW_FLAGS_SQL}))")


# Whose decision a record is. An acknowledgement or a name choice belongs to
# a sale when it names one of the sale's pupils (the printed account's, or
# the one identified at the till: ``SALE_PUPILS``) within ``DECIDED_WITHIN``
# either side of the sale's journaling. Schema step 7's delete trigger holds
# the same rule as SQL of its own, and must: a migration step is frozen once
# files carry it (changing the rule means a new step that replaces the
# trigger), so it cannot be built from these names. The two are tied by
# tests/test_retention.py (the trigger's text carries these pieces, and it
# refuses the deletes the drop below leaves out).
SALE_PUPILS = ("json_extract(e.payload, '$.pupil_id')",
               "json_extract(e.payload, '$.identified_at_till.pupil_id')")
DECIDED_WITHIN = "1 hours"


def _moved(time_sql: str, sign: str) -> str:
    """``time_sql`` moved by ``DECIDED_WITHIN`` (``sign``: "-" or "+"), as
    wall_times are written (compared as text)."""
    return f"strftime('%Y-%m-%dT%H:%M:%fZ', {time_sql}, '{sign}{DECIDED_WITHIN}')"


# Acknowledgements and name choices older than the cutoff go, except the
# ones that belong to a sale held for review (kept now, or still above the
# anchor; the rule above: step 7 refuses the delete for kept sales). Run
# after the entries' delete, so the scan of held sales reads only what stays.
_DROP_WHO_DECIDED = (
    "WITH held AS MATERIALIZED ("
    f"SELECT {SALE_PUPILS[0]} AS account, {SALE_PUPILS[1]} AS at_till, "
    f"{_moved('e.wall_time', '-')} AS since, {_moved('e.wall_time', '+')} AS until "
    f"FROM entries e WHERE e.wall_time < {_moved('?', '+')} "
    f"AND {_HELD}) "
    "DELETE FROM {table} WHERE wall_time < ? AND NOT EXISTS (SELECT 1 FROM held h "
    "WHERE {table}.pupil_id IN (h.account, h.at_till) "
    "AND {table}.wall_time BETWEEN h.since AND h.until)")


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
        """The longest run of entries after the anchor that are all
        acknowledged by the hub (accepted or duplicate) and journaled before
        ``cutoff`` (RFC 3339 UTC, compared as text like every wall_time).
        The ones held for review in it are kept, not dropped: they never
        leave, and they do not hold back the sales around them. Read only."""
        with self._lock:
            start = self.anchor().seq
            stop = self._db.execute(
                "SELECT e.seq, e.wall_time < ?, COALESCE(s.status, 'pending') FROM entries e "
                "LEFT JOIN sync_state s ON s.seq = e.seq WHERE e.seq > ? AND "
                "(e.wall_time >= ? OR s.status IS NULL OR s.status NOT IN "
                "('accepted', 'duplicate')) ORDER BY e.seq LIMIT 1",
                (cutoff, start, cutoff)).fetchone()
            through = stop[0] - 1 if stop else self.last_seq()
            kept = self._db.execute(
                f"SELECT COUNT(*) FROM entries e WHERE e.seq > ? AND e.seq <= ? AND {_HELD}",
                (start, through)).fetchone()[0]
        blocked = (stop[0], stop[2]) if stop and stop[1] else None
        return DropPlan(cutoff, through, max(0, through - start - kept), blocked, kept)

    def drop_through(self, plan: DropPlan, now: float) -> int:
        """Drop what ``plan`` names, in ONE transaction: the anchor moves to
        the last entry of the run (its seq and hash); each entry in it held
        for review is checked against its neighbours in the chain and
        recorded in ``kept`` with its hash; then the captures, sync attempts,
        entries and sync results of the rest, and the acknowledgements and
        name choices older than the cutoff (but those of a sale held for
        review: ``_DROP_WHO_DECIDED``), are deleted; commit. A crash at
        any point leaves all of it or none. The database's triggers refuse
        the delete of anything unacknowledged, held or above the anchor.
        Returns how many entries were dropped (0 if another drop already
        took them)."""
        if self.readonly:
            raise JournalError(f"{self.path}: opened read-only")
        with self._lock, atomic(self._db) as db:
            anchor = self.anchor()
            start = anchor.seq
            if plan.through_seq <= start:
                return 0
            row = db.execute("SELECT hash FROM entries WHERE seq = ?",
                             (plan.through_seq,)).fetchone()
            if row is None:
                raise JournalError(f"{self.path}: seq {plan.through_seq} is not in the "
                                   "journal; nothing dropped")
            # Every entry above the anchor is there (contiguous seqs): all but
            # the kept ones go.
            n = plan.through_seq - start - self._keep_held(db, start, anchor.hash,
                                                            plan.through_seq, row[0], now)
            # Sync results go after their entries (the entries' delete
            # trigger reads them), so the foreign keys are checked at commit.
            db.execute("PRAGMA defer_foreign_keys = ON")
            db.execute("UPDATE anchor SET seq = ?, hash = ?, dropped_at = ?, dropped = ?, "
                       "cutoff = ?", (plan.through_seq, row[0], rfc3339(now), n, plan.cutoff))
            for table in ("captures", "sync_attempts", "entries", "sync_state"):
                db.execute(f"DELETE FROM {table} WHERE seq > ? AND seq <= ? AND seq NOT IN "
                           "(SELECT seq FROM kept)", (start, plan.through_seq))
            for table in ("acknowledgements", "name_choices"):
                db.execute(_DROP_WHO_DECIDED.format(table=table), (plan.cutoff, plan.cutoff))
        return n

    def _keep_held(self, db: sqlite3.Connection, start: int, start_hash: str, through: int,
                   through_hash: str, now: float) -> int:
        """Record in ``kept`` each held entry in (start, through], once it is
        shown to be the chain's: its hash is its content's and both its
        neighbours link to it; returns how many. A held entry that does not
        is damage a drop must not hide: nothing is dropped."""
        held = db.execute(f"SELECT e.seq, e.id, e.payload, e.prev_hash, e.hash FROM entries e "
                          f"WHERE e.seq > ? AND e.seq <= ? AND {_HELD} ORDER BY e.seq",
                          (start, through)).fetchall()
        for seq, txn_id, payload, prev_hash, h in held:
            before = start_hash if seq == start + 1 else _hash_of(db, seq - 1)
            after = through_hash if seq == through else _prev_hash_of(db, seq + 1)
            if chain_hash(prev_hash, payload, seq, txn_id) != h or before != prev_hash \
                    or (seq != through and after != h):
                raise JournalError(f"{self.path}: seq {seq} (held for review) does not link "
                                   "in the hash chain; nothing dropped (run `agent journal "
                                   "verify`)")
        db.executemany("INSERT INTO kept (seq, hash, kept_at, anchor_seq) VALUES (?, ?, ?, ?)",
                       [(seq, h, rfc3339(now), through) for seq, _, _, _, h in held])
        return len(held)

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


def _hash_of(db: sqlite3.Connection, seq: int) -> str | None:
    row = db.execute("SELECT hash FROM entries WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None


def _prev_hash_of(db: sqlite3.Connection, seq: int) -> str | None:
    row = db.execute("SELECT prev_hash FROM entries WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None
