"""Pure decoder for RDM6300-style 125 kHz (EM4100) reader frames.

A frame is 14 bytes: ``0x02``, 10 ASCII hex digits (1 version/customer byte
then the 4-byte card id), 2 ASCII hex digits of checksum (the XOR of the five
data bytes), ``0x03``.

Which uid: the **8-hex card id** (the last 4 data bytes), not the full 10 hex.
It is the number a school's MIS and a decimal or keyboard-wedge reader show
for the same EM card; the version byte is a manufacturer/customer code that
those readers drop. The roster lookup (``sync/card_ids.py``) matches this
read against a roster in any form, 10-hex included, so no setting is needed;
``full_id=True`` (all 10 hex) is for callers that want the version byte.

Resynchronisation: bytes outside a frame are a garbage run, reported once as
``FrameRejected("garbage")`` when the next ``0x02`` ends it. A frame with a
non-hex digit or without its ``0x03`` is "malformed": only its ``0x02`` is
dropped and scanning resumes at the next byte, so a real frame that started
inside the broken one is still found. A well-formed frame with a wrong
checksum is dropped whole. Events do not depend on how the stream is chunked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.events import CardRead, FrameRejected

STX, ETX = 0x02, 0x03
FRAME_LEN = 14
_HEX = frozenset(b"0123456789ABCDEFabcdef")

REASON_GARBAGE = "garbage"
REASON_MALFORMED = "malformed frame"
REASON_CHECKSUM = "bad checksum"


def frame_checksum(data_hex: bytes) -> int:
    """XOR of the five bytes the 10 hex digits stand for."""
    x = 0
    for i in range(0, 10, 2):
        x ^= int(data_hex[i : i + 2], 16)
    return x


@dataclass
class Rdm6300Decoder:
    """Bytes from an RDM6300 in, ``CardRead``/``FrameRejected`` out."""

    reader: str
    full_id: bool = False
    frames: int = 0
    rejected: int = 0
    _buf: bytearray = field(default_factory=bytearray, repr=False)
    _garbage: int = field(default=0, repr=False)

    def feed(self, data: bytes, now: float) -> list[CardRead | FrameRejected]:
        """Decode a chunk of the stream; ``now`` stamps the events."""
        out: list[CardRead | FrameRejected] = []
        self._buf += data
        buf = self._buf
        i = 0
        while i < len(buf):
            if buf[i] != STX:
                # Count the run without keeping it: noise cannot grow memory.
                j = buf.find(STX, i)
                j = len(buf) if j < 0 else j
                self._garbage += j - i
                i = j
                continue
            if self._garbage:
                out.append(self._reject(REASON_GARBAGE, self._garbage, now))
                self._garbage = 0
            # buf[i] is STX: check what has arrived of the frame so far.
            end = min(len(buf), i + FRAME_LEN)
            bad = next((k for k in range(i + 1, min(end, i + 13)) if buf[k] not in _HEX), None)
            if bad is None and end == i + FRAME_LEN and buf[i + 13] != ETX:
                bad = i + 13
            if bad is not None:
                out.append(self._reject(REASON_MALFORMED, 1, now))
                i += 1  # drop the STX only; rescan what followed it
                continue
            if end < i + FRAME_LEN:
                break  # a partial frame: wait for the rest
            frame = bytes(buf[i : i + FRAME_LEN])
            i += FRAME_LEN
            ev = self._frame(frame, now)
            out.append(ev)
        del buf[:i]
        return out

    def _frame(self, frame: bytes, now: float) -> CardRead | FrameRejected:
        data_hex, check_hex = frame[1:11], frame[11:13]
        if frame_checksum(data_hex) != int(check_hex, 16):
            return self._reject(REASON_CHECKSUM, FRAME_LEN, now)
        self.frames += 1
        uid = data_hex.decode("ascii").upper()
        return CardRead(self.reader, uid if self.full_id else uid[2:], now)

    def _reject(self, reason: str, nbytes: int, now: float) -> FrameRejected:
        self.rejected += 1
        return FrameRejected(self.reader, reason, now, nbytes)

    def stats(self) -> dict[str, int]:
        return {"frames": self.frames, "rejected": self.rejected}
