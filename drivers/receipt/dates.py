"""Printed dates and times (numeric, month names, 12-hour clocks) and the
RFC 3339 text the journal records for them."""

from __future__ import annotations

import re
from datetime import date, datetime

try:  # imported once, not per receipt
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover - Python without zoneinfo
    ZoneInfo = None  # type: ignore[assignment,misc]
_DATE_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?!\d)")
_DATE_YMD = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
                       r"(?!\d)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE_DMONY = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s-]*(?P<mon>" + "|".join(_MONTHS)
                         + r")[a-z]*\.?[\s,-]*(?P<y>\d{4})(?!\d)", re.I)
# Month first ("Sep 21, 2026", "March 1 2026"), as US-made tills print it.
_DATE_MONDY = re.compile(r"(?<![^\W\d_])(?P<mon>" + "|".join(_MONTHS) + r")[a-z]*\.?\s+"
                         r"(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)", re.I)
_TIME = re.compile(r"(?<!\d)(?<!\d:)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?![\d:])"
                   r"(?:\s?(?P<ampm>[ap])\.?m\b\.?)?", re.I)  # a 12-hour clock's AM/PM


def _read_when(text: str) -> tuple[date | None, tuple[int, int, int] | None]:
    """The first valid date and the first valid time in ``text`` (None: none)."""
    when_date = None
    for rx in (_DATE_YMD, _DATE_DMY, _DATE_DMONY, _DATE_MONDY):
        m = rx.search(text)
        if m:
            y = int(m.group("y"))
            y = y + 2000 if y < 100 else y
            month = (_MONTHS.index(m.group("mon")[:3].lower()) + 1
                     if rx is _DATE_DMONY or rx is _DATE_MONDY else int(m.group("m")))
            try:
                when_date = date(y, month, int(m.group("d")))
            except ValueError:
                continue
            break
    when_time = None
    if ":" in text:
        m = _TIME.search(text)
        if m:
            h, mi, s = int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
            if m.group("ampm") and 1 <= h <= 12:  # 12 AM is midnight, 12 PM noon
                h = h % 12 + (12 if m.group("ampm").lower() == "p" else 0)
            elif m.group("ampm"):
                h = 99  # "0:30 PM", "13:00 PM": not a time
            if h < 24 and mi < 60 and s < 60:
                when_time = (h, mi, s)
    return when_date, when_time


def _occurred_text(day: date, time: tuple[int, int, int] | None, tz: str) -> str:
    """``day`` and ``time`` as RFC 3339 with the offset of ``tz`` on that day."""
    if time is None:
        return day.isoformat()
    dt = datetime(day.year, day.month, day.day, *time)
    try:
        if ZoneInfo is None:
            raise LookupError("no zoneinfo")
        return dt.replace(tzinfo=ZoneInfo(tz)).isoformat()
    except Exception:  # no tz database: local time without an offset
        return dt.isoformat()
