"""Paper facts the blind sets holdout21 and holdout22 brought, read as the
paper means them (each family's doc: TENDERS.md "On the number's line",
NUMBERS.md "A refund's two numbers", KIND.md, TAX.md), and the scoreboard's
safety figures counting what the product would trust: a money field read
wrong is trusted unless a flag holds the sale for a person."""

from __future__ import annotations

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt, trusted_wrong, uncovered

QRK_ITEMS = ("Anz Artikel                            Preis  M%",
             "1   Frittatensuppe                     4,80   10",
             "------------------------------------------------",
             "                                    Gesamt: 4,80",
             "                                   MwSt 10%: 0,44")


def _qrk(number_line: str):
    return interpret(printed_receipt("Gasthaus Zur Alten Post", "Kasse: K2 Positionen: 1",
                                     number_line, "Datum: 08.06.2026 Uhrzeit: 12:28:45",
                                     *QRK_ITEMS))


def test_the_way_paid_after_the_receipts_number_is_the_tender():
    card = _qrk("Bon-Nr: 1860  - Bankomatkarte")
    assert (card.receipt_no, card.tender, card.total_pence) == ("1860", "card", 480)
    cash = _qrk("Bon-Nr: 1861 ( Kopie ) - Barzahlung")
    assert (cash.receipt_no, cash.tender) == ("1861", "cash")
    assert _qrk("Bon-Nr: 1862 - Kreditkarte").tender == "card"


def test_a_type_text_after_the_number_that_is_no_tender_is_read_as_nothing():
    p = _qrk("Bon-Nr: 1863 - Rechnung")
    assert p.receipt_no == "1863" and p.tender is None


EBM_REFUND = ("UMUSAMBI CAFE", "TIN: 108877665", "-" * 40, "REFUND",
              "REF. NORMAL RECEIPT#: 4028", "Welcome to our shop", "-" * 40,
              "Beans Cooked Plate", "-1200.00x 4.00 -4800.00B",
              "Brochette Goat", "-1500.00x 1.00 -1500.00B", "." * 40,
              "TOTAL                           -6300.00",
              "TOTAL B-18.00%                  -6300.00",
              "TOTAL TAX B                      -961.02",
              "TOTAL TAX                        -961.02", "-" * 40,
              "CASH                            -6300.00",
              "ITEMS NUMBER                           5", "-" * 40,
              "RECEIPT NUMBER:                     4102",
              "DATE:                         19/12/2026",
              "TIME:                           13:37:19")


def test_an_ebm_refund_is_never_numbered_by_the_sale_it_refers_to():
    p = interpret(printed_receipt(*EBM_REFUND))
    assert p.receipt_no == "4102"
    assert (p.kind, p.total_pence) == ("refund", -630000)


def test_a_bands_own_total_is_the_tax_summary_never_an_item():
    p = interpret(printed_receipt(*EBM_REFUND))
    assert all("TOTAL" not in ln.description for ln in p.lines)
    # the items' rows ("-1200.00x 4.00 -4800.00B", a count printed as money,
    # ITEMS.md) make the refund: its lines what was given back, its total negative
    assert [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == [
        ("Beans Cooked Plate", 4, 480000), ("Brochette Goat", 1, 150000)]
    assert p.kind == "refund" and p.total_pence == -630000


def test_an_electronic_credit_note_is_a_refund():
    p = interpret(printed_receipt(
        "                 e-CREDIT NOTE", "Section B: URA Information",
        "Document Type: Credit Note", "FDN: 325030386499", "Original FDN: 325030386481",
        "1  Nile Special        2      4,000    8,000   A",
        "Gross Amount:                          8,000 UGX", "Payment Mode:      Cash"))
    assert p.kind == "refund" and p.total_pence < 0


def test_serbias_transaction_type_says_refund_or_sale():
    def kind(rule: str) -> str:
        return interpret(printed_receipt(
            "============ ФИСКАЛНИ РАЧУН ============", rule, "Ђеврек (Е)",
            "       50,00         1            -50,00",
            "Укупан износ:                     -50,00",
            "Готовина:                         -50,00")).kind
    assert kind("-----------ПРОМЕТ РЕФУНДАЦИЈА-----------") == "refund"
    assert kind("-----------PROMET REFUNDACIJA-----------") == "refund"


# The scoreboard: what is trusted wrong, and what no flag covers.
TRUE = {"total": 480, "lines": [], "number": "1860", "tender": "card", "kind": "sale",
        "date": None, "account": None}


def test_a_tender_read_as_nothing_where_the_paper_prints_one_is_trusted_wrong():
    read = {**TRUE, "tender": None}  # the journal would fill in its default
    assert trusted_wrong(read, TRUE, [])
    assert trusted_wrong(read, TRUE, ["unread_number"])  # a flag that holds nothing
    assert not trusted_wrong(read, TRUE, ["unread_tender"])  # a person reviews it
    assert uncovered(read, TRUE, ["unsure_number"]) == ["tender"]


def test_a_number_or_lines_flag_covers_its_own_field_and_no_money():
    assert uncovered({**TRUE, "number": "4028"}, TRUE, ["unsure_number"]) == []
    assert uncovered({**TRUE, "number": "4028"}, TRUE, ["lines_ambiguous"]) == ["number"]
    assert uncovered({**TRUE, "total": 1000}, TRUE, ["lines_ambiguous"]) == ["total"]
    assert not trusted_wrong({**TRUE, "number": "4028"}, TRUE, [])
    assert trusted_wrong({**TRUE, "kind": "refund"}, TRUE, ["unsure_date"])


def test_an_unknown_label_after_the_tax_holding_the_total_plus_the_tax_is_flagged():
    p = interpret(printed_receipt(
        "HOA DON BAN LE", "Tra dao cam sa", "  3 ly x 35.000 ₫                      105.000 ₫",
        "Sua tuoi Vinamilk 1L", "  2 hop x 32.000 ₫                      64.000 ₫",
        "TONG CONG:                             169.000 ₫",
        "VAT (10%):                              16.900 ₫",
        "THANH TIEN:                            185.900 ₫"))
    # 169.000 or 185.900 charged? The paper does not say in words the rules know.
    assert p.total_pence == 18590000 or "total_unsure" in p.flags


def _greek(title: str, paid: str):
    return interpret(printed_receipt(
        *title.split("/"), "Αρ. Απόδειξης           ΠΣΛ 0429", "Σιδέρωμα",
        "   4 x 1.50             EUR 6.00", "Ποσά",
        "Καθαρή Αξία             EUR 4.84", "Αξία Φ.Π.Α. (24%)       EUR 1.16",
        "Τελικό ποσό             EUR 6.00", paid))


def test_a_greek_retail_credit_note_is_a_refund_paid_back_the_way_it_says():
    p = _greek("ΠΙΣΤΩΤΙΚΟ ΣΤΟΙΧΕΙΟ/ΛΙΑΝΙΚΗΣ", "Επιστροφή:                 Κάρτα")
    assert (p.kind, p.total_pence, p.tender) == ("refund", -600, "card")
    sale = _greek("Απόδειξη Παροχής/Υπηρεσιών Λιανικής", "Τρόπος πληρωμής:         Μετρητά")
    assert (sale.kind, sale.total_pence, sale.tender) == ("sale", 600, "cash")
