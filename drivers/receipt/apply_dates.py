"""The date and time a label line gives, while the receipt still needs
them (the default rules; ``apply_labels`` hands each label line here)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from drivers.receipt.amounts import _DIGIT
from drivers.receipt.dates import (
    _read_when,
    has_seconds,
    labelled_time,
    time_event,
    unsure_order,
    us_place,
    week_booked,
)
from drivers.receipt.memo import remembered
from drivers.receipt.state import _State


class _When(NamedTuple):
    """What a label line says of the sale's moment, whatever the receipt
    read before it: judged once per distinct line (``_when_of``)."""

    day: date | None
    time: tuple[int, int, int] | None
    us: bool  # no date, no time: a US address's town, state and ZIP (dates month first)
    event: str | None  # ``dates.time_event`` (a date or a time printed)
    unsure: bool  # ``dates.unsure_order``: the date reads both ways
    seconds: bool  # ``dates.has_seconds``
    # the seconds or a time's own label ("Time: 08:55", ``dates.labelled_time``):
    # the time as the till keeps it, which nothing printed later refines
    exact: bool


_WHEN: dict[str, _When] = {}  # normalised line -> _when_of(line)
_NO_WHEN = _When(None, None, False, None, False, False, False)
_US_TOWN = _When(None, None, True, None, False, False, False)


def _when_of(text: str) -> _When:
    """What ``text`` says of the sale's moment (``_When``); what only a date
    or a time calls for is judged only where one is printed."""
    if week_booked(text):
        return _NO_WHEN  # "Week commencing: Mon 02/02/2026": the week paid for
    if _DIGIT.search(text) is None:
        # every date and time is printed in figures; a US town may be printed
        # with its state alone ("Springfield IL"), no ZIP
        return _US_TOWN if us_place(text) else _NO_WHEN
    day, time = _read_when(text)
    if day is None and time is None:
        return _When(None, None, us_place(text), None, False, False, False)
    seconds = has_seconds(text)
    return _When(day, time, False, time_event(text), unsure_order(text), seconds,
                 seconds or (day is None and labelled_time(text)))


def _read_date(text: str, st: _State) -> None:
    """The date and time a label line gives, while the receipt still needs
    them. A date may share its line with a number ("14/06/2026 14:00:57
    Order 00256-009-1711", "20/02/2026 10:09   N°: 200226-151"); a time may
    stand apart from its date. The same minute printed again with its
    seconds (a footer's "2026-10-08 08:06:52" under a header's "08:06") is
    the same moment, more exactly; but not under a label naming another
    moment (a fiscal unit's "Ende", a bill's "Opened", "Printed"). A bill
    read from its opening time ("Opened:") was sold at its closing time
    ("Closed:", "Refunded:": the last printed). A US till's dates (its
    address says so, ``us_place``) are month first. Read lines are remembered like the facts: the
    same minute is printed again and again."""
    if ":" not in text and st.date is not None:
        return  # no time here, and the date is known
    when = remembered(_WHEN, text, _when_of, text)
    day, time = when.day, when.time
    if day is None and time is None:
        st.month_first = st.month_first or (st.date is None and when.us)
        return
    if st.month_first:
        day, time = _read_when(text, month_first=True)  # a US till's: not remembered
    event = when.event
    if st.date is None:
        st.date = day
        st.unsure_date = day is not None and not st.month_first and when.unsure
        st.opened = day is not None and event == "open"
    elif st.opened and event == "close" and day is not None:
        # "Opened: 10/01/2026 08:20 AM" / "Closed: 10/01/2026 08:47 AM"
        st.date, st.time = day, time  # a refund's "Refunded:" after it: later still
        st.unsure_date = not st.month_first and when.unsure
        st.exact_time = time is not None and when.seconds
        return
    if st.time is None:
        st.time = time
        st.exact_time = time is not None and when.exact
    elif time is not None and event is None and not st.exact_time \
            and time[:2] == st.time[:2] and day in (None, st.date):
        st.time, st.exact_time = time, when.seconds  # the same minute, with its seconds
