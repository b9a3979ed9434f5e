"""A simulated R30x / ZFM-20 / AS608 fingerprint module on a pseudo-terminal.

``ModuleCore`` is the module's side of the packet protocol, sans-IO, written
here from the datasheet (it shares no code with ``drivers.fingerprint``): fed
the host's bytes it returns the module's answers. It knows an enrolled set of
library slots, each with a made-up 512-byte template (random bytes; tests
search logs and databases for them), and whatever finger is on the glass:

* ``place(slot)``: a finger enrolled in ``slot`` (a finger whose slot is not
  enrolled here matches nothing); ``score`` sets the match score, so a weak
  match (below the agent's ``min_score``) can be staged;
* ``place_unknown()`` (or ``place(None)``): a finger that matches no slot;
* ``lift()``: nothing on the glass. Lifting takes at least one GenImg: the
  next GenImg after a lift says "no finger" even if another finger was
  placed in the meantime (a test or the demo moves faster than a hand; a
  host polling the glass always sees it empty between two pupils).

``place(..., poor_images=n)`` makes the next ``n`` Img2Tz fail with "too few
feature points" (a wet or smudged finger).

Commands answered: GenImg, Img2Tz, Search, ReadSysPara, VfyPwd, and UpChar
(which sends a template as data packets: the agent never asks for it, the
tests check that). Faults: ``garbage(n)``, ``corrupt_next(n)`` (bad checksums
on the next answers), ``mute`` (a hung module), ``leak_template(slot)`` (a
module that sends template data unasked), ``unplug()``/``replug()``.

``FingerprintSim`` puts a core on ``hwsim.pty_device.PtyDevice``.

    python -m hwsim fingerprint --link /tmp/finger0 --enrolled 0,1,2,7
"""

from __future__ import annotations

import argparse
import os
import random
import struct
import sys
import threading

from hwsim.pty_device import PtyDevice

HELP = "simulated fingerprint module (R30x/ZFM/AS608 packets on a pseudo-terminal)"

START = 0xEF01
TEMPLATE_SIZE = 512

# Instruction codes (host -> module) and confirmation codes (module -> host).
GEN_IMG, IMG2TZ, SEARCH, UP_CHAR, READ_SYS_PARA, VFY_PWD = 0x01, 0x02, 0x04, 0x08, 0x0F, 0x13
# Asked by third-party host libraries (pyfingerprint, Adafruit's): the
# number of stored templates, SEARCH's high-speed twin, and one 256-slot page
# of the index table (ZFM-20 user manual, "TempleteNum", "HighSpeedSearch",
# "ReadConList").
TEMPLATE_COUNT, HISPEED_SEARCH, READ_INDEX_TABLE = 0x1D, 0x1B, 0x1F
_INDEX_PAGE_SLOTS = 256
C_OK, C_RECV_ERR, C_NO_FINGER, C_FEW_FEATURES = 0x00, 0x01, 0x02, 0x07
C_NOT_FOUND, C_BAD_PWD, C_NO_IMAGE = 0x09, 0x13, 0x15

_NO_MATCH = object()  # a finger on the glass that is enrolled nowhere


def frame(kind: int, body: bytes, addr: int = 0xFFFFFFFF, *, corrupt: bool = False) -> bytes:
    """The module's framing: start code, address, kind, length, body, sum."""
    size = len(body) + 2
    head = struct.pack(">HIBH", START, addr, kind, size)
    total = (kind + sum(size.to_bytes(2, "big")) + sum(body)) % 0x10000
    if corrupt:
        total ^= 0x5A5A
    return head + body + struct.pack(">H", total)


class ModuleCore:
    """The fingerprint module's behaviour; thread-safe (the pty thread feeds it,
    the test or the operator places fingers)."""

    def __init__(self, enrolled: list[int], address: int = 0xFFFFFFFF, password: int = 0,
                 capacity: int = 1000, score: int = 150, seed: int | None = None) -> None:
        rng = random.Random(seed)
        self.address = address
        self.password = password
        self.capacity = capacity
        self.default_score = score
        self.templates: dict[int, bytes] = {
            s: bytes(rng.getrandbits(8) for _ in range(TEMPLATE_SIZE)) for s in enrolled}
        self.mute = False
        self.commands: list[int] = []  # instruction codes received, in order
        self.bad_frames = 0
        self._finger: object = None  # None, _NO_MATCH or (slot, score)
        self._poor = 0  # Img2Tz failures still to give for this finger
        self._empty_owed = False  # lifted, and no GenImg has seen the glass empty yet
        self._image: object = None
        self._char: dict[int, object] = {}
        self._corrupt = 0
        self._rx = bytearray()
        self._lock = threading.Lock()

    @property
    def enrolled(self) -> list[int]:
        return sorted(self.templates)

    # --- the finger -------------------------------------------------------------

    def place(self, slot: int | None, score: int | None = None, poor_images: int = 0) -> None:
        """A finger on the glass: enrolled in ``slot`` (None: nobody's)."""
        with self._lock:
            self._poor = poor_images
            if slot is None:
                self._finger = _NO_MATCH
            else:
                self._finger = (int(slot), self.default_score if score is None else score)

    def place_unknown(self) -> None:
        self.place(None)

    def lift(self) -> None:
        with self._lock:
            self._finger = None
            self._poor = 0
            self._empty_owed = True

    def corrupt_next(self, n: int = 1) -> None:
        """The next ``n`` answers go out with a wrong checksum."""
        with self._lock:
            self._corrupt += n

    # --- the wire -----------------------------------------------------------------

    def receive(self, data: bytes) -> bytes:
        """Bytes from the host -> the module's reply bytes."""
        out = bytearray()
        with self._lock:
            self._rx += data
            while True:
                pkt = self._next_packet()
                if pkt is None:
                    break
                out += self._execute(*pkt)
        return b"" if self.mute else bytes(out)

    def _next_packet(self) -> tuple[int, int, bytes] | None:
        """(address, kind, body) of the next whole command; answers receive errors
        itself by returning an empty-body marker with kind 0."""
        rx = self._rx
        while len(rx) >= 2:
            at = rx.find(b"\xef\x01")
            if at != 0:
                del rx[: at if at > 0 else len(rx) - 1]
                continue
            if len(rx) < 9:
                return None
            _, addr, kind, size = struct.unpack(">HIBH", rx[:9])
            if size < 2 or size > 300:
                del rx[:1]
                continue
            if len(rx) < 9 + size:
                return None
            body = bytes(rx[9 : 7 + size])
            (got,) = struct.unpack(">H", rx[7 + size : 9 + size])
            del rx[: 9 + size]
            if got != (kind + (size >> 8) + (size & 0xFF) + sum(body)) & 0xFFFF:
                self.bad_frames += 1
                return addr, 0, b""
            return addr, kind, body
        return None

    def _ack(self, code: int, extra: bytes = b"") -> bytes:
        corrupt = self._corrupt > 0
        if corrupt:
            self._corrupt -= 1
        return frame(0x07, bytes([code]) + extra, self.address, corrupt=corrupt)

    def _execute(self, addr: int, kind: int, body: bytes) -> bytes:
        if addr != self.address:
            return b""  # not for this module: a real one stays quiet
        if kind == 0:
            return self._ack(C_RECV_ERR)
        if kind != 0x01 or not body:
            return b""
        op, args = body[0], body[1:]
        self.commands.append(op)
        if op == GEN_IMG:
            seen = None if self._empty_owed else self._finger
            self._empty_owed = False
            self._image = seen
            return self._ack(C_OK if seen is not None else C_NO_FINGER)
        if op == IMG2TZ:
            if self._image is None or not args:
                return self._ack(C_NO_IMAGE)
            if self._poor > 0:
                self._poor -= 1
                return self._ack(C_FEW_FEATURES)
            self._char[args[0]] = self._image
            return self._ack(C_OK)
        if op in (SEARCH, HISPEED_SEARCH):
            return self._search(args)
        if op == TEMPLATE_COUNT:
            return self._ack(C_OK, struct.pack(">H", len(self.templates)))
        if op == READ_INDEX_TABLE:
            return self._index_page(args[0] if args else 0)
        if op == READ_SYS_PARA:
            params = struct.pack(">HHHHIHH", 0x0000, 0x0009, self.capacity, 3, self.address,
                                 2, 6)  # 128-byte packets, 57600 baud
            return self._ack(C_OK, params)
        if op == VFY_PWD:
            ok = len(args) == 4 and int.from_bytes(args, "big") == self.password
            return self._ack(C_OK if ok else C_BAD_PWD)
        if op == UP_CHAR:
            held = self._char.get(args[0] if args else 1)
            if not isinstance(held, tuple) or held[0] not in self.templates:
                return self._ack(C_RECV_ERR)
            return self._ack(C_OK) + self._data_packets(self.templates[held[0]])
        return self._ack(C_RECV_ERR)

    def _search(self, args: bytes) -> bytes:
        if len(args) < 5:
            return self._ack(C_RECV_ERR)
        buf, first, count = struct.unpack(">BHH", args[:5])
        held = self._char.get(buf)
        if held is None:
            return self._ack(C_RECV_ERR, bytes(4))
        if isinstance(held, tuple):
            slot, score = held
            if slot in self.templates and first <= slot < first + count:
                return self._ack(C_OK, struct.pack(">HH", slot, score))
        return self._ack(C_NOT_FOUND, bytes(4))

    def _index_page(self, page: int) -> bytes:
        """Slot ``page*256 + 8*j + i`` stored <=> bit ``i`` of byte ``j``."""
        table = bytearray(_INDEX_PAGE_SLOTS // 8)
        first = page * _INDEX_PAGE_SLOTS
        for slot in self.templates:
            if first <= slot < first + _INDEX_PAGE_SLOTS:
                table[(slot - first) // 8] |= 1 << ((slot - first) % 8)
        return self._ack(C_OK, bytes(table))

    def _data_packets(self, blob: bytes, size: int = 128) -> bytes:
        chunks = [blob[i : i + size] for i in range(0, len(blob), size)]
        return b"".join(frame(0x08 if i == len(chunks) - 1 else 0x02, c, self.address)
                        for i, c in enumerate(chunks))

    def template_packets(self, slot: int) -> bytes:
        """A slot's template as the data packets a module would upload."""
        return self._data_packets(self.templates[slot])


class FingerprintSim:
    """A fingerprint module on a real pseudo-terminal. ``path`` is what the
    agent opens (the ``link`` symlink when given)."""

    def __init__(self, enrolled: list[int], link: str | None = None,
                 address: int = 0xFFFFFFFF, password: int = 0, capacity: int = 1000,
                 score: int = 150, seed: int | None = None) -> None:
        self.core = ModuleCore(enrolled, address=address, password=password,
                               capacity=capacity, score=score, seed=seed)
        self.device = PtyDevice(link=link, on_host_bytes=self.core.receive)

    @property
    def path(self) -> str:
        return self.device.path

    @property
    def templates(self) -> dict[int, bytes]:
        return self.core.templates

    @property
    def commands(self) -> list[int]:
        return self.core.commands

    @property
    def mute(self) -> bool:
        return self.core.mute

    @mute.setter
    def mute(self, value: bool) -> None:
        self.core.mute = value

    def start(self) -> FingerprintSim:
        self.device.start()
        return self

    def place(self, slot: int | None, score: int | None = None, poor_images: int = 0) -> None:
        """Put a finger on the glass: one enrolled in ``slot`` (None: nobody's);
        the first ``poor_images`` images of it are too poor to use."""
        self.core.place(slot, score, poor_images)

    def place_unknown(self) -> None:
        self.core.place_unknown()

    def lift(self) -> None:
        self.core.lift()

    def garbage(self, n: int = 16) -> None:
        """Line noise: ``n`` random bytes to the host."""
        self.device.write(os.urandom(n))

    def corrupt_next(self, n: int = 1) -> None:
        self.core.corrupt_next(n)

    def leak_template(self, slot: int) -> None:
        """Send a template unasked, as data packets (a misbehaving module)."""
        self.device.write(self.core.template_packets(slot))

    def unplug(self) -> None:
        self.device.unplug()

    def replug(self) -> None:
        self.device.replug()

    def stop(self) -> None:
        self.device.stop()

    def __enter__(self) -> FingerprintSim:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- by hand -------------------------------------------------------------------

_USAGE = ("commands: place SLOT [SCORE] | smudged SLOT [N] | unknown | lift | garbage [N] | "
          "corrupt [N] | leak SLOT | mute | unmute | unplug | replug | quit")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--link", help="a stable symlink to the pty (like /dev/serial/by-id/...)")
    p.add_argument("--enrolled", default="0,1,2,3",
                   help="comma-separated enrolled slot ids (default 0,1,2,3)")
    p.add_argument("--address", type=lambda s: int(s, 0), default=0xFFFFFFFF,
                   help="module address (default 0xFFFFFFFF)")
    p.add_argument("--password", type=lambda s: int(s, 0), default=0)
    p.add_argument("--score", type=int, default=150, help="score of a match (default 150)")


def _command(sim: FingerprintSim, words: list[str]) -> bool:
    """One operator command; False to quit."""
    cmd, args = words[0], [int(w) for w in words[1:]]
    if cmd == "quit":
        return False
    actions = {
        "place": lambda: sim.place(args[0], args[1] if len(args) > 1 else None),
        "smudged": lambda: sim.place(args[0], poor_images=args[1] if len(args) > 1 else 3),
        "unknown": sim.place_unknown,
        "lift": sim.lift,
        "garbage": lambda: sim.garbage(args[0] if args else 16),
        "corrupt": lambda: sim.corrupt_next(args[0] if args else 1),
        "leak": lambda: sim.leak_template(args[0]),
        "mute": lambda: setattr(sim, "mute", True),
        "unmute": lambda: setattr(sim, "mute", False),
        "unplug": sim.unplug,
        "replug": sim.replug,
    }
    if cmd not in actions:
        print(_USAGE, flush=True)
        return True
    actions[cmd]()
    return True


def main(args: argparse.Namespace) -> int:
    enrolled = [int(s) for s in args.enrolled.split(",") if s.strip()]
    sim = FingerprintSim(enrolled, link=args.link, address=args.address,
                         password=args.password, score=args.score).start()
    print(f"fingerprint module on {sim.path}, {len(enrolled)} slot(s) enrolled", flush=True)
    print(_USAGE, flush=True)
    try:
        for line in sys.stdin:
            words = line.split()
            if not words:
                continue
            try:
                if not _command(sim, words):
                    break
            except (ValueError, IndexError, KeyError) as exc:
                print(f"? {exc}", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    print(f"{len(sim.commands)} command(s) answered", file=sys.stderr)
    return 0
