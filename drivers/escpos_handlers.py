"""What each ESC/POS command does to the decoder (``drivers.escpos``): the
handlers by token name, the status queries, and the one-lookup table of the
common fixed-length commands made from them.

``CommandHandlers`` is mixed into ``EscposDecoder``: a handler changes the
printer's state in force (code page, Kanji mode, international set, style,
page mode) or the receipt in progress (a line ends, a picture joins it, a cut
ends it) through the decoder's own ``_finish_line``, ``_flush_segment``
(``drivers.escpos_lines``), ``_reset_state`` and ``_emit``. Sans-IO like the decoder.
"""

from __future__ import annotations

from drivers.escpos_commands import ESC, one_step_commands
from drivers.escpos_graphics import barcode, column_image, gs_paren, raster_image
from drivers.escpos_text import FS_C_SYSTEMS, INTERNATIONAL, JAPANESE
from drivers.events import Barcode, Image, ModeChanged, TextStyle


class CommandHandlers:
    """The decoder's command handlers (by token name, see ``HANDLERS``).

    Each handler reads its command in place: ``buf[i:j]`` (no copy per command).
    """

    def _h_init(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        if self._seg:
            self._flush_segment()
        was = (self.bold, self.width, self.height)
        self._reset_state()
        if was != (False, 1, 1):
            out.append(TextStyle(False, 1, 1, now))

    def _h_codepage(self, buf: bytearray, i: int, j: int, now: float,
                    out: list[object]) -> None:
        if self._seg:
            self._flush_segment()
        name = self.profile.codepages.get(buf[j - 1])
        if name:
            self.page_codec = name
            if not self.kanji:
                self.codec = name

    def _h_kanji(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        # FS & (on) / FS . (off); FS C n (a Japanese model's code system).
        # A model without double-byte text ignores them, as it did before.
        if self.double_byte is None:
            return
        if self._seg:
            self._flush_segment()
        c = buf[i + 1]
        if c == 0x26:
            self.kanji = True
        elif c == 0x2E:
            self.kanji = False
        elif self.double_byte in JAPANESE and buf[i + 2] in FS_C_SYSTEMS:
            self.kanji_system = FS_C_SYSTEMS[buf[i + 2]]
        self.codec = self.kanji_system if self.kanji else self.page_codec

    def _h_intl(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        if self._seg:
            self._flush_segment()
        n = buf[i + 2]
        self.intl = n if n in INTERNATIONAL else 0

    def _style(self, now: float, out: list[object], bold: bool | None = None,
               width: int | None = None, height: int | None = None) -> None:
        new = (self.bold if bold is None else bold, width or self.width,
               height or self.height)
        if new != (self.bold, self.width, self.height):
            self.bold, self.width, self.height = new
            out.append(TextStyle(*new, now))

    def _h_bold(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        bold = bool(buf[i + 2] & 1)  # _style without its tuples
        if bold != self.bold:
            self.bold = bold
            out.append(TextStyle(bold, self.width, self.height, now))

    def _h_size(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        n = buf[i + 2]  # GS ! n: width and height multipliers; _style without its tuples
        width, height = ((n >> 4) & 7) + 1, (n & 7) + 1
        if width != self.width or height != self.height:
            self.width, self.height = width, height
            out.append(TextStyle(self.bold, width, height, now))

    def _h_mode(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        n = buf[i + 2]  # ESC ! n: bit 3 emphasised, bit 4 double height, bit 5 double width
        self._style(now, out, bold=bool(n & 8), width=2 if n & 32 else 1,
                    height=2 if n & 16 else 1)

    def _h_print_feed(self, buf: bytearray, i: int, j: int, now: float,
                      out: list[object]) -> None:
        self._finish_line()

    def _h_cut(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._finish_line()
        if self._r.has_content():
            out.append(self._emit("cut", now))
        else:
            self._r.started_at = None

    def _h_page(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        page = buf[i] == ESC and buf[i + 1] == 0x4C  # ESC L (ESC S: standard mode)
        if page != self.page_mode:
            self.page_mode = page
            out.append(ModeChanged(page, now))

    def _h_ff(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._finish_line()
        if self.page_mode:  # FF in page mode: print the page, back to standard mode
            self.page_mode = False
            out.append(ModeChanged(False, now))

    def _picture(self, ev: Image | Barcode, out: list[object]) -> None:
        """An image or barcode printed (``drivers.escpos_graphics`` read it):
        it ends the line and joins the receipt."""
        self._finish_line()
        r = self._r
        if isinstance(ev, Image):
            r.images.append(ev)
            r.image_bytes += ev.nbytes
        else:
            r.barcodes.append(ev)
            r.image_bytes += len(ev.data)
        out.append(ev)

    def _h_raster(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._picture(raster_image(buf, i, j, now), out)

    def _h_column(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._picture(column_image(buf, i, j, now), out)

    def _h_nv(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._picture(Image("nv", 0, 0, 0, now), out)

    def _h_define(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        # Stored, not printed (FS q, GS *, ESC &): only counted.
        self._r.image_bytes += j - i

    def _h_barcode(self, buf: bytearray, i: int, j: int, now: float, out: list[object]) -> None:
        self._picture(barcode(buf, i, j, now), out)

    def _h_gs_paren(self, buf: bytearray, i: int, j: int, now: float,
                    out: list[object]) -> None:
        got = gs_paren(buf, i, j, now)
        if isinstance(got, int):  # stored or a setting: only counted
            self._r.image_bytes += got
        else:
            self._picture(got, out)


STATUS_QUERIES = {"DLE EOT": "dle_eot", "GS r": "gs_r", "GS a": "asb", "GS I": "gs_i",
                   "ESC u": "esc_u", "ESC v": "esc_v"}

HANDLERS = {
    "ESC @": CommandHandlers._h_init,
    "ESC t": CommandHandlers._h_codepage,
    "ESC GS t": CommandHandlers._h_codepage,
    "ESC R": CommandHandlers._h_intl,
    "FS &": CommandHandlers._h_kanji,
    "FS .": CommandHandlers._h_kanji,
    "FS C": CommandHandlers._h_kanji,
    "ESC E": CommandHandlers._h_bold,
    "ESC G": CommandHandlers._h_bold,
    "ESC !": CommandHandlers._h_mode,
    "GS !": CommandHandlers._h_size,
    "ESC d": CommandHandlers._h_print_feed,
    "ESC J": CommandHandlers._h_print_feed,
    "ESC e": CommandHandlers._h_print_feed,
    "ESC K": CommandHandlers._h_print_feed,
    "ESC \x0c": CommandHandlers._h_print_feed,  # ESC FF: print the page (page mode)
    "GS V": CommandHandlers._h_cut,
    "ESC i": CommandHandlers._h_cut,
    "ESC m": CommandHandlers._h_cut,
    "ESC L": CommandHandlers._h_page,
    "ESC S": CommandHandlers._h_page,
    "FF": CommandHandlers._h_ff,
    "GS v 0": CommandHandlers._h_raster,
    "GS Q 0": CommandHandlers._h_raster,
    "ESC *": CommandHandlers._h_column,
    "FS p": CommandHandlers._h_nv,
    "GS /": CommandHandlers._h_nv,
    "FS q": CommandHandlers._h_define,
    "GS *": CommandHandlers._h_define,
    "ESC &": CommandHandlers._h_define,
    "GS k": CommandHandlers._h_barcode,
}
CUT = CommandHandlers._h_cut  # the one handler that may emit a receipt (see EscposDecoder._run)
# Not a handler of one token name: every GS ( x / GS 8 x command (see EscposDecoder._run).
GS_PAREN = CommandHandlers._h_gs_paren


def _fast_table() -> dict[int, tuple]:
    """``(prefix << 8 | second byte)`` -> (length, enumerated argument,
    handler, status kind): the decoder's one-lookup path, made from the
    command table's fixed-length commands (``one_step_commands``) and the
    handlers above."""
    return {key: (c.length, c.enumerated, HANDLERS.get(c.name), STATUS_QUERIES.get(c.name))
            for key, c in one_step_commands().items()}


FAST = _fast_table()
