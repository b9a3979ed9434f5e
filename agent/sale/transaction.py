"""A sale before and after the policy: ``Sale`` in, ``Transaction`` out.

Every transaction the till journals is made by ``transaction()`` here: the
correlator's sales (live or replayed from the tap spool), the register
import's meals and the OCR's readings of raster-only receipts. It settles
who the sale belongs to from the one roster lookup the caller made, then
runs the offline policy (``agent.sale.policy``), so no path can skip it.

    Sale (who and what) + Pupil (looked up once) + Books -> Transaction
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.config import PolicyConfig
from agent.sale import policy
from agent.sale.balances import Ledger
from sync.contract import Line, TenderPart, TillIdentification, Transaction


@dataclass(frozen=True, slots=True)
class Sale:
    """Who and what, as correlated: what the receipt (or register) says,
    who identified at the till, and the conditions when it was captured.

    ``account``: the account the receipt printed (not yet looked up).
    ``tapped``/``method``: the pupil a card, finger or register named
    (``tapped`` None: an unknown card) and how; ``method`` None: nobody.
    ``clock_synced``/``offline``: the clock's and the hub's state when the
    receipt was captured (a held receipt is journaled later under them).
    """

    id: str
    till_id: str
    kind: str
    occurred_at: str
    receipt_no: str | None
    lines: tuple[Line, ...]
    total_pence: int
    tender: str
    flags: frozenset[str]
    account: str | None
    tapped: str | None
    method: str | None
    clock_synced: bool
    offline: bool
    tenders: tuple[TenderPart, ...] = ()  # a split payment's parts (none: one tender)
    # Whether the receipt printed a way of paying (False: ``tender`` is the
    # contract's default, filled in). Not journaled: the cook's display says
    # it at the time of the sale (agent.console.publisher).
    tender_printed: bool = True

    @classmethod
    def journaled(cls, txn: Transaction) -> Sale:
        """A journaled transaction as a sale again (the correlator relearning
        it at start, an OCR reading starting from its original): who it
        names stands as identified, by what it recorded."""
        return cls(txn.id, txn.till_id, txn.kind, txn.occurred_at, txn.receipt_no, txn.lines,
                   txn.total_pence, txn.tender, frozenset(txn.flags), None, txn.pupil_id,
                   txn.identified_by, txn.clock_synced, txn.offline, txn.tenders)


@dataclass(frozen=True, slots=True)
class Books:
    """What the policy weighs a sale against: this till's ledger, the
    policy's settings and the cached roster's state."""

    ledger: Ledger
    policy: PolicyConfig
    till_seq_applied: int
    roster_age_s: float | None  # None: never pulled


def transaction(sale: Sale, pupil: Any, books: Books) -> Transaction:
    """The one way to a journaled Transaction. ``pupil``: the roster's entry
    for the printed account (stripped) when there is one, else for
    ``tapped`` (None: not found, or nobody to look up)."""
    flags = set(sale.flags)
    pupil_id: str | None = None
    identified_by: str | None = None
    at_till: TillIdentification | None = None
    if sale.account:
        pupil_id = pupil.id if pupil is not None else None
        identified_by = "receipt"
        if sale.method is not None:
            if sale.tapped == pupil_id and pupil_id is not None:
                identified_by = sale.method
            elif sale.tapped is not None:
                # The card names another pupil: held for review, charged to
                # nobody silently (sync.contract.REVIEW_FLAGS); the reviewer
                # is told who was identified at the till too.
                flags.add("account_mismatch")
                at_till = TillIdentification(sale.tapped, sale.method)
    elif sale.method is not None:
        pupil_id = sale.tapped
        identified_by = sale.method
    # An identified sale whose pupil the roster does not hold is flagged
    # unknown_pupil by the policy, the one place that rule lives.
    unjudged = Transaction(sale.id, sale.till_id, sale.kind, sale.occurred_at,
                           sale.clock_synced, pupil_id, identified_by, sale.receipt_no,
                           sale.lines, sale.total_pence, sale.tender, sale.offline,
                           tuple(sorted(flags)), at_till, sale.tenders)
    return policy.judged(pupil, unjudged, books.ledger, books.policy,
                         till_seq_applied=books.till_seq_applied,
                         roster_age_s=books.roster_age_s)
