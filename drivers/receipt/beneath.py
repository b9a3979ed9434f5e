"""Labels in two languages with the other language on the row beneath: a
Welsh-first slip prints each label in Welsh with its figure, and the
English alone, indented, on the next row ("CYFANSWM  £2.30" over "  TOTAL",
"Rhif 5500  Til 1" over "  No.  Till"). Either language is the label, as
with "/", " | " or brackets (``bilingual``; NUMBERS.md): where the rules
know the row beneath's words and not the row's own, the row is read with
them (a whole-receipt pass: ``reader._prepared``)."""

from __future__ import annotations

import re

from drivers.receipt.facts import _CELLS, _labelled, facts_of

# Words alone, indented, on a row of their own ("  TOTAL", "  Pupil account",
# "  No.                Till"): no figure, no colon, no currency.
_UNDER = re.compile(r"^\s{1,8}[^\W\d_][^\d:£$€|/()]*$")
_GAP = re.compile(r"\s{2,}")
# A cell's label: its words before the first figure ("Rhif 5500": "Rhif").
_LABEL_THEN_FIGURE = re.compile(r"^(?P<label>[^\W\d_][^\d]*?)\s*(?P<value>[-£$€]?\d.*)$")
# A row of an amount alone ("  £2.30"): the label above waits for it ("TOTAL" / "£2.30").
_AMOUNT_ALONE = re.compile(r"^\s*[-£$€]*\d[\d.,]*\s*$")
# A slip in two languages prints every label so: fewer such rows are no proof.
_PAIRS_NEEDED = 2


def under_row(line: str) -> bool:
    """Whether ``line`` is words alone, indented: perhaps the other
    language of the row above (what ``glance`` asks of each line)."""
    return _UNDER.match(line) is not None


def _read_with(upper: str, lower: str) -> str | None:
    """``upper`` with its labels in ``lower``'s words, cell by cell, or None
    when the two rows do not pair (a label for each cell)."""
    above, below = _GAP.split(upper.strip()), _GAP.split(lower.strip())
    if len(below) == 1 and len(above) <= 2 and not any(c.isdigit() for c in above[0]):
        # "CYFANSWM   £2.30" / "  TOTAL"; "AD-DALIAD" / "  REFUND"
        return upper.replace(above[0], below[0], 1)
    if len(above) != len(below):
        return None
    out = upper
    for cell, words in zip(above, below, strict=True):
        m = _LABEL_THEN_FIGURE.match(cell)
        if m is None:
            if any(c.isdigit() for c in cell):
                return None
            continue  # (a name in its cell: "Disgybl Megan O." / "Pupil")
        out = out.replace(cell, f"{words} {m['value']}", 1)
    return out


def _knows(line: str) -> bool:
    """Whether the rules read ``line`` (or one of its cells) as a label
    they know."""
    f = facts_of(line)
    if f.kind is _CELLS:
        return any(_labelled(facts_of(c)) for c in f.cells)
    return _labelled(f) or bool(f.banner)


def rows_beneath(text: list[str]) -> list[str]:
    """``text`` with each row whose labels the rules do not know and whose
    other language, printed alone on the row beneath, they do, read in that
    language (the row beneath blanked); ``text`` itself when fewer than
    two rows pair so (one indented row of words proves no such slip)."""
    out, pairs = list(text), 0
    for i in range(1, len(text)):
        lower, upper = text[i], text[i - 1]
        if not under_row(lower) or not upper.strip() or under_row(upper) \
                or (i + 1 < len(text) and _AMOUNT_ALONE.match(text[i + 1])):
            continue  # ("TOTAL" / "£2.30": the row beneath is the label's amount's)
        read = _read_with(upper, lower)
        if read is not None and read != upper and not _knows(upper) and _knows(read):
            out[i - 1], out[i] = read, ""
            pairs += 1
    return out if pairs >= _PAIRS_NEEDED else text
