"""Whether a till's receipts keep being held for a person for the same
reason (issue 13): at least ``KEEPS_COMING`` in the last week flagged one
way, and how many of them the office has checked on the console. Then the
office's checks can teach the till's profile (``agent receipt learn
--from-reviews``); ``agent doctor`` (``receipt_reading``) and the console's
"Receipts to check" page say so. Pure: seqs, times, flag codes; no pupil
data. Receipts printed while the till's clock was not synced have no time
to count by: a reason that keeps coming only among them is "not known".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.clock import parse_rfc3339
from agent.sale import flag_words

WEEK_S = 7 * 86400
# Receipts flagged for one reason in a week: that reason keeps coming, and the
# office's checks of them can teach the till's profile (a tender word no
# table maps is not one: mapping it is the fix, said on its own).
KEEPS_COMING = 5
_NOT_TAUGHT_BY_CHECKS = ("unmapped_tender",)
# Raised with most other reading flags: on a tie the other says why.
_UMBRELLA = "unparsed_receipt"


@dataclass
class Recurring:
    """One reason this till's receipts keep being flagged: ``count``
    receipts in the last week (of the judged ones) flagged ``flag``,
    ``checked`` of them checked by the office on the console; ``known``
    False when the till's clock was not synced for some of them (then
    "in a week" cannot be said)."""

    flag: str
    count: int = 0
    checked: int = 0
    known: bool = True
    # The judged receipts do not reach back a week: there may be more.
    at_least: bool = False

    def words(self) -> str:
        """In the words of the office and the technician (no pupil data)."""
        if not self.known:
            return ("not known whether flagged receipts keep coming for the same reason: the "
                    "till's clock was not synced when some of them were printed")
        more = "at least " if self.at_least else ""
        checked = (f"the office has checked {self.checked} of them on the console's Receipts "
                   "to check page" if self.checked else
                   "the office has checked none of them yet on the console's Receipts to "
                   "check page")
        return (f"the same reason keeps coming: {more}{self.count} receipt(s) in the last 7 "
                f"days were held for a person with \"{flag_words.words(self.flag).sentence}\" "
                f"({self.flag}); {checked}")


def printed_at(txn: dict[str, Any]) -> float | None:
    """When a journaled receipt was printed, or None when the till's clock
    was not synced (or its time unreadable)."""
    if not txn.get("clock_synced"):
        return None
    try:
        return parse_rfc3339(str(txn.get("occurred_at") or ""))
    except ValueError:
        return None


def recurring_flag(held: list[tuple[int, float | None, list[str]]], checked: set[int],
                   now: float, oldest: float | None) -> Recurring | None:
    """The commonest reason among ``held`` (seq, when printed or None when the
    till's clock was not synced, flags as read now) receipts printed in the
    week before ``now``, when at least ``KEEPS_COMING`` were held for it;
    ``checked``: the seqs the office checked; ``oldest``: when the oldest
    receipt judged was printed (None: not known; 0.0: the journal holds
    nothing before them): newer than a week, there may be more than
    counted ("at least"). A reason that keeps coming
    among receipts of an unsynced clock is "not known", never a guess."""
    week: dict[str, list[int]] = {}
    unsure: dict[str, int] = {}
    for seq, at, flags in held:
        for f in {f for f in flags if flag_words.words(f).review
                  and f not in _NOT_TAUGHT_BY_CHECKS}:
            if at is None:
                unsure[f] = unsure.get(f, 0) + 1
            elif now - WEEK_S <= at <= now + 3600:
                week.setdefault(f, []).append(seq)
    if not week and not unsure:
        return None
    top = max(week, key=lambda f: (len(week[f]), f != _UMBRELLA, f), default=None)
    count = len(week[top]) if top else 0
    if count + max(unsure.values(), default=0) < KEEPS_COMING:
        return None
    if top is None or count < KEEPS_COMING:
        # (enough only with receipts whose time is not known)
        return Recurring(top or max(unsure, key=lambda f: unsure[f]), known=False)
    return Recurring(top, count, sum(s in checked for s in week[top]),
                     at_least=oldest is None or oldest > now - WEEK_S)
