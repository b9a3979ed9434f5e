"""Card numbers in the forms schools' systems print and export, reduced to
one canonical form so a read matches the roster whatever form either uses.

Pure functions. Roster entries and reads both go through ``readings``; the
roster cache (``sync.roster_store``) hashes the match keys of each reading
and looks reads up by the same keys, so this is the one place where card
forms are understood, whatever the reader kind.

The forms (EM4100 is the 125 kHz card schools use; an EM4100 card holds 40
bits: an 8-bit version/customer byte then a 32-bit card number
(https://nigh.github.io/markdown/rfid-packet, after
http://www.priority1design.com.au/em4100_protocol.html; Suprema,
"How to indicate EM4100 card", support.supremainc.com article 24000040584):

* ``hex10``: all 40 bits as 10 hex digits, as an RDM6300 sends them
  (``01026F6C3A``);
* ``hex8``: the 32-bit card number as 8 hex digits (``026F6C3A``), what the
  RDM6300 driver reports;
* ``decimal10``: the 32-bit card number as the 10-digit decimal printed on
  the card and typed by keyboard-wedge readers (``0040856634``, reader
  format "8H-10D"; classified ``digits10``, see below);
* ``wiegand26``: facility,card (``111,27706``), the 24 data bits of a
  Wiegand 26 frame (HID H10301: even parity, 8-bit facility code 0-255,
  16-bit card number 0-65535, odd parity; HID Tech Tip 5 "The Standard
  26 Bit Format"). An EM4100 card read through Wiegand 26, or printed in
  that form, gives the low 24 bits of its 32-bit number: facility = bits
  16-23, card = bits 0-15 (reader format "2H+4H", e.g. zgznk 09A-EMID
  manual: ``026F6C3A`` -> ``111,27706``);
* ``hex``: any other number of hex digits (e.g. a MIFARE UID), matched as is.

A string of decimal digits is also read as a decimal card number: 10 digits
could be ``hex10`` or ``decimal10`` (``digits10``), 8 digits ``hex8`` or a
decimal whose leading zeros a spreadsheet dropped (``digits8``), other
lengths are decimal. Such a number has both readings and a read matches if
either does: a false match needs another card whose number equals the other
reading, about one chance in 4 billion per card.

Matching: each reading knows how many low bits of the card it gives (40, 32
or 24 for EM forms). It matches a roster entry on the most bits both know:
a 40-bit read matches a ``hex8`` entry on its low 32 bits, a Wiegand read
matches any EM entry on the low 24 bits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMS = ("hex10", "hex8", "digits10", "digits8", "decimal", "wiegand26", "hex")
# (``decimal10`` is only a name for people: see describe_forms.)
FORM_NAMES = {
    "hex10": "EM4100 10-hex (version byte + card number)",
    "hex8": "8-hex card number",
    "digits10": "10 decimal digits (the 10-digit decimal printed on the card, or a 10-hex "
                "id without letters: matched both ways)",
    "digits8": "8 decimal digits (8-hex, or a decimal that lost its leading zeros: matched "
               "both ways)",
    "decimal10": "10-digit decimal card number (as printed on the card)",
    "decimal": "decimal card number (leading zeros lost)",
    "wiegand26": "Wiegand 26 facility,card",
    "hex": "other hex ids (matched exactly)",
}
EM_LEVELS = (40, 32, 24)
_LEVELS = {b: tuple(x for x in EM_LEVELS if x <= b) for b in EM_LEVELS}
MAX_HEX_DIGITS = 32

_WIEGAND = re.compile(r"(\d{1,3})\s*([,/:\- ])\s*(\d{1,5})")
_SEPARATORS = re.compile(r"[\s:\-]")
_HEX = re.compile(r"[0-9A-F]+")


class CardIdError(ValueError):
    """Not a card number in any form this agent knows (the text is never echoed)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a card number: its ``bits`` low bits are ``value``."""

    value: int
    bits: int

    def levels(self) -> tuple[int, ...]:
        """The widths this reading can be matched on, most specific first."""
        return _LEVELS.get(self.bits) or (self.bits,)

    def key(self, level: int) -> str:
        """The match key at ``level`` bits: ``"<level>:<upper-case hex>"``."""
        if level > self.bits or (level != self.bits and self.bits not in EM_LEVELS):
            raise ValueError(f"a {self.bits}-bit reading has no {level}-bit key")
        v = self.value & ((1 << level) - 1)
        return f"{level}:{v:0{(level + 3) // 4}X}"


def classify(text: str) -> tuple[str, tuple[Reading, ...]]:
    """``(form, readings)`` of a card number as a roster or a reader writes it;
    ``CardIdError`` if it is none of the known forms."""
    if not isinstance(text, str):
        raise CardIdError("a card number must be text")
    s = text.strip().upper()
    m = _WIEGAND.fullmatch(s)
    # "12:34" is two hex bytes, not facility 12 card 34: a Wiegand number has
    # a group that is not two characters long.
    if m and not (len(m.group(1)) == 2 and len(m.group(3)) == 2 and m.group(2) in ": -"):
        fac, card = int(m.group(1)), int(m.group(3))
        if fac > 0xFF or card > 0xFFFF:
            raise CardIdError("facility code over 255 or card number over 65535")
        return "wiegand26", (Reading((fac << 16) | card, 24),)
    digits = _SEPARATORS.sub("", s)
    if not digits or not _HEX.fullmatch(digits):
        raise CardIdError("not a card number")
    if len(digits) > MAX_HEX_DIGITS:
        raise CardIdError(f"longer than {MAX_HEX_DIGITS} hex digits")
    # Decimal digits only: also the card's 32-bit number in decimal, as
    # printed on it, typed by a wedge reader, or with its leading zeros lost
    # to a spreadsheet ("0004340757" -> 4340757).
    # (Separators mean hex bytes: "04:12:34" is never a decimal.)
    decimal = (Reading(int(digits), 32),) if (digits == s and digits.isdigit()
                                              and len(digits) <= 10
                                              and int(digits) <= 0xFFFF_FFFF) else ()
    if len(digits) == 10:
        return ("digits10" if decimal else "hex10"), (Reading(int(digits, 16), 40), *decimal)
    if len(digits) == 8:
        return ("digits8" if decimal else "hex8"), (Reading(int(digits, 16), 32), *decimal)
    if decimal:
        return "decimal", decimal
    return "hex", (Reading(int(digits, 16), 4 * len(digits)),)


def compared_on(read: Reading, entry: Reading) -> int | None:
    """The width a read and a roster entry are compared on: the most bits
    both know (None: they share no width, e.g. a 56-bit UID and an EM card)."""
    level = min(read.bits, entry.bits)
    return level if level in read.levels() and level in entry.levels() else None


def matches(read: str, entry: str) -> bool:
    """Whether a card read (as a reader reports it) is the roster entry's card
    (as the school's system wrote it). The roster cache applies the same rule
    through hashed keys; this is its plain statement. Text in no known form
    matches nothing."""
    try:
        reads, entries = readings(read), readings(entry)
    except CardIdError:
        return False
    for r in reads:
        for e in entries:
            level = compared_on(r, e)
            if level is not None and r.key(level) == e.key(level):
                return True
    return False


def readings(text: str) -> tuple[Reading, ...]:
    """Every canonical reading of a card number (see ``classify``)."""
    return classify(text)[1]


def decimal10(value32: int) -> str:
    """The 10-digit decimal a card prints for its 32-bit number."""
    return f"{value32 & 0xFFFF_FFFF:010d}"


def wiegand26(value: int) -> str:
    """The Wiegand 26 ``facility,card`` of a card number (its low 24 bits)."""
    return f"{(value >> 16) & 0xFF:03d},{value & 0xFFFF:05d}"


def describe_forms(forms: dict[str, int]) -> str:
    """What forms a roster writes its cards in, for people (``agent doctor``):
    ``"1,180 as 8-hex card number, 3 as Wiegand 26 facility,card"``."""
    if not any(forms.values()):
        return "no cards"
    f = dict(forms)
    # Digits-only ids are read both ways; what the rest of the roster writes
    # says which form they most likely are (a tenth of 10-hex ids and a
    # fortieth of 8-hex ones have no letter).
    for digits, hexed, decimal in (("digits10", "hex10", "decimal10"),
                                   ("digits8", "hex8", "decimal")):
        if f.get(digits):
            to = hexed if f.get(hexed) else decimal
            f[to] = f.get(to, 0) + f.pop(digits)
    parts = [f"{n:,} as {FORM_NAMES.get(k, k)}" for k, n in
             sorted(f.items(), key=lambda kv: (-kv[1], kv[0])) if n]
    return ", ".join(parts)
