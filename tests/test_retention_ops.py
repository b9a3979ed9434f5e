"""Retention as a till runs it: the runtime's nightly job (with an injected
clock), `agent journal prune|verify|export`, and a drop SIGKILLed at random
points (all or nothing, nothing pending lost)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from agent import clock as clock_module
from agent.cli import main
from agent.clock import FakeClock
from agent.config import JournalConfig, parse_config
from agent.journal.retention import describe, retention_report
from agent.journal.store import Capture, Journal
from agent.runtime.service import Runtime
from sync.journal_port import PushOutcome
from tests.retention_support import LONDON, at, sale


def fill(j: Journal, n: int, day: float, *, acked: int, start: int = 0) -> None:
    """``n`` sales journaled on ``day`` (one transaction, to build big
    journals quickly), the first ``acked`` of them accepted by the hub."""
    j.clock.now = day
    j._db.execute("BEGIN")
    for i in range(start, start + n):
        j.append(f"till-1:{i}", "sale", sale(i),
                 capture=Capture(0, "printer:127.0.0.1", b"\x1b@MEAL 2.40\n" * 40))
    j._db.execute("COMMIT")
    got = j.pending(0, acked)
    j.record_outcomes([PushOutcome(p.seq, p.id, "accepted") for p in got], day)


@pytest.fixture
def synced_clock(tmp_path, monkeypatch):
    """This machine's clock counts as synchronised (systemd-timesyncd's flag)."""
    flag = tmp_path / "synchronized"
    flag.touch()
    monkeypatch.setattr(clock_module, "TIMESYNC_FLAG", flag)


def test_the_runtime_drops_at_night_on_its_own_thread_and_never_at_lunch(tmp_path):
    state = tmp_path / "state"
    cfg = parse_config(f'state_dir = "{state}"\n[sync]\nenabled = false\n'
                       "[journal]\nretention_school_years = 1\n")
    clock = FakeClock(now=at(2024, 10, 1))
    rt = Runtime(cfg, journal_clock=clock)
    rt.start()
    try:
        fill(rt.journal, 50, at(2024, 10, 1), acked=45)
        clock.now = at(2025, 10, 1, 12, 30)  # lunchtime a year later
        assert rt.retention_tick() is None
        clock.now = at(2025, 10, 2, 1, 30)
        t = rt.retention_tick()
        assert t is not None
        t.join(30)
        assert rt.journal.count() == 5 and rt.journal.anchor().seq == 45
        assert rt.retention_tick() is None  # checked at most once a minute
        clock.now += 120
        t = rt.retention_tick()
        t.join(30)  # due no more today: nothing changes
        assert rt.journal.count() == 5
        # The main loop's connection appends on from the same head.
        e, _ = rt.journal.append("after", "sale", sale(1))
        assert e.seq == 51 and rt.journal.verify().ok
    finally:
        rt.shutdown()


def _state_with_a_dropped_year(state) -> None:
    with Journal.in_state_dir(state, FakeClock()) as j:
        fill(j, 30, at(2024, 5, 1), acked=30)
        fill(j, 10, at(2024, 6, 3), acked=8, start=30)


def test_prune_dry_run_then_prune_then_verify_and_export_say_where_the_journal_starts(
        tmp_path, capsys, monkeypatch, synced_clock):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    _state_with_a_dropped_year(state)
    assert main(["journal", "prune", "--dry-run", "--state-dir", str(state)]) == 0
    out = capsys.readouterr().out
    assert "would drop 38 entries" in out and "retention blocked by seq 39 (pending)" in out
    with Journal.in_state_dir(state, readonly=True) as j:
        assert j.count() == 40
    assert main(["journal", "prune", "--state-dir", str(state)]) == 0
    out = capsys.readouterr().out
    assert "dropped 38 entries" in out and "bytes on disk" in out
    assert main(["journal", "verify", "--state-dir", str(state)]) == 0
    out = capsys.readouterr().out
    assert "verified 2 entries from anchor seq 38 (dropped 20" in out
    assert "before 1 Sep 2025" in out
    assert main(["journal", "export", "--format", "jsonl", "--state-dir", str(state)]) == 0
    got = capsys.readouterr()
    assert [json.loads(line)["seq"] for line in got.out.splitlines()] == [39, 40]
    assert "starts at seq 39" in got.err


def test_prune_verify_and_export_name_the_sale_held_for_review_kept_past_the_retention(
        tmp_path, capsys, monkeypatch, synced_clock):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    with Journal.in_state_dir(state, FakeClock()) as j:
        fill(j, 10, at(2024, 5, 1), acked=10)
        j.append("till-1:held", "sale", {**sale(10), "flags": ["account_mismatch"]})
        fill(j, 10, at(2024, 5, 2), acked=11, start=11)
    args = ["--state-dir", str(state)]
    assert main(["journal", "prune", "--dry-run", *args]) == 0
    assert "would drop 20 entries journaled before" in capsys.readouterr().out
    assert main(["journal", "prune", *args]) == 0
    out = capsys.readouterr().out
    assert "dropped 20 entries" in out and "1 held for review among them stay" in out
    assert main(["journal", "verify", *args]) == 0
    assert "and 1 held for review kept below it" in capsys.readouterr().out
    assert main(["journal", "export", "--format", "jsonl", *args]) == 0
    got = capsys.readouterr()
    assert [json.loads(line)["id"] for line in got.out.splitlines()] == ["till-1:held"]
    assert "except 1 held for review, exported too" in got.err


def test_prune_is_refused_while_the_agent_runs(tmp_path, capsys, monkeypatch, synced_clock):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    _state_with_a_dropped_year(state)
    (state / "runtime.json").write_text(json.dumps({"pid": os.getpid(),
                                                    "updated_at": time.time()}))
    assert main(["journal", "prune", "--state-dir", str(state)]) == 3
    assert "the agent is running" in capsys.readouterr().err
    with Journal.in_state_dir(state, readonly=True) as j:
        assert j.count() == 40 and j.anchor().seq == 0


def test_prune_with_an_unsynchronised_clock_drops_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    monkeypatch.setattr(clock_module, "TIMESYNC_FLAG", tmp_path / "absent")
    monkeypatch.setattr(clock_module, "kernel_clock_synced", lambda: False)
    state = tmp_path / "state"
    _state_with_a_dropped_year(state)
    assert main(["journal", "prune", "--state-dir", str(state)]) == 1
    assert "not synchronised" in capsys.readouterr().err
    with Journal.in_state_dir(state, readonly=True) as j:
        assert j.count() == 40


# --- a crash in the middle of a drop -----------------------------------------

CHILD = r"""
import sys, time
from zoneinfo import ZoneInfo
from agent.clock import FakeClock
from agent.config import JournalConfig
from agent.journal.store import Journal
from agent.journal.retention import RetentionJob
clock = FakeClock(now=float(sys.argv[2]))
j = Journal.in_state_dir(sys.argv[1], clock)
job = RetentionJob(JournalConfig(retention_school_years=1), ZoneInfo("Europe/London"), clock)
print("go", flush=True)
t = time.monotonic()
r = job.run(j, clock.now)
print(f"done {r.dropped} {time.monotonic() - t:.3f}", flush=True)
"""

TOTAL, ACKED = 6000, 5950


def _drop_in_child(state, night: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(state), repr(night)],
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_a_drop_killed_at_random_points_happens_whole_or_not_at_all(tmp_path):
    template = tmp_path / "template"
    with Journal.in_state_dir(template, FakeClock()) as j:
        fill(j, TOTAL, at(2024, 5, 1), acked=ACKED)
        pending = {p.id for p in j.pending(0, 1000)}
    assert len(pending) == TOTAL - ACKED
    night = at(2025, 10, 2, 2)
    # One whole drop, to know how long one takes here.
    whole = tmp_path / "whole"
    shutil.copytree(template, whole)
    child = _drop_in_child(whole, night)
    out, _ = child.communicate(timeout=120)
    dropped, took = out.split()[-2:]
    assert int(dropped) == ACKED
    rng = random.Random(17)
    outcomes = []
    for seed in range(8):
        state = tmp_path / f"kill{seed}"
        shutil.copytree(template, state)
        child = _drop_in_child(state, night)
        assert child.stdout.readline().strip() == "go"
        time.sleep(rng.uniform(0.0, float(took)))
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        with Journal.in_state_dir(state, FakeClock(now=night)) as j:
            res = j.verify()
            assert res.ok, (seed, res.problem)
            anchor = j.anchor().seq
            assert anchor in (0, ACKED), seed  # all of the drop, or none of it
            assert j.count() == (TOTAL if anchor == 0 else TOTAL - ACKED)
            assert {p.id for p in j.pending(0, 1000)} == pending
            outcomes.append(anchor)
    print(f"\nkills mid-drop (whole drop took {took} s): {outcomes.count(0)} before the "
          f"commit, {outcomes.count(ACKED)} after")


def test_doctor_and_status_report_size_anchor_setting_last_run_and_the_blocker(
        tmp_path, capsys, monkeypatch, synced_clock):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    _state_with_a_dropped_year(state)
    assert main(["journal", "prune", "--state-dir", str(state)]) == 0
    capsys.readouterr()
    main(["status", "--json", "--state-dir", str(state)])
    got = json.loads(capsys.readouterr().out)["journal_retention"]
    assert got["entries"] == 2 and got["bytes"] > 0
    assert got["oldest_entry_at"].startswith("2024-06-03")
    assert got["anchor"]["seq"] == 38 and got["anchor"]["dropped"] == 38
    assert got["school_years"] == 2 and got["window"] == "01:00-05:00"
    # Seq 39 (June 2024) fell out of the two school years on 1 September 2025.
    assert got["blocked_by"] == {"seq": 39, "status": "pending",
                                 "since": "2025-08-31T23:00:00.000Z"}
    assert got["last_result"]["dropped"] == 38 and got["last_run_at"]
    main(["doctor", "--check", "host.retention", "--state-dir", str(state), "-v"])
    out = capsys.readouterr().out
    assert "retention blocked by seq 39 (pending) since 1 Sep 2025" in out
    assert "2 entries, oldest 2024-06-03" in out and "keeps 2 school year(s)" in out
    assert "anchor seq 38" in out


# --- when the next drop is due, and what it would take --------------------------

def test_the_next_drop_is_tonight_when_something_is_due_and_next_september_when_not(tmp_path):
    settings = JournalConfig()  # two school years, 01:00-05:00
    with Journal.in_state_dir(tmp_path / "due", FakeClock()) as j:
        fill(j, 30, at(2025, 6, 2), acked=30)  # 2024-25: out since 1 September 2026
        fill(j, 10, at(2026, 10, 5), acked=10, start=30)
        lunch = at(2026, 12, 6, 12)
        rep = retention_report(j, settings, LONDON, lunch)
        assert rep["next_drop"] == {"at": "2026-12-07T01:00:00.000Z", "entries": 30,
                                    "cutoff": "2025-08-31T23:00:00.000Z"}
        # Inside the window and not run yet tonight: now.
        night = at(2026, 12, 7, 2)
        assert retention_report(j, settings, LONDON, night)["next_drop"]["at"] == \
            "2026-12-07T02:00:00.000Z"
    with Journal.in_state_dir(tmp_path / "young", FakeClock()) as j:
        fill(j, 20, at(2025, 10, 6), acked=20)  # 2025-26: out on 1 September 2027
        fill(j, 5, at(2026, 10, 5), acked=3, start=20)
        rep = retention_report(j, settings, LONDON, at(2026, 12, 6, 12))
        assert rep["due"] == 0 and rep["blocked_by"] is None
        # Midnight starts 1 September; the window opens at 01:00 (BST: 00:00 UTC).
        assert rep["next_drop"] == {"at": "2027-09-01T00:00:00.000Z", "entries": 20,
                                    "cutoff": "2026-08-31T23:00:00.000Z"}
        assert "next drop from 2027-09-01 00:00 UTC would drop 20 entries" in describe(rep)


def test_a_sale_held_for_review_past_the_retention_is_no_drop_due_tonight(tmp_path):
    settings = JournalConfig()  # two school years, 01:00-05:00
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        j.clock.now = at(2025, 6, 2)  # 2024-25: out since 1 September 2026, but held
        j.append("till-1:held", "sale", {**sale(0), "flags": ["account_mismatch"]})
        j.record_outcomes([PushOutcome(1, "till-1:held", "accepted")], j.clock.now)
        fill(j, 20, at(2025, 10, 6), acked=20, start=1)  # 2025-26: out on 1 September 2027
        rep = retention_report(j, settings, LONDON, at(2026, 12, 6, 12))
        assert rep["due"] == 0 and rep["blocked_by"] is None
        # Not "tonight, 0 entries": the first that can go, on the day it can.
        assert rep["next_drop"] == {"at": "2027-09-01T00:00:00.000Z", "entries": 20,
                                    "cutoff": "2026-08-31T23:00:00.000Z"}


def test_doctor_names_the_next_drop_and_what_it_would_drop(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    with Journal.in_state_dir(state, FakeClock()) as j:
        fill(j, 12, at(2024, 5, 1), acked=12)  # long out of two school years
        fill(j, 3, time.time() - 86400, acked=0, start=12)  # yesterday's, pending
    main(["doctor", "--check", "host.retention", "--state-dir", str(state), "-v"])
    out = capsys.readouterr().out
    assert "next drop from " in out and "would drop 12 entries" in out
    with Journal.in_state_dir(state, readonly=True) as j:
        assert j.count() == 15  # a dry run: nothing went
