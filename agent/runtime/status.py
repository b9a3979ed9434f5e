"""What a running agent says about itself: ``runtime.json`` (the snapshot
``agent status`` and the doctor read), the operator alarms, the contract's
health report for the hub and the Prometheus textfile, and the publisher
thread that writes them off the main loop.

``RuntimeStatus`` is a part of ``agent.runtime.service.Runtime`` (its base class): it
reads the runtime's parts (pipeline, tap, supervisors, sync loop, roster) and
never changes them, so a slow disk or a failing monitor never delays a sale.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from agent import __version__
from agent.clock import parse_rfc3339
from agent.journal.store import Journal
from agent.journal.sync_summary import rejected_alarm
from agent.journal.types import Refusals
from agent.runtime import affinity, alarms, disk_space, health, runtime_json
from agent.runtime.sdnotify import status_line

# The runtime's own logger: what it says about publishing is the runtime's.
log = logging.getLogger("agent.runtime.service")


def latency_summary(seconds: Iterable[float]) -> dict[str, float]:
    """p50/p99/max (ms) and n of latencies given in seconds; {} for none."""
    v = sorted(seconds)
    if not v:
        return {}

    def at(p: float) -> float:
        return round(v[min(len(v) - 1, int(len(v) * p))] * 1000, 3)

    return {"p50": at(0.5), "p99": at(0.99), "max": round(v[-1] * 1000, 3), "n": len(v)}


def _publish_in_place(state_dir: Path, snap: dict[str, Any], why: OSError) -> None:
    """A full disk refuses the temp file ``publish`` renames into place; the
    alarm must still reach ``agent status``, so overwrite the existing file in
    place (its blocks are already allocated) and cut it to length."""
    path = state_dir / runtime_json.RUNTIME_FILE
    data = json.dumps({**snap, "updated_at": time.time()}, sort_keys=True).encode()
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError:
        log.debug("runtime.json not written: %s", why)
        return
    try:
        if len(data) > max(os.fstat(fd).st_blocks * 512, os.fstat(fd).st_size):
            return  # would need new blocks: keep the old, valid file
        os.pwrite(fd, data, 0)
        os.ftruncate(fd, len(data))
    except OSError as exc:
        log.debug("runtime.json not written in place either: %s", exc)
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(path.with_suffix(f".tmp{os.getpid()}"))


class RuntimeStatus:
    """The published-state half of ``Runtime`` (see the module docstring)."""

    def alarms(self) -> list[str]:
        """Operator-facing alarms (safe to publish: no ids); their codes and
        words are in agent/runtime/alarms.py."""
        out = []
        p = self.pipeline
        if p is not None and p.writer.alarm:
            out.append(f"{p.writer.alarm} ({len(p.writer.backlog)} sale(s) held in memory)")
        if self.tap_error:
            out.append(alarms.make(alarms.PRINTER_TAP_DOWN, self.tap_error))
        with contextlib.suppress(OSError):
            space = disk_space.measure(self.state_dir)
            if space.nearly_full():
                out.append(alarms.make(alarms.DISK_LOW, space.describe()))
        info = self._roster_info
        if self.sync is not None or (info is not None and info.count):
            alarm = runtime_json.roster_alarm(info.pulled_at if info else None, self.clock(),
                                               self.cfg.policy.roster_stale_after_h * 3600)
            if alarm:
                out.append(alarm)
        try:
            synced = self.journal_clock.synced()
        except Exception:
            synced = True
        if not synced:
            out.append(alarms.make(alarms.CLOCK_UNSYNCED, "the clock is not known to be right "
                                   "(no NTP since boot); sales are flagged"))
        for name, err in self.device_errors.items():
            out.append(alarms.make(alarms.DEVICE_NOT_STARTED, f"{name}: {err}"))
        for sup in self.supervisors:
            try:
                st = sup.state()
            except Exception:
                continue
            # Not before its first try: a reader still opening is not unplugged.
            if not st.connected and st.last_error:
                out.append(alarms.make(alarms.DEVICE_DISCONNECTED,
                                       f"{st.name}: {st.last_error}"))
        if self.spool_error:
            out.append(alarms.make(alarms.TAP_SPOOL_UNAVAILABLE,
                                   f"{self.spool_error}; a receipt printed as the agent "
                                   "stops could be lost"))
        elif self.tap is not None:
            try:
                spool_errors = self.tap.state().spool_errors
            except Exception:
                spool_errors = 0
            if spool_errors:
                out.append(alarms.make(alarms.TAP_SPOOL_FAILING,
                                       f"{spool_errors} write(s) refused (disk full?); "
                                       "printing goes on"))
        if self.tap is not None and getattr(self.tap.state(), "listening", None) is False:
            out.append(alarms.make(alarms.PRINTER_UNREACHABLE,
                                   "the printer does not answer; the till's connections "
                                   "are refused until it does"))
        if self._textfile_error:
            out.append(alarms.make(alarms.METRICS_TEXTFILE_FAILING,
                                   f"{self._textfile_error} (metrics.textfile; the unit "
                                   "needs ReadWritePaths= for its directory)"))
        st = p.last_status if p else None
        if st is not None and st.paper_out:
            out.append(alarms.make(alarms.PRINTER_PAPER_OUT))
        if st is not None and st.cover_open:
            out.append(alarms.make(alarms.PRINTER_COVER_OPEN))
        out += self._hub_alarms()
        return out

    def _hub_alarms(self) -> list[str]:
        if self.sync is None:
            return []
        try:
            st = self.sync.state()
        except Exception:
            return []
        if st.state == "offline":
            return [alarms.make(alarms.HUB_OFFLINE, st.last_error or "the hub does not answer")]
        if st.state == "auth_failed":
            return [alarms.make(alarms.HUB_AUTH_FAILED, st.last_error or "token refused")]
        return []

    def snapshot(self, journal: Journal | None = None) -> dict[str, Any]:
        """What ``runtime.json`` holds (see agent/runtime/runtime_json.py); the till
        queue figures are read through ``journal`` (default: the main one)."""
        snap = self._snapshot_core()
        self._complete(snap, journal or self.journal)
        return snap

    def _snapshot_core(self) -> dict[str, Any]:
        # In-memory only (no queries): cheap enough for the main loop.
        p = self.pipeline
        printer: dict[str, Any] = {"mode": self.cfg.printer.mode}
        if self.tap is not None:
            try:
                printer.update(dataclasses.asdict(self.tap.state()))
            except Exception as exc:
                printer["error"] = str(exc)
        if self.tap_error:
            printer["error"] = self.tap_error
        if p is not None and p.last_status is not None:
            st = p.last_status
            printer["status"] = {"at": st.at, "online": st.online, "paper_out": st.paper_out,
                                 "paper_near_end": st.paper_near_end,
                                 "cover_open": st.cover_open, "error": st.error}
        devices = []
        for sup in self.supervisors:
            try:
                devices.append(sup.state().to_dict())
            except Exception as exc:
                devices.append({"name": getattr(sup, "name", "?"), "error": str(exc)})
        kinds = {rc.name: rc.kind for rc in self.cfg.readers}
        for name, err in self.device_errors.items():
            # Never started: not working since the agent started.
            devices.append({"name": name, "kind": kinds.get(name, ""), "connected": False,
                            "last_error": err, "disconnected_since": self.started_at})
        sync: dict[str, Any] = {"state": "disabled"}
        if self.sync is not None:
            try:
                sync = self.sync.state().to_dict()
            except Exception as exc:
                sync = {"state": "unknown", "last_error": str(exc)}
        counters = dict(p.counters) if p else {}
        if p is not None:
            counters["journal_backlog"] = len(p.writer.backlog)
            counters["held_receipts"] = len(p.correlator.held)
            counters["journal_failures"] = p.writer.failures
            counters["escpos_truncated_commands"] = getattr(p.decoder, "total_truncated", 0)
            counters["escpos_unknown_text_chars"] = getattr(p.decoder, "total_unknown_text", 0)
            counters["printer_status_bytes_ignored"] = getattr(p.status_decoder, "ignored", 0)
        if self.checkpointer is not None:
            counters["journal_checkpoints"] = self.checkpointer.checkpoints
            counters["journal_checkpoint_failures"] = self.checkpointer.failures
        published_console: dict[str, Any] | None = None
        if self.console is not None:
            from agent import console

            counters.update(console.counters(self.console))
            published_console = console.published(self.console)
        return {"pid": os.getpid(), "version": __version__, "till_id": self.cfg.till_id,
                "started_at": self.started_at, "ready": self.ready.is_set(),
                "stopping": self._stop.is_set(), "devices": devices, "printer": printer,
                "console": published_console,
                "sync": sync, "alarms": self.alarms(), "counters": counters,
                "spool": self._spool_state(),
                # Summarised by _complete, on the publisher thread: sorting
                # 2,000 figures is not main-loop work.
                "receipt_to_journal_ms": list(p.latencies) if p else [],
                "journal_append_ms": list(p.append_latencies) if p else []}

    def _spool_state(self) -> dict[str, Any]:
        """The tap spool for status/doctor: on or off, and what the last start
        recovered (receipts printed but not journaled when the agent died)."""
        r = self.replay_report
        p = self.pipeline
        # Counted as they are journaled: a copy held at start and then matched
        # to the till's re-send was not recovered.
        return {"enabled": self.spool is not None, "error": self.spool_error,
                "replayed_files": r.files if r else 0,
                "recovered_at_start": p.counters["recovered"] if p is not None else 0}

    def _complete(self, snap: dict[str, Any], journal: Journal | None) -> None:
        for key in ("receipt_to_journal_ms", "journal_append_ms"):
            snap[key] = latency_summary(snap.get(key, []))
        pending, oldest_at, refused = self._pending(journal)
        age = max(0.0, self.clock() - oldest_at) if oldest_at is not None else None
        snap["queue"] = {"pending": pending, "oldest_pending_age_s": age,
                         "oldest_pending_at": oldest_at, "rejected": refused.total,
                         "rejected_new": refused.new, "rejected_last_at": refused.last_at}
        alarm = rejected_alarm(refused)  # counted here, off the main loop (a journal query)
        if alarm:
            snap["alarms"] = [*snap["alarms"], alarm]
        line = status_line(pending, age, snap["sync"].get("state", "unknown")
                            if self.sync is not None else "not configured")
        snap["status"] = f"{line}; ALARM {snap['alarms'][0]}" if snap["alarms"] else line

    def _pending(self, j: Journal | None) -> tuple[int, float | None, Refusals]:
        """Pending count, when the oldest pending sale was journaled, the refusals."""
        if j is None:
            return 0, None, Refusals()
        try:
            pending = j.pending_count()
            oldest = j.oldest_pending() if pending else None
            refused = j.refusals()
        except Exception:
            return 0, None, Refusals()
        at = None
        if oldest is not None:
            try:
                at = parse_rfc3339(oldest.wall_time)
            except ValueError:
                at = None
        return pending, at, refused

    def _status(self) -> str:
        return self.snapshot()["status"]

    def _publish(self, force: bool = False) -> None:
        """Publish soon after a change and every ``publish_interval_s``. The
        main loop only builds the in-memory part; the publisher thread adds
        the till queue (its own read-only journal connection), writes the
        file and sends STATUS=, so a slow disk never delays a sale."""
        now = self.clock()
        due = now - self._last_publish >= self.opt.publish_interval_s
        if not (force or due or (self._dirty and
                                 now - self._last_publish >= self.opt.publish_min_gap_s)):
            return
        self._dirty = False
        self._last_publish = now
        # On its own timer: a till that polls the printer once a second publishes
        # on every poll, and the roster's alarm must follow the cache all the same.
        if self.roster is not None and (now - self._roster_read_at
                                        >= self.opt.publish_interval_s
                                        or self._roster_info is None):
            self._roster_read_at = now
            try:
                self._roster_info = self.roster.info()
                if self.pipeline is not None:
                    self.pipeline.ledger.forget_applied(self._roster_info.till_seq_applied)
            except Exception:
                pass  # the ledger keeps more in memory; nothing is wrong with sales
        snap = self._snapshot_core()
        if self._publisher is None or not self._publisher.is_alive():
            self._write(snap, self.journal)
            return
        with self._pub_cond:
            self._pub_slot = snap
            self._pub_cond.notify()

    def _write(self, snap: dict[str, Any], journal: Journal | None) -> None:
        self._complete(snap, journal)
        try:
            runtime_json.publish(self.state_dir, snap)
        except OSError as exc:
            _publish_in_place(self.state_dir, snap, exc)
        self._published = snap
        self.notifier.status(snap["status"])
        self._write_textfile(snap, journal)

    # --- health: the hub's report and the Prometheus textfile ------------------

    def health_report(self, snap: dict[str, Any] | None = None) -> dict[str, Any]:
        """The contract's health report (agent/runtime/health.py) from the last
        published state (a few seconds old at most), for the sync loop."""
        snap = snap if snap is not None else self._published
        if snap is None:
            snap = self._snapshot_core()
        info = self._roster_info
        try:
            space = disk_space.measure(self.state_dir)
            free, total = space.free, space.total
        except OSError:
            free = total = None
        return health.health_report(snap, now=self.clock(), disk_free_bytes=free,
                                    roster_pulled_at=info.pulled_at if info else None,
                                    usb_id=self.cfg.printer.usb_id, disk_total_bytes=total,
                                    journal=self._journal_figures())

    def _journal_figures(self) -> dict[str, Any] | None:
        """The journal's size and retention (agent.journal.retention.retention_report)
        on a read-only connection of its own, at most once a minute: the
        textfile and the hub's report share it, and it changes slowly."""
        at, figures = self._journal_cache
        if time.monotonic() - at < 60.0:
            return figures
        from agent.journal.retention import read_retention
        try:
            figures = read_retention(self.state_dir, self.cfg, self.journal_clock.wall())
        except Exception as exc:  # monitoring never stops the till; the report says null
            log.warning("journal figures for the health report: %s", exc)
            figures = None
        self._journal_cache = (time.monotonic(), figures)
        return figures

    def _write_textfile(self, snap: dict[str, Any], journal: Journal | None = None) -> None:
        m = self.cfg.metrics
        now = self.clock()
        if not m.textfile or now - self._textfile_at < m.interval_s:
            return
        self._textfile_at = now
        # Imported only when a textfile is configured: prometheus_client and
        # the http.server/email modules it pulls in cost ~8 MB of RSS.
        from agent.runtime import metrics_textfile

        try:
            metrics_textfile.write(m.textfile, self.health_report(snap),
                                   snap.get("counters") or {}, snap.get("sync") or {},
                                   _spot_figures(journal))
            self._textfile_error = ""
        except Exception as exc:  # monitoring must never stop the till
            if str(exc) != self._textfile_error:
                log.warning("metrics textfile %s not written: %s", m.textfile, exc)
            self._textfile_error = str(exc)

    def _start_publisher(self) -> None:
        self._publisher = threading.Thread(target=self._publisher_loop, daemon=True,
                                           name="runtime-publisher")
        self._publisher.start()

    def _publisher_loop(self) -> None:
        affinity.background()
        try:
            reader = Journal.in_state_dir(self.state_dir, readonly=True)
        except Exception as exc:
            log.warning("publisher: no read-only journal connection (%s)", exc)
            reader = None
        try:
            while True:
                with self._pub_cond:
                    self._pub_cond.wait_for(lambda: self._pub_slot is not None
                                            or self._pub_stop)
                    snap, self._pub_slot = self._pub_slot, None
                    if snap is None:
                        return
                try:
                    self._write(snap, reader)
                except Exception:
                    log.exception("publishing runtime.json failed")
        finally:
            if reader is not None:
                reader.close()

    def _stop_publisher(self) -> None:
        if self._publisher is None:
            return
        with self._pub_cond:
            self._pub_stop = True
            self._pub_cond.notify()
        self._publisher.join(2.0)
        self._publisher = None


def _spot_figures(journal: Journal | None) -> dict[str, int] | None:
    """The office's spot checks (``agent.sale.spot_check``) for the textfile:
    checked and found wrong, None when the journal cannot say."""
    if journal is None:
        return None
    from agent.sale.spot_check import read_spot_tally

    try:
        tally = read_spot_tally(journal)
    except Exception as exc:  # monitoring never stops the till; the series is left out
        log.warning("spot checks for the metrics textfile: %s", exc)
        return None
    return {"checked": tally.checked, "found_wrong": tally.wrong}
