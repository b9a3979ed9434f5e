"""Text to printed pictures, the way a Windows raster driver prints a receipt.

A bitmap font is made once per size from DejaVu Sans Mono (Debian's
fonts-dejavu-core) with Pillow, on the printer's fixed-pitch cells: Font A
12 x 24 dots and Font B 9 x 17 dots at 203 dpi. ``render(lines, width, font)``
lays text lines on those cells into one 1-bit picture ``width`` dots wide
(512 for 72 mm paper, 576 for 80 mm), and ``gs_v0`` / ``bands`` turn it into
``GS v 0`` bytes, either as one image or one image per text line (both are
what real drivers send). The simulator's own code: it never imports drivers/.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
              "/usr/share/fonts/dejavu/DejaVuSansMono.ttf")


@dataclass(frozen=True)
class CellFont:
    """A printer font's cell in dots and the TrueType size that fills it."""

    name: str
    cell_w: int
    cell_h: int
    size: int
    line_gap: int  # blank dots between text lines (the driver's line spacing)


# Grey levels darker than this are dots: a thermal head prints a stroke
# whole or not at all, and thin strokes must survive at Font B's size.
INK_LEVEL = 170

FONTS = {"A": CellFont("A", 12, 24, 20, 6), "B": CellFont("B", 9, 17, 15, 4)}


def _font_path() -> str:
    for p in FONT_PATHS:
        if os.path.exists(p):
            return p
    raise FileNotFoundError("DejaVu Sans Mono not found: install fonts-dejavu-core")


@functools.cache
def _truetype(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_path(), size)


@functools.lru_cache(maxsize=4096)
def glyph(ch: str, font: str = "A") -> Image.Image:
    """One character on its cell, 1-bit (0 = black, as Pillow's mode "1")."""
    f = FONTS[font]
    cell = Image.new("L", (f.cell_w, f.cell_h), 255)
    if ch.strip():
        ImageDraw.Draw(cell).text((0, 0), ch, font=_truetype(f.size), fill=0)
    return cell.point(lambda v: 0 if v < INK_LEVEL else 255).convert("1")


def render(lines: list[str], width: int = 576, font: str = "A") -> Image.Image:
    """Text lines on the font's cells, left-aligned, clipped at ``width`` dots."""
    f = FONTS[font]
    pitch = f.cell_h + f.line_gap
    im = Image.new("1", (width, max(1, pitch * len(lines))), 1)
    for row, text in enumerate(lines):
        for col, ch in enumerate(text):
            x = col * f.cell_w
            if x + f.cell_w > width:
                break
            if ch.strip():
                im.paste(glyph(ch, font), (x, row * pitch))
    return im


def gs_v0(im: Image.Image) -> bytes:
    """``GS v 0`` for a 1-bit picture (black dots set)."""
    w, h = im.size
    wbytes = (w + 7) // 8
    padded = Image.new("1", (wbytes * 8, h), 1)
    padded.paste(im, (0, 0))
    # Pillow packs mode "1" MSB first with 1 = white: invert for the printer.
    data = bytes(b ^ 0xFF for b in padded.tobytes())
    return b"\x1dv0\x00" + bytes([wbytes & 0xFF, wbytes >> 8, h & 0xFF, h >> 8]) + data


def bands(lines: list[str], width: int = 576, font: str = "A") -> bytes:
    """One ``GS v 0`` image per text line (a driver printing band by band)."""
    return b"".join(gs_v0(render([line], width, font)) for line in lines)


def columns(font: str, width: int) -> int:
    """How many characters fit on a line."""
    return width // FONTS[font].cell_w
