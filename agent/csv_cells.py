"""CSV for spreadsheets: every CSV the agent writes goes through ``writer``.

A spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or a carriage return) as a formula, so a roster name such as
``=HYPERLINK("http://x","y")`` would become a live link or command in the
office's copy of a register (OWASP "CSV injection"). ``writer`` prefixes such
a text cell with a single quote, which spreadsheets show as text and hide.

The choice is per cell type, which is per column: text (names, year groups,
ids, items, flags) is neutralised; numbers (pence, counts, seq) are ours,
written as Python ints, and stay numbers, so ``-240`` in ``owed_pence`` is
still a number. A text cell that already starts with a quote gets one more,
so ``restore`` undoes exactly what ``neutralise`` did and an export
round-trips (``agent register import`` reads its own registers back).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(value: str) -> str:
    """``value`` as a spreadsheet shows it but never runs it."""
    if value.startswith(FORMULA_START) or value.startswith(QUOTE):
        return QUOTE + value
    return value


def restore(value: str) -> str:
    """The text ``neutralise`` was given (other text is returned as it is)."""
    if value.startswith(QUOTE) and value[1:].startswith((*FORMULA_START, QUOTE)):
        return value[1:]
    return value


class SafeWriter:
    """``csv.writer`` whose text cells are neutralised; ints, floats and
    bools are written as they are."""

    def __init__(self, stream: IO[str]):
        # CRLF (RFC 4180): with "\n" alone csv would leave a CR inside a cell
        # unquoted, and a name holding one would split its row in two.
        self._w = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._w.writerow([neutralise(c) if isinstance(c, str) else c for c in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: IO[str]) -> SafeWriter:
    """The one CSV writer for exports and reports (RFC 4180: CRLF line ends)."""
    return SafeWriter(stream)


def reader(lines: Iterable[str], delimiter: str = ",") -> Iterable[list[str]]:
    """``csv.reader`` with each cell ``restore``d: reads what ``writer`` wrote
    (``delimiter``: ``;`` for a spreadsheet saved in a decimal-comma locale)."""
    for row in csv.reader(lines, delimiter=delimiter):
        yield [restore(c) for c in row]
