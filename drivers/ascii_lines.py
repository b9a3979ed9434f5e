"""Pure decoder for line-oriented card readers (Wiegand-to-serial converters and
other "ASCII" readers): one card id per line, hex or decimal, ended by CR, LF
or CR LF.

The uid handed on is always what the roster stores (sync-protocol: upper-case
hex, no separators), whatever the reader prints:

* ``hex``: separators (``:`` ``-`` space) dropped, letters upper-cased;
* ``decimal``: the number converted to upper-case hex, zero-padded to 8 digits
  (a 32-bit card number, as 10-digit "decimal" readers print it), or to an
  even number of digits for wider ids. So the same card gives the same uid on
  a hex reader, a decimal reader and the keyboard wedge.

Bad input never raises: an overlong line, a line with characters that are
not part of an id, or a line too short to be a card is a ``FrameRejected``
with a fixed reason (never the data). ``feed`` may be given any chunking of
the stream: the events are the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from drivers.events import CardRead, FrameRejected

Format = Literal["hex", "decimal"]

HEX_DIGITS = frozenset("0123456789ABCDEF")
SEPARATORS = frozenset(":- ")
# Framing some converters wrap around the id (STX/ETX) or pad with (TAB, NUL).
_STRIP = " \t\x00\x02\x03"

# facility,card (or facility/card) of a Wiegand 26 frame (HID H10301).
_WIEGAND = re.compile(r"(\d{1,3})\s*[,/]\s*(\d{1,5})")

REASON_OVERLONG = "overlong line"
REASON_BAD_CHAR = "not a card id"
REASON_SHORT = "too short"
REASON_LONG = "id too long"


def normalise_uid(text: str, fmt: Format = "hex", min_len: int = 4,
                  max_len: int = 20) -> tuple[str | None, str]:
    """Turn what a reader printed into the roster's uid form.

    Returns ``(uid, "")`` or ``(None, reason)``; ``min_len``/``max_len``
    bound the printed digits (separators excluded). A Wiegand 26
    ``facility,card`` line (``111,27706``, a Wiegand-to-serial converter's
    usual output) is handed on as ``FFF,CCCCC``: the roster lookup
    (``sync.card_ids``) matches it against any form of the card."""
    m = _WIEGAND.fullmatch(text.strip())
    if m and int(m.group(1)) <= 0xFF and int(m.group(2)) <= 0xFFFF:
        return f"{int(m.group(1)):03d},{int(m.group(2)):05d}", ""
    digits = "".join(ch for ch in text.upper() if ch not in SEPARATORS)
    if not digits:
        return None, REASON_SHORT
    if fmt == "decimal":
        if not digits.isascii() or not digits.isdigit():
            return None, REASON_BAD_CHAR
    elif not set(digits) <= HEX_DIGITS:
        return None, REASON_BAD_CHAR
    if len(digits) < min_len:
        return None, REASON_SHORT
    if len(digits) > max_len:
        return None, REASON_LONG
    if fmt == "decimal":
        value = int(digits)
        width = max(8, (value.bit_length() + 7) // 8 * 2)
        return f"{value:0{width}X}", ""
    return digits, ""


@dataclass
class AsciiLineDecoder:
    """Bytes from a line reader in, ``CardRead``/``FrameRejected`` out.

    ``max_line`` bounds a line in bytes (framing included): longer input is
    rejected once and skipped up to the next line end, so a stuck or noisy
    line cannot grow memory."""

    reader: str
    fmt: Format = "hex"
    min_len: int = 4
    max_len: int = 20
    max_line: int = 40
    frames: int = 0
    rejected: int = 0
    _buf: bytearray = field(default_factory=bytearray, repr=False)
    _skipping: bool = field(default=False, repr=False)
    _skipped: int = field(default=0, repr=False)

    def feed(self, data: bytes, now: float) -> list[CardRead | FrameRejected]:
        """Decode a chunk of the stream; ``now`` stamps the events."""
        out: list[CardRead | FrameRejected] = []
        for b in data:
            if b in (0x0D, 0x0A):
                if self._skipping:
                    self._skipping = False
                    self._skipped = 0
                elif self._buf:
                    out.append(self._line(bytes(self._buf), now))
                self._buf.clear()
                continue
            if self._skipping:
                self._skipped += 1
                continue
            self._buf.append(b)
            if len(self._buf) > self.max_line:
                self.rejected += 1
                out.append(FrameRejected(self.reader, REASON_OVERLONG, now, len(self._buf)))
                self._buf.clear()
                self._skipping = True
        return out

    def _line(self, raw: bytes, now: float) -> CardRead | FrameRejected:
        text = raw.decode("latin-1").strip(_STRIP)
        if not text:
            # Only framing or padding: nothing was read, nothing to report.
            self.rejected += 1
            return FrameRejected(self.reader, REASON_SHORT, now, len(raw))
        uid, reason = normalise_uid(text, self.fmt, self.min_len, self.max_len)
        if uid is None:
            self.rejected += 1
            return FrameRejected(self.reader, reason, now, len(raw))
        self.frames += 1
        return CardRead(self.reader, uid, now)

    def stats(self) -> dict[str, int]:
        return {"frames": self.frames, "rejected": self.rejected}
