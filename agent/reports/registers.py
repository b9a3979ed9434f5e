"""Manual meal registers for an outage ("print out manual registers", then
"enter meal attendance": shared/reference/school-continuity-guidance.txt).

Export: one row per pupil of the cached roster, by year group, as CSV with
the header
``date,pupil_id,display_name,year_group,took_meal,at_the_till,allergens,balance``
(``took_meal`` empty; ``at_the_till``: the sales this till already recorded
for the pupil that day, "Had a sale at the till at 12:05: Roast dinner,
£2.40", so a pupil served before the till went down is not ticked again;
``balance``: the till's provisional balance, as the console's pages say it)
or as printable HTML (name with that note under it, id, allergens, balance,
a box) or for the receipt printer (the note on a line under the pupil). Never a free-meal label:
the register lies on the counter, and FSM status must not be visible to
other pupils; the import knows who is FSM from the roster. Text starting with
``=``, ``+``, ``-``, ``@``, tab or CR is prefixed with ``'`` so a spreadsheet
never runs it (``agent.csv_cells``); import takes the prefix off again.

Import: staff mark ``took_meal`` with ``y``, ``yes``, ``x``, ``1``, ``✓``
(or ``✔``, any case); ``n``, ``no``, ``0`` or blank mean no meal; anything
else is a bad mark. Columns are found by name (``date``, ``pupil_id``,
``display_name``, ``year_group``, ``took_meal`` required; ``at_the_till``,
``allergens`` and ``balance`` optional, read by nobody; ``purse``, its name in registers
exported before, is accepted in its place), separated by commas (or
semicolons, as some locales' spreadsheets save). Dates are what a spreadsheet with UK
settings saves (``06/12/2026``, ``6/12/26``, ``06-Dec-26``, ``6 December
2026``, ISO ``2026-12-06``; a time after it is ignored): numbers are day
first, always; a date that can only be month first (``12/25/2026``) is
refused, naming its cell, never guessed (``agent.uk_dates.read_uk_day``).
The whole file is validated first (header, dates, marks, pupils in the
roster); one problem and nothing from the file is journaled. Problems are
reported once per kind, with every line that has it (``lines 2-31``), not
once per row.
Each marked row becomes a ``manual`` transaction at the configured meal
price (tender ``fsm`` for FSM pupils, else ``account``) whose id comes from
till, date and pupil (``agent.sale.txn_ids.manual_id``), so importing the same
file twice adds nothing. Each goes through the same offline policy as a sale
at the till (``agent.sale.transaction.transaction``, with this till's journal as the ledger
and the cached roster's balances), as an offline sale: a paper register is
what staff use when nobody could check a balance, so a meal that takes a
pupil below zero is ``offline_debt`` and ``agent report debt`` shows it.
Limit: a failure of the disk halfway through the appends leaves the first
rows journaled; importing again completes it.
"""

from __future__ import annotations

import html
import io
import itertools
import textwrap
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from agent import csv_cells, uk_dates
from agent.config import PolicyConfig
from agent.config.currency import GBP, Currency
from agent.reports.year_groups import year_order, year_words
from agent.sale.balances import Ledger
from agent.sale.transaction import Books, Sale, transaction
from agent.sale.txn_ids import manual_id
from agent.uk_dates import MonthFirstError, read_uk_day, uk_day_iso
from sync.contract import Line

HEADER = ["date", "pupil_id", "display_name", "year_group", "took_meal"]  # required
# For the people filling it in; the import ignores them. The till's sales
# that day sit beside the box to tick.
OPTIONAL = ["at_the_till", "allergens", "balance"]
EXPORT_HEADER = HEADER + OPTIONAL
# The balance column's name in registers exported before it was "balance":
# such a file, filled in, still imports.
FORMER_OPTIONAL = ["purse"]
TAKEN = {"y", "yes", "x", "1", "✓", "✔"}
NOT_TAKEN = {"", "n", "no", "0"}
MEAL_DESCRIPTION = "Meal (paper register)"


class Roster(Protocol):
    def get(self, pupil_id: str) -> Any: ...
    def all(self) -> list[Any]: ...
    def info(self) -> Any: ...  # .till_seq_applied, .pulled_at (epoch seconds or None)


class RegisterError(Exception):
    """The register file cannot be imported; ``problems`` lists each one with
    its line number."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Meal:
    """A marked row: pupil ``pupil_id`` took a meal on ``day``."""

    line: int
    day: str  # YYYY-MM-DD
    pupil_id: str


@dataclass
class ImportReport:
    journaled: list[str] = field(default_factory=list)  # new transaction ids
    already: list[str] = field(default_factory=list)  # ids imported before
    unmarked: int = 0
    # Marked, but left out by the office: the till had recorded that pupil's
    # meal that day (the console asks; see agent.reports.till_sales).
    left_out: list[Meal] = field(default_factory=list)


DATE_FORMATS = uk_dates.READ_FORMATS


def check_day(text: str) -> str:
    """A real date as a spreadsheet with UK settings saves it (day first,
    never month first: ``agent.uk_dates.read_uk_day``), as ``YYYY-MM-DD``;
    else ValueError (MonthFirstError for a date that reads only as a US one)."""
    return read_uk_day(text).isoformat()


def by_year_group(pupils: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Pupils grouped by year group in school order, names sorted."""
    ordered = sorted(pupils, key=lambda p: (year_order(p.year_group), p.display_name.casefold()))
    # grouped by the year read, not the text: "Y7" and "Year 7" are one heading
    groups = [list(ps) for _, ps in
              itertools.groupby(ordered, key=lambda p: year_order(p.year_group))]
    return [(year_words(ps[0].year_group) or "No year group", ps) for ps in groups]


def _roster_purse(pupil: Any) -> int:
    return int(pupil.balance_pence)


def _no_sale(pupil: Any) -> str:
    return ""


def allergens_text(pupil: Any) -> str:
    """The pupil's allergens for a person to read (``peanut; milk``)."""
    return "; ".join(a for a in (pupil.allergens or ()) if a.strip())


def provisional_purses(roster: Roster, journal: Any | None,
                       fsm_value_pence: int) -> Callable[[Any], int]:
    """pupil -> the till's provisional balance, the register's balance column:
    what the hub had, less this till's sales it has not applied yet
    (``journal`` None: no sales yet). One definition for the CLI's register
    and the console's."""
    applied = roster.info().till_seq_applied
    ledger = (Ledger(fsm_value_pence, applied=applied) if journal is None
              else Ledger.from_journal(journal, fsm_value_pence, applied))
    return lambda p: ledger.provisional_balance(p.balance_pence, p.id, applied)


def export_csv(pupils: Iterable[Any], day: str,
               purse: Callable[[Any], int] = _roster_purse,
               at_till: Callable[[Any], str] = _no_sale) -> str:
    """The register as CSV text. ``purse(pupil)``: the balance to show
    (default the roster's; the command passes the till's provisional one);
    ``at_till(pupil)``: their sales at the till that day in words (the
    command: ``register_till_sales.register_note``), "" for none."""
    buf = io.StringIO()
    w = csv_cells.writer(buf)  # a roster name must not run in the office's spreadsheet
    w.writerow(EXPORT_HEADER)
    for _yg, group in by_year_group(pupils):
        for p in group:
            # The purse as a number of pounds (a Decimal: a spreadsheet sums it,
            # and csv_cells leaves numbers as they are; "-£0.45" would be text).
            w.writerow([day, p.id, p.display_name, p.year_group or "", "", at_till(p),
                        allergens_text(p), Decimal(purse(p)).scaleb(-2)])
    return buf.getvalue()


def export_html(pupils: Iterable[Any], day: str, till_id: str = "",
                purse: Callable[[Any], int] = _roster_purse, cur: Currency = GBP,
                at_till: Callable[[Any], str] = _no_sale) -> str:
    """The register as a printable HTML page, one table per year group;
    balances in the site's currency ``cur``; ``at_till``: as ``export_csv``,
    said under the pupil's name."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Meal register {e(uk_day_iso(day))}</title>",
        "<style>body{font-family:sans-serif;font-size:11pt}"
        "table{border-collapse:collapse;width:100%;margin-bottom:1em}"
        "th,td{border:1px solid #444;padding:3px 6px;text-align:left}"
        "td.mark{width:5em}h2{page-break-before:auto}"
        ".till-sale{display:block;font-weight:bold;font-size:10pt}"
        "section{page-break-inside:avoid;page-break-after:always}</style>",
        "</head><body>",
        # The day as the school says it, never 2026-12-05: it is read by the
        # kitchen, and typed into nothing.
        f"<h1>Meal register: {e(uk_day_iso(day))}</h1>",
        f"<p>Till {e(till_id)}. Tick <b>Took meal</b> for each pupil who has a meal. A "
        "pupil the till already recorded a sale for that day says so under their name: "
        "tick them only for another meal. The office enters the ticks afterwards (the "
        "console's Manual register, or <code>agent register import FILE</code>).</p>",
    ]
    for yg, group in by_year_group(pupils):
        parts.append(f"<section><h2>{e(year_words(yg))} ({len(group)})</h2><table>")
        parts.append("<tr><th>Name</th><th>Pupil id</th><th>Allergens</th><th>Balance</th>"
                     "<th>Took meal</th></tr>")
        for p in group:
            note = at_till(p)
            sold = f'<span class="till-sale">{e(note)}</span>' if note else ""
            parts.append(f"<tr><td>{e(p.display_name)}{sold}</td><td>{e(p.id)}</td>"
                         f"<td>{e(allergens_text(p))}</td><td>{e(cur.money(purse(p)))}</td>"
                         '<td class="mark"></td></tr>')
        parts.append("</table></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def export_lines(pupils: Iterable[Any], day: str, till_id: str = "",
                 width: int = 42, purse: Callable[[Any], int] = _roster_purse,
                 cur: Currency = GBP,
                 at_till: Callable[[Any], str] = _no_sale) -> list[str | tuple[str, bool]]:
    """The register as receipt-printer lines (``width`` columns; a bold
    heading per year group; the balance, in ``cur``, before the box,
    allergens and the till's sales that day (``at_till``, as
    ``export_csv``) on lines of their own), for ``agent register export
    --print``."""
    # The day as the school says it, on a line of its own ("Wednesday 30 September
    # 2026" fits 32 columns); the box is ticked by hand.
    out: list[str | tuple[str, bool]] = [("MEAL REGISTER", True), (uk_day_iso(day), True),
                                         f"Till {till_id}", "Name, id, balance, box",
                                         "Tick the box for a meal", ""]
    box = "[  ]"
    for yg, group in by_year_group(pupils):
        out.append((f"{year_words(yg)} ({len(group)})", True))
        for p in group:
            left = f"{p.display_name} {p.id}"
            right = f"{cur.money(purse(p))} {box}"
            room = width - len(right) - 1
            if len(left) > room:
                # Never cut: a long name (and its id) on lines of its own, the box below.
                out += textwrap.wrap(left, width)
                left = ""
            out.append(f"{left:<{room}} {right}")
            allergens = allergens_text(p)
            for said in (f"ALLERGENS: {allergens}" if allergens else "", at_till(p)):
                # wrapped, never cut: it is what the server must see
                out += ["  " + ln for ln in textwrap.wrap(said, width - 2)]
        out.append("")
    return out


class _Problems:
    """Problems by kind, each with the lines that have it and a few of the
    values: a file where every row has the same mistake says so once."""

    def __init__(self) -> None:
        self._kinds: dict[str, tuple[list[int], list[str]]] = {}

    def add(self, line: int, what: str, value: str | None = None, cell: str = "") -> None:
        lines, values = self._kinds.setdefault(what, ([], []))
        lines.append(line)
        shown = f"{cell} {value!r}" if cell else repr(value)
        if value is not None and shown not in values:
            values.append(shown)

    def report(self) -> list[str]:
        out = []
        for what, (lines, values) in self._kinds.items():
            where = (f"line {lines[0]}" if len(lines) == 1
                     else f"lines {_ranges(lines)} ({len(lines)} rows)")
            shown = ", ".join(values[:3]) + (f" and {len(values) - 3} more"
                                             if len(values) > 3 else "")
            out.append(f"{where}: {what}" + (f": {shown}" if shown else ""))
        return out


def _ranges(lines: list[int]) -> str:
    """``[2, 3, 4, 7]`` -> ``2-4, 7``."""
    spans: list[list[int]] = []
    for n in lines:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _column_letter(index: int) -> str:
    """0 -> ``A``, 26 -> ``AA``: the column as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def _delimiter(first_line: str) -> str:
    # Spreadsheets in locales with a decimal comma save CSV with semicolons.
    return ";" if ";" in first_line and "," not in first_line else ","


def parse_register(text: str, roster: Roster) -> tuple[list[Meal], int]:
    """Validate a filled-in register; returns (marked meals, unmarked rows).
    Raises RegisterError listing every kind of problem once, with its line
    numbers."""
    meals: list[Meal] = []
    unmarked = 0
    text = text.lstrip("\ufeff")
    # csv_cells.reader takes off the quote export put before =, +, -, @ ...
    rows = list(csv_cells.reader(io.StringIO(text),
                                 delimiter=_delimiter(text.split("\n", 1)[0])))
    if not rows:
        raise RegisterError(["line 1: the file is empty (expected the header "
                             + ",".join(EXPORT_HEADER) + ")"])
    header = [h.strip().lower() for h in rows[0]]
    if (sorted(set(header)) != sorted(header) or not set(HEADER) <= set(header)
            or not set(header) <= set(EXPORT_HEADER + FORMER_OPTIONAL)):
        raise RegisterError([f"line 1: bad header {','.join(rows[0])!r}; expected "
                             + ",".join(EXPORT_HEADER) + " (at_the_till, allergens and "
                             "balance may be left out)"])
    col = {name: header.index(name) for name in HEADER}
    problems = _Problems()
    for line, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(header):
            problems.add(line, f"expected {len(header)} columns, found {len(row)}")
            continue
        day_text, pupil_id, mark = (row[col[k]].strip() for k in ("date", "pupil_id",
                                                                    "took_meal"))
        try:
            day = check_day(day_text)
        except MonthFirstError:
            # Never guessed: the same cell may mean another day in another file.
            problems.add(line, "date reads only month first, as a US date (the register is "
                         "day first: write 25/12/2026 or 25-Dec-26)",
                         day_text, cell=f"{_column_letter(col['date'])}{line}")
            continue
        except ValueError:
            problems.add(line, f"bad date (expected {DATE_FORMATS})", day_text)
            continue
        m = mark.casefold()
        if m in NOT_TAKEN:
            unmarked += 1
            continue
        if m not in TAKEN:
            what = ("bad mark in took_meal (use y, yes, x, 1 or ✓ for a meal, leave it empty "
                    "for none)")
            if m == "?":  # what Excel's plain "CSV" makes of a ✓ (Windows-1252 has none)
                what += ("; a ✓ saved as plain CSV becomes '?': mark with y or x, or save "
                         'as "CSV UTF-8"')
            problems.add(line, what, mark)
            continue
        if not pupil_id or roster.get(pupil_id) is None:
            problems.add(line, "pupil not in the roster", pupil_id)
            continue
        meals.append(Meal(line, day, pupil_id))
    found = problems.report()
    if found:
        raise RegisterError(found)
    return meals, unmarked


def manual_sale(till_id: str, meal: Meal, pupil: Any, price_pence: int) -> Sale:
    """The sale one register meal records (``agent.sale.transaction.transaction`` makes
    its Transaction, through the policy like a sale at the till)."""
    return Sale(
        manual_id(till_id, meal.day.replace("-", ""), meal.pupil_id), till_id, "manual",
        # Nobody recorded the minute; lunchtime of the register's day.
        f"{meal.day}T12:00:00.000Z", None, (Line(MEAL_DESCRIPTION, 1, price_pence),),
        price_pence, "fsm" if pupil.fsm else "account", frozenset(), None,
        meal.pupil_id, "manual", clock_synced=True,
        # Served while nobody could check the balance: the offline policy applies.
        offline=True)


def import_register(text: str, roster: Roster, journal: Any, till_id: str,
                    rules: PolicyConfig, now: float | None = None,
                    leave_out: Collection[tuple[str, str]] = ()) -> ImportReport:
    """Validate ``text`` completely, then journal every marked row at
    ``rules.meal_price_pence``, each through the offline policy (``now``:
    when the import runs, for the roster's age), but those whose (day,
    pupil id) is in ``leave_out``: the office said the till already recorded
    that meal."""
    meals, unmarked = parse_register(text, roster)
    info = roster.info()
    now = time.time() if now is None else now
    age = None if info.pulled_at is None else now - info.pulled_at
    ledger = Ledger.from_journal(journal, rules.fsm_value_pence, info.till_seq_applied)
    report = ImportReport(unmarked=unmarked)
    seen: set[str] = set()
    for meal in meals:
        pupil = roster.get(meal.pupil_id)
        sale = manual_sale(till_id, meal, pupil, rules.meal_price_pence)
        if sale.id in seen:  # the same pupil marked twice for a day: one meal
            continue
        seen.add(sale.id)
        if journal.get(sale.id) is not None:
            # Imported before, with the policy of that day: not judged again.
            report.already.append(sale.id)
            continue
        if (meal.day, meal.pupil_id) in leave_out:
            report.left_out.append(meal)
            continue
        final = transaction(sale, pupil, Books(ledger, rules, info.till_seq_applied, age))
        entry, created = journal.append(final.id, "manual", final)
        if created:
            ledger.add(entry.seq, final.to_json())
        (report.journaled if created else report.already).append(final.id)
    return report
