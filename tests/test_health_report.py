"""The till's health report (contract: "Till health"): sent with the push
rounds to the simulated hub over loopback, which shows it and names the
tills it has not heard from; a hub without the endpoint is asked again only
a day later; and the report never carries a pupil."""

from __future__ import annotations

import json
import time

import pytest

from agent.journal.store import Journal
from agent.runtime.health import health_report
from hwsim.school import generate_school
from sync.contract import ContractError
from sync.health_contract import validate_health_report
from sync.loop import SyncLoop
from sync.roster_store import RosterStore
from tests.sync_helpers import (
    TILL,
    assert_ledger_equals_journal,
    eventually,
    hub_fixture,
    journal_with,
    sync_cfg,
    token_file,
)

SCHOOL = generate_school(seed=5, pupils=20)


def snapshot(**over) -> dict:
    """A runtime.json as the daemon publishes it (agent/runtime/runtime_json.py)."""
    snap = {
        "pid": 1, "version": "0.1.0", "till_id": TILL, "started_at": 1764500000.0,
        "devices": [{"name": "door", "kind": "rdm6300", "connected": False, "errors": 3,
                     "reopen_count": 2, "last_error": "[Errno 2] /dev/ttyUSB0", "stats": {}}],
        "printer": {"mode": "tcp", "listening": True, "jobs": 7,
                    "status": {"online": True, "paper_out": False, "cover_open": False}},
        "sync": {"state": "online", "last_push_ok_at": 1764500100.5, "pushed": 5},
        "alarms": ["roster_stale: the roster is 40 h old; balances may be out of date"],
        "counters": {"receipts": 7, "journaled": 7},
        "queue": {"pending": 2, "oldest_pending_age_s": 30.0,
                  "oldest_pending_at": 1764500070.25, "rejected": 1},
    }
    snap.update(over)
    return snap


def report(**over) -> dict:
    return health_report(snapshot(**over), now=time.time(), disk_free_bytes=10**9,
                         roster_pulled_at=1764400000.0)


hub = hub_fixture(SCHOOL)


@pytest.fixture
def till(tmp_path, hub):
    journal = journal_with(tmp_path, 30)
    roster = RosterStore.in_state_dir(tmp_path)
    loops: list[SyncLoop] = []

    def start(**cfg) -> SyncLoop:
        c = sync_cfg(hub.base_url, token_file(tmp_path), **{"health_interval_s": 1.0, **cfg})
        loop = SyncLoop(c, TILL, lambda: Journal.in_state_dir(tmp_path), roster, tmp_path,
                        sleep_scale=0.2, health_source=report)
        loops.append(loop)
        loop.start()
        return loop

    start.journal = journal
    yield start
    for lp in loops:
        lp.stop(5.0)
    roster.close()
    journal.close()


def test_the_report_is_the_contracts_object_built_from_runtime_json():
    r = report()
    validate_health_report(r)
    assert r["queue"] == {"pending": 2, "rejected": 1,
                          "oldest_pending_at": "2025-11-30T10:54:30.250Z"}
    assert r["devices"] == [{"name": "door", "kind": "rdm6300", "connected": False, "errors": 3}]
    assert r["printer"] == {"mode": "tcp", "vendor_model": None, "online": True,
                            "paper_out": False}
    assert r["last_push_ok_at"] == "2025-11-30T10:55:00.500Z"
    assert r["alarms"][0].startswith("roster_stale:")
    usb = health_report(snapshot(printer={"mode": "usb"}), now=0.0, disk_free_bytes=None,
                        roster_pulled_at=None, usb_id="04B8:0202")
    assert usb["printer"]["vendor_model"] == "usb 04b8:0202"
    assert usb["last_roster_pull_at"] is None and usb["disk_free_bytes"] is None


def test_what_the_runtime_publishes_beyond_the_contract_never_leaves_the_till():
    # A device error text, a reader's stats, counters: runtime.json keeps them
    # on the till; the report takes only its documented fields.
    text = json.dumps(report())
    for kept_home in ("ttyUSB0", "reopen_count", "journaled", "pid"):
        assert kept_home not in text
    bad = report()
    bad["pupil_id"] = "P000001"
    with pytest.raises(ContractError):
        validate_health_report(bad)


def test_each_push_round_carries_a_report_at_most_once_an_interval_and_the_hub_shows_it(
        till, hub):
    hub.expect_till("till-2")  # registered at the hub, never switched on
    loop = till()
    assert loop.wait_idle(10.0)
    # The hub stores a report before it answers; the till says "sent" once the
    # answer is in: wait for the till's word, the hub has it by then.
    eventually(lambda: loop.state().health_report == "sent", what="a health report sent")
    got = hub.till_health(TILL)
    assert got["report"]["till_id"] == TILL and got["report"]["queue"]["pending"] == 2
    t0, n0 = time.monotonic(), hub.requests.get("till_health", 0)
    # interval 1 s x scale 0.2: they keep coming, and at most one per 0.2 s.
    eventually(lambda: hub.requests.get("till_health", 0) - n0 >= 2, what="two more reports")
    time.sleep(max(0.0, t0 + 1.5 - time.monotonic()))
    sent = hub.requests.get("till_health", 0) - n0
    assert sent <= (time.monotonic() - t0) / 0.2 + 1
    tills = hub.tills()
    assert tills[TILL]["silent"] is False and tills[TILL]["pending"] == 2
    assert hub.silent_tills() == ["till-2"]
    assert_ledger_equals_journal(hub, till.journal)


def test_a_till_not_heard_from_falls_silent_and_is_heard_again(till, hub):
    hub.silent_after_s = 0.5
    loop = till()
    eventually(lambda: hub.till_health(TILL) is not None, what="a health report")
    assert hub.silent_tills() == []
    loop.stop(5.0)
    hub.go_offline()  # nothing from the till either way
    eventually(lambda: hub.silent_tills() == [TILL], what="till silent")
    hub.go_online()
    till()
    eventually(lambda: hub.silent_tills() == [], what="heard again")


def test_a_hub_without_the_endpoint_is_asked_once_a_day_and_sync_goes_on(till, hub):
    hub.health_reports = False  # 404, like a hub that predates the endpoint
    loop = till()
    assert loop.wait_idle(10.0)
    eventually(lambda: loop.state().health_report == "unsupported", what="unsupported")
    time.sleep(1.0)  # five more push rounds
    assert hub.requests.get("till_health", 0) == 1
    assert hub.requests.get("status.404", 0) == 1
    st = loop.state()
    assert st.state == "online" and st.last_error == ""
    assert_ledger_equals_journal(hub, till.journal)


def test_a_failing_report_is_dropped_and_never_takes_the_hub_offline(till, hub):
    hub.inject("http_500", count=2, path="till_health")
    loop = till()
    # The hub stores the third report before it answers: wait for the till's "sent".
    eventually(lambda: loop.state().health_report == "sent", what="a report after the 500s")
    assert hub.till_health(TILL) is not None
    assert hub.requests.get("fault.http_500", 0) == 2
    assert loop.state().state == "online"
    assert loop.wait_idle(10.0)
    assert_ledger_equals_journal(hub, till.journal)
