"""Which currency a paper receipt printed its amounts in, and what the
office is told when it is not the site's (``agent.config.currency``): the
receipt reader keeps only the figures, so "12.00" read from a euro receipt at
a pound site would be shown as "£12.00" with nothing to say why."""

from __future__ import annotations

import re

from agent.config.currency import CURRENCIES, Currency
from drivers.receipt.amounts import MONEY

# A mark as the receipt reader reads it before or after an amount
# (drivers/receipt/amounts.MONEY), to the currency it stands for; a pound
# sign misdecoded by a wrong code page ("Â£", "œ") is still pounds.
_MARKS = {"£": "GBP", "GBP": "GBP", "Â£": "GBP", "œ": "GBP", "ú": "GBP", "Ł": "GBP",
          "€": "EUR", "EUR": "EUR"}
_AMOUNT = re.compile(MONEY)
# Other currencies' marks worth saying ("$12.00", "CHF 9.00"); a lone symbol
# the reader also takes as a mark ("*", "#") is no currency.
_OTHER = re.compile(r"(?:[A-Z]{1,3})?\$|[A-Z]{3}|[₡₱₦₵₴₸₼₾৳₨₹₩₫¥]")


def printed_currencies(lines: list[str]) -> set[str]:
    """The currencies a receipt's printed ``lines`` put beside their amounts:
    "GBP", "EUR", or another's mark as printed ("$", "CHF"); empty when the
    paper prints bare figures (most tills: then nothing is known)."""
    found: set[str] = set()
    for line in lines:
        for m in _AMOUNT.finditer(line):
            mark = (m["cur"] or m["cur2"] or "").strip()
            if mark in _MARKS:
                found.add(_MARKS[mark])
            elif _OTHER.fullmatch(mark):
                found.add(mark)
    return found


def currency_note(lines: list[str], site: Currency) -> str:
    """What a page says beside a receipt printed in another currency than
    the site's ("" when it is the site's, or the paper does not say)."""
    printed = printed_currencies(lines)
    if not printed or site.code in printed:
        return ""
    marks = " and ".join(sorted(CURRENCIES[c].symbol if c in CURRENCIES else c
                                for c in printed))
    return (f"The paper prints its amounts in {marks}, but this till is set up for "
            f"{site.name} ({site.symbol}): the figures here are the paper's numbers. If the "
            "till's receipts all print this way, the till's currency setting is wrong: tell "
            "the till supplier.")
