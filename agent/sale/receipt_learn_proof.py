"""Whether a till's samples prove its learnt layout (part of ``agent
receipt learn``).

A complete profile (``receipt_learn_layout``) flags every receipt printing a
line its samples did not teach (``template_miss``). That is worth having only
where the samples show the till's whole layout: a till whose receipts print
lines that come and go (a card slip's "Auth Code : 43532" on some card sales,
"Add bacon $1.50" on some orders, a licence number that differs by branch)
teaches, from five samples, a layout that flags right receipts at every
lunch, each one a receipt the office checks by hand: a profile worse than
the defaults.

The proof is the samples' own: each sample, held out, must be known line for
line and field for field by the layout learnt from the others. Where one is
not, five samples have not shown the till's layout (the next receipt would
likely print a line none of them printed either: the share of samples held
out that way is the Good-Turing estimate of how often a new receipt prints
a line no sample did), and the profile leaves the
defaults' rule in place: no layout, no ``template_miss``; what the samples
did prove (labels, tender words, whole units, an unnamed tender) is kept. A
sample the profile reads wrong in a confirmed field is not asked to be known
(it is flagged, as it should be), and a till with one sample proves nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.flag_words import words
from agent.sale.receipt_learn_fields import CONFIRMED, Truth, field_right
from agent.sale.receipt_learn_layout import learn_layout
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret, misses


def unproven(samples: list[Any], truths: list[Truth], rc: ReceiptConfig,
             tender_of: Callable[[str | None], str | None]) -> list[str]:
    """Why ``samples`` do not prove the layout ``learn_layout`` learns from
    them under ``rc`` (the profile without its layout), in plain words: for
    each sample read right, the lines the layout learnt from the others does
    not know and the fields it misses, even those it would raise no alarm
    for (``misses(novel=True)``: a card's slip no other sample printed is
    still a line the till prints on some receipts); [] when every such
    sample is known."""
    rules = rules_from_config(rc)
    out: list[str] = []
    for k, (s, t) in enumerate(zip(samples, truths, strict=True)):
        if any(field_right(interpret(s, rules), t, f, tender_of) is False for f in CONFIRMED):
            continue  # (read wrong: flagged, as it should be)
        layout = learn_layout(samples[:k] + samples[k + 1:], truths[:k] + truths[k + 1:],
                              rc, tender_of)
        with_it = dataclasses.replace(rc, templates=[*rc.templates, layout])
        out += [f"sample {k + 1}, held out: {why}"
                for why in misses(s, rules_from_config(with_it), novel=True)]
    return out


def without_layout(layout: ReceiptTemplate) -> ReceiptTemplate:
    """``layout`` with no line or field of the till's layout (what makes a
    profile complete), keeping what else the samples confirmed (whole units,
    the tender of a sale printing no tender word)."""
    return dataclasses.replace(layout, header="", body="", footer="", items="", aside="",
                               expect="")


def _reading(p: Any) -> tuple:
    return (p.kind, [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines],
            p.total_pence, p.tender, len(p.tenders), p.receipt_no, p.occurred, p.account)


def for_review(p: Any) -> bool:
    """Whether a reading carries a flag that makes a person check the sale."""
    return any(words(f).review for f in p.flags)


def quiet(samples: list[Any], truths: list[Truth], base: ReceiptConfig,
          tender_of: Callable[[str | None], str | None]) -> list[tuple[Any, tuple]]:
    """The samples ``base`` (the defaults) reads with no flag for a person
    and no confirmed field wrong, each with that reading: where nothing
    confirmed says otherwise, the defaults' reading is all the samples say
    of them (the office's receipts read cleanly, which nobody checked; a
    technician's fields left unconfirmed)."""
    rules = rules_from_config(base)
    return [(s, _reading(p)) for s, t in zip(samples, truths, strict=True)
            if not for_review(p := interpret(s, rules))
            and not any(field_right(p, t, f, tender_of) is False for f in CONFIRMED)]


def disturbs(rc: ReceiptConfig, quiet_samples: list[tuple[Any, tuple]]) -> bool:
    """Whether ``rc`` reads a quiet sample (``quiet``) otherwise than the
    defaults did, or flags it for a person: a rule its samples do not prove
    ("Cash Balance Now" learnt as the tender of the sales the office
    confirmed paid by meal credit, which on the sales paid from the balance
    reads a split that does not add up)."""
    rules = rules_from_config(rc)
    return any(for_review(p := interpret(s, rules)) or _reading(p) != read
               for s, read in quiet_samples)


def proven_fields(templates: list[ReceiptTemplate], words: dict[str, str],
                  quiet_samples: list[tuple[Any, tuple]], base: ReceiptConfig
                  ) -> tuple[list[ReceiptTemplate], dict[str, str]]:
    """``templates`` and tender ``words`` (``learn_fields``'s, on top of
    ``base``) without each one that alone, of all of them, makes the profile
    disturb a quiet sample (``disturbs``): the defaults' rule is left in
    place there. The last learnt is judged first (it was learnt on top of
    the others)."""
    def config(tpls: list[ReceiptTemplate], ws: dict[str, str]) -> ReceiptConfig:
        return dataclasses.replace(base, templates=[*tpls, *base.templates],
                                   tenders={**base.tenders, **ws})

    if not quiet_samples or not disturbs(config(templates, words), quiet_samples):
        return templates, words
    for word in reversed(list(words)):
        rest = {k: v for k, v in words.items() if k != word}
        if not disturbs(config(templates, rest), quiet_samples):
            return templates, rest
    for k in reversed(range(len(templates))):
        rest_t = templates[:k] + templates[k + 1:]
        if not disturbs(config(rest_t, words), quiet_samples):
            return rest_t, words
    return templates, words
