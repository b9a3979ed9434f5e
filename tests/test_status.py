"""``agent status`` and the alarms it shows, as a technician meets them at a
till: a real runtime with a TCP printer tap in front of the simulated
printer, a till polling the printer through it, a real roster cache, real
journals (damaged on purpose), and a state directory read by another user
(a process that really runs as ``nobody``)."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from agent.cli import main
from agent.config import Config, PrinterConfig
from agent.doctor.runner import Context, all_checks, run_checks, select
from agent.runtime import runtime_json
from sync.contract import Pupil
from sync.roster_store import RosterStore
from tests.support import free_port, running_runtime, wait_for
from tests.sync_helpers import sync_cfg, token_file

DLE_EOT_PRINTER = b"\x10\x04\x01"


@pytest.fixture(autouse=True)
def no_site_config(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    monkeypatch.setattr("agent.config.DEFAULT_CONFIG_PATH", tmp_path / "absent.toml")


def pupil(n: int) -> Pupil:
    return Pupil(f"P{n:06d}", f"Pupil {n}", "Y7", (f"{n:08X}",), (), 500, False, None, 0, (),
                 False)


def cache_roster(state: Path, now: float | None = None) -> None:
    """What a roster pull leaves in the state directory."""
    store = RosterStore.in_state_dir(state)
    try:
        store.apply([pupil(n) for n in range(1, 4)], [], "c1", 0,
                    time.time() if now is None else now, snapshot=True)
    finally:
        store.close()


def status_json(state: Path) -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["status", "--state-dir", str(state), "--json"])
    return json.loads(out.getvalue())


class TillPolling:
    """A till that asks the printer for its status about once a second,
    through the agent's tap (a connection each time, as POS software does)."""

    def __init__(self, address: tuple[str, int], every_s: float = 1.0):
        self.address, self.every_s = address, every_s
        self.replies = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with socket.create_connection(self.address, timeout=2) as s:
                    s.sendall(DLE_EOT_PRINTER)
                    if s.recv(1):
                        self.replies += 1
            except OSError:
                pass
            self._stop.wait(self.every_s)

    def __enter__(self) -> TillPolling:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)


# --- defect 2: alarms follow the state, whatever the traffic ------------------------


def test_roster_missing_clears_while_the_till_polls_the_printer_every_second(tmp_path, printer):
    state = tmp_path / "state"
    listen = f"127.0.0.1:{free_port()}"
    hub_down = f"http://127.0.0.1:{free_port()}"  # the roster comes another way here
    cfg = Config(till_id="till-1", state_dir=str(state),
                 printer=PrinterConfig(mode="tcp", listen=listen,
                                       forward="{}:{}".format(*printer.address)),
                 sync=sync_cfg(hub_down, token_file(tmp_path)))
    host, port = listen.rsplit(":", 1)

    def published_alarms() -> list[str]:
        return (runtime_json.read(state) or {}).get("alarms") or []

    with running_runtime(cfg), TillPolling((host, int(port))) as till:
        assert wait_for(lambda: any(a.startswith("roster_missing") for a in published_alarms()))
        assert wait_for(lambda: till.replies >= 2, timeout=5)
        cache_roster(state)
        # Bounded: the daemon re-reads the cache every publish interval (2 s)
        # whatever the traffic; status and doctor read the cache itself.
        assert wait_for(lambda: not any(a.startswith("roster_missing")
                                        for a in published_alarms()), timeout=6), \
            published_alarms()
        q = status_json(state)
        assert q["daemon_running"] and q["roster_pupils"] == 3
        assert not any(a.startswith("roster_missing") for a in q["alarms"]), q["alarms"]
        ctx = Context(cfg, clock_synced=lambda: True, rtc_paths=lambda: [],
                      systemctl=lambda args: None)
        found = {f.name: f for f in run_checks(ctx, select(all_checks(), ["queue"]))}
        assert found["queue.roster"].status == "ok"
        assert "roster_missing" not in found["queue.alarms"].summary


def test_status_recomputes_the_roster_alarm_from_the_cache_not_the_last_publish(tmp_path):
    # A daemon's published alarm is at most a publish interval old; status
    # says what the cache holds now.
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    runtime_json.publish(state, {"pid": os.getpid(), "ready": True,
                                  "alarms": ["roster_missing: no roster pulled from the hub "
                                             "yet; every card is unknown", "printer_paper_out"]})
    assert status_json(state)["alarms"][0].startswith("roster_missing")
    cache_roster(state)
    assert status_json(state)["alarms"] == ["printer_paper_out"]
    cache_roster(state, now=time.time() - 3 * 86400)
    alarms = status_json(state)["alarms"]
    assert alarms[0].startswith("roster_stale: the roster is 72 h old") and len(alarms) == 2


# --- defect 3: status tells the whole truth ---------------------------------------


def write_config(tmp: Path, state: Path, body: str = "") -> Path:
    cfg = tmp / "agent.toml"
    cfg.write_text(f'till_id = "till-1"\nstate_dir = "{state}"\n{body}')
    return cfg


def run_status(*argv: str) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["status", *argv])
    return rc, out.getvalue(), err.getvalue()


def test_status_shows_devices_and_after_the_daemon_stops_marks_its_alarms_as_its_last_runs(
        tmp_path, printer):
    state = tmp_path / "state"
    hub_down = f"http://127.0.0.1:{free_port()}"
    config = write_config(tmp_path, state, (
        f'[sync]\nbase_url = "{hub_down}"\ntoken_file = "{token_file(tmp_path)}"\n'
        f'[printer]\nmode = "tcp"\nlisten = "127.0.0.1:{free_port()}"\n'
        'forward = "{}:{}"\n'.format(*printer.address)
        + f'[[readers]]\nname = "door"\nkind = "rdm6300"\npath = "{tmp_path / "ttyUSB7"}"\n'))
    from agent.config import load_config

    with running_runtime(load_config(str(config))):
        assert wait_for(lambda: any(a.startswith("roster_missing") for a in
                                    (runtime_json.read(state) or {}).get("alarms") or []))
        rc, out, _ = run_status("--config", str(config))
    assert rc == 0
    assert "agent daemon      : running (pid" in out
    # The reader is unplugged: a line says so, and the printer tap is up.
    assert "reader door       : FAULT: rdm6300 reader" in out and "ttyUSB7 not found" in out
    assert "printer           : printer tap (tcp) up" in out
    assert "ALARM             : roster_missing" in out

    rc, out, _ = run_status("--config", str(config))  # the daemon has stopped
    assert rc == 0
    assert "agent daemon      : NOT RUNNING: last seen" in out
    assert "ALARM" not in out
    assert "last run's alarms (not current: the agent stopped; as of 20" in out
    assert "      roster_missing: no roster pulled" in out
    assert "hub               : unknown (the agent is not running)" in out
    rc, out, _ = run_status("--config", str(config), "--json")
    q = json.loads(out)
    assert q["alarms"] == [] and q["last_run_alarms"][0].startswith("roster_missing")
    assert not q["daemon_running"] and q["published_at"] <= time.time()
    assert {d["name"]: d["status"] for d in q["devices"]}["devices.reader.door"] == "fail"


def test_status_exits_1_with_a_damaged_journal(tmp_path):
    import sqlite3

    from tests.sync_helpers import journal_with

    state = tmp_path / "state"
    journal_with(state, 3).close()
    assert run_status("--state-dir", str(state))[0] == 0
    db = sqlite3.connect(state / "journal.sqlite")
    db.execute("DROP TRIGGER entries_no_update")
    db.execute("UPDATE entries SET payload = replace(payload, '240', '241') WHERE seq = 2")
    db.commit()
    db.close()
    rc, out, _ = run_status("--state-dir", str(state))
    assert rc == 1
    assert "journal           : DAMAGED: hash chain broken at seq 2" in out
    rc, out, _ = run_status("--state-dir", str(state), "--json")
    assert rc == 1 and json.loads(out)["journal_damaged"].startswith("hash chain broken at seq 2")


def test_a_missing_state_dir_is_one_clear_error_for_status_and_report_debt(tmp_path, capsys):
    missing = tmp_path / "var-lib-till-agent"
    for argv in (["status"], ["status", "--json"], ["report", "debt"]):
        assert main([*argv, "--state-dir", str(missing)]) == 1, argv
        out, err = capsys.readouterr()
        assert out == "", (argv, out)  # no "journaled 0", no "No offline debt"
        assert err.count("\n") == 1 and "no such state directory" in err, (argv, err)
    assert not missing.exists()  # a read command creates nothing


# --- defect 5: a state directory this user cannot read -------------------------------


REPO = Path(__file__).resolve().parents[1]
NOBODY = 65534


@pytest.fixture
def foreign_state():
    """A till's state directory (journal and roster, modes as the agent
    leaves them) that the commands below run by another user cannot read:
    as root (root reads everything) they run as nobody; as anyone else the
    directory is closed to its own user (mode 000)."""
    import shutil
    import tempfile

    from tests.sync_helpers import journal_with

    top = Path(tempfile.mkdtemp(prefix="till-foreign-"))
    top.chmod(0o755)  # /tmp/pytest-of-root is closed to others: use a dir they can reach
    state = top / "state"
    state.mkdir(mode=0o700)
    journal_with(state, 3).close()
    cache_roster(state)
    register = top / "register.csv"
    register.write_text("pupil_id,name,meal\nP000001,Pupil 1,x\n")
    register.chmod(0o644)
    if os.geteuid() != 0:
        state.chmod(0o000)
    try:
        yield state
    finally:
        state.chmod(0o700)
        shutil.rmtree(top)


# The command's process drops to nobody before it runs ``agent``: every file
# it opens from then on is opened as nobody. It loads the code first, as the
# tests' user, because the interpreter may live where nobody cannot read
# (a pyenv under /root); that is this machine's set-up, not the agent's.
AS_NOBODY = f"""
import os, sys
import agent.cli, agent.doctor.runner, agent.reports.debt, agent.reports.registers
import pwd, grp, tarfile
import sync.client, sync.lock, sync.roster_store
agent.cli.build_parser()
agent.doctor.runner.all_checks()
agent.config.load_config()  # and the printer's code page, as a codec
if os.geteuid() == 0:
    os.setgroups([])
    os.setgid({NOBODY})
    os.setuid({NOBODY})
sys.exit(agent.cli.main(sys.argv[1:]))
"""


def as_another_user(*argv: str) -> tuple[int, str, str]:
    """``agent ARGV`` in its own process, as nobody when the tests run as root."""
    import subprocess
    import sys

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO),
           "TILL_AGENT_CONFIG": os.devnull, "HOME": "/nonexistent"}
    res = subprocess.run([sys.executable, "-c", AS_NOBODY, *argv], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=60)
    return res.returncode, res.stdout, res.stderr


@pytest.mark.parametrize("argv", [
    ["status"], ["status", "--json"], ["report", "debt"], ["journal", "verify"],
    ["register", "export", "--date", "2026-12-01"], ["register", "import", "REGISTER"],
])
def test_another_user_is_told_in_one_line_how_to_run_it(foreign_state, argv):
    argv = [str(foreign_state.parent / "register.csv") if a == "REGISTER" else a for a in argv]
    rc, out, err = as_another_user(*argv, "--state-dir", str(foreign_state))
    assert rc == 1, (out, err)
    assert "Traceback" not in err and out == ""
    assert err.count("\n") == 1, err
    command = " ".join(argv[:2]) if argv[0] in ("report", "journal", "register") else argv[0]
    assert f"cannot read the state directory {foreign_state}" in err
    assert f"run it as the agent's user, e.g. `sudo -u till-agent agent {command}`" in err


def test_doctor_as_another_user_says_so_once_and_diagnoses_nothing_it_cannot_see(
        foreign_state):
    rc, out, err = as_another_user("doctor", "--json", "--state-dir", str(foreign_state))
    assert rc == 1 and "Traceback" not in err, err
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert "maintainers" not in out
    assert checks["host.state_dir"]["status"] == "fail"
    assert "`sudo -u till-agent agent doctor`" in checks["host.state_dir"]["summary"]
    fails = [n for n, c in checks.items() if c["status"] == "fail"]
    assert fails == ["host.state_dir"], fails
    for name in ("host.journal", "queue.roster", "queue.pending", "service.daemon"):
        assert checks[name]["status"] == "skip", checks[name]
        assert "cannot read the state directory" in checks[name]["summary"]
