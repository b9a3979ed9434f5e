"""A twenty-sixth, blind holdout corpus for issue 13's receipt reading.

Seven UK school and college catering tills on their hard days (``layouts.py``;
sources and conventions in README.md), written without reading the rules: a
sixth-form college canteen printing escpos-php's cash receipt (no date), a
university's catered-hall meal token built as text (meals on a plan, guests
paying at the till), a Lancashire high school's swipe-card till, a Blaenau
Gwent school's Welsh-first slip, a Highland secondary's PIN till (cheques,
pre-orders, sales stored offline), a university department's canteen on the
University Card (deposits in cash, visitors, VAT included), and a Perth and
Kinross secondary's NEC till (value added in cash, "cashback" to the
account). Each renderer prints through python-escpos (``escpos.printer.Dummy``,
by the fifth holdout's ``Printed``) and returns the ground truth a careful
person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
