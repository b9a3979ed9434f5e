"""Silent errors, per layout: receipts whose fields the default rules read
wrong with no flag that covers them (``receipts_score.uncovered``: a wrong
answer the journal would take on trust),
and the flags raised on receipts read right all the same (a false alarm: a
person checks a right receipt).

    python -m tests.receipts_silent [--side money|facts] [-n 200] [--seed 11]
                                    [--group G ...] [--layout L ...] [--show K]
                                    [--flagged] [--flag F ...] [--field F ...]

``--side``: the money side (total, lines, kind) or the facts side (number,
tender, date, account); both without it. Without ``--group`` (``real``,
``hwsim`` or a holdout's name) or ``--layout`` every set is read. ``--show
K`` prints, per layout and field, the first K silent errors' printed lines
and what was read and true (``--flagged``: the flagged wrong ones instead).
``--flag F`` counts, per layout, the right and the wrong receipts that raise
F; ``--field F`` shows every receipt F is wrong on, flagged or not.
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
    uncovered,
)

SIDES = {"money": ("total", "lines", "kind"), "facts": ("number", "tender", "date", "account")}


def _layouts(groups: list[str]) -> list[str]:
    return [lay for g in groups
            for lay in ([x for x in all_layouts() if ":" not in x] if g == "real"
                        else [x for x in all_layouts() if x.startswith("hwsim:")] if g == "hwsim"
                        else group_layouts(g))]


def _show(lay: str, text: list[str], what: str) -> None:
    print(f"  ---- {lay} {what}")
    for t in text:
        print(f"  | {t}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--side", choices=sorted(SIDES))
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--layout", action="append")
    ap.add_argument("--group", action="append", help="real, hwsim or a holdout's name")
    ap.add_argument("--show", type=int, default=0, metavar="K")
    ap.add_argument("--flagged", action="store_true", help="--show the flagged wrong ones")
    ap.add_argument("--flag", action="append", default=[])
    ap.add_argument("--field", action="append", default=[],
                    help="--show every receipt this field is wrong on, flagged or not")
    args = ap.parse_args(argv)
    fields = SIDES[args.side] if args.side else FIELDS
    layouts = args.layout or _layouts(args.group or ["real", "hwsim", *HOLDOUTS])
    print(f"{'layout':<28} " + " ".join(f"{f[:8]:>8}" for f in fields)
          + "".join(f" {f[:14]:>14}" for f in args.flag) + "  flags on right receipts")
    totals: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    for lay in layouts:
        silent: Counter[str] = Counter()
        counted: Counter[str] = Counter()
        on_right: Counter[str] = Counter()
        shown: Counter[str] = Counter()
        for data, truth in _pairs(lay, args.n, args.seed):
            receipts, _ = decode(data)
            if len(receipts) != 1:
                continue
            p = interpret(receipts[0])
            got, want = read(p), truth_fields(truth)
            wrong = [f for f in fields if got[f] != want[f]]
            right = all(got[f] == want[f] for f in FIELDS)
            for flag in args.flag:
                if flag in p.flags:
                    counted[flag + (":right" if right else ":wrong")] += 1
            if not wrong:
                on_right.update(p.flags)
            for f in FIELDS:
                if got[f] == want[f]:
                    continue
                if f in args.field and shown[f] < args.show:
                    shown[f] += 1
                    _show(lay, receipts[0].text, f"{f}: read {got[f]!r}, true {want[f]!r}; "
                          f"flags {', '.join(p.flags) or 'none'}")
                elif f in wrong and bool(p.flags) == args.flagged and shown[f] < args.show:
                    shown[f] += 1
                    _show(lay, receipts[0].text, f"{f}: read {got[f]!r}, true {want[f]!r}")
            silent.update(f for f in uncovered(got, want, p.flags) if f in fields)
        totals.update(silent)
        alarms.update(on_right)
        print(f"{lay:<28} " + " ".join(f"{silent[f]:>8}" for f in fields)
              + "".join(f" {counted[f + ':right']:>6}/{counted[f + ':wrong']:<7}"
                        for f in args.flag)
              + "  " + " ".join(f"{k}={v}" for k, v in sorted(on_right.items())))
    print(f"{'all':<28} " + " ".join(f"{totals[f]:>8}" for f in fields) + "  "
          + " ".join(f"{k}={v}" for k, v in sorted(alarms.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
