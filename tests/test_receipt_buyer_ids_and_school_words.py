"""Whose number and which money: a buyer's tax or national id on a fiscal
receipt (printed with its kind: "CUSTOMER ID TYPE: TIN") is never a pupil's
account, while a school's "Card Acc:" is; a free meal named for the meal it
pays ("Paid: FSM Lunch Allowance") is the fsm tender; the Gulf's national
debit schemes ("mada") are cards; a total "incl of tax" is the total
(NUMBERS.md, "The buyer's identity and the pupil's account"; TAX.md)."""

from __future__ import annotations

import pytest

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines


def cols(left: str, right: str, width: int = 40) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def _legal_receipt(id_type: str, buyer_id: str) -> list[str]:
    """A Tanzanian VFD legal receipt naming its buyer."""
    return ["*** START OF LEGAL RECEIPT ***", "TIN: 112-904-377", "VRN: 40-021553-K",
            "-" * 40, "CUSTOMER NAME: JUMA HASSANI MSUYA", cols("CUSTOMER ID TYPE:", id_type),
            cols("CUSTOMER ID:", buyer_id), cols("CUSTOMER MOBILE:", "0713 555 019"), "-" * 40,
            cols("RECEIPT NUMBER:", "18305"), cols("RECEIPT DATE:", "2026-09-21"),
            cols("RECEIPT TIME:", "08:32:58"), "-" * 40, "PURCHASED ITEMS", "Chipsi mayai",
            cols("Qty: 2", "8,000.00"), "-" * 40, cols("TOTAL EXCL OF TAX:", "6,779.66"),
            cols("DISCOUNT:", "0.00"), cols("TOTAL TAX:", "1,220.34"),
            cols("TOTAL INCL OF TAX:", "8,000.00"), "*** END OF LEGAL RECEIPT ***"]


@pytest.mark.parametrize("id_type, buyer_id", [("TIN", "104-223-917"),
                                               ("NIDA", "19870412-11101-00002-21")])
def test_a_buyers_id_printed_with_its_kind_is_never_the_account(id_type, buyer_id):
    p = interpret(captured(*_legal_receipt(id_type, buyer_id)))
    assert p.account is None
    assert lines(p) == [("Chipsi mayai", 2, 800000)] and p.total_pence == 800000


def test_a_customer_number_with_no_kind_printed_is_still_the_account():
    # a school till's "Cust No:" names the pupil's account
    p = interpret(captured("Cust No: 46250", cols("Pasta bake", "£2.30"),
                           cols("TOTAL", "£2.30"), cols("Account", "£2.30")))
    assert p.account == "46250"


def test_a_school_card_account_under_a_shortened_word_is_the_account():
    p = interpret(captured("Till 2   Txn 004502", "06/04/26 12:41", "Name: Amelia Hart",
                           "Tutor: 10JLW", "Card Acc: 203918", "-" * 32,
                           cols("2 Cookie", "1.00", 32), cols("Spent", "£1.00", 32),
                           cols("From Account", "£1.00", 32)))
    assert p.account == "203918" and p.tender == "account" and p.flags == []


def test_a_free_meal_allowance_named_for_its_meal_is_the_fsm_tender():
    p = interpret(captured("Receipt No: 71842", "Account: 46250",
                           cols("Roast of the Day   1", "£2.50"), cols("Total", "£2.50"),
                           "Paid: FSM Lunch Allowance"))
    assert p.tender == "fsm" and "unmapped_tender" not in p.flags


@pytest.mark.parametrize("word", ["mada", "KNET", "NAPS"])
def test_a_gulf_national_debit_scheme_is_a_card(word):
    p = interpret(captured("Invoice No: 000412", cols("Chicken Shawarma", "11.01"),
                           cols("Total (Incl. VAT)", "SAR 11.01"), f"Payment Method: {word}",
                           cols("Amount Paid", "11.01"), "Card: **** **** **** 6124"))
    assert p.tender == "card" and p.flags == []
