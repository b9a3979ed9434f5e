"""Tenders: the words tills print for how a sale was paid, and the
contract's word (``cash``, ``card``, ``account``, ``fsm``) for each."""

from __future__ import annotations

import re

from drivers.receipt.amounts import _CURRENCY_IN_BRACKETS

UNMAPPED_TENDER = "unmapped_tender"
CONTRACT_TENDERS = ("cash", "card", "account", "fsm")
# Printed tender words -> the contract's word (casefolded, single-spaced).
TENDERS: dict[str, str] = {
    **dict.fromkeys(("cash", "cash sale", "notes and coins"), "cash"),
    **dict.fromkeys(("card", "credit card", "debit card", "contactless", "visa", "visa debit",
                     "visa credit", "mastercard", "maestro", "amex", "american express",
                     "card sale", "mag card", "card payment", "chip and pin", "chip & pin",
                     "eftpos", "credit/debit card"), "card"),
    **dict.fromkeys(("account", "acc", "acct", "on account", "pupil account", "student account",
                     "customer account", "cashless", "cashless account", "debt", "due",
                     "charge to account", "dinner money", "biometric"), "account"),
    **dict.fromkeys(("fsm", "free", "free meal", "free meals", "free school meal",
                     "free school meals", "fsm allowance", "meal allowance", "uifsm",
                     "universal free school meal", "universal free school meals",
                     "free meal allowance", "free school meal allowance"), "fsm"),
}
# Tenders real tills print that the contract has no word for: read (and
# flagged) as tenders, never as items.
UNMAPPED_TENDERS = ("cheque", "check", "voucher", "gift card", "gift voucher", "note", "slip",
                    "online", "parentpay", "bank", "bank transfer", "transfer", "bacs",
                    "paypal", "token", "tokens",
                    # A card on Casio/Sharp ECRs, an account at some school tills: the
                    # site maps it ([receipt.tenders]); a wrong guess charges a parent.
                    "charge")
# A tender with its label: "Paid by: Card", "Payment: Cashless", "Refunded to: Cash".
_TENDER_LABELLED = re.compile(r"^(?:paid\s+(?:by|with|from)|payment(?:\s+(?:method|type|by))?|"
                              r"tender(?:ed)?(?:\s+type)?|(?:refund(?:ed)?|credited|charged)\s+to|paid)"
                              r"(?:\s*[:\-]\s*|\s+)\(?"  # "Paid (Card)"
                              r"(?P<tender>[^\W\d_][\w &/'-]{0,30}?)\)?\s*$", re.I)
# A card named by its brand or kind, whatever words beside it ("Debit
# Mastercard", "Visa Electron", "Amex Platinum"): a card.
_CARD_BRAND = re.compile(r"\b(?:visa|master\s?card|maestro|amex|american\s+express|"
                         r"(?:debit|credit)\s+card|contactless|(?:apple|google|samsung)\s+pay)\b",
                         re.I)
# A tender word with a word after it: "Cash tendered", "Card payment".
_TENDER_SUFFIX = re.compile(r"^(?P<tender>.+?)\s+(?:payment|paid|tendered|sale)$", re.I)


# Any kind of account paid from ("School Account", "Meal Account"): the
# pupil's account.
_ACCOUNT_TENDER = re.compile(r"^(?!(?:your|my|new|old|previous|current)\b)[^\W\d_]+\s+account$")


def _key(text: str) -> str:
    """A label as the tender tables are keyed: casefolded, single-spaced,
    without the currency in brackets after it."""
    if "(" in text:
        text = _CURRENCY_IN_BRACKETS.sub("", text)
    return " ".join(text.casefold().split())


def contract_tender(printed: str) -> str | None:
    """The contract's tender for a printed tender word by the built-in table
    ``TENDERS`` (any case and spacing), or None when the table has none."""
    return TENDERS.get(_key(printed))


def _tender_word(label: str) -> str | None:
    """The tender ``label`` names, as printed, or None. ``label`` is the text
    before a line's amount, or a whole line without one."""
    if (m := _TENDER_LABELLED.match(label)) is not None:
        return m.group("tender")
    k = _key(label)
    if k in TENDERS or k in UNMAPPED_TENDERS or _CARD_BRAND.search(k) \
            or _ACCOUNT_TENDER.search(k):
        return label
    if (m := _TENDER_SUFFIX.match(label)) is not None and (
            _key(m.group("tender")) in TENDERS or _key(m.group("tender")) in UNMAPPED_TENDERS):
        return m.group("tender")  # "Card payment", "Gift card payment", "Voucher tendered"
    return None
