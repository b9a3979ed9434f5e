"""The serial shell for a fingerprint module (pyserial around ``FingerprintSession``).

All protocol decisions are the session's; this file only moves bytes and
tells the session the time. ``open()`` opens the port and does the handshake
(ReadSysPara, VfyPwd first if the session has a password) so a port with no
module behind it (or at the wrong baud rate) is reported as absent rather
than as a device that never reads. ``read()`` sends what the session wants
sent, waits for the module's bytes up to ``timeout`` but no longer than the
session's next deadline, and returns the events. A port that vanishes
raises ``OSError`` (``serial.SerialException`` is one) for the supervisor; so
does a module that stops answering (``session.silent``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import select
import time
from collections.abc import Callable
from typing import Any

import serial

from drivers.fingerprint import FingerprintSession

log = logging.getLogger("drivers.fingerprint_reader")

PortOpener = Callable[[str, int], Any]


def _open_port(path: str, baudrate: int) -> serial.Serial:
    return serial.Serial(path, baudrate=baudrate, timeout=0, write_timeout=1.0)


class FingerprintReader:
    """``DeviceShell`` for an R30x / ZFM / AS608 module on a serial port."""

    def __init__(self, name: str, path: str, baudrate: int, session: FingerprintSession,
                 *, handshake_timeout_s: float = 2.0, opener: PortOpener = _open_port,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name
        self.path = path
        self.baudrate = baudrate
        self.session = session
        self.handshake_timeout_s = handshake_timeout_s
        self._opener = opener
        self._clock = clock  # only to measure elapsed time inside one call
        self._port: Any = None
        self._pending: list[object] = []

    def open(self) -> str:
        """Open the port and shake hands; the detail names the port and the
        module's library size. Raises ``OSError`` if absent or silent."""
        self.close()
        self._pending = []
        self._port = self._opener(self.path, self.baudrate)
        self.session.reset()
        before = self.session.stats()
        start = self._clock()
        try:
            while not self.session.ready:
                now = self._clock() - start
                if now >= self.handshake_timeout_s:
                    raise OSError(f"no answer from a fingerprint module on {self.path} "
                                  f"at {self.baudrate} baud: {self._hint(before)}")
                self._pending += self._exchange(now, self.handshake_timeout_s - now)
        except BaseException:
            self.close()
            raise
        # The handshake ran on this shell's clock; reads run on the caller's.
        self.session.clock_changed()
        p = self.session.sys_params
        assert p is not None
        return (f"{self.path} at {self.baudrate} baud: {p.library_size}-slot library, "
                f"security level {p.security_level}")

    def read(self, timeout: float, now: float) -> list[object]:
        """Drive the session for up to ``timeout`` seconds; return as soon as
        there are events. ``now`` stamps them (plus the time spent here)."""
        if self._port is None:
            raise OSError(f"{self.path} is not open")
        # Rejections from the handshake, stamped now on the caller's clock.
        events = [dataclasses.replace(e, at=now) for e in self._pending]
        self._pending = []
        start = self._clock()
        while True:
            spent = self._clock() - start
            events += self._exchange(now + spent, timeout - spent)
            if self.session.silent:
                raise OSError(f"the fingerprint module on {self.path} stopped answering")
            if events or self._clock() - start >= timeout:
                return events

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(Exception):
                port.close()

    def _hint(self, before: dict[str, int]) -> str:
        """Why the handshake failed, from what the session counted meanwhile
        (for ``agent doctor`` and the supervisor's last_error)."""
        now = self.session.stats()

        def grew(key: str) -> bool:
            return now.get(key, 0) > before.get(key, 0)

        if grew("wrong_address"):
            return "a module answered from another address (check the reader's address)"
        if grew("module_errors"):
            return "the module refused the handshake (password?)"
        if grew("garbage_bytes") or grew("checksum_errors"):
            return "only unreadable bytes came back (wrong baud rate?)"
        # A module ignores commands for another address: silence again.
        return "nothing came back (not powered, not connected, or another address?)"

    def stats(self) -> dict[str, int]:
        return self.session.stats()

    def _exchange(self, now: float, budget: float) -> list[object]:
        """Send what is due, then wait for bytes until the session's next
        deadline (at most ``budget`` seconds) and feed them."""
        s = self.session
        out = s.poll(now)
        if out:
            self._port.write(out)
        events = s.tick(now)
        wait = max(0.0, min(budget, s.next_wakeup() - now))
        t0 = self._clock()
        data = self._wait_bytes(wait)
        if data:
            # Stamp the bytes with the time they came in, on the caller's clock.
            events += s.feed(data, now + (self._clock() - t0))
        return events

    def _wait_bytes(self, wait: float) -> bytes:
        port = self._port
        r, _, _ = select.select([port.fileno()], [], [], wait)
        if not r:
            return b""
        # A vanished pty/USB adapter reads as "ready with no data":
        # pyserial raises SerialException (an OSError) for it.
        return port.read(max(1, port.in_waiting))
