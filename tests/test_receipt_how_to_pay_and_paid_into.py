"""A footer telling parents how to pay next time is no way paid (`Pay online
with ParentPay` under a free meal's slip), and cash paid into the pupil's
account at the till is what the sale is, a line, not the way it was paid
(`Cash paid into dinner money account  20.00` over `CASH RECEIVED  20.00`):
holdout30 edinburgh-finger (TENDERS.md, "How to pay next time, and money
paid into an account")."""

from __future__ import annotations

import pytest

from drivers.receipt import interpret
from drivers.receipt.tenders import _tender_word
from tests.receipts_score import printed_receipt
from tests.test_receipt_reading import lines


def cols(left: str, right: str, width: int = 48) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


# holdout30 edinburgh-finger, Trans 118215 / 118218 / 118223 (the set's
# README: City of Edinburgh's finger-image tills, Currie Community High
# School's page; the slip invented after it)
HEAD = ("CITY OF EDINBURGH COUNCIL", "School Meals - Pentland Hills High School",
        cols("Till: DINING HALL 3", "Cashier: SANDRA"),
        cols("Date: 17/9/26  Time: 13:49:22", "Trans: 118215"))
PUPIL = ("Pupil: S1 KELLY Oliver   Reg: 1C2", cols("ID: Finger image", "Acct: 5587122"))
FOOTER = "Pay online with ParentPay"


def test_a_free_meal_with_the_footer_telling_how_to_pay_is_the_free_meal():
    p = interpret(printed_receipt(
        *HEAD, *PUPIL, "-" * 48, cols("1  Macaroni cheese", "2.35"), "-" * 48,
        cols("SALE TOTAL", "2.35"), cols("Free meal entitlement", "2.35"),
        cols("Balance remaining", "1.56"), FOOTER))
    assert (p.tender, p.tenders, p.flags) == ("fsm", (), [])


def test_a_visitors_cash_with_the_footer_is_cash():
    p = interpret(printed_receipt(
        *HEAD, "Customer: VISITOR - CASH SALE", "-" * 48, cols("1  Macaroni cheese", "2.35"),
        "-" * 48, cols("SALE TOTAL", "2.35"), cols("Cash tendered", "5.00"),
        cols("Change given", "2.65"), FOOTER))
    assert (p.tender, p.total_pence, p.flags) == ("cash", 235, [])


@pytest.mark.parametrize("footer", ["Pay online with ParentPay", "Pay online",
                                    "Pay at the office", "Pay via the school gateway"])
def test_pay_and_where_or_how_is_an_instruction(footer):
    assert _tender_word(footer) is None


@pytest.mark.parametrize("line, way", [("Pay Cash", "Cash"), ("Pay: Card", "Card"),
                                       ("Pay by ParentPay", "ParentPay"),
                                       ("Payment: Online", "Online")])
def test_pay_and_a_way_is_still_the_way(line, way):
    assert _tender_word(line) == way


def test_cash_paid_into_the_account_is_the_line_and_cash_paid_it():
    p = interpret(printed_receipt(
        *HEAD, *PUPIL, "-" * 48, cols("   Cash paid into dinner money account", "20.00"),
        "-" * 48, cols("CASH RECEIVED", "20.00"), cols("Balance remaining", "25.80"), FOOTER))
    assert lines(p) == [("Cash paid into dinner money account", 1, 2000)]
    assert (p.tender, p.total_pence) == ("cash", 2000)
    # no total printed: the money received is taken for it, and said so
    assert p.flags == ["total_unsure"]
    # cash paid, into no account or purse, is still the way paid
    assert _tender_word("Cash paid") == "Cash"
    assert _tender_word("Cash paid to cashier") == "Cash"
