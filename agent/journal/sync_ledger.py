"""What the journal knows of sync, for ``Journal`` (``agent.journal.store``):
the transactions still to push, the hub's final answer for each and every
attempt (``sync.journal_port.SyncJournal``), and the summaries status,
doctor and reports read from them. Sync progress lives in its own tables
(``sync_state``, ``sync_attempts``): journal rows are never touched to say a
transaction was sent."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agent.clock import rfc3339
from agent.journal.types import Entry, JournalError, Refusals
from sync.journal_port import PendingTransaction, PushOutcome
from sync.sqlite_db import atomic

# Meta: how many refusals there were when a technician last acknowledged them
# (``ack_rejected``). A count, not a seq: the hub may refuse an older seq after
# a newer one (a sale it left unanswered goes again in a later drain), and a
# refusal is never updated or dropped, so the count only grows.
META_REJECTED_SEEN = "sync.rejected_seen_count"


class JournalSyncLedger:
    """Sync progress and its summaries for ``Journal`` (see the module
    docstring)."""

    # Set by Journal.__init__.
    path: Path
    readonly: bool
    _lock: threading.RLock
    _db: sqlite3.Connection
    _synced_floor: int

    def _first_pending(self) -> int:
        """The lowest seq without a sync result (last seq + 1 when every
        entry has one). Call with the lock held. It starts from
        ``_synced_floor``, below which every entry is known to have a result
        (results are only ever added, entries only appended), so the daemon's
        frequent questions cost the unsynced tail, not the whole journal."""
        # One statement, so one snapshot: the first unsynced entry, or else the
        # seq after the last one. Asked in two, an entry the till appends in
        # between would be counted as synced and never pushed.
        first = self._db.execute(
            "SELECT COALESCE((SELECT e.seq FROM entries e WHERE e.seq > ? AND NOT EXISTS "
            "(SELECT 1 FROM sync_state s WHERE s.seq = e.seq) ORDER BY e.seq LIMIT 1), "
            "(SELECT MAX(seq) FROM entries) + 1)", (self._synced_floor,)).fetchone()[0]
        if first is None:  # no entry at all: the next counts on from the anchor
            first = self.anchor().seq + 1
        self._synced_floor = first - 1
        return first

    def pending(self, after_seq: int, limit: int) -> list[PendingTransaction]:
        with self._lock:
            start = max(after_seq, self._first_pending() - 1)
            rows = self._db.execute(
                "SELECT e.seq, e.id, e.payload FROM entries e "
                "WHERE e.seq > ? AND NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.seq = e.seq) "
                "ORDER BY e.seq LIMIT ?",
                (start, limit),
            ).fetchall()
        return [PendingTransaction(r[0], r[1], r[2]) for r in rows]

    def pending_count(self) -> int:
        with self._lock:
            first = self._first_pending()
            return self._db.execute(
                "SELECT COUNT(*) FROM entries e WHERE e.seq >= ? AND NOT EXISTS "
                "(SELECT 1 FROM sync_state s WHERE s.seq = e.seq)", (first,)).fetchone()[0]

    def record_outcomes(self, outcomes: Sequence[PushOutcome], now: float) -> None:
        if not outcomes:
            return
        at = rfc3339(now)
        with self._lock, atomic(self._db) as db:
            for o in outcomes:
                # The hub's answer for a seq is final: never overwrite it.
                db.execute(
                    "INSERT OR IGNORE INTO sync_state (seq, id, status, reason, at) "
                    "SELECT seq, id, ?, ?, ? FROM entries WHERE seq = ? AND id = ?",
                    (o.status, o.reason, at, o.seq, o.id),
                )

    def record_attempt(self, seqs: Sequence[int], now: float, error: str = "") -> None:
        if not seqs:
            return
        at = rfc3339(now)
        with self._lock, atomic(self._db) as db:
            db.executemany(
                "INSERT INTO sync_attempts (seq, attempts, first_at, last_at, last_error) "
                "VALUES (?, 1, ?, ?, ?) ON CONFLICT(seq) DO UPDATE SET "
                "attempts = attempts + 1, last_at = excluded.last_at, "
                "last_error = excluded.last_error",
                [(s, at, at, error) for s in seqs],
            )

    # --- summaries for status / doctor / reports ---------------------------

    def sync_status_counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT status, COUNT(*) FROM sync_state GROUP BY status").fetchall()
        return {r[0]: r[1] for r in rows}

    def sync_status_map(self) -> dict[int, str]:
        """seq -> hub status for every synced transaction (absent: pending)."""
        with self._lock:
            return dict(self._db.execute("SELECT seq, status FROM sync_state").fetchall())

    def rejected(self, limit: int = 50) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT s.seq, s.id, s.reason, s.at FROM sync_state s "
                "WHERE s.status = 'rejected' ORDER BY s.seq LIMIT ?", (limit,)).fetchall()
        return [{"seq": r[0], "id": r[1], "reason": r[2], "at": r[3]} for r in rows]

    def refusals(self) -> Refusals:
        """How many sales the hub refused, how many since the last
        acknowledgement, and the latest (the highest seq refused, with when
        its refusal was recorded)."""
        with self._lock:
            seen = int(self.get_meta(META_REJECTED_SEEN) or 0)
            total, last_seq = self._db.execute(
                "SELECT COUNT(*), MAX(seq) FROM sync_state WHERE status = 'rejected'").fetchone()
            last_at = self._db.execute("SELECT at FROM sync_state WHERE seq = ?",
                                       (last_seq,)).fetchone() if last_seq else None
        return Refusals(total, max(0, total - seen), last_seq, last_at[0] if last_at else None,
                        min(seen, total))

    def ack_rejected(self) -> Refusals:
        """A person has looked at every refusal there is now: the
        ``sales_rejected`` alarm clears until the hub refuses another sale.
        The refusals themselves stay (they are final). Returns them as now."""
        if self.readonly:
            raise JournalError(f"{self.path}: opened read-only")
        with self._lock:
            self.set_meta(META_REJECTED_SEEN, str(self.refusals().total))
            return self.refusals()

    def oldest_pending(self) -> Entry | None:
        with self._lock:
            first = self._first_pending()
        return self.get_seq(first)

    def attempts(self, seq: int) -> tuple[int, str]:
        with self._lock:
            row = self._db.execute(
                "SELECT attempts, last_error FROM sync_attempts WHERE seq = ?", (seq,)).fetchone()
        return (row[0], row[1] or "") if row else (0, "")
