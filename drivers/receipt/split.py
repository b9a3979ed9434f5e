"""A split payment's parts: what each tender a receipt printed paid.

A receipt that printed two different tenders ("Free meal 2.73" and
"Account 0.52", "Account 1.00" and "Cash 5.00 / Change 2.75") was paid in
parts, and the pupil's account must be charged its part only. Each part is
the sum of its tender's printed amounts (tenders the tables give one word,
"Visa" and "Card", are one part), in the order first printed; the change
comes off the cash part (change is given in cash). The parts are trusted
only when every tender printed an amount and they add up to the total;
otherwise the receipt is flagged ``split_unreconciled`` and carries none.
"""

from __future__ import annotations

from drivers.receipt.model import TenderPart

SPLIT_UNRECONCILED = "split_unreconciled"


def split_parts(printed: list[str], words: list[str], paid_by: dict[str, int],
                total: int | None, change: int | None) -> tuple[tuple[TenderPart, ...], list[str]]:
    """The parts of a split payment and the flag they call for.
    ``printed``: the tenders as printed, ``words``: each one's contract word
    (or the printed tender); ``paid_by``: printed tender -> the amounts on
    its lines (unsigned); ``total``: the receipt's (negative for a refund);
    ``change``: the change printed, if any."""
    paid: dict[str, int] = {}
    for p, w in dict.fromkeys(zip(printed, words, strict=True)):
        if p not in paid_by:
            return (), [SPLIT_UNRECONCILED]  # a tender without its amount: no part is known
        paid[w] = paid.get(w, 0) + paid_by[p]
    if total is None or len(paid) < 2:
        return (), [SPLIT_UNRECONCILED]
    if change and total > 0:
        if paid.get("cash", 0) < change:
            return (), [SPLIT_UNRECONCILED]  # change from no cash (or more than it)
        paid["cash"] -= change
    sign = -1 if total < 0 else 1
    parts = tuple(TenderPart(w, sign * pence) for w, pence in paid.items())
    if sum(p.amount_pence for p in parts) != total or any(p.amount_pence == 0 for p in parts):
        return (), [SPLIT_UNRECONCILED]
    return parts, []


def paid_short(tender_amounts: list[int], change: int | None, total: int | None) -> bool:
    """Whether the tenders printed with their amounts paid less than the
    total (the change off): the rest was paid by a line no rule read as a
    tender ("Free meal credit  £1.20" over "Dinner money  £0.90")."""
    if not tender_amounts or total is None:
        return False
    return sum(abs(a) for a in tender_amounts) - abs(change or 0) < abs(total)
