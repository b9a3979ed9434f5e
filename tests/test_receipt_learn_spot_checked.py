"""The learner keeps what a person's check of the paper proves
(``agent.sale.receipt_learn_proof``: ``quiet``, ``disturbs``).

The office's spot check (``agent.sale.spot_check``) asks about a receipt the
till read without a flag; found different ("How does the paper say it was
paid?": from the meal plan, the pupil's account) it teaches the till's
profile. Beside it the learner takes a few receipts read cleanly that nobody
checked, and a mapping that reads one of those otherwise than the defaults
is not kept. But a clean receipt printing the same way paid, read as no
tender, is evidence of the defaults' old reading, not of the paper: it must
not veto what the paper proved (holdout29's blind rules: Minster Yard's
refectory, modelled on Bishop Grosseteste University's pre-payment meal
card, drivers/receipt/TENDERS.md; the spot checks found its "Prepaid meal
card" read as no tender, and the profile dropped the office's answer for
three clean receipts printing it). A change no one's check proved (a field
other than the tender, a tender a clean receipt's own truth confirms, a
way no check printed alone) still vetoes.

Receipts are real ESC/POS bytes printed by python-escpos, shaped as a
refectory till prints them; "Refectory plan" on a line of its own is a
way paid the default rules read as no tender, with no flag.
"""

from __future__ import annotations

import dataclasses

from escpos.printer import Dummy

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import contract_word, learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_learn_proof import disturbs, for_review, quiet
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import decode

MENU = [("Pasta bake", 230), ("Cookie", 50), ("Jacket potato", 210), ("Milk", 45),
        ("Fruit pot", 120)]


def refectory(n: int, *, way: str = "Refectory plan", extra: str = "") -> tuple[object, int]:
    """Sale ``n`` of a refectory till printing how it was paid as a line of
    its own under the total (``way``), and its total; ``extra``: one more
    line under it."""
    p = Dummy()
    p.charcode("CP858")
    items = [MENU[n % 5], MENU[(n * 3 + 1) % 5]][: 1 + n % 2]
    p.textln(f"Refectory   Sale {n}")
    for name, price in items:
        p.textln(f"{name:<30}{price / 100:>8.2f}")
    total = sum(v for _, v in items)
    p.textln(f"{'TOTAL':<30}{'£' + format(total / 100, '.2f'):>8}")
    p.textln(way)
    if extra:
        p.textln(extra)
    p.cut()
    [r], _ = decode(p.output)
    return r, total


def spot_check_found_different(n: int) -> tuple[object, Truth]:
    """A receipt the till read without a flag, and the office's check: the
    paper's total, paid from the pupil's account (``office_truth``)."""
    r, total = refectory(n)
    return r, Truth.partial(total=total, tender="account")


def clean(*ns: int) -> list[tuple[object, Truth]]:
    """Receipts read cleanly that nobody checked (``--from-reviews`` adds
    them, confirming nothing)."""
    return [(refectory(n)[0], Truth()) for n in ns]


def profile_of(pairs: list[tuple[object, Truth]]):
    return learn([r for r, _ in pairs], ReceiptConfig(), truths=[t for _, t in pairs])


def test_the_defaults_read_the_refectory_plan_as_no_tender_without_a_flag():
    for n in range(1, 6):
        p = interpret(refectory(n)[0])
        assert p.tender is None and not for_review(p) and not p.flags


def test_clean_receipts_printing_the_way_a_spot_check_proved_do_not_veto_it():
    pairs = [spot_check_found_different(1), *clean(2, 3, 4)]
    profile = profile_of(pairs)
    assert profile.tenders == {"Refectory plan": "account"}
    rules = rules_from_config(profile.config(ReceiptConfig()))
    for n in range(1, 9):  # (the clean ones and receipts it never saw)
        p = interpret(refectory(n)[0], rules)
        assert p.tender == "account" and not for_review(p)


def test_a_clean_receipt_the_mapping_would_read_as_a_split_still_vetoes_it():
    # A receipt paid in cash that prints the plan's line too (the plan's
    # name as a heading): the defaults read cash, the mapping a split that
    # does not add up, which no one's check of the paper says.
    pairs = [spot_check_found_different(1), *clean(2, 3),
             (refectory(4, extra="Cash")[0], Truth())]
    before = interpret(pairs[-1][0])
    assert before.tender == "cash" and not for_review(before)
    assert profile_of(pairs).tenders == {}


def test_a_clean_receipts_own_confirmed_tender_is_not_overruled_by_anothers_check():
    # A technician confirmed this one paid by no way printed (""): the
    # defaults' none is right there, and the mapping would read it wrong.
    r, total = refectory(2)
    pairs = [spot_check_found_different(1), (r, Truth.partial(total=total, tender=""))]
    assert profile_of(pairs).tenders == {}


# -- ``disturbs`` itself: a mapping held to the quiet samples ----------------

PLAN_IS_ACCOUNT = dataclasses.replace(ReceiptConfig(), tenders={"Refectory plan": "account"})


def _disturbs(pairs: list[tuple[object, Truth]]) -> bool:
    return disturbs(PLAN_IS_ACCOUNT, quiet([r for r, _ in pairs], [t for _, t in pairs],
                                           ReceiptConfig(), contract_word))


def test_a_way_read_as_a_check_of_the_paper_proved_disturbs_no_clean_receipt():
    assert not _disturbs([spot_check_found_different(1), *clean(2, 3, 4)])


def test_a_way_no_check_proved_disturbs_the_clean_receipts_printing_it():
    r, total = refectory(1)
    assert _disturbs([(r, Truth.partial(total=total)), *clean(2, 3, 4)])  # (paid how: not asked)
    assert _disturbs([(r, Truth.partial(total=total, tender="card")), *clean(2, 3, 4)])
    assert _disturbs(clean(2, 3, 4))
    # (two checks of the same way paid saying two ways prove neither)
    other, paid = refectory(5)
    assert _disturbs([spot_check_found_different(1),
                      (other, Truth.partial(total=paid, tender="card")), *clean(2, 3, 4)])


def test_a_tender_confirmed_on_the_clean_receipt_itself_is_not_overruled_by_anothers_check():
    r, total = refectory(2)
    assert _disturbs([spot_check_found_different(1), (r, Truth.partial(total=total, tender=""))])
