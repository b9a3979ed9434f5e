"""Register files from the real world (issue 15, defect 7): what a school
office's spreadsheet saves is accepted, a bad file is reported once with its
line numbers, the printed register shows allergens and a balance (never who
has free meals), and ``--date`` defaults to today where the school is.
Through the real command line, with the real roster cache and journal."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.cli import main
from agent.clock import FakeClock
from agent.journal.store import Journal
from agent.reports.registers import EXPORT_HEADER, check_day, export_lines
from sync.contract import Pupil
from tests.support import till_with_roster


def pupil(pid, name, balance=1000, fsm=False, allergens=()):
    return Pupil(id=pid, display_name=name, year_group="Y6", card_uids=(), biometric_ids=(),
                 balance_pence=balance, fsm=fsm, daily_limit_pence=None, debt_limit_pence=500,
                 allergens=tuple(allergens), biometric_consent=True)


SCHOOL = [pupil("P01", "Zoë Brontë", 1230, allergens=("peanut", "milk")),
          pupil("P02", "Omar Farouk", 0, fsm=True),
          pupil("P03", "Ivy Chen", -45)]


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state, cfg = till_with_roster(tmp_path, SCHOOL)
    return tmp_path, state, cfg


def agent(cfg, *argv):
    return main([*argv, "--config", str(cfg)])


def meal_days(state):
    with Journal.in_state_dir(state, readonly=True) as j:
        return sorted((e.transaction["pupil_id"], e.transaction["occurred_at"][:10])
                      for e in j.entries())


# --- what spreadsheets save ------------------------------------------------------------


def test_excel_with_uk_settings_dates_bom_and_crlf_import(site, capsys):
    tmp, state, cfg = site
    reg = tmp / "register.csv"
    # "purse": the balance column's name in registers exported before; still read.
    reg.write_bytes("\ufeffdate,pupil_id,display_name,year_group,took_meal,allergens,purse\r\n"
                    "05/12/2026,P01,Zoë Brontë,Y6,y,peanut; milk,£12.30\r\n"
                    "05/12/2026,P02,Omar Farouk,Y6,x,,£0.00\r\n"
                    "05/12/2026,P03,Ivy Chen,Y6,,,-£0.45\r\n".encode())
    assert agent(cfg, "register", "import", str(reg)) == 0, capsys.readouterr().err
    assert meal_days(state) == [("P01", "2026-12-05"), ("P02", "2026-12-05")]


def test_excel_plain_csv_in_windows_1252_with_day_first_dates(site, capsys):
    tmp, state, cfg = site
    reg = tmp / "register.csv"
    reg.write_bytes("date,pupil_id,display_name,year_group,took_meal\r\n"
                    "5/12/2026,P01,Zoë Brontë,Y6,Y\r\n".encode("cp1252"))
    assert agent(cfg, "register", "import", str(reg)) == 0, capsys.readouterr().err
    assert meal_days(state) == [("P01", "2026-12-05")]


def test_a_semicolon_separated_register_imports(site, capsys):
    tmp, state, cfg = site
    reg = tmp / "register.csv"
    reg.write_text("date;pupil_id;display_name;year_group;took_meal\n"
                   "2026-12-05;P03;Ivy Chen;Y6;1\n", encoding="utf-8")
    assert agent(cfg, "register", "import", str(reg)) == 0, capsys.readouterr().err
    assert meal_days(state) == [("P03", "2026-12-05")]


@pytest.mark.parametrize("text, day", [
    ("2026-12-05", "2026-12-05"), ("05/12/2026", "2026-12-05"), ("5/1/2027", "2027-01-05"),
    (" 29/02/2028 ", "2028-02-29")])
def test_dates_iso_or_day_first(text, day):
    assert check_day(text) == day


@pytest.mark.parametrize("text", ["31/11/2026", "12/31/2026", "20261205", "2026-W49-6",
                                  "05/12", "Dec 5 2026", ""])
def test_dates_that_are_not_real_days_or_are_ambiguous_are_refused(text):
    with pytest.raises(ValueError):
        check_day(text)


# --- a bad file, reported once ---------------------------------------------------------


def test_a_file_with_the_same_mistake_on_every_row_is_reported_once(site, capsys):
    tmp, state, cfg = site
    reg = tmp / "register.csv"
    rows = "".join(f"{d:02d}/12,P01,Zoë,Y6,y\n" for d in range(1, 31))
    reg.write_text("date,pupil_id,display_name,year_group,took_meal\n" + rows
                   + "2026-12-05,P01,Zoë,Y6,maybe\n2026-12-05,P09,Who,Y6,y\n"
                   "2026-12-05,P08,Who,Y6,y\n", encoding="utf-8")
    assert agent(cfg, "register", "import", str(reg)) == 1
    err = capsys.readouterr().err
    problems = [ln for ln in err.splitlines() if ln.startswith("  - ")]
    assert len(problems) == 3, err
    dates, mark, pupils = problems
    assert dates.startswith("  - lines 2-31 (30 rows): bad date (expected DD/MM/YYYY, "
                            "D/M/YY, 06-Dec-26, 6 December 2026 or YYYY-MM-DD): '01/12'")
    assert "and 27 more" in dates
    assert mark.startswith("  - line 32: bad mark") and "'maybe'" in mark
    assert pupils == "  - lines 33-34 (2 rows): pupil not in the roster: 'P09', 'P08'"
    assert not (state / "journal.sqlite").exists() or meal_days(state) == []


def test_ticks_lost_to_a_plain_csv_save_are_explained(site, capsys):
    tmp, _state, cfg = site
    reg = tmp / "register.csv"
    reg.write_bytes("date,pupil_id,display_name,year_group,took_meal\r\n"
                    "05/12/2026,P01,Zoë,Y6,✓\r\n".encode("cp1252", errors="replace"))
    assert agent(cfg, "register", "import", str(reg)) == 1
    assert "save as \"CSV UTF-8\"" in capsys.readouterr().err


def test_a_header_with_an_unknown_column_is_refused(site, capsys):
    tmp, _state, cfg = site
    reg = tmp / "register.csv"
    reg.write_text("date,pupil_id,display_name,year_group,took_meal,fsm\n", encoding="utf-8")
    assert agent(cfg, "register", "import", str(reg)) == 1
    assert "line 1: bad header" in capsys.readouterr().err


# --- the printed register ------------------------------------------------------------


def test_the_csv_register_has_allergens_and_the_tills_balance_and_no_fsm(site, capsys):
    tmp, state, cfg = site
    # A sale this till made that the hub has not applied yet: the balance shows it.
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append("hall-1:t1", "sale", {
            "till_id": "hall-1", "occurred_at": "2026-12-04T12:00:00.000Z",
            "clock_synced": True, "pupil_id": "P01", "identified_by": "card",
            "receipt_no": "1", "lines": [{"description": "Soup", "quantity": 1,
                                          "amount_pence": 200}],
            "total_pence": 200, "tender": "account", "offline": True, "flags": []})
    out = tmp / "register.csv"
    assert agent(cfg, "register", "export", "--date", "2026-12-05", "--out", str(out)) == 0
    # A BOM, so that Excel reads the names and the £ as UTF-8.
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdate,")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    # The column is named as the console's pages name it: "balance", not "purse".
    assert list(rows[0]) == EXPORT_HEADER and list(rows[0])[-1] == "balance"
    by = {r["pupil_id"]: r for r in rows}
    assert by["P01"]["allergens"] == "peanut; milk" and by["P01"]["balance"] == "10.30"
    assert by["P02"]["balance"] == "0.00"
    # In debt (a spreadsheet-safe CSV writer may put a quote before the "-").
    assert by["P03"]["balance"] == "-0.45"  # a number a spreadsheet sums, not text
    assert "fsm" not in out.read_text(encoding="utf-8").lower()
    # And what was exported imports again as it is.
    text = out.read_text(encoding="utf-8-sig").replace("2026-12-05,P02,Omar Farouk,Y6,,",
                                                   "2026-12-05,P02,Omar Farouk,Y6,y,")
    out.write_text(text, encoding="utf-8")
    assert agent(cfg, "register", "import", str(out)) == 0


def test_the_html_register_has_allergens_and_balance_and_no_free_meal_label(site):
    tmp, _state, cfg = site
    out = tmp / "register.html"
    assert agent(cfg, "register", "export", "--date", "2026-12-05", "--format", "html",
                 "--out", str(out)) == 0
    page = out.read_text(encoding="utf-8")
    assert "<th>Allergens</th><th>Balance</th>" in page and "purse" not in page.lower()
    assert "<h2>Year 6 (3)</h2>" in page  # the year as the office says it, not "Y6"
    zoe = page[page.index("Zoë Brontë"):]
    zoe = zoe[:zoe.index("</tr>")]
    assert "peanut; milk" in zoe and "£12.30" in zoe
    lowered = page.lower()
    assert "fsm" not in lowered and "free" not in lowered


def test_the_receipt_printer_register_shows_balance_and_wraps_allergens():
    many = pupil("P04", "Ann Lee", 500, allergens=("peanut", "tree nut", "sesame", "milk",
                                                   "egg", "celery", "mustard"))
    lines = [ln if isinstance(ln, str) else ln[0]
             for ln in export_lines([many, SCHOOL[1]], "2026-12-05", "hall-1", width=32)]
    assert all(len(ln) <= 32 for ln in lines)
    assert any(ln.startswith("Ann Lee P04") and ln.endswith("£5.00 [  ]") for ln in lines)
    allergens = " ".join(ln.strip() for ln in lines if ln.startswith("  "))
    assert allergens == ("ALLERGENS: peanut; tree nut; sesame; milk; egg; celery; "
                         "mustard")
    assert not any("fsm" in ln.lower() or "free" in ln.lower() for ln in lines)
    # What the amount before the box is, and the year as the office says it.
    assert "Name, id, balance, box" in lines and "Year 6 (2)" in lines
    # A name too long for its line is never cut: it and its id on a line of their own.
    long = pupil("P05", "Isabella-Rose Fitzgerald-Okonkwo", 500)
    lines = [ln for ln in export_lines([long], "2026-12-05", "hall-1", width=32)
             if isinstance(ln, str)]
    at = lines.index("Isabella-Rose Fitzgerald-Okonkwo")
    assert lines[at + 1] == "P05" and lines[at + 2].endswith("£5.00 [  ]")


# --- today, where the school is ----------------------------------------------------------


def test_the_default_date_is_today_in_the_sites_time_zone(site, capsys):
    _tmp, _state, cfg = site
    # A zone whose date differs from UTC's right now (one of the two always does).
    utc_today = datetime.now(UTC).date()
    zone = next(z for z in ("Pacific/Kiritimati", "Pacific/Pago_Pago")
                if datetime.now(ZoneInfo(z)).date() != utc_today)
    cfg.write_text(cfg.read_text() + f'[receipt]\ntimezone = "{zone}"\n')
    before = datetime.now(ZoneInfo(zone)).date().isoformat()
    assert agent(cfg, "register", "export") == 0
    after = datetime.now(ZoneInfo(zone)).date().isoformat()
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["date"] for r in rows} <= {before, after}


def test_an_unknown_time_zone_is_a_config_error(site, capsys):
    _tmp, _state, cfg = site
    cfg.write_text(cfg.read_text() + '[receipt]\ntimezone = "Europe/Atlantis"\n')
    assert main(["doctor", "--check", "config", "--config", str(cfg)]) != 0
    assert "receipt.timezone" in capsys.readouterr().out
