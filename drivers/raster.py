"""Raster reassembly (pure): a receipt's bit images -> one 1-bit picture.

A Windows printer driver (and a printer in graphic mode) prints the whole
receipt as pictures: one ``GS v 0`` image, a stack of them, ``ESC *`` column
bands of 8 or 24 dots, or ``GS ( L`` graphics. ``reassemble(images)`` takes the
``drivers.events.Image`` events of one receipt, in order, and stacks them top
to bottom, left-aligned, into one ``Bitmap`` on the printed dot grid (double
density modes are scaled up, so the text keeps its shape whatever command
carried it). Images without pixels (NV logos, column graphics) are counted in
``skipped`` and leave no gap.

The bitmap is packed like ``GS v 0``: rows of ``stride`` bytes, most
significant bit leftmost, 1 = black.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# A picture taller than this is garbage (a receipt of 4 m): it is cut short.
MAX_HEIGHT = 32000
MAX_WIDTH = 4096


@dataclass(frozen=True, slots=True)
class Bitmap:
    """A 1-bit picture: ``height`` rows of ``stride`` bytes, MSB leftmost, 1 = black."""

    width: int
    height: int
    data: bytes
    skipped: int = 0  # images that carried no pixels

    @property
    def stride(self) -> int:
        return (self.width + 7) // 8

    def __post_init__(self) -> None:
        if len(self.data) != self.stride * self.height:
            raise ValueError(f"bitmap data is {len(self.data)} bytes, "
                             f"not {self.stride} x {self.height}")

    def pixel(self, x: int, y: int) -> int:
        """1 when the dot at (x, y) is black."""
        return self.data[y * self.stride + x // 8] >> (7 - x % 8) & 1

    def row(self, y: int) -> bytes:
        """Row ``y``'s packed bytes."""
        return self.data[y * self.stride : (y + 1) * self.stride]

    def rows(self) -> list[bytes]:
        """Every row, packed."""
        s = self.stride
        return [self.data[y * s : (y + 1) * s] for y in range(self.height)]

    def ink_rows(self) -> list[bool]:
        """For each row, whether it has a black dot."""
        return [any(r) for r in self.rows()]


def _scale_row(row: bytes, width: int, xscale: int) -> bytes:
    if xscale == 1:
        return row
    bits = int.from_bytes(row, "big") >> (len(row) * 8 - width) if width else 0
    out = 0
    for x in range(width - 1, -1, -1):  # leftmost first in the result
        bit = bits >> x & 1
        out = out << xscale | (((1 << xscale) - 1) if bit else 0)
    w2 = width * xscale
    return (out << ((w2 + 7) // 8 * 8 - w2)).to_bytes((w2 + 7) // 8, "big")


def _raster_rows(img: Any) -> list[bytes]:
    stride = (img.width + 7) // 8
    data = img.data
    rows = [data[y * stride : (y + 1) * stride] for y in range(len(data) // stride or 0)] \
        if stride else []
    if len(rows) > img.height:
        rows = rows[: img.height]
    return rows


def _column_rows(img: Any) -> list[bytes]:
    # ESC *: each column is height // 8 bytes, MSB = top dot.
    per = img.height // 8
    cols = len(img.data) // per if per else 0
    width = min(cols, img.width)
    stride = (width + 7) // 8
    rows = []
    for y in range(img.height):
        byte, bit = divmod(y, 8)
        acc = 0
        for x in range(width):
            acc = acc << 1 | (img.data[x * per + byte] >> (7 - bit) & 1)
        rows.append((acc << (stride * 8 - width)).to_bytes(stride, "big") if width else b"")
    return rows


def image_rows(img: Any) -> tuple[int, list[bytes]]:
    """One image's printed width (dots) and its rows packed, scaled to the
    printed dot grid; (0, []) for an image without pixels."""
    if not getattr(img, "data", b"") or img.width <= 0 or img.height <= 0:
        return 0, []
    if img.kind == "column":
        width = min(img.width, len(img.data) // max(1, img.height // 8))
        rows = _column_rows(img)
    else:
        width = img.width
        rows = _raster_rows(img)
    xs, ys = max(1, getattr(img, "xscale", 1)), max(1, getattr(img, "yscale", 1))
    if xs > 1:
        rows = [_scale_row(r, width, xs) for r in rows]
        width *= xs
    if ys > 1:
        rows = [r for r in rows for _ in range(ys)]
    return width, rows


def reassemble(images: Iterable[Any]) -> Bitmap | None:
    """Stack a receipt's images top to bottom into one ``Bitmap`` (as wide
    as the widest, capped at ``MAX_WIDTH`` dots and ``MAX_HEIGHT`` rows);
    None when no image carries pixels."""
    parts: list[tuple[int, list[bytes]]] = []
    skipped = 0
    for img in images:
        w, rows = image_rows(img)
        if not rows:
            skipped += 1
            continue
        parts.append((min(w, MAX_WIDTH), rows))
    if not parts:
        return None
    width = max(w for w, _ in parts)
    stride = (width + 7) // 8
    out = bytearray()
    height = 0
    for w, rows in parts:
        own = (w + 7) // 8
        for r in rows:
            if height >= MAX_HEIGHT:
                break
            r = r[:own]
            if w % 8:  # clear the padding bits past the image's own width
                r = r[:-1] + bytes([r[-1] & (0xFF << (8 - w % 8)) & 0xFF])
            out += r + bytes(stride - len(r))
            height += 1
    return Bitmap(width, height, bytes(out), skipped)


def from_rows(rows: list[list[int]]) -> Bitmap:
    """A bitmap from a list of rows of 0/1 (tests and tools)."""
    width = max((len(r) for r in rows), default=0)
    stride = (width + 7) // 8
    out = bytearray()
    for r in rows:
        acc = 0
        for x in range(stride * 8):
            acc = acc << 1 | (r[x] if x < len(r) else 0)
        out += acc.to_bytes(stride, "big") if stride else b""
    return Bitmap(width, len(rows), bytes(out))


def text_rows(bm: Bitmap) -> list[tuple[int, int]]:
    """The runs of rows with ink, as (top, bottom exclusive): a receipt's
    text lines (and rules, logos)."""
    runs: list[tuple[int, int]] = []
    top = None
    for y, has in enumerate(bm.ink_rows()):
        if has and top is None:
            top = y
        elif not has and top is not None:
            runs.append((top, y))
            top = None
    if top is not None:
        runs.append((top, bm.height))
    return runs


def text_height(bm: Bitmap) -> int:
    """The median height of the ink runs taller than 4 rows (text, not
    rules): a printer font's glyph height; 0 without any."""
    heights = sorted(b - t for t, b in text_rows(bm) if b - t > 4)
    return heights[len(heights) // 2] if heights else 0
