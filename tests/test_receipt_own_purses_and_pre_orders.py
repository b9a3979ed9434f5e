"""A purse the receipt itself proves the holder's, by its own balance
printed: a university card's money purse under a name no table knows
(`cash+  4.75` over `cash+ balance  4.64`, holdout30 lboro-diners) and a
caterer's card paying under its balance's name (`Card balance  €9.60` over
`Balance now  €19.69`, holdout30 foodex-ie) are the holder's account, as a
card with its own balance is (KIND.md, "A tender's own balance"; TENDERS.md,
"A purse that prints its own balance"). And the same canteen's other
slips: a pre-order's collection slot is a time, never an item (`PRE-ORDER
collected 13.05`), and a refund with why after a dash is what the refund
came to (`REFUND - item unavailable  -€3.80`: ITEMS.md, KIND.md)."""

from __future__ import annotations

from drivers.receipt import interpret
from drivers.receipt.stored_value import purse_paid
from tests.receipts_score import printed_receipt


def cols(left: str, right: str, width: int = 44) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


# holdout30 lboro-diners, Txn 7733 (the set's README: Loughborough's cash+
# and diners+ on the University ID card; the slip invented after its page)
HALL = ("MIDLANDS TECHNICAL UNIVERSITY", "Towers Dining Hall", cols("Txn 7733", "POS 05"),
        "Wed 01 Apr 2026 09:59")
CARD_HOLDER = "University card: 27924951"


def _hall(*paid: str, holder: str = CARD_HOLDER) -> object:
    return printed_receipt(*HALL, holder, "-" * 44, cols("Can of drink", "1.10"),
                           cols("Cookie", "0.95"), cols("3 Bottled water", "2.70"), "-" * 44,
                           cols("TOTAL", "4.75"), *paid,
                           "No card, no credit - keep your card safe")


def test_a_purse_no_table_knows_that_prints_its_own_balance_is_the_holders_account():
    p = interpret(_hall(cols("cash+", "4.75"), cols("cash+ balance", "4.64")))
    assert (p.tender, p.total_pence, p.flags) == ("account", 475, [])


def test_without_its_own_balance_or_a_holder_the_purse_stays_unread():
    # no balance under its name: a word no table knows, flagged as before
    p = interpret(_hall(cols("cash+", "4.75"), cols("Balance", "4.64")))
    assert p.tender is None and "unread_tender" in p.flags
    # no card holder named (a guest): whose purse? flagged
    p = interpret(_hall(cols("cash+", "4.75"), cols("cash+ balance", "4.64"),
                        holder="Guest / visitor"))
    assert p.tender is None and "unread_tender" in p.flags
    # paying less than the total: what paid the rest? flagged
    p = interpret(_hall(cols("cash+", "1.00"), cols("cash+ balance", "4.64")))
    assert p.tender is None and p.flags


def test_a_loyalty_schemes_balance_is_never_the_account():
    p = interpret(_hall(cols("Bonus", "4.75"), cols("Bonus balance", "12.00")))
    assert p.tender != "account" and "unread_tender" in p.flags


def test_the_meal_plan_then_the_purse_is_one_holders_account():
    # diners+ then cash+: two purses on one university card, the holder's
    # account both (the lead's ruling, holdout30's README), no split, no flag
    p = interpret(printed_receipt(
        *HALL, CARD_HOLDER, "-" * 44, cols("Diners+ Lunch", "4.95"), cols("Cookie", "0.95"),
        "-" * 44, cols("TOTAL", "5.90"), cols("diners+ (1 meal)", "4.95"), cols("cash+", "0.95"),
        cols("diners+ meals remaining", "88"), cols("cash+ balance", "4.64")))
    assert (p.tender, p.tenders, p.flags) == ("account", (), [])


# holdout30 foodex-ie, Receipt 88214 (the set's README: Food Excellence's
# contactless card and its card balance; the slip invented after its FAQ)
def _canteen(*paid: str) -> object:
    w = 42
    return printed_receipt(
        "HILLTOP FOOD CO.", "St Kevin's Community College canteen",
        cols("Receipt 88214", "POS 1", w), "26/03/2026 10:37",
        cols("Card 00412586", "Cerys Nowak", w), "5th Year", "-" * w,
        cols("Chicken wrap meal deal", "€5.00", w), cols("Fruit x2", "€1.60", w),
        cols("Water 500ml x3", "€3.00", w), "-" * w, cols("TOTAL", "€9.60", w),
        *(cols(label, amount, w) for label, amount in paid))


def test_a_card_paying_under_its_own_balances_name_is_the_holders_account():
    p = interpret(_canteen(("Card balance", "€9.60"), ("Balance now", "€19.69")))
    assert (p.tender, p.total_pence, p.flags) == ("account", 960, [])


def test_a_card_named_as_a_banks_or_a_schemes_proves_no_purse():
    # "Debit card balance", "Visa balance" at what was left to pay: a
    # bank's balance or the school's? Not the account (``own_balance``)
    assert purse_paid(("card", 960), 1969, 960, 0) == "account"
    assert purse_paid(("debit card", 960), 1969, 960, 0) == "unsure"
    assert purse_paid(("visa", 960), 1969, 960, 0) == "unsure"


def test_the_meal_plans_unit_then_the_cards_balance_is_the_account():
    # "Meal plan (1 unit)" then "Card balance": the holder's plan and card
    # money, one contract word (the lead's ruling, holdout30's README)
    p = interpret(_canteen(("Meal plan (1 unit)", "€5.00"), ("Units left", "16"),
                           ("Card balance", "€4.60"), ("Balance now", "€19.69")))
    assert (p.tender, p.tenders, p.flags) == ("account", (), [])


def test_a_pre_orders_collection_slot_is_a_time_not_an_item():
    # "PRE-ORDER collected 13.05" (the slot, 13:05) over "Ordered online":
    # click-and-collect (Food Excellence's FAQ), never a line at €13.05
    p = interpret(printed_receipt(
        "HILLTOP FOOD CO.", "St Kevin's Community College canteen",
        cols("Receipt 88213", "POS 1", 42), "20/02/2026 13:15",
        cols("Card 00417484", "Amira Price", 42), "TY", "-" * 42,
        "PRE-ORDER collected 13.05", "Ordered online 19/02 18:25",
        cols("Scone x2", "€3.00", 42), cols("Fruit", "€0.80", 42), "-" * 42,
        cols("TOTAL", "€3.80", 42), cols("Card balance", "€3.80", 42),
        cols("Balance now", "-€3.82", 42), "Credit facility used (limit EUR5.00)"))
    assert [(ln.description, ln.amount_pence) for ln in p.lines] == [("Scone", 300),
                                                                     ("Fruit", 80)]
    assert (p.total_pence, p.tender, p.flags) == (380, "account", [])


def test_a_refund_with_why_after_a_dash_is_what_the_refund_came_to():
    p = interpret(printed_receipt(
        "HILLTOP FOOD CO.", "St Kevin's Community College canteen",
        cols("Receipt 88219", "POS 2", 42), "25/06/2026 09:29",
        cols("Card 00414077", "Tomos Rees", 42), "2nd Year", "-" * 42,
        cols("Yoghurt pot x2", "€3.00", 42), cols("Fruit", "€0.80", 42), "-" * 42,
        cols("REFUND - item unavailable", "-€3.80", 42),
        cols("Back to card balance", "€3.80", 42)))
    assert (p.kind, p.total_pence, p.tender, p.flags) == ("refund", -380, "account", [])
    assert len(p.lines) == 2


def test_a_refund_credited_to_the_purse_names_it_and_the_sites_table_reads_it():
    # "Credited to cash+": the way back as printed, flagged (nothing on this
    # paper says the purse is the card's); the site's table, or a profile
    # the office's checks taught, names it the account
    from drivers.receipt import ReceiptRules

    slip = printed_receipt(*HALL, CARD_HOLDER, "-" * 44, cols("2 Chocolate bar", "1.70"),
                           "-" * 44, cols("REFUND", "-1.70"), cols("Credited to cash+", "1.70"))
    p = interpret(slip)
    assert (p.kind, p.total_pence, p.tender) == ("refund", -170, "cash+")
    assert p.flags == ["unmapped_tender"]
    p = interpret(slip, ReceiptRules(tenders=(("cash+", "account"),)))
    assert (p.kind, p.tender, p.flags) == ("refund", "account", [])
