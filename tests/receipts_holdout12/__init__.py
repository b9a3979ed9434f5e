"""A twelfth, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Turkish "satış fişi" printed by
python-escpos, an Italian restaurant's "scontrino" written as 32-column text,
a Czech "daňový doklad" (CZK, DIČ/IČO), an Indian restaurant bill with CGST
and SGST from an Android till's ESC/POS commands, and two UK catering tills
(a secondary academy on a biometric cashless system, a further-education
college's bistro with a bursary purse and a cash purse). Each renderer prints
through python-escpos (``escpos.printer.Dummy``, by the fifth holdout's
``Printed``) and returns the ground truth a careful person reading the paper
would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
