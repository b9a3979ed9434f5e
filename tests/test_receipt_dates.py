"""When a receipt says the sale happened: the date shapes real tills print
(month names with two-digit years, month first with slashes, day first by
the UK's order unless the date proves otherwise), times apart from dates,
and the same minute printed again with its seconds."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.dates import _read_when
from tests.test_receipt_reading import captured

_SALE = ("Tea   1.20", "Total   1.20", "Cash   1.20")


def occurred(*header: str, footer: tuple[str, ...] = ()) -> str | None:
    return interpret(captured(*header, *_SALE, *footer)).occurred


@pytest.mark.parametrize("printed,want", [
    ("09 Jun 26                         13:32:27", "2026-06-09T13:32:27+01:00"),
    ("29 JUL 26 08:38", "2026-07-29T08:38:00+01:00"),
    ("DATE : Mar/28/2026 15:21:29", "2026-03-28T15:21:29+00:00"),
    ("28.03.26 12:00", "2026-03-28T12:00:00+00:00"),
    ("2026-03-28T12:05:09", "2026-03-28T12:05:09+00:00"),
    ("Fecha:2026-03-12 03:42 PMTurno: 1 - ", "2026-03-12T15:42:00+00:00"),
    ("Sunday 04 October 2026 09:52", "2026-10-04T09:52:00+01:00"),
    ("Mon 12th Mar '26 14:05", "2026-03-12T14:05:00+00:00"),
])
def test_the_date_shapes_real_tills_print(printed, want):
    assert occurred(printed) == want


def test_a_time_on_a_line_apart_from_its_date():
    assert occurred("Date 19/04/2026", "Time 08:32:03") == "2026-04-19T08:32:03+01:00"


def test_the_same_minute_printed_again_with_its_seconds_gives_the_seconds():
    got = occurred("Date: 2026-10-08 08:06", footer=("2026-10-08 08:06:52",))
    assert got == "2026-10-08T08:06:52+01:00"


def test_another_time_printed_later_does_not_move_the_sale():
    # A card slip's or a reprint's time is another moment.
    got = occurred("Date: 2026-10-08 08:06", footer=("Printed 2026-10-08 09:14:05",))
    assert got == "2026-10-08T08:06:00+01:00"


def test_a_day_and_month_with_a_time_after_them_are_no_two_digit_year():
    assert _read_when("12 Jan 15:30") == (None, (15, 30, 0))


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_a_numeric_date_is_read_day_first_as_uk_tills_print_it(d):
    assert _read_when(d.strftime("%d/%m/%Y"))[0] == d
    assert _read_when(d.strftime("%d.%m.%y"))[0] == d


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)).filter(lambda d: d.day > 12))
def test_a_month_first_date_is_read_only_where_no_day_first_reading_exists(d):
    assert _read_when(d.strftime("%m/%d/%Y"))[0] == d


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.sampled_from(["%d %b %y", "%d %b %Y",
                                                                       "%b/%d/%Y", "%b %d, %Y",
                                                                       "%d-%b-%Y"]),
       st.booleans())
def test_a_date_with_its_month_named_reads_whatever_the_case(d, shape, upper):
    text = d.strftime(shape)
    assert _read_when(text.upper() if upper else text)[0] == d

