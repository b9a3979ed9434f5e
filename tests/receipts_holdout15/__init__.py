"""A fifteenth, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Thai abbreviated tax invoice (VAT 7 %
included, baht), a Portuguese fatura simplificada from an ESC/POS builder
(NIF, ATCUD, IVA on top, CP860), a Slovak eKasa pokladničný doklad (DPH,
euros with a decimal comma, CP852/CP1250), an Irish café on Loyverse's
printed receipt (VAT 13.5 % included), a Vancouver coffee bar on Square's
printed receipt (GST and PST on top, 12-hour clock) and two UK school tills
(an IRIS BioStore secondary with a free-meal wallet and a Live Register
academy with two purses). Each renderer prints through python-escpos
(``escpos.printer.Dummy``, by the fifth holdout's ``Printed``) and returns the
ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
