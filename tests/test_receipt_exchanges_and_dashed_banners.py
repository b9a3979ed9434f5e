"""Which way the money went, where the last sessions left it read wrong with
no flag (KIND.md): a refund's banner and its Welsh, Irish or Scottish Gaelic
after a dash ("REFUND - AD-DALIAD") is a refund; a banner whose halves name
two operations, or a refund's half after a dash over a receipt nothing else
reads as a refund, leaves the kind unsure; an exchange ("Returned items" /
"Cookie 0.50" / "Bought" / "Pasta bake 2.30" / "TOTAL £1.80") goes the way of
its net, and a sign the paper does not settle is flagged."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import journal_tender, review_flags
from tests.test_receipt_reading import captured, lines

W = 40


def cols(left: str, right: str, width: int = W) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def pounds(pence: int) -> str:
    return f"-£{-pence / 100:.2f}" if pence < 0 else f"£{pence / 100:.2f}"


def slip(banner: str, total: int = 210) -> list[str]:
    """Cardiff's bilingual slip (holdout27's ` | `), its banner over the items."""
    return ["Receipt | Derbynneb: 4411", banner, cols("Pasta bake", f"{total / 100:.2f}"),
            cols("TOTAL | CYFANSWM", f"{total / 100:.2f}"),
            cols("Account | Cyfrif", f"{total / 100:.2f}")]


# --- a banner in two languages after a dash -------------------------------------------


@pytest.mark.parametrize("banner", ["REFUND - AD-DALIAD", "AD-DALIAD - REFUND", "AD-DALIAD",
                                    "Refund - Ad-daliad", "REFUND - AISÍOCAÍOCHT",
                                    "Aisiocaiocht - Refund", "REFUND - AIS-DHÌOLADH",
                                    "AD-DALIAD (REFUND)"])
def test_a_refund_and_its_welsh_irish_or_gaelic_after_a_dash_is_a_refund(banner):
    # GOV.UK's Welsh for a refund is "ad-daliad", Irish "aisíocaíocht",
    # Gaelic "ais-dhìoladh": both halves say refund, one banner (KIND.md)
    p = interpret(captured(*slip(banner)))
    assert (p.kind, p.total_pence, p.flags) == ("refund", -210, [])


def test_a_refunds_half_after_a_dash_over_a_receipt_read_as_a_sale_leaves_the_kind_unsure():
    # "AD-DALU" (to refund) is no banner the rules know: the dash joins two
    # languages or a title and what befell it; the paper does not say which
    p = interpret(captured(*slip("REFUND - AD-DALU")))
    assert p.kind == "refund" or "kind_unsure" in p.flags


def test_a_refunds_half_after_a_dash_over_money_going_back_says_what_was_read():
    # hc3s-primary's notice above a refund its money says (learn17)
    p = interpret(captured("MEAL CANCELLED - REFUND", cols("Lasagne", "£2.55"),
                           cols("Refund", "£2.55"), "Back to Account"))
    assert (p.kind, p.total_pence, p.flags) == ("refund", -255, [])


@pytest.mark.parametrize("banner", ["VOID / REFUND", "REFUND | VOID", "AD-DALIAD (VOID)",
                                    "VOID - AD-DALIAD", "Storno / Annullato"])
def test_halves_that_name_two_operations_leave_the_kind_unsure(banner):
    p = interpret(captured(*slip(banner)))
    assert "kind_unsure" in p.flags


def test_halves_that_name_two_operations_over_money_said_to_go_back_are_a_refund():
    # holdout14's swipe-academy: "VOID / REFUND" over "Refunded to Cash Account"
    p = interpret(captured("Receipt 35-88346", "VOID / REFUND", cols("Milk Carton", "0.45"),
                           cols("TOTAL", "0.45"), cols("Refunded to Cash Account", "0.45")))
    assert (p.kind, p.total_pence, p.flags) == ("refund", -45, [])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["REFUND", "Refund", "REFUNDED", "RETURN"]),
       st.sampled_from(["AD-DALIAD", "Ad-daliad", "AISÍOCAÍOCHT", "Ais-dhìoladh", "AD-DALU",
                        "AD DALIAD", "Arian yn ôl"]),
       st.sampled_from([" - ", " / ", " | ", "/", " – "]), st.booleans(), st.integers(5, 2000))
@example("REFUND", "AD-DALIAD", "/", True, 5)  # "AD-DALIAD/REFUND": a hyphen in the first half
@example("REFUND", "AD-DALIAD", " – ", False, 5)  # the en dash a Windows code page prints
def test_a_refunds_banner_in_two_languages_is_never_read_as_a_sale_unflagged(
        english, other, parting, other_first, total):
    banner = other + parting + english if other_first else english + parting + other
    p = interpret(captured(*slip(banner, total)))
    assert (p.kind, p.total_pence) == ("refund", -total) or review_flags(p.flags), \
        (banner, p.kind, p.flags)


# --- an exchange: items returned, items bought ------------------------------------------


def exchange(returned: list[tuple[str, str]], bought: list[tuple[str, str]], total: str,
             heading: str = "Returned items", sold: str | None = "Bought") -> list[str]:
    rows = ["THE SCHOOL CAFE", "Receipt 4410", heading]
    rows += [cols(name, amount) for name, amount in returned]
    rows += [sold] if sold else []
    rows += [cols(name, amount) for name, amount in bought]
    return rows + ["-" * W, cols("TOTAL", total), cols("Account", total)]


def test_an_exchange_whose_bought_items_are_worth_more_is_a_sale_of_the_net():
    # the cookie returned, the pasta bought: the customer pays £1.80 (fuzz28)
    for cookie in ("0.50", "-0.50"):
        p = interpret(captured(*exchange([("Cookie", cookie)], [("Pasta bake", "2.30")], "£1.80")))
        assert (p.kind, p.total_pence, journal_tender(p.tender), p.flags) == \
            ("sale", 180, "account", [])
        assert lines(p) == [("Cookie", 1, -50), ("Pasta bake", 1, 230)]


def test_an_exchange_headed_in_two_languages_is_read_the_same():
    p = interpret(captured(*exchange([("Cookie", "0.50")], [("Pasta bake", "2.30")], "£1.80",
                                     heading="AD-DALIAD | REFUND", sold="Prynwyd | Bought")))
    assert (p.kind, p.total_pence, p.flags) == ("sale", 180, [])


def test_an_exchange_whose_returned_items_are_worth_more_is_a_refund_of_the_net():
    p = interpret(captured(*exchange([("Pasta bake", "2.30")], [("Cookie", "0.50")], "£1.80",
                                     sold="New items")))
    assert (p.kind, p.total_pence, p.flags) == ("refund", -180, [])


def test_an_exchange_whose_total_is_not_its_net_leaves_the_kind_unsure():
    p = interpret(captured(*exchange([("Cookie", "0.50")], [("Pasta bake", "2.30")], "£2.80")))
    assert review_flags(p.flags)


def test_items_printed_minus_and_not_under_a_refunds_banner_leave_the_kind_unsure():
    # no heading says which items were bought: an exchange, or a refund?
    p = interpret(captured(*exchange([("Cookie", "-0.50")], [("Pasta bake", "2.30")], "£1.80",
                                     sold=None)))
    assert "kind_unsure" in p.flags


def test_a_refund_with_a_discount_under_its_banner_stays_a_refund():
    p = interpret(captured("THE SCHOOL CAFE", "*** REFUND ***", cols("Pasta bake", "2.30"),
                           cols("Staff discount", "-0.50"), cols("TOTAL", "£1.80"),
                           cols("Refunded to: Account", "£1.80")))
    assert (p.kind, p.total_pence, p.flags) == ("refund", -180, [])


PRICES = st.lists(st.integers(5, 600), min_size=1, max_size=3)


@settings(max_examples=80, deadline=None)
@given(PRICES, PRICES, st.sampled_from(["Returned items", "RETURNS", "*** REFUND ***",
                                        "Items returned", "AD-DALIAD / REFUND"]),
       st.sampled_from(["Bought", "New items", "Items purchased", "PURCHASES", "Sale items",
                        "Prynwyd | Bought", None]),
       st.booleans(), st.booleans())
@example([50], [230], "Returned items", "Bought", False, False)
@example([50], [230], "Returned items", None, True, False)
def test_an_exchange_is_read_the_way_of_its_net_or_flagged(
        back, bought, heading, sold, minus, total_minus):
    net = sum(bought) - sum(back)
    if net == 0:
        return
    returned = [(f"Returned {i}", f"{-p / 100:.2f}" if minus else f"{p / 100:.2f}")
                for i, p in enumerate(back)]
    items = [(f"Bought {i}", f"{p / 100:.2f}") for i, p in enumerate(bought)]
    total = pounds(net) if total_minus else pounds(abs(net))
    p = interpret(captured(*exchange(returned, items, total, heading, sold)))
    kind = "sale" if net > 0 else "refund"
    assert (p.kind, p.total_pence) == (kind, net) or review_flags(p.flags), \
        (heading, sold, minus, total, p.kind, p.total_pence, p.flags)
