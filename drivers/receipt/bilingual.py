"""Labels printed in two languages ("Cyfanswm / Total", "Cyfrif / Account",
"TOTAL | CYFANSWM", "Derbynneb / Receipt", "CYFANSWM/TOTAL", "Bl/Yr",
"CYFANSWM - TOTAL"), or the other language in brackets ("Cyfanswm (Total)",
"Cyfrif (Acc): 45225", "AD-DALIAD (REFUND)"): a
line read with one language's words alone, when the other's are words no
rule knows."""

from __future__ import annotations

import re

# Two labels joined by " / " or " | " ("TOTAL | CYFANSWM", "Account | Cyfrif:
# 342411"), then the line's value after a colon or a column gap (two spaces
# or more), or nothing (a label alone).
_TWO = re.compile(r"^\s*(?P<a>[^\W\d_][^/|]*?)\s[/|]\s(?P<b>[^\W\d_][^/|]*?)"
                  r"(?P<rest>(?::\s*|\s{2,}).*|\s*:?)$")
# ... or by " - " ("CYFANSWM - TOTAL  £13.50", "Cyfrif - Account: 66137";
# or the en or em dash a Windows code page prints, "REFUND – AD-DALIAD"),
# each half a label's, capitalised ("Account credit - cheque", "Refund -
# dinners not taken" are one label and what it is for: ``_dashed``), the
# first words alone ("Bon-Nr: 1860 - Bankomatkarte" is a number, then the way paid).
_DASHED = re.compile(r"^\s*(?P<a>[^\W\d_][^/|\d]*?)\s[-–—]\s(?P<b>[^\W\d_][^/|]*?)"
                     r"(?P<rest>(?::\s*|\s{2,}).*|\s*:?)$")
# Two labels joined by "/" alone ("CYFANSWM/TOTAL", "Cyfrif/Acc: 127247",
# "AD-DALIAD/REFUND"): each half a word of two letters or more ("A/C", "W/E"
# are one word each).
_TIGHT = re.compile(r"^\s*(?P<a>[^\W\d_]{2,}(?:[-\s][^\W\d_]+)*)/(?P<b>[^\W\d_]{2,}[^/]*?)"
                    r"(?P<rest>(?::\s*|\s{2,}).*|\s*:?)$")

# A label with its other language in brackets after it, then the line's
# value after a colon or a space, or nothing ("Cyfanswm (Total)  £2.20",
# "Derbynneb (Receipt) 4100", "Yn ol i'r cyfrif (To account)  £0.95"): the
# bracket holds words alone (never "(2 items)", "(15%)").
_BRACKETED = re.compile(r"^\s*(?P<a>[^\W\d_][^()/\d]*?)\s?\((?P<b>[^\W\d_][^()\d]*?)\)"
                        r"(?P<rest>(?::\s*|\s+).*|\s*:?)$")


# The marks that part a label's two languages in the patterns above (and
# " - ", ``_dashed``): a line without one has no label in two languages
# (``may_be_two``).
_PARTING = frozenset("/|(")


def may_be_two(line: str) -> bool:
    """Whether ``line`` prints a mark that may part two languages (a quick
    look before ``one_language``: a line without one has no such label)."""
    return not _PARTING.isdisjoint(line) or _dash_between(line)


def one_language(raw: str) -> list[str]:
    """The printed line ``raw`` with each of its two labels alone (the
    second's first: receipts print the local language first), or [] when it
    has no label in two languages."""
    m = _TWO.match(raw) or _TIGHT.match(raw) or _BRACKETED.match(raw) or _dashed(raw)
    if m is None:
        return []
    return [m["b"] + m["rest"], m["a"] + m["rest"]]


def _dashed(raw: str) -> re.Match[str] | None:
    """``raw``'s two labels joined by " - ", each begun with a capital (a
    label in each language), or None."""
    m = _DASHED.match(raw) if _dash_between(raw) else None
    return m if m is not None and m["a"][0].isupper() and m["b"][0].isupper() else None


def _dash_between(line: str) -> bool:
    """Whether ``line`` prints a dash with a space either side (" - ", " – ", " — ")."""
    return " - " in line or " – " in line or " — " in line


def joined_by_dash(raw: str) -> bool:
    """Whether ``raw`` begins with two labels joined by " - " (and by no other
    mark): read only where the halves that are labels say the same thing."""
    return _TWO.match(raw) is None and _TIGHT.match(raw) is None \
        and _BRACKETED.match(raw) is None and _dashed(raw) is not None


def joined_tight(raw: str) -> bool:
    """Whether ``raw`` begins with two labels joined by "/" alone (and not
    by " / "): read only where one half alone says what the line is."""
    return _TWO.match(raw) is None and _TIGHT.match(raw) is not None
