"""Reading raster-only receipts: OCR time per receipt, Tesseract against the
glyph cache, beside the raster decoding alone (ESC/POS decode + reassembly);
and receipt -> journal for text receipts, alone and while raster receipts are
being read by the OCR worker (same run).

Receipts: the simulated till's lunch queue printed as pictures (hwsim.till
raster_layout) at 512 and 576 dots, Font A and Font B.

    python tests/bench/bench_ocr.py [--receipts 40] [--text 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from agent.clock import FakeClock  # noqa: E402
from agent.config import Config  # noqa: E402
from agent.journal.store import Journal  # noqa: E402
from agent.ocr.reader import TesseractReader, judge  # noqa: E402
from agent.ocr.worker import OcrWorker  # noqa: E402
from agent.sale.pipeline import ReceiptPipeline  # noqa: E402
from drivers.escpos import EscposDecoder  # noqa: E402
from drivers.events import ReceiptEnded  # noqa: E402
from drivers.glyph_cache import GlyphCache  # noqa: E402
from drivers.raster import reassemble  # noqa: E402
from hwsim.till import compose, random_sales, raster_layout  # noqa: E402


def pct(values: list[float]) -> str:
    v = sorted(values)
    if not v:
        return "-"

    def at(p: float) -> float:
        return v[min(len(v) - 1, int(len(v) * p))] * 1000

    return f"p50 {at(0.5):7.2f} ms   p99 {at(0.99):7.2f} ms   (n={len(v)})"


def decode(data: bytes):
    d = EscposDecoder()
    (r,) = [e.receipt for e in d.feed(data, 0.0) + d.flush(1.0) if isinstance(e, ReceiptEnded)]
    return r


def ocr_times(n: int) -> None:
    reader = TesseractReader()
    for width in (512, 576):
        for font in ("A", "B"):
            lay = raster_layout(width, font, "cp437")
            streams = [compose(s, lay) for s in random_sales(n, seed=width + ord(font))]
            dec, tess, cached = [], [], []
            cache = GlyphCache()
            bitmaps = []
            for data in streams:
                t0 = time.perf_counter()
                bm = reassemble(decode(data).images)
                dec.append(time.perf_counter() - t0)
                bitmaps.append(bm)
                t0 = time.perf_counter()
                reading = judge(reader.read(bm))
                tess.append(time.perf_counter() - t0)
                if reading.trusted:
                    cache.learn(bm, reading.lines)
            misses = 0
            for bm in bitmaps:  # the cache as it stands after the queue
                t0 = time.perf_counter()
                lines = cache.read(bm)
                if lines is None:
                    misses += 1
                    continue
                judge(lines)
                cached.append(time.perf_counter() - t0)
            print(f"{width} dots, Font {font}:")
            print(f"  raster decode + reassembly  {pct(dec)}")
            print(f"  Tesseract (tesserocr)       {pct(tess)}")
            print(f"  glyph cache                 {pct(cached)}   ({misses} unknown -> Tesseract)")


def journal_latency(n_text: int, n_raster: int) -> None:
    """Receipt end -> durable journal append for text receipts, alone and
    interleaved with raster receipts the worker is reading."""
    texts = [compose(s, "epson") for s in random_sales(n_text, seed=5, reprint_rate=0,
                                                        refund_rate=0)]
    pictures = [compose(s, raster_layout(576, "A", "cp858"))
                for s in random_sales(n_raster, seed=6, start_no=9000, reprint_rate=0)]
    for label, with_pictures in (("text receipts alone", False),
                                 ("text receipts while pictures are read", True)):
        with tempfile.TemporaryDirectory() as tmp:
            journal = Journal.in_state_dir(tmp, FakeClock())
            p = ReceiptPipeline(Config(till_id="bench", state_dir=tmp), journal, None)
            workers: list[OcrWorker] = []

            def start(p=p, workers=workers) -> OcrWorker:
                w = OcrWorker(maxsize=8, rules=p.rules).start()
                workers.append(w)
                return w

            p.ocr_factory = start
            now = 1_795_000_000.0
            took = []
            k = 0
            for i, data in enumerate(texts):
                if with_pictures and i % max(1, n_text // n_raster) == 0 and k < n_raster:
                    p.till_bytes(pictures[k], now)
                    p.job_end(now + 0.1)
                    k += 1
                    now += 5
                t0 = time.perf_counter()
                p.till_bytes(data, now)
                p.job_end(now + 0.1)
                took.append(time.perf_counter() - t0)
                p.tick(now)
                now += 5
                time.sleep(0.005)  # a till's pace, so the worker runs beside it
            read = 0
            deadline = time.monotonic() + 120
            while with_pictures and read < n_raster and time.monotonic() < deadline:
                p.tick(now)
                read = sum(1 for e in journal.entries() if e.id.endswith(".ocr"))
                time.sleep(0.05)
            for w in workers:
                w.stop()
            journal.close()
            extra = f"; {read}/{n_raster} pictures read" if with_pictures else ""
            print(f"  {label:<40} {pct(took)}{extra}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--receipts", type=int, default=40, help="raster receipts per layout")
    ap.add_argument("--text", type=int, default=200, help="text receipts journaled")
    args = ap.parse_args()
    print("OCR per receipt (one process, no contention from the sale path):")
    ocr_times(args.receipts)
    print("receipt -> journal (decode, interpret, correlate, durable append):")
    journal_latency(args.text, max(1, args.text // 5))
    return 0


if __name__ == "__main__":
    sys.exit(main())
