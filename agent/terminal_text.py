"""Text for a terminal: control and format characters escaped.

Receipts, roster names and hub reasons are written by others. Printed raw,
a C0/C1 control (ESC, U+009B CSI) can drive the technician's terminal
(retitle it, move the cursor, hide lines) and a bidi control (U+202E) can
make ``£2.40`` read as something else. ``escape`` shows each such character
as ``\\uXXXX`` instead: Unicode categories Cc (except newline, CRLF and tab), Cf
(bidi controls, zero-width characters, soft hyphen), Zl, Zp and surrogates.
The escape is JSON's, so a JSON document written with ``ensure_ascii=False``
still parses to the same text after escaping.

``agent`` routes every command's standard output and error through
``EscapedStream`` (``cli.main``), so no command can forget to; ``--out``
files are data and are written as they are.
"""

from __future__ import annotations

import contextlib
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any, TextIO

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _escape_char(c: str) -> str:
    n = ord(c)
    if n > 0xFFFF:  # a surrogate pair, as JSON writes it
        n -= 0x10000
        return f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"
    return f"\\u{n:04x}"


def escape(text: str, keep: str = "\n\t") -> str:
    """``text`` with every control or format character except those in
    ``keep`` shown as ``\\uXXXX``."""
    if text.isprintable():
        return text
    if keep == "\n\t" and text.isascii() and not _ASCII_CONTROL.search(text):
        return text
    # Line by line: most lines are printable, which str.isprintable tells at
    # C speed. CRLF (CSV's line end) is a newline too; a lone CR is escaped.
    seps = ["\r\n"] * ("\n" in keep) + [re.escape(c) for c in keep]
    parts = re.split(f"({'|'.join(seps)})", text) if seps else [text]
    kept = {"\r\n", *keep} if "\n" in keep else set(keep)
    return "".join(p if p in kept or p.isprintable() else _escape_part(p, keep)
                   for p in parts)


def _escape_part(text: str, keep: str) -> str:
    return "".join(
        _escape_char(c) if c not in keep and unicodedata.category(c) in _UNSAFE_CATEGORIES
        else c
        for c in text)


class EscapedStream:
    """A text stream that escapes what is written to it (``escape``) and
    passes everything else (encoding, isatty, fileno, flush) through."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def escaped_output() -> Iterator[None]:
    """Escape everything written to ``sys.stdout``/``sys.stderr`` within."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapedStream(sys.stdout), EscapedStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
