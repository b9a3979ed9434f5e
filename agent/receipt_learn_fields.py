"""Learning a till's labels from samples the technician confirmed (part of
``agent receipt learn``; ``agent.receipt_learn`` calls it).

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

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.config import ConfigError, ReceiptConfig, ReceiptTemplate
from agent.receipt_rules import rules_from_config
from drivers.receipt import UNPARSED, ParsedReceipt, interpret

FIELDS = ("total", "tender", "receipt_no", "when", "account", "kind", "lines", "clean")
_AMOUNT = r"(?P<amount>-?[£$€]?\s?-?\d[\d,]*[.,]\d\d-?)"
_MONEY = re.compile(r"-?[£$€]?\s?-?(\d[\d,]*)[.,](\d\d)(?!\d)")
_MAX_CANDIDATES = 40  # per field: the lines tried, nearest the value first


@dataclass
class Truth:
    """What the technician confirms for one sample; a field left ``None``
    is not checked (``receipt_no``/``account`` "" mean "none printed")."""

    total: int | None = None  # pence, positive for a sale
    tender: str | None = None  # the contract's word
    receipt_no: str | None = None
    when: str | None = None  # local "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" ("" none)
    account: str | None = None
    kind: str | None = None  # "sale" | "refund"
    lines: list[tuple[str, int, int]] | None = None  # description, quantity, pence


def field_right(p: ParsedReceipt, t: Truth, name: str,
                tender_of: Callable[[str | None], str | None]) -> bool | None:
    """Whether ``p`` reads field ``name`` as ``t`` says (None: not confirmed)."""
    if name == "clean":  # the receipt's arithmetic reconciles
        return UNPARSED not in p.flags
    want = getattr(t, name)
    if want is None:
        return None
    if name == "total":
        return p.total_pence is not None and abs(p.total_pence) == abs(want)
    if name == "tender":
        return tender_of(p.tender) == want
    if name == "when":
        got = p.occurred or ""
        if not want:
            return not got
        return got[:len(want)] == want and (len(want) > 10 or len(got) >= 10)
    if name == "lines":
        return [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == list(want)
    got = {"receipt_no": p.receipt_no, "account": p.account, "kind": p.kind}[name]
    return (got or "") == want


def _word_pattern(word: str) -> str:
    if any(ch.isdigit() for ch in word):
        return r"\d+"
    return re.escape(word)


def label_regex(prefix: str) -> str:
    """An anchored pattern for a printed label ("Paid (Card):" ->
    ``^\\W*Paid\\W*Card\\W*``): its words in order, anything but letters and
    digits between and after them, digits generalised."""
    words = re.findall(r"[^\W_]+", prefix)
    if not words:
        return ""
    return r"^\W*" + r"\W*".join(_word_pattern(w) for w in words) + r"\W*"


def shape(value: str) -> str:
    """The pattern of a printed value by its shape ("TC2-2603-5352" ->
    ``[^\\W\\d_]+\\d+\\-\\d+\\-\\d+``): never the value itself."""
    out = []
    for run in re.findall(r"\d+|[^\W\d_]+|\s+|.", value):
        if run[0].isdigit():
            out.append(r"\d+")
        elif run[0].isalpha():
            out.append(r"[^\W\d_]+")
        elif run[0].isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(run))
    return "".join(out)


def _lines(sample: Any) -> list[str]:
    return [" ".join(str(t).split()) for t in (getattr(sample, "text", None) or [])
            if str(t).strip()]


def _total_candidates(lines: list[str], t: Truth) -> list[str]:
    out = []
    for line in lines:
        for m in _MONEY.finditer(line):
            pence = int(m.group(1).replace(",", "")) * 100 + int(m.group(2))
            if t.total is not None and pence == abs(t.total):
                label = label_regex(line[:m.start()])
                if label:
                    out.append(label + r"[^\w\d]*" + _AMOUNT + r"(?!\d)")
    return list(reversed(out))  # the total is printed below the items


def _value_candidates(lines: list[str], value: str, group: str) -> list[str]:
    out = []
    for line in lines:
        i = line.find(value)
        if i < 0 or (i > 0 and line[i - 1].isalnum()) or line[i + len(value):][:1].isalnum():
            continue
        label = label_regex(line[:i])
        out.append((label or r"^\s*") + f"(?P<{group}>{shape(value)})(?![^\\W_])")
    return out


def _when_candidates(lines: list[str], t: Truth) -> list[str]:
    if not t.when:
        return []
    y, d = t.when[:4], str(int(t.when[8:10]))
    out = []
    for line in lines:
        nums = re.findall(r"\d+", line)
        if not ((y in nums or y[2:] in nums) and d in [n.lstrip("0") for n in nums]):
            continue
        first = re.search(r"\d", line)
        if first is None:
            continue
        label = label_regex(line[:first.start()])
        rest = line[first.start():]
        out.append((label or r"^\s*") + f"(?P<date>{shape(rest)})")
    if len(t.when) > 10:  # a time printed on a line of its own
        hh, mm = t.when[11:13], t.when[14:16]
        for line in lines:
            hit = re.search(rf"(?<!\d)0?{int(hh) % 12 or 12}:{mm}|(?<!\d){hh}:{mm}", line)
            if hit and not any(c.startswith(r"^") and re.search(c, line) for c in out):
                label = label_regex(line[:hit.start()])
                out.append((label or r"^\s*") + f"(?P<time>{shape(line[hit.start():])})")
    return out


def _tender_candidates(lines: list[str], t: Truth) -> list[tuple[str, str]]:
    """(pattern, printed word) for lines whose label may be the tender."""
    out = []
    for line in reversed(lines):
        first = re.search(r"\d", line)
        label = line[:first.start()] if first else line
        label = label.strip(" :.-*=#")
        words = re.findall(r"[^\W\d_]+", label)
        if not words or len(words) > 4:
            continue
        out.append((r"^\W*(?P<tender>" + r"\W*".join(re.escape(w) for w in words)
                    + r")(?![^\W_])", label))
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
    for fi, name in enumerate(FIELDS):
        if name in ("kind", "lines", "clean"):
            continue
        for si, (s, t) in enumerate(zip(samples, truths, strict=True)):
            if current[si][fi] is not False:
                continue
            lines = _lines(s)
            proposals: list[tuple[ReceiptTemplate, dict[str, str]]] = []
            n = len(templates)
            if name == "total":
                proposals = [(ReceiptTemplate(f"learnt-{n}", total=rx), {})
                             for rx in _total_candidates(lines, t)]
            elif name in ("receipt_no", "account") and getattr(t, name):
                proposals = [(ReceiptTemplate(f"learnt-{n}", **{name: rx}), {})
                             for rx in _value_candidates(lines, getattr(t, name), name)]
            elif name == "when":
                proposals = [(ReceiptTemplate(f"learnt-{n}", when=rx), {})
                             for rx in _when_candidates(lines, t)]
            elif name == "tender" and t.tender:
                proposals = [(ReceiptTemplate(f"learnt-{n}", tender=rx), {word: t.tender})
                             for rx, word in _tender_candidates(lines, t)]
                proposals += [(None, {word: t.tender})  # type: ignore[misc]
                              for _, word in _tender_candidates(lines, t)]
            best = None
            for tpl, words in proposals[:_MAX_CANDIDATES]:
                extra = [*templates, tpl] if tpl is not None else templates
                marks = judge.marks(config(extra, {**tenders, **words}))
                if marks is None or not _no_worse(marks, current) or not marks[si][fi]:
                    continue
                if best is None or _count(marks) > best[0]:
                    best = (_count(marks), tpl, words, marks)
            if best is not None:
                _, tpl, words, current = best
                if tpl is not None:
                    templates.append(tpl)
                tenders.update(words)
    return templates, tenders
