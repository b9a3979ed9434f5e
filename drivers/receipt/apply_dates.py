"""The date and time a label line gives, while the receipt still needs
them (the default rules; ``apply_labels`` hands each label line here)."""

from __future__ import annotations

from drivers.receipt.dates import _read_when, has_seconds, time_event, unsure_order, us_place
from drivers.receipt.memo import remembered
from drivers.receipt.state import _State

_WHEN: dict[str, tuple] = {}  # normalised line -> _read_when(line)


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
    day, time = remembered(_WHEN, text, _read_when, text)
    if day is None and time is None:
        st.month_first = st.month_first or (st.date is None and us_place(text))
        return
    if st.month_first:
        day, time = _read_when(text, month_first=True)  # a US till's: not remembered
    event = time_event(text)
    if st.date is None:
        st.date = day
        st.unsure_date = day is not None and not st.month_first and unsure_order(text)
        st.opened = day is not None and event == "open"
    elif st.opened and event == "close" and day is not None:
        # "Opened: 10/01/2026 08:20 AM" / "Closed: 10/01/2026 08:47 AM"
        st.date, st.time = day, time  # a refund's "Refunded:" after it: later still
        st.unsure_date = not st.month_first and unsure_order(text)
        st.exact_time = time is not None and has_seconds(text)
        return
    if st.time is None:
        st.time = time
        st.exact_time = time is not None and has_seconds(text)
    elif time is not None and event is None and not st.exact_time \
            and time[:2] == st.time[:2] and day in (None, st.date):
        st.time, st.exact_time = time, has_seconds(text)  # the same minute, with its seconds
