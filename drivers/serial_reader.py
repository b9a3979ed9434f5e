"""The pyserial shell for serial card readers (RDM6300, ASCII/Wiegand line
readers): owns the port, feeds its bytes to a pure decoder, debounces.

A ``DeviceShell`` (``drivers/shell.py``): it never retries. A vanished port
(``SerialException``, which is an ``OSError``; EIO when a USB adapter is
pulled) propagates to the supervisor, which closes and reopens it.
"""

from __future__ import annotations

import os
import select
from typing import Protocol

import serial

from drivers.debounce import Debouncer

_CHUNK = 4096


class ByteDecoder(Protocol):
    """What the serial shell needs from a decoder (``Rdm6300Decoder``,
    ``AsciiLineDecoder``)."""

    def feed(self, data: bytes, now: float) -> list: ...

    def stats(self) -> dict[str, int]: ...


class SerialReader:
    """A card reader on a serial port (``/dev/serial/by-id/...`` or a pty)."""

    def __init__(self, name: str, port: str, baudrate: int, decoder: ByteDecoder,
                 debounce: Debouncer | None = None) -> None:
        self.name = name
        self.port = port
        self.baudrate = baudrate
        self.decoder = decoder
        self.debounce = debounce
        self.bytes_read = 0
        self._ser: serial.Serial | None = None

    def open(self) -> str:
        """Open the port (a by-id symlink is resolved first, so the detail
        shows the node it points at). Raises ``OSError`` if it is absent."""
        self.close()
        resolved = os.path.realpath(self.port)
        if not os.path.exists(resolved):
            raise FileNotFoundError(2, "serial port not present", self.port)
        # timeout=0: reads never block; ``read`` waits in select itself.
        # exclusive: an advisory lock, so a second agent (or a stray terminal
        # program) cannot share the reader and split its frames between them.
        self._ser = serial.Serial(resolved, self.baudrate, timeout=0, exclusive=True)
        return f"{self.port} -> {resolved} @ {self.baudrate}"

    def read(self, timeout: float, now: float) -> list[object]:
        """Wait up to ``timeout`` s for bytes; return the decoded events.
        Raises ``OSError`` (``SerialException``) when the port has gone."""
        ser = self._ser
        if ser is None:
            raise OSError("serial port not open")
        r, _, _ = select.select([ser.fileno()], [], [], max(0.0, timeout))
        if not r:
            return []
        # Readable with nothing to read (EIO/hang-up) makes pyserial raise
        # SerialException: the port has gone.
        data = ser.read(_CHUNK)
        if not data:
            return []
        self.bytes_read += len(data)
        events = self.decoder.feed(data, now)
        return self.debounce.filter(events) if self.debounce else events

    def close(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            try:
                ser.close()
            except OSError:
                pass  # closing a vanished port: nothing left to release

    def stats(self) -> dict[str, int]:
        s = dict(self.decoder.stats())
        s["bytes"] = self.bytes_read
        if self.debounce is not None:
            s["debounced"] = self.debounce.suppressed
        return s
