"""Money rules for tills further afield (issue 13, the eleventh and twelfth
sets): total and subtotal words in the languages tills print them, a
currency's own word before its amount, a count of items beside what they
come to, a label whose amount prints on the row under it, several taxes
added on top, a rounding to the coin, and the cells of an item line that
are not its name (a serial number, a tax rate's column, the rate an amount
was worked out at, a cut name's ellipsis) or are no item at all (a tax
summary's row). Each is shown on the shape real tills print and, where the
shape has free parts, as a property over them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.model import Template
from drivers.receipt.profile import knows
from drivers.receipt.total_labels import total_rank
from tests.test_receipt_money_shapes import cols, comma
from tests.test_receipt_reading import captured, lines

NAMES = st.sampled_from(["Türk kahvesi", "Rohlík", "Paneer Tikka", "Fiskekaker", "Pasta pot",
                         "Lahmacun"])
QTY = st.integers(1, 9)
UNIT = st.integers(5, 99999)  # hundredths
WIDTH = st.sampled_from([32, 40, 48])
ITEMS = st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=5)


def dot(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


@pytest.mark.parametrize("label, rank", [
    ("GENEL TOPLAM", 2), ("CELKEM", 1), ("TOTALT", 1), ("I alt", 1), ("Razem", 1),
    ("Yhteensä", 1), ("Ukupno", 1), ("Å betale", 2), ("Do zapłaty", 2), ("K úhradě", 2),
    ("Totalt inkl. moms", 2), ("SPEND", 1), ("Refund", 1), ("16 Item(s)", 0), ("ITEMS 9", 0)])
def test_total_words_in_the_languages_tills_print_them(label, rank):
    assert total_rank(label) == rank


@pytest.mark.parametrize("label", ["Ara Toplam", "Toplam KDV", "DPH celkem", "Daily spend limit",
                                   "Spent today", "Item 3", "Items sold"])
def test_a_subtotal_a_tax_a_limit_or_an_items_name_is_no_total(label):
    assert total_rank(label) is None


@settings(max_examples=100, deadline=None)
@given(ITEMS, WIDTH, st.sampled_from(["TL", ""]))
def test_a_total_label_alone_takes_the_amount_on_the_row_under_it(items, width, mark):
    # The Turkish fiş: "GENEL TOPLAM" centred, its amount alone on the next row.
    body = [cols(f"{name[:15]:<15} {q:>6}", f"{dot(u)} {dot(q * u)}", width)
            for name, q, u in items]
    total = sum(q * u for _, q, u in items)
    suffix = f" {mark}" if mark else ""
    p = interpret(captured("SATIŞ FİŞİ", *body, cols("Ara Toplam", dot(total) + suffix, width),
                           "GENEL TOPLAM".center(width), (dot(total) + suffix).center(width)))
    assert p.total_pence == total and p.flags == []
    assert lines(p) == [(name[:15], q, q * u) for name, q, u in items]


@settings(max_examples=100, deadline=None)
@given(ITEMS, WIDTH, st.sampled_from(["kr", "kr.", "Kr"]))
def test_a_currency_word_before_a_decimal_comma_amount_is_no_part_of_the_label(items, width,
                                                                              kr):
    body = [cols(name, comma(q * u), width) for name, q, u in items]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*body, f"TOTALT      {kr} {comma(total)}"))
    assert p.total_pence == total and "unparsed_receipt" not in p.flags


@settings(max_examples=100, deadline=None)
@given(ITEMS, WIDTH)
def test_a_count_of_items_beside_their_sum_is_the_total_when_no_other_is_printed(items, width):
    # A Philippine official receipt: "16 Item(s)   1,391.00", then the cash and change.
    body = [cols(f"{q:>3} {name}", dot(q * u) + "V", width) for name, q, u in items]
    total = sum(q * u for _, q, u in items)
    count = sum(q for _, q, _ in items)
    p = interpret(captured(*body, cols(f"{count:>3} Item(s)", dot(total), width),
                           cols("    CASH", dot(total + 1000), width),
                           cols("    CHANGE", dot(1000), width)))
    assert p.total_pence == total
    assert lines(p) == [(name, q, q * u) for name, q, u in items]


def test_a_count_of_items_is_outranked_by_the_total_printed_under_it():
    p = interpret(captured(cols("Soup", "3.00", 32), cols("Bread", "1.00", 32),
                           cols("2 items", "4.00", 32), cols("Discount", "-0.50", 32),
                           cols("TOTAL", "3.50", 32)))
    assert p.total_pence == 350 and ("Discount", 1, -50) in lines(p)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT, st.integers(1, 99)), min_size=1, max_size=5))
def test_a_serial_number_column_is_never_part_of_an_items_name(items):
    # An Indian GST bill: "SNo  ITEM NAME  QTY  RATE  AMOUNT"; CGST and SGST
    # both added on top, then summed again ("Total Tax Amount"). (A serial
    # wider than its column, glued to the name, is left in it: "7 Up" and
    # "100 Pipers" are names.)
    body = [f"{sno:<4}{name[:10]:<14}{q:>3}{dot(u):>10}{dot(q * u):>15}"
            for name, q, u, sno in items]
    sub = sum(q * u for _, q, u, _ in items)
    half = round(sub * 25 / 1000)
    p = interpret(captured("SNo  ITEM NAME       QTY     RATE       AMOUNT",
                           *body, f"{'Sub-Total':<40}{dot(sub):>8}",
                           f"{'CGST':<23}@ 2.50 %{dot(half):>17}",
                           f"{'SGST':<23}@ 2.50 %{dot(half):>17}",
                           f"{'Total Tax Amount':<40}{dot(2 * half):>8}",
                           f"{'TOTAL':<40}{dot(sub + 2 * half):>8}"))
    assert p.total_pence == sub + 2 * half and p.flags == []
    assert lines(p) == [(name[:10], q, q * u) for name, q, u, _ in items]


def test_two_taxes_on_top_are_both_added_when_the_items_and_a_charge_need_them():
    # "Delivery Charges" is read as the line it is: 220.00 + 40.00 + 5.50 + 5.50
    p = interpret(captured(cols("Water 1L", "220.00", 48), cols("Sub-Total", "220.00", 48),
                           cols("Delivery Charges", "40.00", 48), cols("CGST", "5.50", 48),
                           cols("SGST", "5.50", 48), cols("TOTAL", "271.00", 48)))
    assert p.total_pence == 27100 and p.flags == []
    assert lines(p) == [("Water 1L", 1, 22000), ("Delivery Charges", 1, 4000)]


def test_a_rate_an_amount_off_was_worked_out_at_is_not_its_name():
    p = interpret(captured(cols("Dal Makhani", "2400.00", 48), cols("Sub-Total", "2400.00", 48),
                           "Discount Amount        @ 5.00 %           120.00",
                           cols("TOTAL", "2280.00", 48)))
    assert lines(p) == [("Dal Makhani", 1, 240000), ("Discount Amount", 1, -12000)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT, st.sampled_from(["12%", "21%"])),
                min_size=1, max_size=5), st.sampled_from(["ks", "pcs", "Stk"]))
def test_a_tax_rate_column_and_a_tax_summary_row_are_never_items(items, unit):
    # A Czech doklad: the name alone, then "3ks x 32.90   21%   98.70"; then
    # "S.s.  net  tax  gross" under the rates' head.
    body = []
    for name, q, u, rate in items:
        body += [name, f"{q}{unit} x {dot(u):<20}{rate:<10}{dot(q * u):>8}"]
    total = sum(q * u for _, q, u, _ in items)
    tax = round(total * 21 / 121)
    p = interpret(captured("počet jedn.cena           sazba DPH   cena", *body,
                           "sazba   bez DPH     DPH              s DPH",
                           f"S.s.    {dot(total - tax)}     {dot(tax)}      {dot(total)} Kč",
                           f"CELKEM {dot(total)} Kč"))
    assert p.total_pence == total and p.flags == []
    assert lines(p) == [(name, q, q * u) for name, q, u, _ in items]


def test_a_weight_times_its_price_under_the_name_is_one_item_of_that_weight():
    p = interpret(captured("Šunka výběrová", "2.111kg x 299.00          12%       631.19",
                           "CELKEM 631.19 Kč"))
    assert lines(p) == [("Šunka výběrová", 1, 63119)] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(ITEMS, st.integers(-2, 2).filter(bool), st.integers(0, 300))
def test_a_rounding_to_the_coin_is_added_on_top_never_an_item(items, rounding, surcharge):
    body = [cols(name, "$" + dot(q * u), 48) for name, q, u in items]
    sub = sum(q * u for _, q, u in items)
    extra = [cols("Card Surcharge", "$" + dot(surcharge), 48)] if surcharge else []
    total = sub + surcharge + rounding
    sign = "-" if rounding < 0 else ""
    p = interpret(captured(*body, cols("SUBTOTAL", "$" + dot(sub), 48), *extra,
                           cols("Rounding", f"{sign}${dot(abs(rounding))}", 48),
                           cols("TOTAL", "$" + dot(total), 48)))
    assert p.total_pence == total and "unparsed_receipt" not in p.flags
    assert lines(p) == [(name, 1, q * u) for name, q, u in items]


@pytest.mark.parametrize("name, read", [("Tagliatelle al ra...", "Tagliatelle al ra..."),
                                        ("Vino rosso della ...", "Vino rosso della ..."),
                                        ("Cookie ........", "Cookie")])
def test_a_cut_names_ellipsis_is_the_names_but_a_dot_leader_is_not(name, read):
    p = interpret(captured(f"{name:<22}  1 €13.55", "TOTALE:            €13.55"))
    assert lines(p) == [(read, 1, 1355)]


def space_grouped(pence: int) -> str:
    """An amount as a Norwegian till prints it: "1 050,00"."""
    return f"{pence // 100:,}".replace(",", " ") + f",{pence % 100:02d}"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(5, 999999)), min_size=1, max_size=5), WIDTH)
def test_thousands_grouped_by_a_plain_space_are_read_when_the_arithmetic_says_so(items, width):
    # A Norwegian kvittering: "  3 x 350,00   1 050,00", "TOTALT   kr 1 641,90".
    body = []
    for name, q, u in items:
        body += [name, cols(f"  {q} x {comma(u)}", space_grouped(q * u), width)]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured("KVITTERING", *body, f"TOTALT   kr {space_grouped(total)}"))
    assert p.total_pence == total and "unparsed_receipt" not in p.flags
    assert lines(p) == [(name, q, q * u) for name, q, u in items]


@pytest.mark.parametrize("qty, value", [(2, 10000), (1, 25000), (3, 90000)])
def test_a_quantity_one_space_before_its_value_is_not_a_thousands_group(qty, value):
    # "Soup  2 100,00": two at 100,00, not 2 100,00, when the total says so.
    p = interpret(captured(f"Soup        {qty} {comma(value)}", f"TOTAL       {comma(value)}"))
    assert p.total_pence == value and lines(p) == [("Soup", qty, value)]


def test_a_line_a_profile_learnt_as_no_item_does_not_vouch_for_it_read_as_an_item():
    # The samples printed "İndirim (0.0%): -0.00 TL" (nothing off: no line); a
    # receipt's "İndirim (10.0%): -26.40 TL" is an amount off no sample taught.
    learnt = Template(items=re.compile(r"<item>\s+\d+\s+\d+\.\d\d|İndirim\s+\(\d+\.\d%\):\s+"
                                       r"-\d+\.\d\d\s+TL"))
    assert knows((learnt,), "İndirim (0.0%): -0.00 TL", "items", "")
    assert not knows((learnt,), "İndirim (10.0%): -26.40 TL", "items", "İndirim (10.0%)")
    assert knows((learnt,), "Simit 6 15.00", "items", "Simit")


def test_an_items_count_unit_price_and_price_before_its_change_that_add_up_are_an_item():
    # "3 @ $0.50 ($1.00)  $1.50": 0.50 + 1.00 = 1.50, but a count and a unit
    # price are an item's, never a tax summary's row (found in random mode).
    p = interpret(captured("Kimchi 500g", cols("  3 @ $0.50 ($1.00)", "$1.50", 42),
                           cols("TOTAL", "$1.50", 42)))
    assert lines(p) == [("Kimchi 500g", 3, 150)] and p.total_pence == 150
