"""A thirteenth, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Finnish kuitti (a PHP till's text
receipt, ALV on top, euros through CP858 or ISO 8859-15), a Malaysian
restaurant's tax invoice (service charge, SST 6 %, rounding to 5 sen), a
Japanese shokudo's receipt (yen without decimals, tax included or on top), a
Danish bakery's kvittering (moms included, a decimal comma, CP865), and two UK
school catering tills (a Manchester high school on fingerprints, a Surrey
secondary's bistro on MCAS dinner money). Each renderer prints through
python-escpos (``escpos.printer.Dummy``, by the fifth holdout's ``Printed``)
and returns the ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
