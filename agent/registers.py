"""Manual meal registers for an outage ("print out manual registers", then
"enter meal attendance": shared/reference/school-continuity-guidance.txt).

Export: one row per pupil of the cached roster, by year group, as CSV with
the header ``date,pupil_id,display_name,year_group,took_meal`` (``took_meal``
empty; text starting with ``=``, ``+``, ``-``, ``@``, tab or CR is prefixed
with ``'`` so a spreadsheet never runs it: ``agent.csv_cells``; import takes
the prefix off again) or as printable HTML.

Import: staff mark ``took_meal`` with ``y``, ``yes``, ``x``, ``1``, ``✓``
(or ``✔``, any case); ``n``, ``no``, ``0`` or blank mean no meal; anything
else is a bad mark. The whole file is validated first (header, dates, marks,
pupils in the roster); one problem and nothing from the file is journaled.
Each marked row becomes a ``manual`` transaction at the configured meal
price (tender ``fsm`` for FSM pupils, else ``account``) whose id comes from
till, date and pupil (``agent.txn_ids.manual_id``), so importing the same
file twice adds nothing. Limit: a failure of the disk halfway through the
appends leaves the first rows journaled; importing again completes it.
"""

from __future__ import annotations

import html
import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, Protocol

from agent import csv_cells
from agent.txn_ids import manual_id

HEADER = ["date", "pupil_id", "display_name", "year_group", "took_meal"]
TAKEN = {"y", "yes", "x", "1", "✓", "✔"}
NOT_TAKEN = {"", "n", "no", "0"}
MEAL_DESCRIPTION = "Meal (paper register)"


class Roster(Protocol):
    def get(self, pupil_id: str) -> Any: ...
    def all(self) -> list[Any]: ...


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


def check_day(text: str) -> str:
    """``text`` if it is a real ``YYYY-MM-DD`` date, else ValueError."""
    day = Date.fromisoformat(text.strip()).isoformat()
    if day != text.strip():
        raise ValueError(f"{text!r} is not YYYY-MM-DD")
    return day


def year_order(year_group: str | None) -> tuple[int, str]:
    """School order: Nursery, Reception, Y1 .. Y13, then anything else
    alphabetically, then pupils with no year group."""
    yg = (year_group or "").strip()
    low = yg.lower()
    if not yg:
        return (10_000, "")
    if low.startswith("nursery"):
        return (-2, low)
    if low.startswith("reception"):
        return (-1, low)
    m = re.fullmatch(r"(?:y|year)\s*([0-9]{1,2})", low)
    if m:
        return (int(m.group(1)), low)
    return (1_000, low)


def by_year_group(pupils: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Pupils grouped by year group in school order, names sorted."""
    ordered = sorted(pupils, key=lambda p: (year_order(p.year_group), p.display_name.casefold()))
    return [(yg or "No year group", list(ps))
            for yg, ps in itertools.groupby(ordered, key=lambda p: p.year_group or "")]


def export_csv(pupils: Iterable[Any], day: str) -> str:
    """The register as CSV text."""
    buf = io.StringIO()
    w = csv_cells.writer(buf)  # a roster name must not run in the office's spreadsheet
    w.writerow(HEADER)
    for _yg, group in by_year_group(pupils):
        for p in group:
            w.writerow([day, p.id, p.display_name, p.year_group or "", ""])
    return buf.getvalue()


def export_html(pupils: Iterable[Any], day: str, till_id: str = "") -> str:
    """The register as a printable HTML page, one table per year group."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Meal register {e(day)}</title>",
        "<style>body{font-family:sans-serif;font-size:11pt}"
        "table{border-collapse:collapse;width:100%;margin-bottom:1em}"
        "th,td{border:1px solid #444;padding:3px 6px;text-align:left}"
        "td.mark{width:5em}h2{page-break-before:auto}"
        "section{page-break-inside:avoid;page-break-after:always}</style>",
        "</head><body>",
        f"<h1>Meal register: {e(day)}</h1>",
        f"<p>Till {e(till_id)}. Mark <b>took meal</b> with y, x or ✓; enter it afterwards "
        "with <code>agent register import FILE</code>.</p>",
    ]
    for yg, group in by_year_group(pupils):
        parts.append(f"<section><h2>{e(yg)} ({len(group)})</h2><table>")
        parts.append("<tr><th>Name</th><th>Pupil id</th><th>Took meal</th></tr>")
        for p in group:
            parts.append(f"<tr><td>{e(p.display_name)}</td><td>{e(p.id)}</td>"
                         '<td class="mark"></td></tr>')
        parts.append("</table></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def export_lines(pupils: Iterable[Any], day: str, till_id: str = "",
                 width: int = 42) -> list[str | tuple[str, bool]]:
    """The register as receipt-printer lines (``width`` columns; a bold
    heading per year group), for ``agent register export --print``."""
    out: list[str | tuple[str, bool]] = [(f"MEAL REGISTER {day}", True), f"Till {till_id}",
                                         "Mark the box: y, x or 1", ""]
    box = "[  ]"
    for yg, group in by_year_group(pupils):
        out.append((f"{yg} ({len(group)})", True))
        for p in group:
            left = f"{p.display_name} {p.id}"
            room = width - len(box) - 1
            if len(left) > room:
                left = left[: room - 1] + "~"
            out.append(f"{left:<{room}} {box}")
        out.append("")
    return out


def parse_register(text: str, roster: Roster) -> tuple[list[Meal], int]:
    """Validate a filled-in register; returns (marked meals, unmarked rows).
    Raises RegisterError listing every problem with its line number."""
    problems: list[str] = []
    meals: list[Meal] = []
    unmarked = 0
    # csv_cells.reader takes off the quote export put before =, +, -, @ ...
    rows = list(csv_cells.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise RegisterError(["line 1: the file is empty (expected the header "
                             + ",".join(HEADER) + ")"])
    header = [h.strip().lower() for h in rows[0]]
    if header != HEADER:
        raise RegisterError([f"line 1: bad header {','.join(rows[0])!r}; expected "
                             + ",".join(HEADER)])
    for line, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(HEADER):
            problems.append(f"line {line}: expected {len(HEADER)} columns, found {len(row)}")
            continue
        day_text, pupil_id, _name, _yg, mark = (c.strip() for c in row)
        try:
            day = check_day(day_text)
        except ValueError:
            problems.append(f"line {line}: bad date {day_text!r} (expected YYYY-MM-DD)")
            continue
        m = mark.casefold()
        if m in NOT_TAKEN:
            unmarked += 1
            continue
        if m not in TAKEN:
            problems.append(f"line {line}: bad mark {mark!r} in took_meal (use y, yes, x, 1 "
                            "or ✓ for a meal, leave it empty for none)")
            continue
        if not pupil_id or roster.get(pupil_id) is None:
            problems.append(f"line {line}: pupil {pupil_id!r} is not in the roster")
            continue
        meals.append(Meal(line, day, pupil_id))
    if problems:
        raise RegisterError(problems)
    return meals, unmarked


def manual_transaction(till_id: str, meal: Meal, pupil: Any, price_pence: int) -> dict[str, Any]:
    """The contract Transaction (without seq) for one register meal."""
    return {
        "id": manual_id(till_id, meal.day.replace("-", ""), meal.pupil_id),
        "till_id": till_id,
        "kind": "manual",
        # Nobody recorded the minute; lunchtime of the register's day.
        "occurred_at": f"{meal.day}T12:00:00.000Z",
        "clock_synced": True,
        "pupil_id": meal.pupil_id,
        "identified_by": "manual",
        "receipt_no": None,
        "lines": [{"description": MEAL_DESCRIPTION, "quantity": 1,
                   "amount_pence": price_pence}],
        "total_pence": price_pence,
        "tender": "fsm" if pupil.fsm else "account",
        "offline": False,
        "flags": [],
    }


def import_register(text: str, roster: Roster, journal: Any, till_id: str,
                    price_pence: int) -> ImportReport:
    """Validate ``text`` completely, then journal every marked row."""
    meals, unmarked = parse_register(text, roster)
    txns = [manual_transaction(till_id, m, roster.get(m.pupil_id), price_pence) for m in meals]
    report = ImportReport(unmarked=unmarked)
    seen: set[str] = set()
    for txn in txns:
        if txn["id"] in seen:  # the same pupil marked twice for a day: one meal
            continue
        seen.add(txn["id"])
        _entry, created = journal.append(txn["id"], "manual", txn)
        (report.journaled if created else report.already).append(txn["id"])
    return report
