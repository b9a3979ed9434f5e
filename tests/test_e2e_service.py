"""A lunch service end to end, checked one to one: every receipt the
simulated printer printed, every journal entry (with its captured bytes),
every row in the simulated hub's ledger. Also: nothing private in the logs at
INFO over the whole service."""

from __future__ import annotations

import io
import json
import logging
from collections import Counter

from agent.demo.lunch import run_service
from agent.demo.report import Progress
from agent.demo.world import SimWorld
from agent.journal.store import Journal


def test_printer_journal_and_hub_agree_one_to_one(tmp_path, caplog):
    world = SimWorld(pupils=40, seed=11, state_dir=str(tmp_path / "state"))
    caplog.set_level(logging.INFO)
    try:
        cfg = world.start()
        report = run_service(world, cfg, progress=Progress(40, out=io.StringIO()))
        printed = list(world.printer.core.receipts)
        ledger = world.hub.ledger(cfg.till_id)
    finally:
        world.stop()
    assert report.ok, report.problems
    with Journal.in_state_dir(cfg.state_dir, readonly=True) as j:
        entries = list(j.entries())
        captures = [j.capture(e.seq).data for e in entries]
        assert j.verify().ok

    # Printer <-> journal: each printed receipt's bytes are one journal
    # capture, except reprints, which map to their original's entry.
    journal_bytes = Counter(captures)
    assert all(c == 1 for c in journal_bytes.values())
    reprints = [r for r in printed if b"REPRINT" in r]
    originals = [r for r in printed if b"REPRINT" not in r]
    assert sorted(originals) == sorted(journal_bytes)
    assert len(printed) == len(entries) + len(reprints)
    numbers = [e.transaction["receipt_no"] for e in entries]
    assert len(numbers) == len(set(numbers))

    # Journal <-> hub: the same ids, seqs and content, each once.
    assert len(ledger) == len(entries)
    by_id = {r["id"]: r for r in ledger}
    assert len(by_id) == len(ledger)
    for e in entries:
        row = by_id[e.id]
        assert row["seq"] == e.seq
        content = row["content"]
        body = json.loads(content) if isinstance(content, str) else content
        assert body == e.transaction

    kinds = Counter(e.kind for e in entries)
    assert kinds["refund"] == 1
    assert any(e.transaction["offline"] for e in entries), "the hub cut-off was not felt"
    assert {e.transaction["identified_by"] for e in entries} >= {"card", "receipt", None}
    assert report.refused >= 1

    # Privacy: no pupil name, card uid or match id at INFO and above.
    secrets = set()
    for p in world.school:
        secrets.add(p["display_name"])
        secrets.update(p.get("card_uids") or [])
    text = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    leaked = [s for s in secrets if s and s in text]
    assert not leaked
