"""A paper-register meal of a pupil the till had already sold to that day:
the sale is found (for the register's day in the site's time), the office
is asked, and only its answer leaves a meal out. A real journal and roster
cache; the browser's side is in test_console_browser.py (the register
ticked on screen)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from agent.config import PolicyConfig
from agent.console.register_till_sales import ENTER, LEAVE, answers, questions, till_sales
from agent.journal.store import Journal
from agent.reports.registers import Meal, import_register
from agent.reports.till_sales import TillSale
from sync.roster_store import RosterStore
from tests.test_registers import pupil

LONDON = ZoneInfo("Europe/London")
AVA, BEN = pupil("P-1", "Ava Thompson", "Y4"), pupil("P-2", "Ben Okafor", "Y6")


def sale(j: Journal, txn_id: str, at: str, pupil_id: str | None = "P-1", kind: str = "sale",
         total: int = 240, flags: tuple[str, ...] = ()) -> None:
    j.append(txn_id, kind, {
        "id": txn_id, "till_id": "till-1", "kind": kind, "occurred_at": at,
        "clock_synced": True, "pupil_id": pupil_id, "identified_by": "card" if pupil_id else None,
        "receipt_no": "0031", "lines": [{"description": "Roast dinner", "quantity": 1,
                                         "amount_pence": total},
                                        {"description": "Juice", "quantity": 2,
                                         "amount_pence": 0}],
        "total_pence": total, "tender": "account", "offline": False, "flags": list(flags)})


def test_a_sale_counts_for_its_day_in_the_sites_time_and_only_a_sale(tmp_path):
    with Journal.in_state_dir(tmp_path) as j:
        sale(j, "card-1205", "2026-12-04T12:05:00.000Z")
        # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
        sale(j, "late", "2026-06-30T23:30:00.000Z")
        sale(j, "refund", "2026-12-04T12:30:00.000Z", kind="refund", total=-240)
        sale(j, "cancelled", "2026-12-04T12:31:00.000Z", kind="void")
        sale(j, "cash", "2026-12-04T12:32:00.000Z", pupil_id=None)
        sale(j, "unread", "2026-12-04T12:40:00.000Z", pupil_id="P-2", total=0,
             flags=("unparsed_receipt",))
        sold = till_sales(j, ["2026-12-04", "2026-07-01", "2026-06-30"], LONDON)
    assert sorted(sold) == [("2026-07-01", "P-1"), ("2026-12-04", "P-1"),
                            ("2026-12-04", "P-2")]
    asked = questions([Meal(2, "2026-12-04", "P-1"), Meal(3, "2026-12-04", "P-2"),
                       Meal(4, "2026-12-05", "P-1")],
                      {"P-1": "Ava Thompson", "P-2": "Ben Okafor"}, sold)
    assert [(q.name, q.day_words, q.sales) for q in asked] == [
        ("Ava Thompson", "Friday 4 December 2026", "12:05, Roast dinner, 2 × Juice, £2.40"),
        ("Ben Okafor", "Friday 4 December 2026",
         "12:40, Roast dinner, 2 × Juice, total not read")]


def test_a_paper_meal_of_a_pupil_sold_to_that_day_is_entered_only_as_the_office_answers(
        tmp_path):
    with RosterStore.in_state_dir(tmp_path) as roster, Journal.in_state_dir(tmp_path) as j:
        roster.apply([AVA, BEN], [], "c1", 0, 1_795_000_000.0, True)
        sale(j, "card-1205", "2026-12-04T12:05:00.000Z")
        paper = ("date,pupil_id,display_name,year_group,took_meal\n"
                 "04/12/2026,P-1,Ava Thompson,Y4,y\n04/12/2026,P-2,Ben Okafor,Y6,y\n")
        # The office said "the same meal" for Ava: Ben's alone is entered (with no
        # question asked, as before, both were: Ava charged twice for one lunch).
        report = import_register(paper, roster, j, "till-1", PolicyConfig(),
                                 leave_out={("2026-12-04", "P-1")})
        assert [m.pupil_id for m in report.left_out] == ["P-1"]
        assert [(e.kind, e.transaction["pupil_id"]) for e in j.entries()] == [
            ("sale", "P-1"), ("manual", "P-2")]
        # Entered again with "another meal" (seconds): hers is entered, Ben's not twice.
        again = import_register(paper, roster, j, "till-1", PolicyConfig())
        assert len(again.journaled) == 1 and len(again.already) == 1 and not again.left_out
        assert [(e.kind, e.transaction["pupil_id"]) for e in j.entries()][-1] == ("manual",
                                                                                   "P-1")


@given(st.lists(st.sampled_from([ENTER, LEAVE, "", "yes", None]), min_size=1, max_size=6))
def test_every_question_is_answered_or_nothing_is_entered(said):
    asked = questions([Meal(n, "2026-12-04", f"P-{n}") for n in range(len(said))], {},
                      {("2026-12-04", f"P-{n}"): [] for n in range(len(said))})
    assert asked == []  # no sale that day: nothing to ask
    one = [TillSale(1, "2026-12-04", "12:05", ("Roast dinner",), 240, (), "31")]
    asked = questions([Meal(n, "2026-12-04", f"P-{n}") for n in range(len(said))], {},
                      {("2026-12-04", f"P-{n}"): one for n in range(len(said))})
    form = {q.field: s for q, s in zip(asked, said, strict=True) if s is not None}
    leave, unanswered = answers(form, asked)
    assert {q.pupil_id for q in unanswered} == {f"P-{n}" for n, s in enumerate(said)
                                                if s not in (ENTER, LEAVE)}
    assert leave == {("2026-12-04", f"P-{n}") for n, s in enumerate(said) if s == LEAVE}
