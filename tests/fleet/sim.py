"""``python -m tests.fleet``: N tills come back to one hub after an outage.

Each till is the agent's own ``SyncLoop`` (sync/loop.py) with its own state
directory, journal and roster cache; the journals hold a day's backlog
(``--sales`` each, journaled while the hub was down). The tills run in
``--procs`` child processes (one thread per till, as in the agent; 200 in
one interpreter would queue behind each other and smooth out the very spike
measured), the simulated hub
(hwsim/hub.py, real HTTP on loopback, rate-limited the way
sync/protocol.md tells a hub operator to) in this one, so the two share the
machine's two cores as a hub and its clients would not share one
interpreter. The hub is down when the tills start and comes back after
``--outage`` seconds.

Two runs on the same backlog, side by side:

* ``gentle``: the agent as shipped: exponential backoff with jitter, and a
  hub's ``Retry-After`` honoured;
* ``lockstep``: the same loops with both switched off (every till waits
  exactly the same, and a 429's ``Retry-After`` is ignored).

Printed: the hub's peak and mean request rate, time until every till is
drained, per-till drain times (p50/p99/max), the hub's 429/503 answers, and
the one invariant: the hub's ledger equals every journal exactly (nothing
lost, nothing stored twice, same content). Exit 0 only if both runs hold it
(and, with ``--check-ratio``, the gentle run's peak is that many times lower).

The agent's waits run ``--scale`` times faster than configured (0.05: its
300 s backoff ceiling is 15 s), the hub's Retry-After is as given: request
rates are per second of this compressed time, compared run against run.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing as mp
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from agent.clock import FakeClock
from agent.config import JournalConfig, SyncConfig
from agent.journal.retention import retention_report
from agent.journal.store import Journal
from agent.runtime.health import health_report
from hwsim.hub import Hub
from hwsim.school import generate_school
from sync.client import HubThrottled
from sync.loop import SyncLoop
from sync.retry import hub_backoff
from sync.roster_store import RosterStore

TOKEN = "fleet-token"
MODES = ("gentle", "lockstep")
ZONE = ZoneInfo("Europe/London")
RETENTION = JournalConfig()  # the shipped setting: two school years


@dataclass
class Params:
    tills: int = 200
    sales: int = 1000  # per till: a day's backlog (200 tills: 200,000 sales)
    outage_s: float = 20.0
    scale: float = 0.05
    pupils: int = 120
    rate_per_s: float = 40.0  # the hub's limit: requests a second, all tills together
    burst: int = 10  # small: each till let in at once follows up at once
    retry_after_s: float = 5.0  # sync/protocol.md: about tills / limit
    health_every_s: float = 60.0  # seconds of this run's time between a till's reports
    batch_size: int = 200
    procs: int = 4  # the tills' processes (one interpreter for 200 would serialise them)
    timeout_s: float = 600.0
    seed: int = 1


@dataclass(frozen=True)
class TillRetention:
    """One till's journal after the run, as ``agent doctor`` would see it."""

    entries: int
    bytes: int
    anchor_seq: int
    blocked_by: str  # "" or "seq 12 (rejected)"
    next_drop: str  # "2027-09-01 00:00 UTC: 1,000 entries" or ""
    hub_entries: int | None  # what the hub last heard (None: no report with a journal)
    hub_alarms: tuple[str, ...] = ()

    def line(self) -> str:
        """The till's state without its size (the same for tills that match)."""
        heard = "no report" if self.hub_entries is None else f"hub heard {self.hub_entries:,}"
        return (f"{self.entries:,} entries from anchor seq {self.anchor_seq}, "
                + (f"blocked by {self.blocked_by}" if self.blocked_by else "not blocked")
                + (f", next drop {self.next_drop}" if self.next_drop else "")
                + f"; {heard}" + (f"; ALARM {', '.join(self.hub_alarms)}"
                                  if self.hub_alarms else ""))


def till_retention(j: Journal, hub: Hub, till: str, now: float) -> TillRetention:
    rep = retention_report(j, RETENTION, ZONE, now)
    b, nxt = rep["blocked_by"], rep["next_drop"]
    heard = (hub.tills().get(till) or {}).get("journal") or {}
    alarms = tuple(a.split(":", 1)[0] for a in hub.till_alarms(now).get(till, []))
    return TillRetention(
        rep["entries"], rep["bytes"], (rep["anchor"] or {}).get("seq", 0),
        f"seq {b['seq']} ({b['status']})" if b else "",
        f"{nxt['at'][:16].replace('T', ' ')} UTC: {nxt['entries']:,} entries" if nxt else "",
        heard.get("entries"), alarms)


@dataclass
class RunResult:
    mode: str
    peak_rps: int = 0
    mean_rps: float = 0.0
    requests: int = 0
    drain_all_s: float | None = None
    drains: list[float] = field(default_factory=list)
    undrained: int = 0
    http_429: int = 0
    http_503: int = 0
    lost: int = 0  # acknowledged to the till, not at the hub
    unsent: int = 0  # still pending in a journal when the run gave up (not lost)
    extra: int = 0
    duplicated: int = 0
    changed: int = 0
    wall_s: float = 0.0
    series: list[int] = field(default_factory=list)  # requests per second from hub-up
    # Per till after the run: its journal's retention state, and the hub's
    # view of it (the last health report's journal object, its fleet alarms).
    retention: dict[str, TillRetention] = field(default_factory=dict)

    @property
    def exact(self) -> bool:
        return not (self.lost or self.extra or self.duplicated or self.changed
                    or self.undrained)


def till_id(i: int) -> str:
    return f"till-{i:03d}"


# --- the backlog ---------------------------------------------------------------------


def fill_journal(state: Path, till: str, sales: int, school: list[dict]) -> None:
    """A day's sales journaled by the agent's own Journal.append (the hash
    chain and ids as in service); one commit for the lot with fsync off, since
    this is set-up, not the thing measured."""
    clock = FakeClock()
    j = Journal.in_state_dir(state, clock)
    try:
        j._db.execute("PRAGMA synchronous = OFF")
        j._db.execute("BEGIN")
        for n in range(1, sales + 1):
            clock.advance(20.0)
            pupil = school[n % len(school)]["id"] if n % 4 else None
            t = 1_795_000_000 + n * 20
            txn = {"till_id": till, "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z",
                                                                  time.gmtime(t)),
                   "clock_synced": True, "pupil_id": pupil,
                   "identified_by": "card" if pupil else None, "receipt_no": f"{n:05d}",
                   "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": 240},
                             {"description": "Fruit pot", "quantity": 1, "amount_pence": 60}],
                   "total_pence": 300, "tender": "account" if pupil else "cash",
                   "offline": True, "flags": []}
            j.append(f"{till}:{n}", "sale", txn)
        j._db.execute("COMMIT")
    finally:
        j.close()


def make_backlog(root: Path, p: Params, school: list[dict]) -> list[Path]:
    dirs = []
    for i in range(p.tills):
        d = root / till_id(i)
        d.mkdir(mode=0o700, parents=True)
        fill_journal(d, till_id(i), p.sales, school)
        dirs.append(d)
    return dirs


# --- the tills (child process) -----------------------------------------------------------


class ImpatientLoop(SyncLoop):
    """The agent's loop with a hub's Retry-After ignored (lockstep mode only)."""

    def _error(self, exc: Any) -> None:
        if isinstance(exc, HubThrottled):
            self._failed(str(exc))
        else:
            super()._error(exc)


def _sync_cfg(base_url: str, token_file: str, p: Params) -> SyncConfig:
    # The shipped defaults (backoff 1 s .. 300 s, push every 30 s, roster
    # every 300 s), compressed by the loop's sleep_scale; but the health
    # report keeps its real once a minute: compressed 20x, 200 tills' reports
    # alone would be 67 requests/s, several times the fleet's real steady load.
    return SyncConfig(base_url=base_url, token_file=token_file, batch_size=p.batch_size,
                      health_interval_s=p.health_every_s / max(p.scale, 1e-6))


def _report_for(till: str, started: float, state: str) -> Any:
    def build() -> dict:
        snap = {"till_id": till, "version": "fleet", "started_at": started}
        now = time.time()
        with Journal.in_state_dir(state, readonly=True) as j:  # as the runtime does
            journal = retention_report(j, RETENTION, ZONE, now)
        disk = shutil.disk_usage(state)
        return health_report(snap, now=now, disk_free_bytes=disk.free,
                             disk_total_bytes=disk.total, roster_pulled_at=None,
                             journal=journal)
    return build


def tills_process(dirs: list[str], base_url: str, token_file: str, p: Params, mode: str,
                  conn: Any) -> None:
    """Run one SyncLoop per state directory; report when each is drained."""
    logging.basicConfig(level=logging.ERROR)  # 200 tills' "hub offline" lines say nothing
    loops: list[SyncLoop] = []
    rosters = []
    started = time.time()
    for d in dirs:
        till = Path(d).name
        roster = RosterStore.in_state_dir(d)
        rosters.append(roster)
        cls = SyncLoop if mode == "gentle" else ImpatientLoop
        loop = cls(_sync_cfg(base_url, token_file, p), till,
                   lambda d=d: Journal.in_state_dir(d), roster, d, sleep_scale=p.scale,
                   health_source=_report_for(till, started, d))
        if mode == "lockstep":
            cfg = loop.cfg
            loop.backoff = hub_backoff(cfg.backoff_initial_s, cfg.backoff_max_s,
                                       rand=lambda: 1.0)
            loop.pull_backoff = hub_backoff(cfg.backoff_initial_s, cfg.backoff_max_s,
                                            rand=lambda: 1.0)
        loops.append(loop)
    conn.send(("ready", None))
    conn.recv()  # "go": every till starts at once, as after a power cut
    for loop in loops:
        loop.start()
    drained: list[float | None] = [None] * len(loops)
    while any(t is None for t in drained) and not conn.poll():
        for i, loop in enumerate(loops):
            if drained[i] is None:
                st = loop.state()
                if st.counts.acknowledged + st.counts.local_rejected >= p.sales:
                    drained[i] = time.time()
        time.sleep(0.05)
    conn.send(("drained", drained))
    conn.recv()  # "stop"
    stoppers = [threading.Thread(target=lp.stop, args=(5.0,)) for lp in loops]
    for t in stoppers:
        t.start()
    for t in stoppers:
        t.join()
    for r in rosters:
        r.close()
    conn.send(("stopped", None))


# --- one run (this process: the hub) ---------------------------------------------------


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


def compare(hub: Hub, dirs: list[Path], r: RunResult) -> None:
    """Hub == every journal: same ids, same content, each once. Also notes
    each till's retention state (``r.retention``)."""
    now = time.time()
    for d in dirs:
        till = d.name
        ledger = hub.ledger(till)
        ids = [row["id"] for row in ledger]
        r.duplicated += len(ids) - len(set(ids))
        with Journal.in_state_dir(d, readonly=True) as j:
            journal = {e.id: e.transaction for e in j.entries()}
            status = j.sync_status_map()
            r.retention[till] = till_retention(j, hub, till, now)
        stored = {row["id"]: dict(row) for row in ledger}
        missing = journal.keys() - stored.keys()
        pending = {k for k in missing if journal[k]["seq"] not in status}
        r.unsent += len(pending)
        r.lost += len(missing - pending)
        r.extra += len(stored.keys() - journal.keys())
        r.changed += sum(1 for k in journal.keys() & stored.keys() if journal[k] != stored[k])


def run_fleet(root: Path, pristine: list[Path], p: Params, mode: str,
              school: list[dict], say: Any = print) -> RunResult:
    """One run: copy the backlog, start the hub down and the tills, bring the
    hub back after the outage, wait until every till is drained."""
    t0 = time.monotonic()
    work = root / mode
    dirs = []
    for src in pristine:
        dst = work / src.name
        dst.mkdir(mode=0o700, parents=True)
        shutil.copy2(src / "journal.sqlite", dst / "journal.sqlite")
        dirs.append(dst)
    token = work / "token"
    token.write_text(TOKEN + "\n")
    token.chmod(0o600)
    hub = Hub(roster=school, token=TOKEN, page_size=500)
    hub.start("127.0.0.1", 0)
    hub.set_rate_limit(p.rate_per_s, p.burst, p.retry_after_s)
    hub.go_offline()
    ctx = mp.get_context("spawn")
    k = max(1, min(p.procs, len(dirs)))
    pipes, procs = [], []
    for n in range(k):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=tills_process, name=f"fleet-{mode}-{n}",
                           args=([str(d) for d in dirs[n::k]], hub.base_url, str(token), p,
                                 mode, child))
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    r = RunResult(mode)
    try:
        for parent in pipes:
            if not parent.poll(120):
                raise RuntimeError("a tills' process did not start")
            parent.recv()
        for parent in pipes:
            parent.send("go")
        time.sleep(p.outage_s)
        hub.go_online()
        t_up = time.time()
        say(f"  {mode}: hub back after {p.outage_s:g} s; draining {p.tills} tills")
        drained: list[float | None] = []
        deadline = time.monotonic() + p.timeout_s
        for parent in pipes:
            if not parent.poll(max(0.0, deadline - time.monotonic())):
                parent.send("give up")
            drained += parent.recv()[1]
        for parent in pipes:
            parent.send("stop")
        for parent, proc in zip(pipes, procs, strict=True):
            parent.recv()
            proc.join(30)
        done = [t - t_up for t in drained if t is not None]
        r.undrained = len(drained) - len(done)
        r.drains = done
        r.drain_all_s = max(done) if done and not r.undrained else None
        end = max(t for t in drained if t is not None) if done else time.time()
        per_s = hub.requests_per_second()
        r.peak_rps = max(per_s.values(), default=0)
        window = [n for sec, n in per_s.items() if int(t_up) <= sec <= int(end)]
        r.requests = sum(per_s.values())
        r.series = [per_s.get(sec, 0) for sec in range(int(t_up), int(end) + 1)]
        r.mean_rps = sum(window) / max(1.0, end - t_up)
        counts = hub.requests
        r.http_429 = counts.get("status.429", 0)
        r.http_503 = counts.get("status.503", 0)
        compare(hub, dirs, r)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
        hub.stop()
        hub.core.close()
    r.wall_s = time.monotonic() - t0
    return r


def table(results: dict[str, RunResult]) -> str:
    g, lk = results.get("gentle"), results.get("lockstep")
    rows: list[tuple[str, Any]] = [
        ("hub peak requests/s", lambda r: f"{r.peak_rps}"),
        ("hub mean requests/s (back up -> drained)", lambda r: f"{r.mean_rps:.1f}"),
        ("requests in all", lambda r: f"{r.requests}"),
        ("429 / 503 answers", lambda r: f"{r.http_429} / {r.http_503}"),
        ("all tills drained after (s)",
         lambda r: f"{r.drain_all_s:.1f}" if r.drain_all_s is not None
         else f"NO ({r.undrained} not)"),
        ("per-till drain p50 / p99 / max (s)",
         lambda r: (f"{_pct(r.drains, .5):.1f} / {_pct(r.drains, .99):.1f} / "
                    f"{max(r.drains):.1f}") if r.drains else "-"),
        ("hub == journals (lost/extra/dup/changed)",
         lambda r: ("exact" if r.exact else "NO") +
         f" ({r.lost}/{r.extra}/{r.duplicated}/{r.changed})"),
        ("still pending when the run gave up", lambda r: f"{r.unsent}"),
        ("wall time of the run (s)", lambda r: f"{r.wall_s:.0f}"),
    ]
    head = f"{'':44}{'with jitter + Retry-After':>28}{'both off':>26}"
    lines = [head]
    for name, fmt in rows:
        cells = [fmt(r) if r else "-" for r in (g, lk)]
        lines.append(f"{name:44}{cells[0]:>28}{cells[1]:>26}")
    if g and lk and g.peak_rps:
        lines.append(f"peak ratio (both off / with): {lk.peak_rps / g.peak_rps:.1f}x")
    for r in (g, lk):
        if r and r.retention:
            lines.append(f"retention per till after the {r.mode} run "
                         f"({RETENTION.retention_school_years} school years):")
            lines.extend(retention_lines(r.retention))
    return "\n".join(lines)


def retention_lines(per_till: dict[str, TillRetention], every: bool = False) -> list[str]:
    """Each till's retention state; tills in the same state share a line
    (200 identical lines say nothing) unless ``every``."""
    if every:
        return [f"  {t}: {v.line()}, {v.bytes / 1024**2:.2f} MB"
                for t, v in sorted(per_till.items())]
    groups: dict[str, list[str]] = {}
    for t, v in sorted(per_till.items()):
        groups.setdefault(v.line(), []).append(t)
    out = []
    for line, tills in groups.items():
        sizes = [per_till[t].bytes / 1024**2 for t in tills]
        who = tills[0] if len(tills) == 1 else f"{len(tills)} tills ({tills[0]}..{tills[-1]})"
        out.append(f"  {who}: {line}, {min(sizes):.2f}-{max(sizes):.2f} MB")
    return out


def simulate(root: Path, p: Params, modes: tuple[str, ...] = MODES,
             say: Any = print) -> dict[str, RunResult]:
    school = generate_school(seed=p.seed, pupils=p.pupils)
    t = time.monotonic()
    pristine = make_backlog(root / "pristine", p, school)
    say(f"backlog: {p.tills} tills x {p.sales} sales journaled in "
        f"{time.monotonic() - t:.1f} s")
    return {m: run_fleet(root, pristine, p, m, school, say) for m in modes}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.fleet", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    d = Params()
    ap.add_argument("--tills", type=int, default=d.tills)
    ap.add_argument("--sales", type=int, default=d.sales, help="backlog per till")
    ap.add_argument("--outage", type=float, default=d.outage_s, help="seconds the hub is down")
    ap.add_argument("--scale", type=float, default=d.scale, help="the agent's waits x this")
    ap.add_argument("--rate", type=float, default=d.rate_per_s, help="hub limit, requests/s")
    ap.add_argument("--burst", type=int, default=d.burst)
    ap.add_argument("--retry-after", type=float, default=d.retry_after_s)
    ap.add_argument("--procs", type=int, default=d.procs, help="processes for the tills")
    ap.add_argument("--mode", choices=(*MODES, "both"), default="both")
    ap.add_argument("--check-ratio", type=float, default=0.0,
                    help="fail unless lockstep's peak is at least this many times gentle's")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    ap.add_argument("--series", action="store_true",
                    help="also print the hub's requests per second from its return")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--per-till", action="store_true",
                    help="also print every till's retention state on its own line")
    a = ap.parse_args(argv)
    p = Params(tills=a.tills, sales=a.sales, outage_s=a.outage, scale=a.scale,
               rate_per_s=a.rate, burst=a.burst, retry_after_s=a.retry_after, procs=a.procs)
    modes = MODES if a.mode == "both" else (a.mode,)
    root = Path(tempfile.mkdtemp(prefix="till-fleet-"))
    print(f"fleet: {p.tills} tills, {p.sales} sales each, hub down {p.outage_s:g} s, "
          f"limit {p.rate_per_s:g}/s burst {p.burst} Retry-After {p.retry_after_s:g} s, "
          f"agent waits x{p.scale:g}; work dir {root}", flush=True)
    try:
        results = simulate(root, p, modes, say=lambda s: print(s, flush=True))
    finally:
        if not a.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(table(results))
    if a.per_till:
        for m, r in results.items():
            print(f"{m}: every till's retention")
            print("\n".join(retention_lines(r.retention, every=True)))
    if a.series:
        for m, r in results.items():
            print(f"{m} requests/s: {' '.join(map(str, r.series))}")
    if a.json:
        print(json.dumps({m: {**r.__dict__, "drains": None, "series": None, "retention": None,
                              "drain_p50": _pct(r.drains, .5) if r.drains else None,
                              "drain_p99": _pct(r.drains, .99) if r.drains else None,
                              "drain_max": max(r.drains) if r.drains else None}
                          for m, r in results.items()}))
    ok = all(r.exact for r in results.values())
    if a.check_ratio and len(results) == 2:
        g, lk = results["gentle"], results["lockstep"]
        ok = ok and g.peak_rps > 0 and lk.peak_rps / g.peak_rps >= a.check_ratio
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

