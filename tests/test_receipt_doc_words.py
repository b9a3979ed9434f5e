"""What a receipt calls itself, in the languages real tills print: its own
number under the document words and number marks of many countries, refund
and void banners across languages, a loyalty scheme's points never the
receipt's number, and an ID printed under a student's or staff member's
name is that person's account (an ID under nobody's is not read)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured

_SALE = ("Tea   1.20", "Total   1.20", "Cash   1.20")


def read(*header: str, footer: tuple[str, ...] = ()):
    return interpret(captured(*header, *_SALE, *footer))


@pytest.mark.parametrize("label", [
    "Kvittering nr.", "Kvitto nr", "Kuitti nro", "Fiş No:", "FİŞ NO:", "Belge No:",
    "Adisyon No:", "Doklad č.", "Pokladní doklad č.", "Bon fiscal nr.", "Chitanță nr.",
    "Račun br.", "Чек №", "Resit No:", "No. Struk", "Resibo #", "Risiti No:", "Tran:",
    "SCONTRINO FISCALE N.", "Documento commerciale n.", "OR#", "O.R. No.", "SI No.",
    "Ticketnummer:", "Bonnr.", "Factuurnr:", "Kvitteringsnummer", "Nota de Venta N°",
    "Tiquet:", "Transacción:", "İşlem No:",
])
def test_a_receipts_number_under_the_labels_tills_print_in_many_languages(label):
    # (Swahili "Risiti No:" is "receipt number" too; what follows the word is its number.)
    p = read(f"{label} 27459", "Date: 05/11/2026 09:40")
    assert p.receipt_no == "27459", label


def test_a_number_printed_at_a_header_lines_right_after_its_mark_is_read():
    p = read("2026-11-01 10:54:18     MARIC        OR#44928")
    assert p.receipt_no == "44928"


@pytest.mark.parametrize("words", [
    "Call or text 0800 123456", "Eat in or take away 2", "Si 3 articles ou plus",
])
def test_or_and_si_as_words_label_no_number(words):
    assert read(words).receipt_no is None


@pytest.mark.parametrize("printed,number", [
    # escpos-php's college canteen slip, centred under its thanks ("TN:
    # {$transactionNumber}"); a counter's order token ("TOKEN # 007", "Token No: 45")
    ("TN: SA260001", "SA260001"), ("TN# 4410", "4410"),
    ("TOKEN # 007", "007"), ("Token No: 45", "45"), ("Token Number 118", "118"),
])
def test_a_transactions_tn_and_a_counters_token_number_the_receipt(printed, number):
    assert read(footer=("Thank you for your purchase!", printed)).receipt_no == number


@pytest.mark.parametrize("words", [
    "Nashville, TN 37201", "Memphis TN 38103", "Token: 4111000011112222", "Meal token 3",
])
def test_a_states_tn_and_a_payment_token_label_no_number(words):
    # a US address's state code, a card's payment token, a count of tokens
    assert read(footer=(words,)).receipt_no is None


@given(st.sampled_from(["Punten", "Points", "Punkte", "Puntos", "Pontos", "Punti", "Poeng",
                        "Bonus", "Stamps"]),
       st.sampled_from(["Ticket", "Receipt", "Bon", "Kvittering", "Fiş"]),
       st.integers(1, 99999))
def test_a_number_under_a_loyalty_points_label_is_never_the_receipts(points, word, n):
    p = read(footer=("Klantkaart: 6977364282", f"{points} {word}: {n}", "Nieuw saldo: 176"))
    assert p.receipt_no != str(n)


@pytest.mark.parametrize("banner", ["RETUR", "Retur", "PALAUTUS", "İADE", "ZWROT", "Vratka",
                                    "*** RETURNERING ***", "ВОЗВРАТ"])
def test_a_refund_banner_in_the_languages_tills_print(banner):
    p = interpret(captured(banner, "Kvittering nr. 76219", "Tea   1.20",
                           "TOTALT   kr -1,20", "Tilbakebetalt bankkort   1,20"))
    assert p.kind == "refund", banner


@pytest.mark.parametrize("banner", ["ANNULLATO", "Annulé", "ANULADO", "STORNIERT", "İPTAL",
                                    "*** ANNULLERT ***"])
def test_a_void_banner_in_the_languages_tills_print(banner):
    assert interpret(captured(banner, *_SALE)).kind == "void", banner


@pytest.mark.parametrize("words", ["Retur innen 30 dager", "Iade ve degisim 14 gun",
                                   "Annullato: vedi retro"])
def test_a_footer_about_returns_is_no_banner(words):
    assert read(footer=(words,)).kind == "sale"


# an account has a digit; any role a school or college till names a person by
@given(st.sampled_from(["Student", "Pupil", "Staff", "Learner", "Name", "Member"]),
       st.from_regex(r"[A-Z]?[0-9]{4,9}", fullmatch=True))
def test_an_id_under_a_persons_role_is_their_account(role, account):
    p = read("Tran: 42461   Op: KT", f"{role}: Kai Robinson", f"ID: {account}")
    assert p.account == account and p.receipt_no == "42461"
    assert "unread_number" not in p.flags


@given(st.from_regex(r"[0-9]{5,9}", fullmatch=True))
def test_an_id_under_nobodys_name_is_no_account_and_is_flagged(ident):
    p = read("Receipt 4411", "Served by: counter", f"ID: {ident}")
    assert p.account is None and "unread_number" in p.flags


# Dates as tills in these countries print them, the month a word (with the
# letters their code pages print, or without them on a till that has none).
_MONTHS_IN_WORDS = [
    ("5 Mart 2026", 3), ("3 Şubat 2026", 2), ("5 Mayıs 2026", 5), ("5 AĞUSTOS 2026", 8),
    ("5 Ekim 2026", 10), ("7 Aralık 2026", 12), ("7 Aralik 2026", 12),
    ("5. maaliskuuta 2026", 3), ("24. joulukuuta 2026", 12), ("5. října 2026", 10),
    ("5. ŘÍJNA 2026", 10), ("1. července 2026", 7), ("5 noiembrie 2026", 11),
    ("5 Desember 2026", 12), ("12 Agustus 2026", 8), ("12 Ogos 2026", 8), ("1 Julai 2026", 7),
    ("9 Hunyo 2026", 6), ("4 Septemba 2026", 9), ("4 Januarie 2026", 1), ("4 juny 2026", 6),
    ("4 augusti 2026", 8), ("4 oktober 2026", 10), ("4 desember 2026", 12),
]


@given(st.sampled_from(_MONTHS_IN_WORDS), st.integers(0, 23), st.integers(0, 59))
def test_a_date_with_its_month_in_words_reads_that_month_in_the_languages_tills_print(
        printed_month, hour, minute):
    printed, month = printed_month
    p = read(f"Tarih: {printed} {hour:02d}:{minute:02d}")
    assert p.occurred is not None, printed
    day = int(printed.split()[0].rstrip("."))
    assert p.occurred.startswith(f"2026-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"), printed


@pytest.mark.parametrize("name", ["Mart Cola", "Ekim Cay", "Nisan Burger", "Elo Tee"])
def test_a_month_word_in_an_items_name_is_no_date(name):
    p = interpret(captured("Date: 05/11/2026 09:40", f"{name}   1.20", "Total   1.20",
                           "Cash   1.20"))
    assert p.occurred.startswith("2026-11-05T09:40") and p.lines[0].description == name


@pytest.mark.parametrize("word", ["Transacción", "Transação", "Transaktion", "Transactie",
                                  "Transazione", "İşlem"])
def test_a_transaction_number_after_the_total_in_any_language_is_read_and_flagged(word):
    # a card payment's block prints its own number: the receipt's, or the payment's
    p = interpret(captured("Tea   1.20", "Total   1.20", "Card   1.20", f"  {word} 3476904829"))
    assert p.receipt_no == "3476904829" and "unsure_number" in p.flags


@pytest.mark.parametrize("printed,month,day", [
    ("2026. március 5. 14:05", 3, 5), ("Kelt: 2026. december 24. 09:00", 12, 24),
    ("2026-MAR-05 14:05", 3, 5), ("2026 május 12. 14:05", 5, 12),
])
def test_a_date_year_first_with_its_month_in_words(printed, month, day):
    assert read(printed).occurred.startswith(f"2026-{month:02d}-{day:02d}T")


@pytest.mark.parametrize("label,account", [
    ("Matric No: 2201345", "2201345"), ("Enrolment No. E22-1345", "E22-1345"),
    ("Enrollment ID 7781", "7781"),
])
def test_a_students_matriculation_or_enrolment_number_is_their_account(label, account):
    assert read(label).account == account


def test_an_enrolment_year_is_no_account():
    assert read("Enrolment: 2026").account is None


# the days a till prints for today
@given(st.dates(date(1990, 1, 1), date(2099, 12, 31)),
       st.sampled_from(["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]))
def test_a_date_under_a_students_name_is_never_their_account(day, fmt):
    assert read("Student: Kai Robinson", f"ID: {day.strftime(fmt)}").account is None


@given(st.from_regex(r"[0-9]{4,8}", fullmatch=True), st.from_regex(r"[0-9]{2,6}", fullmatch=True))
def test_two_different_numbers_under_the_receipts_own_labels_are_flagged(first, second):
    p = read(f"Receipt: {first}", f"Bon nr. {second}")
    assert p.receipt_no == first
    assert ("unsure_number" in p.flags) == (first != second)
