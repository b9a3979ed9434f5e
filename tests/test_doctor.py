"""A technician runs ``agent doctor`` at a till: a real state directory and
journal, a real simulated hub on 127.0.0.1 (hwsim.hub), readers and the
printer tap on real pseudo-terminals, and one fault at a time. Each fault
must show up as its own finding with a fix, the other checks carrying on,
and the run must end quickly whatever the network does.

Only the machine's edges that a test cannot set for real are replaced:
whether NTP synchronised this boot, the RTC device list, systemctl, and (for
"disk nearly full") statvfs."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from agent.cli import main
from agent.doctor.runner import (
    EXIT_FAIL,
    EXIT_OK,
    FAIL,
    OK,
    SKIP,
    WARN,
)
from agent.runtime import runtime_json
from sync.roster_store import RosterStore
from tests.doctor_support import (
    ACTIVE,
    TOKEN,
    Site,
    a_site,
    problems,
)
from tests.tinyfs import tiny_filesystem


@pytest.fixture
def site(tmp_path) -> Iterator[Site]:
    yield from a_site(tmp_path)


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


def _edit_behind_the_triggers(site: Site, seq: int) -> None:
    """Change entry ``seq``'s amount in the file, as no agent would."""
    db = sqlite3.connect(site.state / "journal.sqlite")
    db.execute("DROP TRIGGER entries_no_update")
    db.execute("UPDATE entries SET payload = replace(payload, '230', '999') WHERE seq = ?",
               (seq,))
    db.commit()
    db.close()


def test_a_tampered_journal_fails_naming_the_first_bad_seq(site, capsys):
    _edit_behind_the_triggers(site, 3)
    f = site.doctor()["host.journal"]
    assert f.status == FAIL
    assert "seq 3" in f.summary
    assert "journal verify" in f.fix
    assert main(["doctor", "--config", str(site.config), "--check", "journal"]) == EXIT_FAIL
    assert "seq 3" in capsys.readouterr().out


def test_on_a_journal_longer_than_the_doctor_walks_it_says_what_it_checked(site, monkeypatch):
    # The doctor walks the newest JOURNAL_WALK_NEWEST entries (50,000); this
    # site's journal has 5, so the bound is set to 3 here.
    from agent.doctor import local

    monkeypatch.setattr(local, "JOURNAL_WALK_NEWEST", 3)
    f = site.doctor()["host.journal"]
    assert f.status == OK
    assert f.summary == ("hash chain intact in the newest 3 entries (from seq 3; the 2 before "
                         "them not walked here: `agent journal verify` walks all)")
    _edit_behind_the_triggers(site, 4)
    f = site.doctor()["host.journal"]
    assert f.status == FAIL and "seq 4" in f.summary


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


def test_the_printer_check_says_how_the_tap_reads_its_text(site):
    site.publish_daemon()
    assert ("text: profile epson, code page cp437, no double-byte mode"
            in site.doctor()["devices.printer"].detail)
    site.config.write_text(site.config.read_text().replace(
        "[printer]\n", '[printer]\ndouble_byte = "gb18030"\ndouble_byte_at_power_on = true\n'))
    f = site.doctor()["devices.printer"]
    assert f.status == OK
    assert ("text: profile epson, code page cp437, double-byte gb18030, on at power-on "
            "(FS . turns it off)") in f.detail
