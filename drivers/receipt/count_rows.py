"""A count row: a whole quantity, perhaps its unit, and a unit price alone
on a line ("5.000 BUC x 11.50", "2 Stk x 1,99", "3 pcs @ 0.60", "2 x
3.50"), as fiscal printers and many tills print it above or below the
item it counts. A profile that ignores such a line (its shape learnt as
noise) must not lose the count: the item whose value the count makes
takes it, and a count no item's value proves is flagged, never dropped."""

from __future__ import annotations

import functools
import re

from drivers.receipt.amounts import parse_money
from drivers.receipt.item_shapes import COUNT_UNIT
from drivers.receipt.model import ReceiptLine

# The count (a fiscal printer's three zero decimals allowed: "5.000"), a
# count's unit (``item_shapes.COUNT_UNIT``: buc, szt, ks, kom, db, adet,
# pcs, Stk, un, uds, pz, ...), a times or at sign, and the unit price.
_COUNT_ROW = re.compile(r"^(?P<qty>\d{1,4})(?:[.,]0{1,3})?\s*(?:" + COUNT_UNIT + r"\.?\s*)?"
                        r"[xX×*@]\s*(?P<unit>[£$€]?\s?\d[\d.,]*\d)"
                        r"(?:\s*[^\W\d_]{1,4}\.?)?$")


# A fiscal printer's count: the quantity with three decimals ("2.000 BUC x"),
# printed above the item it counts (ITEMS.md); a plain count ("2 x €4.00")
# under an item whose value it makes is that item's.
_FISCAL_COUNT = re.compile(r"^\d{1,4}[.,]000\s")


def above_its_item(line: str) -> bool:
    """Whether a count row (``line``, normalised) has a fiscal printer's shape,
    which prints it above the item it counts."""
    return _FISCAL_COUNT.match(line) is not None


@functools.lru_cache(maxsize=1024)  # a till prints the same rows all day
def count_row(line: str) -> tuple[int, int] | None:
    """The quantity and the value it makes (pence) of a count row
    ``line`` (normalised), or None when it is no such row."""
    m = _COUNT_ROW.match(line.strip())
    if m is None or int(m["qty"]) == 0:
        return None
    unit = parse_money(m["unit"].replace(" ", ""))
    if unit is None:
        return None
    return int(m["qty"]), int(m["qty"]) * unit


def counts_unproved(counts: list[tuple[int, int]], lines: list[ReceiptLine]) -> bool:
    """Whether a count row of more than one (``counts``: quantity, value)
    is made by no item line read: its quantity was dropped or misplaced."""
    return any(qty > 1 and not any(ln.quantity == qty and abs(ln.amount_pence) == value
                                   for ln in lines) for qty, value in counts)
