"""A twenty-eighth, blind holdout corpus for issue 13's receipt reading.

Seven UK school and university catering tills on their hard days
(``layouts.py``; sources and conventions in README.md), written without
reading the rules: a primary office's dinner-money receipt and a hall of
residence's servery slip printed by the shapes of a school fee portal's and a
hall canteen's own ESC/POS code, a Gwynedd primary's bilingual office slip (Welsh first, the English
after ``-``), a Nottinghamshire secondary's biometric till (a contract
caterer's FSM credit then the account, balances brought and carried
forward), an academy's tutor-group servery slip (meal entitlement, voids,
allergy notes), a Moray secondary's Young Scot till (a daily allowance
that clears after lunch, Grab & Go pre-orders, tenders printed negative),
and a boarding college's tuck shop (a chit puts it on the termly account).
Each renderer prints through python-escpos (``escpos.printer.Dummy``, by the
fifth holdout's ``Printed``) and returns the ground truth a careful person
reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
