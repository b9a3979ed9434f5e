"""Receipt interpreter (``drivers.receipt.interpret``) cost per receipt,
against a baseline in the same run.

Baseline: the simplest possible reader of the same receipts, one
``str.split`` pass over each text line (what any interpretation costs at
least). Measured: ``interpret`` with the default rules, on the lunch queue of
every text layout of the simulated till (``hwsim.till``), decoded by the real
ESC/POS decoder beforehand (decoding is not timed here; see bench_escpos);
with ``--corpus`` also the real POS layouts of tests/receipts_corpus (longer
receipts: columns, tax and tender blocks, footers).

Two figures each: "hot", a tight loop over the layout's receipts (caches warm,
the best case), and "paced", one receipt every 10 ms as at a till, where
caches are cold again for every receipt (what a sale's latency sees).

The interpreter remembers what each distinct printed line says (a till prints
the same headers, items and totals all day), so both figures are for a till
in service. "first" is the hot figure with that memory emptied before every
receipt: what a receipt whose every line is new costs.

    python tests/bench/bench_receipt.py [--receipts 60] [--paced 300] [--corpus]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drivers.escpos import EscposDecoder  # noqa: E402
from drivers.events import ReceiptEnded  # noqa: E402
from drivers.receipt import facts, interpret, result, total_labels  # noqa: E402
from hwsim.till import LAYOUTS, compose, random_sales  # noqa: E402
from tests.bench.stats import pct  # noqa: E402


def receipts(layout: str, n: int) -> list:
    d = EscposDecoder()
    out = []
    for spec in random_sales(n, seed=7):
        for ev in d.feed(compose(spec, layout), 0.0) + d.end_of_job(0.0):
            if isinstance(ev, ReceiptEnded):
                out.append(ev.receipt)
    return out


def corpus_receipts(layout: str, n: int) -> list:
    """``n`` receipts in a real POS layout (tests/receipts_corpus), decoded."""
    from tests.receipts_corpus import corpus

    d = EscposDecoder()
    return [ev.receipt for data, _ in corpus(layout, n, seed=7)
            for ev in d.feed(data, 0.0) + d.end_of_job(0.0) if isinstance(ev, ReceiptEnded)]


def baseline(r) -> int:
    return sum(len(t.split()) for t in r.text)


def interpret_first(r) -> object:
    """``interpret`` with its per-line memory emptied first (every line new)."""
    facts._FACTS.clear()
    result._OCCURRED.clear()
    total_labels.total_rank.cache_clear()
    return interpret(r)


def hot_us(fn, rs: list, rounds: int = 20) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(rounds):
            for r in rs:
                fn(r)
        best = min(best, (time.perf_counter() - t0) / (rounds * len(rs)))
    return best * 1e6


def paced_us(fns: list, rs: list, n: int, gap: float = 0.01) -> list[list[float]]:
    """Per function, ``n`` single calls, one receipt every ``gap`` seconds;
    the functions take turns on the same receipt so both see the same cold
    start."""
    lat: list[list[float]] = [[] for _ in fns]
    for i in range(n):
        r = rs[i % len(rs)]
        for j in (range(len(fns)) if i % 2 else reversed(range(len(fns)))):
            time.sleep(gap)
            t0 = time.perf_counter()
            fns[j](r)
            lat[j].append((time.perf_counter() - t0) * 1e6)
    return [sorted(x) for x in lat]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--receipts", type=int, default=60, help="receipts per layout")
    ap.add_argument("--paced", type=int, default=300, help="paced calls per layout")
    ap.add_argument("--corpus", action="store_true",
                    help="also the real POS layouts of tests/receipts_corpus")
    args = ap.parse_args(argv)
    layouts = sorted(set(LAYOUTS) - {"raster"})
    if args.corpus:
        from tests.receipts_corpus.layouts import LAYOUTS as REAL

        layouts += sorted(REAL)
    rows = {}
    print(f"{'layout':9} {'lines':>5} | {'interpret us':>35} | {'baseline split us':>27} | "
          f"{'ratio':>5}")
    print(f"{'':9} {'':>5} | {'first':>7} {'hot':>7} {'p50':>9} {'p99':>9} | {'hot':>7} {'p50':>9} "
          f"{'p99':>9} | {'p50':>5}")
    for layout in layouts:
        rs = (receipts(layout, args.receipts) if layout in LAYOUTS
              else corpus_receipts(layout, args.receipts))
        lines = sum(len(r.text) for r in rs) / len(rs)
        hf = hot_us(interpret_first, rs, rounds=5)
        hi, hb = hot_us(interpret, rs), hot_us(baseline, rs)
        pi, pb = paced_us([interpret, baseline], rs, args.paced)
        rows[layout] = {"lines": round(lines, 1), "first_hot_us": round(hf, 1),
                        "hot_us": round(hi, 1),
                        "paced_p50_us": round(pct(pi, 0.5), 1),
                        "paced_p99_us": round(pct(pi, 0.99), 1),
                        "baseline_hot_us": round(hb, 1),
                        "baseline_paced_p50_us": round(pct(pb, 0.5), 1),
                        "baseline_paced_p99_us": round(pct(pb, 0.99), 1)}
        print(f"{layout:9} {lines:5.1f} | {hf:7.1f} {hi:7.1f} {pct(pi, .5):9.1f} "
              f"{pct(pi, .99):9.1f} | "
              f"{hb:7.1f} {pct(pb, .5):9.1f} {pct(pb, .99):9.1f} | "
              f"{pct(pi, .5) / pct(pb, .5):5.1f}")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
