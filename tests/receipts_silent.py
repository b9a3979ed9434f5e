"""The money side's silent errors, per layout of every set, with the default
rules: receipts whose total, item lines or kind is read wrong with NO flag
(a wrong answer trusted), and each flag's false alarms (a receipt read fully
right and flagged all the same: a person checks it for nothing).

    python -m tests.receipts_silent [-n 200] [--seed 11] [--layout L] [--show K]

Faster than the scoreboard (no profile is learnt): the tool to see, while
writing a rule, what it reads right, what it leaves wrong unflagged, and
what its flag costs on right receipts.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from drivers.receipt import interpret
from tests.receipts_score import (
    FIELDS,
    HOLDOUTS,
    _pairs,
    all_layouts,
    decode,
    group_layouts,
    truth_fields,
)
from tests.receipts_score import read as read_fields

MONEY = ("total", "lines", "kind")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--layout", action="append")
    ap.add_argument("--show", type=int, default=0, metavar="K",
                    help="print the first K silently wrong receipts of each layout")
    args = ap.parse_args(argv)
    layouts = args.layout or all_layouts() + [lay for g in HOLDOUTS for lay in group_layouts(g)]
    print(f"{'layout':<28} {'fully':>5} {'money':>5} {'silent':>6} {'$silent':>7}  "
          "false alarms on right receipts")
    alarms_all: Counter[str] = Counter()
    for lay in layouts:
        right = money_right = silent = money_silent = 0
        alarms: Counter[str] = Counter()
        shown = 0
        pairs = _pairs(lay, args.n, args.seed)
        for data, truth in pairs:
            receipts = decode(data)[0]
            parsed = interpret(receipts[0]) if len(receipts) == 1 else None
            got = read_fields(parsed) if parsed is not None else {}
            want = truth_fields(truth)
            ok = {f: got.get(f, object()) == want[f] for f in FIELDS}
            flags = list(parsed.flags) if parsed is not None else ["<no receipt>"]
            money_right += all(ok[f] for f in MONEY)
            if all(ok.values()):
                right += 1
                alarms.update(set(flags))
                continue
            silent += not flags
            if not flags and not all(ok[f] for f in MONEY):
                money_silent += 1
                if shown < args.show:
                    shown += 1
                    print(f"  ---- {lay}: money wrong, no flag")
                    for t in receipts[0].text:
                        print(f"  | {t}")
                    for f in MONEY:
                        if not ok[f]:
                            print(f"  {f}: read {got.get(f)!r}, true {want[f]!r}")
        alarms_all.update(alarms)
        n = len(pairs)
        print(f"{lay:<28} {100 * right / n:5.1f} {100 * money_right / n:5.1f} "
              f"{100 * silent / n:6.1f} {100 * money_silent / n:7.1f}  "
              + ", ".join(f"{k} {v}" for k, v in alarms.most_common()))
    print("false alarms, all layouts: "
          + ", ".join(f"{k} {v}" for k, v in alarms_all.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
