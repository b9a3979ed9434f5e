"""Money paid into a pupil's account at the till ("Deposit to EPOS account",
"Cheque added to account", "Cashback to account") is what the sale is, a
line, never how it was paid; a count printed before a name that begins
with a figure ("1 2 course meal  2.60") is the count, the name keeps its
figure (ITEMS.md, "Money paid in", "A name that begins with a figure")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.model import ParsedReceipt
from tests.receipts_score import journal_tender
from tests.test_receipt_reading import captured, lines

PAID_IN = st.sampled_from(["Deposit to EPOS account", "Cheque added to account",
                           "Top-up to meal account", "Cashback to account"])
WAYS = st.sampled_from([("Cash", "cash"), ("Paid by cheque", "cheque"), ("CASH", "cash")])
POUNDS = st.integers(1, 50).map(lambda p: p * 100)


def cols(left: str, right: str, width: int = 42) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def interpret_slip(*body: str) -> ParsedReceipt:
    return interpret(captured("TAYSIDE CONTRACTS", "Receipt: 9108", "Meals acc 7896795", *body))


@settings(max_examples=60, deadline=None)
@given(PAID_IN, WAYS, POUNDS, st.integers(0, 450))
def test_money_paid_into_the_account_is_a_line_and_the_way_paid_follows_the_total(
        paid_in, way, pence, meal):
    printed_way, tender = way
    items = [cols("Panini", f"{meal / 100:.2f}")] if meal else []
    total = pence + meal
    p = interpret_slip(*items, cols(paid_in, f"£{pence / 100:.2f}"), "-" * 42,
                       cols("TOTAL", f"£{total / 100:.2f}"),
                       cols(printed_way, f"£{total / 100:.2f}"))
    want = ([("Panini", 1, meal)] if meal else []) + [(paid_in, 1, pence)]
    assert lines(p) == want and p.total_pence == total
    assert journal_tender(p.tender) == tender


def test_money_returned_to_the_account_on_a_refund_is_still_how_it_went_back():
    p = interpret_slip(cols("Soup", "1.10"), "*** REFUND ***", cols("Total refunded", "-£1.10"),
                       cols("Returned to account", "£1.10"))
    assert p.kind == "refund" and p.total_pence == -110
    assert journal_tender(p.tender) == "account"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3), st.sampled_from(["2 course meal", "3 bean salad", "4 cheese pizza"]),
       st.integers(50, 400))
def test_a_count_before_a_name_that_begins_with_a_figure_is_the_count(count, name, unit):
    value = count * unit
    amount = f"{value / 100:.2f}"
    p = interpret_slip(cols(f"{count} {name}", amount, 32), "-" * 32,
                       cols("TOTAL", amount, 32), cols("Account", amount, 32))
    assert lines(p) == [(name, count, value)] and p.total_pence == value
