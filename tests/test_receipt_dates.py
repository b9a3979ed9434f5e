"""When a receipt says the sale happened: the date shapes real tills print
(month names with two-digit years, month first with slashes, day first by
the UK's order unless the date proves otherwise), times apart from dates,
and the same minute printed again with its seconds."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from drivers.receipt import interpret, months
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
    # Spanish locales' 12-hour clock (ICU/JavaScript es-DO, es-MX: "p. m.",
    # its space often a no-break one); read 12 hours early before.
    ("Fecha: 21/6/2026  Hora: 5:55:18 p. m.", "2026-06-21T17:55:18+01:00"),
    ("Fecha: 21/6/2026  Hora: 5:55:18 p.\u00a0m.", "2026-06-21T17:55:18+01:00"),
    ("Fecha: 21/6/2026  Hora: 12:05:00 a. m.", "2026-06-21T00:05:00+01:00"),
])
def test_the_date_shapes_real_tills_print(printed, want):
    assert occurred(printed) == want


def test_a_time_on_a_line_apart_from_its_date():
    assert occurred("Date 19/04/2026", "Time 08:32:03") == "2026-04-19T08:32:03+01:00"


def test_the_same_minute_printed_again_with_its_seconds_gives_the_seconds():
    got = occurred("Date: 2026-10-08 08:06", footer=("2026-10-08 08:06:52",))
    assert got == "2026-10-08T08:06:52+01:00"


def test_a_time_under_its_own_label_is_not_given_a_later_stamps_seconds():
    # A meal token's "Time:" row is the sale's; the printout's toLocaleString()
    # under the last rule is another record, seconds later.
    got = occurred("Date: 21/07/2026", "Time: 08:55", footer=("21/07/2026, 08:55:13",))
    assert got == "2026-07-21T08:55:00+01:00"


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



def _en_us(d: date, hour: int) -> str:
    """As a browser's en-US locale prints a moment ("4/7/2026, 2:04:05 PM")."""
    return f"{d.month}/{d.day}/{d.year}, {(hour - 1) % 12 + 1}:04:05 {'PM' if hour >= 12 else 'AM'}"


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(0, 23))
def test_a_date_beside_a_twelve_hour_clock_is_read_month_first_as_its_locale_prints_it(d, hour):
    assert _read_when(_en_us(d, hour)) == (d, (hour, 4, 5))


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(0, 23))
def test_a_date_beside_a_twelve_hour_clock_is_never_flagged_unsure(d, hour):
    assert "unsure_date" not in interpret(captured(_en_us(d, hour), *_SALE)).flags


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)).filter(
           lambda d: d.day <= 12 and d.day != d.month),
       st.sampled_from(["{d}/{m}/{y}", "{d}-{m}-{y}", "{d}/{m}/{y} {h}:04 PM"]))
def test_an_unpadded_date_that_reads_two_ways_is_read_day_first_and_flagged(d, shape):
    # "4/7/2026 2:04 PM": a UK till's custom format prints this too; only
    # the en-US locale's own shape (a comma before the clock) says month first.
    p = interpret(captured(shape.format(d=d.day, m=d.month, y=d.year, h=2), *_SALE))
    assert p.occurred.startswith(d.isoformat())
    # Padded ("11/10/2026 2:04 PM") beside a "PM" in slashes is a US till's
    # strftime as well: flagged too (``tests.test_receipt_sale_moment``).
    assert ("unsure_date" in p.flags) == (d.day < 10 or d.month < 10 or "PM" in shape)


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.sampled_from(["", " 14:05", ", 2:04 PM"]))
def test_a_date_in_dots_is_day_first_and_never_unsure(d, clock):
    # "6.4.2026, 14:56:25": dots are what day-first locales print (de-DE, pl, cs)
    p = interpret(captured(f"{d.day}.{d.month}.{d.year}{clock}", *_SALE))
    assert p.occurred.startswith(d.isoformat()) and "unsure_date" not in p.flags


_MONTH_WORDS = {
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "września", "października", "listopada", "grudnia"),
}


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.sampled_from(sorted(_MONTH_WORDS)),
       st.sampled_from(["{d} {mon} {y}", "{d}. {mon} {y}", "{d} de {mon} de {y}",
                        "{d}-{mon}-{y} 10:15"]), st.booleans())
def test_a_month_word_in_the_languages_tills_print_is_read_as_its_month(d, lang, shape, upper):
    text = shape.format(d=d.day, mon=_MONTH_WORDS[lang][d.month - 1], y=d.year)
    assert _read_when(text.upper() if upper else text)[0] == d


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(0, 23))
def test_a_weekday_and_an_ordinal_day_of_a_month_read_as_php_prints_them(d, hour):
    # PHP's date('l jS \\of F Y h:i:s A'): "Thursday 5th of March 2026 07:01:23 PM"
    ordinal = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    text = (f"{d:%A} {d.day}{ordinal} of {d:%B %Y} {(hour - 1) % 12 + 1:02}:01:23 "
            f"{'PM' if hour >= 12 else 'AM'}")
    assert _read_when(text) == (d, (hour, 1, 23))


def test_a_word_is_a_month_only_between_a_day_and_a_year():
    assert _read_when("Set menu 2 for 1")[0] is None
    assert _read_when("7 out of 10 pupils")[0] is None


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.sampled_from(["%d/%m/%Y %H:%M",
                                                                       "%d.%m.%y", "%Y-%m-%d"]))
def test_a_date_padded_as_a_uk_till_pads_it_is_read_day_first_with_no_flag(d, shape):
    p = interpret(captured(d.strftime(shape), *_SALE))
    assert p.occurred.startswith(d.isoformat()) and p.flags == []


def test_a_date_only_one_order_makes_is_never_unsure():
    p = interpret(captured("7/23/2026", *_SALE))
    assert p.occurred == "2026-07-23" and p.flags == []


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(0, 23),
       st.sampled_from(["{d:02}-{m:02}-{y} {h:02}:04:05 {ap}", "{d:02}/{m:02}/{y} {h}:04 {ap}",
                        "{d}.{m}.{y} {h}:04 {ap}"]))
def test_a_day_first_till_with_a_twelve_hour_clock_is_read_day_first(d, hour, shape):
    # A Mexican pharmacy's "13-03-2026 07:01:55 AM", a UK till's
    # "04/07/2026 12:30 PM": a leading zero or no slashes is no US date
    # ("10/11/2026 2:04 PM" in slashes is: the learnt profile's date format
    # is for a till that prints it day first).
    h12, ap = (hour - 1) % 12 + 1, "PM" if hour >= 12 else "AM"
    text = shape.format(d=d.day, m=d.month, y=d.year, h=h12, ap=ap)
    assume(d.day < 10 or d.month < 10 or "/" not in text)
    assert _read_when(text)[0] == d


# Month words as tills print them (any case, with or without accents, a
# letter changed, added or dropped): the month pattern's tree of shared
# beginnings reads exactly the words their plain alternation reads.
_PLAIN_MONTH = re.compile(r"(?:" + months.ENGLISH_MONTH + "|" + "|".join(
    months._accented(w) for w in sorted(months._MONTH_OF, key=len, reverse=True))
    + r")(?![^\W\d_])", re.I)
_TREE_MONTH = re.compile(months.MONTH, re.I)
_LETTERS = "abcdeijlmnorstuyzäáàâãąăéèêëęěíìîıóòôõöüúùûůçćčłńśşšșźżžğřýț."


@given(st.sampled_from(sorted(months._MONTH_OF)), st.integers(0, 12),
       st.sampled_from(_LETTERS), st.sampled_from(["add", "change", "drop", "as is"]),
       st.booleans(), st.sampled_from(["", " ", "5 ", "x"]), st.sampled_from(["", " 2026", "x"]))
def test_the_month_words_tree_reads_what_their_alternation_reads(word, at, letter, edit, upper,
                                                                    before, after):
    at = min(at, len(word))
    word = {"add": word[:at] + letter + word[at:], "change": word[:at] + letter + word[at + 1:],
            "drop": word[:at] + word[at + 1:], "as is": word}[edit]
    text = before + (word.upper() if upper else word) + after
    for start in range(len(text)):
        plain, tree = _PLAIN_MONTH.match(text, start), _TREE_MONTH.match(text, start)
        assert (plain and plain.span()) == (tree and tree.span()), (text, start)
