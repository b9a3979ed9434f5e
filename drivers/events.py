"""Typed events that the device decoders and shells report to the agent.

Decoders return these; shells add device-level events (connected, lost).
Times are whatever clock the caller fed in (seconds, float): decoders never
read clocks themselves.

Privacy: ``CardRead.uid`` and ``BiometricMatch.match_id`` identify a pupil.
They must never be logged at INFO or above; ``__repr__`` hides them so an
accidental ``log.info("%s", event)`` cannot leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CardRead:
    """A card presented to a reader. ``uid`` is upper-case hex, no separators,
    the roster's form (decimal-format readers' numbers are converted to hex)."""

    reader: str
    uid: str
    at: float

    def __repr__(self) -> str:
        return f"CardRead(reader={self.reader!r}, uid=<{len(self.uid)} chars>, at={self.at!r})"


@dataclass(frozen=True, slots=True)
class BiometricMatch:
    """A finger matched an enrolled slot. Only the match id leaves the driver:
    never a template or an image."""

    reader: str
    match_id: str
    score: int
    at: float

    def __repr__(self) -> str:
        return (
            f"BiometricMatch(reader={self.reader!r}, match_id=<hidden>, "
            f"score={self.score}, at={self.at!r})"
        )


@dataclass(frozen=True, slots=True)
class BiometricNoMatch:
    """A finger was read but matched no enrolled slot."""

    reader: str
    at: float


@dataclass(frozen=True, slots=True)
class FrameRejected:
    """Bytes that could not be decoded (bad checksum, garbage, overlong line).
    ``reason`` is a short fixed string, safe to log; it never carries the data."""

    reader: str
    reason: str
    at: float
    nbytes: int = 0


@dataclass(frozen=True, slots=True)
class DeviceConnected:
    device: str
    at: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class DeviceLost:
    device: str
    at: float
    error: str = ""


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What the printer said about itself in a status reply (observed, never asked
    by the agent)."""

    at: float
    online: bool | None = None
    paper_out: bool | None = None
    paper_near_end: bool | None = None
    cover_open: bool | None = None
    error: bool | None = None
    raw: bytes = field(default=b"", repr=False)


IdentificationEvent = CardRead | BiometricMatch
