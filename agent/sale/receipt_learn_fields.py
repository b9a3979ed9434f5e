"""Learning a till's labels from samples the technician confirmed (part of
``agent receipt learn``; ``agent.sale.receipt_learn`` calls it).

For each field the defaults read wrong on some sample, the printed line that
holds the confirmed value is found (the amount equal to the total, the
receipt number, the account, the date's day and year) and its label is
generalised into an anchored regular expression with the value as a named
group: label words as printed (case and punctuation between them
tolerated), any digits in the label as ``\\d+``, the value by its shape
(digits, letters, separators), never the value itself. A proposal is kept
only when it reads no field of any sample worse than before and at least
one better, so a profile never makes its own samples worse than the defaults.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.config import ConfigError, ReceiptConfig, ReceiptTemplate
from agent.sale.receipt_learn_dates import month_first
from agent.sale.receipt_learn_items import (
    BARE,
    NAME_BELOW,
    line_candidates,
    name_below,
    own_labels,
    set_aside,
    total_printed,
)
from agent.sale.receipt_learn_items import MONEY as _MONEY
from agent.sale.receipt_learn_labels import (
    date_candidates,
    label_regex,
    other_dated,
    rival_value_lines,
    value_candidates,
    when_candidates,
)
from agent.sale.receipt_learn_tenders import (
    WORD_ENDS,
    names_other_tenders,
    rival_tender_lines,
    split_partners,
    unread_partners,
)
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import UNMAPPED_TENDER, UNPARSED, ParsedReceipt, interpret, lines_read
from drivers.receipt.profile import no_tender
from drivers.receipt.total_labels import total_rank

# The fields a technician may confirm (a ``Truth``'s), then what the learner also checks.
CONFIRMED = ("total", "tender", "receipt_no", "when", "account", "kind", "lines")
FIELDS = (*CONFIRMED, "clean")
_AMOUNT = r"(?P<amount>-?[£$€]?\s?-?\d[\d,]*[.,]\d\d-?)"
_MAX_CANDIDATES = 150  # per sample and field: the proposals tried, likeliest first


@dataclass
class Truth:
    """What the technician confirms for one sample; a field left ``None``
    is not checked (``receipt_no``/``account`` "" mean "none printed")."""

    total: int | None = None  # pence, positive for a sale
    tender: str | None = None  # the contract's word ("" none printed)
    receipt_no: str | None = None
    when: str | None = None  # local "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" ("" none)
    account: str | None = None
    kind: str | None = None  # "sale" | "refund"
    lines: list[tuple[str, int, int]] | None = None  # description, quantity, pence

    def __post_init__(self) -> None:
        if self.lines is not None:
            self.lines = [(item_name(d), q, p) for d, q, p in self.lines]

    @classmethod
    def partial(cls, **confirmed: Any) -> Truth:
        """A truth confirming only the fields named, each with a value (the
        office confirms a total, a tender, who paid; never lines, number or
        date): every other field stays unconfirmed, and the learner neither
        checks nor teaches it. A field unknown, or given None, is a
        mistake, not "unconfirmed"."""
        unknown = sorted(set(confirmed) - set(CONFIRMED))
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)}: use {', '.join(CONFIRMED)}")
        unset = sorted(k for k, v in confirmed.items() if v is None)
        if unset:
            raise ValueError(f"{', '.join(unset)}: leave a field out to leave it unconfirmed")
        return cls(**confirmed)

    @property
    def confirmed(self) -> tuple[str, ...]:
        """The fields this truth confirms, in ``CONFIRMED``'s order."""
        return tuple(f for f in CONFIRMED if getattr(self, f) is not None)


def item_name(confirmed: str) -> str:
    """An item's confirmed name as the reader reads names (spaces collapsed):
    a name confirmed with its column's padding ("Vanille gousse ") is the
    same item, and must not make a sample read right look wrong."""
    return " ".join(confirmed.split())


def field_right(p: ParsedReceipt, t: Truth, name: str,
                tender_of: Callable[[str | None], str | None]) -> bool | None:
    """Whether ``p`` reads field ``name`` as ``t`` says (None: not confirmed)."""
    if name == "clean":  # the receipt's arithmetic reconciles
        return UNPARSED not in p.flags
    if name not in t.confirmed:
        return None
    want = getattr(t, name)
    if name == "total":
        return p.total_pence is not None and abs(p.total_pence) == abs(want)
    if name == "tender":
        # "none" for a receipt paid two ways (the contract has one tender): a
        # split or a tender no table maps, read and flagged, says the same.
        return tender_of(p.tender) == (want or None) or (
            not want and bool({"split_tender", UNMAPPED_TENDER} & set(p.flags)))
    if name == "when":
        got = p.occurred or ""
        if not want:
            return not got
        return got[:len(want)] == want and (len(want) > 10 or len(got) >= 10)
    if name == "lines":
        return [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == list(want)
    got = {"receipt_no": p.receipt_no, "account": p.account, "kind": p.kind}[name]
    return (got or "") == want


def _lines(sample: Any) -> list[str]:
    return [" ".join(str(t).split()) for t in (getattr(sample, "text", None) or [])
            if str(t).strip()]


def lines_both(sample: Any, rc: ReceiptConfig) -> list[str]:
    """A sample's lines as printed, then the ones the reader rewrote as it
    read them with ``rc`` ("Received  4,790" read as "Received 4,790.00",
    "9.000 ₫" as "9,000.00"): a till's templates are tried on the text the
    reader reads, which is the printed one or, when only that reading adds
    up, the rewritten one; a pattern learnt from either matches there."""
    printed = _lines(sample)
    read = [ln for ln, _r, _i in lines_read(sample, rules_from_config(rc))]
    if len(read) != len(printed):  # (not line for line: the rewritten ones last)
        return printed + [ln for ln in read if ln not in set(printed)]
    # (each rewritten line beside its printed one: candidates are ranked bottom up)
    return [x for pair in zip(printed, read, strict=True) for x in dict.fromkeys(pair)]


def _label_words(text: str) -> str:
    """A label's words without a currency before the amount ("Total:   M",
    "Total: Ks", "SUMA PLN", "Total £"): what a colon ends, else up to a
    currency's capitals or mark."""
    if ":" in text:
        return text.partition(":")[0].strip(" .-")
    return _CURRENCY_AFTER_LABEL.sub("", text).strip(" :.-")


_CURRENCY_AFTER_LABEL = re.compile(r"(?:\s+(?-i:[A-Z]{1,3})|\s*[£$€])\s*$")


def _total_candidates(lines: list[str], t: Truth) -> list[str]:
    """Patterns for the lines printing the confirmed total, bottom up (the
    total is printed below the items). Where one of them is labelled as a
    total ("Total:"), only those: a subtotal or the cash handed over that
    print the same amount on these samples differ on the next receipt with a
    discount or change."""
    out: list[tuple[bool, str]] = []
    for line in lines:
        for m in _MONEY.finditer(line):
            pence = int(m.group(1).replace(",", "")) * 100 + int(m.group(2))
            if t.total is not None and pence == abs(t.total):
                label = label_regex(line[:m.start()])
                if label:
                    a_total = total_rank(_label_words(line[:m.start()])) is not None
                    out.append((a_total, label + r"[^\w\d]*" + _AMOUNT + r"(?!\d)"))
    # "GENEL TOPLAM" alone, "237.60 TL" alone under it: the label's, its
    # amount on its row or under it
    for above, line in zip(lines, lines[1:], strict=False):
        if (re.match(BARE, line) and _MONEY.search(above) is None
                and _pence_of(line) == abs(t.total or 0) and (label := label_regex(above))):
            out.append((total_rank(_label_words(above)) is not None,
                        label + r"(?:" + _AMOUNT + r"(?!\d).*)?$"))
    labelled = [rx for a_total, rx in out if a_total]
    return list(reversed(labelled or [rx for _, rx in out]))


def _pence_of(line: str) -> int | None:
    m = _MONEY.search(line)
    return None if m is None else int(m.group(1).replace(",", "")) * 100 + int(m.group(2))


def contradicted(total: str, printed: list[list[str]], truths: list[Truth]) -> bool:
    """Whether a proposed ``total`` pattern reads, on some sample
    (``printed``: each sample's lines), an amount that is not its confirmed
    total: then its label is not the total's. Five fiş samples print "Ara
    Toplam" (the subtotal) with the total's amount when no discount was
    given, another amount when one was ("GENEL TOPLAM" prints the total on
    the row below, which the defaults do not read): the subtotal's label
    reads the discounted samples wrong, never "no worse" than unread."""
    rx = re.compile(total)
    for lines, t in zip(printed, truths, strict=True):
        if t.total is None:
            continue
        for i, line in enumerate(lines):
            m = rx.search(line)
            got = [int(a.group(1).replace(",", "")) * 100 + int(a.group(2))
                   for a in _MONEY.finditer(total_printed(m, lines, i))] if m else []
            if got and got[-1] != abs(t.total):
                return True
    return False


_MONEY_TEXT = r"[£$€]?\s?-?\d[\d,]*[.,]\d\d(?!\d)"
# Words, then a number of one or two digits that is no amount, then more.
_NUMBERED = re.compile(r"^\W*(?:[^\W\d_]+\W+)*?(?P<word>[^\W\d_]+)\s+(?P<n>\d{1,2})(?![\d.,:/])\s")
_BEFORE_AMOUNT = WORD_ENDS + rf"(?=\W*{_MONEY_TEXT})"
_WORDS_THEN_AMOUNT = re.compile(rf"^\W*[^\W\d_][^\d]*?\W*{_MONEY_TEXT}\W*$")


def _tender_candidates(lines: list[str], t: Truth, footer: set[str]) -> list[tuple[str, str]]:
    """(pattern, printed word) for lines whose label may be the tender: those
    holding the total's amount first, then other amounts, then words alone
    (these only among the ``footer`` lines, below the total as the rules read
    it); each from the bottom up (a tender is printed below the total)."""
    ranked: list[tuple[int, int, str, str]] = []
    for i, line in enumerate(lines):
        first = re.search(r"\d", line)
        words = re.findall(r"[^\W\d_]+", line[:first.start()] if first else line)
        if not words or len(words) > 4:
            continue
        # (the word before its amount, when it has one: "Drinks purse  £3.20",
        # never "Drinks purse balance  £10.22")
        end = _BEFORE_AMOUNT if _WORDS_THEN_AMOUNT.match(line) else WORD_ENDS + r"(?![^\W_])"
        rx = r"^\W*(?P<tender>" + r"\W*".join(re.escape(w) for w in words) + ")" + end
        m = re.search(rx, line)
        if m is None:
            continue
        pence = [int(a.replace(",", "")) * 100 + int(b) for a, b in _MONEY.findall(line)]
        rank = 0 if t.total is not None and abs(t.total) in pence else 1 if pence else 2
        if no_tender(line):
            if rank:
                continue  # not "You saved  £0.40"
            # a word the defaults take for a balance ("Drinks purse"), paying
            # the confirmed total: after the lines they do not
            rank = 1
        if rank and line not in footer:  # below the total
            continue
        ranked.append((rank, -i, rx, m.group("tender")))  # the site's word: what it captures
        # "Sold from Purse 1  £8.35": a small number after the words names
        # which purse (the next line may be "Sold from Purse 2 (FM)")
        if (n := _NUMBERED.match(line)) and words[-1] == n.group("word"):
            rx = (r"^\W*(?P<tender>" + r"\W*".join(re.escape(w) for w in words)
                  + r"\s+" + n.group("n") + r")(?!\d)")
            ranked.append((rank, -i, rx, f"{' '.join(words)} {n.group('n')}"))
        # "Paid (Card):", "Payment Method Card": the label, then the word;
        # "From cash account": the label, then two words ("From free meal" too)
        for label in [words[:-1], words[:1]][:len(words) - 1]:
            rx = (r"^\W*" + r"\W*".join(re.escape(w) for w in label)
                  + r"\W*(?P<tender>[^\W\d_]+(?:\s[^\W\d_]+)?)" + WORD_ENDS + r"(?![^\W_])")
            m = re.search(rx, line)
            if m:
                ranked.append((rank, -i, rx, m.group("tender")))
    return [(rx, word) for _, _, rx, word in sorted(ranked)]


def _refund_candidates(lines: list[str], samples: list[Any], truths: list[Truth]) -> list[str]:
    """Patterns for the words a refund printed that no sample confirmed as a
    sale prints ("*** REFUND VOUCHER ***", "REFUNDED  £1.90"): the refund's
    banner or its total's label."""
    sales = {ln for s, t in zip(samples, truths, strict=True) if t.kind == "sale"
             for ln in _lines(s)}
    out = []
    for line in lines:
        first = re.search(r"\d", line)
        label = label_regex(line[:first.start()] if first else line)
        if label and not any(re.search(label, ln) for ln in sales) and label not in out:
            out.append(label)
    return out


class _Judge:
    """Reads every sample with a config and counts what it reads right."""

    def __init__(self, samples: list[Any], truths: list[Truth],
                 tender_of: Callable[[str | None], str | None]) -> None:
        self.samples, self.truths, self.tender_of = samples, truths, tender_of

    def marks(self, rc: ReceiptConfig) -> list[list[bool | None]] | None:
        try:
            rules = rules_from_config(rc)
        except ConfigError:
            return None
        return [[field_right(interpret(s, rules), t, f, self.tender_of) for f in FIELDS]
                for s, t in zip(self.samples, self.truths, strict=True)]


def _no_worse(new: list[list[bool | None]], old: list[list[bool | None]]) -> bool:
    return all(not (o and not n) for rn, ro in zip(new, old, strict=True)
               for n, o in zip(rn, ro, strict=True))


def _count(marks: list[list[bool | None]]) -> int:
    return sum(1 for row in marks for v in row if v)


def learn_fields(samples: list[Any], truths: list[Truth], base: ReceiptConfig,
                 tender_of: Callable[[str | None], str | None]
                 ) -> tuple[list[ReceiptTemplate], dict[str, str]]:
    """Templates and tender words that make ``samples`` read as ``truths``
    say, on top of ``base``; each kept only if it reads no sample worse."""
    judge = _Judge(samples, truths, tender_of)
    templates: list[ReceiptTemplate] = []
    tenders: dict[str, str] = {}

    def config(extra: list[ReceiptTemplate], words: dict[str, str]) -> ReceiptConfig:
        return ReceiptConfig(reprint_markers=base.reprint_markers,
                             templates=[*extra, *base.templates],
                             tenders={**base.tenders, **words}, timezone=base.timezone)

    current = judge.marks(config(templates, tenders))
    assert current is not None
    # (as printed and as read: a guard sees every line a learnt pattern may match)
    printed = [lines_both(s, config([], {})) for s in samples]
    for fi, name in enumerate(FIELDS):
        if name == "clean":
            continue
        for si, (s, t) in enumerate(zip(samples, truths, strict=True)):
            if current[si][fi] is not False:
                continue
            lines = _lines(s)
            proposals: list[tuple[Any, dict[str, str]]] = []
            n = len(templates)
            if name == "total":
                proposals = [(ReceiptTemplate(f"learnt-{n}", total=rx), {})
                             for rx in dict.fromkeys(_total_candidates(
                                 lines_both(s, config(templates, tenders)), t))
                             if not contradicted(rx, printed, truths)]
            elif name in ("receipt_no", "account") and getattr(t, name):
                found = value_candidates(lines, getattr(t, name), name)
                # (the line the rules read it from now set aside, when the
                # till's own line alone does not do: "Order:" above "Receipt:")
                rivals = rival_value_lines(lines, s, config(templates, tenders), name)
                proposals = [(ReceiptTemplate(f"learnt-{n}", ignore=ignore, **{name: rx}), {})
                             for ignore in ["", *rivals] for rx in found
                             if not (ignore and re.search(ignore, getattr(t, name)))]
                # A line printing the date too ("2026-04-13   nr wydr.215384"):
                # the template claims it, so it reads the date as well.
                proposals += [(ReceiptTemplate(f"learnt-{n}", when=when, date_format=fmt,
                                               **{name: rx}), {})
                              for rx in found for when, fmt in date_candidates(lines, t.when or "")
                              if re.search(rx, next((ln for ln in lines if re.search(when, ln)),
                                                    ""))]
            elif name in ("receipt_no", "account"):  # none printed, one read: its line aside
                proposals = [(ReceiptTemplate(f"learnt-{n}", ignore=rx), {}) for rx in
                             rival_value_lines(lines, s, config(templates, tenders), name)]
            elif name == "when":
                # (each first with the till's other dated lines set aside: a
                # fiscal unit's "Start 08:42:02" is another moment, never the
                # confirmed one's seconds)
                when = t.when or ""
                proposals = [(ReceiptTemplate(f"learnt-{n}", when=rx, date_format=fmt,
                                              ignore=ignore), {})
                             for rx, fmt in date_candidates(lines, when)
                             for ignore in dict.fromkeys([other_dated(lines, when, rx), ""])]
                proposals += [(ReceiptTemplate(f"learnt-{n}", when=rx, ignore=ignore), {})
                              for rx, ignore in when_candidates(lines, when)]
            elif name == "tender" and t.tender:  # (a receipt without one teaches nothing)
                footer = {ln for ln, part, _ in lines_read(
                    s, rules_from_config(config(templates, tenders))) if part == "footer"}
                found = [(rx, word) for rx, word in dict.fromkeys(_tender_candidates(
                             lines_both(s, config(templates, tenders)), t, footer))
                         if not names_other_tenders(rx, word, printed, truths, t.tender)]
                rivals = rival_tender_lines(lines, s, config(templates, tenders))
                # The word alone first: mapped, the default rules read its
                # line whole (its amount too: a split's part); a pattern
                # only when the word alone does not do.
                proposals = [(None, {word: t.tender})  # type: ignore[misc]
                             for _, word in found]
                # (first with the other part of a split sample printing it: its own line)
                proposals += [([ReceiptTemplate(f"learnt-{n}", tender=rx), *(
                    ReceiptTemplate(f"learnt-{n + 1 + k}", tender=p) for k, p in enumerate(ps))],
                               {word: t.tender}) for rx, word in found
                              if (ps := split_partners(rx, printed, truths))]
                proposals += [(ReceiptTemplate(f"learnt-{n}", tender=rx, ignore=ignore),
                               {word: t.tender})
                              for rx, word in found for ignore in ["", *rivals]
                              if not (ignore and re.search(ignore, word))]
            elif name == "tender" and t.tender == "":  # (a split: its unread part)
                proposals = [(ReceiptTemplate(f"learnt-{n}", tender=rx), {}) for rx in
                             unread_partners(lines, s, config(templates, tenders), t)]
            elif name == "kind" and t.kind == "refund":
                proposals = [(ReceiptTemplate(f"learnt-{n}", refund=rx), {})
                             for rx in _refund_candidates(lines, samples, truths)]
            elif name == "lines":
                found = line_candidates(lines, t.lines, own_labels(
                    [(_lines(x), y.lines) for x, y in zip(samples, truths, strict=True)]))
                if found:
                    proposals = [([ReceiptTemplate(f"learnt-{n + k}", line=rx)
                                   for k, rx in enumerate(found)], {})]
                if name_below(lines, t.lines):
                    proposals.append((ReceiptTemplate(f"learnt-{n}", name_below=NAME_BELOW), {}))
                read = [(ln, None if item is None else item.description) for ln, _r, item
                        in lines_read(s, rules_from_config(config(templates, tenders)))]
                # (the lines read as items the technician did not confirm; then
                # only those printing nothing, set aside only at nothing)
                for aside in (set_aside(read, t.lines), set_aside(read, t.lines, at_nothing=True)):
                    if aside:
                        proposals.append((ReceiptTemplate(f"learnt-{n}", ignore=aside), {}))
            best = None
            for tpl, words in proposals[:_MAX_CANDIDATES]:
                extra = ([*templates, *tpl] if isinstance(tpl, list)
                         else [*templates, tpl] if tpl is not None else templates)
                marks = judge.marks(config(extra, {**tenders, **words}))
                if marks is None or not _no_worse(marks, current) or not marks[si][fi]:
                    continue
                if best is None or _count(marks) > best[0]:
                    best = (_count(marks), tpl, words, marks)
            if best is not None:
                _, tpl, words, current = best
                if isinstance(tpl, list):
                    templates.extend(tpl)
                elif tpl is not None:
                    templates.append(tpl)
                tenders.update(words)
    if not any(t.date_format for t in templates):
        templates += _month_first(samples, truths, judge, config(templates, tenders), current)
    return templates, tenders


def _month_first(samples: list[Any], truths: list[Truth], judge: _Judge, rc: ReceiptConfig,
                 current: list[list[bool | None]]) -> list[ReceiptTemplate]:
    """The date template of a till printing its dates month first, from the
    first sample whose confirmed date shows that order and reads no sample
    worse (a till printing "4/20/2026, 12:58 PM" and "13/01/2026, 16:11":
    the first with its clock's AM/PM)."""
    for s, t in zip(samples, truths, strict=True):
        for rx, fmt in date_candidates(_lines(s), t.when or ""):
            if month_first(fmt):
                tpl = ReceiptTemplate(f"learnt-{len(rc.templates)}", when=rx, date_format=fmt)
                marks = judge.marks(dataclasses.replace(rc, templates=[tpl, *rc.templates]))
                if marks is not None and _no_worse(marks, current):
                    return [tpl]
    return []
