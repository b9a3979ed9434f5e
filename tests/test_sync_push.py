"""Pushing the till queue to the simulated hub over real loopback HTTP, one
hub misbehaviour at a time: whatever happens, once the faults stop and the
queue drains, the hub holds every journaled sale exactly once, with the
journal's content; rejected sales stay in the journal and are never resent."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hwsim.hub import Hub
from sync.client import (
    HubAuthError,
    HubClient,
    HubConfigError,
    HubError,
    HubProtocolError,
    HubRejectedBatch,
    HubThrottled,
    HubUnavailable,
)
from sync.pusher import Pusher, PushReport
from sync.retry import HubWait, hub_backoff
from tests.sync_helpers import (
    TILL,
    TOKEN,
    assert_ledger_equals_journal,
    hub_fixture,
    journal_with,
    sale,
    sync_cfg,
    token_file,
)

hub = hub_fixture([])


@pytest.fixture
def till(tmp_path, hub):
    """A till with 30 journaled sales, a client and a pusher (batches of 8)."""
    journal = journal_with(tmp_path, 30)
    client = HubClient(sync_cfg(hub.base_url, token_file(tmp_path), read_timeout_s=0.5),
                       TILL)
    pusher = Pusher(client, journal, 8, clock=time.time)
    yield journal, client, pusher
    client.close()
    journal.close()


def drain_until_done(pusher, journal, attempts=20):
    """What the sync loop does, without its timers: drain, and on a failure
    try again, until nothing is pending."""
    errors = []
    for _ in range(attempts):
        try:
            pusher.drain()
        except HubError as exc:
            errors.append(exc)
            continue
        if journal.pending_count() == 0:
            return errors
    raise AssertionError(f"still {journal.pending_count()} pending after {attempts} drains: "
                         f"{errors[-3:]}")


def test_a_calm_hub_gets_every_sale_once_in_seq_order_in_batches(hub, till):
    journal, _client, pusher = till
    report = pusher.drain()
    assert (report.accepted, report.requests, journal.pending_count()) == (30, 4, 0)
    assert [r["seq"] for r in hub.ledger(TILL)] == list(range(1, 31))
    assert_ledger_equals_journal(hub, journal)
    assert journal.sync_status_counts() == {"accepted": 30}
    assert journal.attempts(1) == (1, "")


def test_drop_after_commit_the_resend_is_a_duplicate_not_a_second_sale(hub, till):
    journal, _client, pusher = till
    hub.inject("drop_after_commit", path="transactions")
    with pytest.raises(HubUnavailable):
        pusher.drain()
    assert journal.pending_count() == 30  # the answer was lost: nothing acknowledged
    assert len(hub.ledger(TILL)) == 8  # ...but the hub had stored the first batch
    drain_until_done(pusher, journal)
    assert journal.sync_status_counts() == {"duplicate": 8, "accepted": 22}
    assert_ledger_equals_journal(hub, journal)
    assert journal.attempts(1)[0] == 2


@pytest.mark.parametrize("kind", ["http_500", "http_503", "reset", "reset_mid_body"])
def test_a_failing_hub_acknowledges_nothing_and_the_same_ids_go_again(hub, till, kind):
    journal, _client, pusher = till
    hub.inject(kind, count=2, path="transactions", skip=1)
    errors = drain_until_done(pusher, journal)
    assert len(errors) == 2 and all(isinstance(e, HubUnavailable) for e in errors)
    assert_ledger_equals_journal(hub, journal)
    assert "HTTP" in journal.attempts(9)[1] or journal.attempts(9)[0] >= 2


def test_throttled_with_retry_after_says_how_long_to_wait(hub, till):
    journal, _client, pusher = till
    hub.inject("http_429", path="transactions", retry_after=7)
    with pytest.raises(HubThrottled) as exc:
        pusher.drain()
    assert exc.value.retry_after == 7.0
    # The loop's backoff never waits less than the hub asked.
    assert hub_backoff(0.05, 0.2).next_delay(exc.value.retry_after) >= 7.0
    assert journal.pending_count() == 30
    drain_until_done(pusher, journal)
    assert_ledger_equals_journal(hub, journal)


def test_413_halves_the_batch_and_carries_on(hub, till):
    journal, _client, pusher = till
    hub.inject("http_413", count=2, path="transactions")
    report = pusher.drain()
    assert pusher.limit == 2  # 8 -> 4 -> 2
    assert report.accepted == 30 and journal.pending_count() == 0
    assert_ledger_equals_journal(hub, journal)


def test_a_single_sale_the_hub_says_is_too_large_waits_instead_of_being_dropped(hub, till):
    journal, _client, pusher = till
    pusher.limit = 1
    hub.inject("http_413", count=5, path="transactions")
    with pytest.raises(HubRejectedBatch):
        pusher.drain()
    assert journal.pending_count() == 30 and journal.sync_status_counts() == {}


def test_partial_answer_the_unanswered_are_sent_again(hub, till):
    journal, _client, pusher = till
    hub.inject("partial", path="transactions", keep=3)
    report = pusher.drain()
    assert report.unanswered == 5 and journal.pending_count() == 5
    report = pusher.drain()
    assert report.duplicate == 5 and journal.pending_count() == 0
    assert_ledger_equals_journal(hub, journal)


@pytest.mark.parametrize("variant", ["not_json", "truncated", "wrong_shape", "wrong_ids",
                                     "extra_id", "bad_status"])
def test_garbage_from_the_hub_acknowledges_nothing(hub, till, variant):
    journal, _client, pusher = till
    hub.inject("garbage", path="transactions", variant=variant)
    with pytest.raises(HubProtocolError):
        pusher.drain()
    assert journal.pending_count() == 30 and journal.sync_status_counts() == {}
    drain_until_done(pusher, journal)
    assert_ledger_equals_journal(hub, journal)


def test_a_hub_slower_than_our_read_timeout_is_a_timeout_and_the_resend_is_a_duplicate(
        hub, till):
    journal, _client, pusher = till
    hub.inject("timeout", path="transactions", delay_s=0.5)
    with pytest.raises(HubUnavailable, match="did not answer in time"):
        pusher.drain()
    drain_until_done(pusher, journal)
    assert journal.sync_status_counts() == {"duplicate": 8, "accepted": 22}
    assert_ledger_equals_journal(hub, journal)


def test_a_conflict_is_rejected_kept_in_the_journal_and_never_resent(tmp_path, hub):
    # Another till (or a restored backup) already used id till-1:3 for other content.
    other = sale(3)
    other.update(id="till-1:3", kind="sale", seq=3, total_pence=999)
    hub.core.push(TILL, {"transactions": [other]})
    journal = journal_with(tmp_path, 5)
    with HubClient(sync_cfg(hub.base_url, token_file(tmp_path)), TILL) as client:
        pusher = Pusher(client, journal, 200, clock=time.time)
        report = pusher.drain()
        assert (report.accepted, report.rejected) == (4, 1)
        assert journal.rejected() == [{"seq": 3, "id": "till-1:3", "reason": "conflict",
                                       "at": journal.rejected()[0]["at"]}]
        assert journal.pending_count() == 0
        before = hub.requests.get("transactions", 0)
        assert pusher.drain().requests == 0  # nothing to send: the rejected one stays put
        assert hub.requests.get("transactions", 0) == before
    assert journal.get("till-1:3") is not None


def test_wrong_token_is_an_auth_error_naming_the_setting(tmp_path, hub, till):
    journal, _, _ = till
    with HubClient(sync_cfg(hub.base_url, token_file(tmp_path / "..", "wrong")), TILL) as c, \
            pytest.raises(HubAuthError, match="sync.token_file"):
        Pusher(c, journal, 8, time.time).drain()
    assert journal.pending_count() == 30


def test_a_missing_token_file_names_the_setting_and_never_the_token(tmp_path, hub, till):
    journal, _, _ = till
    with HubClient(sync_cfg(hub.base_url, str(tmp_path / "nope")), TILL) as c, \
            pytest.raises(HubConfigError, match="sync.token_file.*does not exist"):
        Pusher(c, journal, 8, time.time).drain()
    bad = tmp_path / "bad-token"
    bad.write_text("two words\n")
    with HubClient(sync_cfg(hub.base_url, str(bad)), TILL) as c, \
            pytest.raises(HubConfigError) as exc:
        c.roster(None)
    assert "two words" not in str(exc.value)


def test_a_wrong_url_is_a_clear_message(tmp_path, hub):
    with pytest.raises(HubConfigError, match="sync.base_url"):
        HubClient(sync_cfg("ftp://hub", token_file(tmp_path)), TILL)
    with HubClient(sync_cfg(hub.base_url + "/wrong-prefix", token_file(tmp_path)), TILL) as c, \
            pytest.raises(HubProtocolError, match="sync.base_url"):
        c.roster(None)
    with HubClient(sync_cfg("http://127.0.0.1:9", token_file(tmp_path)), TILL) as c, \
            pytest.raises(HubUnavailable, match="refused"):
        c.roster(None)


def test_tls_to_a_plain_http_hub_fails_with_a_message_naming_the_settings(tmp_path, hub):
    url = hub.base_url.replace("http://", "https://")
    with HubClient(sync_cfg(url, token_file(tmp_path)), TILL) as c, \
            pytest.raises(HubUnavailable, match="sync.ca_file|connection"):
        c.roster(None)
    with pytest.raises(HubConfigError, match="sync.ca_file"):
        HubClient(sync_cfg(url, token_file(tmp_path), ca_file=str(tmp_path / "none.pem")), TILL)


def test_batches_are_cut_at_one_mebibyte(tmp_path, hub):
    journal = journal_with(tmp_path, 0)
    for i in range(1, 13):
        big = sale(i)
        big["lines"] = [{"description": "x" * 1000, "quantity": 1, "amount_pence": 1}] * 100
        journal.append(f"{TILL}:{i}", "sale", big)
    with HubClient(sync_cfg(hub.base_url, token_file(tmp_path)), TILL) as client:
        pusher = Pusher(client, journal, 500, clock=time.time)
        batch = pusher.next_batch(0)
        assert 1 <= len(batch) < 12
        assert sum(len(p.body) + 1 for p in batch) < 1024 * 1024
        report = pusher.drain()
    assert report.accepted == 12 and report.requests >= 2
    assert_ledger_equals_journal(hub, journal)
    journal.close()


def test_results_in_any_order_are_matched_by_id(hub, till):
    journal, _client, pusher = till
    hub.shuffle_results = True
    pusher.drain()
    assert_ledger_equals_journal(hub, journal)
    assert json.loads(journal.get_seq(5).payload)["seq"] == 5


def test_backoff_grows_with_jitter_up_to_the_cap():
    w = HubWait(1.0, 300.0, rand=lambda: 1.0)
    assert [w.delay(n) for n in (1, 2, 3, 10, 50)] == [1.0, 2.0, 4.0, 300.0, 300.0]
    low = HubWait(1.0, 300.0, rand=lambda: 0.0)
    assert [low.delay(n) for n in (1, 2, 10)] == [0.5, 1.0, 150.0]
    b = hub_backoff(1.0, 300.0)
    delays = [b.next_delay() for _ in range(12)]
    assert all(0.5 <= d <= 300.0 for d in delays) and delays[-1] >= 150.0
    b.reset()
    assert b.next_delay() <= 1.0


FAULTS = st.sampled_from([
    ("drop_after_commit", {}), ("http_500", {}), ("http_503", {"retry_after": 0}),
    ("http_429", {"retry_after": 0}), ("http_413", {}), ("reset", {}),
    ("reset_mid_body", {}), ("partial", {"keep": 1}), ("garbage", {"variant": "extra_id"}),
    ("garbage", {"variant": "truncated"}), ("slow", {"delay_s": 0.01}),
])


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schedule=st.lists(st.tuples(FAULTS, st.integers(0, 3)), min_size=1, max_size=6),
       n=st.integers(1, 40), batch=st.integers(1, 16))
def test_random_fault_schedules_end_with_the_ledger_equal_to_the_journal(
        tmp_path_factory, schedule, n, batch):
    state = tmp_path_factory.mktemp("till")
    journal = journal_with(state, n)
    with Hub(roster=[], token=TOKEN) as hub, \
            HubClient(sync_cfg(hub.base_url, token_file(state)), TILL) as client:
        for (kind, kw), skip in schedule:
            hub.inject(kind, path="transactions", skip=skip, **kw)
        pusher = Pusher(client, journal, batch, clock=time.time)
        report = PushReport()
        for _ in range(60):
            try:
                pusher.drain(report)
            except HubError:
                continue
            if journal.pending_count() == 0:
                break
        assert journal.pending_count() == 0
        assert_ledger_equals_journal(hub, journal)
        counts = journal.sync_status_counts()
        assert counts.get("rejected", 0) == 0
        assert counts.get("accepted", 0) + counts.get("duplicate", 0) == n
        hub.core.close()
    journal.close()


def test_a_batch_retried_through_an_outage_is_checked_once(hub, till, monkeypatch):
    # Journal rows never change: 200 tills retrying the same batch every few
    # seconds need not re-parse it each time.
    import sync.pusher

    journal, _client, pusher = till
    checked = []
    real = sync.pusher.validate_transaction
    monkeypatch.setattr(sync.pusher, "validate_transaction",
                        lambda body: (checked.append(body["seq"]), real(body))[1])
    hub.inject("http_503", count=3, path="transactions")
    errors = drain_until_done(pusher, journal)
    assert len(errors) == 3
    assert sorted(checked) == list(range(1, 31))  # each once, for four attempts
    assert_ledger_equals_journal(hub, journal)
