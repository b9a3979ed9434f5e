"""The reader: a receipt's lines, one by one, into what it says was sold
(``interpret``), with the per-till templates tried before the default
rules; what each line was read as (``lines_read``, what a profile is learnt
from); and why a receipt is ``template_miss`` (``misses``).

The work is in: ``walk`` (the walk over the lines, a till's templates in
``template_lines``, the default rules on one line in ``apply``) and
``result`` (the reading assembled once every line is read)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from drivers.receipt.amounts import spaced_marks_glued, with_pence
from drivers.receipt.beneath import rows_beneath
from drivers.receipt.columns import leaders_spaced
from drivers.receipt.facts import facts_of
from drivers.receipt.glance import HEADLINE, OTHER_FORMAT, SPACED_MARK, UNDER_ROW, passes_needed
from drivers.receipt.labels import _RECEIPT_NO
from drivers.receipt.memo import remembered
from drivers.receipt.model import UNPARSED, ParsedReceipt, ReceiptLine
from drivers.receipt.number_formats import Written, formats, read_formats
from drivers.receipt.profile import UNSAID
from drivers.receipt.result import _result, _tenders_printed
from drivers.receipt.rtl_paper import in_logical_order
from drivers.receipt.rules import DEFAULT_RULES, ReceiptRules
from drivers.receipt.settle import KIND_UNSURE, TOTAL_UNSURE
from drivers.receipt.total_labels import headline_total_off
from drivers.receipt.walk import _walk

# The longest line the reader reads. A till prints at most ~64 columns (80 mm
# paper at the small font; the corpora's widest line is 64); a longer line is
# a mis-set till or garbage on the link, and the rules' cost grows faster than
# a line's length (an 8,000-character line took half a second), so only its
# first LINE_MAX characters are read and the receipt is flagged
# ``overlong_line`` (its raw bytes are kept whole, as every receipt's are).
LINE_MAX = 256
OVERLONG_LINE = "overlong_line"
# Amounts printed as whole numbers, read as whole pounds (``_read``).
WHOLE_AMOUNTS = "whole_amounts"
UNREAD_TENDER = "unread_tender"


def _printed(captured: Any) -> tuple[list[str], bool]:
    """A receipt's text lines as the reader reads them (each at most
    ``LINE_MAX`` characters; right-to-left paper sent in visual order put
    in logical order: ``rtl_paper``), and whether one was longer and cut."""
    return _printed_lines([str(t) for t in (getattr(captured, "text", None) or [])])


def _printed_lines(text: list[str]) -> tuple[list[str], bool]:
    """``_printed`` of a receipt's text lines (dots glued to an amount read
    as the column's fill: ``columns.leaders_spaced``)."""
    if max(map(len, text), default=0) <= LINE_MAX:
        return leaders_spaced(in_logical_order(text)), False
    return leaders_spaced(in_logical_order([t[:LINE_MAX] for t in text])), True


# A few receipts' readings (per rules: ``ReceiptRules.readings``), their
# text as the reader reads it (``_ready``, for any rules) and their
# defaults' readings under a profile (``_held_to_defaults``), remembered per
# text as captured: the learner reads each of its samples under every
# profile it tries (hundreds of times, most of them profiles it tried
# before), and the office's checks again. A till's stream never prints the
# same receipt twice: only a few are kept.
RECEIPTS_REMEMBERED = 64
_READY: dict[tuple[str, ...], tuple[list[str], bool, tuple[list[str], list[Written]]]] = {}


def _ready(printed: tuple[str, ...]) -> tuple[list[str], bool, tuple[list[str], list[Written]]]:
    """A receipt's text lines as captured (``printed``) as the reader reads
    them (``_printed``), whether one was cut, and that text through the
    whole-receipt passes (``_prepared``). Neither is changed by a reading."""
    text, overlong = _printed_lines(list(printed))
    return text, overlong, _prepared(text)


def interpret(captured: Any, rules: ReceiptRules | None = None) -> ParsedReceipt:
    """Read a ``drivers.events.CapturedReceipt`` (uses ``text`` and
    ``raster_only``) with ``rules`` (None: the defaults)."""
    rules = rules or DEFAULT_RULES
    printed = tuple(str(t) for t in (getattr(captured, "text", None) or ()))
    raster = bool(getattr(captured, "raster_only", False))
    # (a reading handed out is the caller's to change: the one kept is copied)
    kept = remembered(rules.readings, (printed, raster), _interpret, printed, raster, rules,
                      most=RECEIPTS_REMEMBERED)
    parsed = copy.copy(kept)
    parsed.lines, parsed.flags = list(kept.lines), list(kept.flags)
    return parsed


def _interpret(printed: tuple[str, ...], raster: bool, rules: ReceiptRules) -> ParsedReceipt:
    """``interpret`` of a receipt's text lines as captured (``printed``)."""
    text, overlong, prepared = remembered(_READY, printed, _ready, printed,
                                          most=RECEIPTS_REMEMBERED)
    if raster and not any(t.strip() for t in text):
        return ParsedReceipt("sale", [], None, None, None, None, None, False,
                             ["raster_only", UNPARSED])
    # (the prepared text is the same for the defaults a profile is held against)
    parsed = _read_prepared(prepared, rules, defaults=_vouching(prepared, rules, printed))[0]
    parsed.flags.extend(_held_to_defaults(parsed, prepared, rules, printed))
    if overlong:
        parsed.flags.append(OVERLONG_LINE)
    return parsed


# The defaults' doubts about the money that a profile may not clear on its
# own (``_held_to_defaults``): sale or refund, whose account. (Not the total's:
# a line the samples printed and confirmed, or a technician's line to
# ignore, is what proves a total, tests/test_receipt_unknown_words.py.)
_DOUBTS = (KIND_UNSURE, "unread_account", "several_accounts")


def _held_to_defaults(parsed: ParsedReceipt, prepared: tuple[list[str], list[Written]],
                      rules: ReceiptRules, printed: tuple[str, ...]) -> list[str]:
    """The flags a reading by the till's templates (a learnt profile) must
    add, held against the default rules' reading of the same text
    (``prepared``: the whole-receipt passes are the rules' neither, done
    once for both; read once, only where a check needs it, and remembered
    per text as ``printed`` for the defaults: the learner holds every
    profile it tries against them): a profile adds what its samples proved
    and never takes away what the defaults read or doubt.

    - ``unread_tender`` where the templates read no tender but the defaults
      read how it was paid: a line the templates set aside, claimed or read
      as an item is one the defaults read as a tender ("Банковская карта:
      3 240,00" under a total learnt from a line printed below it), or a
      payment they flag as unread. No sample proved what that line means on
      this receipt: never taken for no tender (the journal would fill one
      in). A profile confirming that its till names no way for exact money
      (``UNSAID``) reads that "none" on its samples' proof: there only a
      tender the defaults read counts.
    - the defaults' doubts (``_DOUBTS``) that the templates read past with
      no doubt of their own (two pupils' cards on one slip, the second
      card's line set aside: one pupil's account): the receipt is held for a
      person, as the defaults would hold it."""
    if not rules.templates:
        return []
    no_tender = parsed.tender is None and not parsed.tenders \
        and UNREAD_TENDER not in parsed.flags
    undoubted = not any(f in parsed.flags for f in (*_DOUBTS, UNPARSED))
    if not (no_tender or undoubted):
        return []
    held = _defaults_reading(prepared, rules, printed)
    swallowed = no_tender and (held.tender is not None or bool(held.tenders) or (
        UNREAD_TENDER in held.flags and rules.unnamed_sale_tender != UNSAID))
    return ([UNREAD_TENDER] if swallowed else []) + (
        [f for f in _DOUBTS if f in held.flags and not _proved(f, parsed, prepared[0])]
        if undoubted else [])


def _defaults_reading(prepared: tuple[list[str], list[Written]], rules: ReceiptRules,
                      printed: tuple[str, ...]) -> ParsedReceipt:
    """The default rules' reading of the text a profile (``rules``') read:
    read once per text as ``printed`` and remembered (``_held_to_defaults``
    and ``_vouching`` both ask for it)."""
    defaults = rules.without_templates
    return remembered(defaults.held_readings, printed, _reading, prepared, defaults,
                      most=RECEIPTS_REMEMBERED)


def _vouching(prepared: tuple[list[str], list[Written]], rules: ReceiptRules,
              printed: tuple[str, ...]) -> Callable[[], ParsedReceipt] | None:
    """What a complete profile's reading asks for the default rules' reading
    of the same text by (``profile.vouched``: lines no sample printed that
    the defaults read nothing from, on a receipt they read exactly so); read
    only when asked. None for rules without a complete profile."""
    if not rules.is_complete:
        return None
    return lambda: _defaults_reading(prepared, rules, printed)


def _reading(prepared: tuple[list[str], list[Written]], rules: ReceiptRules) -> ParsedReceipt:
    """The reading of a prepared text (``_read_prepared``'s, without its text)."""
    return _read_prepared(prepared, rules)[0]


def _proved(doubt: str, parsed: ParsedReceipt, text: list[str]) -> bool:
    """Whether the templates' reading answers the defaults' ``doubt``
    itself: an account the defaults read on no line ("Code: 614", a code
    under a word no default rule reads as an account's) that the till's
    samples taught is the account the defaults could not read. An account
    the defaults read too is no proof: they doubted whose it is (two
    pupils' cards on one slip), and one card's line read is still one of two."""
    return doubt == "unread_account" and parsed.account is not None and not any(
        facts_of(line).account == parsed.account for line in text)


def _read(text: list[str], rules: ReceiptRules, seen: list[Any] | None = None,
          why: list[str] | None = None, novel: bool = False) -> tuple[ParsedReceipt, list[str]]:
    """The reading of ``text`` and the text it read; amounts printed in
    another locale's format are first written as the rules read them
    (``number_formats.read_formats``, which chooses between the formats they
    allow by the receipt's arithmetic). ``why``: as ``_read_printed``'s. A
    one-letter currency printed a space before its amounts is read glued to
    them ("R 54,00": ``amounts.spaced_marks_glued``); a total printed big above
    the lines and again below them is read below (``headline_total_off``)."""
    return _read_prepared(_prepared(text), rules, seen, why, novel)


def _read_prepared(prepared: tuple[list[str], list[Written]], rules: ReceiptRules,
                   seen: list[Any] | None = None, why: list[str] | None = None,
                   novel: bool = False, defaults: Callable[[], ParsedReceipt] | None = None
                   ) -> tuple[ParsedReceipt, list[str]]:
    """``_read`` of a text already through the whole-receipt passes
    (``_prepared``: the text, and the other formats its amounts read in).
    ``defaults``: the default rules' reading of it, when asked
    (``_vouching``)."""
    text, readings = prepared
    if readings:
        parsed, read = read_formats(
            readings, lambda t, s: _read_printed(t, rules, s, defaults=defaults), seen,
            WHOLE_AMOUNTS)
        if why is not None:  # the kept text's reasons (``misses`` only: read once more)
            _read_printed(read, rules, None, why, novel, defaults)
        return parsed, read
    return _read_printed(text, rules, seen, why, novel, defaults)


def _prepared(text: list[str]) -> tuple[list[str], list[Written]]:
    """``text`` through the whole-receipt passes (labels read in the other
    language on the row beneath, a currency's mark glued, a headline total
    off) and the other formats its amounts read in
    (``number_formats.formats``); each pass runs only where a line says it
    may change the receipt (``glance``), and then as it always did."""
    needed = passes_needed(text)
    if needed & UNDER_ROW and (beneath := rows_beneath(text)) is not text:
        text, needed = beneath, passes_needed(beneath)  # "CYFANSWM  £2.30" / "  TOTAL"
    if needed & SPACED_MARK and (glued := spaced_marks_glued(text)) is not text:
        text, needed = glued, passes_needed(glued)
    if needed & HEADLINE:
        text = headline_total_off(text)  # (it only blanks lines: no pass newly needed)
    return text, formats(text) if needed & OTHER_FORMAT else []


def _read_printed(text: list[str], rules: ReceiptRules, seen: list[Any] | None = None,
                  why: list[str] | None = None, novel: bool = False,
                  defaults: Callable[[], ParsedReceipt] | None = None
                  ) -> tuple[ParsedReceipt, list[str]]:
    """The reading of ``text`` and the text it read: as printed, or with
    amounts printed without pence ("BILL TOTAL:  290") written with them,
    when only that reading's arithmetic reconciles, or when it reads a
    total the first reading left unsure ("TOTAL TTC  71.4€" over the
    payment that made up the total there) and is sure of it. ``seen``
    (when given) gets each line of the text read, as ``_walk`` gives it;
    ``why``, the kept reading's reasons for ``template_miss``; ``defaults``,
    ``_read_prepared``'s."""
    parsed = _result(st := _walk(text, rules, seen), rules, why, novel, defaults)
    _kept(seen, st)
    unparsed, unsure = UNPARSED in parsed.flags, TOTAL_UNSURE in parsed.flags
    if (unparsed or unsure) and (priced := with_pence(text, _RECEIPT_NO)) is not None:
        again_seen: list[Any] | None = None if seen is None else []
        again_why: list[str] | None = None if why is None else []
        again = _result(st := _walk(priced[0], rules, again_seen), rules, again_why, novel,
                        defaults)
        _kept(again_seen, st)
        if UNPARSED not in again.flags and (unparsed or TOTAL_UNSURE not in again.flags):
            if priced[1] and not rules.prints_whole_units:
                # "Tea  120" / "TOTAL  120": £120, or £1.20 from a till set to
                # print pence without the point? Adding up cannot tell (the
                # till's profile can: its technician confirmed whole units).
                again.flags.append(WHOLE_AMOUNTS)
            if seen is not None:
                seen[:] = again_seen or []
            if why is not None:
                why[:] = again_why or []
            return again, priced[0]
    return parsed, text


def _kept(seen: list[Any] | None, st: Any) -> None:
    """``seen`` (``_walk``'s) with, for each item line, whether the
    receipt's arithmetic kept its item (False: set it aside, ``settle``)."""
    if seen is not None:
        seen[:] = [(ln, r, item, i is not None and i not in st.set_aside)
                   for ln, r, item, i in seen]


def lines_judged(captured: Any, rules: ReceiptRules | None = None
                 ) -> list[tuple[str, str, ReceiptLine | None, bool]]:
    """Each line of a receipt as ``rules`` read it: the line (normalised),
    where it is printed (``profile.REGIONS``), the item read from it (its
    likeliest reading; None: no item) and whether the reading kept that
    item (False: none, or one the receipt's arithmetic set aside: "Deposit
    0.10" on a receipt whose items add up without it). What ``agent
    receipt learn`` learns a till's layout from."""
    rules = rules or DEFAULT_RULES
    seen: list[tuple[str, str, ReceiptLine | None, bool]] = []
    _read(_printed(captured)[0], rules, seen)
    return seen


def lines_read(captured: Any, rules: ReceiptRules | None = None
               ) -> list[tuple[str, str, ReceiptLine | None]]:
    """``lines_judged`` without whether each item was kept."""
    return [(ln, r, item) for ln, r, item, _kept in lines_judged(captured, rules)]


def tenders_printed(captured: Any, rules: ReceiptRules | None = None) -> list[str]:
    """The tenders a receipt printed, as printed ("Cash purse"), as ``rules``
    read them: what ``agent receipt learn`` names a till's purses by."""
    return _tenders_printed(_walk(_printed(captured)[0], rules or DEFAULT_RULES))


def hands_over_unnamed(captured: Any, rules: ReceiptRules | None = None) -> bool:
    """Whether a receipt printed money handed over or change ("PAGÓ CON:
    $50.00" / "SU CAMBIO: $28.40") and no word for how it was paid, as
    ``rules`` read it: what ``agent receipt learn`` learns a till that never
    names its tender from."""
    st = _walk(_printed(captured)[0], rules or DEFAULT_RULES)
    return not (st.tenders or st.late_tenders) and (st.paid is not None
                                                    or st.change is not None)


def misses(captured: Any, rules: ReceiptRules, novel: bool = False) -> list[str]:
    """Why a receipt is ``template_miss`` under ``rules``' complete profile,
    in plain words ([] when it is not): gathered during the reading, as
    ``interpret`` reads it, so the receipt is walked once (twice when it
    prints another locale's number format: ``_read``). ``novel``: also the
    lines no sample printed that the reading finds no alarm in (a card's
    slip, a refund's reference: ``profile.Settled.novel``), what a layout's
    proof counts (``agent.sale.receipt_learn_proof``), and none the default
    rules vouch for (``profile.vouched``: a proof asks what the samples
    showed, not what the defaults read)."""
    why: list[str] = []
    if rules.is_complete:
        printed = tuple(str(t) for t in (getattr(captured, "text", None) or ()))
        prepared = remembered(_READY, printed, _ready, printed, most=RECEIPTS_REMEMBERED)[2]
        _read_prepared(prepared, rules, why=why, novel=novel,
                       defaults=None if novel else _vouching(prepared, rules, printed))
    return why
