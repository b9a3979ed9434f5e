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
from dataclasses import dataclass
from typing import Any

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.flag_words import words
from agent.sale.receipt_learn_fields import CONFIRMED, Truth, field_right
from agent.sale.receipt_learn_layout import learn_layout
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import ReceiptRules, interpret, misses, tenders_printed


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


def _but_tender(reading: tuple) -> tuple:
    """A reading (``_reading``) without its tender."""
    return reading[:3] + reading[4:]


def for_review(p: Any) -> bool:
    """Whether a reading carries a flag that makes a person check the sale."""
    return any(words(f).review for f in p.flags)


@dataclass(frozen=True)
class QuietSample:
    """A sample the defaults read with no flag for a person and no
    confirmed field wrong, and that reading (``_reading``)."""

    sample: Any
    reading: tuple
    tender_confirmed: bool  # its truth says how it was paid (else only the defaults do)


@dataclass(frozen=True)
class Quiet:
    """What ``disturbs`` holds a profile to: the samples the defaults read
    quietly, and the samples whose way paid a person confirmed (each with
    the contract's word the check gave), which prove what a printed way
    means where a quiet sample only shows how the defaults read it."""

    samples: list[QuietSample]
    checked: list[tuple[Any, str]]
    tender_of: Callable[[str | None], str | None]

    def __bool__(self) -> bool:
        return bool(self.samples)


def quiet(samples: list[Any], truths: list[Truth], base: ReceiptConfig,
          tender_of: Callable[[str | None], str | None]) -> Quiet:
    """The samples ``base`` (the defaults) reads with no flag for a person
    and no confirmed field wrong, each with that reading: where nothing
    confirmed says otherwise, the defaults' reading is all the samples say
    of them (the office's receipts read cleanly, which nobody checked; a
    technician's fields left unconfirmed). With them, the samples whose
    way paid a person confirmed (``Quiet.checked``)."""
    rules = rules_from_config(base)
    return Quiet(
        [QuietSample(s, _reading(p), "tender" in t.confirmed)
         for s, t in zip(samples, truths, strict=True)
         if not for_review(p := interpret(s, rules))
         and not any(field_right(p, t, f, tender_of) is False for f in CONFIRMED)],
        [(s, t.tender) for s, t in zip(samples, truths, strict=True) if t.tender],
        tender_of)


def ways_checked(quiet_samples: Quiet, rules: ReceiptRules) -> dict[str, str]:
    """The printed ways paid a person's check proves under ``rules``: the
    one way a checked sample prints (as ``rules`` read it, the key
    casefolded) means the way paid the check gave, where no other check
    gave another for it."""
    said: dict[str, set[str]] = {}
    for s, tender in quiet_samples.checked:
        printed = tenders_printed(s, rules)
        if len(printed) == 1:
            said.setdefault(_key(printed[0]), set()).add(tender)
    return {way: tender for way, (tender, *others) in said.items() if not others}


def _key(way: str) -> str:
    return " ".join(way.casefold().split())


def _as_checked(q: QuietSample, p: Any, rules: ReceiptRules, proved: dict[str, str],
                tender_of: Callable[[str | None], str | None]) -> bool:
    """Whether ``p`` (``rules``' reading of quiet sample ``q``) differs from
    the defaults' only in a tender nobody confirmed on ``q``, now read from
    the one way ``q`` prints as a person's check proved that way means
    (``proved``, ``ways_checked``): the defaults' reading of ``q`` is
    evidence of the old rule, not of the paper."""
    if q.tender_confirmed or _but_tender(_reading(p)) != _but_tender(q.reading):
        return False
    printed = tenders_printed(q.sample, rules)
    return len(printed) == 1 and proved.get(_key(printed[0])) == tender_of(p.tender)


def disturbs(rc: ReceiptConfig, quiet_samples: Quiet) -> bool:
    """Whether ``rc`` reads a quiet sample (``quiet``) otherwise than the
    defaults did, or flags it for a person: a rule its samples do not prove
    ("Cash Balance Now" learnt as the tender of the sales the office
    confirmed paid by meal credit, which on the sales paid from the balance
    reads a split that does not add up). A quiet sample read otherwise only
    in the way paid, as a person's check of another sample proved the way
    it prints means, is not disturbed (``_as_checked``: holdout29's blind
    rules read "Prepaid meal card" as no tender, and three clean receipts
    printing it vetoed what the office's spot check found on the paper)."""
    rules = rules_from_config(rc)
    changed = []
    for q in quiet_samples.samples:
        if for_review(p := interpret(q.sample, rules)):
            return True
        if _reading(p) != q.reading:
            changed.append((q, p))
    if not changed:
        return False
    proved = ways_checked(quiet_samples, rules)
    return not all(_as_checked(q, p, rules, proved, quiet_samples.tender_of)
                   for q, p in changed)


def proven_fields(templates: list[ReceiptTemplate], words: dict[str, str],
                  quiet_samples: Quiet, base: ReceiptConfig
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
