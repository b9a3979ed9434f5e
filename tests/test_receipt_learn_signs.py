"""A till printing a sign before its currency's word ("Rundung: +CHF 0.02",
"Rundung: -CHF 0.01") prints either sign on the next receipt: the layout a
profile learns knows the line with either, as it knows any amount, and
still only under the words the till printed. (Right receipts of a Swiss
till were flagged as untaught when the samples rounded one way only.)"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.sale.receipt_learn_layout import shapes

LABELS = st.sampled_from(["Rundung:", "Arrondi :", "Rounding adj.:", "Pyöristys:"])
CURRENCIES = st.sampled_from(["CHF", "EUR", "NOK", "Kč"])
SIGNS = st.sampled_from(["+", "-"])
PENCE = st.integers(0, 99_999)


def _line(label: str, sign: str, currency: str, pence: int) -> str:
    return f"{label}     {sign}{currency} {pence // 100}.{pence % 100:02d}"


@settings(max_examples=200, deadline=None)
@given(LABELS, CURRENCIES, SIGNS, SIGNS, PENCE, PENCE, PENCE)
def test_a_sign_before_a_currency_word_taught_either_way_is_known_either_way(
        label, currency, taught, printed, a, b, c):
    rx = shapes([(_line(label, taught, currency, a), "", 3, 0),
                 (_line(label, taught, currency, b), "", 3, 1)])
    assert re.fullmatch(rx, _line(label, printed, currency, c))
    assert not re.fullmatch(rx, _line("Trinkgeld:", printed, currency, c))


def test_a_group_printing_both_signs_matches_each_line_it_was_learnt_from():
    lines = ["Rundung:     +CHF 0.02", "Rundung:     -CHF 0.02"]
    rx = shapes([(line, "", 3, k) for k, line in enumerate(lines)])
    assert all(re.fullmatch(rx, line) for line in lines)
