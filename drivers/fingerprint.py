"""The request/response session with a fingerprint module of the R30x /
ZFM-20 / AS608 family, sans-IO (its packets: ``drivers.fingerprint_packets``).

The agent only ever asks three things in a loop: GenImg (0x01: take an image
of whatever is on the glass), Img2Tz (0x02: turn it into a character file in
buffer 1) and Search (0x04: look that file up in the module's own library). The
module answers Search with the slot (page id) and a score. That slot number is
the only thing about a finger that leaves this module, as
``BiometricMatch.match_id``. Data packets (images, templates) never reach the
session: the packet decoder discards them unread.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field

from drivers.events import BiometricMatch, BiometricNoMatch, FrameRejected
from drivers.fingerprint_packets import (
    DEFAULT_ADDRESS,
    IMAGE_MESSY,
    INVALID_IMAGE,
    NO_FINGER,
    NOT_FOUND,
    OK,
    PID_ACK,
    TOO_FEW_FEATURES,
    Packet,
    PacketDecoder,
    Rejected,
    SysParams,
    frame_size,
    gen_img,
    img2tz,
    read_sys_para,
    search,
    vfy_pwd,
)

log = logging.getLogger("drivers.fingerprint")


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
                                            frame_size(len(item.payload))))
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
            return [FrameRejected(self.name, "slot out of range", now, frame_size(5))]
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
