"""The pupil's number where UK school offices and colleges print it
(holdout31, safety31; NUMBERS.md, "A learner's, a boarder's and the
Education Authority's number"): a college's `Learner: 21376014   Callum
Jones`, a boarding house's `House bank a/c SH-0844`, and Northern Ireland's
`EA ref: 1678901` under the child's row named year group first (`P4 Zofia
Kelly`). Each was left unread with no flag (silent)."""

from __future__ import annotations

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt


def cols(left: str, right: str, width: int = 40) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def test_a_learner_number_with_the_name_after_it_is_the_account():
    # holdout31 fcm-thumb, seed 11
    p = interpret(printed_receipt(
        "BRAMHALL ROAD SIXTH FORM COLLEGE", "Refectory - Deli Bar",
        cols("Trans No: 3002", "Till R2", 48), "Wed 16/12/2026 09:07:29",
        cols("Learner: 21775216", "Orla Fraser", 48), "ID: Card", "-" * 48,
        cols("  1  Tea                          0.90", "0.90", 48),
        cols("TOTAL", "£0.90", 48), cols("Student purse", "0.90", 48)))
    assert p.account == "21775216" and p.receipt_no == "3002"
    assert "unread_number" not in p.flags
    # a learner named without a number is no account
    p = interpret(printed_receipt(
        "REFECTORY", "Trans No: 3003", "Wed 16/12/2026 09:08:29", "Learner: Orla Fraser",
        cols("Tea", "0.90"), cols("TOTAL", "0.90"), cols("Cash", "0.90")))
    assert p.account is None


def test_a_boarding_houses_bank_account_is_the_pupils():
    # holdout31 house-bank: the house keeps the boarders' pocket money
    p = interpret(printed_receipt(
        "TUCK SHOP", "St Aldhelm's College", cols("Sale 4103", "Mon 05/01/26 17:14", 32),
        "Boarder: Amelia McCann", "House: School House", "House bank a/c SH-0844",
        "-" * 32, cols("3 x Kit Kat @0.75", "2.25", 32), cols("Total", "2.25", 32),
        cols("Cash", "5.00", 32), cols("Change", "2.75", 32)))
    assert p.account == "SH-0844" and p.tender == "cash"
    # a bank's own account is never the pupil's
    p = interpret(printed_receipt(
        "TUCK SHOP", cols("Sale 4104", "Mon 05/01/26 17:20", 32), "Bank a/c 12345678",
        cols("Kit Kat", "0.75", 32), cols("Total", "0.75", 32), cols("Cash", "0.75", 32)))
    assert p.account is None


def _dinner_slip(child: str, ref: str) -> object:
    # holdout31 ea-dinner, seed 11
    return printed_receipt(
        "GLENVIEW PRIMARY SCHOOL", "Education Authority - School Meals",
        "DINNER MONEY RECEIPT", "Receipt: DM26/0002", "Date: 26/02/2026   Time: 09:42",
        "-" * 40, child, ref, cols("  Dinner Thu 26/02 1 @ 3.10", "3.10"), "-" * 40,
        cols("TOTAL DUE", "£3.10"), cols("Cheque (payable to EA)", "3.10"), "  Chq no. 525704")


def test_the_education_authoritys_ref_under_a_child_named_year_first_is_the_account():
    p = interpret(_dinner_slip("P1 Aoife Wu", "  EA ref: 1532014"))
    assert p.account == "1532014" and p.receipt_no == "DM26/0002" and p.tender == "cheque"
    assert p.flags == []
    p = interpret(_dinner_slip("Nursery Ruairi Patel", "  EA ref: 1405519"))
    assert p.account == "1405519"
    # under no child's row, a reference stays no account
    p = interpret(_dinner_slip("Staff: Mrs Quinn", "  EA ref: 1532014"))
    assert p.account is None
