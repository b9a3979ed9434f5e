"""The sync loop: its own thread, pushing the journal and pulling the roster.

* Push soon after each new journal entry (``notify_new_entry``, debounced by
  ``push_debounce_s`` so a burst goes as one batch) and every
  ``push_interval_s``; pull the roster every ``roster_interval_s`` and as
  soon as the hub is reachable again.
* States: ``starting`` (no answer yet), ``online``, ``offline`` (unreachable,
  failing or answering nonsense: backoff with jitter, Retry-After honoured)
  and ``auth_failed`` (401/403: nothing is sent for ``auth_pause_s``, unless
  the token file changes). Each transition is logged once at INFO/WARNING
  with no ids or tokens; ``state()`` is what ``runtime.json`` publishes.
* Only the drainer pushes: the loop takes the state directory's drainer lock
  and keeps it; while another process (``agent sync``) holds it, the loop
  pulls but does not push.

All waits are multiplied by ``sleep_scale`` (tests shorten them); a hub's
``Retry-After`` is honoured in full, unscaled, plus up to as long again at
random (sync/retry.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sync.client import (
    HubAuthError,
    HubClient,
    HubConfigError,
    HubError,
    HubThrottled,
)
from sync.health_report import HealthReporter
from sync.journal_port import HealthSource, SyncJournal
from sync.lock import DrainerLock
from sync.pusher import Pusher, PushReport
from sync.retry import hub_backoff
from sync.roster_pull import RosterRejected, pull_roster
from sync.roster_store import RosterStore
from sync.sync_state import SyncState

log = logging.getLogger("sync.loop")

META_LAST_PUSH_OK = "sync.last_push_ok_at"
META_LAST_PULL_OK = "sync.last_pull_ok_at"
TOKEN_CHECK_S = 5.0  # while auth_failed: how often to look for a new token file
SKEW_WARN_S = 60.0  # a till clock this far off the hub's is worth a warning


class SyncLoop:
    """See the module docstring. ``journal_factory()`` opens the loop's own
    journal connection (in its thread); ``roster`` is the shared RosterStore;
    ``sync_cfg`` has SyncConfig's attributes."""

    def __init__(self, sync_cfg: Any, till_id: str, journal_factory: Callable[[], SyncJournal],
                 roster: RosterStore, state_dir: Path | str, *,
                 clock: Callable[[], float] = time.time, sleep_scale: float = 1.0,
                 thread_init: Callable[[], None] | None = None,
                 health_source: HealthSource | None = None):
        """``thread_init``: called first on the loop's thread (the agent lowers
        its CPU priority below the main loop's). ``health_source``: builds the
        till's health report, sent after push rounds that reach the hub (at
        most every ``health_interval_s``); None sends none."""
        self.cfg = sync_cfg
        self.thread_init = thread_init
        self.till_id = till_id
        self.journal_factory = journal_factory
        self.roster = roster
        self.state_dir = Path(state_dir)
        self.clock = clock
        self.scale = max(0.0, float(sleep_scale))
        self.lock = DrainerLock(self.state_dir, who="agent daemon")
        self.backoff = hub_backoff(sync_cfg.backoff_initial_s, sync_cfg.backoff_max_s)
        self.pull_backoff = hub_backoff(sync_cfg.backoff_initial_s, sync_cfg.backoff_max_s)
        self._cond = threading.Condition()
        self._state = SyncState(since=clock(), batch_limit=sync_cfg.batch_size)
        self.health: HealthReporter | None = None
        if health_source is not None and getattr(sync_cfg, "health_report", True):
            self.health = HealthReporter(
                health_source, getattr(sync_cfg, "health_interval_s", 60.0) * self.scale, clock,
                unsupported_pause_s=86400.0 * max(self.scale, 1e-6))
            self._state.health_report = self.health.state.state
        self._stop = False
        self._thread: threading.Thread | None = None
        self._client: HubClient | None = None
        self._journal: Any = None
        self._pusher: Pusher | None = None
        # Monotonic deadlines (None: not scheduled).
        now = time.monotonic()
        self._push_at: float | None = now
        self._pull_at: float | None = now
        self._gate = 0.0  # no network attempt before this (backoff / Retry-After)
        self._gate_hard = False  # the gate is a Retry-After or an auth pause
        self._auth_until: float | None = None
        self._auth_stamp: Any = None
        self._force_snapshot = False
        self._skew_due = True  # measure the clock skew once the hub answers
        # A failure other than a hub asking us to wait (429/503 + Retry-After)
        # since it last answered: coming back from that re-pulls the roster and
        # re-measures the skew; coming back from being throttled does not
        # (the hub was there all along, and a fleet's worth of extra pulls is
        # what a throttled hub needs least).
        self._outage = False
        self._rounds_started = 0  # push rounds begun (wait_idle waits for a fresh one)
        self._round_done = 0  # number of the last push round finished
        self._round_pending = -1  # what it left pending (-1: it could not push)

    # --- life cycle -------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sync-loop", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread (after the request in flight, bounded by ``timeout``);
        the drainer lock is released and the journal connection closed."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        t = self._thread
        if t is not None:
            t.join(timeout)
            if t.is_alive() and self._client is not None:
                # A request is hanging: closing the pool makes it fail now.
                try:
                    self._client.close()
                except Exception:  # noqa: BLE001 (best effort at exit)
                    pass
                t.join(1.0)

    def notify_new_entry(self) -> None:
        """A sale was journaled: push within ``push_debounce_s``."""
        with self._cond:
            due = time.monotonic() + self.cfg.push_debounce_s * self.scale
            if self._push_at is None or self._push_at > due:
                self._push_at = due
                self._cond.notify_all()

    def state(self) -> SyncState:
        with self._cond:
            return self._state.copy()

    def wait_idle(self, timeout: float) -> bool:
        """Push now and wait: True once nothing that can be sent is pending
        (the queue is empty, or the hub is unreachable / refusing us after a
        fresh attempt); False if ``timeout`` passes first."""
        deadline = time.monotonic() + timeout
        with self._cond:
            # Only a round begun after this call counts: one already on the
            # wire may have failed before the hub came back.
            after = self._rounds_started
            self._request_push_now()
            while True:
                st = self._state
                if st.state == "auth_failed":
                    return True
                if self._round_done > after:
                    if self._round_pending == 0 or st.state == "offline":
                        return True
                    after = self._rounds_started
                    if self._round_pending > 0:  # unanswered ones: again at once
                        self._request_push_now()
                if self._thread is None or not self._thread.is_alive():
                    return self._round_pending == 0
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.5))

    def _request_push_now(self) -> None:
        # Caller holds the condition. A backoff may be cut short; a hub's
        # Retry-After or an auth pause may not.
        now = time.monotonic()
        self._push_at = now
        if not self._gate_hard:
            self._gate = min(self._gate, now)
        self._cond.notify_all()

    # --- the thread ---------------------------------------------------------------

    def _run(self) -> None:
        if self.thread_init is not None:
            self.thread_init()
        try:
            self._journal = self.journal_factory()
        except Exception as exc:
            self._set(state="offline", last_error=f"cannot open the journal for sync: {exc}")
            log.error("sync loop stopped: cannot open the journal (%s)", exc)
            return
        try:
            while True:
                with self._cond:
                    if self._stop:
                        return
                    wait = self._next_wait()
                    if wait > 0:
                        self._cond.wait(wait)
                        continue
                try:
                    self._step()
                except Exception as exc:  # a full disk, a bug: back off, keep going
                    log.exception("sync round failed; trying again later")
                    self._failed(f"sync round failed: {type(exc).__name__}: {exc}")
        finally:
            self._close()

    def _close(self) -> None:
        if self._client is not None:
            try:
                self._client.close()
            except Exception:  # noqa: BLE001
                pass
        self.lock.release()
        close = getattr(self._journal, "close", None)
        if close is not None:
            try:
                close()
            except Exception:  # noqa: BLE001
                pass
        with self._cond:
            self._state.drainer = False
            self._cond.notify_all()

    def _next_wait(self) -> float:
        """Seconds until something is due (0: now). Caller holds the condition."""
        now = time.monotonic()
        if self._auth_until is not None:
            if now >= self._auth_until or self._token_changed():
                # The pause is over or someone fixed the token: try both now.
                self._auth_until = None
                self._gate, self._gate_hard = now, False
                self._push_at = self._pull_at = now
                return 0.0
            return min(self._auth_until - now, TOKEN_CHECK_S * max(self.scale, 0.01))
        due = [t for t in (self._push_at, self._pull_at) if t is not None]
        if not due:
            return 60.0
        return max(0.0, min(due) - now, self._gate - now)

    def _token_changed(self) -> bool:
        if self._client is None:
            return False
        return self._client.token.stamp() != self._auth_stamp

    def _step(self) -> None:
        now = time.monotonic()
        with self._cond:
            push = self._push_at is not None and self._push_at <= now
            pull = self._pull_at is not None and self._pull_at <= now
        if not self._ensure_client():
            return
        if push:
            self._push_round()
        with self._cond:
            pull = pull and self._gate <= time.monotonic() and self._auth_until is None
        if pull:
            self._pull_round()
        if self._skew_due and self._state.state == "online":
            self._measure_skew()

    def _ensure_client(self) -> bool:
        if self._client is not None:
            return True
        try:
            self._client = HubClient(self.cfg, self.till_id)
        except HubConfigError as exc:
            self._failed(str(exc))
            return False
        self._pusher = Pusher(self._client, self._journal, self.cfg.batch_size, self.clock)
        return True

    # --- rounds ---------------------------------------------------------------------

    def _push_round(self) -> None:
        assert self._pusher is not None
        with self._cond:
            self._rounds_started += 1
            number = self._rounds_started
        interval = self.cfg.push_interval_s * self.scale
        try:
            got = self.lock.acquire()
            why = f"{self.lock.holder() or 'another process'} holds the drainer lock"
        except OSError as exc:  # e.g. a lock file left by root with mode 0600
            got, why = False, f"cannot open {self.lock.path} ({exc.strerror})"
        if not got:
            self._set(drainer=False, last_error=f"not pushing: {why}")
            with self._cond:
                self._push_at = time.monotonic() + min(interval, 5.0 * self.scale)
                self._round_done = number
                self._round_pending = -1
                self._cond.notify_all()
            return
        self._set(drainer=True)
        report = PushReport()
        error: HubError | None = None
        try:
            if self._journal.pending_count():
                self._pusher.drain(report, should_stop=lambda: self._stop)
        except HubError as exc:
            error = exc
        pending = self._journal.pending_count()
        with self._cond:
            s = self._state
            s.counts.add(report)
            s.pending = pending
            s.batch_limit = self._pusher.limit
        if error is not None:
            self._error(error)
        else:
            if report.requests:
                t = self.clock()
                self._set(last_push_ok_at=t)
                self._meta(META_LAST_PUSH_OK, t)
                self._ok()
            self._send_health(reached_hub=bool(report.requests))
            soon = self.cfg.backoff_initial_s * self.scale
            with self._cond:
                # Unanswered ones go again soon, not a whole interval later.
                self._push_at = time.monotonic() + (soon if pending and report.unanswered
                                                    else interval)
        with self._cond:
            self._round_done = number
            self._round_pending = pending
            self._cond.notify_all()

    def _send_health(self, reached_hub: bool) -> None:
        """With a push round that found the hub there (it answered this round,
        or the loop is online with nothing to push)."""
        h = self.health
        if h is None or self._client is None or not h.due():
            return
        if not reached_hub and self._state.state != "online":
            return
        h.maybe_send(self._client)
        self._set(health_report=h.state.state, health_report_at=h.state.last_sent_at)

    def _pull_round(self) -> None:
        assert self._client is not None
        forced = self._force_snapshot
        try:
            rep = pull_roster(self._client, self.roster, self.clock(), force_snapshot=forced)
        except RosterRejected as exc:
            # The hub is there but its roster is not usable: keep the old one,
            # try again later (from a fresh snapshot if a cursor walk failed).
            self._force_snapshot = True
            delay = self.pull_backoff.next_delay() * self.scale
            with self._cond:
                self._pull_at = time.monotonic() + min(delay, self.cfg.roster_interval_s
                                                       * self.scale)
                self._state.roster_error = str(exc)
                self._state.last_error = str(exc)
            return
        except HubError as exc:
            self._error(exc)
            return
        self._force_snapshot = False
        self.pull_backoff.reset()
        t = self.clock()
        self._meta(META_LAST_PULL_OK, t)
        self._ok()
        with self._cond:
            self._state.last_pull_ok_at = t
            self._state.roster_error = ""
            self._pull_at = time.monotonic() + self.cfg.roster_interval_s * self.scale
        log.debug("roster pulled: %s", rep)

    # --- outcomes -------------------------------------------------------------------

    def _ok(self) -> None:
        self.backoff.reset()
        with self._cond:
            s = self._state
            was = s.state
            self._gate, self._gate_hard = 0.0, False
            s.next_attempt_at = None
            if was != "online":
                s.state, s.since, s.last_error = "online", self.clock(), ""
                if self._outage:
                    self._skew_due = True
                    # Back from an outage: the roster may have moved meanwhile.
                    self._pull_at = time.monotonic()
                self._outage = False
                self._cond.notify_all()
        if was != "online":
            log.info("hub online (was %s)", was)

    def _error(self, exc: HubError) -> None:
        if isinstance(exc, HubAuthError):
            self._auth_failed(str(exc))
        elif isinstance(exc, HubThrottled):
            self._failed(str(exc), exc.retry_after)
        else:
            self._failed(str(exc))

    def _failed(self, msg: str, retry_after: float | None = None) -> None:
        delay = self.backoff.next_delay() * self.scale
        if retry_after is not None:
            # The hub's wait in full (not scaled), spread so that the tills it
            # throttled together do not come back together.
            delay = max(delay, self.backoff.wait.after(retry_after))
        now = time.monotonic()
        with self._cond:
            s = self._state
            was = s.state
            self._gate, self._gate_hard = now + delay, retry_after is not None
            # Whatever is due happens at the gate: a push if anything is
            # pending, and (unless the hub only asked us to wait) the roster
            # pull doubles as the probe.
            self._push_at = self._gate
            if retry_after is None:
                self._outage = True
            if retry_after is None or self._pull_at is None:
                self._pull_at = min(self._pull_at or self._gate, self._gate)
            s.last_error = msg
            s.next_attempt_at = self.clock() + delay
            if was != "offline":
                s.state, s.since = "offline", self.clock()
            self._cond.notify_all()
        if was != "offline":
            log.warning("hub offline (was %s): %s; sales are journaled and will be sent "
                        "later", was, msg)
        else:
            log.debug("hub still offline: %s; next attempt in %.1f s", msg, delay)

    def _auth_failed(self, msg: str) -> None:
        pause = self.cfg.auth_pause_s * self.scale
        now = time.monotonic()
        with self._cond:
            s = self._state
            was = s.state
            self._auth_until = now + pause
            self._outage = True
            self._auth_stamp = self._client.token.stamp() if self._client else None
            self._gate, self._gate_hard = now + pause, True
            self._push_at = self._pull_at = now + pause
            s.state, s.last_error = "auth_failed", msg
            s.next_attempt_at = self.clock() + pause
            if was != "auth_failed":
                s.since = self.clock()
            self._cond.notify_all()
        if was != "auth_failed":
            log.warning("hub refused the till's credentials: %s. Not trying again for "
                        "%.0f s or until the token file changes.", msg, pause)

    def _measure_skew(self) -> None:
        """The hub's clock against ours (``HubClient.hub_clock``)."""
        assert self._client is not None
        self._skew_due = False
        try:
            skew = self._client.hub_clock(self.clock).skew_s
        except HubError as exc:
            log.debug("health not measured: %s", exc)
            return
        self._set(clock_skew_s=round(skew, 3))
        if abs(skew) > SKEW_WARN_S:
            log.warning("the till's clock is %.0f s %s the hub's: sales carry the till's "
                        "time (check NTP)", abs(skew), "behind" if skew > 0 else "ahead of")

    def _set(self, **kw: Any) -> None:
        with self._cond:
            for k, v in kw.items():
                setattr(self._state, k, v)
            self._cond.notify_all()

    def _meta(self, key: str, t: float) -> None:
        try:
            self._journal.set_meta(key, repr(float(t)))
        except Exception as exc:  # a full disk must not stop syncing
            log.warning("could not record %s in the journal: %s", key, exc)
