"""ESC/POS decoder throughput (MB/s) against a baseline in the same run.

Baseline: the simulated printer's own tokenizer (``hwsim.printer.PrinterCore``:
splits commands and cuts, no text decoding, no events), fed the same bytes in
the same chunks. Measured: ``EscposDecoder.feed`` (+ ``interpret`` for the
lunch queue). Streams: a lunch queue on the Epson layout (text, a logo, QR
codes), a Windows raster driver's receipts (almost all image payload), and
random bytes. Chunks of 1024 bytes, as a TCP tap reads them. A till prints a
few KB per receipt, so anything above ~1 MB/s is far beyond need.

    python tests/bench/bench_escpos.py [--mb 4]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drivers.escpos import EscposDecoder, ReceiptEnded  # noqa: E402
from drivers.receipt import interpret  # noqa: E402
from hwsim.printer import PrinterCore  # noqa: E402
from hwsim.till import compose, garbage, random_sales  # noqa: E402


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


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0, help="MB per stream")
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
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
