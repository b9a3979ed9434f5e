"""What makes two captures "the same receipt": decided here, once, for live
receipts, a till's re-sends and the tap spool's replay alike (issue 19).

A till whose print job fails (the tap reset the connection: the printer, the
agent or the link went away mid-job) sends the same job again. What reached
the printer first is a *cut-off copy* (``is_cut_off``). It is the same
receipt as a copy that

* prints the same receipt number, was captured the same (UTC) day, and is of
  the same kind (a refund printed under a sale's number is another receipt),
  when both print a number;
* otherwise (no number, or cut off before the number line) starts with the
  same printed text: the cut-off copy's lines are the start of the other's.

The question is only asked about a cut-off copy and a copy near it in time
(the correlator bounds that): two complete receipts are the same sale when
their ids are (``agent.sale.txn_ids``).

A cut-off copy never becomes a sale while the same receipt is journaled or is
re-sent within the hold (``agent.sale.correlation``). ``capture_key`` is a
different question: whether this very capture (its bytes and end time) is the
one a previous run journaled, which is what the replay skips.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from agent.clock import rfc3339
from agent.sale.txn_ids import day_of

CUT_OFF_FLAG = "cut_off_receipt"


@dataclass(frozen=True, slots=True)
class ReceiptIdentity:
    """The parts of a receipt that say which receipt it is."""

    # yyyymmdd of the capture (UTC), not the printed date: a cut-off copy's
    # date line may be missing or cut mid-way ("28/11/20" reads as 2020).
    day: str
    receipt_no: str | None
    kind: str
    text: tuple[str, ...]  # the printed lines as captured (empty when unknown)
    cut_off: bool  # no cut and no total: the till will send it again
    ended_at: float

    @property
    def number_key(self) -> tuple[str, str, str] | None:
        """``(day, receipt_no, kind)`` of a numbered receipt, else None."""
        return (self.day, self.receipt_no, self.kind) if self.receipt_no else None


def is_cut_off(parsed: Any, captured: Any) -> bool:
    """A cut-off job: no cut, and no total or ended by the agent stopping
    mid-job (``flush``: the tap reset the till's job, so the till sends it
    again even when the total had printed). Cutterless printers end every
    receipt by idle/job_end with a total, so they never count."""
    ended_by = getattr(captured, "ended_by", "cut")
    return ended_by != "cut" and (parsed.total_pence is None or ended_by == "flush")


def _kind(kind: str | None) -> str:
    return kind if kind in ("sale", "refund", "void") else "sale"


def identity_of(parsed: Any, captured: Any) -> ReceiptIdentity:
    """The identity of a captured, interpreted receipt."""
    text = tuple(getattr(captured, "text", None) or ())
    cut_off = is_cut_off(parsed, captured)
    number = parsed.receipt_no or None
    if cut_off and number and text and number in text[-1]:
        # Read from the last line, which the cut may have ended mid-way
        # ("000270" printed as far as "0"): its start identifies it instead.
        number = None
    return ReceiptIdentity(day_of(None, captured.ended_at), number,
                           _kind(parsed.kind), text, cut_off, captured.ended_at)


def identity_of_journaled(txn: Any, text: list[str] | None, ended_at: float) -> ReceiptIdentity:
    """The identity of a journaled transaction (``ended_at``: its
    ``occurred_at``, the capture's end)."""
    return ReceiptIdentity(day_of(None, ended_at), txn.get("receipt_no") or None,
                           _kind(txn.get("kind")),
                           tuple(text or ()), CUT_OFF_FLAG in (txn.get("flags") or ()),
                           ended_at)


def starts_with(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """``short``'s lines are the start of ``full``'s (its last line may be
    cut mid-way). A copy cut off before any text (a logo, setup bytes) says
    nothing of its own: it is the start of any receipt."""
    if not short:
        return True
    if len(short) > len(full):
        return False
    *whole, last = short
    return tuple(full[: len(whole)]) == tuple(whole) and full[len(whole)].startswith(last)


def same_receipt(a: ReceiptIdentity, b: ReceiptIdentity) -> bool:
    """Whether ``a`` and ``b`` are copies of one receipt (see the module doc)."""
    if a.receipt_no and b.receipt_no:
        return a.number_key == b.number_key
    short, full = (a.text, b.text) if len(a.text) <= len(b.text) else (b.text, a.text)
    return starts_with(short, full)


def capture_key(ended_at: float | str, raw: bytes) -> tuple[str, str]:
    """What identifies one capture across runs: its end time as journaled
    (``occurred_at``, RFC 3339; a float is converted) and its bytes."""
    at = ended_at if isinstance(ended_at, str) else rfc3339(ended_at)
    return at, hashlib.sha256(raw).hexdigest()
