"""Ways UK school offices and tills print how a sale was paid (holdout31,
safety31; TENDERS.md, "A school office's ways paid"): dinner money's `Cash
in envelope`, a boarding house's `House bank` and `Charged to termly bill`,
`Paid via: ParentPay balance`, a college's `Free College Meal` alone or
with the rest paid another way."""

from __future__ import annotations

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt


def cols(left: str, right: str, width: int = 40) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def test_cash_in_an_envelope_is_cash():
    # holdout31 ea-dinner, seed 11
    p = interpret(printed_receipt(
        "ST BRONAGH'S PRIMARY SCHOOL", "Education Authority - School Meals",
        "Receipt: DM26/0001", "Date: 02/06/2026   Time: 09:38", "-" * 40, "P6 Kacper Patel",
        cols("  Dinners Jun 16 @ 3.10", "49.60"), "-" * 40, cols("TOTAL DUE", "£49.60"),
        cols("Cash in envelope", "49.60"), "Cheques payable to: Education Authority"))
    assert p.tender == "cash" and p.total_pence == 4960 and p.flags == []


def _tuck(*paid: str) -> object:
    # holdout31 house-bank, seed 11
    return printed_receipt(
        "TUCK SHOP", "St Aldhelm's College", cols("Sale 4103", "Mon 05/01/26 17:14", 32),
        "Boarder: Amelia McCann", "House bank a/c SH-0844", "-" * 32,
        cols("3 x Kit Kat @0.75", "2.25", 32), cols("Total", "2.25", 32), *paid)


def test_a_boarding_houses_bank_and_the_termly_bill_are_the_pupils_account():
    p = interpret(_tuck(cols("House bank", "2.25", 32), cols("Weekly limit", "15.00", 32),
                        cols("Left this week", "12.75", 32)))
    assert p.tender == "account" and p.flags == []
    p = interpret(_tuck("Charged to termly bill"))
    assert p.tender == "account" and p.flags == []
    # the house bank to its limit, then cash: a split
    p = interpret(_tuck(cols("House bank", "1.25", 32), cols("Cash", "5.00", 32),
                        cols("Change", "4.00", 32)))
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [("account", 125), ("cash", 100)]


def test_paid_via_the_parentpay_balance_is_the_account():
    # holdout31 office-shop, seed 11
    p = interpret(printed_receipt(
        "HOLLYMOOR ACADEMY", "School Office - Sales",
        cols("Receipt No. SO-1103", "12-11-2026 15:54", 42), "Student: Amelia McCann (8K)",
        "Adm no: 011642", "-" * 42, cols("Book bag                         3", "16.50", 42),
        "-" * 42, cols("Amount paid", "£16.50", 42), cols("Paid via:", "ParentPay balance", 42),
        cols("ParentPay balance left", "£22.80", 42)))
    assert p.tender == "account" and p.flags == []


def _refectory(*paid: str) -> object:
    # holdout31 fcm-thumb, seed 11
    return printed_receipt(
        "BRAMHALL ROAD SIXTH FORM COLLEGE", cols("Trans No: 3002", "Till R2", 48),
        "Wed 16/12/2026 09:07:29", cols("Learner: 21775216", "Orla Fraser", 48), "-" * 48,
        cols("  1  Panini - ham & cheese        2.85", "2.85", 48),
        cols("  1  Tea                          0.90", "0.90", 48), "-" * 48,
        cols("TOTAL", "£3.75", 48), *paid)


def test_the_free_college_meal_is_a_free_meal_alone_or_in_part():
    p = interpret(_refectory(cols("Free College Meal", "3.75", 48)))
    assert p.tender == "fsm" and p.flags == []
    p = interpret(_refectory(cols("Free College Meal", "2.41", 48),
                             cols("Balance to pay", "1.34", 48),
                             cols("Student purse", "1.34", 48)))
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [("fsm", 241), ("account", 134)]
