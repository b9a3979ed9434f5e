"""Verifying the journal's hash chain, for ``Journal`` (``agent.journal.store``):
the walk from the anchor that finds an edit, a gap or a truncation made
behind the triggers' back, and the check of the entries retention kept for
review below the anchor. Read only."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

from agent.journal.types import ENTRY_COLS, Anchor, VerifyResult, chain_hash

# What verify reads of each entry: the row, and whether its payload is JSON
# naming the row's id and seq (SQLite's JSON functions, in C: decoding every
# payload in Python was most of `agent status`'s time on a large journal).
_VERIFY_COLS = (f"{ENTRY_COLS}, json_valid(payload), "
                "CASE WHEN json_valid(payload) THEN json_extract(payload, '$.id') END, "
                "CASE WHEN json_valid(payload) THEN json_extract(payload, '$.seq') END")


def _entry_problem(row: tuple, prev: str) -> str:
    """What is wrong with the entry of a ``_VERIFY_COLS`` row following a
    chain whose last hash is ``prev`` ("" when nothing)."""
    seq, txn_id, _kind, payload, _wall, _synced, _boot, _mono, prev_hash, h = row[:10]
    valid, body_id, body_seq = row[10:13]
    if prev_hash != prev:
        return "prev_hash does not link"
    if chain_hash(prev, payload, seq, txn_id) != h:
        return "hash does not match content"
    if not valid:
        return "payload is not JSON"
    if body_id != txn_id or body_seq != seq:
        return "payload id/seq do not match row"
    return ""


class JournalVerify:
    """``verify`` for ``Journal`` (see the module docstring)."""

    # Set by Journal.__init__.
    _lock: threading.RLock
    _db: sqlite3.Connection

    def verify(self, newest: int | None = None) -> VerifyResult:
        """Walk the whole chain from the anchor (seq 1 and the genesis hash
        when nothing was dropped): contiguous seq, every hash recomputed, the
        recorded head matching the last row (truncation). Then the entries
        held for review that retention kept below the anchor (``kept``):
        each hash recomputed and equal to the one recorded when the drop
        passed over it, its neighbours then linking to it. With ``newest``,
        a bounded walk: only the newest that many entries, the first linked
        to the hash of the entry before it as the file holds it
        (``VerifyResult.walked_after`` says where the walk began)."""
        try:
            anchor = self.anchor()
        except sqlite3.DatabaseError as exc:
            return VerifyResult(False, 0, None, f"database error: {exc}")
        start, prev = anchor.seq, anchor.hash
        try:
            if newest is not None and self.last_seq() - anchor.seq > newest:
                start = self.last_seq() - newest
                prev = self._hash_at(start)
        except sqlite3.DatabaseError as exc:
            return VerifyResult(False, 0, start + 1, f"database error: {exc}", anchor)
        if prev is None:
            result = VerifyResult(False, 0, start, f"seq {start} is missing", anchor)
        else:
            result = self._verify_from(anchor, start, prev)
        return replace(result, walked_after=start)

    def _verify_from(self, anchor: Anchor, start: int, prev: str) -> VerifyResult:
        """``verify``'s walk, from the entry after ``start`` (whose hash is ``prev``)."""
        checked = 0
        expected_seq = start + 1
        try:
            for row in self._rows(_VERIFY_COLS, after_seq=expected_seq - 1):
                if row[0] != expected_seq:
                    return VerifyResult(False, checked, expected_seq,
                                        f"seq {expected_seq} is missing (next found: {row[0]})",
                                        anchor)
                problem = _entry_problem(row, prev)
                if problem:
                    return VerifyResult(False, checked, row[0], problem, anchor)
                prev = row[9]
                expected_seq += 1
                checked += 1
            with self._lock:
                head = self._db.execute("SELECT seq, hash FROM chain_head").fetchone()
                synced_max = self._db.execute("SELECT MAX(seq) FROM sync_state").fetchone()[0]
            kept = self._kept_rows(anchor.seq)
        except sqlite3.DatabaseError as exc:
            return VerifyResult(False, checked, expected_seq, f"database error: {exc}", anchor)
        last = expected_seq - 1
        if head and head[0] != last:
            return VerifyResult(False, checked, last + 1,
                                f"journal truncated: head says seq {head[0]}, last row is {last}",
                                anchor)
        if head and head[0] and head[1] != prev:
            return VerifyResult(False, checked, last, "head hash does not match the last row",
                                anchor)
        if synced_max and synced_max > last:
            return VerifyResult(False, checked, last + 1,
                                f"journal truncated: seq {synced_max} was synced but is missing",
                                anchor)
        gone = self._kept_gone()
        if gone is not None:
            return VerifyResult(False, checked, gone, "kept for review, but its entry is gone",
                                anchor, len(kept))
        for row in kept:
            problem = _entry_problem(row, row[8])  # its own prev_hash: its neighbours left
            recorded = row[13]
            if recorded is None:
                problem = "below the anchor, but no retention drop kept it"
            elif not problem and recorded != row[9]:
                problem = "hash differs from the one recorded when retention kept it"
            if problem:
                return VerifyResult(False, checked, row[0], f"{problem} (kept for review)",
                                    anchor, len(kept))
        return VerifyResult(True, checked, anchor=anchor, kept=len(kept))

    def _hash_at(self, seq: int) -> str | None:
        """The hash entry ``seq`` has in the file (None: not there)."""
        with self._lock:
            row = self._db.execute("SELECT hash FROM entries WHERE seq = ?", (seq,)).fetchone()
        return row[0] if row else None

    def _kept_gone(self) -> int | None:
        """The first seq ``kept`` recorded whose entry is no longer in the
        file (deleted behind the triggers), or None. No ``kept`` table (a
        file from before step 6): None."""
        with self._lock:
            rows = self._rows_if_migrated("SELECT MIN(seq) FROM kept WHERE seq NOT IN "
                                          "(SELECT seq FROM entries)")
        return rows[0][0] if rows else None

    def _kept_rows(self, anchor_seq: int) -> list[tuple]:
        """The entries below the anchor (``_VERIFY_COLS``) with the hash
        ``kept`` recorded for each (None: not recorded). A file from before
        step 6 has no ``kept`` table, and no entry below its anchor."""
        with self._lock:
            rows = self._rows_if_migrated(
                f"SELECT {_VERIFY_COLS}, (SELECT hash FROM kept k WHERE k.seq = "
                "entries.seq) FROM entries WHERE seq <= ? ORDER BY seq", (anchor_seq,))
            if rows is None:
                return [(*r, None) for r in self._db.execute(
                    f"SELECT {_VERIFY_COLS} FROM entries WHERE seq <= ?", (anchor_seq,))]
            return rows
