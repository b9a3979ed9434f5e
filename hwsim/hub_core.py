"""The simulated hub's pure core: its state and rules (``sync/protocol.md``),
no sockets; ``hwsim/hub.py`` serves it over HTTP.

``HubCore`` is the sans-IO part: the ledger (permanent id uniqueness, same
id + same content = duplicate, different content = rejected ``conflict``),
validation of every Transaction field (``hwsim.hub_contract``), balances that move as account/FSM
sales are applied (as the agent's own ledger reckons them), a review queue
(a transaction flagged with one of ``REVIEW_FLAGS``, e.g. ``account_mismatch``, is
stored and settled but moves no balance until ``review(id, approve=True)``),
and the roster
served as a snapshot or as changes since a cursor, in pages, each walk
frozen when it begins (``hwsim.hub_roster_walks``: the cursors and pages).

``till_seq_applied`` follows the contract's words by default: the highest
seq up to which *every* seq of that till has been applied (a rejected seq
counts as settled; a seq never received holds it back, so a till that never
sends some seq sees it stop there). ``seq_applied_mode = "highest"`` reports
the highest applied seq instead. ``pause_apply()`` makes a hub whose
accounting runs behind. A ``db_path`` file keeps the ledger out of memory
and across runs (what it holds counts as applied when reopened).

The contract's optional Pupil fields: ``photos`` (by SHA-256, e.g. from
``hwsim.school.add_photos``) are served at ``/v1/photos/<sha256>`` to an
authorised till (``add_photo`` adds one, or one whose reference lies about
its hash or size); ``spend_today=True`` stamps ``spent_today_pence`` and
``spent_today_date`` on a pupil each time a charge is applied, so the figure
always goes with the balance and ``till_seq_applied`` of the same answer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hwsim.hub_contract import BadRequest, TooLarge, canonical, invalid_field, is_int
from hwsim.hub_roster_walks import RosterWalks
from hwsim.school import photo_ref

MAX_ITEMS = 500
DEFAULT_PAGE_SIZE = 100
FSM_VALUE_PENCE = 240  # what one day's free meal covers (no carry-over)

# The contract's flags that hold a transaction for a person's review.
REVIEW_FLAGS = ("review_refund_by_account", "account_mismatch", "several_accounts")


# --- the sans-IO core ------------------------------------------------------------------


class LedgerRow(dict):
    """A stored transaction, exactly the dict as received. ``row["content"]``
    (when the transaction has no field of that name) is the same dict again,
    for callers that look for the stored content under that key; equality
    with the journal's transaction dict is plain dict equality."""

    def __missing__(self, key: str) -> Any:
        if key == "content":
            return dict(self)
        raise KeyError(key)


@dataclass
class _TillState:
    settled_upto: int = 0  # till_seq_applied: every seq <= this is applied or rejected
    settled: set[int] = field(default_factory=set)  # settled seqs above settled_upto
    highest_applied: int = 0

    def settle(self, seq: int, applied: bool = False) -> None:
        if applied:
            self.highest_applied = max(self.highest_applied, seq)
        if seq <= self.settled_upto:
            return
        self.settled.add(seq)
        while self.settled_upto + 1 in self.settled:
            self.settled_upto += 1
            self.settled.discard(self.settled_upto)


class HubCore:
    """The hub's state and rules, without sockets. Thread safe (one lock)."""

    def __init__(self, roster: Iterable[dict] | None = None, db_path: str = ":memory:",
                 page_size: int = DEFAULT_PAGE_SIZE, fsm_value_pence: int = FSM_VALUE_PENCE,
                 photos: dict[str, bytes] | None = None, spend_today: bool = False):
        self.page_size = page_size
        # The optional fields (added to the contract): photos served by hash,
        # and ``spent_today_pence`` stamped on a pupil whenever a charge is
        # applied (so it is always consistent with balance_pence).
        self._photos: dict[str, bytes] = dict(photos or {})
        self.spend_today = spend_today
        self._spent: dict[tuple[str, str], int] = {}
        self.fsm_value_pence = fsm_value_pence
        self._lock = threading.RLock()
        self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        if db_path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # a simulator: no fsync per push
        self._db.executescript("""
            CREATE TABLE IF NOT EXISTS ledger (
                n INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                till_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                content TEXT NOT NULL
            );
            CREATE UNIQUE INDEX IF NOT EXISTS ledger_till_seq ON ledger(till_id, seq);
        """)
        self._pupils: dict[str, dict] = {}
        self._version: dict[str, int] = {}
        self._clock = 0
        self._tills: dict[str, _TillState] = {}
        self._fsm_used: dict[tuple[str, str], int] = {}
        self.walks = RosterWalks()
        self._unapplied: list[tuple[str, int, dict]] = []  # stored, not yet in balances
        self._review: dict[str, dict] = {}  # held for review: stored, settled, no balance moved
        self.apply_paused = False
        # "contiguous" (the contract's words: every transaction up to it is
        # applied; a seq never received holds it back, a rejected one does
        # not) or "highest" (the highest seq applied, gaps or not).
        self.seq_applied_mode = "contiguous"
        for p in roster or ():
            self._put(dict(p))
        # A reopened ledger file: what it holds was applied in an earlier run.
        for till_id, seq in self._db.execute("SELECT till_id, seq FROM ledger"):
            self._till(till_id).settle(seq, applied=True)

    # -- roster edits -----------------------------------------------------------------

    def _put(self, pupil: dict) -> None:
        pupil.setdefault("deleted", False)
        self._clock += 1
        self._pupils[pupil["id"]] = pupil
        self._version[pupil["id"]] = self._clock

    def upsert_pupil(self, pupil: dict) -> None:
        """Add or replace a pupil (a change the next pull delivers)."""
        if not isinstance(pupil.get("id"), str):
            raise ValueError("a pupil needs a string id")
        with self._lock:
            self._put({**pupil, "deleted": bool(pupil.get("deleted", False))})

    def delete_pupil(self, pupil_id: str) -> None:
        """Delete a pupil: gone from snapshots, ``deleted: true`` in changes."""
        with self._lock:
            old = self._pupils.get(pupil_id)
            if old is None:
                raise KeyError(pupil_id)
            self._put({**old, "deleted": True})

    def pupil(self, pupil_id: str) -> dict | None:
        """The hub's current record of a pupil (a copy), deleted or not."""
        with self._lock:
            p = self._pupils.get(pupil_id)
            return json.loads(json.dumps(p)) if p is not None else None

    # -- push -------------------------------------------------------------------------

    def _till(self, till_id: str) -> _TillState:
        return self._tills.setdefault(till_id, _TillState())

    def push(self, till_id: str, payload: Any) -> list[dict]:
        """Store a parsed push body; one result per transaction, in order.
        Raises BadRequest or TooLarge for the batch as a whole."""
        if not isinstance(payload, dict) or not isinstance(payload.get("transactions"), list):
            raise BadRequest("body must be an object with a 'transactions' list")
        items = payload["transactions"]
        if not items:
            # Malformed, not too large: "send smaller batches" cannot help it.
            raise BadRequest("a push carries at least one transaction")
        if len(items) > MAX_ITEMS:
            raise TooLarge(f"a push carries 1 to {MAX_ITEMS} transactions, not {len(items)}")
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                # No id to answer for: nothing of the batch can be acknowledged.
                raise BadRequest("every transaction must be an object with a string id")
        with self._lock:
            unapplied = len(self._unapplied)
            self._db.execute("BEGIN")
            try:
                results = [self._push_one(till_id, item) for item in items]
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                del self._unapplied[unapplied:]
                raise
            if not self.apply_paused:
                self._apply_pending()
        return results

    def _push_one(self, till_id: str, txn: dict) -> dict:
        tid = txn["id"]
        seq = txn.get("seq")
        settle = is_int(seq) and seq >= 1 and txn.get("till_id") == till_id
        bad = invalid_field(txn, till_id)
        if bad:
            if settle:
                self._till(till_id).settle(seq)
            return {"id": tid, "status": "rejected", "reason": f"invalid: {bad}"}
        content = canonical(txn)
        try:
            # The fast path is a new sale: one statement. The UNIQUE
            # constraints say when it is not.
            self._db.execute("INSERT INTO ledger (id, till_id, seq, content) VALUES (?, ?, ?, ?)",
                             (tid, till_id, seq, content))
        except sqlite3.IntegrityError:
            row = self._db.execute("SELECT content FROM ledger WHERE id = ?", (tid,)).fetchone()
            if row is None:
                return {"id": tid, "status": "rejected", "reason": "conflict: seq reused"}
            if row[0] == content:
                return {"id": tid, "status": "duplicate", "reason": ""}
            self._till(till_id).settle(seq)
            return {"id": tid, "status": "rejected", "reason": "conflict"}
        self._unapplied.append((till_id, seq, txn))
        return {"id": tid, "status": "accepted", "reason": ""}

    def _apply_pending(self) -> None:
        pending, self._unapplied = self._unapplied, []
        for till_id, seq, txn in pending:
            self._apply(txn)
            self._till(till_id).settle(seq, applied=True)

    def _apply(self, txn: dict) -> None:
        """Move the pupil's balance as the agent's own ledger does: account
        tender takes the total (a refund's negative total credits), FSM takes
        what the day's free meal does not cover, a void or cash takes nothing;
        a split payment's parts each by the same rule."""
        if any(f in REVIEW_FLAGS for f in txn["flags"]):
            self._review[txn["id"]] = txn
            return
        self._move_balance(txn)

    def _move_balance(self, txn: dict) -> None:
        pid = txn["pupil_id"]
        pupil = self._pupils.get(pid) if pid else None
        if pupil is None or pupil.get("deleted") or txn["kind"] == "void":
            return
        # A split payment moves the balance by its parts (the contract's
        # "Split payments"), any other by its tender and total.
        parts = txn.get("tenders") or [{"tender": txn["tender"],
                                        "amount_pence": txn["total_pence"]}]
        charge = sum(self._charge_of_part(pid, txn["occurred_at"][:10], p["tender"],
                                          p["amount_pence"]) for p in parts)
        if charge:
            new = {**pupil, "balance_pence": int(pupil.get("balance_pence", 0)) - charge}
            if self.spend_today:
                day = txn["occurred_at"][:10]
                spent = self._spent[(pid, day)] = self._spent.get((pid, day), 0) + charge
                new |= {"spent_today_pence": max(0, spent), "spent_today_date": day}
            self._put(new)

    def _charge_of_part(self, pid: str, day: str, tender: str, pence: int) -> int:
        """What one tender's pence take from the account: an account's all,
        a free meal's what the day's allowance left does not cover (and the
        allowance used is recorded), anything else nothing."""
        if tender == "account":
            return pence
        if tender != "fsm":
            return 0
        if pence <= 0:
            return pence
        used = self._fsm_used.get((pid, day), 0)
        covered = min(pence, max(0, self.fsm_value_pence - used))
        self._fsm_used[(pid, day)] = used + covered
        return pence - covered

    def add_photo(self, data: bytes, *, sha256: str | None = None,
                  size: int | None = None) -> dict:
        """Serve ``data`` as a photo; its Photo reference (put it in a pupil's
        ``photo``). ``sha256``/``size`` override what the reference claims (a
        hub that lies). The path is the data's hash: opaque, no pupil id."""
        ref = photo_ref(data)
        with self._lock:
            self._photos[ref["sha256"]] = data
        return {**ref, "sha256": sha256 or ref["sha256"],
                "bytes": ref["bytes"] if size is None else size}

    def photo(self, token: str) -> bytes | None:
        with self._lock:
            return self._photos.get(token)

    def held_for_review(self) -> list[dict]:
        """Transactions waiting for a person's review (copies), oldest first."""
        with self._lock:
            return [json.loads(json.dumps(t)) for t in self._review.values()]

    def review(self, txn_id: str, approve: bool) -> None:
        """A person's decision on a held transaction: approved, it moves the
        balance now (the next roster pull carries it); declined, never.
        KeyError when nothing with that id is held."""
        with self._lock:
            txn = self._review.pop(txn_id)
            if approve:
                self._move_balance(txn)

    def pause_apply(self) -> None:
        """Keep storing pushes but stop applying them to balances (a hub whose
        accounting runs behind): ``till_seq_applied`` stops moving."""
        with self._lock:
            self.apply_paused = True

    def resume_apply(self) -> None:
        """Apply everything stored meanwhile, in arrival order."""
        with self._lock:
            self.apply_paused = False
            self._apply_pending()

    def till_seq_applied(self, till_id: str) -> int:
        """What the roster reports as ``till_seq_applied`` for the till (see
        ``seq_applied_mode``)."""
        with self._lock:
            till = self._tills.get(till_id)
            if till is None:
                return 0
            return till.highest_applied if self.seq_applied_mode == "highest" else till.settled_upto

    def ledger(self, till_id: str | None = None) -> list[LedgerRow]:
        """Stored transactions (of one till, or all), in arrival order."""
        with self._lock:
            if till_id is None:
                rows = self._db.execute("SELECT content FROM ledger ORDER BY n").fetchall()
            else:
                rows = self._db.execute("SELECT content FROM ledger WHERE till_id = ? ORDER BY n",
                                        (till_id,)).fetchall()
        return [LedgerRow(json.loads(r[0])) for r in rows]

    # -- roster -----------------------------------------------------------------------

    def roster(self, till_id: str, cursor: str | None) -> dict:
        """One roster page: a snapshot when ``cursor`` is None, else changes
        since it. Raises BadRequest for a cursor this hub never gave out (or
        a walk forgotten long ago)."""
        with self._lock:
            size = max(1, int(self.page_size))
            if cursor is None:
                live = sorted((p for p in self._pupils.values() if not p["deleted"]),
                              key=lambda p: p["id"])
                return self.walks.first_page(till_id, live, self.till_seq_applied(till_id),
                                             self._clock, size)
            if cursor.startswith("c"):
                since = self.walks.since(cursor)
                changed = sorted((pid for pid, v in self._version.items() if v > since),
                                 key=self._version.__getitem__)
                return self.walks.first_page(till_id, [self._pupils[i] for i in changed],
                                             self.till_seq_applied(till_id), self._clock, size)
            if cursor.startswith("w"):
                return self.walks.next_page(till_id, cursor, size)
            raise BadRequest("unknown roster cursor")

    def close(self) -> None:
        with self._lock:
            self._db.close()
