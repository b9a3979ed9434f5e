"""``agent doctor`` at a till, continued (tests/test_doctor.py has the set-up
and the faults of the host, devices, hub and clock): the till queue, privacy
and the service; the command itself (exit codes, JSON, --check, the support
bundle, abandoned checks, beside a real running agent); the tap's spool and OCR."""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.cli import main
from agent.doctor.queue import find_receipt_gaps
from agent.doctor.runner import (
    EXIT_BROKEN,
    EXIT_FAIL,
    EXIT_OK,
    EXIT_USAGE,
    FAIL,
    OK,
    SKIP,
    WARN,
    Check,
    Finding,
    all_checks,
    exit_code,
    run_checks,
    select,
)
from agent.journal.store import Journal
from agent.runtime import runtime_json
from sync.journal_port import PushOutcome
from sync.roster_store import RosterStore
from tests.doctor_support import (
    ACTIVE,
    TOKEN,
    Site,
    a_site,
    journal_sales,
    sale_payload,
)


@pytest.fixture
def site(tmp_path) -> Iterator[Site]:
    yield from a_site(tmp_path)


# --- the till queue, privacy and the service -----------------------------------------


def test_pending_sales_long_unsent_and_rejections_show_in_the_till_queue(site):
    journal_sales(site.state, range(6, 9), synced=False)
    with Journal.in_state_dir(site.state) as j:
        j.record_outcomes([PushOutcome(8, "till-1:t:000008", "rejected", "conflict")],
                          time.time())
    ctx = site.context()
    ctx.now += 3600  # an hour later, still unsent
    found = {f.name: f for f in run_checks(ctx, all_checks())}
    assert found["queue.pending"].status == WARN
    assert "2 sale(s) waiting" in found["queue.pending"].summary
    assert "re-enter" in found["queue.pending"].fix
    assert found["queue.rejected"].status == WARN
    assert "conflict" in found["queue.rejected"].summary
    assert "the latest seq 8 at" in found["queue.rejected"].summary
    assert "1 not yet acknowledged" in found["queue.rejected"].summary


def test_acknowledged_rejections_are_said_but_no_longer_warned_about(site):
    journal_sales(site.state, range(6, 9), synced=False)
    with Journal.in_state_dir(site.state) as j:
        j.record_outcomes([PushOutcome(8, "till-1:t:000008", "rejected", "conflict")],
                          time.time())
    assert main(["journal", "ack-rejected", "--config", str(site.config)]) == 0
    found = {f.name: f for f in run_checks(site.context(), all_checks())}
    assert found["queue.rejected"].status == OK
    assert found["queue.rejected"].summary.startswith("1 sale(s) rejected by the hub "
                                                      "(1x conflict); the latest seq 8")
    assert "all acknowledged" in found["queue.rejected"].summary


def test_receipt_number_gaps_are_warned_about(site):
    journal_sales(site.state, [9, 10])  # 6, 7, 8 never reached the journal
    f = site.doctor()["queue.receipt_gaps"]
    assert f.status == WARN
    assert "3 receipt number(s)" in f.summary
    assert "000005" in f.summary and "000009" in f.summary


def test_receipt_gaps_ignore_reprints_and_counter_resets():
    day = "2026-11-28"
    assert find_receipt_gaps([(day, "0007"), (day, "0007"), (day, "0008"), (day, "0001"),
                              (day, "0009")]) == []
    assert find_receipt_gaps([(day, "5"), ("2026-11-29", "9")]) == []
    assert find_receipt_gaps([(day, "5"), (day, "A12"), (day, "9")]) == [(day, "5", "9", 3)]


def test_debug_logging_and_template_files_are_privacy_findings(site):
    site.write_config(level="DEBUG")
    (site.state / "finger_0042.tpl").write_bytes(b"\x03\x01" * 256)
    found = site.doctor()
    assert found["privacy.log_level"].status == WARN
    assert found["privacy.templates"].status == FAIL
    assert "finger_0042.tpl" in found["privacy.templates"].summary


def test_a_token_pasted_into_the_config_is_a_failure(site):
    site.config.write_text(site.config.read_text().replace(
        "[printer]", f'# Authorization: Bearer {TOKEN}\n[printer]'))
    assert site.doctor()["privacy.token_in_config"].status == FAIL


def test_a_restarting_service_and_live_alarms_are_warnings(site):
    site.publish_daemon(alarms=["clock_unsynced: the clock is not known to be right (no NTP "
                                "since boot); sales are flagged"])
    found = site.doctor(systemctl=lambda args: ACTIVE.replace("NRestarts=0", "NRestarts=4"))
    assert found["service.unit"].status == WARN
    assert "restarted 4 time(s)" in found["service.unit"].summary
    assert found["queue.alarms"].status == WARN
    assert "clock_unsynced" in found["queue.alarms"].summary


# --- the command itself -----------------------------------------------------------


def test_doctor_never_writes_to_the_journal(site):
    journal = site.state / "journal.sqlite"
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    listing = sorted(p.name for p in site.state.iterdir() if not p.name.endswith(("-wal", "-shm")))
    main(["doctor", "--config", str(site.config), "--json"])
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == before
    # SQLite may leave an empty -wal/-shm beside a WAL database opened read-only;
    # no frame was written to it.
    wal = site.state / "journal.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert sorted(p.name for p in site.state.iterdir()
                  if not p.name.endswith(("-wal", "-shm"))) == listing


def test_json_has_a_stable_schema(site, capsys):
    site.publish_daemon()
    main(["doctor", "--config", str(site.config), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == 1
    assert set(report) >= {"version", "till_id", "state_dir", "summary", "exit_code", "checks",
                           "daemon_running", "duration_s"}
    assert report["daemon_running"] is True
    for c in report["checks"]:
        # timed_out (added within schema 1): no answer in time, so not known
        assert set(c) == {"name", "group", "status", "summary", "fix", "detail", "duration_ms",
                          "timed_out"}
        assert c["status"] in (OK, WARN, FAIL, SKIP) and c["timed_out"] is False
    assert report["duration_s"] < 10.0


def test_check_selects_one_check_or_a_group_and_unknown_is_a_usage_error(site, capsys):
    assert main(["doctor", "--config", str(site.config), "--check", "config", "--json"]) == 0
    names = [c["name"] for c in json.loads(capsys.readouterr().out)["checks"]]
    assert names == ["host.config"]
    checks = select(all_checks(), ["hub"])
    assert {c.group for c in checks} == {"hub"} and len(checks) >= 6
    assert main(["doctor", "--config", str(site.config), "--check", "nonsense"]) == EXIT_USAGE
    assert "no check named 'nonsense'" in capsys.readouterr().err


def test_the_config_check_says_how_long_a_cut_off_receipt_is_held(site, capsys):
    site.config.write_text(site.config.read_text() + "\n[policy]\nresend_window_s = 4\n")
    assert main(["doctor", "--config", str(site.config), "--check", "config", "--json"]) == 0
    (c,) = json.loads(capsys.readouterr().out)["checks"]
    assert "a cut-off receipt held 4 s for the till's re-send" in c["summary"], c


def test_verbose_shows_details_under_each_line(site, capsys):
    site.publish_daemon()
    main(["doctor", "--config", str(site.config), "-v", "--check", "readers"])
    out = capsys.readouterr().out
    assert "reads 41, errors 0" in out


def test_strict_counts_warnings_as_failures():
    warned = [Finding("clock.rtc", WARN, "no RTC")]
    assert exit_code(warned) == EXIT_OK
    assert exit_code(warned, strict=True) == EXIT_FAIL


def test_the_support_bundle_is_redacted(site, capsys):
    rt = site.publish_daemon()
    # A careless publisher leaking a card UID and a pupil's name must not leak further.
    rt["devices"][0]["last_error"] = "unknown card 04A1B2C3D4E5F6"
    rt["last_pupil_name"] = "Amelia Hartley"
    runtime_json.publish(site.state, rt)
    bundle = site.tmp / "support.tar.gz"
    main(["doctor", "--config", str(site.config), "--bundle", str(bundle)])
    assert "support bundle" in capsys.readouterr().err
    assert not bundle.stat().st_mode & 0o077
    with tarfile.open(bundle) as tar:
        names = tar.getnames()
        text = "".join(tar.extractfile(m).read().decode() for m in tar.getmembers())
    assert "till-agent-doctor/doctor.json" in names
    assert "till-agent-doctor/config.json" in names
    assert TOKEN not in text
    assert "04A1B2C3D4E5F6" not in text
    assert "Amelia Hartley" not in text
    assert '"door"' in text  # our own device names stay readable


def test_the_support_bundle_carries_no_pupil_ids_names_or_hub_reasons(site, capsys):
    store = RosterStore.in_state_dir(site.state)
    pupils = store.all()[:3]
    store.close()
    ada, ben, cal = pupils
    left = "LEFT-0999"  # no longer in the roster: known from the journal only
    long_reason = (f"pupil {cal.id} ({cal.display_name}) is not enrolled at this school any "
                   "more; ask the office to check the admissions record")
    with Journal.in_state_dir(site.state) as j:
        sales = []
        for n, pid in enumerate([ada.id, left, cal.id], start=100):
            e, _ = j.append(f"till-1:t:{n:06d}", "sale", {**sale_payload(n), "pupil_id": pid,
                                                          "identified_by": "card"})
            sales.append(e)
        meal, _ = j.append(f"till-1:20261130:m:{ben.id}", "manual",
                           {**sale_payload(200), "pupil_id": ben.id, "identified_by": "manual"})
        j.record_outcomes([
            PushOutcome(sales[0].seq, sales[0].id, "rejected", f"unknown pupil {ada.id}"),
            PushOutcome(sales[2].seq, sales[2].id, "rejected", long_reason),
            PushOutcome(meal.seq, meal.id, "rejected", "meal already taken today"),
        ], time.time())
    site.publish_daemon(sync={"state": "online", "last_error": f"unknown pupil {ada.id}"})
    bundle = site.tmp / "support.tar.gz"
    main(["doctor", "--config", str(site.config), "--bundle", str(bundle), "-v"])
    assert long_reason[:40] in capsys.readouterr().out  # the screen shows it; the bundle not
    with tarfile.open(bundle) as tar:
        text = "".join(tar.extractfile(m).read().decode() for m in tar.getmembers())
    for secret in (ada.id, ben.id, cal.id, left, ada.display_name, ben.display_name,
                   cal.display_name, "not enrolled", "already taken", long_reason[:30]):
        assert secret not in text, secret
    assert "<pupil>" in text and "<hub reason>" in text
    assert "m:<pupil>" in text  # the manual meal's id, its pupil masked


def test_a_bundle_that_cannot_be_written_is_the_doctor_failing_not_a_finding(site, capsys):
    rc = main(["doctor", "--config", str(site.config), "--bundle", str(site.tmp)])
    assert rc == EXIT_BROKEN
    assert "cannot write the support bundle" in capsys.readouterr().err


def test_a_hanging_check_is_abandoned_at_its_deadline_and_a_crashing_one_is_a_finding(site):
    import threading

    release = threading.Event()

    def hangs(ctx):
        release.wait(30)
        return Finding("hub.stuck", OK, "never")

    def crashes(ctx):
        raise RuntimeError("bug in a check")

    t0 = time.monotonic()
    found = run_checks(site.context(), [Check("hub.stuck", hangs, timeout_s=0.3),
                                        Check("host.crash", crashes, timeout_s=1.0)])
    took = time.monotonic() - t0
    release.set()
    assert took < 2.0
    by = {f.name: f for f in found}
    assert by["hub.stuck"].status == FAIL and "no answer within 0.3 s" in by["hub.stuck"].summary
    assert by["hub.stuck"].timed_out and by["hub.stuck"].summary.startswith("not known")
    assert "firewall" in by["hub.stuck"].fix
    assert by["host.crash"].status == FAIL and "bug in a check" in by["host.crash"].summary


def test_doctor_beside_a_real_running_agent_then_after_it_stops(site, capsys):
    """The daemon for real (``agent run`` in its own process, hub sync on, the
    reader and the printer tap on ptys): doctor sees it through runtime.json."""
    import signal
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(repo), os.environ.get("PYTHONPATH")]))}
    env.pop("NOTIFY_SOCKET", None)
    proc = subprocess.Popen([sys.executable, "-m", "agent", "run", "--config", str(site.config)],
                            env=env, cwd=repo, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            rt = runtime_json.read(site.state) or {}
            devs = {d.get("name"): d for d in rt.get("devices") or []}
            if (rt.get("ready") and devs.get("door", {}).get("connected")
                    and (rt.get("sync") or {}).get("state") == "online"):
                break
            time.sleep(0.05)
        main(["doctor", "--config", str(site.config), "--json"])
        running = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
            err = proc.stderr.read()
            proc.stderr.close()
    assert running["service.daemon"]["status"] == OK, err
    assert "connected" in running["devices.reader.door"]["summary"], running
    assert running["devices.printer"]["status"] == OK
    assert "serial-tap" in running["devices.printer"]["summary"]
    assert running["hub.auth"]["status"] == OK
    assert running["queue.pending"]["status"] == OK
    assert "hub online" in running["queue.pending"]["summary"]

    main(["doctor", "--config", str(site.config), "--json"])
    stopped = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert stopped["service.daemon"]["status"] == WARN
    assert "not running" in stopped["service.daemon"]["summary"]
    assert stopped["devices.reader.door"]["status"] == OK  # still plugged in
    assert stopped["queue.alarms"]["status"] == SKIP


# --- the tap's write-ahead spool ---------------------------------------------------


def test_spool_files_left_by_an_agent_that_died_are_named_until_it_starts_again(site):
    from agent.runtime.tap_spool import SPOOL_DIR, TapSpool

    found = site.doctor()
    assert found["host.tap_spool"].status == OK and "nothing waiting" in \
        found["host.tap_spool"].summary
    spool = TapSpool(site.state / SPOOL_DIR)
    spool.open()
    spool.till_bytes(b"\x1b@Pasta bake  2.30\n", time.time())
    spool.close()  # ... and the agent was killed: the file stays
    f = site.doctor()["host.tap_spool"]
    assert f.status == WARN and "did not stop cleanly" in f.summary and "start the agent" in f.fix


def test_the_spool_as_the_running_agent_reports_it(site):
    site.publish_daemon(spool={"enabled": True, "error": "", "replayed_files": 1,
                               "recovered_at_start": 2})
    f = site.doctor()["host.tap_spool"]
    assert f.status == OK and "2 receipt(s)" in f.summary
    site.publish_daemon(spool={"enabled": False, "error": "[Errno 28] No space left on device",
                               "replayed_files": 0, "recovered_at_start": 0})
    f = site.doctor()["host.tap_spool"]
    assert f.status == FAIL and "No space left" in f.summary


def test_without_tesseracts_data_receipts_printed_as_pictures_are_a_warning(site,
                                                                          monkeypatch):
    found = site.doctor()
    assert found["host.ocr"].status == OK and "English data in" in found["host.ocr"].summary
    # The machine without Debian's tesseract-ocr-eng: no data where it is looked for.
    monkeypatch.setattr("agent.ocr.reader.TESSDATA_GLOBS", (str(site.tmp / "no-tessdata"),))
    monkeypatch.setenv("TESSDATA_PREFIX", str(site.tmp / "no-tessdata"))
    found = site.doctor()
    assert found["host.ocr"].status == WARN
    assert "cannot be read" in found["host.ocr"].summary
    assert "tesseract-ocr-eng" in found["host.ocr"].fix
