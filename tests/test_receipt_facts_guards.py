"""The reader does not scan a line for amounts when it cannot hold one: an
amount is always a digit, a point or comma and two digits (``_DECIMALS``).
This proves the skip says what the money pattern says, so a change to the
pattern that let an amount through without them fails here, not silently
in the reader."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import facts
from drivers.receipt.amounts import _AMOUNT, _DECIMALS

receiptish = st.text(alphabet="0123456789.,-£$€ú œRM()@%:xX/ABab\u00a0 ", max_size=40)


@settings(max_examples=500, deadline=None)
@given(receiptish)
def test_a_text_without_a_digit_a_point_and_two_digits_holds_no_amount(text):
    assert facts._AMOUNT is _AMOUNT and facts._DECIMALS is _DECIMALS  # what the reader uses
    for m in _AMOUNT.finditer(text):
        assert _DECIMALS.search(m.group(0)) is not None
    if _DECIMALS.search(text) is None:
        assert _AMOUNT.search(text) is None
