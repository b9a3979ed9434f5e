"""Issue 18's bar, on simulated raster-only receipts: both paper widths (512
and 576 dots), both font sizes (Font A 12x24, Font B 9x17), the pound sign of
CP437 and CP858, one image per line and one image per receipt: at least 99%
of receipts read with the right total, tender, kind and item amounts and
trusted, and not one wrong reading trusted (a reading that is not trusted is
flagged, and moves no money)."""

from __future__ import annotations

import pytest

from agent.ocr.reader import TesseractReader, read_bitmap
from drivers.glyph_cache import GlyphCache
from drivers.raster import reassemble
from hwsim.till import compose, random_sales, raster_layout
from tests.test_ocr import captured

CONFIGS = [(w, f, cp, images) for w in (512, 576) for f in ("A", "B")
           for cp, images in (("cp437", "bands"), ("cp858", "one"))]
PER_CONFIG = 40


@pytest.mark.slow
def test_at_least_99_percent_right_and_no_wrong_reading_trusted():
    reader = TesseractReader()
    right = wrong = flagged = 0
    readers = {"tesseract": 0, "glyph_cache": 0}
    for i, (width, font, codepage, images) in enumerate(CONFIGS):
        lay = raster_layout(width, font, codepage, images)
        cache = GlyphCache()  # one till, one font
        for spec in random_sales(PER_CONFIG, seed=100 + i):
            reading = read_bitmap(reassemble(captured(compose(spec, lay)).images), reader,
                                  cache=cache)
            p = reading.parsed
            ok = (p.total_pence == spec.total_pence
                  and (p.tender or "").lower() == spec.tender.lower()
                  and p.kind == spec.kind
                  and [ln.amount_pence for ln in p.lines] == [a for _, _, a in spec.lines])
            if not reading.trusted:
                flagged += 1
                assert "ocr_unreconciled" in reading.flags
            elif ok:
                right += 1
                readers[reading.reader] += 1
            else:
                wrong += 1
    n = len(CONFIGS) * PER_CONFIG
    print(f"\n{n} raster receipts: {right} right and trusted, {flagged} flagged, {wrong} "
          f"wrong and trusted; read by {readers}")
    assert wrong == 0
    assert right >= 0.99 * n
    assert readers["glyph_cache"] > n / 3  # the cache does most of the reading
