"""The whole-receipt passes run only where a line says they may change the
receipt (``drivers.receipt.glance``): a receipt reads exactly as when every
pass ran on it, whatever its lines, and each line's glance is a necessary
condition of its pass (no line says so: the pass leaves the receipt as
printed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import glance, reader
from drivers.receipt.amounts import spaced_marks_glued
from drivers.receipt.beneath import rows_beneath
from drivers.receipt.number_formats import formats
from drivers.receipt.total_labels import headline_total_off
from tests.receipts_score import HOLDOUTS, all_layouts, decode, group_layouts

# Pieces of what tills print, near every pass's trigger: one-letter marks a
# space before amounts, amounts alone, totals' words, grouped thousands in
# several locales, currencies with no minor unit or three decimals.
_PIECES = st.sampled_from([
    "R", "P", "K", "R ", " ", "  ", "54,00", "1 250,00", "18.00", "€9.00", "£2.30", "-",
    "Total", "TOTAL:", "Cash", "Tea", "x", "@", "3 x", "1.234,50", "1,234.00", "1'234.50",
    "12.500", "Rp12.500", "¥1,200", "KWD", "15 000", "FCFA", "F CFA", "Ft", "\u00a0", "0.750",
    "2,30", "(", ")", "\t", "\n", "đ", "Rp", "9", "00", "CYFANSWM", "  TOTAL", "  Balance",
])
_LINES = st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=10)


def _every_pass(text: list[str]):
    """The passes as the reader ran them before the glance: every one, always."""
    text = headline_total_off(spaced_marks_glued(rows_beneath(text)))
    return text, formats(text)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_a_receipt_is_prepared_as_when_every_pass_ran_whatever_its_lines(text):
    assert reader._prepared(text) == _every_pass(text)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_no_line_glanced_for_a_pass_leaves_the_receipt_as_printed_by_it(text):
    needed = glance.passes_needed(text)
    if not needed & glance.UNDER_ROW:
        assert rows_beneath(text) == text
    if not needed & glance.SPACED_MARK:
        assert spaced_marks_glued(text) == text
    if not needed & glance.HEADLINE:
        assert headline_total_off(text) == text
    if not needed & glance.OTHER_FORMAT:
        assert formats(text) == []


def test_every_corpus_receipt_is_prepared_as_when_every_pass_ran():
    layouts = all_layouts() + [k for g in HOLDOUTS for k in group_layouts(g)]
    from tests.receipts_score import _pairs

    for layout in layouts:
        for data, _ in _pairs(layout, 4, 3):
            for r in decode(data)[0]:
                text = [str(t) for t in r.text]
                assert reader._prepared(text) == _every_pass(text), layout


def test_a_line_is_glanced_at_once_and_a_receipt_of_seen_lines_costs_lookups():
    glance._GLANCES.clear()
    text = ["Receipt No: 1234", "Pasta bake   £2.30", "   £2.30", "TOTAL  £2.30"]
    assert glance.passes_needed(text) == glance.HEADLINE  # "   £2.30": an amount alone
    assert set(glance._GLANCES) == set(text)
    glance._GLANCES.update({t: glance.OTHER_FORMAT for t in text})  # remembered, not re-judged
    assert glance.passes_needed(text) == glance.OTHER_FORMAT
