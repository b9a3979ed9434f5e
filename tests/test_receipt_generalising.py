"""General rules the holdout layouts (tests/receipts_holdout) called for,
each shown on the shapes real tills print, not on one layout: a bare
quantity column, refunds without a banner, total labels, receipt numbers,
tenders and 12-hour clocks."""

from __future__ import annotations

import pytest

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines

# --- a bare quantity column ----------------------------------------------------------


@pytest.mark.parametrize("item,want", [
    # description, unit price, a bare quantity, the value (OSPOS's columns)
    ("Pasta pot        £1.75   2           £3.50", ("Pasta pot", 2, 350)),
    # the quantity before the unit price (Dolibarr), a net column between
    ("Macaroni chee    3    2.10    5.25    6.30", ("Macaroni chee", 3, 630)),
    # the quantity and the value only (ERPNext)
    ("Roast chicken dinner          2      £5.30", ("Roast chicken dinner", 2, 530)),
    # the quantity first, a space from the name (a school till)
    ("2 Main meal              4.80", ("Main meal", 2, 480)),
])
def test_a_bare_quantity_in_its_own_column_is_the_quantity_not_part_of_the_name(item, want):
    p = interpret(captured(item, f"Total   {want[2] / 100:.2f}"))
    assert lines(p) == [want] and p.flags == [] and p.kind == "sale"


def test_a_unit_that_does_not_multiply_out_still_reads_the_column_as_the_quantity():
    # Dolibarr prints unit = value / quantity, rounded: 3 x 1.49 is not 4.46.
    p = interpret(captured("Pasta pot              3     1.49     4.46", "Total   4.46"))
    assert lines(p) == [("Pasta pot", 3, 446)] and p.flags == []


def test_the_arithmetic_chooses_whether_a_lone_amount_beside_a_quantity_is_the_value():
    p = interpret(captured("Cookie      2     0.50", "Pasta bake   1    2.30", "Total  3.30"))
    assert lines(p) == [("Cookie", 2, 100), ("Pasta bake", 1, 230)] and p.flags == []
    p = interpret(captured("Cookie      2     0.50", "Pasta bake   1    2.30", "Total  2.80"))
    assert lines(p) == [("Cookie", 2, 50), ("Pasta bake", 1, 230)] and p.flags == []


def test_a_number_inside_a_name_is_not_a_quantity_column():
    p = interpret(captured("Milk 45 ml  GBP 0.45", "Cola 330 ml  £0.80", "Total  1.25"))
    assert lines(p) == [("Milk 45 ml", 1, 45), ("Cola 330 ml", 1, 80)]


# --- refunds without a banner ------------------------------------------------------


def test_a_negative_quantity_column_and_total_make_a_refund_of_positive_lines():
    p = interpret(captured("Banana           £0.30   -4         -£1.20",
                           "Chips            £0.80   -3         -£2.40",
                           "Total   -£3.60", "Debit Card    £3.60"))
    assert p.kind == "refund" and p.total_pence == -360 and p.flags == []
    assert lines(p) == [("Banana", 4, 120), ("Chips", 3, 240)]


def test_a_negative_total_alone_makes_a_refund_and_a_discount_stays_negative():
    # A credit note: quantities positive, amounts negative, a discount off the refund.
    p = interpret(captured("Apple     2    -0.27    -0.54", "Pasta pot   1   -1.60   -1.60",
                           "Staff discount     0.20", "Total    -£1.94"))
    assert p.kind == "refund" and p.total_pence == -194
    assert lines(p) == [("Apple", 2, 54), ("Pasta pot", 1, 160), ("Staff discount", 1, -20)]


# --- total labels --------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Grand Total", "Total to pay", "Amount due", "AMOUNT SPENT",
                                   "Total (inc. tax)", "Total incl. VAT", "Net total"])
def test_the_total_under_the_labels_real_tills_print(label):
    p = interpret(captured("Pasta bake   2.30", "Total (excl. tax)   1.92", "VAT 20%   0.38",
                           f"{label}     £2.30"))
    assert p.total_pence == 230 and p.flags == [] and lines(p) == [("Pasta bake", 1, 230)]


def test_the_grand_total_after_a_discount_is_what_was_charged_not_the_total_before_it():
    # ERPNext: "Total" before the discount, the discount printed positive, "Grand Total".
    p = interpret(captured("Pasta pot        2      £3.50", "Total       £3.50",
                           "Discount    £0.35", "Grand Total  £3.15", "Rounded Total  £3.15"))
    assert p.total_pence == 315 and p.flags == []
    assert lines(p) == [("Pasta pot", 2, 350), ("Discount", 1, -35)]


def test_of_two_totals_the_one_the_items_add_up_to_wins_whatever_its_rank():
    # "Amount due" ranks above "Total"; here only the total adds up: a
    # printed figure that leaves a wrong charge is not taken on its label.
    p = interpret(captured("Pasta bake   2.30", "Cookie   0.50", "Total    2.80",
                           "Amount due   2.30"))
    assert p.total_pence == 280 and p.flags == []


def test_an_amount_refunded_on_a_credit_note_is_a_negative_total():
    p = interpret(captured("*** CREDIT NOTE ***", "1 Main meal         2.40",
                           "AMOUNT REFUNDED     2.40", "Credited to: Student account"))
    assert p.kind == "refund" and p.total_pence == -240 and lines(p) == [("Main meal", 1, 240)]


def test_a_percentage_is_not_an_amount():
    p = interpret(captured("Pasta bake   2.30", "Discount: 25.00%", "Total   2.30"))
    assert lines(p) == [("Pasta bake", 1, 230)] and p.flags == []
