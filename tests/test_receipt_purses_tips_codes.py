"""A purse the till names by its number, a tip in the languages tills print
it, and a receipt's code of letters only: read, or flagged; never silently
lost (holdout15's Live Register and Square layouts showed each)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines

_SALE = ("Toast                   3 @ 0.30", "                            0.90",
         "Sale Total                 £0.90")


def _paid(*after: str):
    return interpret(captured(*_SALE, *after, "New Bal Purse 1            £7.15"))


@pytest.mark.parametrize("printed", ["Sold from Purse 1          £0.90",
                                     "Paid from Wallet 2         £0.90",
                                     "Returned to Purse 1        £0.90"])
def test_a_purse_named_by_its_number_is_read_as_printed_and_flagged_never_silent(printed):
    p = _paid(printed)
    assert p.tender is not None and p.tender.casefold().split()[0] in ("purse", "wallet")
    assert "unmapped_tender" in p.flags


@pytest.mark.parametrize("printed,want", [
    ("Sold from Purse 2 (FM)     £0.90", "fsm"),
    ("Paid from Purse (Free meals) £0.90", "fsm"),
    ("Sold from Wallet (Cash)    £0.90", "account"),
    ("Paid from Cash Wallet      £0.90", "account"),
    ("Paid from FSM Funding      £0.90", "fsm"),
])
def test_a_purse_whose_money_its_name_or_brackets_say_maps_to_the_contract(printed, want):
    p = _paid(printed)
    assert (p.tender, p.flags) == (want, [])


def test_a_balance_left_in_a_purse_is_still_no_tender():
    p = interpret(captured(*_SALE, "Cash                       £0.90",
                           "Purse After                £4.10", "New Bal Purse 2  £0.35"))
    assert (p.tender, p.flags) == ("cash", [])


_TIPS = ["Tip", "Tips", "Gratuity", "Service", "Service charge", "Pourboire", "Trinkgeld",
         "Propina", "Mancia", "Fooi", "Dricks", "Drikkepenge", "Napiwek"]


def _money(p: int) -> str:
    return f"${p // 100}.{p % 100:02d}"


@given(word=st.sampled_from(_TIPS), a=st.integers(100, 5000), b=st.integers(100, 5000),
       tip=st.integers(1, 2000))
def test_a_tip_after_two_taxes_is_a_charge_on_top_never_an_item_sold(word, a, b, tip):
    sub = a + b
    gst, pst = sub * 5 // 100, sub * 7 // 100
    total = sub + gst + pst + tip
    p = interpret(captured(f"Cold Brew   {_money(a)}", f"Oat Latte   {_money(b)}",
                           f"Subtotal   {_money(sub)}", f"GST (5%)   {_money(gst)}",
                           f"PST (7%)   {_money(pst)}", f"{word}   {_money(tip)}",
                           f"Total   {_money(total)}", f"Cash   {_money(total)}"))
    assert p.total_pence == total
    assert lines(p) == [("Cold Brew", 1, a), ("Oat Latte", 1, b)]


@pytest.mark.parametrize("printed,want", [("Receipt #CUEA", "CUEA"), ("Ticket No. PFKX", "PFKX"),
                                          ("Receipt #PF4K", "PF4K")])
def test_a_code_of_letters_only_under_a_receipts_label_and_mark_is_its_number(printed, want):
    p = interpret(captured("Cold Brew   $5.45", "Total   $5.45", "Cash   $5.45", printed))
    assert p.receipt_no == want


@pytest.mark.parametrize("printed", ["Receipt COPY", "Thank you for your order", "Receipt"])
def test_a_receipts_title_in_capitals_with_no_mark_is_no_number(printed):
    p = interpret(captured(printed, "Cold Brew   $5.45", "Total   $5.45", "Cash   $5.45"))
    assert p.receipt_no is None
