"""The one place that reads the machine's clocks.

Cores take ``now`` from their caller; the runtime and the journal ask a
``Clock`` for wall time, monotonic time, the boot id and whether the wall
clock is known to be synchronised (a Raspberry Pi has no RTC: until NTP has
run, its wall clock may be days out).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

TIMESYNC_FLAG = Path("/run/systemd/timesync/synchronized")
BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


# The last second rfc3339 formatted, (seconds, "YYYY-MM-DDTHH:MM:SS."), and
# the last day, (day number, "YYYY-MM-DDT"). Tuples: replaced whole, so any
# thread reads a consistent pair.
_second_prefix: tuple[int, str] = (-1, "")
_day_prefix: tuple[int, str] = (-1, "")
# Below this, fromtimestamp cannot be out of range (year 9999) even after the
# microsecond rounding carries into the next second.
_FAST_MAX = 253402300800.0 - 2.0


def rfc3339(ts: float) -> str:
    """UTC with milliseconds, as the hub contract wants: 2026-11-28T12:01:02.123Z."""
    # Fast path: a sale formats two times (occurred_at, the journal's
    # wall_time; mostly the same second), and datetime + strftime cost ~3 us
    # each. The same digits by arithmetic, the date formatted once a day and
    # the second once a second: fromtimestamp's own rounding (half-even to
    # the microsecond, carried into the second), then floored to the
    # millisecond as the slow path does.
    global _second_prefix, _day_prefix
    if (type(ts) is float or type(ts) is int) and 0.0 <= ts < _FAST_MAX:
        frac, whole = math.modf(ts)
        us = round(frac * 1e6)
        sec = int(whole)
        if us >= 1_000_000:
            us -= 1_000_000
            sec += 1
        prefix = _second_prefix
        if prefix[0] != sec:
            day, s = divmod(sec, 86400)
            date = _day_prefix
            if date[0] != day:
                date = (day, datetime.fromtimestamp(day * 86400, tz=UTC).strftime("%Y-%m-%dT"))
                _day_prefix = date
            h, s = divmod(s, 3600)
            m, s = divmod(s, 60)
            prefix = (sec, f"{date[1]}{h:02d}:{m:02d}:{s:02d}.")
            _second_prefix = prefix
        return f"{prefix[1]}{us // 1000:03d}Z"
    dt = datetime.fromtimestamp(ts, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_rfc3339(text: str) -> float:
    """Seconds since the epoch from an RFC 3339 time (``Z`` or an offset)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class _Timex(ctypes.Structure):
    # Only the leading fields matter; the kernel struct is larger, so pad.
    _fields_ = [("modes", ctypes.c_uint), ("offset", ctypes.c_long), ("freq", ctypes.c_long),
                ("maxerror", ctypes.c_long), ("esterror", ctypes.c_long),
                ("status", ctypes.c_int), ("_pad", ctypes.c_byte * 512)]


_STA_UNSYNC = 0x0040
_TIME_ERROR = 5


@functools.cache
def _libc() -> ctypes.CDLL:
    # find_library spawns ldconfig: look it up once per process.
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def kernel_clock_synced() -> bool | None:
    """The kernel's own view (adjtimex): None when it cannot be asked."""
    try:
        libc = _libc()
        tx = _Timex()
        state = libc.adjtimex(ctypes.byref(tx))
    except (OSError, AttributeError):
        return None
    if state < 0:
        return None
    return state != _TIME_ERROR and not (tx.status & _STA_UNSYNC)


def clock_synced() -> bool:
    """True when the wall clock is known to be synchronised since boot:
    systemd-timesyncd's flag file, else the kernel's NTP status."""
    if TIMESYNC_FLAG.exists():
        return True
    return bool(kernel_clock_synced())


@functools.cache
def boot_id() -> str:
    try:
        return BOOT_ID.read_text().strip()
    except OSError:
        return ""


@dataclass
class Clock:
    """Real clocks. Tests pass a ``FakeClock`` with the same methods."""

    # The synchronised flag is asked on every append; it changes at most a few
    # times a day, so a short cache keeps a syscall and a stat off the hot path.
    _synced_cache: tuple[float, bool] | None = None

    def wall(self) -> float:
        return time.time()

    def monotonic_ns(self) -> int:
        return time.monotonic_ns()

    def synced(self) -> bool:
        now = time.monotonic()
        cached = self._synced_cache
        if cached is None or now - cached[0] > 5.0:
            cached = (now, clock_synced())
            self._synced_cache = cached
        return cached[1]

    def boot_id(self) -> str:
        return boot_id()


@dataclass
class FakeClock(Clock):
    """A clock that moves only when told to: for tests and accelerated
    simulations."""

    now: float = 1_795_000_000.0
    mono: int = 1_000_000_000
    is_synced: bool = True
    boot: str = "00000000-0000-0000-0000-000000000000"

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.mono += int(seconds * 1e9)

    def wall(self) -> float:
        return self.now

    def monotonic_ns(self) -> int:
        return self.mono

    def synced(self) -> bool:
        return self.is_synced

    def boot_id(self) -> str:
        return self.boot


