"""Which of the whole-receipt passes a receipt needs, judged line by line
and remembered per distinct line (``memo``).

Before its lines are read, a receipt goes through four passes that look at
all of it at once: labels read in the other language printed on the row
beneath (``beneath.rows_beneath``), a one-letter currency glued to its amounts
(``amounts.spaced_marks_glued``), a headline total set aside
(``total_labels.headline_total_off``) and amounts in another locale's format
(``number_formats.formats``). Most receipts need none of them, and each pass
is a rule about the whole receipt, but whether it can change anything is a
property of single lines: a capital a space before an amount, an amount
printed alone, a figure another format reads. A till prints the same lines
all day, so each line is glanced at once (by the passes' own per-line
judgements) and a receipt costs one look-up per line; a pass runs only
where a line says it may change the receipt, and then as it always did."""

from __future__ import annotations

from drivers.receipt.amounts import spaced_mark_in
from drivers.receipt.beneath import under_row
from drivers.receipt.memo import remembered
from drivers.receipt.number_formats import another_format_in
from drivers.receipt.total_labels import headline_amount

SPACED_MARK = 1  # a capital a space before an amount ("R 54,00")
HEADLINE = 2  # an amount printed alone (a headline total, perhaps)
OTHER_FORMAT = 4  # a figure another locale's format reads ("1.234,50", "Rp12.500")
UNDER_ROW = 8  # words alone, indented: the other language of the row above? ("  TOTAL")

_GLANCES: dict[str, int] = {}


def passes_needed(text: list[str]) -> int:
    """The passes (``UNDER_ROW | SPACED_MARK | HEADLINE | OTHER_FORMAT``) some line of
    ``text`` may change the receipt for; 0: none can."""
    needed = 0
    for line in text:
        needed |= remembered(_GLANCES, line, _glance, line)
    return needed


def _glance(line: str) -> int:
    return ((SPACED_MARK if spaced_mark_in(line) else 0)
            | (HEADLINE if headline_amount(line) is not None else 0)
            | (OTHER_FORMAT if another_format_in(line) else 0)
            | (UNDER_ROW if under_row(line) else 0))
