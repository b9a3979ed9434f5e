"""Tax, totals and rounding as families (``drivers/receipt/TAX.md``): the
lines real tills print in each country, each row citing where it comes
from, and the receipt's arithmetic choosing between a tax included in the
prices and one added on top; a tax table is never items nor the total; a
total that cannot be proved is flagged, never silently read."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.facts import _ITEM, _SUBTOTAL_FACT, _TAX_FACT, _TOTAL_FACT, facts_of
from drivers.receipt.tax_lines import ASIDE, NET_ONLY, tax_row
from tests.test_receipt_money_shapes import NAMES, QTY, WIDTH, cols
from tests.test_receipt_reading import captured, lines

# (line as printed, what it is) per country; the source of each is TAX.md's row.
TAX_LINES = [
    ("MwSt A 19%  1.60", "tax"),                # de: Treatwell, VAT letter A
    ("PTU A 23,00%  1.87", "tax"),              # pl: § 22 of the 2021 regulation
    ("SUMA PTU  1.87", "tax"),                  # pl
    ("DPH 21%  289.83", "tax"),                 # cs: "vatTableIsNotTakenAsTotal"
    ("PDV 25%  20.00", "tax"),                  # hr: "Osnovica PDV 25% / PDV 25%"
    ("НДС 20%  16.67", "tax"),                  # ru: FFD tag 1199
    ("ПДВ А 20%  16.67", "tax"),                # uk: PRRO receipts
    ("ДДС Б 20%  1.67", "tax"),                 # bg: Datecs VAT groups
    ("ΦΠΑ 24%  2.40", "tax"),                   # el
    ("PVM 21%  1.74", "tax"),                   # lt
    ("ÁFA 27%  2.13", "tax"),                   # hu
    ("DDV 22%  1.80", "tax"),                   # sl
    ("IVA 22%  1.80", "tax"),                   # it: VatRate 22/10/5/4
    ("TVA 20%  0.50", "tax"),                   # fr: Simphony "TVA 20% Standard"
    ("BTW 21%  1.74", "tax"),                   # nl
    ("ALV 24%  1.94", "tax"),                   # fi
    ("KDV %10  0.91", "tax"),                   # tr
    ("PPN 11%  1.10", "tax"),                   # id
    ("VAT 12%  110.49", "tax"),                 # ph: "VAT 12%" under "VATABLE SALES"
    ("VAT 7%  40.56", "tax"),                   # th
    ("消費税  80.00", "tax"),                   # ja: 内税 / 外税
    ("부가세  9.09", "tax"),                    # ko: 공급가 / 부가세
    ("ضريبة القيمة المضافة 15%  1.50", "tax"),  # ar: ZATCA simplified invoice
    ("PVM suma  1.74", "tax"),                  # lt: the tax's own sum, no total
    ("Tax Total  1.60", "tax"),                 # en: the same
    ("Before VAT  579.49", "net"),              # th
    ("Excl. BTW  8.26", "net"),                 # nl
    ("Základ DPH  1380.17", "net"),             # cs
    ("Osnovica PDV 25%  80.00", "net"),         # hr
    ("VATable Sales  920.76", "net"),           # ph
    ("Matrah  9.09", "net"),                    # tr
    ("VAT-Exempt Sales  0.00", "aside"),        # ph: BIR exempt sales line
    ("Zero-Rated Sales  0.00", "aside"),        # ph
    ("Za platiti  100.00", "total"),            # hr: "Za platiti"
    ("Celkom s DPH  12.30", "total"),           # sk: "CELKOM S DPH"
    ("Gross  12.00", "total"),                  # a tax table's gross, the final amount
    ("Total con IVA  12.20", "total"),          # es
    ("Rundung  -0.02", "tax"),                  # ch: Odoo cash rounding to 0.05 CHF
    ("Öresavrundning  -0.40", "tax"),           # se: whole kronor since 2010
    ("Pyöristys  0.02", "tax"),                 # fi: Lemonsoft, cash to 5 cents
    ("Rounding Adj  -0.02", "tax"),             # my: Casio "Malaysian" rounding
    ("OP. GRAVADAS  S/ 7.80", "net"),           # pe: SUNAT's taxed operations over IGV
    ("Op. Gravadas (Base)  7.80", "net"),       # pe
    ("Importe Neto Gravado  100.00", "net"),    # ar: AFIP's ImpNeto
    ("Ventas gravadas  10.00", "net"),          # sv: the DTE's summary
    ("OP. EXONERADAS  S/ 0.00", "aside"),       # pe: exempt
    ("OP. INAFECTAS  0.00", "aside"),           # pe: outside the tax
    ("OP. GRATUITAS  0.00", "aside"),           # pe: goods given, no money taken
    ("Importe Neto No Gravado  0.00", "aside"),  # ar: AFIP's ImpTotConc
    ("Ventas gravadas a tasa cero  5.00", "aside"),  # bo: zero-rated
]


@pytest.mark.parametrize(("line", "what"), TAX_LINES)
def test_each_countrys_tax_total_and_net_lines_are_read_as_their_family(line, what):
    f = facts_of(line)
    if what == "tax":
        assert f.kind == _TAX_FACT
    elif what == "net":
        assert (f.kind, f.rank) == (_SUBTOTAL_FACT, NET_ONLY)
    elif what == "aside":
        assert (f.kind, f.rank) == (_SUBTOTAL_FACT, ASIDE)
    else:
        assert f.kind == _TOTAL_FACT and f.rank == 2
    assert f.kind != _ITEM


@pytest.mark.parametrize(("label", "amounts", "tax"), [
    ("A 20.00%", [1000, 200, 1200], 200),   # net, tax, gross (de/uk tax table)
    ("B = 7%", [700, 49, 749], 49),          # a band's letter and "="
    ("MwSt A 19%", [840, 160, 1000], 160),
    ("VAT 20%", [200, 1200], 200),           # tax, then gross
    ("20%", [1000, 200], 200),               # net, then tax
    ("T1 8.25%", [1000, 83], 83),            # a US register's tax band
    ("23 %", [1230, 230], 230),              # gross, then tax (sk "23 % 15,65 3,60" shape)
])
def test_a_tax_tables_row_is_read_by_its_own_arithmetic(label, amounts, tax):
    row = tax_row(label, amounts)
    assert row is not None and row.tax == tax


@pytest.mark.parametrize(("label", "amounts"), [
    ("A 20.00%", [1000, 300, 1300]),  # the rate does not make the tax: no row
    ("Coffee 20%", [1000, 200]),      # an item's name, not a band
    ("A 20%", [1000, 200, 1300]),     # net and tax do not make the gross
])
def test_a_row_whose_amounts_do_not_check_is_no_tax_row(label, amounts):
    assert tax_row(label, amounts) is None


def test_a_subtotal_the_net_and_tax_make_is_the_total_charged():
    # Thailand's abbreviated tax invoice: no "Total", the VAT included in
    # the subtotal, which the net before VAT and the VAT make to the satang.
    p = interpret(captured("Pad Thai Kung", "(2 x 65.00)               130.00",
                           "Som Tam", "(2 x 44.95)                89.90",
                           "Sub Total                 219.90",
                           "Before VAT                205.51",
                           "VAT 7%                     14.39",
                           "Pay Cash                  300.00",
                           "Change                     80.10"))
    assert p.total_pence == 21990 and p.flags == []
    assert lines(p) == [("Pad Thai Kung", 2, 13000), ("Som Tam", 2, 8990)]


@pytest.mark.parametrize(("net", "tax", "total", "value"), [
    ("4.79", "0.33", "5.12", 512),  # the tax in the prices: net and tax make the items
    ("5.12", "0.36", "5.48", 512),  # the tax on top: the items make the net
    ("2.39", "0.17", "2.56", 256),  # the tax in the prices, one line's value of 2.56
])
def test_the_net_printed_chooses_the_reading_of_a_count_and_amount(net, tax, total, value):
    # "2 x Burek 2.56": two at 2.56, or two for 2.56; the net says which.
    p = interpret(captured("2 x Burek                   2.56",
                           f"Osnovica                    {net}",
                           f"PDV 7%                      {tax}",
                           f"Ukupno                      {total}"))
    assert p.flags == [] and lines(p) == [("Burek", 2, value)]


@pytest.mark.parametrize("text", [
    # Two at 2.56 and the tax make 5.66; the net printed is one line's 2.56.
    ("2 x Chleba                  2.56", "Základ DPH                  2.56",
     "DPH 21%                     0.54", "Celkem                      5.66"),
    # Two at 2.56 make 5.12; the net and tax printed make one line's 2.56
    # (the tax in it), a "Net" the subtotal's words read too.
    ("2 x Burek                   2.56", "Net                         2.39",
     "VAT 7%                      0.17", "Total                       5.12"),
])
def test_a_reading_that_makes_the_total_but_unmakes_the_net_is_flagged(text):
    assert "total_unsure" in interpret(captured(*text)).flags


def test_a_subtotal_with_a_tax_no_net_proves_in_it_is_not_taken_for_the_total():
    # The tax may have been added on top of the subtotal and its total not
    # read: the subtotal is not what was charged unless something proves it.
    p = interpret(captured("Pad Thai Kung              130.00",
                           "Sub Total                  130.00",
                           "Before VAT                 120.00",
                           "VAT 7%                       9.10"))
    assert p.total_pence != 13000 or p.flags


def test_the_philippine_vat_block_is_never_items():
    p = interpret(captured("TISSUE INTERFOLD 150 PULLS      48.00",
                           "ZONROX BLEACH 1L                69.00",
                           "SUBTOTAL                       117.00",
                           "VATABLE SALES                  104.46",
                           "VAT-EXEMPT SALES                 0.00",
                           "VAT 12%                         12.54",
                           "TOTAL                          117.00",
                           "CASH                           200.00",
                           "CHANGE                          83.00"))
    assert p.total_pence == 11700 and p.flags == []
    assert [d for d, _q, _a in lines(p)] == ["TISSUE INTERFOLD 150 PULLS", "ZONROX BLEACH 1L"]


def test_a_tax_table_after_the_payment_is_neither_items_nor_the_total():
    # Germany: the VAT block under the payment, one row per band.
    p = interpret(captured("Brezel                  1.20 B",
                           "Kaffee                  2.80 A",
                           "Summe                   4.00",
                           "Bar                     5.00",
                           "Rückgeld                1.00",
                           "MwSt  Netto  MwSt  Brutto",
                           "A 19%  2.35  0.45  2.80",
                           "B 7%   1.12  0.08  1.20"))
    assert p.total_pence == 400 and p.flags == []
    assert lines(p) == [("Brezel", 1, 120), ("Kaffee", 1, 280)]


def test_a_headline_total_with_another_total_below_is_flagged():
    text = ["           €9.00", "           Total", " Latte              3.50",
            " Croissant          2.50", " Total              6.00", " Cash              10.00",
            " Change             4.00"]
    p = interpret(captured(*text))
    assert "total_unsure" in p.flags


def test_a_headline_total_the_total_below_confirms_is_read_once_unflagged():
    text = ["           €6.00", "           Total", " Latte              3.50",
            " Croissant          2.50", " Total              6.00", " Cash              10.00",
            " Change             4.00"]
    p = interpret(captured(*text))
    assert p.total_pence == 600 and p.flags == []


# --- the arithmetic chooses, whatever the language -----------------------------------

# (tax name, net label, total label) as tills in each country print them.
LANGS = st.sampled_from([
    ("VAT", "Net", "Total"), ("MwSt", "Netto", "Summe"), ("TVA", "Total HT", "Total TTC"),
    ("IVA", "Base imponible", "Total"), ("BTW", "Excl. BTW", "Totaal"),
    ("DPH", "Základ DPH", "Celkem"), ("PDV", "Osnovica", "Ukupno"), ("PTU", "Netto", "Razem"),
    ("ALV", "Veroton", "Yhteensä"), ("Moms", "Netto", "Totalt"), ("KDV", "Matrah", "Toplam"),
    ("VAT", "Before VAT", "Grand Total"), ("VAT", "VATable Sales", "Amount Due"),
    ("IGV", "OP. GRAVADAS", "TOTAL"), ("IVA", "Importe Neto Gravado", "Total"),
])
RATE = st.sampled_from([5, 7, 10, 12, 19, 20, 21, 23, 24])
ROUNDING = st.sampled_from([None, ("Rounding", -2), ("Rundung", 2), ("Afronding", -1)])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(50, 5000)), min_size=1, max_size=4),
       LANGS, RATE, st.booleans(), st.booleans(), ROUNDING, WIDTH)
def test_the_total_read_is_the_arithmetics_and_tax_lines_are_never_items(
        items, lang, rate, included, table, rounding, width):
    tax_name, net_label, total_label = lang
    values = [q * unit for _n, q, unit in items]
    goods = sum(values)
    if included:  # the prices hold the tax: net + tax = the items' sum
        tax = round(goods * rate / (100 + rate))
        net, gross = goods - tax, goods
    else:  # the tax added on top of the items
        tax = round(goods * rate / 100)
        net, gross = goods, goods + tax
    adjust = rounding[1] if rounding else 0
    total = gross + adjust
    money = "{:.2f}".format
    body = [cols(f"{q} x {name}", money(v / 100), width)
            for (name, q, _u), v in zip(items, values, strict=True)]
    body.append(cols(net_label, money(net / 100), width))
    body.append(cols(f"{tax_name} {rate}%", money(tax / 100), width))
    if rounding:
        body.append(cols(rounding[0], money(adjust / 100), width))
    body.append(cols(total_label, money(total / 100), width))
    if table:
        body.append(cols(f"A {rate}%", f"{money(net / 100)}  {money(tax / 100)}  "
                         f"{money(gross / 100)}", width))
    p = interpret(captured(*body))
    assert p.total_pence == total and "unparsed_receipt" not in p.flags
    assert sum(ln.amount_pence for ln in p.lines) == goods
    assert all(tax_name not in ln.description and "%" not in ln.description for ln in p.lines)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(50, 5000)), min_size=1, max_size=4),
       LANGS, RATE, st.integers(1, 500), WIDTH)
# "2 x Burek 2.56" / "Osnovica 2.56" / "PDV 7% 0.18" / "Ukupno 5.30": two at
# 2.56 and the tax make the total, and unmake the net printed (random mode).
@example([("Burek", 2, 128)], ("PDV", "Osnovica", "Ukupno"), 7, 256, 32)
def test_a_printed_total_the_arithmetic_does_not_make_is_flagged(items, lang, rate, off, width):
    tax_name, net_label, total_label = lang
    values = [q * unit for _n, q, unit in items]
    goods = sum(values)
    tax = round(goods * rate / 100)
    money = "{:.2f}".format
    body = [cols(f"{q} x {name}", money(v / 100), width)
            for (name, q, _u), v in zip(items, values, strict=True)]
    body += [cols(net_label, money(goods / 100), width),
             cols(f"{tax_name} {rate}%", money(tax / 100), width),
             cols(total_label, money((goods + tax + off) / 100), width)]
    p = interpret(captured(*body))
    assert p.flags, "a total neither the items nor the items and their tax make"


def test_a_subtotal_whose_tax_its_rate_makes_from_inside_is_the_total():
    # "VAT 20%  1.00" of a subtotal of 6.00: a sixth of it, the tax inside
    # (on top it would be 1.20); nothing else was charged.
    p = interpret(captured("Latte                       3.50",
                           "Croissant                   2.50",
                           "Subtotal                    6.00",
                           "VAT 20% incl.               1.00"))
    assert p.total_pence == 600 and p.flags == []


def test_a_subtotal_whose_tax_was_added_on_top_is_not_taken_for_the_total():
    p = interpret(captured("Latte                       3.50",
                           "Croissant                   2.50",
                           "Subtotal                    6.00",
                           "VAT 20%                     1.20"))
    assert p.total_pence != 600 or p.flags


def test_polands_taxed_sales_per_band_are_the_tax_summary_not_items():
    # Paragon fiskalny: the band's sales, its PTU, their sum, then "SUMA PLN".
    p = interpret(captured("Chleb 1 x 4,50 4,50 C",
                           "Mleko 2 x 3,20 6,40 A",
                           "Sprzedaż opodatkowana A     6,40",
                           "PTU A 23,00%               1,20",
                           "Sprzedaż opodatkowana C     4,50",
                           "PTU C 5,00%                0,21",
                           "Suma PTU                   1,41",
                           "SUMA PLN                  10,90"))
    assert p.total_pence == 1090 and "unparsed_receipt" not in p.flags
    assert sum(ln.amount_pence for ln in p.lines) == 1090


def test_a_rounded_total_under_the_exact_one_is_the_final_amount_proved_by_the_rounding():
    p = interpret(captured("Kaffe                      24.60",
                           "Bulle                      18.90",
                           "Totalt                     43.50",
                           "Öresavrundning             -0.50",
                           "Rounded total              43.00",
                           "Kontant                    50.00",
                           "Växel                       7.00"))
    assert p.total_pence == 4300 and p.flags == []


def test_a_rounded_total_no_rounding_line_explains_is_flagged():
    p = interpret(captured("Kaffe                      24.60",
                           "Bulle                      18.90",
                           "Totalt                     43.50",
                           "Rounded total              43.00"))
    assert p.flags


@pytest.mark.parametrize(("label", "amounts", "tax"), [
    ("S", [500, 100, 600], 100),          # the rate in the header: "VAT Net VAT Gross"
    ("Z", [200, 0, 200], 0),              # zero-rated band
    ("20%", [1200, 1000, 200], 200),      # the gross first
])
def test_a_rows_code_alone_or_gross_first_is_read_by_net_plus_tax(label, amounts, tax):
    row = tax_row(label, amounts)
    assert row is not None and row.tax == tax


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(50, 5000)), min_size=1, max_size=4),
       st.integers(-500, 500), st.sampled_from(["Total", "TOTAL", "Amount due", "Summe"]),
       WIDTH)
def test_a_headline_total_is_read_only_when_the_total_below_confirms_it(items, off, label,
                                                                       width):
    total = sum(v for _n, v in items)
    headline = max(1, total + off)
    money = "{:.2f}".format
    body = [f"{money(headline / 100):^{width}}", f"{label:^{width}}"]
    body += [cols(name, money(v / 100), width) for name, v in items]
    body.append(cols(label, money(total / 100), width))
    p = interpret(captured(*body))
    assert p.total_pence == total
    assert ("total_unsure" in p.flags) == (headline != total)
