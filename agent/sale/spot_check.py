"""The office's spot check: a few receipts the till read *without* a flag,
asked beside the flagged ones on the console's "Receipts to check" page.

Why: the office checks what is flagged, and those checks teach the till's
profile (``agent receipt learn --from-reviews``). A layout the default rules
misread without a flag is never held, so it teaches nothing, and the flagged
count (all the office sees) says nothing of it: on the eleventh blind set
the defaults trusted 97 receipts of one till wrong and the profile the
office's checks taught kept all 97 (README, receipt learning). A spot check
is checked with the same buttons and form as a flagged receipt, journaled
the same way (``Journal.record_review``), so the learner takes it as one
more check; and it is counted (``SpotTally``): the share found wrong is the
default rules' silent rate at this till, which nothing else measures.

Which receipts: one a trading day (the site's local day the sale was
printed), the printed sale of that day whose transaction id hashes least
(sha256): stable across reloads, not one the staff at the till can choose,
each of the day's sales an equal chance. Only the newest
``SPOT_CHECKS_WAITING`` trading days are asked (a day already spot-checked
asks no more): never more than a few waiting, about one a day at most, so it
is never a chore, and older days give way to newer ones if left unchecked.
A receipt is never asked twice (one check per sale, and its day is done).

Pure: seqs, transaction ids, days and flag codes; no pupil data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from agent.sale import flag_words

# Trading days whose spot check may wait at once (about one a day, a few a week).
SPOT_CHECKS_WAITING = 3
# The spot checks a till's tally is judged by (the newest).
RECENT_SPOT_CHECKS = 20


def held_for_a_person(flags: Iterable[str]) -> bool:
    """Whether a sale's flags hold it for a person (a review flag's words)."""
    return any(flag_words.words(f).review for f in flags)


def spot_rank(txn_id: str) -> str:
    """The order a day's sales are drawn in: their ids' sha256."""
    return hashlib.sha256(txn_id.encode("utf-8")).hexdigest()


def spot_picks(sales: Iterable[tuple[int, str, str]], spot_checked_days: set[str],
               askable: Callable[[int], bool] = lambda seq: True,
               waiting: int = SPOT_CHECKS_WAITING) -> list[int]:
    """The seqs to spot-check, oldest first, from ``sales``: (seq,
    transaction id, day) of each printed sale read without a flag that holds
    it; ``spot_checked_days``: the days whose spot check the office has
    recorded; ``askable(seq)``: whether the page can ask it (its printed
    receipt kept to show; a day's next draw is taken when not)."""
    by_day: dict[str, list[tuple[str, int]]] = {}
    for seq, txn_id, day in sales:
        by_day.setdefault(day, []).append((spot_rank(txn_id), seq))
    picks = []
    for day in sorted(by_day, reverse=True)[:waiting]:
        if day in spot_checked_days:
            continue
        drawn = next((seq for _, seq in sorted(by_day[day]) if askable(seq)), None)
        if drawn is not None:
            picks.append(drawn)
    return sorted(picks)


@dataclass(frozen=True)
class SpotTally:
    """The newest spot checks the office recorded: how many, how many found
    the paper different (the till read it wrong and did not say so)."""

    checked: int = 0
    wrong: int = 0

    def summary(self) -> str:
        """One line, for ``agent doctor`` and the console's Till checks."""
        if not self.checked:
            return ("spot checks: none checked yet (the office's Receipts to check page asks "
                    "about one receipt a day the till read without doubt)")
        return f"spot checks: {self.checked} checked, {self.wrong} found wrong"

    def advice(self, reviews_command: str) -> str:
        """What a found-wrong spot check means to do ("" when none was)."""
        if not self.wrong:
            return ""
        return (f"the till read {self.wrong} of the last {self.checked} spot-checked receipt(s) "
                "wrong without flagging them (the default rules misread this till silently, "
                "so unchecked sales may be charged wrong too): learn this till's profile from "
                f"the office's checks (`{reviews_command}`), or call the till's supplier; any "
                "sale the office finds wrong is put right at the payment provider from the "
                "Receipts to check page")


def spot_tally(checks: Iterable[tuple[list[str], str]],
               recent: int = RECENT_SPOT_CHECKS) -> SpotTally:
    """The tally of the newest ``recent`` spot checks among ``checks``
    (newest first: each checked sale's journaled flags and the office's
    outcome, "as_read" or "differs"): a check of a sale no flag held is a
    spot check."""
    spot = list(islice((outcome for flags, outcome in checks if not held_for_a_person(flags)),
                       recent))
    return SpotTally(len(spot), sum(1 for o in spot if o == "differs"))


# The journal entries the tally looks back over, and Receipts to check too
# (``agent.console.review_view.LOOKED_BACK``): weeks of one till's lunches.
SPOT_LOOKS_BACK = 5000


def read_spot_tally(journal: Any, recent: int = RECENT_SPOT_CHECKS) -> SpotTally:
    """``spot_tally`` of the checks the office recorded in the journal's last
    ``SPOT_LOOKS_BACK`` entries (``journal`` may be read-only), newest first,
    each read with its sale's journaled flags; only seqs, flags and outcomes."""
    after = max(0, journal.last_seq() - SPOT_LOOKS_BACK)

    def checks() -> Iterable[tuple[list[str], str]]:
        for seq, review in sorted(journal.reviews(after_seq=after).items(), reverse=True):
            entry = journal.get_seq(seq)
            if entry is not None:
                yield list(entry.transaction.get("flags") or []), str(review["outcome"])

    return spot_tally(checks(), recent)
