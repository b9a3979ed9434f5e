"""The money rules of tests/test_receipt_amounts.py as properties over their
free parts (names, quantities, prices, widths, labels): whatever the items,
the receipt reads the same, and a total its items cannot vouch for is
flagged, never trusted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_columns_rules import NAMES, QTY, UNIT, WIDTH, cols, money
from tests.test_receipt_reading import captured, lines

CAPS = st.sampled_from(["YOGHURT", "FLAPJACK", "PASTA POT", "HOT CHOCOLAT", "CHEESE & HAM"])
ITEMS = st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CAPS, QTY, UNIT, st.booleans()), min_size=1, max_size=5), WIDTH)
def test_a_quantity_and_unit_price_above_a_register_line_are_that_lines(items, width):
    # Casio/Sharp ECR tapes: "  2 X @0.70" / "YOGHURT   £1.40"; "T1" a tax status.
    printed = ["C03 KATE          046718"]
    for name, qty, unit, taxed in items:
        if qty > 1:
            printed.append(f"  {qty} X @{unit / 100:.2f}")
        printed.append(cols(name + (" T1" if taxed else ""), money(qty * unit), width))
    total = sum(q * u for _, q, u, _ in items)
    p = interpret(captured(*printed, "TL", cols("", money(total), width)))
    assert lines(p) == [(n, q, q * u) for n, q, u, _ in items]
    # (the clerk's 046718 is a number nothing labels: flagged as such)
    assert p.total_pence == total and p.flags == ["unlabelled_number"]


@settings(max_examples=150, deadline=None)
@given(ITEMS, WIDTH, st.sampled_from(["TL", "TOTAL A PAGAR", "Summe:", "PURCHASE TOTAL"]))
def test_a_total_label_alone_takes_the_amount_alone_under_it(items, width, label):
    total = sum(q * u for _, q, u in items)
    printed = [cols(f"{n} x{q}" if q > 1 else n, money(q * u), width) for n, q, u in items]
    p = interpret(captured(*printed, label, cols("", money(total), width)))
    assert p.total_pence == total and lines(p) == [(n, q, q * u) for n, q, u in items]
    assert p.flags == []


@settings(max_examples=150, deadline=None)
@given(ITEMS, st.integers(1, 500), WIDTH)
def test_items_adding_up_to_the_subtotal_never_vouch_for_another_total(items, off, width):
    subtotal = sum(q * u for _, q, u in items)
    printed = [cols(n, money(q * u), width) for n, q, u in items]
    p = interpret(captured(*printed, cols("Subtotal", money(subtotal), width),
                           cols("Total", money(subtotal + off), width)))
    assert "unparsed_receipt" in p.flags  # what made up the difference was not read


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT, st.sampled_from("ABZ")), min_size=1, max_size=5),
       WIDTH)
def test_a_tax_class_column_is_never_part_of_the_name(items, width):
    printed = [cols(f"{n:<22}{c:>3}{q:>6}", money(q * u), width) for n, q, u, c in items]
    total = sum(q * u for _, q, u, _ in items)
    p = interpret(captured(*printed, cols("Balance due", money(total), width)))
    assert lines(p) == [(n, q, q * u) for n, q, u, _ in items] and p.flags == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, UNIT, st.sampled_from("AZ")), min_size=2, max_size=5))
def test_totals_per_tax_rate_make_the_receipts_total_and_a_refund_reads_positive(items):
    printed = [cols(n, f"£-{u / 100:.2f} {c}", 48) for n, u, c in items]
    by_rate = {c: sum(u for _, u, k in items if k == c) for c in "AZ"}
    total = sum(by_rate.values())
    printed.append(f"Subtotal £-{total / 100:.2f}")
    printed += [f"{c}: £-0.00 net, £-0.00 VAT @ 0.0% Total £-{v / 100:.2f}"
                for c, v in by_rate.items() if v]
    p = interpret(captured(*printed))
    assert p.kind == "refund" and p.total_pence == -total and p.flags == []
    assert lines(p) == [(n, 1, u) for n, u, _ in items]
