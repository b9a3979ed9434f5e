"""Labels printed in two languages ("Cyfanswm / Total", "Cyfrif / Account",
"TOTAL | CYFANSWM",
"Derbynneb / Receipt", "CYFANSWM/TOTAL", "Bl/Yr"), or the other language in
brackets ("Cyfanswm (Total)", "Cyfrif (Acc): 45225", "AD-DALIAD (REFUND)"): a
line read with one language's words alone, when the other's are words no
rule knows."""

from __future__ import annotations

import re

# Two labels joined by " / " or " | " ("TOTAL | CYFANSWM", "Account | Cyfrif:
# 342411"), then the line's value after a colon or a column gap (two spaces
# or more), or nothing (a label alone).
_TWO = re.compile(r"^\s*(?P<a>[^\W\d_][^/|]*?)\s[/|]\s(?P<b>[^\W\d_][^/|]*?)"
                  r"(?P<rest>(?::\s*|\s{2,}).*|\s*:?)$")
# Two labels joined by "/" alone ("CYFANSWM/TOTAL", "Cyfrif/Acc: 127247"):
# each half a word of two letters or more ("A/C", "W/E" are one word each).
_TIGHT = re.compile(r"^\s*(?P<a>[^\W\d_]{2,}(?:\s[^\W\d_]+)*)/(?P<b>[^\W\d_]{2,}[^/]*?)"
                    r"(?P<rest>(?::\s*|\s{2,}).*|\s*:?)$")

# A label with its other language in brackets after it, then the line's
# value after a colon or a space, or nothing ("Cyfanswm (Total)  £2.20",
# "Derbynneb (Receipt) 4100", "Yn ol i'r cyfrif (To account)  £0.95"): the
# bracket holds words alone (never "(2 items)", "(15%)").
_BRACKETED = re.compile(r"^\s*(?P<a>[^\W\d_][^()/\d]*?)\s?\((?P<b>[^\W\d_][^()\d]*?)\)"
                        r"(?P<rest>(?::\s*|\s+).*|\s*:?)$")


# The marks that part a label's two languages in the patterns above: a line
# without one has no label in two languages (``may_be_two``).
_PARTING = frozenset("/|(")


def may_be_two(line: str) -> bool:
    """Whether ``line`` prints a mark that may part two languages (a quick
    look before ``one_language``: a line without one has no such label)."""
    return not _PARTING.isdisjoint(line)


def one_language(raw: str) -> list[str]:
    """The printed line ``raw`` with each of its two labels alone (the
    second's first: receipts print the local language first), or [] when it
    has no label in two languages."""
    m = _TWO.match(raw) or _TIGHT.match(raw) or _BRACKETED.match(raw)
    if m is None:
        return []
    return [m["b"] + m["rest"], m["a"] + m["rest"]]


def joined_tight(raw: str) -> bool:
    """Whether ``raw`` begins with two labels joined by "/" alone (and not
    by " / "): read only where one half alone says what the line is."""
    return _TWO.match(raw) is None and _TIGHT.match(raw) is not None
