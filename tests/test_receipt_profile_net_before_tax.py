"""A till that prints its items' value before tax under a total's words
("Total Sale Value (excl. tax)", "Total Amount excl. VAT"), then the tax
and a fee added on top, then what is payable: the value before tax is the
subtotal, and the fee a charge on top of it (the receipt's arithmetic
proves it), never an item. Read so by the defaults, a profile learnt from
five such receipts flags none of a lunch service's right receipts; a
receipt whose arithmetic does not reconcile stays flagged, with or without
the profile. Receipts are printed by python-escpos and decoded by our
decoder."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import printed_receipt, review_flags

MENU = [("Chicken Karahi", 95000), ("Garlic Naan", 6000), ("Mint Lemonade", 25000),
        ("Daal Makhni", 42000), ("Zinger Burger", 55000)]
FEE = 100  # a fixed fee per invoice, added after the tax


def _invoice(i: int, label: str = "Total Sale Value (excl. tax)", wrong_item: int = 0,
             wrong_total: int = 0, tender: str = "Cash") -> tuple[object, Truth]:
    """Invoice ``i``: two or three items (qty, rate, tax rate, amount), the
    value before tax under ``label``, 16% tax, the fee, what is payable,
    and the payment. ``wrong_item`` / ``wrong_total``: pence a misprint
    adds to the first item's amount / to the payable printed."""
    chosen = [MENU[(i + k) % len(MENU)] for k in range(2 + i % 2)]
    rows = [(name, 1 + (i + k) % 3, rate) for k, (name, rate) in enumerate(chosen)]
    net = sum(q * r for _n, q, r in rows)
    tax = net * 16 // 100
    total = net + tax + FEE
    amounts = [q * r + (wrong_item if k == 0 else 0) for k, (_n, q, r) in enumerate(rows)]
    printed = [f"{n:<20}{q:>3}{r / 100:>9.2f}  16%{a / 100:>12,.2f}"
               for (n, q, r), a in zip(rows, amounts, strict=True)]
    paid = ([f"{'Mode of Payment:':<30}{tender:>18}"]
            + ([f"{'Cash Received':<30}{(total + 500) / 100:>18,.2f}",
                f"{'Change':<30}{5.00:>18.2f}"] if tender == "Cash" else []))
    lines = ["CANTEEN KITCHEN", f"Invoice No: {81240000 + i}",
             f"Date: {1 + i % 28:02d}-Mar-2026   Time: 12:{10 + i % 50:02d} PM", "-" * 48,
             "Item                 Qty     Rate  Tax    Amount", "-" * 48, *printed, "-" * 48,
             f"{label:<34}{net / 100:>14,.2f}", f"{'Sales Tax @ 16%':<34}{tax / 100:>14,.2f}",
             f"{'Service Fee':<34}{FEE / 100:>14,.2f}",
             f"{'Total Payable':<30}{'Rs. ' + f'{(total + wrong_total) / 100:,.2f}':>18}",
             *paid, "-" * 48, "Thank you! Please visit again"]
    return printed_receipt(*lines), Truth(
        total=total, tender=tender.lower(), receipt_no=str(81240000 + i),
        when=f"2026-03-{1 + i % 28:02d}T12:{10 + i % 50:02d}:00",
        lines=[(n, q, q * r) for n, q, r in rows])


def _right(p, truth: Truth) -> bool:
    return p.total_pence == truth.total and [(ln.description, ln.quantity, ln.amount_pence)
                                       for ln in p.lines] == truth.lines


def _learnt_rules():
    samples, truths = zip(*(_invoice(100 + i) for i in range(5)), strict=True)
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths))
    return rules_from_config(profile.config(ReceiptConfig()))


RULES = _learnt_rules()


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=500),
       st.sampled_from(["Total Sale Value (excl. tax)", "Total Value excl. VAT",
                        "Total Amount (before tax)", "Total Sales excluding VAT"]))
def test_the_value_before_tax_under_a_totals_words_is_the_subtotal_and_the_fee_on_top(
        i, label):
    receipt, truth = _invoice(i, label)
    p = interpret(receipt)
    assert _right(p, truth) and not p.flags, (p, receipt.text)


def test_a_lunch_service_read_with_the_learnt_profile_flags_none_of_its_right_receipts():
    service = [_invoice(i, tender="Cash" if i % 3 else "Card") for i in range(50)]
    read = [(interpret(r, RULES), t) for r, t in service]
    assert all(_right(p, t) and p.tender == t.tender for p, t in read)
    assert [p.flags for p, _t in read if review_flags(p.flags)] == []


def test_a_misprinted_invoice_in_the_service_is_still_flagged_under_the_profile():
    receipt, truth = _invoice(7, wrong_total=1000)
    p = interpret(receipt, RULES)
    assert review_flags(p.flags), (p, receipt.text)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=500), st.integers(min_value=-900, max_value=900),
       st.integers(min_value=-900, max_value=900))
def test_the_profile_never_makes_a_wrong_invoice_silent(i, wrong_item, wrong_total):
    receipt, truth = _invoice(i, wrong_item=wrong_item, wrong_total=wrong_total)
    for rules in (None, RULES):
        p = interpret(receipt, rules)
        assert _right(p, truth) or review_flags(p.flags), (p, receipt.text)
