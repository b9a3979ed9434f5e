"""The evdev shell for keyboard-wedge card readers: owns the input node, feeds
its key events to ``KeywedgeDecoder``, debounces.

Where the events come from:

* a real input device (a character device: ``/dev/input/by-id/...-event-kbd``
  resolved with realpath, or found by ``vendor:product`` hex ids): opened with
  python-evdev's ``InputDevice``, optionally grabbed exclusively (``EVIOCGRAB``:
  then the till's own application no longer sees the reader's keystrokes);
* a FIFO or regular file carrying raw ``struct input_event`` records: how the
  simulated reader (``hwsim.keywedge``) stands in for ``/dev/input`` on a
  machine without ``/dev/uinput``, and how a capture can be replayed. Records
  split across reads are reassembled. End of a FIFO (its writer went away) is
  the device going away: ``OSError``, like ENODEV from a pulled USB reader.

A ``DeviceShell`` (``drivers/shell.py``): never retries; the supervisor
reopens after an ``OSError``.
"""

from __future__ import annotations

import errno
import os
import select
import stat
import time
from typing import Any

from drivers.debounce import Debouncer
from drivers.keywedge import (
    EV_KEY,
    INPUT_EVENT,
    KEY_ENTER,
    KeyEvent,
    KeywedgeDecoder,
    parse_input_events,
)

_CHUNK = INPUT_EVENT.size * 256
KEY_1 = 2


def find_by_vendor_product(vendor_product: str, input_dir: str = "/dev/input") -> str:
    """The event node of the input device whose USB ids match ``"vvvv:pppp"``
    (hex). A reader often has several nodes with the same ids (keyboard,
    consumer control, system control): the one that can type digits and
    Enter is preferred. Raises ``FileNotFoundError`` when none matches."""
    import evdev

    try:
        vendor, product = (int(x, 16) for x in vendor_product.split(":"))
    except ValueError as exc:
        raise FileNotFoundError(errno.ENOENT, "bad vendor:product", vendor_product) from exc
    matches: list[tuple[bool, str]] = []
    for path in sorted(evdev.list_devices(input_dir)):
        try:
            dev = evdev.InputDevice(path)
        except OSError:
            continue
        try:
            if dev.info.vendor == vendor and dev.info.product == product:
                keys = set(dev.capabilities().get(EV_KEY, []))
                matches.append((not {KEY_ENTER, KEY_1} <= keys, path))
        except OSError:
            continue
        finally:
            dev.close()
    if not matches:
        raise FileNotFoundError(errno.ENOENT, "no input device with these ids", vendor_product)
    return min(matches)[1]  # keyboard-capable first, then by node name


class EvdevReader:
    """A keyboard-wedge reader on an input node (or a FIFO of input events)."""

    def __init__(self, name: str, decoder: KeywedgeDecoder, path: str = "",
                 vendor_product: str = "", grab: bool = True,
                 debounce: Debouncer | None = None) -> None:
        self.name = name
        self.decoder = decoder
        self.path = path
        self.vendor_product = vendor_product
        self.grab = grab
        self.debounce = debounce
        self.records = 0
        self._dev: Any = None  # evdev.InputDevice for a real device
        self._fd = -1  # raw records: FIFO or file
        self._regular = False
        self._pending = bytearray()

    def open(self) -> str:
        """Open the node; return what was opened (never a card id). Raises
        ``OSError`` when it is absent, or busy when grabbing."""
        self.close()
        if self.path:
            target = os.path.realpath(self.path)
        elif self.vendor_product:
            target = find_by_vendor_product(self.vendor_product)
        else:
            raise FileNotFoundError(errno.ENOENT, "no path or vendor:product configured")
        st = os.stat(target)  # FileNotFoundError when unplugged
        self.decoder.reset()  # keys held when the device vanished were never released
        self._pending.clear()
        if stat.S_ISCHR(st.st_mode):
            import evdev

            dev = evdev.InputDevice(target)
            try:
                if self.grab:
                    dev.grab()
            except OSError:
                dev.close()
                raise
            self._dev = dev
            grabbed = ", grabbed" if self.grab else ""
            return f"{self.path or self.vendor_product} -> {target} (evdev{grabbed})"
        # O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        self._fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
        self._regular = stat.S_ISREG(st.st_mode)
        kind = "file" if self._regular else "fifo"
        return f"{self.path} -> {target} ({kind} of input events)"

    def read(self, timeout: float, now: float) -> list[object]:
        """Wait up to ``timeout`` s for key events; return the decoded
        events. Raises ``OSError`` when the device has gone."""
        keys = self._read_device(timeout) if self._dev is not None else self._read_raw(timeout)
        if not keys:
            return []
        events = self.decoder.feed(keys, now)
        return self.debounce.filter(events) if self.debounce else events

    def _read_device(self, timeout: float) -> list[KeyEvent]:
        dev = self._dev
        r, _, _ = select.select([dev.fd], [], [], max(0.0, timeout))
        if not r:
            return []
        try:
            raw = list(dev.read())
        except BlockingIOError:
            return []
        self.records += len(raw)
        return [KeyEvent(e.code, e.value, e.sec + e.usec / 1e6) for e in raw
                if e.type == EV_KEY]

    def _read_raw(self, timeout: float) -> list[KeyEvent]:
        if self._fd < 0:
            raise OSError(errno.EBADF, "input device not open")
        if self._regular:
            data = os.read(self._fd, _CHUNK)
            if not data:
                time.sleep(max(0.0, timeout))  # end of a capture: wait like an idle device
                return []
        else:
            r, _, _ = select.select([self._fd], [], [], max(0.0, timeout))
            if not r:
                return []
            try:
                data = os.read(self._fd, _CHUNK)
            except BlockingIOError:
                return []
            if not data:
                raise OSError(errno.ENODEV, "input event stream closed")
        self._pending += data
        keys, used = parse_input_events(self._pending)
        self.records += used // INPUT_EVENT.size
        del self._pending[:used]
        return keys

    def close(self) -> None:
        dev, self._dev = self._dev, None
        if dev is not None:
            try:
                if self.grab:
                    dev.ungrab()
            except OSError:
                pass  # already gone
            try:
                dev.close()
            except OSError:
                pass
        fd, self._fd = self._fd, -1
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass

    def stats(self) -> dict[str, int]:
        s = dict(self.decoder.stats())
        s["records"] = self.records
        if self.debounce is not None:
            s["debounced"] = self.debounce.suppressed
        return s
