"""The per-till glyph cache (drivers.glyph_cache): cells on the font's pitch,
learnt from trusted readings, read in milliseconds; unknown cells give up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from agent.ocr.reader import TesseractReader, read_bitmap
from drivers.glyph_cache import GlyphCache, _cells, _row_ints
from drivers.raster import Bitmap, reassemble, text_rows
from hwsim import raster_font
from hwsim.till import compose, printed_lines, random_sales, raster_layout
from tests.test_ocr import captured


@dataclass
class Line:
    text: str
    top: int
    bottom: int


def bitmap(lines: list[str], font: str = "A", width: int = 576, shift: int = 0) -> Bitmap:
    im = raster_font.render(lines, width, font)
    if shift:
        moved = PILImage.new("1", im.size, 1)
        moved.paste(im, (shift, 0))
        im = moved
    data = bytes(b ^ 0xFF for b in im.tobytes())
    return Bitmap(im.width, im.height, data)


def truth(bm: Bitmap, lines: list[str]) -> list[Line]:
    """What a perfect reader says: each text line with its rows."""
    runs = text_rows(bm)
    assert len(runs) == len(lines)
    return [Line(t, top, bottom) for t, (top, bottom) in zip(lines, runs, strict=True)]


TEXT = ["OAKFIELD PRIMARY", "Pasta bake        £2.30", "2 x Cookie        £1.00",
        "TOTAL             £3.30", "Card              £3.30"]


@pytest.mark.parametrize("font,pitch", [("A", 12), ("B", 9)])
@pytest.mark.parametrize("shift", [0, 5])
def test_the_grid_is_the_fonts_pitch_and_where_its_cells_start(font, pitch, shift):
    got_pitch, origin, share = GlyphCache.find_grid(bitmap(TEXT, font, shift=shift))
    assert (got_pitch, origin % pitch) == (pitch, shift % pitch) and share < 0.02


@pytest.mark.parametrize("font", ["A", "B"])
def test_learnt_twice_a_picture_of_the_same_glyphs_is_read_by_the_cache(font):
    cache = GlyphCache()
    bm = bitmap(TEXT, font)
    assert cache.read(bm) is None  # nothing learnt yet
    for _ in range(2):
        cache.learn(bm, truth(bm, TEXT))
    other = ["Card              £1.00", "TOTAL             £2.30"]
    got = cache.read(bitmap(other, font))
    assert [ln.text for ln in got] == [" ".join(t.split()) for t in other]
    assert all(ln.reader == "glyph_cache" for ln in got)


def test_an_unknown_glyph_gives_up_so_tesseract_reads_it():
    cache = GlyphCache()
    bm = bitmap(TEXT)
    cache.learn(bm, truth(bm, TEXT))
    cache.learn(bm, truth(bm, TEXT))
    assert cache.read(bitmap(["TOTAL             £3.30"])) is not None
    assert cache.read(bitmap(["TOTAL             £9.30"])) is None  # never saw a 9
    lines = cache.read_lines(bitmap(["TOTAL £3.30", "Jam £9.99"]))
    assert [ln.text for ln in lines] == ["TOTAL £3.30", None]


def test_a_glyph_is_used_only_when_its_readings_agree():
    cache = GlyphCache()
    bm = bitmap(["P0195"])
    (run,) = text_rows(bm)
    zero = _cells(_row_ints(bm), bm.width, *run, 12, 0)[1]
    cache.pitch, cache.origin = 12, 0
    cache._pair(zero, "0")
    assert zero not in cache.glyphs  # one reading is not enough
    cache._pair(zero, "0")
    assert cache.glyphs[zero] == "0"
    cache._pair(zero, "O")  # a misreading the arithmetic let through
    assert zero not in cache.glyphs  # 2 to 1: not sure any more
    for _ in range(6):
        cache._pair(zero, "0")
    assert cache.glyphs[zero] == "0" and cache.votes[zero] == Counter({"0": 8, "O": 1})


def taught_past_a_rule() -> tuple[GlyphCache, Bitmap]:
    """A cache taught twice by a receipt whose reading skipped its rule of
    dashes, and that receipt's picture."""
    cache = GlyphCache()
    lines = ["TOTAL £3.30", "-" * 40, "Card £3.30"]
    bm = bitmap(lines)
    read = [ln for ln in truth(bm, lines) if not ln.text.startswith("-")]
    cache.learn(bm, read)
    cache.learn(bm, read)
    return cache, bm


def test_a_rule_of_dashes_the_reading_skipped_is_learnt_as_nothing():
    cache, bm = taught_past_a_rule()
    assert [ln.text for ln in cache.read(bm)] == ["TOTAL £3.30", "Card £3.30"]


def test_through_read_bitmap_the_cache_takes_over_after_a_few_receipts():
    reader = TesseractReader()
    cache = GlyphCache()
    lay = raster_layout(512, "B", "cp858")
    by = []
    for spec in random_sales(30, seed=21):
        r = captured(compose(spec, lay))
        reading = read_bitmap(reassemble(r.images), reader, cache=cache)
        if reading.trusted:
            assert reading.parsed.total_pence == spec.total_pence
            # what the cache read is the printed text, spaces aside (lines it
            # did not know whole are Tesseract's)
            printed = [" ".join(t.split()) for t in printed_lines(spec, lay)]
            assert all(ln.text in printed for ln in reading.lines
                       if ln.reader == "glyph_cache")
        by.append(reading.reader)
    assert by[-10:].count("glyph_cache") >= 7


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789£.:/-*x"


@pytest.fixture(scope="module")
def taught():
    """A cache taught each character of ALPHABET twice, per font."""
    out = {}
    for font in ("A", "B"):
        cache = GlyphCache()
        sheet = [ALPHABET[i : i + 20] for i in range(0, len(ALPHABET), 20)]
        sheet = [" ".join(line) for line in sheet]  # blank cells between glyphs
        bm = bitmap(sheet, font)
        cache.learn(bm, truth(bm, sheet))
        cache.learn(bm, truth(bm, sheet))
        out[font] = cache
    return out


# A line is found as a run of rows with ink, so a line made only of glyphs in
# two parts (i, j, :, =) would be two runs: the lines here hold a digit, as
# receipt lines with anything to read do (and such a line's halves are
# unknown cells, which send the picture to Tesseract).
line_text = st.builds(lambda a, d, b: a + d + b,
                      st.text(alphabet=ALPHABET + " ", max_size=20),
                      st.sampled_from("0123456789"),
                      st.text(alphabet=ALPHABET + " ", max_size=20))


@settings(max_examples=60, deadline=None)
@given(font=st.sampled_from(["A", "B"]), lines=st.lists(line_text, min_size=1, max_size=4))
def test_any_text_of_learnt_glyphs_reads_back_exactly(taught, font, lines):
    got = taught[font].read(bitmap(lines, font))
    assert got is not None
    assert [ln.text for ln in got] == [" ".join(t.split()) for t in lines]


def test_a_rules_glyph_beside_other_glyphs_is_unknown_not_dropped():
    cache, bm = taught_past_a_rule()
    # a refund's minus is the rule's glyph: not read as nothing
    assert [ln.text for ln in cache.read_lines(bitmap(["TOTAL -£3.30"]))] == [None]
