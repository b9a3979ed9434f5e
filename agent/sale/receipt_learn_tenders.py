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
from drivers.receipt import interpret, tenders_printed
from drivers.receipt.tender_words import balance_purse, purse_of_way
from drivers.receipt.tenders import _key

# (as ``receipt_learn_fields``: the tender's words, then its amount)
# A learnt word ends where the printed word ends: a "+" glued to it is the
# word's ("cash+  4.75" is no "cash": a university card's purse; NUMBERS.md
# "A plus glued to a word").
WORD_ENDS = r"(?!\+)"
_MONEY_TEXT = r"[£$€]?\s?-?\d[\d,]*[.,]\d\d(?!\d)"
# (a purse's small number among the words: "Sold from Purse 2 (FM)  £2.45")
_WORDS_THEN_AMOUNT = re.compile(
    rf"^\W*(?P<words>[^\W\d_](?:[^\d]|(?<=\s)\d{{1,2}}(?=\s))*?)\W*{_MONEY_TEXT}\W*$")


def _pence(line: str) -> list[int]:
    return [int(a.replace(",", "")) * 100 + int(b) for a, b in MONEY.findall(line)]


def tender_pattern(words: str) -> str:
    """A tender line's pattern: its words as the tender, then an amount."""
    return (r"^\W*(?P<tender>" + r"\W*".join(re.escape(w) for w in words.split())
            + ")" + WORD_ENDS + rf"(?=\W*{_MONEY_TEXT})")


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


def purses_of_ways(tenders: dict[str, str]) -> dict[str, str]:
    """The purse each learnt way phrase names, as printed, with the way's
    tender ("Sold from Purse 1" = account: "Purse 1" = account): a refund
    back to the purse a sample paid from ("Returned to Purse 1  £2.60",
    read as the purse it returns to) is the same pupil's money, the same
    tender (``TENDERS.md``). Only a purse that no learnt word names
    otherwise, that is not itself a way, nor a balance ("From cash balance":
    "Cash balance £17.43" alone is what is left, never a tender)."""
    out: dict[str, str] = {}
    taught = {_key(w) for w in tenders}
    for word, tender in tenders.items():
        purse = purse_of_way(_key(word))
        if not purse or purse == _key(word) or purse in taught or purse_of_way(purse) \
                or balance_purse(purse):
            continue
        at = _key(word).rfind(purse)
        printed = " ".join(word.split())
        # (the purse's own capitals where the key lines up with the words as printed)
        name = printed[at:at + len(purse)] if _key(printed) == printed.casefold() else purse
        if out.get(name, tender) == tender:
            out[name] = tender
        else:  # (two ways to one purse learnt as two tenders: the samples do not say)
            out[name] = ""
    return {name: tender for name, tender in out.items() if tender}


def unread_partners(lines: list[str], sample: Any, rc: ReceiptConfig, t: Any) -> list[str]:
    """Tender patterns for the part of a split sample (``t``'s tender "": no
    single tender) that ``rc`` does not read: the line next to the one
    tender it reads ("NUMERAR  23.80"), words then one amount, whose amount
    and that tender's make the confirmed total ("TICHETE MASA  23.00" under
    "TOTAL 46.80"). The receipt's arithmetic names the part, not its word:
    learnt with no contract word, a split reads as its two parts and a sale
    paid by that line alone is flagged ``unmapped_tender``. [] when ``rc``
    reads no tender, or reads the split already."""
    if t.tender != "" or not t.total:
        return []
    rules = rules_from_config(rc)
    printed = {" ".join(w.casefold().split()) for w in tenders_printed(sample, rules)}
    if len(printed) != 1 or len(interpret(sample, rules).tenders) > 1:
        return []
    word = printed.pop()
    said = [ln for ln in lines if (m := _WORDS_THEN_AMOUNT.match(ln))
            and word in " ".join(m.group("words").casefold().split())]
    if len(said) != 1:
        return []
    words = _WORDS_THEN_AMOUNT.match(said[0])
    assert words is not None
    return split_partners(tender_pattern(words.group("words")), [lines], [t])
