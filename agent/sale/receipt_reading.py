"""How well THIS till's receipts are being read, from the journal's recent
sales, and what a technician should do about it (issue 13): ``agent
doctor``'s ``receipts.reading`` and ``agent status`` say it.

The default rules read the layouts they were developed on well and a till
nobody has seen much less well; a profile learnt at the till (``agent
receipt learn``) reads it and flags what it was not taught
(``template_miss``). The flags counted are ``flag_words.READING``; the
journal is only read, a bounded window of it. No pupil data: seqs, flag
codes and the tender words the till prints.
"""

from __future__ import annotations

import shlex
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.config import DEFAULT_STATE_DIR, PrinterConfig
from agent.sale.flag_words import READING
from agent.sale.printer_decoder import decoder_for
from agent.sale.receipt_learn import LEARNT
from agent.sale.receipt_learn_layout import LAYOUT
from agent.sale.receipt_recurring import Recurring, printed_at, recurring_flag
from agent.sale.receipt_rules import rules_from_config
from agent.sale.spot_check import RECENT_SPOT_CHECKS, SpotTally, read_spot_tally
from drivers.escpos import EscposError
from drivers.events import ReceiptEnded
from drivers.receipt import CONTRACT_TENDERS, ReceiptRules, interpret

RECENT_RECEIPTS = 200  # the receipts judged: the latest, a few lunch services
SCAN_ENTRIES = 1000  # the most journal entries read to find them (manual meals too)
MIN_RECEIPTS = 20  # fewer and the agent does not know yet
WARN_SHARE = 0.05  # more than this flagged: the till's profile should be learnt
SAMPLES = 5  # flagged receipts suggested to learn from (the learner's usual five)
# And a few read cleanly: a profile only knows the lines its samples printed.
CLEAN_SAMPLES = 3
RECEIPT_KINDS = ("sale", "refund", "void")  # printed receipts (not manual meals)
OK, WARN, UNKNOWN = "ok", "warn", "not known"


@dataclass
class ReceiptReading:
    """The recent receipts' reading: how many, how many flagged (as today's
    config reads them, and as journaled) and by what, which flagged ones the
    journal kept the bytes of, and the config's learnt profile (template
    names)."""

    receipts: int = 0
    flagged: int = 0  # as today's config reads them
    # Flagged for more than a tender word no table maps (mapping the word
    # fixes that one; these need the till's profile).
    misread: int = 0
    journaled_flagged: int = 0  # as they were read when journaled
    reread: int = 0  # read again from their kept bytes
    flags: Counter[str] = field(default_factory=Counter)
    # The newest flagged receipts and a few clean ones, bytes kept: to learn from.
    learn_seqs: list[int] = field(default_factory=list)
    unmapped_words: list[str] = field(default_factory=list)
    learnt: list[str] = field(default_factory=list)
    first_seq: int | None = None
    last_seq: int | None = None
    # The commonest reason receipts were held for a person this week, when
    # at least ``KEEPS_COMING`` were (or not known: the clock).
    recurring: Recurring | None = None
    # The office's spot checks of receipts read without a flag (``agent.sale.spot_check``):
    # one found wrong is a misread no flag shows.
    spot: SpotTally = field(default_factory=SpotTally)

    @property
    def clean(self) -> int:
        return self.receipts - self.flagged

    @property
    def share(self) -> float:
        return self.flagged / self.receipts if self.receipts else 0.0

    @property
    def needs_profile(self) -> bool:
        """Too many receipts flagged for what a profile teaches (a flagged
        unmapped tender whose word is not known counts here too)."""
        if self.receipts and self.misread / self.receipts > WARN_SHARE:
            return True
        return self.share > WARN_SHARE and not self.unmapped_words

    @property
    def has_layout(self) -> bool:
        return LAYOUT in self.learnt

    @property
    def verdict(self) -> str:
        """``ok``, ``warn`` or ``not known`` (too few receipts to say)."""
        if self.receipts < MIN_RECEIPTS:
            return UNKNOWN
        if self.needs_profile or self.unmapped_words or self.spot.wrong or (
                self.recurring is not None and self.recurring.known):
            return WARN
        return OK

    def profile_words(self) -> str:
        if not self.learnt:
            return "no learnt profile (the default rules)"
        return f"learnt profile ({', '.join(self.learnt)})"

    def most_common(self, n: int = 3) -> str:
        return ", ".join(f"{code} {k}" for code, k in self.flags.most_common(n))

    def summary(self) -> str:
        """One line: what was read, the commonest flags, the profile."""
        if not self.receipts:
            return f"not known: no receipts journaled yet; {self.profile_words()}"
        head = (f"{self.clean} of the last {self.receipts} receipt(s) read cleanly, "
                f"{self.flagged} flagged ({self.share:.0%})")
        if self.flagged:
            head += f"; most: {self.most_common()}"
        if self.journaled_flagged != self.flagged:
            head += (f" (as journaled: {self.journaled_flagged} flagged; read again with the "
                     f"config as it is now)")
        head += f"; {self.profile_words()}; {self.spot.summary()}"
        if self.verdict == UNKNOWN:
            head = f"not known yet ({MIN_RECEIPTS} receipts needed to judge): {head}"
        return head

    def learn_command(self, config_path: Path | str | None, state_dir: Path | str) -> str:
        """The command a technician pastes to learn from the newest flagged
        receipts and a few clean ones the journal kept ("" if it kept none
        flagged)."""
        if not self.learn_seqs:
            return ""
        return shlex.join(["agent", "receipt", "learn", *map(str, self.learn_seqs),
                           *_where(config_path, state_dir)])

    def reviews_command(self, config_path: Path | str | None, state_dir: Path | str) -> str:
        """The command that learns the till's profile from the office's checks."""
        return shlex.join(["agent", "receipt", "learn", "--from-reviews",
                           *_where(config_path, state_dir)])

    def recurring_advice(self, config_path: Path | str | None, state_dir: Path | str) -> str:
        """What the recurring reason means to do ("" when none recurs)."""
        r = self.recurring
        if r is None or not r.known:
            return r.words() if r is not None else ""
        cmd = self.reviews_command(config_path, state_dir)
        if r.checked:
            return (f"{r.words()}: those checks can teach this till's profile without a "
                    f"technician's visit: `{cmd}` (it shows each checked receipt as the "
                    "office confirmed it; run it again with --write to keep the profile)")
        return (f"{r.words()}: ask the office to check some of them there (As read, or The "
                f"paper is different); their checks can then teach this till's profile: `{cmd}`")

    def advice(self, config_path: Path | str | None, state_dir: Path | str) -> str:
        """What to do, in plain words ("" when nothing)."""
        if self.verdict == UNKNOWN:
            return (f"run this again after a service: {MIN_RECEIPTS} receipts are needed to "
                    "judge how well this till's receipts are read")
        todo = []
        recurring = self.recurring_advice(config_path, state_dir)
        if self.needs_profile:
            cmd = self.learn_command(config_path, state_dir)
            how = (f"`{cmd}` (it shows each receipt; confirm what it printed at the prompt, "
                   "then run it again with --write to keep the profile)" if cmd else
                   "save five receipts printed at this till to a file and run `agent receipt "
                   "learn FILE` (the journal kept no receipt bytes for these)")
            if self.learnt:
                todo.append("the learnt profile no longer fits this till's receipts (has the "
                            f"till's layout or software changed?): learn it again with {how}; "
                            "--write adds the new profile after the old one: remove the old "
                            "learnt templates if the till's layout changed")
            else:
                todo.append(f"the default rules do not read this till well: learn its profile "
                            f"with {how}")
        if self.unmapped_words:
            words = ", ".join(repr(w) for w in self.unmapped_words)
            todo.append(f"the till prints tender word(s) {words} the agent does not know: if "
                        "the school takes it as one of cash, card, account (the pupil's) or fsm "
                        "(meal allowance), map it in the config's [receipt.tenders] (e.g. "
                        f"\"{self.unmapped_words[0]}\" = \"fsm\"); if not (a gift card, a "
                        "voucher), those sales stay flagged for the office to settle")
        if recurring:
            todo.append(recurring)
        if self.spot.wrong:
            todo.append(self.spot.advice(self.reviews_command(config_path, state_dir)))
        if not todo and not self.learnt and self.spot.checked < RECENT_SPOT_CHECKS:
            # Flags are the only evidence here: on a blind set the default rules
            # read some layouts wrong with no flag at all (README, receipt learning);
            # the office's spot checks are the other, once there are enough of them.
            return ("the default rules can misread a till they were not developed on without "
                    "flagging it: check a receipt or two against the paper (`agent receipt "
                    "reparse SEQ`; the office's spot checks on the console's Receipts to check "
                    "page do this, one receipt a day), or learn this till's profile to be sure")
        return "; ".join(todo)

    def to_dict(self, config_path: Path | str | None = None,
                state_dir: Path | str = DEFAULT_STATE_DIR) -> dict[str, Any]:
        return {"verdict": self.verdict, "receipts": self.receipts, "clean": self.clean,
                "flagged": self.flagged, "misread": self.misread,
                "journaled_flagged": self.journaled_flagged,
                "reread": self.reread, "flags": dict(self.flags.most_common()),
                "first_seq": self.first_seq, "last_seq": self.last_seq,
                "learnt_templates": self.learnt, "learnt_layout": self.has_layout,
                "unmapped_tenders": self.unmapped_words, "learn_seqs": self.learn_seqs,
                "learn_command": self.learn_command(config_path, state_dir) or None,
                "recurring": None if self.recurring is None else {
                    "flag": self.recurring.flag, "count": self.recurring.count,
                    "checked": self.recurring.checked, "known": self.recurring.known,
                    "at_least": self.recurring.at_least},
                "spot_checks": {"checked": self.spot.checked, "found_wrong": self.spot.wrong},
                "advice": self.advice(config_path, state_dir) or None}


def _where(config_path: Path | str | None, state_dir: Path | str) -> list[str]:
    """A command's --config and --state-dir, as this run was given them."""
    out = ["--config", str(config_path)] if config_path else []
    return out + (["--state-dir", str(state_dir)] if Path(state_dir) != DEFAULT_STATE_DIR
                  else [])


def learnt_templates(receipt_cfg: Any) -> list[str]:
    """The config's templates ``agent receipt learn`` wrote (``learnt``,
    ``learnt-N``, ``learnt-layout``)."""
    return list(dict.fromkeys(t.name for t in receipt_cfg.templates
                              if t.name == LEARNT or t.name.startswith(LEARNT + "-")))


def receipts_in(data: bytes, printer: PrinterConfig, *, profile: str | None = None,
                codepage: str | None = None) -> list[Any]:
    """The receipts a whole captured print job printed, fed at once and ended
    as a closed TCP job is (``agent receipt learn``/``reparse``, and the
    re-read of kept receipts); ``profile``/``codepage`` override the
    printer's config (``decoder_for``). EscposError: not ESC/POS."""
    dec = decoder_for(printer, profile=profile, codepage=codepage)
    return [ev.receipt for ev in dec.feed(data, 0.0) + dec.end_of_job(0.0)
            if isinstance(ev, ReceiptEnded)]


def reread(data: bytes, printer_cfg: Any, rules: ReceiptRules) -> tuple[list[str], str] | None:
    """A kept receipt's reading flags and tender as today's config reads it
    (as ``agent receipt reparse`` does); None when it is not one text
    receipt (a picture is read by OCR: its journaled reading stands)."""
    try:
        found = receipts_in(data, printer_cfg)
    except EscposError:
        return None
    if len(found) != 1 or found[0].raster_only:
        return None
    p = interpret(found[0], rules)
    return [f for f in p.flags if f in READING], str(p.tender or "")


def read_receipt_reading(journal: Any, cfg: Any, now: float | None = None) -> ReceiptReading:
    """The last ``RECENT_RECEIPTS`` receipts (from at most ``SCAN_ENTRIES``
    journal entries; ``journal`` may be read-only), each read again from its
    kept bytes with today's config, so a profile learnt since counts at once;
    a receipt without kept bytes counts as journaled. ``now``: for the
    reason that keeps coming this week (``recurring_flag``)."""
    out = ReceiptReading(learnt=learnt_templates(cfg.receipt))
    judged_at = time.time() if now is None else now
    held: list[tuple[int, float | None, list[str]]] = []
    recent = journal.recent_with_captures(RECEIPT_KINDS, SCAN_ENTRIES, RECENT_RECEIPTS)
    rules = rules_from_config(cfg.receipt)
    unmapped: dict[str, None] = {}
    flagged_kept: list[int] = []
    clean_kept: list[int] = []
    for e, cap in recent:
        txn = e.transaction
        flags = [f for f in txn.get("flags") or [] if f in READING]
        tender = str(txn.get("tender") or "")
        out.journaled_flagged += bool(flags)
        again = reread(cap.data, cfg.printer, rules) if cap is not None else None
        if again is not None:
            out.reread += 1
            flags, tender = again
        out.receipts += 1
        out.first_seq = e.seq if out.first_seq is None else out.first_seq
        out.last_seq = e.seq
        if flags:
            held.append((e.seq, printed_at(txn), flags))
            out.flagged += 1
            out.misread += bool(set(flags) - {"unmapped_tender"})
            out.flags.update(flags)
            if cap is not None:
                flagged_kept.append(e.seq)
        elif cap is not None:
            clean_kept.append(e.seq)
        if "unmapped_tender" in flags and tender and tender not in CONTRACT_TENDERS:
            unmapped[" ".join(tender.split())[:40]] = None
    out.unmapped_words = list(unmapped)
    if held and out.first_seq is not None:
        first = journal.get_seq(out.first_seq)
        # (nothing journaled before the receipts judged: they are all there is)
        earlier = journal.get_seq(out.first_seq - 1) is not None
        out.recurring = recurring_flag(
            held, set(journal.reviews(after_seq=out.first_seq - 1)), judged_at,
            printed_at(first.transaction) if first is not None and earlier else
            None if earlier else 0.0)
    if flagged_kept:
        out.learn_seqs = sorted(flagged_kept[-SAMPLES:] + clean_kept[-CLEAN_SAMPLES:])
    out.spot = read_spot_tally(journal)
    return out
