"""The till queue page's figures in words: what ``agent status`` knows, said
for the kitchen and the office (alarms from agent/runtime/alarms.py)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

from agent.clock import parse_rfc3339
from agent.config import Config, site_currency, site_zone
from agent.config.currency import GBP, Currency
from agent.console.paid_on_paper import NOT_PRINTED, TenderOnPaper, filled_in, tender_on_paper
from agent.console.refusal_words import refusal_words
from agent.console.review_view import to_check_words, waiting_summary
from agent.console.views import (
    KIND_WORDS,
    TENDER_WORDS,
    TIME_UNSURE,
    ago,
    explain_flags,
    flags_to_say,
    how_many,
    money,
    nothing_charged,
    paid_words,
    sale_words,
)
from agent.journal.sync_summary import read_till_queue
from agent.runtime import alarms, runtime_json
from agent.sale import flag_words
from agent.uk_dates import uk_day, uk_when

HUB_WORDS = {
    "online": "Connected",
    "offline": "Not reachable: sales are kept on the till and sent when it is back",
    "auth_failed": "Refusing this till's key: sales are kept on the till",
    "starting": "Connecting",
    "disabled": "Not set up on this till",
}
# What the till does with the printer's receipts, in words ("watched by the
# agent" said nothing to the office); how it is connected in brackets.
PRINTER_MODES = {"none": "Its receipts are not read by the till (not set up)",
                 "tcp": "Receipts read as they print (network cable)",
                 "usb": "Receipts read as they print (USB)",
                 "serial": "Receipts read as they print (serial cable)",
                 "serial-tap": "Receipts read as they print (serial cable)"}


def device_words(kind: str) -> str:
    """"Card reader", "Fingerprint scanner" (the alarms' words, capitalised)."""
    words = alarms.device_kind_words(kind)
    return words[0].upper() + words[1:]


def printer_words(printer: dict[str, Any]) -> str:
    """The receipt printer's state in a few words."""
    status = printer.get("status") or {}
    if status.get("paper_out"):
        return "Out of paper"
    if status.get("cover_open"):
        return "Cover open"
    if printer.get("listening") is False:
        return "Not answering"
    return PRINTER_MODES.get(str(printer.get("mode") or "none"), str(printer.get("mode")))


def sales_words(n: int) -> str:
    """A count of the till queue's sales with its unit: "None", "1 sale", "12 sales"
    (a bare "12" beside "Waiting to be sent" said nothing of what)."""
    return how_many(n, "sale") if n else "None"


# What waits to be sent, by kind (a cancelled sale is a sale), in the order said.
_PENDING_NOUNS = (("sale", "sale", "sales"), ("refund", "refund", "refunds"),
                  ("manual", "meal from the paper register", "meals from the paper register"))
# Past this many waiting, the count alone (a page is not held up reading them all).
PENDING_READ_AT_MOST = 10_000


def pending_words(journal: Any, pending: int) -> str:
    """What waits to be sent, by what it is: "2 meals from the paper
    register", "3 sales and 1 meal from the paper register" (the office has
    just entered its paper register: "2 sales" read as someone else's);
    ``sales_words`` without the journal open, or when its count moved since."""
    if journal is None or not 0 < pending <= PENDING_READ_AT_MOST:
        return sales_words(pending)
    kinds = Counter(json.loads(p.body).get("kind") for p in journal.pending(0, pending))
    return kinds_words(kinds, pending) or sales_words(pending)


def kinds_words(kinds: Counter[str], count: int) -> str:
    """"3 sales, 1 refund and 2 meals from the paper register" for journal
    kinds counted (a cancelled sale is a sale); "" when they are not
    ``count`` of the kinds known (the caller says the count alone)."""
    kinds = Counter(kinds)
    kinds["sale"] += kinds.pop("void", 0)
    if sum(kinds.values()) != count or set(kinds) - {k for k, _, _ in _PENDING_NOUNS}:
        return ""
    said = [how_many(kinds[k], one, many) for k, one, many in _PENDING_NOUNS if kinds[k]]
    return ", ".join(said[:-1]) + (" and " if len(said) > 1 else "") + said[-1]


def sent_words(accepted: int, duplicate: int) -> str:
    """How many sales the payment provider has, as a person says it: a sale
    sent again after a lost answer (``duplicate``: the provider already had
    it) is one of them, counted once, never a second figure beside a "0"."""
    sent = accepted + duplicate
    if not duplicate:
        return sales_words(sent)
    which = ("sent twice" if duplicate == sent
             else f"{how_many(duplicate, 'of them was', 'of them were')} sent twice")
    them = "it" if duplicate == 1 else "each"
    return (f"{sales_words(sent)} ({which} after a lost answer; the payment provider "
            f"counted {them} once: nothing to do)")


def _when(at: Any, zone: Any, now: float) -> str:
    try:
        return uk_when(parse_rfc3339(str(at)), zone, now)
    except ValueError:
        return ""


# How far back the queue page looks for flagged sales (a lunch service or two).
RECENT_ENTRIES = 500
FLAGGED_SHOWN = 20


# Said once above the list (a clock unchecked since boot marks every sale, and
# the same line on each buried the notes that need action): a row shows only
# "time unsure" beside its time.
ONCE_ABOVE = TIME_UNSURE


def flagged_sales(journal: Any, zone: Any, now: float, cur: Currency = GBP,
                  on_paper: TenderOnPaper | None = None) -> list[dict[str, Any]]:
    """The latest journaled sales carrying a flag other than ``ONCE_ABOVE``,
    newest first, each with its flags and how it was paid in words (no pupil
    named: the queue page is the kitchen's and the office's, and the debt
    page names who). ``time_unsure``: its ``ONCE_ABOVE`` flag. ``on_paper``:
    how a kept receipt says it was paid (``paid_on_paper``): a paper that
    named no way of paying is said so, with the till's word beside it."""
    out: list[dict[str, Any]] = []
    for e in journal.entries(after_seq=max(0, journal.last_seq() - RECENT_ENTRIES)):
        txn = e.transaction
        all_flags = list(txn.get("flags") or [])
        flags = [f for f in all_flags if f != ONCE_ABOVE]
        if not flags or e.kind not in ("sale", "refund", "void", "manual"):
            continue
        out.append({"seq": e.seq, "receipt_no": str(txn.get("receipt_no") or ""),
                    "when": _when(txn.get("occurred_at") or e.wall_time, zone, now),
                    "time_unsure": ONCE_ABOVE in all_flags,
                    "what": sale_words(str(txn.get("kind") or e.kind),
                                       txn.get("total_pence"), all_flags, cur),
                    "paid": paid_words(txn, cur),
                    "flags": explain_flags(txn, [f for f in flags_to_say(txn)
                                                 if f != ONCE_ABOVE], cur),
                    # Its doubts are about a sale that took nothing from anyone.
                    "nothing_charged": nothing_charged(txn),
                    "review": any(flag_words.words(f).review for f in flags)})
    shown = out[::-1][:FLAGGED_SHOWN]
    for s in shown if on_paper is not None else ():
        txn = journal.get_seq(s["seq"]).transaction
        cap = journal.capture(s["seq"])
        if cap is not None and filled_in(txn, on_paper(bytes(cap.data))):
            s["paid"] = f"{NOT_PRINTED} (sent as {TENDER_WORDS[txn['tender']].lower()})"
    return shown


def refused_sales(items: list[dict[str, Any]], journal: Any, zone: Any,
                  now: float, cur: Currency = GBP) -> list[dict[str, Any]]:
    """The hub's refusals as staff find them on paper: the printed receipt
    number and the sale's time where the journal has them ("" when the till
    read no number), what the refusal means and what to do
    (``refusal_words``), the journal's seq and the reason as given kept for
    the till supplier."""
    out = []
    for r in items:
        entry = journal.get_seq(int(r["seq"])) if journal is not None else None
        txn = entry.transaction if entry is not None else {}
        sold = txn.get("occurred_at") or (entry.wall_time if entry is not None else None)
        said = refusal_words(str(r.get("reason") or ""))
        out.append({**r, "when": _when(r.get("at"), zone, now),
                    "meaning": said.meaning, "action": said.action,
                    "receipt_no": str(txn.get("receipt_no") or ""),
                    "sold": _when(sold, zone, now) if sold else "",
                    "total": money(abs(int(txn.get("total_pence") or 0)), cur) if txn else ""})
    return out


# What the till's count of records counts: every journal entry (its seqs), a
# refund and a meal entered from the paper register as much as a sale.
RECORDED = "sales, refunds and paper-register meals"
# Up to this many, the count is said by kind (its rows' kinds read, no bodies).
RECORDED_READ_AT_MOST = 10_000


def recorded_words(count: int, journal: Any, zone: Any, now: float) -> str:
    """The till queue's "Recorded on this till", as a person says it: how
    many of each kind and since when (the first's time, whatever it was):
    "1 sale and 1 meal from the paper register since 08:12"; "1 refund, at
    08:12"; more than ``RECORDED_READ_AT_MOST``, what the count counts
    instead ("12,345 sales, refunds and paper-register meals since ...");
    once retention has dropped the first, "since the first, before <its
    cutoff's day> ..." (the dropped ones' kinds are not known). Without a
    journal open, the count and what it counts only."""
    said = f"{count:,} {RECORDED}"
    if journal is None:
        return said
    first = journal.get_seq(1)
    if first is not None:
        when = uk_when(parse_rfc3339(first.wall_time), zone, now)
        if count == 1:
            return f"1 {KIND_WORDS.get(first.kind, first.kind).lower()}, at {when}"
        if count <= RECORDED_READ_AT_MOST:
            said = kinds_words(Counter(e.kind for e in journal.entries()), count) or said
        return f"{said} since {when}"
    cutoff = journal.anchor().cutoff
    if cutoff:
        day = datetime.fromtimestamp(parse_rfc3339(cutoff), zone).date()
        return (f"{said} since the first, before {uk_day(day)} (older ones are no longer kept "
                "on the till)")
    return said


def queue_page_context(cfg: Config, now: float, journal: Any = None) -> dict[str, Any]:
    """Everything queue.html shows (reads the state directory; no writes).
    ``journal``: the agent's open journal, for the flagged sales."""
    q = read_till_queue(cfg.state_path, now,
                        roster_stale_after_s=cfg.policy.roster_stale_after_h * 3600)
    rt = runtime_json.read(cfg.state_path) or {}
    zone, cur = site_zone(cfg), site_currency(cfg)
    # A last problem with no time read as if it were now, on a reader working since.
    devices = [{**d, "words": device_words(str(d.get("kind") or "")),
                "problem_when": (uk_when(float(d["last_error_at"]), zone, now)
                                 if d.get("last_error") and d.get("last_error_at") else ""),
                # Since when it has not worked (the alarm says the same).
                "down_since": (uk_when(float(d["disconnected_since"]), zone, now)
                               if not d.get("connected") and d.get("disconnected_since")
                               else "")}
               for d in rt.get("devices") or []]
    printer = rt.get("printer") or {}
    hub = HUB_WORDS.get(q.hub_state, "Unknown (the agent is not running)"
                        if not q.daemon_running else q.hub_state.capitalize())
    rejected = refused_sales(q.rejected_items, journal, zone, now, cur)
    flagged = (flagged_sales(journal, zone, now, cur, tender_on_paper(cfg))
               if journal is not None else [])
    return {"q": q, "alarms": q.explained_alarms(zone, now), "hub_words": hub,
            "rejected": rejected, "sent_words": sent_words(q.accepted, q.duplicate),
            "sales_words": sales_words, "devices": devices, "printer": printer,
            "pending_words": pending_words(journal, q.pending),
            "printer_words": printer_words(printer),
            "oldest": ago(q.oldest_pending_age_s or 0.0) if q.pending else "",
            "recorded": recorded_words(q.journaled, journal, zone, now) if q.journaled else "",
            "last_sync": (ago(now - q.last_push_ok_at)
                          if q.last_push_ok_at else "never"),
            # "downloaded 12 min ago", never "0 s old" (a machine's words).
            "roster_age": ago(q.roster_age_s or 0.0) if q.roster_pulled_at else "",
            "flagged": flagged,
            "time_unsure": sum(1 for s in flagged if s["time_unsure"]),
            "to_check": (to_check := waiting_summary(journal, zone, now)
                         if journal is not None else None),
            "to_check_said": to_check_words(to_check) if to_check else ""}
