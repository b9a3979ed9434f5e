"""A sale the payment provider refused, said as what it means and what to do
(agent/console/refusal_words.py): the contract's refusals (sync/protocol.md:
``conflict``, ``invalid: <field>``), the agent's own for a sale it never sent
(sync/pusher.py: ``local: ...``), and any other text as the provider's own
words, said to be so."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from agent.console.refusal_words import FIELD_WORDS, SAID_AT_MOST, refusal_words
from hwsim.hub_contract import invalid_field
from sync.journal_port import PendingTransaction
from sync.pusher import Pusher


def test_an_invalid_field_is_named_as_the_office_would_and_nothing_moved():
    said = refusal_words("invalid: tender")
    assert said.meaning == ("The payment provider could not accept how it was paid as the "
                            "till sent it, so it did not record the sale: it moved no money "
                            "there.")
    # In order: the call, then nothing entered by hand before the supplier says how.
    assert said.action == ("Call the till supplier with its receipt number and time: the "
                           "till sent something the payment provider does not accept. Put it "
                           "right at the payment provider only as they tell you: do not ring "
                           "it up again at the till, nor enter it at the payment provider "
                           "before then, or the pupil could be charged twice.")
    assert "the total as" in refusal_words("invalid: total_pence").meaning
    assert "tender" not in said.meaning and "invalid" not in said.meaning


def test_every_field_the_simulated_hub_names_has_words():
    # The hub names the first field that breaks the contract's Transaction table.
    fields = {"id": 5, "till_id": 5, "seq": 0, "kind": "x", "occurred_at": "x",
              "clock_synced": "x", "pupil_id": "", "identified_by": "x", "receipt_no": 5,
              "lines": "x", "total_pence": "x", "tender": "", "offline": "x", "flags": "x"}
    good = {"id": "t-1", "till_id": "till-1", "seq": 1, "kind": "sale",
            "occurred_at": "2026-12-07T12:00:00.000Z", "clock_synced": True,
            "pupil_id": None, "identified_by": "card", "receipt_no": None, "lines": [],
            "total_pence": 100, "tender": "cash", "offline": False, "flags": []}
    named = set()
    for name, bad in fields.items():
        named.add(invalid_field({**good, name: bad}, "till-1"))
    named.add(invalid_field({**good, "identified_at_till": 1}, "till-1"))
    named.add(invalid_field({**good, "tenders": 1}, "till-1"))
    assert named <= set(FIELD_WORDS), named - set(FIELD_WORDS)


def test_a_conflict_says_the_provider_kept_another_version():
    for reason in ("conflict", "conflict: seq reused"):
        said = refusal_words(reason)
        assert said.meaning.startswith("The payment provider already had a sale under this "
                                       "sale's number on the till, with different details")
        assert "may not be what the paper receipt shows" in said.action


def test_a_sale_the_till_never_sent_says_so():
    # The pusher's own reasons, made by it from bodies it would not send.
    good = {"id": "t-1", "till_id": "till-1", "seq": 1, "kind": "sale",
            "occurred_at": "2026-12-07T12:00:00.000Z", "clock_synced": True,
            "pupil_id": None, "identified_by": "card", "receipt_no": None, "lines": [],
            "total_pence": 100, "tender": "cash", "offline": False, "flags": []}
    for body, seq, why in (
            ({**good, "receipt_no": "9" * (2 << 20)}, 1,
             "it is larger than the payment provider accepts"),
            ({**good, "total_pence": 10**12}, 1,
             "its record is not in a form the payment provider accepts"),
            (good, 2, "its record on the till is damaged")):
        reason = Pusher._unsendable(PendingTransaction(seq, "t-1", json.dumps(body)))
        assert reason.startswith("local: "), reason
        assert refusal_words(reason).meaning == (
            f"The till did not send it: {why}. It is kept on the till and moved no money at "
            "the payment provider.")


def test_no_reason_and_unknown_words_are_never_guessed():
    for reason in ("", "(no reason given)"):
        assert refusal_words(reason).meaning == (
            "The payment provider refused it without saying why: it moved no money there.")
    said = refusal_words("Account closed  by school")
    assert said.meaning == ("The payment provider refused it, saying \u201cAccount closed by "
                            "school\u201d (its own words: the till does not know what they "
                            "mean). It moved no money there.")
    assert "time, and what the payment provider said. Put it right" in said.action
    # "invalid: " with a field the contract does not have is the provider's words too.
    assert "\u201cinvalid: colour\u201d (its own words" in refusal_words("invalid: colour").meaning


@given(st.text(max_size=1200))
def test_any_reason_has_a_meaning_and_an_action_and_unknown_text_is_quoted(reason):
    said = refusal_words(reason)
    assert said.meaning.endswith(".") and said.action.endswith(".")
    assert "Call the till supplier" in said.action
    if "\u201c" in said.meaning:  # the provider's own words, at most SAID_AT_MOST long
        quoted = said.meaning.split("\u201c", 1)[1].rsplit("\u201d", 1)[0]
        assert len(quoted) <= SAID_AT_MOST
        assert "its own words" in said.meaning
