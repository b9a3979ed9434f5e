"""What the technician confirms about each sample for ``agent receipt
learn``: from a TOML file (``--truth FILE.toml``) or asked at the terminal,
only for the fields the current rules read wrong or could not read.

The file lists one ``[[receipt]]`` table per sample, in the order the
samples are given (a sample without a table confirms nothing)::

    [[receipt]]
    total = "3.30"              # as printed, or pence as an integer
    tender = "card"             # the contract's word: cash, card, account, fsm ("" none)
    receipt_no = "1234"         # "" when the receipt prints none
    when = "2026-07-29 08:38"   # local date and time (or the date alone)
    account = "P123"            # "" when none is printed
    kind = "refund"             # or "sale"
    lines = [["Espresso", 2, "18.00"], ["Cappuccino", 1, "13.00"]]  # each item: name, count, value

A field left out is not confirmed (the learner leaves it as the rules read it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from agent.sale.receipt_learn_fields import CONFIRMED, Truth, item_name
from drivers.receipt import CONTRACT_TENDERS, ParsedReceipt, parse_money

# A truth file may also confirm the items, as printed (``CONFIRMED``); the
# terminal does not ask for them.
ASKED = tuple(f for f in CONFIRMED if f != "lines")


class TruthError(ValueError):
    """A confirmed value that cannot be what a receipt says."""


def _total(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value)
    pence = parse_money(str(value).strip())
    if pence is None:
        raise TruthError(f"total {value!r}: give an amount such as \"3.30\"")
    return abs(pence)


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return ""
    for fmt, width in (("%Y-%m-%d %H:%M:%S", 19), ("%Y-%m-%d %H:%M", 16), ("%Y-%m-%d", 10)):
        try:
            return datetime.strptime(text.replace("T", " "), fmt).isoformat()[:width]
        except ValueError:
            continue
    raise TruthError(f"when {value!r}: give YYYY-MM-DD HH:MM (or the date alone)")


def _items(value: Any) -> list[tuple[str, int, int]]:
    """The confirmed items: each [name, count, value] (a value as printed or
    pence as an integer; negative for a discount)."""
    if value == []:
        # Not "no items": the learner would set aside every line read as one.
        raise TruthError("lines []: give each item as [\"name\", count, \"value\"], or leave "
                         "lines out when the items are not confirmed")
    out = []
    for item in value if isinstance(value, list) else [None]:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)
                and isinstance(item[1], int) and not isinstance(item[1], bool)):
            raise TruthError(f"lines {item!r}: give each item as [\"name\", count, \"value\"]")
        pence = item[2] if isinstance(item[2], int) else parse_money(str(item[2]).strip())
        if pence is None or isinstance(pence, bool):
            raise TruthError(f"lines {item!r}: give the value as printed, such as \"2.30\"")
        out.append((item_name(item[0]), item[1], pence))
    return out


def truth_of(table: dict[str, Any]) -> Truth:
    """One sample's confirmed fields from its ``[[receipt]]`` table."""
    unknown = sorted(set(table) - set(CONFIRMED))
    if unknown:
        raise TruthError(f"unknown field(s) {', '.join(unknown)}: use {', '.join(CONFIRMED)}")
    t = Truth()
    if "total" in table:
        t.total = _total(table["total"])
    if "tender" in table:
        if table["tender"] not in (*CONTRACT_TENDERS, ""):
            raise TruthError(f"tender {table['tender']!r}: one of {', '.join(CONTRACT_TENDERS)}")
        t.tender = table["tender"]
    for name in ("receipt_no", "account"):
        if name in table:
            setattr(t, name, str(table[name]).strip())
    if "when" in table:
        t.when = _when(table["when"])
    if "kind" in table:
        if table["kind"] not in ("sale", "refund"):
            raise TruthError(f"kind {table['kind']!r}: sale or refund")
        t.kind = table["kind"]
    if "lines" in table:
        t.lines = _items(table["lines"])
    return t


def truths_from_toml(data: dict[str, Any], samples: int) -> list[Truth]:
    """The confirmed fields of ``samples`` samples from a parsed truth file."""
    tables = data.get("receipt", [])
    if not isinstance(tables, list) or len(tables) > samples:
        raise TruthError(f"give at most {samples} [[receipt]] table(s), one per sample in order")
    out = []
    for i, table in enumerate(tables):
        try:
            out.append(truth_of(table))
        except TruthError as exc:
            raise TruthError(f"[[receipt]] #{i + 1}: {exc}") from None
    return out + [Truth() for _ in range(samples - len(out))]


def shown(p: ParsedReceipt, name: str,
          tender_of: Callable[[str | None], str | None]) -> str:
    """How the rules read field ``name``, as the technician is asked about it."""
    if name == "total":
        return "" if p.total_pence is None else f"{abs(p.total_pence) / 100:.2f}"
    if name == "tender":
        return tender_of(p.tender) or ""
    if name == "when":
        return re.sub(r"^(\S{10})T(\d\d:\d\d(?::\d\d)?).*$", r"\1 \2", p.occurred or "")
    return str({"receipt_no": p.receipt_no, "account": p.account, "kind": p.kind}[name] or "")


def ask(p: ParsedReceipt, ask_line: Callable[[str], str],
        tender_of: Callable[[str | None], str | None],
        fields: tuple[str, ...] = ASKED) -> Truth:
    """Ask about each of ``fields`` of one sample, showing what the rules
    read: Enter keeps it (an empty reading stays unconfirmed), a value
    corrects it, "-" says the receipt prints none."""
    table: dict[str, Any] = {}
    for name in fields:
        read = shown(p, name, tender_of)
        while True:
            answer = ask_line(f"  {name} [{read or 'not read'}]: ").strip()
            if not answer:
                if read:
                    table[name] = read
                break
            value = "" if answer == "-" and name != "total" else answer
            try:
                truth_of({name: value})
            except TruthError as exc:
                print(f"  {exc}")
                continue
            table[name] = value
            break
    return truth_of(table)
