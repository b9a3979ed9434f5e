"""Thousands grouped by a plain space, a group that starts with a zero
("Наличные: 1 000,00"): no till prints a whole part with a leading zero, so
the space groups thousands, never a count "1" before an item of "000,00"
(``number_formats._ZERO_LED_GROUP``; a Kazakh WEBKASSA receipt read a line
"Наличные" of nothing with no flag, holdout22 webkassa-kz)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt

W = 36


def _tenge(tiyn: int) -> str:
    whole = f"{tiyn // 100:,}".replace(",", " ")
    return f"{whole},{tiyn % 100:02d}"


def _row(left: str, right: str) -> str:
    return left + " " * max(1, W - len(left) - len(right)) + right


# Cash handed over: whole thousands of tenge and 0-99 more, so its last group
# starts with a zero ("1 000,00", "3 050,00"); the price below it.
HANDED = st.tuples(st.integers(1, 9), st.integers(0, 99)).map(
    lambda kt: (kt[0] * 1000 + kt[1]) * 100)


@settings(max_examples=40, deadline=None)
@given(handed=HANDED, price_tenge=st.integers(1, 999))
def test_cash_handed_over_with_a_zero_led_group_is_no_item(handed, price_tenge):
    price = min(price_tenge * 100, handed)
    p = interpret(printed_receipt(
        'ИП "КОФЕЙНЯ НА АБАЯ"', "Чек №8682650684110", "ПРОДАЖА", "-" * W,
        "  1. Баурсаки 6 шт", f"   1 шт x {_tenge(price)}", _row("   Стоимость", _tenge(price)),
        "-" * W, _row("Наличные:", _tenge(handed)), _row("Сдача:", _tenge(handed - price)),
        _row("ИТОГО:", _tenge(price)), "Время: 10.10.2026 20:46:02"))
    assert [(ln.description, ln.amount_pence) for ln in p.lines] == [("Баурсаки 6 шт", price)]
    assert (p.total_pence, p.tender) == (price, "cash")
