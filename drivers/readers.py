"""Which shell and decoder serve a configured card reader.

``make_reader`` takes a ``[[readers]]`` entry duck-typed (``drivers`` never
imports ``agent``): anything with the ``agent.config.ReaderConfig`` attributes
will do; missing attributes take that class's defaults.
"""

from __future__ import annotations

from typing import Any

from drivers.ascii_reader import AsciiLineDecoder
from drivers.debounce import Debouncer
from drivers.evdev_reader import EvdevReader
from drivers.keywedge import KeywedgeDecoder
from drivers.rdm6300 import Rdm6300Decoder
from drivers.serial_reader import SerialReader
from drivers.shell import DeviceShell

CARD_KINDS = ("keyboard", "rdm6300", "ascii")


def make_reader(rc: Any) -> DeviceShell | None:
    """The device shell for a card reader entry, or ``None`` for a kind this
    module does not handle (e.g. ``fingerprint``)."""
    kind = getattr(rc, "kind", "")
    name = getattr(rc, "name", "") or kind
    path = getattr(rc, "path", "")
    fmt = getattr(rc, "format", "hex")
    debounce = Debouncer(float(getattr(rc, "debounce_s", 2.0)))
    if kind == "keyboard":
        decoder = KeywedgeDecoder(name, max_key_gap_ms=float(getattr(rc, "max_key_gap_ms", 60.0)),
                                  fmt=fmt)
        return EvdevReader(name, decoder, path=path,
                           vendor_product=getattr(rc, "vendor_product", ""),
                           grab=bool(getattr(rc, "grab", True)), debounce=debounce)
    baudrate = int(getattr(rc, "baudrate", 9600))
    if kind == "rdm6300":
        return SerialReader(name, path, baudrate, Rdm6300Decoder(name), debounce)
    if kind == "ascii":
        return SerialReader(name, path, baudrate, AsciiLineDecoder(name, fmt=fmt), debounce)
    return None
