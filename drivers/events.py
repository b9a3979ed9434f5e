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


# --- the receipt printer (drivers.escpos) ---------------------------------------


@dataclass(frozen=True, slots=True)
class TokenStats:
    """Counts over one receipt's bytes."""

    commands: int = 0  # known commands (incl. real-time ones and control bytes)
    text_bytes: int = 0
    image_bytes: int = 0  # image and barcode payload bytes skipped
    unknown: int = 0  # unknown commands (each counted once)
    truncated: int = 0  # commands cut short by the end of the receipt
    unknown_text: int = 0  # characters no code page in force names (decoded as U+FFFD)


@dataclass(frozen=True, slots=True)
class Barcode:
    """A barcode or 2D symbol printed: ``symbology`` like "CODE128", "QR"."""

    symbology: str
    data: bytes
    at: float = 0.0


@dataclass(frozen=True, slots=True)
class Image:
    """A bit image printed: its size and, for raster and column images, its
    pixel bytes as sent (``drivers.raster`` reassembles them into a picture)."""

    kind: str  # "raster" (GS v 0, GS ( L/8 L, GS Q 0), "column" (ESC *), "nv" (FS p), ...
    width: int  # dots (0 when unknown, e.g. an NV logo)
    height: int
    nbytes: int
    at: float = 0.0
    # The payload: raster rows (``(width + 7) // 8`` bytes each, MSB = leftmost
    # dot) or columns (``height // 8`` bytes each, MSB = top dot); b"" when
    # not kept (NV logos, column graphics). 1 = black.
    data: bytes = field(default=b"", compare=False, repr=False)
    # How many printed dots each image dot covers (double density modes).
    xscale: int = field(default=1, compare=False)
    yscale: int = field(default=1, compare=False)


@dataclass(frozen=True)
class CapturedReceipt:
    """One receipt as captured: its exact bytes, text lines, and how it ended."""

    raw: bytes
    text: list[str]
    barcodes: list
    images: list
    raster_only: bool
    ended_by: str  # "cut" | "idle_gap" | "job_end" | "flush"
    started_at: float
    ended_at: float
    stats: TokenStats
    # Who sent it: the till's IP address for a TCP/USB tap (set by the agent,
    # from the tap's job), "" for a serial link.
    peer: str = ""

    def __repr__(self) -> str:
        # The text carries pupil accounts and names: never in a repr.
        return (f"CapturedReceipt({len(self.raw)} bytes, {len(self.text)} lines, "
                f"ended_by={self.ended_by!r}, raster_only={self.raster_only})")


@dataclass(frozen=True, slots=True)
class ReceiptEnded:
    receipt: CapturedReceipt


@dataclass(frozen=True, slots=True)
class StatusQuery:
    """The till asked the printer something that it answers with bytes:
    ``kind`` "dle_eot" (n 1..4, 7, 8), "gs_r" (n 1, 2, 49, 50), "asb"
    (GS a n: automatic status back enabled when n != 0), "gs_i" (GS I n),
    "esc_u"/"esc_v" (old status requests)."""

    kind: str
    n: int
    at: float


@dataclass(frozen=True, slots=True)
class UnknownCommand:
    """A command the tokenizer does not know; ``length`` is its best guess."""

    prefix: bytes
    length: int
    at: float


@dataclass(frozen=True, slots=True)
class TextStyle:
    """Text attributes changed (bold; width/height multipliers)."""

    bold: bool
    width: int
    height: int
    at: float


@dataclass(frozen=True, slots=True)
class ModeChanged:
    """The printer entered or left page mode (``ESC L`` / ``ESC S``, ``FF``)."""

    page_mode: bool
    at: float

