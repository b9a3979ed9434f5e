"""What a learnt layout (``agent.sale.receipt_learn_layout.shapes``) takes a
line of its till to be: its shape and its place, the till's own words as
printed, and never a sample's value."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agent.sale.receipt_learn_layout import shapes


def _knows(pattern: str, line: str) -> bool:
    return re.fullmatch(pattern, line) is not None


def test_a_line_with_an_amount_is_known_by_its_own_words_whatever_shares_its_place():
    # (sample, place): a tender and a balance share the first word, and the
    # tender's place is another sample's cash line
    lines = [("Dinner money £1.80", "", 0, 0), ("Dinner money left £28.68", "", 1, 0),
             ("Cash £5.00", "", 0, 1), ("Dinner money £4.35", "", 0, 2),
             ("Dinner money left £11.19", "", 1, 2)]
    pattern = shapes(lines)
    assert _knows(pattern, "Dinner money left £3.07")
    assert _knows(pattern, "Cash £20.00")
    assert not _knows(pattern, "Dinner money spent £3.07")
    assert not _knows(pattern, "Cash refunded £3.07")


_CODES = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=6, max_size=12).filter(
    lambda c: any(ch.isdigit() for ch in c) and any(ch.isalpha() for ch in c))


@given(_CODES, _CODES, _CODES)
def test_a_reference_code_of_letters_and_digits_is_any_such_code(a, b, new):
    pattern = shapes([(f"Transaction code {a}", "", 3, 0), (f"Transaction code {b}", "", 3, 1)])
    assert _knows(pattern, f"Transaction code {new}")
    assert not _knows(pattern, "Transaction code £5.00")
    assert not _knows(pattern, f"Refund code {new}")
    assert a not in pattern and b not in pattern
