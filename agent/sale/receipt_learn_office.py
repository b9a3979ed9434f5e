"""What the office's checks of held receipts confirm, as the learner's
partial truths (``agent receipt learn --from-reviews``).

On the console's "Receipts to check" page the office compares a flagged
sale with its paper receipt: "As read" (the page's total and how it was paid
match the paper) or "The paper is different" (the total, who paid and how,
typed from the paper; ``agent.console.review_form``). From each check:

* the total: the sale's as read, or the paper's as typed;
* the tender: how it was paid, as the contract says it (cash, card,
  account, fsm), only where the reading found a tender printed: the
  learner's tender is what the paper says, and how a sale was paid is not
  what a paper printing no tender word says (the journal's default "cash"
  for it, confirmed, would teach the till's "Thank you" line as the word
  for cash, and every card sale printed the same way would be read as
  cash). Or where the office changed it: the form asks "How does the paper
  say it was paid?", so a way other than the till's is the paper's (a
  spot check of a sale read with no tender, ``agent.sale.spot_check``:
  "Prepaid meal card £7.95" that the journal filled in as cash). A sale
  paid two ways confirms "no single tender" (as a technician's "" does),
  which the reader says by flagging the split;
* the account printed on the receipt: only when the till charged the pupil
  its printed account names (``identified_by`` "receipt") and the office
  confirmed that pupil paid; or when the reading flagged a pupil's number
  printed and not read (``unread_account``, one pupil's: not
  ``several_accounts``), whose check asks the office to make sure the sale
  is on the pupil the paper names: the pupil it confirms or names is the
  one printed (a central kitchen's "Code: 614" under the pupil's name,
  holdout25 trust-kitchen), and the learner finds where (a pupil whose
  number the paper does not print teaches nothing: the learner looks for
  the value). Otherwise who paid is not what the paper prints: a card
  tap or a corrected pupil says nothing of an account line;
* the items: never typed by the office, and never proved by the receipt's
  sums: they prove the values, not the names (a wrapped name's second row,
  "Famosa", read as the item adds up as well as "Habichuelas rojas La
  Famosa"); left unconfirmed, and the learner then sets aside no line the
  sums alone cannot tell from an item (``receipt_learn._only_fix``);
* the number, the date, the kind: never confirmed here (asked at a terminal,
  or left unconfirmed: the learner neither checks nor teaches them).

A spot check (``agent.sale.spot_check``: a sale no flag held) teaches only
where the office found the paper different: found matching, it confirms
what the defaults read quietly already, and as one more sample it made a
learnt layout strict enough to flag right receipts whose lines no sample
printed (the scoreboard's holdout24 sri-ec, 7 of 50 template_miss, and
holdout29 trinhall-bill, 4 of 200 unmapped_tender): it is counted
(``SpotTally``), not learnt from (``office_samples``).

Pure: the journal's entry and review dicts in, ``Truth`` out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.sale.receipt_learn_fields import Truth
from agent.sale.spot_check import held_for_a_person
from drivers.receipt import ParsedReceipt

AS_READ, DIFFERS = "as_read", "differs"
UNREAD_ACCOUNT, SEVERAL_ACCOUNTS = "unread_account", "several_accounts"  # (flag_words)
# How the office says a sale was paid in parts (``adjustment.HOW_WORDS`` are single tenders);
# "pupils": two pupils served on one slip, each paying a part (no one account either).
_IN_PARTS = ("parts", "split", "pupils")


@dataclass(frozen=True)
class OfficeCheck:
    """What the office confirmed of one journaled sale."""

    seq: int
    outcome: str  # AS_READ | DIFFERS
    total_pence: int  # the paper's total (positive)
    tender: str  # the contract's word for how it was paid; "" paid in parts
    pupil_id: str  # who paid, "" nobody's account
    # The account the receipt prints, when the office's check proves it
    # (the till charged the pupil it names, and that pupil paid); "" unknown.
    printed_account: str = ""
    # The office changed how it was paid from the till's (the paper's way, not a default).
    how_changed: bool = False

    @property
    def words(self) -> str:
        """The check in the office's words (no pupil named)."""
        said = "as read" if self.outcome == AS_READ else "the paper was different"
        how = self.tender or "in parts"
        return f"checked by the office: {said}; total {self.total_pence / 100:.2f}, paid {how}"


def office_check(seq: int, txn: dict[str, Any], review: dict[str, Any]) -> OfficeCheck | None:
    """The office's check of journaled sale ``seq`` (``txn``, its
    transaction's JSON; ``review``, ``Journal.reviews()``'s row); None when
    it confirms no figures (a correction whose figures were not recorded)."""
    outcome = review.get("outcome")
    if outcome == AS_READ:
        total, pupil = int(txn.get("total_pence") or 0), str(txn.get("pupil_id") or "")
        tender = "" if txn.get("tenders") else str(txn.get("tender") or "")
    elif outcome == DIFFERS and isinstance(review.get("correction"), dict):
        c = review["correction"]
        if c.get("paper_total_pence") is None or not c.get("how"):
            return None
        total, pupil = int(c["paper_total_pence"]), str(c.get("pupil_id") or "")
        tender = "" if c["how"] in _IN_PARTS else str(c["how"])
    else:
        return None
    read_from_paper = txn.get("identified_by") == "receipt" and txn.get("pupil_id")
    two_pupils = outcome == DIFFERS and review["correction"].get("how") == "pupils"
    flags = txn.get("flags") or ()
    # (the check of a pupil's number printed and not read: the pupil the
    # office settles on is the paper's; see the module docstring)
    named_on_paper = UNREAD_ACCOUNT in flags and SEVERAL_ACCOUNTS not in flags
    account = (pupil if (read_from_paper and pupil == txn.get("pupil_id") or named_on_paper)
               and not two_pupils else "")
    changed = outcome == DIFFERS and tender != str(txn.get("tender") or "")
    return OfficeCheck(seq, str(outcome), abs(total), tender, pupil, account, changed)


def office_samples(txn: dict[str, Any], review: dict[str, Any]) -> bool:
    """Whether the office's check of a sale (``txn``) is a sample to learn from:
    every check of a held sale, a spot check only where the paper was
    different (see the module docstring)."""
    return review.get("outcome") == DIFFERS or held_for_a_person(txn.get("flags") or [])


def office_truth(check: OfficeCheck, p: ParsedReceipt) -> Truth:
    """The learner's truth for a receipt the office checked, ``p`` its
    reading with today's rules: the total, the tender where the reading
    found one printed or the office changed it, the printed account where the check proves it (see
    the module docstring)."""
    confirmed: dict[str, Any] = {"total": check.total_pence}
    if p.tender or p.tenders or check.how_changed:
        confirmed["tender"] = check.tender
    if check.printed_account:
        confirmed["account"] = check.printed_account
    return Truth.partial(**confirmed)
