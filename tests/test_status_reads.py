"""`agent status` on a large journal: one read-only connection for every
figure it shows, and the receipts it reads again for "receipts read" fetched
in one bounded query (it used to open the journal four times and fetch each
of 200 receipts' bytes on its own); the spot check it counts draws with one
query, not one capture read a sale. Timings: tests/bench/bench_status.py."""

from __future__ import annotations

import time

from agent.cli import main
from agent.journal.store import Capture, Journal
from agent.sale.receipt_reading import RECENT_RECEIPTS
from hwsim.till import compose, random_sales
from sync.journal_port import PushOutcome


def till_with_receipts(state, n: int) -> None:
    with Journal.in_state_dir(state) as j:
        for i, spec in enumerate(random_sales(n, seed=3)):
            txn = {"till_id": "till-1", "occurred_at": "2026-11-28T12:01:02.123Z",
                   "clock_synced": True, "pupil_id": spec.account, "identified_by": None,
                   "receipt_no": spec.receipt_no,
                   "lines": [{"description": d, "quantity": q, "amount_pence": p}
                             for d, q, p in spec.lines],
                   "total_pence": spec.total_pence, "tender": spec.tender.lower(),
                   "offline": False, "flags": []}
            j.append(f"till-1:r:{i}", spec.kind, txn,
                     capture=Capture(0, "printer", compose(spec)))
        got = j.pending(0, n)
        j.record_outcomes([PushOutcome(p.seq, p.id, "accepted") for p in got], time.time())


def test_status_opens_the_journal_once_and_fetches_the_receipts_it_rereads_in_one_query(
        tmp_path, monkeypatch, capsys):
    till_with_receipts(tmp_path, 1200)
    opened: list[Journal] = []
    statements: list[str] = []
    real_init = Journal.__init__

    def watched(self, *a, **kw):
        real_init(self, *a, **kw)
        opened.append(self)
        self._db.set_trace_callback(statements.append)

    monkeypatch.setattr(Journal, "__init__", watched)
    assert main(["status", "--state-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "hash chain intact (1200 entries)" in out
    assert f"of the last {RECENT_RECEIPTS} receipt(s) read cleanly" in out
    assert len(opened) == 1 and opened[0].readonly
    # The receipts it rereads, and which captures kept text for the spot check's
    # draw ("office checks"): one query each, never one a receipt.
    assert sum("capture" in s for s in statements) == 2
    assert sum("FROM captures WHERE seq > " in s for s in statements) == 1
    # The whole chain is walked in batches of 500; everything else is a few queries.
    assert len(statements) < 60, statements


def test_the_command_line_still_knows_every_command_and_its_common_options(tmp_path, capsys):
    # Only the named command's module is imported; the rest are there by name.
    till_with_receipts(tmp_path, 3)
    assert main(["--state-dir", str(tmp_path), "journal", "verify"]) == 0
    assert "chain intact, 3 entries verified" in capsys.readouterr().out
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    assert "show the till: daemon, devices, journal" in out and "verify, export or show" in out
