"""What the doctor tests share: one till's world (``Site``: a real state
directory and journal, a simulated hub on 127.0.0.1, readers and the printer
tap on real pseudo-terminals) and its helpers."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from agent.clock import rfc3339
from agent.config import load_config
from agent.doctor.runner import (
    FAIL,
    WARN,
    Context,
    Finding,
    all_checks,
    run_checks,
)
from agent.journal.store import Journal
from agent.journal.sync_summary import META_LAST_PUSH_OK
from agent.runtime import runtime_json
from hwsim.hub import Hub
from hwsim.school import generate_school
from sync.client import HubClient
from sync.journal_port import PushOutcome
from sync.roster_store import RosterStore

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


def sale_payload(n: int) -> dict:
    return {"till_id": "till-1", "occurred_at": rfc3339(time.time()), "clock_synced": True,
            "pupil_id": None, "identified_by": None, "receipt_no": f"{n:06d}",
            "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": 230}],
            "total_pence": 230, "tender": "cash", "offline": False, "flags": []}


def journal_sales(state: Path, receipt_nos, synced: bool = True) -> None:
    with Journal.in_state_dir(state) as j:
        outcomes = []
        for n in receipt_nos:
            e, _ = j.append(f"till-1:t:{n:06d}", "sale", sale_payload(n))
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


def a_site(tmp_path: Path) -> Iterator[Site]:
    """A healthy till's world for one test (the test modules' ``site`` fixture):
    the hub up with a roster pulled, five sales journaled and synced."""
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


class LimitFiredByTheTest:
    """A doctor page's limit (``DoctorRun``'s ``timer``), reached when the
    test says (a loaded machine can take longer than any wall-clock limit
    to start Python and import)."""

    def __init__(self, limit_s: float, stop: Callable[[], None]) -> None:
        self.limit_s, self.stop = limit_s, stop
        self.cancelled = False

    def start(self) -> None:
        pass

    def cancel(self) -> None:
        self.cancelled = True


class LimitsFiredByTheTest(list):
    """A ``timer`` for ``DoctorRun`` (or the console's ``doctor_timer``):
    each run's limit kept, for the test to reach (``stop()``) or not."""

    def __call__(self, limit_s: float, stop: Callable[[], None]) -> LimitFiredByTheTest:
        self.append(LimitFiredByTheTest(limit_s, stop))
        return self[-1]


def until_seen(run, seen: Callable[[dict], bool], within_s: float = 60.0) -> dict:
    """``run``'s (a ``DoctorRun``) view once ``seen(view)`` holds, or once the
    run ended: waited for as the run goes, not for a wall-clock budget that
    a loaded machine breaks (``within_s`` only bounds a run that hangs)."""
    deadline = time.monotonic() + within_s
    while True:
        view = run.view()
        if seen(view) or not view["running"] or time.monotonic() > deadline:
            return view
        time.sleep(0.02)


def cpu_s(pid: int) -> float:
    """The CPU time (user and system) process ``pid`` has used so far: a
    figure a loaded machine does not stretch, as it does the wall clock."""
    after_name = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(after_name[11]) + int(after_name[12])) / os.sysconf("SC_CLK_TCK")
