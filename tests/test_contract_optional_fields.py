"""The contract's optional Pupil fields (added): a photo reference and
today's spend. A hub that omits them is fine; a malformed one costs that
field only, never the pupil, and says which field by position, not value."""

from __future__ import annotations

import copy

import pytest

from hwsim.school import generate_school
from sync.contract import MAX_PHOTO_BYTES, ContractError, PhotoRef
from sync.contract_parsers import parse_photo, parse_pupil, parse_roster_page

BASE = {k: v for k, v in generate_school(seed=2, pupils=1)[0].items()}
SHA = "ab" * 32
PHOTO = {"path": "/v1/photos/" + SHA, "sha256": SHA, "bytes": 2048}


def page(*pupils: dict) -> dict:
    return {"pupils": list(pupils), "cursor": "c1", "more": False, "till_seq_applied": 0}


def test_a_pupil_without_the_optional_fields_parses_as_before():
    pupil, _ = parse_pupil(copy.deepcopy(BASE))
    assert pupil.photo is None and pupil.spent_today_pence is None
    assert "photo" not in pupil.to_json() and "spent_today_pence" not in pupil.to_json()


def test_null_optional_fields_are_the_same_as_absent_ones():
    pupil, _ = parse_pupil({**BASE, "photo": None, "spent_today_pence": None})
    assert pupil.photo is None and pupil.spent_today_pence is None


def test_a_good_photo_reference_and_todays_spend_are_kept():
    pupil, _ = parse_pupil({**BASE, "photo": PHOTO, "spent_today_pence": 310,
                            "spent_today_date": "2026-12-07"})
    assert pupil.photo == PhotoRef("/v1/photos/" + SHA, SHA, 2048)
    assert (pupil.spent_today_pence, pupil.spent_today_date) == (310, "2026-12-07")
    assert pupil.to_json()["photo"] == PHOTO


@pytest.mark.parametrize("bad, field", [
    ({**PHOTO, "sha256": "AB" * 32}, "photo.sha256"),  # upper case is not the contract's
    ({**PHOTO, "sha256": "ab" * 31}, "photo.sha256"),
    ({**PHOTO, "bytes": MAX_PHOTO_BYTES + 1}, "photo.bytes"),
    ({**PHOTO, "bytes": 0}, "photo.bytes"),
    ({**PHOTO, "bytes": True}, "photo.bytes"),
    ({**PHOTO, "path": "https://elsewhere.example/p.png"}, "photo.path"),
    ({**PHOTO, "path": "/v1/photos/../tills/x/roster"}, "photo.path"),
    ({**PHOTO, "path": "/v1/photos/x?pupil=P000001"}, "photo.path"),
    ({"path": PHOTO["path"], "bytes": 10}, "photo.sha256"),
    ("/v1/photos/" + SHA, "photo"),
])
def test_a_malformed_photo_is_left_out_and_the_pupil_kept(bad, field):
    got = parse_roster_page(page({**BASE, "photo": bad}))
    assert [p.id for p in got.pupils] == [BASE["id"]]
    assert got.pupils[0].photo is None
    assert len(got.ignored) == 1 and got.ignored[0].startswith(f"roster.pupils[0].{field}")
    with pytest.raises(ContractError):
        parse_photo(bad)


@pytest.mark.parametrize("extra", [
    {"spent_today_pence": -5, "spent_today_date": "2026-12-07"},
    {"spent_today_pence": "310", "spent_today_date": "2026-12-07"},
    {"spent_today_pence": 310},  # a figure without its day means nothing
    {"spent_today_pence": 310, "spent_today_date": "07/12/2026"},
    {"spent_today_pence": 310, "spent_today_date": "2026-02-30"},
])
def test_a_malformed_spend_today_is_left_out_and_the_pupil_kept(extra):
    got = parse_roster_page(page({**BASE, **extra}))
    assert got.pupils[0].spent_today_pence is None and got.pupils[0].spent_today_date is None
    assert len(got.ignored) == 1 and "spent_today" in got.ignored[0]


def test_the_ignored_messages_never_carry_the_value():
    secret = "/v1/photos/P000001-Olivia-Smith?x=1"
    got = parse_roster_page(page({**BASE, "photo": {**PHOTO, "path": secret}}))
    assert "Olivia" not in got.ignored[0] and "P000001" not in got.ignored[0]


def test_a_required_field_still_refuses_the_page():
    # The optional fields' leniency is theirs alone.
    with pytest.raises(ContractError):
        parse_roster_page(page({**BASE, "photo": PHOTO, "balance_pence": "lots"}))
