"""A twenty-seventh, blind holdout corpus for issue 13's receipt reading.

UK school and college catering tills on their hard days, in other schools',
councils' and suppliers' words (``layouts.py``; sources and conventions in
README.md), written without reading the rules: an East Ayrshire secondary's
pre-order kiosk slip (a student kiosk's own 40-column text), a students'
union cafe (a cafe's own 42-column receipt code), a Cardiff secondary's
biometric till (English first, Welsh after ``|``), a Wrexham secondary (Welsh
first, the English on the row beneath) and a County Durham primary's office
taking dinner money for one or two children. Each renderer prints through
python-escpos (``escpos.printer.Dummy``, by the fifth holdout's ``Printed``)
and returns the ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
