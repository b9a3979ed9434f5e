"""A breakfast club's booking slip (holdout31 breakfast-club, safety31):
the government's childcare account by its name (`Tax-Free Childcare`) is a
way paid outside the pupil's ledger, read as printed and never a tax; a tax's
word at exactly the total, after it, is never a tax that leaves the sale
with no tender; a voucher's or a cheque's reference is not the receipt's
number, the booking's is; the week booked is not the day paid (TENDERS.md,
"Tax-Free Childcare"; NUMBERS.md, "A booking's number and a payment's
reference")."""

from __future__ import annotations

import pytest

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt


def cols(left: str, right: str, width: int = 42) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def _slip(*paid: str, booking: str = "Booking no. 26-401") -> object:
    # holdout31 breakfast-club's slip as printed, seed 11
    return printed_receipt(
        "OAKFIELD PRIMARY", "Breakfast Club & Early Birds", "", booking,
        "Week commencing: Mon 02/02/2026", "Paid at office: 28/01/2026 08:03", "-" * 42,
        "Amelia Fraser (Y1)", "  Pupil no. 2634", cols("  Breakfast Club 3 @ 1.50", "4.50"),
        "-" * 42, cols("Amount due", "£4.50"), *paid, "",
        "Breakfast served 8.00 - 8.20am")


def test_tax_free_childcare_is_read_as_printed_and_not_flagged():
    # Before: "Tax-Free Childcare" was a tax's line, the sale read as paid
    # by nothing with no flag a person reviews (9 trusted wrong).
    p = interpret(_slip(cols("Tax-Free Childcare", "4.50"), "  Voucher ref. 11077253"))
    assert p.tender is not None and p.tender.casefold() == "tax-free childcare"
    assert p.total_pence == 450 and p.flags == []


@pytest.mark.parametrize("word", ["VAT", "Tax", "Tax refund scheme"])
def test_a_tax_word_at_exactly_the_total_after_it_is_a_payment_unread(word):
    # No tax is the whole sale: words after the total that pay it exactly
    # are perhaps how it was paid, and the sale is held for a person.
    p = interpret(_slip(cols(word, "4.50")))
    assert p.tender is None and "unread_tender" in p.flags


def test_a_tax_below_the_total_is_still_a_tax():
    p = interpret(printed_receipt(
        "CAFE", "Receipt no. 1201", "28/01/2026 08:03", cols("Toastie", "4.50"),
        cols("TOTAL", "4.50"), cols("VAT included", "0.75"), cols("Cash", "4.50")))
    assert p.tender == "cash" and p.total_pence == 450 and p.flags == []
    assert [ln.description for ln in p.lines] == ["Toastie"]


def test_an_employer_childcare_voucher_is_a_voucher_for_the_site_to_map():
    p = interpret(_slip(cols("Edenred childcare voucher", "4.50"), "  Voucher ref. 12761681"))
    assert p.tender == "voucher" and "unmapped_tender" in p.flags


def test_the_booking_number_is_the_receipts_and_a_vouchers_ref_is_not():
    p = interpret(_slip(cols("Sodexo childcare voucher", "4.50"), "  Voucher ref. 12761681"))
    assert p.receipt_no == "26-401"
    assert "unsure_number" not in p.flags and "unread_number" not in p.flags
    # with no booking number printed, the voucher's reference is still not the receipt's
    p = interpret(_slip(cols("Sodexo childcare voucher", "4.50"), "  Voucher ref. 12761681",
                        booking=""))
    assert p.receipt_no is None and "unread_number" not in p.flags  # its words say whose


def test_a_cheques_number_is_no_receipt_number_left_unread():
    p = interpret(_slip(cols("Cheque", "4.50"), "  Chq no. 525704"))
    assert p.tender == "cheque" and p.receipt_no == "26-401"
    assert "unread_number" not in p.flags


def test_the_week_booked_is_not_the_day_paid():
    p = interpret(_slip(cols("Card", "4.50")))
    assert p.occurred is not None and p.occurred.startswith("2026-01-28T08:03")
    # "w/c" as the header prints it too
    p = interpret(printed_receipt(
        "OAKFIELD PRIMARY", "Booking no. 26-402", "w/c 09/02/2026",
        "Paid: 30/01/2026 08:10", cols("Breakfast Club 5 @ 1.50", "7.50"),
        cols("Amount due", "7.50"), cols("Cash", "7.50")))
    assert p.occurred is not None and p.occurred.startswith("2026-01-30T08:10")


def test_a_slots_time_and_a_rate_in_words_are_the_names_not_prices():
    # holdout31 breakfast-club: "Early Birds 7.40am" (the slot), "Family cap
    # (£3.00 a day)" (the cap): read as "Early Birds am" and "Family cap ( a
    # day)" before, with no flag
    p = interpret(printed_receipt(
        "OAKFIELD PRIMARY", "Booking no. 26-403", "Paid at office: 28/01/2026 08:03",
        "Amelia Fraser (Y1)", cols("  Breakfast Club 2 @ 1.50", "3.00"),
        cols("  Early Birds 7.40am 2 @ 1.00", "2.00"), "Zofia Fraser (Y4)",
        cols("  Breakfast Club 2 @ 1.50", "3.00"), "Cormac Fraser (R)",
        cols("  Breakfast Club 2 @ 1.50", "3.00"), cols("Family cap (£3.00 a day)", "-3.00"),
        cols("Amount due", "£8.00"), cols("Card", "8.00")))
    assert [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == [
        ("Breakfast Club", 2, 300), ("Early Birds 7.40am", 2, 200), ("Breakfast Club", 2, 300),
        ("Breakfast Club", 2, 300), ("Family cap (£3.00 a day)", 1, -300)]
    assert p.total_pence == 800 and p.tender == "card"
