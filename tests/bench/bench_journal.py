"""Journal append throughput and latency against raw SQLite, in one run.

Baseline: single-row INSERTs into a plain table with the same pragmas (WAL,
synchronous=FULL), one commit each. Measured: ``Journal.append`` of a typical
sale (one commit each, hash chain, triggers). Also bytes written to storage
per append, from /proc/self/io. Target: journal >= 0.75x raw.

    python tests/bench/bench_journal.py [--n 2000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from agent.journal.store import Journal  # noqa: E402
from tests.bench.stats import pct  # noqa: E402


def write_bytes() -> int:
    try:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("write_bytes:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def sale(i: int) -> dict:
    return {
        "till_id": "till-1", "occurred_at": "2026-11-28T12:01:02.123Z", "clock_synced": True,
        "pupil_id": f"P{i % 300:04d}", "identified_by": "card", "receipt_no": f"{i:06d}",
        "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": 230},
                  {"description": "Cookie", "quantity": 2, "amount_pence": 100}],
        "total_pence": 330, "tender": "account", "offline": False, "flags": [],
    }


def bench_raw(path: Path, n: int) -> tuple[float, list[float], int]:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, payload TEXT)")
    lat = []
    w0 = write_bytes()
    t0 = time.perf_counter()
    for i in range(n):
        s = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO t (id, payload) VALUES (?, ?)",
                   (f"till-1:r:{i}", json.dumps(sale(i), sort_keys=True)))
        db.execute("COMMIT")
        lat.append(time.perf_counter() - s)
    total = time.perf_counter() - t0
    w = write_bytes() - w0
    db.close()
    return total, lat, w


def bench_journal(state: Path, n: int) -> tuple[float, list[float], int]:
    j = Journal.in_state_dir(state)
    lat = []
    w0 = write_bytes()
    t0 = time.perf_counter()
    for i in range(n):
        s = time.perf_counter()
        j.append(f"till-1:r:{i}", "sale", sale(i))
        lat.append(time.perf_counter() - s)
    total = time.perf_counter() - t0
    w = write_bytes() - w0
    j.close()
    return total, lat, w


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000, help="appends per round and side")
    ap.add_argument("--rounds", type=int, default=6)
    args = ap.parse_args()
    raw, jr = [], []
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as d:
        d = Path(d)
        (d / "j").mkdir()
        # Alternate the two sides round by round, so the disk's drift (write-
        # back, other tenants) hits both alike; compare the medians.
        for k in range(args.rounds):
            raw.append(bench_raw(d / f"raw{k}.sqlite", args.n))
            jr.append(bench_journal(d / "j" / str(k), args.n))
    ratios = sorted(r[0] / j[0] for r, j in zip(raw, jr, strict=True))
    r_total = statistics.median(x[0] for x in raw)
    j_total = statistics.median(x[0] for x in jr)
    r_lat = [v for x in raw for v in x[1]]
    j_lat = [v for x in jr for v in x[1]]
    r_w = statistics.median(x[2] for x in raw)
    j_w = statistics.median(x[2] for x in jr)
    r_rate, j_rate = args.n / r_total, args.n / j_total
    print(f"appends: {args.rounds} alternating rounds of {args.n} each side, one durable "
          f"commit per row (WAL, synchronous=FULL)")
    print(f"{'':24}{'raw sqlite3':>14}{'journal':>14}")
    print(f"{'rows/s (median round)':24}{r_rate:14.0f}{j_rate:14.0f}")
    print(f"{'p50 latency (ms)':24}{statistics.median(r_lat)*1e3:14.3f}"
          f"{statistics.median(j_lat)*1e3:14.3f}")
    print(f"{'p99 latency (ms)':24}{pct(r_lat, .99)*1e3:14.3f}{pct(j_lat, .99)*1e3:14.3f}")
    print(f"{'bytes written / row':24}{r_w / args.n:14.0f}{j_w / args.n:14.0f}")
    ratio = statistics.median(ratios)
    print(f"journal / raw throughput, median of rounds: {ratio:.2f}x "
          f"(rounds {ratios[0]:.2f}x..{ratios[-1]:.2f}x; target >= 0.75x) "
          f"{'OK' if ratio >= 0.75 else 'BELOW TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
