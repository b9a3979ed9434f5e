"""A refund's arithmetic: its items add up to what went back, or to that
less a tax added on top, whichever sign the till prints the tax and the
lines with. A tax printed positive under a negative total ("TOTAL -5.00" /
"VAT 0.83") comes off the refund's size, not its other side."""

from __future__ import annotations

from escpos.printer import Dummy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import decode
from tests.test_receipt_money_shapes import NAMES, WIDTH, cols
from tests.test_receipt_reading import lines

QTY = st.integers(1, 6)
UNIT = st.integers(5, 2999)  # pence


def _money(pence: int) -> str:
    return f"{'-' if pence < 0 else ''}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def _refund(items: list[tuple[str, int, int]], tax: int, on_top: bool, shapes: tuple[bool, ...],
            width: int) -> bytes:
    """A refund as a till prints it: a banner, quantity lines with their
    unit price after ``@`` (each line's value negative or not: ``shapes``:
    lines negative, tax negative, subtotal printed, quantity first), the
    tax on top of the items or in them, the total negative."""
    lines_negative, tax_negative, with_subtotal, qty_first = shapes
    sign = -1 if lines_negative else 1
    sub = sum(q * u for _, q, u in items)
    total = sub + tax if on_top else sub
    p = Dummy()
    p.textln("*** REFUND ***")
    for name, q, u in items:
        left = f"{q} {name} @ {_money(u)}" if qty_first else f"{name} {q} @ {_money(u)}"
        p.textln(cols(left, _money(sign * q * u), width))
    shown_tax = _money(-tax if tax_negative else tax)
    if on_top:
        if with_subtotal:
            p.textln(cols("Subtotal", _money(sign * sub), width))
        p.textln(cols("VAT 20%", shown_tax, width))
    p.textln(cols("TOTAL", _money(-total), width))
    if not on_top:
        p.textln(cols("VAT included", shown_tax, width))
    p.textln(cols("Cash", _money(-total), width))
    p.cut()
    return p.output


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4), st.integers(1, 999),
       st.booleans(), st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
       WIDTH)
@example(items=[("Coxinha", 1, 5)], tax=1, on_top=True, shapes=(False, False, False, False),
         width=32)  # the tax taken off the refund's other side: no reading added up
def test_a_refunds_quantity_lines_add_up_to_its_total_or_its_total_less_its_tax(
        items, tax, on_top, shapes, width):
    receipt = decode(_refund(items, tax, on_top, shapes, width))[0][0]
    p = interpret(receipt)
    sub = sum(q * u for _, q, u in items)
    assert (p.kind, p.total_pence) == ("refund", -(sub + tax if on_top else sub))
    assert lines(p) == [(name, q, q * u) for name, q, u in items]
    assert "lines_total_mismatch" not in p.flags and "unparsed_receipt" not in p.flags


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4), st.integers(1, 999),
       st.booleans(), st.tuples(st.booleans(), st.booleans(), st.booleans()), WIDTH)
@example(items=[("Coxinha", 2, 5)], tax=5, on_top=True, shapes=(False, False, False),
         width=32)  # "2 Coxinha 0.10" read as two at 0.10, adding up to -0.15 - 0.05: silent
def test_a_refunds_line_without_its_unit_price_is_read_by_its_arithmetic_or_flagged(
        items, tax, on_top, shapes, width):
    # "2 Coffee  3.00": the line's value, or its unit price (SambaPOS prints
    # units). Only the total, less the tax when it was added on top, can say.
    lines_negative, tax_negative, with_subtotal = shapes
    sign = -1 if lines_negative else 1
    sub = sum(q * u for _, q, u in items)
    total = sub + tax if on_top else sub
    p = Dummy()
    p.textln("*** REFUND ***")
    for name, q, u in items:
        p.textln(cols(f"{q} {name}", _money(sign * q * u), width))
    shown_tax = _money(-tax if tax_negative else tax)
    if on_top and with_subtotal:
        p.textln(cols("Subtotal", _money(sign * sub), width))
    if on_top:
        p.textln(cols("VAT 20%", shown_tax, width))
    p.textln(cols("TOTAL", _money(-total), width))
    if not on_top:
        p.textln(cols("VAT included", shown_tax, width))
    p.cut()
    got = interpret(decode(p.output)[0][0])
    assert (got.kind, got.total_pence) == ("refund", -total)
    assert lines(got) == [(name, q, q * u) for name, q, u in items] \
        or "lines_ambiguous" in got.flags or "unparsed_receipt" in got.flags
