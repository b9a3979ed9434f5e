"""The journal's value types: what ``agent.journal.store`` hands out (entries,
their captured bytes, the retention anchor, a verify result), its one
error and the chain's hash. Plain frozen dataclasses, no SQLite."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# json.dumps with these options builds a new encoder per call: one, made once.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(obj: Any) -> str:
    """The one serialisation used for hashing and for the hub: sorted keys, no
    spaces, UTF-8 text kept as is."""
    return _CANONICAL.encode(obj)


def chain_hash(prev_hash: str, payload: str, seq: int, txn_id: str) -> str:
    """An entry's link in the hash chain (``agent.journal.store``)."""
    return hashlib.sha256(f"{prev_hash}{payload}{seq}{txn_id}".encode()).hexdigest()


class JournalError(Exception):
    """The journal cannot be opened or used. The message names the file and
    says what to do."""


# The entries table's columns an ``Entry`` is made of, in its field order.
ENTRY_COLS = "seq, id, kind, payload, wall_time, clock_synced, boot_id, mono_ns, prev_hash, hash"


@dataclass(frozen=True, slots=True)
class Entry:
    """One committed journal row."""

    seq: int
    id: str
    kind: str
    payload: str  # canonical JSON of the contract Transaction
    wall_time: str
    clock_synced: bool
    boot_id: str
    mono_ns: int
    prev_hash: str
    hash: str

    @property
    def transaction(self) -> dict[str, Any]:
        return json.loads(self.payload)


@dataclass(frozen=True, slots=True)
class Capture:
    """The raw bytes a transaction came from (a receipt's ESC/POS stream)."""

    seq: int
    source: str
    data: bytes
    text: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where the journal now starts: the seq and hash of the last entry
    retention dropped (seq 0 and the genesis hash: nothing ever dropped),
    when the last drop ran, how many it dropped, and the cutoff it used."""

    seq: int = 0
    hash: str = "0" * 64
    dropped_at: str = ""
    dropped: int = 0
    cutoff: str = ""


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""
    # The chain was verified from here (seq 0: from the first entry ever).
    anchor: Anchor = field(default_factory=Anchor)
    # Entries held for review that retention kept below the anchor, each
    # checked against the hash recorded when the drop passed over it.
    kept: int = 0
    # The walk began after this seq: the anchor's, or, for a bounded walk
    # (``verify(newest=...)``), a later one: the entries between were not walked.
    walked_after: int = 0


@dataclass(frozen=True, slots=True)
class Refusals:
    """The sales the hub refused (a refusal is final: the sale stays rejected).
    ``new``: refused after the last acknowledgement (``agent journal
    ack-rejected``), what the ``sales_rejected`` alarm is about, and
    ``acknowledged`` the rest; ``last_seq``: the highest seq refused,
    ``last_at`` when its refusal was recorded (RFC 3339 UTC)."""

    total: int = 0
    new: int = 0
    last_seq: int | None = None
    last_at: str | None = None
    acknowledged: int = 0
