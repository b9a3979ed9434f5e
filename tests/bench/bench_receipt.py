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
caches are cold again for every receipt (what a sale's latency sees). Both
read each receipt as new (``interpret_anew``): the reader remembers a few
whole receipts for the learner, which reads its samples again and again; a
till never prints the same receipt twice.

The interpreter remembers what each distinct printed line says (a till prints
the same headers, items and totals all day), so both figures are for a till
in service. "first" is the hot figure with every such memory emptied before
every receipt: what a receipt whose every line is new costs. "service" is a
till at lunch: after the layout's receipts were read once, a stream of NEW
receipts from the same till (other items, amounts, numbers and times, from
another seed; never read before), one every 10 ms as paced, each read once:
its headers, labels and totals are lines seen before, its items and amounts
often not (what the per-line memos serve); the CPU time of each call.

A till in a school runs under its profile, learnt from five samples as
``tests.receipts_score.learnt_rules`` learns it (``agent receipt learn``):
"profile" gives first, hot and service again with that profile's rules (its
templates tried before the defaults, and the reading held against the
defaults', ``reader._held_to_defaults``), the profile's own memos emptied
for "first" too.

On a shared machine a wall-clock figure holds the time the process waited
for a CPU. So "first" and "hot" are CPU time (``time.thread_time``), each
paced figure is given twice: wall time, and the CPU time the call itself
used (no waiting, but the cold caches still counted); and each layout's row
carries the load average when it was measured, the baseline's figures
beside it from the same run. The receipts
are composed by the simulated till and decoded before any timing: neither
the simulator nor the decoder is in a figure (the decoder's own cost per
receipt is printed for scale; bench_escpos measures it).

    python tests/bench/bench_receipt.py [--receipts 60] [--paced 300] [--corpus]
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import pkgutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import drivers.receipt as receipt_pkg  # noqa: E402
from drivers.escpos import EscposDecoder  # noqa: E402
from drivers.events import ReceiptEnded  # noqa: E402
from drivers.receipt import (  # noqa: E402
    DEFAULT_RULES,
    ReceiptRules,
    apply_dates,
    facts,
    glance,
    interpret,
    reader,
    result,
    vocabulary,
)
from hwsim.till import LAYOUTS, compose, random_sales  # noqa: E402
from tests.bench.stats import pct  # noqa: E402


def printed(layout: str, n: int, seed: int = 7) -> list[bytes]:
    """``n`` receipts' bytes: the simulated till's (``hwsim.till``) or, for a
    real POS layout, tests/receipts_corpus's."""
    if layout in LAYOUTS:
        return [compose(spec, layout) for spec in random_sales(n, seed=seed)]
    from tests.receipts_corpus import corpus

    return [data for data, _ in corpus(layout, n, seed=seed)]


def decoded(data: list[bytes]) -> list:
    d = EscposDecoder()
    return [ev.receipt for b in data for ev in d.feed(b, 0.0) + d.end_of_job(0.0)
            if isinstance(ev, ReceiptEnded)]


def receipts(layout: str, n: int) -> list:
    return decoded(printed(layout, n))


def corpus_receipts(layout: str, n: int) -> list:
    """``n`` receipts in a real POS layout (tests/receipts_corpus), decoded."""
    return decoded(printed(layout, n))


def baseline(r) -> int:
    return sum(len(t.split()) for t in r.text)


# What a rules object remembers per line or printed tender (``rules``).
_RULES_MEMOS = ("_reprint_lines", "_contract_words", "_profile_lines", "readings",
                "held_readings")


def forget(rules: ReceiptRules | None = None) -> None:
    """Empty everything the interpreter remembers between receipts: each
    line's facts and date, what each amount's label says of the money, the
    printed times, which whole-receipt passes each line may need, which
    families each text may answer on, total labels' ranks, labels as the tender tables key them,
    items' counted names and included amounts, and the default rules' (and
    ``rules``', a profile's, with the defaults it is held against) reprint
    markers, tender words and profile lines per line, the receipts' text
    through the whole-receipt passes and the defaults' readings a profile is
    held against."""
    memos = [facts._FACTS, facts._LABELS, apply_dates._WHEN, result._OCCURRED,
             glance._GLANCES, vocabulary._MET, vocabulary._OPENED, reader._READY]
    for kept in {id(r): r for r in (DEFAULT_RULES, rules, rules and rules.without_templates)
                 if r is not None}.values():
        memos += [getattr(kept, name) for name in _RULES_MEMOS if hasattr(kept, name)]
    for memo in memos:
        memo.clear()
    global _CACHES
    if _CACHES is None:
        _CACHES = _lru_caches()
    for remembered in _CACHES:
        remembered.cache_clear()


_CACHES: list | None = None  # found once: finding them costs more than a receipt


def _lru_caches() -> list:
    """Every functools cache in the interpreter's modules (found, not listed:
    a rule's new cache must not make "first" look cheaper than it is)."""
    found = []
    for mod in pkgutil.iter_modules(receipt_pkg.__path__):
        module = importlib.import_module(f"{receipt_pkg.__name__}.{mod.name}")
        found += [f for f in vars(module).values()
                  if callable(getattr(f, "cache_clear", None))
                  and getattr(f, "__module__", None) == module.__name__]
    return found


def forget_receipts(rules: ReceiptRules | None = None) -> None:
    """Empty what the reader remembers of whole receipts (their text through
    the whole-receipt passes, their readings, the defaults' under a
    profile), not of lines: what the learner reads again, a till never does."""
    reader._READY.clear()
    for kept in (DEFAULT_RULES, rules, rules and rules.without_templates):
        if kept is not None:
            kept.readings.clear()
            kept.held_readings.clear()


def interpret_anew(r, rules: ReceiptRules | None = None) -> object:
    """``interpret`` of a receipt read before as if it were new (every line
    remembered, the receipt not: ``forget_receipts``): "hot" and "paced"
    read a layout's receipts over and over, which a till never does."""
    forget_receipts(rules)
    return interpret(r, rules)


def interpret_first(r, rules: ReceiptRules | None = None) -> object:
    """``interpret`` with everything it remembers emptied first (every line new)."""
    forget(rules)
    return interpret(r, rules)


def profile_rules(layout: str) -> ReceiptRules:
    """The rules with ``layout``'s profile learnt from five samples, as the
    scoreboard learns it (``tests.receipts_score.learnt_rules``, seed 11)."""
    from tests.receipts_score import learnt_rules

    return learnt_rules(layout if layout not in LAYOUTS else f"hwsim:{layout}", 11)


def decode_us(data: list[bytes]) -> float:
    """The ESC/POS decoder's own cost per receipt (best of 3), for scale."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for b in data:
            d = EscposDecoder()
            d.feed(b, 0.0)
            d.end_of_job(0.0)
        best = min(best, (time.perf_counter() - t0) / len(data))
    return best * 1e6


def hot_us(fn, rs: list, rounds: int = 20) -> float:
    """``fn``'s CPU time per receipt in a tight loop (best of 3): the time
    the process waited for a CPU is not the code's, and on a loaded machine
    it was most of the wall time."""
    best = float("inf")
    for _ in range(3):
        t0 = time.thread_time()
        for _ in range(rounds):
            for r in rs:
                fn(r)
        best = min(best, (time.thread_time() - t0) / (rounds * len(rs)))
    return best * 1e6


def paced_us(fns: list, rs: list, n: int, gap: float = 0.01
             ) -> tuple[list[list[float]], list[list[float]]]:
    """Per function, ``n`` single calls, one receipt every ``gap`` seconds;
    the functions take turns on the same receipt so both see the same cold
    start. Each call's wall time, and the CPU time it used."""
    wall: list[list[float]] = [[] for _ in fns]
    cpu: list[list[float]] = [[] for _ in fns]
    for i in range(n):
        r = rs[i % len(rs)]
        for j in (range(len(fns)) if i % 2 else reversed(range(len(fns)))):
            time.sleep(gap)
            c0, t0 = time.thread_time(), time.perf_counter()
            fns[j](r)
            t1, c1 = time.perf_counter(), time.thread_time()
            wall[j].append((t1 - t0) * 1e6)
            cpu[j].append((c1 - c0) * 1e6)
    return [sorted(x) for x in wall], [sorted(x) for x in cpu]


def service_us(fns: list, rs: list, stream: list, gap: float = 0.01) -> list[list[float]]:
    """Per function, the CPU time of each call on ``stream`` (receipts never
    read before, from the same till as ``rs``), one receipt every ``gap``
    seconds, after ``rs`` were each read once: a till in service. The
    functions take turns on each receipt (the interpreter's memos see it
    new either way)."""
    for r in rs:
        for fn in fns:
            fn(r)
    cpu: list[list[float]] = [[] for _ in fns]
    for i, r in enumerate(stream):
        for j in (range(len(fns)) if i % 2 else reversed(range(len(fns)))):
            time.sleep(gap)
            c0 = time.thread_time()
            fns[j](r)
            cpu[j].append((time.thread_time() - c0) * 1e6)
    return [sorted(x) for x in cpu]


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
    print(f"load average at start {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs); first "
          "and hot: CPU time; paced: wall time / the call's own CPU time; decoding is not "
          "timed")
    print(f"{'layout':9} {'lines':>5} {'load':>5} | {'interpret us':>59} | "
          f"{'baseline split us':>49} | {'ratio':>5} | {'decode':>6} | "
          f"{'under the learnt profile us':>29}")
    print(f"{'':9} {'':>5} {'':>5} | {'first':>7} {'hot':>7} {'paced p50':>14} "
          f"{'paced p99':>14} {'service':>13} | "
          f"{'hot':>5} {'paced p50':>14} {'paced p99':>14} {'service':>13} | {'p50':>5} | "
          f"{'us':>6} | {'first':>7} {'hot':>7} {'service':>13}")
    print(f"{'':9} {'':>5} {'':>5} | {'':>7} {'':>7} {'wall / CPU':>14} {'wall / CPU':>14} "
          f"{'CPU p50/p99':>13} | {'':>5} {'wall / CPU':>14} {'wall / CPU':>14} "
          f"{'CPU p50/p99':>13} | {'':>5} | {'':>6} | {'':>7} {'':>7} {'CPU p50/p99':>13}")
    for layout in layouts:
        data = printed(layout, args.receipts)
        rs = decoded(data)
        lines = sum(len(r.text) for r in rs) / len(rs)
        hf = hot_us(interpret_first, rs, rounds=5)
        hi, hb = hot_us(interpret_anew, rs), hot_us(baseline, rs)
        (pi, pb), (ci, cb) = paced_us([interpret_anew, baseline], rs, args.paced)
        forget()
        si, sb = service_us([interpret, baseline], rs,
                            decoded(printed(layout, args.paced, seed=8)))
        profile = profile_rules(layout)
        with_profile = functools.partial(interpret, rules=profile)
        forget(profile)
        pf = hot_us(functools.partial(interpret_first, rules=profile), rs, rounds=5)
        ph = hot_us(functools.partial(interpret_anew, rules=profile), rs)
        forget(profile)
        ps = service_us([with_profile], rs, decoded(printed(layout, args.paced, seed=8)))[0]
        load, dec = os.getloadavg()[0], decode_us(data)
        rows[layout] = {"lines": round(lines, 1), "load": round(load, 1),
                        "first_hot_us": round(hf, 1), "hot_us": round(hi, 1),
                        "paced_p50_us": round(pct(pi, 0.5), 1),
                        "paced_p99_us": round(pct(pi, 0.99), 1),
                        "paced_cpu_p50_us": round(pct(ci, 0.5), 1),
                        "paced_cpu_p99_us": round(pct(ci, 0.99), 1),
                        "service_cpu_p50_us": round(pct(si, 0.5), 1),
                        "service_cpu_p99_us": round(pct(si, 0.99), 1),
                        "baseline_hot_us": round(hb, 1),
                        "baseline_paced_p50_us": round(pct(pb, 0.5), 1),
                        "baseline_paced_p99_us": round(pct(pb, 0.99), 1),
                        "baseline_paced_cpu_p99_us": round(pct(cb, 0.99), 1),
                        "baseline_service_cpu_p99_us": round(pct(sb, 0.99), 1),
                        "decode_us": round(dec, 1),
                        "profile_first_hot_us": round(pf, 1), "profile_hot_us": round(ph, 1),
                        "profile_service_cpu_p50_us": round(pct(ps, 0.5), 1),
                        "profile_service_cpu_p99_us": round(pct(ps, 0.99), 1)}
        print(f"{layout:9} {lines:5.1f} {load:5.1f} | {hf:7.1f} {hi:7.1f} "
              f"{pct(pi, .5):6.1f} /{pct(ci, .5):6.1f} {pct(pi, .99):6.1f} /{pct(ci, .99):6.1f} "
              f"{pct(si, .5):6.1f}/{pct(si, .99):6.1f} | "
              f"{hb:5.1f} {pct(pb, .5):6.1f} /{pct(cb, .5):6.1f} "
              f"{pct(pb, .99):6.1f} /{pct(cb, .99):6.1f} {pct(sb, .5):6.1f}/{pct(sb, .99):6.1f} | "
              f"{pct(pi, .5) / pct(pb, .5):5.1f} | {dec:6.1f} | "
              f"{pf:7.1f} {ph:7.1f} {pct(ps, .5):6.1f}/{pct(ps, .99):6.1f}")
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
