"""The serial printer taps (pyserial).

``SerialTap`` (mode ``serial``) is a pass-through: the till's cable goes to
``till_port``, the printer's to ``printer_port``, and one thread copies bytes
both ways, forwarding before the listener sees them.

Flow control is passed through by back-pressure: both ports are opened with
the site's RTS/CTS or XON/XOFF setting, so when the printer holds us off our
write blocks, we stop reading the till, the till-side buffer fills and the
driver holds the till off in turn. Nothing is buffered beyond one read. On a
pseudo-terminal (the simulator) RTS/CTS does nothing and XON/XOFF is applied
by the line discipline; XON/XOFF also eats 0x11/0x13 bytes, which is why sites
that print raster logos use RTS/CTS.

A port that vanishes (USB-serial adapter pulled: SerialException/OSError) is
closed and reopened with backoff inside the tap's own thread; while one side
is down the other side is not read, so the till's bytes wait in its own
buffers rather than being dropped.

``SerialReadOnlyTap`` (mode ``serial-tap``) listens on a Y-cable on the
till's TX line: it is not in the print path and never writes a byte (no
XON/XOFF either: the tty would otherwise send XOFF when its buffer filled).
"""

from __future__ import annotations

import contextlib
import logging
import select
import threading
import time
from collections.abc import Callable
from typing import Any

import serial

from drivers.backoff import Backoff
from drivers.tap_core import PRINTER, TILL, TapCore, TapListener, TapState, Waker

log = logging.getLogger("drivers.tap_serial")

_READ = 4096
PortOpener = Callable[..., Any]


def _open_port(path: str, baudrate: int, rtscts: bool, xonxoff: bool) -> serial.Serial:
    return serial.Serial(path, baudrate=baudrate, rtscts=rtscts, xonxoff=xonxoff, timeout=0,
                         write_timeout=None)


class _Side:
    """One serial port the tap keeps open, with its own reconnect backoff."""

    def __init__(self, name: str, path: str, backoff: Backoff) -> None:
        self.name, self.path, self.backoff = name, path, backoff
        self.port: Any = None
        self.next_try = 0.0
        self.ever_open = False

    def close(self) -> None:
        if self.port is not None:
            with contextlib.suppress(Exception):
                self.port.close()
            self.port = None


class _SerialTapBase:
    mode = "serial"

    def __init__(self, listener: TapListener | None, clock: Callable[[], float],
                 backoff_initial: float, backoff_max: float) -> None:
        self.core = TapCore(self.mode, listener, clock)
        self._waker = Waker()
        self._thread: threading.Thread | None = None
        self._first_attempt = threading.Event()
        self._backoff = (backoff_initial, backoff_max)

    def _new_side(self, name: str, path: str) -> _Side:
        return _Side(name, path, Backoff.for_device(*self._backoff))

    def start(self) -> None:
        """Start the tap thread; returns after the first attempt to open the
        ports (the tap keeps retrying in the background if they are absent)."""
        self._thread = threading.Thread(target=self._run, name=f"tap-{self.mode}", daemon=True)
        self._thread.start()
        self._first_attempt.wait(5.0)

    def stop(self, timeout: float = 2.0) -> None:
        self._waker.set()
        for side in self._sides():
            port = side.port
            if port is not None:
                with contextlib.suppress(Exception):
                    port.cancel_write()  # a write blocked by flow control
        if self._thread is not None:
            self._thread.join(timeout)
        for side in self._sides():
            side.close()
        if self._thread is None or not self._thread.is_alive():
            self._waker.close()

    def state(self) -> TapState:
        return self.core.state()

    def _sides(self) -> list[_Side]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _open(self, side: _Side) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _try_open(self, side: _Side, now: float) -> None:
        if side.port is not None or now < side.next_try:
            return
        try:
            self._open(side)
        except (serial.SerialException, OSError, ValueError) as exc:
            side.port = None
            side.next_try = now + side.backoff.next_delay()
            self.core.link(side.name, False, f"{side.path}: {_why(exc)}")
            return
        side.backoff.reset()
        if side.ever_open:
            self.core.count("reconnects")
        side.ever_open = True
        self.core.link(side.name, True, side.path)

    def _lost(self, side: _Side, exc: BaseException) -> None:
        side.close()
        side.next_try = time.monotonic() + side.backoff.next_delay()
        self.core.link(side.name, False, f"{side.path}: {_why(exc)}")

    def _take(self, side: _Side) -> bytes | None:
        """What ``side``'s port has to read; None when the port vanished (the
        side is then lost, and reopened after its backoff)."""
        try:
            return _read(side.port)
        except (serial.SerialException, OSError) as exc:
            self._lost(side, exc)
            return None

    def _run(self) -> None:
        try:
            self._loop()
        except Exception as exc:  # keep the reason visible; the supervisor sees state
            log.error("serial tap thread failed: %s", type(exc).__name__,
                      exc_info=log.isEnabledFor(logging.DEBUG))
            self.core.forward_error(f"tap thread: {type(exc).__name__}")
        finally:
            self._first_attempt.set()

    def _loop(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _wait_for_retry(self) -> None:
        """Sleep until the next reopen attempt is due (or stop)."""
        due = min(s.next_try for s in self._sides() if s.port is None)
        timeout = max(0.0, due - time.monotonic())
        select.select([self._waker.fd], [], [], timeout)


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _read(port: Any) -> bytes:
    """What is there to read; raises SerialException if the port vanished."""
    return port.read(max(_READ, port.in_waiting))


class SerialTap(_SerialTapBase):
    """Pass-through between ``till_port`` and ``printer_port``."""

    mode = "serial"

    def __init__(self, till_port: str, printer_port: str, baudrate: int = 9600,
                 rtscts: bool = False, xonxoff: bool = False,
                 listener: TapListener | None = None, clock: Callable[[], float] = time.time,
                 backoff_initial: float = 0.1, backoff_max: float = 5.0,
                 opener: PortOpener = _open_port) -> None:
        super().__init__(listener, clock, backoff_initial, backoff_max)
        self.baudrate, self.rtscts, self.xonxoff = baudrate, rtscts, xonxoff
        self._opener = opener
        self._till = self._new_side(TILL, till_port)
        self._printer = self._new_side(PRINTER, printer_port)

    def _sides(self) -> list[_Side]:
        return [self._till, self._printer]

    def _open(self, side: _Side) -> None:
        side.port = self._opener(side.path, self.baudrate, self.rtscts, self.xonxoff)

    def _loop(self) -> None:
        till, printer = self._till, self._printer
        while not self._waker.is_set:
            now = time.monotonic()
            self._try_open(till, now)
            self._try_open(printer, now)
            self._first_attempt.set()
            if till.port is None or printer.port is None:
                self._wait_for_retry()
                continue
            r, _, _ = select.select([till.port.fileno(), printer.port.fileno(),
                                     self._waker.fd], [], [])
            if self._waker.is_set:
                return
            for src, dst, from_till in ((till, printer, True), (printer, till, False)):
                if src.port is None or dst.port is None or src.port.fileno() not in r:
                    continue
                data = self._take(src)
                if not data:
                    continue
                now = self.core.till_incoming(data) if from_till else None
                try:
                    dst.port.write(data)
                except (serial.SerialException, OSError) as exc:
                    # The receiving side vanished mid-write: these bytes are lost
                    # (as they would be on the bare cable); still observed below.
                    self.core.forward_error(f"{dst.name} write: {_why(exc)}", dropped=len(data))
                    self._lost(dst, exc)
                if from_till:
                    self.core.till_data(data, now)
                else:
                    self.core.printer_data(data)


class SerialReadOnlyTap(_SerialTapBase):
    """Listens on a Y-cable on the till's TX line. Never writes."""

    mode = "serial-tap"

    def __init__(self, tap_port: str, baudrate: int = 9600,
                 listener: TapListener | None = None, clock: Callable[[], float] = time.time,
                 backoff_initial: float = 0.1, backoff_max: float = 5.0,
                 opener: PortOpener = _open_port) -> None:
        super().__init__(listener, clock, backoff_initial, backoff_max)
        self.baudrate = baudrate
        self._opener = opener
        self._tap = self._new_side(TILL, tap_port)

    def _sides(self) -> list[_Side]:
        return [self._tap]

    def _open(self, side: _Side) -> None:
        # No flow control at all: either kind could make the tty talk.
        side.port = self._opener(side.path, self.baudrate, False, False)

    def _loop(self) -> None:
        tap = self._tap
        while not self._waker.is_set:
            self._try_open(tap, time.monotonic())
            self._first_attempt.set()
            if tap.port is None:
                self._wait_for_retry()
                continue
            r, _, _ = select.select([tap.port.fileno(), self._waker.fd], [], [])
            if self._waker.is_set:
                return
            data = self._take(tap)
            if data:
                self.core.till_data(data, self.core.till_incoming(data))
