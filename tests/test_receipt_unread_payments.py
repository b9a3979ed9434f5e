"""A payment the receipt prints is never lost in silence: cash handed over
with its thousands grouped by a space is read as the tender paying the
total, whatever the size of the change; a payment's label whose value no
rule reads is ``unread_tender``; a count row a profile ignores keeps its
count for the item it makes, and one no item proves is flagged."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import ReceiptRules, interpret
from drivers.receipt.model import Template
from tests.receipts_score import journal_tender
from tests.test_receipt_columns_rules import NAMES, WIDTH, cols
from tests.test_receipt_reading import captured, lines


def dinars(pence: int) -> str:
    """An amount as French-speaking tills print it: "1 500,00 DA"."""
    whole, cents = divmod(pence, 100)
    return f"{whole:,}".replace(",", " ") + f",{cents:02d} DA"


CASH_WORDS = st.sampled_from(["Espèces", "Especes", "Cash", "Numerar", "Efectivo", "Contanti"])
CHANGE_WORDS = st.sampled_from(["Rendu", "Monnaie rendue", "Change", "Rest", "Cambio"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(1, 4), st.integers(50, 900)), min_size=1,
                max_size=4),
       st.integers(1, 30), CASH_WORDS, CHANGE_WORDS, WIDTH)
def test_cash_grouped_by_a_space_pays_the_total_whatever_the_change(items, notes, cash_word,
                                                                    change_word, width):
    # "TOTAL TTC: 380,80 DA" / "Espèces: 1 500,00 DA" / "Rendu: 1 119,20 DA":
    # handed over less the change is the total, however much bigger the change.
    total = sum(q * u * 100 for _, q, u in items) // 10
    tendered = ((total // 100_000) + notes) * 100_000
    printed = []
    for name, q, u in items:
        printed += [name, cols(f"    {q} x {dinars(u * 10)}", dinars(q * u * 10), width)]
    p = interpret(captured(*printed, cols("TOTAL TTC:", dinars(total), width),
                           cols(f"{cash_word}:", dinars(tendered), width),
                           cols(f"{change_word}:", dinars(tendered - total), width)))
    assert p.total_pence == total
    assert journal_tender(p.tender) == "cash" or "unread_tender" in p.flags, (p.tender, p.flags)
    if cash_word in ("Espèces", "Especes"):
        assert journal_tender(p.tender) == "cash" and "unread_tender" not in p.flags


def test_a_payment_whose_thousands_no_reading_takes_is_unread_not_silent():
    # The receipt prints its other amounts with a point: "Cash:  1 000.00" is
    # words "Cash: 1" and 0.00 to the reading, a payment it cannot read.
    p = interpret(captured("Tea           50.00", "Total         50.00",
                           "Cash:      1 000.00"))
    assert p.total_pence == 5000
    assert p.tender is None and "unread_tender" in p.flags


def test_a_refund_paid_back_to_an_account_in_a_column_of_its_own_is_the_account():
    p = interpret(captured("*** REFUND ***", "1 Veg Chilli Wrap                  £2.30",
                           "2 Panini Ham & Cheese              £4.20",
                           "Amount Refunded                    £6.50",
                           "Paid back to:                    Account",
                           "Account Balance                   £20.24"))
    assert p.kind == "refund" and p.total_pence == -650
    assert journal_tender(p.tender) == "account" and p.flags == []


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Paid back to", "Refunded to", "Payment", "Paid by", "Remboursé en",
                        "Erstattet an", "Pagado con", "Tendered"]),
       st.sampled_from(["Sodexo Pass 7", "QX 44 Loyalty", "Scheme B/2"]))
def test_a_payment_label_after_the_total_whose_way_is_unread_is_flagged(label, way):
    p = interpret(captured("Toast              £0.40", "Total              £0.40",
                           f"{label}:      {way}"))
    assert abs(p.total_pence) == 40  # (money paid back: a refund's)
    assert (p.tender is not None and p.flags) or "unread_tender" in p.flags, (p.tender, p.flags)


# A profile that learnt a till's count rows as noise: it ignores them.
COUNTS_IGNORED = ReceiptRules(templates=(Template(name="t", ignore=re.compile(
    r"^[\W\d_]*[^\W\d_]*\s*[xX@]\s*[\d.,]+$")),))
UNITS = st.sampled_from(["BUC", "buc", "szt", "ks", "Stk", "pcs", "adet", "kom", ""])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(1, 9), st.integers(5, 999)), min_size=1,
                max_size=5, unique_by=lambda i: i[0]), UNITS, st.booleans(), WIDTH)
def test_an_ignored_count_row_gives_its_count_to_the_item_it_makes(items, unit, fiscal, width):
    # "5.000 BUC x 11.50" / "Suc portocale  57.50 A": the row above counts the item.
    printed = []
    for name, q, u in items:
        count = f"{q}.000" if fiscal else str(q)
        printed += [f"{count} {unit} x {u / 100:.2f}".replace("  ", " "),
                    cols(name, f"{q * u / 100:.2f} A", width)]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*printed, cols("TOTAL", f"{total / 100:.2f}", width)),
                  COUNTS_IGNORED)
    assert p.total_pence == total
    assert lines(p) == [(n, q, q * u) for n, q, u in items], p.flags


@settings(max_examples=80, deadline=None)
@given(NAMES, st.integers(2, 9), st.integers(5, 999), st.integers(1, 99), WIDTH)
def test_an_ignored_count_no_item_makes_is_flagged(name, qty, unit, off, width):
    # The count row says 3 x 4.00, the item beside it 11.50: the count is
    # not the item's, and which item it counts the paper does not prove.
    value = qty * unit + off
    p = interpret(captured(f"{qty} buc x {unit / 100:.2f}", cols(name, f"{value / 100:.2f}", width),
                           cols("TOTAL", f"{value / 100:.2f}", width)), COUNTS_IGNORED)
    assert p.total_pence == value
    assert "lines_ambiguous" in p.flags
