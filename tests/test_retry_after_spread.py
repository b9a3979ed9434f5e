"""A hub that throttles many tills in the same second tells them all the same
``Retry-After``; the agent waits all of it and up to as long again at random, so
they do not all come back in the same second (the simulated hub's rate limit
over real HTTP; ``python -m tests.fleet`` shows the effect at 200 tills)."""

from __future__ import annotations

import time

import httpx

from agent.journal.store import Journal
from sync.loop import SyncLoop
from sync.retry import HubWait
from sync.roster_store import RosterStore
from tests.support import wait_for
from tests.sync_helpers import TOKEN, journal_with, running_hub, sale, sync_cfg, token_file


def test_a_retry_after_is_waited_in_full_and_up_to_as_long_again():
    assert HubWait(1.0, 300.0, rand=lambda: 0.0).delay(1, 10.0) == 10.0
    assert HubWait(1.0, 300.0, rand=lambda: 1.0).delay(1, 10.0) == 20.0
    # A long backoff is not shortened by a short Retry-After.
    assert HubWait(1.0, 300.0, rand=lambda: 1.0).delay(9, 10.0) == 256.0


def test_the_simulated_hub_limits_requests_with_429_and_retry_after():
    with running_hub() as hub:
        # Two requests, then none for 100 s: a loaded machine cannot refill it mid-test.
        hub.set_rate_limit(0.01, burst=2, retry_after_s=7)
        url = f"{hub.base_url}/v1/tills/till-1/roster"
        auth = {"Authorization": f"Bearer {TOKEN}"}
        codes = [httpx.get(url, headers=auth) for _ in range(4)]
        assert [r.status_code for r in codes] == [200, 200, 429, 429]
        assert codes[2].headers["Retry-After"] == "7"
        assert hub.requests["rate_limited"] == 2
        assert sum(hub.requests_per_second().values()) == 4


def test_tills_throttled_together_come_back_at_different_moments(tmp_path):
    with running_hub() as hub:
        hub.set_rate_limit(0.01, burst=1, retry_after_s=2)  # one request, then 429s
        loops, stores = [], []
        try:
            for i in range(8):
                d = tmp_path / f"t{i}"
                journal_with(d, 3, till=f"till-{i}").close()
                roster = RosterStore.in_state_dir(d)
                stores.append(roster)
                loop = SyncLoop(sync_cfg(hub.base_url, token_file(d)), f"till-{i}",
                                lambda d=d: Journal.in_state_dir(d), roster, d,
                                sleep_scale=0.01)
                loops.append(loop)
                loop.start()
            deadline = time.monotonic() + 10
            throttled: list = []
            while time.monotonic() < deadline and len(throttled) < 7:
                throttled = [lp.state() for lp in loops
                             if "retry after 2 s" in lp.state().last_error]
                time.sleep(0.02)
            assert len(throttled) >= 7
            # Each one's wait, from the moment it was throttled (its first
            # failure: the moment it went offline).
            waits = sorted(st.next_attempt_at - st.since for st in throttled)
            assert waits[0] >= 2.0 and waits[-1] <= 4.0  # 2 s in full, at most 4 s
            assert waits[-1] - waits[0] > 0.1  # not all the same
        finally:
            for lp in loops:
                lp.stop(5.0)
            for r in stores:
                r.close()


def test_a_till_let_in_after_a_429_does_not_pull_the_roster_again(tmp_path):
    # Throttled is not offline: the hub was there all along, and 200 tills
    # each re-pulling the roster is what a throttled hub needs least. An
    # outage still re-pulls it (test_sync_loop).
    with running_hub() as hub:
        journal = journal_with(tmp_path, 5)
        roster = RosterStore.in_state_dir(tmp_path)
        loop = SyncLoop(sync_cfg(hub.base_url, token_file(tmp_path), roster_interval_s=300.0),
                        "till-1", lambda: Journal.in_state_dir(tmp_path), roster, tmp_path,
                        sleep_scale=0.2)
        loop.start()
        try:
            assert loop.wait_idle(10.0)
            # The first pull, then the first clock-skew probe (it follows the
            # pull in the same round): both counted before the 429s.
            assert wait_for(lambda: loop.state().last_pull_ok_at is not None
                            and loop.state().clock_skew_s is not None)
            pulls, probes = hub.requests["roster"], hub.requests.get("health", 0)
            assert (pulls, probes) == (1, 1)
            hub.inject("http_429", path="transactions", retry_after=0.3)
            for i in range(6, 9):
                journal.append(f"till-1:{i}", "sale", sale(i))
            loop.notify_new_entry()
            deadline = time.monotonic() + 5
            while hub.requests.get("fault.http_429", 0) == 0 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert loop.wait_idle(10.0) and loop.state().state == "online"
            assert journal.pending_count() == 0
            time.sleep(0.5)  # a pull after the push would have happened by now
            assert hub.requests["roster"] == pulls
            assert hub.requests.get("health", 0) == probes  # no new clock-skew probe either
        finally:
            loop.stop(5.0)
            roster.close()
            journal.close()
