"""The packet codec of the R30x / ZFM-20 / AS608 fingerprint modules, sans-IO:
the requests the agent sends, encoded, and the module's bytes, in any
chunking, decoded into packets (``drivers.fingerprint`` is the session that
uses them).

Every packet, either way::

    EF 01 | address (4) | pid (1) | length (2) = len(payload) + 2 | payload | checksum (2)

``checksum`` is the sum of the pid byte, both length bytes and the payload
bytes, modulo 65536. The pid says what the packet is: 0x01 a command (host to
module), 0x07 an acknowledgement (its first payload byte is the confirmation
code), 0x02 a data packet with more to follow, 0x08 the last data packet.

Privacy: data packets (0x02/0x08) carry images and templates. The agent never
asks for them (no UpImage, no UpChar), and if a module sends one anyway the
decoder skips it while it streams past: it keeps a running checksum and a byte
count, never the bytes. The data packet is counted (``data_packets_discarded``)
and that is all; no event, log line or attribute ever holds its payload.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER = b"\xef\x01"
DEFAULT_ADDRESS = 0xFFFFFFFF

PID_COMMAND = 0x01
PID_DATA = 0x02
PID_ACK = 0x07
PID_END_DATA = 0x08

CMD_GEN_IMG = 0x01
CMD_IMG2TZ = 0x02
CMD_SEARCH = 0x04
CMD_READ_SYS_PARA = 0x0F
CMD_VFY_PWD = 0x13

# Confirmation codes the session acts on (the rest count as module errors).
OK = 0x00
RECEIVE_ERROR = 0x01
NO_FINGER = 0x02
IMAGE_FAIL = 0x03
IMAGE_MESSY = 0x06
TOO_FEW_FEATURES = 0x07
NOT_FOUND = 0x09
WRONG_PASSWORD = 0x13
INVALID_IMAGE = 0x15

PREFIX = 9  # header, address, pid, length
# A command or an ack is small (ReadSysPara's ack, the largest, has 17 payload
# bytes); a data packet holds at most 256 bytes. A length beyond these is a
# corrupt or fake header, not a packet to wait for.
_MAX_LENGTH = {PID_COMMAND: 64, PID_ACK: 64, PID_DATA: 258, PID_END_DATA: 258}
_MIN_LENGTH = {PID_COMMAND: 3, PID_ACK: 3, PID_DATA: 2, PID_END_DATA: 2}


def frame_size(payload_len: int) -> int:
    """Bytes on the wire of a packet with ``payload_len`` payload bytes."""
    return PREFIX + payload_len + 2


def checksum(pid: int, payload: bytes) -> int:
    """The 16-bit packet checksum over pid, length and payload."""
    length = len(payload) + 2
    return (pid + (length >> 8) + (length & 0xFF) + sum(payload)) & 0xFFFF


def encode_packet(pid: int, payload: bytes, address: int = DEFAULT_ADDRESS) -> bytes:
    """One packet with its header, length and checksum."""
    length = len(payload) + 2
    if length > 0xFFFF:
        raise ValueError("payload too long for one packet")
    return (HEADER + address.to_bytes(4, "big") + bytes([pid]) + length.to_bytes(2, "big")
            + payload + checksum(pid, payload).to_bytes(2, "big"))


def gen_img(address: int = DEFAULT_ADDRESS) -> bytes:
    """GenImg: capture an image of the finger on the sensor."""
    return encode_packet(PID_COMMAND, bytes([CMD_GEN_IMG]), address)


def img2tz(buffer_id: int = 1, address: int = DEFAULT_ADDRESS) -> bytes:
    """Img2Tz: make a character file from the image into ``buffer_id`` (1 or 2)."""
    return encode_packet(PID_COMMAND, bytes([CMD_IMG2TZ, buffer_id]), address)


def search(buffer_id: int = 1, start_page: int = 0, page_count: int = 1000,
           address: int = DEFAULT_ADDRESS) -> bytes:
    """Search the library pages ``[start_page, start_page + page_count)`` for the
    character file in ``buffer_id``."""
    payload = (bytes([CMD_SEARCH, buffer_id]) + start_page.to_bytes(2, "big")
               + page_count.to_bytes(2, "big"))
    return encode_packet(PID_COMMAND, payload, address)


def vfy_pwd(password: int = 0, address: int = DEFAULT_ADDRESS) -> bytes:
    """VfyPwd: the handshake password (0 on a factory module)."""
    return encode_packet(PID_COMMAND, bytes([CMD_VFY_PWD]) + password.to_bytes(4, "big"),
                         address)


def read_sys_para(address: int = DEFAULT_ADDRESS) -> bytes:
    """ReadSysPara: the module's basic parameters (library size, packet size, baud)."""
    return encode_packet(PID_COMMAND, bytes([CMD_READ_SYS_PARA]), address)


# --- decoding ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Packet:
    """A command or acknowledgement packet (never a data packet: those are
    skipped unread). For an ack, ``payload[0]`` is the confirmation code."""

    address: int
    pid: int
    payload: bytes

    @property
    def code(self) -> int:
        return self.payload[0] if self.payload else -1


@dataclass(frozen=True, slots=True)
class Rejected:
    """Bytes dropped from the stream. ``reason``: ``garbage`` (no packet
    header), ``checksum`` (a whole frame that failed its checksum)."""

    reason: str
    nbytes: int


@dataclass(frozen=True, slots=True)
class SysParams:
    """The ReadSysPara answer (nothing about any finger)."""

    status: int
    system_id: int
    library_size: int
    security_level: int
    address: int
    packet_size: int
    baudrate: int

    @classmethod
    def parse(cls, payload: bytes) -> SysParams | None:
        """From an ack payload (confirmation code first); None if too short."""
        if len(payload) < 17:
            return None
        w = [int.from_bytes(payload[i:i + 2], "big") for i in (1, 3, 5, 7)]
        size_code = int.from_bytes(payload[13:15], "big")
        return cls(status=w[0], system_id=w[1], library_size=w[2], security_level=w[3],
                   address=int.from_bytes(payload[9:13], "big"),
                   packet_size=32 << min(size_code, 3),
                   baudrate=9600 * int.from_bytes(payload[15:17], "big"))


class PacketDecoder:
    """Bytes in any chunking -> ``Packet`` / ``Rejected``; never raises.

    Resync: bytes before a packet header are garbage; a frame whose checksum
    fails is dropped up to the next ``EF 01`` inside it (a real packet hiding
    behind a corrupt header is found again). Each byte fed ends up in exactly
    one packet, one rejection, a discarded data packet, or still ``pending``.
    Data packets never enter the buffer beyond the feed call that brings
    them: see ``_skip``. (Their bytes are not kept, so a corrupt header that
    claims to start a data packet can swallow up to 267 bytes for good; the
    session's timeout and retry covers the answer lost that way.)
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self._garbage = 0  # garbage bytes since the last report
        # Skipping a data packet: bytes left (payload + checksum), running sum,
        # the checksum bytes seen so far.
        self._skip_left = 0
        self._skip_sum = 0
        self._skip_tail = 0
        self._skip_total = 0
        self.counters = {"packets": 0, "garbage_bytes": 0, "checksum_errors": 0,
                         "data_packets_discarded": 0, "data_bytes_discarded": 0}

    @property
    def pending(self) -> int:
        """Bytes held while a packet is incomplete (or a data packet is being
        skipped)."""
        return len(self._buf) + self._skip_left

    def feed(self, data: bytes) -> list[Packet | Rejected]:
        """Decode what ``data`` completes."""
        out: list[Packet | Rejected] = []
        view = memoryview(data)
        if self._skip_left:
            used = self._skip(view, out)
            view = view[used:]
        if len(view):
            self._buf += view
        self._scan(out)
        self._flush_garbage(out)
        return out

    def abandon(self) -> list[Packet | Rejected]:
        """Give up on a partial frame that never completed (the session calls
        this when an answer is overdue): its header is treated as garbage and
        the bytes after it scanned again, so a real packet after a fake header
        is still found."""
        out: list[Packet | Rejected] = []
        if self._skip_left:
            # Whatever was streaming past was not ours to read anyway.
            self._garbage += self._skip_total - self._skip_left
            self._skip_left = self._skip_sum = self._skip_tail = self._skip_total = 0
        elif self._buf:
            self._drop_garbage(1)
            self._scan(out)
        self._flush_garbage(out)
        return out

    def _drop_garbage(self, n: int) -> None:
        del self._buf[:n]
        self._garbage += n

    def _flush_garbage(self, out: list[Packet | Rejected]) -> None:
        if self._garbage:
            out.append(Rejected("garbage", self._garbage))
            self.counters["garbage_bytes"] += self._garbage
            self._garbage = 0

    def _scan(self, out: list[Packet | Rejected]) -> None:
        buf = self._buf
        while buf:
            start = buf.find(HEADER)
            if start < 0:
                # Keep a trailing EF: it may be the first half of a header.
                keep = 1 if buf[-1] == HEADER[0] else 0
                self._drop_garbage(len(buf) - keep)
                return
            if start:
                self._drop_garbage(start)
            if len(buf) < PREFIX:
                return
            pid = buf[6]
            length = int.from_bytes(buf[7:9], "big")
            if not _MIN_LENGTH.get(pid, 1 << 17) <= length <= _MAX_LENGTH.get(pid, -1):
                self._drop_garbage(1)  # not a header after all
                continue
            if pid in (PID_DATA, PID_END_DATA):
                self._begin_skip(pid, length, out)
                if self._skip_left:
                    return  # the rest of it comes in later chunks
                continue
            total = PREFIX + length
            if len(buf) < total:
                return
            payload = bytes(buf[PREFIX:total - 2])
            if int.from_bytes(buf[total - 2:total], "big") != checksum(pid, payload):
                self._reject_frame(total, out)
                continue
            self._flush_garbage(out)
            out.append(Packet(int.from_bytes(buf[2:6], "big"), pid, payload))
            self.counters["packets"] += 1
            del buf[:total]

    def _reject_frame(self, total: int, out: list[Packet | Rejected]) -> None:
        # The next header inside the frame starts the rescan; an EF in the last
        # byte is kept too (it may start a header whose 01 has not come yet).
        nxt = self._buf.find(HEADER, 2, total)
        if nxt < 0:
            nxt = total - 1 if self._buf[total - 1] == HEADER[0] else total
        n = nxt
        self._flush_garbage(out)
        out.append(Rejected("checksum", n))
        self.counters["checksum_errors"] += 1
        del self._buf[:n]

    def _begin_skip(self, pid: int, length: int, out: list[Packet | Rejected]) -> None:
        self._flush_garbage(out)
        self._skip_sum = pid + (length >> 8) + (length & 0xFF)
        self._skip_left = length
        self._skip_total = PREFIX + length
        self._skip_tail = 0
        mv = memoryview(self._buf)
        try:
            used = self._skip(mv[PREFIX:], out)
        finally:
            mv.release()
        after = bytes(self._buf[PREFIX + used:])  # what follows the data packet
        # Wipe before dropping: the payload must not linger in the buffer.
        self._buf[:] = bytes(len(self._buf))
        self._buf.clear()
        self._buf += after  # the caller's scan goes on from here

    def _skip(self, view: memoryview, out: list[Packet | Rejected]) -> int:
        """Consume a data packet's bytes from ``view`` without keeping them."""
        n = min(self._skip_left, len(view))
        body = max(0, min(n, self._skip_left - 2))  # payload part of this chunk
        self._skip_sum += sum(view[:body])
        for b in view[body:n]:  # checksum bytes (big-endian)
            self._skip_tail = (self._skip_tail << 8) | b
        self._skip_left -= n
        if not self._skip_left:
            if self._skip_tail == self._skip_sum & 0xFFFF:
                self.counters["data_packets_discarded"] += 1
                self.counters["data_bytes_discarded"] += self._skip_total
            else:
                out.append(Rejected("checksum", self._skip_total))
                self.counters["checksum_errors"] += 1
            self._skip_sum = self._skip_tail = self._skip_total = 0
        return n
