"""A sale the payment provider refused, in the office's words: what the
refusal means and what to do, from the ``reason`` the hub gave
(``sync/protocol.md``, "Response 200": ``conflict`` or ``invalid: <field>``)
or the agent recorded for a sale it never sent (``sync/pusher.py``:
``local: ...``). A reason of any other shape is said as the provider's own
words, and that the till does not know what they mean: never guessed.

The raw reason stays the till supplier's detail (``agent status``, the
doctor and the page's small print say it as given)."""

from __future__ import annotations

from dataclasses import dataclass

# The contract's Transaction fields, as the office would name them (the
# simulated hub names the first field that breaks the contract's table).
FIELD_WORDS = {
    "id": "the till's own number for the sale",
    "till_id": "the till's name",
    "seq": "the till's own number for the sale",
    "kind": "what kind of sale it was",
    "occurred_at": "the time of the sale",
    "clock_synced": "whether the till's clock was checked",
    "pupil_id": "the pupil's account",
    "identified_by": "how the pupil was identified",
    "identified_at_till": "the pupil identified at the till",
    "receipt_no": "the receipt number",
    "lines": "the items",
    "total_pence": "the total",
    "tender": "how it was paid",
    "tenders": "the parts of a split payment",
    "offline": "whether the till was offline",
    "flags": "the notes on the sale",
}

# Why the till itself did not send a sale (sync/pusher.py's ``local:`` reasons).
_LOCAL_WORDS = (
    ("larger than", "it is larger than the payment provider accepts"),
    ("not a valid contract transaction", "its record is not in a form the payment provider "
     "accepts"),
    ("differ from the journal row", "its record on the till is damaged"),
)

# A provider's own words are shown up to this long (the contract allows 1,000 characters).
SAID_AT_MOST = 200
# What to do, in order (the alarm's steps, for this one sale): the call, then
# nothing entered by hand before the till supplier says how.
_CALL = "Call the till supplier with its receipt number and time"
_THEN = ("Put it right at the payment provider only as they tell you: do not ring it up "
         "again at the till, nor enter it at the payment provider before then, or the pupil "
         "could be charged twice.")


@dataclass(frozen=True)
class RefusalWords:
    """One refusal in words: what it means (ending in a full stop) and
    what the office does."""

    meaning: str
    action: str


def is_conflict(reason: str) -> bool:
    """Whether a refusal is the contract's ``conflict``: the provider already
    holds a sale under this sale's id, with other details it did not say."""
    return str(reason or "").strip().lower().partition(":")[0].strip() == "conflict"


def refusal_words(reason: str) -> RefusalWords:
    """What a refusal's ``reason`` means and what to do, in the office's words."""
    text = " ".join(str(reason or "").split())
    code, _, detail = text.partition(":")
    code, detail = code.strip().lower(), detail.strip()
    if code == "invalid" and detail in FIELD_WORDS:
        return RefusalWords(
            f"The payment provider could not accept {FIELD_WORDS[detail]} as the till sent "
            "it, so it did not record the sale: it moved no money there.",
            f"{_CALL}: the till sent something the payment provider does not accept. {_THEN}")
    if code == "conflict":
        return RefusalWords(
            "The payment provider already had a sale under this sale's number on the till, "
            "with different details: it kept that one and not this.",
            f"{_CALL}: what the payment provider holds for it may not be what the paper "
            f"receipt shows. {_THEN}")
    if code == "local":
        why = next((words for key, words in _LOCAL_WORDS if key in detail),
                   "it is not a sale the payment provider would accept")
        return RefusalWords(
            f"The till did not send it: {why}. It is kept on the till and moved no money "
            "at the payment provider.",
            f"{_CALL}. {_THEN}")
    if not text or text == "(no reason given)":
        return RefusalWords(
            "The payment provider refused it without saying why: it moved no money there.",
            f"{_CALL}. {_THEN}")
    if len(text) > SAID_AT_MOST:
        text = text[:SAID_AT_MOST - 1].rstrip() + "\u2026"
    return RefusalWords(
        f"The payment provider refused it, saying \u201c{text}\u201d (its own words: the "
        "till does not know what they mean). It moved no money there.",
        f"{_CALL}, and what the payment provider said. {_THEN}")
