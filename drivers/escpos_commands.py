"""The ESC/POS command table (sans-IO): how long each command is.

``measure(buf, i)`` knows each command's exact argument length in the ESC,
GS, FS and DLE families, including the length-prefixed ones (``GS ( x``,
``GS 8 L``, ``FS ( x``), raster and column images (``GS v 0``, ``ESC *``,
``GS *``, ``FS q``) and both ``GS k`` barcode forms, so image and barcode
payloads are skipped exactly and never leak into the text. A command whose
bytes have not all arrived is None (wait for more); an unknown command is a
best-effort ``Token`` marked ``unknown``. Declared payloads larger than any
real printer takes are unknown commands: garbage must not swallow the next
receipts.

The rules live in two tables: ``_FIXED`` (commands of a fixed total length)
and ``_VARIABLE`` (a small measuring function per command whose length is in
its arguments). ``one_step_commands()`` gives the decoder the fixed-length
commands it can take in one lookup, derived from the same tables, so the
decoder's fast path cannot drift from ``measure``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
LF, CR, HT, NUL = 0x0A, 0x0D, 0x09, 0x00

# Sanity limits for declared payload lengths: a real receipt printer is at
# most ~80 mm / 640 dots wide; a length beyond these is garbage, not a command.
MAX_PAYLOAD = 4 * 1024 * 1024
MAX_IMAGE_WIDTH_BYTES = 512  # GS v 0 / GS Q 0: 4096 dots
MAX_BARCODE_NUL = 255  # GS k m (m <= 6): data ends with NUL within this

# Commands with a fixed total length, by (prefix byte, second byte).
_FIXED: dict[int, dict[int, int]] = {
    ESC: {
        0x0C: 2, ord(" "): 3, ord("!"): 3, ord("$"): 4, ord("%"): 3, ord("-"): 3,
        ord("2"): 2, ord("3"): 3, ord("<"): 2, ord("="): 3, ord("?"): 3, ord("@"): 2,
        ord("E"): 3, ord("G"): 3, ord("J"): 3, ord("K"): 3, ord("L"): 2, ord("M"): 3,
        ord("R"): 3, ord("S"): 2, ord("T"): 3, ord("U"): 3, ord("V"): 3,
        ord("W"): 10, ord("\\"): 4, ord("a"): 3, ord("d"): 3, ord("e"): 3, ord("i"): 2,
        ord("m"): 2, ord("p"): 5, ord("r"): 3, ord("t"): 3, ord("u"): 3, ord("v"): 3,
        ord("{"): 3, ord("c"): 4, ord("B"): 4,
        # ESC/P legacy that Epson-compatible models take: italic on/off, condensed.
        ord("4"): 2, ord("5"): 2, 0x0F: 2,
    },
    GS: {
        ord("!"): 3, ord("#"): 3, ord("$"): 4, ord("/"): 3, ord(":"): 2, ord("B"): 3,
        ord("E"): 3, ord("H"): 3, ord("I"): 3, ord("L"): 4, ord("P"): 4, ord("T"): 3,
        ord("W"): 4, ord("\\"): 4, ord("^"): 5, ord("a"): 3, ord("b"): 3, ord("c"): 2,
        ord("f"): 3, ord("h"): 3, ord("j"): 3, ord("r"): 3, ord("w"): 3, ord("z"): 5,
        ord("g"): 6,
    },
    FS: {
        ord("!"): 3, ord("&"): 2, ord("."): 2, ord("-"): 3, ord("C"): 3, ord("S"): 4,
        ord("W"): 3, ord("p"): 4, ord("2"): 76,
    },
}

# Single bytes that are commands on their own (besides LF/HT/CR, handled as text):
# NUL padding, FF, CAN, BEL (buzzer), and the legacy SO/DC4 (double width on/off)
# and SI/DC2 (condensed on/off) that many Epson-compatible printers accept.
_CONTROLS = {NUL: "NUL", 0x0C: "FF", 0x18: "CAN", 0x07: "BEL", 0x0E: "SO", 0x14: "DC4",
             0x0F: "SI", 0x12: "DC2"}

# One-argument commands whose argument is a small enumerated value: an
# argument byte that is a command prefix means the argument is missing (a
# driver's malformed command) and the prefix starts the next command.
_ENUM_ARG = {
    ESC: set(b"EG-{VUMraTtR="),
    GS: set(b"BHTfbraIE"),
    FS: set(b"-CW"),
}

PREFIXES = (ESC, GS, FS)
PREFIX_NAMES = {ESC: "ESC ", GS: "GS ", FS: "FS "}


@dataclass(frozen=True, slots=True)
class Token:
    """One command: its total length and what it is (``name``); ``unknown``
    for a best-effort guess."""

    length: int
    name: str
    unknown: bool = False


def u16(b: bytes | bytearray, i: int) -> int:
    """The little-endian 16-bit number at ``b[i]`` (ESC/POS's nL nH)."""
    return b[i] | (b[i + 1] << 8)


def _unknown(buf: bytes | bytearray, i: int, final: bool) -> Token | None:
    """Best effort for an unknown ``ESC/GS/FS/DLE x``: two bytes, plus one
    more when the next byte cannot be text (a control byte that starts
    nothing): it is almost certainly an argument."""
    if len(buf) - i < 3:
        return None if not final else Token(len(buf) - i, "?", True)
    nxt = buf[i + 2]
    if nxt < 0x20 and nxt not in (LF, CR, HT, ESC, GS, FS, DLE):
        return Token(3, "?", True)
    return Token(2, "?", True)


def measure(buf: bytes | bytearray, i: int, final: bool = False) -> Token | None:
    """The command starting at ``buf[i]`` (a prefix byte ESC/GS/FS/DLE or a
    control byte), or None when its bytes are not all there yet. With
    ``final`` (no more bytes will come) an incomplete command is returned as
    an unknown token covering what is left."""
    n = len(buf) - i
    b = buf[i]
    if b not in (ESC, GS, FS, DLE):
        return Token(1, _CONTROLS.get(b, "CTRL"), b not in _CONTROLS)
    if n < 2:
        return None if not final else Token(n, "?", True)
    c = buf[i + 1]
    variable = _VARIABLE.get((b, c))
    if variable is not None:
        tok = variable(buf, i, n)
    elif b == DLE:
        tok = _unknown(buf, i, False)
    else:
        tok = _fixed(buf, i, n, b, c)
    if tok is None and final:
        return Token(n, "truncated", True)
    return tok


def _need(n: int, total: int, name: str) -> Token | None:
    return Token(total, name) if n >= total else None


def _fixed(buf: bytes | bytearray, i: int, n: int, b: int, c: int) -> Token | None:
    size = _FIXED[b].get(c)
    if size is None:
        return _unknown(buf, i, False)
    name = PREFIX_NAMES[b] + chr(c)
    if size == 3 and c in _ENUM_ARG[b]:
        if n < 3:
            return None
        if buf[i + 2] in PREFIXES:
            return Token(2, name + "?", True)
    return _need(n, size, name)


# --- commands whose length is in their arguments ---------------------------------
# Each takes (buf, i, n = bytes available from i) and answers like ``measure``.

Measure = Callable[[bytes | bytearray, int, int], "Token | None"]


def _dle_eot(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """DLE EOT n (n 7/8 take one more byte)."""
    if n < 3:
        return None
    return _need(n, 4 if buf[i + 2] in (7, 8) else 3, "DLE EOT")


def _dle_enq(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    return _need(n, 3, "DLE ENQ")


def _dle_dc4(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """DLE DC4 fn ...: fn 7 takes 4 bytes, fn 8 takes 10, the rest 5."""
    if n < 3:
        return None
    return _need(n, {7: 4, 8: 10}.get(buf[i + 2], 5), "DLE DC4")


def _esc_star(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """ESC * m nL nH d..: bit image, columns (m 32/33: 3 bytes a column)."""
    if n < 5:
        return None
    m, cols = buf[i + 2], u16(buf, i + 3)
    return _need(n, 5 + cols * (3 if m in (32, 33) else 1), "ESC *")


def _esc_amp(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """ESC & y c1 c2 [x d1..d(y*x)]...: user-defined characters."""
    if n < 5:
        return None
    y, c1, c2 = buf[i + 2], buf[i + 3], buf[i + 4]
    if c2 < c1 or c2 - c1 > 95 or y > 3:
        return Token(2, "?", True)
    j = i + 5
    for _ in range(c2 - c1 + 1):
        if j >= len(buf):
            return None
        j += 1 + y * buf[j]
    return _need(n, j - i, "ESC &")


def _esc_tabs(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """ESC D n1..nk NUL: tab stops (at most 32)."""
    end = buf.find(b"\x00", i + 2, i + 2 + 33)
    if end < 0:
        return None if n < 35 else Token(2, "?", True)
    return Token(end - i + 1, "ESC D")


def _paren(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """ESC ( fn pL pH ..., GS ( fn pL pH ..., FS ( fn pL pH ..."""
    if n < 5:
        return None
    name = "ESC (" if buf[i] == ESC else PREFIX_NAMES[buf[i]] + "( " + chr(buf[i + 2])
    return _need(n, 5 + u16(buf, i + 3), name)


def _esc_gs(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """Star: ESC GS t n (code page), ESC GS a n (align)."""
    if n < 3:
        return None
    if buf[i + 2] in (ord("t"), ord("a")):
        return _need(n, 4, "ESC GS " + chr(buf[i + 2]))
    return Token(2, "?", True)


def _gs_cut(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """GS V m (0, 1, 48, 49) or GS V m n (65, 66, 97, 98, 103, 104)."""
    if n < 3:
        return None
    m = buf[i + 2]
    if m in (0, 1, 48, 49):
        return Token(3, "GS V")
    if m in (65, 66, 97, 98, 103, 104):
        return _need(n, 4, "GS V")
    return Token(3, "GS V?", True)


def _gs_raster(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """GS v 0 m xL xH yL yH d.. and GS Q 0 (variable size): raster images."""
    if n < 8:
        return None
    x, y = u16(buf, i + 4), u16(buf, i + 6)
    if buf[i + 2] != 0x30 or x > MAX_IMAGE_WIDTH_BYTES or x * y > MAX_PAYLOAD:
        return Token(3, "?", True)
    return _need(n, 8 + x * y, f"GS {chr(buf[i + 1])} 0")


def _gs_8(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """GS 8 fn p1 p2 p3 p4 ...: GS ( fn with a 32-bit length."""
    if n < 7:
        return None
    p = int.from_bytes(buf[i + 3 : i + 7], "little")
    if p > MAX_PAYLOAD:
        return Token(3, "?", True)
    return _need(n, 7 + p, "GS 8 " + chr(buf[i + 2]))


def _gs_star(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """GS * x y d..(x*y*8): downloaded bit image."""
    if n < 4:
        return None
    return _need(n, 4 + buf[i + 2] * buf[i + 3] * 8, "GS *")


def _gs_barcode(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """GS k m d.. NUL (m 0..6) or GS k m n d1..dn (m 65..79)."""
    if n < 3:
        return None
    m = buf[i + 2]
    if m <= 6:
        limit = min(len(buf), i + 3 + MAX_BARCODE_NUL + 1)
        for j in range(i + 3, limit):
            v = buf[j]
            if v == 0:
                return Token(j - i + 1, "GS k")
            if v < 0x20 or v > 0x7E:  # barcode data is printable ASCII
                return Token(3, "GS k?", True)
        return None if limit == len(buf) else Token(3, "GS k?", True)
    if 65 <= m <= 79:
        if n < 4:
            return None
        return _need(n, 4 + buf[i + 3], "GS k")
    return Token(3, "GS k?", True)


def _gs_counter(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """Counters: GS C 0 n m / GS C 1 a b n r / GS C 2 n."""
    if n < 3:
        return None
    size = {0x30: 5, 0x31: 9, 0x32: 5}.get(buf[i + 2])
    return _need(n, size, "GS C") if size else Token(3, "?", True)


def _gs_maintenance(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """GS g 0 m nL nH / GS g 2 m nL nH: maintenance counters."""
    return _need(n, 6, "GS g")


def _fs_nv_define(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """FS q n [xL xH yL yH d..(x*y*8)]...: define NV images."""
    if n < 3:
        return None
    j = i + 3
    for _ in range(buf[i + 2]):
        if len(buf) < j + 4:
            return None
        j += 4 + u16(buf, j) * u16(buf, j + 2) * 8
        if j - i > MAX_PAYLOAD:
            return Token(3, "?", True)
    return _need(n, j - i, "FS q")


def _fs_g(buf: bytes | bytearray, i: int, n: int) -> Token | None:
    """FS g 1 m a1..a4 nL nH d.. (write NV user memory) / FS g 2 m a1..a4 nL nH."""
    if n < 3:
        return None
    if buf[i + 2] == 0x31:
        if n < 10:
            return None
        return _need(n, 10 + u16(buf, i + 8), "FS g 1")
    return _need(n, 10, "FS g")


_VARIABLE: dict[tuple[int, int], Measure] = {
    (DLE, 0x04): _dle_eot, (DLE, 0x05): _dle_enq, (DLE, 0x14): _dle_dc4,
    (ESC, ord("*")): _esc_star, (ESC, ord("&")): _esc_amp, (ESC, ord("D")): _esc_tabs,
    (ESC, ord("(")): _paren, (ESC, GS): _esc_gs,
    (GS, ord("V")): _gs_cut, (GS, ord("v")): _gs_raster, (GS, ord("Q")): _gs_raster,
    (GS, ord("(")): _paren, (GS, ord("8")): _gs_8, (GS, ord("*")): _gs_star,
    (GS, ord("k")): _gs_barcode, (GS, ord("C")): _gs_counter, (GS, ord("g")): _gs_maintenance,
    (FS, ord("(")): _paren, (FS, ord("q")): _fs_nv_define, (FS, ord("g")): _fs_g,
}


@dataclass(frozen=True, slots=True)
class OneStep:
    """A fixed-length command the decoder may take in one lookup: its total
    length, its name, and whether its one argument is enumerated (an argument
    byte that is a command prefix makes it malformed: ``measure`` decides)."""

    length: int
    name: str
    enumerated: bool


def one_step_commands() -> dict[int, OneStep]:
    """``(prefix << 8 | second byte)`` -> ``OneStep`` for every command that
    ``measure`` takes from ``_FIXED`` (those in ``_VARIABLE`` are measured
    by their own function and left out)."""
    return {b << 8 | c: OneStep(length, PREFIX_NAMES[b] + chr(c),
                                length == 3 and c in _ENUM_ARG[b])
            for b, commands in _FIXED.items() for c, length in commands.items()
            if (b, c) not in _VARIABLE}


SYMBOLOGY = {65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF",
             71: "CODABAR", 72: "CODE93", 73: "CODE128", 74: "GS1-128",
             75: "GS1 DataBar Omnidirectional", 76: "GS1 DataBar Truncated",
             77: "GS1 DataBar Limited", 78: "GS1 DataBar Expanded", 79: "CODE128 auto",
             0: "UPC-A", 1: "UPC-E", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF",
             6: "CODABAR"}
"""``GS k m``: the barcode symbology by ``m``."""
SYMBOLOGY_2D = {48: "PDF417", 49: "QR", 50: "MaxiCode", 51: "GS1 DataBar 2D", 52: "Composite",
                53: "Aztec", 54: "DataMatrix"}
"""``GS ( k``: the 2D symbol by ``cn``."""
