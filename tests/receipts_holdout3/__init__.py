"""The third holdout corpus: receipts in six more real layouts, written
without reading the rules (README.md here says where each layout comes from).

``rendered(layout, n, seed)`` gives what each receipt prints (``Printed``:
text lines with their ESC/POS style) and its ground truth; ``corpus`` gives
the same receipts as ESC/POS bytes made by python-escpos, the scoreboard's
input (``python -m tests.receipts_score --holdout3``).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from escpos.printer import Dummy

from tests.holdout_plumbing import printed_corpus
from tests.receipts_corpus import Item

# A canteen and cafe menu of our own (name, price in pence); prices drift
# per receipt so the same item is not always the same amount.
MENU = [
    ("Pasta pot", 160), ("Jacket potato", 210), ("Chicken wrap", 265),
    ("Soup of the day", 145), ("Cheese toastie", 235), ("Fish & chips", 315),
    ("Veggie curry", 280), ("Tuna baguette", 255), ("Flat white", 230),
    ("Tea", 110), ("Hot chocolate", 195), ("Water 500ml", 60),
    ("Orange juice", 90), ("Flapjack", 85), ("Chocolate brownie", 120),
    ("Fruit pot", 95), ("Cookie", 50), ("Bagel & cream cheese", 175),
    ("Sausage roll", 130), ("Chicken tikka panini", 310),
]


@dataclass
class Printed:
    """One receipt as its till prints it: text lines, each with the style
    python-escpos sets for it, the code page, and how the job ends."""

    lines: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    codepage: str = "AUTO"
    cut: bool = True
    newline: str = "\n"
    # A till that writes its text straight to the device in its own codec,
    # with no ESC/POS set-up (codepage "raw:cp850"), sends these around it.
    prefix: bytes = b""
    suffix: bytes = b""

    def add(self, text: str = "", **style: Any) -> None:
        self.lines.append((text, style))

    def shown(self) -> list[str]:
        """Each line's text as it reads on paper (in-line style bytes dropped)."""
        return [re.sub(r"\x1b[E!].", "", text) for text, _ in self.lines]

    def encode(self) -> bytes:
        """The ESC/POS bytes, made by python-escpos (not by our code)."""
        if self.codepage.startswith("raw:"):
            body = "\n".join(self.shown()).encode(self.codepage[4:])
            return self.prefix + body + self.suffix
        p = Dummy()
        if self.codepage != "AUTO":
            p.charcode(self.codepage)
        for text, style in self.lines:
            style = dict(style)
            red = style.pop("red", False)  # ESC r: the second colour, no python-escpos call
            p.set_with_default(**style)
            if red:
                p._raw(b"\x1br\x01")
            # Styles some tills switch inside a line (ESC E n, ESC ! n) go as
            # raw bytes between the text's pieces.
            for piece in re.split(r"(\x1b[E!].)", text + self.newline):
                if piece.startswith("\x1b"):
                    p._raw(piece.encode("latin-1"))
                elif piece:
                    p.text(piece)
            if red:
                p._raw(b"\x1br\x00")
        if self.cut:
            p.cut()
        else:
            p.text("\n" * 4)
        return p.output


def pick_items(rng: random.Random, most: int = 6, most_qty: int = 4) -> list[Item]:
    """1..most distinct menu items, quantities 1..most_qty, prices drifting."""
    chosen = rng.sample(MENU, rng.randint(1, most))
    return [Item(name, rng.choice([1, 1, 1, rng.randint(2, most_qty)]),
                 price + rng.choice([0, 0, 5, 10, -5]))
            for name, price in chosen]


def when(rng: random.Random) -> datetime:
    """A school-day time in 2026, across GMT and BST."""
    day = datetime(2026, 1, 5) + timedelta(days=rng.randint(0, 350))
    return day.replace(hour=rng.randint(8, 15), minute=rng.randint(0, 59),
                       second=rng.randint(0, 59))


def pounds(pence: int) -> str:
    """``-1.20`` style: the sign before the digits, no symbol."""
    return f"{'-' if pence < 0 else ''}{abs(pence) // 100}.{abs(pence) % 100:02d}"


rendered, corpus = printed_corpus(__name__)
