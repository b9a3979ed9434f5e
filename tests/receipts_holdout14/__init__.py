"""A fourteenth, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Hungarian pizza delivery's nyugta (raw
text to a USB printer, forints, a float-printed discount), a Vietnamese shop's
hóa đơn (dong with dot thousands, VAT on top under a "total" that is not the
total), a Paraguayan store's 48 mm ticket (per-item discounts, IVA on top), a
US taco truck's Star markup receipt (sales tax and tips), a Swiss salon's
Kassenbeleg (MwSt on top, cash rounded to 5 Rappen) and two UK school tills
(a Civica-style secondary and a swipe-card academy with a breakfast club).
Each renderer prints through python-escpos (``escpos.printer.Dummy``, by the
fifth holdout's ``Printed``) and returns the ground truth a careful person
reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
