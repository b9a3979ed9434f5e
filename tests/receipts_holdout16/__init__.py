"""A sixteenth, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Ukrainian shop's чек (zstore's ESC/POS
template, hryvnias, Cyrillic in CP866), a Dakar boutique's ticket (the
thermoprint builder: FCFA, TVA 18 % on top), a self-order kiosk's card
receipt (a C# ESC/POS service for a Hwasung printer: sales tax on top,
options under items), a South African deli's slip (VAT 15 % on top, rand with
a decimal comma), a Dubai shop on Botble's POS Pro (AED, VAT included) and two
UK school catering tills (a fingertip till and a
thumb-scan servery). Each renderer prints through python-escpos
(``escpos.printer.Dummy``, by the fifth holdout's ``Printed``) and returns the
ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
