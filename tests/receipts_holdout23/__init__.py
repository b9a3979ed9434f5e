"""A twenty-third, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Ghanaian chop bar's receipt (VAT, NHIL
and GETFund levies on top, ``GH¢``), an Israeli tax invoice-receipt printed
right to left in CP862 (the amount before its label), a UK farm shop's slip
from its own ESC/POS code (a card slip and a VAT summary under the total), a
US restaurant's Toast guest check (sales tax, an automatic gratuity, the
suggested tips and blank tip and total lines), a Lithuanian fiscal cash
register's kvitas (CP1257, decimal commas), and two UK school tills: a
Caterlink primary's meal slip (student ID, universal infant and free meals)
and a secondary's biometric tuck shop and cafeteria (a daily spend limit, a
free meal credit at lunch only). Each renderer prints through python-escpos
(``escpos.printer.Dummy``, by the fifth holdout's ``Printed``) and returns the
ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
