"""Three paper facts school and college tills print (rules29): a payment
slip's one bare "Amount:" under what it was paid for is the sum paid
(ITEMS.md); a way paid printed as the total ("Meal Plan (Total):") is the
total and that way, unless another total of another amount stands beside
it (a dual-pricing till's cash price: TENDERS.md); a name cut at its
column's width goes on on the row beneath, indented (ITEMS.md)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import journal_tender
from tests.test_receipt_reading import captured, lines

RULE = "-" * 32
WIDE = "-" * 48


def _slip(purpose: str, amount: str, method: str, *extra: str) -> list[str]:
    # a primary office's thermal fee receipt: no item row, one amount
    return ["HOLLYBANK PRIMARY SCHOOL", "Dinner Money Receipt", "=" * 32,
            "Receipt No.: DM-00412", "Date: 27-03-2026", "Student: Freya Turner",
            "Admission No.: 3491", RULE, f"Purpose: {purpose}", f"Amount: {amount}", *extra,
            f"Method: {method}", RULE, "Thank You!", "For Payment", "(Original Receipt)"]


def _pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


@settings(max_examples=40, deadline=None)
@given(st.integers(10, 200_000), st.sampled_from(["Milk - spring term", "School dinners 10 days",
                                                  "Year's dinners paid ahead"]),
       st.sampled_from([("Card", "card"), ("Cash", "cash"), ("Cheque 346950", "cheque")]))
def test_a_slips_bare_amount_under_its_purpose_is_the_sum_paid(pence, purpose, method):
    p = interpret(captured(*_slip(purpose, _pounds(pence), method[0])))
    assert (p.total_pence, lines(p), p.kind) == (pence, [(purpose, 1, pence)], "sale")
    assert journal_tender(p.tender) == method[1] and p.account == "3491" and p.flags == []


def test_a_slips_negative_amount_is_money_back():
    p = interpret(captured(*_slip("Refund - dinners not taken", "-£4.80", "Cash refund")))
    assert (p.total_pence, p.kind, journal_tender(p.tender)) == (-480, "refund", "cash")
    assert lines(p) == [("Refund - dinners not taken", 1, 480)] and p.flags == []


def test_two_bare_amounts_that_differ_name_no_sum_and_a_receipt_with_items_keeps_them():
    p = interpret(captured(*_slip("Milk", "£11.40", "Card", "Amount: £12.40")))
    assert p.total_pence is None and "unparsed_receipt" in p.flags
    # an item row: "Amount" alone is no total of it (set aside as before)
    p = interpret(captured("Chips   1.00", "Amount: £11.40", "Method: Card"))
    assert p.total_pence is None and "unparsed_receipt" in p.flags


def _hall(rows: list[str], pay: str, sub: int, service: int) -> list[str]:
    # a hall of residence canteen's slip: a 21+7+10+10 table, 48 columns
    return ["24-02-2026 11:56 AM                Receipt #3100", "Store: 1",
            "HAWTHORN HALL DINING ROOM", WIDE, "Item Name                Qty     Price     Total",
            WIDE, *rows, WIDE,
            f"{'Order Subtotal:':<40}{sub / 100:>8.2f}",
            f"{'Service Charges (2%):':<40}{service / 100:>8.2f}",
            f"{pay + ' (Total):':<40}{(sub + service) / 100:>8.2f}", WIDE,
            "Thanks for dining with us!"]


def _row(name: str, qty: int, unit: int) -> list[str]:
    # printer.js's col(): the name cut at 21, its rest on a row of its own
    row = f"{name[:21]:<21}{qty:>7}{unit / 100:>10.2f}{qty * unit / 100:>10.2f}"
    return [row, "  " + name[21:]] if len(name) > 21 else [row]


@pytest.mark.parametrize(("pay", "way"), [("Meal Plan", "account"), ("Card", "card"),
                                          ("Cash", "cash")])
def test_a_way_printed_as_the_total_is_the_total_and_the_way_and_the_charge_on_top_no_item(
        pay, way):
    p = interpret(captured(*_hall(_row("Chocolate brownie", 1, 165), pay, 165, 3)))
    assert (p.total_pence, journal_tender(p.tender)) == (168, way)
    assert lines(p) == [("Chocolate brownie", 1, 165)] and p.flags == []


def test_a_ways_total_beside_another_total_names_no_way_and_is_not_sure():
    # dual pricing: the card price, then what cash would have paid
    p = interpret(captured("Chips    10.40", "Subtotal  10.40", "Total  10.40",
                           "Subtotal (Cash)  10.00", "Total (Cash)  10.00"))
    assert "total_unsure" in p.flags and journal_tender(p.tender) != "cash"


def test_a_name_cut_at_its_columns_width_goes_on_beneath():
    rows = [*_row("Chicken tikka masala & rice", 1, 520), *_row("Toast & jam", 2, 120)]
    p = interpret(captured(*_hall(rows, "Card", 760, 15)))
    # "& rice" goes on as a name goes on: sure
    assert lines(p) == [("Chicken tikka masala & rice", 1, 520), ("Toast & jam", 2, 240)]
    assert p.flags == []


def test_a_rest_cut_by_a_letter_is_joined_but_not_sure():
    p = interpret(captured(*_hall(_row("Full English breakfast", 2, 495), "Card", 990, 20)))
    # "breakfas" / "t": cut inside a word, or between two? joined and flagged
    assert lines(p) == [("Full English breakfast", 2, 990)]
    assert p.flags == ["lines_ambiguous"] and p.total_pence == 1010


def test_a_note_under_a_short_name_is_no_cut():
    rows = [f"{'Burger':<21}{1:>7}{4.50:>10.2f}{4.50:>10.2f}", "  no onions"]
    p = interpret(captured(*_hall(rows, "Card", 450, 9)))
    assert lines(p) == [("Burger", 1, 450)]


def test_the_whole_name_printed_beneath_the_cut_one_is_no_rest_of_it():
    # a coffee house's 32-column slip prints the name cut at 12, then whole
    rows = ["Item name     Qty          Total", RULE, "Cheese toast    3           7.05",
            "  Cheese toastie", RULE, "TOTAL                       7.05", "Cash  7.05"]
    p = interpret(captured(*rows))
    assert lines(p) == [("Cheese toastie", 3, 705)] and p.flags == []
