"""Bytes for the receipt printer when the agent itself prints (a technician's
paper register): never used on the till's own stream, which the agent only
forwards and observes.

Plain Epson ESC/POS that every receipt printer takes: reset, code page PC858
(it has the pound sign), text lines, feed and a partial cut.
"""

from __future__ import annotations

ESC, GS = b"\x1b", b"\x1d"
INIT = ESC + b"@"
CODEPAGE_PC858 = ESC + b"t\x13"  # Epson table 19: PC858 (PC850 + euro)
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
FEED_AND_CUT = ESC + b"d\x04" + GS + b"V\x42\x00"  # feed, then partial cut


def document(lines: list[str | tuple[str, bool]]) -> bytes:
    """One printed document from text lines; a ``(text, True)`` line is bold.
    Characters PC858 cannot show print as ``?``; control characters (a roster
    name holding ``ESC p``, the drawer kick) print as spaces, never as
    commands."""
    out = bytearray(INIT + CODEPAGE_PC858)
    for item in lines:
        text, bold = (item, False) if isinstance(item, str) else item
        if not text.isprintable():
            text = "".join(c if c.isprintable() else " " for c in text)
        body = text.encode("cp858", errors="replace")
        out += (BOLD_ON + body + BOLD_OFF) if bold else body
        out += b"\n"
    out += FEED_AND_CUT
    return bytes(out)
