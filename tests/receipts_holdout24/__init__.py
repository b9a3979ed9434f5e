"""A twenty-fourth, blind holdout corpus for issue 13's receipt reading.

Seven more real layouts (``layouts.py``; sources and conventions in README.md),
written without reading the rules: a school uniform shop's WooCommerce POS
receipt (its Handlebars template: ``Paid:`` over the table, a struck-through
price beside the discounted one), a New Zealand café's GST tax invoice (GST
inclusive, EFTPOS, a card surcharge, cash rounded to ten cents), an Ecuadorian
SRI factura (IVA 15 % on top, a ``Desc.`` column, the 49-digit access key), a
Uruguayan e-Ticket (IVA included, the card's IVA reduction of Ley 19.210), an
Egyptian shop's own ESC/POS receipt (Arabic on Windows-1256, ``ص``/``م`` clock,
VAT 14 % on top, instalments), and two UK school tills (a girls' grammar school
on WisePay with fingerprints or a 4-digit ID; a Scottish council secondary with
break and lunch limits and free school lunches). Each renderer prints through
python-escpos (``escpos.printer.Dummy``, by the fifth holdout's ``Printed``) and
returns the ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
