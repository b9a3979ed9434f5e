"""The sync loop in its own thread against the simulated hub over loopback:
an outage and the recovery, a revoked token, a hub asking us to wait, two
drainers on one state directory, and what it publishes."""

from __future__ import annotations

import dataclasses
import json
import logging
import time

import pytest

from agent.journal.store import Journal
from hwsim.school import generate_school
from sync.lock import DrainerLock
from sync.loop import SyncLoop
from sync.roster_store import RosterStore
from tests.sync_helpers import (
    TILL,
    TOKEN,
    assert_ledger_equals_journal,
    eventually,
    hub_fixture,
    journal_with,
    sale,
    sync_cfg,
    token_file,
)

SCHOOL = generate_school(seed=3, pupils=40)
hub = hub_fixture(SCHOOL, page_size=15)


class Till:
    """A state directory with a journal, a roster cache and sync loops."""

    def __init__(self, tmp_path, hub, sales=20, **cfg):
        self.state = tmp_path
        self.hub = hub
        self.journal = journal_with(tmp_path, sales)
        self.roster = RosterStore.in_state_dir(tmp_path)
        self.cfg = sync_cfg(hub.base_url, token_file(tmp_path), **cfg)
        self.loops: list[SyncLoop] = []

    def loop(self, start=True, scale=0.2) -> SyncLoop:
        loop = SyncLoop(self.cfg, TILL, lambda: Journal.in_state_dir(self.state), self.roster,
                        self.state, sleep_scale=scale)
        self.loops.append(loop)
        if start:
            loop.start()
        return loop

    def sell(self, n, start):
        for i in range(start, start + n):
            self.journal.append(f"{TILL}:{i}", "sale", sale(i))

    def close(self):
        for lp in self.loops:
            lp.stop(5.0)
        self.roster.close()
        self.journal.close()


@pytest.fixture
def till(tmp_path, hub):
    t = Till(tmp_path, hub)
    yield t
    t.close()


def test_a_calm_start_pushes_the_backlog_and_pulls_the_roster(till, hub):
    loop = till.loop()
    assert loop.wait_idle(10.0)
    eventually(lambda: loop.state().last_pull_ok_at is not None, what="roster pulled")
    assert till.roster.info().count == 40
    st = loop.state()
    assert st.state == "online" and st.counts.accepted == 20 and st.pending == 0 and st.drainer
    assert st.last_push_ok_at and st.last_pull_ok_at
    assert float(till.journal.get_meta("sync.last_push_ok_at")) == pytest.approx(
        st.last_push_ok_at)
    eventually(lambda: till.journal.get_meta("sync.last_pull_ok_at") is not None)
    assert_ledger_equals_journal(hub, till.journal)
    json.dumps(dataclasses.asdict(st))  # what runtime.json carries


def test_the_loop_runs_its_thread_init_on_its_own_thread_first(till, hub):
    # The agent passes affinity.background: pushes yield the CPU to sales.
    import threading
    seen = []
    loop = SyncLoop(till.cfg, TILL, lambda: Journal.in_state_dir(till.state), till.roster,
                    till.state, sleep_scale=0.2,
                    thread_init=lambda: seen.append(threading.current_thread().name))
    till.loops.append(loop)
    loop.start()
    assert loop.wait_idle(10.0)
    assert seen == ["sync-loop"]
    assert loop.state().counts.accepted == 20


def test_new_sales_are_pushed_soon_after_they_are_journaled(till, hub):
    loop = till.loop()
    assert loop.wait_idle(10.0)
    till.sell(5, 21)
    loop.notify_new_entry()
    eventually(lambda: len(hub.ledger(TILL)) == 25, what="new sales at the hub")
    assert_ledger_equals_journal(hub, till.journal)


def test_an_outage_then_the_hub_returns_and_the_queue_drains(till, hub, caplog):
    caplog.set_level(logging.INFO)
    hub.go_offline()
    loop = till.loop()
    eventually(lambda: loop.state().state == "offline", what="offline")
    st = loop.state()
    assert "refused" in st.last_error and st.next_attempt_at is not None
    assert loop.wait_idle(5.0)  # nothing can be sent: it does not hang
    till.sell(10, 21)
    loop.notify_new_entry()
    hub.go_online()
    assert loop.wait_idle(10.0)
    assert loop.state().state == "online" and till.journal.pending_count() == 0
    assert_ledger_equals_journal(hub, till.journal)
    eventually(lambda: till.roster.info().count == 40, what="roster pulled after the outage")
    msgs = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert any("hub offline" in m for m in msgs) and any("hub online" in m for m in msgs)
    # Transitions are logged once each, not once per retry.
    assert sum("hub offline" in m for m in msgs) == 1
    for m in msgs:  # no transaction ids, no pupil ids, no token at INFO and above
        assert f"{TILL}:" not in m and TOKEN not in m and "P0000" not in m


def test_a_revoked_token_stops_the_loop_until_the_token_file_changes(till, hub):
    hub.set_token("rotated-token")
    loop = till.loop()
    eventually(lambda: loop.state().state == "auth_failed", what="auth_failed")
    st = loop.state()
    assert "sync.token_file" in st.last_error and st.next_attempt_at > time.time() + 60
    asked = hub.requests.get("unauthorized", 0)
    time.sleep(0.5)
    assert hub.requests.get("unauthorized", 0) == asked  # it does not hammer the hub
    assert till.journal.pending_count() == 20
    (till.state / "token").write_text("rotated-token\n")  # the technician's fix
    eventually(lambda: till.journal.pending_count() == 0 and loop.state().state == "online",
               timeout=15.0, what="drained with the new token")
    assert_ledger_equals_journal(hub, till.journal)


def test_wait_idle_does_not_hang_while_the_hub_refuses_our_token(till, hub):
    hub.set_token("rotated-token")
    loop = till.loop()
    eventually(lambda: loop.state().state == "auth_failed", what="auth_failed")
    assert loop.wait_idle(1.0)  # nothing can be sent: it says so at once
    assert till.journal.pending_count() == 20


def test_a_busy_hub_is_given_the_time_it_asks_for(till, hub):
    hub.inject("http_503", path="transactions", retry_after=2)
    loop = till.loop()
    eventually(lambda: loop.state().state == "offline", what="offline")
    st = loop.state()
    assert "retry after 2 s" in st.last_error
    assert st.next_attempt_at - time.time() > 1.0  # sleep_scale shortens ours, not the hub's
    assert loop.wait_idle(10.0) and loop.state().state == "online"
    assert_ledger_equals_journal(hub, till.journal)


def test_two_drainers_on_one_state_directory_never_push_together(till, hub):
    first = till.loop()
    assert first.wait_idle(10.0)
    second = till.loop()
    till.sell(10, 21)
    second.notify_new_entry()
    eventually(lambda: second.state().last_error.startswith("not pushing"),
               what="second loop sees the lock")
    assert not second.state().drainer and second.state().counts.accepted == 0
    first.notify_new_entry()
    assert first.wait_idle(10.0)
    assert_ledger_equals_journal(hub, till.journal)
    # The first one stops: the second takes over the queue.
    first.stop(5.0)
    till.sell(5, 31)
    second.notify_new_entry()
    eventually(lambda: len(hub.ledger(TILL)) == 35, what="second loop drained")
    assert second.state().drainer and hub.requests.get("duplicate", 0) == 0
    assert_ledger_equals_journal(hub, till.journal)


def test_a_technicians_lock_keeps_the_daemon_from_pushing(till, hub):
    with DrainerLock(till.state, who="agent sync") as lock:
        assert lock.acquire()
        loop = till.loop()
        eventually(lambda: "agent sync" in loop.state().last_error, what="loop sees the lock")
        eventually(lambda: till.roster.info().count == 40, what="pull goes on meanwhile")
        assert hub.ledger(TILL) == []
    assert loop.wait_idle(10.0)
    assert_ledger_equals_journal(hub, till.journal)


def test_stop_releases_the_lock_and_closes_its_journal(till):
    loop = till.loop()
    assert loop.wait_idle(10.0)
    loop.stop(5.0)
    with DrainerLock(till.state) as other:
        assert other.acquire()


def test_a_roster_page_of_nonsense_keeps_the_roster_and_is_visible(till, hub):
    hub.inject("garbage", count=1000, path="roster", skip=1, variant="bad_pupil")
    loop = till.loop()
    eventually(lambda: loop.state().roster_error != "", what="roster error visible")
    assert till.roster.info().count == 0 and "previous roster is kept" in \
        till.roster.info().last_error
    assert loop.state().state == "online"  # the hub answers; only its roster was bad
    hub.clear_faults()
    eventually(lambda: till.roster.info().count == 40 and loop.state().roster_error == "",
               what="the next pull applies and the error clears")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_lunch_service_under_random_faults_ends_with_the_ledger_equal_to_the_journal(
        tmp_path, hub, seed):
    """Sales keep coming while the hub drops answers, fails, throttles, times
    out, refuses the token for a moment and goes away; at the end of the
    service the hub holds every sale exactly once and the roster is whole."""
    import random

    rng = random.Random(seed)
    faults = [("drop_after_commit", {}), ("http_500", {}), ("http_503", {"retry_after": 0}),
              ("http_429", {"retry_after": 0}), ("http_413", {}), ("reset", {}),
              ("reset_mid_body", {}), ("partial", {"keep": 1}), ("timeout", {"delay_s": 0.3}),
              ("garbage", {"variant": "extra_id"}), ("garbage", {"variant": "not_json"}),
              ("http_401", {}), ("slow", {"delay_s": 0.05})]
    t = Till(tmp_path, hub, sales=0, read_timeout_s=0.4, auth_pause_s=1.0, batch_size=7)
    try:
        loop = t.loop(scale=0.1)
        for n in range(1, 81):
            t.sell(1, n)
            loop.notify_new_entry()
            r = rng.random()
            if r < 0.15:
                kind, kw = rng.choice(faults)
                hub.inject(kind, path=rng.choice(["transactions", "transactions", "roster"]),
                           skip=rng.randint(0, 2), **kw)
            elif r < 0.18 and hub.online:
                hub.go_offline()
            elif r < 0.25 and not hub.online:
                hub.go_online()
            time.sleep(rng.uniform(0, 0.03))
        hub.go_online()
        hub.clear_faults()
        assert hub.requests.get("faults", 0) >= 3  # the service did meet trouble
        eventually(lambda: loop.wait_idle(2.0) and t.journal.pending_count() == 0,
                   timeout=20.0, what="queue drained after the service")
        assert_ledger_equals_journal(hub, t.journal)
        assert t.journal.sync_status_counts().get("rejected", 0) == 0
        eventually(lambda: t.roster.info().count == 40, what="roster whole")
    finally:
        t.close()


def test_the_clock_skew_against_the_hub_is_measured_and_a_large_one_is_logged(till, hub,
                                                                              caplog):
    caplog.set_level(logging.WARNING)
    hub.clock_offset_s = 300.0  # the till is five minutes behind the hub
    loop = till.loop()
    eventually(lambda: loop.state().clock_skew_s is not None, what="skew measured")
    assert loop.state().clock_skew_s == pytest.approx(300.0, abs=5.0)
    # The state is published a moment before the warning is logged.
    eventually(lambda: any("300 s behind the hub" in r.getMessage() for r in caplog.records),
               what="skew logged")


def test_a_drip_fed_roster_is_cut_at_the_deadline_and_the_backoff_tries_again(tmp_path, hub):
    # The first roster answer trickles a byte every 0.3 s, inside every read
    # timeout: the loop gives up at sync.request_deadline_s, says so, and
    # the next try (the hub behaving again) pulls the roster.
    till = Till(tmp_path, hub, sales=0, request_deadline_s=1.0, read_timeout_s=2.0)
    try:
        hub.inject("drip", path="roster", interval_s=0.3)
        loop = till.loop()
        eventually(lambda: "request_deadline_s" in loop.state().last_error,
                   what="the deadline error shown")
        eventually(lambda: till.roster.info().count == 40, what="the retried pull applied")
        assert hub.requests["fault.drip"] == 1 and hub.requests["roster"] >= 2
    finally:
        till.close()
