"""Dates and times as school office staff read them: "Friday 4 December 2026",
"12:41" (24-hour, as UK tills print). For people only: files for machines
(CSV, JSON) keep ISO 8601. Spelled out here rather than by strftime, whose
day and month names follow the process's locale."""

from __future__ import annotations

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
