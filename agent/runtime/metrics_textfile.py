"""The health report as a node-exporter textfile (``[metrics] textfile``),
for sites that run Prometheus: the exporter they already scrape picks the
file up, so no port is opened on the till.

Written with ``prometheus_client`` (its exposition format, not ours).
Conventions: times are ``*_timestamp_seconds`` (epoch seconds; Prometheus
computes ages itself, and an age written once would freeze when the agent
stops), monotonic counts end in ``_total``, labels carry only the config's
device names, counter names and alarm codes (never a pupil or card id). A
time that never happened is left out rather than written as 0.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from agent.clock import parse_rfc3339
from agent.runtime import alarms

P = "till_agent_"
# Runtime counters that go up and down: gauges, not ``_total``.
GAUGE_COUNTERS = ("journal_backlog",)


def _t(v: Any) -> float | None:
    try:
        return parse_rfc3339(v) if v else None
    except ValueError:
        return None


def _timestamps(rows: Iterable[tuple[str, Any, str]]) -> Iterator[Metric]:
    """A gauge for each (name, RFC 3339 time, help) that holds a time: a
    time never set (or unreadable) is left out, not written as 0."""
    for name, value, what in rows:
        t = _t(value)
        if t is not None:
            yield GaugeMetricFamily(P + name, what, value=t)


def alarm_code(alarm: str) -> str:
    """``roster_stale: the roster is 40 h old`` -> ``roster_stale``."""
    return alarms.code_of(alarm)


class _ReportCollector(Collector):
    def __init__(self, report: dict[str, Any], counters: Mapping[str, int],
                 sync: Mapping[str, Any], spot: Mapping[str, int] | None = None):
        self.report, self.counters, self.sync = report, counters, sync
        self.spot = spot

    def collect(self) -> Iterator[Metric]:
        r = self.report
        info = GaugeMetricFamily(P + "info", "The agent's version and the till it runs",
                                 labels=["version", "till_id", "printer_mode",
                                         "printer_vendor_model"])
        pr = r["printer"]
        info.add_metric([r["agent_version"], r["till_id"], pr["mode"],
                         pr["vendor_model"] or ""], 1)
        yield info
        yield from self._times()
        if self.spot is not None:
            # The office's spot checks of receipts read without a flag
            # (agent.sale.spot_check): found wrong, the defaults misread this till silently.
            spot = GaugeMetricFamily(P + "spot_checks", "The newest spot checks of receipts "
                                     "read without a flag: checked, and found wrong",
                                     labels=["result"])
            for result in ("checked", "found_wrong"):
                spot.add_metric([result], int(self.spot.get(result) or 0))
            yield spot
        q = r["queue"]
        yield GaugeMetricFamily(P + "queue_pending", "Sales journaled, not yet acknowledged "
                                "by the hub", value=q["pending"])
        yield GaugeMetricFamily(P + "queue_rejected", "Sales the hub (or the agent) rejected, "
                                "kept in the journal for people", value=q["rejected"])
        connected = GaugeMetricFamily(P + "device_connected", "1 while the device is open",
                                      labels=["device", "kind"])
        errors = CounterMetricFamily(P + "device_errors", "Device errors since the agent "
                                     "started", labels=["device", "kind"])
        for d in r["devices"]:
            connected.add_metric([d["name"], d["kind"]], 1 if d["connected"] else 0)
            errors.add_metric([d["name"], d["kind"]], d["errors"])
        yield connected
        yield errors
        for name, key, what in (("printer_online", "online", "1 when the printer answers"),
                                ("printer_paper_out", "paper_out", "1 when out of paper")):
            if pr[key] is not None:
                yield GaugeMetricFamily(P + name, what, value=1 if pr[key] else 0)
        alarms = GaugeMetricFamily(P + "alarm", "1 per alarm raised now (agent status has "
                                   "the words)", labels=["alarm"])
        for code in sorted({alarm_code(a) for a in r["alarms"]}):
            alarms.add_metric([code], 1)
        yield alarms
        if r["disk_free_bytes"] is not None:
            yield GaugeMetricFamily(P + "disk_free_bytes", "Free bytes on the state "
                                    "directory's filesystem", value=r["disk_free_bytes"])
        if r.get("disk_total_bytes") is not None:
            yield GaugeMetricFamily(P + "disk_total_bytes", "Size of the state directory's "
                                    "filesystem", value=r["disk_total_bytes"])
        yield from self._journal()
        yield from self._sync()
        events = CounterMetricFamily(P + "events", "What the agent has seen and done since "
                                     "it started", labels=["event"])
        for name, v in sorted(self.counters.items()):
            if name in GAUGE_COUNTERS:
                yield GaugeMetricFamily(P + name, name.replace("_", " "), value=v)
            else:
                events.add_metric([name], v)
        yield events

    def _times(self) -> Iterator[Metric]:
        r = self.report
        yield from _timestamps((
            ("start_time_seconds", r["started_at"], "When the agent started"),
            ("report_timestamp_seconds", r["sent_at"], "When this file was written"),
            ("oldest_pending_timestamp_seconds", r["queue"]["oldest_pending_at"],
             "When the oldest sale still waiting for the hub was journaled"),
            ("last_push_ok_timestamp_seconds", r["last_push_ok_at"],
             "Last push the hub answered"),
            ("last_roster_pull_timestamp_seconds", r["last_roster_pull_at"],
             "Last complete roster pull")))

    def _journal(self) -> Iterator[Metric]:
        """The journal's size and retention: what an SD card filling or a
        blocked retention looks like from the provider's side."""
        j = self.report.get("journal")
        if not j:
            return
        yield GaugeMetricFamily(P + "journal_size_bytes", "The journal's file and write-ahead "
                                "log on disk", value=j["bytes"])
        yield GaugeMetricFamily(P + "journal_entries", "Entries in the journal now",
                                value=j["entries"])
        yield GaugeMetricFamily(P + "journal_anchor_seq", "Seq of the last entry retention "
                                "dropped (0: none ever)", value=j["anchor_seq"])
        yield GaugeMetricFamily(P + "retention_school_years", "School years the journal "
                                "keeps (0: forever)", value=j["retention_school_years"])
        blocked = j["blocked_by"]
        yield from _timestamps((
            ("journal_oldest_entry_timestamp_seconds", j["oldest_entry_at"],
             "When the oldest entry still kept was journaled"),
            ("retention_last_run_timestamp_seconds", j["retention_last_run_at"],
             "The last retention run")))
        # Written only while something blocks, so "absent" means "not blocked"
        # (alert on the series existing and its timestamp being old).
        if blocked:
            seq = GaugeMetricFamily(P + "retention_blocked_seq", "The entry past the "
                                    "retention that must stay (and every later one with "
                                    "it)", labels=["status"])
            seq.add_metric([blocked["status"]], blocked["seq"])
            yield seq
            since = _t(blocked["since"])
            if since is not None:
                yield GaugeMetricFamily(P + "retention_blocked_since_timestamp_seconds",
                                        "When that entry fell out of the retention",
                                        value=since)

    def _sync(self) -> Iterator[Metric]:
        s = self.sync
        state = GaugeMetricFamily(P + "sync_state", "1 for the sync loop's state now",
                                  labels=["state"])
        state.add_metric([str(s.get("state", "disabled"))], 1)
        yield state
        txns = CounterMetricFamily(P + "sync_transactions", "Hub answers since the agent "
                                   "started", labels=["result"])
        for result, key in (("accepted", "pushed"), ("duplicate", "duplicates"),
                            ("rejected", "rejected")):
            txns.add_metric([result], int(s.get(key) or 0))
        yield txns
        yield CounterMetricFamily(P + "sync_requests", "Push requests since the agent started",
                                  value=int(s.get("requests") or 0))


def render(report: dict[str, Any], counters: Mapping[str, int] | None = None,
           sync: Mapping[str, Any] | None = None,
           spot: Mapping[str, int] | None = None) -> bytes:
    """The textfile's content for a health report (agent/runtime/health.py);
    ``spot``: the spot checks' tally (checked, found_wrong), None: not known."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_ReportCollector(report, counters or {}, sync or {}, spot))
    return generate_latest(registry)


def write(path: str | Path, report: dict[str, Any], counters: Mapping[str, int] | None = None,
          sync: Mapping[str, Any] | None = None, spot: Mapping[str, int] | None = None) -> None:
    """Atomically replace ``path`` (temp file in the same directory, rename),
    mode 0644: the node exporter runs as another user, and nothing in it is
    personal."""
    path = Path(path)
    data = render(report, counters, sync, spot)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # whatever the umask was
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
