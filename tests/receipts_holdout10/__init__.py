"""A tenth, blind holdout corpus for issue 13's receipt reading.

Six more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a German art-fair booth's Kassenbon with
its TSE block (Zollify, 32 columns for a myPOS Carbon or a Bluetooth ESC/POS
printer), an Indonesian shop's "struk" written as raw ESC/POS text, a Nairobi
restaurant's tax invoice with its M-Pesa reference, a French "ticket de
caisse" from a PHP till built on escpos-php, and two UK school catering tills
(a Scottish council secondary and a Cornish academy). Each renderer prints
through python-escpos (``escpos.printer.Dummy``, by the fifth holdout's
``Printed``) and returns the ground truth a careful person reading the paper
would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
