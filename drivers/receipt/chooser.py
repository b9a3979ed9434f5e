"""The reconciling chooser: of the ways a receipt's item lines can be read,
the likeliest whose values add up to what the receipt says they add up to
(its total, its total less tax, its subtotal); and which of several
printed totals was charged."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator

from drivers.receipt.model import _NOT_A_LINE, ReceiptLine
from drivers.receipt.state import _State

# At most this many combinations of item readings are tried (2**10: ten
# ambiguous lines); beyond it the likeliest readings are taken as they are.
_MAX_COMBINATIONS = 1024


def _paid_totals(st: _State) -> list[int]:
    """What the payment lines say was charged, likeliest first: what was
    handed over less the change; the amount "paid" itself when tenders
    under it are what was handed over ("AMOUNT PAID £4.50" / "Cash £5.00" /
    "Change £0.50"); the tenders less the change. Empty: none printed."""
    change = st.change or 0
    tendered = sum(st.tender_amounts) if st.tender_amounts else None
    if st.paid is None:
        found = [] if tendered is None else [tendered - change]
    else:
        found = [st.paid - change, st.paid]
        if tendered is not None:
            found.append(tendered - change)
    # Change is given out of more than was charged: an amount it takes to
    # nothing or below was not what was handed over ("AMOUNT PAID £3.94" /
    # "Cash £11.82" / "Change £7.88" is no refund of £3.94).
    return [x for x in dict.fromkeys(found) if x > 0 or not change]


def _choose(items: list[tuple[ReceiptLine, ...]], st: _State,
            total: int | None = None) -> tuple[list[ReceiptLine], bool]:
    """One reading per item: the likeliest whose values add up to what the
    receipt says they add up to, and whether any does. The total (or the
    total less the tax: a tax added on top) is what was charged, and is
    tried first; then the subtotal, which the lines printed above it add up
    to (with an amount off read after it, the whole adds up to the total
    only)."""
    found = next(_adding_up(items, st, total), None)
    return ([r[0] for r in items], False) if found is None else (found[1], True)


def _rival(items: list[tuple[ReceiptLine, ...]], st: _State) -> bool:
    """Whether the receipt's arithmetic leaves two readings of its lines:
    the likeliest readings do not add up, and after the reading chosen
    another adds up as well (to the same sum) with other quantities or
    values: which was sold, the paper does not say. (The same amount off
    on one line or another, a discount and its "Savings" summary, is the
    same sale.)"""
    found = _adding_up(items, st)
    first = next(found, None)
    if first is None or first[1] == [r[0] for r in items]:
        return False
    chosen = _sold(first[1])
    return any(test == first[0] and _sold(lines) != chosen for test, lines in found)


def _sold(lines: list[ReceiptLine]) -> list[tuple[int, int]]:
    """What a reading of the lines sells: each line's quantity and value."""
    return sorted((ln.quantity, ln.amount_pence) for ln in lines if ln is not _NOT_A_LINE)


def _adding_up(items: list[tuple[ReceiptLine, ...]], st: _State, total: int | None = None
               ) -> Iterator[tuple[int, list[ReceiptLine]]]:
    """Every reading of the items that adds up (``_choose``), likeliest
    first, each with the test it passed (0: the total, 1: the subtotal)."""
    total = st.total if total is None else total
    taxes = {t for t in (st.tax, st.tax_sum) if t is not None}  # the first, or all summed
    targets = set() if total is None else {total, *(total - _signed(t, total) for t in taxes)}
    if st.rounding and total is not None:
        # a rounding to the coin: the total is the rest and it ("Rundung -0.02")
        targets |= {t - st.rounding for t in targets}
    targets |= {-t for t in targets}  # a refund's lines printed positive, or negative
    cut = st.items_at_subtotal

    def adds_to_total(lines: list[ReceiptLine]) -> bool:
        return sum(ln.amount_pence for ln in lines) in targets

    def adds_to_subtotal(lines: list[ReceiptLine]) -> bool:
        return abs(sum(ln.amount_pence for ln in lines)) == abs(st.subtotal or 0) \
            and all(ln is _NOT_A_LINE for ln in lines[cut:])

    def coherent(lines: list[ReceiptLine]) -> bool:
        # A line set aside as the unit price of the item above ("2 x Tea
        # 1.00" / "1 x Cake 0.50") is one only where that item's value is
        # the one the price makes: never 2 x 1.00 = 2.00 and the line gone.
        return all(lines[i] is not _NOT_A_LINE or abs(lines[i - 1].amount_pence) == abs(value)
                   for i, value in st.unit_rows.items() if i < len(lines))

    likeliest = [r[0] for r in items]
    # Items that add up to the subtotal vouch for a total only when the total
    # is that subtotal (with its tax): a total that differs by what was not
    # read (a rate's total, a charge) is not checked by them.
    # (Or the subtotal less a discount's rate printed alone: ``settle._rate_taken_off``.)
    subtotal_vouches = st.subtotal is not None and (total is None or abs(total) in (
        abs(st.subtotal), abs(st.subtotal + _signed(st.tax or 0, total, st.subtotal)))
        or total == st.rate_made)
    tests = ([adds_to_total] if targets else []) + (
        [adds_to_subtotal] if subtotal_vouches else [])
    ambiguous = [i for i, r in enumerate(items) if len(r) > 1]
    combos = 1
    for i in ambiguous:
        combos *= len(items[i])
    if combos > _MAX_COMBINATIONS:
        ambiguous = []  # too many to try: the likeliest readings as they are
    choices: tuple[tuple[int, ...], ...] | None = None
    for n, adds_up in enumerate(tests):
        if adds_up(likeliest) and coherent(likeliest):
            yield n, likeliest
        if choices is None:
            choices = _departures(tuple(len(items[i]) for i in ambiguous))
        for choice in choices:
            lines = list(likeliest)
            for i, k in zip(ambiguous, choice, strict=True):
                lines[i] = items[i][k]
            if adds_up(lines) and coherent(lines):
                yield n, lines


def _signed(tax: int, total: int, side: int | None = None) -> int:
    """A tax as it adds up on ``side`` (the total's, or a subtotal's) of
    ``total``: a refund's tax is part of the money going back whichever sign
    it is printed with ("TOTAL -5.00" / "VAT 0.83"), so it takes the sign
    of the side it adds to; a sale's tax as printed."""
    side = total if side is None else side
    return (-abs(tax) if side < 0 else abs(tax)) if total < 0 else tax


@functools.lru_cache(maxsize=256)
def _departures(sizes: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """Every other choice of one reading per ambiguous line (``sizes``: how
    many readings each has), the fewest departures from the likeliest
    readings first. The order depends on the shape alone: sorted once per
    shape, not once per receipt."""
    return tuple(sorted(itertools.product(*(range(n) for n in sizes)), key=sum))[1:]


def _pick_total(st: _State) -> int | None:
    """The total, of every total the receipt printed: the highest-ranked
    the items add up to; if none adds up, the highest-ranked (the first of
    a rank). A "Total" before a discount is not what was charged when the
    "Grand Total" after it adds up."""
    by_rank = sorted(st.totals, key=lambda t: -t[1])  # stable: print order within a rank
    for amount, _ in by_rank:
        if _choose(st.items, st, amount)[1]:
            return amount
    # A total per tax rate ("A: £2.42 net ... Total £2.90", "Z: ... Total
    # £12.55"): the receipt's is their sum, when the items add up to it.
    top = [amount for amount, rank in st.totals if rank == by_rank[0][1]]
    if len(top) > 1 and _choose(st.items, st, sum(top))[1]:
        return sum(top)
    return by_rank[0][0] if by_rank else st.total
