"""What each flag a journaled sale can carry means for the people at the till
and in the office, and what they should do.

A sale's flags (``sync/protocol.md``) are raised by the receipt reader
(``drivers/receipt``), the printer tap (``drivers/tap_listener``), the correlator,
the offline policy, OCR and the runtime. The code is for machines and stays
as it is; every screen staff see says ``WORDS[code]`` instead (the operator
display, the till queue page, the debt page's "Needs review", ``agent
receipt parse``). ``tests/test_flag_words.py`` reads the code that raises
flags and fails on one without words here.

Said in the school continuity guidance's terms (the payment provider, the
till supplier, the manual register, the debt report); ``review``: a person
has to look at the sale before it can be trusted. No pupil data in the words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FlagWords:
    """One flag in words: what happened, what to do, and whether someone
    has to review the sale."""

    sentence: str
    action: str
    review: bool = False

    @property
    def stated(self) -> str:
        """The sentence ending in a full stop (some are short labels)."""
        return self.sentence if self.sentence.endswith((".", "!", "?")) else self.sentence + "."


_PAPER = "Check the paper receipt against the screen"
_SETTLE = "the office settles it with the payment provider"
_NOTHING = "Nothing to do at the till."

WORDS: dict[str, FlagWords] = {
    # The offline policy (agent/sale/policy.py) and the pupil's identification.
    "allergen_alert": FlagWords(
        "An item names one of this pupil's allergens",
        "Check the food with the pupil before it is eaten; tell the kitchen lead."),
    "over_daily_limit": FlagWords(
        "Over the parent's daily limit",
        "The sale stands; the office may tell the parent."),
    "over_debt_limit": FlagWords(
        "Over the debt limit",
        "The sale stands; it is on the debt report for the office to recover."),
    "insufficient_funds": FlagWords(
        "Not enough money on the account",
        "It is on the debt report: the office recovers the money from the parent."),
    "offline_debt": FlagWords(
        "The pupil's account went below zero while the till could not reach the payment "
        "provider to check it",
        "Keep serving. When the connection is back, the office checks the debt report and "
        "asks the parent to top up."),
    "unknown_pupil": FlagWords(
        "The card or account number read is not on the till's pupil list",
        f"{_PAPER} and note who had the meal; {_SETTLE} (the pupil list may be out of "
        "date, e.g. a new pupil; or the account may be a member of staff's, not on the "
        "pupil list).", review=True),
    "roster_stale": FlagWords(
        "The pupil list is out of date",
        "Keep serving; balances shown may be old. Check the till's network connection."),
    "clock_unsynced": FlagWords(
        "The till's clock had not been checked when this sale was made",
        "The sale's time may be wrong; the office checks the day if it matters."),
    "account_mismatch": FlagWords(
        "The receipt printed a different pupil's account from the card or finger read at "
        "the till.",
        "Ask the kitchen who had the meal, then approve it for the right pupil at the "
        "payment provider. No balance has moved yet.", review=True),
    "review_refund_by_account": FlagWords(
        "A refund was paid to the account printed on the receipt, with no card or finger "
        "read at the till.",
        "Check the refund was genuine (ask the kitchen, see the receipt) before approving it "
        "at the payment provider. No money has moved yet.", review=True),
    "no_biometric_consent": FlagWords(
        "The pupil has no consent for the fingerprint scanner",
        "Use the card or \"Find a pupil\" on the till's screen for this pupil; never the "
        "scanner."),
    # The receipt reader (drivers/receipt).
    "unparsed_receipt": FlagWords(
        "The receipt could not be read",
        f"{_PAPER}; {_SETTLE}: the till may have charged the wrong amount, or nothing.",
        review=True),
    "lines_total_mismatch": FlagWords(
        "The items read do not add up to the receipt's total",
        f"{_PAPER}; {_SETTLE} if the total is wrong.", review=True),
    "split_tender": FlagWords(
        "Paid in parts (e.g. meal allowance and cash)",
        "Nothing to do if the parts shown match the paper receipt."),
    "split_unreconciled": FlagWords(
        "Paid in parts that could not be told apart",
        f"{_PAPER}; {_SETTLE}: what each part paid is not known.", review=True),
    "split_unread": FlagWords(
        "Paid in parts, but the receipt does not say what each part paid",
        f"{_PAPER}; {_SETTLE}: what each part paid is not known.", review=True),
    "unmapped_tender": FlagWords(
        "The receipt names a way of paying the till was not told about",
        f"{_PAPER}; {_SETTLE}, and the till supplier adds the word to the till's set-up.",
        review=True),
    "unread_tender": FlagWords(
        "How the sale was paid could not be read",
        f"{_PAPER}; {_SETTLE}.", review=True),
    "unsure_number": FlagWords(
        "The receipt number could not be read for certain",
        "Nothing to do at the till; the office uses the time and total to find it."),
    "unsure_date": FlagWords(
        "The receipt's date could be read two ways (day or month first)",
        "Nothing to do at the till; the office checks the day if it matters."),
    "unread_number": FlagWords(
        "The receipt printed a number under words the till does not know (perhaps the "
        "receipt's number or the pupil's account), or a receipt number's label with no "
        "number the till could read, so it was not read",
        "Nothing to do at the till; if this keeps happening, the till supplier teaches the "
        "till its receipts."),
    "unread_account": FlagWords(
        "The receipt printed a pupil's number the till could not read, or two pupils' "
        "numbers (two pupils served on one slip), so the sale could not be checked against "
        "the pupil who paid",
        f"{_PAPER}: check the sale is on the right pupil's account. If the paper names two "
        "pupils, the office gives each pupil their own part on Receipts to check.",
        review=True),
    "several_accounts": FlagWords(
        "The receipt printed two pupils' numbers (two pupils served on one slip), so no "
        "one pupil's account was read from it",
        "Nothing to do at the till. The payment provider holds the sale until someone there "
        "approves it: the office gives each pupil their own part on Receipts to check first.",
        review=True),
    "unlabelled_number": FlagWords(
        "The receipt's number was printed without a label, so it may not be the receipt "
        "number",
        "Nothing to do at the till; the office uses the time and total to find it."),
    "template_miss": FlagWords(
        "The receipt printed what its till's profile was not taught",
        f"{_PAPER}; if it keeps happening, call the till supplier to teach the till again.",
        review=True),
    "lines_ambiguous": FlagWords(
        "Some items could be read more than one way",
        f"{_PAPER}: the items may be wrong even if the total is right."),
    "kind_unsure": FlagWords(
        "It is not certain whether this was a sale or a refund",
        f"{_PAPER}; {_SETTLE} if it was the other way.", review=True),
    "total_unsure": FlagWords(
        "The total could not be read for certain",
        f"{_PAPER}; {_SETTLE} if the total is wrong.", review=True),
    "whole_amounts": FlagWords(
        # (said without a currency: the same words on a euro till as on a pound one)
        "The receipt printed its amounts without a decimal point; they were read as whole "
        "amounts (120 as 120.00)",
        f"{_PAPER}. If the till printed 120 for 1.20, the sale is 100 times too big: "
        f"{_SETTLE}, and ask the till supplier to print the decimal point.",
        review=True),
    "unsure_amounts": FlagWords(
        "The receipt's amounts could be read two ways (12.500 is twelve thousand five "
        "hundred in some countries and twelve and a half in others), and its sums add up "
        "either way; the first way was taken",
        f"{_PAPER}; {_SETTLE} if the sale is 1,000 times too big or too small.",
        review=True),
    "overlong_line": FlagWords(
        "The receipt had a line far longer than a till prints (a till set up wrongly, or "
        "garbage on the printer's cable); only its start was read",
        f"{_PAPER}; {_SETTLE} if the sale is wrong. If it keeps happening, call the till "
        "supplier.", review=True),
    # The printer tap (drivers/tap_job.py) and the correlator (agent/sale/correlation.py).
    "job_truncated": FlagWords(
        "The receipt was too long for the till to keep all of it",
        f"{_PAPER}: the end of the receipt was printed but not read.", review=True),
    "job_cut_short": FlagWords(
        "The receipt stopped part way through",
        f"{_PAPER}; {_SETTLE} if the sale is wrong.", review=True),
    "not_printed": FlagWords(
        "The printer was not answering, so this receipt was not printed",
        "Check the printer; give the pupil the sale's details if they need them."),
    "cut_off_receipt": FlagWords(
        "Only part of the receipt arrived and the till did not send it again",
        f"{_PAPER}; {_SETTLE} if the sale is wrong.", review=True),
    "from_reprint": FlagWords(
        "Recorded from a reprinted receipt (the first print was missed)",
        _NOTHING),
    # OCR of receipts printed as pictures (agent/ocr).
    "raster_only": FlagWords(
        "The receipt was printed as a picture, not as text",
        "The till reads it by OCR; check the paper receipt if the sale looks wrong."),
    "ocr_reading": FlagWords(
        "Read from the picture of the receipt (OCR)",
        "Nothing to do if the items and total match the paper receipt."),
    "ocr_unreconciled": FlagWords(
        "The picture of the receipt was read but its sums do not add up",
        f"{_PAPER}; {_SETTLE}: nothing was charged for it.", review=True),
    "ocr_failed": FlagWords(
        "The picture of the receipt could not be read",
        f"{_PAPER}; {_SETTLE}: nothing was charged for it.", review=True),
    "ocr_readers_disagree": FlagWords(
        "Two ways of reading the receipt's picture disagree",
        f"{_PAPER}; {_SETTLE}.", review=True),
    "ocr_account_unsure": FlagWords(
        "The account number on the receipt's picture could not be read for certain",
        "Nothing was charged to an account from it; the office checks who had the meal.",
        review=True),
    # The runtime (agent/runtime/spool_replay.py).
    "recovered_after_restart": FlagWords(
        "Recovered after a restart",
        "No card or finger is attached to it: the office checks who had the meal if it "
        "was paid from an account."),
}


# The receipt reader's flags that say a receipt was not read fully right (a
# person checks it, or the number may be wrong): how well THIS till's receipts
# are read (``agent doctor``'s receipts.reading, ``agent status``). Not
# ``split_tender``: a split payment read in its parts is a clean reading.
READING = frozenset({
    "unparsed_receipt", "lines_total_mismatch", "split_unreconciled", "split_unread",
    "unmapped_tender",
    "unread_tender", "unsure_number", "unsure_date", "unread_number", "unlabelled_number",
    "unread_account", "several_accounts",
    "template_miss",
    "lines_ambiguous", "kind_unsure", "total_unsure", "overlong_line", "whole_amounts",
    "unsure_amounts",
})


# A flag a screen leaves out when a flag that says more about the same thing
# is there too: "paid in parts, nothing to do" beside "parts that could not be
# told apart, check the paper" would tell staff two things at once.
SUPERSEDED_BY = {"split_tender": "split_unreconciled",
                 # tenders paying short of the total: the parts not told apart
                 "unread_tender": "split_unreconciled",
                 # "a number not read, or two pupils'": it is two pupils'
                 "unread_account": "several_accounts"}


def shown(flags: Iterable[str]) -> list[str]:
    """The flags a screen says, in order: each once, none another one
    supersedes (``SUPERSEDED_BY``). The journal keeps them all."""
    present = list(dict.fromkeys(flags))
    return [f for f in present if SUPERSEDED_BY.get(f) not in present]


def words(flag: str) -> FlagWords:
    """``flag`` in words; a code without words says so rather than guess."""
    known = WORDS.get(flag)
    if known is not None:
        return known
    return FlagWords(f"Marked \"{flag.replace('_', ' ')}\" (no plain words for it yet)",
                     f"{_PAPER}; tell the till supplier.", review=True)


def explain(flags: Iterable[str]) -> list[dict[str, object]]:
    """Each flag as the screens show it: code, sentence (and ``stated``, it
    ending in a full stop), action, review."""
    out: list[dict[str, object]] = []
    for f in shown(flags):
        w = words(f)
        out.append({"code": f, "sentence": w.sentence, "stated": w.stated,
                    "action": w.action, "review": w.review})
    return out
