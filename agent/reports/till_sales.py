"""The sales this till recorded for each pupil on a register's days: what the
office must see before it enters a paper register.

On a hard day a pupil may be served at the till before it went down, then
ticked on the paper list by a cook who did not know: entering that tick
would charge the pupil twice. A paper meal is de-duplicated only against
other paper meals (one per pupil per day, ``agent.sale.txn_ids.manual_id``),
never against the till's sales: whether a second meal that day is real
(seconds, a breakfast club) is the office's choice, asked in words, never the
till's guess. This module only finds the sales; the console asks.

A sale counts for the day it happened in the site's time zone (``occurred_at``
read in ``zone``), as the register's day is; refunds, cancelled sales and
paper meals are not sales at the till.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from agent.clock import parse_rfc3339
from agent.uk_dates import uk_time


@dataclass(frozen=True)
class TillSale:
    """One sale at the till for a pupil: when (``at``, "12:05" in the site's
    time), the lines' descriptions, the total and the flags it was journaled
    with (a total not read is said so by them)."""

    seq: int
    day: str  # YYYY-MM-DD in the site's time zone
    at: str
    what: tuple[str, ...]
    total_pence: int
    flags: tuple[str, ...]
    receipt_no: str


def till_sales_on(entries: Iterable[Any], days: Collection[str],
                  zone: tzinfo) -> dict[tuple[str, str], list[TillSale]]:
    """(day, pupil id) -> that pupil's sales at this till that day, in the
    order recorded, for each of ``days`` (``YYYY-MM-DD``); ``entries``: the
    journal's (``Journal.entries()``)."""
    found: dict[tuple[str, str], list[TillSale]] = {}
    for e in entries:
        if e.kind != "sale":
            continue
        txn = e.transaction
        pupil = txn.get("pupil_id")
        if not pupil:
            continue
        try:
            when = datetime.fromtimestamp(parse_rfc3339(str(txn.get("occurred_at"))), zone)
        except ValueError:
            continue
        day = when.date().isoformat()
        if day not in days:
            continue
        what = tuple(_line_words(ln) for ln in txn.get("lines") or ())
        found.setdefault((day, pupil), []).append(TillSale(
            e.seq, day, uk_time(when), what, int(txn.get("total_pence") or 0),
            tuple(txn.get("flags") or ()), str(txn.get("receipt_no") or "")))
    return found


def _line_words(line: dict[str, Any]) -> str:
    """"Roast dinner", "2 × Cookie"."""
    qty = int(line.get("quantity") or 1)
    desc = str(line.get("description") or "").strip()
    return f"{qty} × {desc}" if qty > 1 else desc
