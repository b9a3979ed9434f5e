"""How the paper says a sale was paid, told apart from what the till sends.

A receipt that prints no way of paying is sent with the contract's default
tender (``agent.sale.sale_from_receipt.normalise_tender``: the pupil's account
when somebody was identified, else cash): the reader's filling-in, not the
paper's word. Said as "Paid by: Cash", it told the office the paper said cash.
The office's pages say the two apart: "Paid by: Not printed on the receipt",
then what the till sends and what that moves.

The journal keeps only the tender sent, so whether the paper printed one is
read again from the receipt's kept bytes with today's config (``reread``, as
``agent receipt reparse`` and ``agent doctor`` do). Without kept text (none
kept, a picture) the till does not know, and says the tender as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agent.console.views import TENDER_WORDS, total_not_read
from agent.sale.balances import held_for_review
from agent.sale.receipt_reading import reread
from agent.sale.receipt_rules import rules_from_config

# A receipt's kept bytes -> the tender it printed as today's config reads
# it ("" when it printed none), or None when the till cannot tell.
TenderOnPaper = Callable[[bytes], str | None]

NOT_PRINTED = "Not printed on the receipt"
# The contract's default tenders, and what each moves at the provider.
_DEFAULT_WHY = {
    "cash": "the till's word for a receipt that names no way of paying, with nobody "
            "identified: it takes nothing from any pupil's account",
    "account": "the till's word for a receipt that names no way of paying, with a pupil "
               "identified at the till: it is taken from that pupil's account",
    # The policy makes a free-meal pupil's "account" their allowance.
    "fsm": "the till's word for a receipt that names no way of paying, with a pupil who has "
           "a meal allowance identified at the till: it comes from their allowance, then "
           "their account",
}
# The cook's display, at the time of the sale (the sale path knows then
# whether the paper printed a way of paying: no re-reading there), briefly:
# that the paper named none, and whether a pupil's account was charged (a
# refund: paid back to). Label and words read as one sentence, "Payment not
# printed on the receipt (...)" ("Paid by Not printed ..." read as nonsense).
COOK_LABEL = "Payment"
_COOK_NOT_PRINTED = "not printed on the receipt"
COOK_WORDS = {"cash": f"{_COOK_NOT_PRINTED} (no pupil's account charged)",
              "account": f"{_COOK_NOT_PRINTED} (charged to the pupil's account)",
              "fsm": f"{_COOK_NOT_PRINTED} (meal allowance, rest from account)"}
COOK_REFUND_WORDS = {"cash": f"{_COOK_NOT_PRINTED} (paid back to no pupil's account)",
                     "account": f"{_COOK_NOT_PRINTED} (paid back to the pupil's account)",
                     "fsm": f"{_COOK_NOT_PRINTED} (paid back to the pupil's account)"}
# Journaled flags whose own words already say how the tender came about.
_SAID_ELSEWHERE = frozenset({"unread_account", "split_unread", "split_unreconciled",
                             "unread_tender", "unmapped_tender"})


def tender_on_paper(cfg: Any) -> TenderOnPaper:
    """The reader of a kept receipt's tender with ``cfg``'s printer and
    receipt rules (the rules built once, for a page's worth of receipts)."""
    rules = rules_from_config(cfg.receipt)

    def printed(data: bytes) -> str | None:
        again = reread(data, cfg.printer, rules)
        if again is None or "unread_tender" in again[0]:
            return None  # a picture, or a way of paying printed but not read
        return again[1]

    return printed


def filled_in(transaction: dict[str, Any], printed: str | None) -> bool:
    """Whether the sale's tender is the till's filling-in for a receipt that
    printed none (``printed`` is ""), not a word read from the paper."""
    tender = str(transaction.get("tender") or "")
    flags = set(transaction.get("flags") or [])
    return (printed == "" and tender in _DEFAULT_WHY and not transaction.get("tenders")
            and not total_not_read(transaction) and not flags & _SAID_ELSEWHERE
            # "Pupil account" with nobody identified is said so by tender_words.
            and (tender == "cash" or bool(transaction.get("pupil_id"))))


def sent_as(transaction: dict[str, Any], pending: bool) -> str:
    """What the till sends for a sale whose paper named no way of paying, and
    what it moves: "Sent to the payment provider as cash, the till's word
    for ..."; ``pending``: still in the till queue ("To be sent ...")."""
    tender = str(transaction.get("tender") or "")
    lead = "To be sent" if pending else "Sent"
    return (f"{lead} to the payment provider as {TENDER_WORDS[tender].lower()}, "
            f"{_DEFAULT_WHY[tender]}.")


def cook_words(transaction: dict[str, Any]) -> str:
    """The display's "Payment" for a sale whose receipt printed no way of
    paying, in the cook's words (``COOK_WORDS``); "" when the tender words
    say it already (``filled_in`` is False). A sale held for the office's
    check has charged nobody yet: the paper's absence said alone."""
    if not filled_in(transaction, ""):
        return ""
    if held_for_review(transaction):
        return _COOK_NOT_PRINTED
    words = COOK_REFUND_WORDS if transaction.get("kind") == "refund" else COOK_WORDS
    return words[str(transaction.get("tender"))]
