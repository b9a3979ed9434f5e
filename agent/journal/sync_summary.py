"""The till queue: what is journaled, what still waits for the hub, what the
hub refused. One summary shared by ``agent status``, ``agent doctor`` and the
systemd STATUS line, read from the state directory only (works with the
daemon stopped)."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

from agent.clock import parse_rfc3339
from agent.config import PolicyConfig
from agent.journal.store import JOURNAL_FILE, Journal, JournalError
from agent.journal.types import Refusals
from agent.runtime import alarms, runtime_json
from agent.uk_dates import uk_when

# Journal meta keys the sync loop maintains (times as epoch seconds, text).
META_LAST_PUSH_OK = "sync.last_push_ok_at"
META_LAST_PULL_OK = "sync.last_pull_ok_at"


@dataclass
class TillQueue:
    journaled: int = 0
    pending: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    # Refused since a person last acknowledged them (`agent journal
    # ack-rejected`): what the sales_rejected alarm counts; the latest refusal.
    rejected_new: int = 0
    rejected_last_seq: int | None = None
    rejected_last_at: str | None = None
    rejected_items: list[dict[str, Any]] = field(default_factory=list)
    oldest_pending_at: str | None = None
    oldest_pending_age_s: float | None = None
    last_push_ok_at: float | None = None
    roster_pulled_at: float | None = None
    roster_age_s: float | None = None
    roster_pupils: int | None = None
    # Cards of the cached roster by form (sync.card_ids), e.g. {"hex8": 1180}.
    roster_card_forms: dict[str, int] = field(default_factory=dict)
    # Why the last roster pull was refused ("" once one succeeds), and how
    # many pulls were refused in all.
    roster_error: str = ""
    roster_refused: int = 0
    # sync.roster_counters.roster_figures: photos kept/failed, fields rejected.
    roster_counters: dict[str, int] = field(default_factory=dict)
    hub_state: str = "unknown"
    daemon_running: bool = False
    # From runtime.json: the publishing daemon's pid and when it last wrote.
    daemon_pid: int | None = None
    published_at: float | None = None
    # The running daemon's alarms (the roster's recomputed from the cache as it
    # is now); with the daemon stopped, empty: its last ones are in last_run_alarms.
    alarms: list[str] = field(default_factory=list)
    last_run_alarms: list[str] = field(default_factory=list)
    # The readers and scanners as runtime.json published them (DeviceState
    # dicts): what a device alarm names, its kind and since when.
    device_states: list[dict[str, Any]] = field(default_factory=list)
    # The hash chain walked (read_till_queue(verify=True)): "" when intact.
    journal_damaged: str = ""
    journal_verified: int | None = None
    # Receipts printed but not journaled when the agent last died, recovered
    # from the tap spool at its start (they carry no card/finger).
    recovered_at_start: int = 0
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def explained_alarms(self, zone: tzinfo, now: float) -> list[alarms.Explained]:
        """The alarms in words for the staff (agent/runtime/alarms.py), with this
        queue's figures, the most urgent first; times in the site's ``zone``."""
        oldest = "none"
        if self.oldest_pending_age_s is not None:
            oldest = uk_when(now - self.oldest_pending_age_s, zone, now)
        figures = {"waiting": self.pending, "oldest": oldest, "rejected": self.rejected_new,
                   "roster_age": human_age(self.roster_age_s) if self.roster_pulled_at
                   else "unknown", "devices": self.device_figures(zone, now)}
        said = [alarms.explain(a, figures) for a in self.alarms]
        return sorted(said, key=lambda a: alarms.SEVERITIES.index(a.severity))


    def device_figures(self, zone: tzinfo, now: float) -> dict[str, alarms.DeviceFigures]:
        """Each published device by name: its kind and since when it has not
        worked ("" while it works, or when not published)."""
        out = {}
        for d in self.device_states:
            down = _float(d.get("disconnected_since"))
            out[str(d.get("name") or "")] = alarms.DeviceFigures(
                str(d.get("kind") or ""),
                uk_when(down, zone, now) if down and not d.get("connected") else "")
        return out


def _float(v: Any) -> float | None:
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def read_till_queue(state_dir: Path | str, now: float | None = None, *, verify: bool = False,
                    roster_stale_after_s: float | None = None,
                    journal: Journal | None = None) -> TillQueue:
    """Summarise the till queue from the state directory. Never writes.
    ``verify`` also walks the journal's hash chain (``journal_damaged``);
    ``roster_stale_after_s`` is the config's policy (default: the built-in);
    ``journal``: the state directory's journal already open (left open),
    else it is opened read-only here."""
    now = time.time() if now is None else now
    state_dir = Path(state_dir)
    q = TillQueue()
    rt = runtime_json.read(state_dir)
    q.daemon_running = runtime_json.daemon_alive(rt)
    if rt:
        published = [str(a) for a in rt.get("alarms") or []]
        if q.daemon_running:
            q.alarms = published
        else:
            q.last_run_alarms = published
        q.daemon_pid = rt.get("pid") if isinstance(rt.get("pid"), int) else None
        q.device_states = [d for d in rt.get("devices") or [] if isinstance(d, dict)]
        q.published_at = _float(rt.get("updated_at"))
        q.recovered_at_start = int((rt.get("spool") or {}).get("recovered_at_start") or 0)
        if q.daemon_running:
            q.hub_state = (rt.get("sync") or {}).get("state", "unknown")
        q.last_push_ok_at = _float((rt.get("sync") or {}).get("last_push_ok_at"))
    if journal is not None or (state_dir / JOURNAL_FILE).exists():
        try:
            j = journal or Journal.in_state_dir(state_dir, readonly=True)
        except JournalError as exc:
            q.error = str(exc)
        else:
            try:
                q.journaled = j.last_seq()
                counts = j.sync_status_counts()
                q.accepted = counts.get("accepted", 0)
                q.duplicate = counts.get("duplicate", 0)
                refused = j.refusals()
                q.rejected = refused.total
                q.rejected_new = refused.new
                q.rejected_last_seq, q.rejected_last_at = refused.last_seq, refused.last_at
                q.alarms = _current_rejected_alarm(q.alarms, refused) if q.daemon_running \
                    else q.alarms
                q.pending = j.pending_count()
                q.rejected_items = j.rejected(limit=20)
                oldest = j.oldest_pending()
                if oldest:
                    q.oldest_pending_at = oldest.wall_time
                    q.oldest_pending_age_s = max(0.0, now - parse_rfc3339(oldest.wall_time))
                pushed = _float(j.get_meta(META_LAST_PUSH_OK))
                if pushed and (q.last_push_ok_at is None or pushed > q.last_push_ok_at):
                    q.last_push_ok_at = pushed
                if verify:
                    res = j.verify()
                    q.journal_verified = res.checked
                    if not res.ok:
                        q.journal_damaged = (f"hash chain broken at seq {res.first_bad_seq}: "
                                             f"{res.problem} ({res.checked} entries intact "
                                             "before it)")
            except Exception as exc:  # a damaged file: report, don't crash status
                q.error = f"{state_dir / JOURNAL_FILE}: {exc}"
            finally:
                if journal is None:
                    j.close()
    roster_file = state_dir / "roster.sqlite"
    try:
        if roster_file.exists():
            from sync.roster_counters import roster_figures
            from sync.roster_store import RosterStore

            store = RosterStore.in_state_dir(state_dir)
            try:
                info = store.info()
                q.roster_counters = roster_figures(store)
            finally:
                store.close()
            q.roster_pulled_at = info.pulled_at
            q.roster_pupils = info.count
            q.roster_card_forms = dict(info.card_forms)
            q.roster_error, q.roster_refused = info.last_error, info.refused
            if info.pulled_at:
                q.roster_age_s = max(0.0, now - info.pulled_at)
    except Exception as exc:  # roster problems are shown, never fatal here
        q.error = q.error or f"roster: {exc}"
    else:
        if roster_stale_after_s is None:
            roster_stale_after_s = PolicyConfig().roster_stale_after_h * 3600
        q.alarms = _current_roster_alarm(q.alarms, q.roster_pulled_at, now, roster_stale_after_s)
    return q


def rejected_alarm(refused: Refusals) -> str:
    """The ``sales_rejected`` alarm: raised while the hub has refused a sale
    nobody has acknowledged yet (a refusal is final, so "cleared" means a
    person looked, not that the sale went), or "". Short enough for the
    health report's 200 characters with seqs and counts in the millions."""
    if not refused.new:
        return ""
    return alarms.make(alarms.SALES_REJECTED, (
        f"{refused.new} sale(s) refused by the hub since last acknowledged, the latest "
        f"seq {refused.last_seq} at {refused.last_at} ({refused.total} in all; `agent journal "
        "ack-rejected` once dealt with)"))


def _current_rejected_alarm(alarms_now: list[str], refused: Refusals) -> list[str]:
    """The daemon's alarms with its sales_rejected one as the journal says now
    (an acknowledgement clears it before the daemon next publishes)."""
    out = [a for a in alarms_now if alarms.code_of(a) != alarms.SALES_REJECTED]
    alarm = rejected_alarm(refused)
    return [*out, alarm] if alarm else out


def _current_roster_alarm(alarms: list[str], pulled_at: float | None, now: float,
                          stale_after_s: float) -> list[str]:
    """The daemon's alarms with its roster alarm, if it raised one, as the cache
    says now: it re-reads the cache only every few seconds."""
    out = []
    for a in alarms:
        if a.startswith(runtime_json.ROSTER_ALARMS):
            a = runtime_json.roster_alarm(pulled_at, now, stale_after_s)
        if a:
            out.append(a)
    return out


def human_age(seconds: float | None) -> str:
    """'3 min', '2 h', '4 days' — for people, not machines."""
    if seconds is None:
        return "never"
    if seconds < 90:
        return f"{int(seconds)} s"
    if seconds < 90 * 60:
        return f"{int(seconds // 60)} min"
    if seconds < 36 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"
