"""The second holdout corpus (tests/receipts_holdout2): receipts in five real
POS layouts written without reading the rules, and the default rules' scores
on it held as a floor: they may only go up. The figures are what the rules read
when this corpus was written (README.md there: what goes wrong, and why)."""

from __future__ import annotations

import pytest

from tests import holdout_checks as checks
from tests.receipts_holdout2 import corpus, rendered
from tests.receipts_holdout2.layouts import LAYOUTS
from tests.receipts_score import decode, holdout2_layouts, score

# Receipts (of 200, seed 11) read fully right, and per field, by the default rules.
FLOOR = {
    # Raised after merging the rules generalised on the first holdout (and one
    # rule the lead added: a tender that paid 0 is none): 14.1% fully right
    # blind, 31.9% after that rule and the Floreant change-is-cash truth.
    # Raised again when this holdout became the development set (session 7:
    # brackets, unit-price lines, labelled cells, discounts already in the
    # values): 89.5%. What is left is split tenders (read as the larger,
    # flagged ``split_tender``; the truth is None).
    "triangle": (200, {"total": 200, "lines": 200, "number": 200, "tender": 200, "kind": 200,
                       "date": 200, "account": 200}),
    "nexopos": (200, {"total": 200, "lines": 200, "number": 200, "tender": 200, "kind": 200,
                      "date": 200, "account": 200}),
    "odoo8": (156, {"total": 200, "lines": 200, "number": 200, "tender": 156, "kind": 200,
                    "date": 200, "account": 200}),
    "floreant": (200, {"total": 200, "lines": 200, "number": 200, "tender": 200,
                       "kind": 200, "date": 200, "account": 200}),
    "school-c": (139, {"total": 200, "lines": 200, "number": 200, "tender": 139,
                       "kind": 200, "date": 200, "account": 200}),
}


def _unprinted(notes: list[str]) -> int:
    """What the total holds beyond the truth's lines: tax added on top
    (Triangle) less a discount the template does not print (NexoPOS)."""
    extra = 0
    for note in notes:
        key, _, value = note.partition("=")
        extra += int(value) if key == "tax_on_top" else -int(value)
    return extra


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_holdout2_rendering_decodes_to_one_receipt_with_no_unknown_command(layout):
    checks.decodes_to_one_receipt_with_no_unknown_command(corpus, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_agents_decoder_gives_back_every_line_we_printed(layout):
    # So every miss on the scoreboard is the rules', not the decoder's.
    for printed, _ in rendered(layout, 200, seed=11):
        receipts, _ = decode(printed.encode())
        got = [t.strip() for t in receipts[0].text if t.strip()]
        assert got == [t.strip() for t, _ in printed.lines if t.strip()]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_same_seed_renders_the_same_holdout2_receipts_and_another_seed_others(layout):
    checks.same_seed_same_receipts(corpus, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_holdout2_truths_add_up_to_the_total_and_refunds_are_negative(layout):
    for _, t in corpus(layout, 100, seed=4):
        assert sum(a for _, _, a in t.lines) + _unprinted(t.notes) == abs(t.total)
        assert (t.total < 0) == (t.kind == "refund")


def test_the_holdout2_corpus_varies_what_real_tills_vary():
    truths = [t for lay in LAYOUTS for _, t in corpus(lay, 100, seed=1)]
    assert {t.kind for t in truths} == {"sale", "refund"}
    assert {t.tender for t in truths} >= {"cash", "card", "account", "fsm", "cheque", None}
    assert any(q > 1 for t in truths for _, q, _ in t.lines)
    assert any(a < 0 for t in truths for _, _, a in t.lines)  # discounts
    assert any(t.notes for t in truths)  # totals that are not the sum of the lines
    offsets = {t.date[19:] for t in truths if t.date and len(t.date) > 10}
    assert offsets == {"+00:00", "+01:00"}  # GMT and BST
    assert any(t.date and len(t.date) == 10 for t in truths)  # a day with no time
    assert any(t.account for t in truths) and any(t.account is None for t in truths)


def test_the_scoreboard_prints_the_holdout2_group_beside_the_others(capsys):
    checks.scoreboard_prints_the_group("holdout2", holdout2_layouts(), capsys)


@pytest.mark.parametrize("layout", sorted(FLOOR))
def test_the_default_rules_read_the_holdout2_at_least_as_well_as_when_it_was_written(layout):
    checks.reads_at_least("holdout2", layout, FLOOR[layout])


@pytest.mark.parametrize("layout", sorted(FLOOR))
def test_no_holdout2_total_or_tender_is_read_wrong_without_a_flag(layout):
    # A wrong answer the agent trusts is worse than a flagged receipt.
    assert score(f"holdout2:{layout}", 200, seed=11).trusted_wrong == 0
