"""Which receipt it is and whose account paid: receipt numbers after their
labels in the languages real tills print, a number with no label (read,
and flagged), and accounts as the numbers of pupils' and students' cards,
never their names."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured

_SALE = ("Tea   1.20", "Total   1.20", "Cash   1.20")


def read(*header: str):
    return interpret(captured(*header, *_SALE))


@pytest.mark.parametrize("printed,want", [
    ("Belegnummer: 48125", "48125"), ("Bon-Nr.: 4711", "4711"), ("Beleg-Nr 0815", "0815"),
    ("FACTURA DE VENTA No. FV30416", "FV30416"), ("Fatura No: POS-INV-2026-92661",
                                                  "POS-INV-2026-92661"),
    ("NOTA CREDITO No. FV35239", "FV35239"), ("Talão Nº 123", "123"), ("Recibo n.º 77", "77"),
    ("Ticket: #81208", "81208"), ("Scontrino N. 0042", "0042"), ("Facture 2026-0042",
                                                                 "2026-0042"),
    ("Ordine 4173 - Tavolo 12", "4173"), ("Commande n° 318", "318"), ("Orden: 5521", "5521"),
    ("Bestellung 7781", "7781"), ("Kassabon nr 40021", "40021"),
    ("Sale ref                      SC1-290911", "SC1-290911"), ("Order code: 9QX-81", "9QX-81"),
    ("Docket 00412", "00412"), ("CONSEC. NO. 001234", "001234"),
])
def test_receipt_numbers_under_their_labels_in_the_languages_tills_print(printed, want):
    p = read(printed)
    assert p.receipt_no == want and p.flags == []


def test_the_first_labelled_number_is_the_receipts_not_a_payments_reference_after_it():
    p = interpret(captured("Fatura No: POS-INV-2026-92661", *_SALE, "Ref.: WI-20260828-8276"))
    assert p.receipt_no == "POS-INV-2026-92661"


def test_a_date_is_never_the_receipts_number():
    p = read("Receipt 12/03/2026")
    assert p.receipt_no is None and p.occurred == "2026-03-12"


def test_a_ref_after_the_total_may_be_the_payments_so_it_is_flagged():
    p = interpret(captured(*_SALE, "Ref: 55667"))
    assert p.receipt_no == "55667" and p.flags == ["unsure_number"]
    p = read("Ref: 55667")  # in the header: the receipt's
    assert p.receipt_no == "55667" and p.flags == []


def test_a_number_alone_at_a_header_lines_right_is_read_and_flagged():
    p = read("REG     04-05-2026 13:39", "C03 KATE          046718")
    assert p.receipt_no == "046718" and p.flags == ["unlabelled_number"]


def test_a_labelled_number_wins_over_a_number_with_no_label_which_is_flagged_unread():
    # The other number may be a clerk's count, or an account under a label no rule knows.
    p = read("C03 KATE          046718", "Receipt No: 77")
    assert p.receipt_no == "77" and p.flags == ["unread_number"]


@pytest.mark.parametrize("line", ["Tel.          01223996425", "VAT Reg No      123456",
                                  "Postfach          64023"])
def test_a_phone_tax_or_postal_number_is_never_the_receipts(line):
    assert read(line).receipt_no is None


def test_a_number_with_no_label_after_the_items_is_no_receipt_number():
    p = interpret(captured(*_SALE, "Points           004512"))
    assert p.receipt_no is None


@pytest.mark.parametrize("printed,want", [
    ("Cashless ID                          54538", "54538"),
    ("Swipecard No                         55549", "55549"),
    ("Campus Card No 456043", "456043"), ("Member No: M1234", "M1234"),
    ("Acc ref 197338", "197338"), ("Adm No: 012345", "012345"), ("UPN: A123456789012",
                                                                 "A123456789012"),
    ("Roll No: 42", "42"), ("Member: 1234", "1234"),
    ("UCard                              3420882", "3420882"),
    ("University Card No: 3101234", "3101234"), ("College card   778812", "778812"),
    ("Learner ID: 20931", "20931"), ("Staff No   4471", "4471"), ("Employee #: E-5521", "E-5521"),
])
def test_an_account_is_the_number_of_a_pupils_or_students_card(printed, want):
    assert read(printed).account == want


@given(st.sampled_from(["Year 9", "Year 11", "Class 4B", "Reception Robins", "Form 10W"]),
       st.sampled_from(["Adm No: ", "Admission No ", "Adno ", "Pupil ID: ", "Student ID ",
                        "MIS ID: ", "UPN "]),
       st.from_regex(r"0?[1-9][0-9]{3,5}", fullmatch=True),
       st.sampled_from(["        ", "   |   ", "  "]))
def test_a_pupils_number_beside_the_year_on_one_row_is_the_account(year, label, number, gap):
    # "Year 9        Adm No: 012345": a school slip's row, the number at the right
    p = read(f"{year}{gap}{label}{number}")
    assert p.account == number and "unread_account" not in p.flags


@pytest.mark.parametrize("line", ["Year 9 Adm No: 012345", "Oak class Pupil ID 30412",
                                  "Form 7C UPN A123456789012"])
def test_a_pupils_number_printed_and_not_read_asks_a_person_to_look(line):
    # The journal would charge whoever tapped; the printed pupil was not read.
    p = read(line)
    assert p.account is None and "unread_account" in p.flags
    assert "several_accounts" not in p.flags  # one pupil's number: not two pupils'


@pytest.mark.parametrize("line", ["Table 5     Cust 3", "Till 2      Acct: ****1234",
                                  "Guests: 4    Server: Dana", "Student: Ann Lee"])
def test_a_count_a_masked_number_or_a_name_beside_other_words_is_no_account(line):
    p = read(line)
    assert p.account is None and "unread_account" not in p.flags


@given(st.sampled_from(["Student", "Pupil", "Customer", "Name", "Cashless ID", "Member No"]),
       st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz,'-", min_size=2,
               max_size=20).filter(lambda t: t.strip()))
def test_a_name_is_never_an_account(label, name):
    assert read(f"{label}    {name}").account is None


def test_what_follows_a_pupils_name_is_not_the_account():
    # "(10W)" is the form here; elsewhere it may be the account: not guessed.
    assert read("Pupil: Muhammad Ali (10W)").account is None


@pytest.mark.parametrize("line", ["Card No: **** 1234", "Card 577788", "Card Number:**** 8165"])
def test_a_bank_cards_number_is_never_an_account(line):
    assert read(line).account is None


def test_a_name_with_a_number_at_its_right_still_names_the_item_under_it():
    p = interpret(captured("Jacket potato        4011", "  2 x £2.45        4.90",
                           "Total   4.90"))
    assert [(ln.quantity, ln.amount_pence) for ln in p.lines] == [(2, 490)]
    assert p.lines[0].description.startswith("Jacket potato")
    assert p.flags == ["unlabelled_number"]


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)),
       st.sampled_from(["%d/%m/%Y", "%d-%m-%y", "%d.%m.%Y", "%Y-%m-%d"]),
       st.sampled_from(["Receipt", "Order", "Invoice No.", "Ticket #"]))
def test_a_date_after_a_numbers_label_is_never_the_number(d, shape, label):
    p = read(f"{label} {d.strftime(shape)}")
    assert p.receipt_no is None and p.occurred == d.isoformat()


@given(st.sampled_from(["Sale", "Order", "Transaction", "Ordine", "Bestellung", "Commande"]),
       st.sampled_from(["ref", "Ref.", "reference", "code"]),
       # any capitals, a currency's code among them ("IDR0-0000" is a code, not money)
       st.from_regex(r"[A-Z]{2,3}[0-9]-[0-9]{4,6}", fullmatch=True)
       .filter(lambda n: not n.startswith("NUM")))  # "NUM0-0000": "NUM" is a number's mark
@example("Sale", "ref", "IDR0-0000")
@example("Order", "code", "JPY1-12345")
def test_a_numbers_label_may_say_what_kind_of_number_follows(label, kind, number):
    p = read(f"{label} {kind}     {number}")
    assert p.receipt_no == number and p.flags == []


@given(st.sampled_from(["UCard", "University card", "Staff card", "Member card"]),
       st.from_regex(r"\*{4} ?[0-9]{4}|X{8}[0-9]{4}", fullmatch=True))
def test_a_masked_number_is_a_bank_cards_whatever_the_card_is_called(label, masked):
    assert read(f"{label}    {masked}").account is None


# A number joined to a document's own word ("INV-0000", "TKT-0000") names
# itself, whatever the unknown words before it: the test below.
_NAMES_ITSELF = ("BON-", "CHK-", "COO-", "DOC-", "FIS-", "INV-", "REF-", "TKT-", "TXN-")


@given(st.sampled_from(["Kundnr:", "Bodcard", "Loyalty ID", "Kundenkarte", "Tessera"]),
       st.from_regex(r"[A-Z]{0,3}[0-9]{4,9}|[A-Z]{1,3}-[0-9]{4,9}", fullmatch=True)
       .filter(lambda n: not n.startswith(_NAMES_ITSELF)),
       st.sampled_from([(), ("Receipt No: 77",), ("Account: 5521",)]))
def test_a_number_under_words_no_rule_knows_is_never_taken_without_a_flag(label, number, known):
    p = read(*known, f"{label}          {number}")
    assert p.account != number
    if p.receipt_no == number:  # the only number printed: read, and flagged
        assert p.flags == ["unlabelled_number"]
    else:
        assert "unread_number" in p.flags


@pytest.mark.parametrize("number", ["INV-0000", "TKT-40021", "TXN-881234"])
def test_a_number_joined_to_a_documents_word_names_itself_after_unknown_words(number):
    assert read(f"Kundnr:          {number}").receipt_no == number


@pytest.mark.parametrize("printed", ["Kund 40021 - Kassa 2", "Kassa 2 | Vendita 88410",
                                     "Kundnr:        40021"])
def test_a_number_under_unknown_words_in_one_of_a_lines_cells_is_flagged(printed):
    assert read(printed).flags == ["unread_number"]


@pytest.mark.parametrize("line", ["Terminal GR2       Op: Dev", "Till 2", "Table     12",
                                  "Tel:        01234 567890", "VAT No     GB123456789",
                                  "Date:        2026-02-16", "Date 01-Jul-2026  Time 12:58",
                                  "Cassa 1 - 01/08/2026 12:07"])
def test_short_numbers_phones_tax_numbers_and_dates_raise_no_unread_number(line):
    assert read("Receipt No: 77", line).flags == []


def test_a_number_under_unknown_words_after_the_total_is_a_payments_and_raises_nothing():
    p = interpret(captured("Receipt No: 77", *_SALE, "Auth code       483921"))
    assert p.flags == []


@pytest.mark.parametrize("hostile", ["Kundnr" + " " * 1500 + "SC1-2909!",
                                     "Kundnr " + " " * 1500 + "!1234"])
def test_a_long_run_of_spaces_before_a_code_that_is_no_code_reads_in_linear_time(hostile):
    # The tap reads bytes from the network: a header line of words, a long
    # run of spaces and figures that are no code once took 30 s to reject.
    started = time.perf_counter()
    p = read(hostile)
    assert time.perf_counter() - started < 3.0
    assert p.receipt_no is None and "unread_number" not in p.flags


@pytest.mark.parametrize("printed,want", [
    ("2026-04-13                nr wydr.215384", "215384"), ("Paragon nr 1234", "1234"),
    ("COO: 001234", "001234"), ("Účtenka: 4711", "4711"), ("No. Folio: 056612", "056612"),
])
def test_fiscal_receipts_numbers_under_their_own_labels(printed, want):
    assert read(printed).receipt_no == want


@given(st.sampled_from(["Order", "Bill No", "Pedido", "Commande", "Ordine"]),
       st.sampled_from(["Receipt", "Invoice No", "Trans #", "Ticket"]),
       st.from_regex(r"[A-Z]{2,3}-[0-9]{4,8}", fullmatch=True),
       st.from_regex(r"[0-9]{4,8}", fullmatch=True))
def test_the_receipts_own_number_wins_over_its_orders_or_bills(belongs, own, order, receipt):
    # An order or a bill may be paid on several receipts: "Order: ORD-7" then "Receipt: 81"
    p = read(f"{belongs}: {order}", f"{own}: {receipt}")
    assert p.receipt_no == receipt and p.flags == []


def test_a_payments_reference_never_outranks_the_order_number_before_it():
    assert read("Order #:   69052", "Reference:   EC349327441").receipt_no == "69052"


@pytest.mark.parametrize("title,number", [("ORDER SLIP", "O-306"), ("RECEIPT NO:", "000123"),
                                          ("Invoice", "INV-2031")])
def test_a_number_alone_under_its_label_is_the_receipts(title, number):
    # "ORDER SLIP" / "O-306" / "Bill No :S-33": the slip's own number, printed first
    p = read(title, number, "Bill No   :S-33")
    assert p.receipt_no == number


def test_a_date_alone_under_a_title_is_no_number():
    assert read("RECEIPT", "12/03/2026").receipt_no is None


@pytest.mark.parametrize("printed,want", [("Cashless A/C 37648", "37648"),
                                          ("Purse ID 5264650", "5264650"),
                                          ("Meal account no: 4410", "4410")])
def test_an_account_may_say_what_kind_of_account_it_is(printed, want):
    p = read(printed)
    assert p.account == want and "unread_number" not in p.flags


def test_a_bank_account_is_never_the_pupils():
    assert read("Bank account 12345678").account is None


@pytest.mark.parametrize("line", ["GSTIN : 27AAHFA4821K1Z3", "NIP 525-244-17-83",
                                  "CNPJ: 12.345.678/0001-90", "RFC: XAXX010101000"])
def test_a_countrys_tax_number_raises_no_unread_number(line):
    assert "unread_number" not in read(line).flags
