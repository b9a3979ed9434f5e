"""The fleet simulation at CI size (``python -m tests.fleet`` runs 200 tills):
tills come back to a rate-limited hub after an outage, with the agent's
jitter and Retry-After handling and with both switched off, and each run ends
with the hub holding exactly every journal."""

from __future__ import annotations

import pytest

from tests.fleet.sim import Params, simulate, table

pytestmark = pytest.mark.slow


def test_a_small_fleet_drains_exactly_once_with_and_without_jitter(tmp_path):
    # Two processes of eight tills (four was for 200 tills; at this size each
    # spawned interpreter only cost start-up), the hub down a second: the
    # tills' first tries fail on it either way (backoff from 0.05 s, scaled).
    p = Params(tills=16, sales=60, outage_s=1.0, rate_per_s=30.0, burst=30, timeout_s=60.0,
               procs=2)
    results = simulate(tmp_path, p, say=lambda s: None)
    print(table(results))
    for mode, r in results.items():
        assert r.undrained == 0, mode
        assert (r.lost, r.extra, r.duplicated, r.changed) == (0, 0, 0, 0), mode
        assert len(r.drains) == 16 and r.requests >= 16
        assert r.peak_rps > 0 and r.drain_all_s is not None
        # Every till's retention state, as its doctor sees it: all sixty sales
        # kept (this school year), nothing blocks the drop due on 1 September
        # 2028. The hub heard it from the tills whose health report got past
        # its rate limit (a throttled report waits for the next minute).
        assert len(r.retention) == 16
        for till, st in r.retention.items():
            assert (st.entries, st.anchor_seq, st.blocked_by) == (60, 0, ""), till
            assert st.next_drop == "2028-09-01 00:00 UTC: 60 entries", till
            assert st.hub_entries in (None, 60) and st.bytes > 0, till
        assert any(st.hub_entries == 60 for st in r.retention.values())
    assert "60 entries from anchor seq 0, not blocked, next drop 2028-09-01" in table(results)
