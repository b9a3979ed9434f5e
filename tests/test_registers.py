"""Paper registers through the real command line: export, mark, import, and
files that must be refused whole."""

from __future__ import annotations

import csv
import io

import pytest

from agent.cli import main
from agent.journal.store import Journal
from agent.reports.registers import EXPORT_HEADER, HEADER, export_csv
from sync.contract import Pupil
from sync.roster_store import RosterStore
from tests.support import till_with_roster


def pupil(pid, name, yg, fsm=False):
    return Pupil(id=pid, display_name=name, year_group=yg, card_uids=(), biometric_ids=(),
                 balance_pence=0, fsm=fsm, daily_limit_pence=None, debt_limit_pence=500,
                 allergens=(), biometric_consent=True)


SCHOOL = [
    pupil("P0001", "Zara Ahmed", "Y2"),
    pupil("P0002", "Ben O'Neil", "Y1", fsm=True),
    pupil("P0003", "Amy <script>alert(1)</script>", "Y1"),
    pupil("P0004", "Chloe, Smith", "Reception"),
    pupil("P0005", "Dev Patel", "Y2", fsm=True),
    pupil("P0006", "Eli Novak", None),
    pupil("P0007", "Fay Wong", "Y10"),
]


@pytest.fixture
def school(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state, cfg = till_with_roster(tmp_path, SCHOOL, pulled_at=1_795_000_000.0,
                                  config="[policy]\nmeal_price_pence = 250\n")
    return tmp_path, state, str(cfg)


def agent(cfg, *argv):
    return main([*argv, "--config", cfg])


def journaled(state):
    if not (state / "journal.sqlite").exists():
        return []
    with Journal.in_state_dir(state, readonly=True) as j:
        return [e.transaction for e in j.entries()]


def mark(path, marks):
    """Fill in the register as staff would: pupil id -> mark."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for row in rows[1:]:
        row[4] = marks.get(row[1], "")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def test_export_mark_import_round_trip_and_a_second_import_adds_nothing(school, capsys):
    tmp, state, cfg = school
    reg = tmp / "register.csv"
    assert agent(cfg, "register", "export", "--date", "2026-11-30", "--out", str(reg)) == 0
    rows = list(csv.reader(io.StringIO(reg.read_text(encoding="utf-8-sig"))))
    assert rows[0] == EXPORT_HEADER
    assert [r[3] for r in rows[1:]] == ["Reception", "Y1", "Y1", "Y2", "Y2", "Y10", ""]
    assert {r[0] for r in rows[1:]} == {"2026-11-30"} and {r[4] for r in rows[1:]} == {""}
    assert reg.stat().st_mode & 0o077 == 0  # pupil names: the agent's user only

    mark(reg, {"P0001": "y", "P0002": "✓", "P0004": "X", "P0005": " YES ", "P0006": "n"})
    capsys.readouterr()
    assert agent(cfg, "register", "import", str(reg)) == 0
    assert "4 meal(s) journaled" in capsys.readouterr().out
    txns = {t["pupil_id"]: t for t in journaled(state)}
    assert set(txns) == {"P0001", "P0002", "P0004", "P0005"}
    ben = txns["P0002"]
    assert ben["kind"] == "manual" and ben["identified_by"] == "manual"
    assert ben["tender"] == "fsm" and txns["P0001"]["tender"] == "account"
    assert ben["total_pence"] == 250 and ben["id"] == "hall-1:20261130:m:P0002"
    assert ben["occurred_at"].startswith("2026-11-30T")

    assert agent(cfg, "register", "import", str(reg)) == 0
    assert "0 meal(s) journaled, 4 already imported" in capsys.readouterr().out
    assert len(journaled(state)) == 4


def test_the_html_register_is_printable_and_escapes_names(school):
    tmp, _state, cfg = school
    out = tmp / "register.html"
    assert agent(cfg, "register", "export", "--date", "2026-11-30", "--format", "html",
                 "--out", str(out)) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Ben O&#x27;Neil" in page
    assert "<h1>Meal register: Monday 30 November 2026</h1>" in page  # not 2026-11-30
    assert page.index("Reception") < page.index("Year 1 (2)") < page.index("Year 2 (2)") \
        < page.index("Year 10 (1)") < page.index("No year group")


def test_export_to_standard_output(school, capsys):
    _tmp, _state, cfg = school
    assert agent(cfg, "register", "export", "--date", "2026-11-30") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(EXPORT_HEADER)
    assert '"Chloe, Smith"' in out


@pytest.mark.parametrize("body,where,what", [
    ("date,pupil_id,name,year_group,took_meal\n2026-11-30,P0001,Zara,Y2,y\n", "line 1",
     "bad header"),
    (",".join(HEADER) + "\n2026-11-30,P0001,Zara,Y2,y\n2026-11-31,P0002,Ben,Y1,y\n", "line 3",
     "bad date"),
    (",".join(HEADER) + "\n2026-11-30,P0001,Zara,Y2,y\n2026-11-30,P0002,Ben,Y1,maybe\n",
     "line 3", "bad mark"),
    (",".join(HEADER) + "\n2026-11-30,P0001,Zara,Y2,y\n2026-11-30,P0002,Ben,Y1,y\n"
     "2026-11-30,P9999,Who,Y1,y\n", "line 4", "not in the roster"),
    (",".join(HEADER) + "\n2026-11-30,P0001,Zara,Y2\n", "line 2", "expected 5 columns"),
    ("", "line 1", "empty"),
])
def test_a_bad_file_is_refused_whole_with_the_line_number(school, capsys, body, where, what):
    tmp, state, cfg = school
    reg = tmp / "filled.csv"
    reg.write_text(body, encoding="utf-8")
    assert agent(cfg, "register", "import", str(reg)) == 1
    err = capsys.readouterr().err
    assert "nothing journaled" in err and where in err and what in err
    assert journaled(state) == []


def test_every_problem_is_listed_at_once(school, capsys):
    tmp, state, cfg = school
    reg = tmp / "filled.csv"
    reg.write_text(",".join(HEADER) + "\n2026-11-30,P0001,Zara,Y2,?\n"
                   "31/11/2026,P0002,Ben,Y1,y\n2026-11-30,P0404,Who,Y1,y\n", encoding="utf-8")
    assert agent(cfg, "register", "import", str(reg)) == 1
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err and "line 4" in err


def test_a_register_saved_by_a_spreadsheet_with_a_bom_and_crlf_imports(school, capsys):
    tmp, state, cfg = school
    reg = tmp / "excel.csv"
    reg.write_bytes(("\ufeff" + ",".join(HEADER) + "\r\n2026-11-30,P0003,Amy,Y1,1\r\n")
                    .encode("utf-8"))
    assert agent(cfg, "register", "import", str(reg)) == 0
    assert [t["pupil_id"] for t in journaled(state)] == ["P0003"]


def test_a_missing_file_and_a_bad_date_argument(school, capsys):
    tmp, _state, cfg = school
    assert agent(cfg, "register", "import", str(tmp / "nope.csv")) == 1
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        agent(cfg, "register", "export", "--date", "31/11/2026")
    assert exc.value.code == 2


def test_an_empty_roster_cannot_make_a_register(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    assert main(["register", "export", "--date", "2026-11-30", "--state-dir",
                 str(tmp_path)]) == 1
    assert "roster is empty" in capsys.readouterr().err


def test_export_csv_is_one_row_per_pupil():
    text = export_csv(SCHOOL, "2026-11-30")
    assert len(text.splitlines()) == len(SCHOOL) + 1


def print_register(tmp, cfg):
    """``register export --print`` to a simulated TCP printer; the printer."""
    from hwsim.printer import TcpPrinter

    printer = TcpPrinter().start()
    try:
        path = tmp / "agent.toml"
        path.write_text(path.read_text().replace(
            "[policy]", '[printer]\nmode = "tcp"\nlisten = "127.0.0.1:0"\n'
            'forward = "{}:{}"\n[policy]'.format(*printer.address)))
        assert agent(cfg, "register", "export", "--date", "2026-11-30", "--print") == 0
        assert printer.wait_jobs(1, timeout=5)
    finally:
        printer.stop()
    return printer


def test_the_register_prints_on_the_receipt_printer_between_services(school, capsys):
    tmp, state, cfg = school
    (paper,) = print_register(tmp, cfg).core.receipts
    # Every pupil is on the paper, grouped by year, with a box to tick.
    assert paper.count(b"[  ]") == len(SCHOOL)
    assert b"Zara Ahmed P0001" in paper and b"MEAL REGISTER" in paper
    assert b"Monday 30 November 2026" in paper  # the day as the school says it
    assert journaled(state) == []  # printing a register is not a sale


def test_a_name_holding_printer_commands_prints_as_text(school, capsys):
    tmp, state, cfg = school
    drawer_kick = "\x1bp\x00\x19\xfa"
    RosterStore.in_state_dir(state).apply([pupil("P0666", f"Mal{drawer_kick}Ory\x1dV\x00", "Y3")],
                                          [], "c2", 0, 1_795_000_001.0, False)
    (job,) = print_register(tmp, cfg).jobs
    assert b"Mal" in job and b"\x1bp" not in job and job.count(b"\x1dV") == 1  # our one cut


def test_printing_needs_a_printer_the_agent_can_reach(school, capsys):
    _tmp, _state, cfg = school
    assert agent(cfg, "register", "export", "--date", "2026-11-30", "--print") == 1
    assert "export --format html" in capsys.readouterr().err
