"""A hostile hub (or anything between the till and the hub) cannot exhaust
the till's memory nor hold its sync thread: a roster pull over its caps in
pupils or bytes is refused whole with a clear, counted error and the previous
roster kept; an answer drip-fed one byte at a time fails at the request's
overall deadline. Real simulated hub on 127.0.0.1, real roster.sqlite."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from agent.config import SyncConfig
from hwsim.school import generate_school
from sync.client import HubClient, HubUnavailable
from sync.roster_pull import DEFAULT_MAX_PUPILS, RosterRejected, pull_roster
from sync.roster_store import RosterStore
from tests.sync_helpers import TILL, hub_fixture, sync_cfg, token_file

SCHOOL = generate_school(seed=11, pupils=60)
CARDED = next(p for p in SCHOOL if p["card_uids"])


hub = hub_fixture(SCHOOL, page_size=30)


def till(tmp_path, hub, **cfg):
    """The till's roster store holding a good roster, and a client with ``cfg``."""
    tok = token_file(tmp_path)
    store = RosterStore.in_state_dir(tmp_path)
    # The good roster the till had before, pulled under the default caps and
    # deadline: ``cfg`` is what the test puts to the hostile hub.
    with HubClient(sync_cfg(hub.base_url, tok), TILL) as before:
        pull_roster(before, store, 1.0)
    return HubClient(sync_cfg(hub.base_url, tok, **cfg), TILL), store


def assert_previous_roster_kept(store: RosterStore) -> None:
    info = store.info()
    assert info.count == len(SCHOOL) and info.pulled_at == 1.0
    assert store.by_card(CARDED["card_uids"][0]).id == CARDED["id"]
    assert not any(p.id.startswith("HUGE-") for p in store.all())


def refused_pull(client, store) -> tuple[str, int]:
    """A snapshot pull the caps refuse: the refusal's text, and the peak of
    Python memory while it ran (hub thread included)."""
    tracemalloc.start()
    try:
        with pytest.raises(RosterRejected) as exc:
            pull_roster(client, store, 2.0, force_snapshot=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return str(exc.value), peak


def test_endless_pages_of_pupils_stop_at_the_pupil_cap_and_keep_the_old_roster(tmp_path, hub):
    # The default cap is 20,000 pupils; a lower one proves the same at a
    # quarter of the pupils (tracemalloc slows every allocation, the hub's too).
    assert SyncConfig().roster_max_pupils == DEFAULT_MAX_PUPILS == 20_000
    client, store = till(tmp_path, hub, roster_max_pupils=5_000)
    hub.inject("huge_roster", 80, path="roster", pupils=100)
    refusal, peak = refused_pull(client, store)
    assert "more than 5,000 pupils (sync.roster_max_pupils)" in refusal
    assert "previous roster is kept" in refusal
    assert hub.requests["fault.huge_roster"] == 51  # it stopped asking at the cap
    assert_previous_roster_kept(store)
    info = store.info()
    assert info.refused == 1 and "roster_max_pupils" in info.last_error
    # Pages are staged on disk, not collected: this 5,100-pupil pull peaks at
    # about 0.65 MiB of Python memory, hub thread included; holding every
    # page's pupils until the end (the regression) peaks at about 2.5 MiB.
    assert peak < 1.5 * 2**20, f"peak {peak / 2**20:.2f} MiB"
    client.close()
    store.close()


def test_a_page_streamed_past_the_byte_cap_is_refused_without_holding_it(tmp_path, hub):
    client, store = till(tmp_path, hub)
    hub.inject("huge_roster", path="roster", mb=400)
    refusal, peak = refused_pull(client, store)
    assert "one page is longer than 16,777,216 bytes" in refusal
    assert_previous_roster_kept(store)
    assert peak < 24 * 2**20, f"peak {peak / 2**20:.1f} MiB"  # one page at most (16 MiB)
    client.close()
    store.close()


def test_a_page_declaring_a_length_over_the_cap_is_refused_unread(tmp_path, hub):
    client, store = till(tmp_path, hub)
    hub.inject("huge_roster", path="roster", mb=100, declare=True)
    with pytest.raises(RosterRejected) as exc:
        pull_roster(client, store, 2.0, force_snapshot=True)
    assert "100,000,000 bytes" in str(exc.value) and "refused unread" in str(exc.value)
    assert_previous_roster_kept(store)
    client.close()
    store.close()


def test_the_whole_pull_is_capped_in_megabytes(tmp_path, hub):
    client, store = till(tmp_path, hub, roster_max_mb=0.5)
    hub.inject("huge_roster", path="roster", mb=5)
    with pytest.raises(RosterRejected) as exc:
        pull_roster(client, store, 2.0, force_snapshot=True)
    assert "passed 0.5 MB (sync.roster_max_mb)" in str(exc.value)
    assert_previous_roster_kept(store)
    assert store.info().refused == 1
    client.close()
    store.close()


def test_a_drip_fed_answer_ends_at_the_request_deadline_and_the_next_pull_works(tmp_path,
                                                                                 hub):
    # Each byte comes well inside the 2 s read timeout: only the overall
    # deadline can end this request (the whole answer would take minutes).
    # The deadline is 3 s, not less: the retry below, a whole honest roster,
    # must fit in it on a loaded CI machine too (one took over 1.5 s there).
    client, store = till(tmp_path, hub, request_deadline_s=3.0, read_timeout_s=2.0)
    hub.inject("drip", path="roster", interval_s=0.2)
    t0 = time.monotonic()
    with pytest.raises(HubUnavailable) as exc:
        pull_roster(client, store, 2.0, force_snapshot=True)
    took = time.monotonic() - t0
    assert "did not finish answering within 3 s (sync.request_deadline_s)" in str(exc.value)
    assert 2.9 <= took < 4.5, took  # the deadline, and a margin of 1.5 s for a loaded machine
    assert_previous_roster_kept(store)
    rep = pull_roster(client, store, 3.0, force_snapshot=True)  # the retry, hub behaving
    assert rep.count == len(SCHOOL) and store.info().pulled_at == 3.0
    client.close()
    store.close()


def test_any_drip_fed_answer_is_cut_at_the_deadline_health_too(tmp_path, hub):
    with HubClient(sync_cfg(hub.base_url, token_file(tmp_path), request_deadline_s=1.0),
                   TILL) as client:
        hub.inject("drip", path="health", interval_s=0.2)
        t0 = time.monotonic()
        with pytest.raises(HubUnavailable, match="request_deadline_s"):
            client.health()
        assert time.monotonic() - t0 < 2.5
