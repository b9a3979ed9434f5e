"""A child process appends sales in a loop and is SIGKILLed at random moments.
After every kill the journal opens, verifies, has no gap in seq, and holds every
append that had returned before the kill."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from agent.journal.store import Journal

CHILD = r"""
import sys
from agent.journal.store import Journal
j = Journal.in_state_dir(sys.argv[1])
start = int(sys.argv[2])
i = start
while True:
    body = {"till_id": "till-1", "total_pence": 230, "lines": [], "flags": []}
    entry, created = j.append(f"till-1:crash:{i}", "sale", body)
    # Reported only after append returned: from here the sale must survive.
    sys.stdout.write(f"{entry.id}\n")
    sys.stdout.flush()
    i += 1
"""

KILLS = 50


def test_fifty_kills_lose_no_returned_append_and_leave_no_gap(tmp_path):
    rng = random.Random(1234)
    acknowledged: set[str] = set()
    next_i = 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), str(next_i)],
                                 stdout=subprocess.PIPE, env=env, text=True)
        # Wait for the child to start appending, then kill it at a random moment.
        first = child.stdout.readline()
        assert first, "child never appended"
        acknowledged.add(first.strip())
        time.sleep(rng.uniform(0.0, 0.05))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged.update(line for line in out.splitlines() if line.strip())
        with Journal.in_state_dir(tmp_path) as j:
            result = j.verify()
            assert result.ok, result
            ids = {e.id for e in j.entries()}
            assert acknowledged <= ids, sorted(acknowledged - ids)[:5]
            assert j.last_seq() == len(ids)
            next_i = max(int(i.rsplit(":", 1)[1]) for i in ids) + 1
    assert len(acknowledged) >= KILLS
