"""The offline policy: flags for a sale the till has already made (pure).

From shared/reference/school-continuity-guidance.txt: when payments cannot be
checked, "in primary schools, where there are fixed meal prices, pupils
should be allowed to go into debt"; "in secondary schools, allow students to
take the main dish of the day - which is usually the cost of a free school
meal"; afterwards "run a debt report" (``agent report debt``).

The till sold it already, so every sale is journaled; the policy only says
what staff should know, from the cached roster and this till's journal:

* ``clock_unsynced``: the till's clock was not known to be right;
* ``roster_stale``: the roster is older than ``roster_stale_after_h`` (or was
  never pulled) for an identified sale;
* ``unknown_pupil``: identified (card, receipt account) but not in the roster;
* ``allergen_alert``: a line's description names one of the pupil's
  allergens (case-insensitive whole word, plural ``s``/``es`` too);
* ``over_daily_limit``: today's account spend would pass the parent's limit;
* money, with ``available = provisional balance + debt limit``:
  - the sale fits, but takes the balance below zero while the hub is
    unreachable -> ``offline_debt`` (the hub could not confirm it);
  - the sale does not fit: ``primary`` -> ``over_debt_limit`` (plus
    ``offline_debt`` when offline); ``secondary`` -> the main dish up to the
    FSM value is allowed offline (``offline_debt``) and anything beyond, or
    any shortfall while online, is ``insufficient_funds``.

FSM pupils: the first ``fsm_value_pence`` of the day's meals is paid by the
grant (tender ``fsm``, no carry-over); only the rest touches the account.
A split payment (``tenders``) touches the account by its parts only
(``balances.split_charge``): its ``account`` parts, and an ``fsm`` part's
excess over the allowance left; its tender is left as the receipt read it.
Refunds and voids get only the clock/roster flags, except:

* ``review_refund_by_account``: a refund to an account (tender account/fsm)
  identified only by the printed account, with no card or finger read. Money
  moves one way by default: anyone who can make the printer print could
  otherwise credit any account. Like ``account_mismatch`` (set by the
  correlator), it holds the transaction for review (``REVIEW_FLAGS``): the
  hub moves no balance until a person has looked, the ledger never counts it,
  so it gets no money flags and is nobody's debt; ``agent report debt`` lists
  it under "needs review".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from agent.config import PolicyConfig
from agent.sale.balances import ACCOUNT_TENDERS, Ledger, day_key, held_for_review, split_charge
from sync.contract import Line, Transaction


def judged(pupil: Any, sale: Transaction, ledger: Ledger, p: PolicyConfig, *,
           till_seq_applied: int, roster_age_s: float | None) -> Transaction:
    """``sale`` with the policy applied: its flags merged with the policy's
    (sorted, unique) and the tender set (``fsm`` when the allowance pays).
    ``ledger``: this till's journal; ``pupil``: the sale's pupil in the
    cached roster (None: nobody, or not in it); ``roster_age_s`` None:
    never pulled. ``agent.sale.transaction.transaction`` is its one caller."""
    flags, tender = _assess(pupil, sale, ledger, p, till_seq_applied, roster_age_s)
    flags.update(sale.flags)
    return sale.judged(tender, tuple(sorted(flags)))


def _mentions(allergen: str, text: str) -> bool:
    a = allergen.strip()
    if not a:
        return False
    return _allergen_pattern(a).search(text) is not None


@functools.lru_cache(maxsize=256)
def _allergen_pattern(allergen: str) -> re.Pattern[str]:
    # Compiled once per allergen, not escaped and looked up on every sale.
    return re.compile(rf"\b{re.escape(allergen)}(?:s|es)?\b", re.IGNORECASE)


def _allergens_in(allergens: Sequence[str], lines: Sequence[Line]) -> bool:
    """True when any line description names any allergen."""
    text = "\n".join(ln.description for ln in lines)
    return any(_mentions(a, text) for a in allergens)


def _assess(pupil: Any, sale: Transaction, ledger: Ledger, p: PolicyConfig,
            till_seq_applied: int, roster_age_s: float | None) -> tuple[set[str], str]:
    """The policy itself: (flags, tender)."""
    flags: set[str] = set()
    tender = sale.tender or "cash"
    identified = sale.identified_by is not None or sale.pupil_id is not None
    if not sale.clock_synced:
        flags.add("clock_unsynced")
    if identified and (roster_age_s is None
                       or roster_age_s > p.roster_stale_after_h * 3600):
        flags.add("roster_stale")
    if identified and pupil is None:
        flags.add("unknown_pupil")
    kind = sale.kind
    to_account = tender in ACCOUNT_TENDERS or any(
        t.tender in ACCOUNT_TENDERS for t in sale.tenders)
    if (kind == "refund" and sale.identified_by == "receipt"
            and sale.pupil_id is not None and to_account):
        flags.add("review_refund_by_account")
    if pupil is None or kind not in ("sale", "manual") or held_for_review(sale):
        return flags, tender

    if pupil.allergens and _allergens_in(pupil.allergens, sale.lines):
        flags.add("allergen_alert")
    # What this till's journal says of the pupil before this sale.
    day = ledger.day(pupil.id, day_key(sale))
    balance = ledger.provisional_balance(pupil.balance_pence, pupil.id, till_seq_applied)
    total = sale.total_pence
    charged = fsm = 0
    if sale.tenders:
        charged, fsm = split_charge(((t.tender, t.amount_pence) for t in sale.tenders),
                                    max(0, p.fsm_value_pence - day.fsm_used_pence))
    elif tender in ACCOUNT_TENDERS and total > 0:
        if pupil.fsm:
            fsm = min(total, max(0, p.fsm_value_pence - day.fsm_used_pence))
        charged = total - fsm
        tender = "fsm" if fsm > 0 else "account"
    if charged > 0:
        limit = pupil.daily_limit_pence
        # Today's spend by the contract's rule: the hub's figure plus what it
        # has not applied of this till's (sync/protocol.md, "Today's spend").
        spent_today, _ = ledger.spent_on(pupil, day_key(sale), till_seq_applied)
        if limit is not None and spent_today + charged > limit:
            flags.add("over_daily_limit")
        debt_limit = pupil.debt_limit_pence
        if debt_limit is None:
            debt_limit = p.default_debt_limit_pence
        available = balance + debt_limit
        if charged <= available:
            if sale.offline and balance - charged < 0:
                flags.add("offline_debt")
        else:
            shortfall = charged - max(0, available)
            if p.school == "primary":
                flags.add("over_debt_limit")
                if sale.offline:
                    flags.add("offline_debt")
            else:
                allowed = min(shortfall, p.fsm_value_pence) if sale.offline else 0
                if allowed > 0:
                    flags.add("offline_debt")
                if shortfall > allowed:
                    flags.add("insufficient_funds")
    return flags, tender
