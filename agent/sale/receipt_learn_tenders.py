"""Learning a till's tender lines (part of ``agent receipt learn``): the
words that name another tender on samples paid otherwise, the lines the
rules take the tender from now, and a tender learnt beside a split.

A till's own tender line ("Taken from balance  £1.20", the account) is
learnt from the samples paid by it alone; a sample the technician confirmed
as paid two ways ("FSM allowance used £2.55" and "Taken from balance
£0.05", no single tender) prints it too, with a part of the total. Learnt
alone, that sample would read as paid by the account (flagged: the account
paid less than the total). The receipt's own arithmetic names the other
part: the line below the total whose amount, with the learnt tender's,
makes the total. Its words are learnt as a tender line too, with no
contract word (no sample says which tender it is): the split reads as a
split, and a receipt paid by that line alone is flagged ``unmapped_tender``,
never guessed.
"""

from __future__ import annotations

import re
from typing import Any

from agent.config import ReceiptConfig
from agent.sale.receipt_learn_items import MONEY
from agent.sale.receipt_learn_labels import label_regex
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret

# (as ``receipt_learn_fields``: the tender's words, then its amount)
_MONEY_TEXT = r"[£$€]?\s?-?\d[\d,]*[.,]\d\d(?!\d)"
# (a purse's small number among the words: "Sold from Purse 2 (FM)  £2.45")
_WORDS_THEN_AMOUNT = re.compile(
    rf"^\W*(?P<words>[^\W\d_](?:[^\d]|(?<=\s)\d{{1,2}}(?=\s))*?)\W*{_MONEY_TEXT}\W*$")


def _pence(line: str) -> list[int]:
    return [int(a.replace(",", "")) * 100 + int(b) for a, b in MONEY.findall(line)]


def tender_pattern(words: str) -> str:
    """A tender line's pattern: its words as the tender, then an amount."""
    return (r"^\W*(?P<tender>" + r"\W*".join(re.escape(w) for w in words.split())
            + rf")(?=\W*{_MONEY_TEXT})")


def split_partners(tender: str, printed: list[list[str]], truths: list[Any]) -> list[str]:
    """Tender patterns for the other part of each split sample (``truths``'
    tender "": no single tender; ``printed``: each sample's lines) that
    prints the learnt ``tender`` pattern's line: the line below it or above
    it, words then one amount, whose amount and the learnt line's make the
    confirmed total. [] when no split sample prints the learnt line."""
    rx = re.compile(tender)
    out: list[str] = []
    for lines, t in zip(printed, truths, strict=True):
        if t.tender != "" or not t.total:
            continue
        mine = [(i, _pence(ln)) for i, ln in enumerate(lines) if rx.search(ln)]
        if len(mine) != 1 or len(mine[0][1]) != 1:
            continue
        at, paid = mine[0][0], mine[0][1][0]
        for i, line in enumerate(lines):
            m = _WORDS_THEN_AMOUNT.match(line)
            if i == at or m is None or _pence(line) != [abs(t.total) - paid]:
                continue
            # (next to the learnt line: a part, never a balance further down)
            if abs(i - at) == 1 and (p := tender_pattern(m.group("words"))) not in out:
                out.append(p)
    return out


def names_other_tenders(rx: str, word: str, printed: list[list[str]], truths: list[Any],
                        tender: str) -> bool:
    """Whether ``rx`` reads ``word`` from a line of a sample (``printed``:
    each sample's lines) confirmed as paid otherwise (a footer or a header
    line, not the tender)."""
    def says(line: str) -> bool:
        m = re.search(rx, line)
        return m is not None and m.group("tender") == word

    return any(t.tender and t.tender != tender and any(says(ln) for ln in lines)
               for lines, t in zip(printed, truths, strict=True))


def rival_tender_lines(lines: list[str], sample: Any, rc: ReceiptConfig) -> list[str]:
    """Label patterns of the lines the rules take the tender from now (to be
    ignored when the till's own tender line is learnt: "Paid Amount 11.82"
    below "Payment Method Card")."""
    read = interpret(sample, rules_from_config(rc)).tender
    if not read:
        return []
    out = []
    for line in lines:
        first = re.search(r"\d", line)
        prefix = line[:first.start()] if first else line
        if read.casefold() in prefix.casefold() and (label := label_regex(prefix)):
            out.append(label + ("\\d" if first else "$"))
    return out
