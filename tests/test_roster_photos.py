"""Pupils' photos come with the roster pull, from the simulated hub over
loopback HTTP: stored 0600 in the state dir named by hash, fetched once,
removed when the pupil leaves or changes photo; a bad photo (wrong magic,
too big, hash mismatch) is counted and skipped, and the roster lands anyway."""

from __future__ import annotations

import hashlib
import logging
import os
import stat

import pytest

from hwsim.hub import Hub
from hwsim.school import add_photos, avatar_png, generate_school
from sync.client import HubClient
from sync.photos import FAILED_COUNTER, PHOTO_DIR, PhotoStore, image_type, sync_photos
from sync.roster_pull import IGNORED_COUNTER, pull_roster
from sync.roster_store import RosterStore
from tests.sync_helpers import TILL, TOKEN, sync_cfg, token_file


@pytest.fixture
def school():
    pupils = generate_school(seed=21, pupils=30)
    photos = add_photos(pupils, seed=21)
    return pupils, photos


@pytest.fixture
def hub(school):
    pupils, photos = school
    h = Hub(roster=pupils, token=TOKEN, photos=photos, page_size=10)
    h.start("127.0.0.1", 0)
    yield h
    h.stop()
    h.core.close()


@pytest.fixture
def till(tmp_path, hub):
    client = HubClient(sync_cfg(hub.base_url, token_file(tmp_path)), TILL)
    store = RosterStore.in_state_dir(tmp_path / "state")
    yield client, store, PhotoStore.beside(store.path)
    client.close()
    store.close()


def test_most_pupils_of_the_simulated_school_have_a_generated_photo(school):
    pupils, photos = school
    with_photo = [p for p in pupils if p.get("photo")]
    assert 0.6 * len(pupils) < len(with_photo) < len(pupils)  # most, not all
    for p in with_photo:
        data = photos[p["photo"]["sha256"]]
        assert image_type(data) == "image/png" and len(data) == p["photo"]["bytes"]
        assert p["id"] not in p["photo"]["path"]  # opaque: no pupil id in the URL


def test_the_pull_stores_each_photo_once_0600_named_by_its_hash(hub, till, school):
    client, store, photos = till
    pupils, images = school
    rep = pull_roster(client, store, 1.0)
    wanted = {p["photo"]["sha256"] for p in pupils if p.get("photo")}
    assert rep.photos_fetched == len(wanted) and rep.photos_failed == 0
    assert photos.hashes() == wanted
    folder = store.path.parent / PHOTO_DIR
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for sha in wanted:
        path = folder / sha
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    assert not any(p["id"] in name or p["display_name"] in name
                   for name in os.listdir(folder) for p in pupils)
    served = hub.requests["total"]
    rep = pull_roster(client, store, 2.0)  # nothing new: no photo asked for again
    assert rep.photos_fetched == 0 and hub.requests["total"] - served == 1  # the roster only


def test_a_pupil_who_leaves_or_changes_photo_leaves_no_photo_behind(hub, till, school):
    client, store, photos = till
    pupils, _ = school
    pull_roster(client, store, 1.0)
    leaver, changed = [p for p in pupils if p.get("photo")][:2]
    hub.delete_pupil(leaver["id"])
    new_ref = hub.add_photo(avatar_png("Someone Else", 3))
    hub.upsert_pupil({**changed, "photo": new_ref})
    rep = pull_roster(client, store, 2.0)
    assert rep.photos_fetched == 1
    assert leaver["photo"]["sha256"] not in photos.hashes()
    assert changed["photo"]["sha256"] not in photos.hashes()
    assert new_ref["sha256"] in photos.hashes()
    assert store.get(changed["id"]).photo.sha256 == new_ref["sha256"]


def test_a_hub_that_sends_no_photos_leaves_none_on_the_till(hub, till, school):
    client, store, photos = till
    pupils, _ = school
    pull_roster(client, store, 1.0)
    for p in pupils:
        hub.upsert_pupil({k: v for k, v in p.items() if k != "photo"})
    pull_roster(client, store, 2.0)
    assert photos.hashes() == set()


@pytest.mark.parametrize("case", ["wrong_magic", "too_big", "hash_mismatch"])
def test_a_bad_photo_is_counted_and_skipped_and_the_roster_still_lands(
        hub, till, school, case, caplog):
    client, store, photos = till
    pupils, _ = school
    victim = next(p for p in pupils if p.get("photo"))
    good = avatar_png(victim["display_name"], 1)
    if case == "wrong_magic":
        ref = hub.add_photo(b"GIF89a" + good[6:])
    elif case == "too_big":  # the hub sends more than the reference promised
        ref = hub.add_photo(good + bytes(300 * 1024), size=len(good))
    else:
        ref = hub.add_photo(good, sha256=hashlib.sha256(b"another").hexdigest())
    hub.upsert_pupil({**victim, "photo": ref})
    with caplog.at_level(logging.INFO):
        rep = pull_roster(client, store, 1.0)
    assert rep.count == len(pupils)  # the roster landed whole
    assert store.get(victim["id"]).display_name == victim["display_name"]
    assert rep.photos_failed == 1 and store.counter(FAILED_COUNTER) == 1
    assert ref["sha256"] not in photos.hashes()
    assert len(photos.hashes()) == rep.photos_fetched  # every other one is there
    # (httpx logs URLs at INFO; the agent's logging keeps it at WARNING.)
    text = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("sync"))
    assert "not fetched" in text and ref["path"] not in text and victim["display_name"] not in text
    assert victim["id"] not in text
    # Asked for again at the next pull (and counted again while it is bad).
    rep = pull_roster(client, store, 2.0)
    assert rep.photos_failed == 1 and store.counter(FAILED_COUNTER) == 2


def test_a_photo_the_hub_cannot_serve_now_is_fetched_at_the_next_pull(hub, till, school):
    client, store, photos = till
    hub.inject("http_503", path="photo")
    rep = pull_roster(client, store, 1.0)
    assert rep.photos_failed == 1 and rep.count == 30
    rep = pull_roster(client, store, 2.0)
    pupils, _ = school
    assert photos.hashes() == {p["photo"]["sha256"] for p in pupils if p.get("photo")}


def test_a_malformed_photo_reference_is_counted_and_the_pupil_kept(hub, till, school):
    client, store, _ = till
    pupils, _ = school
    victim = pupils[4]
    hub.upsert_pupil({**victim, "photo": {"path": "not a path", "sha256": "x", "bytes": 1}})
    rep = pull_roster(client, store, 1.0)
    assert rep.ignored == 1 and store.counter(IGNORED_COUNTER) == 1
    assert store.get(victim["id"]) is not None and store.get(victim["id"]).photo is None


def test_a_round_out_of_time_leaves_the_rest_for_the_next_pull(hub, till, school):
    """The sync thread pushes sales too: a first pull of many photos is
    spread over pulls, never one long stall."""
    client, store, photos = till
    pull_roster(client, store, 1.0)  # (the roster, and its photos)
    for sha in photos.hashes():
        photos.remove(sha)
    rep = sync_photos(client, store, photos, budget_s=0.0)
    assert rep.fetched == 0 and rep.deferred == rep.wanted > 0 and rep.failed == 0
    rep = sync_photos(client, store, photos)
    assert rep.fetched == rep.wanted and rep.deferred == 0
