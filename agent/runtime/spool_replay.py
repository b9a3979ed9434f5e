"""At start: replay the tap spool left by the previous run, so a receipt that
was printed but never journaled (the agent died in between) becomes a sale.

Receipts the journal already holds are recognised exactly (their capture's
bytes and end time, which the original run journaled) and not journaled again,
though they still settle held cut-off copies of themselves
(``Correlator.journaled_earlier``); the rest go through the normal pipeline
with their original times. Each file is one run's stream: a run's last job is
ended with its file, and a cut-off copy held then gets its re-send window
again from the next run's first bytes (and, after the last file, from now):
the till could not re-send it while the agent was down. Identifications are
not spooled, so a recovered sale carries no card or finger (an account printed
on the receipt still names the pupil) and is flagged ``recovered_after_restart``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.clock import rfc3339
from agent.journal.store import Journal
from agent.runtime.tap_spool import (
    DATA,
    DROPPED,
    JOB_END,
    JOB_FLAG,
    JOB_START,
    SpoolRecord,
    read_records,
)
from agent.sale.receipt_identity import capture_key

log = logging.getLogger("agent.runtime.spool_replay")

RECOVERED_FLAG = "recovered_after_restart"


@dataclass
class ReplayReport:
    files: int = 0
    records: int = 0
    bytes: int = 0
    receipts: int = 0
    already_journaled: int = 0
    recovered: int = 0  # became sales from the spool during the replay
    held: int = 0  # cut-off copies held for the till's re-send after it


def journaled_keys(journal: Journal, since: float,
                   limit: int = 20000) -> dict[tuple[str, str], str]:
    """``capture_key`` -> id of the receipts journaled since ``since`` (the
    spool's first record, less a margin): walked from the newest entry back,
    so a start after a crash reads only the last minutes of the journal (at
    most ``limit`` entries, should the clock have jumped)."""
    keys: dict[tuple[str, str], str] = {}
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
            keys[capture_key(occurred, cap.data)] = entry.id
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


def _sender_after(records: list[SpoolRecord], i: int) -> SpoolRecord | None:
    """A job's first chunk, ``records[i]``, in a spool written before the
    sender came with it: the tap announced the job once the printer took
    that chunk, so its ``S`` record follows the first ``D``."""
    for rec in records[i + 1:]:
        if rec.kind == JOB_START:
            return rec
        if rec.kind == JOB_END:
            return None
    return None


def replay(paths: list[Path], pipeline: Any, journal: Journal,
           now: float | None = None) -> ReplayReport:
    """Feed the spooled till bytes through ``pipeline`` (an
    ``agent.sale.pipeline.ReceiptPipeline``), not journaling known
    receipts again. ``now``: this start (held copies wait for a re-send from
    then; default: the last record's time)."""
    report = ReplayReport()
    files = _records(paths, report)
    if not files:
        return report
    known = journaled_keys(journal, files[0][0].t)

    def journaled_id(captured: Any) -> str | None:
        report.receipts += 1
        tid = known.get(capture_key(captured.ended_at, bytes(captured.raw)))
        report.already_journaled += tid is not None
        return tid

    def start(sender: SpoolRecord | None) -> None:
        if sender is not None:
            pipeline.job_start(sender.data.decode(errors="replace"), sender.t)

    recovered_before = pipeline.counters["recovered"]
    with pipeline.replaying(journaled_id):
        for k, records in enumerate(files):
            # A job's ``S`` comes before its first chunk (or its not_printed
            # flag); the job begins for the pipeline with the first of those
            # that reached the printer (a chunk the printer refused, ``X``,
            # began nothing: the tap never announced that job).
            in_job, sender = False, None
            for i, rec in enumerate(records):
                if rec.kind == DATA:
                    nxt = records[i + 1] if i + 1 < len(records) else None
                    if nxt is not None and nxt.kind == DROPPED:
                        continue  # never reached the printer: not a sale
                    if not in_job:
                        in_job = True
                        start(sender or _sender_after(records, i))
                    report.bytes += len(rec.data)
                    pipeline.till_bytes(rec.data, rec.t)
                elif rec.kind == JOB_START and not in_job:
                    sender = rec
                elif rec.kind == JOB_FLAG:
                    if not in_job and sender is not None:  # not_printed: S, F, then D
                        in_job = True
                        start(sender)
                    pipeline.job_flag(rec.data.decode(errors="replace"), rec.t)
                elif rec.kind == JOB_END:
                    pipeline.job_end(rec.t)
                    in_job, sender = False, None
            # Each file is one run's stream: a run that died mid-job left that
            # receipt unfinished (the till resends it, to the next run); end
            # it here, cut off, so it never runs into the next file.
            pipeline.stream_stopped(records[-1].t)
            # The next run (or this one) is when the till could re-send.
            back = files[k + 1][0].t if k + 1 < len(files) else now
            pipeline.correlator.rearm_held(records[-1].t if back is None else back)
    report.recovered = pipeline.counters["recovered"] - recovered_before
    report.held = len(pipeline.correlator.held)
    if report.recovered:
        log.warning("tap spool: %d receipt(s) printed before the last stop were not "
                    "journaled; recovered now (flag %s)", report.recovered, RECOVERED_FLAG)
    else:
        log.info("tap spool: %d receipt(s) replayed, none to recover", report.receipts)
    if report.held:
        log.info("tap spool: %d cut-off receipt(s) held for the till's re-send", report.held)
    return report
