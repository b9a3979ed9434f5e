"""A Welsh-first slip that prints each label's English after " - "
("CYFANSWM - TOTAL  £13.50", "Arian parod - Cash", "Cyfrif - Account:
66137") reads either half, as with "/", "|", brackets or the row beneath; a
dash inside one language's label ("Account credit - cheque") splits
nothing. Two pupils' numbers under one label ("Admission No.: 2956 / 2313")
are no one account, flagged, and a profile learnt from one-child slips
keeps that doubt; a refund's way after the payment's label ("Method: Cash
refund", "Method: Refund to card") is how the money went back (NUMBERS.md,
TENDERS.md)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from drivers.receipt.bilingual import one_language
from tests.receipts_score import journal_tender
from tests.test_receipt_reading import captured, lines


def cols(left: str, right: str, width: int = 48) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def pounds(pence: int) -> str:
    return f"£{pence // 100}.{pence % 100:02d}"


MEALS = st.lists(st.tuples(st.sampled_from(["Cinio ysgol - School dinner",
                                            "Clwb brecwast - Breakfast club",
                                            "Llaeth CA2 - KS2 milk"]),
                           st.integers(1, 10), st.integers(10, 300)),
                 min_size=1, max_size=3, unique_by=lambda m: m[0])


@settings(max_examples=60, deadline=None)
@given(MEALS, st.integers(10000, 99999), st.sampled_from(["cash", "card"]),
       st.integers(0, 1000))
def test_a_welsh_label_then_its_english_after_a_dash_reads_as_the_english(
        meals, account, way, extra):
    total = sum(q * u for _, q, u in meals)
    paid = [cols("Arian parod - Cash", pounds(total + extra))] + (
        [cols("Newid - Change", pounds(extra))] if extra else []) if way == "cash" \
        else [cols("Cerdyn - Card", pounds(total))]
    p = interpret(captured("CYNGOR GWYNEDD - GWYNEDD COUNCIL", "Derbynneb - Receipt: 2040",
                           "Dyddiad - Date: 01/10/2026  14:42",
                           "Disgybl - Pupil: Lowri Fraser  Bl - Yr 5",
                           f"Cyfrif - Account: {account}", "-" * 48,
                           *(cols(f"{n} {q} x {u / 100:.2f}", f"{q * u / 100:.2f}")
                             for n, q, u in meals),
                           "-" * 48, cols("CYFANSWM - TOTAL", pounds(total)), *paid,
                           "Diolch - Thank you"))
    assert p.total_pence == total and journal_tender(p.tender) == way
    assert p.account == str(account) and p.receipt_no == "2040" and p.flags == []
    # an item's name in two languages stays whole, as printed
    assert lines(p) == [(n, q, q * u) for n, q, u in meals]


@pytest.mark.parametrize("printed", ["Account credit - cheque              20.00",
                                     "Purpose: Refund - dinners not taken",
                                     "Bon-Nr: 1860  - Bankomatkarte",
                                     "Meal deal - wrap+drink  £2.80"])
def test_a_dash_inside_one_languages_label_is_no_second_language(printed):
    # (what follows the dash is lower case, a number comes first, or neither
    # half is a label: one label and what it is for)
    assert one_language(printed) == [] or not any(
        h.lower().startswith(("cheque", "dinners", "bankomatkarte")) for h in one_language(printed))


@pytest.mark.parametrize("row", ["CREDIT - CHEQUE RECEIVED", "Account credit - cheque"])
def test_a_credit_paid_in_by_cheque_stays_the_line_it_is(row):
    # (both halves read as ways paid, and not one way in two languages: a
    # label and what it is for, never either half alone)
    p = interpret(captured("Rcpt 31203", "Swipe card 771723", cols(row, "£50.00", 42),
                           "-" * 42, cols("TOTAL", "£50.00", 42), cols("Cheque", "£50.00", 42)))
    assert lines(p) == [(row, 1, 5000)] and p.total_pence == 5000


def _office_slip(no: int, students: str, numbers: str, purpose: str, amount: str,
                 method: str) -> object:
    """A primary office's dinner-money slip (a school fee portal's thermal receipt)."""
    return captured("HOLLYBANK PRIMARY SCHOOL", "Dinner Money Receipt", "=" * 32, "",
                    f"Receipt No.: DM-{no:05d}", "Date: 27-03-2026", f"Student: {students}",
                    f"Admission No.: {numbers}", "", "-" * 32, f"Purpose: {purpose}",
                    f"Amount: {amount}", f"Method: {method}", "-" * 32, "Thank You!",
                    "For Payment", "(Original Receipt)", "=" * 32)


def _office_rules() -> object:
    """The rules with a profile learnt from five one-child card slips."""
    samples = [(400 + i, f"Ella Hughes{i}", str(3400 + i), 1140 + 50 * i) for i in range(5)]
    profile = learn([_office_slip(n, s, a, "School dinners 10 days", pounds(t), "Card")
                     for n, s, a, t in samples], ReceiptConfig(),
                    truths=[Truth(total=t, tender="card", receipt_no=f"DM-{n:05d}",
                                  when="2026-03-27", account=a, kind="sale",
                                  lines=[("School dinners 10 days", 1, t)])
                            for n, _s, a, t in samples])
    return rules_from_config(profile.config(ReceiptConfig()))


def test_two_pupils_numbers_under_one_label_are_no_one_account_even_under_a_profile():
    two = _office_slip(413, "Tomasz & Lowri Reid", "2956 / 2313", "School dinners 10 days",
                       "£11.40", "Card")
    rules = _office_rules()
    assert interpret(_office_slip(420, "Ella Hughes", "3491", "School dinners 10 days",
                                  "£6.20", "Card"), rules).account == "3491"
    for read in (interpret(two), interpret(two, rules)):
        assert read.account is None
        assert {"unread_account", "several_accounts"} <= set(read.flags)


@pytest.mark.parametrize(("method", "way"), [("Cash refund", "cash"), ("Refund to card", "card"),
                                              ("Card refund", "card")])
def test_a_refunds_way_after_the_payments_label_is_the_tender(method, way):
    slip = _office_slip(419, "Tomasz Evans", "3340", "Refund - dinners not taken", "-£4.80",
                        method)
    assert journal_tender(interpret(slip).tender) == way
    # a profile whose samples were card sales never takes it for no tender
    read = interpret(slip, _office_rules())
    assert journal_tender(read.tender) == way or "unread_tender" in read.flags
