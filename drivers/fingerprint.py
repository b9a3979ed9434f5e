"""Fingerprint modules of the R30x / ZFM-20 / AS608 family: the packet codec and
the request/response session, both sans-IO.

Every packet, either way::

    EF 01 | address (4) | pid (1) | length (2) = len(payload) + 2 | payload | checksum (2)

``checksum`` is the sum of the pid byte, both length bytes and the payload
bytes, modulo 65536. The pid says what the packet is: 0x01 a command (host to
module), 0x07 an acknowledgement (its first payload byte is the confirmation
code), 0x02 a data packet with more to follow, 0x08 the last data packet.

The agent only ever asks three things in a loop: GenImg (0x01: take an image
of whatever is on the glass), Img2Tz (0x02: turn it into a character file in
buffer 1) and Search (0x04: look that file up in the module's own library). The
module answers Search with the slot (page id) and a score. That slot number is
the only thing about a finger that leaves this module, as
``BiometricMatch.match_id``.

Privacy: data packets (0x02/0x08) carry images and templates. The agent never
asks for them (no UpImage, no UpChar), and if a module sends one anyway the
decoder skips it while it streams past: it keeps a running checksum and a byte
count, never the bytes. The data packet is counted (``data_packets_discarded``)
and that is all; no event, log line or attribute ever holds its payload.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field

from drivers.events import BiometricMatch, BiometricNoMatch, FrameRejected

log = logging.getLogger("drivers.fingerprint")

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

_PREFIX = 9  # header, address, pid, length
# A command or an ack is small (ReadSysPara's ack, the largest, has 17 payload
# bytes); a data packet holds at most 256 bytes. A length beyond these is a
# corrupt or fake header, not a packet to wait for.
_MAX_LENGTH = {PID_COMMAND: 64, PID_ACK: 64, PID_DATA: 258, PID_END_DATA: 258}
_MIN_LENGTH = {PID_COMMAND: 3, PID_ACK: 3, PID_DATA: 2, PID_END_DATA: 2}


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
            if len(buf) < _PREFIX:
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
            total = _PREFIX + length
            if len(buf) < total:
                return
            payload = bytes(buf[_PREFIX:total - 2])
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
        self._skip_total = _PREFIX + length
        self._skip_tail = 0
        mv = memoryview(self._buf)
        try:
            used = self._skip(mv[_PREFIX:], out)
        finally:
            mv.release()
        after = bytes(self._buf[_PREFIX + used:])  # what follows the data packet
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


# --- the session ---------------------------------------------------------------


class Phase(enum.Enum):
    VFY_PWD = "vfy_pwd"
    SYS_PARA = "sys_para"
    GEN_IMG = "gen_img"
    IMG2TZ = "img2tz"
    SEARCH = "search"


# Payload length of each expected ack (confirmation code included); an ack of
# another shape is a late answer to an earlier request and is not taken.
_ACK_LEN = {Phase.VFY_PWD: 1, Phase.SYS_PARA: 17, Phase.GEN_IMG: 1, Phase.IMG2TZ: 1,
            Phase.SEARCH: 5}


@dataclass
class _Pending:
    phase: Phase
    deadline: float


@dataclass(eq=False)
class FingerprintSession:
    """The request/response loop with one module; time is passed in, nothing
    here sleeps or reads a clock.

    ``poll(now)`` gives the bytes to send now (or ``b""``), ``feed(data, now)``
    takes the module's bytes and returns events, ``tick(now)`` handles an
    overdue answer (``poll`` calls it too), ``next_wakeup()`` says when to call
    again. After ``reset()`` (a new connection) the session first asks VfyPwd
    (only if a ``password`` is set) and ReadSysPara, then loops::

        GenImg -> 0x02 no finger: again after poll_interval_s
               -> 0x00 image:      Img2Tz(1) -> 0x00: Search(1, 0, capacity)
                                   -> 0x00 slot, score >= min_score: BiometricMatch
                                   -> 0x00 score below min_score, 0x09: BiometricNoMatch

    One finger gives one read: after a report the session waits for GenImg
    to say "no finger" before it searches again, so a finger held on the
    glass is not a queue of sales. (The glass is looked at every
    ``poll_interval_s``: a finger lifted and put back within one interval is
    the same finger.) A finger the module cannot image well enough
    ``max_poor_images`` times in a row is reported as no match, so the
    operator knows to use the card. An overdue answer is counted, the partial
    frame abandoned and the cycle restarted from GenImg; ``silent`` turns
    true after ``max_timeouts`` overdue answers in a row (the shell treats
    that as a lost device).
    """

    name: str
    address: int = DEFAULT_ADDRESS
    min_score: int = 50
    poll_interval_s: float = 0.3
    response_timeout_s: float = 1.0
    capacity: int = 1000
    password: int | None = None
    max_timeouts: int = 5
    max_poor_images: int = 3
    sys_params: SysParams | None = field(default=None, init=False)
    counters: dict[str, int] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.decoder = PacketDecoder()
        self.counters = dict.fromkeys(
            ("requests", "timeouts", "matches", "no_matches", "low_scores", "module_errors",
             "poor_images", "unexpected_packets", "wrong_address", "bad_answers",
             "frames_rejected"), 0)
        self.reset()

    # --- state -----------------------------------------------------------------

    def reset(self) -> None:
        """A new connection: forget the old one's partial frame and state, start
        with the handshake."""
        self.decoder = _fresh_decoder(self.decoder)
        self.sys_params = None
        self._pending: _Pending | None = None
        self._handshake = [Phase.SYS_PARA]
        if self.password is not None:
            self._handshake.insert(0, Phase.VFY_PWD)
        self._next: Phase = self._handshake[0]
        self._next_at = float("-inf")
        self._outbox: list[object] = []
        self._finger_reported = False
        self._timeouts_in_row = 0
        self._poor_in_row = 0

    @property
    def ready(self) -> bool:
        """The handshake is done: the module answered ReadSysPara."""
        return self.sys_params is not None

    @property
    def silent(self) -> bool:
        """The module has stopped answering (``max_timeouts`` in a row)."""
        return self._timeouts_in_row >= self.max_timeouts

    @property
    def waiting(self) -> bool:
        """A request is out and its answer not in yet."""
        return self._pending is not None

    def clock_changed(self) -> None:
        """The caller's clock is not the one used so far (the shell did the
        handshake on its own): whatever is scheduled is due now. A request
        still out is forgotten (its answer, if it comes, counts as
        unexpected) and the cycle starts again."""
        self._next_at = float("-inf")
        if self._pending is not None:
            self._pending = None  # its answer, if it comes, is simply unexpected
            self._next = Phase.GEN_IMG if self.ready else self._handshake[0]

    def next_wakeup(self) -> float:
        """When ``poll``/``tick`` next has something to do (a deadline or the
        next request); ``-inf`` when that is now."""
        if self._pending is not None:
            return self._pending.deadline
        return self._next_at

    def stats(self) -> dict[str, int]:
        """Counters, safe to publish (no ids, no bytes)."""
        return {**self.decoder.counters, **self.counters}

    # --- driving -----------------------------------------------------------------

    def poll(self, now: float) -> bytes:
        """The request to send now, or ``b""`` while waiting. An overdue answer
        is handled first (events it gives come out of the next ``feed`` or
        ``tick``)."""
        self._outbox += self.tick(now)
        if self._pending is not None or now < self._next_at:
            return b""
        phase = self._next
        self._pending = _Pending(phase, now + self.response_timeout_s)
        self.counters["requests"] += 1
        return self._encode(phase)

    def tick(self, now: float) -> list[object]:
        """Handle an overdue answer: abandon the partial frame (it may hide the
        answer after a fake header), then count a timeout and restart the
        cycle. Returns events the abandoned bytes gave."""
        events, self._outbox = self._outbox, []
        p = self._pending
        if p is None or now < p.deadline:
            return events
        events += self._handle(self.decoder.abandon(), now)
        if self._pending is p:
            self._pending = None
            self.counters["timeouts"] += 1
            self._timeouts_in_row += 1
            log.debug("%s: no answer to %s", self.name, p.phase.value)
            self._next = Phase.GEN_IMG if self.ready else self._handshake[0]
            self._next_at = now
        return events

    def feed(self, data: bytes, now: float) -> list[object]:
        """The module's bytes -> events (``BiometricMatch``,
        ``BiometricNoMatch``, ``FrameRejected``)."""
        events, self._outbox = self._outbox, []
        return events + self._handle(self.decoder.feed(data), now)

    # --- internals -----------------------------------------------------------------

    def _encode(self, phase: Phase) -> bytes:
        a = self.address
        if phase is Phase.GEN_IMG:
            return gen_img(a)
        if phase is Phase.IMG2TZ:
            return img2tz(1, a)
        if phase is Phase.SEARCH:
            return search(1, 0, self.capacity, a)
        if phase is Phase.VFY_PWD:
            return vfy_pwd(self.password or 0, a)
        return read_sys_para(a)

    def _handle(self, items: list[Packet | Rejected], now: float) -> list[object]:
        events: list[object] = []
        for item in items:
            if isinstance(item, Rejected):
                self.counters["frames_rejected"] += 1
                events.append(FrameRejected(self.name, item.reason, now, item.nbytes))
            elif item.address != self.address:
                self.counters["wrong_address"] += 1
                self.counters["frames_rejected"] += 1
                events.append(FrameRejected(self.name, "address", now,
                                            _PREFIX + len(item.payload) + 2))
            elif item.pid != PID_ACK or not self._expected(item):
                # A command (an echo on a loopback?) or a late answer to an
                # earlier, timed-out request: not an answer to this one.
                self.counters["unexpected_packets"] += 1
            else:
                events += self._answer(item, now)
        return events

    def _expected(self, ack: Packet) -> bool:
        p = self._pending
        if p is None:
            return False
        want = _ACK_LEN[p.phase]
        # Modules answer errors with or without the zero-filled result fields.
        return len(ack.payload) == want or (ack.code != OK and 1 <= len(ack.payload) <= want)

    def _after(self, phase: Phase, at: float) -> None:
        self._next, self._next_at = phase, at

    def _answer(self, ack: Packet, now: float) -> list[object]:
        assert self._pending is not None
        phase = self._pending.phase
        self._pending = None
        self._timeouts_in_row = 0
        code = ack.code
        idle = now + self.poll_interval_s
        if phase is Phase.VFY_PWD:
            if code != OK:
                self.counters["module_errors"] += 1
                log.warning("%s: the module refused the password (code 0x%02x)",
                            self.name, code)
                self._after(Phase.VFY_PWD, idle)
            else:
                self._after(Phase.SYS_PARA, now)
            return []
        if phase is Phase.SYS_PARA:
            params = SysParams.parse(ack.payload) if code == OK else None
            if params is None:
                self.counters["module_errors"] += 1
                self._after(Phase.SYS_PARA, idle)
            else:
                self.sys_params = params
                self._after(Phase.GEN_IMG, now)
            return []
        if phase is Phase.GEN_IMG:
            if code == NO_FINGER:
                self._finger_reported = False
                self._poor_in_row = 0
                self._after(Phase.GEN_IMG, idle)
            elif code == OK and not self._finger_reported:
                self._after(Phase.IMG2TZ, now)
            else:  # a finger still held after its read, or an imaging error
                if code != OK:
                    self.counters["module_errors"] += 1
                self._after(Phase.GEN_IMG, idle)
            return []
        if phase is Phase.IMG2TZ:
            if code == OK:
                self._after(Phase.SEARCH, now)
                return []
            if code not in (IMAGE_MESSY, TOO_FEW_FEATURES, INVALID_IMAGE):
                self.counters["module_errors"] += 1
                self._after(Phase.GEN_IMG, idle)
                return []
            self.counters["poor_images"] += 1
            self._poor_in_row += 1
            if self._poor_in_row < self.max_poor_images:
                self._after(Phase.GEN_IMG, now)  # take a fresh image of the same finger
                return []
            self._poor_in_row = 0
            self._finger_reported = True
            self._after(Phase.GEN_IMG, idle)
            self.counters["no_matches"] += 1
            return [BiometricNoMatch(self.name, now)]
        return self._search_result(ack, now, idle)

    def _search_result(self, ack: Packet, now: float, idle: float) -> list[object]:
        self._after(Phase.GEN_IMG, idle)
        self._poor_in_row = 0
        code = ack.code
        if code == NOT_FOUND:
            self._finger_reported = True
            self.counters["no_matches"] += 1
            return [BiometricNoMatch(self.name, now)]
        if code != OK:
            self.counters["module_errors"] += 1
            return []
        slot = int.from_bytes(ack.payload[1:3], "big")
        score = int.from_bytes(ack.payload[3:5], "big")
        self._finger_reported = True
        if slot >= self.capacity:
            # We searched [0, capacity): a slot outside it is nonsense.
            self.counters["bad_answers"] += 1
            self.counters["frames_rejected"] += 1
            return [FrameRejected(self.name, "slot out of range", now, _PREFIX + 7)]
        if score < self.min_score:
            self.counters["low_scores"] += 1
            self.counters["no_matches"] += 1
            log.debug("%s: match below min_score (%d < %d)", self.name, score, self.min_score)
            return [BiometricNoMatch(self.name, now)]
        self.counters["matches"] += 1
        log.debug("%s: match slot=%d score=%d", self.name, slot, score)
        return [BiometricMatch(self.name, str(slot), score, now)]


def _fresh_decoder(old: PacketDecoder) -> PacketDecoder:
    """A new decoder that keeps counting where the old one left off."""
    new = PacketDecoder()
    new.counters = old.counters
    return new
