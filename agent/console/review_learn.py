"""The "Receipts to check" page's note when the till's receipts keep being
held for the same reason (``agent.sale.receipt_recurring``): the office's
checks can teach the till to read its paper, and the one command whoever
looks after the till runs (``agent receipt learn --from-reviews``). From the
journaled flags of the sales the page already holds: no receipt is read
again here. Said only when it is known (the till's clock synced)."""

from __future__ import annotations

from typing import Any

from agent.sale import flag_words
from agent.sale.receipt_recurring import printed_at, recurring_flag

COMMAND = "agent receipt learn --from-reviews"


def learn_note(held: list[Any], checked: set[int], now: float) -> dict[str, Any] | None:
    """What review_learn.html says of ``held`` (the page's held entries,
    oldest first) and ``checked`` (their seqs the office checked), or None."""
    # (the page's 5,000 sales reach back more than a week at one till)
    r = recurring_flag([(e.seq, printed_at(e.transaction), list(e.transaction.get("flags") or []))
                        for e in held], checked, now, 0.0)
    if r is None or not r.known:
        return None
    return {"flag": r.flag, "count": r.count, "checked": r.checked, "at_least": r.at_least,
            "reason": flag_words.words(r.flag).sentence, "command": COMMAND}
