"""A holdout corpus: receipts in real POS layouts the default rules were not
written against, with their ground truth.

Written by an engineer who had not read the rules (``drivers/receipt.py``)
nor the first corpus's renderers, to measure how the rules generalise. Each
layout (``layouts.py``; sources in ``README.md``) renders varied sales
(``random_sale``) into ESC/POS bytes with python-escpos (``Dummy``).
``corpus(layout, n, seed)`` gives ``n`` (bytes, Truth) pairs, the same for the
same seed. ``Truth`` has the fields the scoreboard (``tests.receipts_score``)
compares, in its conventions (see README).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

# What a correct reading of one receipt is: the scoreboard's fields (total in
# pence, negative for a refund; lines as printed; the date in RFC 3339 with the
# London offset, a full-date when no time is printed). This corpus has no notes.
from tests.receipts_corpus import Item, Truth, renderings

__all__ = ["MENU", "Item", "Sale", "Truth", "corpus", "occurred", "random_sale"]

LONDON = ZoneInfo("Europe/London")

# Our own menu (names longer and shorter than the columns they go in), pence,
# VAT rate: hot food standard-rated, cold food zero.
MENU = [
    ("Main meal", 230, 20), ("Roast chicken dinner", 265, 20), ("Macaroni cheese", 210, 20),
    ("Baked potato - cheese", 195, 20), ("Panini ham & cheese", 250, 20), ("Chips", 80, 20),
    ("Beans", 35, 20), ("Garlic bread", 45, 20), ("Apple", 30, 0), ("Banana", 30, 0),
    ("Smoothie 250ml", 115, 0), ("Still water 500ml", 55, 0), ("Egg mayo sandwich", 185, 0),
    ("Muffin", 75, 0), ("Rice pudding", 60, 20), ("Pasta pot", 160, 0),
    ("Flavoured milk", 65, 0), ("Crumble and custard", 95, 20), ("Tomato soup + roll", 135, 20),
    ("Breakfast bap", 140, 20),
]
STAFF = ["J Patel", "K Morris", "Dinner Lady 2", "A. Nowak", "Cook"]
STUDENTS = ["Oliver Khan", "Ava Thompson", "Harry Evans", "Sophie Wilson", "Ethan Hughes",
            "Zara Ahmed", "Jack O'Brien", "Mia Roberts"]
GROUPS = ["7MH", "8C", "9/2", "10W", "11RS", "12A", "13B"]


@dataclass
class Sale:
    """A sale as the till knows it; each layout prints what its template shows."""

    lines: list[Item]
    refund: bool
    tender: str  # cash | card | account | fsm | cheque | split
    when: datetime  # local, naive
    number: int
    student: str | None
    group: str
    account: str | None
    discount_pct: int  # 0 or a percentage off the whole sale (sales only)
    operator: str
    tendered: int  # cash handed over (cash sales), pence
    rng: random.Random

    @property
    def gross(self) -> int:
        return sum(ln.value for ln in self.lines)

    @property
    def discount(self) -> int:
        return round(self.gross * self.discount_pct / 100)

    @property
    def total(self) -> int:
        """What is paid, positive (a refund's sign is the layout's business)."""
        return self.gross - self.discount

    def vat_by_rate(self) -> dict[int, int]:
        """VAT included in the total, per rate, after the discount."""
        out: dict[int, int] = {}
        for ln in self.lines:
            share = ln.value * self.total / self.gross if self.gross else 0
            out[ln.vat] = out.get(ln.vat, 0) + round(share * ln.vat / (100 + ln.vat))
        return out


def occurred(when: datetime, seconds: bool = True) -> str:
    """The truth's date: the printed local time with that day's London offset."""
    if not seconds:
        when = when.replace(second=0)
    return when.replace(tzinfo=LONDON).isoformat()


def random_sale(rng: random.Random, tenders: tuple[str, ...], refunds: bool = True,
                discounts: bool = True) -> Sale:
    """A varied sale: 1-5 lines, quantities 1-4, sometimes a discount or a
    refund, any day of 2026 (GMT and BST), from the given tenders."""
    lines = []
    for name, unit, vat in rng.sample(MENU, rng.randint(1, 5)):
        if rng.random() < 0.3:  # prices change over the year
            unit += rng.choice([-10, 5, 10, 15])
        lines.append(Item(name, rng.choice([1, 1, 1, 2, 2, 3, 4]), unit, vat))
    refund = refunds and rng.random() < 0.15
    tender = rng.choice(tenders)
    if refund and tender == "split":
        tender = tenders[0]
    when = datetime(2026, 1, 5, 7, 30) + timedelta(days=rng.randint(0, 350),
                                                   minutes=rng.randint(0, 420),
                                                   seconds=rng.randint(0, 59))
    student = rng.choice(STUDENTS) if tender in ("account", "fsm") or rng.random() < 0.3 else None
    sale = Sale(lines=lines, refund=refund, tender=tender, when=when,
                number=rng.randint(1, 99999), student=student, group=rng.choice(GROUPS),
                account=f"{rng.randint(1000, 99999):06d}" if student else None,
                discount_pct=(rng.choice([5, 10, 25]) if discounts and not refund
                              and rng.random() < 0.2 else 0),
                operator=rng.choice(STAFF), tendered=0, rng=rng)
    if tender == "cash" and not refund:
        sale.tendered = next(n for n in (sale.total, 500, 1000, 2000, 5000)
                             if n >= sale.total and (n != sale.total or rng.random() < 0.2))
    return sale


def corpus(layout: str, n: int, seed: int) -> list[tuple[bytes, Truth]]:
    """``n`` receipts of ``layout`` with their truth; the same for the same seed."""
    return renderings(__name__, layout, n, seed)
