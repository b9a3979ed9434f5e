"""A learnt total's rivals (part of ``agent receipt learn``): the other
labels that printed the confirmed total on every sample. Five receipts
without a discount print "Subtotal" and "Total" (in words the defaults may
not know) with the same amount: the samples cannot say which label is the
total, so the learnt template names the others (``total_rival``) and a
receipt on which they print another amount is flagged ``total_unsure``,
never trusted at whichever the learner happened to keep.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from agent.sale.receipt_learn_fields import _AMOUNT
from agent.sale.receipt_learn_items import MONEY
from agent.sale.receipt_learn_labels import label_regex
from drivers.receipt.facts import _ITEM, _LABELLED_AMOUNT, _TOTAL_FACT, facts_of

# What the defaults read such a line as when they do not know its label (an
# item, a labelled amount) or know it as a total's: a line they know as a
# subtotal, a tender, a payment, change or a balance is no rival.
_COULD_BE_A_TOTAL = (_ITEM, _LABELLED_AMOUNT, _TOTAL_FACT)


def _amounts(line: str) -> list[tuple[int, int]]:
    """(start, pence) of each amount printed on ``line``."""
    return [(m.start(), int(m.group(1).replace(",", "")) * 100 + int(m.group(2)))
            for m in MONEY.finditer(line)]


def _total_read(total: re.Pattern[str], lines: list[str]) -> tuple[str, int] | None:
    """The line the learnt ``total`` pattern reads and the pence it prints."""
    for line in lines:
        if (m := total.search(line)) and (got := _amounts(m.group("amount"))):
            return line, got[-1][1]
    return None


def total_rivals(total: str, samples: Iterable[list[str]], tender_words: Iterable[str],
                 items: Iterable[Iterable[str]] = ()) -> str:
    """A pattern for the other labelled lines that printed the amount the
    learnt ``total`` reads on every sample (``samples``: each its lines),
    "" when none did; never a line the learnt ``tender_words`` name, nor an
    item: the receipt's first amount, or one naming a confirmed item
    (``items``: each sample's descriptions) - a meal bought alone prints its
    price as the total, and the next receipt's two items are no doubt."""
    rx = re.compile(total)
    words = [w.casefold() for w in tender_words if w.strip()]
    found: list[str] | None = None
    for lines, names in itertools.zip_longest(samples, items, fillvalue=()):
        read = _total_read(rx, lines)
        if read is None:
            continue
        here = []
        first = next((ln for ln in lines if _amounts(ln)), None)
        for line in lines:
            if (rx.search(line) or line == first or any(w in line.casefold() for w in words)
                    or any(n and line.startswith(n) for n in names)):
                continue
            if facts_of(line).kind not in _COULD_BE_A_TOTAL:
                continue
            for start, pence in _amounts(line):
                label = label_regex(line[:start])
                if pence == read[1] and label:
                    here.append(label)
        found = here if found is None else [r for r in found if r in here]
    if not found:
        return ""
    return "(?:" + "|".join(dict.fromkeys(found)) + r")[^\w\d]*" + _AMOUNT + r"(?!\d)"
