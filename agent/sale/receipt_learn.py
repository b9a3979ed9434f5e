"""A till's receipt profile, learnt from receipts captured at it (``agent
receipt learn``).

From a few samples, propose what the config can hold for this till on top of
the default rules: lines to ignore, found by the receipts' own arithmetic (a
line whose removal makes a receipt that did not add up add up, e.g. a
"Saved today 0.40" line the defaults took for an item), and the tender words
no table maps (the technician says which of the contract's words each one
is: the agent never guesses a tender). Pure: no files; the command shows
the proposal and writes it to the config only when told.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.receipt_learn_fields import (
    CONFIRMED,
    Truth,
    field_right,
    learn_fields,
    lines_both,
)
from agent.sale.receipt_learn_layout import learn_layout
from agent.sale.receipt_learn_proof import (
    disturbs,
    for_review,
    proven_fields,
    quiet,
    unproven,
    without_layout,
)
from agent.sale.receipt_learn_rivals import rival_ways, tender_rivals, total_rivals
from agent.sale.receipt_learn_tenders import purses_of_ways
from agent.sale.receipt_learn_unnamed import learn_unnamed_tender
from agent.sale.receipt_learn_unread import still_unread
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import (
    CONTRACT_TENDERS,
    UNMAPPED_TENDER,
    UNPARSED,
    ParsedReceipt,
    amount_label,
    contract_tender,
    interpret,
    tenders_printed,
)
from drivers.receipt.profile import WHOLE_UNITS
from drivers.receipt.reader import WHOLE_AMOUNTS
from drivers.receipt.rules import GUESSED_PURSES
from drivers.receipt.tenders import _key, family_tender, unmapped_kind

LEARNT = "learnt"  # the name of the template a profile adds
_MAX_LINES = 60  # a sample longer than this is not searched for pairs of lines to ignore


@dataclass
class Profile:
    """What a till needs beyond the defaults."""

    ignore: list[str] = field(default_factory=list)  # regular expressions, one per line label
    templates: list[ReceiptTemplate] = field(default_factory=list)  # labels learnt from truth
    tenders: dict[str, str] = field(default_factory=dict)  # printed word -> contract word
    unmapped: list[str] = field(default_factory=list)  # printed tenders still without a word
    # (learnt word, another printed word) the samples cannot tell apart as the tender's
    ambiguous_tenders: list[tuple[str, str]] = field(default_factory=list)
    # The till's whole layout (``receipt_learn_layout``): with it, a receipt
    # with a line or without a field the samples did not teach is flagged.
    layout: ReceiptTemplate | None = None
    # Why the samples do not prove the till's layout (``receipt_learn_proof``):
    # then ``layout`` holds no line or field of it, and the defaults' rules
    # read its receipts with what else the profile learnt.
    unproven: list[str] = field(default_factory=list)
    # What the profile still reads wrong on its own samples, and the tender
    # words it leaves unmapped, in plain words (``receipt_learn_unread``):
    # what the till's receipts will still ask a person for.
    unread: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        # (a layout alone is worth writing: the till's receipts read right
        # today, and a line it starts printing tomorrow is flagged)
        return not (self.ignore or self.tenders or self.templates or self.layout)

    def config(self, base: ReceiptConfig) -> ReceiptConfig:
        """``base`` with this profile added."""
        templates = [*self.templates, *base.templates]
        if self.layout is not None:
            templates.append(self.layout)
        if self.ignore:
            templates.append(ReceiptTemplate(name=LEARNT, ignore="|".join(self.ignore)))
        return dataclasses.replace(base, templates=templates,
                                   tenders={**base.tenders, **self.tenders})


def label_pattern(line: str) -> str | None:
    """A pattern for the label of a line with an amount ("Saved today 0.40"
    -> ``^Saved\\s+today\\b``, "3 X @1.90" -> ``^\\d+\\s+X\\s+@\\b``): its words
    before the first amount, anchored at the start; None when it has no
    amount or no words before it."""
    label = amount_label(line)
    if label is None or not any(ch.isalpha() for ch in label):
        return None
    # a number in the label is any number: never a sample's ("3 X @1.90")
    return "^" + r"\s+".join(r"\d+" if w.isdigit() else re.escape(w)
                              for w in label.split()) + r"\b"


def _adds_up(p: ParsedReceipt) -> bool:
    return p.total_pence is not None and UNPARSED not in p.flags


def _fixes(sample: Any, rules: Any) -> list[str]:
    """Label patterns of the line (or pair of lines) whose removal makes a
    sample that does not add up add up; [] when none does."""
    text = list(sample.text)

    def without(drop: set[int]) -> Any:
        return dataclasses.replace(sample, text=[t for i, t in enumerate(text) if i not in drop])

    candidates = [i for i, t in enumerate(text) if label_pattern(t)]
    for i in candidates:
        if _adds_up(interpret(without({i}), rules)):
            return [label_pattern(text[i]) or ""]
    if len(text) <= _MAX_LINES:
        for i, j in itertools.combinations(candidates, 2):
            if _adds_up(interpret(without({i, j}), rules)):
                return [label_pattern(text[i]) or "", label_pattern(text[j]) or ""]
    return []


def _prints_an_item(pattern: str, samples: list[Any], truths: list[Truth]) -> bool:
    """Whether ``pattern`` (a line to ignore, found by the arithmetic alone)
    matches a line printing an item the technician confirmed on that sample:
    such a line is never ignored, however well the arithmetic fits."""
    rx = re.compile(pattern, re.I)
    for s, t in zip(samples, truths, strict=True):
        names = [" ".join(d.casefold().split()) for d, _q, _p in t.lines or []]
        for line in s.text:
            folded = " ".join(line.casefold().split())
            if rx.search(folded) and any(n and n in folded for n in names):
                return True
    return False


def _only_fix(pattern: str, samples: list[Any], base: ReceiptConfig) -> bool:
    """Whether the arithmetic alone proves ``pattern``'s lines are no items:
    on some sample, setting its line aside makes the receipt add up and no
    other line's would. Two lines whose removal each make it add up (a
    wrapped name's first row, "Habichuelas rojas La  260.00", and the count
    row under it, "4 x 65.00") say one of them is no item, not which: with
    no items confirmed, such a line is not set aside (the receipt stays
    flagged)."""
    rules = rules_from_config(base)
    rx = re.compile(pattern)
    for s in samples:
        text = list(s.text)
        mine = {i for i, t in enumerate(text) if rx.search(" ".join(t.split()))}

        def adds_up(drop: set[int], s: Any = s, text: list[str] = text) -> bool:
            return _adds_up(interpret(dataclasses.replace(
                s, text=[t for i, t in enumerate(text) if i not in drop]), rules))

        if not mine or _adds_up(interpret(s, rules)) or not adds_up(mine):
            continue
        if not any(adds_up({j}) for j, t in enumerate(text)
                   if j not in mine and label_pattern(t)):
            return True
    return False


def _misreads(pattern: str, samples: list[Any], truths: list[Truth], profile: Profile,
              base: ReceiptConfig) -> bool:
    """Whether ignoring lines of ``pattern`` (found by the arithmetic alone)
    makes ``profile`` read a field the technician confirmed wrong on a
    sample it reads right without: "TOTAL R$14,11" set aside makes a
    receipt with an unprinted discount add up, and reads its subtotal as
    the total."""
    without = dataclasses.replace(profile, ignore=[rx for rx in profile.ignore if rx != pattern])
    rules = rules_from_config(without.config(base)), rules_from_config(profile.config(base))
    for s, t in zip(samples, truths, strict=True):
        before, after = (interpret(s, r) for r in rules)
        if any(field_right(before, t, f, contract_word)
               and field_right(after, t, f, contract_word) is False for f in CONFIRMED):
            return True
    return False


def confirmed_purses(samples: list[Any], truths: list[Truth], rc: ReceiptConfig
                     ) -> dict[str, str]:
    """The purses and allowances (as printed: "Cash purse") that samples
    read right confirmed as their only tender, which the tables know by the
    family guess alone: named in the profile's tenders, since under a
    complete profile a purse no sample printed is not taken on trust
    (``ReceiptRules._untaught_purse``)."""
    rules = rules_from_config(rc)
    out: dict[str, str] = {}
    for s, t in zip(samples, truths, strict=True):
        if not t.tender or field_right(interpret(s, rules), t, "tender", contract_word) is not True:
            continue
        printed = tenders_printed(s, rules)
        keys = {" ".join(p.casefold().split()) for p in printed}
        if len(keys) == 1 and contract_tender(printed[0]) is None \
                and family_tender(next(iter(keys))) in GUESSED_PURSES \
                and printed[0] not in rc.tenders:
            out[printed[0].strip()] = t.tender
    return out


def confirmed_as_printed(samples: list[Any], truths: list[Truth], rc: ReceiptConfig
                         ) -> dict[str, str]:
    """The ways paid by a word a school's purse may share ("MOBILE MONEY",
    "E-wallet": flagged ``unmapped_tender``, TENDERS.md) that the technician
    confirmed as the word as printed on a sample paid that way alone, or a
    meal voucher by its name ("TICHETE MASA", read as "voucher" and flagged
    for the site to map) confirmed as a voucher: named in the profile's
    tenders, so that till's receipts paid that way are no longer held for a
    person who has already said what the word is."""
    rules = rules_from_config(rc)
    out: dict[str, str] = {}
    for s, t in zip(samples, truths, strict=True):
        p = interpret(s, rules)
        if not t.tender or UNMAPPED_TENDER not in p.flags or len(p.tenders) > 1 \
                or field_right(p, t, "tender", contract_word) is not True:
            continue
        printed = tenders_printed(s, rules)
        if len(printed) == 1 and contract_tender(printed[0]) is None \
                and t.tender in (contract_word(printed[0]), unmapped_kind(_key(printed[0]))) \
                and printed[0] not in rc.tenders:
            out[printed[0].strip()] = t.tender
    return out


def _as_the_defaults_read(samples: list[Any], truths: list[Truth], base: ReceiptConfig
                          ) -> list[Truth]:
    """``truths`` with, on each sample whose tender nobody confirmed and
    which ``base`` reads with one tender and no flag for a person (the
    office's receipts read cleanly, which it did not check), that tender:
    a purse the defaults trusted there is named in the profile as they read
    it (``confirmed_purses``), never doubted by the profile's layout."""
    rules = rules_from_config(base)
    out = []
    for s, t in zip(samples, truths, strict=True):
        if t.tender is None and not (p := interpret(s, rules)).tenders and p.tender \
                and not for_review(p):
            t = dataclasses.replace(t, tender=contract_word(p.tender) or "")
        out.append(t)
    return out


def _prints_whole_units(samples: list[Any], truths: list[Truth], rc: ReceiptConfig) -> bool:
    """Whether the samples confirm the till prints whole units of its
    currency: some were read from whole numbers ("BILL TOTAL:  290",
    flagged ``whole_amounts``), and every such one has its total (and its
    items, when confirmed) read as the technician confirmed them. A sample
    printing "120" for 1.20 reads wrong, and confirms nothing."""
    rules = rules_from_config(rc)
    whole = [(p, t) for s, t in zip(samples, truths, strict=True)
             if WHOLE_AMOUNTS in (p := interpret(s, rules)).flags]
    return bool(whole) and all(
        field_right(p, t, "total", contract_word)
        and field_right(p, t, "lines", contract_word) is not False for p, t in whole)


def learn(samples: list[Any], base: ReceiptConfig,
          tenders: Mapping[str, str] | None = None,
          truths: list[Truth] | None = None, prove_layout: bool = True) -> Profile:
    """Propose a profile from ``samples`` (``CapturedReceipt``s of one till)
    read with ``base`` (the config's ``[receipt]``). ``tenders``: the
    technician's contract word for printed tender words, as in
    ``[receipt.tenders]``. ``truths``: what the technician confirms for each
    sample (``agent.sale.receipt_learn_fields.Truth``); from them the till's
    labels are learnt (``learn_fields``), and its layout, kept only where
    the samples prove it (``receipt_learn_proof``; ``prove_layout=False``
    keeps it unproven: every line no sample printed flagged)."""
    if truths:
        templates, words = learn_fields(samples, truths, base, contract_word)
        templates, words = proven_fields(templates, words,
                                         quiet(samples, truths, base, contract_word), base)
        printed = [lines_both(s, base) for s in samples]
        names = [[d for d, _q, _p in t.lines or ()] for t in truths]
        templates = [dataclasses.replace(
            t, total_rival=total_rivals(t.total, printed, words, names)) if t.total else t
            for t in templates]
        learnt = learn(samples, dataclasses.replace(
            base, templates=[*templates, *base.templates],
            tenders={**base.tenders, **words}), tenders)
        learnt.templates = templates + learnt.templates
        learnt.tenders = {**words, **learnt.tenders}
        learnt.ignore = [rx for rx in learnt.ignore if not _prints_an_item(rx, samples, truths)]
        if all(t.lines is None for t in truths):  # (no item confirmed: the sums alone)
            learnt.ignore = [rx for rx in learnt.ignore if _only_fix(rx, samples, base)]
        learnt.ignore = [rx for rx in learnt.ignore
                         if not _misreads(rx, samples, truths, learnt, base)]
        learnt.tenders.update(confirmed_purses(samples, _as_the_defaults_read(
            samples, truths, base), learnt.config(base)))
        learnt.tenders.update(confirmed_as_printed(samples, truths, learnt.config(base)))
        learnt = _with_purses(learnt, samples, truths, base)
        rivals = tender_rivals(samples, truths, learnt.config(base), words, contract_word)
        learnt.ambiguous_tenders = rivals
        learnt = _with_rival_ways(learnt, rival_ways(
            samples, truths, learnt.config(base), rivals, words, contract_word),
            words, samples, truths, base)
        learnt.layout = learn_layout(samples, truths, learnt.config(base), contract_word)
        if _prints_whole_units(samples, truths, learnt.config(base)):
            learnt.layout.amounts = WHOLE_UNITS
        learnt.layout.unnamed_tender = learn_unnamed_tender(
            samples, truths, functools.partial(_saying, learnt, base), contract_word)
        if prove_layout:
            learnt.unproven = unproven(samples, truths, dataclasses.replace(
                learnt, layout=None).config(base), contract_word)
        if learnt.unproven:  # (what else it holds kept: whole units, an unnamed tender)
            rest = without_layout(learnt.layout)
            learnt.layout = rest if rest.amounts or rest.unnamed_tender else None
        learnt.unread = still_unread(samples, truths, learnt.config(base), contract_word,
                                     learnt.unmapped)
        return learnt
    rules = rules_from_config(base)
    found: Counter[str] = Counter()
    for s in samples:
        p = interpret(s, rules)
        if "lines_total_mismatch" in p.flags:
            found.update(_fixes(s, rules))
    profile = Profile()
    # Keep an ignore pattern only if no sample that read cleanly stops doing so.
    clean = [s for s in samples if _adds_up(interpret(s, rules))]
    for pattern, _n in found.most_common():
        trial = Profile(ignore=[*profile.ignore, pattern])
        trial_rules = rules_from_config(trial.config(base))
        if all(_adds_up(interpret(s, trial_rules)) for s in clean):
            profile.ignore.append(pattern)
    given = {" ".join(k.casefold().split()): (k, v) for k, v in (tenders or {}).items()}
    rules = rules_from_config(profile.config(base))
    for s in samples:
        p = interpret(s, rules)
        if UNMAPPED_TENDER not in p.flags:
            continue
        # (each printed word no table maps: of a split, the part that is
        # unmapped, never the contract's word the split is recorded by)
        for printed in [w for w in tenders_printed(s, rules)
                        if UNMAPPED_TENDER in rules.tender_of([w])[1]] or [p.tender or ""]:
            key = " ".join(printed.casefold().split())
            if not key or key in {" ".join(w.split()) for w in CONTRACT_TENDERS}:
                continue
            if key in given:
                word, tender = given[key]
                profile.tenders[word] = tender
            elif printed not in profile.unmapped:
                profile.unmapped.append(printed)
    return profile


def _with_rival_ways(profile: Profile, ways: tuple[list[ReceiptTemplate], dict[str, str]],
                     words: dict[str, str], samples: list[Any], truths: list[Truth],
                     base: ReceiptConfig) -> Profile:
    """``profile`` reading the ways its samples cannot tell from its learnt
    tender ``words`` (``receipt_learn_rivals.rival_ways``) as the tender:
    instead of those words where that does ("Kaglan: Gladukla" above the
    items rather than "Thank you" below the total, which no other way would
    change), else beside them (both read, a way no sample printed is then
    unmapped); each kept only where it reads no confirmed field of a sample
    worse, flags no sample for a person that was not, and disturbs no
    sample the defaults read quietly (``disturbs``). Else ``profile``."""
    templates, found = ways
    if not templates:
        return profile
    quiet_samples = quiet(samples, truths, base, contract_word)
    before = [interpret(s, rules_from_config(profile.config(base))) for s in samples]
    for kept in ({k: v for k, v in profile.tenders.items() if k not in words}, profile.tenders):
        trial = dataclasses.replace(profile, templates=[*profile.templates, *templates],
                                    tenders={**kept, **found})
        rules = rules_from_config(trial.config(base))
        after = [interpret(s, rules) for s in samples]
        if not any(_worse(b, a, t) for b, a, t in zip(before, after, truths, strict=True)) \
                and not disturbs(trial.config(base), quiet_samples):
            return trial
    return profile


def _with_purses(profile: Profile, samples: list[Any], truths: list[Truth],
                 base: ReceiptConfig) -> Profile:
    """``profile`` naming the purse each of its learnt ways names, as the
    way's tender (``receipt_learn_tenders.purses_of_ways``: "Sold from Purse
    1" taught, a refund "Returned to Purse 1" is the account), where no word
    of the config or the tables names that purse, and only where it reads
    no sample worse nor disturbs one the defaults read quietly. Else
    ``profile``."""
    known = {" ".join(k.casefold().split()) for k in [*base.tenders, *profile.tenders]}
    found = {name: word for name, word in purses_of_ways(profile.tenders).items()
             if (key := " ".join(name.casefold().split())) not in known
             and contract_tender(name) is None and family_tender(key) is None}
    if not found:
        return profile
    trial = dataclasses.replace(profile, tenders={**profile.tenders, **found})
    before = [interpret(s, rules_from_config(profile.config(base))) for s in samples]
    after = [interpret(s, rules_from_config(trial.config(base))) for s in samples]
    if any(_worse(b, a, t) for b, a, t in zip(before, after, truths, strict=True)) \
            or disturbs(trial.config(base), quiet(samples, truths, base, contract_word)):
        return profile
    return trial


def _worse(before: ParsedReceipt, after: ParsedReceipt, t: Truth) -> bool:
    """Whether ``after`` reads a field ``t`` confirms wrong that ``before``
    read right, or flags for a person a sample ``before`` did not."""
    return (for_review(after) and not for_review(before)) or any(
        field_right(before, t, f, contract_word) and field_right(after, t, f, contract_word)
        is False for f in CONFIRMED)


def _saying(profile: Profile, base: ReceiptConfig, word: str) -> ReceiptConfig:
    """``base`` with ``profile`` whose layout says ``word`` for a sale handing
    over its total with no tender word (``receipt_learn_unnamed``)."""
    assert profile.layout is not None
    layout = dataclasses.replace(profile.layout, unnamed_tender=word)
    return dataclasses.replace(profile, layout=layout).config(base)


def contract_word(printed: str | None) -> str | None:
    """The tender word the journal records for what was read (None: none)."""
    from agent.sale.correlation import normalise_tender

    if not printed or not printed.strip():
        return None
    return normalise_tender(printed, identified=False)


def toml_text(profile: Profile, samples: int) -> str:
    """The profile as TOML to append to the config (JSON strings are TOML
    basic strings)."""
    import json

    out = [f"\n# Learnt by `agent receipt learn` from {samples} sample(s).\n"]
    for t in [*profile.templates, *([profile.layout] if profile.layout else [])]:
        out.append("[[receipt.templates]]\n" + "".join(
            f"{f.name} = {json.dumps(getattr(t, f.name))}\n" for f in dataclasses.fields(t)
            if getattr(t, f.name)))
    if profile.ignore:
        out.append(f"[[receipt.templates]]\nname = {json.dumps(LEARNT)}\n"
                   f"ignore = {json.dumps('|'.join(profile.ignore))}\n")
    if profile.tenders:
        out.append("[receipt.tenders]\n" + "".join(
            f"{json.dumps(k)} = {json.dumps(v)}\n" for k, v in profile.tenders.items()))
    return "".join(out)
