"""Money rules the thirteenth and fourteenth holdouts' tills called for,
each general: a currency in brackets after a total's word in any code or
local mark ("TOTAL (RM)"), a service charge, a tax and a rounding added on
top of the subtotal (a sale's or a refund's), tenders inflected as their
language inflects them ("Maksettu käteisellä"), an account abbreviated
("Debited from Cash Acct"), money back to a card in the Nordic words
("Retur til Dankort"), and Asia's e-wallets (flagged, never guessed)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_money_shapes import NAMES, QTY, UNIT, WIDTH, cols
from tests.test_receipt_reading import captured, lines


@pytest.mark.parametrize("label", ["TOTAL (RM)", "Total (MYR)", "I alt (kr)", "Total (SGD)",
                                   "TOTAL (Ft)", "Total (¥)"])
def test_a_currency_in_brackets_after_a_total_word_is_still_the_total(label):
    p = interpret(captured(cols("Espresso", "9.00", 40), cols(label, "9.00", 40),
                           cols("Cash", "10.00", 40), cols("Change", "1.00", 40)))
    assert p.total_pence == 900 and lines(p) == [("Espresso", 1, 900)] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4),
       st.sampled_from([5, 10, 12]), st.integers(1, 999), st.integers(-2, 2), st.booleans(),
       WIDTH)
def test_a_service_charge_a_tax_and_a_rounding_on_top_of_the_subtotal_are_no_items(
        items, rate, tax, rounding, refund, width):
    # Malaysia's tax invoice: "Subtotal", "Service Charge 10%" (its rate of
    # the subtotal), "SST 6%", "Rounding Adj.", "TOTAL (RM)"; a refund
    # prints its total negative.
    body = [cols(f"{q} {name}", f"{q * u / 100:.2f}", width) for name, q, u in items]
    sub = sum(q * u for _, q, u in items)
    charge = round(sub * rate / 100)
    assume(charge > 0)
    total = sub + charge + tax + rounding
    foot = [cols("Subtotal", f"{sub / 100:.2f}", width),
            cols(f"Service Charge {rate}%", f"{charge / 100:.2f}", width),
            cols("SST 6%", f"{tax / 100:.2f}", width)]
    if rounding:
        foot.append(cols("Rounding Adj.", f"{rounding / 100:.2f}", width))
    label, shown = ("TOTAL REFUND (RM)", -total) if refund else ("TOTAL (RM)", total)
    p = interpret(captured(*body, *foot, cols(label, f"{shown / 100:.2f}", width)))
    assert p.total_pence == (-total if refund else total)
    assert lines(p) == [(name, q, q * u) for name, q, u in items]
    assert "lines_total_mismatch" not in p.flags and "total_unsure" not in p.flags


def _tender(*after_total: str) -> tuple[str | None, list[str]]:
    p = interpret(captured("Tea   1.20", "Total   1.20", *after_total))
    return p.tender, p.flags


@pytest.mark.parametrize("printed,want", [
    # Finnish adessive, Estonian and Hungarian "with cash" / "by card"
    ("Maksettu käteisellä:   1,20", "cash"), ("Maksettu kortilla:   1,20", "card"),
    ("Pankkikortilla   1,20", "card"), ("Sularahas   1,20", "cash"),
    ("Készpénzzel   1,20", "cash"),
    # an account abbreviated, named by where the money went
    ("Debited from Cash Acct   £1.20", "account"), ("Taken from Meal A/C   £1.20", "account"),
])
def test_a_tender_as_its_language_inflects_it_or_an_account_abbreviated_maps(printed, want):
    assert _tender(printed) == (want, [])


@pytest.mark.parametrize("printed", ["Retur til Dankort   1,20", "Tilbage til kort   1,20",
                                     "Refunded to Cash Acct   £1.20"])
def test_money_back_to_a_card_or_an_account_in_nordic_and_english_words(printed):
    p = interpret(captured("*** REFUND ***", "Tea   1.20", "Total   -1.20", printed))
    want = "account" if "Acct" in printed else "card"
    assert (p.kind, p.tender, p.total_pence) == ("refund", want, -120)
    assert "unmapped_tender" not in p.flags and "unread_tender" not in p.flags


@pytest.mark.parametrize("printed", ["TNG eWallet   1.20", "DuitNow QR   1.20",
                                     "GrabPay   1.20", "ShopeePay   1.20", "PayNow   1.20"])
def test_asias_e_wallets_are_tenders_read_as_printed_and_flagged(printed):
    got, flags = _tender(printed)
    assert got == printed.split("   ")[0] and "unmapped_tender" in flags
