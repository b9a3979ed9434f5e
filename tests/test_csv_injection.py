"""Spreadsheet formula injection: every CSV the agent writes (register,
debt report, journal export), opened with Python's csv module as a
spreadsheet would, shows hostile text neutralised; numbers stay numbers; a
register exported and filled in imports the same pupils."""

from __future__ import annotations

import csv
import io
import re

import pytest

from agent.cli import main
from agent.clock import FakeClock
from agent.csv_cells import neutralise, restore
from agent.journal.store import Journal
from sync.contract import Pupil
from tests.support import till_with_roster

HOSTILE = {
    "P1": '=HYPERLINK("http://x","y")',
    "P2": "+cmd|' /C calc'!A0",
    "P3": "@SUM(1)",
    "-P4": "-1+1",
    "P5": "\tTabbed",
    "P6": "\rReturned",
    "P7": "'=already quoted",
    "P8": "Plain Name",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def pupil(pid, name, balance=0, yg="=1+1"):
    return Pupil(id=pid, display_name=name, year_group=yg, card_uids=(), biometric_ids=(),
                 balance_pence=balance, fsm=False, daily_limit_pence=None,
                 debt_limit_pence=1000, allergens=(), biometric_consent=True)


def sale(pid, total, flags, description="Meal"):
    return {"till_id": "till-1", "occurred_at": "2026-11-30T12:00:00.000Z",
            "clock_synced": True, "pupil_id": pid, "identified_by": "card",
            "receipt_no": None, "total_pence": total, "tender": "account",
            "lines": [{"description": description, "quantity": 1, "amount_pence": total}],
            "offline": bool(flags), "flags": flags}


@pytest.fixture
def school(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state, cfg = till_with_roster(
        tmp_path, [pupil(pid, name, balance=-500) for pid, name in HOSTILE.items()],
        pulled_at=1_795_000_000.0, config="[policy]\nmeal_price_pence = 250\n")
    return tmp_path, state, str(cfg)


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def read(path) -> str:
    with open(path, encoding="utf-8", newline="") as f:  # a CR inside a cell stays a CR
        return f.read()


def assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            # A number we computed (pence, a purse in pounds) may be negative.
            assert (not cell.startswith(FORMULA_START)
                    or re.fullmatch(r"-\d+(\.\d+)?", cell)), row


def test_the_register_neutralises_hostile_names_and_round_trips(school, capsys):
    tmp, state, cfg = school
    reg = tmp / "register.csv"
    assert main(["register", "export", "--date", "2026-11-30", "--out", str(reg),
                 "--config", cfg]) == 0
    rows = cells(read(reg))
    assert_no_formula(rows)
    names = {r[1]: r[2] for r in rows[1:]}
    assert names["P1"] == "'" + '=HYPERLINK("http://x","y")'
    assert names["P2"] == "'+cmd|' /C calc'!A0" and names["P3"] == "'@SUM(1)"
    assert names["'-P4"] == "'-1+1"  # the id is text too
    assert names["P5"] == "'\tTabbed" and names["P6"] == "'\rReturned"
    assert names["P7"] == "''=already quoted" and names["P8"] == "Plain Name"
    assert {r[3] for r in rows[1:]} == {"'=1+1"}

    # Staff mark every row in a spreadsheet (quotes kept as they were) and import.
    for row in rows[1:]:
        row[4] = "y"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    reg.write_bytes(buf.getvalue().encode("utf-8"))
    assert main(["register", "import", str(reg), "--config", cfg]) == 0
    with Journal.in_state_dir(state, readonly=True) as j:
        got = {e.transaction["pupil_id"] for e in j.entries()}
    assert got == set(HOSTILE)


def test_the_debt_report_csv_neutralises_names_but_keeps_numbers(school, capsys):
    _tmp, state, cfg = school
    with Journal.in_state_dir(state, FakeClock()) as j:
        for n, pid in enumerate(HOSTILE):
            j.append(f"t:{n}", "sale", sale(pid, 240, ["offline_debt"]))
    capsys.readouterr()
    assert main(["report", "debt", "--csv", "--config", cfg]) == 0
    rows = cells(capsys.readouterr().out)
    assert_no_formula(rows)
    by_id = {restore(r[0]): r for r in rows[1:]}
    assert set(by_id) == set(HOSTILE)
    assert by_id["P1"][1] == "'" + HOSTILE["P1"] and by_id["-P4"][1] == "'-1+1"
    assert by_id["P1"][3] == "240" and int(by_id["P1"][4]) == 240  # pence: numbers


def test_the_journal_export_neutralises_receipt_text(school, capsys):
    tmp, state, cfg = school
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append("t:1", "sale", sale("-P4", 240, [], description='=cmd|"/c calc"!A1'))
        j.append("t:2", "refund", sale("P8", -240, []))
        j.append("t:3", "sale", {**sale("P1", 240, []), "receipt_no": "@SUM(A1)"})
    out = tmp / "export.csv"
    assert main(["journal", "export", "--out", str(out), "--config", cfg]) == 0
    rows = list(csv.DictReader(io.StringIO(read(out), newline="")))
    assert_no_formula([list(r.values()) for r in rows])
    assert rows[0]["items"] == '1 x =cmd|"/c calc"!A1'  # does not start with =: safe as is
    assert rows[0]["pupil_id"] == "'-P4"
    assert rows[1]["total_pence"] == "-240"  # a refund's amount is a number, not text
    assert rows[2]["receipt_no"] == "'@SUM(A1)"


@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@x", "\tx", "\rx", "'x", "''=x", "x",
                                  "", "a=b", " =x"])
def test_neutralise_is_undone_exactly_by_restore(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(FORMULA_START)
