"""A refund's way back in other languages than English (refunds31): the
payment's line saying the money went back by a way the tables know is a
refund by that way; a title that says what the document is (a debit note,
a sale's fiscal document, a credit note, a void) decides the kind first,
and a way back under a charging title is flagged, never trusted. And
Irish tender words. Each word's source is cited in drivers/receipt/KIND.md
("A way back in other languages") and TENDERS.md ("Irish"). Receipts are
printed by python-escpos and decoded by our decoder."""

from __future__ import annotations

import pytest

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt, review_flags

CAFETERIA = ("CAFETERÍA ESCOLAR", "Ticket: 076116", "Fecha: 12/10/2026",
             "1 Bocadillo        2.10", "1 Zumo naranja     0.70", "TOTAL        2.80")


def _read(*tail: str):
    return interpret(printed_receipt(*CAFETERIA, *tail))


@pytest.mark.parametrize("way, tender", [
    # Spanish: a till's refund method, "Devolución a Tarjeta" beside "Efectivo"
    ("DEVOLUCIÓN A TARJETA   2.80", "card"), ("Reembolso en efectivo   2.80", "cash"),
    # German: a till's booking "Rückerstattung bar an der Kasse"
    ("Erstattung bar   2.80", "cash"), ("Rückerstattung bar   2.80", "cash"),
    ("Erstattung auf Karte   2.80", "card"),
    # Danish: "tilbagebetalt til" (paid back to)
    ("Tilbage til Dankort   2.80", "card"), ("Tilbagebetalt kontant   2.80", "cash"),
    ("Retur til Dankort   2.80", "card"),
    ("Remboursement espèces   2.80", "cash"), ("Remboursé sur carte   2.80", "card"),
    ("Rimborso contanti   2.80", "cash"), ("Rimborsato su carta   2.80", "card"),
    ("Terugbetaald contant   2.80", "cash"),
    ("Estorno em dinheiro   2.80", "cash"), ("Estorno no cartão   2.80", "card"),
    # Welsh "Ad-daliad" (refund) with "arian parod" (cash), "i'r cerdyn" (to the card)
    ("Ad-daliad arian parod   2.80", "cash"), ("Ad-daliad i'r cerdyn   2.80", "card"),
    # under the payment's label, the way back after it
    ("Zahlungsart: Erstattung bar", "cash"), ("Forma de pago: Devolución a tarjeta", "card")])
def test_a_way_back_in_another_language_is_a_refund_by_that_way(way, tender):
    # Read as a sale paid that way before, with no flag: a parent charged.
    p = _read(way)
    assert (p.kind, p.total_pence, p.tender) == ("refund", -280, tender)
    assert not review_flags(p.flags)


@pytest.mark.parametrize("way", ["Reembolso a la cuenta   2.80", "Tilbage til konto   2.80",
                                 "Aisíocaíocht airgid   2.80", "Zwrot na kartę   2.80"])
def test_a_way_back_to_a_way_no_table_knows_is_flagged(way):
    # The account in Spanish or Danish, "airgid" (money's: not "airgead
    # tirim", cash), Polish "kartę": no table reads the way; flagged, never
    # a sale by a guessed way.
    assert review_flags(_read(way).flags)


def test_the_change_under_a_word_for_returned_alone_is_no_refund():
    # Danish "Retur" alone under cash handed over: the change given back.
    p = _read("Kontant   5.00", "Retur   2.20")
    assert (p.kind, p.total_pence, p.tender) == ("sale", 280, "cash")


def test_a_deposits_money_back_on_a_sales_line_is_no_refund():
    # "Erstattung Pfand" (a bottle deposit's money back) names no way paid.
    p = _read("Erstattung Pfand  -0.25", "Bar   2.55")
    assert p.kind == "sale"


@pytest.mark.parametrize("title", ["Nota de Débito de e-Ticket", "NOTA DE DEBITO",
                                   "Nota di debito", "Note de débit", "DEBIT NOTE", "Debetnota",
                                   "e-Ticket", "FACTURA B"])
def test_a_way_back_under_a_title_that_charges_is_flagged(title):
    # The title says the document charges (a debit note; a sale's own
    # fiscal document, whose refund has another name), a line that money
    # went back: the title decides the kind first, and the contradiction is
    # flagged, never a trusted refund nor a trusted sale.
    p = interpret(printed_receipt("CAFÉ TABARÉ", title, *CAFETERIA[1:],
                                  "Devuelto en efectivo   2.80"))
    assert p.kind == "sale" and "kind_unsure" in p.flags


@pytest.mark.parametrize("title", ["Nota de Débito de e-Ticket", "e-Ticket"])
def test_a_title_that_charges_over_a_sale_is_a_sale_as_before(title):
    p = interpret(printed_receipt("CAFÉ TABARÉ", title, *CAFETERIA[1:], "Efectivo   2.80"))
    assert (p.kind, p.total_pence, p.tender) == ("sale", 280, "cash")
    assert not review_flags(p.flags)


def test_a_way_back_under_a_credit_notes_title_is_its_refund():
    p = interpret(printed_receipt("CAFÉ TABARÉ", "Nota de Crédito de e-Ticket", *CAFETERIA[1:],
                                  "Devuelto en efectivo   2.80"))
    assert (p.kind, p.total_pence, p.tender) == ("refund", -280, "cash")
    assert not review_flags(p.flags)


def test_a_way_back_under_a_void_banner_is_the_void():
    p = interpret(printed_receipt(*CAFETERIA[:3], "*** ANULADO ***", *CAFETERIA[3:],
                                  "Devolución a tarjeta   2.80"))
    assert p.kind == "void"


@pytest.mark.parametrize("way, tender", [("Cárta   2.80", "card"), ("CÁRTA   2.80", "card"),
                                         ("Cárta creidmheasa   2.80", "card"),
                                         ("Cárta bainc   2.80", "card"),
                                         ("Airgead tirim   2.80", "cash"),
                                         ("Modh íocaíochta: Cárta", "card")])
def test_irish_ways_of_paying_are_read(way, tender):
    # UNCL 4461's payment means in Irish: "Airgead tirim" (cash), "Cárta
    # bainc" (bank card), "Cárta creidmheasa" (credit card); "Cárta" alone
    # a card (an Irish phrase list's Card, a lesson's "Cárta nó airgead
    # tirim?"). "Cárta" read no tender and no flag before.
    p = _read(way)
    assert (p.kind, p.total_pence, p.tender) == ("sale", 280, tender)
    assert not review_flags(p.flags)


@pytest.mark.parametrize("way, tender", [
    ("Devolución a tarjeta  2,80 €", "card"),  # the currency's mark after the amount
    ("ESTORNO NO CARTÃO     2.80 руб.", "card"),  # ... or its word
    ("Paid by          Erstattung bar (envelope)", "cash")])  # a note in brackets
def test_a_way_back_abroad_with_more_after_it_is_still_a_refund(way, tender):
    # The profile red team's last refund_abroad mutants (seed 5): the way
    # back read, the refund not, with no flag.
    p = _read(way)
    assert (p.kind, p.total_pence, p.tender) == ("refund", -280, tender)


def test_a_way_back_abroad_over_a_cards_last_digits_is_a_refund():
    # "Tilbage til Dankort  8808": the card's last four where an amount would
    # stand, as "Refund to card  8808" (a kiosk's slip, holdout16's shape).
    p = interpret(printed_receipt(
        "NORTHSIDE COFFEE CO", "Order #: K001", "Breakfast Burrito                    $9.25",
        "TOTAL:                               $9.25", "-" * 42, "PAYMENT:",
        "Tilbage til Dankort  8808", "Status: APPROVED"))
    assert (p.kind, p.total_pence, p.tender) == ("refund", -925, "card")


def test_a_way_back_under_a_fiscal_receipts_sale_operation_is_flagged():
    # "КАССОВЫЙ ЧЕК / ПРИХОД" (54-ФЗ: a sale) over a way back: the title
    # decides first, the contradiction is flagged.
    p = interpret(printed_receipt(
        "ООО \"УЛЫБКА ПЛЮС\"", "КАССОВЫЙ ЧЕК / ПРИХОД", "1 шт. x 280.00       280.00 руб.",
        "ИТОГ: 280.00 руб.", "ESTORNO NO CARTÃO     280.00 руб."))
    assert p.kind == "sale" and "kind_unsure" in p.flags
