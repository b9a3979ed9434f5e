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

from agent import runtime_state
from agent.cli import main
from agent.config import Config, PrinterConfig
from agent.doctor import Context, all_checks, run_checks, select
from hwsim.printer import TcpPrinter
from sync.contract import Pupil
from sync.roster_store import RosterStore
from tests.support import free_port, running_runtime, wait_for
from tests.sync_helpers import sync_cfg, token_file

DLE_EOT_PRINTER = b"\x10\x04\x01"


@pytest.fixture
def printer():
    p = TcpPrinter().start()
    yield p
    p.stop()


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
        return (runtime_state.read(state) or {}).get("alarms") or []

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
    runtime_state.publish(state, {"pid": os.getpid(), "ready": True,
                                  "alarms": ["roster_missing: no roster pulled from the hub "
                                             "yet; every card is unknown", "printer_paper_out"]})
    assert status_json(state)["alarms"][0].startswith("roster_missing")
    cache_roster(state)
    assert status_json(state)["alarms"] == ["printer_paper_out"]
    cache_roster(state, now=time.time() - 3 * 86400)
    alarms = status_json(state)["alarms"]
    assert alarms[0].startswith("roster_stale: the roster is 72 h old") and len(alarms) == 2
