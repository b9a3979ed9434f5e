"""General rules the second holdout's layouts (tests/receipts_holdout2) called
for, each shown on the shapes real tills print and, where the shape has
free parts (names, quantities, prices, widths, currency position), as a
property over them: a unit price in brackets, a unit-price line under an
item, a currency after the amount, labelled cells side by side, a date
sharing its line with a number, discounts already in the lines' values,
balances in other words."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret, parse_money
from tests.test_receipt_reading import captured, lines

NAMES = st.sampled_from(["Meal deal main", "Orange juice 250ml", "Fish & chips", "Cookie",
                         "Veg curry & rice", "Panini ham & cheese", "Bagel"])
QTY = st.integers(1, 9)
UNIT = st.integers(5, 999)  # pence
WIDTH = st.sampled_from([32, 42, 48])
CURRENCY_AFTER = st.booleans()


def money(pence: int, after: bool = False) -> str:
    """An amount as a till prints it: "£4.23", or "4.23£" (currency after)."""
    return f"{pence / 100:.2f}£" if after else f"£{pence / 100:.2f}"


def cols(left: str, right: str, width: int) -> str:
    """Two columns on a line of ``width``: ``right`` right-aligned."""
    return left + " " * max(2, width - len(left) - len(right)) + right


# --- a unit price in brackets ------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(NAMES, QTY, UNIT, WIDTH, CURRENCY_AFTER)
def test_a_unit_price_in_brackets_is_never_the_lines_value(name, qty, unit, width, after):
    value = qty * unit
    item = cols(f"{name} ({qty} x {money(unit, after)})", money(value, after), width)
    p = interpret(captured("Date: 17 Aug, 2026", item, cols("Grand Total", money(value, after),
                                                            width)))
    assert lines(p) == [(name, qty, value)] and p.total_pence == value and p.flags == []


@settings(max_examples=200, deadline=None)
@given(NAMES, QTY, UNIT, WIDTH, CURRENCY_AFTER)
def test_a_bracket_wrapped_onto_the_next_line_is_one_item(name, qty, unit, width, after):
    # A narrow cell wraps "(2 x" / "£0.90)" and prints the value at its bottom.
    value = qty * unit
    p = interpret(captured(f"{name} ({qty} x", cols(f"{money(unit, after)})", money(value, after),
                                                   width),
                           cols("Grand Total", money(value, after), width)))
    assert lines(p) == [(name, qty, value)] and p.flags == []


def test_a_unit_price_in_brackets_with_no_value_beside_it_is_still_the_unit_price():
    p = interpret(captured("Cookie (3 x £0.50)", "Total   £1.50"))
    assert lines(p) == [("Cookie", 3, 150)] and p.flags == []


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 99_999_99), st.sampled_from(["£", "€"]))
def test_an_amount_with_its_currency_after_it_is_the_same_amount(pence, mark):
    printed = f"{pence // 100}.{pence % 100:02d}"
    assert parse_money(printed + mark) == parse_money(mark + printed) == pence


# --- a unit-price line under an item ---------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(1, 4), UNIT), min_size=1, max_size=5),
       st.sampled_from(["Portion", "Piece", "Unit"]), WIDTH)
def test_a_unit_price_line_under_an_item_is_no_item_and_its_dash_is_no_minus(items, unit_name,
                                                                              width):
    # NexoPOS: " 2 x Chicken wrap   £5.40" / "   Portion - £2.70" (the unit price).
    printed = []
    for name, qty, unit in items:
        printed.append(cols(f" {qty} x {name}", money(qty * unit), width))
        printed.append(f"   {unit_name} - {money(unit)}" if qty > 1 else f"   {unit_name}")
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*printed, cols("Total:", money(total), width)))
    assert lines(p) == [(n, q, q * u) for n, q, u in items] and p.flags == []


def test_an_item_priced_as_the_unit_above_it_is_still_an_item_when_the_sums_say_so():
    # Not indented under the item: a cookie at 50p after two cookies is a third.
    p = interpret(captured("2 x Cookie      1.00", "Cookie      0.50", "Total  1.50"))
    assert lines(p) == [("Cookie", 2, 100), ("Cookie", 1, 50)] and p.flags == []


def test_an_amount_off_indented_under_an_item_is_never_its_unit_price():
    # VIVIPOS: 4 cookies at 0.50, then a staff discount of exactly one cookie.
    p = interpret(captured("   4 Cookie       @  0.50         2.00   Z",
                           "     Staff discount              -0.50", "Subtotal:   1.50",
                           "Total:   1.50"))
    assert lines(p) == [("Cookie", 4, 200), ("Staff discount", 1, -50)] and p.flags == []


def test_lines_that_add_up_to_more_than_the_total_keep_the_printed_total_and_are_flagged():
    # A discount the template never prints: the total printed is what was
    # charged; the receipt says it does not add up.
    p = interpret(captured(" 2 x Chicken wrap      £5.40", "   Portion - £2.70",
                           "Total:     £4.86"))
    assert lines(p) == [("Chicken wrap", 2, 540)] and p.total_pence == 486
    assert "lines_total_mismatch" in p.flags


# --- labelled cells side by side, numbers and dates sharing a line ----------------------


@pytest.mark.parametrize("line,tender", [
    ("Paid By: Cash            Amount: £4.23", "cash"),
    ("Paid By: Credit Card   Amount: 4.23£", "card"),
    ("Paid By: Cheque    Amount: £4.23", "cheque"),
])
def test_labelled_cells_side_by_side_are_read_each_on_its_own(line, tender):
    p = interpret(captured("Bagel    £4.23", "Grand Total   £4.23", line))
    assert p.tender == tender and lines(p) == [("Bagel", 1, 423)]


def test_a_date_and_a_time_in_cells_side_by_side_are_both_read():
    p = interpret(captured("Date: 28/11/2026   Time: 12:01", "Bagel  1.25", "Total  1.25"))
    assert p.occurred == "2026-11-28T12:01:00+00:00"


@settings(max_examples=200, deadline=None)
@given(st.datetimes(datetime(2020, 1, 1), datetime(2035, 12, 31)), st.integers(1, 99_999),
       st.sampled_from(["{d} Order 00{n}-009-1711", "{d}                  N°: {n}-083",
                        "{d}   No. {n}"]))
def test_a_date_sharing_its_line_with_a_number_gives_both(when, n, shape):
    printed = shape.format(d=when.strftime("%d/%m/%Y %H:%M:%S"), n=n)
    p = interpret(captured(printed, "Bagel  1.25", "Total  1.25"))
    assert p.occurred is not None and p.occurred.startswith(when.strftime("%Y-%m-%dT%H:%M:%S"))
    assert p.receipt_no is not None and str(n) in p.receipt_no


def test_another_numbers_label_before_no_is_not_the_receipt_number():
    p = interpret(captured("Co. No: 08123456  VAT: GB123456789", "Bagel  1.25", "Total  1.25"))
    assert p.receipt_no is None


# --- discounts already in the lines' values ---------------------------------------------


def test_a_discount_between_a_subtotal_and_an_equal_total_took_nothing_off():
    # Odoo 8 prints the line discounts' sum under the subtotal: the values hold it.
    p = interpret(captured("Chicken wrap          2      £ 2.80", "With a 50% discount",
                           "Yoghurt               3      £ 1.80", "Subtotal:      £ 4.60",
                           "Discount:      £ 2.80", "Total:         £ 4.60"))
    assert lines(p) == [("Chicken wrap", 2, 280), ("Yoghurt", 3, 180)] and p.flags == []


def test_a_discount_of_nothing_is_no_line():
    p = interpret(captured("Bagel   1.25", "Discount:   £0.00", "Total:   £1.25"))
    assert lines(p) == [("Bagel", 1, 125)] and p.flags == []


def test_a_discount_between_a_subtotal_and_a_smaller_total_is_still_an_amount_off():
    p = interpret(captured("Bagel   2.50", "Subtotal  2.50", "Discount (10%)  £0.25",
                           "Grand Total  2.25"))
    assert lines(p) == [("Bagel", 1, 250), ("Discount (10%)", 1, -25)] and p.flags == []


# --- tenders and balances in other words ------------------------------------------------


@pytest.mark.parametrize("printed,want", [("Cash (GBP)", "cash"), ("Card (GBP)", "card"),
                                          ("Pupil Account", "account"), ("Card (EUR)", "card")])
def test_a_tender_with_its_currency_in_brackets_is_that_tender(printed, want):
    p = interpret(captured("Bagel   £ 1.25", "Total:   £ 1.25", f"{printed}   £ 1.25",
                           "Change:   £ 0.00"))
    assert p.tender == want and p.flags == []


@pytest.mark.parametrize("balance", ["Purse Before", "Purse After", "FM Left",
                                     "Credit remaining", "Wallet"])
def test_a_balance_in_other_words_is_never_an_item(balance):
    p = interpret(captured("Bagel   1.25", "Sale Total   £1.25", "Cashless   1.25",
                           f"{balance}   £7.50"))
    assert lines(p) == [("Bagel", 1, 125)] and p.tender == "account" and p.flags == []


def test_a_refund_total_is_the_total_and_refund_to_names_the_tender():
    p = interpret(captured("Refund Receipt", "Bagel   1.25", "Refund Total   £1.25",
                           "Refund To Cashless   1.25", "Purse After   £9.00"))
    assert (p.kind, p.total_pence, p.tender) == ("refund", -125, "account")
    assert lines(p) == [("Bagel", 1, 125)] and p.flags == []


# --- more of each family: numbers, totals, tenders, unit prices ------------------------


@pytest.mark.parametrize("printed,number", [("Ticket: #81208", "81208"), ("Order: #A123", "A123"),
                                            ("Receipt #: 4521", "4521")])
def test_a_hash_before_the_number_is_no_part_of_it(printed, number):
    assert interpret(captured(printed, "Bagel  1.25", "Total  1.25")).receipt_no == number


@pytest.mark.parametrize("printed,number", [("Inv. No. A-123", "A-123"), ("Tkt 0045", "0045")])
def test_a_number_under_an_abbreviated_label_is_the_number(printed, number):
    assert interpret(captured(printed, "Bagel  1.25", "Total  1.25")).receipt_no == number


@pytest.mark.parametrize("label", ["Total (GBP)", "Total (£)", "Grand Total (GBP)"])
def test_a_total_label_with_its_currency_in_brackets_is_a_total(label):
    p = interpret(captured("Bagel  1.25", f"{label}   1.25"))
    assert p.total_pence == 125 and lines(p) == [("Bagel", 1, 125)] and p.flags == []


@pytest.mark.parametrize("printed,want", [("School Account", "account"),
                                          ("Meal Account", "account"), ("UIFSM", "fsm"),
                                          ("Paid (Card)", "card")])
def test_tenders_in_their_families_map_to_the_contract(printed, want):
    p = interpret(captured("Bagel  1.25", "Total  1.25", f"{printed}   1.25"))
    assert p.tender == want and p.flags == []


def test_your_account_is_a_balance_not_a_tender():
    p = interpret(captured("Bagel  1.25", "Total  1.25", "Cash  1.25", "Your Account  £7.50"))
    assert p.tender == "cash" and p.flags == []


@settings(max_examples=100, deadline=None)
@given(NAMES, st.integers(2, 9), UNIT)
def test_an_at_sign_marks_the_unit_price_and_is_never_a_currency(name, qty, unit):
    p = interpret(captured(f"{name}   {qty} @ {unit / 100:.2f}   {qty * unit / 100:.2f}",
                           f"Total   {qty * unit / 100:.2f}"))
    assert lines(p) == [(name, qty, qty * unit)] and p.flags == []


def test_an_amount_off_in_accounting_brackets_leaves_no_brackets_in_the_name():
    p = interpret(captured("Bagel  1.25", "Discount  (0.25)", "Total  1.00"))
    assert lines(p) == [("Bagel", 1, 125), ("Discount", 1, -25)] and p.flags == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, UNIT), min_size=1, max_size=4),
       st.sampled_from(["Cash", "Card", "Cashless"]))
def test_a_dash_between_a_label_and_its_amount_is_a_separator_never_a_refund(items, tender):
    total = sum(u for _, u in items)
    p = interpret(captured(*(f"{n} - {money(u)}" for n, u in items), f"Total - {money(total)}",
                           f"{tender} - {money(total)}"))
    assert (p.kind, p.total_pence) == ("sale", total)
    assert lines(p) == [(n, 1, u) for n, u in items] and p.flags == []


@pytest.mark.parametrize("printed", ["-£1.25", "£-1.25", "1.25-", "-1.25", "£ -1.25"])
def test_a_minus_printed_with_the_amount_is_still_a_minus(printed):
    assert parse_money(printed) == -125
    p = interpret(captured("Bagel        " + printed, "Total        " + printed))
    assert p.kind == "refund" and p.total_pence == -125


@pytest.mark.parametrize("item", ["Bagel £1.25 x 2 = £2.50", "Bagel  2 x 1.25 = 2.50",
                                  "Bagel 2 ea 1.25   2.50", "Bagel  2 each  1.25   2.50"])
def test_an_items_arithmetic_printed_beside_it_leaves_the_name_alone(item):
    p = interpret(captured(item, "Total   2.50"))
    assert lines(p) == [("Bagel", 2, 250)] and p.flags == []
