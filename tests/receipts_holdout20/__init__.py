"""A twentieth, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Tanzanian EFD/VFD legal receipt (TIN,
VRN, Z number, verification code; VAT 18 % included), the English side of a
Saudi ZATCA simplified tax invoice (lines stated before VAT, 15 % per line),
a Swedish kvitto (moms 12 % / 25 % per rate, Kontokort, Växel, Swish), a
Montenegrin fiskalni račun (the composed invoice number, IKOF and JIKR, PDV,
CP852), a Doha coffee roastery's slip from its own ESC/POS module (tax on
top, the store name printed twice), and two UK secondary school tills (a
village college's account cards with a daily free-meal allowance; a high
school's diner with a daily cap and a weekly lunch loan that overdraws the
account). Each renderer prints through python-escpos (``escpos.printer.Dummy``,
by the fifth holdout's ``Printed``) and returns the ground truth a careful
person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
