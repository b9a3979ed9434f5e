"""A canteen till whose receipts the default rules cannot read when it prints
what the pupil saved as a line of its own, with an amount (its prices are
already the offer's): the learner's and the doctor's tests print from it."""

from __future__ import annotations

import random

from escpos.printer import Dummy

MENU = [("Pasta bake", 230), ("Cookie", 50), ("Jacket potato", 210), ("Milk", 45)]


def savings_till(rng: random.Random, n: int, tender: str = "Cashless",
                 saved: bool = True) -> tuple[bytes, int]:
    """Receipt ``n`` (its ESC/POS bytes by python-escpos) and its total; with
    ``saved``, the line of what the pupil saved, which the items do not add
    up to the total with."""
    p = Dummy()
    p.charcode("CP858")
    p.textln(f"Canteen 2   Sale {n}")
    total = 0
    for name, price in rng.sample(MENU, rng.randint(1, 3)):
        p.textln(f"{name:<30}{price / 100:>8.2f}")
        total += price
    if saved:
        p.textln(f"{'Saved today':<30}{rng.choice([20, 40, 55]) / 100:>8.2f}")
    p.set(bold=True)
    p.textln(f"{'TOTAL':<30}{'£' + format(total / 100, '.2f'):>8}")
    p.set(bold=False)
    p.textln(f"Paid by: {tender}")
    p.cut()
    return p.output, total
