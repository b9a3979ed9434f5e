"""The office's checks of receipts held for review, for ``Journal``
(``agent.journal.store``): what a person found comparing a flagged sale with
its paper receipt. Kept in their own append-only table (``receipt_reviews``,
one decision per sale, the first one stands); a check is no sale and is never
sent to the hub."""

from __future__ import annotations

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

    def record_review(self, seq: int, txn_id: str, outcome: str, by: str) -> bool:
        """Record what a person found when checking sale ``seq`` against its
        paper receipt (``outcome`` "as_read" or "differs"), durably, once per
        sale. True when this call recorded it, False when the sale was
        already checked (the first decision stands)."""
        now = self.clock.wall()
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO receipt_reviews (seq, txn_id, outcome, by, wall_time, "
                "clock_synced) VALUES (?, ?, ?, ?, ?, ?)",
                (seq, txn_id, outcome, by, rfc3339(now), int(self.clock.synced())))
        return cur.rowcount == 1

    def reviews(self, after_seq: int = 0) -> dict[int, dict[str, Any]]:
        """The checks recorded for sales after ``after_seq``, by seq."""
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, txn_id, outcome, by, wall_time, clock_synced "
                "FROM receipt_reviews WHERE seq > ? ORDER BY seq", (after_seq,)).fetchall()
        return {r[0]: {"seq": r[0], "txn_id": r[1], "outcome": r[2], "by": r[3],
                       "wall_time": r[4], "clock_synced": bool(r[5])} for r in rows}
