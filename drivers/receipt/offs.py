"""Amounts off: lines that take money off the items, whatever words and
sign they are printed with. A discount's own word is the facts' (``labels``);
these are the other families real tills print: an offer or a saving, a rate
taken off under a purse's name, an allowance or credit printed negative."""

from __future__ import annotations

import re

from drivers.receipt.amounts import _AMOUNT, _pence
from drivers.receipt.labels import _DISCOUNT
from drivers.receipt.model import _NOT_A_LINE, ReceiptLine
from drivers.receipt.vocabulary import Vocabulary

# A rate in a label ("Food purse 5%", "Staff 10 %").
_RATE = re.compile(r"(?<![\d.,])\d{1,2}(?:[.,]\d{1,2})?\s?%")
# Words of an amount off, printed with either sign ("Meal deal saving 0.40",
# "Lunch offer -0.40", "FSM deduction 2.30", "Promo", "Price reduction"),
# and a discount's word in the languages tills print it (Catalan
# "Descompte", Spanish "Descuento", Portuguese "Desconto", French "Remise",
# "Rabais", German "Rabatt", "Nachlass", Italian "Sconto", Dutch "Korting",
# Polish "Rabat"; Cyrillic ones below).
_OFF_WORDS = re.compile(r"\b(?:savings?|offer|promo(?:tion)?|deduction|reduction|rebate|"
                        r"markdown|money\s+off|descompte|descuento|desconto|remises?|rabais|"
                        # Spanish tills' abbreviations of "descuento": "Dto." (Spain,
                        # Uruguay's "Dto. IVA Ley 19.210"), "Dcto." (Chile, Colombia, Peru)
                        r"dto|dcto|"
                        r"rabatt?|nachlass|sconto|korting|"
                        # further afield: Turkish "İndirim", Czech and Slovak "Sleva",
                        # Finnish "Alennus", Hungarian "Kedvezmény", Croatian "Popust",
                        # Polish "Zniżka", "Upust", Romanian "Reducere", Greek "Έκπτωση"
                        r"indirim|slevy?|zľava|alennus|kedvezm[ée]ny|popust|zni[zż]ka|upust|"
                        # Ukrainian "Знижка", Russian "Скидка", Bulgarian "Отстъпка"
                        r"reducere|έκπτωση|знижк[аи]|скидк[аи]|отстъпка)\b", re.I)
# Words of money the pupil had ("Free meal allowance", "Meal credit"):
# printed negative before the total, perhaps an amount off the items.
_CREDIT_WORDS = re.compile(r"\b(?:allowance|credit)\b", re.I)
# ... unless the words say it is what is left ("Credit remaining", "Allowance left").
_LEFT_WORDS = re.compile(r"\b(?:remaining|left|balance|after|before|[bc]/f|available)\b", re.I)


def rate_off(label: str, amount: int) -> bool:
    """Whether a line is an amount taken off at a rate: its label gives a
    rate and its amount is negative ("Food purse 5%  -0.18", a purse's own
    discount). Whatever else the label names (a purse, an allowance), such
    a line is an amount off the items, never a balance."""
    return amount < 0 and _RATE.search(label) is not None


# A discount's word and its rate, and nothing else on the line ("DESCONTO
# 5,00%", "Discount: 10%", "Rabatt (10 %)").
_RATE_ALONE = re.compile(r"^(?P<label>[^\W\d_][^\d%]*?)\s*:?\s*\(?"
                         r"(?P<rate>\d{1,2}(?:[.,]\d{1,2})?)\s?%\)?$")


def rate_alone_off(line: str) -> float | None:
    """The rate of a discount printed as its rate alone, no amount beside
    it ("DESCONTO 5,00%"), in percent; None for any other line."""
    m = _RATE_ALONE.match(line)
    if m is None or not (_DISCOUNT.search(m["label"]) or off_words(m["label"])):
        return None
    return float(m["rate"].replace(",", "."))


_OFF_WORDS_IN = Vocabulary("off words", (_OFF_WORDS,))


def off_words(label: str) -> bool:
    """Whether ``label`` names an amount off (an offer, a saving, a
    deduction): read as a discount, whichever sign it is printed with."""
    return _OFF_WORDS_IN.may_answer(label) and _OFF_WORDS.search(label) is not None


def credit_off(label: str, amount: int) -> tuple[ReceiptLine, ...] | None:
    """The readings of a balance's line printed negative under an
    allowance's or credit's words ("Free meal allowance  -2.30"): no line
    (a balance), or an amount off the items; the arithmetic chooses. None:
    a balance, no line."""
    if amount >= 0 or _CREDIT_WORDS.search(label) is None or _LEFT_WORDS.search(label):
        return None
    return (_NOT_A_LINE, ReceiptLine(label, 1, amount))


def off_and_after(line: str) -> tuple[int, int] | None:
    """A discount's line that prints the amount off and then the value left
    ("Item Disc: -R9.00   R81.00" under "2x @ R45.00"): ``(off, after)``,
    the amount off negative; None when the line prints no such pair."""
    amounts = list(_AMOUNT.finditer(line))
    if len(amounts) != 2:
        return None
    off, after = (_pence(a) for a in amounts)
    return (off, after) if off < 0 < after else None


def rate_of(label: str, amount: int, base: int) -> bool:
    """Whether an amount off's ``label`` prints a rate that, taken of
    ``base``, makes its ``amount`` to the penny ("Discount (15%)  -R58.88"
    under "Subtotal: R392.50"): then it was worked out from that base, so
    taken off after it, not already in the values above it."""
    m = _RATE.search(label)
    if m is None or not base:
        return False
    rate = float(m.group(0).rstrip("% ").replace(",", "."))
    return 0 < rate < 100 and abs(abs(amount) * 100 - abs(base) * rate) < 100
