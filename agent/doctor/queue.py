"""Doctor checks on the till queue ("check the till queue area to see if
there are any records left to synchronise"): what waits for the hub and for
how long, what the hub rejected and why, the last successful push and
roster pull, receipt-number gaps (sales printed while the agent was not
listening), and the daemon's own alarms. Read-only: the journal is opened
``mode=ro`` and nothing is ever written to it."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from agent.doctor.base import REASON_CLIP, Context, Finding, check, clip, fail, ok, skip, warn
from agent.journal.store import JOURNAL_FILE, Journal, JournalError
from agent.journal.sync_summary import human_age, read_till_queue
from sync.card_ids import describe_forms
from sync.roster_counters import describe as describe_roster_counters

PENDING_WARN_S = 15 * 60  # older than a lunch service's queue should be
PENDING_FAIL_S = 24 * 3600
GAP_SCAN_ENTRIES = 5000  # the most recent entries looked at for receipt gaps
GAP_MAX_JUMP = 500  # a bigger jump is a till renumbering, not missed sales
_NUMBER = re.compile(r"^\d{1,12}$")


def _queue(ctx: Context) -> Any:
    stale_s = ctx.cfg.policy.roster_stale_after_h * 3600
    return ctx.once("till_queue", lambda: read_till_queue(ctx.state_dir, ctx.now,
                                                          roster_stale_after_s=stale_s))


@check("queue.pending", timeout_s=4.0, reads_state=True)
def pending(ctx: Context) -> Finding:
    q = _queue(ctx)
    if q.error:
        return fail("queue.pending", f"cannot read the till queue: {clip(q.error, 160)}",
                    "see the host.journal finding; keep a copy of the state directory")
    hub = f", hub {q.hub_state}" if ctx.daemon_running else ""
    if not q.pending:
        return ok("queue.pending", f"nothing waiting for the hub ({q.journaled} journaled{hub})")
    age = q.oldest_pending_age_s or 0.0
    line = (f"{q.pending} sale(s) waiting for the hub, oldest {human_age(age)} "
            f"({q.oldest_pending_at}){hub}")
    fix = ("they sync by themselves once the hub answers (see the Network & hub checks); do "
           "not re-enter them by hand: that would duplicate them")
    if age > PENDING_FAIL_S:
        return fail("queue.pending", line, fix)
    if age > PENDING_WARN_S:
        return warn("queue.pending", line, fix)
    return ok("queue.pending", line)


@check("queue.rejected", timeout_s=4.0, reads_state=True)
def rejected(ctx: Context) -> Finding:
    q = _queue(ctx)
    if q.error:
        return skip("queue.rejected", "the till queue is not readable")
    if not q.rejected:
        return ok("queue.rejected", "no sale rejected by the hub")
    reasons: dict[str, int] = defaultdict(int)
    for r in q.rejected_items:
        reasons[str(r.get("reason") or "?")] += 1
    detail = [f"seq {r.get('seq')} {r.get('id')}: {r.get('reason')}" for r in q.rejected_items]
    top = ", ".join(f"{n}x {clip(reason, REASON_CLIP)}" for reason, n in
                    sorted(reasons.items(), key=lambda kv: -kv[1])[:3])
    line = (f"{q.rejected} sale(s) rejected by the hub ({top}); the latest seq "
            f"{q.rejected_last_seq} at {q.rejected_last_at}")
    if not q.rejected_new:
        return ok("queue.rejected", f"{line}; all acknowledged (`agent journal ack-rejected`)",
                  detail=detail)
    return warn("queue.rejected", f"{line}; {q.rejected_new} not yet acknowledged",
                "they are kept in the journal and never retried blindly: `agent status` lists "
                "them; give the list to the hub's operator to resolve, then `agent journal "
                "ack-rejected` clears the alarm", detail=detail)


@check("queue.last_sync", timeout_s=4.0, reads_state=True)
def last_sync(ctx: Context) -> Finding:
    q = _queue(ctx)
    if not ctx.cfg.sync.enabled or not ctx.cfg.sync.base_url:
        return skip("queue.last_sync", "no hub configured")
    if q.last_push_ok_at is None:
        if q.journaled:
            return warn("queue.last_sync", f"no successful push to the hub yet "
                        f"({q.journaled} journaled)", "see the Network & hub checks")
        return ok("queue.last_sync", "nothing journaled yet, nothing to push")
    age = max(0.0, ctx.now - q.last_push_ok_at)
    line = f"last successful push {human_age(age)} ago"
    if q.pending and age > PENDING_WARN_S:
        return warn("queue.last_sync", f"{line}, {q.pending} waiting",
                    "see the Network & hub checks")
    return ok("queue.last_sync", line)


@check("queue.roster", timeout_s=4.0, reads_state=True)
def roster(ctx: Context) -> Finding:
    q = _queue(ctx)
    stale_s = ctx.cfg.policy.roster_stale_after_h * 3600
    if q.roster_pulled_at is None:
        if not ctx.cfg.sync.enabled or not ctx.cfg.sync.base_url:
            return skip("queue.roster", "no hub configured: no roster to pull")
        refused = f" (the last pull was refused: {clip(q.roster_error, 200)})" \
            if q.roster_error else ""
        return fail("queue.roster", "no roster pulled from the hub yet: every card is unknown "
                    f"to this till{refused}", "the first pull needs the hub: fix the Network "
                    "& hub findings; meanwhile use manual registers")
    age = q.roster_age_s or 0.0
    line = (f"roster of {q.roster_pupils} pupil(s), pulled {human_age(age)} ago; cards: "
            f"{describe_forms(q.roster_card_forms)}")
    if q.roster_error:
        return warn("queue.roster", f"{line}; the last pull was refused ({q.roster_refused} "
                    f"refused in all): {clip(q.roster_error, 200)}", "the hub (or something "
                    "between) sent a roster this till will not take; see the error, and the "
                    "hub's roster for this till")
    if age > stale_s:
        return warn("queue.roster", f"{line}: older than {ctx.cfg.policy.roster_stale_after_h:g} h"
                    ", balances and new pupils may be out of date", "see the Network & hub "
                    "checks; the roster refreshes by itself when the hub answers")
    return ok("queue.roster", line)


@check("queue.roster_photos", timeout_s=4.0, reads_state=True)
def roster_photos(ctx: Context) -> Finding:
    """Under the roster: pupils' photos kept on the till, failed at the last
    pull, and optional fields the hub sent malformed (left out, pupils kept)."""
    q = _queue(ctx)
    if q.roster_pulled_at is None or not q.roster_counters:
        return skip("queue.roster_photos", "no roster pulled yet")
    fig = q.roster_counters
    line = describe_roster_counters(fig)
    if fig["photos_failed_last_pull"] or fig["fields_rejected_last_pull"]:
        return warn("queue.roster_photos", line, "the hub sent photos or pupil fields this "
                    "till will not take (the pupils are kept, shown without them); the agent's "
                    "log says which check failed; ask the hub's supplier, or wait for the next "
                    "pull if the hub was busy")
    return ok("queue.roster_photos", line)


@check("queue.receipt_gaps", timeout_s=5.0, timeout_status="warn", reads_state=True)
def receipt_gaps(ctx: Context) -> Finding:
    path = ctx.state_dir / JOURNAL_FILE
    if not path.exists():
        return skip("queue.receipt_gaps", "no journal yet")
    try:
        j = Journal(path, readonly=True)
    except JournalError as exc:
        return skip("queue.receipt_gaps", f"journal not readable ({clip(str(exc), 80)})")
    try:
        gaps = find_receipt_gaps(_recent_receipts(j))
    finally:
        j.close()
    if not gaps:
        return ok("queue.receipt_gaps", "no gaps in the till's receipt numbers")
    missing = sum(n for _, _, _, n in gaps)
    first = gaps[-1]
    detail = [f"{day}: after {a}, next journaled {b} ({n} missing)" for day, a, b, n in gaps]
    return warn("queue.receipt_gaps", f"{missing} receipt number(s) never journaled, latest "
                f"{first[0]} between {first[1]} and {first[2]}: sales may have been printed while "
                "the agent was not listening", "compare with the till's own report for those "
                "numbers (a no-sale or voided slip is harmless); enter real sales from the paper "
                "register", detail=detail)


def _recent_receipts(j: Journal) -> list[tuple[str, str]]:
    last = j.last_seq()
    out = []
    for e in j.entries(after_seq=max(0, last - GAP_SCAN_ENTRIES)):
        try:
            body = json.loads(e.payload)
        except ValueError:
            continue
        no = body.get("receipt_no")
        if isinstance(no, str) and e.kind in ("sale", "refund", "void"):
            out.append((str(body.get("occurred_at") or e.wall_time)[:10], no))
    return out


def find_receipt_gaps(receipts: list[tuple[str, str]]) -> list[tuple[str, str, str, int]]:
    """Gaps in numeric receipt numbers, per day, in journal order:
    ``(day, last number before, next number seen, how many missing)``.
    Repeats (reprints) and decreases (the till's counter reset) are not gaps."""
    gaps = []
    prev: dict[str, tuple[int, str]] = {}
    for day, no in receipts:
        if not _NUMBER.match(no):
            continue
        n = int(no)
        if day in prev:
            p, p_text = prev[day]
            if 1 < n - p <= GAP_MAX_JUMP:
                gaps.append((day, p_text, no, n - p - 1))
            if n <= p:
                continue
        prev[day] = (n, no)
    return gaps


@check("queue.alarms", timeout_s=4.0, reads_state=True)
def alarms(ctx: Context) -> Finding:
    if not ctx.daemon_running:
        return skip("queue.alarms", "the agent is not running: no live alarms")
    # The daemon's alarms, the roster's as the cache is now (it re-reads it every few s).
    found = _queue(ctx).alarms
    if not found:
        return ok("queue.alarms", "the running agent reports no alarm")
    serious = [a for a in found if a.startswith(("journal_write_failed", "printer_tap_down"))]
    fix = "follow the other findings; `journalctl -u till-agent -n 50` for the detail"
    if serious:
        return fail("queue.alarms", f"agent alarm: {clip(serious[0], 140)}", fix, detail=found)
    return warn("queue.alarms", f"agent alarm: {clip(found[0], 140)}"
                + (f" (+{len(found) - 1} more)" if len(found) > 1 else ""), fix, detail=found)
