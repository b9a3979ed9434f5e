"""Currencies printed a space before or after their amounts: an ISO code
before them ("AED 15.75"), a one-letter mark a space off ("R 54,00", the
rand's), whole amounts grouped by plain spaces with the currency's word after
them ("15 000 FCFA"), and the French "Reçu" / "Monnaie" (received, change)
under the total. The mark is the amount's, never the item's name's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.amounts import spaced_marks_glued
from drivers.receipt.total_labels import headline_total_off
from tests.test_receipt_money_shapes import NAMES, QTY, WIDTH, cols
from tests.test_receipt_reading import captured, lines


@pytest.mark.parametrize("code", ["AED", "SAR", "QAR", "PHP", "GHS", "UAH"])
def test_an_iso_code_before_the_amount_is_no_part_of_the_name(code):
    p = interpret(captured(cols("Arabic Coffee 250g", f"{code} 45.00", 42),
                           cols("Prayer Mat", f"{code} 300.00", 42),
                           cols("Total:", f"{code} 345.00", 42),
                           cols("Cash", f"{code} 345.00", 42)))
    assert lines(p) == [("Arabic Coffee 250g", 1, 4500), ("Prayer Mat", 1, 30000)]
    assert p.total_pence == 34500 and p.flags == []


def _rand(pence: int) -> str:
    rands = f"{pence // 100:,}".replace(",", " ")
    return f"R {rands},{pence % 100:02d}"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(100, 60000)), min_size=1, max_size=4),
       WIDTH)
def test_the_rands_mark_a_space_before_every_amount_is_the_amounts(items, width):
    # South Africa's slip: "Koeksister   R 54,00" / "3 x R 18,00"; the VAT on top.
    body = []
    for name, q, u in items:
        body += [cols(name, _rand(q * u), width), f"{q} x {_rand(u)}"]
    sub = sum(q * u for _, q, u in items)
    vat = round(sub * 15 / 100)
    p = interpret(captured(*body, cols("Subtotal:", _rand(sub), width),
                           cols("VAT (15%):", _rand(vat), width),
                           cols("TOTAL:", _rand(sub + vat), width),
                           cols("CASH:", _rand(sub + vat), width)))
    assert p.total_pence == sub + vat
    assert lines(p) == [(name, q, q * u) for name, q, u in items]


def test_a_capital_ending_one_name_is_no_currency_mark():
    # "Vitamin C 10.00": one capital before one amount says nothing of a currency.
    text = ["Vitamin C 10.00", "Water  1.00", "Total  11.00"]
    assert spaced_marks_glued(text) == text


def test_a_capital_before_only_some_amounts_is_not_glued():
    text = ["Band A 5.00", "Band A 6.00", "Band A 7.00", "Tea  1.00", "Cake  2.00",
            "Soup  3.00", "Bread  4.00", "Total  28.00"]
    assert spaced_marks_glued(text) == text


def _fcfa(francs: int) -> str:
    return f"{francs:,}".replace(",", " ") + " FCFA"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(1, 400).map(lambda n: n * 250)),
                min_size=1, max_size=4))
def test_whole_francs_grouped_by_spaces_are_read_where_they_add_up(items):
    # Dakar's ticket: the name, then "  3 x 25 500 FCFA    76 500 FCFA".
    body = []
    for name, q, u in items:
        body += [name, cols(f"  {q} x {_fcfa(u)}", _fcfa(q * u), 42)]
    total = sum(q * u for _, q, u in items)
    paid = (total // 5000 + 1) * 5000
    p = interpret(captured(*body, cols("TOTAL", _fcfa(total), 42),
                           cols("Reçu", _fcfa(paid), 42),
                           cols("Monnaie", _fcfa(paid - total), 42)))
    assert p.total_pence == total * 100
    assert lines(p) == [(name, q, q * u * 100) for name, q, u in items]
    assert p.tender == "cash" and "unparsed_receipt" not in p.flags


def test_a_french_subtotal_before_tax_is_no_item():
    p = interpret(captured(cols("Casquette", "4 750 FCFA", 42),
                           cols("Sous-total HT", "4 750 FCFA", 42),
                           cols("TVA 18%", "855 FCFA", 42),
                           cols("TOTAL", "5 605 FCFA", 42)))
    assert lines(p) == [("Casquette", 1, 475000)] and p.total_pence == 560500


def test_a_total_printed_big_above_the_lines_is_read_once_below_them():
    # Loyverse's headline: "€9.00" / "Total" above the lines, "Total  €9.00" below.
    p = interpret(captured("The Crooked Teapot", "VAT No. IE 3456789KH", "     €9.00",
                           "     Total", "-" * 32, cols("Brown Bread", "€10.00", 32),
                           "4 x €2.50", cols("Staff discount", "-€1.00", 32), "-" * 32,
                           cols("Total", "€9.00", 32), cols("Card", "€9.00", 32)))
    assert p.total_pence == 900
    assert lines(p) == [("Brown Bread", 4, 1000), ("Staff discount", 1, -100)]


def test_a_headline_amount_no_total_below_confirms_is_left_as_printed():
    text = ["     €9.00", "     Total", cols("Tea", "€2.00", 32), cols("Total", "€2.00", 32)]
    assert headline_total_off(text) == text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(100, 9999), st.integers(1000, 99999)),
                min_size=1, max_size=4))
def test_a_bracketed_count_under_a_coded_name_names_the_item_without_its_code(items):
    # A Thai slip: "2140  Gai Yang" / "(4 x 85.10)   340.40".
    body = []
    for name, q, u, sku in items:
        body += [f"{sku}  {name}", cols(f"({q} x {u / 100:.2f})", f"{q * u / 100:.2f}", 32)]
    total = sum(q * u for _, q, u, _ in items)
    p = interpret(captured(*body, cols("Total", f"{total / 100:.2f}", 32)))
    assert lines(p) == [(name, q, q * u) for name, q, u, _ in items]
    assert p.total_pence == total


@pytest.mark.parametrize(("total", "off", "due", "paid", "change"), [
    ("Всього:", "Знижка:", "До сплати:", "Оплата:", "Решта:"),
    ("Итого:", "Скидка:", "К оплате:", "Получено:", "Сдача:"),
])
def test_ukrainian_and_russian_totals_discounts_payments_and_change_are_no_items(
        total, off, due, paid, change):
    p = interpret(captured("Печиво вiвсяне", "             2   38.75     77.50",
                           "Кава мелена 250г", "             1  189.60    189.60",
                           "-" * 32, f"{total} 267.10", f"{off} 10.00", f"{due} 257.10",
                           f"{paid} 300.00", f"{change} 42.90"))
    assert p.total_pence == 25710
    assert lines(p) == [("Печиво вiвсяне", 2, 7750), ("Кава мелена 250г", 1, 18960),
                        (off.rstrip(":"), 1, -1000)]


def test_the_rest_of_a_name_wrapped_in_its_cell_stays_the_items():
    # POS Pro's table: "Dates Medjool Premium  1  AED 89.00" / "Box 1kg"; a
    # name wrapped over its unit price ("70g" / "@ AED 18.50"); a note under a
    # name far short of its column's edge is no part of it.
    p = interpret(captured(cols("Item                     Qty", "Total", 42),
                           cols("Dates Medjool Premium     1", "AED 89.00", 42), "Box 1kg",
                           cols("Camel Milk Chocolate      2", "AED 37.00", 42), "70g",
                           "@ AED 18.50",
                           cols("Prayer Mat Velvet         5", "AED 300.00", 42), "@ AED 60.00",
                           cols("Hot chocolate                 3", "AED 3.78", 42),
                           "With a 10% discount",
                           cols("Arabic Coffee 250g        1", "AED 45.00", 42),
                           cols("Total:", "AED 474.78", 42),
                           cols("Paid (Card):", "AED 474.78", 42)))
    assert lines(p) == [("Dates Medjool Premium Box 1kg", 1, 8900),
                        ("Camel Milk Chocolate 70g", 2, 3700), ("Prayer Mat Velvet", 5, 30000),
                        ("Hot chocolate", 3, 378), ("Arabic Coffee 250g", 1, 4500)]
    assert p.total_pence == 47478


def test_a_sku_under_an_item_is_its_note_and_the_last_rows_wrapped_name_its_own():
    p = interpret(captured(cols("Item                     Qty", "Total", 42),
                           cols("Prayer Mat Velvet         5", "AED 300.00", 42), "SKU: PM-V",
                           "@ AED 60.00",
                           cols("Camel Milk Chocolate      1", "AED 18.50", 42), "70g",
                           "-" * 42, cols("Total:", "AED 318.50", 42),
                           cols("Paid (Cash):", "AED 318.50", 42)))
    assert lines(p) == [("Prayer Mat Velvet", 5, 30000), ("Camel Milk Chocolate 70g", 1, 1850)]
    assert p.total_pence == 31850
