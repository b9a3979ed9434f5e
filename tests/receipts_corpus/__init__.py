"""Receipts in the layouts of real point-of-sale software, with their ground truth.

Each layout (``LAYOUTS``, in ``layouts.py``; sources in ``README.md``) is our
own small renderer of what that software's default receipt template prints,
fed varied sales (``random_sale``) and turned into ESC/POS bytes by
python-escpos (an encoder nobody on this project wrote). ``corpus(layout, n,
seed)`` gives ``n`` (bytes, Truth) pairs, the same for the same seed.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

# name, unit price in pence, VAT rate (hot food is standard-rated, cold zero).
MENU = [
    ("Pasta bake", 230, 20), ("Jacket potato & beans", 245, 20), ("Veggie curry", 240, 20),
    ("Fish fingers", 230, 20), ("Cookie", 50, 0), ("Fruit pot", 60, 0), ("Milk 200ml", 45, 0),
    ("Water", 40, 0), ("Tuna sandwich", 195, 0), ("Yoghurt", 55, 0), ("Pizza slice", 150, 20),
    ("Chicken wrap", 265, 0), ("Soup of the day", 120, 20), ("Flapjack", 65, 0),
    ("Orange juice", 70, 0), ("Toast (2 slices)", 40, 0), ("Hot dog", 180, 20),
    ("Sponge & custard", 90, 20), ("Salad box", 275, 0), ("Bagel", 85, 0),
]
OPERATORS = ["Mrs Jones", "Mr Patel", "Ms O'Neill", "Kitchen 1", "Sam"]
PUPILS = [("Jane", "Smith"), ("Oliver", "Khan"), ("Amelia", "Nowak"), ("Noah", "Williams"),
          ("Isla", "Brown"), ("Muhammad", "Ali"), ("Freya", "O'Connor"), ("Leo", "Davies")]
FORMS = ["7B", "8JB", "9S", "10W", "11K", "Y6 Oak", "Rec"]


@dataclass
class Item:
    """A sold line (every corpus's): quantity times unit price is its value."""

    name: str
    qty: int
    unit: int  # pence, VAT included
    vat: int = 0  # percent (a corpus whose receipts print no VAT leaves it 0)

    @property
    def value(self) -> int:
        return self.qty * self.unit


@dataclass
class Sale:
    """One sale as the till knows it, before any layout prints it."""

    items: list[Item]
    kind: str  # "sale" | "refund"
    tender: str  # our key: cash, card, account, fsm, cheque
    when: datetime  # local (Europe/London), naive
    number: int
    pupil: tuple[str, str] | None
    form: str
    account: str | None
    discount: tuple[str, int] | None = None  # (label, pence off, positive)
    operator: str = "Mrs Jones"
    reprint: bool = False
    seed: int = 0

    @property
    def gross(self) -> int:
        return sum(i.value for i in self.items)

    @property
    def total(self) -> int:
        """What is paid (positive; a refund's sign is the layout's business)."""
        return self.gross - (self.discount[1] if self.discount else 0)

    def vat_of(self, amount_incl: int, rate: int) -> int:
        return round(amount_incl * rate / (100 + rate))

    @property
    def vat(self) -> int:
        v = sum(self.vat_of(i.value, i.vat) for i in self.items)
        if self.discount and self.gross:
            v = round(v * self.total / self.gross)
        return v


@dataclass
class Truth:
    """What a correct reading of one rendered receipt gives (the
    ``ParsedReceipt`` fields the scoreboard checks)."""

    total: int | None
    lines: list[tuple[str, int, int]]  # description, quantity, amount (pence)
    number: str | None
    tender: str | None  # the contract's word, or the printed word when unmapped
    kind: str
    date: str | None  # RFC 3339, as ParsedReceipt.occurred
    account: str | None
    notes: list[str] = field(default_factory=list)


def occurred(when: datetime, seconds: bool = True, time: bool = True) -> str:
    """The RFC 3339 text ``interpret`` gives for a printed local time."""
    if not time:
        return when.date().isoformat()
    w = when if seconds else when.replace(second=0)
    return w.replace(tzinfo=LONDON).isoformat()


def random_sale(rng: random.Random, n: int, *, tenders: tuple[str, ...] = ("cash", "account"),
                refund_rate: float = 0.1, discount_rate: float = 0.15,
                pupil_rate: float = 0.6) -> Sale:
    """A varied sale: 1-5 items, quantities, sometimes a discount, a refund,
    a pupil; a date anywhere in 2026 (GMT and BST)."""
    items = []
    for name, unit, vat in rng.sample(MENU, rng.choice([1, 1, 2, 2, 3, 3, 4, 5])):
        qty = rng.choice([1, 1, 1, 1, 2, 2, 3, 4])
        if rng.random() < 0.1:
            unit += rng.choice([5, 10, 25, 100, 1000])  # a price rise, a dear item
        items.append(Item(name, qty, unit, vat))
    kind = "refund" if rng.random() < refund_rate else "sale"
    discount = None
    if kind == "sale" and rng.random() < discount_rate:
        gross = sum(i.value for i in items)
        if rng.random() < 0.5:
            discount = ("Staff discount", min(gross - 1, rng.choice([10, 20, 25, 50])))
        else:
            pct = rng.choice([5, 10, 20])
            discount = (f"Discount {pct}%", max(1, round(gross * pct / 100)))
    when = datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(7, 15),
                    rng.randint(0, 59), rng.randint(0, 59))
    pupil = rng.choice(PUPILS) if rng.random() < pupil_rate else None
    account = f"{rng.randint(1, 99999):05d}" if pupil else None
    return Sale(items, kind, rng.choice(tenders), when, n, pupil, rng.choice(FORMS), account,
                discount, rng.choice(OPERATORS), rng.random() < 0.05, seed=rng.randint(0, 1 << 30))


def renderings(package: str, layout: str, n: int, seed: int,
               numbered_from: int | None = None) -> list[Any]:
    """``n`` renderings of ``layout`` by the renderer ``LAYOUTS`` holds in
    ``<package>.layouts`` (imported here: the layouts import their package),
    drawn from one random stream fixed by the layout and ``seed``; with
    ``numbered_from``, each renderer is also given its receipt's number."""
    render = importlib.import_module(f"{package}.layouts").LAYOUTS[layout]
    rng = random.Random(f"{layout}:{seed}")
    if numbered_from is None:
        return [render(rng) for _ in range(n)]
    return [render(rng, numbered_from + i) for i in range(n)]


def encoded(rendered: list[tuple[Any, Truth]]) -> list[tuple[bytes, Truth]]:
    """The scoreboard's input: each printed receipt's ESC/POS bytes, with its truth."""
    return [(printed.encode(), truth) for printed, truth in rendered]


def corpus(layout: str, n: int = 200, seed: int = 1) -> list[tuple[bytes, Truth]]:
    """``n`` receipts in ``layout``: (ESC/POS bytes, ground truth)."""
    return renderings(__name__, layout, n, seed, numbered_from=1000)
