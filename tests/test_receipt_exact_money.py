"""Money handed over with no word for how it was paid: change counted back
is cash's alone, but the total handed over exactly ("Received 3,000" /
"Change 0") is cash with nothing to give back or a card's amount a till
prints the same way (Floreant's "Tendered" / "Change 0.00" under a card
sale). Never read as a tender and never silent: flagged ``unread_tender``."""

from __future__ import annotations

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import decode
from tests.test_receipt_money_shapes import NAMES, WIDTH, cols
from tests.test_receipt_reading import captured

# What tills print for the money handed over, and for the change (en, es, cs, ja's English)
HANDED = st.sampled_from(["Received", "Tendered", "Amount tendered", "Recibido", "Zaplaceno:"])
CHANGE = st.sampled_from(["Change", "Cambio", "Vráceno:", "Change due"])
TENDER = st.sampled_from([None, ("Cash", "cash"), ("Credit card", "card"),
                          ("Paid by: Card", "card")])


def _money(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


def _sale(items: list[tuple[str, int]], handed: str, over: int, change: str | None,
          tender: str | None, width: int) -> bytes:
    total = sum(u for _, u in items)
    p = Dummy()
    for name, u in items:
        p.textln(cols(name, _money(u), width))
    p.textln(cols("Total", _money(total), width))
    if tender is not None:
        p.textln(cols(tender, _money(total), width))
    p.textln(cols(handed, _money(total + over), width))
    if change is not None:
        p.textln(cols(change, _money(over), width))
    p.cut()
    return p.output


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(5, 2999)), min_size=1, max_size=3), HANDED,
       st.one_of(st.none(), CHANGE), TENDER, WIDTH)
def test_the_total_handed_over_exactly_with_no_tender_word_is_flagged_never_guessed(
        items, handed, change, tender, width):
    got = interpret(decode(_sale(items, handed, 0, change, tender and tender[0], width))[0][0])
    assert got.total_pence == sum(u for _, u in items)
    if tender is None:
        assert got.tender is None and "unread_tender" in got.flags
    else:
        assert got.tender is not None and got.tender.casefold() == tender[1]
        assert "unread_tender" not in got.flags


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(5, 2999)), min_size=1, max_size=3),
       st.integers(1, 5000), WIDTH)
def test_change_counted_back_with_no_tender_word_is_cash(items, over, width):
    got = interpret(decode(_sale(items, "Received", over, "Change", None, width))[0][0])
    assert (got.tender, got.total_pence) == ("cash", sum(u for _, u in items))
    assert "unread_tender" not in got.flags


def test_nothing_to_pay_and_a_tender_that_paid_nothing_is_flagged_never_guessed():
    # A meal deal's offer takes the toast off; the emergency voucher paid 0.00.
    p = Dummy()
    for row in ["Toast (2 slices)        x1    0.50", "Breakfast offer              -0.50",
                "To pay                       £0.00", "Emergency credit voucher     £0.00"]:
        p.textln(row)
    p.cut()
    got = interpret(decode(p.output)[0][0])
    assert (got.total_pence, got.tender) == (0, None) and "unread_tender" in got.flags


# --- a sale of nothing, paid by the one way it names (TENDERS.md) ----------------------

def _voided(*ways: str) -> list[str]:
    """A Welsh school's slip: the one item voided over the daily limit."""
    return ["Ysgol Penrhos Cleddau", "Derbynneb/Receipt: 3-00017", "-" * 40,
            "Jacket potato                      £2.30", "Dros y terfyn dyddiol / Over daily limit",
            "DILEU/VOID Jacket potato          -£2.30", "-" * 40,
            "CYFANSWM/TOTAL                     £0.00", *ways,
            "Terfyn ar ôl/Limit left            £0.00", "Balans/Balance                     £2.37"]


def test_a_sale_voided_to_nothing_is_paid_by_the_one_way_it_prints():
    p = interpret(captured(*_voided("Cyfrif/Account                     £0.00")))
    assert (p.total_pence, p.tender, p.flags) == (0, "account", [])


def test_two_ways_at_nothing_name_no_way():
    p = interpret(captured(*_voided("Cash                               £0.00",
                                   "Card                               £0.00")))
    assert p.total_pence == 0 and p.tender is None and "unread_tender" in p.flags
