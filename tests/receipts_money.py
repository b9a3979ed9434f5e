"""The money side's silent errors: per layout, receipts whose total, lines
or kind the default rules read wrong with no flag, and how many receipts
read right on those fields each flag still hits (a false alarm: a person
checks a right receipt).

    python -m tests.receipts_money [-n 200] [--seed 11] [--show K] [--layout L]

Scores the corpus, our simulated tills and every holdout set.
"""

from __future__ import annotations

import argparse
from collections import Counter

from drivers.receipt import interpret
from tests.receipts_score import (
    HOLDOUTS,
    _pairs,
    all_layouts,
    decode,
    group_layouts,
    read,
    truth_fields,
)

MONEY = ("total", "lines", "kind")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--show", type=int, default=0, metavar="K")
    ap.add_argument("--layout", action="append")
    ap.add_argument("--flagged", action="store_true", help="show the flagged wrong ones instead")
    args = ap.parse_args(argv)
    layouts = args.layout or all_layouts() + [x for g in HOLDOUTS for x in group_layouts(g)]
    false_alarms: Counter[str] = Counter()
    print(f"{'layout':<26} {'n':>4} {'silent':>6} {'flagged':>7}  flags on right money")
    for lay in layouts:
        silent = flagged = 0
        hits: Counter[str] = Counter()
        shown = 0
        for data, truth in _pairs(lay, args.n, args.seed):
            receipts = decode(data)[0]
            if len(receipts) != 1:
                continue
            parsed = interpret(receipts[0])
            got, want = read(parsed), truth_fields(truth)
            wrong = [f for f in MONEY if got[f] != want[f]]
            if not wrong:
                hits.update(parsed.flags)
                continue
            flagged += bool(parsed.flags)
            silent += not parsed.flags
            if shown < args.show and bool(parsed.flags) == args.flagged:
                shown += 1
                print("  ----")
                for t in receipts[0].text:
                    print(f"  | {t}")
                print(f"  flags: {parsed.flags}")
                for f in wrong:
                    print(f"  {f}: read {got[f]!r}, true {want[f]!r}")
        false_alarms.update(hits)
        print(f"{lay:<26} {args.n:>4} {silent:>6} {flagged:>7}  "
              + " ".join(f"{k}={v}" for k, v in sorted(hits.items())))
    print("flags on receipts whose money was right:",
          " ".join(f"{k}={v}" for k, v in sorted(false_alarms.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
