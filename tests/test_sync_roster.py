"""Pulling the roster from the simulated hub over loopback HTTP into a real
roster.sqlite: a snapshot, then changes since the cursor; a bad page anywhere
in a walk leaves the previous roster untouched and says why."""

from __future__ import annotations

import time

import pytest

from agent.sale.balances import Ledger
from hwsim.school import generate_school
from sync.client import HubClient, HubUnavailable
from sync.pusher import Pusher
from sync.roster_pull import RosterRejected, pull_roster
from sync.roster_store import RosterStore
from tests.sync_helpers import TILL, hub_fixture, journal_with, sync_cfg, token_file

SCHOOL = generate_school(seed=7, pupils=120)
hub = hub_fixture(SCHOOL, page_size=25)


@pytest.fixture
def till(tmp_path, hub):
    client = HubClient(sync_cfg(hub.base_url, token_file(tmp_path)), TILL)
    store = RosterStore.in_state_dir(tmp_path)
    yield client, store
    client.close()
    store.close()


def pupil_with(pred):
    return next(p for p in SCHOOL if pred(p))


def test_the_first_pull_is_a_snapshot_walked_page_by_page(hub, till):
    client, store = till
    rep = pull_roster(client, store, 1000.0)
    assert rep.snapshot and rep.pages == 5 and rep.count == 120
    info = store.info()
    assert info.count == 120 and info.pulled_at == 1000.0 and info.cursor
    carded = pupil_with(lambda p: p["card_uids"])
    assert store.by_card(carded["card_uids"][0].lower()).id == carded["id"]
    fingered = pupil_with(lambda p: p["biometric_ids"] and not p["biometric_consent"])
    found = store.by_biometric(fingered["biometric_ids"][0])
    assert found.id == fingered["id"] and found.biometric_consent is False
    # The cache keeps what the till uses; cards only as keyed hashes, match
    # ids only in their lookup table.
    assert store.get(SCHOOL[5]["id"]).to_json() == \
        {**{k: v for k, v in SCHOOL[5].items() if k != "deleted"},
         "card_uids": [], "biometric_ids": []}


def test_then_only_changes_and_deleted_pupils_are_removed(hub, till):
    client, store = till
    pull_roster(client, store, 1.0)
    gone, topped = SCHOOL[3], SCHOOL[4]
    hub.delete_pupil(gone["id"])
    hub.upsert_pupil({**topped, "balance_pence": 5000})
    hub.upsert_pupil({**SCHOOL[0], "id": "P-NEW", "card_uids": ["0DDBA11"],
                      "biometric_ids": []})
    rep = pull_roster(client, store, 2.0)
    assert not rep.snapshot and rep.pages == 1 and (rep.changed, rep.deleted) == (2, 1)
    assert store.get(gone["id"]) is None
    for uid in gone["card_uids"]:
        assert store.by_card(uid) is None
    assert store.get(topped["id"]).balance_pence == 5000
    assert store.by_card("0DDBA11").id == "P-NEW"
    assert store.info().count == 120
    # Nothing changed since: an empty walk, the roster as it was.
    assert pull_roster(client, store, 3.0).changed == 0 and store.info().count == 120


def test_a_malformed_page_in_the_middle_of_a_walk_leaves_the_old_roster(hub, till):
    client, store = till
    pull_roster(client, store, 1.0)
    before = store.all()
    cursor = store.info().cursor
    for p in SCHOOL[:60]:  # three pages of changes
        hub.upsert_pupil({**p, "balance_pence": -1})
    hub.inject("garbage", path="roster", skip=1, variant="bad_pupil")
    with pytest.raises(RosterRejected, match="balance_pence") as exc:
        pull_roster(client, store, 2.0)
    assert "page 2" in str(exc.value)
    assert store.all() == before and store.info().cursor == cursor
    info = store.info()
    assert "previous roster is kept" in info.last_error and info.last_error_at == 2.0
    assert info.pulled_at == 1.0
    # The hub is sane again: the same changes arrive whole.
    rep = pull_roster(client, store, 3.0)
    assert rep.changed == 60 and store.info().last_error == ""
    assert {p.balance_pence for p in store.all() if p.id in {s["id"] for s in SCHOOL[:60]}} \
        == {-1}


@pytest.mark.parametrize("variant", ["not_json", "truncated", "wrong_shape", "missing_cursor"])
def test_a_first_snapshot_that_is_garbage_leaves_an_empty_roster_and_an_error(hub, till,
                                                                               variant):
    client, store = till
    hub.inject("garbage", path="roster", skip=2, variant=variant)
    with pytest.raises(RosterRejected):
        pull_roster(client, store, 1.0)
    assert store.info().count == 0 and store.info().pulled_at is None
    assert store.info().last_error


def test_a_roster_that_gives_one_card_to_two_pupils_is_refused(hub, till):
    client, store = till
    pull_roster(client, store, 1.0)
    a, b = [p for p in SCHOOL if p["card_uids"]][:2]
    hub.upsert_pupil({**b, "card_uids": [a["card_uids"][0]]})
    hub.upsert_pupil({**a, "balance_pence": 1})
    with pytest.raises(RosterRejected, match="two pupils"):
        pull_roster(client, store, 2.0)
    assert store.by_card(a["card_uids"][0]).id == a["id"]


def test_a_cursor_the_hub_no_longer_knows_is_refused_and_a_snapshot_recovers(hub, till):
    client, store = till
    pull_roster(client, store, 1.0)
    store.apply([], [], "wdeadbeef.25", 0, 1.5, False)  # an expired walk
    with pytest.raises(RosterRejected):
        pull_roster(client, store, 2.0)
    rep = pull_roster(client, store, 3.0, force_snapshot=True)
    assert rep.snapshot and store.info().count == 120


def test_an_unreachable_hub_is_not_a_roster_error(hub, till):
    client, store = till
    pull_roster(client, store, 1.0)
    hub.go_offline()
    with pytest.raises(HubUnavailable):
        pull_roster(client, store, 2.0)
    assert store.info().count == 120 and store.info().last_error == ""


def test_provisional_balance_is_the_hubs_minus_our_sales_it_has_not_applied(tmp_path, hub):
    """Sales the hub has stored but not yet applied to balances must still
    count against the pupil; once applied, they must not count twice."""
    pupil = SCHOOL[0]
    journal = journal_with(tmp_path, 3)  # three 240p account sales for P000001
    assert all(e.transaction["pupil_id"] == pupil["id"] for e in journal.entries())
    with HubClient(sync_cfg(hub.base_url, token_file(tmp_path)), TILL) as client, \
            RosterStore.in_state_dir(tmp_path / "r") as store:
        hub.pause_apply()
        Pusher(client, journal, 200, time.time).drain()
        pull_roster(client, store, 1.0)
        ledger = Ledger.from_journal(journal, 240)
        info = store.info()
        p = store.get(pupil["id"])
        assert info.till_seq_applied == 0 and p.balance_pence == pupil["balance_pence"]
        assert ledger.provisional_balance(p.balance_pence, p.id, info.till_seq_applied) \
            == pupil["balance_pence"] - 720
        hub.resume_apply()
        pull_roster(client, store, 2.0)
        info = store.info()
        p = store.get(pupil["id"])
        assert info.till_seq_applied == 3 and p.balance_pence == pupil["balance_pence"] - 720
        assert ledger.provisional_balance(p.balance_pence, p.id, info.till_seq_applied) \
            == pupil["balance_pence"] - 720
    journal.close()
