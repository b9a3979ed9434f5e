"""The runtime under a simulated service, against baselines from the same run.

1. Receipt end -> durable journal latency (p50/p99): the simulated till
   prints numbered receipts through the agent's TCP tap to the simulated
   printer at ``--rate`` receipts/s for ``--seconds`` (the agent in its own
   process, as in production, keeping to its own CPU; till, printer and hub
   simulators in this one, on the other CPUs, standing for other machines).
   Latency runs from the moment the tap read the chunk holding the receipt's
   cut (``CapturedReceipt.ended_at``) to the return of the journal's durable
   commit, as the agent measures it itself (``receipt_to_journal_ms`` in
   runtime.json). Baseline: one raw SQLite INSERT + FULL commit (WAL) of the
   same payload size in the same directory, paced at the same rate, on the
   agent's CPU, in ``--rounds`` rounds alternating with the service's (this
   disk drifts; alternating gives both the same moments); back to back too.
   Target: p99 <= 2x the raw commit's p99 (journal path: no spool). Shown
   beside it: the same with the tap's write-ahead spool, and with the spool
   while syncing to the simulated hub (production). Also: sent vs journaled.
2. ``agent run`` as a process: time to ready (runtime.json says ready)
   vs a bare ``python -c pass``; idle CPU over ``--idle`` s and RSS after
   start-up vs a bare sleeping interpreter. Targets: < 0.5 % CPU, <= 50 MB.
3. ``--soak S``: instead, one production-like service (spool and sync) of S
   seconds: receipts sent, printed, journaled, at the hub, lost; the agent's RSS.

    python tests/bench/bench_runtime.py [--rate 100 --seconds 10 --rounds 5 --idle 5]
    python tests/bench/bench_runtime.py --soak 600   # 100 receipts/s for 10 minutes
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
HUB_TOKEN = "bench-token"
sys.path.insert(0, str(REPO))

from agent.journal.store import Journal  # noqa: E402
from agent.runtime.affinity import choose  # noqa: E402
from hwsim.hub import Hub  # noqa: E402
from hwsim.printer import TcpPrinter  # noqa: E402
from hwsim.till import MENU, SaleSpec, compose, send_tcp  # noqa: E402
from tests.bench.stats import pct  # noqa: E402

# `agent run` keeps to one CPU (config `cpu = "auto"`: the highest one). The
# till and printer simulators stand for other machines: they run on the
# other CPUs, so they do not queue behind the agent on its own.
_ALLOWED = set(os.sched_getaffinity(0))
AGENT_CPU = choose("auto", _ALLOWED)
BENCH_CPUS = (_ALLOWED - {AGENT_CPU}) if AGENT_CPU is not None else _ALLOWED


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw_commits(directory: Path, n: int, payload_size: int, gap_s: float) -> list[float]:
    """The baseline: n single-row INSERTs, one FULL commit each, paced like
    the service (one every ``gap_s``): on this VM a commit after an idle gap
    costs several times one made back to back, so pacing matters. Run on the
    CPU the agent keeps to, as the agent's own commits are."""
    if AGENT_CPU is not None:
        os.sched_setaffinity(0, {AGENT_CPU})
    try:
        return _raw_commits(directory, n, payload_size, gap_s)
    finally:
        if AGENT_CPU is not None:
            os.sched_setaffinity(0, BENCH_CPUS)


def _raw_commits(directory: Path, n: int, payload_size: int, gap_s: float) -> list[float]:
    db = sqlite3.connect(directory / f"raw-{gap_s:g}.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE IF NOT EXISTS t (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, "
               "payload TEXT, raw BLOB)")
    first = db.execute("SELECT COALESCE(MAX(seq), 0) FROM t").fetchone()[0]
    body = "x" * payload_size
    blob = os.urandom(1500)
    lat = []
    for i in range(first, first + n):
        if gap_s:
            time.sleep(gap_s)
        t0 = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (id, payload, raw) VALUES (?,?,?)", (f"id-{i}", body, blob))
        db.execute("COMMIT")
        lat.append(time.perf_counter() - t0)
    db.close()
    return lat


def start_agent(directory: Path, printer: TcpPrinter, name: str,
                write_ahead: bool = True, hub_url: str = "") -> tuple[Any, Path, int]:
    """``agent run`` in its own process (its own GIL), a TCP tap in front of
    ``printer``; returns (process, state dir, till port) once it is ready.
    ``write_ahead``: the tap's spool (an fdatasync before each job's bytes are
    forwarded). ``hub_url``: sync to that hub (default: no sync)."""
    state = directory / name
    port = free_port()
    conf = directory / f"{name}.toml"
    if hub_url:
        token = directory / "token"
        token.write_text(HUB_TOKEN)
        token.chmod(0o600)
        sync = f'[sync]\nbase_url = "{hub_url}"\ntoken_file = "{token}"\n'
    else:
        sync = "[sync]\nenabled = false\n"
    conf.write_text(f'till_id = "bench"\nstate_dir = "{state}"\n{sync}'
                    f'[printer]\nmode = "tcp"\nlisten = "127.0.0.1:{port}"\n'
                    f'forward = "127.0.0.1:{printer.address[1]}"\n'
                    f'write_ahead = {"true" if write_ahead else "false"}\n'
                    '[logging]\nlevel = "WARNING"\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    # The agent starts with every CPU this machine offers, not the bench's
    # own (it chooses its CPU itself).
    proc = subprocess.Popen([sys.executable, "-m", "agent", "run", "--config", str(conf)],
                            env=env, cwd=REPO,
                            preexec_fn=lambda: os.sched_setaffinity(0, _ALLOWED))
    return proc, state, port


def published(state: Path) -> dict:
    try:
        return json.loads((state / "runtime.json").read_text())
    except (OSError, ValueError):
        return {}


def wait_ready(state: Path, t0: float, timeout: float = 30) -> float:
    while time.perf_counter() - t0 < timeout:
        if published(state).get("ready"):
            return time.perf_counter() - t0
        time.sleep(0.005)
    return float("nan")


def send_receipts(port: int, rate: float, first: int, n: int) -> int:
    """``n`` numbered receipts at ``rate``/s through the tap; how many the
    printer took."""
    sent = 0
    t0 = time.perf_counter()
    for k in range(n):
        i = first + k
        delay = t0 + k / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        desc, price = MENU[i % len(MENU)]
        spec = SaleSpec([(desc, 1, price), ("Cookie", 1, 50)], tender="Cash",
                        receipt_no=f"{i + 1:07d}")
        if send_tcp("127.0.0.1", port, compose(spec), retries=3).printed:
            sent += 1
    return sent


def wait_journaled(state: Path, n: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if published(state).get("counters", {}).get("journaled", 0) >= n:
            return
        time.sleep(0.05)


def service(directory: Path, rate: float, seconds: float, write_ahead: bool = True,
            sync: bool = False, rounds: int = 1) -> dict:
    """A service of ``rate * seconds`` receipts. With ``rounds`` > 1 it
    alternates with the raw baseline: a round of receipts, then (the agent
    idle) as many raw paced commits on the agent's CPU, and so on. This
    disk's speed drifts over minutes; alternating gives both sides the same
    moments."""
    printer = TcpPrinter().start()
    hub = Hub(roster=[], token=HUB_TOKEN) if sync else None
    hub_url = hub.start() if hub else ""
    name = "service" + ("" if write_ahead else "-nospool") + ("-sync" if sync else "")
    proc, state, port = start_agent(directory, printer, name, write_ahead, hub_url)
    raw: list[float] = []
    payload_size = 600
    try:
        wait_ready(state, time.perf_counter())
        n = max(1, int(rate * seconds))
        per_round = -(-n // rounds)
        sent = 0
        t0 = time.perf_counter()
        busy = 0.0
        for r in range(rounds):
            count = min(per_round, n - r * per_round)
            t1 = time.perf_counter()
            sent += send_receipts(port, rate, r * per_round, count)
            busy += time.perf_counter() - t1
            if rounds > 1:
                wait_journaled(state, sent)
                if r == 0:
                    with Journal.in_state_dir(state, readonly=True) as j:
                        payload_size = len(j.get_seq(1).payload)
                raw += raw_commits(directory, count, payload_size, 1 / rate)
        elapsed = time.perf_counter() - t0
        wait_journaled(state, sent)
        time.sleep(0.3)
        pub = published(state)
        lat = pub.get("receipt_to_journal_ms", {})
        append = pub.get("journal_append_ms", {})
        deadline = time.monotonic() + 10
        while hub and time.monotonic() < deadline and len(hub.ledger()) < sent:
            time.sleep(0.1)
        synced = len(hub.ledger()) if hub else 0
        rss = proc_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
        printer.stop()
        if hub:
            hub.stop()
    with Journal.in_state_dir(state, readonly=True) as j:
        journaled = j.count()
        sample = j.get_seq(1)
        payload_size = len(sample.payload) if sample else payload_size
    return {"sent": sent, "journaled": journaled, "elapsed": elapsed, "busy": busy,
            "lat": lat, "append": append, "synced": synced, "raw": raw, "rss_mb": rss,
            "printed": len(printer.core.receipts), "payload_size": payload_size}


def proc_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def agent_process(directory: Path, idle_s: float) -> dict:
    printer = TcpPrinter().start()
    t0 = time.perf_counter()
    proc, state, _port = start_agent(directory, printer, "idle")
    try:
        ready_s = wait_ready(state, t0)
        time.sleep(0.5)
        c0 = proc_cpu_s(proc.pid)
        time.sleep(idle_s)
        cpu = (proc_cpu_s(proc.pid) - c0) / idle_s * 100
        rss = proc_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
        printer.stop()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare_start = time.perf_counter() - t0
    bare = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    time.sleep(0.5)
    bare_rss = proc_rss_mb(bare.pid)
    bare.kill()
    bare.wait()
    return {"ready_s": ready_s, "cpu_pct": cpu, "rss_mb": rss, "bare_start_s": bare_start,
            "bare_rss_mb": bare_rss}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=100.0, help="receipts per second")
    ap.add_argument("--seconds", type=float, default=10.0, help="length of each service")
    ap.add_argument("--rounds", type=int, default=5,
                    help="rounds the no-spool service alternates with the raw baseline")
    ap.add_argument("--idle", type=float, default=5.0, help="idle window for CPU")
    ap.add_argument("--dir", help="where to put the databases (default: a temp dir)")
    ap.add_argument("--soak", type=float, default=0.0,
                    help="only a production-like service of this many seconds")
    args = ap.parse_args()
    os.sched_setaffinity(0, BENCH_CPUS)
    print(f"agent on CPU {AGENT_CPU if AGENT_CPU is not None else 'any'}; till, printer and "
          f"hub simulators on CPU {','.join(map(str, sorted(BENCH_CPUS)))}; the raw baseline "
          "on the agent's CPU")
    base = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="bench-runtime-"))
    base.mkdir(parents=True, exist_ok=True)
    if args.soak:
        sv = service(base, args.rate, args.soak, sync=True)
        print(f"soak: {args.soak:g} s at {args.rate:g} receipts/s (spool and sync): sent "
              f"{sv['sent']}, printed {sv['printed']}, journaled {sv['journaled']}, at the hub "
              f"{sv['synced']}, lost {sv['sent'] - sv['journaled']}; agent RSS at the end "
              f"{sv['rss_mb']:.1f} MB; receipt -> journal p50 {sv['lat'].get('p50', 0):.2f} / "
              f"p99 {sv['lat'].get('p99', 0):.2f} ms (last {sv['lat'].get('n', 0)})")
        return 0
    s0 = service(base, args.rate, args.seconds, write_ahead=False, rounds=args.rounds)
    raw = s0["raw"]
    s = service(base, args.rate, args.seconds)
    s2 = service(base, args.rate, args.seconds, sync=True)
    tight = raw_commits(base, 500, s0["payload_size"], 0.0)
    ms = 1000
    nan = float("nan")
    for label, sv in (("no spool", s0), ("with spool", s), ("with spool and sync", s2)):
        print(f"service ({label}): {sv['sent']} receipts sent at "
              f"{sv['sent'] / sv['busy']:.0f}/s (asked {args.rate:g}/s), printed "
              f"{sv['printed']}, journaled {sv['journaled']}, lost "
              f"{sv['sent'] - sv['journaled']}"
              + (f", at the hub {sv['synced']}" if sv is s2 else ""))
    print(f"{'':40}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")

    def row(label: str, p50: float, p99: float, mx: float, note: str = "") -> None:
        print(f"{label:40}{p50:>9.2f}{p99:>9.2f}{mx:>9.2f}{note}")

    row("raw SQLite FULL commit, back to back", pct(tight, .5) * ms, pct(tight, .99) * ms,
        max(tight) * ms)
    row("raw SQLite FULL commit, paced (baseline)", pct(raw, .5) * ms, pct(raw, .99) * ms,
        max(raw) * ms, f"   ({len(raw)}, in {args.rounds} rounds between the service's)")
    for label, sv, note in (
            ("receipt cut -> journal, no spool", s0,
             f"   (agent's own figures, last {s0['lat'].get('n', 0)})"),
            ("  of which the journal append", {"lat": s0["append"]},
             "   (the rest: hand-off, decode, interpret, correlate, policy)"),
            ("  ... with the tap spool", s, "   (+ the spool's fdatasync before the forward)"),
            ("  ... with the spool, syncing to a hub", s2, "   (as in production)")):
        lat = sv["lat"]
        row(label, lat.get("p50", nan), lat.get("p99", nan), lat.get("max", nan), note)
    ratio0 = s0["lat"].get("p99", nan) / (pct(raw, .99) * ms)
    ratio = s["lat"].get("p99", nan) / (pct(raw, .99) * ms)
    print(f"p99 ratio runtime/raw paced: journal path {ratio0:.2f}x (target <= 2x: "
          f"{'met' if ratio0 <= 2 else 'NOT met'}); with the spool's second durable "
          f"write {ratio:.2f}x (shown)")
    p = agent_process(base, args.idle)
    print(f"\n{'':38}{'agent run':>12}{'bare python':>14}")
    print(f"{'time to ready / to exit (s)':38}{p['ready_s']:>12.2f}{p['bare_start_s']:>14.2f}")
    print(f"{'RSS after start-up (MB)':38}{p['rss_mb']:>12.1f}{p['bare_rss_mb']:>14.1f}")
    print(f"{'idle CPU over ' + format(args.idle, 'g') + ' s (%)':38}{p['cpu_pct']:>12.2f}"
          f"{0.0:>14.2f}")
    print(f"targets: idle CPU < 0.5 % ({'met' if p['cpu_pct'] < 0.5 else 'NOT met'}), "
          f"RSS <= 50 MB ({'met' if p['rss_mb'] <= 50 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
