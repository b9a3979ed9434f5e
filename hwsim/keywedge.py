"""A simulated USB keyboard-wedge card reader: it "types" a card id and Enter
as raw Linux ``struct input_event`` records (``EV_KEY`` press/release, each
followed by ``EV_SYN``), written to a FIFO the agent's evdev shell reads.

This machine has no ``/dev/uinput``, so the FIFO stands in for
``/dev/input/eventN``: the bytes are exactly what ``read()`` on an evdev node
returns. The encoder is this module's own (hwsim never imports drivers).

The simulator keeps the FIFO open for reading and writing while plugged, so
the agent never sees end-of-file while it is plugged in; ``unplug`` closes it
and removes the FIFO (the agent's read ends, its reopen fails with ENOENT),
``replug`` makes it again.

    python -m hwsim keywedge --path /tmp/till-agent-sim/wedge.fifo

then type card ids one per line, or ``type_text "hello" 0.2`` (a person at
the keyboard: 200 ms between keys), ``unplug``, ``replug``.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import os
import stat
import struct
import threading
import time

from hwsim.pty_device import serve_by_hand

HELP = "simulated USB keyboard-wedge card reader (input_event records on a FIFO)"

# struct input_event (native: 24 bytes on 64-bit): timeval, type, code, value
_EVENT = struct.Struct("@llHHi")
EV_SYN, EV_KEY, EV_MSC = 0x00, 0x01, 0x04
MSC_SCAN = 0x04
KEY_LEFTSHIFT = 42
KEY_ENTER = 28
KEY_TAB = 15
KEY_KPENTER = 96

# US layout: which key types which character, and whether it needs shift.
_KEYS: dict[str, tuple[int, bool]] = {}
for _ch, _code in zip("1234567890", range(2, 12), strict=True):
    _KEYS[_ch] = (_code, False)
for _ch, _code in zip("qwertyuiop", range(16, 26), strict=True):
    _KEYS[_ch] = (_code, False)
for _ch, _code in zip("asdfghjkl", range(30, 39), strict=True):
    _KEYS[_ch] = (_code, False)
for _ch, _code in zip("zxcvbnm", range(44, 51), strict=True):
    _KEYS[_ch] = (_code, False)
for _ch in list(_KEYS):
    if _ch.isalpha():
        _KEYS[_ch.upper()] = (_KEYS[_ch][0], True)
_KEYS.update({" ": (57, False), "-": (12, False), ":": (39, True), ";": (39, False),
              "!": (2, True), "@": (3, True), ".": (52, False), ",": (51, False)})
TERMINATORS = {"enter": KEY_ENTER, "tab": KEY_TAB, "kpenter": KEY_KPENTER}

# What a USB HID keyboard puts in MSC_SCAN: 0x70000 | its HID usage id on the
# Keyboard/Keypad page (USB HID Usage Tables 1.12, section 10), not the Linux
# keycode. Letters a..z are 0x04..0x1D, digits 1..9,0 are 0x1E..0x27.
_HID_USAGE: dict[int, int] = {
    KEY_ENTER: 0x28, KEY_TAB: 0x2B, 57: 0x2C, 12: 0x2D, 39: 0x33, 51: 0x36, 52: 0x37,
    KEY_KPENTER: 0x58, KEY_LEFTSHIFT: 0xE1}
for _code in range(2, 12):  # 1..9 then 0
    _HID_USAGE[_code] = 0x1E + _code - 2
for _ch in "abcdefghijklmnopqrstuvwxyz":
    _HID_USAGE[_KEYS[_ch][0]] = 0x04 + ord(_ch) - ord("a")
HID_KEYBOARD_PAGE = 0x70000


def encode_key(code: int, value: int, ts: float) -> bytes:
    """One key event and its ``SYN_REPORT``, as the kernel reports them."""
    sec = int(ts)
    usec = int(round((ts - sec) * 1e6))
    if usec >= 1_000_000:
        sec, usec = sec + 1, usec - 1_000_000
    return (_EVENT.pack(sec, usec, EV_MSC, MSC_SCAN, HID_KEYBOARD_PAGE | _HID_USAGE[code])
            + _EVENT.pack(sec, usec, EV_KEY, code, value)
            + _EVENT.pack(sec, usec, EV_SYN, 0, 0))


def encode_text(text: str, start: float, key_gap_s: float = 0.004, shift_letters: bool = True,
                terminator: str | None = "enter") -> bytes:
    """The records for typing ``text`` (then the terminator), one key every
    ``key_gap_s`` seconds of event time from ``start``. Upper-case letters
    and shifted symbols are typed with Left Shift held when ``shift_letters``
    (a reader set to send upper case); otherwise letters go unshifted."""
    out = bytearray()
    t = start
    keys = [(ch, *_KEYS[ch]) for ch in text]
    if terminator:
        keys.append(("\n", TERMINATORS[terminator], False))
    for _ch, code, shifted in keys:
        use_shift = shifted and (shift_letters or not _ch.isalpha())
        if use_shift:
            out += encode_key(KEY_LEFTSHIFT, 1, t)
        out += encode_key(code, 1, t)
        out += encode_key(code, 0, t + key_gap_s / 2)
        if use_shift:
            out += encode_key(KEY_LEFTSHIFT, 0, t + key_gap_s / 2)
        t += key_gap_s
    return bytes(out)


class KeywedgeSim:
    """The reader, writing to the FIFO at ``path``."""

    def __init__(self, path: str, shift_letters: bool = True, key_gap_s: float = 0.004,
                 terminator: str = "enter") -> None:
        if terminator not in TERMINATORS:
            raise ValueError(f"terminator is one of {sorted(TERMINATORS)}")
        self.path = path
        self.shift_letters = shift_letters
        self.key_gap_s = key_gap_s
        self.terminator = terminator
        self.presented = 0
        self.dropped = 0
        self._garbage_no = 0
        self._fd = -1
        self._lock = threading.Lock()

    @property
    def plugged(self) -> bool:
        return self._fd >= 0

    def start(self) -> KeywedgeSim:
        """Create the FIFO (if needed) and hold it open."""
        with self._lock:
            if self._fd >= 0:
                return self
            try:
                os.mkfifo(self.path, 0o600)
            except FileExistsError:
                if not stat.S_ISFIFO(os.stat(self.path).st_mode):
                    raise
            # O_RDWR: never blocks and never fails for want of a reader, and
            # keeps the pipe alive while the agent reopens.
            fd = os.open(self.path, os.O_RDWR | os.O_NONBLOCK)
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
            self._fd = fd
        return self

    plug = replug = start

    def unplug(self) -> None:
        """Pull the reader out: the FIFO goes away and the agent's stream ends."""
        with self._lock:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            if self._fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(self._fd)
            self._fd = -1

    stop = close = unplug

    def write(self, data: bytes) -> int:
        """Raw records to the agent; dropped (counted) while unplugged or when
        the pipe is full, as a real device's events would be."""
        with self._lock:
            if self._fd < 0:
                self.dropped += len(data)
                return 0
            try:
                n = os.write(self._fd, data)
            except BlockingIOError:
                n = 0
            except OSError as exc:
                if exc.errno != errno.EPIPE:
                    raise
                n = 0
            self.dropped += len(data) - n
            return n

    def present(self, uid: str) -> int:
        """A card on the reader: its id typed at reader speed, then the
        terminator. The records go in one write (atomic below PIPE_BUF)."""
        self.presented += 1
        return self.write(encode_text(str(uid), time.time(), self.key_gap_s,
                                      self.shift_letters, self.terminator))

    tap = card = present

    def garbage(self, n: int = 8) -> int:
        """A garbled scan: ``n`` keys that are not hex digits, typed at reader
        speed, then the terminator (the agent must reject it)."""
        self._garbage_no += 1
        text = "".join("ghijklmnopqrstuvwxyz"[(self._garbage_no * 7 + i * 3) % 20]
                       for i in range(int(n)))
        return self.write(encode_text(text, time.time(), self.key_gap_s, self.shift_letters,
                                      self.terminator))

    def type_text(self, text: str, key_gap_s: float = 0.2, enter: bool = True) -> int:
        """A person typing on the reader's keyboard interface: ``key_gap_s``
        between keys in the events' own time (nothing sleeps)."""
        return self.write(encode_text(str(text), time.time(), float(key_gap_s),
                                      self.shift_letters,
                                      self.terminator if enter else None))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--path", required=True, help="the FIFO to create and write to")
    p.add_argument("--lower", action="store_true", help="type letters without shift")
    p.add_argument("--terminator", choices=sorted(TERMINATORS), default="enter")
    p.add_argument("--key-gap-ms", type=float, default=4.0,
                   help="time between keys in the events' timestamps (default 4)")


def main(args: argparse.Namespace) -> int:
    sim = KeywedgeSim(args.path, shift_letters=not args.lower, key_gap_s=args.key_gap_ms / 1000,
                      terminator=args.terminator).start()
    return serve_by_hand(sim, f"keyboard-wedge reader writing input events to {sim.path}: "
                              "type a card id per line")
