"""A pupil's year group as the school's information system (MIS) prints it,
in school order and in the office's words.

MIS exports spell the same year many ways: the DfE's census and
common-transfer codes (``NCyearActual``: ``N1``, ``N2``, ``R``, ``1`` ..
``14``, ``X`` for a pupil outside the National Curriculum's years), which
SIMS, Arbor and Bromcom all write, and their own screens' "Year 7",
"Reception", "Nursery"; schools add "Yr7", "Y7", "Sixth form", "L6"/"U6"
(lower and upper sixth: Years 12 and 13). One reading serves the sort and
the words, so "Y7" and "Year 7" are one group, said "Year 7".

Schools beyond England's system write their own: Wales "Bl. 7" (Blwyddyn 7,
said "Year 7"), "Derbyn" (Reception), "Meithrin" (Nursery); Scotland "P1" ..
"P7" (said "Primary 1") and "S1" .. "S6" (said as written); Ireland "Junior
Infants", "Senior Infants", "1st Class" .. "6th Class" and "1st Year" ..
"6th Year" with "Transition Year" ("TY"). A form is its year and a class
("7A", "10 Red", "P5b", "S5/2"): sorted with its year, said as written.
A school uses one system, so the ranks only need to order each within
itself; across systems they follow the pupils' ages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NURSERY, RECEPTION = -2, -1
SIXTH_FORM = 12  # "Sixth form" (Years 12 and 13 together) sorts with Year 12
_OTHER, _NONE = 1_000, 10_000

_NUMBERED = re.compile(r"(?:y|yr|year|ncy?|nc\s*year|bl|blwyddyn)?\s*\.?\s*(\d{1,2})")
# Scotland's primary and secondary years (P1 is about England's Year 1, S1
# its Year 8); Ireland's classes and years, "1st" or "First" (1st Class is
# about Year 2, 1st Year of secondary about Year 8).
_SCOTTISH = re.compile(r"(p|s)\s*\.?\s*(\d)")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
_IRISH = re.compile(r"(?:([1-6])(?:st|nd|rd|th)|(" + "|".join(_ORDINALS) + r"))\s+(class|year|yr)")
# A form: a year followed by its class ("7A", "10 Red", "Y7/2", "P5b", "S5/2").
_FORM = re.compile(r"((?:y|yr|year|bl|p|s)?\s*\.?\s*\d{1,2})"
                   r"(?:\s*[-/.]?\s*[a-z]{1,8}|\s*[-/.]\s*\d)")
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
    "meithrin": (NURSERY, "Nursery"), "derbyn": (RECEPTION, "Reception"),  # Wales
    "junior infants": (RECEPTION, "Junior Infants"), "ji": (RECEPTION, "Junior Infants"),
    "senior infants": (1, "Senior Infants"), "si": (1, "Senior Infants"),
    "transition year": (11, "Transition Year"), "ty": (11, "Transition Year"),
}


@dataclass(frozen=True)
class YearGroup:
    """``rank``: school order (Nursery -3 .. -2, Reception -1, Year 1 .. 14, then
    anything not understood, then no year); ``words``: how the office says it."""

    rank: int
    words: str
    form: bool = False  # a form of the year ("7A"): after the year itself


def read_year(year_group: str | None) -> YearGroup:
    """The year group an MIS export's cell names; a text not understood is
    kept as it is (sorted after the known years), never guessed."""
    text = " ".join((year_group or "").split())
    low = text.casefold()
    if not low:
        return YearGroup(_NONE, "")
    if low in _NAMED:
        return YearGroup(*_NAMED[low])
    if (year := _year(low)) is not None:
        return year
    m = _FORM.fullmatch(low)
    if m and (year := _year(m[1])) is not None:
        return YearGroup(year.rank, text, form=True)  # said as the school writes it
    # "Nursery 1", "Reception class": still the year, said as the school wrote it
    for start, rank in (("nursery", NURSERY), ("reception", RECEPTION)):
        if low.startswith(start):
            return YearGroup(rank, text)
    return YearGroup(_OTHER, text)


def _year(low: str) -> YearGroup | None:
    """A year written with its number (casefolded, spaces single), or None."""
    if (m := _NUMBERED.fullmatch(low)) and 1 <= int(m[1]) <= 14:
        return YearGroup(int(m[1]), f"Year {int(m[1])}")
    if (m := _SCOTTISH.fullmatch(low)) and 1 <= int(m[2]) <= (7 if m[1] == "p" else 6):
        n = int(m[2])
        return YearGroup(n, f"Primary {n}") if m[1] == "p" else YearGroup(7 + n, f"S{n}")
    if m := _IRISH.fullmatch(low):
        n = int(m[1]) if m[1] else _ORDINALS.index(m[2]) + 1
        kind = "Class" if m[3] == "class" else "Year"
        said = f"{n}{('st', 'nd', 'rd')[n - 1] if n <= 3 else 'th'} {kind}"
        return YearGroup(n + 1 if m[3] == "class" else n + 7, said)
    return None


def year_order(year_group: str | None) -> tuple[int, bool, str]:
    """School order: Nursery, Reception, Year 1 .. 14 (each year's forms
    after it), then anything else alphabetically, then pupils with no year
    group. Spellings of one year ("Y7", "Yr7", "7", "Year 7") give one key,
    so they group together."""
    y = read_year(year_group)
    return (y.rank, y.form, y.words.casefold())


def year_words(year_group: str | None) -> str:
    """"Y8", "Yr8", "8" -> "Year 8"; "R" -> "Reception"; "N1" -> "Nursery";
    "L6" -> "Lower sixth (Year 12)"; a text not understood as it is; "" when
    not known: every page, the display and the printed register say the year
    as the office does."""
    return read_year(year_group).words
