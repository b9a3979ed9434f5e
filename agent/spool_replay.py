"""At start: replay the tap spool left by the previous run, so a receipt that
was printed but never journaled (the agent died in between) becomes a sale.

Receipts the journal already holds are recognised exactly (their capture's
bytes and end time, which the original run journaled) and skipped; the rest go
through the normal pipeline with their original times. Identifications are not
spooled, so a recovered sale carries no card or finger (an account printed on
the receipt still names the pupil) and is flagged ``recovered_after_restart``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.clock import rfc3339
from agent.journal import Journal
from agent.tap_spool import DATA, DROPPED, JOB_END, SpoolRecord, read_records

log = logging.getLogger("agent.spool_replay")

RECOVERED_FLAG = "recovered_after_restart"


@dataclass
class ReplayReport:
    files: int = 0
    records: int = 0
    bytes: int = 0
    receipts: int = 0
    already_journaled: int = 0
    recovered: int = 0


def receipt_key(ended_at: float, raw: bytes) -> tuple[str, str]:
    """What identifies one captured receipt across runs."""
    return rfc3339(ended_at), hashlib.sha256(raw).hexdigest()


def journaled_keys(journal: Journal, since: float, limit: int = 20000) -> set[tuple[str, str]]:
    """Keys of the receipts journaled since ``since`` (the spool's first
    record, less a margin): walked from the newest entry back, so a start
    after a crash reads only the last minutes of the journal (at most
    ``limit`` entries, should the clock have jumped)."""
    keys: set[tuple[str, str]] = set()
    first = rfc3339(since - 60.0)
    seq = journal.last_seq()
    for s in range(seq, max(0, seq - limit), -1):
        entry = journal.get_seq(s)
        if entry is None:
            continue
        if entry.wall_time < first:
            break
        cap = journal.capture(s)
        if cap is not None:
            occurred = entry.transaction.get("occurred_at") or ""
            keys.add((occurred, hashlib.sha256(cap.data).hexdigest()))
    return keys


def _records(paths: Iterable[Path], report: ReplayReport) -> list[list[SpoolRecord]]:
    """The records of each file (one per process that wrote it, or per
    rotation), in order."""
    out = []
    for p in paths:
        report.files += 1
        recs = list(read_records(p))
        report.records += len(recs)
        if recs:
            out.append(recs)
    return out


def replay(paths: list[Path], pipeline: Any, journal: Journal) -> ReplayReport:
    """Feed the spooled till bytes through ``pipeline`` (an
    ``agent.receipt_pipeline.ReceiptPipeline``), skipping known receipts."""
    report = ReplayReport()
    files = _records(paths, report)
    if not files:
        return report
    known = journaled_keys(journal, files[0][0].t)

    def skip(captured: Any) -> bool:
        report.receipts += 1
        if receipt_key(captured.ended_at, bytes(captured.raw)) in known:
            report.already_journaled += 1
            return True
        report.recovered += 1
        return False

    pipeline.skip_receipt = skip
    pipeline.extra_flags = [RECOVERED_FLAG]
    try:
        for records in files:
            for i, rec in enumerate(records):
                if rec.kind == DATA:
                    nxt = records[i + 1] if i + 1 < len(records) else None
                    if nxt is not None and nxt.kind == DROPPED:
                        continue  # never reached the printer: not a sale
                    report.bytes += len(rec.data)
                    pipeline.till_bytes(rec.data, rec.t)
                elif rec.kind == JOB_END:
                    pipeline.job_end(rec.t)
            # Each file is one run's stream: a run that died mid-job left that
            # receipt unfinished (the till resends it, to the next run); end
            # it here, as a job would end, so it never runs into the next file.
            pipeline.job_end(records[-1].t)
    finally:
        pipeline.skip_receipt = None
        pipeline.extra_flags = []
    if report.recovered:
        log.warning("tap spool: %d receipt(s) printed before the last stop were not "
                    "journaled; recovered now (flag %s)", report.recovered, RECOVERED_FLAG)
    else:
        log.info("tap spool: %d receipt(s) replayed, all already journaled", report.receipts)
    return report
