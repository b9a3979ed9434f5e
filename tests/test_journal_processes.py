"""Another process opening the journal (or the roster cache) for writing
while the agent runs never takes the write-ahead log from under the agent.

Closing any descriptor of a file drops every POSIX lock the process holds on
it. The agent opens the journal on several connections (the sale path, the
checkpointer, the console); if each opening also opened and closed the file
itself, the agent would hold no lock, a command's connection closing in
another process (`agent register import`, `agent journal ack-rejected`)
would take itself for the last one, checkpoint and delete the log, and every
sale the agent journaled after that would go to a deleted file."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from agent.journal.store import Journal
from sync.roster_store import RosterStore
from tests.console_support import SCHOOL


def sale(n: int) -> dict:
    return {"id": f"till-1:{n}", "till_id": "till-1", "kind": "sale",
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            "clock_synced": True, "pupil_id": None, "identified_by": None, "receipt_no": None,
            "lines": [{"description": "Flapjack", "quantity": 1, "amount_pence": 80}],
            "total_pence": 80, "tender": "cash", "offline": False, "flags": []}


def in_another_process(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


def test_a_command_writing_the_journal_from_another_process_loses_no_later_sale(tmp_path):
    till = Journal.in_state_dir(tmp_path)
    checkpointer = Journal.in_state_dir(tmp_path)  # the agent's second connection
    till.append("till-1:1", "sale", sale(1))
    in_another_process("from agent.journal.store import Journal\n"
                       f"j = Journal.in_state_dir({str(tmp_path)!r}); j.set_meta('x', '1')\n"
                       "j.close()")
    assert (tmp_path / "journal.sqlite-wal").exists()
    till.append("till-1:2", "sale", sale(2))
    with Journal.in_state_dir(tmp_path, readonly=True) as reader:
        assert [e.id for e in reader.entries()] == ["till-1:1", "till-1:2"]
        assert reader.verify().ok
    checkpointer.close()
    till.close()


def test_the_roster_cache_opened_in_another_process_keeps_the_agents_log(tmp_path):
    agent = RosterStore.in_state_dir(tmp_path)
    second = RosterStore.in_state_dir(tmp_path)
    in_another_process("from sync.roster_store import RosterStore\n"
                       f"RosterStore.in_state_dir({str(tmp_path)!r}).close()")
    agent.apply(SCHOOL, [], "c1", 0, time.time(), True)
    third = RosterStore.in_state_dir(tmp_path)
    assert third.info().count == len(SCHOOL)
    for store in (third, second, agent):
        store.close()
