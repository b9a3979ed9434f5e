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
])
def test_a_total_is_read_under_the_labels_real_tills_print(label):
    p = interpret(captured(*ITEMS, f"{label}            £2.70"))
    assert p.total_pence == 270 and lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)]
    assert p.flags == [] and p.kind == "sale"


@pytest.mark.parametrize("label", [
    "Subtotal Base", "Zwischensumme", "enthaltene MwSt", "IVA 20%", "Impuesto", "TX1",
    "TA1", "TAX-AMT 1", "Taxable amount", "Cash Bal B/F", "Spent today",
])
def test_subtotals_taxes_and_taxed_amounts_are_never_items(label):
    p = interpret(captured(*ITEMS, f"{label}            £0.45", "Total           £2.70"))
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)] and p.flags == []


@pytest.mark.parametrize("label", ["REFUNDED", "AMOUNT CREDITED", "Refund total"])
def test_a_total_that_says_money_went_back_makes_a_refund(label):
    p = interpret(captured(*ITEMS, f"{label}         £2.70"))
    assert p.kind == "refund" and p.total_pence == -270
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)] and p.flags == []


@pytest.mark.parametrize("banner", ["*** REFUND VOUCHER ***", "STORNO", "-- Devolución --"])
def test_refund_banners_in_other_words_make_a_refund(banner):
    p = interpret(captured(banner, *ITEMS, "Total   £2.70"))
    assert p.kind == "refund" and p.total_pence == -270 and p.flags == []


@pytest.mark.parametrize("change", ["CG", "Cambio:", "Change Amount", "Rückgeld"])
def test_the_change_is_never_an_item(change):
    p = interpret(captured(*ITEMS, "Total     £2.70", "Cash   £5.00", f"{change}   £2.30"))
    assert lines(p) == [("Flat white", 1, 225), ("Cookie", 1, 45)] and p.flags == []
