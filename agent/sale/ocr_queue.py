"""Raster-only sales waiting to be read: the pipeline's bookkeeping of the
OCR worker's jobs (``agent.ocr.worker``).

A receipt printed as a picture is journaled at once, flagged raster_only;
its reading comes later as a linked entry (``agent.ocr.reader``). Here: the
sales waiting for the worker to have room, those sent to it, and the ones a
previous run journaled and never read. The pipeline owns the worker and
journals the readings; this module only keeps the queue and counts.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from agent.config import PrinterConfig
from agent.journal.store import Journal
from agent.sale.printer_decoder import decoder_for
from drivers.events import ReceiptEnded
from sync.contract import Transaction

# Raster-only sales waiting for the OCR worker's queue to have room.
OCR_WAITING_MAX = 1000

log = logging.getLogger("agent.receipts")


class OcrQueue:
    """Raster-only sales by transaction id: ``waiting`` for the worker,
    ``sent`` to it. Counts into ``counters`` (the pipeline's)."""

    def __init__(self, counters: Counter[str]):
        self.counters = counters
        self.waiting: dict[str, tuple[Transaction, list[Any]]] = {}
        self.sent: dict[str, tuple[Transaction, list[Any]]] = {}

    def busy(self) -> bool:
        """Whether a sale waits or is being read."""
        return bool(self.waiting or self.sent)

    def offer(self, txn_id: str, txn: Transaction, images: list[Any]) -> bool:
        """Queue a journaled raster-only sale; False (counted) when the queue
        is full: the sale stays journaled, flagged raster_only, unread."""
        if len(self.waiting) >= OCR_WAITING_MAX:
            self.counters["ocr_not_queued"] += 1
            return False
        self.waiting[txn_id] = (txn, images)
        return True

    def send(self, worker: Any) -> None:
        """Hand the waiting sales to ``worker`` in order, until it is full."""
        for txn_id, (_txn, images) in list(self.waiting.items()):
            if not worker.submit(txn_id, images):
                self.counters["ocr_deferred"] += 1
                return
            self.sent[txn_id] = self.waiting.pop(txn_id)

    def unread(self, journal: Journal, recent: list[Any], printer: PrinterConfig) -> None:
        """Queue the raster-only sales among ``recent`` journal entries that
        a previous run journaled and never read (the agent stopped, the
        worker fell behind), their pictures decoded again from the bytes the
        journal kept. The store's errors reach the caller."""
        from agent.ocr.reader import reading_id

        done = {e.id for e in recent if e.id.endswith(".ocr")}
        for e in recent:
            if e.id.endswith(".ocr") or e.id in self.waiting:
                continue
            txn = e.transaction
            if "raster_only" not in txn.get("flags", ()) or reading_id(e.id) in done:
                continue
            cap = journal.capture(e.seq)
            if cap is None or not cap.data:
                continue
            dec = decoder_for(printer)
            events = dec.feed(cap.data, 0.0) + dec.flush(0.0)
            images = [im for ev in events if isinstance(ev, ReceiptEnded)
                      for im in ev.receipt.images]
            if images and len(self.waiting) < OCR_WAITING_MAX:
                self.waiting[e.id] = (Transaction.from_json(txn), images)
                self.counters["ocr_from_journal"] += 1

    def finished(self, worker: Any) -> list[tuple[Transaction, Any, str | None]]:
        """The worker's finished jobs as (original sale, reading or None,
        error): the readings to journal. A job the worker asks to retry
        waits again."""
        out = []
        for res in worker.results():
            sent = self.sent.pop(res.job_id, None)
            if sent is None:
                continue
            if res.retry:
                self.waiting[res.job_id] = sent
                continue
            if res.error:
                self.counters["ocr_failed"] += 1
                log.warning("raster-only receipt not read: %s", res.error)
            reading = res.reading
            self.counters["ocr_trusted" if reading is not None and reading.trusted
                          else "ocr_untrusted"] += 1
            out.append((sent[0], reading, res.error))
        return out
