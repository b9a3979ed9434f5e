"""A second holdout corpus of real receipt layouts (issue 13), written without
reading the receipt rules: see README.md here for the layouts and their sources.

``corpus(layout, n, seed)`` renders ``n`` receipts of one layout (fixed seed) as
ESC/POS bytes made by python-escpos, each with its ground truth (the scoreboard's
``Truth``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from escpos.printer import Dummy

from tests.receipts_corpus import Item, Truth, encoded, occurred

# A school canteen's menu (ours): name, unit price in pence.
MENU = [
    ("Jacket potato & beans", 245), ("Pasta bake", 235), ("Veg curry & rice", 260),
    ("Cheese toastie", 190), ("Chicken wrap", 275), ("Fish & chips", 310),
    ("Sausage roll", 120), ("Fruit pot", 85), ("Yoghurt", 60), ("Water 500ml", 80),
    ("Orange juice 250ml", 95), ("Flapjack", 70), ("Cookie", 50), ("Bagel", 110),
    ("Salad box", 285), ("Hot chocolate", 130), ("Panini ham & cheese", 295),
    ("Meal deal main", 240), ("Pizza slice", 150), ("Milk 250ml", 55),
]
PUPILS = ["Amelia Khan", "Oliver Smith", "Isla O'Brien", "Noah Patel", "Freya Jones",
          "Leo Nowak", "Ava Williams", "Zain Ahmed", "Grace Evans", "Harry Lee"]
STAFF = ["Mrs Patel", "Mr Hughes", "Ms Green", "Kitchen 2", "Mrs O'Neill"]
CODEPAGES = ("CP858", "CP437", "CP1252", None)  # None: python-escpos's own choice


@dataclass
class Printed:
    """What a renderer prints, line by line, with python-escpos styles."""

    codepage: str | None
    lines: list[tuple[str, dict]] = field(default_factory=list)
    cut: bool = True

    def add(self, text: str = "", **style) -> None:
        self.lines.append((text, style))

    def shown(self) -> list[str]:
        """The text lines a person sees on the paper."""
        return [t for t, _ in self.lines]

    def encode(self) -> bytes:
        p = Dummy()
        if self.codepage:
            p.charcode(self.codepage)
        for text, style in self.lines:
            p.set(normal_textsize=True, bold=False, align="left")
            if style:
                p.set(**style)
            p.textln(text)
        if self.cut:
            p.cut()
        else:
            p.ln(4)
        return p.output


def items(rng: random.Random, max_lines: int = 5) -> list[Item]:
    """1-``max_lines`` distinct menu lines, quantities 1-4, prices that drift."""
    picks = rng.sample(MENU, rng.randint(1, max_lines))
    out = []
    for name, price in picks:
        qty = rng.choice([1, 1, 1, 2, 2, 3, 4])
        out.append(Item(name, qty, price + rng.choice([0, 0, 5, -5, 10, 15])))
    return out


def when(rng: random.Random) -> datetime:
    """A school-day time somewhere in 2026 (GMT and BST both)."""
    day = datetime(2026, 1, 5) + timedelta(days=rng.randint(0, 350))
    return day.replace(hour=rng.randint(7, 15), minute=rng.randint(0, 59),
                       second=rng.randint(0, 59))


def pounds(pence: int, symbol: str = "£", space: bool = False) -> str:
    """``£2.30``, ``-£2.30`` (or ``£ 2.30``, ``£ -2.30`` with ``space``, Odoo's way)."""
    body = f"{abs(pence) // 100}.{abs(pence) % 100:02d}"
    if space:
        return f"{symbol} {'-' if pence < 0 else ''}{body}" if symbol else body
    return f"{'-' if pence < 0 else ''}{symbol}{body}"


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one line of ``width``, the left cut to fit."""
    room = width - len(right) - 1
    return f"{left[:room]:<{room}} {right}"


def cols(cells: list[tuple[str, int, str]]) -> str:
    """Fixed columns: (text, width, '<' or '>'), each cut to its width."""
    return "".join(f"{t[:w]:{a}{w}}" for t, w, a in cells).rstrip()


def day_truth(d: datetime) -> str:
    return occurred(d, time=False)


def rendered(layout: str, n: int, seed: int) -> list[tuple[Printed, Truth]]:
    """``n`` receipts of ``layout`` (fixed seed) as printed, with their truth."""
    from tests.receipts_holdout2.layouts import LAYOUTS

    render = LAYOUTS[layout]
    return [render(random.Random(f"holdout2:{layout}:{seed}:{i}")) for i in range(n)]


def corpus(layout: str, n: int, seed: int) -> list[tuple[bytes, Truth]]:
    """``n`` receipts of ``layout`` (fixed seed): (ESC/POS bytes, ground truth)."""
    return encoded(rendered(layout, n, seed))
