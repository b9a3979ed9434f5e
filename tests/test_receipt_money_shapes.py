"""Money rules the seventh and eighth holdouts' tills called for, each a
general rule shown on the shapes real tills print and, where the shape has
free parts, as a property over them: a currency's code after a total's word,
a tax summary in other languages (tax bands by letter and rate), a quantity
printed as a float, a charge added on top of the subtotal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines

NAMES = st.sampled_from(["Doce de brigadeiro", "Bolo de fubá", "Coxinha", "Flat white",
                         "Woda gazowana 0,5l", "Pasta pot"])
QTY = st.integers(1, 9)
UNIT = st.integers(5, 9999)  # pence
WIDTH = st.sampled_from([32, 40, 48])


def cols(left: str, right: str, width: int) -> str:
    """Two columns on a line of ``width``: ``right`` right-aligned."""
    return left + " " * max(2, width - len(left) - len(right)) + right


def comma(pence: int) -> str:
    return f"{pence // 100},{pence % 100:02d}"


@pytest.mark.parametrize("label", ["SUMA PLN", "Total GBP", "TOTAL ZAR", "Grand Total EUR",
                                   "Total CHF"])
def test_a_currency_code_after_a_total_word_is_still_the_total(label):
    p = interpret(captured(cols("Espresso", "9,00", 40), cols(label, "9,00", 40)))
    assert p.total_pence == 900 and lines(p) == [("Espresso", 1, 900)] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4), WIDTH)
def test_a_fiscal_tax_summary_by_band_letter_and_rate_is_never_an_item(items, width):
    # A Polish paragon: "Sprzed. opod. PTU A", "Kwota A 23,00%", "Podatek PTU".
    body = [cols(name, f"{q} x{comma(u)} {comma(q * u)}A", width) for name, q, u in items]
    total = sum(q * u for _, q, u in items)
    vat = round(total * 23 / 123)
    p = interpret(captured("PARAGON FISKALNY", *body, cols("Sprzed. opod. PTU A", comma(total),
                                                           width),
                           cols("Kwota A 23,00%", comma(vat), width),
                           cols("Podatek PTU", comma(vat), width),
                           f"SUMA PLN      {comma(total)}"))
    assert p.total_pence == total and p.flags == []
    assert lines(p) == [(name, q, q * u) for name, q, u in items]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4), WIDTH)
def test_a_quantity_printed_as_a_float_in_its_own_column_is_the_quantity(items, width):
    # The cupom's "R$7,99   3.0   R$23,97" under the item's name.
    body = []
    for name, q, u in items:
        body += [name, f"R${comma(u)}      {q}.0      R${comma(q * u)}"]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*body, cols("TOTAL", f"R${comma(total)}", width)))
    assert lines(p) == [(name, q, q * u) for name, q, u in items] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4),
       st.sampled_from(["TAXA DE SERVIÇO", "Service charge", "Tip"]), st.integers(1, 999),
       WIDTH)
def test_a_charge_added_on_top_of_the_subtotal_is_no_item(items, label, charge, width):
    body = [cols(name if q == 1 else f"{q}x {name}", f"£{q * u / 100:.2f}", width)
            for name, q, u in items]
    sub = sum(q * u for _, q, u in items)
    p = interpret(captured(*body, cols("Subtotal:", f"£{sub / 100:.2f}", width),
                           cols(f"{label}:", f"£{charge / 100:.2f}", width),
                           cols("TOTAL:", f"£{(sub + charge) / 100:.2f}", width)))
    assert p.total_pence == sub + charge and p.flags == []
    assert lines(p) == [(name, q, q * u) for name, q, u in items]


def test_a_discount_after_the_subtotal_is_still_a_line_beside_a_charge():
    p = interpret(captured("Soup                 £3.00", "Subtotal:            £3.00",
                           "Service charge:      £0.30", "Discount:           -£0.33",
                           "TOTAL:               £2.97"))
    assert lines(p) == [("Soup", 1, 300), ("Discount", 1, -33)] and p.total_pence == 297
    assert p.flags == []


def test_a_charge_without_a_subtotal_is_a_line():
    # SumUp's "Tip" with no subtotal printed: money charged, a line of its own.
    p = interpret(captured("Flat white           £3.40", "Tip                  £1.00",
                           "Total                £4.40"))
    assert lines(p) == [("Flat white", 1, 340), ("Tip", 1, 100)] and p.flags == []
