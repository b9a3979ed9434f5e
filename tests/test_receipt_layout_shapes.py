"""What a learnt layout (``agent.sale.receipt_learn_layout.shapes``) takes a
line of its till to be: its shape and its place, the till's own words as
printed, and never a sample's value."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import contract_word, learn
from agent.sale.receipt_learn_layout import learn_layout, shapes
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import TEMPLATE_MISS, interpret
from tests.receipts_score import _pairs, decode, technician_truth


def _knows(pattern: str, line: str) -> bool:
    return re.fullmatch(pattern, line) is not None


def test_a_line_with_an_amount_is_known_by_its_own_words_whatever_shares_its_place():
    # (sample, place): a tender and a balance share the first word, and the
    # tender's place is another sample's cash line
    lines = [("Dinner money £1.80", "", 0, 0), ("Dinner money left £28.68", "", 1, 0),
             ("Cash £5.00", "", 0, 1), ("Dinner money £4.35", "", 0, 2),
             ("Dinner money left £11.19", "", 1, 2)]
    pattern = shapes(lines)
    assert _knows(pattern, "Dinner money left £3.07")
    assert _knows(pattern, "Cash £20.00")
    assert not _knows(pattern, "Dinner money spent £3.07")
    assert not _knows(pattern, "Cash refunded £3.07")


_CODES = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=6, max_size=12).filter(
    lambda c: any(ch.isdigit() for ch in c) and any(ch.isalpha() for ch in c))


@given(_CODES, _CODES, _CODES)
def test_a_reference_code_of_letters_and_digits_is_any_such_code(a, b, new):
    pattern = shapes([(f"Transaction code {a}", "", 3, 0), (f"Transaction code {b}", "", 3, 1)])
    assert _knows(pattern, f"Transaction code {new}")
    assert not _knows(pattern, "Transaction code £5.00")
    assert not _knows(pattern, f"Refund code {new}")
    assert a not in pattern and b not in pattern


def _school_d():
    pairs = _pairs("holdout3:school-d", 5, 1011)
    samples = [decode(d)[0][0] for d, _ in pairs]
    profile = learn(samples, ReceiptConfig(), truths=[technician_truth(t) for _, t in pairs],
                    prove_layout=False)
    receipts = [decode(d)[0][0] for d, t in _pairs("holdout3:school-d", 40, 11) if t.account]
    return profile, rules_from_config(profile.config(ReceiptConfig())), receipts


def test_an_account_line_is_known_only_by_being_read_so_a_receipt_without_one_is_no_alarm():
    profile, rules, receipts = _school_d()
    assert "account" not in profile.layout.expect.split()
    checked = 0
    for r in receipts:
        p = interpret(r, rules)
        if p.flags:
            continue
        at = next(i for i, t in enumerate(r.text) if p.account in t)
        without = dataclasses.replace(r, text=[t for i, t in enumerate(r.text) if i != at])
        unreadable = dataclasses.replace(r, text=[
            t.replace(p.account, f"AB/{p.account}") if i == at else t
            for i, t in enumerate(r.text)])
        assert TEMPLATE_MISS not in interpret(without, rules).flags
        assert interpret(unreadable, rules).account != p.account
        assert TEMPLATE_MISS in interpret(unreadable, rules).flags
        checked += 1
    assert checked >= 10


def test_a_quantity_line_the_arithmetic_read_as_no_item_keeps_the_tills_words():
    pattern = shapes([("2 X @0.70", "", 0, 0), ("3 X @1.90", "", 0, 1)], item=True)
    assert _knows(pattern, "4 X @2.95")
    assert not _knows(pattern, "4 PIES @2.95")


@given(st.integers(1, 9), st.integers(1, 99), st.integers(0, 99))
def test_an_item_line_may_print_whole_pounds_where_the_samples_printed_pence(qty, pounds, pence):
    pattern = shapes([("3 Pc <item>  1.20  3.60", "<item>", 0, 0),
                      ("1 Pc <item>  0.85  0.85", "<item>", 0, 1)], item=True)
    assert _knows(pattern, f"{qty} Pc <item>  {pounds}  {pounds * qty}")
    assert _knows(pattern, f"{qty} Pc <item>  {pounds}.{pence:02d}  {pounds}.{pence:02d}")
    # the columns stay apart: never one number read across the space
    assert not _knows(pattern, f"{qty} Pc <item>  {pounds}{pounds}.{pence:02d}")


def test_a_tills_word_printed_with_an_amount_is_known_alone_but_no_other_word_is():
    pattern = shapes([("Portion - £2.70", "", 3, 0), ("Portion - £1.10", "", 3, 1)])
    assert _knows(pattern, "Portion")
    assert not _knows(pattern, "Card")


def test_a_rate_alone_is_known_anywhere_in_a_learnt_layout():
    profile, _rules, _receipts = _school_d()
    for region in ("header", "body", "footer"):
        assert _knows(getattr(profile.layout, region), "10%")
        assert not _knows(getattr(profile.layout, region), "10% 1.20")


def test_a_label_after_the_tills_own_text_takes_any_value_without_an_amount():
    pattern = shapes([("Till 2 Operator: Mr Patel", "", 2, 0),
                      ("Till 2 Operator: Mrs Jones", "", 2, 1)])
    assert _knows(pattern, "Till 3 Operator: Kitchen 1")
    assert not _knows(pattern, "Till 3 Operator: Kitchen 1.50")
    assert not _knows(pattern, "Till 3 Paid by: Card")


def test_an_items_name_alone_is_known_above_the_first_item_and_among_the_others():
    pairs = _pairs("holdout2:school-c", 5, 1003)  # each names an item alone only first
    samples = [decode(d)[0][0] for d, _ in pairs]
    layout = learn_layout(samples, [technician_truth(t) for _, t in pairs], ReceiptConfig(),
                          contract_word)
    assert _knows(layout.header, "Cheese toastie") and _knows(layout.body, "Cheese toastie")
    assert not _knows(layout.body, "Cheese toastie 2.50")
