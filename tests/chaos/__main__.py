"""``python -m tests.chaos crash|network|disk|devices|soak|all [--size big]``: the big runs.

Defaults are the sizes the issue asks for: >= 500 kills, >= 1,000 network
faults, a simulated school week (1,500 receipts); ``--size small`` runs what
CI runs; ``--seeds N`` repeats each run over N seeds from ``--seed`` (e.g.
``crash -n 200 --seeds 10``: 2,000 kills) and prints the totals. Exit status 0
only when every invariant held.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.chaos import runs
from tests.chaos.devices import run_devices

BIG = {"crash": 500, "network": 1000, "disk": 50, "devices": 500, "soak": 1500}
SMALL = {"crash": 8, "network": 25, "disk": 8, "devices": 30, "soak": 200}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.chaos", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", choices=["crash", "network", "disk", "devices", "soak", "all"])
    ap.add_argument("--size", choices=["big", "small"], default="big")
    ap.add_argument("-n", type=int, help="override the size (kills, faults, receipts)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", type=int, default=1, help="run each over this many seeds")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    args = ap.parse_args(argv)
    sizes = BIG if args.size == "big" else SMALL
    which = ["crash", "network", "disk", "devices", "soak"] if args.run == "all" else [args.run]
    failed = 0
    for name in which:
        n = args.n or sizes[name]
        totals: Counter[str] = Counter()
        for seed in range(args.seed, args.seed + args.seeds):
            root = Path(tempfile.mkdtemp(prefix=f"till-chaos-{name}-"))
            print(f"{name}: size {n}, seed {seed}, work dir {root}", flush=True)
            t0 = time.monotonic()
            run = {"crash": runs.run_crash, "network": runs.run_network,
                   "disk": runs.run_disk, "devices": run_devices, "soak": runs.run_soak}[name]
            size_kw = {"crash": "kills", "network": "faults", "devices": "customers"}.get(
                name, "receipts")
            verdict, stats = run(root, seed=seed, say=print, **{size_kw: n})
            took = time.monotonic() - t0
            print(f"  {verdict.summary()}")
            print(f"  {stats}")
            print(f"  {'OK' if verdict.ok else 'FAILED'} in {took:.1f} s", flush=True)
            failed += not verdict.ok
            totals.update(seeds=1, failed=not verdict.ok, printed=verdict.printed,
                          journaled=verdict.journaled, hub=verdict.hub_rows,
                          recovered=verdict.recovered, problems=len(verdict.problems),
                          seconds=round(took))
            totals.update({k: v for k, v in vars(stats).items()
                           if isinstance(v, int) and not isinstance(v, bool)})
        if args.seeds > 1:
            print(f"{name} totals over {args.seeds} seeds: {dict(totals)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
