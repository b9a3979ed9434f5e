"""The office's checks of receipts held for review, for ``Journal``
(``agent.journal.store``): what a person found comparing a flagged sale with
its paper receipt. Kept in their own append-only table (``receipt_reviews``,
one decision per sale, the first one stands); a check is no sale and is never
sent to the hub. When the paper was different, the row also keeps what the
office entered and the adjustment it was told to make at the payment provider
(``correction``, JSON; step 9)."""

from __future__ import annotations

import json
import sqlite3
import threading
from typing import Any

from agent.clock import Clock, rfc3339


class JournalReviews:
    """Receipt reviews for ``Journal`` (see the module docstring)."""

    # Set by Journal.__init__.
    clock: Clock
    _lock: threading.RLock
    _db: sqlite3.Connection

    def record_review(self, seq: int, txn_id: str, outcome: str, by: str,
                      correction: dict[str, Any] | None = None) -> bool:
        """Record what a person found when checking sale ``seq`` against its
        paper receipt (``outcome`` "as_read" or "differs"; ``correction``: what
        they entered and the adjustment shown), durably, once per sale, in
        one statement. True when this call recorded it, False when the sale
        was already checked (the first decision stands)."""
        now = self.clock.wall()
        detail = json.dumps(correction, ensure_ascii=False, sort_keys=True) if correction else ""
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO receipt_reviews (seq, txn_id, outcome, by, wall_time, "
                "clock_synced, correction) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (seq, txn_id, outcome, by, rfc3339(now), int(self.clock.synced()), detail))
        return cur.rowcount == 1

    def reviews(self, after_seq: int = 0) -> dict[int, dict[str, Any]]:
        """The checks recorded for sales after ``after_seq``, by seq."""
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, txn_id, outcome, by, wall_time, clock_synced, correction "
                "FROM receipt_reviews WHERE seq > ? ORDER BY seq", (after_seq,)).fetchall()
        return {r[0]: {"seq": r[0], "txn_id": r[1], "outcome": r[2], "by": r[3],
                       "wall_time": r[4], "clock_synced": bool(r[5]),
                       "correction": json.loads(r[6]) if r[6] else None} for r in rows}

    def sync_result(self, seq: int) -> tuple[str, str]:
        """The hub's answer for entry ``seq``: ("accepted" | "duplicate" |
        "rejected", reason), or ("pending", "") while it waits in the queue."""
        with self._lock:
            row = self._db.execute("SELECT status, reason FROM sync_state WHERE seq = ?",
                                   (seq,)).fetchone()
        return (row[0], row[1] or "") if row else ("pending", "")
