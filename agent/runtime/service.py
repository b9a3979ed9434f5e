"""The supervised runtime behind ``agent run``: every part of the agent,
started, watched and stopped together.

Threads: each identification device runs under its own ``DeviceSupervisor``;
the printer tap runs its own threads; the ``SyncLoop`` runs its own. None of
them touches the journal's sale path: they only put items on ONE
``queue.Queue``, which the main loop (``Runtime.run``, on the caller's thread)
consumes in order::

    TillBytes / PrinterBytes / JobStart / JobFlag / JobEnd / Link / DeviceEvent / Stop

(``agent.runtime.loop_items``: one small typed item per kind; anything else is a
counted, logged main-loop error).

So the decoders, the correlator and the journal writer are single-threaded
(``agent.sale.pipeline``), and a device or the hub failing never stops the
others: a supervisor reopens its device, the tap keeps forwarding, the sync
loop backs off, and sales keep being journaled.

The main loop also ticks the timers (idle-gap receipts, identification
expiry, journal retry), publishes ``runtime.json`` every ``publish_interval_s``
and soon after each change, and sends ``WATCHDOG=1`` only from its own
iterations: a stalled loop stops the heartbeat and systemd restarts the agent.

How each part beside the sale path is made, retried and tidied (roster,
sync loop, tap, devices, OCR worker, tap spool, retention) is in
``agent.runtime.parts``; what the runtime publishes in ``agent.runtime.status``.

A journal write failure (disk full, I/O error) does not stop printing (the
tap forwards regardless): the sale is kept in memory, the alarm is published
and the write retried on every tick until the store comes back.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent.clock import Clock
from agent.config import Config
from agent.journal.checkpointer import BACKSTOP_PAGES, WalCheckpointer
from agent.journal.store import Journal
from agent.runtime.loop_items import (
    DeviceEvent,
    Item,
    JobEnd,
    JobFlag,
    JobStart,
    Link,
    PrinterBytes,
    Stop,
    TillBytes,
)
from agent.runtime.parts import RuntimeParts
from agent.runtime.sdnotify import Notifier
from agent.runtime.state_dir import check_token_file, prepare
from agent.runtime.status import RuntimeStatus
from agent.sale.pipeline import ReceiptPipeline
from agent.sale.pupil_lookup import NameChosen
from drivers.events import (
    BiometricMatch,
    BiometricNoMatch,
    CardRead,
    DeviceConnected,
    DeviceLost,
    FrameRejected,
)

log = logging.getLogger("agent.runtime.service")


@dataclasses.dataclass
class RuntimeOptions:
    """Timings of the main loop (tests and the demo shorten them)."""

    tick_interval_s: float = 0.2
    publish_interval_s: float = 2.0
    publish_min_gap_s: float = 0.2
    tap_retry_s: float = 5.0
    stop_budget_s: float = 4.0
    supervisor_backoff_initial_s: float = 0.2
    supervisor_backoff_max_s: float = 10.0
    sync_sleep_scale: float = 1.0


class Runtime(RuntimeParts, RuntimeStatus):
    """One till agent. ``start()`` then ``run()`` (blocks until
    ``request_stop()``); ``run`` shuts everything down before returning."""

    def __init__(self, cfg: Config, *, clock: Callable[[], float] = time.time,
                 notifier: Any = None, options: RuntimeOptions | None = None,
                 journal_clock: Clock | None = None):
        self.cfg = cfg
        self.clock = clock
        self.notifier = notifier if notifier is not None else Notifier()
        self.opt = options or RuntimeOptions()
        self.journal_clock = journal_clock or Clock()
        self.q: queue.Queue[Item] = queue.Queue()
        self.state_dir = Path(cfg.state_dir)
        self.journal: Journal | None = None
        self.checkpointer: WalCheckpointer | None = None
        self.roster: Any = None
        self.pipeline: ReceiptPipeline | None = None
        self.tap: Any = None
        self.tap_error = ""
        self.supervisors: list[Any] = []
        self.device_errors: dict[str, str] = {}
        self.sync: Any = None
        self.links: dict[str, tuple[bool, str]] = {}
        self.started_at = clock()
        self.ready = threading.Event()
        self.stopped = threading.Event()
        self._stop = threading.Event()
        self._dirty = True
        self._last_publish = 0.0
        self._next_tap_retry = 0.0
        self._last_watchdog = 0.0
        self.loop_iterations = 0
        self._publisher: threading.Thread | None = None
        self._pub_cond = threading.Condition()
        self._pub_slot: dict[str, Any] | None = None
        self._pub_stop = False
        self._roster_info: Any = None
        self._roster_read_at = 0.0
        self.spool: Any = None
        self.spool_error = ""
        self.replay_report: Any = None
        self._replayed: list[Path] = []
        self.console: Any = None  # agent.console.server.ConsoleServer when enabled
        self._published: dict[str, Any] | None = None
        self._textfile_at = float("-inf")
        self._textfile_error = ""
        self._journal_cache: tuple[float, dict[str, Any] | None] = (float("-inf"), None)
        self._retention: Any = None  # agent.journal.retention.RetentionJob, made at start
        self._retention_thread: threading.Thread | None = None
        self._retention_next_check = float("-inf")

    # --- start ---------------------------------------------------------------

    def start(self) -> None:
        """Open the store, start the tap, the devices and the sync loop.
        Raises StateDirError/JournalError when the state dir or journal cannot
        be used (nothing else is fatal)."""
        cfg = self.cfg
        prepare(self.state_dir)
        if cfg.sync.enabled and cfg.sync.base_url:
            check_token_file(cfg.sync.token_file)
        self.journal = Journal.in_state_dir(self.state_dir, self.journal_clock,
                                            checkpoint_pages=BACKSTOP_PAGES)
        self.checkpointer = WalCheckpointer(
            lambda: Journal.in_state_dir(self.state_dir, self.journal_clock)).start()
        self.roster = self._open_roster()
        self._retention = self._make_retention()
        self.sync = self._start_sync()
        self.pipeline = ReceiptPipeline(
            cfg, self.journal, self.roster, offline=self.offline,
            clock_synced=self.journal_clock.synced, on_journaled=self._journaled,
            on_change=self._changed, clock=self.clock)
        # Raster-only receipts are read in a worker process, started on the
        # first one (a till that prints text never starts it).
        self.pipeline.ocr_factory = self._start_ocr
        if cfg.printer.mode != "none":
            self._open_spool()
            self._start_tap()
        if cfg.console.enabled:
            from agent import console
            self.console = console.start(self)
        for rc in cfg.readers:
            self._start_device(rc)
        self.ready.set()
        self._write(self._snapshot_core(), self.journal)
        self._start_publisher()
        self.notifier.ready(self._status())
        log.info("till agent ready: till %s, %d device(s), printer %s, hub %s", cfg.till_id,
                 len(self.supervisors), cfg.printer.mode,
                 "configured" if self.sync else "not configured")

    # --- callbacks from other threads ----------------------------------------

    def _device_event(self, ev: object) -> None:
        self.q.put(DeviceEvent(ev, self.clock()))

    def _journaled(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.poke()
        if self.sync is not None:
            self.sync.notify_new_entry()

    def _changed(self) -> None:
        self._dirty = True

    def offline(self) -> bool:
        """True while a configured hub is unreachable (or refusing our token)."""
        if self.sync is None:
            return False
        try:
            return self.sync.state().state in ("offline", "auth_failed")
        except Exception:
            return True

    def request_stop(self) -> None:
        """Ask the main loop to shut down (signal-handler safe)."""
        self._stop.set()
        self.q.put(Stop())

    # --- the main loop -------------------------------------------------------

    def run(self) -> int:
        """Consume the queue until ``request_stop``; then shut down. Returns
        the exit status."""
        assert self.pipeline is not None, "start() first"
        next_tick = self.clock()
        try:
            while not self._stop.is_set():
                now = self.clock()
                timeout = max(0.0, min(next_tick - now, self.opt.tick_interval_s))
                try:
                    item = self.q.get(timeout=timeout)
                except queue.Empty:
                    item = None
                if item is not None:
                    self._dispatch(item)
                    # Take what else is waiting before the timers.
                    for _ in range(1000):
                        try:
                            self._dispatch(self.q.get_nowait())
                        except queue.Empty:
                            break
                now = self.clock()
                if now >= next_tick:
                    next_tick = now + self.opt.tick_interval_s
                    try:
                        self.pipeline.tick(now)
                    except Exception:  # as in _dispatch: log, count, carry on
                        self.pipeline.counters["main_loop_errors"] += 1
                        log.exception("main loop: timers failed; carrying on")
                    if self.tap is None and self.tap_error and now >= self._next_tap_retry:
                        self._start_tap()
                    self._spool_housekeeping()
                    self.retention_tick()
                self._publish()
                self._heartbeat(now)
                self.loop_iterations += 1
        finally:
            self.shutdown()
        return 0

    def _dispatch(self, item: Item) -> None:
        p = self.pipeline
        assert p is not None
        try:
            match item:
                case TillBytes(data, at):
                    p.till_bytes(data, at)
                case PrinterBytes(data, at):
                    p.printer_bytes(data, at)
                case JobEnd(at):
                    p.job_end(at)
                case JobStart(peer, at):
                    p.job_start(peer, at)
                case JobFlag(flag, at):
                    p.job_flag(flag, at)
                case Link(side, up, detail, _at):
                    self.links[side] = (up, detail)
                    self._dirty = True
                case DeviceEvent(event, at):
                    self._device(event, at)
                case Stop():
                    pass  # only wakes the loop
                case _:
                    raise TypeError(f"not a main-loop item: {type(item).__name__}")
        except Exception:  # one bad item must not stop the till's agent
            p.counters["main_loop_errors"] += 1
            log.exception("main loop: handling a %s item failed; carrying on",
                          type(item).__name__)

    def _device(self, ev: object, now: float) -> None:
        p = self.pipeline
        assert p is not None
        if isinstance(ev, CardRead | BiometricMatch | BiometricNoMatch | NameChosen):
            p.identification(ev, now)
        elif isinstance(ev, FrameRejected):
            p.counters["frames_rejected"] += 1
        elif isinstance(ev, DeviceConnected | DeviceLost):
            p.counters["device_connected" if isinstance(ev, DeviceConnected)
                       else "device_lost"] += 1
            self._dirty = True

    def _heartbeat(self, now: float) -> None:
        # Only the main loop's own iterations feed the watchdog.
        interval = self.notifier.watchdog_interval_s
        gap = (interval / 3) if interval else 1.0
        if now - self._last_watchdog >= gap:
            self._last_watchdog = now
            self.notifier.watchdog()

    # --- shutdown --------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop inputs, journal what is in flight, stop sync, close files.
        Bounded by ``stop_budget_s`` plus the final journal commits."""
        if self.stopped.is_set():
            return
        self.notifier.stopping()
        log.info("till agent stopping")
        deadline = time.monotonic() + self.opt.stop_budget_s
        stoppers: list[threading.Thread] = []

        def stop_later(obj: Any, timeout: float) -> None:
            def go() -> None:
                try:
                    obj.stop(timeout=timeout)
                except Exception as exc:
                    log.warning("stopping %s: %s", type(obj).__name__, exc)
            t = threading.Thread(target=go, daemon=True, name=f"stop-{type(obj).__name__}")
            t.start()
            stoppers.append(t)

        budget = self.opt.stop_budget_s
        if self.tap is not None:
            stop_later(self.tap, budget / 2)
        for sup in self.supervisors:
            stop_later(sup, budget / 2)
        if self.sync is not None:
            stop_later(self.sync, budget * 0.75)
        for t in stoppers:
            t.join(max(0.0, deadline - time.monotonic()))
        # Inputs are stopped: journal what they left on the queue and in flight.
        p = self.pipeline
        if p is not None:
            while True:
                try:
                    self._dispatch(self.q.get_nowait())
                except queue.Empty:
                    break
            try:
                # With the spool, a held cut-off copy stays in it: the till
                # re-sends it to the next start, which must still be able to
                # match it (released now, it would be a second sale then).
                p.flush(self.clock(), keep_held=self.spool is not None)
            except Exception:
                log.exception("flushing the receipt in flight failed")
            if p.ocr is not None:  # unread receipts stay journaled, flagged raster_only
                p.ocr.stop()
            if p.writer.backlog:
                log.error("%d sale(s) could not be journaled before exit (%s); the tap "
                          "spool keeps them for the next start",
                          len(p.writer.backlog), p.writer.alarm)
            elif self.spool is not None and p.correlator.held:
                log.info("%d cut-off receipt(s) awaiting the till's re-send: the tap "
                         "spool keeps them for the next start", len(p.correlator.held))
                self.spool.close()
                self.spool = None
            elif self.spool is not None:
                # Everything printed is journaled: nothing to replay next time.
                from agent.runtime.tap_spool import generations
                self.spool.close()
                self.spool.discard([path for _g, path in generations(self.spool.dir)])
                self.spool = None
        self.ready.clear()
        if self.console is not None:
            from agent import console
            console.stop(self.console)
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self._stop_publisher()
        self._write(self._snapshot_core(), self.journal)
        for closer in (self.journal, self.roster):
            close = getattr(closer, "close", None)
            if close is not None:
                try:
                    close()
                except Exception as exc:
                    log.warning("closing %s: %s", type(closer).__name__, exc)
        self.stopped.set()
        log.info("till agent stopped")
