"""ESC/POS stream decoder (sans-IO): the bytes a till sends to its receipt
printer in, typed events out.

``EscposDecoder.feed(data, now)`` takes bytes in any chunking and returns the
events they complete; ``tick(now)`` ends a receipt after an idle gap,
``end_of_job(now)`` when a TCP print job closes and ``flush(now)`` at
shutdown. The decoder never reads a clock and does no I/O: the printer taps
own the ports and hand their bytes (already forwarded) to it.

How long each command is comes from the command table
(``drivers.escpos_commands.measure``): image and barcode payloads are skipped
exactly and never leak into the text; what they hold is read by
``drivers.escpos_graphics``; what each command does to the decoder is in
``drivers.escpos_handlers``; how its text becomes lines in
``drivers.escpos_lines``. A command whose bytes have not all
arrived waits for more (every chunking gives the same events); an unknown
command becomes ``UnknownCommand`` with a best-effort length and is counted.
The events are in ``drivers.events``.

The decoder sits on the sale path (receipt end -> journal), so the common
case is kept short: a fixed-length command is found with one dict lookup
(``FAST``, made from the command table's ``one_step_commands()``, never
written by hand), its text becomes lines a block at a time (``escpos_lines``)
and its raw bytes are copied in slices. Anything else goes to ``measure``.

Text is decoded in the code page in force (``ESC t n`` in the printer's
numbering, see ``PROFILES``; ``ESC R n`` international sets, where UK turns
``#`` into the pound sign; ``ESC @`` resets to the configured code page). A
run of text that is valid multi-byte UTF-8 is decoded as UTF-8 whatever the
code page: some tills send UTF-8 to printers set up for it, and a single
CP437/CP858 pound byte (0x9C) is never valid UTF-8, so the two cannot be
confused.

Kanji (double-byte) mode, for a model that has one (``double_byte``: its
code system; ``double_byte_at_power_on`` for the Chinese models that start in
it): ``FS &`` on, ``FS .`` off, ``FS C n`` a Japanese model's JIS or Shift JIS.
In it text is read in pairs (GB18030: up to four bytes) with that codec and
UTF-8 is not guessed. Whatever no code page names (a pair that is no
character, a lone lead byte at a cut, the upper half of a page with no codec)
reads as U+FFFD and is counted (``unknown_text``); nothing raises.

Receipt boundaries: every cut (``GS V`` all forms, ``ESC i``, ``ESC m``),
the idle gap, the end of a TCP job, and shutdown. A boundary with nothing
printed since the last one (no text, image or barcode) ends nothing: its bytes
stay with the next receipt. Status queries (``DLE EOT``, ``GS r``, ``GS a``,
``GS I``, ``ESC u``/``ESC v``) are reported (``StatusQuery``) but are not part
of a receipt's ``raw`` bytes: they are the till polling the printer, answered,
never printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drivers.escpos_commands import CR, HT, LF, PREFIXES, Token, measure
from drivers.escpos_handlers import CUT, FAST, GS_PAREN, HANDLERS, STATUS_QUERIES, CommandHandlers
from drivers.escpos_lines import ReceiptLines
from drivers.escpos_text import PROFILES, codec_for, double_byte_for
from drivers.events import (
    Barcode,
    CapturedReceipt,
    Image,
    ReceiptEnded,
    StatusQuery,
    TokenStats,
    UnknownCommand,
)


class EscposError(Exception):
    """The decoder was used wrongly (e.g. fed something that is not bytes).
    Bad input on the wire never raises: it becomes events and counters."""



# A run of text: printable bytes (0x20 and up, DEL and 0x80-0xFF included) and
# the three controls that print as text (HT, LF, CR). One regex match takes a
# whole block of lines: a receipt's text costs a few steps, not one per line end.
_TEXT_RUN = re.compile(rb"[\t\n\r\x20-\xff]+")  # (a positive class matches faster)
_IS_TEXT = tuple(b >= 0x20 or b in (HT, LF, CR) for b in range(256))


# --- the decoder ----------------------------------------------------------------


@dataclass(slots=True)
class _Receipt:
    """The receipt being captured."""

    raw: bytearray = field(default_factory=bytearray)
    lines: list[str] = field(default_factory=list)
    barcodes: list[Barcode] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    started_at: float | None = None
    commands: int = 0
    text_bytes: int = 0
    image_bytes: int = 0
    unknown: int = 0
    truncated: int = 0
    unknown_text: int = 0  # characters the code page in force cannot name (U+FFFD)
    printed_text: bool = False  # some non-blank text

    def has_content(self) -> bool:
        return self.printed_text or bool(self.images) or bool(self.barcodes)


class EscposDecoder(CommandHandlers, ReceiptLines):
    """The ESC/POS stream of one printer link. Not thread-safe: one owner
    feeds it (the runtime's main loop)."""

    def __init__(self, profile: str = "epson", codepage: str | None = "cp437",
                 idle_gap_s: float = 3.0, double_byte: str | None = None,
                 double_byte_at_power_on: bool = False):
        if profile not in PROFILES:
            raise EscposError(f"unknown printer profile {profile!r} "
                              f"(known: {', '.join(sorted(PROFILES))})")
        try:
            self.default_codec = codec_for(codepage)
        except ValueError as exc:
            raise EscposError(str(exc)) from None
        # The model's Kanji (double-byte) code system, None for a model without
        # one (FS & / FS . / FS C are then read and ignored, as before); whether
        # the printer powers up (and comes back from ESC @) in Kanji mode.
        try:
            self.double_byte = double_byte_for(double_byte) if double_byte else None
        except ValueError as exc:
            raise EscposError(str(exc)) from None
        if double_byte_at_power_on and not self.double_byte:
            raise EscposError("double_byte_at_power_on needs the model's double_byte "
                              "code system")
        self.double_byte_at_power_on = double_byte_at_power_on
        self.profile = PROFILES[profile]
        self.idle_gap_s = idle_gap_s
        self._buf = bytearray()  # bytes of a command still incomplete
        self._r = _Receipt()
        self._last_byte_at: float | None = None
        # Totals since start (``agent status`` / ``agent receipt parse``).
        self.total_bytes = 0
        self.total_commands = 0
        self.total_unknown = 0
        self.total_truncated = 0
        self.total_unknown_text = 0  # characters decoded as U+FFFD (see escpos_text)
        self.discarded_bytes = 0  # content-less bytes of jobs that ended
        self.total_status_bytes = 0  # status queries (DLE EOT, GS r, ...): in no receipt
        self.receipts = 0
        self._reset_state()
        self._line = ""

    def _reset_state(self) -> None:
        self.page_codec = self.default_codec  # ESC t: the single-byte page
        self.kanji = self.double_byte_at_power_on  # FS & on, FS . off
        self.kanji_system = self.double_byte  # FS C on Japanese models
        # What text decodes with: the Kanji code system in Kanji mode, else the page.
        self.codec = self.kanji_system if self.kanji else self.page_codec
        self.intl = 0
        self.bold = False
        self.width = 1
        self.height = 1
        self.page_mode = False
        self._seg = bytearray()  # text bytes not yet decoded (one code page)

    # --- public API ---------------------------------------------------------

    def feed(self, data: bytes, now: float) -> list[object]:
        """Bytes from the till, in any chunking. Returns the events they complete."""
        # A tuple, not ``bytes | bytearray | memoryview``: no Union built per call.
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise EscposError(f"feed() takes bytes, not {type(data).__name__}")
        if not data:
            return []
        out: list[object] = []
        self._last_byte_at = now
        self.total_bytes += len(data)
        self._buf += data
        self._run(now, out, final=False)
        return out

    def tick(self, now: float) -> list[object]:
        """Ends the receipt in progress when nothing came for ``idle_gap_s``
        (printers without a cutter; a till that stopped mid-receipt)."""
        if self._last_byte_at is None or now - self._last_byte_at < self.idle_gap_s:
            return []
        self._take_lines()
        if not (self._r.has_content() or self._line.strip() or self._seg.strip()):
            return []
        return self._end("idle_gap", now, self._last_byte_at)

    def end_of_job(self, now: float) -> list[object]:
        """The till closed its print job (TCP connection): what it sent is a
        whole receipt (or a cut-off one)."""
        return self._end("job_end", now, now)

    def flush(self, now: float) -> list[object]:
        """Shutdown: the receipt in progress, if any, ends now."""
        return self._end("flush", now, now)

    @property
    def unfinished(self) -> bytes:
        """Bytes since the last receipt that no receipt holds yet (setup
        commands after a cut, or a receipt in progress)."""
        return bytes(self._r.raw) + bytes(self._buf)

    @property
    def pending(self) -> bool:
        """Whether a receipt is in progress (bytes since the last boundary)."""
        return bool(self._r.raw or self._buf)

    # --- internals ------------------------------------------------------------

    def _end(self, how: str, now: float, ended_at: float) -> list[object]:
        out: list[object] = []
        if self._buf:  # a command cut short: the till stopped mid-command
            self._run(now, out, final=True)
        self._finish_line()
        if self._r.has_content():
            out.append(self._emit(how, ended_at))
        elif how in ("job_end", "flush") and self._r.raw:
            # A job that ended with nothing of a receipt in it (a till cut off
            # mid-logo, setup bytes alone): the next job is another
            # connection's stream and must not start with these bytes.
            self.discarded_bytes += len(self._r.raw)
            self._r = _Receipt()
        else:
            # Nothing printed yet (setup commands before an idle gap): the
            # receipt starts with the next bytes; these stay in its raw prefix.
            self._r.started_at = None
        return out

    def _run(self, now: float, out: list[object], final: bool) -> None:
        buf = self._buf
        size = len(buf)
        i = 0
        # The receipt's raw bytes are copied out of ``buf`` in slices from
        # ``raw_from``, not piece by piece: only a status query (never part of
        # a receipt) or a cut (the receipt leaves with its bytes) closes a slice.
        # Likewise its command and text byte counts are summed here and added
        # before a cut and at the end.
        raw_from = 0
        ncmd = ntext = 0
        text_in_call = 0  # text bytes this call added to _seg (see the end)
        is_text, fast, text_run = _IS_TEXT, FAST, _TEXT_RUN.match
        while i < size:
            b = buf[i]
            if is_text[b]:
                j = text_run(buf, i).end()  # type: ignore[union-attr]  # is_text[b]: matches
                ntext += j - i
                text_in_call += j - i
                self._seg += buf[i:j]  # lines later (see _take_lines)
                i = j
                continue
            # Fast path: a command of a common receipt whose bytes are all here,
            # in one dict lookup, no Token and no copy (``escpos_handlers.FAST``).
            fx = fast.get(b << 8 | buf[i + 1]) if i + 1 < size else None
            if fx is not None:
                length, enum, handler, status = fx
                j = i + length
                if j > size or (enum and buf[i + 2] in PREFIXES):
                    fx = None
            if fx is None:
                tok = measure(buf, i, final)
                if tok is None:
                    break
                j = i + tok.length
                if tok.unknown:
                    self._unknown_command(tok, bytes(buf[i:j]), now, out)  # its bytes stay in raw
                    i = j
                    continue
                name = tok.name
                status = STATUS_QUERIES.get(name)
                handler = HANDLERS.get(name)
                if handler is None and (name.startswith("GS ( ") or name.startswith("GS 8 ")):
                    handler = GS_PAREN
            ncmd += 1
            if status is not None:
                # The till asking the printer (DLE EOT, GS r, GS a, ...): answered,
                # never printed, so not part of any receipt. A till polling status
                # between sales must not grow the next receipt's bytes.
                self._r.raw += buf[raw_from:i]
                raw_from = j
                self.total_status_bytes += j - i
                out.append(StatusQuery(status, buf[i + 2], now))
            elif handler is not None:
                if handler is CUT:  # may emit the receipt: its bytes and counts first
                    r = self._r
                    r.raw += buf[raw_from:j]
                    raw_from = j
                    r.commands += ncmd
                    r.text_bytes += ntext
                    self.total_commands += ncmd
                    ncmd = ntext = 0
                handler(self, buf, i, j, now, out)
            i = j
        r = self._r
        if raw_from < i:
            r.raw += buf[raw_from:i]
        r.commands += ncmd
        r.text_bytes += ntext
        self.total_commands += ncmd
        del buf[:i]
        if self._seg:
            # Lines completed by this call are made now: a receipt arriving in
            # small reads (a serial tap) leaves little for the call with its cut.
            # Only this call's bytes can hold an LF (none is left between calls):
            # a long line arriving a byte at a time is not searched again each time.
            self._take_lines(max(0, len(self._seg) - text_in_call))
        if r.started_at is None and r.raw:
            # A receipt starts with its first byte (status queries are not
            # part of it); one begun and cut in this same call started now.
            r.started_at = now

    def _unknown_command(self, tok: Token, cmd: bytes, now: float, out: list[object]) -> None:
        r = self._r
        if tok.name == "truncated":
            r.truncated += 1
            self.total_truncated += 1
        else:
            r.unknown += 1
            self.total_unknown += 1
        out.append(UnknownCommand(cmd[:3], len(cmd), now))

    def _emit(self, how: str, ended_at: float) -> ReceiptEnded:
        r = self._r
        self._r = _Receipt()
        self.receipts += 1
        started = r.started_at if r.started_at is not None else ended_at
        stats = TokenStats(r.commands, r.text_bytes, r.image_bytes, r.unknown, r.truncated,
                           r.unknown_text)
        # ``r`` is dropped here, so its lists become the receipt's (no copies).
        receipt = CapturedReceipt(
            raw=bytes(r.raw), text=r.lines, barcodes=r.barcodes,
            images=r.images, raster_only=bool(r.images) and not r.printed_text,
            ended_by=how, started_at=started, ended_at=ended_at, stats=stats)
        return ReceiptEnded(receipt)
