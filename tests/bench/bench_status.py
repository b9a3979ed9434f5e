"""``agent status`` wall time on a till's journal of ~20,000 sales, each with
its receipt's ESC/POS bytes (as the tap keeps them), all acknowledged by the
hub: the command a technician runs on the phone to the school.

Reports the median of ``--runs`` runs of ``python -m agent status`` (a new
process each time, as a technician runs it) and of ``--json``.

    python tests/bench/bench_status.py [--sales 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from agent.journal.store import Capture, Journal  # noqa: E402
from hwsim.till import compose, random_sales  # noqa: E402
from sync.journal_port import PushOutcome  # noqa: E402


def build(state: Path, n: int) -> None:
    """``n`` receipts journaled with their bytes, the hub's answer for each."""
    with Journal.in_state_dir(state) as j:
        j._db.execute("PRAGMA synchronous = OFF")  # building the fixture, not measuring it
        for i, spec in enumerate(random_sales(n, seed=1)):
            txn = {"till_id": "till-1", "occurred_at": "2026-11-28T12:01:02.123Z",
                   "clock_synced": True, "pupil_id": spec.account, "identified_by": "card",
                   "receipt_no": spec.receipt_no,
                   "lines": [{"description": d, "quantity": q, "amount_pence": p}
                             for d, q, p in spec.lines],
                   "total_pence": spec.total_pence, "tender": spec.tender.lower(),
                   "offline": False, "flags": []}
            e, _ = j.append(f"till-1:r:{i}", spec.kind, txn,
                            capture=Capture(0, "printer", compose(spec)))
            if i % 500 == 499 or i == n - 1:
                got = j.pending(0, 1000)
                j.record_outcomes([PushOutcome(p.seq, p.id, "accepted") for p in got],
                                  time.time())


# As installed: modules compiled once (the warm-up run writes the bytecode
# here), not on every run as with PYTHONDONTWRITEBYTECODE.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "bench-status-pycache")}
CPU: list[float] = []  # each run's CPU seconds (user + system): steadier on a busy machine


def timed(state: Path, *extra: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "agent", "status", "--state-dir", str(state),
                    *extra], cwd=ROOT, check=True, capture_output=True, env=ENV)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sales", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--state", help="reuse (or build once in) this state directory")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(args.state or tmp)
        if not (state / "journal.sqlite").exists():
            t0 = time.perf_counter()
            build(state, args.sales)
            print(f"built {args.sales:,} sales in {time.perf_counter() - t0:.1f} s")
        size = (state / "journal.sqlite").stat().st_size
        print(f"journal {size / 1024**2:.1f} MB")
        timed(state)  # warm the page cache
        CPU.clear()
        text = [timed(state) for _ in range(args.runs)]
        cpu_text = list(CPU)
        js = [timed(state, "--json") for _ in range(args.runs)]
        # The minimum is the figure to compare: other work on the machine only adds.
        print(f"agent status        : min {min(text):.2f} s (median "
              f"{statistics.median(text):.2f}, max {max(text):.2f}); CPU min "
              f"{min(cpu_text):.2f} s")
        print(f"agent status --json : min {min(js):.2f} s (median "
              f"{statistics.median(js):.2f}, max {max(js):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
