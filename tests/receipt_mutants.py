"""The red team that does not share the rules' vocabulary: receipts every
set's renderers print and the default rules read fully right and unflagged,
reprinted by python-escpos with one line added where money is decided,
under a label no rule can hold (pronounceable nonsense, or a word of a
language no set covers). ``tests/test_receipt_unknown_words.py`` holds the
property: where the paper's own arithmetic proves the money (a tender's
amount that is the total; handed over less change that is), the reading is
unchanged; otherwise the receipt is flagged, never read as sure.

    python -m tests.receipt_mutants [--per-layout 2] [--each 2] [--seed 5] [--show K]

The six places (what a careful person reading the paper may conclude):
``after_total``  an amount under the total that differs from it: the amount
                 to pay after a discount or a rounding, or something else;
                 which was charged only a tender's amount can say.
``before_tender`` a second amount between the total and the tender: the
                 same question, asked just above the payment.
``tender``       the tender's word replaced by an unknown one, its amount
                 the total's: paid, but by what the paper does not say to us.
``after_tender`` an amount under the tender: a balance, points, or change;
                 the total and the payment above it stand.
``signed``       a negative amount among the totals, just under the total:
                 an amount off still to take, or one taken already.
``signed_above`` the same just above the total: taken off before it (the
                 items, less it, make the total) or not (they make it alone).
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass

from drivers.receipt import ParsedReceipt, interpret
from drivers.receipt.total_labels import _TOTAL_WORD
from tests.receipts_score import (
    HOLDOUTS,
    _pairs,
    all_layouts,
    decode,
    group_layouts,
    printed_receipt,
    read,
    review_flags,
    truth_fields,
)

_TOTAL_LINE = re.compile(r"\b" + _TOTAL_WORD + r"\b", re.I)
PLACES = ("after_total", "before_tender", "tender", "after_tender", "signed", "signed_above")
MONEY = ("total", "tender", "kind", "account")

# Real words for total, paid, change, balance and amount in languages no set
# covers (Icelandic, Swahili, Welsh, Basque, Tagalog, Mongolian, Hausa,
# Irish), checked absent from every rule and corpus when written.
FOREIGN = ["Samtals", "Greitt", "Afgangur", "Chenji", "Salio", "Newid", "Guztira", "Itzulia",
           "Kabuuan", "Bayad", "Нийт", "Хариулт", "Үлдэгдэл", "Jimla", "Kiasi", "Baki",
           "Ordaindua", "Iomlán", "Athrú"]
_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "kl",
           "tr", "sn", "gl", "pr"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]
_CODAS = ["", "", "n", "r", "k", "sk", "m", "t"]


def nonsense(rng: random.Random) -> str:
    """A pronounceable word nobody's rules can contain ("Brouven", "Zikask")."""
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3)))
    return (word + rng.choice(_CODAS)).capitalize()


def unknown_label(rng: random.Random) -> str:
    """A label of one or two words no rule knows, now and then with a colon."""
    words = [rng.choice(FOREIGN) if rng.random() < 0.4 else nonsense(rng)]
    if rng.random() < 0.3:
        words.append(nonsense(rng).lower())
    return " ".join(words) + (":" if rng.random() < 0.2 else "")


# A printed amount: figures, grouped or not, with a decimal part or none.
_AMOUNT = re.compile(r"(?<![\w.,])-?\d{1,3}(?:([.,' ])\d{3})*(?:([.,])\d{2})?(?![\w.,]*\d)"
                     r"|(?<![\w.,])-?\d+(?:([.,])\d{2})?(?![\w])")


@dataclass(frozen=True)
class Amount:
    """An amount printed on a line: where, its value in hundredths, and how
    it is written (decimal mark, thousands mark; None: whole units)."""

    start: int
    end: int
    value: int
    decimal: str | None
    group: str | None

    def written(self, value: int) -> str:
        """``value`` (hundredths) written as this amount is."""
        sign = "-" if value < 0 else ""
        units, cents = divmod(abs(value), 100)
        figures = f"{units:,}".replace(",", self.group or "")
        return sign + figures + (f"{self.decimal}{cents:02d}" if self.decimal else "")


def amounts_in(line: str) -> list[Amount]:
    """The amounts printed on ``line``, in hundredths of the currency."""
    out = []
    for m in _AMOUNT.finditer(line):
        text = m.group(0)
        decimal = m.group(2) or m.group(3)
        group = m.group(1)
        digits = re.sub(r"[^\d]", "", text)
        value = int(digits) if decimal else int(digits) * 100
        out.append(Amount(m.start(), m.end(), -value if text.startswith("-") else value,
                          decimal, group))
    return out


def _last_amount(line: str) -> Amount | None:
    found = amounts_in(line)
    return found[-1] if found else None


@dataclass
class Base:
    """A receipt read fully right with no flag, as printed, with where its
    money lines are (indexes into ``text``)."""

    layout: str
    text: list[str]
    truth: dict
    total_at: int
    tender_at: int | None  # the first line after the total with the total or more
    change_at: int | None  # a line after the tender with its amount less the total
    proved: bool  # a tender's amount is the total, or handed over less change is
    # the tender is read the same with its line taken away: printed elsewhere too
    tender_elsewhere: bool


def reading(text: list[str]) -> ParsedReceipt:
    """``text`` printed by python-escpos, decoded and read with the defaults."""
    return interpret(printed_receipt(*text))


def money_of(p: ParsedReceipt) -> dict:
    got = read(p)
    return {f: got[f] for f in MONEY}


def _locate(text: list[str], truth: dict) -> tuple[int, int | None, int | None, int] | None:
    total = abs(truth["total"])
    if not total:
        return None
    # the last line printing the total under a total's word (the harness
    # may know the words: it only finds where to add a line), then the
    # first line after it printing the total or more, an amount's cents too
    totals = [i for i, ln in enumerate(text)
              if (a := _last_amount(ln)) and abs(a.value) == total and _TOTAL_LINE.search(ln)]
    if not totals:
        return None
    total_at = totals[-1]
    cents = _last_amount(text[total_at]).decimal  # type: ignore[union-attr]
    tender_at = next((i for i in range(total_at + 1, len(text))
                      if (a := _last_amount(text[i])) and abs(a.value) >= total
                      and a.decimal == cents), None)
    change_at = None
    if tender_at is not None:
        given = abs(_last_amount(text[tender_at]).value)  # type: ignore[union-attr]
        change_at = next((i for i in range(tender_at + 1, len(text))
                          if given > total and (a := _last_amount(text[i]))
                          and abs(a.value) == given - total), None)
    # the last item's line: the first printing its value after the one before's
    at = 0
    for _, _, value in truth["lines"]:
        at = next((i for i in range(at, total_at)
                   if any(abs(a.value) == abs(value) for a in amounts_in(text[i]))), at)
    return total_at, tender_at, change_at, at


def _paid_is_total(text: list[str], after: int, total_at: int, total: int) -> bool:
    """Whether a line after line ``after`` (the last item's), not one under
    a total's word, prints the total again (a tender's amount, a card
    slip's); or, under the total (line ``total_at``), two amounts on a line
    whose difference it is ("Paid with £20.00, your change is £10.40"), or
    an amount whose excess over it a later line prints (the change) or
    whose shortfall (a split's other part). The amount handed over may be
    printed above the total, under the items ("Cash Amount: £5.00" /
    "Total : £3.50" / "Change : £1.50", holdout26 holycross-sfc: proved, as
    ``result.handed_back`` reads it; the mutants at seed 31 called the
    reading of it unproved)."""
    total = abs(total)
    if any((a := _last_amount(ln)) and abs(a.value) == total and not _TOTAL_LINE.search(ln)
           for ln in text[after + 1:]):
        return True
    rest = [ln for ln in text[after + 1:total_at] if not _TOTAL_LINE.search(ln)] \
        + text[total_at + 1:]
    for k, ln in enumerate(rest):
        found = [abs(a.value) for a in amounts_in(ln)]
        if not found:
            continue
        if len(found) >= 2 and found[0] - found[-1] == total:
            return True
        if any((a := _last_amount(later)) and abs(a.value) in (found[-1] - total,
                                                               total - found[-1])
               for later in rest[k + 1:]):
            return True  # handed over and the change; or a split's two parts
    return False


@functools.cache
def bases(per_layout: int = 2, seed: int = 11) -> tuple[Base, ...]:
    """Up to ``per_layout`` receipts of every layout of every set that the
    default rules read fully right with no flag, printed and reprinted."""
    layouts = all_layouts() + [lay for g in HOLDOUTS for lay in group_layouts(g)]
    out = []
    for lay in layouts:
        found = 0
        for data, truth in _pairs(lay, 8 * per_layout, seed):
            if found == per_layout:
                break
            receipts = decode(data)[0]
            if len(receipts) != 1:
                continue
            want = truth_fields(truth)
            text = list(receipts[0].text)
            p = reading(text)
            if p.flags or read(p) != want:
                continue  # reprinted plain, it must read as the till printed it
            where = _locate(text, want)
            if where is None:
                continue
            total_at, tender_at, change_at, last_item = where
            proved = _paid_is_total(text, last_item, total_at, want["total"])
            elsewhere = tender_at is not None and read(
                reading(text[:tender_at] + text[tender_at + 1:]))["tender"] == want["tender"]
            out.append(Base(lay, text, want, total_at, tender_at, change_at, proved, elsewhere))
            found += 1
    return tuple(out)


def _line_like(model: str, label: str, value: int) -> str:
    """A line printed as ``model`` is (its indent, width, currency mark and
    amount's form), under ``label`` and with ``value``."""
    a = _last_amount(model)
    assert a is not None
    left = model[:a.start].rstrip("-–−")
    m = _MARK.search(left)
    mark = m.group(0).strip() if m else ""  # "£", "R$", "CHF"
    spaced = bool(mark) and left.endswith(" ")  # "CHF 223.90"
    indent = len(left) - len(left.lstrip())
    head = " " * indent + label
    amount = ("-" if value < 0 else "") + mark + (" " if spaced else "") \
        + a.written(abs(value))
    room = max(2, a.end - len(head) - len(amount))
    return head + " " * room + amount + model[a.end:]


# A currency's mark before an amount: a symbol, a code, or both ("R$").
_MARK = re.compile(r"(?:\b[A-Z]{1,3})?[$£€¥₩₹₽₺₪฿₫₴₦₱]*\s*$")


@dataclass
class Mutant:
    """A base receipt with one line added (or the tender's word replaced)."""

    base: Base
    place: str
    text: list[str]
    line: str


def mutate(b: Base, place: str, rng: random.Random) -> Mutant | None:
    """``b`` with an unknown-worded line at ``place`` (None where the base
    has no such place: no tender line printed)."""
    total = abs(b.truth["total"])
    text = list(b.text)
    model = text[b.total_at]
    label = unknown_label(rng)
    delta = rng.choice([1, 2, 5, 10, 20, 40, 50, 100]) * (1 if _last_amount(model).decimal else 100)  # type: ignore[union-attr]
    other = total + delta if rng.random() < 0.4 or total <= delta else total - delta
    if place == "after_total":
        line = _line_like(model, label, other)
        text.insert(b.total_at + 1, line)
    elif place == "before_tender":
        if b.tender_at is None:
            return None
        line = _line_like(model, label, other)
        text.insert(b.tender_at, line)
    elif place == "tender":
        if b.tender_at is None or b.change_at is not None:
            return None
        line = _line_like(text[b.tender_at], label, total)
        text[b.tender_at] = line
    elif place == "after_tender":
        if b.tender_at is None:
            return None
        at = (b.change_at if b.change_at is not None else b.tender_at)
        line = _line_like(text[at], label, rng.randint(1, 4000))
        text.insert(at + 1, line)
    else:  # signed, under the total or just above it
        line = _line_like(model, label, -min(delta, total - 1) if total > 1 else -1)
        text.insert(b.total_at + (place == "signed"), line)
    return Mutant(b, place, text, line)


def verdict(m: Mutant) -> str:
    """"flagged", "unchanged" (and the paper proves it) or what went wrong:
    "silent" (the money read changed, no flag) or "unproved" (read as
    before, though the paper no longer proves it, no flag)."""
    p = reading(m.text)
    if review_flags(p.flags):
        return "flagged"
    if money_of(p) != {f: m.base.truth[f] for f in MONEY}:
        return "silent"
    if m.place in ("after_total", "before_tender", "signed") and not m.base.proved:
        return "unproved"
    if m.place == "tender" and not m.base.tender_elsewhere:
        return "unproved"  # the paper names no way it was paid that anyone here knows
    return "unchanged"


def main(argv: list[str] | None = None) -> int:
    """Per place, how many mutants were flagged, read unchanged, or wrong;
    ``--show K`` prints the first K wrong ones of each place."""
    import argparse
    from collections import Counter

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--per-layout", type=int, default=2, help="base receipts a layout")
    ap.add_argument("--each", type=int, default=2, help="mutants per base and place")
    ap.add_argument("--seed", type=int, default=5, help="the mutations' random seed")
    ap.add_argument("--show", type=int, default=0, metavar="K")
    args = ap.parse_args(argv)
    found = bases(args.per_layout)
    print(f"{len(found)} base receipts of {len({b.layout for b in found})} layouts")
    rng = random.Random(args.seed)
    wrong = 0
    for place in PLACES:
        counts: Counter[str] = Counter()
        shown = 0
        for b in found:
            for _ in range(args.each):
                if (m := mutate(b, place, rng)) is None:
                    continue
                counts[v := verdict(m)] += 1
                if v not in ("flagged", "unchanged") and shown < args.show:
                    shown += 1
                    print(f"  ---- {place} {v}: {b.layout}, added {m.line.strip()!r}")
                    for line in m.text:
                        print(f"  | {line}")
        wrong += counts["silent"] + counts["unproved"]
        print(f"{place:<14} " + " ".join(f"{k}={counts[k]}" for k in
                                         ("flagged", "unchanged", "silent", "unproved")))
    return 1 if wrong else 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
