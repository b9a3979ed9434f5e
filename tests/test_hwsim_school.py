"""The generated school: contract-shaped pupils, the same for the same seed,
and the mix a lunch service needs (cards, fingerprints, refusals, FSM, debt)."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from hwsim.school import ALLERGENS, PRIMARY_YEARS, SECONDARY_YEARS, generate_school

FIELDS = {"id": str, "display_name": str, "year_group": (str, type(None)), "card_uids": list,
          "biometric_ids": list, "balance_pence": int, "fsm": bool,
          "daily_limit_pence": (int, type(None)), "debt_limit_pence": int, "allergens": list,
          "biometric_consent": bool, "deleted": bool}


@pytest.fixture(scope="module")
def school() -> list[dict]:
    return generate_school(seed=1, pupils=1000)


def test_every_pupil_has_exactly_the_contract_fields_with_their_types(school):
    for p in school:
        assert set(p) == set(FIELDS)
        for name, typ in FIELDS.items():
            assert isinstance(p[name], typ), (name, p[name])
            if typ is int:
                assert not isinstance(p[name], bool)
        assert p["deleted"] is False
        assert all(isinstance(x, str) for x in p["card_uids"] + p["biometric_ids"]
                   + p["allergens"])
    json.dumps(school)  # plain JSON all the way down


def test_the_same_seed_gives_the_same_school_and_another_seed_another(school):
    assert generate_school(seed=1, pupils=1000) == school
    assert generate_school(seed=1, pupils=1000, phase="primary") == school
    other = generate_school(seed=2, pupils=1000)
    assert other != school
    assert [p["id"] for p in other] == [p["id"] for p in school]


def test_ids_cards_and_scanner_slots_are_unique_and_well_formed(school):
    ids = [p["id"] for p in school]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"P\d{6}", i) for i in ids)
    uids = [u for p in school for u in p["card_uids"]]
    assert len(set(uids)) == len(uids)
    assert all(re.fullmatch(r"[0-9A-F]{8}", u) for u in uids)
    slots = [b for p in school for b in p["biometric_ids"]]
    assert len(set(slots)) == len(slots)
    assert all(b.isdigit() and str(int(b)) == b and 0 <= int(b) <= 999 for b in slots)


def test_the_mix_of_pupils_a_service_needs(school):
    n = len(school)
    cards = Counter(len(p["card_uids"]) for p in school)
    assert cards[1] > 0.75 * n and cards[0] > 0.03 * n and cards[2] > 0.03 * n
    enrolled = [p for p in school if p["biometric_ids"]]
    assert 0.5 * n < len(enrolled) < 0.7 * n
    refused = [p for p in enrolled if not p["biometric_consent"]]
    assert 0.05 * len(enrolled) < len(refused) < 0.15 * len(enrolled)
    assert 0.15 * n < sum(p["fsm"] for p in school) < 0.25 * n
    balances = [p["balance_pence"] for p in school]
    assert any(b < 0 for b in balances) and sum(b < 0 for b in balances) < 0.1 * n
    assert any(p["daily_limit_pence"] for p in school)
    assert any(p["daily_limit_pence"] is None for p in school)
    assert all(500 <= p["debt_limit_pence"] <= 1000 for p in school)
    allergic = [p for p in school if p["allergens"]]
    assert allergic and all(set(p["allergens"]) <= set(ALLERGENS) for p in allergic)
    assert {p["year_group"] for p in school} == set(PRIMARY_YEARS)
    assert len({p["display_name"] for p in school}) > 0.5 * n


def test_a_secondary_school_has_years_7_to_13():
    school = generate_school(seed=4, pupils=200, phase="secondary")
    assert {p["year_group"] for p in school} == set(SECONDARY_YEARS)


def test_the_demo_finds_a_refusal_case_and_card_holders_in_a_small_school():
    school = generate_school(seed=1, pupils=300)
    assert any(p["biometric_ids"] and not p["biometric_consent"] and p["card_uids"]
               for p in school)


def test_a_school_larger_than_the_scanner_still_generates():
    school = generate_school(seed=1, pupils=2500)
    slots = [b for p in school for b in p["biometric_ids"]]
    assert len(slots) == len(set(slots)) == 1000  # the scanner is full; the rest use cards


def test_nonsense_sizes_and_phases_are_refused():
    assert generate_school(pupils=0) == []
    with pytest.raises(ValueError):
        generate_school(pupils=-1)
    with pytest.raises(ValueError):
        generate_school(phase="nursery")
