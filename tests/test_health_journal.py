"""The journal's size and retention in the health report (contract: "Health
journal"): built from a real journal whose retention is blocked by a sale the
hub rejected, sent over loopback HTTP to the simulated hub, which raises the
fleet's alarms (retention blocked for more than 7 days, under 10% of the disk
free), and written to the Prometheus textfile, read back with
prometheus_client's parser."""

from __future__ import annotations

import json

import pytest
from prometheus_client.parser import text_string_to_metric_families

from agent.clock import FakeClock, parse_rfc3339
from agent.config import JournalConfig
from agent.journal.retention import RetentionJob, retention_report
from agent.journal.store import Journal
from agent.runtime.health import health_report
from agent.runtime.metrics_textfile import render
from hwsim.hub_cli import _print_alarms
from sync.client import HubClient
from sync.contract import ContractError
from sync.health_contract import validate_health_report
from sync.journal_port import PushOutcome
from tests.retention_support import LONDON, at, sale
from tests.sync_helpers import running_hub, sync_cfg, token_file

GB = 1024**3
# Seq 5 (October 2023) fell out of one school year's retention on 1 September
# 2024, local midnight.
BLOCKED_SINCE = "2024-08-31T23:00:00.000Z"


def blocked_journal(state) -> tuple[dict, float]:
    """Ten sales in October 2023, one of them rejected by the hub; a
    retention run on 10 January 2025 drops the four before it. Returns the
    journal's retention report then, and the time."""
    clock = FakeClock(now=at(2023, 10, 2))
    settings = JournalConfig(retention_school_years=1)
    with Journal.in_state_dir(state, clock) as j:
        for i in range(1, 11):
            clock.now = at(2023, 10, 1 + i)
            j.append(f"till-a:{i}", "sale", sale(i))
        got = j.pending(0, 100)
        j.record_outcomes([PushOutcome(p.seq, p.id, "rejected" if p.seq == 5 else "accepted")
                           for p in got], clock.wall())
        clock.now = at(2025, 1, 10, 2)
        assert RetentionJob(settings, LONDON, clock).run_if_due(j).dropped == 4
        return retention_report(j, settings, LONDON, clock.now), clock.now


def snapshot(till_id: str) -> dict:
    return {"till_id": till_id, "version": "0.1.0", "started_at": 1764500000.0,
            "devices": [], "printer": {"mode": "none"}, "sync": {}, "alarms": [],
            "queue": {"pending": 0, "rejected": 1, "oldest_pending_at": None}}


def report(till_id: str, now: float, *, free: int = 20 * GB, total: int = 32 * GB,
           journal: dict | None = None) -> dict:
    return health_report(snapshot(till_id), now=now, disk_free_bytes=free,
                         roster_pulled_at=None, disk_total_bytes=total, journal=journal)


def test_the_report_names_the_journals_size_anchor_last_run_and_blocker_and_no_pupil(tmp_path):
    retention, now = blocked_journal(tmp_path)
    r = report("till-a", now, journal=retention)
    validate_health_report(r)
    j = r["journal"]
    assert j["entries"] == 6 and j["anchor_seq"] == 4 and j["bytes"] > 0
    assert j["oldest_entry_at"] == "2023-10-06T11:00:00.000Z"  # seq 5, noon in London
    assert j["retention_school_years"] == 1
    assert j["retention_last_run_at"] == "2025-01-10T02:00:00.000Z"
    assert j["blocked_by"] == {"seq": 5, "status": "rejected", "since": BLOCKED_SINCE}
    assert r["disk_total_bytes"] == 32 * GB
    text = json.dumps(r)
    assert "P0005" not in text and "Meal of the day" not in text and "till-a:5" not in text
    # The contract's exactness holds for the new object too.
    r["journal"]["blocked_by"]["pupil_id"] = "P0005"
    with pytest.raises(ContractError, match="blocked_by"):
        validate_health_report(r)
    assert report("till-b", now)["journal"] is None  # a journal it could not read


def test_the_hub_raises_retention_blocked_after_7_days_and_disk_low_under_10_percent(
        tmp_path, capsys):
    retention, now = blocked_journal(tmp_path / "a")
    since = parse_rfc3339(BLOCKED_SINCE)
    reports = {"till-a": report("till-a", now, journal=retention),
               "till-b": report("till-b", now, free=3 * GB, total=32 * GB),  # 9.4%
               "till-c": report("till-c", now, free=4 * GB, total=32 * GB)}  # 12.5%
    with running_hub() as hub:
        cfg = sync_cfg(hub.base_url, token_file(tmp_path))
        for till_id, r in reports.items():
            with HubClient(cfg, till_id) as client:
                client.post_health(r)
        assert hub.requests["health_reports"] == 3
        tills = hub.tills()
        assert tills["till-a"]["journal"]["blocked_by"]["seq"] == 5
        assert tills["till-a"]["journal"]["anchor_seq"] == 4
        assert tills["till-b"]["disk_free_bytes"] == 3 * GB
        assert tills["till-b"]["disk_total_bytes"] == 32 * GB

        # Blocked for 3 days: a sale being sorted out, not yet the provider's problem.
        early = hub.till_alarms(now=since + 3 * 86400)
        assert set(early) == {"till-b"}
        assert early["till-b"] == ["disk_low: 3,072 MB free of 32,768 MB (9.4%)"]
        late = hub.till_alarms(now=since + 8 * 86400)
        assert set(late) == {"till-a", "till-b"}
        assert late["till-a"] == ["retention_blocked: seq 5 (rejected) has kept the journal "
                                  "past its retention for 8 days"]
        # What `python -m hwsim hub` prints when they are raised, and when one clears.
        raised = _print_alarms(hub, {})
        out = capsys.readouterr().out
        assert "TILL RETENTION BLOCKED: till-a" in out and "TILL DISK LOW: till-b" in out
        assert "till-c" not in out
        with HubClient(cfg, "till-b") as client:
            client.post_health(report("till-b", now, free=10 * GB, total=32 * GB))
        _print_alarms(hub, raised)
        assert capsys.readouterr().out == "till disk low cleared: till-b\n"


def test_the_textfile_has_the_journal_and_retention_as_gauges_with_units_and_timestamps(
        tmp_path):
    retention, now = blocked_journal(tmp_path)
    text = render(report("till-a", now, journal=retention)).decode()
    fams = {f.name: f for f in text_string_to_metric_families(text)}

    def value(name: str) -> float:
        assert fams[name].type == "gauge", name
        (sample,) = fams[name].samples
        return sample.value

    assert value("till_agent_journal_size_bytes") == retention["bytes"]
    assert value("till_agent_journal_entries") == 6
    assert value("till_agent_journal_anchor_seq") == 4
    assert value("till_agent_retention_school_years") == 1
    assert value("till_agent_journal_oldest_entry_timestamp_seconds") == at(2023, 10, 6)
    assert value("till_agent_retention_last_run_timestamp_seconds") == at(2025, 1, 10, 2)
    assert value("till_agent_retention_blocked_since_timestamp_seconds") == \
        parse_rfc3339(BLOCKED_SINCE)
    (blocked,) = fams["till_agent_retention_blocked_seq"].samples
    assert blocked.labels == {"status": "rejected"} and blocked.value == 5
    assert value("till_agent_disk_total_bytes") == 32 * GB
    assert value("till_agent_disk_free_bytes") == 20 * GB
    assert not [n for n in fams if "age" in n.removeprefix("till_agent_")]

    # Nothing blocking, retention never run: those series are absent, not 0.
    fresh = Journal.in_state_dir(tmp_path / "fresh", FakeClock(now=at(2026, 12, 6)))
    fresh.append("till-b:1", "sale", sale(1))
    quiet = retention_report(fresh, JournalConfig(), LONDON, at(2026, 12, 6, 13))
    fresh.close()
    text = render(report("till-b", now, journal=quiet)).decode()
    names = {f.name for f in text_string_to_metric_families(text)}
    assert "till_agent_journal_entries" in names
    assert not {"till_agent_retention_blocked_seq",
                "till_agent_retention_blocked_since_timestamp_seconds",
                "till_agent_retention_last_run_timestamp_seconds"} & names
