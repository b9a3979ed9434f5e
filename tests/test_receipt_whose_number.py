"""Whose number and which tender: the receipt's own number, never a tax
number after a document's title, the original sale a refund undoes, nor a
card payment's transaction number when the receipt prints its own; a bank's
account is never the pupil's; tender words and kinds real tills print
(a meal voucher by its names, a free school lunch, Indonesian methods)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured

_SALE = ("Tea   1.20", "Total   1.20", "Cash   1.20")


def read(*header: str, footer: tuple[str, ...] = ()):
    return interpret(captured(*header, *_SALE, *footer))


def test_a_tax_number_after_a_documents_title_is_not_its_number():
    p = read("TAX INVOICE - ABN 51 824 753 556", "Invoice:            1-3-2-1005")
    assert p.receipt_no == "1-3-2-1005"


def test_a_refunds_own_number_not_the_original_sales():
    p = interpret(captured("*** REFUND ***", "Refund Invoice:      1-3-2-1416",
                           "Original Invoice:    1-3-2-878", "Tea   1.20",
                           "REFUND TOTAL   1.20", "Cash Refunded   1.20"))
    assert p.receipt_no == "1-3-2-1416" and p.kind == "refund"


def test_the_original_sale_alone_is_no_number_for_this_receipt():
    assert read("Original receipt: 4411").receipt_no is None


# a receipt's number has a digit (a word of letters alone is no number)
@given(st.from_regex(r"[A-F0-9]{7}[0-9]", fullmatch=True), st.integers(10 ** 9, 10 ** 10 - 1))
def test_the_receipts_own_label_wins_over_a_card_payments_transaction(own, txn):
    p = interpret(captured("Tea   1.20", "Total   1.20", "Card   1.20",
                           "  Mastercard · auth 803804", f"  Txn {txn}", "-" * 20,
                           f"Receipt {own}"))
    assert p.receipt_no == own and "unsure_number" not in p.flags


def test_a_transaction_number_after_the_total_alone_is_read_and_flagged():
    p = interpret(captured("Tea   1.20", "Total   1.20", "Card   1.20", "  Txn 3476904829"))
    assert p.receipt_no == "3476904829" and "unsure_number" in p.flags


def test_a_label_joined_to_its_digits_is_the_numbers_prefix():
    assert read("INV-26-96101         04/08/2026").receipt_no == "INV-26-96101"


def test_a_spanish_corrective_invoice_is_a_refund_under_its_own_number():
    p = interpret(captured("Factura rectificativa: R26-062988", "Rectifica a: FS26-063292",
                           "Tea   1.20", "TOTAL   1.20EUR", "Metodo: Contado"))
    assert p.receipt_no == "R26-062988" and p.kind == "refund" and p.total_pence == -120


@pytest.mark.parametrize("bank", ["Savings", "Current", "Cheque", "Deposit", "Business"])
def test_a_banks_account_number_is_never_the_pupils(bank):
    assert read(f"{bank} account 12345678").account is None
    assert read(footer=(f"Open a {bank.lower()} account today", f"{bank} account 12345678",
                        )).account is None


def test_a_pupils_meal_account_is_still_read():
    assert read("Meal account no 4411").account == "4411"


def tender(*after_total: str) -> tuple[str | None, list[str]]:
    p = interpret(captured("Tea   1.20", "Total   1.20", *after_total))
    return p.tender, p.flags


@pytest.mark.parametrize("printed", ["Ticket restaurant   1.20", "Emergency credit voucher  £1.20",
                                     "Buono pasto   1.20", "Cheque dejeuner   1.20",
                                     "Meal voucher   1.20", "TICHETE MASA   1.20"])
def test_a_meal_voucher_by_any_name_is_a_voucher_and_flagged_for_the_site_to_map(printed):
    assert tender(printed) == ("voucher", ["unmapped_tender"])


def test_a_bon_fiscals_meal_tickets_and_cash_are_two_parts():
    # (holdout17 bon-fiscal-ro: Romania's meal tickets, then cash for the rest)
    p = interpret(captured("Placinta cu branza   46.80 B", "TOTAL   46.80",
                           "TICHETE MASA   23.00", "NUMERAR   23.80"))
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [("voucher", 2300),
                                                               ("cash", 2380)]
    assert "split_tender" in p.flags


def test_a_gift_voucher_stays_a_gift_voucher():
    assert tender("Gift voucher   1.20") == ("Gift voucher", ["unmapped_tender"])


@pytest.mark.parametrize("printed,want", [
    ("Paid by: Free School Lunch   £1.20", "fsm"), ("Metode:      CASH", "cash"),
    ("Metode:      DEBIT", "card"), ("Metode pembayaran: Tunai", "cash"),
    ("CARD TYPE: DISCOVER", "card"), ("Diners Club   1.20", "card"),
])
def test_tender_words_real_tills_print(printed, want):
    assert tender(printed) == (want, [])


def test_what_became_of_a_refund_is_no_tender():
    assert tender("Cash   1.20", "Refund processed")[0] == "cash"


def test_credit_alone_is_read_as_a_tender_and_flagged_never_guessed():
    # A credit card on US and Australian tills, the account's credit on a school's.
    assert tender("Credit Paid   1.20") == ("Credit", ["unmapped_tender"])


@given(st.integers(1, 9999), st.integers(1, 9999))
def test_a_cards_brand_under_its_leg_is_no_part_of_its_own(cash, card):
    p = interpret(captured("Print   {}.{:02d}".format(*divmod(cash + card, 100)),
                           "TOTAL   {}.{:02d}".format(*divmod(cash + card, 100)),
                           "Cash    {}.{:02d}".format(*divmod(cash, 100)),
                           "Card    {}.{:02d}".format(*divmod(card, 100)),
                           "  VISA · auth 827857"))
    assert "split_unreconciled" not in p.flags
    assert {(t.tender, t.amount_pence) for t in p.tenders} == {("cash", cash), ("card", card)}


def test_a_payment_providers_leg_with_a_card_named_under_it_is_paid_by_card():
    p = interpret(captured("Print   38.50", "TOTAL   38.50", "myPOS   38.50",
                           "  girocard · auth 855468"))
    assert p.tender == "card" and p.flags == []


def test_a_providers_leg_with_nothing_named_under_it_stays_unread():
    p = interpret(captured("Print   38.50", "TOTAL   38.50", "myPOS   38.50"))
    assert p.tender is None and "unread_tender" in p.flags


@pytest.mark.parametrize("printed", ["Dayton, OH 45402", "Strathfield NSW 2135",
                                     "PIN: P051784269K", "NRT: L-712384-K",
                                     "Rectifica a: FS26-063292"])
def test_an_address_a_tax_pin_or_the_sale_corrected_is_no_unread_number(printed):
    p = read("Receipt: 4411", printed)
    assert p.receipt_no == "4411" and "unread_number" not in p.flags


@pytest.mark.parametrize("printed", ["Av. Colón 3120 - Mar del Plata",
                                     "Avenida del Libertador 2500", "Calle Las Limas 2200",
                                     "Dirección: Av. Pedro Montt, N° 2030", "Rua Augusta 1450",
                                     "Via Roma 1201", "ul. Długa 1020", "Λ. Αλεξάνδρας 1042",
                                     "Hauptstraße 1012", "Kalverstraat 1024, Amsterdam",
                                     "Storgatan 1010", "Mannerheimintie 1012"])
def test_a_streets_house_number_is_no_unread_number(printed):
    # The street's kind before its name (the Romance, Slavic and Greek
    # languages) or joined after it (Germanic, Nordic, Finnish): an address.
    p = read("Receipt: 4411", printed)
    assert p.receipt_no == "4411" and "unread_number" not in p.flags


def test_a_code_after_words_no_rule_knows_is_still_flagged():
    assert "unread_number" in read("Receipt: 4411", "Loyalty card   LC-20931").flags
    assert "unread_number" in read("Receipt: 4411", "Avocado club   2040").flags


def test_the_discounts_taken_summed_are_never_a_line():
    # "Total Discount:" sums the coupons above it, as "Total savings" does.
    p = interpret(captured("Early Bird Coupon   -2.00", "Two Egg Breakfast   17.90",
                           "Total Discount:   -2.00", "TOTAL:   15.90", "Cash:   15.90"))
    assert [ln.description for ln in p.lines] == ["Early Bird Coupon", "Two Egg Breakfast"]
    assert p.flags == []


@given(st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31)), st.integers(1, 10 ** 6),
       st.sampled_from(["{:%Y-%m-%d %H:%M:%S}", "{:%d/%m/%Y %H:%M}", "{:%d.%m.%Y}"]),
       st.sampled_from(["#", "# "]))
def test_a_hash_number_ending_the_date_and_time_row_is_the_receipts(when, order, shape, mark):
    # A Japanese POS centres "2026-07-08 12:13:58 #1000" under the header:
    # the order's number, and the date is still read.
    p = read(f"{shape.format(when)} {mark}{order}")
    assert p.receipt_no == str(order) and p.occurred is not None


def test_a_number_after_the_date_without_a_hash_mark_is_not_taken_for_the_receipts():
    assert read("2026-07-08 12:13:58 1000").receipt_no is None

