"""Greece's retail documents as myDATA numbers and names them: the receipt's
number is its series and serial ("Αρ. Απόδειξης  ΑΠΥ 0418", the number
first, as Romance and Slavic labels print it), the way of payment under its
label ("Τρόπος πληρωμής: Μετρητά"), and a credit note of retail
("ΠΙΣΤΩΤΙΚΟ ΣΤΟΙΧΕΙΟ ΛΙΑΝΙΚΗΣ") is a refund, paid back as its
"Επιστροφή:" says (NUMBERS.md, TENDERS.md, KIND.md)."""

from __future__ import annotations

import pytest

from drivers.receipt import interpret
from tests.test_receipt_reading import captured

_SALE_BODY = ("Παρεχόμενη Υπηρεσία",
              "Σιδέρωμα",
              "   2 x 1.50               € 3.00",
              "Πουκάμισο                 € 2.70",
              "Ποσά",
              "Καθαρή Αξία               € 4.60",
              "Αξία Φ.Π.Α. (24%)         € 1.10",
              "Τελικό ποσό               € 5.70")


@pytest.mark.parametrize("number", ["Α 0417", "ΑΠΥ 0418"])
def test_a_greek_receipt_is_numbered_by_its_series_and_serial(number):
    p = interpret(captured("Απόδειξη Παροχής", "Υπηρεσιών Λιανικής",
                           "ΑΦΜ. 099123456 | ΔΟΥ. Ι' Αθηνών",
                           "Ημερομηνία            20/01/2026",
                           f"Αρ. Απόδειξης {number:>18}",
                           *_SALE_BODY,
                           "Τρόπος πληρωμής:         Μετρητά"))
    assert (p.receipt_no, p.kind, p.total_pence, p.tender) == (number, "sale", 570, "cash")
    assert "unread_number" not in p.flags


def test_the_serial_alone_after_the_number_first_label():
    p = interpret(captured("Αριθμός Παραστατικού: 1204", *_SALE_BODY, "Πληρωμή: Κάρτα"))
    assert (p.receipt_no, p.tender) == ("1204", "card")


@pytest.mark.parametrize("title", [("ΠΙΣΤΩΤΙΚΟ ΣΤΟΙΧΕΙΟ", "ΛΙΑΝΙΚΗΣ"),
                                   ("ΠΙΣΤΩΤΙΚΟ ΣΤΟΙΧΕΙΟ ΛΙΑΝΙΚΗΣ",)])
def test_a_greek_credit_note_of_retail_is_a_refund_paid_back_as_it_says(title):
    p = interpret(captured(*title,
                           "Αρ. Απόδειξης           ΠΣΛ 0429",
                           "Συσχετιζόμενο           ΑΠΥ 0392",
                           *_SALE_BODY,
                           "Επιστροφή:                 Κάρτα"))
    assert (p.kind, p.total_pence, p.tender, p.receipt_no) == ("refund", -570, "card",
                                                               "ΠΣΛ 0429")


def test_a_sale_receipt_title_is_no_refund():
    p = interpret(captured("Απόδειξη Λιανικής Πώλησης", *_SALE_BODY, "Πληρωμή: Μετρητά"))
    assert (p.kind, p.total_pence) == ("sale", 570)
