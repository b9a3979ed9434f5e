"""Reports for staff: the debt report after an outage ("run a debt report and
recover any outstanding money": shared/reference/school-continuity-guidance.txt).

A sale counts towards the debt report when the offline policy flagged it
``offline_debt``, ``over_debt_limit`` or ``insufficient_funds``. Per pupil:

* ``sales_pence``: what those sales took from the account (the part above the
  FSM allowance; cash and card sales take nothing);
* ``owed_pence``: what is still owed from them: the provisional balance's
  shortfall below zero, capped at ``sales_pence`` (a pupil whose parent has
  since topped up owes less; a pupil already in debt before the outage owes
  only what the outage added). Pupils no longer in the roster owe
  ``sales_pence`` (no balance to compare with);
* the count and the dates of those sales.

This is the one definition of offline debt: the demo's summary uses it too.
Transactions held for review (``agent.sale.balances.held_for_review``: a refund
by printed account alone, a printed account contradicting the card) are
nobody's debt and moved no balance; the report lists each of them under
"needs review", for staff to settle at the hub.

Names come from the cached roster; the report is printed for staff on
request and never logged.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from agent import csv_cells
from agent.config.currency import GBP, Currency
from agent.reports.year_groups import year_order
from agent.sale import flag_words
from agent.sale.balances import Ledger, day_key, held_for_review
from sync.contract import REVIEW_FLAGS

DEBT_FLAGS = ("offline_debt", "over_debt_limit", "insufficient_funds")


@dataclass
class DebtLine:
    pupil_id: str
    display_name: str
    year_group: str
    sales_pence: int = 0
    owed_pence: int = 0
    count: int = 0
    dates: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class ReviewLine:
    """One transaction held for review (no balance moved for it)."""

    txn_id: str
    day: str
    kind: str
    total_pence: int
    tender: str
    pupil_id: str | None
    display_name: str
    year_group: str
    flags: list[str]
    occurred_at: str = ""  # RFC 3339, UTC: the staff console shows it in the site's time
    # account_mismatch: who the card, finger or name search named at the till,
    # "Ben Okafor (Y6), by card" ("" otherwise).
    identified_at_till: str = ""


# What each review flag means for the school office, and what it should do
# (the words every screen uses: agent/sale/flag_words.py).
REVIEW_WORDS = {f: (flag_words.WORDS[f].sentence, flag_words.WORDS[f].action)
                for f in REVIEW_FLAGS}


@dataclass
class DebtReport:
    lines: list[DebtLine]
    since: str | None
    needs_review: list[ReviewLine] = field(default_factory=list)

    @property
    def total_owed_pence(self) -> int:
        return sum(x.owed_pence for x in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {"since": self.since, "total_owed_pence": self.total_owed_pence,
                "pupils": [asdict(x) for x in self.lines],
                "needs_review": [asdict(x) for x in self.needs_review]}


def debt_report(entries: Iterable[Any], roster: Any, till_seq_applied: int,
                fsm_value_pence: int, since: str | None = None) -> DebtReport:
    """Build the report from journal ``entries`` (seq order: ``Journal.entries()``)
    and the roster (``get``). ``since``: YYYY-MM-DD, earlier sales ignored."""
    ledger = Ledger(fsm_value_pence)
    found: dict[str, DebtLine] = {}
    review: list[ReviewLine] = []
    for e in entries:
        txn = e.transaction
        pupil_id = txn.get("pupil_id")
        flagged = sorted(set(txn.get("flags") or []) & set(DEBT_FLAGS))
        day = day_key(txn)
        if held_for_review(txn) and (since is None or day >= since):
            review.append(_review_line(e.id, txn, roster))
            flagged = []  # held: nobody's debt until reviewed
        if pupil_id and flagged and (since is None or day >= since):
            charged, _fsm = ledger.charge_of(txn)
            line = found.get(pupil_id)
            if line is None:
                line = found[pupil_id] = DebtLine(pupil_id, "(not in roster)", "")
            line.sales_pence += charged
            line.count += 1
            if day not in line.dates:
                line.dates.append(day)
            line.flags = sorted(set(line.flags) | set(flagged))
        ledger.add(e.seq, txn)
    for line in found.values():
        pupil = roster.get(line.pupil_id)
        if pupil is None:
            line.owed_pence = line.sales_pence
            continue
        line.display_name = pupil.display_name
        line.year_group = pupil.year_group or ""
        balance = ledger.provisional_balance(pupil.balance_pence, pupil.id, till_seq_applied)
        line.owed_pence = max(0, min(line.sales_pence, -balance))
    lines = sorted(found.values(),
                   key=lambda x: (year_order(x.year_group), x.display_name, x.pupil_id))
    return DebtReport(lines, since, review)


def _review_line(txn_id: str, txn: dict[str, Any], roster: Any) -> ReviewLine:
    pid = txn.get("pupil_id")
    pupil = roster.get(pid) if pid else None
    return ReviewLine(
        txn_id, day_key(txn), str(txn.get("kind") or ""), int(txn.get("total_pence") or 0),
        str(txn.get("tender") or ""), pid,
        pupil.display_name if pupil is not None else ("(not in roster)" if pid else ""),
        (pupil.year_group or "") if pupil is not None else "",
        sorted(set(txn.get("flags") or ()) & set(REVIEW_FLAGS)),
        str(txn.get("occurred_at") or ""), _at_till(txn.get("identified_at_till"), roster))


_METHOD_WORDS = {"card": "card", "biometric": "fingerprint", "pin": "PIN",
                 "name": "name search"}


def _at_till(at: Any, roster: Any) -> str:
    """Who the till identified, in words, for a reviewer."""
    if not isinstance(at, dict) or not at.get("pupil_id"):
        return ""
    pupil = roster.get(at["pupil_id"])
    who = (f"{pupil.display_name} ({pupil.year_group})" if pupil is not None
           and pupil.year_group else pupil.display_name if pupil is not None
           else f"{at['pupil_id']} (not in roster)")
    return f"{who}, by {_METHOD_WORDS.get(at.get('identified_by'), 'card')}"


def render_text(report: DebtReport, cur: Currency = GBP) -> str:
    """A table for the screen or a printer, then what needs review; amounts
    in the site's currency ``cur``."""
    if not report.lines:
        out = ["No offline debt" + (f" since {report.since}" if report.since else "") + "."]
    else:
        rows = [("Pupil", "Name", "Year", "Owed", "Sales", "Count", "Dates")]
        for x in report.lines:
            rows.append((x.pupil_id, x.display_name, x.year_group, cur.money(x.owed_pence),
                         cur.money(x.sales_pence), str(x.count), " ".join(x.dates)))
        out = _table(rows)
        out.append(f"Total owed: {cur.money(report.total_owed_pence)} by "
                   f"{len(report.lines)} pupil(s)")
    if report.needs_review:
        out += ["", f"Needs review ({len(report.needs_review)}): held, no balance moved; "
                "settle each at the hub"]
        rows = [("Date", "Pupil", "Name", "Kind", "Total", "Tender", "Why", "Transaction")]
        for r in report.needs_review:
            rows.append((r.day, r.pupil_id or "-", r.display_name, r.kind,
                         cur.money(r.total_pence), r.tender, " ".join(r.flags), r.txn_id))
        out += _table(rows)
        out += [f"  {r.txn_id}: the till identified {r.identified_at_till}"
                for r in report.needs_review if r.identified_at_till]
    return "\n".join(out) + "\n"


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in rows]


def render_csv(report: DebtReport) -> str:
    """The report as CSV (text cells neutralised for spreadsheets: ``csv_cells``)."""
    buf = io.StringIO()
    w = csv_cells.writer(buf)
    w.writerow(["pupil_id", "display_name", "year_group", "owed_pence", "sales_pence", "count",
                "dates", "flags"])
    for x in report.lines:
        w.writerow([x.pupil_id, x.display_name, x.year_group, x.owed_pence, x.sales_pence,
                    x.count, " ".join(x.dates), " ".join(x.flags)])
    # Held for review: owed left empty (nobody owes it yet), the review flag says why.
    for r in report.needs_review:
        w.writerow([r.pupil_id or "", r.display_name, r.year_group, "", r.total_pence, 1,
                    r.day, " ".join(r.flags)])
    return buf.getvalue()


def render_json(report: DebtReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
