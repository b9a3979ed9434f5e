"""What the operator display shows, as plain dicts (pure: no I/O, no clock).

Built on the runtime's main loop right after an identification or a
journaled sale (a few dict look-ups in the ``Ledger`` the sale path already
keeps), then handed to the console thread through ``DisplayFeed``.

Wording rules: the free-meal allowance is a purse amount shown for every
pupil (zero when they have none), never a badge that singles a pupil out.
A pupil refused at the fingerprint scanner for lack of consent is not named
(their finger must not identify them): the display says to use the card or
the name search.

The year is said as the office pages and the printed register say it
(``year_words``, kept beside the registers' year order).
"""

from __future__ import annotations

from typing import Any

from agent.config.currency import GBP, Currency
from agent.journal.sync_summary import human_age
from agent.reports.year_groups import year_words
from agent.sale import flag_words
from agent.sale.balances import Ledger

# The allowance is a purse like any other: never "FSM" on a screen.
TENDER_WORDS = {"account": "Pupil account", "fsm": "Meal allowance (rest from account)",
                "cash": "Cash", "card": "Bank card"}
# One part of a split payment: what that tender paid, no more.
PART_WORDS = {"account": "pupil account", "fsm": "meal allowance", "cash": "cash",
              "card": "bank card"}

# What a journaled sale was, as every staff page names it.
KIND_WORDS = {"sale": "Sale", "refund": "Refund", "void": "Cancelled sale",
              "manual": "Meal from the paper register"}
# A clock unchecked since boot marks every sale: the till queue says it once
# (its alarm, and above the list); the cook can do nothing about it per sale.
TIME_UNSURE = "clock_unsynced"
# Flags of a sale journaled with no total read (its 0 is no amount).
TOTAL_NOT_READ = frozenset({"unparsed_receipt", "raster_only"})

METHOD_WORDS = {"card": "Card", "biometric": "Fingerprint", "name": "Name search",
                "pin": "PIN", "receipt": "Account on receipt"}


def how_many(n: int, thing: str, things: str = "") -> str:
    """1, "meal" -> "1 meal"; 2 -> "2 meals" (``things`` when not +s): staff
    read "2 meals", not "2 meal(s)"."""
    return f"{n} {thing if n == 1 else (things or thing + 's')}"


def total_not_read(transaction: dict[str, Any]) -> bool:
    """Whether a journaled sale carries no reading of its total (journaled
    from a receipt nothing could read): its £0.00 is a filling-in, not a
    figure a paper can match."""
    return (not transaction.get("total_pence")
            and bool(TOTAL_NOT_READ & set(transaction.get("flags") or [])))


# The flag a receipt read only in part carries: said with what was read and what not.
UNPARSED = "unparsed_receipt"


def total_summed(transaction: dict[str, Any]) -> bool:
    """Whether a journaled sale's total is its items added up, not a figure
    read from the receipt: flagged ``UNPARSED`` with items read and no
    mismatch between them and a total (``agent.sale.sale_from_receipt``
    journals a receipt with no total read at its lines' sum)."""
    flags = set(transaction.get("flags") or [])
    return (UNPARSED in flags and bool(transaction.get("lines"))
            and "lines_total_mismatch" not in flags)


def read_in_part(transaction: dict[str, Any], cur: Currency = GBP) -> str:
    """What the till read of a receipt flagged ``UNPARSED`` and what it did
    not (its items, its total), instead of "The receipt could not be read"
    above items it did read. With both read, they did not add up
    (``lines_total_mismatch`` says so beside it)."""
    items = len(transaction.get("lines") or [])
    if total_summed(transaction):
        return (f"The till read {how_many(items, 'item')} from the receipt, but no total: "
                "the total shown is what the items add up to.")
    if total_not_read(transaction):
        return ("The till read nothing from the receipt: no items, no total, not how it was "
                "paid.")
    total = money(abs(int(transaction.get("total_pence") or 0)), cur)
    if not items:
        return f"The till read the receipt's total ({total}), but no items."
    return (f"The till read {how_many(items, 'item')} and a total of {total} from the "
            "receipt, but they do not add up.")


def explain_flags(transaction: dict[str, Any], flags: list[str],
                  cur: Currency = GBP) -> list[dict[str, Any]]:
    """``flags`` of a journaled sale in words (``flag_words.explain``), a
    receipt read in part saying what was read (``read_in_part``)."""
    out = flag_words.explain(flags)
    for f in out:
        if f["code"] == UNPARSED:
            f["sentence"] = f["stated"] = read_in_part(transaction, cur)
    if "lines_total_mismatch" in flags:
        # Items and a total read that do not add up: that flag says all there is.
        out = [f for f in out if f["code"] != UNPARSED]
    return out


def nothing_charged(transaction: dict[str, Any]) -> bool:
    """Whether a journaled sale came to £0.00 as read (its items taken off
    again): it took nothing from anyone, whatever doubt it carries. A total
    not read is no such figure."""
    return int(transaction.get("total_pence") or 0) == 0 and not total_not_read(transaction)


# Doubts about how a sale was paid ("settle it with the payment provider"):
# moot for a sale that came to nothing, as nothing was paid. Not when the
# total itself is doubted: then it may not have come to nothing.
PAYMENT_DOUBTS = frozenset({"unread_tender", "unmapped_tender", "split_unread",
                            "split_unreconciled"})
TOTAL_DOUBTS = frozenset({"total_unsure", "lines_total_mismatch", "whole_amounts",
                          "unsure_amounts", "kind_unsure"})


def flags_to_say(transaction: dict[str, Any]) -> list[str]:
    """The flags a staff page says of a journaled sale: all of them, but for
    one that came to £0.00 for sure, none about how it was paid (nothing
    was: sending the office to the payment provider about it alarms for
    nothing)."""
    flags = list(transaction.get("flags") or [])
    if nothing_charged(transaction) and not TOTAL_DOUBTS & set(flags):
        return [f for f in flags if f not in PAYMENT_DOUBTS]
    return flags


def paid_words(transaction: dict[str, Any], cur: Currency = GBP) -> str:
    """How the sale was paid (``tender_words``), or, for one whose doubts
    about it ``flags_to_say`` leaves out, that nothing was."""
    said = set(flags_to_say(transaction))
    if PAYMENT_DOUBTS & (set(transaction.get("flags") or []) - said):
        return f"Nothing: it came to {money(0, cur)}"
    return tender_words(transaction, cur)


def sale_words(kind: str, total_pence: int | None, flags: list[str] | tuple[str, ...],
               cur: Currency = GBP) -> str:
    """"Sale of £4.10", "Refund of £1.20" (the amount without its sign, in
    the site's currency ``cur``); a receipt whose total was not read, "Sale,
    total not read": never "of £0.00", a figure nobody can check a paper
    against."""
    what = KIND_WORDS.get(kind, kind.capitalize())
    if total_not_read({"total_pence": total_pence, "flags": flags}):
        return f"{what}, total not read"
    return f"{what} of {money(abs(int(total_pence or 0)), cur)}"


def ago(seconds: float) -> str:
    """How long ago, as staff say it: "just now" under a minute ("0 s ago"
    is a machine's), "1 min ago" up to an hour and a half, then "1.5 h ago"
    (``human_age``)."""
    if seconds < 60:
        return "just now"
    if seconds < 90 * 60:
        return f"{int(seconds // 60)} min ago"
    return f"{human_age(seconds)} ago"


def money(pence: int | None, cur: Currency = GBP) -> str:
    """1234 -> "£12.34" (in the site's currency ``cur``: "€12.34"); -50 ->
    "-£0.50"; None -> "" ."""
    return "" if pence is None else cur.money(pence)


def pupil_view(pupil: Any, ledger: Ledger, *, fsm_value_pence: int,
               default_debt_limit_pence: int, till_seq_applied: int, day: str,
               cur: Currency = GBP) -> dict[str, Any]:
    """The pupil's card on the display: name, year, and money as the till
    knows it today (``day``: YYYY-MM-DD, the ledger's UTC day), in ``cur``."""
    spend = ledger.day(pupil.id, day)
    balance = ledger.provisional_balance(pupil.balance_pence, pupil.id, till_seq_applied)
    allowance = max(0, fsm_value_pence - spend.fsm_used_pence) if pupil.fsm else 0
    limit = pupil.daily_limit_pence
    # Today's spend by the contract's rule (the hub's figure for today plus
    # this till's sales it has not applied; never a sale twice).
    spent, hub_knows = ledger.spent_on(pupil, day, till_seq_applied)
    limit_left = None if limit is None else max(0, limit - spent)
    debt_limit = pupil.debt_limit_pence
    if debt_limit is None:
        debt_limit = default_debt_limit_pence
    if balance >= 0:
        debt = "In credit"
    elif balance + debt_limit == 0:
        debt = f"At the debt limit ({money(debt_limit, cur)})"
    elif balance + debt_limit < 0:
        # "At the limit" for a pupil past it hid by how much.
        over = -(balance + debt_limit)
        debt = f"Over the debt limit by {money(over, cur)} (limit {money(debt_limit, cur)})"
    else:
        debt = (f"In debt: {money(balance + debt_limit, cur)} left of the "
                f"{money(debt_limit, cur)} limit")
    return {
        "name": pupil.display_name,
        "year": year_words(pupil.year_group),
        "balance": money(balance, cur),
        "balance_negative": balance < 0,
        "allowance_left": money(allowance, cur),
        # Past the limit, by how much: "£0.00" alone hid it.
        "limit_left": ("No daily limit" if limit is None else
                       f"None left: {money(spent - limit, cur)} over" if spent > limit else
                       money(limit_left, cur)),
        # Without the hub's figure the till knows only its own sales today.
        "limit_note": "" if limit_left is None or hub_knows else "this till's sales only",
        "photo": None,  # set by the publisher when this till holds the photo
        "debt": debt,
        "debt_warning": balance + debt_limit <= 0,
        "allergens": list(pupil.allergens),
    }


def roster_caveat(pulled_at: float | None, now: float, stale_after_h: float,
                  behind_after_s: float | None = None) -> str:
    """What the figures cannot promise ("" when the roster is fresh): the
    till says it does not know rather than show an old balance as current.
    ``behind_after_s``: past this the pulls have stopped (the payment
    provider out of reach), so a top-up made since is not in the balance
    (None: no payment provider to pull from)."""
    if not pulled_at:
        return "No pupil list from the school yet: balances unknown"
    hours = (now - pulled_at) / 3600
    if hours > stale_after_h:
        return f"Pupil list {hours:.0f} h old: balances may be out of date"
    if behind_after_s is not None and now - pulled_at > behind_after_s:
        return (f"Balances from {ago(now - pulled_at)}: any top-up since is not "
                "shown yet")
    return ""


# The display's sale panel: heading, total's label, tender's label. A refund
# shown as "Last sale ... Paid by" read as a second charge to the pupil.
PANEL_WORDS = {"sale": ("Last sale", "Total", "Paid by"),
               "refund": ("Last refund", "Paid back", "Paid back to")}


def sale_view(transaction: dict[str, Any], pupil_name: str | None,
              cur: Currency = GBP) -> dict[str, Any]:
    """A journaled sale as read from the receipt, with its flags in words
    (``agent.sale.flag_words``: every screen says the same), but for
    ``TIME_UNSURE``, said once elsewhere; amounts in ``cur``."""
    flags = list(transaction.get("flags") or [])
    said = [f for f in flags if f != TIME_UNSURE]
    total, refund = transaction.get("total_pence"), transaction.get("kind") == "refund"
    return {
        "kind": transaction.get("kind", "sale"),
        "words": PANEL_WORDS.get(str(transaction.get("kind")), PANEL_WORDS["sale"]),
        "name": pupil_name or "",
        "identified": transaction.get("pupil_id") is not None,
        "lines": [{"description": ln.get("description", ""),
                   "quantity": ln.get("quantity", 1),
                   "amount": money(ln.get("amount_pence"), cur)}
                  for ln in transaction.get("lines") or []],
        # A refund's total under "Paid back" is its size (printed with a minus or not);
        # none read is said so, never "£0.00".
        "total": ("Not read" if total_not_read(transaction) else
                  money(abs(total) if refund and total is not None else total, cur)),
        "tender": tender_words(transaction, cur),
        "flags": [f["sentence"] for f in explain_flags(transaction, said, cur)],
        "flag_words": explain_flags(transaction, said, cur),
        "alert": bool({"allergen_alert", "over_debt_limit", "insufficient_funds",
                       "unknown_pupil", "over_daily_limit"} & set(flags)),
    }


def tender_words(transaction: dict[str, Any], cur: Currency = GBP) -> str:
    """How the sale was paid: "Cash", or a split payment's parts in printed
    order, "£2.73 meal allowance + £0.52 cash" (a tender no table maps is
    said as printed); parts the till could not tell apart, as such."""
    parts = transaction.get("tenders") or []
    if total_not_read(transaction):
        # Journaled with no reading: its tender is the agent's filling-in.
        return "Not read from the receipt"
    if parts:
        return " + ".join(f"{money(p.get('amount_pence'), cur)} "
                          f"{PART_WORDS.get(str(p.get('tender')), str(p.get('tender')))}"
                          for p in parts)
    tender = str(transaction.get("tender") or "")
    if (tender == "cash" and not transaction.get("pupil_id")
            and "unread_account" in (transaction.get("flags") or [])):
        # A pupil's number printed but not read, and nobody at the till: the
        # agent sent "cash" for want of a pupil, not because the paper said so.
        return "No pupil's account (the pupil's number was not read, so sent as cash)"
    if "split_unread" in (transaction.get("flags") or []):
        # "Payment Method: Split" with no parts: the tender the agent filled in
        # (account or cash) is not what the receipt said.
        return "Paid in parts (amounts not read)"
    if "split_unreconciled" in (transaction.get("flags") or []):
        # Paid in parts the receipt did not let the till tell apart: the
        # tender is only the largest, and "(rest from account)" would mislead.
        return f"{PART_WORDS.get(tender, tender).capitalize()} and more (amounts not read)"
    if tender in ("account", "fsm") and not transaction.get("pupil_id"):
        # "Paid by: Pupil account" with nobody identified read as a pupil charged.
        return f"{PART_WORDS[tender].capitalize()}, but no pupil identified: nothing taken"
    return TENDER_WORDS.get(tender, tender.capitalize())
