"""An eighth, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: an Indian canteen bill printed by
python-escpos, a Lightning-friendly cafe POS writing ESC/POS text over Web
Serial, a South African gym bar's text receipt for Epson printers, a Polish
fiscal "paragon", and two UK catering tills (a school on CRB Cunninghams and
ParentPay, a university refectory on a stored-value campus card). Each
renderer prints through python-escpos (``escpos.printer.Dummy``, by the
fifth holdout's ``Printed``) and returns the ground truth a careful person
reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
