"""A parsed receipt made into a ``Sale`` (who and what, before the roster and
the policy): its kind, flags, lines, total (a refund's is negative; no total
printed: the lines' sum) and the contract's tender words. Pure; the
correlator (``agent.sale.correlation``) decides which receipt becomes which
sale, under which id and for whom.
"""

from __future__ import annotations

from typing import Any

from agent.clock import rfc3339
from agent.sale.transaction import Sale
from drivers.receipt import contract_tender
from sync.contract import Line, TenderPart


def normalise_tender(tender: str | None, identified: bool) -> str:
    """The contract's tender: account/fsm/cash/card by the receipt reader's
    table (``drivers.receipt.TENDERS``), else what the receipt printed (lower
    case); nothing printed -> account when somebody was identified, else cash."""
    if not tender or not tender.strip():
        return "account" if identified else "cash"
    t = " ".join(tender.strip().lower().split())
    return contract_tender(t) or t


def sale_from_receipt(tid: str, till_id: str, parsed: Any, captured: Any, ident: Any,
                      clock_synced: bool, offline: bool,
                      extra_flags: tuple[str, ...] = ()) -> Sale:
    """Sale ``tid`` of ``parsed`` (``drivers.receipt.ParsedReceipt``) captured
    as ``captured`` (its end is the sale's time; a raster-only capture is
    flagged), identified by ``ident`` (an ``Identification`` or None)."""
    flags = set(parsed.flags or ())
    if extra_flags:
        flags.update(extra_flags)
    if getattr(captured, "raster_only", False):
        flags.add("raster_only")
    lines = tuple(Line.of(ln) for ln in parsed.lines)
    total = parsed.total_pence
    if total is None:
        total = sum(ln.amount_pence for ln in lines)
    if parsed.kind == "refund":
        total = -abs(total)
    identified = bool(parsed.account) or ident is not None
    return Sale(tid, till_id,
                parsed.kind if parsed.kind in ("sale", "refund", "void") else "sale",
                rfc3339(captured.ended_at), parsed.receipt_no, lines, int(total),
                normalise_tender(parsed.tender, identified), frozenset(flags),
                parsed.account or None, ident.pupil_id if ident else None,
                ident.method if ident else None, bool(clock_synced), bool(offline),
                tuple(TenderPart(normalise_tender(t.tender, identified), t.amount_pence)
                      for t in getattr(parsed, "tenders", ())),
                tender_printed=bool((parsed.tender or "").strip()
                                    or getattr(parsed, "tenders", ())))
