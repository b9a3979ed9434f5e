"""The small interface every identification-device shell offers its supervisor.

A shell owns one device node (serial port, evdev node, FIFO in tests) and the
pure decoder for its protocol. The supervisor in ``agent/`` drives it:
``open()``, then ``read()`` in a loop, and on any ``OSError`` (which includes
``serial.SerialException``) it reports the device lost, calls ``close()``
and reopens it later with backoff. Shells never sleep to retry and never
catch device loss themselves: reopening is the supervisor's job, so every
device gets the same unplug/replug behaviour.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class DeviceShell(Protocol):
    """What a supervisor needs from a device shell."""

    name: str

    def open(self) -> str:
        """Open the device; return a short detail safe to log (e.g. the
        resolved node, never a card id). Raise ``OSError`` if absent."""
        ...

    def read(self, timeout: float, now: float) -> list[object]:
        """Wait up to ``timeout`` seconds for data and return the decoded
        events (``drivers.events``), possibly none. ``now`` is the caller's
        clock for the events. Raise ``OSError`` when the device is gone."""
        ...

    def close(self) -> None:
        """Release the device; safe to call twice and after a failed open."""
        ...

    def stats(self) -> dict[str, int]:
        """Counters the decoder keeps (frames, rejected, ...), for status."""
        ...
