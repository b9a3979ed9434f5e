"""Printer status replies (sans-IO): the bytes a receipt printer sends back
to the till, decoded into ``drivers.events.PrinterStatus``.

The agent never asks the printer anything itself: it watches what the till
asks (``drivers.escpos.StatusQuery``, handed to ``expect``) and reads the
printer's answer on the way back. Decoded (Epson bit layouts):

* ``DLE EOT n`` replies, one byte ``0xx1xx10``: n=1 printer (bit 3 offline),
  n=2 offline cause (bit 2 cover open, bit 5 stopped by paper end, bit 6
  error), n=3 error cause (bits 3, 5, 6), n=4 roll paper (bits 2-3 near end,
  bits 5-6 paper end);
* ``GS r 1`` / ``GS r 49`` paper sensor replies, one byte ``0xx0xxxx`` (bits
  0-1 near end, bits 2-3 paper end); ``GS r 2`` (drawer) is consumed;
* Automatic Status Back (``GS a n``): four bytes, the first ``0xx1xx00``,
  the others ``0xx0xxxx``; recognised whether or not the enabling command was
  seen (the till may have enabled it before the agent started);
* ``GS I n`` printer-id replies and the old ``ESC u`` / ``ESC v`` replies are
  consumed.

Bytes that fit nothing expected are ignored and counted (``ignored``); the
decoder never raises on what the printer sends.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from drivers.events import PrinterStatus

# An expectation older than this is dropped: the printer did not answer it
# (unplugged, or the reply went nowhere we can see).
EXPECT_TIMEOUT_S = 5.0
MAX_EXPECTED = 32
MAX_ID_REPLY = 80  # GS I 65..69: "_" + text + NUL


def _is_dle_eot_reply(b: int) -> bool:
    return (b & 0x93) == 0x12


def _is_asb_first(b: int) -> bool:
    return (b & 0x93) == 0x10


def _is_asb_rest(b: int) -> bool:
    return (b & 0x90) == 0x00


class StatusReplyDecoder:
    """The printer -> till direction of one printer link."""

    def __init__(self) -> None:
        self._expected: deque[Any] = deque(maxlen=MAX_EXPECTED)
        self._buf = bytearray()
        self.replies = 0  # replies decoded
        self.ignored = 0  # bytes that fit nothing

    def expect(self, q: Any) -> None:
        """The till asked ``q`` (a ``StatusQuery``): its reply comes next.
        ``GS a`` (ASB on/off) needs no expectation: ASB blocks are recognised
        by their shape."""
        if getattr(q, "kind", None) in ("dle_eot", "gs_r", "gs_i", "esc_u", "esc_v"):
            self._expected.append(q)

    def feed(self, data: bytes, now: float) -> list[PrinterStatus]:
        """Bytes from the printer; returns the statuses they complete."""
        while self._expected and now - float(self._expected[0].at) > EXPECT_TIMEOUT_S:
            self._expected.popleft()
        self._buf += bytes(data)
        out: list[PrinterStatus] = []
        while self._buf:
            used = self._one(now, out)
            if used == 0:
                break
            del self._buf[:used]
        return out

    @property
    def expecting(self) -> int:
        return len(self._expected)

    def _one(self, now: float, out: list[PrinterStatus]) -> int:
        """Decode from the head of the buffer; the bytes used (0: wait)."""
        buf = self._buf
        b = buf[0]
        q = self._expected[0] if self._expected else None
        kind = getattr(q, "kind", None)
        if kind == "gs_i":
            used = self._printer_id(q)
            if used >= 0:
                return used
            return self._one(now, out)  # not its reply: the next expectation, if any
        if kind == "dle_eot" and _is_dle_eot_reply(b):
            self._expected.popleft()
            self.replies += 1
            st = _dle_eot(int(q.n), b, now)
            if st is not None:
                out.append(st)
            return 1
        if _is_asb_first(b):
            if len(buf) < 4:
                return 0
            if all(_is_asb_rest(x) for x in buf[1:4]):
                self.replies += 1
                out.append(_asb(bytes(buf[:4]), now))
                return 4
        if kind in ("gs_r", "esc_u", "esc_v") and (b & 0x90) == 0:
            self._expected.popleft()
            self.replies += 1
            if kind == "gs_r" and int(q.n) in (1, 49):
                out.append(PrinterStatus(at=now, paper_near_end=bool(b & 0x03),
                                         paper_out=bool(b & 0x0C), raw=bytes([b])))
            return 1
        self.ignored += 1
        return 1

    def _printer_id(self, q: Any) -> int:
        """Bytes of a GS I reply (0: wait; -1: the head is not its reply)."""
        buf = self._buf
        if int(q.n) in range(65, 70) or int(q.n) == 112:
            if buf[0] != 0x5F:  # not the "_" header: not this reply
                self._expected.popleft()
                return -1
            end = buf.find(b"\x00", 1, MAX_ID_REPLY)
            if end < 0:
                if len(buf) < MAX_ID_REPLY:
                    return 0
                end = MAX_ID_REPLY - 1
            self._expected.popleft()
            self.replies += 1
            return end + 1
        self._expected.popleft()
        self.replies += 1
        return 1


def _dle_eot(n: int, b: int, now: float) -> PrinterStatus | None:
    raw = bytes([b])
    if n == 1:
        return PrinterStatus(at=now, online=not b & 0x08, raw=raw)
    if n == 2:
        return PrinterStatus(at=now, cover_open=bool(b & 0x04), paper_out=bool(b & 0x20),
                             error=bool(b & 0x40), raw=raw)
    if n == 3:
        return PrinterStatus(at=now, error=bool(b & 0x68), raw=raw)
    if n == 4:
        return PrinterStatus(at=now, paper_near_end=bool(b & 0x0C), paper_out=bool(b & 0x60),
                             raw=raw)
    return None  # n 7/8 (ink, etc.): consumed, nothing we report


def _asb(block: bytes, now: float) -> PrinterStatus:
    b1, b2, b3, _b4 = block
    return PrinterStatus(at=now, online=not b1 & 0x08, cover_open=bool(b1 & 0x20),
                         error=bool(b2 & 0x6C), paper_near_end=bool(b3 & 0x03),
                         paper_out=bool(b3 & 0x0C), raw=block)
