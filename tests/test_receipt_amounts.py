"""The money a receipt says: its total, its item lines and whether it is a
sale or a refund, on the shapes real tills print (labels in several
languages and abbreviations, totals on their own line, quantities above
their item, tax codes beside it), and a flag whenever the receipt's own
arithmetic cannot check what was read."""

from __future__ import annotations

import pytest

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines

ITEMS = ("Flat white                 £2.25", "Cookie                     £0.45")


# --- totals, whatever the till calls them ----------------------------------------------


@pytest.mark.parametrize("label", [
    "PURCHASE TOTAL", "BILL TOTAL:", "A total of", "Summe:", "Gesamt", "Gesamtbetrag",
    "TOTAL A PAGAR", "Total a pagar", "TL", "Totale", "Zu zahlen", "Total TTC",
    # families, not lists: a total's word with words around it, abbreviations, decorations
    "TTL", "AMT DUE", "BAL DUE", "Net Amount Due", "Meal total", "Tab total", "Sale Amount",
    "Total £", "** TOTAL **", "GRAND TOTAL GBP", "Total after discount", "Total Payable",
    "Payable", "Total inc VAT", "Montant TTC", "SUM",
])
def test_a_total_is_read_under_the_labels_real_tills_print(label):
    p = interpret(captured(*ITEMS, f"{label}            £2.70"))
    assert p.total_pence == 270 and lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)]
    assert p.flags == [] and p.kind == "sale"


@pytest.mark.parametrize("label", [
    "Subtotal Base", "Zwischensumme", "Sous-total", "Items total", "Total VAT", "VAT total",
    "Total excl. VAT", "Total before tax", "Total Net", "enthaltene MwSt", "IVA 20%",
    "Impuesto", "TX1", "TA1", "TAX-AMT 1", "Taxable amount", "Cash Bal B/F", "Spent today",
])
def test_subtotals_taxes_and_taxed_amounts_are_never_items(label):
    p = interpret(captured(*ITEMS, f"{label}            £0.45", "Total           £2.70"))
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)] and p.flags == []


@pytest.mark.parametrize("label", ["REFUNDED", "AMOUNT CREDITED", "Refund total"])
def test_a_total_that_says_money_went_back_makes_a_refund(label):
    p = interpret(captured(*ITEMS, f"{label}         £2.70"))
    assert p.kind == "refund" and p.total_pence == -270
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)] and p.flags == []


@pytest.mark.parametrize("banner", ["*** REFUND VOUCHER ***", "STORNO", "-- Devolución --",
                                    "Refund Transaction", "MERCHANDISE RETURN",
                                    "Returned items"])
def test_refund_banners_in_other_words_make_a_refund(banner):
    p = interpret(captured(banner, *ITEMS, "Total   £2.70"))
    assert p.kind == "refund" and p.total_pence == -270 and p.flags == []


@pytest.mark.parametrize("change", ["CG", "Cambio:", "Change Amount", "Rückgeld"])
def test_the_change_is_never_an_item(change):
    p = interpret(captured(*ITEMS, "Total     £2.70", "Cash   £5.00", f"{change}   £2.30"))
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)] and p.flags == []


# --- totals where the layout puts them ----------------------------------------------


@pytest.mark.parametrize("label", ["TL", "TOTAL A PAGAR", "Total:"])
def test_a_total_label_alone_takes_the_amount_alone_on_the_next_line(label):
    p = interpret(captured(*ITEMS, label, "              £2.70", "CASH      £5.00"))
    assert p.total_pence == 270 and p.flags == [] and len(p.lines) == 2


def test_a_total_in_the_last_cell_beside_a_tax_summary_or_a_count_is_the_total():
    p = interpret(captured(*ITEMS, "A: £2.25 net, £0.45 VAT @ 20.0%       Total £2.70"))
    assert p.total_pence == 270 and p.flags == [] and len(p.lines) == 2
    p = interpret(captured(*ITEMS, "2 articles.  A total of £2.70"))
    assert p.total_pence == 270 and p.flags == [] and len(p.lines) == 2


def test_totals_per_tax_rate_add_up_to_the_receipts_total():
    p = interpret(captured(*ITEMS, "Subtotal £2.70",
                           "A: £2.25 net, £0.00 VAT @ 0.0%       Total £2.25",
                           "S: £0.38 net, £0.07 VAT @ 20.0%      Total £0.45"))
    assert p.total_pence == 270 and p.flags == []


def test_items_adding_up_to_the_subtotal_do_not_vouch_for_a_different_total():
    p = interpret(captured(*ITEMS, "Subtotal £2.70", "Total £2.25"))
    assert "unparsed_receipt" in p.flags


def test_what_paid_after_the_subtotal_is_not_an_item_when_the_arithmetic_says_so():
    p = interpret(captured(*ITEMS, "Subtotal £2.70", "Card 577788 £2.70", "Total £2.70"))
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)] and p.flags == []


# --- item lines ------------------------------------------------------------------------


def test_a_quantity_and_unit_price_alone_belong_to_the_next_line_when_they_make_its_value():
    p = interpret(captured("C03 KATE          046718", "  2 X @0.70", "YOGHURT            £1.40",
                           "FLAPJACK T1        £0.75", "TL", "                   £2.15"))
    # (the clerk's line's 046718 is a number nothing labels: flagged as such)
    assert lines(p) == [("YOGHURT", 2, 140), ("FLAPJACK", 1, 75)]
    assert p.flags == ["unlabelled_number"]


@pytest.mark.xfail(strict=True, reason="open (rules21): a name's last token shaped like a tax "
                   "status is taken off as one; Casio/Sharp tapes print 'T1' on taxed rows only, "
                   "so the rows' consistency cannot settle it; a profile could")
@pytest.mark.parametrize("item,want", [("Pepsi Max T1        1.00", ("Pepsi Max T1", 1, 100)),
                                       ("Print warna A4      1.00", ("Print warna A4", 1, 100))])
def test_a_names_own_code_shaped_last_word_is_kept_where_no_tax_column_is_printed(item, want):
    # the silent risk: nothing flags the name read without its last word
    p = interpret(captured(item, "Tea                 2.00", "Total   3.00"))
    assert lines(p)[0] == want or p.flags


@pytest.mark.parametrize("item,want", [
    ("1 Pc    Veggie curry       2.80     2.80", ("Veggie curry", 1, 280)),
    ("3 pcs   Cookie             0.50     1.50", ("Cookie", 3, 150)),
    ("TUNA MAYO 3  2.45   7.35", ("TUNA MAYO", 3, 735)),
    ("Soup of the day          2 @ £1.45 = £2.90", ("Soup of the day", 2, 290)),
    ("2 Pc    Soup of the da     1.50        3", ("Soup of the da", 2, 300)),
    ("CHEESY BEANS T1          £5.70", ("CHEESY BEANS", 1, 570)),
])
def test_quantities_units_codes_and_whole_pounds_are_not_part_of_the_name(item, want):
    p = interpret(captured(item, f"Total   {want[2] / 100:.2f}"))
    assert lines(p) == [want] and p.flags == []


def test_a_subtotal_with_nothing_after_it_is_the_total_when_the_items_add_up_to_it():
    p = interpret(captured(*ITEMS, "Subtotal £2.70", "This is not a VAT receipt"))
    assert p.total_pence == 270 and p.flags == []
    p = interpret(captured(*ITEMS, "Subtotal £2.90", "This is not a VAT receipt"))
    assert "unparsed_receipt" in p.flags


def test_a_tax_class_in_a_column_of_its_own_is_not_part_of_the_name():
    p = interpret(captured("Flapjack                 A     4     £3.20",
                           "Fruit pot                B     3     £2.85", "Sub-total   £6.05",
                           "Balance due   £6.05"))
    assert lines(p) == [("Flapjack", 4, 320), ("Fruit pot", 3, 285)] and p.flags == []


def test_a_line_discount_already_in_the_items_value_is_no_line_of_its_own():
    p = interpret(captured("1 Pc    Soup of the da     1.45     1.25",
                           "        * Discount *  -0.20",
                           "1 Pc    Flat white         2.30     2.30",
                           "2 articles.  A total of £3.55"))
    assert lines(p) == [("Soup of the da", 1, 125), ("Flat white", 1, 230)] and p.flags == []
    # the same discount, taken off by the total: a line
    p = interpret(captured("Soup of the day     1.45", "   Discount      -0.20",
                           "Total   £1.25"))
    assert lines(p) == [("Soup of the day", 1, 145), ("Discount", 1, -20)] and p.flags == []


def test_a_name_the_column_cut_is_read_whole_from_the_line_under_it():
    p = interpret(captured("Chocolate br    1           1.20", "  Chocolate brownie",
                           "Flapjack        1           0.80", "Total   2.00"))
    assert lines(p) == [("Chocolate brownie", 1, 120), ("Flapjack", 1, 80)] and p.flags == []


def test_a_tip_is_money_charged_and_a_balance_of_any_kind_is_not():
    p = interpret(captured("Store credit balance: £29.43", *ITEMS, "Tip     £0.50",
                           "Total   £3.20"))
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45), ("Tip", 1, 50)]
    assert p.flags == []


def test_a_total_ending_a_tax_analysis_line_one_space_from_it_is_a_rates_total():
    p = interpret(captured("Jacket potato                  £-2.10 A",
                           "Chocolate brownie              £-1.20 Z",
                           "             Subtotal £-3.30", "          Cash refund £-3.30",
                           "A: £-1.75 net, £-0.35 VAT @ 20.0% Total £-2.10",
                           "Z: £-1.20 net, £0.00 VAT @ 0.0%   Total £-1.20"))
    assert p.kind == "refund" and p.total_pence == -330 and p.flags == []
    assert lines(p) == [("Jacket potato", 1, 210), ("Chocolate brownie", 1, 120)]


@pytest.mark.parametrize("item,want", [
    ("3 Pc    Fruit pot             1        3", ("Fruit pot", 3, 300)),
    ("1 Pc    Orange juice          1     0.75", ("Orange juice", 1, 75)),
])
def test_prices_in_whole_pounds_without_pence_are_read_as_pounds(item, want):
    p = interpret(captured(item, f"1 article.  A total of £{want[2] / 100:.2f}"))
    assert lines(p) == [want] and p.flags == []


# --- what the arithmetic cannot settle is flagged --------------------------------------


def test_a_discount_as_large_as_the_tax_leaves_the_lines_ambiguous_and_says_so():
    # Either the discount is already in the values (the total is the
    # subtotal), or it came off and the tax went on: the total is sure.
    p = interpret(captured("PASTA POT 2  2.40   4.80", "SUBTOTAL: 4.80", "DISCOUNT: 0.80",
                           "VAT @ 20%: 0.80", "BILL TOTAL: 4.80"))
    assert p.total_pence == 480 and "lines_ambiguous" in p.flags
    p = interpret(captured("PASTA POT 2  2.40   4.80", "SUBTOTAL: 4.80", "DISCOUNT: 0.80",
                           "VAT @ 20%: 0.64", "BILL TOTAL: 4.80"))
    assert p.flags == [] and lines(p) == [("PASTA POT", 2, 480)]


def test_a_negative_total_made_only_by_a_discount_larger_than_the_items_is_flagged():
    p = interpret(captured("BOTTLED W 1  0.85   0.85", "SUBTOTAL: 0.85", "DISCOUNT: 1.00",
                           "VAT @ 20%: -0.03", "BILL TOTAL: -0.18"))
    assert p.total_pence == -18 and "kind_unsure" in p.flags
    # a refund printed as one (negative values) is sure
    p = interpret(captured("Cookie        £-0.60", "Veggie curry  £-2.85", "Total  £-3.45"))
    assert p.kind == "refund" and p.flags == [] and lines(p) == [("Cookie", 1, 60),
                                                                  ("Veggie curry", 1, 285)]


def test_a_final_total_that_differs_by_what_no_line_explains_is_flagged():
    p = interpret(captured(*ITEMS, "TOTAL    £2.70", "Service charge 10%  £0.27",
                           "TOTAL DUE £2.97"))
    assert "total_unsure" in p.flags
    # a part paid before the amount still due explains the difference
    p = interpret(captured(*ITEMS, "Total    £2.70", "FSM  £2.50", "Balance due £0.20"))
    assert p.total_pence == 270 and "total_unsure" not in p.flags


def test_dot_leaders_are_not_part_of_the_name():
    p = interpret(captured("Cookie ............ 1.00", "Tea ............... 1.20",
                           "TOTAL ............. 2.20"))
    assert lines(p) == [("Cookie", 1, 100), ("Tea", 1, 120)] and p.flags == []


@pytest.mark.parametrize("name", ["2 x Chicken curry & rice w/ naan",
                                  "Chicken curry & rice w/ naan x2"])
def test_a_value_wrapped_onto_its_own_line_keeps_the_quantity_in_the_name(name):
    p = interpret(captured(name, "                          7.00", "Cookie   0.50",
                           "Total   7.50"))
    assert lines(p) == [("Chicken curry & rice w/ naan", 2, 700), ("Cookie", 1, 50)]
    assert p.flags == []


@pytest.mark.parametrize("paid", ["Refunded to: Cash", "Refund to card   £2.70",
                                  "Cash refund   £2.70", "Credited to: Student account"])
def test_money_paid_back_through_a_tender_makes_a_refund(paid):
    p = interpret(captured(*ITEMS, "Total   £2.70", paid))
    assert p.kind == "refund" and p.total_pence == -270
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)]


def test_a_footer_about_refunds_makes_no_refund():
    p = interpret(captured(*ITEMS, "Total   £2.70", "Cash   £5.00", "No cash refund",
                           "Refund policy: see our website"))
    assert p.kind == "sale" and p.total_pence == 270


@pytest.mark.parametrize("item", ["Cookie  2pcs   1.00", "Cookie  qty 2     1.00",
                                  "Cookie   Qty: 2   £1.00", "Cookie    £0.50 each x 2   £1.00",
                                  "Cookie 2 @ £0.50 ea   £1.00", "Cookie x2:£1.00"])
def test_a_quantity_said_to_be_one_is_the_quantity_not_part_of_the_name(item):
    p = interpret(captured(item, "Tea     1.20", "Total  2.20"))
    assert lines(p) == [("Cookie", 2, 100), ("Tea", 1, 120)] and p.flags == []


def test_a_quantity_and_unit_price_under_an_item_are_its_own_unless_they_make_the_next():
    p = interpret(captured("COOKIE           1.00", "  2 @ 0.50", "TEA              1.20",
                           "TOTAL  2.20"))
    assert lines(p) == [("COOKIE", 2, 100), ("TEA", 1, 120)] and p.flags == []
    # a cash register prints them above the line they make, which may equal the one above
    p = interpret(captured("CHICKEN CURR T1   £3.30", "  3 X @1.10", "ORANGE JUICE T1   £3.30",
                           "TOTAL   £6.60"))
    assert lines(p) == [("CHICKEN CURR", 1, 330), ("ORANGE JUICE", 3, 330)] and p.flags == []


def test_a_pack_size_in_a_names_words_is_not_its_quantity():
    # A pharmacy's "CUBREBOCAS 10 PZ   35.00": masks sold in tens, one pack;
    # in a column of its own ("Cookie  2pcs   1.00") it is the quantity.
    p = interpret(captured("CUBREBOCAS 10 PZ          35.00", "AGUA 1 L   14.00",
                           "Total   49.00"))
    assert lines(p) == [("CUBREBOCAS 10 PZ", 1, 3500), ("AGUA 1 L", 1, 1400)]


@pytest.mark.parametrize("qty,pence", [(2, 55), (3, 60), (12, 9)])
def test_a_unit_price_in_pence_in_brackets_gives_the_quantity(qty, pence):
    value = qty * pence
    p = interpret(captured(f"Water 500ml ({qty} @ {pence}p)      £{value / 100:.2f}",
                           "Pizza slice     £1.50", f"TOTAL SPENT   £{(value + 150) / 100:.2f}"))
    assert lines(p) == [("Water 500ml", qty, value), ("Pizza slice", 1, 150)]


@pytest.mark.parametrize("cur", ["R", "M", "R$"])
def test_a_currency_letter_glued_to_the_figures_is_the_currency(cur):
    # A gym bar's "R52.00" (rand), a Lesotho shop's "M40.00" (loti), a
    # Brazilian "R$8,25": the letter is no part of the name or the label.
    p = interpret(captured(f"Green smoothie  5x @ {cur}52.00   {cur}260.00",
                           f"Chicken wrap  1x @ {cur}65.00   {cur}65.00",
                           f"TOTAL:   {cur}325.00"))
    assert p.total_pence == 32500
    assert lines(p) == [("Green smoothie", 5, 26000), ("Chicken wrap", 1, 6500)]
