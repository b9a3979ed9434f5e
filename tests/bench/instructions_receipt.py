"""What one receipt costs in instructions, the figure a shared machine's load
does not move: under callgrind, collecting only inside the measured reads
(they run through ``functools.reduce``, which the reader never calls: its C
function is the toggle), so setting up (imports, decoding, learning the
profiles, warm-ups) is not counted.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no \
        --toggle-collect=functools_reduce --callgrind-out-file=out \
        python -m tests.bench.instructions_receipt first

Instructions per receipt = the file's ``totals`` / (layouts x receipts).

Modes as ``bench_receipt``'s figures, on its 11 layouts (the simulated
till's text layouts and the real POS ones), ``--receipts`` each: ``first``
(everything remembered emptied before each receipt), ``service`` (after the
layout's receipts were read once, new ones from another seed), ``hot`` (the
same receipts read again as new); ``profile-*`` the same under the layout's
profile learnt from five samples.
"""

from __future__ import annotations

import argparse
import functools
import sys

from hwsim.till import LAYOUTS
from tests.bench.bench_receipt import (
    decoded,
    forget,
    interpret,
    interpret_anew,
    interpret_first,
    printed,
    profile_rules,
)
from tests.receipts_corpus.layouts import LAYOUTS as REAL

MODES = ("first", "service", "hot", "profile-first", "profile-service", "profile-hot")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=MODES)
    ap.add_argument("--receipts", type=int, default=5)
    args = ap.parse_args(argv)
    layouts = sorted(set(LAYOUTS) - {"raster"}) + sorted(REAL)
    profiled = args.mode.startswith("profile-")
    mode = args.mode.removeprefix("profile-")
    work = []
    for layout in layouts:
        rs = decoded(printed(layout, args.receipts))
        stream = decoded(printed(layout, args.receipts, seed=8)) if mode == "service" else []
        rules = profile_rules(layout) if profiled else None
        work.append((rs, stream, rules))
    # (the vocabularies' index and the like, made once per process at the
    # first question: in no receipt's figure)
    interpret(work[0][0][0])
    for rs, stream, rules in work:
        forget(rules)
        if mode == "first":
            read, measured = interpret_first, rs
        elif mode == "service":
            for r in rs:
                interpret(r, rules)
            read, measured = interpret, stream
        else:
            for r in rs:
                interpret_anew(r, rules)
            read, measured = interpret_anew, rs
        functools.reduce(lambda _, r, read=read, rules=rules: read(r, rules), measured, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
