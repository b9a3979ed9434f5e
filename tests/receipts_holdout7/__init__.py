"""A seventh, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: three print text through ESC/POS from
their own PHP code (escpos-php's receipt example as shops adapt it, a
hotel's order slip, a pharmacy's ticket), one is a Brazilian "cupom não
fiscal" template, two are UK catering tills (a school on sQuid, an NHS
staff restaurant). Each renderer prints through python-escpos
(``escpos.printer.Dummy``, by the fifth holdout's ``Printed``) and returns
the ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


@dataclass
class Line:
    name: str
    qty: int
    unit: int

    @property
    def value(self) -> int:
        return self.qty * self.unit


def items(rng: random.Random, menu: list[tuple[str, int]], most: int = 6,
          quantities: tuple[int, ...] = (1, 1, 1, 1, 2, 2, 3, 4)) -> list[Line]:
    """1-``most`` distinct items of ``menu``, quantities from ``quantities``,
    prices drifting now and then."""
    n = min(most, rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6]))
    out = []
    for name, unit in rng.sample(menu, n):
        if rng.random() < 0.12:
            unit += rng.choice([5, 10, 15, 50, 150]) * max(1, unit // 1000)
        out.append(Line(name, rng.choice(quantities), unit))
    return out


def moment(rng: random.Random) -> datetime:
    """A local time anywhere in 2026 (GMT and BST), in opening hours."""
    return datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(7, 19),
                    rng.randint(0, 59), rng.randint(0, 59))


def cash_given(rng: random.Random, total: int, notes: tuple[int, ...] = (
        100, 200, 500, 1000, 2000, 5000)) -> int:
    """What a customer hands over for ``total``: exact, or a round sum."""
    if rng.random() < 0.25:
        return total
    for note in notes:
        if note >= total and rng.random() < 0.6:
            return note
    step = notes[-2]
    return ((total // step) + 1) * step


def money(pence: int, sep: str = ".", thousands: str = "") -> str:
    """``pence`` as units and hundredths (``-1,250.00``, ``7,99``), no sign of currency."""
    units = f"{abs(pence) // 100:,}".replace(",", thousands)
    return f"{'-' if pence < 0 else ''}{units}{sep}{abs(pence) % 100:02d}"


def ordinal(day: int) -> str:
    """PHP's ``jS``: 1st, 2nd, 3rd, 4th, 11th, 22nd."""
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def php_long_date(when: datetime) -> str:
    """PHP's ``date('l jS \\of F Y')``: ``Monday 6th of April 2026``."""
    return f"{when:%A} {ordinal(when.day)} of {when:%B %Y}"


rendered, corpus = printed_corpus(__name__, numbered_from=0)
