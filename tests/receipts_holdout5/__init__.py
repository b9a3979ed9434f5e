"""A fifth, blind holdout corpus for issue 13's receipt reading.

Five more real layouts (``layouts.py``; sources and conventions in README.md),
weighted to what UK catering tills print, written without reading the rules.
Each renderer prints through python-escpos (``escpos.printer.Dummy``) and
returns the ground truth a careful person reading the paper would record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from escpos.printer import Dummy

from tests.holdout_plumbing import printed_corpus


@dataclass
class Printed:
    """One receipt as printed: its lines with their print styles, the code
    page, and how the paper ends."""

    codepage: str = "AUTO"
    rows: list[tuple[str, dict]] = field(default_factory=list)
    crlf: bool = False
    cut: bool = True

    def add(self, text: str = "", **style: object) -> None:
        self.rows.append((text, style))

    def shown(self) -> list[str]:
        """The text lines a person sees on the paper."""
        return [t for t, _ in self.rows]

    def encode(self) -> bytes:
        """The receipt's ESC/POS bytes, made by python-escpos."""
        p = Dummy()
        if self.codepage != "AUTO":
            p.charcode(self.codepage)
        end = "\r\n" if self.crlf else "\n"
        for text, style in self.rows:
            p.set(normal_textsize=True, bold=False, align="left", font="a")
            if style:
                p.set(**style)
            p.text(text + end)
        if self.cut:
            p.cut()
        else:
            p.text("\n\n\n")
        return p.output


rendered, corpus = printed_corpus(__name__, numbered_from=0)
