"""What the sync client needs from the journal (and the runtime), and nothing more.

The runtime hands ``sync`` an object with these methods (``agent.journal.store.Journal``
implements them); ``sync`` never imports ``agent``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Status = Literal["accepted", "duplicate", "rejected"]


@dataclass(frozen=True, slots=True)
class PendingTransaction:
    """One journaled transaction not yet acknowledged by the hub. ``body`` is the
    contract's Transaction object as canonical JSON, exactly as journaled: it is
    sent verbatim, so every retry carries identical content."""

    seq: int
    id: str
    body: str


@dataclass(frozen=True, slots=True)
class PushOutcome:
    """The hub's answer for one transaction of a 200 response."""

    seq: int
    id: str
    status: Status
    reason: str = ""


class SyncJournal(Protocol):
    def pending(self, after_seq: int, limit: int) -> list[PendingTransaction]:
        """Unacknowledged, unrejected transactions with ``seq > after_seq``, in seq order."""
        ...

    def pending_count(self) -> int:
        """How many transactions still wait for the hub."""
        ...

    def record_outcomes(self, outcomes: Sequence[PushOutcome], now: float) -> None:
        """Durably record the hub's results (one commit)."""
        ...

    def record_attempt(self, seqs: Sequence[int], now: float, error: str = "") -> None:
        """Count a push attempt for these transactions (and why it failed, if it did)."""
        ...

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """Small key/value state kept beside the journal (sync cursors, times)."""
        ...

    def set_meta(self, key: str, value: str) -> None:
        ...


class HealthSource(Protocol):
    def __call__(self) -> dict[str, Any]:
        """The till's health report now (the contract's "Till health" object,
        without pupil data); the runtime builds it, sync only sends it."""
        ...
