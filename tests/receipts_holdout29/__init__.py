"""A twenty-ninth, blind holdout corpus for issue 13's receipt reading.

Seven UK school, college and university catering tills on their hard days
(``layouts.py``; sources and conventions in README.md), written without
reading the rules: a primary office's monthly payment slip printed in double
size by the shape of a school's own python-escpos module, a sixth-form
college refectory's meal token by the shape of a cafeteria's own thermal
token module (label left, value right), a Denbighshire secondary's till pad
(Welsh and English labels in two columns), a university refectory's prepaid
meal card (the rest charged at the till once the card's allocation is
spent), a Cambridge-style college buttery (the university card puts it on
the college bill; drink at the bar paid in cash), a Powys secondary's
thumb till (FSM, a daily spend limit, sales posted after an offline spell),
and a Cambridgeshire village college's card till and finance office (dot
leaders, FSM placed on the card, cash paid in, a lost card charged).
Each renderer prints through python-escpos (``escpos.printer.Dummy``, by the
fifth holdout's ``Printed``) and returns the ground truth a careful person
reading the paper would record.
"""

from __future__ import annotations

from tests.holdout_plumbing import printed_corpus
from tests.receipts_holdout5 import Printed  # one receipt as printed, its bytes by python-escpos

__all__ = ["Printed", "corpus", "rendered"]


rendered, corpus = printed_corpus(__name__, numbered_from=0)
