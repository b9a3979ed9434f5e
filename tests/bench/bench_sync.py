"""Draining a backlog to the hub: the sync client against a naive client and
the hub's own ceiling, in one run.

A backlog of ``--n`` journaled sales (default 50,000) drains to the hwsim hub
(its own process) over loopback. Each client runs in its own process, so its
peak RSS is its own:

* ``sync``: ``sync.pusher.Pusher`` (batches of 500, outcomes recorded in the
  journal); the backlog is streamed from SQLite, never loaded whole;
* ``naive``: the same pusher with one sale per request (``--naive`` sales);
* ``ceiling``: a bare httpx client posting the same kind of 500-sale batches,
  prebuilt in memory, journaling nothing: what the simulator can take.

Targets: sync >= 5,000 sales/s, >= 20x naive, peak RSS <= 100 MB.

    python tests/bench/bench_sync.py [--n 50000] [--naive 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TOKEN = "bench-token"


def sale(i: int, till: str) -> dict:
    return {"till_id": till, "occurred_at": "2026-11-30T12:01:02.123Z", "clock_synced": True,
            "pupil_id": f"P{i % 300 + 1:06d}", "identified_by": "card", "receipt_no": f"{i:06d}",
            "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": 230},
                      {"description": "Cookie", "quantity": 2, "amount_pence": 100}],
            "total_pence": 330, "tender": "account", "offline": False, "flags": []}


def cfg(url: str, token_file: str):
    from agent.config import SyncConfig

    return SyncConfig(base_url=url, token_file=token_file, read_timeout_s=60.0,
                      write_timeout_s=60.0)


def child(mode: str, state: str, url: str, token_file: str, till: str, n: int) -> None:
    """One client in its own process; prints one JSON line."""
    from agent.journal.store import Journal
    from sync.client import HubClient

    t0 = time.perf_counter()
    sent = requests = 0
    if mode == "ceiling":
        import httpx

        from agent.journal.store import canonical_json

        bodies = []
        for start in range(1, n + 1, 500):
            items = [canonical_json({**sale(i, till), "id": f"{till}:{i}", "kind": "sale",
                                     "seq": i}) for i in range(start, min(n, start + 499) + 1)]
            bodies.append(("{\"transactions\":[" + ",".join(items) + "]}").encode())
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        with httpx.Client(timeout=60.0) as http:
            t0 = time.perf_counter()
            for body in bodies:
                r = http.post(f"{url}/v1/tills/{till}/transactions", content=body,
                              headers=headers)
                r.raise_for_status()
                sent += len(r.json()["results"])
                requests += 1
    else:
        from sync.pusher import Pusher

        with Journal.in_state_dir(state) as j, HubClient(cfg(url, token_file), till) as c:
            p = Pusher(c, j, 500 if mode == "sync" else 1, time.time)
            t0 = time.perf_counter()
            rep = p.drain()
            sent, requests = rep.accepted + rep.duplicate, rep.requests
            assert j.pending_count() == 0, "backlog not drained"
    secs = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"sent": sent, "requests": requests, "secs": secs, "rss_mb": rss_mb}))


def build_journal(state: Path, till: str, n: int) -> float:
    from agent.clock import FakeClock
    from agent.journal.store import Journal

    t0 = time.perf_counter()
    with Journal.in_state_dir(state, FakeClock()) as j:
        for i in range(1, n + 1):
            j.append(f"{till}:{i}", "sale", sale(i, till))
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_child(mode: str, state: Path, url: str, token_file: str, till: str, n: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(state), url, token_file,
                          till, str(n)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--naive", type=int, default=2_000)
    ap.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        mode, state, url, tok, till, n = a.child
        child(mode, state, url, tok, till, int(n))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        root = Path(tmp)
        tok = root / "token"
        tok.write_text(TOKEN + "\n")
        os.chmod(tok, 0o600)
        secs = build_journal(root / "sync", "till-sync", a.n)
        print(f"backlog: {a.n} sales journaled in {secs:.1f} s", flush=True)
        build_journal(root / "naive", "till-naive", a.naive)
        port = free_port()
        hub = subprocess.Popen([sys.executable, "-m", "hwsim", "hub", "--port", str(port),
                                "--pupils", "300", "--token-file", str(tok)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            while "listening" not in (hub.stdout.readline() or "listening"):
                pass
            url = f"http://127.0.0.1:{port}"
            ceiling = run_child("ceiling", root, url, str(tok), "till-bare", a.n)
            mine = run_child("sync", root / "sync", url, str(tok), "till-sync", a.n)
            naive = run_child("naive", root / "naive", url, str(tok), "till-naive", a.naive)
        finally:
            hub.terminate()
            hub.wait(10)
    rate = {k: v["sent"] / v["secs"] for k, v in
            (("ceiling", ceiling), ("sync", mine), ("naive", naive))}
    for name, v in (("hub ceiling (bare client, nothing journaled)", ceiling),
                    ("sync client (batches of 500, outcomes journaled)", mine),
                    ("naive client (one request per sale)", naive)):
        key = name.split()[0] if not name.startswith("hub") else "ceiling"
        print(f"{name:52s} {v['sent']:>6} sales in {v['secs']:6.2f} s = "
              f"{rate[key]:>8.0f} sales/s, {v['requests']:>5} requests, "
              f"peak RSS {v['rss_mb']:.0f} MB")
    ratio = rate["sync"] / rate["naive"]
    print(f"sync / naive: {ratio:.1f}x (target >= 20x); sync {rate['sync']:.0f} sales/s "
          f"(target >= 5000), {rate['sync'] / rate['ceiling']:.2f} of the hub's ceiling; "
          f"peak RSS {mine['rss_mb']:.0f} MB (target <= 100 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
