"""A paper-register meal of a pupil the till had already sold to that day:
the sale is found (for the register's day in the site's time), the office
is asked, and only its answer leaves a meal out: on the console and by
``agent register import`` (asked on a real terminal, a pty; refused with the
lines to answer in a script). A real journal and roster cache; the
browser's side is in test_console_browser.py (the register ticked on
screen)."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import pty
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent.cli import main
from agent.config import PolicyConfig
from agent.console.register_till_sales import ENTER, LEAVE, answers, questions, till_sales
from agent.journal.store import Journal
from agent.reports.registers import Meal, import_register
from agent.reports.till_sales import TillSale
from sync.roster_store import RosterStore
from tests.support import till_with_roster
from tests.test_registers import SCHOOL, mark, print_register, pupil

REPO = Path(__file__).resolve().parent.parent
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


# The command line: the same question and rule as the console's.
@pytest.fixture
def office(tmp_path, monkeypatch):
    """A till whose journal has Zara's 12:05 sale on 30 November, and the
    office's register of that day, Zara (line 6) and Chloe (line 2) ticked."""
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state, cfg = till_with_roster(tmp_path, SCHOOL, pulled_at=1_795_000_000.0,
                                  config="[policy]\nmeal_price_pence = 250\n")
    with Journal.in_state_dir(state) as j:
        sale(j, "card-1205", "2026-11-30T12:05:00.000Z", pupil_id="P0001")
    reg = tmp_path / "register.csv"
    assert main(["register", "export", "--date", "2026-11-30", "--out", str(reg),
                 "--config", str(cfg)]) == 0
    mark(reg, {"P0001": "y", "P0004": "y"})
    return state, str(cfg), reg


def entered(state) -> list[tuple[str, str]]:
    with Journal.in_state_dir(state, readonly=True) as j:
        return [(e.kind, e.transaction["pupil_id"]) for e in j.entries()]


def test_a_script_importing_a_register_is_refused_until_each_till_sale_is_answered(
        office, capsys):
    state, cfg, reg = office
    capsys.readouterr()
    assert main(["register", "import", str(reg), "--config", cfg]) == 1
    err = capsys.readouterr().err
    assert "was not imported (nothing journaled)" in err
    # By line and pupil id (a script's output may be logged: no name).
    assert ("  - line 6: pupil P0001, Monday 30 November 2026: the till recorded 12:05, "
            "Roast dinner, 2 × Juice, £2.40") in err
    assert "Zara" not in err and "--keep LINES" in err and "--leave-out LINES" in err
    assert entered(state) == [("sale", "P0001")]
    # An answer for a line nothing asks about is refused, not ignored.
    assert main(["register", "import", str(reg), "--keep", "2", "--config", cfg]) == 1
    assert "line 2 is not asked about" in capsys.readouterr().err
    assert main(["register", "import", str(reg), "--keep", "6", "--leave-out", "5-6",
                 "--config", cfg]) == 1
    assert "line 6 is both kept and left out" in capsys.readouterr().err
    assert entered(state) == [("sale", "P0001")]

    assert main(["register", "import", str(reg), "--leave-out", "6", "--config", cfg]) == 0
    assert "1 left out (the same meal as the till's sale)" in capsys.readouterr().out
    assert entered(state) == [("sale", "P0001"), ("manual", "P0004")]
    # Seconds after all: kept, Zara's paper meal is entered; Chloe's not twice.
    assert main(["register", "import", str(reg), "--keep", "6", "--config", cfg]) == 0
    assert entered(state) == [("sale", "P0001"), ("manual", "P0004"), ("manual", "P0001")]


def test_on_a_terminal_the_import_asks_about_the_tills_sale(office):
    state, cfg, reg = office
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "agent", "register", "import", str(reg),
                             "--config", cfg], stdin=slave, stdout=slave, stderr=slave,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    os.close(slave)
    shown = b""
    while b"a or s? " not in shown:
        shown += os.read(master, 4096)
    os.write(master, b"maybe\n")  # not an answer: asked again
    while shown.count(b"a or s? ") < 2:
        shown += os.read(master, 4096)
    os.write(master, b"s\n")
    assert proc.wait(timeout=60) == 0
    with contextlib.suppress(OSError):  # EIO once the child has gone
        shown += os.read(master, 65536)
    os.close(master)
    said = shown.decode()
    assert ("line 6: Zara Ahmed, Monday 30 November 2026: the till recorded 12:05, "
            "Roast dinner, 2 × Juice, £2.40.") in said
    assert "The same meal: leave it out" in said and "1 left out" in said
    assert entered(state) == [("sale", "P0001"), ("manual", "P0004")]


def test_the_printed_and_exported_registers_say_who_had_a_sale_at_the_till(office, capsys):
    state, cfg, reg = office
    note = "Had a sale at the till at 12:05: Roast dinner, 2 × Juice, £2.40"
    # The CSV (opened in Excel): beside the box to tick, Zara's sale; nobody else's.
    rows = list(csv.DictReader(io.StringIO(reg.read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[4:6] == ["took_meal", "at_the_till"]
    assert {r["pupil_id"]: r["at_the_till"] for r in rows if r["at_the_till"]} == {
        "P0001": note}
    # A description the till printed is text in the cell, never a formula.
    with Journal.in_state_dir(state) as j:
        j.append("formula", "sale", {**j.get("card-1205").transaction, "id": "formula",
                                     "pupil_id": "P0005", "lines": [
                                         {"description": "=HYPERLINK(\"x\")", "quantity": 1,
                                          "amount_pence": 240}]})
    out = reg.parent / "again.csv"
    assert main(["register", "export", "--date", "2026-11-30", "--out", str(out),
                 "--config", cfg]) == 0
    cells = {r["pupil_id"]: r["at_the_till"] for r in
             csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    assert cells["P0005"] == 'Had a sale at the till at 12:05: =HYPERLINK("x"), £2.40'
    # The printable page: under her name, in bold; another day's register: nothing.
    page = reg.parent / "register.html"
    for day, said in (("2026-11-30", True), ("2026-12-01", False)):
        assert main(["register", "export", "--date", day, "--format", "html", "--out",
                     str(page), "--config", cfg]) == 0
        zara = page.read_text(encoding="utf-8")
        zara = zara[zara.index("Zara Ahmed"):]
        assert (f'<span class="till-sale">{html.escape(note)}</span>'
                in zara[:zara.index("</tr>")]) is said
    # The receipt printer's register: a line of its own under her.
    (paper,) = print_register(state.parent, cfg).core.receipts
    under_zara = paper[paper.index(b"Zara Ahmed P0001"):].split(b"[  ]")[1]
    assert b"Had a sale at the till at 12:05: Roast" in under_zara
