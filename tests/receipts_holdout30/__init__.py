"""A thirtieth, blind holdout corpus for issue 13's receipt reading.

Seven UK and Irish school, college and university catering tills on their
hard days (``layouts.py``; sources and conventions in README.md), written
without reading the rules: a sixth form's coffee bar by a coffee stand's own
byte-level ESC/POS module (a name wrapped, a meal deal as a bundle, the free
meal then cashless), a special school's community cafe by a shop till's own
ESC/POS builder (names cut at the column, a split of cash and card,
returns), a Rhondda Cynon Taf secondary (English first, Welsh on the row
beneath; FSM then cashless, a daily limit, top-ups), an Edinburgh
secondary's finger-image till (a date day/month/yy unpadded, cash paid in,
an overdrawn account), a university dining hall's diners+ meals and cash+
on the ID card, a Liverpool primary's office taking dinner money (siblings,
infants free, no change: credit carried forward), and an Irish community
college's canteen card (euro, meal plan units, a credit facility,
click-and-collect). Each renderer prints through python-escpos
(``escpos.printer.Dummy``, by the fifth holdout's ``Printed``) and returns
the ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
