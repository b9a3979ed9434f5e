"""Receipts printed in two languages ("Cyfanswm / Total", "Cyfrif /
Account"): a label in two languages says what either of its halves says, and
an item's name in two languages stays whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import journal_tender
from tests.test_receipt_columns_rules import QTY, UNIT, WIDTH, cols
from tests.test_receipt_reading import captured, lines

NAMES = st.sampled_from(["Dwr / Water", "Cawl / Soup", "Tatws Pob / Jacket Potato",
                         "Myffin / Muffin", "Picau ar y maen"])
ITEMS = st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=5)
TOTAL = st.sampled_from(["Cyfanswm / Total", "Total / Cyfanswm", "Summe / Total"])


@settings(max_examples=150, deadline=None)
@given(ITEMS, TOTAL, st.integers(10000, 99999), WIDTH)
def test_a_label_in_two_languages_reads_as_either_half(items, total_label, account, width):
    total = sum(q * u for _, q, u in items)
    printed = [cols("Derbynneb / Receipt", "R2-018001", width),
               cols("Cyfrif / Account", str(account), width),
               cols("Eitem / Item", "Nifer/Qty    £", width)]
    printed += [cols(n, f"{q} {q * u / 100:.2f}", width) for n, q, u in items]
    p = interpret(captured(*printed, cols(total_label, f"£{total / 100:.2f}", width),
                           "Talwyd gan / Paid by",
                           cols("  Cyfrif ParentPay", f"£{total / 100:.2f}", width),
                           cols("Balans / Balance", "£12.77", width)))
    assert p.total_pence == total and p.account == str(account)
    assert journal_tender(p.tender) == "account" and p.flags == []
    assert p.receipt_no == "R2-018001"
    assert lines(p) == [(n, q, q * u) for n, q, u in items]
