"""A card surcharge is charged only when a card pays (TENDERS.md, "A card
surcharge says a card paid"): a tax invoice that adds one on top of its
subtotal and prints "Credit Paid" was paid by a credit card, not by the
pupil's account credit some school tills call "Credit". Without the
surcharge the word stays the site's to map, flagged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import UNMAPPED_TENDER, interpret
from tests.receipts_score import journal_tender, printed_receipt

W = 42


def _row(left: str, right: str) -> str:
    return left + " " * max(1, W - len(left) - len(right)) + right


def _aud(cents: int) -> str:
    return f"${cents // 100}.{cents % 100:02d}"


def _invoice(items: list[int], surcharge: int | None, way: str,
             surcharge_label: str = "Card Surcharge") -> object:
    """An Australian grocer's tax invoice: the items, the subtotal, the card
    surcharge on top (when given), the total, then how it was paid."""
    subtotal = sum(items)
    total = subtotal + (surcharge or 0)
    return printed_receipt(
        "HARBOUR FRESH MARKET", "TAX INVOICE - ABN 51 824 753 556",
        _row("Invoice:", "1-3-2-1000"), _row("Date:", "10/07/2026 13:11:54"), "-" * W,
        *(_row(f"Item {i + 1}", _aud(c)) for i, c in enumerate(items)), "-" * W,
        _row(f"SUBTOTAL  {len(items)} items", _aud(subtotal)),
        *([_row(surcharge_label, _aud(surcharge))] if surcharge else []),
        _row("TOTAL", _aud(total)), "-" * W, _row(way, _aud(total)),
        _row("GST Included", _aud(total // 11)), "Thank you!")


ITEMS = st.lists(st.integers(50, 5_000), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None)
@given(items=ITEMS, rate=st.sampled_from([0.01, 0.015, 0.019, 0.03]),
       label=st.sampled_from(["Card Surcharge", "Credit Card Surcharge", "EFTPOS surcharge",
                              "Card fee", "Visa surcharge", "Surcharge (Visa)"]))
def test_credit_paid_under_a_card_surcharge_is_the_card(items, rate, label):
    surcharge = max(1, round(sum(items) * rate))
    p = interpret(_invoice(items, surcharge, "Credit Paid", label))
    assert p.total_pence == sum(items) + surcharge  # the surcharge is on top, no item
    assert [ln.amount_pence for ln in p.lines] == items
    assert journal_tender(p.tender) == "card" and UNMAPPED_TENDER not in p.flags


@settings(max_examples=20, deadline=None)
@given(items=ITEMS)
def test_credit_paid_with_no_surcharge_is_left_to_the_site(items):
    # "Credit" is the pupil's account credit at some school tills: never guessed
    p = interpret(_invoice(items, None, "Credit Paid"))
    assert journal_tender(p.tender) == "credit" and UNMAPPED_TENDER in p.flags


def test_a_surcharge_that_is_no_cards_proves_nothing_about_credit():
    p = interpret(_invoice([1200, 450], 90, "Credit Paid", "Delivery surcharge"))
    assert journal_tender(p.tender) == "credit" and UNMAPPED_TENDER in p.flags


def test_a_surcharge_naming_the_card_is_a_charge_on_top_and_never_a_payment():
    p = interpret(_invoice([1850, 400], 34, "Visa", "Credit Card Surcharge"))
    assert (p.total_pence, journal_tender(p.tender), p.flags) == (2284, "card", [])
    assert len(p.tenders) == 0  # one way paid, no split with the surcharge
