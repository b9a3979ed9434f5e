"""The running agent's health, end to end: a TCP tap in front of the
simulated printer, cash sales printed over loopback, a card reader that is
not plugged in, the simulated hub receiving the health report, and the
node-exporter textfile read back with prometheus_client's own parser."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from agent.config import Config, MetricsConfig, PrinterConfig, ReaderConfig
from agent.runtime.metrics_textfile import alarm_code, render
from agent.runtime.service import RuntimeOptions
from hwsim.school import generate_school
from hwsim.till import SaleSpec, compose, send_tcp
from tests.support import free_port, running_runtime, wait_for
from tests.sync_helpers import hub_fixture, sync_cfg, token_file

SCHOOL = generate_school(seed=9, pupils=25)
FAST = RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.2, publish_min_gap_s=0.02,
                      supervisor_backoff_initial_s=0.05, supervisor_backoff_max_s=0.2,
                      sync_sleep_scale=0.01)  # health every 0.6 s, pushes every 0.3 s


def families(path: Path) -> dict:
    return {f.name: f for f in text_string_to_metric_families(path.read_text())}


def caught_up(path: Path) -> bool:
    """The textfile shows both sales pushed and a roster pull."""
    fams = families(path)
    pushed = fams.get("till_agent_sync_transactions")
    accepted = [s.value for s in pushed.samples if s.labels["result"] == "accepted"
                and s.name.endswith("_total")] if pushed else []
    return accepted == [2] and "till_agent_last_roster_pull_timestamp_seconds" in fams \
        and "till_agent_last_push_ok_timestamp_seconds" in fams


hub = hub_fixture(SCHOOL)


def test_the_running_agent_reports_to_the_hub_and_writes_the_textfile(tmp_path, printer, hub):
    prom_dir = tmp_path / "textfile"
    prom_dir.mkdir()
    prom = prom_dir / "till_agent.prom"
    cfg = Config(
        till_id="till-7", state_dir=str(tmp_path / "state"),
        printer=PrinterConfig(mode="tcp", listen=f"127.0.0.1:{free_port()}",
                              forward="{}:{}".format(*printer.address)),
        readers=[ReaderConfig(name="door", kind="rdm6300", path=str(tmp_path / "unplugged"))],
        sync=sync_cfg(hub.base_url, token_file(tmp_path), push_interval_s=30.0,
                      backoff_initial_s=1.0, roster_interval_s=300.0),
        metrics=MetricsConfig(textfile=str(prom), interval_s=1.0))
    host, port = cfg.printer.listen.rsplit(":", 1)
    old_umask = os.umask(0o077)  # as under systemd's UMask=0077
    try:
        with running_runtime(cfg, FAST) as rt:
            for n in (1, 2):
                spec = SaleSpec([("Pasta bake", 1, 230)], tender="Cash", receipt_no=f"{n:06d}")
                assert send_tcp(host, int(port), compose(spec)).printed
            assert wait_for(lambda: rt.pipeline.counters["journaled"] == 2)
            assert wait_for(lambda: None not in [
                (hub.till_health("till-7") or {}).get("report", {}).get(k)
                for k in ("last_push_ok_at", "last_roster_pull_at")], timeout=10.0)
            assert wait_for(lambda: len(hub.ledger("till-7")) == 2)
            assert wait_for(lambda: prom.exists(), timeout=5.0)
            # A textfile written after the pushes and the pull (one a second;
            # a fixed wait for "the next one" is too short on a loaded machine).
            assert wait_for(lambda: caught_up(prom), timeout=10.0)
            got = hub.till_health("till-7")["report"]
            text = prom.read_text()
            fams = families(prom)
    finally:
        os.umask(old_umask)

    # The hub's view of the till.
    assert got["agent_version"] and got["printer"]["mode"] == "tcp"
    assert got["devices"] == [{"name": "door", "kind": "rdm6300", "connected": False,
                               "errors": got["devices"][0]["errors"]}]
    assert got["last_roster_pull_at"] is not None and got["disk_free_bytes"] > 0
    assert not hub.silent_tills()
    assert 0 < got["disk_free_bytes"] <= got["disk_total_bytes"]
    journal = got["journal"]  # its size and retention, read by the running agent
    assert journal["bytes"] > 0 and journal["anchor_seq"] == 0
    assert journal["retention_school_years"] == 2 and journal["blocked_by"] is None
    assert hub.till_alarms() == {}

    # The textfile: readable by the node exporter's user, times not ages.
    assert stat.S_IMODE(prom.stat().st_mode) == 0o644
    assert not [p for p in prom_dir.iterdir() if p != prom]  # no temp file left
    assert not [n for n in fams if "age" in n.removeprefix("till_agent_")]
    now = time.time()
    for name in ("till_agent_start_time_seconds", "till_agent_last_push_ok_timestamp_seconds",
                 "till_agent_last_roster_pull_timestamp_seconds"):
        (sample,) = fams[name].samples
        assert now - 60 < sample.value <= now + 1, name
    assert fams["till_agent_queue_pending"].samples[0].value == 0
    assert fams["till_agent_journal_size_bytes"].samples[0].value > 0
    assert fams["till_agent_disk_total_bytes"].samples[0].value >= \
        fams["till_agent_disk_free_bytes"].samples[0].value
    assert "till_agent_oldest_pending_timestamp_seconds" not in fams  # nothing pending
    connected = {s.labels["device"]: s.value for s in fams["till_agent_device_connected"].samples}
    assert connected == {"door": 0}
    # Counters are counters, and their samples end in _total.
    for fam in ("till_agent_device_errors", "till_agent_events", "till_agent_sync_transactions"):
        assert fams[fam].type == "counter"
        assert all(s.name.endswith("_total") for s in fams[fam].samples
                   if not s.name.endswith("_created"))
    events = {s.labels["event"]: s.value for s in fams["till_agent_events"].samples}
    assert events["journaled"] == 2
    pushed = {s.labels["result"]: s.value for s in fams["till_agent_sync_transactions"].samples}
    assert pushed["accepted"] == 2
    info = fams["till_agent_info"].samples[0].labels
    assert info["till_id"] == "till-7" and info["printer_mode"] == "tcp"
    # The office's spot checks, from the journal the publisher reads: none yet.
    spot = {s.labels["result"]: s.value for s in fams["till_agent_spot_checks"].samples}
    assert spot == {"checked": 0, "found_wrong": 0}
    # No pupil in any label (or anywhere in the file).
    for p in SCHOOL:
        assert p["id"] not in text and p["display_name"] not in text
        assert not any(uid in text for uid in p["card_uids"])


def test_alarms_are_labelled_by_their_code_only():
    report = {
        "till_id": "till-1", "sent_at": "2026-11-30T12:00:00.000Z", "agent_version": "0.1.0",
        "started_at": "2026-11-30T07:00:00.000Z",
        "queue": {"pending": 3, "rejected": 0, "oldest_pending_at": "2026-11-30T11:59:00.000Z"},
        "last_push_ok_at": None, "last_roster_pull_at": None, "devices": [],
        "printer": {"mode": "none", "vendor_model": None, "online": None, "paper_out": None},
        "alarms": ["roster_stale: the roster is 40 h old", "printer_paper_out",
                   "device_not_started: door: [Errno 2] /dev/ttyUSB0"],
        "disk_free_bytes": 123}
    fams = {f.name: f for f in text_string_to_metric_families(render(report).decode())}
    assert {s.labels["alarm"] for s in fams["till_agent_alarm"].samples} == {
        "roster_stale", "printer_paper_out", "device_not_started"}
    (oldest,) = fams["till_agent_oldest_pending_timestamp_seconds"].samples
    assert oldest.value == 1796039940.0
    assert "till_agent_last_push_ok_timestamp_seconds" not in fams  # never: left out, not 0
    assert "till_agent_spot_checks" not in fams  # not known: left out, not 0
    fams = {f.name: f for f in text_string_to_metric_families(
        render(report, spot={"checked": 20, "found_wrong": 2}).decode())}
    assert {s.labels["result"]: s.value for s in fams["till_agent_spot_checks"].samples} == {
        "checked": 20, "found_wrong": 2}
    assert alarm_code("journal_write_failed (3 sale(s) held in memory)") == \
        "journal_write_failed"


def test_the_textfile_and_report_settings_say_what_is_wrong_with_them():
    from agent.config import ConfigError, parse_config

    ok = parse_config('[metrics]\ntextfile = "/var/lib/node-exporter/till_agent.prom"\n')
    assert ok.metrics.textfile.endswith(".prom") and ok.sync.health_interval_s == 60.0
    with pytest.raises(ConfigError) as e:
        parse_config('[metrics]\ntextfile = "till_agent.txt"\ninterval_s = 0\n'
                     '[sync]\nhealth_interval_s = 5\n')
    problems = " ".join(e.value.problems)
    for key in ("metrics.textfile", "metrics.interval_s", "sync.health_interval_s"):
        assert key in problems


def test_a_textfile_that_cannot_be_written_is_an_alarm_and_the_agent_runs_on(tmp_path):
    from agent.runtime import runtime_json

    prom = tmp_path / "no-such-dir" / "till_agent.prom"  # as under ProtectSystem=strict
    cfg = Config(till_id="till-8", state_dir=str(tmp_path / "state"),
                 metrics=MetricsConfig(textfile=str(prom), interval_s=1.0))
    with running_runtime(cfg, FAST):
        assert wait_for(lambda: any(a.startswith("metrics_textfile_failing")
                                    for a in (runtime_json.read(cfg.state_dir) or {})
                                    .get("alarms", [])), timeout=5.0)
    assert not prom.exists()
