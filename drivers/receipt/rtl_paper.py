"""Right-to-left paper (Hebrew, Arabic, Persian, Urdu) a till sent in visual
order, read back in logical order (``ITEMS.md``: "Right-to-left paper").

An ESC/POS printer prints each byte at the next position to the right: it
never reorders a line. A till whose own code lays out a Hebrew or Arabic
receipt therefore sends each line as it must look (visual order): its cells
right to left (the amount at the left edge, its label at the right), each
word of the script spelt backwards, and numbers and Latin words left to
right as they stand. Read back, the receipt must be put in logical order (as
a person reads it) before any rule reads a label before its amount.

Whether a receipt was sent in visual order is a fact of its words, not of
its code page: in logical order Hebrew's five final letters (ך ם ן ף ץ) end
words, Arabic's ة and ى end words and its article ال begins them; sent in
visual order they stand at the other end. A receipt is read as visual only
when its words say so more often than they say logical order."""

from __future__ import annotations

import re
import unicodedata

from drivers.receipt.memo import remembered

# Letters only ever at a word's end (logical order): Hebrew's final forms,
# Arabic's taa marbuta and alif maqsura.
_ENDS_WORDS = "ךםןףץةى"
# A word of two letters or more of a right-to-left script.
_RTL_WORD = re.compile(r"[\u0590-\u05ff\u0620-\u064a\u066e-\u06d3\ufb1d-\ufdff\ufe70-\ufefc]{2,}")
_ARTICLE = "ال"
_GAPS = re.compile(r"( +)")
# Brackets a right-to-left run shows mirrored (Unicode's Bidi_Mirrored).
_MIRROR = str.maketrans("()[]{}<>", ")(][}{><")
_OPENS, _CLOSES = "([{<", ")]}>"


def _order_votes(text: list[str]) -> tuple[int, int]:
    """How many right-to-left words of ``text`` read as logical order and how
    many as visual order (a final letter or the article at the wrong end);
    each line judged once (``memo``: a till prints the same lines all day)."""
    logical = visual = 0
    for line in text:
        votes = remembered(_VOTES, line, _line_votes, line)
        logical, visual = logical + votes[0], visual + votes[1]
    return logical, visual


_VOTES: dict[str, tuple[int, int]] = {}


def _line_votes(line: str) -> tuple[int, int]:
    logical = visual = 0
    for word in _RTL_WORD.findall(line):
        if word[-1] in _ENDS_WORDS or word.startswith(_ARTICLE):
            logical += 1
        if word[0] in _ENDS_WORDS or word.endswith(_ARTICLE[::-1]):
            visual += 1
    return logical, visual


def sent_visual(text: list[str]) -> bool:
    """Whether ``text`` is right-to-left paper sent in visual order: its
    words say so twice or more, and more often than they say logical order."""
    logical, visual = _order_votes(text)
    return visual >= 2 and visual > logical


def _strong(token: str) -> str:
    """A token's direction: "R" (a right-to-left letter in it), "L" (a Latin
    or other left-to-right letter), "N" (digits and marks only)."""
    kinds = {unicodedata.bidirectional(ch) for ch in token}
    if kinds & {"R", "AL"}:
        return "R"
    return "L" if "L" in kinds else "N"


def logical_line(line: str) -> str:
    """One line sent in visual order, in logical order: its runs taken right
    to left, a right-to-left word spelt forwards (its brackets paired),
    Latin words and numbers as printed. Latin words a space apart, and the
    numbers after them, are one run (Unicode's bidirectional algorithm keeps
    them so: "Coca Cola", "Coke 330"); numbers a space apart are not."""
    runs: list[str] = []
    for part in _GAPS.split(line):
        if not part:
            continue
        direction = "G" if part.isspace() else _strong(part)
        if direction == "R" or (direction == "N" and not any(ch.isdigit() for ch in part)):
            runs.append(_forwards(part))  # a word backwards, or marks ("(", ":")
        elif (direction != "G" and len(runs) >= 2 and runs[-1] == " "
              and _strong(runs[-2]) == "L"):
            runs[-2:] = [runs[-2] + " " + part]  # the Latin run a space before it goes on
        else:
            runs.append(part)  # a gap, a Latin word, a number: as printed
    return "".join(reversed(runs))


def _forwards(word: str) -> str:
    """A right-to-left word as sent, spelt forwards: its brackets as a bidi
    engine mirrors them ("(לודג)": "(גדול)"), or as a till that only
    reverses its strings sends them (")לודג(": the same), whichever pairs."""
    backwards = word[::-1]
    return backwards if _paired(backwards) else backwards.translate(_MIRROR)


def _paired(text: str) -> bool:
    """Whether every bracket in ``text`` closes one opened before it."""
    depth = 0
    for ch in text:
        depth += (ch in _OPENS) - (ch in _CLOSES)
        if depth < 0:
            return False
    return depth == 0


def in_logical_order(text: list[str]) -> list[str]:
    """``text`` in logical order when it is right-to-left paper sent in visual
    order (``sent_visual``), every line read back (``logical_line``); else
    ``text`` itself, as printed."""
    if not sent_visual(text):
        return text
    return [logical_line(line) for line in text]
