"""What staff did at the operator display, for ``Journal``
(``agent.journal.store``): allergen banners acknowledged and pupils chosen
by name, each kept durably once per id in its own table
(``acknowledgements``, ``name_choices``). Neither is a sale: nothing here
is hashed into the chain or sent to the hub."""

from __future__ import annotations

import json
import sqlite3
import threading
from typing import Any

from agent.clock import Clock, rfc3339
from agent.journal.types import canonical_json


class JournalStaffActions:
    """Acknowledgements and name choices for ``Journal`` (see the module
    docstring)."""

    # Set by Journal.__init__.
    clock: Clock
    _lock: threading.RLock
    _db: sqlite3.Connection

    def acknowledge(self, ack_id: str, kind: str, pupil_id: str, detail: dict[str, Any],
                    by: str) -> bool:
        """Record that staff acknowledged something (``kind`` "allergen") for
        a pupil, durably, once per ``ack_id``. True when this call recorded
        it, False when it was already recorded."""
        now = self.clock.wall()
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO acknowledgements (ack_id, kind, pupil_id, detail, by, "
                "wall_time, clock_synced) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ack_id, kind, pupil_id, canonical_json(detail), by, rfc3339(now),
                 int(self.clock.synced())))
        return cur.rowcount == 1

    def acknowledgements(self) -> list[dict[str, Any]]:
        """Every acknowledgement, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT ack_id, kind, pupil_id, detail, by, wall_time, clock_synced "
                "FROM acknowledgements ORDER BY n").fetchall()
        return [{"ack_id": r[0], "kind": r[1], "pupil_id": r[2], "detail": json.loads(r[3]),
                 "by": r[4], "wall_time": r[5], "clock_synced": bool(r[6])} for r in rows]

    def record_name_choice(self, choice_id: str, pupil_id: str, by: str) -> bool:
        """Record that ``by`` chose ``pupil_id`` by name on the display (the
        identification of the next sale), durably, once per ``choice_id``."""
        now = self.clock.wall()
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO name_choices (choice_id, pupil_id, by, wall_time, "
                "clock_synced) VALUES (?, ?, ?, ?, ?)",
                (choice_id, pupil_id, by, rfc3339(now), int(self.clock.synced())))
        return cur.rowcount == 1

    def name_choices(self) -> list[dict[str, Any]]:
        """Every name-search choice, oldest first."""
        with self._lock:
            rows = self._db.execute("SELECT choice_id, pupil_id, by, wall_time, clock_synced "
                                    "FROM name_choices ORDER BY n").fetchall()
        return [{"choice_id": r[0], "pupil_id": r[1], "by": r[2], "wall_time": r[3],
                 "clock_synced": bool(r[4])} for r in rows]
