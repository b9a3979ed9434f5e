"""Amounts as tills in other locales print them (``drivers/receipt/number_formats.py``):
thousands grouped by ",", "." or "'", currencies with no minor unit and
those with three decimals; a receipt's amounts share one format, its own
arithmetic chooses between the readings its figures allow, and a format
the paper cannot decide is flagged, never guessed silently. Amounts are
hundredths of the receipt's currency, as every ``*_pence`` field is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.sale.receipt_learn_layout import _date_words
from drivers.receipt import interpret
from drivers.receipt.number_formats import FORMATS, NumberFormat, value
from tests.test_receipt_reading import captured, lines

NAMES = st.sampled_from(["Nasi goreng", "Kopi susu", "Pilau beef", "Chai masala", "Kaffee",
                         "Brezel", "Fotocopy A4 10 lbr", "Tusker 500ml"])
QTY = st.integers(1, 9)
WIDTH = st.sampled_from([32, 42, 48])


def cols(left: str, right: str, width: int) -> str:
    """Two columns on a line of ``width``: ``right`` right-aligned."""
    return left + " " * max(2, width - len(left) - len(right)) + right


def grouped(units: int, sep: str) -> str:
    """Whole units with their thousands grouped by ``sep``: 12500 -> "12.500"."""
    return f"{units:,}".replace(",", sep)


def two_places(cents: int, group: str, decimal: str) -> str:
    """Hundredths printed with grouped thousands: 123450 -> "1.234,50"."""
    return f"{grouped(cents // 100, group)}{decimal}{cents % 100:02d}"


def test_a_rupiah_receipt_reads_its_grouped_whole_amounts():
    # An Indonesian struk (Intl.NumberFormat('id-ID')): "." groups thousands,
    # no decimals; hundredths of a rupiah are what the journal keeps.
    p = interpret(captured("Amplop Coklat", cols("2 x Rp3.500", "Rp7.000", 32),
                           cols("Kertas HVS", "Rp12.500", 32),
                           cols("TOTAL:", "Rp19.500", 32), cols("Metode:", "CASH", 32)))
    assert p.total_pence == 1_950_000
    assert lines(p) == [("Amplop Coklat", 2, 700_000), ("Kertas HVS", 1, 1_250_000)]
    assert p.flags == []  # a grouped figure is whole units: no doubt about pence


def test_a_discount_printed_positive_in_indonesian_is_an_amount_off():
    p = interpret(captured("Pensil 2B Faber", cols("2 x Rp4.000", "Rp8.000", 32),
                           cols("Subtotal:", "Rp8.000", 32), cols("Diskon:", "Rp1.000", 32),
                           cols("TOTAL:", "Rp7.000", 32)))
    assert p.total_pence == 700_000
    assert lines(p) == [("Pensil 2B Faber", 2, 800_000), ("Diskon", 1, -100_000)]


def test_a_rupiah_receipt_with_no_figure_past_a_thousand_reads_whole_rupiah_by_its_currency():
    # "Rp300" (a photocopy): rupiah are printed whole, so no doubt about pence.
    p = interpret(captured("Fotocopy A4", cols("1 x Rp300", "Rp300", 32),
                           cols("TOTAL:", "Rp300", 32)))
    assert p.total_pence == 30_000 and lines(p) == [("Fotocopy A4", 1, 30_000)]
    assert p.flags == []


def test_a_kenyan_bill_reads_whole_shillings_grouped_with_commas_and_columns_of_whole_numbers():
    p = interpret(captured(cols("ITEM", "QTY    PRICE    TOTAL", 42),
                           cols("1. Pilau beef", "2      450      900", 42),
                           cols("2. Fish fillet & chips", "4      750    3,000", 42),
                           cols("Subtotal (2 items):", "Ksh 3,900", 42),
                           cols("Discount:", "- Ksh 450", 42),
                           cols("GRAND TOTAL:", "Ksh 3,450", 42),
                           cols("Amount Paid:", "Ksh 3,500", 42),
                           cols("Change:", "Ksh 50", 42)))
    assert p.total_pence == 345_000
    assert lines(p) == [("Pilau beef", 2, 90_000), ("Fish fillet & chips", 4, 300_000),
                        ("Discount", 1, -45_000)]
    assert "whole_amounts" not in p.flags  # "3,000" is grouped: whole shillings


def test_whole_amounts_with_no_grouping_and_a_currency_with_cents_stay_doubted():
    # "Ksh 810" alone: whole shillings, or cents a till printed without the point?
    p = interpret(captured(cols("Chai masala", "2   80   160", 40),
                           cols("GRAND TOTAL:", "Ksh 160", 40)))
    assert p.total_pence == 16_000 and "whole_amounts" in p.flags


@pytest.mark.parametrize(("group", "decimal"), [(".", ","), ("'", "."), (",", "."),
                                                ("\u00a0", ",")])
def test_grouped_thousands_with_two_decimals_read_in_every_locale(group, decimal):
    # de/es/it/pt "1.234,50", de-CH "1'234.50", en "1,234.50", fr "1 234,50"
    # (a no-break space).
    p = interpret(captured(cols("Laptop stand", two_places(123_450, group, decimal), 40),
                           cols("Cable", two_places(1_250, group, decimal), 40),
                           cols("TOTAL", two_places(124_700, group, decimal), 40)))
    assert p.total_pence == 124_700 and p.flags == []
    assert lines(p) == [("Laptop stand", 1, 123_450), ("Cable", 1, 1_250)]


def test_a_three_decimal_currency_reads_its_fils_as_fractions_not_thousands():
    # Kuwaiti dinars: "12.500" is twelve and a half.
    p = interpret(captured(cols("Shawarma", "KWD 1.250", 32), cols("Juice", "KWD 0.750", 32),
                           cols("TOTAL", "KWD 2.000", 32)))
    assert p.total_pence == 200 and lines(p) == [("Shawarma", 1, 125), ("Juice", 1, 75)]


def test_a_three_decimal_amount_no_hundredths_carry_is_left_unread_never_rounded():
    p = interpret(captured(cols("Shawarma", "KWD 1.255", 32), cols("TOTAL", "KWD 1.255", 32)))
    assert p.total_pence is None and "unparsed_receipt" in p.flags


def test_a_lone_format_the_paper_cannot_decide_is_flagged():
    # No currency, and every figure reads as thousands or as three decimals:
    # the arithmetic adds up both ways.
    p = interpret(captured(cols("Widget", "12.500", 32), cols("Gadget", "1.250", 32),
                           cols("TOTAL", "13.750", 32)))
    assert "unsure_amounts" in p.flags
    assert p.total_pence in (1_375_000, 1_375)


def test_the_arithmetic_chooses_the_format_an_unambiguous_figure_allows():
    # "1.234" alone could be three decimals; "0,50" makes "," the decimal mark
    # and "." the thousands: only that reading adds up.
    p = interpret(captured(cols("Monitor", "1.234,00", 32), cols("Cable", "0,50", 32),
                           cols("TOTAL", "1.234,50", 32)))
    assert p.total_pence == 123_450 and "unsure_amounts" not in p.flags


@pytest.mark.parametrize(("number", "fmt", "want"), [
    ("1,234.50", NumberFormat(",", "."), (1_234_500, 2)),
    ("1.234,50", NumberFormat(".", ","), (1_234_500, 2)),
    ("12.500", NumberFormat(".", ","), (12_500_000, 0)),
    ("12.500", NumberFormat(",", ".", three=True), (12_500, 3)),
    ("1.234,5", NumberFormat(",", "."), None),
    ("12,50", NumberFormat(",", ".", three=True), None),
    ("1,23,456.00", NumberFormat(",", "."), None),
])
def test_a_number_is_worth_what_its_format_says(number, fmt, want):
    assert value(number, fmt) == want


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(1, 900)), min_size=1, max_size=5), WIDTH,
       st.sampled_from(["Rp", "Rp ", "IDR "]))
def test_any_basket_in_whole_rupiah_reads_right_and_unflagged(items, width, mark):
    body = []
    for name, q, hundreds in items:
        unit = hundreds * 500  # rupiah prices: whole hundreds, often past a thousand
        body += [name, cols(f"{q} x {mark}{grouped(unit, '.')}",
                            f"{mark}{grouped(q * unit, '.')}", width)]
    total = sum(q * h * 500 for _, q, h in items)
    p = interpret(captured(*body, cols("TOTAL:", f"{mark}{grouped(total, '.')}", width)))
    assert p.total_pence == total * 100 and p.flags == []
    assert lines(p) == [(name, q, q * h * 50_000) for name, q, h in items]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(1, 300_000)), min_size=1, max_size=4),
       WIDTH, st.sampled_from([f for f in FORMATS if not f.three]))
def test_any_basket_in_any_two_decimal_locale_reads_its_true_total(items, width, fmt):
    body = [cols(name, two_places(q * u, fmt.group, fmt.decimal), width) for name, q, u in items]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*body, cols("TOTAL", two_places(total, fmt.group, fmt.decimal),
                                       width)))
    # Read right, or (a basket under a thousand in a grouping the rules
    # cannot tell from another locale's) not trusted: never a wrong total
    # with no flag.
    assert p.total_pence == total or p.flags


# Marks and labels a general rule must not over-read.

def test_a_tax_band_letter_and_rate_in_an_items_name_is_still_an_item():
    p = interpret(captured(cols("Vitamin C 10%", "£3.99", 32), cols("Apple", "£1.00", 32),
                           cols("TOTAL", "£4.99", 32)))
    assert lines(p) == [("Vitamin C 10%", 1, 399), ("Apple", 1, 100)] and p.flags == []


def test_a_tax_band_letter_is_a_token_of_its_own_only_after_a_tax_word():
    assert _date_words("Kwota B", False) == [("W", "Kwota"), ("S", " "), ("W", "B")]
    assert _date_words("PTU C", False) == [("W", "PTU"), ("S", " "), ("W", "C")]
    assert _date_words("Meal Plan A", False) == [("W", "Meal Plan A")]


def test_a_mark_glued_before_an_items_name_is_the_tills_not_the_names():
    # An Australian grocer: "# = GST applicable", "^ = price changed".
    p = interpret(captured("#Kimchi 500g", cols("  3 @ $8.95", "$26.85", 42),
                           "^#Tofu Firm 300g", cols("  1 @ $3.30 ($3.80)", "$3.30", 42),
                           cols("SUBTOTAL  4 items", "$30.15", 42),
                           cols("Card Surcharge", "$0.45", 42),
                           cols("TOTAL", "$30.60", 42), cols("Credit Paid", "$30.60", 42),
                           cols("GST Included", "$2.74", 42),
                           "^ = price changed  # = GST applicable"))
    assert lines(p) == [("Kimchi 500g", 3, 2685), ("Tofu Firm 300g", 1, 330)]
    assert p.total_pence == 3060



def test_a_grouped_count_on_a_receipt_in_pounds_changes_no_amount():
    p = interpret(captured(cols("Flat white", "£3.50", 32), cols("Cookie", "£1.20", 32),
                           cols("TOTAL", "£4.70", 32), cols("Card", "£4.70", 32),
                           cols("Points balance", "1,250", 32)))
    assert p.total_pence == 470 and p.tender == "card" and p.flags == []
    assert lines(p) == [("Flat white", 1, 350), ("Cookie", 1, 120)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Kimchi 500g", "Tofu Firm 300g", "Green Tea 100s",
                                           "Soy Sauce 500ml"]),
                          st.sampled_from(["", "#", "^", "^#"]), QTY, st.integers(50, 2000),
                          st.sampled_from([0, 0, 50, 100])),
                min_size=1, max_size=4, unique_by=lambda x: x[0]),
       st.sampled_from([42, 48]))
def test_a_marked_name_and_a_price_before_its_change_never_enter_the_items_reading(items, width):
    def dollars(c: int) -> str:
        return f"${c // 100}.{c % 100:02d}"

    body = []
    for name, mark, q, unit, was in items:
        detail = f"  {q} @ {dollars(unit)}" + (f" ({dollars(unit + was)})" if was else "")
        body += [f"{mark}{name}", cols(detail, dollars(q * unit), width)]
    total = sum(q * u for _, _, q, u, _ in items)
    p = interpret(captured(*body, cols("TOTAL", dollars(total), width),
                           cols("Credit Paid", dollars(total), width),
                           "^ = price changed  # = GST applicable"))
    assert p.total_pence == total
    assert lines(p) == [(name, q, q * u) for name, _, q, u, _ in items]
