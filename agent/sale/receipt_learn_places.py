"""Where a sample's lines teach a till's layout (part of ``agent receipt
learn``, ``receipt_learn_layout``): the lines printing an optional field,
known only by being read as it, and the lines after a sample's items when
it printed no total line, which teach both sides of a total.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from drivers.receipt import interpret, tenders_printed

# Fields a till may print on some receipts only (a staff sale has no
# account; a receipt may print no tender): the lines that print them are
# known only by being read as them, never by their shape, so such a line
# the rules cannot read is flagged, and a receipt without one is not.
OPTIONAL = ("tender", "account")


def optional_lines(sample: Any, p: Any, rules: Any) -> set[str]:
    """The lines (normalised) printing a sample's tender or account: those
    printing it (the account, a tender as printed) without which the rules
    read either otherwise (a line that only says whose account follows is
    the till's own, and taught). A rule ("-----",
    "*****") prints neither, though it ends the block a tender is read in:
    the till prints it on every receipt, and it is taught."""
    text = [str(t) for t in (getattr(sample, "text", None) or [])]
    read = (p.tender, p.tenders, p.account)
    # (what the line itself prints: "Student: Harvey Singh" above "ID:
    # 1169777" says whose account it is, and is the till's own line)
    values = [_fold(v) for v in (p.account, *tenders_printed(sample, rules)) if v]
    out = set()
    for i, line in enumerate(text):
        if not any(ch.isalnum() for ch in line) or not any(v in _fold(line) for v in values):
            continue
        q = interpret(dataclasses.replace(sample, text=text[:i] + text[i + 1:]), rules)
        if (q.tender, q.tenders, q.account) != read:
            out.add(" ".join(line.split()))
    return out


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def below_unread_total(seen: list[tuple[str, str, Any, bool]]) -> set[int]:
    """The places of the lines after a sample's last item when no line of
    it was read below a total (a refund printing only "Credited to account
    £6.05"): the rules read them among the items, though a receipt of the
    same till printing its total reads them below it. They teach both."""
    if any(region == "footer" for _line, region, _item, _kept in seen):
        return set()
    last = max((i for i, (_line, _region, item, _kept) in enumerate(seen) if item is not None),
               default=len(seen))
    return set(range(last + 1, len(seen)))
