"""A seventeenth, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Greek απόδειξη λιανικής (ΦΠΑ 24 %
included, CP1253), a Croatian fiscal račun (PDV, ZKI and JIR, a decimal
comma, CP852), a Singapore kopitiam bill (service charge and GST on top, cash
rounding), a UK café on Zettle, and two UK school catering tills (a swipe-card
school with a daily meal credit, a Catholic high school's refectory). Each
renderer prints through python-escpos (``escpos.printer.Dummy``, by the fifth
holdout's ``Printed``) and returns the ground truth a careful person reading
the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
