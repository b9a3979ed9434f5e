"""A twenty-first, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: an Austrian Kassenbeleg from QRK
Registrierkasse (Bon-Nr, MwSt per rate, decimal commas, names wrapped in
their column), a Bulgarian касова бележка (CP1251/CP866, tax group letters,
the euro total with its leva equivalent under it), a Ugandan EFRIS e-receipt
(sections A-F, FDN, the gross amount in words), a Colombian bakery's slip
from a Rust ESC/POS builder's own code (whole pesos, its CP858 encoder's
mangled accents), and three UK school tills (a Northern Irish college on
School Gateway, a Southampton high school's account-only servery with a
daily limit, a primary's Cypad meal slips with no time). Each renderer prints
through python-escpos (``escpos.printer.Dummy``, by the fifth holdout's
``Printed``) and returns the ground truth a careful person reading the paper
would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
