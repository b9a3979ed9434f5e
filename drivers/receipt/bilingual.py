"""Labels printed in two languages ("Cyfanswm / Total", "Cyfrif / Account",
"Derbynneb / Receipt"): a line read with one language's words alone, when
the other's are words no rule knows."""

from __future__ import annotations

import re

# Two labels joined by " / ", then the line's value after a colon or a column
# gap (two spaces or more), or nothing (a label alone).
_TWO = re.compile(r"^\s*(?P<a>[^\W\d_][^/]*?)\s/\s(?P<b>[^\W\d_][^/]*?)"
                  r"(?P<rest>(?::\s*|\s{2,}).*|\s*:?)$")


def one_language(raw: str) -> list[str]:
    """The printed line ``raw`` with each of its two labels alone (the
    second's first: receipts print the local language first), or [] when it
    has no label in two languages."""
    m = _TWO.match(raw)
    if m is None:
        return []
    return [m["b"] + m["rest"], m["a"] + m["rest"]]
