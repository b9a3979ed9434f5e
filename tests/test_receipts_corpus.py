"""The corpus of receipts in real POS layouts (tests/receipts_corpus): each
rendering decodes into one receipt with no unknown command, the same seed
gives the same bytes, and the ground truth is self-consistent."""

from __future__ import annotations

import pytest

from tests import holdout_checks as checks
from tests.receipts_corpus import corpus
from tests.receipts_corpus.layouts import LAYOUTS
from tests.receipts_score import main, score


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_rendering_decodes_to_one_receipt_with_no_unknown_command(layout):
    checks.decodes_to_one_receipt_with_no_unknown_command(corpus, layout)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_same_seed_renders_the_same_receipts_and_another_seed_others(layout):
    checks.same_seed_same_receipts(corpus, layout)


@pytest.mark.parametrize("layout", sorted(set(LAYOUTS) - {"openbravo"}))
def test_the_truths_lines_add_up_to_its_total(layout):
    # (Openbravo's lines are before tax: they add up to the subtotal.)
    for _, t in corpus(layout, 100, seed=4):
        assert sum(a for _, _, a in t.lines) == abs(t.total)
        assert (t.total < 0) == (t.kind == "refund")


def test_the_corpus_varies_what_real_tills_vary():
    truths = [t for lay in LAYOUTS for _, t in corpus(lay, 100, seed=1)]
    assert {t.kind for t in truths} == {"sale", "refund"}
    assert {t.tender for t in truths} >= {"cash", "card", "account", "fsm", None}
    assert any(q > 1 for t in truths for _, q, _ in t.lines)
    assert any(a < 0 for t in truths for _, _, a in t.lines)  # discounts
    assert {t.date[19:] for t in truths if t.date} == {"+00:00", "+01:00"}  # GMT and BST


def test_the_scoreboard_prints_every_layout(capsys):
    assert main(["-n", "3"]) == 0
    out = capsys.readouterr().out
    for layout in LAYOUTS:
        assert layout in out
    assert "hwsim:epson" in out and "real layouts" in out


def test_show_prints_the_wrong_receipts_with_the_defaults_and_with_a_learnt_profile(capsys):
    assert main(["-n", "20", "--seed", "11", "--layout", "holdout15:liveregister-school",
                 "--show", "1"]) == 0
    out = capsys.readouterr().out
    assert "wrong with the defaults; flags:" in out
    assert "wrong with a profile learnt from 5; flags:" in out


def test_our_simulated_tills_receipts_read_fully_right():
    from tests.receipts_score import _pairs

    # (its first receipts are the same however many are rendered, as a corpus's)
    assert _pairs("hwsim:epson", 10, 5)[:4] == _pairs("hwsim:epson", 4, 5)
    for layout in ("hwsim:epson", "hwsim:win1252", "hwsim:uk-intl", "hwsim:nocut"):
        sc = score(layout, 100, seed=2)
        assert sc.right == sc.receipts, layout


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_default_rules_read_every_receipt_of_each_real_layout_fully_right(layout):
    # A seed the rules were not tuned on (the scoreboard's default is 1).
    # Issue 13 asks for 98%; the floor is what the rules reach (session 7).
    # (The first 200 are the profile floors' reading, on the same worker:
    # tests.xdist_scopes; the last 100 are read here.)
    sc = score(layout, 300, seed=11)
    assert sc.unknown == 0 and sc.trusted_wrong == 0
    assert sc.right == sc.receipts, (layout, sc.right, sc.fields)


def test_a_remembered_score_is_the_one_worked_out_and_no_caller_can_change_anothers():
    from tests.receipts_score import _score, learnt_rules, learnt_score

    first = score("chromis", 20, seed=4)
    assert first == _score("chromis", 20, 4, None, 0)
    first.fields["total"] = -1
    first.wrong.append(([], {}, {}, []))
    assert score("chromis", 20, seed=4) == _score("chromis", 20, 4, None, 0)
    assert learnt_score("chromis", 20, 4, 3) == _score("chromis", 20, 4,
                                                       learnt_rules("chromis", 4, 3), 0)
