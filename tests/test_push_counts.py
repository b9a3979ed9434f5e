"""Push counters in one shape (``PushCounts``), printed under the names
machines and the console have always read."""

from __future__ import annotations

import json

from sync.pusher import PushCounts, PushReport
from sync.sync_state import SyncState

# runtime.json's "sync" (read by `agent status --json`), in this order.
STATUS_KEYS = ["state", "since", "last_push_ok_at", "last_pull_ok_at", "last_error",
               "roster_error", "pending", "rejected", "pushed", "duplicates", "unanswered",
               "requests", "next_attempt_at", "drainer", "batch_limit", "clock_skew_s",
               "health_report", "health_report_at"]


def test_counts_add_up_and_say_what_the_hub_acknowledged():
    run = PushCounts()
    run.add(PushReport(sent=10, requests=2, accepted=6, duplicate=1, rejected=1, unanswered=2))
    run.add(PushCounts(sent=2, requests=1, accepted=2, local_rejected=1))
    assert run == PushCounts(sent=12, requests=3, accepted=8, duplicate=1, rejected=1,
                             unanswered=2, local_rejected=1)
    assert run.acknowledged == 10  # accepted + duplicate + rejected by the hub
    assert run.all_rejected == 2


def test_the_status_json_keeps_its_keys_and_figures():
    st = SyncState(state="online", since=5.0, pending=3, batch_limit=50)
    st.counts.add(PushReport(sent=9, requests=2, accepted=5, duplicate=2, rejected=1,
                             unanswered=1, local_rejected=1))
    got = json.loads(json.dumps(st.to_dict()))
    assert list(got) == STATUS_KEYS
    assert {k: got[k] for k in ("rejected", "pushed", "duplicates", "unanswered",
                                "requests")} == {
        "rejected": 2, "pushed": 5, "duplicates": 2, "unanswered": 1, "requests": 2}
    assert (got["state"], got["pending"], got["batch_limit"]) == ("online", 3, 50)


def test_a_state_snapshot_does_not_move_with_later_pushes():
    st = SyncState()
    snap = st.copy()
    st.counts.add(PushCounts(accepted=4))
    assert (st.counts.accepted, snap.counts.accepted) == (4, 0)
