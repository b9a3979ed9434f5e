"""The office's "Receipts to check" page: each sale held for review (a flag
whose words say a person must look at it, ``agent.sale.flag_words``), the
paper receipt as the till printed it beside what the till read from it, and
what the person found, journaled (``Journal.record_review``: append-only, one
decision per sale, never sent to the hub). No pupil named in the list of
sales waiting; "The paper is different" opens review_form's page, which names
the pupils the adjustment concerns (the console is the till's own screen or a
PIN-paired device), and the checked list then says what the office entered
and the adjustment it was shown."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from agent.clock import parse_rfc3339
from agent.config.currency import GBP, Currency
from agent.console import adjustment as adj
from agent.console.paid_on_paper import NOT_PRINTED, TenderOnPaper, filled_in, sent_as
from agent.console.paper_currency import currency_note
from agent.console.review_learn import learn_note
from agent.console.views import (
    KIND_WORDS,
    PART_WORDS,
    TIME_UNSURE,
    ago,
    explain_flags,
    flags_to_say,
    money,
    nothing_charged,
    paid_words,
    sale_words,
    tender_words,
    total_not_read,
    total_summed,
)
from agent.ocr.reader import reading_id
from agent.sale import flag_words
from agent.sale.receipt_reading import RECEIPT_KINDS
from agent.sale.spot_check import SPOT_LOOKS_BACK, spot_picks
from agent.uk_dates import uk_when
from sync.contract import REVIEW_FLAGS

# How far back the page looks (weeks of one till's lunches); the page says so.
# The spot checks' tally looks over the same entries: one window, written once.
LOOKED_BACK = SPOT_LOOKS_BACK
# Checked sales listed under the waiting ones, newest first.
CHECKED_SHOWN = 10
# Waiting sales shown at once (the oldest): a page a person can work down.
WAITING_SHOWN = 30
OUTCOMES = {
    "as_read": "The paper matched what the till read",
    # What was put right at the provider (or why nothing) is in the details.
    "differs": "The paper was different",
}


# A sale the provider holds for a person there (``REVIEW_FLAGS``), checked as read here.
APPROVE_THERE = ("Now approve it at the payment provider: it moves no money until someone "
                 "there does.")
# The same, checked as different: the adjustments start from it approved as sent.
APPROVE_FIRST = ("Approve it at the payment provider as the till sent it, then make the "
                 "adjustments: it moves no money until someone there approves it.")


# A spot check (``agent.sale.spot_check``): why the office is asked about a
# receipt the till had no doubt about, and what a difference means for money
# the till has sent already (the same form and adjustment as any receipt).
SPOT_CHECK = "A spot check: the till read this one without doubt; does it match the paper?"
SPOT_WHY = ("Each day the till asks about one receipt it read without doubt: a till can "
            "misread its paper without knowing it, and only a person with the paper can tell. "
            "Your answer also teaches the till to read this paper. If the paper is different, "
            "the till has already sent this sale as it read it: \u201cThe paper is "
            "different\u201d shows the adjustment to make at the payment provider, as for any "
            "receipt.")


# How ``checked_by`` writes who checked (the journal's ``by``), read back by ``checked_where``.
_TILL_SCREEN = re.compile(r"till (?P<till>.+) console \((?P<address>[^()]*)\)")
_DEVICE = re.compile(r"(?P<device>.+) \((?P<address>[^()]*)\)")


def checked_by(till_id: str, address: str, device_name: str | None = None) -> str:
    """Who checked a receipt, as journaled: the paired device by the name
    staff gave it, or the till's own console; with the screen's address."""
    return f"{device_name} ({address})" if device_name else f"till {till_id} console ({address})"


def checked_where(by: str) -> tuple[str, str]:
    """(where, in the staff's words; the detail for a technician) from a
    journaled ``by``: "at the till" for the till's own screen, "on Office PC"
    for a device paired under that name; a ``by`` of another shape is said
    as it was written."""
    if m := _TILL_SCREEN.fullmatch(by):
        return "at the till", f"till {m['till']} console, {m['address']}"
    if m := _DEVICE.fullmatch(by):
        return f"on {m['device']}", f"paired device, {m['address']}"
    return by, ""


def needs_check(flags: list[str]) -> bool:
    """Whether a sale's flags say a person must check it."""
    return any(flag_words.words(f).review for f in flags)


def _epoch(txn: dict[str, Any], wall: str) -> float | None:
    try:
        return parse_rfc3339(str(txn.get("occurred_at") or wall))
    except ValueError:
        return None


def _printed(cap: Any, flags: list[str]) -> dict[str, Any]:
    """The receipt as the till printed it (its kept capture), or why it cannot be shown."""
    if cap is not None and any(line.strip() for line in cap.text):
        return {"lines": list(cap.text), "why_not": ""}
    if "raster_only" in flags:
        why = "The till printed this receipt as a picture; look at the paper receipt."
    else:
        why = "The till kept no printed text for this sale; look at the paper receipt."
    return {"lines": [], "why_not": why}


def sale_item(journal: Any, e: Any, zone: Any, now: float,
              cur: Currency = GBP, on_paper: TenderOnPaper | None = None) -> dict[str, Any]:
    """A sale as Receipts to check and its form show it; ``on_paper``: how
    the kept receipt says it was paid (``paid_on_paper``), to tell a way of
    paying the paper printed from the till's filling-in."""
    txn = e.transaction
    flags = list(txn.get("flags") or [])
    at = _epoch(txn, e.wall_time)
    # The till's clock unchecked marks every sale since boot: said once above the
    # list and "time unsure" beside the time, as the till queue does.
    explained = explain_flags(txn, [f for f in flags_to_say(txn) if f != TIME_UNSURE], cur)
    cap = journal.capture(e.seq)
    printed = _printed(cap, flags)
    unprinted = (on_paper is not None and cap is not None
                 and filled_in(txn, on_paper(bytes(cap.data))))
    return {
        "seq": e.seq, "txn_id": e.id, "at": at,
        "when": uk_when(at, zone, now) if at is not None else "time not known",
        "time_unsure": TIME_UNSURE in flags,
        "kind": KIND_WORDS.get(str(txn.get("kind") or e.kind), str(e.kind).capitalize()),
        "receipt_no": str(txn.get("receipt_no") or ""),
        "lines": [{"quantity": ln.get("quantity", 1), "description": ln.get("description", ""),
                   "amount": money(ln.get("amount_pence"), cur)} for ln in txn.get("lines") or []],
        # None read is said so, never "£0.00" (nothing for a paper to match).
        "total": ("Not read" if total_not_read(txn)
                  else money(abs(int(txn.get("total_pence") or 0)), cur)),
        # No total read: the one shown is the items added up, said so beside it.
        "total_label": "Items added up (no total read)" if total_summed(txn) else "Total",
        # A refund's amounts are read as sizes: the paper may print them with a
        # minus, which must not read as "the paper is different".
        "read_note": ("a refund: money paid back, with or without a minus on the paper"
                      if (txn.get("kind") or e.kind) == "refund" else ""),
        "what": sale_words(str(txn.get("kind") or e.kind), txn.get("total_pence"), flags, cur),
        # The paper's word, never the till's filling-in for a receipt that named none.
        "paid": NOT_PRINTED if unprinted else paid_words(txn, cur),
        "sent_as": (sent_as(txn, journal.sync_result(e.seq)[0] == "pending")
                    if unprinted else ""),
        "tender_filled_in": unprinted,
        # A refund's money goes back the way it came: "Paid by" read as a sale.
        "paid_label": "Paid back to" if (txn.get("kind") or e.kind) == "refund" else "Paid by",
        # The provider moves no money for it until a person there approves it.
        "held_at_provider": bool(set(REVIEW_FLAGS) & set(flags)),
        # Nothing read to match the paper against: only "the paper shows ..." fits.
        "can_match": not total_not_read(txn),
        # A sale that came to nothing (its items taken off again): nothing to
        # settle whatever way of paying was printed, said before the doubts.
        "nothing_charged": nothing_charged(txn),
        # What makes it need a person first, then the rest.
        "flags": sorted(explained, key=lambda f: not f["review"]),
        "printed": printed,
        # The paper's amounts in another currency than the site's: said beside it.
        "currency_note": currency_note(printed["lines"], cur),
    }


def _window(journal: Any) -> tuple[list[Any], dict[int, dict[str, Any]]]:
    """The last ``LOOKED_BACK`` entries and the checks recorded for them, by seq."""
    after = max(0, journal.last_seq() - LOOKED_BACK)
    return list(journal.entries(after_seq=after)), journal.reviews(after_seq=after)


def _held_of(entries: list[Any]) -> list[Any]:
    """The entries whose flags need a person. A receipt printed as a picture
    whose reading (OCR) was journaled is not one: the reading is the sale
    that counts, and waits itself if it needs a person."""
    ids = {e.id for e in entries}
    return [e for e in entries
            if needs_check(list(e.transaction.get("flags") or []))
            and not ("raster_only" in (e.transaction.get("flags") or [])
                     and reading_id(e.id) in ids)]


def _day(e: Any, zone: Any) -> str:
    """The site's day a sale was printed (the journal's day when its time is not known)."""
    at = _epoch(e.transaction, e.wall_time)
    return datetime.fromtimestamp(at, zone).date().isoformat() if at is not None \
        else str(e.wall_time)[:10]


def _spot_of(journal: Any, entries: list[Any], checked: dict[int, dict[str, Any]],
             zone: Any) -> list[Any]:
    """The sales to spot-check now (``agent.sale.spot_check``), oldest first:
    printed receipts read without a flag that holds them, one a day, the
    receipt kept to show."""
    read_clean = [e for e in entries if e.kind in RECEIPT_KINDS
                  and not needs_check(flags := list(e.transaction.get("flags") or []))
                  and "raster_only" not in flags]
    done = {_day(e, zone) for e in read_clean if e.seq in checked}
    by_seq = {e.seq: e for e in read_clean if e.seq not in checked}
    picks = spot_picks([(seq, e.id, _day(e, zone)) for seq, e in by_seq.items()], done,
                       askable=lambda seq: bool(_printed(journal.capture(seq), [])["lines"]))
    return [by_seq[seq] for seq in picks]


def spot_waiting(journal: Any, zone: Any) -> list[Any]:
    """The sales the page asks the office to spot-check now."""
    entries, checked = _window(journal)
    return _spot_of(journal, entries, checked, zone)


def asks_check(journal: Any, entry: Any, zone: Any) -> bool:
    """Whether the page asks the office to check sale ``entry``: held for a
    person, or one of today's spot checks."""
    return needs_check(list(entry.transaction.get("flags") or [])) \
        or entry.seq in {e.seq for e in spot_waiting(journal, zone)}


def review_page_context(journal: Any, zone: Any, now: float, roster: Any = None,
                        cur: Currency = GBP,
                        on_paper: TenderOnPaper | None = None) -> dict[str, Any]:
    """Everything review.html shows: the sales waiting for a person (oldest
    first, the order they should be dealt with), how many and since when,
    today's spot checks (receipts read without doubt, ``spot_waiting``) and
    the latest ones checked (their pupils named from ``roster``); amounts in
    the site's currency ``cur``; ``on_paper``: see ``sale_item``."""
    entries, checked = _window(journal)
    held = _held_of(entries)
    unchecked = [e for e in held if e.seq not in checked]
    waiting = [sale_item(journal, e, zone, now, cur, on_paper) for e in unchecked[:WAITING_SHOWN]]
    spot = [sale_item(journal, e, zone, now, cur, on_paper)
            for e in _spot_of(journal, entries, checked, zone)]
    done: list[dict[str, Any]] = []
    for e in [e for e in entries if e.seq in checked][::-1][:CHECKED_SHOWN]:
        review = checked[e.seq]
        item = sale_item(journal, e, zone, now, cur, on_paper)
        item["spot"] = not needs_check(list(e.transaction.get("flags") or []))
        at = _epoch({}, review["wall_time"])
        where, tech = checked_where(str(review["by"]))
        item["checked"] = {"outcome": OUTCOMES.get(review["outcome"], review["outcome"]),
                           "code": review["outcome"], "where": where, "tech": tech,
                           "when": uk_when(at, zone, now) if at is not None else "",
                           "details": checked_words(review.get("correction"), roster, cur)}
        if item["held_at_provider"]:
            # Checked here, still held there: said on the list too, not just once.
            item["checked"]["details"].append(
                APPROVE_THERE if review["outcome"] == "as_read" else APPROVE_FIRST)
        done.append(item)
    oldest = waiting[0] if waiting else None
    return {
        "waiting": waiting,
        "waiting_count": len(unchecked),
        "time_unsure": sum(1 for s in waiting if s["time_unsure"]),
        "waiting_since": oldest["when"] if oldest else "",
        "waiting_for": (ago(max(0.0, now - oldest["at"]))
                        if oldest and oldest["at"] is not None else ""),
        "checked": done,
        "spot": spot,
        "spot_check": SPOT_CHECK,
        "spot_why": SPOT_WHY,
        "looked_back": LOOKED_BACK,
        "approve_there": APPROVE_THERE,
        "outcomes": OUTCOMES,
        "learn_note": learn_note(held, set(checked), now),
    }


def waiting_summary(journal: Any, zone: Any, now: float) -> dict[str, Any]:
    """How many receipts wait for a person and since when (the till queue
    page's line; no receipt text read): those held and the spot checks
    asked (``spot_waiting``), as many as Receipts to check asks about."""
    entries, checked = _window(journal)
    waiting = sorted([e for e in _held_of(entries) if e.seq not in checked]
                     + _spot_of(journal, entries, checked, zone), key=lambda e: e.seq)
    at = _epoch(waiting[0].transaction, waiting[0].wall_time) if waiting else None
    return {"count": len(waiting),
            "since": uk_when(at, zone, now) if at is not None else "an unknown time"}


def checked_words(correction: dict[str, Any] | None, roster: Any = None,
                  cur: Currency = GBP) -> list[str]:
    """What the checked list says of a recorded correction: the paper's figures
    and the adjustment the office was shown, pupils named from ``roster`` (the
    journal keeps their accounts only)."""
    if not correction:
        return []
    how = correction.get("how", "")
    paid = adj.HOW_WORDS.get(how, PART_WORDS.get(how, "in parts" if how == "parts" else how))
    if how == "split":  # the parts the office typed, as a split is said everywhere
        paid = tender_words({"tenders": [{"tender": p.get("tender"), "amount_pence":
                                          abs(int(p.get("pence") or 0))}
                                         for p in correction.get("parts") or []]}, cur)
    pupil = correction.get("pupil_id")
    by = f"; paid by {adj.pupil_words(pupil, roster)}" if pupil else ""
    if how == "pupils":  # two pupils on one slip: each one's part
        paid, by = "two pupils on one slip", ": " + ", ".join(
            f"{adj.pupil_words(str(p.get('pupil_id')), roster)} "
            f"{money(abs(int(p.get('pence') or 0)), cur)} "
            f"{adj.HOW_WORDS.get(str(p.get('tender')), str(p.get('tender'))).lower()}"
            for p in correction.get("parts") or [])
    shown = list(correction.get("shown", []))
    made = [adj.Adjustment(a["action"], int(a["pence"]), a["pupil_id"])
            for a in correction.get("adjustments", [])]
    if made and roster is not None:
        shown = adj.sentences(made, roster, how, cur)  # the same sentences, named again
    return [f"Paper: {money(abs(int(correction.get('paper_total_pence') or 0)), cur)}, "
            f"{paid[0].lower() + paid[1:] if paid else ''}{by}.", *shown]
