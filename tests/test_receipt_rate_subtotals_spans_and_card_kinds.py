"""General paper facts from the twenty-fourth set (rules24), each printed in
several countries: a subtotal named by its tax rate is the tax summary's,
never an item; a subtotal named for what it sums ("Cart Subtotal") is a
subtotal; a span of times (opening hours) is never the sale's moment; a
card named by its kind without "de"; a credit note of an electronic
document is a refund, and "Ref.: e-Ticket ..." the sale's number; a pack's
count in a name; a name wrapped under its priced row; a product's
attribute under it; the way paid with its own amount above the cash
handed over."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines


def _read(*text: str):
    return interpret(captured(*text))


# --- a subtotal per tax rate: the sales taxed at it, never an item -----------------------

def _sri(taxed: list[int], zero: list[int], paid: str = "Efectivo") -> list[str]:
    """An Ecuadorian SRI factura as a till prints it: rows ``Cant Descripción
    P.Unit Desc. Total``, then the subtotal per IVA rate, without tax, the
    IVA at 15 % on the taxed goods and the total (pence)."""
    rows = [f"   1 Pan taxed {i:<13}{v / 100:>9.2f}   0.00{v / 100:>8.2f}"
            for i, v in enumerate(taxed)]
    rows += [f"   1 Pan plain {i:<13}{v / 100:>9.2f}   0.00{v / 100:>8.2f}"
             for i, v in enumerate(zero)]
    net, iva = sum(taxed) + sum(zero), round(sum(taxed) * 15 / 100)
    total = net + iva
    return ["FACTURA", "No. 001-002-000012000",
            "Cant Descripción           P.Unit  Desc.   Total", *rows,
            f"SUBTOTAL 15%{sum(taxed) / 100:>36.2f}",
            f"SUBTOTAL 0%{sum(zero) / 100:>37.2f}",
            f"SUBTOTAL SIN IMPUESTOS{net / 100:>26.2f}",
            "TOTAL DESCUENTO                             0.00",
            f"IVA 15%{iva / 100:>41.2f}",
            f"VALOR TOTAL{'$' + format(total / 100, '.2f'):>37}",
            "FORMA DE PAGO", f"{paid:<20}{total / 100:>28.2f}"]


@given(st.lists(st.integers(10, 5000), min_size=1, max_size=3),
       st.lists(st.integers(10, 5000), min_size=1, max_size=3))
def test_subtotals_per_iva_rate_are_no_items_and_the_iva_on_top_makes_the_total(taxed, zero):
    p = _read(*_sri(taxed, zero))
    assert [v for _, _, v in lines(p)] == taxed + zero
    assert p.total_pence == sum(taxed) + sum(zero) + round(sum(taxed) * 15 / 100)
    assert (p.tender, p.flags) == ("cash", [])


@pytest.mark.parametrize("label", ["SUBTOTAL 15%", "Subtotal 12%", "Subtotal 0%",
                                   "Subtotal 5%", "Base 21%", "BASE 21%IVA",
                                   "Base imponible 10%", "Subtotal IVA 12%"])
def test_a_subtotal_or_base_named_by_its_rate_is_never_an_item(label):
    p = _read("Tostada   3,00", "Cafe   2,00", f"{label}   5,00", "TOTAL   5,00",
              "Efectivo   5,00")
    assert (lines(p), p.total_pence, p.flags) == (
        [("Tostada", 1, 300), ("Cafe", 1, 200)], 500, [])


def test_a_subtotal_of_a_named_product_is_still_an_item():
    # a rate after a product's name is no band's: "Vitamin C 10%" sold at 4.00
    p = _read("Vitamin C 10%   4.00", "Total   4.00", "Cash   4.00")
    assert lines(p) == [("Vitamin C 10%", 1, 400)]


@pytest.mark.parametrize("label", ["Cart Subtotal:", "Basket Subtotal", "Order Subtotal",
                                   "Shopping Basket Subtotal"])
def test_a_subtotal_named_for_what_it_sums_is_a_subtotal(label):
    p = _read("PE shorts        1      £9.50", "Geometry set     2      £5.85",
              f"{label}     £15.35", "Order Total:     £15.35", "Payment method: Card")
    assert (lines(p), p.total_pence, p.tender, p.flags) == (
        [("PE shorts", 1, 950), ("Geometry set", 2, 585)], 1535, "card", [])


# --- a span of times is no moment of sale ------------------------------------------------

@pytest.mark.parametrize("hours", ["Open Mon-Fri 8:15-9:00 and 15:10-16:00",
                                   "Öffnungszeiten: Mo-Fr 09:00 - 18:00",
                                   "Horario: L-V 9:00 a 14:00", "Mo-Fr 08:00–18:00"])
def test_opening_hours_in_the_header_are_never_the_time_of_sale(hours):
    p = _read("Marlowe Park School Shop", hours, "Pencil case   £2.50", "Total   £2.50",
              "Cash   £2.50", "Order #4101", "April 27th 2026, 3:26:10 pm")
    assert p.occurred == "2026-04-27T15:26:10+01:00"


def test_a_span_alone_leaves_the_date_without_a_time():
    p = _read("12/03/2026  Lunch 12:00-13:30", "Pasta pot   £2.20", "Total   £2.20",
              "Cash   £2.20")
    assert p.occurred == "2026-03-12"


def test_an_iso_time_with_its_offset_is_no_span():
    p = _read("2026-03-12T12:34:56-07:00", "Pasta pot   £2.20", "Total   £2.20",
              "Cash   £2.20")
    assert p.occurred.startswith("2026-03-12T12:34:56")


# --- a card named by its kind, "de" left out ---------------------------------------------

@pytest.mark.parametrize("printed", ["Tarjeta crédito", "Tarjeta credito", "Tarjeta débito",
                                     "Tarjeta de crédito", "Cartão débito", "Carta credito"])
def test_a_card_named_by_its_kind_with_or_without_de_is_a_card(printed):
    p = _read("Flauta   $ 65,00", "TOTAL   $ 65,00", f"{printed}   $ 65,00")
    assert (p.tender, p.flags) == ("card", [])


def test_credit_alone_stays_unmapped():
    p = _read("Flauta   65.00", "TOTAL   65.00", "Crédito   65.00")
    assert p.tender != "card"


# --- a credit note of an electronic document ---------------------------------------------

def _uy(title: str) -> list[str]:
    return ["CAFÉ TABARÉ", title, "Documento: A-0012003", "Fecha: 03/04/2026 10:17:42",
            "Ref.: e-Ticket A-0011807", " 3 Medialuna            $ 135,00",
            "TOTAL                  $ 135,00", "Devuelto en efectivo   $ 135,00"]


@pytest.mark.parametrize("title", ["Nota de Crédito de e-Ticket", "Nota de crédito de e-Factura",
                                   "NOTA DE CRÉDITO ELECTRÓNICA"])
def test_a_credit_note_of_an_electronic_document_is_a_refund_paid_back_in_cash(title):
    p = _read(*_uy(title))
    assert (p.kind, p.total_pence, p.tender, p.receipt_no) == ("refund", -13500, "cash",
                                                              "A-0012003")
    assert "unsure_number" not in p.flags


def test_a_debit_note_is_no_refund():
    # (its "Devuelto en efectivo" says money went back: the title decides the
    # kind first, and the contradiction is flagged, KIND.md)
    p = _read(*_uy("Nota de Débito de e-Ticket"))
    assert p.kind == "sale" and "kind_unsure" in p.flags


# --- item rows -----------------------------------------------------------------------------

def test_a_packs_count_in_the_name_stays_when_the_count_before_it_makes_the_value():
    p = _read("Cant Descripción           P.Unit  Desc.   Total",
              "   1 Huevos cubeta x30       4.50   0.00    4.50",
              "   4 Galletas Amor           0.45   0.18    1.62",
              "VALOR TOTAL                                $6.12", "Efectivo    6.12")
    assert lines(p) == [("Huevos cubeta x30", 1, 450), ("Galletas Amor", 4, 162)]


def test_an_x_count_that_makes_the_value_is_still_the_quantity():
    p = _read("Coke x2   1.50   3.00", "Total   3.00", "Cash   3.00")
    assert lines(p) == [("Coke", 2, 300)]


def test_a_name_wrapped_under_its_priced_row_and_an_attribute_under_another():
    p = _read("Product               Qty            Price",
              "Scientific              1           £12.99",
              "calculator fx-83GT CW",
              "Polo shirt - Navy       2           £22.00",
              "  Size: Age 11-12",
              "------------------------------------------",
              "Cart Subtotal:                      £34.99",
              "Order Total:                        £34.99", "Payment method: Cash")
    assert lines(p) == [("Scientific calculator fx-83GT CW", 1, 1299),
                        ("Polo shirt - Navy", 2, 2200)]
    assert p.flags == []


# --- the way paid with its own amount, then the cash handed over -------------------------

def test_the_way_with_its_amount_then_cash_received_and_change_is_no_short_payment():
    p = _read("Pan de yuca   1.00", "VALOR TOTAL   $1.00", "FORMA DE PAGO",
              "Efectivo   1.00", "Recibido   20.00", "Cambio   19.00")
    assert (p.tender, p.flags) == ("cash", [])


def test_a_way_paying_part_only_is_still_flagged():
    p = _read("Pan de yuca   3.00", "VALOR TOTAL   $3.00", "Efectivo   1.00",
              "Recibido   20.00", "Cambio   19.00")
    assert "unread_tender" in p.flags
