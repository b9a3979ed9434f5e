"""An eleventh, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Lagos shop's text receipt (naira, VAT
7.5 % inclusive, POS and bank transfer), a Soweto spaza's receipt (TOSS ERP's
published layout), a Philippine official receipt (``OR#``, ``VATable
Sales``), a Norwegian shop's kvittering (MVA, kroner with a decimal comma,
CP865), and two UK school catering tills (a Lancashire high school on PINs,
an independent school's breakfast and tuck shop). Each renderer prints through
python-escpos (``escpos.printer.Dummy``, by the fifth holdout's ``Printed``)
and returns the ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
