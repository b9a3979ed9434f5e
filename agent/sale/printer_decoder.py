"""The ESC/POS decoder for this till's printer, built from its config in
this one place: the sale path's live decoder, the OCR queue's re-reading of
journaled bytes, ``agent doctor``'s re-reading of kept receipts and ``agent
receipt parse/reparse/learn`` all read the till's bytes the same way.
"""

from __future__ import annotations

from agent.config import PrinterConfig
from drivers.escpos import EscposDecoder


def decoder_for(printer: PrinterConfig, *, profile: str | None = None,
                codepage: str | None = None) -> EscposDecoder:
    """A fresh decoder set up as ``printer`` says (code-page numbering, code
    page, double-byte code system, idle gap). ``profile``/``codepage``
    override the config's (``agent receipt --profile/--codepage``).

    The idle gap is the config's for every caller, though only a live stream
    (the tap's, ticked by the main loop) ever sees one: a whole captured job
    is fed at one instant and ended (``end_of_job``/``flush``), so no gap can
    fall inside it. EscposError: a profile or code page the decoder does not
    know.
    """
    return EscposDecoder(profile=profile or printer.profile,
                         codepage=codepage or printer.codepage or None,
                         idle_gap_s=printer.idle_gap_s,
                         double_byte=printer.double_byte or None,
                         double_byte_at_power_on=printer.double_byte_at_power_on)
