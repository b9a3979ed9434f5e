"""The hub contract as written (sync/protocol.md) is the contract as coded
(sync/contract.py): other hubs are built from the page, so a field, a limit
or a word that the code checks and the page does not say (or the other way
round) is a broken promise to them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from sync import contract, health_contract
from sync.contract import ContractError
from sync.contract_parsers import validate_transaction

DOC = (Path(__file__).resolve().parents[1] / "sync" / "protocol.md").read_text()


def table_after(heading: str) -> dict[str, str]:
    """The first markdown table after the line ``heading``: field -> type text."""
    lines = DOC.split(f"\n{heading}\n", 1)[1].splitlines()
    rows = [ln for ln in lines[: next(i for i, ln in enumerate(lines[2:], 2)
                                      if ln.strip() and not ln.startswith("|"))]
            if ln.startswith("| `")]
    return {re.match(r"\| `([a-z_]+)`", r).group(1): r.split("|")[2].strip() for r in rows}


TRANSACTION = table_after("Transaction:")
PUPIL = table_after("Pupil:")


def valid_transaction() -> dict:
    return {"id": "till-1:1", "till_id": "till-1", "seq": 1, "kind": "sale",
            "occurred_at": "2026-11-28T12:01:02.123Z", "clock_synced": True,
            "pupil_id": "P1", "identified_by": "card", "receipt_no": "0042",
            "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": 240}],
            "total_pence": 240, "tender": "account", "offline": False, "flags": []}


def test_the_transaction_table_lists_exactly_the_fields_the_agent_sends():
    assert set(TRANSACTION) == set(valid_transaction())
    validate_transaction(valid_transaction())


@pytest.mark.parametrize("field", sorted(TRANSACTION))
def test_every_documented_transaction_field_is_required_by_the_code(field):
    txn = valid_transaction()
    del txn[field]
    with pytest.raises(ContractError):
        validate_transaction(txn)


def test_kinds_and_identification_methods_are_the_codes_words():
    assert re.findall(r"`(\w+)`", TRANSACTION["kind"]) == list(contract.TXN_KINDS)
    documented = re.findall(r"`(\w+)`", TRANSACTION["identified_by"])
    assert documented == list(contract.IDENTIFIED_BY)


def test_the_pupil_table_is_the_roster_the_agent_reads():
    fields = {f.name for f in dataclasses.fields(contract.Pupil)}
    assert set(PUPIL) - {"deleted"} == fields  # ``deleted`` removes, it is not kept


def test_batch_limits_and_push_statuses_are_the_codes():
    assert f"1 to {contract.MAX_BATCH_ITEMS} items" in DOC
    assert contract.MAX_BATCH_BYTES == 1024 * 1024 and "at\nmost 1 MiB of JSON" in DOC
    for status in contract.PUSH_STATUSES:
        assert f'"{status}"' in DOC


def test_every_review_flag_the_code_holds_back_is_explained():
    # The review flags' paragraphs: from "Review flags" to the next heading's.
    review = DOC.split("Review flags", 1)[1].split("Split payments *(added)*", 1)[0]
    for flag in contract.REVIEW_FLAGS:
        assert f"`{flag}`" in review
        assert f"`{flag}`" in review.split("\n\n")[0] or \
            f"review flag *(added)*: `{flag}`" in review


def test_the_simulated_hub_holds_back_the_same_review_flags():
    from hwsim import hub_core

    assert hub_core.REVIEW_FLAGS == contract.REVIEW_FLAGS


HEALTH = table_after("Health report:")


def test_the_health_report_table_is_the_report_the_agent_sends():
    assert list(HEALTH) == list(health_contract.HEALTH_FIELDS)
    for name, fields in (("queue", health_contract.HEALTH_QUEUE_FIELDS),
                         ("devices", health_contract.HEALTH_DEVICE_FIELDS),
                         ("printer", health_contract.HEALTH_PRINTER_FIELDS)):
        assert set(re.findall(r'"(\w+)"', HEALTH[name])) == set(fields), name
    journal = table_after("Health journal *(added)*:")
    assert list(journal) == list(health_contract.HEALTH_JOURNAL_FIELDS)
    assert set(re.findall(r'"(\w+)"', journal["blocked_by"])) == set(
        health_contract.HEALTH_BLOCKED_FIELDS)
    assert f"at most {health_contract.MAX_HEALTH_BYTES // 1024} KiB" in DOC
    assert f"at most {health_contract.MAX_HEALTH_DEVICES}" in HEALTH["devices"]
    assert f"at most {health_contract.MAX_HEALTH_ALARMS}" in HEALTH["alarms"]


def test_the_optional_pupil_fields_are_documented_as_optional_with_the_codes_limits():
    for name in ("photo", "spent_today_pence"):
        assert "optional" in PUPIL[name], name
    assert f"1 to {contract.MAX_PHOTO_BYTES} ({contract.MAX_PHOTO_BYTES // 1024} KiB)" in DOC
    # Other hubs are told what happens when they omit the fields, and the
    # spend rule is written down where they read it.
    assert "A hub that does not know these fields omits them" in DOC
    assert "spent today = (spent_today_pence if spent_today_date is today, else 0)" in DOC


def test_who_the_till_identified_travels_only_with_an_account_mismatch():
    # Documented with the review flags (not in the table: it is optional).
    assert "`identified_at_till` *(added)*" in DOC
    for method in contract.AT_TILL_METHODS:
        assert f'"{method}"' in DOC.split("`identified_at_till` *(added)*", 1)[1][:300]
    txn = {**valid_transaction(), "flags": ["account_mismatch"],
           "identified_at_till": {"pupil_id": "P2", "identified_by": "card"}}
    validate_transaction(txn)
    for bad in ({"pupil_id": "P2", "identified_by": "receipt"}, {"identified_by": "card"},
                "P2"):
        with pytest.raises(ContractError):
            validate_transaction({**txn, "identified_at_till": bad})
    back = contract.Transaction.from_json(txn)
    assert back.at_till == contract.TillIdentification("P2", "card")
    assert back.to_json()["identified_at_till"] == txn["identified_at_till"]
    plain = contract.Transaction.from_json(valid_transaction())
    assert "identified_at_till" not in plain.to_json()  # every other JSON as before


def split_sale() -> dict:
    return {**valid_transaction(), "total_pence": 325, "flags": ["split_tender"],
            "tender": "cash",
            "tenders": [{"tender": "account", "amount_pence": 100},
                        {"tender": "cash", "amount_pence": 225}]}


def test_a_split_payments_parts_travel_only_with_a_split_and_add_up_to_the_total():
    # Documented beside the review flags (not in the table: it is optional),
    # with what a hub that knows it and one that ignores it do.
    section = DOC.split("Split payments *(added)*", 1)[1].split("\n\n", 1)[0]
    assert '`{"tender": str, "amount_pence": int}`' in section
    assert "A hub that ignores the field applies `tender` to the whole `total_pence`" \
        in section
    validate_transaction(split_sale())
    back = contract.Transaction.from_json(split_sale())
    assert back.tenders == (contract.TenderPart("account", 100), contract.TenderPart("cash", 225))
    assert back.to_json()["tenders"] == split_sale()["tenders"]
    refund = {**split_sale(), "kind": "refund", "total_pence": -325,
              "tenders": [{"tender": "account", "amount_pence": -100},
                          {"tender": "cash", "amount_pence": -225}]}
    validate_transaction(refund)
    plain = contract.Transaction.from_json(valid_transaction())
    assert "tenders" not in plain.to_json()  # every other JSON as before


@pytest.mark.parametrize("change, why", [
    ({"total_pence": 400}, "the parts do not add up"),
    ({"tenders": [{"tender": "account", "amount_pence": 325}]}, "2 to 64 parts"),
    ({"tenders": []}, "2 to 64 parts"),
    ({"kind": "void"}, "only on a sale or refund"),
    ({"tenders": [{"tender": "", "amount_pence": 100},
                  {"tender": "cash", "amount_pence": 225}]}, "must not be empty"),
    ({"tenders": [{"tender": "account", "amount_pence": 1.5},
                  {"tender": "cash", "amount_pence": 225}]}, "whole number"),
    ({"tenders": [{"tender": "account"}, {"tender": "cash", "amount_pence": 325}]}, "missing"),
    ({"tenders": {"account": 100, "cash": 225}}, "expected a list"),
])
def test_a_split_whose_parts_break_the_contract_is_never_sent(change, why):
    with pytest.raises(ContractError, match=why):
        validate_transaction({**split_sale(), **change})
