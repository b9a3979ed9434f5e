"""The fourth holdout corpus: receipts in six more real layouts, rendered by
python-escpos from our own menu, with what a careful reader records of each
(README.md: the layouts, their sources, the ground-truth conventions).

Written without reading the receipt rules or any other corpus's renderers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from escpos.printer import Dummy

from tests.holdout_plumbing import printed_corpus
from tests.receipts_corpus import Item, Truth, occurred

__all__ = ["MENU", "Item", "Printed", "Sale", "Truth", "corpus", "money", "occurred", "sale",
           "rendered"]

# Our own canteen and cafe menu (name, price in pence): nothing from the sources.
MENU: list[tuple[str, int]] = [
    ("Jacket potato & beans", 285), ("Chicken curry & rice", 320), ("Veg lasagne", 295),
    ("Fish fingers & chips", 310), ("Tomato soup", 150), ("Cheese & ham panini", 265),
    ("Tuna mayo baguette", 240), ("Fruit pot", 95), ("Flapjack", 75), ("Cookie", 60),
    ("Bottled water", 80), ("Orange juice 250ml", 110), ("Latte", 260), ("Flat white", 240),
    ("Pot of tea", 180), ("Sausage roll", 145), ("Yoghurt", 70), ("Jam sponge & custard", 120),
    ("Pasta pot", 230), ("Hot chocolate", 215), ("Cheesy beans on toast", 190),
    ("Scone with jam", 135), ("Carrot cake slice", 225), ("Milk 200ml", 55),
]


@dataclass
class Sale:
    """Varied sale data every layout draws from (each prints what it has)."""

    items: list[Item]
    when: datetime
    number: int
    refund: bool

    @property
    def gross(self) -> int:
        return sum(i.value for i in self.items)


def money(pence: int, symbol: str = "", sep: bool = False) -> str:
    """``pence`` as ``[-]<symbol>1,234.56`` (the minus before the symbol)."""
    sign = "-" if pence < 0 else ""
    body = f"{abs(pence) / 100:,.2f}" if sep else f"{abs(pence) / 100:.2f}"
    return f"{sign}{symbol}{body}"


def when(rng: random.Random) -> datetime:
    """A school-day time across GMT and BST months (2026)."""
    day = datetime(2026, 1, 5) + timedelta(days=rng.randrange(0, 330))
    return day.replace(hour=rng.choice([8, 10, 11, 12, 12, 13, 15]),
                       minute=rng.randrange(60), second=rng.randrange(60))


def pick_items(rng: random.Random, most: int = 6) -> list[Item]:
    """1-``most`` distinct positions, quantities 1-4 (mostly 1), drifting prices."""
    names = rng.sample(MENU, rng.randint(1, most))
    return [Item(n, rng.choice([1, 1, 1, 2, 2, 3, 4]), p + rng.choice([0, 0, 0, 5, -5, 10]))
            for n, p in names]


def sale(rng: random.Random, refunds: float = 0.15, most: int = 6) -> Sale:
    items = pick_items(rng, most)
    return Sale(items, when(rng), rng.randrange(1000, 99999), rng.random() < refunds)


@dataclass
class Printed:
    """What a layout prints: lines with their ESC/POS styles, and the code page
    (``AUTO``: python-escpos picks one for each character)."""

    codepage: str = "AUTO"
    width: int = 42
    font: str = "a"
    crlf: bool = False
    cut: bool = True
    lines: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    def add(self, text: str = "", **style: object) -> None:
        self.lines.append((text, style))

    def lr(self, left: str, right: str, **style: object) -> None:
        """``left`` and ``right`` on one line, padded to the width."""
        room = self.width - len(right) - 1
        self.add(f"{left[:room]:<{room}} {right}", **style)

    def centre(self, text: str, **style: object) -> None:
        self.add(text.center(self.width).rstrip(), **style)

    def shown(self) -> list[str]:
        return [t for t, _ in self.lines]

    def encode(self) -> bytes:
        p = Dummy()
        if self.codepage != "AUTO":
            p.charcode(self.codepage)
        p.set(font=self.font)
        end = "\r\n" if self.crlf else "\n"
        for text, style in self.lines:
            if style:
                p.set(font=self.font, **style)  # type: ignore[arg-type]
            p.text(text + end)
            if style:
                p.set(font=self.font, align="left", bold=False, double_height=False,
                      double_width=False)
        if self.cut:
            p.cut()
        else:
            p.text(end * 4)
        return p.output


rendered, corpus = printed_corpus(__name__)
