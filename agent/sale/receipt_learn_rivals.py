"""A learnt total's rivals (part of ``agent receipt learn``): the other
labels that printed the confirmed total on every sample. Five receipts
without a discount print "Subtotal" and "Total" (in words the defaults may
not know) with the same amount: the samples cannot say which label is the
total, so the learnt template names the others (``total_rival``) and a
receipt on which they print another amount is flagged ``total_unsure``,
never trusted at whichever the learner happened to keep.

A rival may print its amount with no label, on a row of its own: a fiş
prints "GENEL TOPLAM" alone and "237.60 TL" on the row below it, which
the defaults do not read; five samples without a discount teach the
subtotal's label ("Ara Toplam") as the total's, and the bare amount row
is the rival that says, on a discounted receipt, that the real total is
another amount.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.receipt_learn_fields import (
    _AMOUNT,
    Truth,
    _tender_candidates,
    field_right,
    lines_both,
)
from agent.sale.receipt_learn_items import BARE, MONEY, total_printed
from agent.sale.receipt_learn_labels import label_regex
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret, lines_read
from drivers.receipt.facts import _ITEM, _LABELLED_AMOUNT, _TOTAL_FACT, facts_of

# What the defaults read such a line as when they do not know its label (an
# item, a labelled amount) or know it as a total's: a line they know as a
# subtotal, a tender, a payment, change or a balance is no rival.
_COULD_BE_A_TOTAL = (_ITEM, _LABELLED_AMOUNT, _TOTAL_FACT)


def _amounts(line: str) -> list[tuple[int, int]]:
    """(start, pence) of each amount printed on ``line``."""
    return [(m.start(), int(m.group(1).replace(",", "")) * 100 + int(m.group(2)))
            for m in MONEY.finditer(line)]


# A row printing an amount alone: a label-less rival.
_BARE = BARE


def _bare(line: str) -> bool:
    """Whether ``line`` prints an amount alone (``_BARE``)."""
    return re.match(_BARE, line) is not None


def _total_read(total: re.Pattern[str], lines: list[str]) -> tuple[str, int] | None:
    """The line the learnt ``total`` pattern reads and the pence it prints."""
    for i, line in enumerate(lines):
        if (m := total.search(line)) and (got := _amounts(total_printed(m, lines, i))):
            return line, got[-1][1]
    return None


def total_rivals(total: str, samples: Iterable[list[str]], tender_words: Iterable[str],
                 items: Iterable[Iterable[str]] = ()) -> str:
    """A pattern for the other labelled lines that printed the amount the
    learnt ``total`` reads on every sample (``samples``: each its lines),
    "" when none did; never a line the learnt ``tender_words`` name, nor an
    item: the receipt's first amount, or one naming a confirmed item
    (``items``: each sample's descriptions) - a meal bought alone prints its
    price as the total, and the next receipt's two items are no doubt. A
    row printing the amount alone (``_BARE``) is a rival with no label."""
    rx = re.compile(total)
    words = [w.casefold() for w in tender_words if w.strip()]
    found: list[str] | None = None
    for lines, names in itertools.zip_longest(samples, items, fillvalue=()):
        read = _total_read(rx, lines)
        if read is None:
            continue
        here = []
        first = next((ln for ln in lines if _amounts(ln)), None)
        for i, line in enumerate(lines):
            # (nor the amount under the learnt label alone: the total's own)
            if (rx.search(line) or line == first or any(w in line.casefold() for w in words)
                    or (i and (m := rx.search(lines[i - 1])) and m.group("amount") is None)
                    or any(n and line.startswith(n) for n in names)):
                continue
            if facts_of(line).kind not in _COULD_BE_A_TOTAL:
                continue
            for start, pence in _amounts(line):
                label = _BARE if _bare(line) else label_regex(line[:start])
                if pence == read[1] and label:
                    here.append(label)
        found = here if found is None else [r for r in found if r in here]
    if not found:
        return ""
    return "(?:" + "|".join(dict.fromkeys(found)) + r")[^\w\d]*" + _AMOUNT + r"(?!\d)"


def tender_rivals(samples: list[Any], truths: list[Truth], rc: ReceiptConfig,
                  words: dict[str, str],
                  tender_of: Callable[[str | None], str | None]) -> list[tuple[str, str]]:
    """(learnt word, other printed word) where the samples cannot say which
    names the tender: every sample confirmed as paid one way, and the other
    word, mapped instead, reads every sample's tender right too ("Imelipwa
    2.80" - paid - and "Njia: Pesa taslimu" - cash - on receipts all paid in
    cash). A card receipt printing the first is then read as cash."""
    paid = {t.tender for t in truths if t.tender is not None}
    if len(paid) != 1 or not words:
        return []
    rules = rules_from_config(rc)
    out: list[tuple[str, str]] = []
    for word, tender in words.items():
        others: dict[str, None] = {}
        for s, t in zip(samples, truths, strict=True):
            footer = {ln for ln, part, _ in lines_read(s, rules) if part == "footer"}
            for _rx, other in _tender_candidates(lines_both(s, rc), t, footer)[:_RIVALS_TRIED]:
                if other.casefold() != word.casefold():
                    others[other] = None
        for other in others:
            trial = dataclasses.replace(rc, tenders={
                **{k: v for k, v in rc.tenders.items() if k != word}, other: tender})
            trial_rules = rules_from_config(trial)
            if all(field_right(interpret(s, trial_rules), t, "tender", tender_of) is not False
                   for s, t in zip(samples, truths, strict=True)):
                out.append((word, other))
    return out


_RIVALS_TRIED = 6  # per sample: the likeliest other words
# A rival printed under a label ("Proupun: Zapuklok"): the label, a colon,
# the way's words.
_LABELLED = re.compile(r"^(?P<label>[^\W\d_][^:\d]{0,30}):\s*(?P<way>[^\W\d_]+(?:\s[^\W\d_]+)*)$")


def _way_template(label: str, n: int) -> ReceiptTemplate:
    """A tender line for ways printed under ``label``: the label, a colon,
    the way's words as the tender."""
    return ReceiptTemplate(f"learnt-way-{n}", tender=(
        r"^\W*" + r"\W*".join(re.escape(w) for w in label.split())
        + r"\s*:\s*(?P<tender>[^\W\d_]+(?:\s[^\W\d_]+)*)\s*$"))


def rival_ways(samples: list[Any], truths: list[Truth], rc: ReceiptConfig,
               rivals: list[tuple[str, str]], words: dict[str, str],
               tender_of: Callable[[str | None], str | None]
               ) -> tuple[list[ReceiptTemplate], dict[str, str]]:
    """Tender lines for the lines printed under a label that the samples
    cannot tell from their learnt tender word: a rival (``tender_rivals``:
    "Proupun: Zapuklok" beside "Thank you" on five card sales), or a label
    and words every sample printed alike anywhere ("Kaglan: Gladukla" above
    the items) that, read as the tender instead, reads every sample's
    tender right too. Each is read as a tender as well, the way under its
    label the word the samples confirmed: a receipt printing another way
    there ("Proupun: Tumukin") reads a tender no sample taught
    (``unmapped_tender``), never the learnt word's alone."""
    paid = {t.tender for t in truths if t.tender is not None}
    if len(paid) != 1 or not words:
        return [], {}
    tender = next(iter(paid))
    printed = [{" ".join(str(x).split()) for x in (getattr(s, "text", None) or [])}
               for s in samples]
    alike = set.intersection(*printed) if printed else set()
    found: dict[str, str] = {}  # label -> way
    for line in [other for _word, other in rivals] + sorted(alike):
        if (m := _LABELLED.match(" ".join(line.split()))) and m["label"] not in found:
            found[m["label"]] = m["way"]
    templates: list[ReceiptTemplate] = []
    ways: dict[str, str] = {}
    for label, way in found.items():
        tpl = _way_template(label, len(templates))
        trial = dataclasses.replace(rc, templates=[tpl, *rc.templates], tenders={
            **{k: v for k, v in rc.tenders.items() if k not in words}, way: tender})
        trial_rules = rules_from_config(trial)
        if all(field_right(interpret(s, trial_rules), t, "tender", tender_of) is not False
               for s, t in zip(samples, truths, strict=True)):
            templates.append(tpl)
            ways[way] = tender
    return templates, ways
