"""A sixth, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: three print text through ESC/POS from
their own code, two are UK school and college catering tills. Each renderer
prints through python-escpos (``escpos.printer.Dummy``, by the fifth
holdout's ``Printed``) and returns the ground truth a careful person reading
the paper would record.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


# Our own menu (name, unit price in pence, hot: standard-rated when hot).
MENU = [
    ("Chicken wrap", 265, False), ("Fruit pot", 60, False), ("Tomato soup", 140, True),
    ("Veg chilli & rice", 255, True), ("Cheese toastie", 185, True), ("Bottled water", 55, False),
    ("Flapjack", 70, False), ("Pasta pot", 210, False), ("Hot chocolate", 120, True),
    ("Latte", 175, True), ("Jam doughnut", 80, False), ("Roast of the day", 395, True),
    ("Apple juice", 65, False), ("Garlic bread", 95, True), ("Egg mayo sub", 230, False),
    ("Sausage roll", 130, True), ("Mixed salad bowl", 310, False), ("Banana", 35, False),
    ("Rice pudding", 90, True), ("Baked potato cheese", 245, True),
]
STUDENTS = [("Amelia", "Nowak"), ("Kai", "Osei"), ("Ruby", "Fletcher"), ("Zain", "Hussain"),
            ("Poppy", "McArdle"), ("Theo", "Lindqvist"), ("Ava-Mae", "Clarke"),
            ("Harrison", "O'Brien")]
STAFF = ["Mr Hughes", "Mrs Adeyemi", "Ms Kowalski", "Dr Reid"]


@dataclass
class Line:
    name: str
    qty: int
    unit: int
    hot: bool

    @property
    def value(self) -> int:
        return self.qty * self.unit


def items(rng: random.Random, menu: list[tuple[str, int, bool]] | None = None,
          most: int = 6) -> list[Line]:
    """1-``most`` distinct items, mostly quantity one, prices drifting."""
    menu = menu or MENU
    n = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6][: max(1, most + 3)])
    n = min(n, most)
    out = []
    for name, unit, hot in rng.sample(menu, n):
        if rng.random() < 0.12:
            unit += rng.choice([5, 10, 15, 50, 150])
        out.append(Line(name, rng.choice([1, 1, 1, 1, 2, 2, 3, 4]), unit, hot))
    return out


def moment(rng: random.Random) -> datetime:
    """A local time anywhere in 2026 (GMT and BST), in opening hours."""
    return datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(7, 16),
                    rng.randint(0, 59), rng.randint(0, 59))


def cash_given(rng: random.Random, total: int) -> int:
    """What a customer hands over for ``total`` pence: exact, or a round sum."""
    if rng.random() < 0.25:
        return total
    for note in (100, 200, 500, 1000, 2000, 5000):
        if note >= total and rng.random() < 0.6:
            return note
    return ((total // 1000) + 1) * 1000


rendered, corpus = printed_corpus(__name__, numbered_from=0)
