"""A small ESC/POS encoder for the simulated till (never shared with drivers/).

Functions return ``bytes`` for one command each; ``Doc`` strings them
together. Only what real canteen tills send: init, code pages, international
sets, alignment, emphasis, sizes, feeds, cuts, ``GS v 0`` raster logos,
``GS ( k`` QR codes, ``GS k`` barcodes and ``DLE EOT`` status requests.
"""

from __future__ import annotations

ESC = b"\x1b"
GS = b"\x1d"
DLE = b"\x10"
LF = b"\n"

# Epson code-page numbers for ESC t n.
CODEPAGE_NUMBERS = {"cp437": 0, "cp850": 2, "cp858": 19, "cp1252": 16}


def init() -> bytes:
    """ESC @: reset the printer to its power-on state."""
    return ESC + b"@"


def codepage(name: str) -> bytes:
    """ESC t n: select the character table (Epson numbering)."""
    return ESC + b"t" + bytes([CODEPAGE_NUMBERS[name]])


def international(n: int) -> bytes:
    """ESC R n: international character set (3 = UK: ``#`` prints as the pound sign)."""
    return ESC + b"R" + bytes([n])


def align(where: str) -> bytes:
    """ESC a n: left, centre or right."""
    return ESC + b"a" + bytes([{"left": 0, "center": 1, "right": 2}[where]])


def bold(on: bool) -> bytes:
    """ESC E n: emphasised on/off."""
    return ESC + b"E" + bytes([1 if on else 0])


def size(width: int = 1, height: int = 1) -> bytes:
    """GS ! n: character size multipliers 1..8."""
    return GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])


def feed(lines: int) -> bytes:
    """ESC d n: print and feed n lines."""
    return ESC + b"d" + bytes([lines])


def cut(mode: str = "partial_feed") -> bytes:
    """A cut in one of the forms tills use: ``GS V`` (full/partial, with or
    without feed), ``ESC i`` or ``ESC m``."""
    return {
        "full": GS + b"V\x00",
        "partial": GS + b"V\x01",
        "full_feed": GS + b"VA\x03",
        "partial_feed": GS + b"VB\x03",
        "esc_i": ESC + b"i",
        "esc_m": ESC + b"m",
    }[mode]


def raster(width_px: int, height_px: int, pattern: bytes = b"\xaa\x55") -> bytes:
    """GS v 0: a raster bit image (a logo). The payload deliberately contains
    every byte value pattern given, including ESC/GS look-alikes."""
    wbytes = (width_px + 7) // 8
    n = wbytes * height_px
    data = (pattern * (n // max(1, len(pattern)) + 1))[:n]
    return GS + b"v0\x00" + bytes([wbytes & 0xFF, wbytes >> 8, height_px & 0xFF,
                                   height_px >> 8]) + data


def qr(data: bytes, module_size: int = 4) -> bytes:
    """GS ( k: model 2 QR: set model, module size, error level, store, print."""

    def fn(cn_fn: bytes, payload: bytes = b"") -> bytes:
        n = len(cn_fn) + len(payload)
        return GS + b"(k" + bytes([n & 0xFF, n >> 8]) + cn_fn + payload

    return (
        fn(b"\x31\x41", b"\x32\x00")  # model 2
        + fn(b"\x31\x43", bytes([module_size]))
        + fn(b"\x31\x45", b"\x31")  # error correction M
        + fn(b"\x31\x50\x30", data)  # store
        + fn(b"\x31\x51\x30")  # print
    )


def barcode_code128(data: bytes) -> bytes:
    """GS k m=73 n data: a CODE128 barcode (function B, with length byte)."""
    payload = b"{B" + data
    return GS + b"k" + bytes([73, len(payload)]) + payload


def status_request(n: int) -> bytes:
    """DLE EOT n: real-time status request (1 printer, 2 offline, 3 error, 4 paper)."""
    return DLE + b"\x04" + bytes([n])


def text(s: str, encoding: str) -> bytes:
    """Text in the till's code page, one line (LF appended)."""
    return s.encode(encoding, errors="replace") + LF


class Doc:
    """An ESC/POS document under construction."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def add(self, *parts: bytes) -> Doc:
        self._parts.extend(parts)
        return self

    def bytes(self) -> bytes:
        return b"".join(self._parts)
