"""Which moment a receipt's dates and times say the sale happened: a bill's
closing time, not its opening; never a fiscal unit's log or a print time;
a serial that merely looks like a date is none; a time printed with a
point after its date; a US till's dates month first; a clock's lower-case
"am"/"pm" is not the en-US locale's."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.dates import _read_when
from tests.test_receipt_reading import captured

_SALE = ("Tea   1.20", "Total   1.20", "Cash   1.20")
_DAYS = st.dates(date(2000, 1, 1), date(2099, 12, 31))


def read(*header: str, footer: tuple[str, ...] = ()):
    return interpret(captured(*header, *_SALE, *footer))


def test_a_bill_opened_and_closed_was_sold_when_it_was_closed():
    p = read("Opened: 14/03/2026 12:16", "Closed: 14/03/2026 12:47")
    assert p.occurred == "2026-03-14T12:47:00+00:00"


def test_a_refunded_bill_happened_when_the_money_went_back():
    p = read("Opened: 14/03/2026 12:16", "Closed: 14/03/2026 12:47",
             "Refunded: 15/03/2026 09:05")
    assert p.occurred == "2026-03-15T09:05:00+00:00"


def test_a_closing_time_after_an_unlabelled_date_moves_nothing():
    # A fiscal unit's "Ende" (its log, in UTC) after the header's date and minute.
    p = read("Designmesse HH        22.12.2026", "15:11",
             footer=("Start        2026-12-22 15:07:53", "Ende         2026-12-22 15:11:56"))
    assert p.occurred == "2026-12-22T15:11:00+00:00"


@given(_DAYS, st.integers(0, 23), st.integers(0, 59), st.integers(0, 59),
       st.sampled_from(["Ende", "Start", "End", "Printed", "Closed:", "Beginn"]))
def test_a_time_under_another_moments_label_never_gives_the_sale_its_seconds(d, h, m, s, label):
    p = read(f"Date: {d:%d.%m.%Y} {h:02d}:{m:02d}",
             footer=(f"{label} {d:%Y-%m-%d} {h:02d}:{m:02d}:{s:02d}",))
    assert p.occurred is not None and p.occurred[11:19] == f"{h:02d}:{m:02d}:00"


def test_seconds_printed_as_zero_are_seconds_a_print_time_does_not_replace():
    p = read("Date:  25/12/2026 14:07:00", footer=("25/12/2026 14:07:02",))
    assert p.occurred == "2026-12-25T14:07:00+00:00"


@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 4000))
def test_a_serial_of_four_dashed_numbers_is_never_a_date(a, b, c):
    assert _read_when(f"Invoice:   {a}-{b}-2-{c}")[0] is None
    assert _read_when(f"Invoice:   1-{a}-{b}-{c:04d}")[0] is None


def test_a_year_no_till_prints_today_is_a_serials_not_a_date():
    assert _read_when("Ref 3-2-1005")[0] is None


@given(_DAYS, st.integers(0, 23), st.integers(0, 59))
def test_a_time_printed_with_a_point_after_its_date_and_a_comma_is_read(d, h, m):
    # id-ID's Intl.DateTimeFormat: "06/04/2026, 14.56"
    assert _read_when(f"Tanggal:   {d:%d/%m/%Y}, {h:02d}.{m:02d}") == (d, (h, m, 0))


@given(_DAYS, st.integers(0, 99), st.integers(0, 99))
def test_an_amount_beside_a_date_is_never_its_time(d, units, pence):
    assert _read_when(f"{d:%d/%m/%Y}   {units}.{pence:02d}")[1] is None


@given(_DAYS.filter(lambda d: d.day <= 12), st.integers(1, 12), st.integers(0, 59))
def test_a_us_tills_date_is_read_month_first(d, h, m):
    # "Dayton, OH 45402" says the till is in the US: "04/09/2026" is 9 April.
    p = read("Dayton, OH 45402", f"Closed: {d:%m/%d/%Y} {h:02d}:{m:02d} PM")
    assert p.occurred is not None and p.occurred.startswith(d.isoformat())
    assert "unsure_date" not in p.flags


def test_a_uk_address_leaves_dates_day_first():
    p = read("Leeds LS1 4AP", "04/09/2026 14:02")
    assert p.occurred is not None and p.occurred.startswith("2026-09-04")


@given(_DAYS.filter(lambda d: d.day <= 12 and d.day != d.month), st.integers(1, 12))
def test_a_lower_case_am_pm_after_a_comma_is_not_the_en_us_locales(d, h):
    # en-AU prints "10/11/2026, 8:12:40 am": 10 November
    assert _read_when(f"Date:  {d:%d/%m/%Y}, {h}:12:40 am")[0] == d


@given(_DAYS.filter(lambda d: d.day <= 12 and d.day != d.month), st.integers(1, 12))
def test_a_padded_date_in_slashes_beside_a_pm_is_read_day_first_and_flagged(d, h):
    # "04/09/2026 02:02 PM": a US till's "%m/%d/%Y %I:%M %p" as well as a UK
    # till's 12-hour format; nothing on the paper says which.
    p = read(f"{d:%d/%m/%Y} {h:02d}:15 PM")
    assert p.occurred is not None and p.occurred.startswith(d.isoformat())
    assert "unsure_date" in p.flags


def test_a_padded_date_beside_a_24_hour_clock_is_trusted_day_first():
    assert read("04/09/2026 14:15").flags == []
