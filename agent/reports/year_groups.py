"""A pupil's year group as the school's information system (MIS) prints it,
in school order and in the office's words.

MIS exports spell the same year many ways: the DfE's census and
common-transfer codes (``NCyearActual``: ``N1``, ``N2``, ``R``, ``1`` ..
``14``, ``X`` for a pupil outside the National Curriculum's years), which
SIMS, Arbor and Bromcom all write, and their own screens' "Year 7",
"Reception", "Nursery"; schools add "Yr7", "Y7", "Sixth form", "L6"/"U6"
(lower and upper sixth: Years 12 and 13). One reading serves the sort and
the words, so "Y7" and "Year 7" are one group, said "Year 7".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NURSERY, RECEPTION = -2, -1
SIXTH_FORM = 12  # "Sixth form" (Years 12 and 13 together) sorts with Year 12
_OTHER, _NONE = 1_000, 10_000

_NUMBERED = re.compile(r"(?:y|yr|year|ncy?|nc\s*year)?\s*\.?\s*(\d{1,2})")
_NAMED: dict[str, tuple[int, str]] = {
    # the census's N1 and N2 are a school's first and second nursery years
    "n1": (NURSERY - 1, "Nursery 1"), "nursery 1": (NURSERY - 1, "Nursery 1"),
    "n2": (NURSERY, "Nursery 2"), "nursery 2": (NURSERY, "Nursery 2"),
    "n": (NURSERY, "Nursery"), "nur": (NURSERY, "Nursery"), "nursery": (NURSERY, "Nursery"),
    "fs1": (NURSERY, "Nursery"), "fs2": (RECEPTION, "Reception"),  # Foundation Stage 1, 2
    "r": (RECEPTION, "Reception"), "rec": (RECEPTION, "Reception"),
    "yr": (RECEPTION, "Reception"), "year r": (RECEPTION, "Reception"),
    "reception": (RECEPTION, "Reception"),
    "l6": (12, "Lower sixth (Year 12)"), "lower sixth": (12, "Lower sixth (Year 12)"),
    "u6": (13, "Upper sixth (Year 13)"), "upper sixth": (13, "Upper sixth (Year 13)"),
    "sixth form": (SIXTH_FORM, "Sixth form"), "6th form": (SIXTH_FORM, "Sixth form"),
}


@dataclass(frozen=True)
class YearGroup:
    """``rank``: school order (Nursery -3 .. -2, Reception -1, Year 1 .. 14, then
    anything not understood, then no year); ``words``: how the office says it."""

    rank: int
    words: str


def read_year(year_group: str | None) -> YearGroup:
    """The year group an MIS export's cell names; a text not understood is
    kept as it is (sorted after the known years), never guessed."""
    text = " ".join((year_group or "").split())
    low = text.casefold()
    if not low:
        return YearGroup(_NONE, "")
    if low in _NAMED:
        return YearGroup(*_NAMED[low])
    m = _NUMBERED.fullmatch(low)
    if m and 1 <= int(m[1]) <= 14:
        return YearGroup(int(m[1]), f"Year {int(m[1])}")
    # "Nursery 1", "Reception class": still the year, said as the school wrote it
    for start, rank in (("nursery", NURSERY), ("reception", RECEPTION)):
        if low.startswith(start):
            return YearGroup(rank, text)
    return YearGroup(_OTHER, text)


def year_order(year_group: str | None) -> tuple[int, str]:
    """School order: Nursery, Reception, Year 1 .. 14, then anything else
    alphabetically, then pupils with no year group. Spellings of one year
    ("Y7", "Yr7", "7", "Year 7") give one key, so they group together."""
    y = read_year(year_group)
    return (y.rank, y.words.casefold())


def year_words(year_group: str | None) -> str:
    """"Y8", "Yr8", "8" -> "Year 8"; "R" -> "Reception"; "N1" -> "Nursery";
    "L6" -> "Lower sixth (Year 12)"; a text not understood as it is; "" when
    not known: every page, the display and the printed register say the year
    as the office does."""
    return read_year(year_group).words
