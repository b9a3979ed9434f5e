"""A thirty-first, blind holdout corpus for issue 13's receipt reading.

Seven UK school and college catering tills and offices (``layouts.py``;
sources and conventions in README.md), written without reading the rules:
a Northern Ireland primary's dinner money at the office (the Education
Authority's price by the week or month, cheques payable to the EA, meals not
taken carried forward), a sixth-form college refectory (the free college
meal's daily allowance by thumb, the rest paid at the time, a staff
discount, a four-column table), a boarding school's tuck shop on the house
bank (pocket money, a weekly limit the parents set), a secondary's office
selling uniform, trips and replacement cards (ParentPay balance, card,
cash, cheque; a Pupil Premium contribution), a primary's pre-ordered meal
slip for a special diet (allergens, ordered the day before), a primary's
breakfast club booked a week ahead (childcare vouchers, a family cap, credit
for a day missed) and a Gaelic-medium school's canteen in the Western Isles
(Gaelic labels over English). Each renderer prints through python-escpos
(``escpos.printer.Dummy``, by the fifth holdout's ``Printed``) and returns
the ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
