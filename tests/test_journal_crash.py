"""A child process appends sales in a loop and is SIGKILLed at random moments.
After every kill the journal opens, verifies, has no gap in seq, and holds every
append that had returned before the kill."""

from __future__ import annotations

import multiprocessing
import random
import time
from multiprocessing.connection import Connection

from agent.journal.store import Journal

KILLS = 50
# Each child is a process of its own, forked from a server that imported the
# journal once: fifty fresh interpreters spent most of the test importing it
# (~0.3 s of CPU each). The journal is opened in the child, after the fork.
CHILDREN = multiprocessing.get_context("forkserver")
CHILDREN.set_forkserver_preload(["agent.journal.store"])


def append_until_killed(state_dir: str, start: int, acked: Connection) -> None:
    """The child: appends sales in a loop; each id is reported only after
    its append returned (from there the sale must survive)."""
    j = Journal.in_state_dir(state_dir)
    i = start
    while True:
        body = {"till_id": "till-1", "total_pence": 230, "lines": [], "flags": []}
        entry, created = j.append(f"till-1:crash:{i}", "sale", body)
        acked.send_bytes(entry.id.encode())
        i += 1


def test_fifty_kills_lose_no_returned_append_and_leave_no_gap(tmp_path):
    rng = random.Random(1234)
    acknowledged: set[str] = set()
    next_i = 0
    for _ in range(KILLS):
        heard, acked = CHILDREN.Pipe(duplex=False)
        child = CHILDREN.Process(target=append_until_killed,
                                 args=(str(tmp_path), next_i, acked), daemon=True)
        child.start()
        acked.close()  # the child's end: ours closed, its death ends the pipe
        # Wait for the child to start appending, then kill it at a random moment.
        assert heard.poll(30), "child never appended"
        acknowledged.add(heard.recv_bytes().decode())
        time.sleep(rng.uniform(0.0, 0.05))
        child.kill()  # SIGKILL
        child.join()
        while True:
            try:
                acknowledged.add(heard.recv_bytes().decode())
            except EOFError:
                break
        heard.close()
        with Journal.in_state_dir(tmp_path) as j:
            result = j.verify()
            assert result.ok, result
            ids = {e.id for e in j.entries()}
            assert acknowledged <= ids, sorted(acknowledged - ids)[:5]
            assert j.last_seq() == len(ids)
            next_i = max(int(i.rsplit(":", 1)[1]) for i in ids) + 1
    assert len(acknowledged) >= KILLS
