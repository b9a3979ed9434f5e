"""How the text a till prints becomes a receipt's lines (the decoder's half
that reads text, ``drivers.escpos``): text bytes are kept in a segment (LFs
included) and decoded a block of lines at a time in the code page in force
(``drivers.escpos_text``), UTF-8 recognised per line, HT printed as a space
and CR deleted; every U+FFFD (a character the code page in force cannot
name) is counted as unknown text.

``ReceiptLines`` is mixed into ``EscposDecoder`` (as ``CommandHandlers`` is):
it works on the decoder's segment (``_seg``), the line begun before a
segment-ending command (``_line``), the receipt in progress (``_r``) and the
text state in force (``codec``, ``intl``). Sans-IO like the decoder.
"""

from __future__ import annotations

import codecs

from drivers.escpos_commands import LF
from drivers.escpos_text import INTL_TABLES, UNKNOWN_CHAR, charmap, decode_text, maybe_utf8

_HT_TO_SPACE = bytes.maketrans(b"\t", b" ")  # HT prints as a space; CR is deleted


class ReceiptLines:
    """The decoder's text-to-lines methods.

    Text is kept as bytes in ``_seg`` (LFs included) and turned into lines
    at a command that ends a segment (a new code page, an image, a cut, ...),
    at the end of a ``feed`` and before a tick looks at it. The result is the
    same as one line at a time (no command between two LFs changes how they
    decode) and a receipt's text becomes a few lines-at-once steps, not one
    per run of text.
    """

    def _take_lines(self, start: int = 0) -> None:
        """Turns the complete lines in ``_seg`` (up to its last LF) into
        receipt lines, each LF ending a segment and its line. ``start``: no
        LF before it."""
        seg = self._seg
        last = seg.rfind(LF, start)
        if last < 0:
            return
        block = seg[:last].translate(_HT_TO_SPACE, b"\r")
        del seg[: last + 1]
        codec, intl = self.codec, self.intl
        if self._line:
            # The line began before a segment-ending command (ESC t, ...):
            # its rest is the first part, one segment on that line.
            k = block.find(LF)
            first = block if k < 0 else block[:k]
            self._line += self._counted(decode_text(first, codec, intl))
            self._end_line()
            if k < 0:
                return
            block = block[k + 1 :]
        table = charmap(codec)
        if table is not None and not maybe_utf8(block):
            # No line can be UTF-8 and each byte decodes alone: one call for
            # all the lines gives what decoding them one by one would.
            text = codecs.charmap_decode(block, "replace", table)[0]
            if intl:
                text = text.translate(INTL_TABLES[intl])
            parts = text.split("\n")
        else:  # UTF-8 is recognised per segment (line): line by line
            parts = [decode_text(p, codec, intl) for p in block.split(b"\n")]
        lines = [s for p in parts if (s := p.rstrip())]
        if lines:
            self._count_unknown(lines)
            self._r.lines += lines
            self._r.printed_text = True

    def _flush_segment(self) -> None:
        """A command ends the segment: its text so far joins the line."""
        if not self._seg:
            return
        self._take_lines()
        if self._seg:
            seg = self._seg.translate(_HT_TO_SPACE, b"\r")
            self._line += self._counted(decode_text(seg, self.codec, self.intl))
            self._seg.clear()

    def _counted(self, text: str) -> str:
        """``text``, its U+FFFD characters counted as unknown text."""
        if UNKNOWN_CHAR in text:
            n = text.count(UNKNOWN_CHAR)
            self._r.unknown_text += n
            self.total_unknown_text += n
        return text

    def _count_unknown(self, lines: list[str]) -> None:
        for line in lines:
            self._counted(line)

    def _finish_line(self) -> None:
        # Most commands that end a line come with nothing pending (the text
        # was made into lines at its LF): no calls then.
        if self._seg:
            self._flush_segment()
        if self._line:
            self._end_line()

    def _end_line(self) -> None:
        line = self._line.rstrip()
        self._line = ""
        if line:  # rstripped: not blank
            self._r.lines.append(line)
            self._r.printed_text = True
