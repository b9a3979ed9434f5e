"""A technician runs ``agent doctor`` at a till: a real state directory and
journal, a real simulated hub on 127.0.0.1 (hwsim.hub), readers and the
printer tap on real pseudo-terminals, and one fault at a time. Each fault
must show up as its own finding with a fix, the other checks carrying on,
and the run must end quickly whatever the network does.

Only the machine's edges that a test cannot set for real are replaced:
whether NTP synchronised this boot, the RTC device list, systemctl, and (for
"disk nearly full") statvfs."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from agent.cli import main
from agent.clock import rfc3339
from agent.config import load_config
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
    Context,
    Finding,
    all_checks,
    exit_code,
    run_checks,
    select,
)
from agent.journal.store import Journal
from agent.journal.sync_summary import META_LAST_PUSH_OK
from agent.runtime import runtime_json
from hwsim.hub import Hub
from hwsim.school import generate_school
from sync.client import HubClient
from sync.journal_port import PushOutcome
from sync.roster_store import RosterStore
from tests.tinyfs import tiny_filesystem

TOKEN = "tok-7Qx2-secret-for-the-hub"
ACTIVE = ("LoadState=loaded\nActiveState=active\nSubState=running\nNRestarts=0\n"
          "WatchdogUSec=30s\nUnitFileState=enabled\n")


@dataclass
class Site:
    """One till's world: state dir, config, token, hub, device nodes."""

    tmp: Path
    state: Path
    config: Path
    token: Path
    hub: object
    reader: str  # a pty slave: a real character device the agent's user can open
    tap: str
    fds: list[int]

    def write_config(self, extra_sync: str = "", level: str = "INFO",
                     reader_path: str | None = None, base_url: str | None = None) -> None:
        self.config.write_text(
            f'till_id = "till-1"\nstate_dir = "{self.state}"\n'
            f'[sync]\nbase_url = "{base_url or self.hub.base_url}"\n'
            f'token_file = "{self.token}"\nconnect_timeout_s = 2.0\n{extra_sync}'
            f'[printer]\nmode = "serial-tap"\ntap_port = "{self.tap}"\n'
            f'[[readers]]\nname = "door"\nkind = "rdm6300"\n'
            f'path = "{reader_path or self.reader}"\n'
            f'[logging]\nlevel = "{level}"\n')

    def context(self, **edges) -> Context:
        cfg = load_config(str(self.config))
        kw = {"clock_synced": lambda: True, "rtc_paths": lambda: ["/dev/rtc0"],
              "systemctl": lambda args: ACTIVE}
        kw.update(edges)
        return Context(cfg, config_path=self.config, **kw)

    def doctor(self, **edges) -> dict[str, Finding]:
        findings = run_checks(self.context(**edges), all_checks())
        return {f.name: f for f in findings}

    def publish_daemon(self, **changes) -> dict:
        """What a running agent publishes (agent/runtime/service.py), with changes."""
        now = time.time()
        data = {
            "pid": os.getpid(), "version": "0.1.0", "till_id": "till-1", "started_at": now - 600,
            "ready": True, "stopping": False,
            "devices": [{"name": "door", "kind": "rdm6300", "connected": True,
                         "connected_since": now - 600, "last_data_at": now - 30, "errors": 0,
                         "reopen_count": 0, "frames_rejected": 0, "reads": 41,
                         "last_error": "", "last_error_at": None, "detail": self.reader,
                         "stats": {}}],
            "printer": {"mode": "serial-tap", "jobs": 41, "forward_errors": 0,
                        "dropped_bytes": 0, "last_data_at": now - 20, "last_error": "",
                        "status": {"at": now - 20, "online": True, "paper_out": False,
                                   "paper_near_end": False, "cover_open": False,
                                   "error": False}},
            "sync": {"state": "online", "last_push_ok_at": now - 5, "last_pull_ok_at": now - 60,
                     "last_error": "", "next_attempt_at": None},
            "alarms": [], "counters": {"receipts": 41},
        }
        for k, v in changes.items():
            data[k] = v
        runtime_json.publish(self.state, data)
        return data


def _pty() -> tuple[int, int, str]:
    master, slave = os.openpty()
    return master, slave, os.ttyname(slave)


def _sale(n: int) -> dict:
    return {"till_id": "till-1", "occurred_at": rfc3339(time.time()), "clock_synced": True,
            "pupil_id": None, "identified_by": None, "receipt_no": f"{n:06d}",
            "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": 230}],
            "total_pence": 230, "tender": "cash", "offline": False, "flags": []}


def journal_sales(state: Path, receipt_nos, synced: bool = True) -> None:
    with Journal.in_state_dir(state) as j:
        outcomes = []
        for n in receipt_nos:
            e, _ = j.append(f"till-1:t:{n:06d}", "sale", _sale(n))
            outcomes.append(PushOutcome(e.seq, e.id, "accepted"))
        if synced:
            j.record_outcomes(outcomes, time.time())
            j.set_meta(META_LAST_PUSH_OK, str(time.time()))


def pull_roster(site: Site) -> None:
    cfg = load_config(str(site.config))
    with HubClient(cfg.sync, "till-1") as c:
        page = c.roster(None)
    store = RosterStore.in_state_dir(site.state)
    store.apply(page.pupils, page.deleted_ids, page.cursor, page.till_seq_applied, time.time(),
                snapshot=True)
    store.close()


@pytest.fixture
def site(tmp_path) -> Iterator[Site]:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    token = tmp_path / "token"
    token.write_text(TOKEN + "\n")
    token.chmod(0o600)
    hub = Hub(roster=generate_school(seed=3, pupils=12), token=TOKEN)
    hub.start()
    m1, s1, reader = _pty()
    m2, s2, tap = _pty()
    s = Site(tmp_path, state, tmp_path / "agent.toml", token, hub, reader, tap, [m1, s1, m2, s2])
    s.write_config()
    journal_sales(state, range(1, 6))
    pull_roster(s)
    try:
        yield s
    finally:
        hub.stop()
        for fd in s.fds:
            os.close(fd)


def problems(found: dict[str, Finding]) -> dict[str, str]:
    return {n: f"{f.status}: {f.summary}" for n, f in found.items() if f.status in (WARN, FAIL)}


# --- a healthy till ---------------------------------------------------------------


def test_a_healthy_till_with_the_agent_running_passes_clean(site):
    site.publish_daemon()
    found = site.doctor()
    assert problems(found) == {}
    for name in ("host.journal", "host.permissions", "hub.health", "hub.auth", "clock.skew",
                 "devices.reader.door", "devices.printer", "devices.printer.paper",
                 "queue.pending", "queue.roster", "service.unit", "service.daemon"):
        assert found[name].status == OK, (name, found[name])
    assert "5 entries" in found["host.journal"].summary
    assert "connected, last data" in found["devices.reader.door"].summary
    # Which form the roster writes its cards in (issue 15, defect 14).
    assert "as 8-hex card number" in found["queue.roster"].summary


def test_a_refused_roster_pull_is_a_warning_naming_why_and_how_often(site):
    site.publish_daemon()
    with RosterStore.in_state_dir(site.state) as store:
        for _ in range(2):
            store.record_error("roster update refused (snapshot, page 21): the pull lists "
                               "more than 20,000 pupils (sync.roster_max_pupils); the "
                               "previous roster is kept", time.time())
    f = site.doctor()["queue.roster"]
    assert f.status == WARN and "roster of 12 pupil(s)" in f.summary
    assert "2 refused in all" in f.summary and "sync.roster_max_pupils" in f.summary


def test_the_roster_key_is_checked_like_the_token_and_is_no_stray_file(site):
    key = site.state / "roster.key"
    assert key.exists()  # made by the first pull
    found = site.doctor()
    assert f"{key} 0600" in found["host.permissions"].detail
    assert "roster.key" not in " ".join(found["privacy.templates"].detail)
    key.chmod(0o644)
    f = site.doctor()["host.permissions"]
    assert f.status == FAIL and f"{key} is world-readable" in f.summary


def test_a_healthy_till_with_the_agent_stopped_only_says_it_is_stopped(site):
    found = site.doctor(systemctl=lambda args: ACTIVE.replace("ActiveState=active",
                                                              "ActiveState=inactive"))
    assert set(problems(found)) == {"service.unit", "service.daemon"}
    assert found["service.unit"].status == FAIL
    assert "not running" in found["service.daemon"].summary
    # Devices are still checked by their nodes.
    assert found["devices.reader.door"].status == OK
    assert "not running" in found["devices.reader.door"].summary


def test_the_cli_on_a_healthy_till_exits_0_and_reads_like_a_report(site, capsys):
    site.publish_daemon()
    rc = main(["doctor", "--config", str(site.config)])
    out = capsys.readouterr().out
    # On this machine the clock/service edges are real: only warnings allowed from them.
    assert rc == EXIT_OK, out
    for title in ("Host", "Clock", "Devices (till & peripherals)", "Hub (network & hub)",
                  "Queue (till queue)", "Privacy", "Service"):
        assert f"\n{title}\n" in out
    assert "journal: hash chain intact (5 entries)" in out
    assert TOKEN not in out


# --- one fault each -----------------------------------------------------------------


def test_an_unplugged_reader_is_a_failure_naming_the_reader(site, capsys):
    site.write_config(reader_path=str(site.tmp / "dev" / "ttyUSB7"))
    found = site.doctor()
    f = found["devices.reader.door"]
    assert f.status == FAIL
    assert "not found" in f.summary and "ttyUSB7" in f.summary
    assert "plugged in" in f.fix
    assert found["hub.auth"].status == OK  # the rest carries on
    assert main(["doctor", "--config", str(site.config), "--check", "readers"]) == EXIT_FAIL


def test_a_reader_the_daemon_lost_is_a_failure_with_its_last_error(site):
    rt = site.publish_daemon()
    rt["devices"][0].update(connected=False, last_error="[Errno 5] Input/output error",
                            last_error_at=time.time() - 3)
    runtime_json.publish(site.state, rt)
    f = site.doctor()["devices.reader.door"]
    assert f.status == FAIL
    assert "Input/output error" in f.summary


def test_a_reader_node_the_agents_user_cannot_open_is_a_failure_naming_the_group(site):
    # Judged for the agent's user by the node's mode bits and that user's groups
    # (root, running the doctor, could open anything).
    os.chmod(site.reader, 0o660)
    f = site.doctor(agent_user="nobody")["devices.reader.door"]
    assert f.status == FAIL
    assert "not openable by nobody" in f.summary
    assert "dialout" in f.fix
    os.chmod(site.reader, 0o666)
    assert site.doctor(agent_user="nobody")["devices.reader.door"].status == OK


def test_printer_paper_out_as_last_observed_is_a_failure(site):
    rt = site.publish_daemon()
    rt["printer"]["status"].update(paper_out=True, online=False)
    runtime_json.publish(site.state, rt)
    found = site.doctor()
    f = found["devices.printer.paper"]
    assert f.status == FAIL
    assert "paper out" in f.summary
    assert "paper roll" in f.fix
    assert found["devices.printer"].status == OK  # the tap itself is fine


def test_refused_outsiders_and_a_listener_closed_for_a_dead_printer_show_in_the_tap(site):
    rt = site.publish_daemon()
    rt["printer"].update(listening=True, refused_not_allowed=3, refused_busy=0,
                         last_refused_from="192.0.2.99", jobs_truncated=1)
    runtime_json.publish(site.state, rt)
    f = site.doctor()["devices.printer"]
    assert f.status == WARN
    assert "3 connection(s) from outside printer.allow_from" in f.summary
    assert "192.0.2.99" in f.summary and "allow_from" in f.fix
    assert "listener: 3 refused (not in allow_from), 1 job(s) truncated" in f.detail
    rt["printer"]["listening"] = False
    runtime_json.publish(site.state, rt)
    f = site.doctor()["devices.printer"]
    assert f.status == FAIL and "refused until it does" in f.summary


def test_hub_down_refused_port_fails_fast_at_tcp_and_everything_else_still_reports(site):
    site.hub.stop()
    t0 = time.monotonic()
    found = site.doctor()
    took = time.monotonic() - t0
    assert took < 5.0  # a refused port answers at once (loose bound, not a benchmark)
    assert found["hub.dns"].status == OK
    assert found["hub.tcp"].status == FAIL
    assert "refused" in found["hub.tcp"].summary.lower()
    for later in ("hub.tls", "hub.health", "hub.auth", "clock.skew"):
        assert found[later].status == SKIP, later
    assert found["host.journal"].status == OK
    assert found["queue.pending"].status == OK


def test_a_hub_that_never_answers_costs_seconds_not_the_visit(site):
    site.hub.inject("slow", path="health", delay_s=30)
    t0 = time.monotonic()
    found = site.doctor()
    assert time.monotonic() - t0 < 10.0
    assert found["hub.tcp"].status == OK
    assert found["hub.health"].status == FAIL
    assert found["hub.auth"].status == SKIP


def test_an_expired_token_is_named_as_such(site, capsys):
    site.hub.set_token("the-hub-issued-a-new-one")
    found = site.doctor()
    f = found["hub.auth"]
    assert f.status == FAIL
    assert "token rejected or expired" in f.summary
    assert str(site.token) in f.fix
    assert found["hub.health"].status == OK
    rc = main(["doctor", "--config", str(site.config), "--check", "hub"])
    out = capsys.readouterr().out
    assert rc == EXIT_FAIL
    assert "token rejected or expired" in out and TOKEN not in out


def test_a_missing_token_file_is_found_without_the_network(site):
    site.token.unlink()
    site.hub.stop()
    f = site.doctor()["hub.token"]
    assert f.status == FAIL
    assert "does not exist" in f.summary


def test_a_hub_answering_garbage_health_is_a_finding_not_a_crash(site):
    site.hub.inject("garbage", path="health", variant="not_json")
    found = site.doctor()
    assert found["hub.health"].status == FAIL
    assert "not JSON" in found["hub.health"].summary
    assert found["clock.skew"].status == SKIP
    assert found["host.journal"].status == OK


@pytest.mark.parametrize(("offset", "status"), [(600.0, FAIL), (-45.0, WARN), (1.0, OK)])
def test_clock_skew_against_the_hub(site, offset, status):
    site.hub.clock_offset_s = offset
    f = site.doctor()["clock.skew"]
    assert f.status == status, f
    if status != OK:
        assert ("behind" if offset > 0 else "ahead of") in f.summary
        assert "timedatectl" in f.fix


def test_a_clock_never_synchronised_and_no_rtc_are_warnings(site):
    found = site.doctor(clock_synced=lambda: False, rtc_paths=lambda: [])
    assert found["clock.sync"].status == WARN
    assert found["clock.rtc"].status == WARN
    assert "RTC" in found["clock.rtc"].fix


def test_a_tampered_journal_fails_naming_the_first_bad_seq(site, capsys):
    db = sqlite3.connect(site.state / "journal.sqlite")
    db.execute("DROP TRIGGER entries_no_update")
    db.execute("UPDATE entries SET payload = replace(payload, '230', '999') WHERE seq = 3")
    db.commit()
    db.close()
    f = site.doctor()["host.journal"]
    assert f.status == FAIL
    assert "seq 3" in f.summary
    assert "journal verify" in f.fix
    assert main(["doctor", "--config", str(site.config), "--check", "journal"]) == EXIT_FAIL
    assert "seq 3" in capsys.readouterr().out


def test_a_journal_that_is_not_sqlite_is_reported_and_the_rest_carries_on(site):
    (site.state / "journal.sqlite").write_bytes(b"this is not a database" * 100)
    found = site.doctor()
    assert found["host.journal"].status == FAIL
    assert found["queue.pending"].status == FAIL
    assert found["hub.auth"].status == OK


def test_a_token_or_state_directory_the_agent_would_refuse_is_a_failure(site):
    site.token.chmod(0o644)
    f = site.doctor()["host.permissions"]
    assert f.status == FAIL
    assert f"{site.token}: the hub token file is open to other users (mode 0644)" in f.summary
    assert f"chmod 600 {site.token}" in f.summary
    site.token.chmod(0o640)  # group-readable: the agent refuses it too
    assert site.doctor()["host.permissions"].status == FAIL
    site.token.chmod(0o600)
    site.state.chmod(0o755)
    f = site.doctor()["host.permissions"]
    assert f.status == FAIL and f"chmod 700 {site.state}" in f.summary
    site.state.chmod(0o700)
    (site.state / "journal.sqlite").chmod(0o640)  # the agent starts; still worth a word
    assert site.doctor()["host.permissions"].status == WARN


def test_a_state_directory_not_owned_by_the_agents_user_is_a_failure(site):
    # The doctor run by root judges for the agent's user ("nobody" here).
    f = site.doctor(agent_user="nobody")["host.permissions"]
    assert f.status == FAIL
    assert f"{site.state}: the state directory belongs to" in f.summary
    assert "but the agent runs as nobody" in f.summary
    assert f"sudo chown -R nobody: {site.state}" in f.summary


def test_a_disk_nearly_full_is_a_failure(site):
    def nearly_full(path):
        return SimpleNamespace(f_bavail=2_000, f_frsize=4096, f_blocks=2_000_000)

    f = site.doctor(statvfs=nearly_full)["host.disk"]
    assert f.status == FAIL
    assert "nearly full" in f.summary


def test_a_state_dir_on_a_tiny_filesystem_is_a_disk_failure(site, tmp_path):
    with tiny_filesystem(tmp_path / "tiny", "1m") as small:
        site.config.write_text(site.config.read_text().replace(str(site.state), str(small)))
        f = site.doctor()["host.disk"]
    assert f.status == FAIL
    assert "nearly full" in f.summary and str(small) in f.summary


def test_an_unreadable_config_is_a_finding_and_the_other_checks_still_run(site, capsys):
    site.config.write_text(site.config.read_text() + "\n[sync\nbroken = \n")
    rc = main(["doctor", "--config", str(site.config), "--json"])
    report = json.loads(capsys.readouterr().out)
    checks = {c["name"]: c for c in report["checks"]}
    assert rc == EXIT_FAIL
    assert checks["host.config"]["status"] == FAIL
    # The state directory was salvaged from the broken file: the journal is still checked.
    assert report["state_dir"] == str(site.state)
    assert checks["host.journal"]["status"] == OK


def test_a_misspelt_key_is_shown_and_the_hub_is_checked_with_the_values_given(site, capsys):
    # Two problems, one in [sync]: the hub is still there at base_url.
    site.write_config(extra_sync="conect_timeout_s = 2.0\n", level="LOUD")
    rc = main(["doctor", "--config", str(site.config)])
    out = capsys.readouterr().out
    assert rc == EXIT_FAIL
    # Every problem, without -v.
    assert "sync.conect_timeout_s: unknown key (did you mean 'connect_timeout_s'?)" in out
    assert "logging.level: 'LOUD' is not one of" in out
    assert "no hub configured" not in out
    assert "health: GET /v1/health: status 'ok'" in out
    assert "auth: token accepted" in out
    # The checks that read the state and devices used the file's values too.
    assert "journal: hash chain intact (5 entries)" in out
    assert "reader.door: rdm6300 reader" in out
    # The hub on its own does not pass with a broken [sync] table.
    rc = main(["doctor", "--config", str(site.config), "--check", "hub"])
    out = capsys.readouterr().out
    assert rc == EXIT_FAIL
    assert "sync.conect_timeout_s: unknown key" in out
    site.write_config(level="LOUD")  # a problem elsewhere: the hub checks pass
    assert main(["doctor", "--config", str(site.config), "--check", "hub"]) == EXIT_OK


def test_a_config_that_is_not_toml_does_not_pretend_there_is_no_hub(site, capsys):
    site.config.write_text(site.config.read_text() + "\n[sync\nbroken = \n")
    assert main(["doctor", "--config", str(site.config), "--check", "hub"]) == EXIT_FAIL
    out = capsys.readouterr().out
    assert "no hub configured" not in out and "not valid TOML" in out


def test_a_refused_connection_says_the_hub_is_down_or_the_url_wrong(site):
    site.hub.stop()
    f = site.doctor()["hub.tcp"]
    assert f.status == FAIL
    assert "refused: the hub is down or the URL is wrong" in f.summary
    assert "cable" not in f.fix and "sync.base_url" in f.fix


def test_every_heading_is_a_name_check_takes(site, capsys):
    main(["doctor", "--config", str(site.config)])
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines()[1:] if line and not line.startswith(" ")
                and not line[0].isdigit() and not line.startswith("No problems")]
    assert len(headings) == 8, headings  # with Receipts (how they are read)
    for h in headings:
        name = h.split()[0]
        assert main(["doctor", "--config", str(site.config), "--check", name, "--json"]) \
            in (EXIT_OK, EXIT_FAIL), h
        capsys.readouterr()


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
        assert set(c) == {"name", "group", "status", "summary", "fix", "detail", "duration_ms"}
        assert c["status"] in (OK, WARN, FAIL, SKIP)
    assert report["duration_s"] < 10.0


def test_check_selects_one_check_or_a_group_and_unknown_is_a_usage_error(site, capsys):
    assert main(["doctor", "--config", str(site.config), "--check", "config", "--json"]) == 0
    names = [c["name"] for c in json.loads(capsys.readouterr().out)["checks"]]
    assert names == ["host.config"]
    checks = select(all_checks(), ["hub"])
    assert {c.group for c in checks} == {"hub"} and len(checks) >= 6
    assert main(["doctor", "--config", str(site.config), "--check", "nonsense"]) == EXIT_USAGE
    assert "no check named 'nonsense'" in capsys.readouterr().err


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
            e, _ = j.append(f"till-1:t:{n:06d}", "sale", {**_sale(n), "pupil_id": pid,
                                                          "identified_by": "card"})
            sales.append(e)
        meal, _ = j.append(f"till-1:20261130:m:{ben.id}", "manual",
                           {**_sale(200), "pupil_id": ben.id, "identified_by": "manual"})
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
