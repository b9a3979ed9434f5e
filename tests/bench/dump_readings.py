"""Every reading of the board, one line each, to diff two trees' readings.

A change to how the reader computes (not what its rules decide) must leave
every reading as it was: run this in both trees (with ``PYTHONHASHSEED=0``:
a learnt layout's alternations come in a set's order) and ``diff`` the two
files. Each layout of every set (the corpus, hwsim and each holdout group)
is read with the defaults, the profile learnt from five samples and the
office's, every field of each ``ParsedReceipt`` (account and lines too), and
each profile's config is written beside them.

    PYTHONHASHSEED=0 python -m tests.bench.dump_readings -n 30 --seed 11 \
        [--group holdout7 ...] [--part 0/2] > readings.txt
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from drivers.receipt import interpret
from tests.receipts_score import (
    HOLDOUTS,
    _captured,
    all_layouts,
    group_layouts,
    learnt_rules,
    office_rules,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=30, help="receipts per layout")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--group", action="append",
                    help="only this set (real, hwsim or a holdout group; repeatable)")
    ap.add_argument("--part", default="0/1", metavar="K/N",
                    help="only every N-th layout from the K-th (to share the work out)")
    args = ap.parse_args(argv)
    k, n_parts = (int(x) for x in args.part.split("/"))
    sets = {"real": [lay for lay in all_layouts() if not lay.startswith("hwsim:")],
            "hwsim": [lay for lay in all_layouts() if lay.startswith("hwsim:")]}
    sets.update({group: group_layouts(group) for group in HOLDOUTS})
    layouts = [lay for group, lays in sets.items() if not args.group or group in args.group
               for lay in lays]
    out = sys.stdout
    for lay in layouts[k::n_parts]:
        profiles = {"defaults": None, "learnt5": learnt_rules(lay, args.seed, 5),
                    "office": office_rules(lay, args.seed, 5)}
        for name, rules in profiles.items():
            if rules is not None:
                out.write(f"{lay} {name} profile {rules!r}\n")
            for i, (receipts, _, _) in enumerate(_captured(lay, args.n, args.seed)):
                if len(receipts) != 1:
                    out.write(f"{lay} {name} {i} <{len(receipts)} receipts>\n")
                    continue
                p = interpret(receipts[0], rules)
                out.write(f"{lay} {name} {i} {asdict(p)!r}\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
