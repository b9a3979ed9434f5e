"""The hub contract's parsers: what a correct hub says is understood, and
anything else (wrong types, bad charset, out-of-range numbers, results for ids
never sent) is a ContractError, never another exception and never half-believed."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.contract import ContractError, Pupil
from sync.contract_checks import parse_time
from sync.contract_parsers import (
    normalise_uid,
    parse_health,
    parse_push_response,
    parse_roster_page,
    validate_transaction,
)


def pupil_json(pid="P1", **kw):
    base = {"id": pid, "display_name": "Ada Lovelace", "year_group": "Y7",
            "card_uids": ["04A2FF10"], "biometric_ids": ["fp-17"], "balance_pence": -120,
            "fsm": False, "daily_limit_pence": None, "debt_limit_pence": 500,
            "allergens": ["peanut"], "biometric_consent": True, "deleted": False}
    base.update(kw)
    return base


def page(pupils, **kw):
    base = {"pupils": pupils, "cursor": "c-1", "more": False, "till_seq_applied": 0}
    base.update(kw)
    return base


def txn(tid="till-1:1", **kw):
    base = {"id": tid, "till_id": "till-1", "seq": 1, "kind": "sale",
            "occurred_at": "2026-11-28T12:01:02.123Z", "clock_synced": True, "pupil_id": "P1",
            "identified_by": "card", "receipt_no": "0042",
            "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": 240}],
            "total_pence": 240, "tender": "account", "offline": False, "flags": []}
    base.update(kw)
    return base


# --- roster pages ------------------------------------------------------------

def test_a_roster_page_from_a_correct_hub_is_understood():
    p = parse_roster_page(page([pupil_json(), pupil_json("P2", deleted=True)],
                               cursor="abc", more=True, till_seq_applied=42,
                               future_field={"x": 1}))
    assert p.cursor == "abc" and p.more is True and p.till_seq_applied == 42
    assert p.deleted_ids == ("P2",)
    (ada,) = p.pupils
    assert ada == Pupil(id="P1", display_name="Ada Lovelace", year_group="Y7",
                        card_uids=("04A2FF10",), biometric_ids=("fp-17",), balance_pence=-120,
                        fsm=False, daily_limit_pence=None, debt_limit_pence=500,
                        allergens=("peanut",), biometric_consent=True)


def test_a_pupil_without_the_deleted_field_is_kept_and_unknown_fields_are_ignored():
    pj = pupil_json(photo_url="https://x/1.jpg")
    del pj["deleted"]
    assert parse_roster_page(page([pj])).pupils[0].id == "P1"


def test_card_uids_in_the_forms_schools_export_are_taken_and_anything_else_refused():
    # 10-hex, 8-hex, the printed 10-digit decimal, Wiegand facility,card and
    # hex with separators (issue 15, defect 14; sync/card_ids.py).
    forms = ["04a2ff", "01026F6C3A", "0040856634", "111,27706", "04:A2:FF"]
    assert parse_roster_page(page([pupil_json(card_uids=forms)])).pupils[0].card_uids \
        == ("04A2FF", "01026F6C3A", "0040856634", "111,27706", "04:A2:FF")
    for bad in ("card 7", "256,00001", "04;A2"):
        with pytest.raises(ContractError, match="card_uids"):
            parse_roster_page(page([pupil_json(card_uids=[bad])]))


@pytest.mark.parametrize("field,value,where", [
    ("balance_pence", "12.50", "balance_pence"),
    ("balance_pence", 12.5, "balance_pence"),
    ("balance_pence", True, "balance_pence"),
    ("balance_pence", 10**15, "out of range"),
    ("fsm", "yes", "fsm"),
    ("debt_limit_pence", -1, "out of range"),
    ("daily_limit_pence", -5, "out of range"),
    ("biometric_consent", None, "biometric_consent"),
    ("card_uids", "04A2FF", "expected a list"),
    ("display_name", "Ada\x00", "control"),
    ("display_name", "", "empty"),
    ("id", 7, "expected a string"),
    ("allergens", [1], "allergens"),
])
def test_a_malformed_pupil_is_refused_naming_the_field(field, value, where):
    with pytest.raises(ContractError, match=where):
        parse_roster_page(page([pupil_json(**{field: value})]))


def test_a_missing_field_is_refused():
    pj = pupil_json()
    del pj["biometric_consent"]
    with pytest.raises(ContractError, match="biometric_consent: missing"):
        parse_roster_page(page([pj]))


@pytest.mark.parametrize("body", [
    [], "roster", None, {"pupils": {}, "cursor": "c", "more": False, "till_seq_applied": 0},
    page([], cursor=""), page([], cursor=None), page([], more="false"),
    page([], till_seq_applied=-1), page([], till_seq_applied=1.0),
])
def test_a_malformed_page_is_refused(body):
    with pytest.raises(ContractError):
        parse_roster_page(body)


def test_a_pupil_listed_twice_in_one_page_is_inconsistent():
    with pytest.raises(ContractError, match="twice"):
        parse_roster_page(page([pupil_json(), pupil_json()]))


def test_uid_normalisation_for_readers_and_people():
    assert normalise_uid("04:a2-ff 10") == "04A2FF10"


# --- push responses ----------------------------------------------------------

def test_push_results_are_matched_by_id_in_any_order_and_missing_ones_are_absent():
    body = {"results": [{"id": "b", "status": "duplicate", "reason": ""},
                        {"id": "a", "status": "accepted"},
                        {"id": "c", "status": "rejected", "reason": "conflict"}],
            "server": "hub 2.0"}
    got = sorted(parse_push_response(body, ["a", "b", "c", "d"]))
    assert got == [("a", "accepted", ""), ("b", "duplicate", ""), ("c", "rejected", "conflict")]


def test_a_result_for_a_transaction_never_sent_makes_the_whole_answer_nonsense():
    body = {"results": [{"id": "a", "status": "accepted"}, {"id": "zz", "status": "accepted"}]}
    with pytest.raises(ContractError, match="not sent"):
        parse_push_response(body, ["a"])


def test_two_different_answers_for_one_id_are_nonsense_but_a_repeat_is_not():
    same = {"results": [{"id": "a", "status": "accepted"}, {"id": "a", "status": "accepted"}]}
    assert parse_push_response(same, ["a"]) == [("a", "accepted", "")]
    both = {"results": [{"id": "a", "status": "accepted"}, {"id": "a", "status": "rejected",
                                                            "reason": "x"}]}
    with pytest.raises(ContractError, match="two different"):
        parse_push_response(both, ["a"])


@pytest.mark.parametrize("body", [
    None, [], {"results": None}, {"results": [None]}, {"results": [{"id": "a"}]},
    {"results": [{"id": "a", "status": "ok"}]}, {"results": [{"id": 1, "status": "accepted"}]},
    {"results": [{"id": "a", "status": "accepted", "reason": 5}]},
])
def test_a_malformed_push_answer_is_refused(body):
    with pytest.raises(ContractError):
        parse_push_response(body, ["a"])


def test_a_rejection_without_a_reason_still_says_something_to_people():
    assert parse_push_response({"results": [{"id": "a", "status": "rejected"}]}, ["a"]) \
        == [("a", "rejected", "(no reason given)")]


# --- health and times --------------------------------------------------------

def test_health_gives_the_hubs_time():
    h = parse_health({"status": "ok", "time": "2026-11-28T12:01:02.123Z", "v": 3})
    assert h.status == "ok" and h.time == pytest.approx(1_795_867_262.123)


@pytest.mark.parametrize("text", ["2026-11-28 12:01:02Z", "yesterday", "2026-13-28T12:01:02Z",
                                  "2026-11-28T12:01:02", 17])
def test_a_bad_time_is_refused(text):
    with pytest.raises(ContractError):
        parse_time(text)


def test_times_with_offsets_and_long_fractions_are_understood():
    assert parse_time("2026-11-28T13:01:02.123456789+01:00") == \
        pytest.approx(parse_time("2026-11-28T12:01:02.123Z"), abs=0.001)


# --- outgoing transactions ---------------------------------------------------

def test_a_journaled_sale_is_a_valid_transaction():
    validate_transaction(txn())
    validate_transaction(txn(pupil_id=None, identified_by=None, receipt_no=None,
                             kind="refund", total_pence=-240))


@pytest.mark.parametrize("kw,where", [
    ({"id": "has space"}, "id"), ({"id": "x" * 65}, "id"), ({"id": ""}, "id"),
    ({"seq": 0}, "seq"), ({"seq": "1"}, "seq"), ({"kind": "gift"}, "kind"),
    ({"occurred_at": "noon"}, "occurred_at"), ({"identified_by": "face"}, "identified_by"),
    ({"lines": [{"description": "x", "quantity": 1}]}, "amount_pence"),
    ({"total_pence": 2.4}, "total_pence"), ({"offline": 0}, "offline"),
    ({"flags": "offline_debt"}, "flags"),
])
def test_an_invalid_transaction_names_the_field(kw, where):
    with pytest.raises(ContractError, match=where):
        validate_transaction(txn(**kw))


# --- fuzz: nothing but ContractError ------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=20,
)


def mutate(base):
    """A correct document with one field replaced by anything."""
    return st.tuples(st.sampled_from(sorted(base)), json_values).map(
        lambda kv: {**base, kv[0]: kv[1]})


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, mutate(pupil_json()).map(lambda p: page([p])),
                 mutate(page([pupil_json()]))))
def test_roster_parser_never_raises_anything_but_contract_error(doc):
    try:
        parse_roster_page(doc)
    except ContractError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values,
                 mutate({"id": "a", "status": "accepted", "reason": ""}).map(
                     lambda r: {"results": [r]})),
       st.lists(st.text(max_size=5), max_size=3))
def test_push_parser_never_raises_anything_but_contract_error(doc, sent):
    try:
        for rid, status, _reason in parse_push_response(doc, sent + ["a"]):
            assert rid in sent + ["a"] and status in ("accepted", "duplicate", "rejected")
    except ContractError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, mutate({"status": "ok", "time": "2026-11-28T12:01:02.123Z"}),
                 mutate(txn())))
def test_health_and_transaction_checks_never_raise_anything_but_contract_error(doc):
    for check in (parse_health, validate_transaction):
        try:
            check(doc)
        except ContractError:
            pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_as_a_time_is_a_time_or_a_contract_error(text):
    try:
        parse_time(text)
    except ContractError:
        pass


def test_a_page_survives_a_json_round_trip():
    p = parse_roster_page(json.loads(json.dumps(page([pupil_json()]))))
    assert p.pupils[0].to_json() == {k: v for k, v in pupil_json().items() if k != "deleted"}


def test_a_page_listing_more_pupils_than_the_cap_is_refused_before_any_is_built():
    pupils = [pupil_json(f"P{i}", card_uids=[]) for i in range(11)]
    assert len(parse_roster_page(page(pupils), max_pupils=11).pupils) == 11
    with pytest.raises(ContractError, match=r"more than 10 pupils \(sync.roster_max_pupils\)"):
        parse_roster_page(page(pupils), max_pupils=10)
