"""A twenty-second, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Sri Lankan café's slip printed by its
POS's own python-escpos code (tax on top, a discount after it, names
transliterated from Sinhala), a Serbian fiscal receipt's journal (PFR, in
Cyrillic on CP855 or Latin on CP852), a Kazakh WEBKASSA fiscal receipt (CP866,
tenders above ИТОГО), a Rwandan EBM receipt (tax codes glued to the amounts,
the SDC block), a Dutch supermarket kassabon (BONUS, statiegeld, afronding),
and two UK secondary school tills (a Chartwells canteen on PIN accounts; an
Aspens sixth-form coffee shop on account or card). Each renderer prints
through python-escpos (``escpos.printer.Dummy``, by the fifth holdout's
``Printed``) and returns the ground truth a careful person reading the paper
would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
