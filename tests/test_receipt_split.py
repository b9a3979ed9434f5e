"""A split payment read as its parts: what each tender paid, so the pupil's
account is charged its part only (issue 13)."""

from __future__ import annotations

from drivers.receipt import interpret
from tests.test_receipt_reading import captured


def parts(p) -> list[tuple[str, int]]:
    return [(t.tender, t.amount_pence) for t in p.tenders]


def test_a_free_meal_topped_up_from_the_account_is_read_as_both_parts_in_printed_order():
    p = interpret(captured("Meal deal  £3.25", "Total  £3.25", "Free meal  £2.73",
                           "Account  £0.52"))
    assert parts(p) == [("fsm", 273), ("account", 52)]
    # What a hub that knows no parts reads stays as before.
    assert p.tender == "fsm" and p.flags == ["split_tender"]


def test_the_change_comes_off_the_cash_part():
    p = interpret(captured("Pasta bake  £2.40", "Cookie  £0.85", "Total  £3.25",
                           "Account  £1.00", "Cash  £5.00", "Change  £2.75"))
    assert parts(p) == [("account", 100), ("cash", 225)]
    assert sum(t.amount_pence for t in p.tenders) == p.total_pence


def test_card_and_cash_printed_negative_are_parts_of_a_sale():
    p = interpret(captured("Main meal  £8.10", "Total    £8.10", "Cash   -£2.00",
                           "Debit Card   -£6.10", "Change Due    £0.00"))
    assert parts(p) == [("cash", 200), ("card", 610)]


def test_a_refund_in_parts_gives_back_negative_parts():
    p = interpret(captured("REFUND", "Pasta bake  £2.40", "Total  -£2.40", "Account  £1.40",
                           "Cash  £1.00"))
    assert p.kind == "refund" and parts(p) == [("account", -140), ("cash", -100)]


def test_a_tender_no_table_maps_is_a_part_as_printed_and_stays_flagged():
    p = interpret(captured("Flapjack  £5.89", "Balance due  £5.89", "Gift card payment  £5.00",
                           "AMEX ****5248   £0.89", "Total payments  £5.89"))
    assert parts(p) == [("Gift card", 500), ("card", 89)]
    assert "unmapped_tender" in p.flags and "split_tender" in p.flags


def test_parts_that_do_not_add_up_to_the_total_are_flagged_and_not_trusted():
    p = interpret(captured("Main meal  £8.10", "Total    £8.10", "Cash   £5.00",
                           "Debit Card   £3.00"))
    assert p.tenders == () and "split_unreconciled" in p.flags
    assert p.tender == "cash" and "split_tender" in p.flags


def test_a_split_tender_without_its_amount_is_flagged_not_guessed():
    p = interpret(captured("Main meal  £3.00", "Total  £3.00", "Paid by: Card",
                           "Cash  £1.00"))
    assert "split_tender" in p.flags and "split_unreconciled" in p.flags
    assert p.tenders == ()


def test_one_tender_has_no_parts_and_no_new_flag():
    p = interpret(captured("Pasta bake  £2.40", "Total  £2.40", "Cash  £5.00",
                           "Change  £2.60"))
    assert p.tender == "cash" and p.tenders == () and p.flags == []
    p = interpret(captured("Pasta bake  £2.40", "Total  £2.40", "Visa  £1.40", "Card  £1.00"))
    assert p.tender == "card" and p.tenders == () and p.flags == []

