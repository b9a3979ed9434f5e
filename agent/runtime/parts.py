"""The runtime's parts beside the sale path, each made so that its failure
is contained: the roster cache, the sync loop, the printer tap (retried),
the identification devices, the OCR worker, the tap spool (replayed at start
and kept tidy) and the journal's retention job (at night, on its own thread).

``RuntimeParts`` is a part of ``agent.runtime.service.Runtime`` (a base class,
like ``RuntimeStatus``): ``Runtime.start`` calls these in order and the main
loop calls the upkeep (``_spool_housekeeping``, ``retention_tick``). The
state they use is the runtime's own (set in ``Runtime.__init__``).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from agent.journal.store import Journal
from agent.runtime import affinity
from agent.runtime.loop_items import QueueListener
from agent.runtime.shells import make_device, make_tap

# The runtime's own logger: what its parts say at start is the runtime's.
log = logging.getLogger("agent.runtime.service")


class RuntimeParts:
    """Making, retrying and tidying the runtime's parts (see the module
    docstring)."""

    def _start_ocr(self) -> Any:
        from agent.ocr.worker import OcrWorker

        assert self.pipeline is not None
        return OcrWorker(rules=self.pipeline.rules).start()

    def _open_spool(self) -> None:
        """The tap's write-ahead spool; replay what the last run left."""
        if not self.cfg.printer.write_ahead:
            return
        from agent.runtime.spool_replay import replay
        from agent.runtime.tap_spool import SPOOL_DIR, TapSpool

        try:
            spool = TapSpool(self.state_dir / SPOOL_DIR)
            older = spool.open()
        except OSError as exc:  # printing goes on; a crash could lose a receipt
            log.error("tap spool unavailable (%s): receipts are journaled as usual but "
                      "one printed as the agent dies could be lost", exc)
            self.spool_error = str(exc)
            return
        self.spool = spool
        if older:
            assert self.pipeline is not None and self.journal is not None
            try:
                self.replay_report = replay(older, self.pipeline, self.journal,
                                            now=self.clock())
                self._replayed = older
            except Exception:  # keep the files for the next start / a technician
                log.exception("replaying the tap spool failed; files kept")

    def _spool_housekeeping(self) -> None:
        """Drop replayed generations once what they hold is journaled (or
        settled: a cut-off copy held for its re-send keeps them until then),
        whether or not the till is printing; rotate when nothing is in flight."""
        p, spool = self.pipeline, self.spool
        if spool is None or p is None or p.writer.backlog:
            return
        try:
            if self._replayed and not p.holds_recovered():
                spool.discard(self._replayed)
                self._replayed = []
            if self.q.empty() and not p.correlator.held and not p.decoder_busy():
                spool.rotate_if_large()
        except OSError as exc:
            log.warning("tap spool housekeeping: %s", exc)

    def _make_retention(self) -> Any:
        from agent.config import site_zone
        from agent.journal.retention import RetentionJob

        return RetentionJob(self.cfg.journal, site_zone(self.cfg), self.journal_clock)

    def retention_tick(self) -> threading.Thread | None:
        """At most once a minute inside the night window, start the retention
        job on its own thread and connection (a drop of a year of sales takes
        seconds; the main loop goes on). The job decides whether it is due
        (once a day, no sale for 30 min, clock synchronised). Returns the
        thread it started, if any."""
        job = self._retention
        if job is None or not job.enabled:
            return None
        if self._retention_thread is not None and self._retention_thread.is_alive():
            return None
        now = self.journal_clock.wall()
        if now < self._retention_next_check or not job.in_window(now):
            return None
        self._retention_next_check = now + 60.0
        t = threading.Thread(target=self._run_retention, daemon=True, name="journal-retention")
        self._retention_thread = t
        t.start()
        return t

    def _run_retention(self) -> None:
        affinity.background()
        try:
            with Journal.in_state_dir(self.state_dir, self.journal_clock) as j:
                self._retention.run_if_due(j)
        except Exception:  # the sales are untouched: the drop is all or nothing
            self._retention_next_check = self.journal_clock.wall() + 3600.0
            log.exception("journal retention failed; it is tried again in an hour")

    def _open_roster(self) -> Any:
        try:
            from sync.roster_store import RosterStore
            return RosterStore.in_state_dir(self.state_dir)
        except Exception as exc:  # a damaged cache: run, every card is unknown
            log.error("roster cache unavailable (%s): cards will be unknown until it is "
                      "fixed (agent doctor)", exc)
            return None

    def _start_sync(self) -> Any:
        s = self.cfg.sync
        if not (s.enabled and s.base_url) or self.roster is None:
            return None
        try:
            from sync.loop import SyncLoop
            loop = SyncLoop(s, self.cfg.till_id,
                            lambda: Journal.in_state_dir(self.state_dir, self.journal_clock),
                            self.roster, self.state_dir, clock=self.clock,
                            sleep_scale=self.opt.sync_sleep_scale,
                            thread_init=affinity.background,
                            health_source=self.health_report)
            loop.start()
            return loop
        except Exception as exc:  # the hub is optional for selling
            log.error("sync loop could not start (%s): sales are journaled and will be "
                      "sent once it can", exc)
            return None

    def _start_tap(self) -> None:
        try:
            tap = make_tap(self.cfg, QueueListener(self.q))
            if hasattr(tap, "background"):  # TCP/USB: a job's teardown yields to sales
                tap.background = affinity.background
            core = getattr(tap, "core", None)
            if self.spool is not None and core is not None:
                core.spool = self.spool
            tap.start()
        except Exception as exc:
            self.tap = None
            self.tap_error = f"{type(exc).__name__}: {exc}"
            self._next_tap_retry = self.clock() + self.opt.tap_retry_s
            log.error("printer tap (%s) could not start: %s; retrying every %g s",
                      self.cfg.printer.mode, exc, self.opt.tap_retry_s)
            self._dirty = True
            return
        self.tap, self.tap_error = tap, ""
        self._dirty = True

    def _start_device(self, rc: Any) -> None:
        from agent.runtime.supervisor import DeviceSupervisor

        try:
            shell = make_device(rc)
        except Exception as exc:  # an unknown kind or a missing driver
            self.device_errors[rc.name] = f"{type(exc).__name__}: {exc}"
            log.error("reader %s (%s) not started: %s", rc.name, rc.kind, exc)
            return
        sup = DeviceSupervisor(shell, rc.kind, self._device_event, clock=self.clock,
                               backoff_initial_s=self.opt.supervisor_backoff_initial_s,
                               backoff_max_s=self.opt.supervisor_backoff_max_s)
        sup.start()
        self.supervisors.append(sup)
