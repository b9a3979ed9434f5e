"""A ninth, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: an Andorran shop printing through
node-thermal-printer, a US cafe's C++ till, an Australian grocer's tax
invoice (5-cent cash rounding, card surcharge), a Zambian store's plain-text
receipt, and two UK school canteens (a Scottish secondary on Young Scot
cards, a bilingual Welsh secondary on ParentPay). Each renderer prints
through python-escpos (``escpos.printer.Dummy``, by the fifth holdout's
``Printed``) and returns the ground truth a careful person reading the
paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
