"""An eighteenth, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Chilean boleta electrónica (pesos, IVA
included, a discount column), a Pakistani FBR-integrated restaurant invoice
(sales tax and a POS service fee on top, JazzCash/Easypaisa), an Algerian
superette's ticket (HT lines, TVA 19 % on top, dinars with a decimal comma),
a UK coffee shop's till (table, guests, offers), and two UK secondary school
tills (a contract caterer's fingerprint till; swipe cards with a daily spend
limit), and a Dominican colmado's slip from HiCloud POS's own ESC/POS
generator (ITBIS on top, a 12-hour ``p. m.`` clock). Each renderer prints
through python-escpos (``escpos.printer.Dummy``, by the fifth holdout's
``Printed``) and returns the ground truth a careful person reading the paper
would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
