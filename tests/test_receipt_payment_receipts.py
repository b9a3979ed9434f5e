"""Receipts with no item rows and receipts in sections, as school offices,
kitchens and canteens print them: a payment receipt's one line is what it
was paid for ("Purpose: School dinners" / "Amount Paid: GBP 6.00"), a
meal-credit ticket's is the meals bought ("Meals: 10" / "Total paid:
£23.00"); a pupil's registration number under the student's name is the
account ("Student: Amelia Nowak" / "Reg No: ADM2402"), a code under "Code"
alone is never read as one by the defaults (flagged ``unread_account``)
but a till's profile may read it; a subtotal per pupil keeps every
pupil's items; a school card's tender by its number ("Smart Card
004765") is the card's (ITEMS.md, NUMBERS.md, TENDERS.md)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import journal_tender
from tests.test_receipt_reading import captured, lines

PURPOSES = st.sampled_from(["School dinners", "Breakfast club", "Milk (half term)",
                            "After school snack", "Dinner money arrears", "Year 6 trip"])
PENCE = st.integers(50, 9999)
RULE = "-" * 32


def _money(pence: int) -> str:
    return f"{pence // 100:,}.{pence % 100:02d}"


def _office(pence: int, purpose: str, mode: str = "Cash", label: str = "Purpose") -> list[str]:
    # an office's payment receipt: the amount paid is the only money printed
    # but the balances brought and carried forward
    return ["Brookfield Primary School", RULE, "PAYMENT RECEIPT", RULE, "Receipt No: RC26004",
            "Date: 2026-02-05 15:12", RULE, "Student: Amelia  Nowak", "Reg No: ADM2402",
            f"Amount Paid: GBP {_money(pence)}", f"{label}: {purpose}", f"Mode: {mode}", RULE,
            "Balance B/F: GBP 6.75", "Balance C/F: GBP 6.75", RULE, "Thank you!"]


@settings(max_examples=60, deadline=None)
@given(PENCE, PURPOSES, st.sampled_from(["Purpose", "Being payment for", "Payment for"]))
def test_a_payment_receipt_is_one_line_for_what_it_was_paid_for(pence, purpose, label):
    p = interpret(captured(*_office(pence, purpose, label=label)))
    assert (p.total_pence, lines(p)) == (pence, [(purpose, 1, pence)])
    assert (p.account, p.receipt_no, journal_tender(p.tender)) == ("ADM2402", "RC26004", "cash")
    assert p.flags == []


def test_a_registration_number_is_the_account_only_under_the_students_name():
    text = _office(600, "School dinners")
    # a VAT registration under the name is never the pupil's; nor a
    # registration number under no name
    vat = [*text[:8], "VAT Reg No: 123456789", *text[9:]]
    assert interpret(captured(*vat)).account is None
    assert interpret(captured(*text[:7], *text[8:])).account is None


def _ticket(meals: int, pence: int, code: str = "Code: 614") -> list[str]:
    # a central kitchen's meal-credit ticket: no item row, no receipt number
    return ["CENTRAL KITCHEN", "-" * 16, "2026-09-14 16:59:37", "AMELIA NOWAK", "Year: 3",
            "Class: Willow", code, "Pupil type: Regular", "Payment: Card", "-" * 16,
            f"Meals: {meals}", f"Current credit:£{_money(pence + 115)}",
            f"Total paid: £{_money(pence)}", "-" * 16, "Thank you for your payment"]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 20), st.integers(0, 9999))
def test_meals_bought_on_a_ticket_with_no_item_row_are_its_line(meals, pence):
    p = interpret(captured(*_ticket(meals, pence)))
    assert (p.total_pence, lines(p)) == (pence, [("Meals", meals, pence)])
    # "Year: 3" is no line; "Code: 614" perhaps the pupil's: never read, held
    assert p.account is None and "unread_account" in p.flags


def test_a_count_of_meals_beside_item_rows_is_no_line():
    p = interpret(captured("Meals: 2", "Jacket potato        £2.30", "Yoghurt              £0.60",
                           "TOTAL                £2.90", "Cash                 £2.90"))
    assert lines(p) == [("Jacket potato", 1, 230), ("Yoghurt", 1, 60)]


def test_a_profile_that_reads_the_code_as_the_account_clears_the_defaults_doubt():
    # the till's samples taught the code is the pupil's: the profile reads it
    rules = rules_from_config(ReceiptConfig(templates=[ReceiptTemplate(
        "kitchen", account=r"^Code: (?P<account>\d+)$")]))
    p = interpret(captured(*_ticket(5, 1150)), rules)
    assert p.account == "614" and "unread_account" not in p.flags
    # without "Code" no number is promised: nothing held
    assert "unread_account" not in interpret(captured(*_ticket(5, 1150, "Class no 4"))).flags


def _sections(pupils: list[tuple[str, list[int]]]) -> list[str]:
    w = 48
    rows = ["ST COLMAN'S COLLEGE", "Trans: 88011   Terminal: T2", "-" * w]
    for card, prices in pupils:
        rows.append(f"Card {card}  Ciara Byrne  3rd Yr")
        rows += [f"Item {i}".ljust(w - 8) + f"{p / 100:8.2f}" for i, p in enumerate(prices)]
        rows.append("Subtotal".ljust(w - 8) + f"{sum(prices) / 100:8.2f}")
    total = sum(sum(prices) for _, prices in pupils)
    rows += ["-" * w, "TOTAL".ljust(w - 12) + f"EUR {total / 100:8.2f}"]
    rows += [f"Smart Card {card}".ljust(w - 12) + f"EUR {sum(prices) / 100:8.2f}"
             for card, prices in pupils]
    return rows


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(10, 900), min_size=1, max_size=3),
       st.lists(st.integers(10, 900), min_size=1, max_size=3))
def test_two_pupils_served_on_one_slip_keep_every_line_and_no_one_account(first, second):
    p = interpret(captured(*_sections([("004765", first), ("004875", second)])))
    assert [a for _, _, a in lines(p)] == first + second
    assert p.total_pence == sum(first) + sum(second)
    # one way (each pupil's card), two accounts: held for a person
    assert journal_tender(p.tender) == "account"
    assert p.account is None and "unread_account" in p.flags


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Pandebono", "Buñuelo", "Arepa de choclo con queso"]),
                          st.integers(1, 5), st.integers(5, 300)), min_size=1, max_size=4))
def test_a_count_row_in_whole_pesos_gives_the_name_above_its_count(rows):
    # a Colombian bakery's slip in whole pesos: the name, "3 x 12900 COP",
    # the value alone under it (the unit price after the count is an amount,
    # as after "@"; whole units are still flagged whole_amounts: ISO gives the
    # peso centavos, and a profile's samples say)
    text = ["CAFE DONDE TONO", "Recibo:                   007301",
            "Fecha:          03/06/2026 10:59", "-" * 32]
    for name, qty, unit in rows:
        text += [name, f"{qty} x {unit * 100} COP", f"{qty * unit * 100:>27} COP"]
    total = sum(qty * unit * 100 for _, qty, unit in rows)
    text += [f"TOTAL{total:>23} COP", "Pago: Tarjeta"]
    p = interpret(captured(*text))
    assert lines(p) == [(name, qty, qty * unit * 10000) for name, qty, unit in rows]
    assert p.total_pence == total * 100 and "whole_amounts" in p.flags


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 20), st.integers(0, 300))
def test_a_dinner_money_slip_totals_under_total_received(days, credit):
    # A primary office's dinner-money slip: days of meals at £2.30, the
    # credit brought forward off them, "TOTAL RECEIVED" what the office
    # took (holdout30 sefton-office: read as an item, no total, before).
    meals = days * 230
    credit = credit % meals  # (credit kept is less than the meals it pays toward)
    rows = [f"  School meals {days} @ 2.30".ljust(24) + _money(meals).rjust(8)]
    if credit:
        rows.append("Credit brought fwd".ljust(24) + ("-" + _money(credit)).rjust(8))
    p = interpret(captured("LARK LANE PRIMARY", "Dinner money - cash received",
                                 "Receipt no. 2609/010", "11/09/26 08:05", RULE, *rows, RULE,
                                 "TOTAL RECEIVED".ljust(22)
                                 + f"£{_money(meals - credit)}".rjust(10),
                                 "Paid by          Cash (envelope)",
                                 "No change given - credit kept", "for future meals"))
    assert p.total_pence == meals - credit and p.tender == "cash"
    assert [ln.amount_pence for ln in p.lines] == [meals] + ([-credit] if credit else [])
    assert not p.flags


def test_total_received_over_more_than_the_lines_is_never_trusted():
    # "Total received £14.40" then change: money handed over, not what the
    # meals came to; the arithmetic does not reconcile, so it is flagged.
    p = interpret(captured("LARK LANE PRIMARY", "Receipt no. 2609/010", "11/09/26 08:05",
                                 RULE, "  School meals 4 @ 2.30     9.20", RULE,
                                 "Total received             £14.40", "Change  5.20"))
    assert p.total_pence != 920 or p.flags
    assert p.flags
