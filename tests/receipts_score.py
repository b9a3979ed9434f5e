"""The scoreboard: how well the default rules read receipts in real POS layouts.

    python -m tests.receipts_score [-n 200] [--seed 1] [--layout L] [--show K] [--holdout]
                                   [--holdout2] [--holdout3] [--holdout4] [--holdout5]
                                   [--holdout6] ... [--holdout10]

For each layout of ``tests.receipts_corpus`` (and our own simulated till's,
``hwsim:*``), ``n`` receipts are rendered, decoded by the agent's ESC/POS
decoder and read by ``drivers.receipt.interpret`` with the default rules;
each field is compared with the rendering's ground truth. A receipt is
"fully right" when every field is; "silent" is some field wrong with no flag
that covers it (``uncovered``: a money field, total, tender, kind or account,
needs a flag that holds the sale for a person, ``review_flags``; the number,
date and lines their own flag or a review flag); "wrong!" counts receipts
whose total, kind or account was read as a value that is not the truth, or
whose tender was read wrong (nothing read where the paper prints one: the
journal fills in a default), with no review flag: a wrong charge the agent
trusts (``trusted_wrong``).
The "learnt3"/"learnt5" columns: fully right with a profile ``agent receipt
learn`` proposes from 3 or 5 other receipts of the layout and their truth
(what a technician would confirm; ``agent.sale.receipt_learn``), rendered from
another seed than the scored ones; "silent5": wrong without a flag covering it with it;
"wrong5": ``trusted_wrong`` with it (a profile that charges wrongly and
trusts it); "miss" and "miss5": read fully right (with the
defaults, with the profile learnt from 5) and still carrying a flag a person
must review (``agent.sale.flag_words``: ``template_miss``, ``unread_tender``,
...): a false alarm, a person checks a receipt that was right. ``--alarms``
prints, per layout, which flags those false alarms carry.
``--show K`` prints the first K wrong receipts of each layout with the
defaults and with the profile learnt from 5 (text, what was read, what is
true, the flags raised).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from agent.sale.flag_words import words
from agent.sale.sale_from_receipt import normalise_tender
from drivers.escpos import EscposDecoder
from drivers.events import ReceiptEnded, UnknownCommand
from drivers.receipt import ParsedReceipt, ReceiptRules, interpret
from drivers.receipt.rules import DEFAULT_RULES
from hwsim.till import LAYOUTS as SIM_LAYOUTS
from hwsim.till import compose, random_sales
from tests.receipts_corpus import Truth, corpus
from tests.receipts_corpus.layouts import LAYOUTS

FIELDS = ("total", "lines", "number", "tender", "kind", "date", "account")
# The holdout corpora, each the package tests.receipts_<group> (a new one is one more name).
HOLDOUTS = ("holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6",
            "holdout7", "holdout8", "holdout9", "holdout10", "holdout11",
            "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17",
            "holdout18", "holdout19", "holdout20", "holdout21",
            "holdout22", "holdout23", "holdout24", "holdout25", "holdout26",
            "holdout27", "holdout28", "holdout29", "holdout30", "holdout31")


def journal_tender(printed: str | None) -> str | None:
    """The tender word the journal records for what the interpreter read (the
    correlator's normalisation, without its default for nothing printed)."""
    if not printed or not printed.strip():
        return None
    return normalise_tender(printed, identified=False)


SPLIT_UNRECONCILED = "(split, parts not adding up)"  # a reading no truth can equal


def _printed(description: str) -> str:
    """A description as the paper shows it: spaces at its ends or doubled
    inside are padding no reader can tell from the name (a layout that cuts
    a name at a space leaves one at its end in the truth)."""
    return " ".join(description.split())


def read(p: ParsedReceipt) -> dict[str, Any]:
    """The fields as read. A split payment read as its parts (two or more)
    is "no single tender" (None), the holdouts' truth for a split; a split
    whose parts do not add up is never right."""
    tender = journal_tender(p.tender)
    if "split_unreconciled" in p.flags:
        tender = SPLIT_UNRECONCILED
    elif len(p.tenders) >= 2:
        tender = None
    return {"total": p.total_pence,
            "lines": [(_printed(ln.description), ln.quantity, ln.amount_pence)
                      for ln in p.lines],
            "number": p.receipt_no, "tender": tender, "kind": p.kind,
            "date": p.occurred, "account": p.account}


def truth_fields(t: Truth) -> dict[str, Any]:
    return {"total": t.total, "lines": [(_printed(d), q, a) for d, q, a in t.lines],
            "number": t.number,
            "tender": journal_tender(t.tender), "kind": t.kind, "date": t.date,
            "account": t.account}


@dataclass
class Score:
    layout: str
    receipts: int = 0
    right: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    unknown: int = 0
    silent: int = 0  # wrong, and no flag says so (what the journal would take on trust)
    # Receipts whose total or tender was read as a value that is not the
    # truth, with no flag: a wrong answer about money, trusted.
    trusted_wrong: int = 0
    # Receipts read fully right and still carrying a flag a person must
    # review: a false alarm (a person checks a receipt that was right).
    false_miss: int = 0
    # the review flags those right receipts carry, each counted once a receipt
    alarms: Counter[str] = field(default_factory=Counter)
    # every flag raised on any receipt, right or wrong (``tests/test_flag_words.py``
    # checks each has words, from the floors' own reading)
    raised: set[str] = field(default_factory=set)
    # the first wrong receipts: printed text, read, true, flags raised
    wrong: list[tuple[list[str], dict[str, Any], dict[str, Any], list[str]]] = field(
        default_factory=list)


def decode(data: bytes) -> tuple[list[Any], int]:
    d = EscposDecoder()
    events = d.feed(data, 0.0) + d.end_of_job(0.0)
    return ([e.receipt for e in events if isinstance(e, ReceiptEnded)],
            sum(1 for e in events if isinstance(e, UnknownCommand)))


def printed_receipt(*lines: str) -> Any:
    """One receipt of these lines, printed by python-escpos (a real client
    library) and captured by our decoder, as a till's job would be."""
    from escpos.printer import Dummy  # test-only dependency, as the corpora use it

    p = Dummy()
    for line in lines:
        p.textln(line)
    p.cut()
    return decode(p.output)[0][0]


def _sim_corpus(layout: str, n: int, seed: int) -> list[tuple[bytes, Truth]]:
    """Our simulated till's receipts, with the truth its specs give."""
    from datetime import datetime

    from tests.receipts_corpus import occurred

    out = []
    for spec in random_sales(n, seed=seed):
        when = datetime.strptime(spec.when, "%d/%m/%Y %H:%M")
        t = Truth(spec.total_pence, [(d, q, p) for d, q, p in spec.lines],
                  spec.receipt_no if SIM_LAYOUTS[layout].receipt_no_label else None,
                  spec.tender, spec.kind, occurred(when, seconds=False), spec.account)
        out.append((compose(spec, layout), t))
    return out


def _pairs(layout: str, n: int, seed: int) -> list[tuple[bytes, Truth]]:
    group, _, name = layout.rpartition(":")
    if group in HOLDOUTS:
        return importlib.import_module(f"tests.receipts_{group}").corpus(name, n, seed)
    return (_sim_corpus(name, n, seed) if group == "hwsim" else corpus(layout, n, seed))


# Rendering a layout's receipts (python-escpos) and decoding them costs a
# tenth to a third of reading them once, and one layout is read by the defaults, the
# learnt profile and the office's (and learnt from twice): the last few
# layouts' captures are kept per process (their tests run together on one
# worker, ``tests.xdist_scopes``). Receipts are frozen; nobody changes them.
@functools.lru_cache(maxsize=32)
def _captured(layout: str, n: int, seed: int) -> tuple[tuple[list[Any], int, Truth], ...]:
    """``_pairs(layout, n, seed)`` decoded: each one's receipts, its unknown
    commands and its truth."""
    return tuple((*decode(data), truth) for data, truth in _pairs(layout, n, seed))


def scored(layout: str, n: int, seed: int) -> tuple[tuple[list[Any], int, Truth], ...]:
    """The receipts the scoreboard reads of ``layout`` (``n`` at ``seed``) as
    it decoded them: each one's receipts, its unknown commands and its
    truth (worked out once per process, shared with its readings)."""
    return _captured(layout, n, seed)


def technician_truth(t: Truth) -> Any:
    """What a technician confirms for a sample: the rendering's truth, in
    the learner's terms (``agent.sale.receipt_learn_fields.Truth``)."""
    from agent.sale.receipt_learn_fields import Truth as Confirmed

    when = "" if t.date is None else t.date[:19] if "T" in t.date else t.date[:10]
    return Confirmed(total=t.total, tender=journal_tender(t.tender) or "",
                     receipt_no=t.number or "",
                     when=when, account=t.account or "", kind=t.kind,
                     lines=[tuple(x) for x in t.lines])


def office_check(t: Truth, p: ParsedReceipt) -> Any:
    """The office's check of a receipt (read ``p``) against its paper: "The
    paper is different" when the total or the way paid the page shows (the
    journal's: cash for no tender read, no pupil identified here) is not the
    paper's; a way paid changed there is the paper's; the printed account
    where the till charged the pupil it names, or where a pupil's number was
    printed and not read and the office names the pupil the paper does
    (``agent.sale.receipt_learn_office``)."""
    from agent.sale.receipt_learn_office import (
        AS_READ,
        DIFFERS,
        SEVERAL_ACCOUNTS,
        UNREAD_ACCOUNT,
        OfficeCheck,
    )

    # (a pupil's number printed and not read: the office puts the sale on the
    # pupil the paper names, and its check confirms that pupil's account)
    named = UNREAD_ACCOUNT in p.flags and SEVERAL_ACCOUNTS not in p.flags and bool(t.account)
    account = t.account if (p.account and p.account == t.account or named) else ""
    paper = journal_tender(t.tender) or ""
    shown = "" if len(p.tenders) >= 2 else normalise_tender(p.tender, identified=False)
    differs = p.total_pence is None or abs(p.total_pence) != abs(t.total) or shown != paper \
        or (named and not p.account)
    # (a truth of no single way, a split's or a paper naming none, is no way the
    # office picks on the form: confirmed only where the reading found a tender)
    return OfficeCheck(0, DIFFERS if differs else AS_READ, abs(t.total), paper,
                       account, account, how_changed=differs and bool(paper) and shown != paper)


def office_truth(t: Truth, p: ParsedReceipt) -> Any:
    """What the office's check of a receipt (read ``p``, ``office_check``)
    confirms: the paper's total and how it was paid, the printed account."""
    from agent.sale.receipt_learn_office import office_truth as confirmed

    return confirmed(office_check(t, p), p)


# The receipts the office is taken to check for ``office_rules``: the
# flagged ones among this many of a layout's (a few weeks of a till's lunches
# would hold more; the learner takes the first ``samples``).
OFFICE_LOOKS_AT = 60
# And the spot checks among them (``agent.sale.spot_check``): the console asks
# one receipt read without a flag a trading day, the newest
# ``SPOT_CHECKS_WAITING`` days at most; the ``OFFICE_LOOKS_AT`` are taken as that
# many trading days, each spot-checking its unflagged receipt whose id (here
# the layout, seed and place) hashes least: 3 of the first 60.


# Scoring and learning are pure functions of their arguments (the corpora are
# fixed by their seeds), and the holdout tests ask for the same layout's
# reading, or its learnt profile, from several tests (and the scoreboard's
# test prints the first corpus beside each set): each is worked out once per
# process. A Score handed out is a copy, so no caller can change another's.
# Under ``pytest -n 2`` a set's tests run on one worker (``tests.xdist_scopes``:
# xdist's loadgroup groups nothing under pytest 9), so each is worked out once.


def learnt_rules(layout: str, seed: int, samples: int = 5) -> ReceiptRules:
    """The rules with a profile learnt from ``samples`` receipts of ``layout``
    and their truth (what the technician would confirm), rendered from
    another seed than the scored ones: a profile is never scored on its own
    samples. Worked out once per process."""
    return _learnt_rules(layout, seed, samples)


def _profile_rules(captured: list[Any], truths: list[Any]) -> ReceiptRules:
    """The rules with the profile learnt from ``captured`` and their truths
    (the defaults when there is no sample)."""
    from agent.config import ReceiptConfig
    from agent.sale.receipt_learn import learn
    from agent.sale.receipt_rules import rules_from_config

    if not captured:
        return rules_from_config(ReceiptConfig())
    profile = learn(captured, ReceiptConfig(), truths=truths)
    return rules_from_config(profile.config(ReceiptConfig()))


@functools.cache
def _learnt_rules(layout: str, seed: int, samples: int) -> ReceiptRules:
    captured, truths = [], []
    for receipts, _, truth in _captured(layout, samples, seed + 1000):
        if len(receipts) == 1:
            captured.append(receipts[0])
            truths.append(technician_truth(truth))
    return _profile_rules(captured, truths)


def office_rules(layout: str, seed: int, samples: int = 5) -> ReceiptRules:
    """The rules with a profile learnt from the office's checks of
    ``samples`` flagged receipts of ``layout`` (``office_truth``), its spot
    checks of receipts read without a flag (``SPOT_CHECKS_WAITING`` of the
    ``OFFICE_LOOKS_AT``, drawn as the console draws them) and a few read
    cleanly, confirming nothing, as ``agent receipt learn --from-reviews``
    takes them (a spot check found matching is counted, not learnt from:
    ``agent.sale.receipt_learn_office.office_samples``), rendered from
    another seed than the scored ones; the defaults when none of
    ``OFFICE_LOOKS_AT`` is flagged and every spot check matched the paper
    (nothing for the office to teach: nobody is told to learn). Worked out
    once per process."""
    return _office_rules(layout, seed, samples)


@functools.cache
def _office_rules(layout: str, seed: int, samples: int) -> ReceiptRules:
    from agent.sale.receipt_learn_fields import Truth as Confirmed
    from agent.sale.receipt_learn_office import AS_READ
    from agent.sale.receipt_reading import CLEAN_SAMPLES
    from agent.sale.spot_check import SPOT_CHECKS_WAITING, spot_picks

    captured = _captured(layout, OFFICE_LOOKS_AT, seed + 1000)

    @functools.cache
    def reading(i: int) -> ParsedReceipt | None:
        receipts = captured[i][0]
        return interpret(receipts[0]) if len(receipts) == 1 else None

    def held(i: int) -> bool:
        return bool(review_flags(reading(i).flags))  # type: ignore[union-attr]

    def sample(i: int) -> tuple[Any, Any]:
        return captured[i][0][0], office_truth(captured[i][2], reading(i))  # type: ignore[arg-type]

    # (drawn as the console draws them: a day's receipts in their ids' order,
    # the first read without a flag; only those read)
    per_day = -(-len(captured) // SPOT_CHECKS_WAITING)
    spot = spot_picks([(i, f"{layout}:{seed}:{i}", f"day {i // per_day}")
                       for i in range(len(captured))], set(),
                      askable=lambda i: reading(i) is not None and not held(i))
    # (a spot check that matched the paper is counted, not learnt from:
    # ``office_samples``; all of them matching and nothing flagged, nobody is
    # told to learn: the defaults)
    found = [i for i in spot
             if office_check(captured[i][2], reading(i)).outcome != AS_READ]  # type: ignore[arg-type]
    checked = [sample(i) for i in found]
    flagged = 0
    clean: list[tuple[Any, Any]] = []  # (as the command adds them: nothing confirmed)
    for i in range(len(captured)):
        if flagged == samples and len(clean) == CLEAN_SAMPLES:
            break  # (the office has its receipts: the rest are not read)
        if reading(i) is None or i in found:
            continue
        if held(i):
            if flagged < samples:
                checked.append(sample(i))
                flagged += 1
        elif len(clean) < CLEAN_SAMPLES:
            clean.append((captured[i][0][0], Confirmed()))
    if not checked:
        return _profile_rules([], [])
    pairs = checked + clean
    return _profile_rules([r for r, _ in pairs], [t for _, t in pairs])


def office_score(layout: str, n: int, seed: int, samples: int = 5,
                 first: int | None = None) -> Score:
    """``score`` with ``office_rules(layout, seed, samples)`` (of the ``n``
    rendered, only the ``first`` read: ``score``'s; all ``n`` when that
    profile is the defaults, whose reading is made already): each receipt
    read once per process."""
    if office_rules(layout, seed, samples) == DEFAULT_RULES:
        # (nothing flagged for the office to check: the defaults' reading of
        # all ``n``, the one ``score`` hands out)
        return _tally(layout, _readings(layout, n, seed, None, None))
    return _tally(layout, _readings(layout, n, seed, ("office", samples), _fewer(first, n)))


def score(layout: str, n: int, seed: int, rules: ReceiptRules | None = None,
          keep_wrong: int = 0, first: int | None = None) -> Score:
    """Render ``n`` receipts of ``layout`` and read each with ``rules``
    (with the defaults and no wrong receipts kept: each receipt read once
    per process); ``first``: only the first this many of them are read (the
    ``n`` rendered are the ones other tests read, already rendered)."""
    first = _fewer(first, n)
    if rules is None and not keep_wrong:
        return _tally(layout, _readings(layout, n, seed, None, first))
    return _score(layout, n, seed, rules, keep_wrong, first)


def learnt_score(layout: str, n: int, seed: int, samples: int = 5,
                 first: int | None = None) -> Score:
    """``score`` with ``learnt_rules(layout, seed, samples)`` (``first``:
    as ``score``'s): each receipt read once per process."""
    return _tally(layout, _readings(layout, n, seed, ("learnt", samples), _fewer(first, n)))


def _fewer(first: int | None, n: int) -> int | None:
    """``first`` as a cache's key: None when it is all ``n``."""
    return None if first is None or first >= n else first


# Each receipt's reading is kept per process, by layout, seed and whose
# rules read it (None: the defaults; ("learnt", k) or ("office", k): the
# profile ``learnt_rules`` or ``office_rules`` learns from k), and read only
# when first asked for: a test that holds the first 50 or 60 of a layout's
# 200 (the office's never-worse check, the learner's tests), or 300 of them
# (the first corpus's), reads none again that the floors read. The first k
# of a layout's receipts at a seed are the same however many are rendered
# (``tests.holdout_checks.same_seed_same_receipts`` checks it of every
# layout). Scores are tallied from them afresh, so no caller can change another's.
_READINGS: dict[tuple[str, int, tuple[str, int] | None], list[Reading]] = {}


def _readings(layout: str, n: int, seed: int, whose: tuple[str, int] | None,
              first: int | None) -> list[Reading]:
    """The first ``first`` (all when None) of ``n`` receipts of ``layout``
    read with ``whose`` rules, each read the first time it is asked for."""
    done = _READINGS.setdefault((layout, seed, whose), [])
    want = n if first is None else min(first, n)
    if len(done) < want:
        rules = (None if whose is None else learnt_rules(layout, seed, whose[1])
                 if whose[0] == "learnt" else office_rules(layout, seed, whose[1]))
        done += [read_one(c, rules) for c in _captured(layout, n, seed)[len(done):want]]
    return done[:want]


def review_flags(flags: list[str]) -> set[str]:
    """The flags that make a person check the sale (their words say review)."""
    return {f for f in flags if words(f).review}


# The fields that move money: read wrong, only a flag that holds the sale for
# a person (``review_flags``) covers them.
MONEY = ("total", "tender", "kind", "account")
# The flags that say, without holding the sale, that one field may be wrong
# (their words tell the office what to check); any review flag covers every field.
COVERS = {"number": {"unsure_number", "unread_number", "unlabelled_number"},
          "date": {"unsure_date"},
          "lines": {"lines_ambiguous"}}


def uncovered(got: dict[str, Any], want: dict[str, Any], flags: list[str]) -> list[str]:
    """The fields read wrong with no flag that covers them: a money field
    (``MONEY``) needs a review flag, another its own flag (``COVERS``) or a
    review flag. What the journal would take on trust."""
    if review_flags(flags):
        return []
    return [f for f in FIELDS if got.get(f) != want[f]
            and (f in MONEY or not COVERS[f] & set(flags))]


def trusted_wrong(got: dict[str, Any], want: dict[str, Any], flags: list[str]) -> bool:
    """A wrong charge the agent trusts: the total, kind or an account read as
    a value that is not the truth, or a tender read wrong (nothing read where
    the paper prints one counts: the journal fills in a default), with no
    review flag."""
    if review_flags(flags):
        return False
    return (any(got[f] is not None and got[f] != want[f] for f in ("total", "kind", "account"))
            or got["tender"] != want["tender"])


@dataclass(frozen=True, slots=True)  # (slots: the board's readings kept per process)
class Reading:
    """One receipt read and held against its truth (what a Score counts)."""
    unknown: int  # commands the decoder did not know
    ok: tuple[bool, ...]  # each of FIELDS read right
    flags: tuple[str, ...] | None  # None: not one receipt, so not read
    trusted_wrong: bool
    silent: bool  # some field wrong with no flag that covers it (``uncovered``)
    # printed text, read, true, flags raised: of a receipt read wrong, when asked
    shown: tuple[list[str], dict[str, Any], dict[str, Any], list[str]] | None = None

    @property
    def right(self) -> bool:
        return all(self.ok)


def read_one(captured: tuple[list[Any], int, Truth], rules: ReceiptRules | None,
             show: bool = False) -> Reading:
    """A captured receipt (``_captured``'s: its receipts, unknown commands
    and truth) read with ``rules`` and held against its truth; ``show``:
    what a wrong one printed, read and should have read is kept."""
    receipts, unknown, truth = captured
    parsed = interpret(receipts[0], rules) if len(receipts) == 1 else None
    got = read(parsed) if parsed is not None else {}
    want = truth_fields(truth)
    ok = tuple(got.get(f, object()) == want[f] for f in FIELDS)
    if parsed is None:
        flags = None
        trusted = silent = False
    else:
        flags = tuple(parsed.flags)
        trusted = trusted_wrong(got, want, parsed.flags)
        silent = not all(ok) and bool(uncovered(got, want, parsed.flags))
    shown = None
    if show and not all(ok):
        text = list(receipts[0].text) if receipts else [f"<{len(receipts)} receipts>"]
        shown = (text, got, want, list(flags or ()))
    return Reading(unknown, ok, flags, trusted, silent, shown)


def _tally(layout: str, readings: list[Reading], keep_wrong: int = 0) -> Score:
    """The Score of ``readings`` (the first ``keep_wrong`` wrong ones shown:
    read with ``show``)."""
    sc = Score(layout)
    for r in readings:
        sc.unknown += r.unknown
        sc.receipts += 1
        sc.raised.update(r.flags or ())
        sc.trusted_wrong += r.trusted_wrong
        for f, good in zip(FIELDS, r.ok, strict=True):
            sc.fields[f] += good
        if r.right:
            sc.right += 1
            alarms = review_flags(list(r.flags or ()))
            sc.false_miss += bool(alarms)
            sc.alarms.update(alarms)
            continue
        sc.silent += r.silent
        if len(sc.wrong) < keep_wrong and r.shown is not None:
            sc.wrong.append(r.shown)
    return sc


def _score(layout: str, n: int, seed: int, rules: ReceiptRules | None,
           keep_wrong: int, first: int | None = None) -> Score:
    """``n`` receipts of ``layout`` (the first ``first``) read with ``rules``
    now (none kept)."""
    return _tally(layout, [read_one(c, rules, show=bool(keep_wrong))
                           for c in _captured(layout, n, seed)[:first]], keep_wrong)


def all_layouts() -> list[str]:
    return sorted(LAYOUTS) + [f"hwsim:{k}" for k in sorted(SIM_LAYOUTS) if k != "raster"]


def group_layouts(group: str) -> list[str]:
    """A holdout group's layouts (``tests.receipts_<group>``), as the scoreboard names them."""
    layouts = importlib.import_module(f"tests.receipts_{group}.layouts").LAYOUTS
    return [f"{group}:{k}" for k in layouts]


def _pct(k: int, n: int) -> str:
    return f"{100.0 * k / n:5.1f}" if n else "    -"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200, help="receipts per layout")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--layout", action="append", help="only this layout (repeatable)")
    ap.add_argument("--show", type=int, default=0, metavar="K",
                    help="print the first K wrong receipts of each layout (defaults, learnt)")
    ap.add_argument("--alarms", action="store_true",
                    help="print the flags on each layout's right receipts (defaults, learnt)")
    ap.add_argument("--office", action="store_true",
                    help="also learn each layout's profile from the office's checks of 5 "
                         "flagged receipts (total, how paid; ``office_rules``) and print, per "
                         "set, fully right, silent, wrong and false alarms with it")
    ap.add_argument("--office-only", action="store_true",
                    help="--office, and no profile learnt from the technician's samples "
                         "(their columns print 0)")
    ap.add_argument("--no-learnt3", action="store_true",
                    help="no profile learnt from 3 samples (its column prints 0): no floor "
                         "holds one, so the holdouts' tests of this board learn only the "
                         "5-sample profiles their floors' tests learn on the same worker")
    for group in HOLDOUTS:
        ap.add_argument(f"--{group}", action="store_true",
                        help=f"also score the {group} layouts (tests.receipts_{group})")
    args = ap.parse_args(argv)
    layouts = args.layout or (all_layouts() + [lay for group in HOLDOUTS
                                               if getattr(args, group)
                                               for lay in group_layouts(group)])
    print(f"{'layout':<17} {'n':>4} {'fully':>6} " + " ".join(f"{f:>7}" for f in FIELDS)
          + f" {'unknown':>8} {'silent':>6} {'wrong!':>6} {'learnt3':>7} {'learnt5':>7}"
          + f" {'silent5':>7} {'wrong5':>6} {'miss':>6} {'miss5':>6}")
    # per set: receipts, fully right (defaults, learnt from 3, from 5), silently wrong
    # (defaults, learnt from 5)
    sets: dict[str, list[int]] = {}
    # per set with --office: receipts, fully right, silent, wrong, false alarms
    office_sets: dict[str, list[int]] = {}
    total_n = total_right = 0
    for lay in layouts:
        sc = score(lay, args.n, args.seed, keep_wrong=args.show)
        learnt3 = (Score(lay) if args.office_only or args.no_learnt3
                   else learnt_score(lay, args.n, args.seed, 3))
        learnt5 = (Score(lay) if args.office_only
                   else score(lay, args.n, args.seed, rules=learnt_rules(lay, args.seed, 5),
                              keep_wrong=args.show) if args.show
                   else learnt_score(lay, args.n, args.seed, 5))
        total_n += sc.receipts
        total_right += sc.right
        group = lay.split(":")[0] if ":" in lay else "real"
        row = sets.setdefault(group, [0] * 10)
        for k, v in enumerate((sc.receipts, sc.right, learnt3.right, learnt5.right,
                               sc.silent, learnt5.silent, sc.false_miss, learnt5.false_miss,
                               sc.trusted_wrong, learnt5.trusted_wrong)):
            row[k] += v
        if args.office or args.office_only:
            office = office_score(lay, args.n, args.seed)
            orow = office_sets.setdefault(group, [0] * 5)
            for k, v in enumerate((office.receipts, office.right, office.silent,
                                   office.trusted_wrong, office.false_miss)):
                orow[k] += v
        print(f"{lay:<17} {sc.receipts:>4} {_pct(sc.right, sc.receipts):>6} "
              + " ".join(f"{_pct(sc.fields[f], sc.receipts):>7}" for f in FIELDS)
              + f" {sc.unknown:>8} {_pct(sc.silent, sc.receipts):>6} {sc.trusted_wrong:>6}"
              + f" {_pct(learnt3.right, learnt3.receipts):>7}"
              + f" {_pct(learnt5.right, learnt5.receipts):>7}"
              + f" {_pct(learnt5.silent, learnt5.receipts):>7}"
              + f" {learnt5.trusted_wrong:>6}"
              + f" {_pct(sc.false_miss, sc.receipts):>6}"
              + f" {_pct(learnt5.false_miss, learnt5.receipts):>6}")
        if args.alarms and (sc.alarms or learnt5.alarms):
            for rules_name, kept_alarms in (("defaults", sc.alarms), ("learnt5", learnt5.alarms)):
                print(f"  false alarms, {rules_name}: "
                      + (" ".join(f"{k}={v}" for k, v in sorted(kept_alarms.items())) or "none"))
        for rules_name, kept in (("the defaults", sc.wrong),
                                 ("a profile learnt from 5", learnt5.wrong)):
            for text, got, want, flags in kept:
                print(f"  ---- wrong with {rules_name}; flags: {', '.join(flags) or 'none'}")
                for t in text:
                    print(f"  | {t}")
                for f in FIELDS:
                    if got.get(f) != want[f]:
                        print(f"  {f}: read {got.get(f)!r}, true {want[f]!r}")
    print(f"{'set':<17} {'n':>4} {'fully':>6} {'learnt3':>7} {'learnt5':>7} {'silent':>6} "
          f"{'silent5':>7} {'miss':>6} {'miss5':>6} {'wrong!':>6} {'wrong5':>6}")
    for group in ("real", "hwsim", *HOLDOUTS):
        if group in sets:
            n, right, l3, l5, silent, silent5, miss, miss5, wrong, wrong5 = sets[group]
            name = "real layouts" if group == "real" else f"{group} layouts"
            print(f"{name:<17} {n:>4} {_pct(right, n):>6} {_pct(l3, n):>7} {_pct(l5, n):>7} "
                  f"{_pct(silent, n):>6} {_pct(silent5, n):>7} {_pct(miss, n):>6} "
                  f"{_pct(miss5, n):>6} "
                  f"{wrong:>6} {wrong5:>6}")
    print(f"{'all':<17} {total_n:>4} {_pct(total_right, total_n):>6}")
    if office_sets:
        print(f"{'office (5 checks)':<17} {'n':>4} {'fully':>6} {'silent':>6} {'wrong':>6} "
              f"{'miss':>6}")
        for group, (n, right, silent, wrong, miss) in office_sets.items():
            name = "real layouts" if group == "real" else f"{group} layouts"
            print(f"{name:<17} {n:>4} {_pct(right, n):>6} {_pct(silent, n):>6} {wrong:>6} "
                  f"{_pct(miss, n):>6}")
    return 0


if __name__ == "__main__":
    random.seed(0)
    sys.exit(main())
