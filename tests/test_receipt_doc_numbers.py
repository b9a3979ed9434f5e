"""The receipt's own number as countries print it (``drivers/receipt/NUMBERS.md``):
under "number" and the document's word in either order, under a document's
type on the line above, at a line's right; in the shapes fiscal systems
give it; and never a tax, fiscal, register or phone number printed beside it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured

_SALE = ("Tea   1.20", "Total   1.20", "Cash   1.20")


def read(*header: str):
    return interpret(captured(*header, *_SALE))


@pytest.mark.parametrize("printed,want", [
    # Slovakia, eKasa: "Číslo dokladu" (number first), the doklad restarts at 1
    # (eKasa receipt type: receipt_number beside okp and uid; Act 289/2008)
    ("Číslo dokladu: 1             18.12.2026 06:37:51", "1"),
    # Czechia: "Číslo účtenky" (EET act 112/2016)
    ("Číslo účtenky: 4711", "4711"),
    # Poland: "Numer paragonu" (rozporządzenie w sprawie kas rejestrujących)
    ("Numer paragonu: 000412", "000412"),
    # Romania: "Nr. bonului" (AMEF bon fiscal)
    ("Nr. bonului: 0042", "0042"),
    # Spain: "Número de ticket" / "Nº factura", series and number (RD 1619/2012)
    ("Número de ticket: T001-000123", "T001-000123"), ("Nº factura: FS26-063292", "FS26-063292"),
    # France: "N° de ticket" (NF525 tills)
    ("N° de ticket : 000412", "000412"),
    # Italy: "Numero scontrino" (documento commerciale, DM 7/12/2016)
    ("Numero scontrino 0012-0034", "0012-0034"),
    # Russia: "Номер чека" (54-ФЗ; TerminalClient's fr_ru locale "№ док-та")
    ("Номер чека 17", "17"),
    # Ukraine: "Чек ЧК-004101", letters in Cyrillic (zstore poscheck_bill_ps.tpl)
    ("Чек ЧК-004101", "ЧК-004101"),
    # Croatia: number/premises/device (porezna-uprava.hr "Broj računa")
    ("Račun br. 1-POS1-1", "1-POS1-1"), ("Broj računa: 12/PP1/3", "12/PP1/3"),
    # Argentina: class of invoice, point of sale - number (AFIP comprobante types)
    ("Ticket Factura B Nro 0001-00001234", "0001-00001234"),
    ("Factura B N° 0003-00012345", "0003-00012345"),
    # Portugal: type code, series, "/", number on the label's line (SAF-T PT InvoiceNo)
    ("Fatura No: FS A2026/301", "FS A2026/301"),
    # Vietnam: "Số HĐ" (Decree 123/2020)
    ("Số HĐ: 0000123", "0000123"),
    # Macau / Hong Kong: "單號:" (VIVIPOS macaureceipt.tpl)
    ("單號: 1234", "1234"),
])
def test_receipt_numbers_as_countries_print_them(printed, want):
    p = read(printed)
    assert p.receipt_no == want and p.flags == []


@pytest.mark.parametrize("title,number", [
    ("FATURA SIMPLIFICADA", "FS A2026/300"),  # Portugal (SAF-T PT; ATCUD Portaria 195/2020)
    ("FATURA-RECIBO", "FR A2026/313"),  # Portugal: invoice and receipt in one document
    ("Číslo dokladu:", "000017"),  # Slovakia, the value pushed under its label
    ("Nº de ticket", "T001-000123"),  # Spain
    ("BOLETA DE VENTA ELECTRONICA", "B001-00012345"),  # Peru (SUNAT series B001, 8 digits)
    ("Номер чека:", "ЧК-17"),  # Ukraine, Russia
])
def test_a_number_under_its_documents_type_is_the_receipts(title, number):
    p = read(title, number, "ATCUD: JJ7KFS4Q-300")
    assert p.receipt_no == number and p.flags == []


@pytest.mark.parametrize("line", [
    "ATCUD: JJ7KFS4Q-300", "Kód pokladnice: 88820241187650001", "ІПН 9763784390",
    "ЄДРПОУ 40123456", "ИНН 7707083893", "OIB: 12345678901", "JIR: 9a1b2c3d-4e5f-6a7b",
    "CUIT: 30-71234567-9", "RUT: 76.123.456-7", "Terminal ID: 40012345", "ФН № 9999078900012345",
])
def test_a_fiscal_tax_or_register_code_is_never_the_receipts_number_nor_flagged(line):
    p = read(line, "Receipt No: 77")
    assert p.receipt_no == "77" and p.flags == []
    assert read(line).receipt_no is None


@pytest.mark.parametrize("header", [("Receipt No:",), ("Číslo dokladu: ----",),
                                    ("Bon-Nr.", "(Kopie)"), ("Nº de ticket", "-")])
def test_a_receipt_numbers_label_with_nothing_readable_after_it_is_flagged(header):
    p = read(*header)
    assert p.receipt_no is None and p.flags == ["unread_number"]


def test_a_number_label_read_elsewhere_raises_no_flag_for_an_empty_one():
    assert read("Receipt No:", "Order No: 4411").flags == []


def test_the_id_a_fiscal_server_gives_is_not_the_receipts_number():
    # eKasa's "ID dokladu" is the UID; the number is "Číslo dokladu"
    p = read("Číslo dokladu: 12", "ID dokladu: O-0B8E8308111376BF8AF9")
    assert p.receipt_no == "12"


def test_a_code_starting_with_a_currencys_letters_is_a_number_not_money():
    p = read("Order code  JPY1-12345")
    assert p.receipt_no == "JPY1-12345" and p.total_pence == 120 and p.flags == []


# Label families (number after the label; "number" before the document's word)
_LABEL_FIRST = ["Receipt No:", "Bon-Nr.", "Kvitto nr", "Fiş No:", "Ticket #", "Paragon nr",
                "Belegnummer:", "Scontrino N.", "Račun br.", "Чек №", "Invoice No."]
_NUMBER_FIRST = ["Číslo dokladu:", "Numer paragonu:", "Nr. bonului:", "Número de ticket:",
                 "Nº de factura", "Numero scontrino", "Номер чека", "Broj računa:",
                 "N° de ticket :", "Số hóa đơn:"]
# Number shapes fiscal systems give (``NUMBERS.md``)
_SHAPES = st.one_of(
    st.from_regex(r"[0-9]{1,8}", fullmatch=True),
    st.from_regex(r"[TBF][0-9]{3}-[0-9]{4,8}", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{8}", fullmatch=True),
    st.from_regex(r"(FS|FT|FR|NC) [A-Z][0-9]{4}/[0-9]{1,6}", fullmatch=True),
    st.from_regex(r"(ЧК|ФК|R)-[0-9]{4,6}", fullmatch=True),
    st.from_regex(r"[0-9]{1,4}-POS[0-9]-[0-9]", fullmatch=True),
)
# What sits near the number and is never it: tax, fiscal, register, phone
_NEAR = ["NIF: 514203987", "VAT Reg No   GB123456789", "Tel:  01234 567890", "ІПН 9763784390",
         "CUIT: 30-71234567-9", "Terminal ID: 40012345", "ATCUD: JJ7KFS4Q-300",
         "Kód pokladnice: 88820241187650001", "GSTIN : 27AAHFA4821K1Z3"]


@given(st.sampled_from(_LABEL_FIRST + _NUMBER_FIRST), _SHAPES,
       st.sampled_from(["line", "below", "right"]), st.sampled_from(_NEAR),
       st.booleans())
def test_a_labelled_number_is_read_wherever_it_is_printed_and_nothing_near_it_is(
        label, number, where, near, near_first):
    if where == "line":
        printed = [f"{label} {number}"]
    elif where == "below":
        printed = [label, number]
    else:
        printed = [f"{label}{' ' * 20}{number}"]
    header = [near, *printed] if near_first else [*printed, near]
    p = read(*header)
    assert p.receipt_no == number
    assert "unsure_number" not in p.flags and "unread_number" not in p.flags


@given(st.sampled_from(_NEAR), st.sampled_from(["Receipt", "Number", "Doc"]))
def test_a_tax_fiscal_or_register_number_alone_is_never_the_receipts(near, title):
    assert read(title, near).receipt_no is None
