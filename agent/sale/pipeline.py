"""The sale path inside the runtime's main loop: printer bytes and
identifications in, journaled sales out.

    till bytes ─> EscposDecoder ─> ReceiptEnded ─> interpret ──┐
    CardRead / BiometricMatch ─> roster ─> Identification ─────┴─> Correlator
        ─> Sale ─> the pupil, looked up once ─> agent.sale.transaction.transaction (the
        policy) ─> Transaction ─> JournalWriter (durable append, or kept and
        retried)
    printer bytes ─> StatusReplyDecoder ─> PrinterStatus (published)

A sale walks that line once: each of these modules is entered once per sale
(tests/test_sale_walk.py traces it).

Everything here runs on the main loop's thread with ``now`` passed in; it
starts no threads and reads no clocks (the runtime does both). The
``JournalWriter`` keeps a sale the store refused (disk full, I/O error) in
memory, in order, and retries it until the store takes it: the till already
printed it, so it must not be lost while the process lives.

Who a card, a finger or a chosen name names, and the roster reads behind
it, are ``agent.sale.pupil_lookup``'s; the decoder is built from the
printer's config by ``agent.sale.printer_decoder``.

Privacy: card uids, match ids and pupil ids are looked up here and only ever
logged at DEBUG; INFO lines carry counts and reasons.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from agent.config import Config
from agent.journal.store import Capture, Journal, JournalError
from agent.runtime import alarms
from agent.runtime.spool_replay import RECOVERED_FLAG
from agent.sale.balances import Ledger
from agent.sale.correlation import Correlator, Decision
from agent.sale.ocr_queue import OcrQueue
from agent.sale.printer_decoder import decoder_for
from agent.sale.pupil_lookup import NameChosen, PupilLookup
from agent.sale.receipt_rules import rules_from_config
from agent.sale.transaction import Books, transaction
from drivers.escpos_status import StatusReplyDecoder
from drivers.events import (
    BiometricMatch,
    BiometricNoMatch,
    CardRead,
    PrinterStatus,
    ReceiptEnded,
    StatusQuery,
    UnknownCommand,
)
from drivers.receipt import OVERLONG_LINE, ParsedReceipt, interpret
from sync.contract import Transaction

log = logging.getLogger("agent.receipts")


@dataclass
class _Pending:
    transaction: Transaction
    capture: Capture | None


class JournalWriter:
    """Appends to the journal in order; a refused append is kept and retried.

    ``alarm`` is "" while the store works, else a short operator message
    (safe to publish). ``on_appended(entry, transaction)`` runs after every
    durable append (``transaction``: the Transaction that was appended, so
    nobody parses the payload back).
    """

    def __init__(self, journal: Journal, on_appended: Callable[[Any], None]):
        self.journal = journal
        self.on_appended = on_appended
        self.backlog: deque[_Pending] = deque()
        self.alarm = ""
        self.failures = 0
        self.appended = 0

    def submit(self, transaction: Transaction, capture: Capture | None) -> bool:
        """Journal now if the store works, else keep it for ``retry``. True
        when it is durable."""
        # Into the backlog first, even when the store works: while the append
        # waits (another writer holds the lock), the sale is seen as held.
        self.backlog.append(_Pending(transaction, capture))
        return self.retry()

    def retry(self) -> bool:
        """Drain the backlog in order; stop at the first failure. True when
        nothing is left."""
        while self.backlog:
            p = self.backlog[0]
            try:
                t = p.transaction
                entry, created = self.journal.append(t.id, t.kind, t, capture=p.capture)
            except (sqlite3.Error, JournalError, OSError) as exc:
                self.failures += 1
                if not self.alarm:
                    log.error("journal write failed (%s): printing goes on; %d sale(s) kept "
                              "in memory until the store takes them again", exc,
                              len(self.backlog))
                self.alarm = alarms.make(alarms.JOURNAL_WRITE_FAILED, str(exc))
                return False
            self.backlog.popleft()
            if created:
                self.appended += 1
                self.on_appended(entry, p.transaction)
        if self.alarm:
            log.warning("journal writable again: the kept sales are journaled")
            self.alarm = ""
        return True

    def holds(self, txn_id: str) -> bool:
        return any(p.transaction.id == txn_id for p in self.backlog)


class ReceiptPipeline:
    """Decoders + correlator + policy + journal for one till.

    ``roster``: a ``sync.roster_store.RosterStore`` (by_card, by_biometric,
    get, info). ``offline()``: whether the hub is unreachable right now.
    ``clock_synced()``: whether the wall clock is trusted. ``on_journaled``:
    called after each durable append (the runtime pokes the sync loop).
    """

    def __init__(self, cfg: Config, journal: Journal, roster: Any, *,
                 offline: Callable[[], bool] = lambda: False,
                 clock_synced: Callable[[], bool] = lambda: True,
                 on_journaled: Callable[[], None] = lambda: None,
                 on_change: Callable[[], None] = lambda: None,
                 clock: Callable[[], float] | None = None):
        self.cfg = cfg
        self.roster = roster
        self.offline = offline
        self.clock_synced = clock_synced
        self.on_journaled = on_journaled
        self.on_change = on_change
        self.decoder = decoder_for(cfg.printer)
        self.status_decoder = StatusReplyDecoder()
        self.rules = rules_from_config(cfg.receipt)
        self.counters: Counter[str] = Counter()
        self.pupils = PupilLookup(roster, self.counters)
        self.correlator = Correlator(cfg.till_id, cfg.policy.correlation_window_s,
                                     resend_window_s=cfg.policy.resend_window_s)
        self.ledger = Ledger.from_journal(journal, cfg.policy.fsm_value_pence,
                                          till_seq_applied=self._roster_info().till_seq_applied)
        recent = _recent_entries(journal)
        self.correlator.prime((e.transaction for e in recent), _texts(journal, recent[-32:]))
        self.writer = JournalWriter(journal, self._appended)
        self.last_status: PrinterStatus | None = None
        # Receipt end (the tap read the cut) -> durable append, seconds; and
        # of that, the journal append itself (the disk's share): the last
        # 2000, measured only when the runtime hands in its clock.
        self.clock = clock
        self.latencies: deque[float] = deque(maxlen=2000)
        self.append_latencies: deque[float] = deque(maxlen=2000)
        # Set while the tap spool is replayed at start (``replaying``): the id
        # a previous run journaled a capture as (None: not journaled); those
        # are not journaled again, the others are flagged.
        self._journaled_id: Callable[[Any], str | None] | None = None
        self._replay_flags: list[str] = []
        # The TCP/USB job in progress: its sender and the tap's flags on it.
        self._job_peer = ""
        self._job_flags: list[str] = []
        self._last_till_at = 0.0
        # The operator display (agent.console.publisher.DisplayPublisher), or
        # None: told of identifications and of sales once they are durable.
        self.display: Any = None
        # Sales whose receipt printed no way of paying, until they are
        # journaled: the display says so (the journal keeps only the tender sent).
        self._tender_not_printed: set[str] = set()
        # Raster-only sales are read by an OCR worker process (agent.ocr.worker),
        # started by ``ocr_factory`` on the first such sale; the sale itself is
        # journaled at once, its reading later as a linked entry (agent.ocr.reader).
        self.ocr_factory: Callable[[], Any] | None = None
        self.ocr: Any = None
        self.ocr_queue = OcrQueue(self.counters)
        self._ocr_scanned = False

    # --- inputs from the main loop ----------------------------------------

    def till_bytes(self, data: bytes, now: float) -> None:
        """Bytes the till sent to the printer (already forwarded by the tap)."""
        self._last_till_at = now
        self._decoded(self.decoder.feed(data, now), now)

    def decoder_busy(self) -> bool:
        """A receipt may be in progress (the decoder holds bytes of one, and
        bytes came recently: setup bytes left after an idle gap are not a
        receipt): the tap spool must not rotate under it."""
        now = self.clock() if self.clock is not None else self._last_till_at
        return (self.decoder.pending
                and now - self._last_till_at < 2 * self.cfg.printer.idle_gap_s + 1.0)

    def printer_bytes(self, data: bytes, now: float) -> None:
        """Status replies from the printer to the till."""
        for st in self.status_decoder.feed(data, now):
            if isinstance(st, PrinterStatus):
                changed = (self.last_status is None
                           or (st.paper_out, st.cover_open, st.online)
                           != (self.last_status.paper_out, self.last_status.cover_open,
                               self.last_status.online))
                self.last_status = st
                if changed:
                    self.on_change()

    def job_start(self, peer: str, now: float) -> None:
        """A TCP/USB print job from ``peer`` (an IP address) begins: receipts
        that end in it record the address in their capture."""
        self._job_peer = peer
        self._job_flags = []

    def job_flag(self, flag: str, now: float) -> None:
        """The tap flags the job in progress (``job_truncated``, ``not_printed``,
        ``job_cut_short``): receipts ending in it from now on carry the flag."""
        if flag not in self._job_flags:
            self._job_flags.append(flag)

    def job_end(self, now: float) -> None:
        """The till closed its print job (TCP)."""
        try:
            self._decoded(self.decoder.end_of_job(now), now)
        finally:
            self._job_peer = ""
            self._job_flags = []

    def stream_stopped(self, now: float) -> None:
        """The till's stream stopped mid-job because the agent did (a spool
        file's end at replay): the receipt in progress ends, cut off, and
        with it the job (its sender and flags)."""
        try:
            self._decoded(self.decoder.flush(now), now)
        finally:
            self._job_peer = ""
            self._job_flags = []

    def identification(self, event: CardRead | BiometricMatch | BiometricNoMatch | NameChosen,
                       now: float) -> None:
        """A card, a finger or a name chosen on the display: resolve it with
        the roster, hand it on."""
        if isinstance(event, BiometricNoMatch):
            self.counters["biometric_no_match"] += 1
            if self.display is not None:
                self.display.identified("biometric", None, now)
            return
        self.counters["identifications"] += 1
        ident, pupil = self.pupils.identify(event)
        self._handle(self.correlator.identify(ident, now))
        if self.display is not None:  # after anything journaled above
            self.display.identified(ident.method, pupil, now,
                                    refused=not ident.biometric_consent)

    def tick(self, now: float) -> None:
        """Timers: the idle-gap receipt boundary, identification expiry, held
        receipts, and retrying a refused journal write."""
        self._decoded(self.decoder.tick(now), now)
        self._handle(self.correlator.tick(now))
        if self.writer.backlog:
            self.writer.retry()
        if not self._ocr_scanned and self.ocr_factory is not None:
            self._ocr_scanned = True
            self._ocr_unread()
        if self.ocr_queue.busy():
            self._ocr_tick(now)

    def flush(self, now: float, *, keep_held: bool = False) -> None:
        """At shutdown: the receipt in flight and held receipts become sales
        (held cut-off copies stay held with ``keep_held``: the tap spool
        keeps them for the next start)."""
        self._decoded(self.decoder.flush(now), now)
        self._handle(self.correlator.flush(now, keep_held=keep_held))
        self.writer.retry()

    @contextmanager
    def replaying(self, journaled_id: Callable[[Any], str | None]) -> Iterator[None]:
        """While the tap spool is replayed at start (``agent.runtime.spool_replay``):
        ``journaled_id(captured)`` is the id a previous run journaled a
        receipt as (None: never journaled); those are not journaled again,
        and the rest are flagged ``recovered_after_restart``."""
        self._journaled_id = journaled_id
        self._replay_flags = [RECOVERED_FLAG]
        try:
            yield
        finally:
            self._journaled_id = None
            self._replay_flags = []

    def holds_recovered(self) -> bool:
        """Whether a cut-off copy replayed from the tap spool is still held
        (its spool file is needed until it is settled)."""
        return any(RECOVERED_FLAG in (h.parsed.flags or ()) for h in self.correlator.held)

    # --- internals ----------------------------------------------------------

    def _decoded(self, events: list[object], now: float) -> None:
        for ev in events:
            if isinstance(ev, ReceiptEnded):
                r = ev.receipt
                known = self._journaled_id(r) if self._journaled_id is not None else None
                if known:
                    # Not journaled again, but it settles held cut-off copies.
                    self.counters["replayed_known"] += 1
                    self._handle(self.correlator.journaled_earlier(self._interpret(r), r,
                                                                   known, now))
                    continue
                self.counters["receipts"] += 1
                parsed = self._interpret(r)
                extra = self._replay_flags + self._job_flags
                if extra and dataclasses.is_dataclass(parsed):
                    parsed = dataclasses.replace(
                        parsed, flags=sorted(set(parsed.flags or []) | set(extra)))
                if self._job_peer:
                    r = dataclasses.replace(r, peer=self._job_peer)
                if "unparsed_receipt" in (parsed.flags or []):
                    self.counters["unparsed_receipts"] += 1
                if OVERLONG_LINE in (parsed.flags or []):
                    self.counters["overlong_line_receipts"] += 1  # read cut to LINE_MAX; kept whole
                if r.stats.unknown_text:  # U+FFFD: the code page in force names no character
                    self.counters["unknown_text_receipts"] += 1
                self._handle(self.correlator.receipt(
                    parsed, r, now, clock_synced=self.clock_synced(), offline=self.offline()))
            elif isinstance(ev, StatusQuery):
                self.status_decoder.expect(ev)
            elif isinstance(ev, UnknownCommand):
                self.counters["unknown_escpos_commands"] += 1

    def _interpret(self, r: Any) -> Any:
        try:
            return interpret(r, self.rules)
        except Exception:  # a parser bug must not lose the sale
            log.exception("receipt interpreter failed; receipt kept as unparsed")
            self.counters["interpreter_errors"] += 1
            return _unparsed(r)

    def _handle(self, decisions: list[Decision]) -> None:
        for d in decisions:
            self.counters[d.action] += 1
            if d.action == "journal" and d.sale is not None:
                self._journal(d)
            elif (d.action == "duplicate" and d.sale is not None and d.txn_id
                  and not self._known(d.txn_id)):
                # The original is neither journaled nor waiting: journal it now
                # under its id (append is idempotent anyway).
                self._journal(d)
            # After the append: a sale's log line never delays its durability.
            log_decision(log, d)
        if decisions:
            self.on_change()

    def _journal(self, d: Decision, capture: Capture | None = None) -> None:
        sale = d.sale
        assert sale is not None
        # The pupil, looked up once: the printed account's, else whom the
        # card or finger named (agent.sale.transaction.transaction settles which).
        key = sale.account.strip() if sale.account else sale.tapped
        pupil = self.pupils.find("get", key) if key else None
        info = self._roster_info()
        age = (d.at - info.pulled_at) if info.pulled_at else None
        final = transaction(sale, pupil, Books(self.ledger, self.cfg.policy,
                                               info.till_seq_applied, age))
        cap = capture
        if d.captured is not None:
            cap = Capture(0, capture_source(d.captured.peer), bytes(d.captured.raw),
                          list(d.captured.text or []))
        self.counters[f"kind_{final.kind}"] += 1
        if not sale.tender_printed:  # for the display, once it is durable (_appended)
            self._tender_not_printed.add(final.id)
        t0 = time.perf_counter()
        durable = self.writer.submit(final, cap)
        if durable:  # appended now, or already journaled
            self._tender_not_printed.discard(final.id)
        if durable and self.clock is not None and d.captured is not None:
            self.append_latencies.append(time.perf_counter() - t0)
            self.latencies.append(self.clock() - d.captured.ended_at)
        if (d.captured is not None and getattr(d.captured, "raster_only", False)
                and self.ocr_factory is not None):
            self._ocr_offer(final.id, final, list(d.captured.images or []))

    # --- reading raster-only receipts (after the sale is journaled) ----------

    def _ocr_offer(self, txn_id: str, txn: Transaction, images: list[Any]) -> None:
        if self.ocr_queue.offer(txn_id, txn, images):
            self._ocr_send()

    def _ocr_send(self) -> None:
        if self.ocr is None and self.ocr_factory is not None:
            self.ocr = self.ocr_factory()
        if self.ocr is not None:
            self.ocr_queue.send(self.ocr)

    def _ocr_unread(self) -> None:
        """Raster-only sales a previous run journaled and never read: read
        them now (``OcrQueue.unread``)."""
        journal = self.writer.journal
        try:
            self.ocr_queue.unread(journal, _recent_entries(journal), self.cfg.printer)
        except (sqlite3.Error, JournalError, OSError) as exc:
            log.warning("unread raster-only sales not looked for: %s", exc)

    def _ocr_tick(self, now: float) -> None:
        """Journal the readings the worker finished; offer what waits."""
        from agent.ocr.reader import reading_sale

        for original, reading, error in (self.ocr_queue.finished(self.ocr)
                                         if self.ocr is not None else []):
            sale = reading_sale(original, reading, self._resolve_account, error)
            cap = Capture(0, "ocr", b"", reading.text if reading is not None else [])
            self._journal(Decision("journal", now, "reading of a raster-only sale",
                                   sale.id, sale), capture=cap)
        if self.ocr_queue.waiting:
            self._ocr_send()

    def _appended(self, entry: Any, txn: Transaction) -> None:
        body = txn.to_json()
        self.ledger.add(entry.seq, body)
        self.counters["journaled"] += 1
        if RECOVERED_FLAG in txn.flags:
            self.counters["recovered"] += 1  # a sale only the spool had
        self.on_journaled()
        if self.display is not None:
            self.display.sold(body, tender_printed=txn.id not in self._tender_not_printed)
        self._tender_not_printed.discard(txn.id)

    def _known(self, txn_id: str) -> bool:
        if self.writer.holds(txn_id):
            return True
        try:
            return self.writer.journal.get(txn_id) is not None
        except (sqlite3.Error, JournalError):
            return True  # the store is failing: the retry path owns it

    def _resolve_account(self, account: str) -> str | None:
        # Only for an OCR reading's printed account (a sale looks up its own).
        pupil = self.pupils.find("get", account.strip())
        return pupil.id if pupil else None

    def _roster_info(self) -> Any:
        # The console's display publisher reads it too (agent.console).
        return self.pupils.info()


def log_decision(log: logging.Logger, d: Decision) -> None:
    """Log a decision: what happened at INFO (no ids), which pupil and
    transaction at DEBUG only (privacy)."""
    log.info("correlation: %s: %s", d.action, d.reason)
    if log.isEnabledFor(logging.DEBUG):
        ident = d.identification
        sale = d.sale
        who = ident.pupil_id if ident else (sale.account or sale.tapped) if sale else None
        log.debug("correlation: %s txn=%s pupil=%s token=%s", d.action, d.txn_id, who,
                  ident.token_ref if ident else "")


def capture_source(peer: str) -> str:
    """A capture's ``source``: ``printer``, or ``printer:<address>`` for a
    job that came over TCP (the sender's address, kept with the receipt)."""
    return f"printer:{peer}" if peer else "printer"


def _recent_entries(journal: Journal, keep: int = 2000) -> list[Any]:
    """The last ``keep`` entries (what the correlator relearns at start)."""
    last = journal.last_seq()
    return list(journal.entries(after_seq=max(0, last - keep)))


def _texts(journal: Journal, entries: list[Any]) -> dict[str, list[str]]:
    """The printed lines of ``entries``' captures, by transaction id."""
    out = {}
    for e in entries:
        cap = journal.capture(e.seq)
        if cap is not None and cap.text:
            out[e.id] = list(cap.text)
    return out


def _unparsed(captured: Any) -> Any:
    return ParsedReceipt(kind="sale", lines=[], total_pence=None, tender=None, receipt_no=None,
                         occurred=None, account=None, reprint=False, flags=["unparsed_receipt"])
