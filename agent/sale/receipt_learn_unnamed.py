"""Learning what a till's sale is when it hands over exactly its total and
prints no word for how it was paid (part of ``agent receipt learn``).

Many tills print no tender word for some sales: "Tendered 4.20" / "Change
0.00" alone (Floreant), "Paid 4.20" (a till that only ever takes one way of
paying). The default rules cannot say whether that was cash with nothing
back or a card printed the same way, and flag ``unread_tender``: at such a
till, a person would check every right receipt of every lunch. The
technician can: the samples' confirmed tender says it. The profile learns it
(``unnamed_tender``: a contract word, or ``UNSAID``, the till never says)
only where the samples prove it:

* at least one sample is such a sale, read right on every confirmed field
  but its tender, and all such samples were confirmed the same way;
* with the profile saying so, each of them reads right on every confirmed
  field, no sample read right before reads a field wrong, and no sample
  confirmed paid otherwise reads as paid that way (rivals).

A receipt that prints a tender word (known or not) is read as before: the
profile speaks only for exact money with no word, on a receipt whose
arithmetic adds up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from agent.config import ReceiptConfig
from agent.sale.receipt_learn_fields import CONFIRMED, Truth, field_right
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import UNPARSED, contract_tender, interpret
from drivers.receipt.profile import UNNAMED_TENDERS, UNSAID
from drivers.receipt.reader import hands_over_unnamed

UNREAD_TENDER = "unread_tender"
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


def learn_unnamed_tender(samples: list[Any], truths: list[Truth],
                         config_with: Callable[[str], ReceiptConfig],
                         tender_of: Callable[[str | None], str | None]) -> str:
    """The ``unnamed_tender`` the samples prove for a till, or "" when they
    prove none; ``config_with(word)``: the till's config with its profile
    saying ``word``."""
    before = rules_from_config(config_with(""))
    read = [interpret(s, before) for s in samples]
    # The samples the profile would speak for: their flag goes when it says
    # anything (other doubts about the tender, "Sodexo Pass £3.20" below the
    # total, stay).
    probe = rules_from_config(config_with(UNSAID))
    shaped = [UNREAD_TENDER in p.flags and UNREAD_TENDER not in interpret(s, probe).flags
              for s, p in zip(samples, read, strict=True)]
    if not all(_proved(p, t, tender_of) and not names_a_tender(s)
               for s, p, t, k in zip(samples, read, truths, shaped, strict=True) if k):
        return ""  # (one names its tenders: "готiвка + карта", the parts not printed)
    said = {_confirmed_as(t.tender) for t, k in zip(truths, shaped, strict=True) if k}
    if not said:
        # No such sale among the samples, but samples that handed over money
        # and printed no tender word ("PAGÓ CON $50.00" / "SU CAMBIO $28.40"),
        # each confirmed as saying none: the till never says, whatever was
        # handed over (only "says none" carries over: change given proves
        # nothing of a card printed the same way).
        said = {_confirmed_as(t.tender) for s, p, t in zip(samples, read, truths, strict=True)
                if _proved(p, t, tender_of) and hands_over_unnamed(s, before)
                and not names_a_tender(s)}
        if said != {UNSAID}:
            return ""
    if len(said) != 1 or None in said:
        return ""  # confirmed two ways, or as a tender the profile cannot hold
    word = said.pop()
    after = rules_from_config(config_with(word))
    for s, t, p, k in zip(samples, truths, read, shaped, strict=True):
        q = interpret(s, after)
        if any(field_right(p, t, f, tender_of) and field_right(q, t, f, tender_of) is False
               for f in CONFIRMED):
            return ""  # a field read right without it reads wrong with it
        if k and (UNREAD_TENDER in q.flags
                  or any(field_right(q, t, f, tender_of) is False for f in CONFIRMED)):
            return ""
        if q.tender != p.tender and field_right(q, t, "tender", tender_of) is not True:
            return ""  # (rivals) a sale confirmed paid otherwise, or not confirmed, read so
    return word


def names_a_tender(sample: Any) -> bool:
    """Whether ``sample`` prints a line of words alone, no amount, naming a
    tender the tables know ("Форма оплати: готiвка + карта": cash and card,
    what each paid not printed; not "Due 0.00"): such a till names its
    tenders, and a sale printed so is no sale without a tender word,
    whatever the rules read from it."""
    return any(contract_tender(w) for line in map(str, getattr(sample, "text", ()) or ())
               if not _DIGIT.search(line) for w in _WORD.findall(line))


def _confirmed_as(tender: str | None) -> str | None:
    """The profile's word for a confirmed tender ("" none printed: ``UNSAID``);
    None for one it cannot hold (a word no contract knows)."""
    word = UNSAID if tender == "" else tender
    return word if word in UNNAMED_TENDERS else None


def _proved(p: Any, t: Truth, tender_of: Callable[[str | None], str | None]) -> bool:
    """Whether sample ``p`` proves what the profile would say: its tender
    confirmed, its arithmetic adding up, and every other confirmed field
    read right (its total confirmed)."""
    return (p.tender is None and not p.tenders and UNPARSED not in p.flags
            and t.tender is not None and t.total is not None
            and all(field_right(p, t, f, tender_of) is not False
                    for f in CONFIRMED if f != "tender"))
