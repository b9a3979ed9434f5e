"""A meal plan pays in meals, not money (TENDERS.md, "A meal plan's meal,
paid in meals"): a catered hall's token prints the meal's price and "Meal
plan: 1 meal", no total. The plan paid the meal's price, so the total is
what the items add up to when what the money paid leaves is the price of
as many meals as the plan paid; anything else stays unread, never guessed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.model import TenderPart
from tests.test_receipt_reading import captured, lines

W = 48


def cols(left: str, right: str) -> str:
    return left + " " * max(2, W - len(left) - len(right)) + right


def gbp(pence: int) -> str:
    return f"£{pence // 100}.{pence % 100:02d}"


def token(price: int, *rows: str, meal: str = "Dinner") -> list[str]:
    """A hall's meal token: the student, the meal and its price, then ``rows``."""
    return ["HOLLINS HALL DINING".center(W), "MEAL TOKEN".center(W), "=" * W,
            "TOKEN # 004".center(W), "-" * W, cols("Name:", "Ewan Nowak"),
            cols("ID:", "U2301981"), "-" * W, cols("Meal:", meal),
            cols("Date:", "24/03/2026"), cols("Time:", "17:07"), cols("Price:", gbp(price)),
            "-" * W, *rows, "=" * W, "Present this token at".center(W), "Thank you!".center(W),
            "-" * W, "24/03/2026, 17:07:00".center(W)]


def test_a_plans_meal_is_the_students_account_at_the_meals_price():
    p = interpret(captured(*token(540, cols("Meal plan:", "1 meal"),
                                  cols("Balance:", "131 meals"))))
    assert lines(p) == [("Dinner", 1, 540)]
    assert (p.total_pence, p.tender, p.account, p.flags) == (540, "account", "U2301981", [])


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([("Breakfast", 385), ("Lunch", 460), ("Dinner", 540)]),
       st.sampled_from([("Second main", 1, 260), ("Fruit", 2, 45), ("Soft drink", 1, 95)]))
def test_extras_paid_at_the_till_and_the_plans_meal_are_a_split(meal, extra):
    (name, price), (what, count, unit) = meal, extra
    p = interpret(captured(*token(price, cols(f"{count} x {what}", gbp(count * unit)),
                                  cols("Meal plan:", "1 meal"),
                                  cols("Paid at till (card):", gbp(count * unit)),
                                  cols("Balance:", "20 meals"), meal=name)))
    assert lines(p) == [(name, 1, price), (what, count, count * unit)]
    assert p.total_pence == price + count * unit
    assert p.tenders == (TenderPart("account", price), TenderPart("card", count * unit))


def test_a_plan_with_no_meals_left_pays_nothing_and_the_card_pays_the_meal():
    p = interpret(captured(*token(460, cols("Meal plan:", "no meals left"),
                                  cols("Paid at till (card):", "£4.60"),
                                  cols("Balance:", "0 meals"))))
    assert (p.total_pence, p.tender, p.tenders) == (460, "card", ())


def test_one_meal_cannot_pay_two_items_so_the_total_stays_unread():
    # "1 meal" with two priced rows and no money: which did the plan pay, and
    # was the other paid at all? Nothing proves a total.
    p = interpret(captured(*token(540, cols("1 x Second main", "£2.60"),
                                  cols("Meal plan:", "1 meal"), cols("Balance:", "20 meals"))))
    assert p.total_pence is None and "unparsed_receipt" in p.flags


def test_a_balance_in_meals_is_what_is_left_not_what_paid():
    p = interpret(captured(*token(540, cols("Balance:", "131 meals"))))
    assert p.total_pence is None and "unparsed_receipt" in p.flags



def test_a_cancelled_tokens_meal_returned_to_the_plan_is_a_refund_to_the_account():
    rows = token(385, cols("Returned to plan:", "1 meal"), cols("Balance:", "64 meals"),
                 meal="Breakfast")
    p = interpret(captured(*[r.replace("MEAL TOKEN", "MEAL TOKEN - CANCELLED") for r in rows]))
    assert lines(p) == [("Breakfast", 1, 385)]
    assert (p.kind, p.total_pence, p.tender, p.flags) == ("refund", -385, "account", [])
