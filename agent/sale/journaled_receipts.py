"""What the correlator (``agent.sale.correlation``) remembers of the sales
it decided, and relearns from the journal at start (``prime``), so reprints,
re-sends and the ordinals of unnumbered receipts carry on across a restart:

* every sale by id (a reprint or a re-send is a duplicate of it);
* unnumbered sales by day and content digest (their ordinal, and an
  identical receipt seconds later being a re-send);
* receipts by number for the day, and the last few receipts' identities
  (a cut-off copy without a number is matched by its text).

Bounded: at most ``memory`` ids, numbers and day/digest keys.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from agent.clock import parse_rfc3339
from agent.sale.receipt_identity import ReceiptIdentity, identity_of_journaled, same_receipt
from agent.sale.transaction import Sale
from agent.sale.txn_ids import parse_unnumbered
from sync.contract import Transaction


@dataclass
class RecentSale:
    """An unnumbered sale remembered for re-send detection and ordinals."""

    txn_id: str
    sale: Sale
    ended_at: float


class JournaledReceipts:
    """The correlator's memory of decided sales (see the module docstring)."""

    def __init__(self, memory: int = 5000):
        self.memory = memory
        self.sales: OrderedDict[str, Sale] = OrderedDict()
        self.unnumbered: dict[tuple[str, str], list[RecentSale]] = {}
        # Journaled receipts by number for the day: (txn id, journaled cut off).
        self._numbered: OrderedDict[tuple[str, str, str], tuple[str, bool]] = OrderedDict()
        # The last receipts journaled, for a cut-off copy without a number.
        self._lately: deque[tuple[ReceiptIdentity, str]] = deque(maxlen=64)

    def remember(self, tid: str, sale: Sale) -> None:
        """``sale`` was decided as ``tid``."""
        self.sales[tid] = sale
        self.sales.move_to_end(tid)
        while len(self.sales) > self.memory:
            self.sales.popitem(last=False)
        if len(self.unnumbered) > self.memory:
            # Drop the oldest days' keys; ordinals only matter within a day.
            for key in sorted(self.unnumbered)[: len(self.unnumbered) - self.memory]:
                del self.unnumbered[key]

    def add_unnumbered(self, day: str, digest: str, sale: RecentSale) -> None:
        """An unnumbered sale of ``day`` with this content ``digest``."""
        self.unnumbered.setdefault((day, digest), []).append(sale)

    def note(self, identity: ReceiptIdentity, tid: str) -> None:
        """The receipt ``identity`` was journaled as ``tid`` (for copies of it)."""
        key = identity.number_key
        if key is not None:
            self._numbered[key] = (tid, identity.cut_off)
            self._numbered.move_to_end(key)
            while len(self._numbered) > self.memory:
                self._numbered.popitem(last=False)
        self._lately.append((identity, tid))

    def copy_of(self, this: ReceiptIdentity, started_at: float,
                window_s: float) -> tuple[str, bool] | None:
        """(id, was cut off) of a journaled copy of the receipt ``this`` is a
        copy of: by number for the day; for a cut-off copy, also a receipt
        journaled within ``window_s`` (the re-send window) that it is the
        start of."""
        key = this.number_key
        if key is not None:
            hit = self._numbered.get(key)
            if hit is not None and hit[0] in self.sales:
                return hit
        if this.cut_off:
            for other, tid in reversed(self._lately):
                if (abs(started_at - other.ended_at) <= window_s
                        and same_receipt(other, this) and tid in self.sales):
                    return tid, other.cut_off
        return None

    def prime(self, transactions: Iterable[Mapping[str, Any]],
              texts: Mapping[str, list[str]] | None = None) -> None:
        """Relearn journaled ``transactions`` (in seq order); ``texts``: the
        printed lines of some, by id."""
        for txn in transactions:
            tid = str(txn.get("id", ""))
            body = {k: v for k, v in txn.items() if k != "seq"}
            sale = Sale.journaled(Transaction.from_json(body))
            self.remember(tid, sale)
            try:
                at = parse_rfc3339(str(txn.get("occurred_at")))
            except (TypeError, ValueError):
                at = 0.0
            text = (texts or {}).get(tid)
            if body.get("receipt_no") or text:
                self.note(identity_of_journaled(body, text, at), tid)
            parsed_id = parse_unnumbered(tid)
            if parsed_id:
                day, digest, _k = parsed_id
                self.add_unnumbered(day, digest, RecentSale(tid, sale, at))
