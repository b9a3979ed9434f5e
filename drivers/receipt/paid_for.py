"""What a receipt that prints no item rows says was bought: a payment's
purpose ("Purpose: School dinners", "Being payment for: Trip"), or a
count of meals or tickets bought ("Meals: 10", "No. of meals: 5"). Its
one line, for the amount the receipt says was paid (``settle``; ITEMS.md,
"A payment receipt's one line"). And the meals a meal plan paid ("Meal
plan: 1 meal", ``plan_drawn``; TENDERS.md)."""

from __future__ import annotations

import functools
import re

from drivers.receipt.vocabulary import Vocabulary

# What a payment was for, under the words receipt books and school and
# office payment receipts print before it: "Purpose:" (an education
# centre's payment receipt through escpos-php), "Being payment for:" and
# "In payment for" (receipt vouchers in the UK, Nigeria and Kenya),
# "Payment for:", "In respect of:"; a kiosk's payment slip's one "SERVICE :"
# row (a student kiosk's slip code prints the service paid for there, by
# default "Store Purchase": the index's file 69829010743; holdout27
# kiosk-ea), never how a meal was served ("Service: Dine in", "Take away").
# The colon is needed: "Payment for goods" in a footer's sentence is no label.
_PURPOSE = re.compile(r"^(?:purpose(?:\s+of\s+payment)?|(?:being\s+|in\s+)?payment\s+for|"
                      r"(?:being\s+)?for(?:\s+payment\s+of)?|in\s+respect\s+of|"
                      r"service(?=\s*:\s*(?!(?:dine|eat|take|table|counter|delivery|"
                      r"collect\w*|drive|bar|self)\b)))"
                      r"\s*:\s*(?P<what>[^\W\d_].{0,60})$", re.I)
# A count of meals (or tickets, vouchers) bought, its word then the count
# alone: a meal-credit or ticket sale prints no item row ("N° Comidas: 10",
# a school dining room's ticket through escpos-php; "Meals: 10"; "No. of
# lunches: 5"). Never an items count ("Items: 3": the lines'), nor a year,
# class or table ("Year: 3"): only the things such a sale sells.
_COUNT_BOUGHT = re.compile(r"^(?:(?:no\.?|number|n[°º])\s+of\s+)?"
                           r"(?P<what>(?:school\s+)?(?:meals?|lunch(?:es)?|dinners?|breakfasts?|"
                           r"tickets?|meal\s+(?:credits?|tickets?|vouchers?)))"
                           r"\s*:?\s*(?P<qty>\d{1,3})$", re.I)
# A meal plan's draw, counted in meals, as the way a meal was paid: a catered
# hall's token ("Meal plan:  1 meal"; the LIMHS cafeteria's token counts the
# plan's "Balance: N meals"), a US college's "one swipe as payment" ("Meal
# swipe: 1 swipe"), and a plan with none left ("Meal plan: no meals left"):
# its label (the plan by name) and the meals it paid, never a balance
# ("Balance: 20 meals": what is left) nor money. A cancelled token's meal
# goes back the same way ("Returned to plan: 1 meal"): a refund to the plan.
_PLAN_DRAWN = re.compile(r"^(?:(?P<plan>(?:meal|dining|board)\s+plan|meal\s+swipes?)|"
                         r"(?:returned|credited|refunded|back)\s+to\s+(?:the\s+)?"
                         r"(?P<back>(?:(?:meal|dining|board)\s+)?plan))\s*:?\s*"
                         r"(?:(?P<n>\d{1,2})\s+(?:meals?|swipes?)(?:\s+used)?|"
                         r"(?P<none>no\s+(?:meals?|swipes?)\s+(?:left|remaining)|"
                         r"0\s+(?:meals?|swipes?)(?:\s+(?:left|remaining))?))$", re.I)
# A payment slip's one sum under the bare word "Amount", its colon
# printed: a school admin portal's thermal fee receipt ("Purpose:" /
# "Amount: Rs. 1,140.00" / "Method:"), receipt books and vouchers ("Received
# from" / "Being payment for:" / "Amount:"). On a slip that names what was
# paid for and prints no item row, it is the sum paid (ITEMS.md, "A payment
# receipt's one line"); elsewhere "Amount" heads a column or a card slip's
# copy of the charge, and is set aside as before.
_SLIP_AMOUNT = re.compile(r"^amount\s*:\s*[-(£€$\d]", re.I)
_WORDS = Vocabulary("paid for", (_PURPOSE, _COUNT_BOUGHT, _PLAN_DRAWN))
_SLIP_WORDS = Vocabulary("slip amount", (_SLIP_AMOUNT,))


@functools.lru_cache(maxsize=1024)  # asked of every label line of every receipt
def paid_for(line: str) -> tuple[str, int] | None:
    """What ``line`` (normalised, no amount on it) names as bought: the
    purpose a payment was for, one of it; or a count of meals or tickets,
    as its word and how many. None when it names neither."""
    if not _WORDS.may_answer(line):
        return None
    if (m := _PURPOSE.match(line)) is not None:
        return m["what"].strip(), 1
    if (m := _COUNT_BOUGHT.match(line)) is not None and int(m["qty"]) > 0:
        return m["what"], int(m["qty"])
    return None


@functools.lru_cache(maxsize=1024)  # asked of every label line of every receipt
def plan_drawn(line: str) -> tuple[str, int, bool] | None:
    """The meal plan ``line`` (normalised, no amount on it) says paid, by
    its label, how many meals it paid, and whether they went back to it on
    a refund ("Meal plan: 1 meal": ("Meal plan", 1, False); "Meal plan: no
    meals left": none; "Returned to plan: 1 meal": ("Meal plan", 1, True),
    a plan counted in meals). None when it says neither (TENDERS.md, "A
    meal plan's meal, paid in meals")."""
    if not _WORDS.may_answer(line) or (m := _PLAN_DRAWN.match(line)) is None:
        return None
    meals = 0 if m["none"] else int(m["n"])
    if m["back"] is None:
        return m["plan"], meals, False
    return ("Meal plan" if m["back"].casefold() == "plan" else m["back"]), meals, True


def slip_amount(line: str) -> bool:
    """Whether ``line`` (normalised) is a payment slip's bare "Amount:" and
    its money: the sum paid where the slip names what it was
    paid for and prints no item row (``settle._paid_for_line``)."""
    return _SLIP_WORDS.may_answer(line) and _SLIP_AMOUNT.match(line) is not None
