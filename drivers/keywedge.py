"""Pure decoder for keyboard-wedge card readers (USB HID readers that "type"
the card id followed by Enter).

Input is Linux key events (``EV_KEY`` code and value: 1 press, 0 release,
2 autorepeat) with the events' own timestamps; ``parse_input_events`` turns
raw ``struct input_event`` records into them. Output is ``CardRead`` or
``FrameRejected``.

How a card is told from a person at the keyboard: a reader types a whole id
within a few milliseconds per key, so a gap longer than ``max_key_gap_ms``
between two keys (judged on the events' timestamps, never a clock) abandons
what was typed before it. Keys that are not part of an id (letters beyond F,
punctuation, shifted digits) spoil the current line. Enter, keypad Enter and
Tab end a line; it becomes a read only if every key came fast, every key was
a hex digit (or a separator ``:``/``-``/space, which is dropped), and the
length is within ``min_len``..``max_len``.

Shift and Caps Lock are tracked (caps lock toggles on press) so letters are
accepted in either case and shifted digits are recognised as symbols. The
uid is normalised like the serial readers' (``drivers.ascii_lines``):
upper-case hex; a ``decimal`` reader's number is converted to hex.

Caps Lock only changes the case of letters, which normalisation erases; it
is tracked so the state is right, but a reader's id never depends on it.

Rejections carry fixed reasons, never the keys: ``typing`` for a line
abandoned by a slow gap (also counted in ``stats()["typing"]``), ``not a card
id``, ``too short``, ``id too long``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass, field

from drivers.ascii_lines import Format, normalise_uid
from drivers.events import CardRead, FrameRejected

EV_KEY = 0x01
PRESS, RELEASE, REPEAT = 1, 0, 2

# struct input_event: struct timeval (long, long), __u16 type, __u16 code,
# __s32 value. Native layout: 24 bytes on 64-bit, 16 on 32-bit (armhf Pi OS).
INPUT_EVENT = struct.Struct("@llHHi")

KEY_ESC = 1
KEY_MINUS = 12
KEY_TAB = 15
KEY_ENTER = 28
KEY_LEFTSHIFT = 42
KEY_SEMICOLON = 39
KEY_RIGHTSHIFT = 54
KEY_SPACE = 57
KEY_CAPSLOCK = 58
KEY_KPMINUS = 74
KEY_KPENTER = 96

_DIGITS = {2: "1", 3: "2", 4: "3", 5: "4", 6: "5", 7: "6", 8: "7", 9: "8", 10: "9", 11: "0"}
_KEYPAD = {71: "7", 72: "8", 73: "9", 75: "4", 76: "5", 77: "6", 79: "1", 80: "2", 81: "3",
           82: "0"}
_HEX_LETTERS = {30: "A", 48: "B", 46: "C", 32: "D", 18: "E", 33: "F"}
_TERMINATORS = {KEY_ENTER, KEY_KPENTER, KEY_TAB}
_SHIFTS = {KEY_LEFTSHIFT, KEY_RIGHTSHIFT}
# Keys that change nothing on the line (modifiers other than shift, locks).
_IGNORED = {29, 97, 56, 100, 125, 126, 69, 70}  # ctrl, alt, meta, num/scroll lock

REASON_NOT_ID = "not a card id"
REASON_SHORT = "too short"
REASON_LONG = "id too long"
REASON_TYPING = "typing"


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """One ``EV_KEY`` event: key code, value (1 press, 0 release, 2 repeat)
    and the event's own timestamp in seconds."""

    code: int
    value: int
    ts: float


def parse_input_events(buf: bytes | bytearray) -> tuple[list[KeyEvent], int]:
    """Decode whole ``struct input_event`` records from ``buf``.

    Returns the key events (other event types, e.g. ``EV_SYN``/``EV_MSC``,
    are skipped) and how many bytes were consumed; a partial record at the
    end is left for the caller to complete with the next read."""
    size = INPUT_EVENT.size
    n = len(buf) // size * size
    out: list[KeyEvent] = []
    for sec, usec, etype, code, value in INPUT_EVENT.iter_unpack(memoryview(buf)[:n]):
        if etype == EV_KEY:
            out.append(KeyEvent(code, value, sec + usec / 1e6))
    return out, n


@dataclass
class KeywedgeDecoder:
    """Key events in, ``CardRead``/``FrameRejected`` out."""

    reader: str
    max_key_gap_ms: float = 60.0
    fmt: Format = "hex"
    min_len: int = 4
    max_len: int = 20
    frames: int = 0
    rejected: int = 0
    typing: int = 0
    _line: list[str] = field(default_factory=list, repr=False)
    _spoilt: bool = field(default=False, repr=False)
    _overflow: bool = field(default=False, repr=False)
    _typing_line: bool = field(default=False, repr=False)
    _last_ts: float | None = field(default=None, repr=False)
    _shift: set[int] = field(default_factory=set, repr=False)
    _caps: bool = field(default=False, repr=False)

    def feed(self, events: Iterable[KeyEvent], now: float) -> list[CardRead | FrameRejected]:
        """Decode key events; ``now`` (the caller's clock) stamps the reads."""
        out: list[CardRead | FrameRejected] = []
        for ev in events:
            ev_out = self._key(ev, now)
            if ev_out is not None:
                out.append(ev_out)
        return out

    def _key(self, ev: KeyEvent, now: float) -> CardRead | FrameRejected | None:
        code, value = ev.code, ev.value
        if code in _SHIFTS:
            if value in (PRESS, REPEAT):
                self._shift.add(code)
            elif value == RELEASE:
                self._shift.discard(code)
            return None
        if value != PRESS:
            return None  # releases and autorepeat type nothing a card reader sends
        if code == KEY_CAPSLOCK:
            self._caps = not self._caps
            return None
        if code in _IGNORED:
            return None
        gap_ms = 0.0 if self._last_ts is None else (ev.ts - self._last_ts) * 1000.0
        self._last_ts = ev.ts
        abandoned: FrameRejected | None = None
        if gap_ms > self.max_key_gap_ms and (self._line or self._spoilt or self._overflow):
            # Whatever came before a long pause was a person (or a broken
            # reader) typing: never a card. Reported once per typed line,
            # not once per slow key.
            self._clear()
            if not self._typing_line:
                self._typing_line = True
                self.typing += 1
                abandoned = self._reject(REASON_TYPING, now, 0)
        if code in _TERMINATORS:
            # The line now holds only keys typed fast since the last pause: a
            # card scanned right after a person typed is still read.
            self._typing_line = False
            return abandoned or self._finish(now)
        ch = self._char(code)
        if ch is None:
            self._spoilt = True
        elif len(self._line) < 2 * self.max_len:  # room for separators
            self._line.append(ch)
        else:
            self._overflow = True  # bound memory: the line is too long anyway
        return abandoned

    def _char(self, code: int) -> str | None:
        shifted = bool(self._shift)
        if code in _DIGITS:
            return None if shifted else _DIGITS[code]  # shift+digit is a symbol
        if code in _KEYPAD:
            return _KEYPAD[code]
        if code in _HEX_LETTERS:
            return _HEX_LETTERS[code]  # either case: ids are upper-cased anyway
        if code == KEY_SPACE:
            return " "
        if code in (KEY_MINUS, KEY_KPMINUS) and not shifted:
            return "-"
        if code == KEY_SEMICOLON and shifted:
            return ":"
        return None

    def _finish(self, now: float) -> CardRead | FrameRejected | None:
        line, spoilt, overflow = "".join(self._line), self._spoilt, self._overflow
        self._clear()
        if not line and not spoilt:
            return None  # a bare Enter: nothing typed
        if spoilt:
            return self._reject(REASON_NOT_ID, now, len(line))
        if overflow:
            return self._reject(REASON_LONG, now, len(line))
        uid, reason = normalise_uid(line, self.fmt, self.min_len, self.max_len)
        if uid is None:
            return self._reject(reason, now, len(line))
        self.frames += 1
        return CardRead(self.reader, uid, now)

    def _reject(self, reason: str, now: float, n: int) -> FrameRejected:
        self.rejected += 1
        return FrameRejected(self.reader, reason, now, n)

    def _clear(self) -> None:
        self._line.clear()
        self._spoilt = False
        self._overflow = False

    def reset(self) -> None:
        """Forget a half-typed line and the modifier state (after a reopen:
        the keys held down before the device vanished were never released)."""
        self._clear()
        self._shift.clear()
        self._last_ts = None
        self._typing_line = False

    def stats(self) -> dict[str, int]:
        return {"frames": self.frames, "rejected": self.rejected, "typing": self.typing}
