"""What the till knows about a pupil's money at the moment of sale.

The roster carries the hub's ``balance_pence`` and ``till_seq_applied`` (the
highest seq of this till the hub had applied). The contract's provisional
balance is ``balance_pence`` minus this till's own transactions with a
greater seq. What a transaction takes from the account (``charge_of``):

* tender ``account``: its total (a refund's negative total is a credit);
* tender ``fsm``: the part above what is left of the pupil's free-meal
  allowance that day (no carry-over), the rest is paid by the FSM grant;
* ``cash``, ``card`` or anything else: nothing;
* a split payment (``tenders``, its parts): each part by the same rules
  (``split_charge``): the ``account`` parts whole, an ``fsm`` part's excess
  over the allowance left, nothing for the others, whatever ``tender`` says;
* a transaction held for review (``held_for_review``): nothing, as at the
  hub, until a person has reviewed it (the hub's balance then says so).

``Ledger`` replays the journal once at start-up (one streamed pass) and is
then kept current with ``add`` after each append, so a sale costs no journal
scan; ``forget_applied`` after each roster pull keeps its memory flat (only
unapplied charges and the two latest days are kept). Days are UTC dates of
``occurred_at``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync.contract import REVIEW_FLAGS, Transaction

ACCOUNT_TENDERS = ("account", "fsm")
_REVIEW_FLAGS = frozenset(REVIEW_FLAGS)


class _Entries(Protocol):
    def entries(self, after_seq: int = 0, batch: int = 500) -> Iterable[Any]: ...


@dataclass
class DaySpend:
    """One pupil's day at this till."""

    charged_pence: int = 0  # taken from the account (what a daily limit limits)
    fsm_used_pence: int = 0  # covered by the free-meal allowance
    sales: int = 0


@dataclass
class Ledger:
    """Per-pupil charges of this till's journal, for provisional balances and
    today's spend. Feed transactions in seq order."""

    fsm_value_pence: int = 240
    # pupil -> [(seq, charged, day)] of charges the hub had not applied.
    _charges: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    _days: dict[tuple[str, str], DaySpend] = field(default_factory=dict)
    last_seq: int = 0

    applied: int = 0  # charges at or below this seq are in the hub's balance
    _latest_day: str = ""

    @classmethod
    def from_journal(cls, journal: _Entries, fsm_value_pence: int,
                     till_seq_applied: int = 0) -> Ledger:
        """Replay every journal entry (``Journal.entries()``); charges the hub
        has applied (``RosterStore.info().till_seq_applied``) are not kept."""
        led = cls(fsm_value_pence, applied=till_seq_applied)
        for e in journal.entries():
            led.add(e.seq, e.transaction)
        return led

    def forget_applied(self, till_seq_applied: int) -> None:
        """The hub has applied everything up to ``till_seq_applied`` (call
        after a roster pull): drop those charges, keeping memory flat."""
        if till_seq_applied <= self.applied:
            return
        self.applied = till_seq_applied
        for pupil in list(self._charges):
            kept = [c for c in self._charges[pupil] if c[0] > till_seq_applied]
            if kept:
                self._charges[pupil] = kept
            else:
                del self._charges[pupil]

    def charge_of(self, txn: Mapping[str, Any]) -> tuple[int, int]:
        """(charged to the account, covered by FSM) for ``txn``, given what
        this ledger has seen earlier that day. Does not record it."""
        pupil = txn.get("pupil_id")
        tender = txn.get("tender")
        total = int(txn.get("total_pence") or 0)
        parts = txn.get("tenders")
        if (not pupil or (tender not in ACCOUNT_TENDERS and not parts)
                or txn.get("kind") == "void" or held_for_review(txn)):
            return 0, 0
        if parts:
            return split_charge(((p["tender"], p["amount_pence"]) for p in parts),
                                self.fsm_left(pupil, day_key(txn)))
        if tender == "fsm" and total > 0:
            fsm = min(total, self.fsm_left(pupil, day_key(txn)))
            return total - fsm, fsm
        return total, 0

    def fsm_left(self, pupil_id: str, day: str) -> int:
        """What is left of the pupil's free-meal allowance on ``day``, by
        what this ledger has seen."""
        spend = self._days.get((pupil_id, day))
        return max(0, self.fsm_value_pence - (spend.fsm_used_pence if spend else 0))

    def add(self, seq: int, txn: Mapping[str, Any]) -> None:
        """Record journaled transaction ``seq``. An already-seen seq is ignored
        (the runtime may re-add after an idempotent append)."""
        if seq <= self.last_seq:
            return
        self.last_seq = seq
        pupil = txn.get("pupil_id")
        if not pupil:
            return
        charged, fsm = self.charge_of(txn)
        key_day = day_key(txn)
        if charged and seq > self.applied:
            self._charges.setdefault(pupil, []).append((seq, charged, key_day))
        if key_day > self._latest_day:
            # Only today (and yesterday, for a late receipt) matter for limits
            # and the FSM allowance: forget older days.
            keep_from = self._latest_day
            self._latest_day = key_day
            if keep_from:
                self._days = {k: v for k, v in self._days.items() if k[1] >= keep_from}
        day = self._days.get((pupil, key_day))
        if day is None:  # (setdefault would build a DaySpend on every sale)
            day = self._days[(pupil, key_day)] = DaySpend()
        day.charged_pence += charged
        day.fsm_used_pence += fsm
        if txn.get("kind") in ("sale", "manual"):
            day.sales += 1

    def unsynced_charges(self, pupil_id: str, till_seq_applied: int) -> int:
        """This till's charges for the pupil that the hub had not applied."""
        items = self._charges.get(pupil_id)
        if not items:
            return 0
        return sum(c for s, c, _ in items if s > till_seq_applied)

    def spent_on(self, pupil: Any, day: str, till_seq_applied: int) -> tuple[int, bool]:
        """(account spend of ``pupil`` on ``day``, whether the hub's figure is
        in it): what a daily limit limits. The contract's rule (protocol.md,
        "Today's spend"): the hub's ``spent_today_pence`` when it is for
        ``day`` (else 0), plus this till's charges of that day the hub had not
        applied (seq > ``till_seq_applied``): a sale is counted by the hub or
        by the till, never both. A hub that sends no figure: this till's own
        charges of the day, all of them (what it knows)."""
        hub = getattr(pupil, "spent_today_pence", None)
        if hub is None:
            return self.day(pupil.id, day).charged_pence, False
        if getattr(pupil, "spent_today_date", None) != day:
            hub = 0  # the hub's figure is another day's: nothing of this day yet
        items = self._charges.get(pupil.id) or ()
        return hub + sum(c for s, c, d in items if s > till_seq_applied and d == day), True

    def provisional_balance(self, balance_pence: int, pupil_id: str,
                            till_seq_applied: int) -> int:
        """The contract's provisional balance."""
        return balance_pence - self.unsynced_charges(pupil_id, till_seq_applied)

    def day(self, pupil_id: str, day: str) -> DaySpend:
        """The pupil's spend on ``day`` (``YYYY-MM-DD``)."""
        spend = self._days.get((pupil_id, day))
        # A fresh one only when there is none (as a get default it was built
        # on every sale).
        return spend if spend is not None else DaySpend()


def split_charge(parts: Iterable[tuple[str, int]], fsm_left: int) -> tuple[int, int]:
    """(charged to the account, covered by FSM) for a split payment's parts
    (tender, pence): an ``account`` part is charged whole (a refund's
    negative part credits); an ``fsm`` part is covered by the allowance
    left (``fsm_left``) first and its excess charged; any other part
    (cash, card, a voucher) charges nothing."""
    charged = fsm = 0
    for tender, pence in parts:
        if tender == "account":
            charged += pence
        elif tender == "fsm":
            covered = min(pence, fsm_left - fsm) if pence > 0 else 0
            fsm += covered
            charged += pence - covered
    return charged, fsm


def held_for_review(txn: Transaction | Mapping[str, Any]) -> bool:
    """True when ``txn`` carries a flag that holds it for a person's review
    (``sync.contract.REVIEW_FLAGS``): no balance moves for it until then."""
    flags = txn.flags if isinstance(txn, Transaction) else txn.get("flags")
    return not _REVIEW_FLAGS.isdisjoint(flags or ())


def day_key(txn: Transaction | Mapping[str, Any]) -> str:
    """``YYYY-MM-DD`` of a transaction's ``occurred_at``."""
    at = txn.occurred_at if isinstance(txn, Transaction) else txn.get("occurred_at")
    return str(at or "")[:10]
