"""Labels and values by their shape (part of ``agent receipt learn``): a
printed label as an anchored pattern of its words, a value by its shape
(never the value itself), the lines printing a confirmed value or date, and
the lines the rules read a field from now (to be set aside when the till's
own line for it is learnt), and the other lines printing a confirmed date
(set aside when the one learnt is read).
"""

from __future__ import annotations

import re
from typing import Any

from agent.config import ReceiptConfig
from agent.sale.receipt_learn_dates import date_runs
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret


def date_candidates(lines: list[str], when: str) -> list[tuple[str, str]]:
    """(``when`` pattern, ``date_format``) for each printed run holding the
    confirmed date (``receipt_learn_dates``), its label as printed before it."""
    return [((label_regex(prefix) or r"^\s*") + f"(?P<date>{rx})", fmt)
            for prefix, rx, fmt in date_runs(lines, when)]


def _word_pattern(word: str) -> str:
    """A label's word: its letters as printed, its digits any digits ("C08"
    -> ``C\\d+``: a clerk's number, never the sample's)."""
    return "".join(r"\d+" if run[0].isdigit() else re.escape(run)
                   for run in re.findall(r"\d+|\D+", word))


def label_regex(prefix: str) -> str:
    """An anchored pattern for a printed label ("Paid (Card):" ->
    ``^\\W*Paid\\W*Card\\W*``): its words in order, anything but letters and
    digits between and after them (an underscore too: "TRANS_DATE:"),
    digits generalised."""
    words = re.findall(r"[^\W_]+", prefix)
    if not words:
        return ""
    between = r"[\W_]*" if "_" in prefix else r"\W*"
    return "^" + between + between.join(_word_pattern(w) for w in words) + between


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


def value_candidates(lines: list[str], value: str, group: str) -> list[str]:
    """Patterns for the lines printing the confirmed ``value`` (a number, an
    account) as named group ``group``: the label before it, the value by its
    shape."""
    out = []
    for line in lines:
        i = line.find(value)
        if i < 0 or (i > 0 and line[i - 1].isalnum()) or line[i + len(value):][:1].isalnum():
            continue
        label = label_regex(line[:i])
        out.append((label or r"^\s*") + f"(?P<{group}>{shape(value)})(?![^\\W_])")
        # "C06 MARY 078609": the till's label, then an operator's name that varies
        words = re.findall(r"[^\W_]+", line[:i])
        if len(words) >= 2 and words[-1].isalpha():
            loose = label_regex(" ".join(words[:-1])) + r"[^\W\d_]+\W*"
            out.append(loose + f"(?P<{group}>{shape(value)})(?![^\\W_])")
        # "2026-11-01 10:54:18  MARIC  OR#44928": the value's own label, the
        # word or two right before it, wherever the row prints it (a
        # date and an operator's name before it vary)
        for k in (1, 2):
            near = words[-k:]
            if len(words) > k and all(w.isalpha() for w in near):
                out.append(r"(?<![^\W_])" + r"\W*".join(map(re.escape, near)) + r"\W*"
                           + f"(?P<{group}>{shape(value)})(?![^\\W_])")
    return out


def rival_value_lines(lines: list[str], sample: Any, rc: ReceiptConfig, name: str) -> list[str]:
    """Patterns for the lines the rules read field ``name`` (``receipt_no``,
    ``account``) from now, their label then one value ("Order: ORD-WF397E"
    read as the number where the till's own is "Receipt: RC-66634858"):
    ignored when the till's own line is learnt."""
    read = getattr(interpret(sample, rules_from_config(rc)), name)
    out: list[str] = []
    for line in lines:
        i = line.find(read) if read else -1
        if i <= 0 or not (label := label_regex(line[:i])):
            continue
        # Its label; where the till prints the same label twice ("RECEIPT
        # NUMBER: 151/212 NS", a fiscal device's counters and type, over the
        # till's "RECEIPT NUMBER: 4101"), the rival's row told apart by the
        # shape of all that follows the label.
        for rx in (label + r"\S+$", label + shape(line[i:].rstrip()) + r"\s*$"):
            if rx not in out:
                out.append(rx)
    return out


def has_date(line: str, when: str) -> bool:
    """Whether ``line`` prints the day and the year of ``when`` (confirmed,
    "YYYY-MM-DD...")."""
    y, d = when[:4], str(int(when[8:10]))
    nums = re.findall(r"\d+", line)
    return (y in nums or y[2:] in nums) and d in [n.lstrip("0") for n in nums]


def other_dated(lines: list[str], when: str, read: str) -> str:
    """An ``ignore`` pattern for the labelled lines printing the confirmed
    date (``when``) and a time that pattern ``read`` does not read ("" when
    none): another moment of the sale ("Start 2026-01-26 08:42:02"), never
    the date alone (a header's, which a receipt without the learnt line
    still prints)."""
    if not when:
        return ""
    out: list[str] = []
    for line in lines:
        first = re.search(r"\d", line)
        if (first is None or re.search(read, line) or not has_date(line, when)
                or not re.search(r"\d:\d\d", line)):
            continue
        if (label := label_regex(line[:first.start()])) and label + r"\d" not in out:
            out.append(label + r"\d")
    return "|".join(out)


def when_candidates(lines: list[str], when: str) -> list[tuple[str, str]]:
    """(when pattern, ignore pattern or "") for the lines holding the date;
    the ignore pattern drops another dated line the defaults would read first
    (a header's "Date:" to the minute when the footer prints the seconds)."""
    if not when:
        return []
    out: list[str] = []
    labels: list[str] = []
    for line in lines:
        first = re.search(r"\d", line)
        if first is None or not has_date(line, when):
            continue
        label = label_regex(line[:first.start()])
        labels.append(label)
        out.append((label or r"^\s*") + f"(?P<date>{shape(line[first.start():])})")
    if len(when) > 10:  # a time printed on a line of its own
        hh, mm = when[11:13], when[14:16]
        for line in lines:
            hit = re.search(rf"(?<!\d)0?{int(hh) % 12 or 12}:{mm}|(?<!\d){hh}:{mm}", line)
            if hit and not has_date(line, when):
                label = label_regex(line[:hit.start()])
                out.append((label or r"^\s*") + f"(?P<time>{shape(line[hit.start():])})")
    pairs = [(rx, "") for rx in out]
    pairs += [(rx, other + r"\d") for rx in out for other in labels
              if other and not rx.startswith(other)]
    return pairs
