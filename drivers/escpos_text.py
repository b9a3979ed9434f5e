"""What the bytes of a receipt's text print as: the printer families'
numbering of code pages (``ESC t n``), the international character sets
(``ESC R n``: UK turns ``#`` into the pound sign), and the decoding of a run of
text in the code page in force, where valid multi-byte UTF-8 wins (some tills
send UTF-8 to printers set up for it; a single CP437/CP858 pound byte 0x9C is
never valid UTF-8, so the two cannot be confused), and Kanji (double-byte)
mode's code systems (``DOUBLE_BYTE``). Pure: used by the decoder
(``drivers.escpos``) and by the config's checks."""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass

from drivers.escpos_commands import LF


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
# Epson pages with no Python codec: the Thai pages (20 Thai character code 42,
# 21-26 Thai 11, 13, 14, 16, 17, 18), 6 Hiragana, 7-8 one-pass Kanji, 11 PC851,
# 12 PC853, 30-31 TCVN-3, 41 PC1098, 42 PC1118, 43 PC1119, 255 user-defined.
# Their upper half reads as replacement characters, counted as unknown text
# (``UNMAPPED``); never as the page in force before.
for _n in (6, 7, 8, 11, 12, 20, 21, 22, 23, 24, 25, 26, 30, 31, 41, 42, 43, 255):
    _EPSON[_n] = "unmapped"
# Page 1, Katakana: JIS X 0201 half-width katakana in 0xA1-0xDF.
_EPSON[1] = "epson_katakana"

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
INTL_TABLES = {n: str.maketrans(m) for n, m in INTERNATIONAL.items()}


def codec_for(name: str | None) -> str:
    """A Python codec name for a configured code page ("cp858", "CP1252",
    "pc437"); unknown -> ValueError naming it."""
    if not name:
        return "cp437"
    n = name.strip().lower().replace("-", "").replace("_", "")
    n = {"pc437": "cp437", "pc850": "cp850", "pc858": "cp858", "wpc1252": "cp1252",
         "windows1252": "cp1252", "latin1": "latin_1", "utf8": "utf_8"}.get(n, n)
    try:
        return codecs.lookup(n).name
    except LookupError:
        raise ValueError(f"unknown code page {name!r}") from None


# Valid UTF-8 with a byte above 0x7F has a lead byte (C2-F4) followed by a
# continuation byte (80-BF): without one, trying UTF-8 (and raising) is waste.
_UTF8_PAIR = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_NOT_LEAD = bytes(b for b in range(256) if not 0xC2 <= b <= 0xF4)


def maybe_utf8(data: bytes | bytearray) -> bool:
    """Whether ``data`` holds a lead byte followed by a continuation byte.
    The cheap answers first: ASCII, or no lead byte at all (a CP858 or CP1252
    pound is not one); a regex search costs several times a translate."""
    return (not data.isascii() and bool(data.translate(None, _NOT_LEAD))
            and _UTF8_PAIR.search(data) is not None)
_ALL_BYTES = bytes(range(256))
UNKNOWN_CHAR = "\ufffd"
_ASCII = _ALL_BYTES[:128].decode("ascii")
# Our own one-byte tables for the ``ESC t`` pages no Python codec holds.
# Epson's page 1 prints JIS X 0201 katakana at 0xA1-0xDF (U+FF61-U+FF9F, as
# ``shift_jis`` decodes them); 0x80-0xA0 and 0xE0-0xFF hold Epson's own
# graphic symbols (lines, blocks, a few kanji such as 年月日) with no fixed
# Unicode mapping: unknown, like every upper-half byte of an unmapped page.
_CHARMAPS: dict[str, str | None] = {
    "epson_katakana": _ASCII + UNKNOWN_CHAR * 33
    + bytes(range(0xA1, 0xE0)).decode("shift_jis") + UNKNOWN_CHAR * 32,
    "unmapped": _ASCII + UNKNOWN_CHAR * 128,
}


def charmap(codec: str) -> str | None:
    """The 256-character decoding table of a stateless one-byte code page
    (every ``ESC t`` page is one), or None for any other codec. Decoding with
    the table directly skips the codec's Python wrapper; and since each byte
    decodes alone, a block of lines decodes in one call, then splits at the
    one character that LF (and nothing else) decodes to."""
    if codec not in _CHARMAPS:
        if codec in _DOUBLE_CODECS:
            return None
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


# Kanji (double-byte) mode, ``FS &`` on / ``FS .`` off: the Python codec of
# each code system a printer model may read. Japanese models choose theirs
# with ``FS C n`` (0/48 JIS, 1/49 Shift JIS, 2/50 Shift JIS-2004); Chinese,
# Taiwanese and Korean models have one each, fixed by the model (GB2312 is
# the two-byte part of GB18030, so one codec reads both).
DOUBLE_BYTE = {
    "jis": "jis",  # JIS X 0208 rows as byte pairs 0x21-0x7E (see _decode_jis)
    "shift_jis": "cp932", "cp932": "cp932", "sjis": "cp932",
    "shift_jis_2004": "shift_jis_2004",
    "gb18030": "gb18030", "gb2312": "gb18030", "gbk": "gb18030",
    "big5": "big5", "cp950": "big5",
    "ks_c_5601": "cp949", "cp949": "cp949", "euc_kr": "cp949",
}
_DOUBLE_CODECS = frozenset(DOUBLE_BYTE.values())
JAPANESE = ("jis", "cp932", "shift_jis_2004")
FS_C_SYSTEMS = {0: "jis", 48: "jis", 1: "cp932", 49: "cp932", 2: "shift_jis_2004",
                50: "shift_jis_2004"}
"""``FS C n``: a Japanese model's code system by ``n`` (Epson TM-P60
specification, FS C; other models ignore the command)."""


def double_byte_for(name: str) -> str:
    """The decoder's name for a configured double-byte code system
    ("GB18030", "Shift-JIS", "KS C 5601", "big5", "jis"); unknown -> ValueError."""
    n = name.strip().lower().replace("-", "_").replace(" ", "_")
    if n not in DOUBLE_BYTE:
        raise ValueError(f"unknown double-byte code system {name!r} "
                         f"(known: {', '.join(sorted(DOUBLE_BYTE))})")
    return DOUBLE_BYTE[n]


# JIS mode: each pair of bytes 0x21-0x7E is one JIS X 0208 character; as
# EUC-JP it is the same pair with the top bits set. A byte above 0x7F cannot
# be part of a pair in JIS: it becomes 0xFF, which EUC-JP never decodes.
_JIS_TO_EUC = bytes(b | 0x80 if 0x21 <= b <= 0x7E else 0xFF if b > 0x7E else b
                    for b in range(256))


def _decode_double(data: bytes | bytearray, codec: str) -> str:
    if codec == "jis":
        return data.translate(_JIS_TO_EUC).decode("euc_jp", errors="replace")
    return data.decode(codec, errors="replace")


def decode_text(data: bytes | bytearray, codec: str, intl: int) -> str:
    """Text bytes in the code page in force; valid multi-byte UTF-8 wins,
    except in Kanji mode (``codec`` a ``DOUBLE_BYTE`` value): the printer reads
    pairs there, so the tap does too (a pair that is not a character, or a lone
    lead byte, decodes as U+FFFD)."""
    if codec in _DOUBLE_CODECS:
        text = _decode_double(data, codec)
        return text.translate(INTL_TABLES[intl]) if intl else text
    text = None
    if maybe_utf8(data):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        table = charmap(codec)
        if table is None:
            text = data.decode(codec, errors="replace")
        else:
            text = codecs.charmap_decode(data, "replace", table)[0]
    if intl:
        text = text.translate(INTL_TABLES[intl])
    return text
