"""A printed line's cells: labelled cells side by side, a total in the
last cell (``facts`` reads them as lines of their own). Cells of an item
line that are not its name: the line's serial number
in a column of its own before the name ("SNo"), a tax rate's column between
the unit price and the value ("1ks x 3.00   12%   3.00"), the rate an
amount was worked out at ("Discount Amount @ 5.00 %"); and a tax summary's
row (net, tax and gross side by side), which is no item."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drivers.receipt.amounts import _AMOUNT, MONEY, _pence
from drivers.receipt.labels import _TAX
from drivers.receipt.tax_lines import TAX_NAMES
from drivers.receipt.total_labels import _TOTAL_WORD

_COLUMN_GAP = re.compile(r"\s{2,}")
_DIGIT = re.compile(r"\d")

# A tax rate alone in a cell: "12%", "8.5 %", "21 %"; or with the tax's
# name ("VAT 15%", a ZATCA line's rate; "GST 5%", "IVA 21%"), its percent
# sign perhaps lost to the code page ("VAT 15" on CP864, whose "%" is the
# Arabic sign): between an item's amounts, a tax column, never its name
# (TAX.md, "A tax rate in an item's row").
_RATE_CELL = re.compile(r"^\s*(?:(?:" + TAX_NAMES + r")\.?\s*)?\d{1,2}(?:[.,]\d{1,2})?\s?%\s*$|"
                        r"^\s*(?:" + TAX_NAMES + r")\.?\s*\d{1,2}(?:[.,]\d{1,2})?\s*$", re.I)
# "@ 5.00 %": the rate applied, ending the words (its "%" may have been read
# as the next amount's currency mark).
_AT_RATE = re.compile(r"\s*@\s?\d{1,2}(?:[.,]\d{1,3})?\s?%?(?=\s*$)")


# A line's own discount by its rate, printed in its count row between the
# unit price and the value it made ("4 x 3,10 Rabatt: -20%   9,92": QRK's
# "Rabatt: -%1%"; the same words the discount's heading and lines use,
# ``headings``): the value is after it, no name's words (ITEMS.md).
_OFF_RATE_END = re.compile(r"\s+(?i:rabatt|rabat|discount|disc|desc(?:uento)?|dto|descuento|"
                           r"remise|sconto|korting|popust|kedvezm[ée]ny|скидка|отстъпка)\.?:?"
                           r"\s*-?\d{1,2}(?:[.,]\d{1,2})?\s?%$")


def count_row_off_rate(words: str) -> str:
    """A count row's words ("4 x Rabatt: -20%") without the discount's rate
    printed in it ("4 x"); other words as they are."""
    m = _OFF_RATE_END.search(words)
    return words if m is None else words[:m.start()]


def rate_cell(text: str) -> bool:
    """Whether ``text`` (what an item line prints between two amounts) is a
    tax rate's column alone: the rate the line is taxed at, not its name's."""
    return _RATE_CELL.match(text) is not None


def at_rate_off(words: str) -> str:
    """An item line's words without the rate its amount was worked out at
    ("Discount Amount @ 5.00 %", "Service charge @ 12.5%"): after "@", the
    rate applied. A rate the label names itself ("Rabatt 10%", "Discount
    (15%)") stays: it is the label's."""
    return _AT_RATE.sub("", words)


def serial_cut(raw: str, serial: re.Match[str], qty: re.Match[str]) -> str | None:
    """A printed item line without its serial number, when it prints one in
    the first column and a quantity in a column of its own that the unit
    price and the value after it confirm ("12  Paneer Tikka   4   280.00
    1120.00": 4 x 280.00 = 1120.00, so 12 is the line's number); else None.
    ``serial`` and ``qty``: the two bare numbers' matches (``cell`` and
    ``qty``/``qty2``/``qty3`` groups), in print order."""
    if raw[:serial.start("cell")].strip():
        return None
    amounts = list(_AMOUNT.finditer(raw, qty.end()))
    n = int(qty["qty"] or qty["qty2"] or qty["qty3"])
    if len(amounts) != 2 or n <= 0 or n * _pence(amounts[0]) != _pence(amounts[1]):
        return None
    return raw[:serial.start("cell")] + raw[serial.end("cell"):]


# An article or serial number filling its column to the edge, glued to the
# name after it or one space off ("1003Chicken 65", "210 Idli (2)": a
# four-wide "SNo" column): three digits or more, then a capitalised word.
# (A capital: a letter not small; a small one: a letter not a capital.)
_GLUED_SERIAL = re.compile(r"^\s*\d{3,6}\s?(?=[^\W\d_a-z][^\W\d_A-Z])")


def glued_serial_cut(raw: str, qty: re.Match[str]) -> str | None:
    """A printed item line without the number glued to its name ("1003Chicken
    65   2   260.00   520.00" -> "Chicken 65 ...", "210 Idli (2)  3 ..."), when it prints a quantity
    in a column of its own (``qty``: its match, ``cell`` and ``qty``
    groups) that the unit price and the value after it confirm, as a
    table's row does; else None."""
    m = _GLUED_SERIAL.match(raw)
    if m is None:
        return None
    amounts = list(_AMOUNT.finditer(raw, qty.end()))
    n = int(qty["qty"] or qty["qty2"] or qty["qty3"])
    if len(amounts) != 2 or n <= 0 or n * _pence(amounts[0]) != _pence(amounts[1]):
        return None
    return raw[m.end():]


def tax_row(label: str, values: list[int], gaps: list[str]) -> bool:
    """Whether a line's three amounts are a tax summary's row: a label with
    no count in it, then the net, the tax and the gross they make, side by
    side with nothing else between them ("S.s.  1297.66  220.03  1517.69
    Kč"), all positive. ("3 @ $0.50 ($1.00)  $1.50" is an item: a count, a
    unit price and the price before its change.) An item's amounts may add
    up so too: the arithmetic may still choose the item."""
    return len(values) == 3 and min(values) > 0 and values[0] + values[1] == values[2] \
        and not _DIGIT.search(label) and all(not g.strip() for g in gaps)


# A weight times its price per weight ending the words, the price taken out
# ("Ham 2.111kg x 299.00": "Ham 2.111kg x"): the weight sold, not the name's.
_WEIGHT_TIMES = re.compile(r"\s*(?<!\S)\d{1,3}[.,]\d{1,3}\s?(?i:kg|g|lbs?|oz)\s*[xX×*@]$")


def weight_times(words: str) -> str | None:
    """An item line's words without a weight times its price per weight
    ending them ("Šunka 2.111kg x"); None when they end in no such weight."""
    cut = _WEIGHT_TIMES.sub("", words)
    return None if cut == words else cut


def marked_count(found: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """Of the quantities marked with a count's unit in an item's words
    (``columns._QTY_MARKED``), the one times its price ("8ks ... 1ks x": the
    pack's size in the name, then the count sold); else the first."""
    marks = list(found)
    return next((m for m in marks if m.group(0).rstrip()[-1] in "xX×*@"),
                marks[0] if marks else None)


# A total's word and its amount ending a line ("... 20.0% Total £-1.15").
_TOTAL_AT_END = re.compile(r"(?<=\s)(?P<cell>" + _TOTAL_WORD + r"\s*:?\s*" + MONEY + r")\s*$",
                           re.I)


# A cell holding a label and its value ("Paid By: Cash", "Amount: £4.23"):
# the label starts with a letter, and something follows its colon.
_LABELLED_CELL = re.compile(r"^[^\W\d_][^:]{0,30}:\s*\S")


def _labelled_cells(raw: str) -> tuple[str, ...]:
    """The cells of a printed line that holds two or more labelled cells
    side by side (two spaces or more apart), and nothing else; else ()."""
    if not raw or raw.count(":") < 2:
        return ()
    cells = _COLUMN_GAP.split(raw.strip())
    if len(cells) < 2 or not all(_LABELLED_CELL.match(c) for c in cells):
        return ()
    return tuple(cells)


def _last_cell(raw: str) -> str | None:
    """The last cell of a printed line of two cells or more (two spaces or
    more apart): "3 articles.  A total of £6.05" -> "A total of £6.05"; on a
    tax analysis line, a total ending it even one space from the rest
    ("A: £-0.96 net, £-0.19 VAT @ 20.0% Total £-1.15" -> "Total £-1.15")."""
    text = raw.strip()
    if _TAX.match(text) and (m := _TOTAL_AT_END.search(text)) is not None \
            and any(ch.isdigit() for ch in text[:m.start("cell")]):
        # (the amounts of the band before it: "PVM suma 1.74", "Tax Total
        # 1.60" are the tax's own sum, no total)
        return m.group("cell")
    if "  " not in text:
        return None
    cells = _COLUMN_GAP.split(text)
    return cells[-1] if len(cells) > 1 else None
