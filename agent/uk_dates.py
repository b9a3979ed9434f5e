"""Dates and times as school office staff read them: "Friday 4 December 2026",
"12:41" (24-hour, as UK tills print). For people only: files for machines
(CSV, JSON) keep ISO 8601. Spelled out here rather than by strftime, whose
day and month names follow the process's locale. ``read_uk_day`` reads back
what a spreadsheet with UK settings saves (the register import): day first,
never a guessed US date."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def uk_day(d: date) -> str:
    """date(2026, 12, 4) -> "Friday 4 December 2026"."""
    return f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def uk_day_iso(iso_day: str) -> str:
    """"2026-12-04" -> "Friday 4 December 2026" (the text unchanged if it is no date)."""
    try:
        return uk_day(date.fromisoformat(iso_day[:10]))
    except ValueError:
        return iso_day


def uk_time(dt: datetime) -> str:
    """12:41 (the 24-hour clock, no seconds)."""
    return f"{dt.hour:02d}:{dt.minute:02d}"


def uk_when(epoch: float, zone: tzinfo, now: float) -> str:
    """A moment in the site's time: "11:42" today, else "11:42 on Friday 4
    December 2026"."""
    dt = datetime.fromtimestamp(epoch, zone)
    if dt.date() == datetime.fromtimestamp(now, zone).date():
        return uk_time(dt)
    return f"{uk_time(dt)} on {uk_day(dt.date())}"


# --- reading dates typed or saved by a spreadsheet with UK settings ---------------------

READ_FORMATS = "DD/MM/YYYY, D/M/YY, 06-Dec-26, 6 December 2026 or YYYY-MM-DD"
_MONTH_NUMBER = ({m.lower(): n for n, m in enumerate(MONTHS, start=1)}
                 | {m[:3].lower(): n for n, m in enumerate(MONTHS, start=1)} | {"sept": 9})
# What Excel saves for a date cell (with or without a time): the UK short date
# (dd/mm/yyyy; typed d/m/yy), dd-mmm-yy, d mmmm yyyy, and ISO from other tools.
_TIME = r"(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:\s*[ap]\.?m\.?)?)?"
_NUMERIC = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})" + _TIME, re.I)
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})" + _TIME + r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?",
                  re.I)
_WORDS = re.compile(r"(?:([a-z]+),?\s+)?([0-9]{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?[\s-]+"
                    r"([0-9]{4}|[0-9]{2})" + _TIME, re.I)


class MonthFirstError(ValueError):
    """A date that reads only month first (12/25/2026): a US date, which the
    import never guesses."""


def _year(text: str) -> int:
    # Two digits are this century's: a school register is never from 19xx.
    return 2000 + int(text) if len(text) == 2 else int(text)


def read_uk_day(text: str) -> date:
    """The day in ``text`` as a spreadsheet with UK settings saves it, any time
    of day ignored: ``06/12/2026``, ``6/12/26``, ``06-Dec-26``,
    ``6 December 2026`` (also after a weekday), ``2026-12-06``. Numbers are
    always day first; one that can only be month first (``12/25/2026``) raises
    MonthFirstError; anything else that is no real day raises ValueError."""
    t = " ".join(text.split())
    if m := _ISO.fullmatch(t):
        y, mo, d = (int(g) for g in m.groups())
        return date(y, mo, d)
    if m := _NUMERIC.fullmatch(t):
        d, mo = int(m.group(1)), int(m.group(2))
        if mo > 12 and 1 <= d <= 12 and mo <= 31:
            raise MonthFirstError(f"{text!r} reads only month first (a US date)")
        return date(_year(m.group(3)), mo, d)
    if m := _WORDS.fullmatch(t):
        weekday, d, name, y = m.groups()
        mo = _MONTH_NUMBER.get(name.lower())
        if mo is None:
            raise ValueError(f"{text!r}: no month called {name!r}")
        day = date(_year(y), mo, int(d))
        if weekday and weekday.lower() not in (DAYS[day.weekday()].lower(),
                                               DAYS[day.weekday()][:3].lower()):
            raise ValueError(f"{text!r}: {day.day} {MONTHS[mo - 1]} {day.year} is a "
                             f"{DAYS[day.weekday()]}")
        return day
    raise ValueError(f"{text!r} is not a date ({READ_FORMATS})")
