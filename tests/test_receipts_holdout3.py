"""The third holdout corpus (tests/receipts_holdout3): receipts in six more
real layouts written without reading the rules, and the default rules' scores
on it held as a floor: they may only go up. The figures are what the rules read
when this corpus was written (README.md there: what goes wrong, and why)."""

from __future__ import annotations

import pytest

from tests import holdout_checks as checks
from tests.receipts_holdout3 import corpus, rendered
from tests.receipts_holdout3.layouts import LAYOUTS
from tests.receipts_score import holdout3_layouts

# Receipts (of 200, seed 11) read fully right, and per field, by the default
# rules, measured blind on this branch before any rule saw this corpus.
FLOOR = {
    "quicktill": (0, {"total": 0, "lines": 4, "number": 200, "tender": 124, "kind": 167,
                      "date": 200, "account": 200}),
    "c4sh": (0, {"total": 0, "lines": 0, "number": 0, "tender": 200, "kind": 200,
                 "date": 200, "account": 200}),
    "roastery": (0, {"total": 200, "lines": 130, "number": 200, "tender": 0, "kind": 200,
                     "date": 200, "account": 200}),
    "nextpos-mz": (0, {"total": 200, "lines": 159, "number": 0, "tender": 83, "kind": 200,
                       "date": 200, "account": 200}),
    "lemonpos": (0, {"total": 0, "lines": 0, "number": 0, "tender": 27, "kind": 200,
                     "date": 200, "account": 200}),
    "school-d": (22, {"total": 167, "lines": 167, "number": 200, "tender": 138,
                      "kind": 167, "date": 88, "account": 66}),
}


def _tax_on_top(notes: list[str]) -> int:
    """Tax a layout adds on top of its item lines (``tax_on_top=`` notes)."""
    return sum(int(n.partition("=")[2]) for n in notes if n.startswith("tax_on_top="))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_holdout3_rendering_decodes_to_one_receipt_with_no_unknown_command(layout):
    checks.decodes_to_one_receipt_with_no_unknown_command(corpus, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_agents_decoder_gives_back_every_line_we_printed(layout):
    checks.decoder_gives_back_every_printed_line(rendered, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_same_seed_renders_the_same_holdout3_receipts_and_another_seed_others(layout):
    checks.same_seed_same_receipts(corpus, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_holdout3_truths_add_up_to_the_total_and_refunds_are_negative(layout):
    checks.truths_add_up(rendered, layout, _tax_on_top)


def test_the_holdout3_corpus_varies_what_real_tills_vary():
    receipts = [r for lay in LAYOUTS for r in rendered(lay, 100, seed=1)]
    truths = [t for _, t in receipts]
    assert {t.kind for t in truths} == {"sale", "refund"}
    assert {t.tender for t in truths} >= {"cash", "card", "account", "fsm", "wire transfer",
                                          None}
    assert any(q > 1 for t in truths for _, q, _ in t.lines)
    assert any(a < 0 for t in truths for _, _, a in t.lines)  # discounts
    assert any(t.notes for t in truths)  # totals that are not the sum of the lines
    offsets = {t.date[19:] for t in truths if t.date and len(t.date) > 10}
    assert offsets == {"+00:00", "+01:00"}  # GMT and BST
    assert any(t.date and len(t.date) == 10 for t in truths)  # a day with no time
    assert any(t.account for t in truths) and any(t.account is None for t in truths)
    assert {p.codepage for p, _ in receipts} >= {"CP858", "CP437", "CP1252", "AUTO"}


def test_the_scoreboard_prints_the_holdout3_group_beside_the_others(capsys):
    checks.scoreboard_prints_the_group("holdout3", holdout3_layouts(), capsys)


@pytest.mark.parametrize("layout", sorted(FLOOR))
def test_the_default_rules_read_the_holdout3_at_least_as_well_as_when_it_was_written(layout):
    checks.reads_at_least("holdout3", layout, FLOOR[layout])
