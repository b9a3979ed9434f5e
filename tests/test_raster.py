"""Raster reassembly: a receipt's bit images, whatever command carried them,
become the picture that was printed (drivers.raster)."""

from __future__ import annotations

import warnings

import pytest
from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from drivers.escpos import EscposDecoder
from drivers.events import Image, ReceiptEnded
from drivers.raster import Bitmap, from_rows, reassemble
from hwsim import raster_font
from hwsim.till import LAYOUTS, SaleSpec, compose, raster_layout
from tests.support import escpos_corpus

LUNCH = SaleSpec(lines=[("Pasta bake", 1, 230), ("Cookie", 2, 100)], receipt_no="001234")


def receipts(data: bytes):
    d = EscposDecoder()
    events = d.feed(data, 1.0) + d.flush(2.0)
    return [e.receipt for e in events if isinstance(e, ReceiptEnded)]


def picture(rows: list[list[int]]) -> PILImage.Image:
    im = PILImage.new("1", (len(rows[0]), len(rows)), 1)
    for y, row in enumerate(rows):
        for x, v in enumerate(row):
            if v:
                im.putpixel((x, y), 0)
    return im


def python_escpos(im: PILImage.Image, impl: str, high_density: bool = True) -> bytes:
    p = Dummy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p.image(im, impl=impl, high_density_horizontal=high_density,
                high_density_vertical=high_density)
    p.cut()
    return p.output


def ink(bm: Bitmap) -> list[list[int]]:
    return [[bm.pixel(x, y) for x in range(bm.width)] for y in range(bm.height)]


bitmaps = st.integers(1, 40).flatmap(
    lambda w: st.lists(st.lists(st.integers(0, 1), min_size=w, max_size=w),
                       min_size=1, max_size=50))


@pytest.mark.parametrize("impl", ["bitImageRaster", "graphics", "bitImageColumn"])
@settings(max_examples=40, deadline=None)
@given(rows=bitmaps)
def test_python_escpos_images_come_back_dot_for_dot(impl, rows):
    (r,) = receipts(python_escpos(picture(rows), impl))
    assert r.raster_only
    bm = reassemble(r.images)
    got = ink(bm)
    w, h = len(rows[0]), len(rows)
    # GS v 0 pads rows to whole bytes, ESC * pads bands to 24 dots: white
    assert [row[:w] for row in got[:h]] == rows
    assert not any(any(row[w:]) for row in got) and not any(any(row) for row in got[h:])


@pytest.mark.parametrize("impl", ["bitImageRaster", "graphics", "bitImageColumn"])
def test_low_density_images_are_scaled_to_the_printed_dots(impl):
    rows = [[1, 0, 1], [0, 1, 0]]
    (r,) = receipts(python_escpos(picture(rows), impl, high_density=False))
    bm = reassemble(r.images)
    # each image dot covers two printed dots across (three down for 8-dot columns)
    assert bm.pixel(0, 0) == bm.pixel(1, 0) == 1 and bm.pixel(2, 0) == bm.pixel(3, 0) == 0
    assert bm.pixel(4, 0) == bm.pixel(5, 0) == 1
    assert bm.pixel(0, bm.height - 1) == 0
    tall = 3 if impl == "bitImageColumn" else 2
    assert all(bm.pixel(2, y) for y in range(tall, 2 * tall))


@settings(max_examples=40, deadline=None)
@given(st.lists(bitmaps, min_size=1, max_size=4))
def test_images_stack_top_to_bottom_left_aligned_as_wide_as_the_widest(parts):
    data = b"".join(raster_font.gs_v0(picture(p)) for p in parts) + b"\x1dV\x00"
    (r,) = receipts(data)
    bm = reassemble(r.images)
    assert bm.height == sum(len(p) for p in parts)
    assert bm.width == max((len(p[0]) + 7) // 8 * 8 for p in parts)
    y = 0
    for p in parts:
        for row in p:
            assert ink(bm)[y][: len(row)] == row
            y += 1


def test_an_image_without_pixels_is_counted_not_drawn():
    images = [Image("nv", 0, 0, 0), Image("raster", 8, 1, 1, 0.0, b"\x81")]
    bm = reassemble(images)
    assert (bm.width, bm.height, bm.skipped) == (8, 1, 1)
    assert ink(bm) == [[1, 0, 0, 0, 0, 0, 0, 1]]
    assert reassemble([Image("nv", 0, 0, 0)]) is None and reassemble([]) is None


def test_a_truncated_image_gives_the_rows_that_arrived():
    bm = reassemble([Image("raster", 16, 4, 8, 0.0, b"\xff\xff\x00\x01")])
    assert ink(bm) == [[1] * 16, [0] * 15 + [1]]


def test_from_rows_and_pixel_agree_and_bad_sizes_are_refused():
    bm = from_rows([[0, 1, 1], [1, 0, 0]])
    assert ink(bm) == [[0, 1, 1], [1, 0, 0]]
    with pytest.raises(ValueError):
        Bitmap(9, 2, b"\x00\x00")


@pytest.mark.parametrize("width,font", [(576, "A"), (512, "A"), (576, "B"), (512, "B")])
@pytest.mark.parametrize("images", ["bands", "one"])
def test_the_simulated_raster_till_prints_its_text_as_one_picture(width, font, images):
    lay = raster_layout(width, font, "cp858", images)
    (r,) = receipts(compose(LUNCH, lay))
    assert r.raster_only and r.text == []
    bm = reassemble(r.images)
    assert bm.width == width
    f = raster_font.FONTS[font]
    # every text line is a band of the font's height plus the driver's gap
    assert bm.height % (f.cell_h + f.line_gap) == 0 and bm.height > 10 * f.cell_h
    assert sum(map(sum, ink(bm))) > 1000


def test_the_old_raster_layout_prints_real_text_too():
    (r,) = receipts(compose(LUNCH, LAYOUTS["raster"]))
    bm = reassemble(r.images)
    assert bm.width == 576 and len(r.images) >= 10


def test_the_windows_driver_receipts_in_the_corpus_reassemble():
    corpus = escpos_corpus()
    assert corpus is not None, "the shared ESC/POS corpus is part of this workplace"
    for name, width in (("npos/raster.bin", 464), ("npos/raster-2.bin", 576)):
        (r,) = receipts((corpus / name).read_bytes())
        bm = reassemble(r.images)
        assert bm.width == width and bm.height == sum(i.height for i in r.images)
        assert bm.height > 500 and any(bm.data)
