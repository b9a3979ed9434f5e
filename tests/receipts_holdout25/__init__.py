"""A twenty-fifth, blind holdout corpus for issue 13's receipt reading: only
the field we sell into, on its hard days.

Seven UK and Irish school and college catering tills (``layouts.py``;
sources and conventions in README.md), written without reading the rules: a
Northern Ireland post-primary's fingerprint canteen (free school meal plus
balance, staff adult meals, a debt, offline sales sent later, duplicates), a
Glasgow secondary's Fuel Zone (meal deals as a bundle, healthy-choice
rewards, points, "payment card" meaning the pupil's account), a
Pembrokeshire secondary's bilingual slip (a daily limit and the item voided
over it), an Irish secondary canteen (top-ups and cash sales at the till, in
euro), a Dublin college's smart card (two pupils served at once), an academy
trust's central kitchen selling meal credits (from a school dining room's
own ESC/POS code) and a primary office's payment receipt (from an education
centre's own ESC/POS code: dinner money, arrears, prepayments). Each renderer
prints through python-escpos (``escpos.printer.Dummy``, by the fifth
holdout's ``Printed``) and returns the ground truth a careful person reading
the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
