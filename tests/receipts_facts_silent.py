"""Silent errors on the facts side: per layout, receipts whose number,
tender, date or account the default rules read wrong with no flag raised
(a wrong answer the journal would take on trust), and right receipts that a
flag fires on all the same (a person checks them for nothing).

    python -m tests.receipts_facts_silent [-n 200] [--seed 11] [--layout L] [--show K]
                                         [--group G ...] [--flag F ...]

Without ``--group`` every set is read (the corpus, our simulated tills and
every holdout the scoreboard knows). ``--show K`` prints, per layout and
field, the first K silent errors' printed lines and what was read and true.
``--flag F`` counts, per layout, the right receipts that raise F (a false
alarm's cost), and the wrong ones it catches.
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
    read,
    truth_fields,
)

FACTS = ("number", "tender", "date", "account")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--layout", action="append")
    ap.add_argument("--group", action="append", help="real, hwsim or a holdout's name")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--flag", action="append", default=[])
    ap.add_argument("--field", action="append", default=[],
                    help="--show every receipt this field is wrong on, flagged or not")
    args = ap.parse_args(argv)
    groups = args.group or ["real", "hwsim", *HOLDOUTS]
    layouts = args.layout or [
        lay for g in groups
        for lay in ([x for x in all_layouts() if ":" not in x] if g == "real"
                    else [x for x in all_layouts() if x.startswith("hwsim:")] if g == "hwsim"
                    else group_layouts(g))]
    print(f"{'layout':<28} " + " ".join(f"{f:>8}" for f in FACTS)
          + "".join(f" {f[:14]:>14}" for f in args.flag))
    totals: Counter[str] = Counter()
    for lay in layouts:
        silent: Counter[str] = Counter()
        on_right: Counter[str] = Counter()
        shown: Counter[str] = Counter()
        for data, truth in _pairs(lay, args.n, args.seed):
            receipts, _ = decode(data)
            if len(receipts) != 1:
                continue
            p = interpret(receipts[0])
            got, want = read(p), truth_fields(truth)
            right = all(got[f] == want[f] for f in FIELDS)
            for flag in args.flag:
                if flag in p.flags:
                    on_right[flag + (":right" if right else ":wrong")] += 1
            for f in args.field:
                if got[f] != want[f] and shown[f] < args.show:
                    shown[f] += 1
                    print(f"  ---- {lay} {f}: read {got[f]!r}, true {want[f]!r}; "
                          f"flags {', '.join(p.flags) or 'none'}")
                    for t in receipts[0].text:
                        print(f"  | {t}")
            if p.flags:
                continue
            for f in FACTS:
                if got[f] != want[f]:
                    silent[f] += 1
                    totals[f] += 1
                    if shown[f] < args.show and f not in args.field:
                        shown[f] += 1
                        print(f"  ---- {lay} {f}: read {got[f]!r}, true {want[f]!r}")
                        for t in receipts[0].text:
                            print(f"  | {t}")
        print(f"{lay:<28} " + " ".join(f"{silent[f]:>8}" for f in FACTS)
              + "".join(f" {on_right[f + ':right']:>6}/{on_right[f + ':wrong']:<7}"
                        for f in args.flag))
    print(f"{'all':<28} " + " ".join(f"{totals[f]:>8}" for f in FACTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
