"""Learning how a till prints its date (part of ``agent receipt learn``):
from the date the technician confirmed and the printed line holding it, the
date's format as ``datetime.strptime`` reads it ("Mar/28/2026 15:21:29" ->
``%b/%d/%Y %H:%M:%S``, "29 JUL 26 08:38" -> ``%d %b %y %H:%M``) and the
pattern of the printed run by its shape (never the sample's date itself);
``receipt_learn_fields`` puts the line's label before it.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime

_TOKEN = re.compile(r"\d+|[^\W\d_]+|\s+|.")
_SEPARATORS = set("/-.:, ")
# A day's ordinal ending ("5th", "1st", "22nd"): no strptime directive reads
# it, ``drivers.receipt.profile.read_date`` drops it before reading.
ORDINALS = ("st", "nd", "rd", "th")
_ORDINAL_RX = "(?:" + "|".join(ORDINALS) + ")"
# A short word joining a date's parts ("5th of March", "5 de março"): printed
# the same on every receipt, kept as printed in the format.
_JOINER = re.compile(r"[^\W\d_]{1,3}")


def _roles(tok: str, want: datetime, used: set[str], has_time: bool,
           twelve: bool = False) -> str | None:
    """The strptime directive a printed token is for, by the confirmed
    date (None: none still free)."""
    if tok.isdigit():
        n = int(tok)
        options = [("d", n == want.day and len(tok) <= 2), ("m", n == want.month and len(tok) <= 2),
                   ("Y", len(tok) == 4 and n == want.year),
                   ("y", len(tok) == 2 and n == want.year % 100)]
        if has_time:
            hours = [("H", n == want.hour and len(tok) <= 2),
                     ("I", n == (want.hour % 12 or 12) and len(tok) <= 2)]
            options += (hours[::-1] if twelve else hours) + [
                ("M", n == want.minute and len(tok) == 2 and "M" not in used),
                ("S", n == want.second and len(tok) == 2 and "M" in used)]
        for role, fits in options:
            clash = {"Y": "y", "y": "Y", "H": "I", "I": "H"}.get(role)
            if fits and role not in used and clash not in used:
                return role
        return None
    low = tok.lower()
    if low == calendar.month_abbr[want.month].lower() and "m" not in used:
        return "b"
    if low == calendar.month_name[want.month].lower() and "m" not in used:
        return "B"
    if low == calendar.day_abbr[want.weekday()].lower():
        return "a"
    if low == calendar.day_name[want.weekday()].lower():
        return "A"
    if has_time and low in ("am", "pm") and "I" in used:
        return "p"
    return None


def _span(tokens: list[str], want: datetime, has_time: bool,
          twelve: bool = False) -> tuple[int, str, str] | None:
    """From the first token on: (tokens used, strptime format, pattern) of
    the longest run that prints the date (with its time when confirmed)."""
    used: set[str] = set()
    fmt: list[str] = []
    rx: list[str] = []
    best = None
    for k, tok in enumerate(tokens):
        if tok.isspace() or (len(tok) == 1 and tok in _SEPARATORS):
            fmt.append(" " if tok.isspace() else tok)
            rx.append(r"\s+" if tok.isspace() else re.escape(tok))
            continue
        role = _roles(tok, want, used, has_time, twelve)
        if role is None:
            if fmt and fmt[-1] == "%d" and tok.lower() in ORDINALS:
                rx.append(_ORDINAL_RX)  # (the format has none: read_date drops it)
                continue
            if fmt and tok.islower() and _JOINER.fullmatch(tok):
                fmt.append(tok)
                rx.append(re.escape(tok))
                continue
            break
        used.add({"b": "m", "B": "m"}.get(role, role))
        fmt.append("%" + role)
        rx.append(r"\d+" if tok.isdigit() else r"[^\W\d_]+")
        dated = "d" in used and "m" in used and ("Y" in used or "y" in used)
        if dated and ("I" not in used or "p" in used):
            best = (k + 1, "".join(fmt), "".join(rx))
    return best


def date_runs(lines: list[str], when: str) -> list[tuple[str, str, str]]:
    """(text before it, pattern, ``date_format``) of each printed run that
    holds the confirmed date ``when`` ("YYYY-MM-DD[THH:MM[:SS]]"), those with
    the confirmed time first."""
    try:
        want = datetime.fromisoformat(when)
    except ValueError:
        return []
    has_time = len(when) > 10
    found: list[tuple[bool, str, str, str]] = []
    for line in lines:
        tokens = _TOKEN.findall(line)
        at = 0
        for i, tok in enumerate(tokens):
            if tok not in _SEPARATORS and not tok.isspace():
                # (an hour before 12 read both ways: "11:01:06 AM" is a 12-hour clock)
                spans = {_span(tokens[i:], want, has_time, twelve) for twelve in (False, True)}
                for _, fmt, rx in sorted(filter(None, spans), reverse=True):  # longest first
                    found.append((not re.search(r"%[HI]", fmt), line[:at], rx, fmt))
            at += len(tok)
    out: list[tuple[str, str, str]] = []
    for _, prefix, rx, fmt in sorted(found, key=lambda c: c[0]):
        if (prefix, rx, fmt) not in out:
            out.append((prefix, rx, fmt))
    return out


def month_first(fmt: str) -> bool:
    """Whether ``fmt`` prints the month's number first, the day's next ("%m/%d/%Y"):
    a till printing so is learnt even when its samples' dates read right (the
    defaults read "6/10/2026" day first, where both orders are dates)."""
    at = {d: fmt.find(d) for d in ("%m", "%d", "%Y", "%y")}
    year = max(at["%Y"], at["%y"])
    return -1 < at["%m"] < at["%d"] and at["%d"] < year  # (not "%Y-%m-%d": no doubt there)
