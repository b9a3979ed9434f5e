"""Which shell and decoder serve a configured card reader.

``make_reader`` takes a ``[[readers]]`` entry duck-typed (``drivers`` never
imports ``agent``): anything with the ``agent.config.ReaderConfig`` attributes
its kind uses. The defaults are that class's, and only there.
"""

from __future__ import annotations

from typing import Any

from drivers.ascii_lines import AsciiLineDecoder
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
    if kind not in CARD_KINDS:
        return None
    name = rc.name or kind
    debounce = Debouncer(float(rc.debounce_s))
    if kind == "keyboard":
        decoder = KeywedgeDecoder(name, max_key_gap_ms=float(rc.max_key_gap_ms), fmt=rc.format)
        return EvdevReader(name, decoder, path=rc.path, vendor_product=rc.vendor_product,
                           grab=bool(rc.grab), debounce=debounce)
    serial = Rdm6300Decoder(name) if kind == "rdm6300" else AsciiLineDecoder(name, fmt=rc.format)
    return SerialReader(name, rc.path, int(rc.baudrate), serial, debounce)
