"""The register pages' side of "nothing lost and nothing duplicated": beside
each pupil, the sale the till already recorded for them that day, and, for
a paper meal of such a pupil, a plain question before it is entered.

A second meal that day is possible (seconds, a breakfast club), so the till
never decides: the office answers for each pupil, "another meal: enter it
too" or "the same meal: leave it out", and nothing is entered until every
question is answered (``answers``). The sales come from
``agent.reports.till_sales``. The questions (``register_questions``) and
the answers' rule are the console's and ``agent register import``'s alike:
the command line asks the same on a terminal, or takes the answers by the
file's line numbers (``line_answers``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import tzinfo
from typing import Any

from agent.config.currency import GBP, Currency
from agent.console.views import money, total_not_read
from agent.reports.till_sales import TillSale, till_sales_on
from agent.sale.txn_ids import manual_id
from agent.uk_dates import uk_day_iso

ENTER, LEAVE = "enter", "leave"  # the two answers


def till_sale_words(sale: TillSale, cur: Currency = GBP) -> str:
    """"12:05, Roast dinner, £2.40" (a total not read: "total not read")."""
    return f"{sale.at}, {_what_words(sale, cur)}"


def _what_words(sale: TillSale, cur: Currency) -> str:
    """"Roast dinner, £2.40"."""
    unread = total_not_read({"total_pence": sale.total_pence, "flags": sale.flags})
    return ", ".join([*[w for w in sale.what if w],
                      "total not read" if unread else money(sale.total_pence, cur)])


def register_note(sales: list[TillSale], cur: Currency = GBP) -> str:
    """Beside a pupil on a printed or exported register, so whoever ticks it
    does not tick a meal the till already recorded: "Had a sale at the till
    at 12:05: Roast dinner, £2.40" ("Had 2 sales at the till: 12:05, ...;
    12:31, ..."); "" for none."""
    if len(sales) == 1:
        return f"Had a sale at the till at {sales[0].at}: {_what_words(sales[0], cur)}"
    return f"Had {len(sales)} sales at the till: {sales_words(sales, cur)}" if sales else ""


def sales_words(sales: list[TillSale], cur: Currency = GBP) -> str:
    """One pupil's sales of a day: "12:05, Roast dinner, £2.40; 12:31, Juice, £0.60"."""
    return "; ".join(till_sale_words(s, cur) for s in sales)


def till_sales(journal: Any, days: Iterable[str], zone: tzinfo
               ) -> dict[tuple[str, str], list[TillSale]]:
    """(day, pupil id) -> their sales at this till that day (``journal``
    None: none)."""
    if journal is None:
        return {}
    return till_sales_on(journal.entries(), set(days), zone)


@dataclass(frozen=True)
class Question:
    """A paper meal of a pupil the till had already sold to that day."""

    field: str  # the form's field for the answer
    day: str
    pupil_id: str
    name: str
    day_words: str  # "Friday 4 December 2026"
    sales: str  # the till's sales that day, in words
    lines: tuple[int, ...] = ()  # the file's lines marking that meal


def questions(meals: Iterable[Any], names: dict[str, str],
              sold: dict[tuple[str, str], list[TillSale]],
              cur: Currency = GBP) -> list[Question]:
    """A question for each meal (``registers.Meal``) whose pupil the till
    had already sold to that day, once per pupil and day."""
    out: dict[str, Question] = {}
    lines: dict[str, list[int]] = {}
    for m in meals:
        sales = sold.get((m.day, m.pupil_id))
        if sales:
            key = f"again-{m.day}-{m.pupil_id}"
            lines.setdefault(key, []).append(m.line)
            out.setdefault(key, Question(key, m.day, m.pupil_id,
                                         names.get(m.pupil_id, m.pupil_id),
                                         uk_day_iso(m.day), sales_words(sales, cur)))
    return [replace(q, lines=tuple(lines[k])) for k, q in out.items()]


def register_questions(meals: Iterable[Any], names: dict[str, str], journal: Any,
                       till_id: str, zone: tzinfo, cur: Currency = GBP) -> list[Question]:
    """The questions for ``meals`` (a parsed register's) of pupils the till
    sold to that day, but a meal entered before (importing it again adds
    nothing, so there is nothing to ask): asked by the console and by
    ``agent register import`` alike."""
    new = [m for m in meals
           if journal.get(manual_id(till_id, m.day.replace("-", ""), m.pupil_id)) is None]
    sold = till_sales(journal, {m.day for m in new}, zone)
    return questions(new, names, sold, cur)


def answers(form: Any, asked: list[Question]) -> tuple[set[tuple[str, str]], list[Question]]:
    """The office's answers in ``form``: the (day, pupil id) of the meals to
    leave out, and the questions not answered (then nothing is entered)."""
    leave: set[tuple[str, str]] = set()
    unanswered = []
    for q in asked:
        said = str(form.get(q.field) or "")
        if said == LEAVE:
            leave.add((q.day, q.pupil_id))
        elif said != ENTER:
            unanswered.append(q)
    return leave, unanswered


def line_answers(keep: Collection[int], leave: Collection[int],
                 asked: list[Question]) -> tuple[dict[str, str], list[str]]:
    """The command line's answers, given by the file's line numbers
    (``--keep``: another meal, enter it; ``--leave-out``: the same meal), as
    the console's form gives them (field -> ``ENTER``/``LEAVE``, for
    ``answers``), and what is wrong with them: a line nothing asks about, or
    one question answered both ways."""
    form: dict[str, str] = {}
    problems = []
    for q in asked:
        said = {ENTER for n in q.lines if n in keep} | {LEAVE for n in q.lines if n in leave}
        if len(said) > 1:
            problems.append(f"line {'/'.join(map(str, q.lines))} is both kept and left out")
        elif said:
            form[q.field] = said.pop()
    asked_lines = {n for q in asked for n in q.lines}
    for n in sorted((set(keep) | set(leave)) - asked_lines):
        problems.append(f"line {n} is not asked about (no sale at the till that day for "
                        "a meal marked there)")
    return form, problems
