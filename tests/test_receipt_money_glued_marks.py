"""Currency marks glued before the figures ("RD$1,405.45", "S/.15.00", "GH₵8.50"),
as CLDR gives them and tills abroad print them (drivers/receipt/CURRENCY.md): the
mark is the amount's, never an item's name's nor a label's. A mark that could
also be a word ("S/", "Bs", "Le") is one a space off only where the receipt
prints it before most of its amounts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret, parse_money
from drivers.receipt.amounts import amount_label, spaced_marks_glued
from tests.test_receipt_money_shapes import NAMES, QTY, WIDTH, cols
from tests.test_receipt_reading import captured, lines

# (mark, how its locale prints 1405.45): the source is CLDR's symbol for the
# locale (ICU data/curr/<locale>.txt) unless said otherwise.
GLUED = [
    ("RD$", "1,405.45"),  # es_DO DOP
    ("R$", "1.405,45"),  # pt_BR BRL
    ("US$", "1,405.45"),  # es_DO, en_KE, pt USD
    ("NT$", "1,405.45"),  # zh_Hant TWD
    ("HK$", "1,405.45"),  # en, pt HKD
    ("S$", "1,405.45"),  # en SGD
    ("A$", "1,405.45"),  # en, ru AUD
    ("NZ$", "1,405.45"),  # id, en NZD
    ("CA$", "1,405.45"),  # pt, ru CAD
    ("MX$", "1,405.45"),  # en MXN
    ("Mex$", "1,405.45"),  # MXN as Mexican tills and price tags print it
    ("COL$", "1.405,45"),  # COP as Colombian tills print it (CLDR gl: "CO$")
    ("CL$", "1.405,45"),  # gl, id CLP
    ("CLP$", "1.405,45"),  # CLP with its ISO code, as Chilean web tills print it
    ("S/.", "1,405.45"),  # es_PE PEN (before 2015's "S/")
    ("Bs.", "1.405,45"),  # es_VE VEF
    ("Bs.S", "1.405,45"),  # Venezuela's bolívar soberano (2018)
    ("GH₵", "1,405.45"),  # ak, ee, en_GH GHS
    ("GH¢", "1,405.45"),  # GHS on a printer's code page with no "₵" (CP437, CP858, CP1252)
    ("Kz", "1.405,45"),  # pt_AO AOA (narrow symbol)
    ("USh", "1,405.45"),  # en_UG UGX
    ("TSh", "1,405.45"),  # en_TZ, sw_TZ TZS
    ("KSh", "1,405.45"),  # en_KE KES ("Ksh")
    ("Rp", "1.405,45"),  # id IDR (tills mostly print whole rupiah: number_formats)
    ("₡", "1 405,45"),  # es_CR CRC
    ("₱", "1,405.45"),  # fil PHP
    ("₦", "1,405.45"),  # en_NG NGN
    ("₴", "1 405,45"),  # uk UAH
    ("₸", "1 405,45"),  # kk KZT
    ("₼", "1 405,45"),  # az AZN
    ("₾", "1 405,45"),  # ka GEL
    ("৳", "1,405.45"),  # bn BDT
    ("Rs.", "1,405.45"),  # en_LK, om INR ("Rs.")
    ("RM", "1,405.45"),  # ms MYR
    ("B/.", "1,405.45"),  # es_PA PAB
    ("$U", "1.405,45"),  # UYU as Uruguayan tills print it (CLDR es_UY: "$")
    ("Gs.", "1.405,45"),  # es_PY PYG
    ("Nu.", "1,405.45"),  # dz BTN
    ("FBu", "1.405,45"),  # rn BIF
    ("MK", "1,405.45"),  # en_MW MWK
    ("ZK", "1,405.45"),  # ZMK, Zambia's kwacha before 2013
    ("ƒ", "1.405,45"),  # nl_AW AWG, nl_CW ANG (also "Afl.")
    ("Afl.", "1.405,45"),  # nl_AW AWG
    ("Bds$", "1,405.45"),  # BBD as Barbadian tills print it
    ("Br", "1,405.45"),  # am ETB: a space off, by the receipt
    ("S/", "1,405.45"),  # es_PE PEN since 2015: glued, read; spaced, by the receipt
    ("Bs", "1.405,45"),  # es_BO BOB: likewise
    ("Le", "1,405.45"),  # en_SL SLE: likewise
    ("Q", "1,405.45"),  # es_GT GTQ
    ("L", "1,405.45"),  # es_HN HNL
    ("K", "1,405.45"),  # en_PG PGK, en_ZM ZMW
]


@pytest.mark.parametrize(("mark", "figures"), GLUED)
def test_a_mark_glued_before_the_figures_is_the_amounts(mark, figures):
    assert parse_money(f"{mark}1,405.45") == 140545
    assert amount_label(f"Subtotal: {mark}1,405.45") == "Subtotal"
    # ... and in its locale's own figures, on an item and the total.
    p = interpret(captured(cols("Pollo frito", f"{mark}{figures}", 40),
                           cols("TOTAL:", f"{mark}{figures}", 40)))
    assert lines(p) == [("Pollo frito", 1, 140545)] and p.total_pence == 140545


@pytest.mark.parametrize("mark", ["RD$", "US$", "HK$", "S/.", "Bs.", "GH₵", "GH¢", "USh", "Rp"])
def test_a_mark_that_is_no_word_may_stand_a_space_off(mark):
    assert parse_money(f"{mark} 12.50") == 1250
    assert amount_label(f"TOTAL: {mark} 12.50") == "TOTAL"


def test_a_ghanaian_slip_in_cedis_with_the_cent_sign_keeps_the_mark_out_of_its_names():
    # A thermal printer's code pages have no "₵": Ghanaian tills print "GH¢"
    # (CP437's and CP858's cent sign), a space before the figures.
    p = interpret(captured("Meat Pie           1  GH¢ 15.00  GH¢ 15.00",
                           "Malta Guinness     2  GH¢ 12.00  GH¢ 24.00",
                           cols("TOTAL:", "GH¢ 39.00", 42), "Paid via: Cash"))
    assert lines(p) == [("Meat Pie", 1, 1500), ("Malta Guinness", 2, 2400)]
    assert p.total_pence == 3900 and p.tender == "cash"


def test_the_dominican_slip_reads_its_subtotal_total_and_change():
    # A Dominican colmado's slip: items in plain figures, the sums with "RD$".
    p = interpret(captured(cols("Arroz selecto 5lb", "210.00", 32), "  1 x 210.00",
                           cols("Pan sobao", "30.00", 32), "  2 x 15.00",
                           cols("Subtotal:", "RD$240.00", 32),
                           cols("ITBIS:", "RD$43.20", 32),
                           cols("TOTAL:", "RD$283.20", 32),
                           cols("Efectivo:", "RD$300.00", 32),
                           cols("Cambio:", "RD$16.80", 32)))
    assert p.total_pence == 28320
    assert lines(p) == [("Arroz selecto 5lb", 1, 21000), ("Pan sobao", 2, 3000)]


def test_a_word_like_mark_before_most_amounts_is_glued():
    text = ["Pan  S/ 1,405.00", "Te  S/ 2.00", "Total  S/ 1,407.00", "Efectivo  S/ 1,500.00"]
    assert spaced_marks_glued(text) == ["Pan  S/1,405.00", "Te  S/2.00", "Total  S/1,407.00",
                                        "Efectivo  S/1,500.00"]


def test_a_word_like_mark_before_one_amount_stays_the_names():
    # "Le 5.00" once, among plain amounts: a name's word (French "Le"), no leone.
    text = ["Menu Le 5.00", "Tea  1.00", "Cake  2.00", "Soup  3.00", "Total  11.00"]
    assert spaced_marks_glued(text) == text


MARKS = st.sampled_from([m for m, _ in GLUED if not m.isalpha() or len(m) > 1])


def _printed(mark: str, pence: int) -> str:
    return f"{mark}{pence // 100:,}.{pence % 100:02d}"


@settings(max_examples=80, deadline=None)
@given(MARKS, st.lists(st.tuples(NAMES, QTY, st.integers(100, 90000)), min_size=1, max_size=4),
       WIDTH, st.booleans())
def test_a_glued_mark_on_items_total_and_change_is_the_amounts(mark, items, width, on_items):
    # The mark on every amount, or on the sums only (as the Dominican slip prints).
    def money(pence: int, on: bool = True) -> str:
        return _printed(mark if on else "", pence)

    body = []
    for name, q, u in items:
        body += [cols(name, money(q * u, on_items), width), f"  {q} x {money(u, on_items)}"]
    total = sum(q * u for _, q, u in items)
    paid = (total // 100000 + 1) * 100000
    p = interpret(captured(*body, cols("Subtotal:", money(total), width),
                           cols("TOTAL:", money(total), width),
                           cols("Efectivo:", money(paid), width),
                           cols("Cambio:", money(paid - total), width)))
    assert p.total_pence == total
    assert lines(p) == [(name, q, q * u) for name, q, u in items]
    assert all(mark not in line.description for line in p.lines)
