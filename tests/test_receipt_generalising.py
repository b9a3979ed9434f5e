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
                                   "Total (inc. tax)", "Total incl. VAT", "Net total",
                                   "Order total", "Total amount due", "Amount charged"])
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
    # Nothing printed explains the 50p between them, so it is flagged.
    p = interpret(captured("Pasta bake   2.30", "Cookie   0.50", "Total    2.80",
                           "Amount due   2.30"))
    assert p.total_pence == 280 and p.flags == ["total_unsure"]


def test_an_amount_refunded_on_a_credit_note_is_a_negative_total():
    p = interpret(captured("*** CREDIT NOTE ***", "1 Main meal         2.40",
                           "AMOUNT REFUNDED     2.40", "Credited to: Student account"))
    assert p.kind == "refund" and p.total_pence == -240 and lines(p) == [("Main meal", 1, 240)]


def test_a_percentage_is_not_an_amount():
    p = interpret(captured("Pasta bake   2.30", "Discount: 25.00%", "Total   2.30"))
    assert lines(p) == [("Pasta bake", 1, 230)] and p.flags == []


def test_a_percentage_discount_beside_an_item_is_its_value_after_the_discount_or_an_amount_off():
    # OSPOS prints each item's value after a customer discount under it,
    # then the discount as an amount off: the rows are not lines.
    p = interpret(captured("Pasta pot          £1.60     3             £4.80",
                           "25 % Discount                              £3.60",
                           "Chips              £0.70     1             £0.70",
                           "25 % Discount                              £0.52",
                           "Subtotal     £5.50", "Discount:    -£1.38", "Total     £4.12"))
    assert lines(p) == [("Pasta pot", 3, 480), ("Chips", 1, 70), ("Discount", 1, -138)]
    assert p.flags == []
    # Elsewhere the same words are the amount off itself.
    p = interpret(captured("Pasta pot     £4.80", "10% discount   £0.48", "Total   £4.32"))
    assert lines(p) == [("Pasta pot", 1, 480), ("10% discount", 1, -48)] and p.flags == []


# --- receipt numbers -----------------------------------------------------------------


@pytest.mark.parametrize("line,want", [
    ("Sale ID: POS 1234", "1234"),  # the till's prefix is not the number
    ("Ref: 3-000471", "3-000471"),
    ("Return:  00062096", "00062096"),
    ("                             TC2-2603-5352", "TC2-2603-5352"),  # alone: a clear reference
    ("ACC-SINV-2026-00012", "ACC-SINV-2026-00012"),
    ("Doc No: 4471", "4471"),
])
def test_receipt_numbers_under_more_labels_and_a_clear_reference_alone(line, want):
    p = interpret(captured("Broadfield Academy", line, "Pasta bake   2.30", "Total   2.30"))
    assert p.receipt_no == want


@pytest.mark.parametrize("line", ["12-07-2026", "01632 960123", "BF1 2AB", "A-1", "Hill Road",
                                  "VAT-20", "Tel 01632-960123"])
def test_a_line_alone_that_is_not_clearly_a_reference_is_not_a_number(line):
    p = interpret(captured("Broadfield Academy", line, "Pasta bake   2.30", "Total   2.30"))
    assert p.receipt_no is None


def test_a_reference_alone_after_the_items_is_not_taken_for_the_receipts_number():
    p = interpret(captured("Pasta bake   2.30", "Total   2.30", "LOYALTY-CARD-12345"))
    assert p.receipt_no is None


def test_a_return_number_marks_a_refund():
    p = interpret(captured("Return:  00062096", "Pasta bake   2.30", "Total   2.30"))
    assert p.kind == "refund" and p.total_pence == -230


# --- tenders ---------------------------------------------------------------------


@pytest.mark.parametrize("printed,want", [
    ("Paid from: Student account", "account"), ("Paid from: Free meal allowance", "fsm"),
    ("Credited to: Cash", "cash"), ("Debit Mastercard:    2.30", "card"),
    ("VISA Electron  2.30", "card"), ("Due    -£2.30", "account"),
    ("Apple Pay   £2.30", "card"), ("Paid by: Google Pay", "card"),
])
def test_more_printed_tenders_map_to_the_contracts_words(printed, want):
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", printed))
    assert p.tender == want and p.flags == []


def test_a_check_is_a_tender_the_contract_has_no_word_for():
    # a restaurant's check is its bill: the site says what a "Check" paid
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", "Check   £2.30"))
    assert p.tender == "Check" and p.flags == ["unmapped_tender"]
    assert lines(p) == [("Pasta bake", 1, 230)]


@pytest.mark.parametrize("printed", ["Cheque   £2.30", "Paid by cheque   £2.30",
                                     "CHÈQUE   £2.30", "Payment: Bank cheque"])
def test_a_cheque_by_its_name_is_sent_as_cheque_unflagged(printed):
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", printed))
    assert p.tender == "cheque" and p.flags == []
    assert lines(p) == [("Pasta bake", 1, 230)]


def test_a_bare_charge_is_flagged_not_guessed_as_the_pupils_account():
    # "CHARGE" is a card on a Casio or Sharp ECR and an account at some school
    # tills: charging a parent for a card payment is the worse mistake, so the
    # word is the site's to map ([receipt.tenders]); "Charge to account" is clear.
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", "CHARGE   £2.30"))
    assert p.tender == "CHARGE" and p.flags == ["unmapped_tender"]
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", "Charge to account   £2.30"))
    assert p.tender == "account" and p.flags == []


def test_a_tender_the_contract_has_no_word_for_is_a_tender_with_payment_after_it_too():
    # "Gift card payment" beside a card: a split, not a card sale.
    p = interpret(captured("Flapjack  £5.89", "Balance due  £5.89", "Gift card payment  £5.00",
                           "AMEX ****5248   £0.89", "Total payments  £5.89"))
    assert "split_tender" in p.flags


def test_a_split_payment_is_flagged_with_the_tender_that_paid_the_most():
    p = interpret(captured("Main meal  £8.10", "Total    £8.10", "Cash   -£2.00",
                           "Debit Card   -£6.10", "Change Due    £0.00"))
    assert p.tender == "card" and p.flags == ["split_tender"]
    p = interpret(captured("Main meal  £8.10", "Total    £8.10", "Cash   £5.00",
                           "Debit Card   £3.10"))
    assert p.tender == "cash" and p.flags == ["split_tender"]


def test_change_alone_is_cash_handed_back():
    p = interpret(captured("RETURN", "Pasta bake   -2.30", "Total:   -2.30", "Change:   -2.30"))
    assert p.kind == "refund" and p.tender == "cash"


# --- a 12-hour clock -----------------------------------------------------------------


@pytest.mark.parametrize("printed,want", [
    ("2026-09-21 02:01:59 PM", "2026-09-21T14:01:59+01:00"),
    ("2026-09-21 12:05:00 AM", "2026-09-21T00:05:00+01:00"),
    ("2026-09-21 12:05:00 PM", "2026-09-21T12:05:00+01:00"),
    ("21/11/2026 9:15 am", "2026-11-21T09:15:00+00:00"),
    ("21/11/2026 14:15", "2026-11-21T14:15:00+00:00"),
    ("Sep 21, 2026 2:01 PM", "2026-09-21T14:01:00+01:00"),  # the month first
    ("March 1 2026 09:05", "2026-03-01T09:05:00+00:00"),
    ("2026/03/25 12:01 pm", "2026-03-25T12:01:00+00:00"),  # year first, slashes
])
def test_a_12_hour_clock_reads_as_the_24_hour_time(printed, want):
    p = interpret(captured(printed, "Pasta bake   2.30", "Total   2.30"))
    assert p.occurred == want


def test_an_impossible_12_hour_time_is_no_time():
    p = interpret(captured("21/11/2026 13:15 PM", "Pasta bake   2.30", "Total   2.30"))
    assert p.occurred == "2026-11-21"


# --- an article number, its name under it; a discount's rate, its amount under it ------


def test_an_article_number_takes_the_name_printed_alone_under_it():
    # SAP Customer Checkout: article number, quantity x unit, value, tax code;
    # the description on the next line.
    p = interpret(captured("100101    2 x 2.65               5.30    A",
                           "          Roast chicken dinner",
                           "100108    1 x 0.30               0.30    B",
                           "          Apple", "          Total:                 5.60"))
    assert lines(p) == [("Roast chicken dinner", 2, 530), ("Apple", 1, 30)]
    assert p.flags == [] and p.kind == "sale"


def test_a_discount_rate_takes_the_amount_off_from_the_line_under_it():
    p = interpret(captured("100101    2 x 6.20              12.40    A", "          Pasta bake",
                           "          Subtotal:             12.40", "          Discount: 25.00%",
                           "          of 12.40 GBP =        -3.10",
                           "          Total:                 9.30"))
    assert lines(p) == [("Pasta bake", 2, 1240), ("Discount", 1, -310)] and p.flags == []


def test_a_customer_number_is_the_account_and_a_customer_name_is_not():
    p = interpret(captured("Customer: 056780", "Pasta bake  2.30", "Total  2.30"))
    assert p.account == "056780"
    for name in ("Customer: Walk-in Customer", "Customer: Mia Roberts"):
        assert interpret(captured(name, "Pasta bake  2.30", "Total  2.30")).account is None


@pytest.mark.parametrize("banner", ["RETURN", "*** RETURNED ***", "Return receipt"])
def test_a_return_banner_is_a_refund_and_a_returns_policy_is_not(banner):
    p = interpret(captured(banner, "Pasta bake   2.30", "Total   2.30"))
    assert p.kind == "refund" and p.total_pence == -230
    p = interpret(captured("Pasta bake   2.30", "Total   2.30", "Returns within 7 days"))
    assert p.kind == "sale"


def test_a_number_after_the_value_is_a_code_not_a_quantity():
    # a tax column (QRK's "M%" rate, a tax code): neither the count nor the name's
    p = interpret(captured("Pasta bake      2.30    20", "Total   2.30"))
    assert lines(p) == [("Pasta bake", 1, 230)] and p.flags == []


def test_a_discounts_summary_after_the_total_is_not_a_second_discount():
    p = interpret(captured("Pasta bake   2.30", "Staff discount   -0.23", "Total   2.07",
                           "Total discount   0.23"))
    assert lines(p) == [("Pasta bake", 1, 230), ("Staff discount", 1, -23)] and p.flags == []


def test_a_labelled_number_wins_over_a_reference_alone():
    p = interpret(captured("GB-123456789", "Receipt No: 5521", "Pasta bake   2.30",
                           "Total   2.30"))
    assert p.receipt_no == "5521"


def test_a_quantity_in_brackets():
    p = interpret(captured("Latte (x2)        £6.00", "Total   £6.00"))
    assert lines(p) == [("Latte", 2, 600)] and p.flags == []


def test_a_tender_that_paid_nothing_is_not_the_tender():
    """Floreant prints "Due 0.00" under every sale: nothing was put on
    account, so the receipt's tender is what did pay (or unknown), never
    the account."""
    p = interpret(captured("Fruit pot                 1.00", "Total                     1.00",
                           "Card                      1.00", "Due                       0.00"))
    assert p.tender == "card"
    p = interpret(captured("Fruit pot                 1.00", "Total                     1.00",
                           "Due                       0.00"))
    assert p.tender is None
