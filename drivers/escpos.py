"""ESC/POS stream decoder (sans-IO): the bytes a till sends to its receipt
printer in, typed events out.

``EscposDecoder.feed(data, now)`` takes bytes in any chunking and returns the
events they complete; ``tick(now)`` ends a receipt after an idle gap,
``end_of_job(now)`` when a TCP print job closes and ``flush(now)`` at
shutdown. The decoder never reads a clock and does no I/O: the printer taps
own the ports and hand their bytes (already forwarded) to it.

The tokenizer (``measure``) knows each command's exact argument length in the
ESC, GS, FS and DLE families, including the length-prefixed ones (``GS ( x``,
``GS 8 L``, ``FS ( x``), raster and column images (``GS v 0``, ``ESC *``,
``GS *``, ``FS q``) and both ``GS k`` barcode forms, so image and barcode
payloads are skipped exactly and never leak into the text. A command whose
bytes have not all arrived waits for more (every chunking gives the same
events); an unknown command becomes ``UnknownCommand`` with a best-effort
length and is counted. Declared payloads larger than any real printer takes
are treated as unknown commands (garbage must not swallow the next receipts).

The decoder sits on the sale path (receipt end -> journal), so the common
case is kept short: a receipt's usual commands are found with one dict lookup
(``_FAST``), its text becomes lines a block at a time (``_take_lines``) and its
raw bytes are copied in slices. ``measure`` stays the reference for anything
else, and the tests hold the two to the same answers.

Text is decoded in the code page in force (``ESC t n`` in the printer's
numbering, see ``PROFILES``; ``ESC R n`` international sets, where UK turns
``#`` into the pound sign; ``ESC @`` resets to the configured code page). A
run of text that is valid multi-byte UTF-8 is decoded as UTF-8 whatever the
code page: some tills send UTF-8 to printers set up for it, and a single
CP437/CP858 pound byte (0x9C) is never valid UTF-8, so the two cannot be
confused.

Receipt boundaries: every cut (``GS V`` all forms, ``ESC i``, ``ESC m``),
the idle gap, the end of a TCP job, and shutdown. A boundary with nothing
printed since the last one (no text, image or barcode) ends nothing: its bytes
stay with the next receipt. Status queries (``DLE EOT``, ``GS r``, ``GS a``,
``GS I``, ``ESC u``/``ESC v``) are reported (``StatusQuery``) but are not part
of a receipt's ``raw`` bytes: they are the till polling the printer, answered,
never printed.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass, field

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
LF, CR, HT, NUL = 0x0A, 0x0D, 0x09, 0x00

# Sanity limits for declared payload lengths: a real receipt printer is at
# most ~80 mm / 640 dots wide; a length beyond these is garbage, not a command.
MAX_PAYLOAD = 4 * 1024 * 1024
MAX_IMAGE_WIDTH_BYTES = 512  # GS v 0 / GS Q 0: 4096 dots
MAX_BARCODE_NUL = 255  # GS k m (m <= 6): data ends with NUL within this


class EscposError(Exception):
    """The decoder was used wrongly (e.g. fed something that is not bytes).
    Bad input on the wire never raises: it becomes events and counters."""


# --- events -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenStats:
    """Counts over one receipt's bytes."""

    commands: int = 0  # known commands (incl. real-time ones and control bytes)
    text_bytes: int = 0
    image_bytes: int = 0  # image and barcode payload bytes skipped
    unknown: int = 0  # unknown commands (each counted once)
    truncated: int = 0  # commands cut short by the end of the receipt


@dataclass(frozen=True, slots=True)
class Barcode:
    """A barcode or 2D symbol printed: ``symbology`` like "CODE128", "QR"."""

    symbology: str
    data: bytes
    at: float = 0.0


@dataclass(frozen=True, slots=True)
class Image:
    """A bit image printed: its size and, for raster and column images, its
    pixel bytes as sent (``drivers.raster`` reassembles them into a picture)."""

    kind: str  # "raster" (GS v 0, GS ( L/8 L, GS Q 0), "column" (ESC *), "nv" (FS p), ...
    width: int  # dots (0 when unknown, e.g. an NV logo)
    height: int
    nbytes: int
    at: float = 0.0
    # The payload: raster rows (``(width + 7) // 8`` bytes each, MSB = leftmost
    # dot) or columns (``height // 8`` bytes each, MSB = top dot); b"" when
    # not kept (NV logos, column graphics). 1 = black.
    data: bytes = field(default=b"", compare=False, repr=False)
    # How many printed dots each image dot covers (double density modes).
    xscale: int = field(default=1, compare=False)
    yscale: int = field(default=1, compare=False)


@dataclass(frozen=True)
class CapturedReceipt:
    """One receipt as captured: its exact bytes, text lines, and how it ended."""

    raw: bytes
    text: list[str]
    barcodes: list
    images: list
    raster_only: bool
    ended_by: str  # "cut" | "idle_gap" | "job_end" | "flush"
    started_at: float
    ended_at: float
    stats: TokenStats
    # Who sent it: the till's IP address for a TCP/USB tap (set by the agent,
    # from the tap's job), "" for a serial link.
    peer: str = ""

    def __repr__(self) -> str:
        # The text carries pupil accounts and names: never in a repr.
        return (f"CapturedReceipt({len(self.raw)} bytes, {len(self.text)} lines, "
                f"ended_by={self.ended_by!r}, raster_only={self.raster_only})")


@dataclass(frozen=True, slots=True)
class ReceiptEnded:
    receipt: CapturedReceipt


@dataclass(frozen=True, slots=True)
class StatusQuery:
    """The till asked the printer something that it answers with bytes:
    ``kind`` "dle_eot" (n 1..4, 7, 8), "gs_r" (n 1, 2, 49, 50), "asb"
    (GS a n: automatic status back enabled when n != 0), "gs_i" (GS I n),
    "esc_u"/"esc_v" (old status requests)."""

    kind: str
    n: int
    at: float


@dataclass(frozen=True, slots=True)
class UnknownCommand:
    """A command the tokenizer does not know; ``length`` is its best guess."""

    prefix: bytes
    length: int
    at: float


@dataclass(frozen=True, slots=True)
class TextStyle:
    """Text attributes changed (bold; width/height multipliers)."""

    bold: bool
    width: int
    height: int
    at: float


@dataclass(frozen=True, slots=True)
class ModeChanged:
    """The printer entered or left page mode (``ESC L`` / ``ESC S``, ``FF``)."""

    page_mode: bool
    at: float


# --- code pages -----------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """A printer family's numbering of ``ESC t n`` (None: no codec, keep the
    current one)."""

    name: str
    codepages: dict[int, str | None]


_EPSON = {
    0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 13: "cp857", 14: "cp737",
    15: "iso8859_7", 16: "cp1252", 17: "cp866", 18: "cp852", 19: "cp858", 32: "cp720",
    33: "cp775", 34: "cp855", 35: "cp861", 36: "cp862", 37: "cp864", 38: "cp869",
    39: "iso8859_2", 40: "iso8859_15", 44: "cp1125", 45: "cp1250", 46: "cp1251",
    47: "cp1253", 48: "cp1254", 49: "cp1255", 50: "cp1256", 51: "cp1257", 52: "cp1258",
    53: "kz1048",
}
_STAR = {
    0: "cp437", 1: "cp437", 3: "cp437", 4: "cp858", 5: "cp852", 6: "cp860", 7: "cp861",
    8: "cp863", 9: "cp865", 10: "cp866", 11: "cp855", 12: "cp857", 13: "cp862", 14: "cp864",
    15: "cp737", 17: "cp869", 21: "cp874", 32: "cp1252", 33: "cp1250", 34: "cp1251",
}

PROFILES: dict[str, Profile] = {
    "epson": Profile("epson", _EPSON),
    "star": Profile("star", _STAR),
    # Many Chinese "ESC/POS compatible" printers use Epson's numbers.
    "generic": Profile("generic", _EPSON),
}

# ESC R n: characters that replace ASCII positions (0x23 # 0x24 $ 0x40 @ [ \ ] ^ ` { | } ~).
INTERNATIONAL: dict[int, dict[str, str]] = {
    0: {},  # USA
    1: {"#": "#", "@": "à", "[": "°", "\\": "ç", "]": "§", "{": "é", "|": "ù", "}": "è",
        "~": "¨"},  # France
    2: {"@": "§", "[": "Ä", "\\": "Ö", "]": "Ü", "{": "ä", "|": "ö", "}": "ü", "~": "ß"},
    3: {"#": "£"},  # UK
    4: {"[": "Æ", "\\": "Ø", "]": "Å", "{": "æ", "|": "ø", "}": "å"},  # Denmark I
    5: {"@": "É", "[": "Ä", "\\": "Ö", "]": "Å", "^": "Ü", "`": "é", "{": "ä", "|": "ö",
        "}": "å", "~": "ü"},  # Sweden
    6: {"@": "§", "[": "°", "\\": "\\", "]": "é", "`": "ù", "{": "à", "|": "ò", "}": "è",
        "~": "ì"},  # Italy
    7: {"#": "₧", "[": "¡", "\\": "Ñ", "]": "¿", "{": "¨", "|": "ñ", "}": "}"},  # Spain I
}
_INTL_TABLES = {n: str.maketrans(m) for n, m in INTERNATIONAL.items()}


def codec_for(name: str | None) -> str:
    """A Python codec name for a configured code page ("cp858", "CP1252",
    "pc437"); unknown -> ValueError naming it."""
    import codecs

    if not name:
        return "cp437"
    n = name.strip().lower().replace("-", "").replace("_", "")
    n = {"pc437": "cp437", "pc850": "cp850", "pc858": "cp858", "wpc1252": "cp1252",
         "windows1252": "cp1252", "latin1": "latin_1", "utf8": "utf_8"}.get(n, n)
    try:
        return codecs.lookup(n).name
    except LookupError:
        raise ValueError(f"unknown code page {name!r}") from None


# --- the tokenizer ---------------------------------------------------------------

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

# A run of text: printable bytes (0x20 and up, DEL and 0x80-0xFF included) and
# the three controls that print as text (HT, LF, CR). One regex match takes a
# whole block of lines: a receipt's text costs a few steps, not one per line end.
_TEXT_RUN = re.compile(rb"[\t\n\r\x20-\xff]+")  # (a positive class matches faster)
_IS_TEXT = tuple(b >= 0x20 or b in (HT, LF, CR) for b in range(256))
_HT_TO_SPACE = bytes.maketrans(b"\t", b" ")  # HT prints as a space; CR is deleted

_PREFIXES = (ESC, GS, FS)
_PREFIX_NAMES = {ESC: "ESC ", GS: "GS ", FS: "FS "}

# Second bytes that ``_measure`` handles before (or instead of) ``_FIXED``:
# variable lengths, or a length under its own checks. The decoder's one-lookup
# path (``_FAST``, built from ``_FIXED`` without these) must leave them to it.
_SPECIAL = {ESC: set(b"*&D(") | {GS}, GS: set(b"VvQ(8*kCg"), FS: set(b"(qg")}


@dataclass(frozen=True, slots=True)
class Token:
    """One command: its total length and what it is (``name``); ``unknown``
    for a best-effort guess."""

    length: int
    name: str
    unknown: bool = False


def _u16(b: bytes | bytearray, i: int) -> int:
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
    tok = _measure(buf, i, n, b, c)
    if tok is None and final:
        return Token(n, "truncated", True)
    return tok


def _need(n: int, total: int, name: str) -> Token | None:
    return Token(total, name) if n >= total else None


def _measure(buf: bytes | bytearray, i: int, n: int, b: int, c: int) -> Token | None:
    if b == DLE:
        if c == 0x04:  # DLE EOT n (n 7/8 take one more byte)
            if n < 3:
                return None
            return _need(n, 4 if buf[i + 2] in (7, 8) else 3, "DLE EOT")
        if c == 0x05:
            return _need(n, 3, "DLE ENQ")
        if c == 0x14:  # DLE DC4 fn ...
            if n < 3:
                return None
            fn = buf[i + 2]
            return _need(n, {7: 4, 8: 10}.get(fn, 5), "DLE DC4")
        return _unknown(buf, i, False)
    if b == ESC:
        if c == ord("*"):  # ESC * m nL nH d..: bit image, columns
            if n < 5:
                return None
            m, cols = buf[i + 2], _u16(buf, i + 3)
            return _need(n, 5 + cols * (3 if m in (32, 33) else 1), "ESC *")
        if c == ord("&"):  # ESC & y c1 c2 [x d1..d(y*x)]...: user-defined characters
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
        if c == ord("D"):  # ESC D n1..nk NUL: tab stops
            end = buf.find(b"\x00", i + 2, i + 2 + 33)
            if end < 0:
                return None if n < 35 else Token(2, "?", True)
            return Token(end - i + 1, "ESC D")
        if c == ord("("):  # ESC ( fn pL pH ...
            if n < 5:
                return None
            return _need(n, 5 + _u16(buf, i + 3), "ESC (")
        if c == GS:  # Star: ESC GS t n (code page), ESC GS a n (align)
            if n < 3:
                return None
            if buf[i + 2] in (ord("t"), ord("a")):
                return _need(n, 4, "ESC GS " + chr(buf[i + 2]))
            return Token(2, "?", True)
        return _fixed(buf, i, n, ESC, c, "ESC ")
    if b == GS:
        if c == ord("V"):  # cut: GS V m (0,1,48,49) or GS V m n (65,66,97,98,103,104)
            if n < 3:
                return None
            m = buf[i + 2]
            if m in (0, 1, 48, 49):
                return Token(3, "GS V")
            if m in (65, 66, 97, 98, 103, 104):
                return _need(n, 4, "GS V")
            return Token(3, "GS V?", True)
        if c == ord("v"):  # GS v 0 m xL xH yL yH d..: raster image
            if n < 8:
                return None
            x, y = _u16(buf, i + 4), _u16(buf, i + 6)
            if buf[i + 2] != 0x30 or x > MAX_IMAGE_WIDTH_BYTES or x * y > MAX_PAYLOAD:
                return Token(3, "?", True)
            return _need(n, 8 + x * y, "GS v 0")
        if c == ord("Q"):  # GS Q 0 m xL xH yL yH d..: variable-size raster image
            if n < 8:
                return None
            x, y = _u16(buf, i + 4), _u16(buf, i + 6)
            if buf[i + 2] != 0x30 or x > MAX_IMAGE_WIDTH_BYTES or x * y > MAX_PAYLOAD:
                return Token(3, "?", True)
            return _need(n, 8 + x * y, "GS Q 0")
        if c == ord("("):  # GS ( fn pL pH ...
            if n < 5:
                return None
            return _need(n, 5 + _u16(buf, i + 3), "GS ( " + chr(buf[i + 2]))
        if c == ord("8"):  # GS 8 fn p1 p2 p3 p4 ...: GS ( fn with a 32-bit length
            if n < 7:
                return None
            p = int.from_bytes(buf[i + 3 : i + 7], "little")
            if p > MAX_PAYLOAD:
                return Token(3, "?", True)
            return _need(n, 7 + p, "GS 8 " + chr(buf[i + 2]))
        if c == ord("*"):  # GS * x y d..(x*y*8): downloaded bit image
            if n < 4:
                return None
            return _need(n, 4 + buf[i + 2] * buf[i + 3] * 8, "GS *")
        if c == ord("k"):
            return _measure_barcode(buf, i, n)
        if c == ord("C"):  # counters: GS C 0 n m / GS C 1 a b n r / GS C 2 n
            if n < 3:
                return None
            sub = buf[i + 2]
            size = {0x30: 5, 0x31: 9, 0x32: 5}.get(sub)
            return _need(n, size, "GS C") if size else Token(3, "?", True)
        if c == ord("g"):  # GS g 0 m nL nH / GS g 2 m nL nH: maintenance counters
            return _need(n, 6, "GS g")
        return _fixed(buf, i, n, GS, c, "GS ")
    # FS
    if c == ord("("):
        if n < 5:
            return None
        return _need(n, 5 + _u16(buf, i + 3), "FS ( " + chr(buf[i + 2]))
    if c == ord("q"):  # FS q n [xL xH yL yH d..(x*y*8)]...: define NV images
        if n < 3:
            return None
        j = i + 3
        for _ in range(buf[i + 2]):
            if len(buf) < j + 4:
                return None
            j += 4 + _u16(buf, j) * _u16(buf, j + 2) * 8
            if j - i > MAX_PAYLOAD:
                return Token(3, "?", True)
        return _need(n, j - i, "FS q")
    if c == ord("g"):  # FS g 1 m a1..a4 nL nH d.. / FS g 2 m a1..a4 nL nH
        if n < 3:
            return None
        if buf[i + 2] == 0x31:
            if n < 10:
                return None
            return _need(n, 10 + _u16(buf, i + 8), "FS g 1")
        return _need(n, 10, "FS g")
    return _fixed(buf, i, n, FS, c, "FS ")


def _fixed(buf: bytes | bytearray, i: int, n: int, b: int, c: int, prefix: str) -> Token | None:
    size = _FIXED[b].get(c)
    if size is None:
        return _unknown(buf, i, False)
    if size == 3 and c in _ENUM_ARG[b]:
        if n < 3:
            return None
        if buf[i + 2] in (ESC, GS, FS):
            return Token(2, prefix + chr(c) + "?", True)
    return _need(n, size, prefix + chr(c))


def _measure_barcode(buf: bytes | bytearray, i: int, n: int) -> Token | None:
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


_SYMBOLOGY = {65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF",
              71: "CODABAR", 72: "CODE93", 73: "CODE128", 74: "GS1-128",
              75: "GS1 DataBar Omnidirectional", 76: "GS1 DataBar Truncated",
              77: "GS1 DataBar Limited", 78: "GS1 DataBar Expanded", 79: "CODE128 auto",
              0: "UPC-A", 1: "UPC-E", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF",
              6: "CODABAR"}
_2D = {48: "PDF417", 49: "QR", 50: "MaxiCode", 51: "GS1 DataBar 2D", 52: "Composite",
       53: "Aztec", 54: "DataMatrix"}


# --- the decoder ----------------------------------------------------------------


@dataclass(slots=True)
class _Receipt:
    """The receipt being captured."""

    raw: bytearray = field(default_factory=bytearray)
    lines: list[str] = field(default_factory=list)
    barcodes: list[Barcode] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    started_at: float | None = None
    commands: int = 0
    text_bytes: int = 0
    image_bytes: int = 0
    unknown: int = 0
    truncated: int = 0
    printed_text: bool = False  # some non-blank text

    def has_content(self) -> bool:
        return self.printed_text or bool(self.images) or bool(self.barcodes)


class EscposDecoder:
    """The ESC/POS stream of one printer link. Not thread-safe: one owner
    feeds it (the runtime's main loop)."""

    def __init__(self, profile: str = "epson", codepage: str | None = "cp437",
                 idle_gap_s: float = 3.0):
        if profile not in PROFILES:
            raise EscposError(f"unknown printer profile {profile!r} "
                              f"(known: {', '.join(sorted(PROFILES))})")
        try:
            self.default_codec = codec_for(codepage)
        except ValueError as exc:
            raise EscposError(str(exc)) from None
        self.profile = PROFILES[profile]
        self.idle_gap_s = idle_gap_s
        self._buf = bytearray()  # bytes of a command still incomplete
        self._r = _Receipt()
        self._last_byte_at: float | None = None
        # Totals since start (``agent status`` / ``agent receipt parse``).
        self.total_bytes = 0
        self.total_commands = 0
        self.total_unknown = 0
        self.total_truncated = 0
        self.discarded_bytes = 0  # content-less bytes of jobs that ended
        self.total_status_bytes = 0  # status queries (DLE EOT, GS r, ...): in no receipt
        self.receipts = 0
        self._reset_state()
        self._line = ""

    def _reset_state(self) -> None:
        self.codec = self.default_codec
        self.intl = 0
        self.bold = False
        self.width = 1
        self.height = 1
        self.page_mode = False
        self._seg = bytearray()  # text bytes not yet decoded (one code page)

    # --- public API ---------------------------------------------------------

    def feed(self, data: bytes, now: float) -> list[object]:
        """Bytes from the till, in any chunking. Returns the events they complete."""
        # A tuple, not ``bytes | bytearray | memoryview``: no Union built per call.
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise EscposError(f"feed() takes bytes, not {type(data).__name__}")
        if not data:
            return []
        out: list[object] = []
        self._last_byte_at = now
        self.total_bytes += len(data)
        self._buf += data
        self._run(now, out, final=False)
        return out

    def tick(self, now: float) -> list[object]:
        """Ends the receipt in progress when nothing came for ``idle_gap_s``
        (printers without a cutter; a till that stopped mid-receipt)."""
        if self._last_byte_at is None or now - self._last_byte_at < self.idle_gap_s:
            return []
        self._take_lines()
        if not (self._r.has_content() or self._line.strip() or self._seg.strip()):
            return []
        return self._end("idle_gap", now, self._last_byte_at)

    def end_of_job(self, now: float) -> list[object]:
        """The till closed its print job (TCP connection): what it sent is a
        whole receipt (or a cut-off one)."""
        return self._end("job_end", now, now)

    def flush(self, now: float) -> list[object]:
        """Shutdown: the receipt in progress, if any, ends now."""
        return self._end("flush", now, now)

    @property
    def unfinished(self) -> bytes:
        """Bytes since the last receipt that no receipt holds yet (setup
        commands after a cut, or a receipt in progress)."""
        return bytes(self._r.raw) + bytes(self._buf)

    @property
    def pending(self) -> bool:
        """Whether a receipt is in progress (bytes since the last boundary)."""
        return bool(self._r.raw or self._buf)

    # --- internals ------------------------------------------------------------

    def _end(self, how: str, now: float, ended_at: float) -> list[object]:
        out: list[object] = []
        if self._buf:  # a command cut short: the till stopped mid-command
            self._run(now, out, final=True)
        self._finish_line()
        if self._r.has_content():
            out.append(self._emit(how, ended_at))
        elif how in ("job_end", "flush") and self._r.raw:
            # A job that ended with nothing of a receipt in it (a till cut off
            # mid-logo, setup bytes alone): the next job is another
            # connection's stream and must not start with these bytes.
            self.discarded_bytes += len(self._r.raw)
            self._r = _Receipt()
        else:
            # Nothing printed yet (setup commands before an idle gap): the
            # receipt starts with the next bytes; these stay in its raw prefix.
            self._r.started_at = None
        return out

    def _run(self, now: float, out: list[object], final: bool) -> None:
        buf = self._buf
        size = len(buf)
        i = 0
        # The receipt's raw bytes are copied out of ``buf`` in slices from
        # ``raw_from``, not piece by piece: only a status query (never part of
        # a receipt) or a cut (the receipt leaves with its bytes) closes a slice.
        # Likewise its command and text byte counts are summed here and added
        # before a cut and at the end.
        raw_from = 0
        ncmd = ntext = 0
        text_in_call = 0  # text bytes this call added to _seg (see the end)
        is_text, fast, text_run = _IS_TEXT, _FAST, _TEXT_RUN.match
        while i < size:
            b = buf[i]
            if is_text[b]:
                j = text_run(buf, i).end()  # type: ignore[union-attr]  # is_text[b]: matches
                ntext += j - i
                text_in_call += j - i
                self._seg += buf[i:j]  # lines later (see _take_lines)
                i = j
                continue
            # Fast path: a command of a common receipt whose bytes are all here,
            # in one dict lookup, no Token and no copy (``_fast_table``).
            fx = fast.get(b << 8 | buf[i + 1]) if i + 1 < size else None
            if fx is not None:
                length, enum, handler, status, sizer = fx
                if sizer is not None:
                    length = sizer(buf, i, size)
                j = i + length
                if not length or j > size or (enum and buf[i + 2] in _PREFIXES):
                    fx = None
            if fx is None:
                tok = measure(buf, i, final)
                if tok is None:
                    break
                j = i + tok.length
                if tok.unknown:
                    self._unknown_command(tok, bytes(buf[i:j]), now, out)  # its bytes stay in raw
                    i = j
                    continue
                name = tok.name
                status = _STATUS_QUERIES.get(name)
                handler = _HANDLERS.get(name)
                if handler is None and (name.startswith("GS ( ") or name.startswith("GS 8 ")):
                    handler = EscposDecoder._h_gs_paren
            ncmd += 1
            if status is not None:
                # The till asking the printer (DLE EOT, GS r, GS a, ...): answered,
                # never printed, so not part of any receipt. A till polling status
                # between sales must not grow the next receipt's bytes.
                self._r.raw += buf[raw_from:i]
                raw_from = j
                self.total_status_bytes += j - i
                out.append(StatusQuery(status, buf[i + 2], now))
            elif handler is not None:
                if handler is _CUT:  # may emit the receipt: its bytes and counts first
                    r = self._r
                    r.raw += buf[raw_from:j]
                    raw_from = j
                    r.commands += ncmd
                    r.text_bytes += ntext
                    self.total_commands += ncmd
                    ncmd = ntext = 0
                handler(self, buf, i, j, now, out)
            i = j
        r = self._r
        if raw_from < i:
            r.raw += buf[raw_from:i]
        r.commands += ncmd
        r.text_bytes += ntext
        self.total_commands += ncmd
        del buf[:i]
        if self._seg:
            # Lines completed by this call are made now: a receipt arriving in
            # small reads (a serial tap) leaves little for the call with its cut.
            # Only this call's bytes can hold an LF (none is left between calls):
            # a long line arriving a byte at a time is not searched again each time.
            self._take_lines(max(0, len(self._seg) - text_in_call))
        if r.started_at is None and r.raw:
            # A receipt starts with its first byte (status queries are not
            # part of it); one begun and cut in this same call started now.
            r.started_at = now

    # Text is kept as bytes in ``_seg`` (LFs included) and turned into lines
    # at a command that ends a segment (a new code page, an image, a cut, ...),
    # at the end of a ``feed`` and before a tick looks at it. The result is the
    # same as one line at a time (no command between two LFs changes how they
    # decode) and a receipt's text becomes a few lines-at-once steps, not one
    # per run of text.

    def _take_lines(self, start: int = 0) -> None:
        """Turns the complete lines in ``_seg`` (up to its last LF) into
        receipt lines, each LF ending a segment and its line. ``start``: no
        LF before it."""
        seg = self._seg
        last = seg.rfind(LF, start)
        if last < 0:
            return
        block = seg[:last].translate(_HT_TO_SPACE, b"\r")
        del seg[: last + 1]
        codec, intl = self.codec, self.intl
        if self._line:
            # The line began before a segment-ending command (ESC t, ...):
            # its rest is the first part, one segment on that line.
            k = block.find(LF)
            first = block if k < 0 else block[:k]
            self._line += _decode(first, codec, intl)
            self._end_line()
            if k < 0:
                return
            block = block[k + 1 :]
        table = _charmap(codec)
        if table is not None and not _maybe_utf8(block):
            # No line can be UTF-8 and each byte decodes alone: one call for
            # all the lines gives what decoding them one by one would.
            text = codecs.charmap_decode(block, "replace", table)[0]
            if intl:
                text = text.translate(_INTL_TABLES[intl])
            parts = text.split("\n")
        else:  # UTF-8 is recognised per segment (line): line by line
            parts = [_decode(p, codec, intl) for p in block.split(b"\n")]
        lines = [s for p in parts if (s := p.rstrip())]
        if lines:
            self._r.lines += lines
            self._r.printed_text = True

    def _flush_segment(self) -> None:
        """A command ends the segment: its text so far joins the line."""
        if not self._seg:
            return
        self._take_lines()
        if self._seg:
            seg = self._seg.translate(_HT_TO_SPACE, b"\r")
            self._line += _decode(seg, self.codec, self.intl)
            self._seg.clear()

    def _finish_line(self) -> None:
        # Most commands that end a line come with nothing pending (the text
        # was made into lines at its LF): no calls then.
        if self._seg:
            self._flush_segment()
        if self._line:
            self._end_line()

    def _end_line(self) -> None:
        line = self._line.rstrip()
        self._line = ""
        if line:  # rstripped: not blank
            self._r.lines.append(line)
            self._r.printed_text = True

    def _unknown_command(self, tok: Token, cmd: bytes, now: float, out: list[object]) -> None:
        r = self._r
        if tok.name == "truncated":
            r.truncated += 1
            self.total_truncated += 1
        else:
            r.unknown += 1
            self.total_unknown += 1
        out.append(UnknownCommand(cmd[:3], len(cmd), now))

    # command handlers (by token name)

    # Each handler reads its command in place: ``buf[i:j]`` (no copy per command).

    def _h_init(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        if self._seg:
            self._flush_segment()
        was = (self.bold, self.width, self.height)
        self._reset_state()
        if was != (False, 1, 1):
            out.append(TextStyle(False, 1, 1, now))

    def _h_codepage(self, buf: bytearray, i: int, j: int, now: float,
                    out: list[object]) -> None:
        if self._seg:
            self._flush_segment()
        name = self.profile.codepages.get(buf[j - 1])
        if name:
            self.codec = name

    def _h_intl(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        if self._seg:
            self._flush_segment()
        n = buf[i + 2]
        self.intl = n if n in INTERNATIONAL else 0

    def _style(self, now: float, out: list[object], bold: bool | None = None,
               width: int | None = None, height: int | None = None) -> None:
        new = (self.bold if bold is None else bold, width or self.width,
               height or self.height)
        if new != (self.bold, self.width, self.height):
            self.bold, self.width, self.height = new
            out.append(TextStyle(*new, now))

    def _h_bold(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        bold = bool(buf[i + 2] & 1)  # _style without its tuples
        if bold != self.bold:
            self.bold = bold
            out.append(TextStyle(bold, self.width, self.height, now))

    def _h_size(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        n = buf[i + 2]  # GS ! n: width and height multipliers; _style without its tuples
        width, height = ((n >> 4) & 7) + 1, (n & 7) + 1
        if width != self.width or height != self.height:
            self.width, self.height = width, height
            out.append(TextStyle(self.bold, width, height, now))

    def _h_mode(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        n = buf[i + 2]  # ESC ! n: bit 3 emphasised, bit 4 double height, bit 5 double width
        self._style(now, out, bold=bool(n & 8), width=2 if n & 32 else 1,
                    height=2 if n & 16 else 1)

    def _h_print_feed(self, buf: bytearray, i: int, j: int, now: float,
                      out: list[object]) -> None:
        self._finish_line()

    def _h_cut(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._finish_line()
        if self._r.has_content():
            out.append(self._emit("cut", now))
        else:
            self._r.started_at = None

    def _h_page(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        page = buf[i] == ESC and buf[i + 1] == 0x4C  # ESC L (ESC S: standard mode)
        if page != self.page_mode:
            self.page_mode = page
            out.append(ModeChanged(page, now))

    def _h_ff(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._finish_line()
        if self.page_mode:  # FF in page mode: print the page, back to standard mode
            self.page_mode = False
            out.append(ModeChanged(False, now))

    def _image(self, kind: str, w: int, h: int, nbytes: int, now: float,
               out: list[object], data: bytes = b"", xscale: int = 1,
               yscale: int = 1) -> None:
        self._finish_line()
        img = Image(kind, w, h, nbytes, now, data, xscale, yscale)
        self._r.images.append(img)
        self._r.image_bytes += nbytes
        out.append(img)

    def _h_raster(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        m, x, y = buf[i + 3] & 3, _u16(buf, i + 4), _u16(buf, i + 6)
        # m: 1 double width, 2 double height, 3 both (GS Q 0 has no scaling)
        scaled = buf[i + 1] == ord("v")
        self._image("raster", x * 8, y, x * y, now, out, bytes(buf[i + 8 : j]),
                    2 if scaled and m & 1 else 1, 2 if scaled and m & 2 else 1)

    def _h_column(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        m, cols = buf[i + 2], _u16(buf, i + 3)
        # m 0/32: single density across (each column two dots wide); 0/1: 8-dot
        # bands, each dot about three printed dots tall.
        self._image("column", cols, 24 if m in (32, 33) else 8, j - i - 5, now, out,
                    bytes(buf[i + 5 : j]), 2 if m in (0, 32) else 1,
                    1 if m in (32, 33) else 3)

    def _h_nv(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._image("nv", 0, 0, 0, now, out)

    def _h_define(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        # Stored, not printed (FS q, GS *, ESC &): only counted.
        self._r.image_bytes += j - i

    def _h_barcode(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        m = buf[i + 2]
        data = buf[i + 3 : j - 1] if m <= 6 else buf[i + 4 : j]
        self._barcode(_SYMBOLOGY.get(m, f"GS k {m}"), bytes(data), now, out)

    def _barcode(self, sym: str, data: bytes, now: float, out: list[object]) -> None:
        self._finish_line()
        bc = Barcode(sym, data, now)
        self._r.barcodes.append(bc)
        self._r.image_bytes += len(data)
        out.append(bc)

    def _h_gs_paren(self, buf: bytearray, i: int, j: int, now: float,
                    out: list[object]) -> None:
        # GS ( k: 2D codes; GS ( L / GS 8 L: graphics (fn = buf[i + 2]). Body
        # after the length field.
        fn = buf[i + 2]
        start = i + (5 if buf[i + 1] == 0x28 else 7)
        if fn == 0x6B:  # GS ( k: most are settings (size, error correction, print)
            if j - start >= 3 and buf[start + 1] == 80:  # store the data: cn 80 m d..
                cn = buf[start]
                self._barcode(_2D.get(cn, f"2D {cn}"), bytes(buf[start + 3 : j]), now, out)
            return
        body = buf[start:j]
        if fn == 0x4C and len(body) >= 2:  # L
            f = body[1]
            if f == 112 and len(body) >= 10:  # store raster graphics in the print buffer
                # m fn a bx by c xL xH yL yH d..: a 48 monochrome; bx, by scale 1/2;
                # c the first colour plane (49) is the one a receipt prints in black.
                x, y = _u16(body, 6), _u16(body, 8)
                pixels = bytes(body[10:]) if body[2] == 48 and body[5] == 49 else b""
                self._image("raster", x, y, len(body) - 10, now, out, pixels,
                            2 if body[3] == 2 else 1, 2 if body[4] == 2 else 1)
            elif f == 113 and len(body) >= 9:  # column graphics
                x, y = _u16(body, 5), _u16(body, 7)
                self._image("column", x, y, len(body) - 9, now, out)
            else:
                self._r.image_bytes += max(0, len(body) - 2)

    def _emit(self, how: str, ended_at: float) -> ReceiptEnded:
        r = self._r
        self._r = _Receipt()
        self.receipts += 1
        started = r.started_at if r.started_at is not None else ended_at
        stats = TokenStats(r.commands, r.text_bytes, r.image_bytes, r.unknown, r.truncated)
        # ``r`` is dropped here, so its lists become the receipt's (no copies).
        receipt = CapturedReceipt(
            raw=bytes(r.raw), text=r.lines, barcodes=r.barcodes,
            images=r.images, raster_only=bool(r.images) and not r.printed_text,
            ended_by=how, started_at=started, ended_at=ended_at, stats=stats)
        return ReceiptEnded(receipt)


# Valid UTF-8 with a byte above 0x7F has a lead byte (C2-F4) followed by a
# continuation byte (80-BF): without one, trying UTF-8 (and raising) is waste.
_UTF8_PAIR = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_NOT_LEAD = bytes(b for b in range(256) if not 0xC2 <= b <= 0xF4)


def _maybe_utf8(data: bytes | bytearray) -> bool:
    """Whether ``data`` holds a lead byte followed by a continuation byte.
    The cheap answers first: ASCII, or no lead byte at all (a CP858 or CP1252
    pound is not one); a regex search costs several times a translate."""
    return (not data.isascii() and bool(data.translate(None, _NOT_LEAD))
            and _UTF8_PAIR.search(data) is not None)
_ALL_BYTES = bytes(range(256))
_CHARMAPS: dict[str, str | None] = {}


def _charmap(codec: str) -> str | None:
    """The 256-character decoding table of a stateless one-byte code page
    (every ``ESC t`` page is one), or None for any other codec. Decoding with
    the table directly skips the codec's Python wrapper; and since each byte
    decodes alone, a block of lines decodes in one call, then splits at the
    one character that LF (and nothing else) decodes to."""
    if codec not in _CHARMAPS:
        info = codecs.lookup(codec)
        module = sys.modules.get(getattr(info.decode, "__module__", ""))
        table = getattr(module, "decoding_table", None)
        if not (isinstance(table, str) and len(table) == 256 and table[LF] == "\n"
                and table.count("\n") == 1
                and info.decode(_ALL_BYTES, "replace")[0]
                == codecs.charmap_decode(_ALL_BYTES, "replace", table)[0]):
            table = None
        _CHARMAPS[codec] = table
    return _CHARMAPS[codec]


def _decode(data: bytes | bytearray, codec: str, intl: int) -> str:
    """Text bytes in the code page in force; valid multi-byte UTF-8 wins."""
    text = None
    if _maybe_utf8(data):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        table = _charmap(codec)
        if table is None:
            text = data.decode(codec, errors="replace")
        else:
            text = codecs.charmap_decode(data, "replace", table)[0]
    if intl:
        text = text.translate(_INTL_TABLES[intl])
    return text


_STATUS_QUERIES = {"DLE EOT": "dle_eot", "GS r": "gs_r", "GS a": "asb", "GS I": "gs_i",
                   "ESC u": "esc_u", "ESC v": "esc_v"}

_HANDLERS = {
    "ESC @": EscposDecoder._h_init,
    "ESC t": EscposDecoder._h_codepage,
    "ESC GS t": EscposDecoder._h_codepage,
    "ESC R": EscposDecoder._h_intl,
    "ESC E": EscposDecoder._h_bold,
    "ESC G": EscposDecoder._h_bold,
    "ESC !": EscposDecoder._h_mode,
    "GS !": EscposDecoder._h_size,
    "ESC d": EscposDecoder._h_print_feed,
    "ESC J": EscposDecoder._h_print_feed,
    "ESC e": EscposDecoder._h_print_feed,
    "ESC K": EscposDecoder._h_print_feed,
    "ESC \x0c": EscposDecoder._h_print_feed,  # ESC FF: print the page (page mode)
    "GS V": EscposDecoder._h_cut,
    "ESC i": EscposDecoder._h_cut,
    "ESC m": EscposDecoder._h_cut,
    "ESC L": EscposDecoder._h_page,
    "ESC S": EscposDecoder._h_page,
    "FF": EscposDecoder._h_ff,
    "GS v 0": EscposDecoder._h_raster,
    "GS Q 0": EscposDecoder._h_raster,
    "ESC *": EscposDecoder._h_column,
    "FS p": EscposDecoder._h_nv,
    "GS /": EscposDecoder._h_nv,
    "FS q": EscposDecoder._h_define,
    "GS *": EscposDecoder._h_define,
    "ESC &": EscposDecoder._h_define,
    "GS k": EscposDecoder._h_barcode,
}
_CUT = EscposDecoder._h_cut  # the one handler that may emit a receipt (see _run)


# Sizers for the variable-length commands of a common receipt (a logo, QR
# codes, the cut): the total length when the command is known and complete
# with the bytes there, else 0 (``measure`` then decides: wait, unknown,
# truncated). Each mirrors its branch in ``_measure`` for the known case.


def _size_paren(buf: bytearray, i: int, size: int) -> int:
    """``GS ( fn pL pH ...``, ``ESC ( fn ...``, ``FS ( fn ...``."""
    return 5 + (buf[i + 3] | buf[i + 4] << 8) if i + 5 <= size else 0


def _size_cut(buf: bytearray, i: int, size: int) -> int:
    """``GS V m`` or ``GS V m n``."""
    if i + 3 > size:
        return 0
    m = buf[i + 2]
    return 3 if m in (0, 1, 48, 49) else 4 if m in (65, 66, 97, 98, 103, 104) else 0


def _size_raster(buf: bytearray, i: int, size: int) -> int:
    """``GS v 0 m xL xH yL yH d..``."""
    if i + 8 > size or buf[i + 2] != 0x30:
        return 0
    x, y = _u16(buf, i + 4), _u16(buf, i + 6)
    return 8 + x * y if x <= MAX_IMAGE_WIDTH_BYTES and x * y <= MAX_PAYLOAD else 0


def _fast_table() -> dict[int, tuple]:
    """``(prefix << 8 | second byte)`` -> (length, enumerated argument, handler,
    status kind, sizer): the decoder's one-lookup path, for every fixed-length
    command ``_measure`` takes from ``_FIXED`` and, with a sizer, the few
    variable-length ones of a common receipt. An enumerated argument that is a
    command prefix is a malformed command: the path leaves it to ``measure``."""
    table: dict[int, tuple] = {}
    for b, commands in _FIXED.items():
        for c, length in commands.items():
            if c in _SPECIAL[b]:
                continue
            name = _PREFIX_NAMES[b] + chr(c)
            enum = length == 3 and c in _ENUM_ARG[b]
            table[b << 8 | c] = (length, enum, _HANDLERS.get(name), _STATUS_QUERIES.get(name),
                                 None)
    table[GS << 8 | ord("(")] = (0, False, EscposDecoder._h_gs_paren, None, _size_paren)
    table[ESC << 8 | ord("(")] = (0, False, None, None, _size_paren)
    table[FS << 8 | ord("(")] = (0, False, None, None, _size_paren)
    table[GS << 8 | ord("V")] = (0, False, _HANDLERS["GS V"], None, _size_cut)
    table[GS << 8 | ord("v")] = (0, False, _HANDLERS["GS v 0"], None, _size_raster)
    return table


_FAST = _fast_table()
