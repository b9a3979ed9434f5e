"""A card whose own balance the receipt prints is stored value: the
school's cashless card (the pupil's account), never a bank card
(``KIND.md``, "A tender's own balance")."""

from __future__ import annotations

import re

from drivers.receipt.doc_words import POINTS_BEFORE
from drivers.receipt.tenders import _CARD_BRAND, _key, builtin_tender

# A balance named by what holds it ("Card Balance Remaining", "Cashless card
# bal"): the holder's words, up to two, before the balance's word; a word may
# carry a "+" glued to it ("cash+ balance": a university card's money purse,
# NUMBERS.md "A plus glued to a word").
_BALANCE_OF = re.compile(r"^(?P<of>[^\W\d_]+\+?(?:\s+[^\W\d_]+\+?)?)\s+bal(?:ance)?\b", re.I)

# A card named as a bank's ("Debit Card", "Credit card", "Bank card"): with
# a balance printed, a bank's or the school's? Not sure.
_BANK_WORDS = re.compile(r"\b(?:debit|credit|bank)\b")


def balance_holder(label: str) -> str:
    """The words naming what holds a balance line's money ("Card Balance
    Remaining": "card"), as a ``_key``; "" when the label names none."""
    m = _BALANCE_OF.match(label.strip())
    return _key(m.group("of")) if m else ""


def own_balance(printed: list[str], holders: list[str], in_parts: bool = False) -> str | None:
    """What the printed tenders' own balance says of a tender read as a bank
    card: "account" when a balance printed names the card that paid ("Refund
    to Card" / "Card Balance Remaining": a bank prints no card's balance on
    a till's slip), "unsure" when that card also names a card scheme (a
    brand's gift card? the reading cannot tell) or a bank's ("Debit Card"),
    None when no balance names it; "unsure" too where the card paid in
    parts (``in_parts``: "Payment card £1.30" and "Card 1.00" under "TOTAL
    £2.30": the balance is one card's, and whether both parts were that
    card the paper does not say)."""
    held = {h.split()[-1] for h in holders if h}
    paid_by = [p for p in printed if held & set(_key(p).split())]
    if not paid_by:
        return None
    return "unsure" if in_parts or any(
        _CARD_BRAND.search(_key(p)) or _BANK_WORDS.search(_key(p)) for p in paid_by) \
        else "account"


def purse_paid(before: tuple[str, int], after: int, total: int | None,
               paid: int) -> str | None:
    """What a purse's balance printed at what was left to pay says, read as
    the next amount set aside after it is (``before``: that balance's holder
    and amount; ``after``: the next amount; ``paid``: what the tenders read
    so far paid).

    "Cashless balance £6.00" under "TOTAL £6.00", then "Balance remaining
    £8.73": the first is no balance left (the next line is), nor the balance
    the sale was taken from (that less the sale would leave £0.00; a sale
    paid another way would leave it as it was): it is what the purse paid
    (TENDERS.md, "A purse's balance at what was left to pay"); after "FSM
    allowance £2.50", "Cashless balance £3.50" pays the rest. "account"
    where the holder's words are the account's ("cashless", "meal account");
    "unsure" where they name no such purse, or where the next balance
    leaves it unproved (the same amount: the purse untouched?); None where
    the balance is not what was left to pay. (A sale voided to £0.00 with
    "Cashless balance £0.00" over "Balance remaining £10.28": the purse
    paid nothing, and nothing moves: read as the purse.)"""
    holder, amount = before
    rest = abs(total) - paid if total is not None else -1
    if not holder or rest < 0 or (rest == 0 and paid) or abs(amount) != rest:
        return None
    if abs(after) == rest:
        return "unsure"
    way = builtin_tender(holder)
    if way == "card":
        # "Card balance €9.60" / "Balance now €19.69": the card's own balance,
        # stored value (a bank's card prints none at a till): the holder's
        # account, unless it names a scheme or a bank (``own_balance``)
        way = own_balance([holder], [holder])
    return "account" if way == "account" else "unsure"


def own_purse(holder: str, unread: list[tuple[str, int, int]], total: int | None, paid: int,
              holder_named: bool) -> tuple[str, int, int] | None:
    """The way paid that a balance line names as its holder, where that way's
    words are ones no table knows (``unread``: each such line after the total,
    its words as ``_key`` keys them, its amount and its place among the
    amounts under such words): "cash+  4.75" over
    "cash+ balance  4.64" (a university card's money purse). A purse that
    prints its own balance is stored value, and on a receipt that names the
    card's holder (``holder_named``: an account read) it is that holder's
    account, as a card with its own balance is (``KIND.md``, "A tender's own
    balance"). Only where it paid what was left to pay (``total`` less
    ``paid``, what the tenders read paid), and its words name no points,
    stamps or bonus (a loyalty scheme's balance, never the account). None
    where no such way is printed."""
    if not holder_named or total is None or POINTS_BEFORE.search(holder):
        return None
    return next((way for way in unread
                 if way[0] == holder and paid + abs(way[1]) == abs(total)), None)
