"""The simulated receipt printer's sans-IO core (``hwsim.printer`` serves it
on TCP or a pseudo-terminal, ``hwsim.usb_backend`` on USB): fed bytes, it
keeps everything it printed (``received``; ``receipts`` split at cuts) and
returns the bytes a real printer would send back (``DLE EOT n`` status
replies, Epson bit layout). Commands are framed by its own small table,
never by ``drivers/`` (a simulator that shared the decoder's code would
share its mistakes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

# ESC commands with no argument; every other ESC x takes one byte unless listed.
_ESC_NOARG = set(b"@im2<=")
_ESC_TWO_ARGS = set(b"c")  # ESC c 3 n / ESC c 4 n / ESC c 5 n
_GS_CUT_NOARG = {0, 1, 48, 49}


def _command_length(buf: bytes | bytearray, i: int) -> int:
    """Length of the command starting at ``buf[i]``, or 0 when it is not all
    there yet. Text and plain control bytes are length 1. Unknown commands get
    a best-effort length: the simulator never raises on odd input."""
    n = len(buf) - i
    b = buf[i]
    if b not in (0x10, 0x1B, 0x1C, 0x1D):
        return 1
    if n < 2:
        return 0
    c = buf[i + 1]
    if b == 0x10:  # DLE
        if c in (0x04, 0x05):
            return 3 if n >= 3 else 0
        if c == 0x14:
            return 5 if n >= 5 else 0
        return 2
    if b == 0x1B:  # ESC
        if c in _ESC_NOARG:
            return 2
        if c in _ESC_TWO_ARGS:
            return 4 if n >= 4 else 0
        if c == ord("p"):
            return 5 if n >= 5 else 0
        if c == ord("$"):
            return 4 if n >= 4 else 0
        if c == ord("*"):
            if n < 5:
                return 0
            m, cols = buf[i + 2], buf[i + 3] | (buf[i + 4] << 8)
            total = 5 + cols * (3 if m in (32, 33) else 1)
            return total if n >= total else 0
        return 3 if n >= 3 else 0
    if b == 0x1C:  # FS
        if c == ord("p"):
            return 4 if n >= 4 else 0
        if c in (ord("."), ord("&")):
            return 2
        return 3 if n >= 3 else 0
    # GS
    if c == ord("V"):
        if n < 3:
            return 0
        if buf[i + 2] in _GS_CUT_NOARG:
            return 3
        return 4 if n >= 4 else 0
    if c == ord("v"):
        if n < 8:
            return 0
        w = buf[i + 4] | (buf[i + 5] << 8)
        h = buf[i + 6] | (buf[i + 7] << 8)
        total = 8 + w * h
        return total if n >= total else 0
    if c in (ord("("), ):
        if n < 5:
            return 0
        total = 5 + (buf[i + 3] | (buf[i + 4] << 8))
        return total if n >= total else 0
    if c == ord("8"):
        if n < 7:
            return 0
        p = int.from_bytes(buf[i + 3 : i + 7], "little")
        total = 7 + p
        return total if n >= total else 0
    if c == ord("k"):
        if n < 3:
            return 0
        m = buf[i + 2]
        if m <= 6:  # NUL-terminated form
            end = buf.find(b"\x00", i + 3)
            return end - i + 1 if end >= 0 else 0
        if n < 4:
            return 0
        total = 4 + buf[i + 3]
        return total if n >= total else 0
    if c in (ord("L"), ord("W")):
        return 4 if n >= 4 else 0
    if c == ord("*"):
        if n < 4:
            return 0
        total = 4 + buf[i + 2] * buf[i + 3] * 8
        return total if n >= total else 0
    return 3 if n >= 3 else 0


def _is_cut(cmd: bytes) -> bool:
    return cmd[:2] in (b"\x1dV", b"\x1bi", b"\x1bm")


@dataclass
class PrinterCore:
    """What the printer did with the bytes it got. Fault switches are plain
    attributes (``paper_out``, ``paper_near_end``, ``cover_open``, ``offline``)."""

    paper_out: bool = False
    paper_near_end: bool = False
    cover_open: bool = False
    offline: bool = False
    received: bytearray = field(default_factory=bytearray)
    receipts: list[bytes] = field(default_factory=list)
    status_requests: list[int] = field(default_factory=list)
    replies: bytearray = field(default_factory=bytearray)
    _current: bytearray = field(default_factory=bytearray)
    _pending: bytearray = field(default_factory=bytearray)
    #: Where every byte received is also written, as it arrives (``--save``).
    save: BinaryIO | None = None

    def feed(self, data: bytes) -> bytes:
        """Take bytes from the host; return the bytes to send back."""
        self.received += data
        if self.save is not None:
            # In feed's own order (the front ends call it under their lock), so
            # the file holds exactly what arrived, however fast it came.
            self.save.write(data)
        self._pending += data
        out = bytearray()
        i = 0
        buf = self._pending
        while i < len(buf):
            n = _command_length(buf, i)
            if n == 0:
                break
            cmd = bytes(buf[i : i + n])
            i += n
            if cmd[:2] == b"\x10\x04":
                self.status_requests.append(cmd[2])
                out += self.status_byte(cmd[2])
                continue  # real-time commands are not printed
            self._current += cmd
            if _is_cut(cmd):
                self.receipts.append(bytes(self._current))
                self._current.clear()
        del buf[:i]
        self.replies += out
        return bytes(out)

    @property
    def unfinished(self) -> bytes:
        """Bytes printed since the last cut (a receipt with no cut yet)."""
        return bytes(self._current)

    def status_byte(self, n: int) -> bytes:
        """The ``DLE EOT n`` reply: bits 1 and 4 are always 1 (0x12), the rest
        per the Epson TM spec."""
        s = 0x12
        stopped = self.offline or self.paper_out or self.cover_open
        if n == 1:  # printer status: bit 3 offline
            if stopped:
                s |= 0x08
        elif n == 2:  # offline cause: bit 2 cover open, bit 5 paper end stop
            if self.cover_open:
                s |= 0x04
            if self.paper_out:
                s |= 0x20
            if self.offline and not (self.cover_open or self.paper_out):
                s |= 0x40  # error occurred
        elif n == 3:  # error cause: nothing simulated
            pass
        elif n == 4:  # roll paper sensor: bits 2,3 near end; bits 5,6 paper end
            if self.paper_near_end or self.paper_out:
                s |= 0x0C
            if self.paper_out:
                s |= 0x60
        else:
            return b""  # not a valid request: a real printer ignores it
        return bytes([s])
