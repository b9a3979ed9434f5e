"""A journaled payload is the canonical JSON of the transaction, byte for
byte, whatever the transaction holds: append writes the correlator's usual
shape directly and everything else through the encoder, and the hub, the
hash chain and verify all depend on the two agreeing."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.clock import FakeClock
from agent.journal import Journal, canonical_json

# Text a receipt may carry: quotes, backslashes, control characters, pound
# signs, emoji, lone surrogates (a broken code page).
TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                                      blacklist_categories=()), max_size=12)


class Pence(int):
    """An int that is not exactly int (an IntEnum or numpy-like value)."""


class Name(str):
    """A str subclass."""


ODD = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                st.floats(allow_nan=True), TEXT, st.builds(Pence, st.integers(-999, 999)),
                st.builds(Name, TEXT), st.lists(TEXT, max_size=2).map(tuple),
                st.dictionaries(TEXT, st.integers(), max_size=2))


def line(odd: bool):
    base = {"description": TEXT, "quantity": st.integers(-5, 10**20),
            "amount_pence": st.integers(-10**6, 10**20)}
    if odd:
        base = {k: st.one_of(v, ODD) for k, v in base.items()}
    return st.fixed_dictionaries(base)


def transaction(odd: bool):
    maybe_text = st.one_of(st.none(), TEXT)
    fields = {
        "id": TEXT, "till_id": TEXT, "kind": st.sampled_from(["sale", "refund", "void"]),
        "occurred_at": TEXT, "clock_synced": st.booleans(), "pupil_id": maybe_text,
        "identified_by": maybe_text, "receipt_no": maybe_text,
        "lines": st.lists(line(odd), max_size=4), "total_pence": st.integers(-10**9, 10**20),
        "tender": TEXT, "offline": st.booleans(), "flags": st.lists(TEXT, max_size=3),
        "seq": st.integers(1, 10**12),
    }
    if odd:
        fields = {k: st.one_of(v, ODD) for k, v in fields.items()}
    return st.fixed_dictionaries(fields)


def encoded(body: dict, keep: str = "") -> str:
    """What append journals for ``body``: the transaction it is handed (id,
    kind and seq absent, or present with other values, as ``keep`` says) and
    the id, kind and seq it sets."""
    from agent import journal as jr

    txn = {k: v for k, v in body.items() if k not in ("id", "kind", "seq") or k in keep}
    for k in ("id", "kind", "seq"):
        if k in keep:
            txn[k] = "stale"  # append's own values win
    return jr._payload_json(txn, body["id"], body["kind"], body["seq"])


KEEP = st.sampled_from(["", "id kind", "id kind seq", "seq"])


@settings(max_examples=400)
@given(transaction(odd=False), KEEP)
def test_a_sale_of_the_usual_shape_is_written_as_the_canonical_encoder_writes_it(body, keep):
    assert encoded(body, keep) == canonical_json(body)


@settings(max_examples=400)
@given(transaction(odd=True), KEEP)
def test_odd_values_anywhere_still_give_the_canonical_text(body, keep):
    try:
        want = canonical_json(body)
    except (TypeError, ValueError):
        return  # not JSON at all: append refuses it either way
    assert encoded(body, keep) == want


@given(transaction(odd=False), st.sampled_from(["pupil_id", "flags", "lines", "till_id",
                                               "tender"]),
       st.sampled_from(["drop", "extra"]))
def test_a_transaction_with_other_keys_is_encoded_the_general_way(body, key, how):
    if how == "drop":
        del body[key]
    else:
        body["zz_" + key] = body[key]
    assert encoded(body) == canonical_json(body)


def test_lines_with_other_keys_or_not_dicts_are_encoded_the_general_way():
    base = {"id": "t:1", "till_id": "t", "kind": "sale", "occurred_at": "x",
            "clock_synced": True, "pupil_id": None, "identified_by": None, "receipt_no": None,
            "total_pence": 1, "tender": "cash", "offline": False, "flags": [], "seq": 1}
    for lines in ([{"description": "a", "quantity": 1}],
                  [{"description": "a", "quantity": 1, "amount_pence": 1, "vat": 0}],
                  [["a", 1, 1]], [{"description": "a", "quantity": True, "amount_pence": 1}],
                  [{"description": "a", "quantity": 1.0, "amount_pence": 1}]):
        body = dict(base, lines=lines)
        assert encoded(body) == canonical_json(body)


def test_the_journaled_payload_and_hash_follow_from_the_canonical_text(tmp_path):
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        txn = {"till_id": "till-1", "occurred_at": "2026-11-28T12:01:02.123Z",
               "clock_synced": True, "pupil_id": "P0001", "identified_by": "card",
               "receipt_no": "0042", "lines": [{"description": "Crème brûlée £\"\\\n",
                                                "quantity": 2, "amount_pence": 300}],
               "total_pence": 300, "tender": "account", "offline": False,
               "flags": ["allergen_alert"]}
        entry, _ = j.append("till-1:20261128:0042:abc", "sale", txn)
        body = dict(txn, id="till-1:20261128:0042:abc", kind="sale", seq=1)
        assert entry.payload == canonical_json(body)
        assert json.loads(entry.payload) == body
        assert j.verify().ok


def test_the_entry_append_returns_is_the_entry_read_back(tmp_path):
    import dataclasses

    from agent.journal import Entry

    clock = FakeClock(now=1_795_000_000.25, mono=42, is_synced=False, boot="boot-7")
    with Journal.in_state_dir(tmp_path, clock) as j:
        entry, _ = j.append("till-1:1", "sale", {"till_id": "till-1", "flags": []})
        assert type(entry) is Entry and entry == j.get("till-1:1")
        assert (entry.seq, entry.wall_time, entry.clock_synced, entry.boot_id,
                entry.mono_ns) == (1, "2026-11-18T11:06:40.250Z", False, "boot-7", 42)
        with pytest.raises(dataclasses.FrozenInstanceError):
            entry.seq = 2  # type: ignore[misc]
