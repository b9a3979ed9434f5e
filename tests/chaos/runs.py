"""The chaos runs. Each starts a ``ChaosWorld``, runs the real agent process
through its kind of trouble while the till keeps printing, lets things calm
down, and returns the ``Verdict`` of ``checks.check``.

Sizes: the tests run small ones; ``python -m tests.chaos`` the big ones.
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agent.journal.store import Journal
from agent.runtime import runtime_json
from tests.chaos.checks import Verdict, check
from tests.chaos.world import TILL_ID, ChaosWorld, Till, WorldOptions
from tests.support import wait_for

Say = Callable[[str], None]


def _quiet(_msg: str) -> None:
    pass


class Printing:
    """The till printing receipt after receipt in its own thread."""

    def __init__(self, till: Till, gap_s: float = 0.01, first: int = 1):
        self.till, self.gap_s, self.n = till, gap_s, first
        self.stop_evt = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="chaos-till")
        self.failed: list[int] = []
        self.paused = threading.Event()

    def _run(self) -> None:
        while not self.stop_evt.is_set():
            if self.paused.is_set():
                time.sleep(0.01)
                continue
            # A job, once started, is finished (sent again until it goes
            # through): only then does the till look at the stop flag.
            if not self.till.print(self.n, time.monotonic() + 120.0):
                self.failed.append(self.n)
            self.n += 1
            time.sleep(self.gap_s)

    def start(self) -> Printing:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stop_evt.set()
        self.thread.join(150)


def drained(state_dir: Path, timeout: float) -> bool:
    """Until the journal has nothing pending for the hub."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with Journal.in_state_dir(state_dir, readonly=True) as j:
                if j.pending_count() == 0:
                    return True
        except Exception:
            pass
        time.sleep(0.1)
    return False


def journaled_all(state_dir: Path, numbers: set[str], timeout: float) -> bool:
    """Until every receipt number in ``numbers`` is in the journal."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with Journal.in_state_dir(state_dir, readonly=True) as j:
                have = {e.transaction.get("receipt_no") for e in j.entries()}
            if numbers <= have:
                return True
        except Exception:
            pass
        time.sleep(0.1)
    return False


def _finish(world: ChaosWorld, printing: Printing, say: Say, *, drain_s: float = 60.0,
            expect_synced: bool = True) -> Verdict:
    printing.stop()
    assert world.agent is not None and world.hub is not None
    if not world.agent.alive():
        world.agent.start()
        world.agent.wait_ready()
    # Every receipt the till got printed is journaled, then sent.
    ok = journaled_all(world.state_dir, set(printing.till.sent), drain_s) and \
        drained(world.state_dir, drain_s)
    code = world.agent.stop()
    assert world.printer is not None
    verdict = check(world.state_dir, printing.till.sent, world.hub.ledger(TILL_ID),
                    expect_synced=expect_synced, printed=bytes(world.printer.core.received))
    if printing.failed:
        verdict.problems.append(f"the till could not print {len(printing.failed)} receipt(s)")
    if expect_synced and not ok:
        verdict.problems.append(f"the queue did not drain within {drain_s:g} s")
    if code not in (0, None):
        verdict.problems.append(f"the agent exited with status {code} on SIGTERM")
    if not verdict.ok:
        say("agent log tail:\n" + world.log_tail())
    return verdict


# --- crash --------------------------------------------------------------------------


@dataclass
class CrashStats:
    kills: int = 0
    kills_before_ready: int = 0  # during start-up: imports, spool replay, roster open
    kills_mid_job: int = 0  # while the till's job was part-sent
    restarts: int = 0
    resends: int = 0  # jobs the till had to send again (reset, refused)
    start_s: float = 0.0  # mean time from start to ready
    settle_s: float = 0.0  # from the till's stop until nothing was held
    lifetimes: list[float] = field(default_factory=list, repr=False)


def held_settled(state_dir: Path, pid: int | None, timeout: float) -> bool:
    """Until the agent (``pid``) holds no cut-off copy for a re-send and no
    refused journal write (its published counters)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        st = runtime_json.read(state_dir) or {}
        c = st.get("counters") or {}
        if st.get("pid") == pid and c.get("held_receipts") == 0 \
                and c.get("journal_backlog") == 0:
            return True
        time.sleep(0.1)
    return False


def run_crash(root: Path, kills: int = 10, seed: int = 1, say: Say = _quiet,
              max_life_s: float = 0.5,
              resend_window_s: float = 15.0) -> tuple[Verdict, CrashStats]:
    """SIGKILL the agent at random moments while the till prints back to back
    (re-sending every job the tap did not close in order) and the agent
    pushes and pulls; restart it at once, as systemd does. A kill is aimed at
    start-up (spool replay included), at a job in mid-send, or at any moment.
    ``resend_window_s``: the agent's ``policy.resend_window_s``; a cut-off
    copy still held when the till stops is released that long after the
    last start, and the run waits for it."""
    rng = random.Random(seed)
    stats = CrashStats()
    starts: list[float] = []
    opts = WorldOptions(seed=seed, roster_interval_s=0.3, resend_window_s=resend_window_s)
    with ChaosWorld(root, opts) as world:
        agent, hub = world.agent, world.hub
        assert agent is not None and hub is not None
        t_start = time.monotonic()
        world.start_agent()
        starts.append(time.monotonic() - t_start)
        printing = Printing(world.till(seed)).start()
        till = printing.till
        school = world.school
        early = False
        for k in range(kills):
            # Roster changes keep pulls (and their atomic apply) in flight.
            p = dict(rng.choice(school), balance_pence=rng.randint(-500, 3000))
            hub.upsert_pupil(p)
            t0 = time.monotonic()
            aim = rng.random()
            if early:  # this start was aimed at: anywhere in it, replay included
                time.sleep(rng.uniform(0.0, 1.2 * sum(starts) / len(starts)))
                stats.kills_before_ready += not agent_ready(world)
            elif aim < 0.4:  # mid-job: once the till's next job is part-sent
                till.mid_job.wait(2.0)
                time.sleep(rng.uniform(0.0, 0.005))
                stats.kills_mid_job += till.mid_job.is_set()
            else:
                time.sleep(rng.uniform(0.0, max_life_s))
            agent.kill(signal.SIGKILL)
            stats.kills += 1
            stats.lifetimes.append(time.monotonic() - t0)
            t_start = time.monotonic()
            agent.start()
            stats.restarts += 1
            early = rng.random() < 0.25
            if not early:
                if not agent.wait_ready():
                    raise RuntimeError("the agent did not come back:\n" + world.log_tail())
                starts.append(time.monotonic() - t_start)
            if (k + 1) % max(1, kills // 10) == 0:
                say(f"  {k + 1}/{kills} kills, {len(till.sent)} receipts printed")
        agent.wait_ready()
        printing.stop()
        stats.resends = till.resends
        stats.start_s = round(sum(starts) / len(starts), 3)
        # Whatever was cut off is settled (re-sent, or released after its
        # hold) before the clean stop, so the stop leaves an empty spool.
        t_settle = time.monotonic()
        settled = held_settled(world.state_dir, agent.pid, 25.0 + resend_window_s)
        stats.settle_s = round(time.monotonic() - t_settle, 2)
        verdict = _finish(world, printing, say)
        if not settled:
            verdict.problems.append(f"cut-off copies still held (or writes refused) "
                                    f"{25.0 + resend_window_s:g} s after the till stopped")
        left = sorted(p.name for p in (world.state_dir / "spool").glob("tap-*.bin"))
        if left:
            verdict.problems.append(f"spool files left after a clean stop: {left}")
    return verdict, stats


def agent_ready(world: ChaosWorld) -> bool:
    """Whether the running agent process has published ``ready``."""
    st = runtime_json.read(world.state_dir) or {}
    return bool(world.agent and st.get("pid") == world.agent.pid and st.get("ready"))


# --- network -----------------------------------------------------------------------

FAULTS = ("http_500", "http_503", "http_429", "http_413", "http_401", "drop_after_commit",
          "timeout", "reset", "reset_mid_body", "partial", "garbage", "slow")


@dataclass
class NetworkStats:
    faults: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    outages: int = 0
    outage_receipts: int = 0


def run_network(root: Path, faults: int = 30, seed: int = 1, say: Say = _quiet,
                day_receipts: int = 40) -> tuple[Verdict, NetworkStats]:
    """Every hub fault in a random schedule while the till prints, then the
    hub down for a whole (accelerated) day; afterwards hub == journal."""
    rng = random.Random(seed)
    stats = NetworkStats()
    with ChaosWorld(root, WorldOptions(seed=seed, push_interval_s=0.2)) as world:
        agent, hub = world.agent, world.hub
        assert agent is not None and hub is not None
        world.start_agent()
        printing = Printing(world.till(seed), gap_s=0.02).start()
        while stats.faults < faults:
            kind = rng.choice(FAULTS)
            kw: dict = {}
            if kind in ("http_503", "http_429"):
                kw["retry_after"] = rng.choice([0, 1])
            if kind in ("timeout", "slow"):
                kw["delay_s"] = rng.uniform(0.1, 2.5)
            if kind == "garbage":
                kw["variant"] = rng.choice(["not_json", "truncated", "wrong_shape",
                                            "wrong_ids", "extra_id", "bad_status"])
            if kind == "partial":
                kw["keep"] = rng.randint(0, 2)
            n = rng.randint(1, 3)
            hub.inject(kind, count=n, path=rng.choice([None, "transactions"]), **kw)
            stats.faults += n
            stats.by_kind[kind] = stats.by_kind.get(kind, 0) + n
            time.sleep(rng.uniform(0.05, 0.4))
            if rng.random() < 0.1:  # a short outage of the school's line
                stats.outages += 1
                hub.go_offline()
                time.sleep(rng.uniform(0.2, 1.0))
                hub.go_online()
        say(f"  {stats.faults} faults injected; now the hub is down for a whole day")
        hub.clear_faults()
        hub.go_offline()
        stats.outages += 1
        start = len(printing.till.sent)
        deadline = time.monotonic() + 120
        while len(printing.till.sent) - start < day_receipts and time.monotonic() < deadline:
            time.sleep(0.05)
        stats.outage_receipts = len(printing.till.sent) - start
        st = runtime_json.read(world.state_dir) or {}
        if (st.get("sync") or {}).get("state") not in ("offline", "starting"):
            say(f"  (the agent reported sync state {st.get('sync')!r} during the outage)")
        hub.go_online()
        verdict = _finish(world, printing, say, drain_s=90.0)
        if stats.outage_receipts and verdict.offline == 0:
            verdict.problems.append("no entry was journaled as offline during the outage")
    return verdict, stats


# --- soak ---------------------------------------------------------------------------


@dataclass
class SoakStats:
    receipts: int = 0
    samples: list[tuple[int, int, int]] = field(default_factory=list)  # (receipts, rss kB, fds)

    def growth(self) -> tuple[float, int]:
        """(RSS growth ratio, fd growth) of the last third over the first
        third (after warm-up), by their maxima."""
        if len(self.samples) < 6:
            return 0.0, 0
        third = len(self.samples) // 3
        early, late = self.samples[1:third + 1], self.samples[-third:]
        rss = max(s[1] for s in late) / max(1, max(s[1] for s in early)) - 1.0
        fds = max(s[2] for s in late) - max(s[2] for s in early)
        return rss, fds


def _proc_sample(pid: int) -> tuple[int, int]:
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def run_soak(root: Path, receipts: int = 300, seed: int = 1, say: Say = _quiet,
             samples: int = 12) -> tuple[Verdict, SoakStats]:
    """A long accelerated service (a school week is ~1,500 receipts a till)
    with roster updates and hub outages; RSS and open fds stay flat."""
    rng = random.Random(seed)
    stats = SoakStats()
    with ChaosWorld(root, WorldOptions(seed=seed, pupils=120, roster_interval_s=0.5)) as world:
        agent, hub = world.agent, world.hub
        assert agent is not None and hub is not None
        world.start_agent()
        printing = Printing(world.till(seed), gap_s=0.0).start()
        step = max(1, receipts // samples)
        next_sample = step
        deadline = time.monotonic() + max(60.0, receipts * 0.5)
        while len(printing.till.sent) < receipts and time.monotonic() < deadline:
            done = len(printing.till.sent)
            if done >= next_sample:
                assert agent.pid is not None
                rss, fds = _proc_sample(agent.pid)
                stats.samples.append((done, rss, fds))
                next_sample += step
                hub.upsert_pupil(dict(rng.choice(world.school),
                                      balance_pence=rng.randint(-500, 3000)))
                if rng.random() < 0.2:
                    hub.go_offline()
                    time.sleep(0.3)
                    hub.go_online()
            time.sleep(0.02)
        stats.receipts = len(printing.till.sent)
        verdict = _finish(world, printing, say)
        rss, fds = stats.growth()
        # Flat: the late maxima within 15% (RSS) and 3 descriptors of the early ones.
        if rss > 0.15:
            verdict.problems.append(f"RSS grew {rss:.0%} over the soak")
        if fds > 3:
            verdict.problems.append(f"open file descriptors grew by {fds} over the soak")
    return verdict, stats


# --- disk full ----------------------------------------------------------------------


@dataclass
class DiskStats:
    before_full: int = 0
    while_full: int = 0
    alarm_before: str = ""  # a disk alarm published before the disk filled (none expected)
    alarm_seen: str = ""
    alarm_after: str = ""  # still published once space came back (none expected)
    after: int = 0


def _disk_alarms(state: Path) -> str:
    st = runtime_json.read(state) or {}
    return "; ".join(a for a in st.get("alarms") or []
                     if a.startswith(("journal", "disk_low")))


def run_disk(root: Path, receipts: int = 10, seed: int = 1, say: Say = _quiet,
             size: str = "100m") -> tuple[Verdict, DiskStats]:
    """The state directory on a small filesystem, filled mid-service: printing
    never stops, the alarm shows while it is full and goes when space returns,
    capture resumes, nothing journaled is lost or damaged. Needs root (mounts
    a tmpfs). ``size``: above the disk_low alarm's 50 MB, so the disk is not
    "nearly full" until the ballast fills it."""
    from tests.tinyfs import fill, tiny_filesystem

    stats = DiskStats()
    with tiny_filesystem(root / "tiny", size) as tiny:
        state = tiny / "state"
        with ChaosWorld(root, WorldOptions(seed=seed, state_dir=state)) as world:
            agent = world.agent
            assert agent is not None
            world.start_agent()
            till = world.till(seed)
            n = 1
            for _ in range(receipts):
                till.print(n, time.monotonic() + 30)
                n += 1
            stats.before_full = len(till.sent)
            stats.alarm_before = _disk_alarms(state)
            ballast = []
            for i in range(receipts):
                # Keep it full: whatever the agent frees, the ballast takes.
                ballast.append(fill(tiny, f"ballast{i}"))
                if not till.print(n, time.monotonic() + 30):
                    raise RuntimeError("printing stopped when the disk filled")
                n += 1
                stats.alarm_seen = stats.alarm_seen or _disk_alarms(state)
            stats.while_full = len(till.sent) - stats.before_full
            # The agent publishes every few seconds (with the other CI worker
            # reading receipts flat out, later): wait for it, while still full.
            if not stats.alarm_seen:
                wait_for(lambda: _disk_alarms(state), 30.0, 0.1)
                stats.alarm_seen = _disk_alarms(state)
            for b in ballast:
                b.unlink()
            for _ in range(receipts):
                till.print(n, time.monotonic() + 30)
                n += 1
            stats.after = len(till.sent) - stats.before_full - stats.while_full
            wait_for(lambda: not _disk_alarms(state), 30.0, 0.1)
            stats.alarm_after = _disk_alarms(state)
            printing = Printing(till)
            printing.stop_evt.set()
            printing.thread.start()
            verdict = _finish(world, printing, say)
            if not stats.alarm_seen:
                verdict.problems.append("no disk alarm was published while the disk was full")
            if stats.alarm_before:
                verdict.problems.append(f"a disk alarm before the disk filled: "
                                        f"{stats.alarm_before}")
            if stats.alarm_after:
                verdict.problems.append(f"the disk alarm stayed after space returned: "
                                        f"{stats.alarm_after}")
    return verdict, stats
