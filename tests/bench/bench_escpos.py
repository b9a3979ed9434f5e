"""ESC/POS decoder throughput (MB/s) against a baseline in the same run.

Baseline: the simulated printer's own tokenizer (``hwsim.printer_core.PrinterCore``:
splits commands and cuts, no text decoding, no events), fed the same bytes in
the same chunks. Measured: ``EscposDecoder.feed`` (+ ``interpret`` for the
lunch queue). Streams: a lunch queue on the Epson layout (text, a logo, QR
codes), a Windows raster driver's receipts (almost all image payload), and
random bytes. Chunks of 1024 bytes, as a TCP tap reads them. A till prints a
few KB per receipt, so anything above ~1 MB/s is far beyond need.

The last row is the figure the sale path feels: one lunch receipt (Epson
layout, two items, cash; ~1.26 KB) fed whole, one receipt every 10 ms as in
a service, so caches are as cold as between real sales; microseconds per
receipt, p50/p99, decoder and baseline interleaved on the same receipts.

    python tests/bench/bench_escpos.py [--mb 4] [--receipts 300]
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
from drivers.receipt import interpret  # noqa: E402
from hwsim.printer_core import PrinterCore  # noqa: E402
from hwsim.till import SaleSpec, compose, garbage, random_sales  # noqa: E402
from tests.bench.stats import pct  # noqa: E402


def stream(kind: str, size: int) -> bytes:
    if kind == "garbage":
        return garbage(size, seed=1)
    layout = "epson" if kind == "lunch" else "raster"
    out = bytearray()
    for spec in random_sales(2000, seed=3):
        out += compose(spec, layout)
        if len(out) >= size:
            break
    return bytes(out)


def timed(fn, data: bytes, chunk: int = 1024) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = fn(data, chunk)
    return time.perf_counter() - t0, n


def decoder(data: bytes, chunk: int) -> int:
    d = EscposDecoder()
    n = 0
    for i in range(0, len(data), chunk):
        for ev in d.feed(data[i : i + chunk], 0.0):
            if isinstance(ev, ReceiptEnded):
                interpret(ev.receipt)
                n += 1
    return n + len(d.end_of_job(0.0))


def baseline(data: bytes, chunk: int) -> int:
    p = PrinterCore()
    for i in range(0, len(data), chunk):
        p.feed(data[i : i + chunk])
    return len(p.receipts)


def lunch_receipt(no: int) -> bytes:
    return compose(SaleSpec([("Pasta bake", 1, 230), ("Cookie", 2, 100)], tender="Cash",
                            receipt_no=f"{no:06d}"), "epson")


def paced_receipts(n: int, gap_s: float = 0.01) -> dict:
    """us per receipt fed whole, p50/p99 over ``n`` paced receipts each."""
    dec, base = EscposDecoder(), PrinterCore()
    d_us: list[float] = []
    b_us: list[float] = []
    for k in range(n):
        data = lunch_receipt(k + 1)
        time.sleep(gap_s)
        t0 = time.perf_counter()
        events = dec.feed(data, float(k))
        d_us.append((time.perf_counter() - t0) * 1e6)
        if not any(isinstance(e, ReceiptEnded) for e in events):
            raise SystemExit("the lunch receipt did not end with its cut")
        time.sleep(gap_s)
        t0 = time.perf_counter()
        base.feed(data)
        b_us.append((time.perf_counter() - t0) * 1e6)
    d_us.sort()
    b_us.sort()

    return {"bytes": len(lunch_receipt(1)), "receipts": n,
            "decoder_p50_us": round(pct(d_us, 0.5), 1),
            "decoder_p99_us": round(pct(d_us, 0.99), 1),
            "baseline_p50_us": round(pct(b_us, 0.5), 1),
            "baseline_p99_us": round(pct(b_us, 0.99), 1)}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0, help="MB per stream")
    ap.add_argument("--receipts", type=int, default=300,
                    help="paced lunch receipts for the per-receipt row")
    args = ap.parse_args(argv)
    size = int(args.mb * 1_000_000)
    rows = {}
    print(f"{'stream':10} {'MB':>6} {'decoder MB/s':>13} {'baseline MB/s':>14} {'ratio':>6} "
          f"{'receipts':>8}")
    for kind in ("lunch", "raster", "garbage"):
        data = stream(kind, size)
        mb = len(data) / 1e6
        td, n = timed(decoder, data)
        tb, _ = timed(baseline, data)
        rows[kind] = {"mb": round(mb, 2), "decoder_mb_s": round(mb / td, 2),
                      "baseline_mb_s": round(mb / tb, 2), "receipts": n}
        print(f"{kind:10} {mb:6.2f} {mb / td:13.2f} {mb / tb:14.2f} {tb / td:6.2f} {n:8}")
    r = rows["one_receipt"] = paced_receipts(args.receipts)
    print(f"one lunch receipt ({r['bytes']} B), fed whole every 10 ms, us per receipt: "
          f"decoder p50 {r['decoder_p50_us']} p99 {r['decoder_p99_us']}, "
          f"baseline p50 {r['baseline_p50_us']} p99 {r['baseline_p99_us']}")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
