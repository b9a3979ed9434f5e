"""Retention: a till keeps pupils' sales no longer than it must (UK GDPR's
storage limitation; an SD card is finite too).

Entries the hub has acknowledged (accepted or duplicate) and journaled
before the cutoff leave the journal: with ``[journal]
retention_school_years = 2`` (the default) the till keeps the current school
year and the previous one, school years starting 1 September in the site's
time zone, so on 6 December 2026 it keeps everything from 1 September 2025.
Only the longest prefix that is all acknowledged and older than the cutoff
goes: one pending or rejected entry stops the drop at it, and ``agent
doctor`` names it. A sale held for review in it stays (below the anchor,
in ``kept``) without stopping the drop of the sales around it. The drop
itself is one journal transaction (``Journal.drop_through``) that moves the
chain's anchor; see agent/journal/store.py for why the journal stays one file.

``agent run`` calls ``RetentionJob.run_if_due`` from a background thread:
at most once a local day, only inside ``retention_window`` (local time,
default 01:00-05:00), only when no sale was journaled in the last 30
minutes, and only with a synchronised clock (a Pi without its time could
take this year's sales for old ones). ``agent journal prune`` runs it by
hand (without the window) while the agent is stopped.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from agent.clock import Clock, parse_rfc3339, rfc3339
from agent.config import JournalConfig, parse_window
from agent.journal.pruning import DropPlan
from agent.journal.store import Journal

log = logging.getLogger("agent.journal.retention")

QUIET_S = 30 * 60  # no sale journaled for this long before a drop
META_LAST_RUN = "retention.last_run_at"
META_LAST_RESULT = "retention.last_result"

def in_window(t: time, window: tuple[time, time]) -> bool:
    start, end = window
    return start <= t < end if start < end else (t >= start or t < end)


def school_year_start(day: date) -> date:
    """1 September of the school year ``day`` falls in."""
    return date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def cutoff_date(today: date, school_years: int) -> date | None:
    """The first day kept: the start of the school year ``school_years - 1``
    before the current one (None: 0, keep forever)."""
    if school_years <= 0:
        return None
    start = school_year_start(today)
    return start.replace(year=start.year - (school_years - 1))


def due_since(wall_time: str, school_years: int, tz: tzinfo) -> str:
    """When an entry journaled at ``wall_time`` fell before the cutoff (the
    local midnight starting the school year that put it out of retention):
    from then on, an entry that must stay blocks the drop."""
    day = datetime.fromtimestamp(parse_rfc3339(wall_time), tz).date()
    start = date(school_year_start(day).year + max(1, school_years), 9, 1)
    return rfc3339(datetime.combine(start, time(0), tz).timestamp())


def cutoff_instant(now: float, school_years: int, tz: tzinfo) -> float | None:
    """The cutoff as epoch seconds: local midnight of ``cutoff_date``."""
    first = cutoff_date(datetime.fromtimestamp(now, tz).date(), school_years)
    if first is None:
        return None
    return datetime.combine(first, time(0), tz).timestamp()


@dataclass
class RetentionResult:
    """One run (or dry run): what was due, what went, what blocks the rest."""

    at: str
    cutoff: str
    dropped: int
    through_seq: int
    blocked_by: tuple[int, str] | None
    bytes_before: int
    bytes_after: int
    dry_run: bool = False
    kept: int = 0  # held for review in the dropped run: they stay

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class RetentionJob:
    """Retention of one journal. ``clock`` is the journal's ``Clock`` (wall
    time and whether it is synchronised), so a test moves it."""

    def __init__(self, settings: JournalConfig, tz: tzinfo, clock: Clock | None = None):
        self.settings = settings
        self.window = parse_window(settings.retention_window)
        self.tz = tz
        self.clock = clock or Clock()

    @property
    def enabled(self) -> bool:
        return self.settings.retention_school_years > 0

    def in_window(self, now: float) -> bool:
        """Whether ``now`` is inside the night window (local time)."""
        return in_window(datetime.fromtimestamp(now, self.tz).time(), self.window)

    def cutoff(self, now: float) -> str | None:
        """The cutoff as the journal writes times (RFC 3339 UTC)."""
        c = cutoff_instant(now, self.settings.retention_school_years, self.tz)
        return None if c is None else rfc3339(c)

    def not_due(self, journal: Journal, now: float) -> str:
        """Why a run now would not go ahead ("" when it is due)."""
        if not self.enabled:
            return "retention is off (journal.retention_school_years = 0)"
        local = datetime.fromtimestamp(now, self.tz)
        if not self.in_window(now):
            return f"outside the window {self.settings.retention_window}"
        last = journal.get_meta(META_LAST_RUN)
        if last and datetime.fromtimestamp(float(last), self.tz).date() == local.date():
            return "already ran today"
        if not self.clock.synced():
            return "the clock is not synchronised"
        newest = journal.get_seq(journal.last_seq())
        if newest is not None and now - parse_rfc3339(newest.wall_time) < QUIET_S:
            return "a sale was journaled in the last 30 minutes"
        return ""

    def run_if_due(self, journal: Journal) -> RetentionResult | None:
        """Run when due (see ``not_due``); None when it was not."""
        now = self.clock.wall()
        if self.not_due(journal, now):
            return None
        return self.run(journal, now)

    def plan(self, journal: Journal, now: float) -> DropPlan | None:
        cutoff = self.cutoff(now)
        return None if cutoff is None else journal.drop_plan(cutoff)

    def run(self, journal: Journal, now: float, *, dry_run: bool = False) -> RetentionResult:
        """Drop what is due now (ignores the window: the caller decided),
        then hand the freed pages back; records the run in the journal's
        meta (not for a dry run)."""
        plan = self.plan(journal, now)
        if plan is None:
            raise ValueError("retention is off (journal.retention_school_years = 0)")
        before = journal.size_bytes()
        dropped = 0
        if not dry_run and plan.count:
            dropped = journal.drop_through(plan, now)
            try:
                journal.reclaim()
            except Exception as exc:  # the drop stands; the pages are reused by new sales
                log.warning("retention: dropped %d entries but could not shrink the file "
                            "(%s)", dropped, exc)
        result = RetentionResult(rfc3339(now), plan.cutoff, plan.count if dry_run else dropped,
                                 plan.through_seq, plan.blocked_by, before,
                                 journal.size_bytes(), dry_run, plan.kept)
        if not dry_run:
            journal.set_meta(META_LAST_RUN, repr(now))
            journal.set_meta(META_LAST_RESULT, json.dumps(result.to_dict()))
            log.info("retention: dropped %d entries before %s (now from seq %d; %d held for "
                     "review kept)%s", dropped, plan.cutoff, plan.through_seq, plan.kept,
                     f"; blocked by seq {plan.blocked_by[0]} ({plan.blocked_by[1]})"
                     if plan.blocked_by else "")
        return result


def next_window_start(job: RetentionJob, journal: Journal, now: float) -> float:
    """When the job next looks (``now`` if inside the window and not run
    today): the window's local start time on the next day it can run."""
    local = datetime.fromtimestamp(now, job.tz)
    last = journal.get_meta(META_LAST_RUN)
    ran_today = bool(last) and datetime.fromtimestamp(float(last), job.tz).date() == local.date()
    if job.in_window(now) and not ran_today:
        return now
    start = datetime.combine(local.date(), job.window[0], job.tz)
    if start.timestamp() <= now or ran_today:
        start = datetime.combine(local.date() + timedelta(days=1), job.window[0], job.tz)
    return start.timestamp()


def next_drop(journal: Journal, settings: JournalConfig, tz: tzinfo,
              now: float) -> dict[str, Any] | None:
    """When the next drop is due and how many entries it would drop, as the
    journal stands now (a dry run; later acknowledgements can only add to it):
    tonight's window when something is due now, else the first window after
    the oldest entry falls out of the retention (a 1 September). None: off,
    empty, or blocked (``blocked_by`` says by what)."""
    job = RetentionJob(settings, tz)
    return _next_drop(job, journal, job.plan(journal, now), now)


def _next_drop(job: RetentionJob, journal: Journal, plan: DropPlan | None,
               now: float) -> dict[str, Any] | None:
    """``next_drop`` with the plan for ``now`` already made (one walk of the
    journal, not two: the doctor's page waits on it)."""
    settings, tz = job.settings, job.tz
    if plan is None or plan.blocked_by is not None:
        return None
    if plan.count:
        return {"at": rfc3339(next_window_start(job, journal, now)), "entries": plan.count,
                "cutoff": plan.cutoff}
    # The first entry a drop could take: those held for review never go,
    # below the anchor or in the run the plan passes over (all held: count 0).
    oldest = journal.oldest_entry(after_seq=plan.through_seq)
    if oldest is None:
        return None
    due = parse_rfc3339(due_since(oldest.wall_time, settings.retention_school_years, tz))
    then = max(due, now)
    later = job.plan(journal, then)
    if later is None:
        return None
    return {"at": rfc3339(next_window_start(job, journal, then)), "entries": later.count,
            "cutoff": later.cutoff}


def retention_report(journal: Journal, settings: JournalConfig, tz: tzinfo,
                     now: float) -> dict[str, Any]:
    """The journal's size and retention for ``agent status --json`` and
    ``agent doctor``: size on disk, entries, the oldest entry's time, the
    anchor, the setting, the last run and what blocks the next drop."""
    anchor = journal.anchor()
    oldest = journal.oldest_entry()
    job = RetentionJob(settings, tz)
    plan = job.plan(journal, now)
    last_at = journal.get_meta(META_LAST_RUN)
    last = journal.get_meta(META_LAST_RESULT)
    return {
        "bytes": journal.size_bytes(),
        "entries": journal.count(),
        "kept_for_review": journal.kept_count(),
        "oldest_entry_at": oldest.wall_time if oldest else None,
        "anchor": asdict(anchor) if anchor.seq else None,
        "school_years": settings.retention_school_years,
        "window": settings.retention_window,
        "cutoff": plan.cutoff if plan else None,
        "due": plan.count if plan else 0,
        "blocked_by": _blocked(journal, plan, settings, tz),
        "next_drop": _next_drop(job, journal, plan, now),
        "last_run_at": rfc3339(float(last_at)) if last_at else None,
        "last_result": json.loads(last) if last else None,
    }


def _blocked(journal: Journal, plan: DropPlan | None, settings: JournalConfig,
             tz: tzinfo) -> dict[str, Any] | None:
    """The entry that stops the drop: seq, sync status and ``since`` (when
    it fell out of retention, so a provider can tell a blockage of a day
    from one of months). No pupil data."""
    if plan is None or plan.blocked_by is None:
        return None
    seq, status = plan.blocked_by
    entry = journal.get_seq(seq)
    since = (due_since(entry.wall_time, settings.retention_school_years, tz)
             if entry is not None else None)
    return {"seq": seq, "status": status, "since": since}


def read_retention(state_dir: Any, cfg: Any, now: float,
                   journal: Journal | None = None) -> dict[str, Any] | None:
    """``retention_report`` of the state directory's journal, opened read
    only (None: no journal yet), or of ``journal`` when it is already open.
    ``cfg``: the agent's Config."""
    from pathlib import Path

    from agent.config import site_zone
    from agent.journal.store import JOURNAL_FILE

    path = Path(state_dir) / JOURNAL_FILE
    if journal is None and not path.exists():
        return None
    try:
        tz = site_zone(cfg)
    except ValueError:  # the config check names it; the figures need a zone
        tz = ZoneInfo("UTC")
    if journal is not None:
        return retention_report(journal, cfg.journal, tz, now)
    with Journal(path, readonly=True) as j:
        return retention_report(j, cfg.journal, tz, now)


def describe(report: dict[str, Any]) -> str:
    """One line for people: size, entries, oldest, the setting, the last run."""
    mb = report["bytes"] / 1024**2
    oldest = (report["oldest_entry_at"] or "")[:10] or "none"
    parts = [f"{mb:.1f} MB on disk, {report['entries']:,} entries, oldest {oldest}"]
    if report.get("kept_for_review"):
        parts.append(f"{report['kept_for_review']:,} held for review kept past the retention "
                     "(they never go)")
    years = report["school_years"]
    if not years:
        parts.append("retention off (kept forever)")
    else:
        cut = (report["cutoff"] or "")[:10]
        parts.append(f"keeps {years} school year(s) (entries before {cut} go, in "
                     f"{report['window']})")
    last = report["last_run_at"]
    if last:
        dropped = (report["last_result"] or {}).get("dropped", 0)
        parts.append(f"last run {last[:16].replace('T', ' ')} UTC dropped {dropped:,}")
    elif years:
        parts.append("never run yet")
    nxt = report.get("next_drop")
    if nxt:
        when = datetime.fromisoformat(nxt["at"].replace("Z", "+00:00"))
        parts.append(f"next drop from {when:%Y-%m-%d %H:%M} UTC would drop "
                     f"{nxt['entries']:,} entries (as the journal stands now)")
    elif report["due"]:
        parts.append(f"{report['due']:,} due")
    return "; ".join(parts)


def describe_blocked(blocked: dict[str, Any]) -> str:
    """'seq 39 (pending) since 1 Sep 2025' for people."""
    since = ""
    if blocked.get("since"):
        # A local midnight starting 1 September; shown as the local day.
        day = (datetime.fromisoformat(blocked["since"].replace("Z", "+00:00"))
               + timedelta(hours=12)).date()
        since = f" since {day.day} {day:%b %Y}"
    return f"seq {blocked['seq']} ({blocked['status']}){since}"


def describe_anchor(anchor: Any) -> str:
    """'anchor seq 5,000 (dropped 2026-08-02, before 1 Sep 2025)' for people."""
    when = anchor.dropped_at[:10] if anchor.dropped_at else "?"
    before = ""
    if anchor.cutoff:
        cut = datetime.fromisoformat(anchor.cutoff.replace("Z", "+00:00"))
        # The cutoff is a local midnight; shown as the local day it starts.
        cut = (cut + timedelta(hours=12)).date()
        before = f", before {cut.day} {cut:%b %Y}"
    return f"anchor seq {anchor.seq:,} (dropped {when}{before})"
