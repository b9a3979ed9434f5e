"""Learning a till's profile (``agent receipt learn``) from five samples,
per layout: what a technician waits for at the till.

Each layout's five samples and their truth are rendered and decoded first,
as the scoreboard learns them (``tests.receipts_score.learnt_rules``, seed
11: the samples from seed 1011); then ``learn`` and the rules made from its
profile are timed, in CPU time (``time.thread_time``: on a shared machine
the wall clock holds the wait for a CPU), with everything the reader
remembers emptied first, as in a new ``agent receipt learn`` process.
Baseline in the same run: the five samples each read once with the default
rules, also from nothing remembered (what the learner costs at the least).

Prints each layout, the worst ten and the median; ``--json`` the rows.

    python tests/bench/bench_receipt_learn.py [--sets corpus,holdout22] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from agent.sale import receipt_rules  # noqa: E402
from drivers.receipt import interpret, rules  # noqa: E402
from tests.bench.bench_receipt import forget  # noqa: E402
from tests.receipts_score import (  # noqa: E402
    HOLDOUTS,
    _captured,
    _profile_rules,
    all_layouts,
    group_layouts,
    technician_truth,
)

SEED, SAMPLES = 11, 5


def layouts_of(sets: list[str]) -> list[str]:
    """The layouts of the named sets ("hwsim", "corpus", "holdout22"...);
    every set's when none is named."""
    every = all_layouts() + [k for g in HOLDOUTS for k in group_layouts(g)]
    if not sets:
        return every
    return [k for k in every if k.rpartition(":")[0] in sets
            or ("corpus" in sets and ":" not in k)]


def samples(layout: str) -> tuple[list, list]:
    """The five samples the scoreboard learns ``layout`` from, and their truths."""
    captured, truths = [], []
    for receipts, _, truth in _captured(layout, SAMPLES, SEED + 1000):
        if len(receipts) == 1:
            captured.append(receipts[0])
            truths.append(technician_truth(truth))
    return captured, truths


def from_nothing() -> None:
    """Everything the reader and the rules remember emptied, as in a new process."""
    forget()
    for memo in (receipt_rules._MADE, rules._SHARED, rules._WITHOUT_TEMPLATES):
        memo.clear()


def learn_s(captured: list, truths: list) -> float:
    from_nothing()
    t0 = time.thread_time()
    _profile_rules(captured, truths)
    return time.thread_time() - t0


def read_s(captured: list) -> float:
    from_nothing()
    t0 = time.thread_time()
    for r in captured:
        interpret(r)
    return time.thread_time() - t0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="", help="comma-separated sets (default: every set)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = ap.parse_args(argv)
    rows: dict[str, dict[str, float]] = {}
    print(f"load average at start {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs); CPU time")
    print(f"{'layout':40} {'learn s':>8} {'read 5 s':>9} {'ratio':>6}")
    for layout in layouts_of([s for s in args.sets.split(",") if s]):
        captured, truths = samples(layout)
        learnt, read = learn_s(captured, truths), read_s(captured)
        rows[layout] = {"learn_s": round(learnt, 3), "read_s": round(read, 4)}
        print(f"{layout:40} {learnt:8.3f} {read:9.4f} {learnt / max(read, 1e-6):6.0f}",
              flush=True)
    times = sorted(((r["learn_s"], k) for k, r in rows.items()), reverse=True)
    print(f"load average at end {os.getloadavg()[0]:.1f}; {len(rows)} layouts, "
          f"learning {sum(t for t, _ in times):.1f} s in all, median "
          f"{statistics.median(t for t, _ in times):.3f} s; the worst ten:")
    for t, k in times[:10]:
        print(f"  {k:40} {t:.3f} s")
    if args.json:
        print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
