"""The sixth holdout corpus (tests/receipts_holdout6): receipts in six more
real layouts (three printed as ESC/POS text by their own code, two UK school
and college catering tills), written without reading the rules, and the
default rules' scores on it held as a floor: they may only go up. The figures
are what the rules read when this corpus was written (README.md there: what
goes wrong, and why)."""

from __future__ import annotations

import pytest

from tests import holdout_checks as checks
from tests.receipts_holdout6 import corpus, rendered
from tests.receipts_holdout6.layouts import LAYOUTS
from tests.receipts_score import holdout6_layouts

# Receipts (of 200, seed 11) read fully right, and per field, by the default
# rules, measured blind on this branch before any rule saw this corpus.
FLOOR = {
    "cafepos": (200, {"total": 200, "lines": 200, "number": 200, "tender": 200, "kind": 200,
                      "date": 200, "account": 200}),
    "cassa-tavolo": (0, {"total": 0, "lines": 0, "number": 80, "tender": 200, "kind": 200,
                         "date": 200, "account": 200}),
    "receiptline": (157, {"total": 200, "lines": 200, "number": 200, "tender": 200,
                          "kind": 200, "date": 157, "account": 200}),
    "qz-raw": (0, {"total": 200, "lines": 0, "number": 200, "tender": 200, "kind": 200,
                   "date": 200, "account": 200}),
    "tucasi-academy": (0, {"total": 129, "lines": 137, "number": 0, "tender": 141,
                           "kind": 200, "date": 200, "account": 200}),
    "college-hall": (41, {"total": 190, "lines": 122, "number": 200, "tender": 74,
                          "kind": 200, "date": 200, "account": 41}),
}


def _tax_on_top(notes: list[str]) -> int:
    """Tax a layout adds on top of its item lines (``tax_on_top=`` notes)."""
    return sum(int(n.partition("=")[2]) for n in notes if n.startswith("tax_on_top="))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_holdout6_rendering_decodes_to_one_receipt_with_no_unknown_command(layout):
    checks.decodes_to_one_receipt_with_no_unknown_command(corpus, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_agents_decoder_gives_back_every_line_holdout6_printed(layout):
    checks.decoder_gives_back_every_printed_line(rendered, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_same_seed_renders_the_same_holdout6_receipts_and_another_seed_others(layout):
    checks.same_seed_same_receipts(corpus, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_holdout6_truths_add_up_to_the_total_and_refunds_are_negative(layout):
    checks.truths_add_up(rendered, layout, _tax_on_top)


def test_the_holdout6_corpus_varies_what_real_tills_vary():
    receipts = [r for lay in LAYOUTS for r in rendered(lay, 100, seed=1)]
    truths = [t for _, t in receipts]
    assert {t.kind for t in truths} == {"sale", "refund"}
    assert {t.tender for t in truths} >= {"cash", "card", "account", "fsm", "voucher", None}
    assert any(q > 1 for t in truths for _, q, _ in t.lines)
    assert any(a < 0 for t in truths for _, _, a in t.lines)  # discounts
    assert any(t.notes for t in truths)  # tax added on top of the lines
    offsets = {t.date[19:] for t in truths if t.date and len(t.date) > 10}
    assert offsets == {"+00:00", "+01:00"}  # GMT and BST
    assert any(t.date and t.date[17:19] != "00" for t in truths)  # seconds printed
    assert any(t.account for t in truths) and any(t.account is None for t in truths)
    assert any(t.number is None for t in truths)  # tills that print no number
    assert {p.codepage for p, _ in receipts} >= {"CP858", "CP437", "CP850", "CP1252",
                                                 "ISO_8859-15", "AUTO"}
    shown = [line for p, _ in receipts for line in p.shown()]
    assert any("£" in line for line in shown) and any("EUR" in line for line in shown)
    assert any(" PM" in line for line in shown)  # a 12-hour clock
    assert any(p.crlf for p, _ in receipts) and any(not p.cut for p, _ in receipts)


def test_the_scoreboard_prints_the_holdout6_group_beside_the_others(capsys):
    checks.scoreboard_prints_the_group("holdout6", holdout6_layouts(), capsys)


@pytest.mark.parametrize("layout", sorted(FLOOR))
def test_the_default_rules_read_the_holdout6_at_least_as_well_as_when_it_was_written(layout):
    checks.reads_at_least("holdout6", layout, FLOOR[layout])
