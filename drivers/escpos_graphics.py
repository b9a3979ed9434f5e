"""What the ESC/POS picture commands hold, sans-IO: bit images (``GS v 0``,
``GS Q 0``, ``ESC *``, ``GS ( L`` / ``GS 8 L``) and barcodes (``GS k``, the
2D codes of ``GS ( k``) read from one whole command into ``Image`` and
``Barcode`` events.

Each function reads its command in place, ``buf[i:j]`` (the command table in
``drivers.escpos_commands`` has measured it whole), and copies only the
payload an event keeps. The decoder (``drivers.escpos``) decides what they
mean for the receipt in progress.
"""

from __future__ import annotations

from drivers.escpos_commands import SYMBOLOGY, SYMBOLOGY_2D, u16
from drivers.events import Barcode, Image


def raster_image(buf: bytearray, i: int, j: int, now: float) -> Image:
    """``GS v 0`` / ``GS Q 0``: a raster bit image, its rows as sent."""
    m, x, y = buf[i + 3] & 3, u16(buf, i + 4), u16(buf, i + 6)
    # m: 1 double width, 2 double height, 3 both (GS Q 0 has no scaling)
    scaled = buf[i + 1] == ord("v")
    return Image("raster", x * 8, y, x * y, now, bytes(buf[i + 8 : j]),
                 2 if scaled and m & 1 else 1, 2 if scaled and m & 2 else 1)


def column_image(buf: bytearray, i: int, j: int, now: float) -> Image:
    """``ESC *``: a band of column bit image, its columns as sent."""
    m, cols = buf[i + 2], u16(buf, i + 3)
    # m 0/32: single density across (each column two dots wide); 0/1: 8-dot
    # bands, each dot about three printed dots tall.
    return Image("column", cols, 24 if m in (32, 33) else 8, j - i - 5, now,
                 bytes(buf[i + 5 : j]), 2 if m in (0, 32) else 1,
                 1 if m in (32, 33) else 3)


def barcode(buf: bytearray, i: int, j: int, now: float) -> Barcode:
    """``GS k``: a 1D barcode (both forms: NUL-terminated and counted)."""
    m = buf[i + 2]
    data = buf[i + 3 : j - 1] if m <= 6 else buf[i + 4 : j]
    return Barcode(SYMBOLOGY.get(m, f"GS k {m}"), bytes(data), now)


def gs_paren(buf: bytearray, i: int, j: int, now: float) -> Image | Barcode | int:
    """``GS ( k`` (2D codes) and ``GS ( L`` / ``GS 8 L`` (graphics): the
    symbol or image it prints, else the number of bytes it stores without
    printing (0 for a setting)."""
    # fn = buf[i + 2]; the body follows the length field.
    fn = buf[i + 2]
    start = i + (5 if buf[i + 1] == 0x28 else 7)
    if fn == 0x6B:  # GS ( k: most are settings (size, error correction, print)
        if j - start >= 3 and buf[start + 1] == 80:  # store the data: cn 80 m d..
            cn = buf[start]
            return Barcode(SYMBOLOGY_2D.get(cn, f"2D {cn}"), bytes(buf[start + 3 : j]), now)
        return 0
    body = buf[start:j]
    if fn == 0x4C and len(body) >= 2:  # L
        f = body[1]
        if f == 112 and len(body) >= 10:  # store raster graphics in the print buffer
            # m fn a bx by c xL xH yL yH d..: a 48 monochrome; bx, by scale 1/2;
            # c the first colour plane (49) is the one a receipt prints in black.
            x, y = u16(body, 6), u16(body, 8)
            pixels = bytes(body[10:]) if body[2] == 48 and body[5] == 49 else b""
            return Image("raster", x, y, len(body) - 10, now, pixels,
                         2 if body[3] == 2 else 1, 2 if body[4] == 2 else 1)
        if f == 113 and len(body) >= 9:  # column graphics
            x, y = u16(body, 5), u16(body, 7)
            return Image("column", x, y, len(body) - 9, now)
        return max(0, len(body) - 2)
    return 0
