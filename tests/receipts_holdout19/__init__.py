"""A nineteenth, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a Peruvian boleta de venta electrónica
from an Android till's own ESC/POS code (``S/`` amounts, IGV 18 % included,
Yape and Plin), a Russian кассовый чек under 54-ФЗ from a clinic system's
own ESC/POS builder (CP866, ИТОГ, НАЛИЧНЫМИ / БЕЗНАЛИЧНЫМИ, ФН/ФД/ФПД), an
Argentine factura C ticket (the unit price in the price column, IVA
contenido), a Brazilian DANFE NFC-e (``Valor a pagar R$``, ``FORMA DE
PAGAMENTO``, the source's own ``Meio 03``), and three UK school catering
tills (a Trust-e secondary with a lend and a "cash balance" that is an
account, a Hampshire primary's traditional meal with universal infant free
meals, a Fidelity GPoS college refectory taking cashless and cash in one
sale). Each renderer prints through python-escpos (``escpos.printer.Dummy``,
by the fifth holdout's ``Printed``) and returns the ground truth a careful
person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
