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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from agent.balances import ACCOUNT_TENDERS, Ledger, day_key, held_for_review
from agent.config import PolicyConfig


@dataclass(frozen=True)
class PolicyContext:
    """What the policy needs besides the pupil and the sale."""

    policy: PolicyConfig
    offline: bool = False
    clock_synced: bool = True
    roster_age_s: float | None = None  # None: never pulled
    provisional_balance_pence: int = 0  # before this sale
    charged_today_pence: int = 0  # account spend today before this sale
    fsm_used_today_pence: int = 0  # FSM allowance used today before this sale


@dataclass(frozen=True)
class Assessment:
    """The policy's answer: flags, the tender to record, and how the sale is
    paid (account part, FSM part)."""

    flags: list[str]
    tender: str
    charged_pence: int
    fsm_pence: int


def context_for(pupil: Any, sale: Mapping[str, Any], ledger: Ledger, policy: PolicyConfig, *,
                till_seq_applied: int, roster_age_s: float | None, offline: bool,
                clock_synced: bool) -> PolicyContext:
    """Build the context for ``sale`` from the ledger (this till's journal)
    and the pupil's cached roster entry."""
    balance, charged_today, fsm_used = _ledger_figures(pupil, sale, ledger, till_seq_applied)
    return PolicyContext(
        policy, offline, clock_synced, roster_age_s,
        provisional_balance_pence=balance,
        charged_today_pence=charged_today,
        fsm_used_today_pence=fsm_used,
    )


def _ledger_figures(pupil: Any, sale: Mapping[str, Any], ledger: Ledger,
                    till_seq_applied: int) -> tuple[int, int, int]:
    """(provisional balance, account spend today, FSM used today) before
    ``sale``; all 0 for no pupil."""
    if pupil is None:
        return 0, 0, 0
    day = ledger.day(pupil.id, day_key(sale))
    balance = ledger.provisional_balance(pupil.balance_pence, pupil.id, till_seq_applied)
    # Today's spend by the contract's rule: the hub's figure plus what it has
    # not applied of this till's (sync/protocol.md, "Today's spend").
    spent, _ = ledger.spent_on(pupil, day_key(sale), till_seq_applied)
    return balance, spent, day.fsm_used_pence


def _mentions(allergen: str, text: str) -> bool:
    a = allergen.strip()
    if not a:
        return False
    return _allergen_pattern(a).search(text) is not None


@functools.lru_cache(maxsize=256)
def _allergen_pattern(allergen: str) -> re.Pattern[str]:
    # Compiled once per allergen, not escaped and looked up on every sale.
    return re.compile(rf"\b{re.escape(allergen)}(?:s|es)?\b", re.IGNORECASE)


def allergens_in(allergens: Sequence[str], lines: Sequence[Mapping[str, Any]]) -> bool:
    """True when any line description names any allergen."""
    text = "\n".join(str(ln.get("description", "")) for ln in lines)
    return any(_mentions(a, text) for a in allergens)


def assess(pupil: Any, sale: Mapping[str, Any], ctx: PolicyContext) -> Assessment:
    """Apply the policy to ``sale`` (a contract Transaction dict)."""
    flags, tender, charged, fsm = _assess(
        pupil, sale, ctx.policy, ctx.offline, ctx.clock_synced, ctx.roster_age_s,
        ctx.provisional_balance_pence, ctx.charged_today_pence, ctx.fsm_used_today_pence)
    return Assessment(sorted(flags), tender, charged, fsm)


def _assess(pupil: Any, sale: Mapping[str, Any], p: PolicyConfig, offline: bool,
            clock_synced: bool, roster_age_s: float | None, balance: int,
            charged_today: int, fsm_used_today: int) -> tuple[set[str], str, int, int]:
    """The policy itself: (flags, tender, charged, fsm). Plain arguments, so
    the sale path needs no context object (see ``apply``)."""
    flags: set[str] = set()
    tender = str(sale.get("tender") or "cash")
    identified = sale.get("identified_by") is not None or sale.get("pupil_id") is not None
    if not clock_synced:
        flags.add("clock_unsynced")
    if identified and (roster_age_s is None
                       or roster_age_s > p.roster_stale_after_h * 3600):
        flags.add("roster_stale")
    if identified and pupil is None:
        flags.add("unknown_pupil")
    kind = sale.get("kind")
    if (kind == "refund" and sale.get("identified_by") == "receipt"
            and sale.get("pupil_id") is not None and tender in ACCOUNT_TENDERS):
        flags.add("review_refund_by_account")
    if pupil is None or kind not in ("sale", "manual") or held_for_review(sale):
        return flags, tender, 0, 0

    if pupil.allergens and allergens_in(pupil.allergens, sale.get("lines") or []):
        flags.add("allergen_alert")
    total = int(sale.get("total_pence") or 0)
    charged = fsm = 0
    if tender in ACCOUNT_TENDERS and total > 0:
        if pupil.fsm:
            fsm = min(total, max(0, p.fsm_value_pence - fsm_used_today))
        charged = total - fsm
        tender = "fsm" if fsm > 0 else "account"
    if charged > 0:
        limit = pupil.daily_limit_pence
        if limit is not None and charged_today + charged > limit:
            flags.add("over_daily_limit")
        debt_limit = pupil.debt_limit_pence
        if debt_limit is None:
            debt_limit = p.default_debt_limit_pence
        available = balance + debt_limit
        if charged <= available:
            if offline and balance - charged < 0:
                flags.add("offline_debt")
        else:
            shortfall = charged - max(0, available)
            if p.school == "primary":
                flags.add("over_debt_limit")
                if offline:
                    flags.add("offline_debt")
            else:
                allowed = min(shortfall, p.fsm_value_pence) if offline else 0
                if allowed > 0:
                    flags.add("offline_debt")
                if shortfall > allowed:
                    flags.add("insufficient_funds")
    return flags, tender, charged, fsm


def evaluate(pupil: Any, sale: Mapping[str, Any], ctx: PolicyContext) -> list[str]:
    """The policy's flags for ``sale`` (sorted)."""
    return assess(pupil, sale, ctx).flags


def finalize(sale: Mapping[str, Any], pupil: Any, ctx: PolicyContext) -> dict[str, Any]:
    """``sale`` with the policy applied: flags merged (sorted, unique) and
    the tender set (``fsm`` when the allowance pays). Returns a new dict."""
    a = assess(pupil, sale, ctx)
    return _applied(sale, set(a.flags), a.tender)


def apply(pupil: Any, sale: Mapping[str, Any], ledger: Ledger, policy: PolicyConfig, *,
          till_seq_applied: int, roster_age_s: float | None, offline: bool,
          clock_synced: bool) -> dict[str, Any]:
    """``finalize(sale, pupil, context_for(pupil, sale, ledger, policy, ...))``
    in one step: the same dict, without the two frozen objects in between
    (the sale path builds one per receipt)."""
    balance, charged_today, fsm_used = _ledger_figures(pupil, sale, ledger, till_seq_applied)
    flags, tender, _charged, _fsm = _assess(pupil, sale, policy, offline, clock_synced,
                                            roster_age_s, balance, charged_today, fsm_used)
    return _applied(sale, flags, tender)


def _applied(sale: Mapping[str, Any], flags: set[str], tender: str) -> dict[str, Any]:
    """A new dict: ``sale`` with ``tender`` and its flags merged with ``flags``."""
    out = dict(sale)
    out["tender"] = tender
    flags.update(sale.get("flags") or [])
    out["flags"] = sorted(flags)
    return out
