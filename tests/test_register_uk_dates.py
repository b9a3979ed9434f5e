"""UK date formats in the register import (issue 14): a register filled in
with Excel on a UK PC and saved as CSV imports whatever date format the cells
were given, and a date that can only be read month first (a US date) is
refused naming its cell, never guessed. The files are the bytes Excel writes:
"CSV UTF-8 (Comma delimited)" starts with a UTF-8 BOM, every Excel CSV ends
lines with CRLF, plain "CSV (Comma delimited)" is Windows-1252, and regional
settings with a decimal comma (e.g. German) save ';'-separated. Excel saves a
date cell as its displayed text: "Short date" in en-GB is dd/mm/yyyy,
"Medium date" is dd-mmm-yy, "Long date" is dd mmmm yyyy, a custom
"dd/mm/yyyy hh:mm" keeps the time. Through the real command line and the
console's upload in Chromium, with the real roster cache and journal."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from agent.cli import main
from agent.journal.store import Journal
from agent.reports.registers import check_day
from agent.uk_dates import MonthFirstError, read_uk_day
from sync.contract import Pupil
from tests.console_support import TABLET, console_agent, console_config, shot
from tests.support import till_with_roster

HEADER = "date,pupil_id,display_name,year_group,took_meal"


def pupil(pid: str, name: str) -> Pupil:
    return Pupil(id=pid, display_name=name, year_group="Y6", card_uids=(), biometric_ids=(),
                 balance_pence=1000, fsm=False, daily_limit_pence=None, debt_limit_pence=500,
                 allergens=(), biometric_consent=True)


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state, cfg = till_with_roster(
        tmp_path,
        [pupil("P01", "Zoë Brontë"), pupil("P02", "Omar Farouk"), pupil("P03", "Ivy Chen")])
    return tmp_path, state, cfg


def import_file(site, data: bytes) -> int:
    tmp, _state, cfg = site
    reg = tmp / "register.csv"
    reg.write_bytes(data)
    return main(["register", "import", str(reg), "--config", str(cfg)])


def meal_days(state) -> list[tuple[str, str]]:
    with Journal.in_state_dir(state, readonly=True) as j:
        return sorted((e.transaction["pupil_id"], e.transaction["occurred_at"][:10])
                      for e in j.entries())


# --- the rule, cell by cell -----------------------------------------------------------------


@pytest.mark.parametrize("cell", [
    "06/12/2026", "6/12/2026", "6/12/26", "06-Dec-26", "6-Dec-2026", "06 December 2026",
    "6 December 2026", "Sunday 6 December 2026", "Sun 6 Dec 2026", "2026-12-06",
    "06/12/2026 12:41", "06/12/2026 12:41:07", "6/12/2026 1:05 PM", "2026-12-06 12:41:07",
    "2026-12-06T12:41:07Z", "06.12.2026", " 06/12/2026 "])
def test_every_way_excel_saves_a_uk_date_reads_as_that_day(cell):
    assert read_uk_day(cell) == date(2026, 12, 6)


def test_numbers_are_day_first_even_when_month_first_would_also_be_a_date():
    assert check_day("05/06/2026") == "2026-06-05"  # 5 June, never 6 May
    assert check_day("12/01/27") == "2027-01-12"


@pytest.mark.parametrize("cell", ["12/25/2026", "2/29/2028", "12-31-26"])
def test_a_date_that_only_reads_month_first_is_a_us_date_and_refused(cell):
    with pytest.raises(MonthFirstError):
        read_uk_day(cell)


@pytest.mark.parametrize("cell", ["31/11/2026", "13/13/2026", "20261206", "2026-W49-6",
                                  "Monday 6 December 2026", "6 Decembr 2026", "Dec 6, 2026",
                                  "=TODAY()", "46362", ""])
def test_what_is_no_real_day_is_refused(cell):
    with pytest.raises(ValueError):
        read_uk_day(cell)


# --- files as Excel saves them, through agent register import ----------------------------


def test_csv_utf8_from_excel_with_uk_settings_and_mixed_date_formats(site, capsys):
    _tmp, state, _cfg = site
    # "CSV UTF-8 (Comma delimited)": BOM, CRLF; three cells formatted three ways.
    data = ("\ufeff" + HEADER + "\r\n"
            "04/12/2026,P01,Zoë Brontë,Y6,y\r\n"
            "05-Dec-26,P02,Omar Farouk,Y6,✓\r\n"
            "6 December 2026,P03,Ivy Chen,Y6,x\r\n").encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert import_file(site, data) == 0, capsys.readouterr().err
    assert meal_days(state) == [("P01", "2026-12-04"), ("P02", "2026-12-05"),
                                ("P03", "2026-12-06")]


def test_plain_csv_in_windows_1252_with_typed_short_years_and_times(site, capsys):
    _tmp, state, _cfg = site
    # "CSV (Comma delimited)" on a UK Windows PC: Windows-1252, CRLF, no BOM.
    data = (HEADER + "\r\n"
            "4/12/26,P01,Zoë Brontë,Y6,Y\r\n"
            "05/12/2026 12:15,P02,Omar Farouk,Y6,yes\r\n").encode("cp1252")
    assert b"Zo\xeb" in data
    assert import_file(site, data) == 0, capsys.readouterr().err
    assert meal_days(state) == [("P01", "2026-12-04"), ("P02", "2026-12-05")]


def test_semicolons_and_dotted_dates_from_a_decimal_comma_locale(site, capsys):
    _tmp, state, _cfg = site
    data = (HEADER.replace(",", ";") + "\r\n"
            "06.12.2026;P03;Ivy Chen;Y6;1\r\n").encode("utf-8")
    assert import_file(site, data) == 0, capsys.readouterr().err
    assert meal_days(state) == [("P03", "2026-12-06")]


def test_a_us_date_is_refused_naming_its_row_and_cell_and_nothing_is_journaled(site, capsys):
    _tmp, state, _cfg = site
    # Columns in another order: the cell letter follows the date column.
    data = ("pupil_id,display_name,year_group,date,took_meal\r\n"
            "P01,Zoë Brontë,Y6,06/12/2026,y\r\n"
            "P02,Omar Farouk,Y6,12/25/2026,y\r\n").encode()
    assert import_file(site, data) == 1
    err = capsys.readouterr().err
    assert ("line 3: date reads only month first, as a US date (the register is day first: "
            "write 25/12/2026 or 25-Dec-26): D3 '12/25/2026'") in err
    assert not (state / "journal.sqlite").exists() or meal_days(state) == []


def test_a_cell_excel_turned_into_a_formula_is_still_refused(site, capsys):
    data = (HEADER + "\r\n" "=TODAY(),P01,Zoë Brontë,Y6,y\r\n").encode("utf-8")
    assert import_file(site, data) == 1
    assert "line 2: bad date" in capsys.readouterr().err


# --- the console's upload, in Chromium ----------------------------------------------------


def test_the_preview_shows_the_dates_as_the_office_reads_them(tmp_path, browser):
    with console_agent(console_config(tmp_path)) as rt:
        page = browser.new_page(viewport=TABLET)
        csv = tmp_path / "filled.csv"
        csv.write_bytes(("\ufeff" + HEADER + "\r\n"
                         "04/12/2026,P-0001,Ava Thompson,Y4,y\r\n"
                         "05-Dec-26,P-0002,Ben Okafor,Y6,y\r\n"
                         "6 December 2026 12:10,P-0003,Cara Lindqvist,Reception,✓\r\n")
                        .encode("utf-8"))
        page.goto(rt.console.url + "console/register")
        page.locator("input[type=file]").set_input_files(str(csv))
        page.locator("form.upload button").click()
        expect(page.locator("#summary")).to_contain_text("3 meals to enter")
        assert page.locator("#preview td.day").all_inner_texts() == [
            "Friday 4 December 2026", "Saturday 5 December 2026", "Sunday 6 December 2026"]
        shot(page, "console-register-preview-uk-dates-1280x800")
        page.locator("#confirm").click()
        expect(page.locator("#result")).to_contain_text("3 meals recorded")
        with Journal.in_state_dir(tmp_path, readonly=True) as j:
            assert sorted(e.transaction["occurred_at"][:10] for e in j.entries()) == [
                "2026-12-04", "2026-12-05", "2026-12-06"]
        # A US date: nothing entered, the cell named as Excel names it.
        csv.write_bytes((HEADER + "\r\n" "12/25/2026,P-0002,Ben Okafor,Y6,y\r\n").encode())
        page.goto(rt.console.url + "console/register")
        page.locator("input[type=file]").set_input_files(str(csv))
        page.locator("form.upload button").click()
        expect(page.locator(".problems")).to_contain_text("reads only month first")
        expect(page.locator(".problems")).to_contain_text("A2 '12/25/2026'")
        shot(page, "console-register-preview-us-date-1280x800")
        with Journal.in_state_dir(tmp_path, readonly=True) as j:
            assert j.last_seq() == 3
