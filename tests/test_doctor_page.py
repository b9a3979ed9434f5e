"""The doctor as the console's page runs it: each check's answer heard as it
comes (``run_checks(on_done=...)``, ``agent doctor --stream``), and the page's
limit kept honestly: a run stopped at the limit names each check that had
not answered and says it is not known, never "OK"."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from agent.config import Config
from agent.console.doctor_run import UNKNOWN, WAITING, DoctorRun
from agent.doctor.base import OK, Check, Context, Finding
from agent.doctor.runner import run_checks, summary_counts
from tests.doctor_support import LimitsFiredByTheTest, until_seen
from tests.sync_helpers import a_hub_that_trickles, token_file

REPO = Path(__file__).resolve().parents[1]


def test_each_check_is_heard_as_it_answers_and_the_report_keeps_the_checks_order(tmp_path):
    release, stuck_heard = threading.Event(), threading.Event()
    heard: list[str] = []

    def quick(ctx):
        return Finding("host.quick", OK, "at once")

    def slow(ctx):
        # answers only after the stuck check's timeout was heard: the order
        # below is the runner's, not the machine's speed
        stuck_heard.wait(30)
        return Finding("host.slow", OK, "after a while")

    def hangs(ctx):
        release.wait(30)
        return Finding("hub.stuck", OK, "never heard")

    checks = [Check("host.slow", slow, timeout_s=30), Check("hub.stuck", hangs, timeout_s=1.5),
              Check("host.quick", quick, timeout_s=30)]

    def on_done(name: str, findings: list[Finding]) -> None:
        assert [f.name for f in findings] == [name]
        heard.extend(f.name for f in findings)
        if "hub.stuck" in heard:
            stuck_heard.set()

    found = run_checks(Context(Config(state_dir=str(tmp_path))), checks, on_done=on_done)
    release.set()
    # The quick one is not held back by the slow one, nor the stuck one's
    # timeout by either; the report keeps the checks' order.
    assert heard == ["host.quick", "hub.stuck", "host.slow"]
    assert [f.name for f in found] == ["host.slow", "hub.stuck", "host.quick"]
    stuck = found[1]
    assert stuck.status != OK and "no answer within 1.5 s" in stuck.summary
    # No answer in time is not known, never counted as a fault it did not see.
    assert stuck.timed_out and stuck.summary.startswith("not known")
    assert summary_counts(found) == {"ok": 2, "warn": 0, "fail": 0, "skip": 0, "unknown": 1}


def test_a_check_abandoned_says_which_is_slow_the_hub_or_this_computer_when_it_knows(tmp_path):
    # Till checks said "a busy machine can be the reason" also when the hub was
    # the slow one. A check waiting on the hub's answer (a hub that trickles)
    # names the hub when this computer is not busy; busy, it says it does not
    # know which; a local check stuck names neither.
    from agent.config import load_config
    from agent.doctor import hub
    from agent.doctor.base import Load

    release = threading.Event()

    def stuck(ctx):
        release.wait(30)
        return Finding("host.stuck", OK, "never heard")

    with a_hub_that_trickles() as port:
        config = tmp_path / "agent.toml"
        config.write_text(f'till_id = "till-1"\nstate_dir = "{tmp_path}"\n[sync]\n'
                          f'base_url = "http://127.0.0.1:{port}"\n'
                          f'token_file = "{token_file(tmp_path)}"\n')
        cfg = load_config(str(config))

        def said(load: Load | None) -> dict[str, str]:
            ctx = Context(cfg, load=lambda: load)
            found = run_checks(ctx, [Check("hub.health", hub.health, timeout_s=0.8),
                                     Check("host.stuck", stuck, timeout_s=0.8)])
            assert all(f.timed_out for f in found)
            return {f.name: f.summary for f in found}

        quiet = said(Load(0.3, 2))
        assert quiet["hub.health"] == (
            "not known: no answer within 0.8 s: the till was waiting for the payment "
            "provider's hub to answer, and this computer is not busy (load 0.3 on 2 cores): "
            "the hub is the slow one")
        assert quiet["host.stuck"] == (
            "not known: no answer within 0.8 s (the check was abandoned; this computer is not "
            "busy, load 0.3 on 2 cores, so what the check waits for is the slow one)")
        busy = said(Load(18.0, 2))
        assert busy["hub.health"].endswith(
            "while the till waited for the payment provider's hub to answer; this computer is "
            "busy too (load 18.0 on 2 cores), so whether the hub or this computer is the slow "
            "one is not known")
        assert busy["host.stuck"].endswith("this computer is busy, load 18.0 on 2 cores, "
                                           "which can be the reason)")
        assert said(None)["hub.health"].endswith("whether the hub or this computer is the slow "
                                                 "one is not known")
    release.set()


def test_the_page_shows_a_check_that_timed_out_as_not_known_not_a_problem():
    # The doctor's own --stream lines for a check abandoned at its deadline
    # (status "fail" for the exit code, timed_out true), then its report.
    timed_out = {"name": "hub.health", "status": "fail", "timed_out": True,
                 "summary": "not known: no answer within 8.5 s", "fix": "run it again"}
    lines = [{"plan": ["hub.health"]}, {"findings": [timed_out]},
             {"report": {"checks": [timed_out]}}]
    script = "; ".join(f"print({json.dumps(json.dumps(line))})" for line in lines)
    page = ended(script, limit_s=30.0)
    [row] = page["rows"]
    assert row["status"] == UNKNOWN and row["summary"].startswith("not known")
    assert page["counts"]["fail"] == 0 and page["counts"][UNKNOWN] == 1


def test_agent_doctor_stream_says_the_plan_then_each_answer_then_the_report(tmp_path):
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    # Two readers: one check (devices.readers) answers with a finding each,
    # named for the reader (devices.reader.door, ...).
    config = tmp_path / "agent.toml"
    config.write_text(f'state_dir = "{state}"\n[sync]\nenabled = false\n'
                      f'[[readers]]\nname = "door"\nkind = "rdm6300"\npath = "{tmp_path}/a"\n'
                      f'[[readers]]\nname = "hall"\nkind = "ascii"\npath = "{tmp_path}/b"\n')
    res = subprocess.run([sys.executable, "-m", "agent", "doctor", "--stream", "--config",
                          str(config)], cwd=REPO, capture_output=True, text=True, timeout=60)
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    plan, answers, report = lines[0]["plan"], lines[1:-1], lines[-1]["report"]
    assert sorted(a["check"] for a in answers) == sorted(plan) and "host.journal" in plan
    heard = [f["name"] for a in answers for f in a["findings"]]
    readers = next(a for a in answers if a["check"] == "devices.readers")
    assert [f["name"] for f in readers["findings"]] == ["devices.reader.door",
                                                        "devices.reader.hall"]
    assert sum(report["summary"].values()) == len(heard)
    # The console page reads the same lines: every check answered, none of
    # them "not known" for findings named otherwise than their check.
    stream = tmp_path / "stream.jsonl"
    stream.write_text(res.stdout)
    page = ended(f"print(open({str(stream)!r}).read(), end='')", limit_s=30.0)
    assert page["answered"] == page["planned"] == len(plan)
    assert not [r["name"] for r in page["rows"] if r["status"] == UNKNOWN]
    assert {"devices.reader.door", "devices.reader.hall"} <= {r["name"] for r in page["rows"]}


def test_a_run_stopped_at_the_pages_limit_names_each_check_it_does_not_know(tmp_path):
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    limits = LimitsFiredByTheTest()
    with a_hub_that_trickles() as port:
        config = tmp_path / "agent.toml"
        config.write_text(f'till_id = "till-1"\nstate_dir = "{state}"\n[sync]\n'
                          f'base_url = "http://127.0.0.1:{port}"\n'
                          f'token_file = "{token_file(tmp_path)}"\n')
        # The hub checks wait up to 8.5 s (their own timeout) on a hub that
        # trickles; the local checks answer first, and then the limit is reached.
        run = DoctorRun([sys.executable, "-m", "agent", "doctor", "--stream", "--config",
                         str(config)], limit_s=6.0, timer=limits).start()
        # answers show before the run ends; the rest are waiting
        early = until_seen(run, lambda v: any(r["name"] == "host.state_dir" and r["status"] == OK
                                              for r in v["rows"]))
        assert early["running"] and early["answered"] >= 1
        assert {"name": "hub.health", "status": WAITING} in [
            {k: r[k] for k in ("name", "status")} for r in early["rows"]]
        [limit] = limits
        assert limit.limit_s == 6.0
        limit.stop()
        assert run.wait(15)
    page = run.view()
    assert not page["running"] and page["report"] is None
    unknown = [r["name"] for r in page["rows"] if r["status"] == UNKNOWN]
    assert "hub.health" in unknown and "hub.auth" in unknown
    assert page["error"].startswith("the doctor did not finish within 6 s: not known: ")
    assert all(name in page["error"] for name in unknown)
    assert page["counts"][UNKNOWN] == len(unknown)
    assert not [r for r in page["rows"] if r["status"] == WAITING]
    health = next(r for r in page["rows"] if r["name"] == "hub.health")
    assert health["summary"].startswith("not known") and "OK" not in health["summary"]
    # What did answer in time is shown as answered (the local checks are quick).
    assert any(r["name"] == "host.state_dir" and r["status"] == OK for r in page["rows"])


def ended(script: str, limit_s: float) -> dict:
    """The page once a doctor that is ``script`` (Python) has ended."""
    run = DoctorRun([sys.executable, "-c", script], limit_s=limit_s).start()
    assert run.wait(60)
    page = run.view()
    assert not page["running"]
    return page


def ended_without_a_report(script: str, limit_s: float) -> dict:
    page = ended(script, limit_s)
    assert page["report"] is None
    return page


def test_the_pages_limit_is_a_real_timer_that_stops_a_doctor_that_never_ends():
    # A doctor that says its plan and then hangs: stopped at the limit by the
    # real timer, however slowly Python started.
    hangs = ("import sys, time; print('{\"plan\": [\"host.quick\"]}'); sys.stdout.flush();"
             " time.sleep(120)")
    page = ended_without_a_report(hangs, limit_s=0.5)
    assert page["error"].startswith("the doctor did not finish within 0.5 s")


def test_a_doctor_that_writes_garbage_ends_the_run_so_the_page_can_run_again():
    # A findings line with no names and a byte that is not UTF-8, then a
    # normal exit with no report: the run ends saying so, not "running" forever.
    garbage = ("import sys; print('{\"plan\": [\"host.quick\"]}'); print('{\"findings\": [{}]}');"
               " sys.stdout.flush(); sys.stdout.buffer.write(b'oops \\xff\\n')")
    page = ended_without_a_report(garbage, limit_s=10.0)
    assert page["error"].startswith("the doctor stopped without a report (exit 0): oops")
    assert page["error"].endswith("not known: host.quick")
