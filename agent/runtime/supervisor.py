"""Keeps one identification device running: open, read, and after an unplug
(``OSError``: ``SerialException``, ENODEV, EIO) close it and reopen it with
backoff, for as long as the agent runs.

Each device has its own supervisor thread, so a reader that is missing,
broken, or feeding garbage never stops the others or the till: whatever its
shell or decoder raises ends up as a counted error and a reopen, never as an
exception out of the thread. Every event the shell decodes, and the
supervisor's own ``DeviceConnected``/``DeviceLost``, goes to ``emit``.

Privacy: events are passed on, never logged with their data. Rejections are
logged at WARNING by reason only (rate-limited: a noisy line must not fill
the journal); errors keep the exception's text only for ``OSError`` (a path
and an errno), and just the type name for anything else, whose message
could quote the data being decoded.
"""

from __future__ import annotations

import dataclasses
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from agent.runtime import affinity
from agent.runtime.device_status import DeviceState
from drivers.backoff import DEVICE_JITTER, Backoff
from drivers.events import (
    BiometricMatch,
    BiometricNoMatch,
    CardRead,
    DeviceConnected,
    DeviceLost,
    FrameRejected,
)

log = logging.getLogger(__name__)

_REJECT_LOG_EVERY_S = 10.0
_MAX_ERROR_LEN = 200


def _restamp(ev: object, stale: float, now: float) -> object:
    """The shell stamped its events with the time its wait began (the only
    ``now`` it had); the data came in during the wait, so the time the read
    returned is the truer one. It matters: a card tapped just after a receipt
    ended must not look as if it came before it."""
    if getattr(ev, "at", None) == stale and dataclasses.is_dataclass(ev):
        return dataclasses.replace(ev, at=now)  # type: ignore[type-var]
    return ev


def describe_error(exc: BaseException) -> str:
    """An error text safe to log and publish (no card data)."""
    if isinstance(exc, OSError):
        text = f"{type(exc).__name__}: {exc}"
    else:
        text = f"internal error: {type(exc).__name__}"
    return text[:_MAX_ERROR_LEN]


class DeviceSupervisor:
    """Runs one ``DeviceShell`` on its own thread.

    The wait between opens is the agent's one backoff (``drivers.backoff``):
    ``backoff_initial_s`` doubling after each failed open up to
    ``backoff_max_s``, up to ``jitter`` of it taken off at random so readers
    unplugged together (a powered hub) do not retry in lockstep; it starts
    again from the initial value once a connection has lasted ``stable_s`` or
    produced data. ``clock`` stamps events and state; the waits are real time."""

    def __init__(self, shell: Any, kind: str, emit: Callable[[object], None], *,
                 clock: Callable[[], float] = time.time, backoff_initial_s: float = 0.5,
                 backoff_max_s: float = 30.0, read_timeout_s: float = 0.2,
                 stable_s: float = 5.0, jitter: float = DEVICE_JITTER,
                 rng: Callable[[], float] = random.random) -> None:
        self.shell = shell
        self.kind = kind
        self.emit = emit
        self.clock = clock
        self.backoff_initial_s = backoff_initial_s
        self.backoff_max_s = max(backoff_max_s, backoff_initial_s)
        self.read_timeout_s = read_timeout_s
        self.stable_s = stable_s
        self.jitter = jitter
        self.rng = rng
        self.emit_errors = 0
        self._state = DeviceState(name=self.name, kind=kind)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_reject_log = float("-inf")
        self._rejects_unlogged = 0
        self._got_data = False

    @property
    def name(self) -> str:
        return str(getattr(self.shell, "name", "") or self.kind)

    # --- control -------------------------------------------------------------

    def start(self) -> DeviceSupervisor:
        """Start the supervising thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True,
                                            name=f"device-{self.name}")
            self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop reading and release the device. Returns False if the thread
        did not finish within ``timeout`` (it is a daemon: it cannot keep the
        process alive)."""
        self._stop.set()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout)
            if t.is_alive():
                return False
        self._close_shell()
        with self._lock:
            self._state.connected = False
            self._state.connected_since = None
        return True

    def state(self) -> DeviceState:
        """A snapshot of the device's state (a copy: safe to keep)."""
        try:
            stats = dict(self.shell.stats())
        except Exception:  # a shell's counters must not break status
            stats = {}
        with self._lock:
            return dataclasses.replace(self._state, stats=stats)

    # --- the thread ------------------------------------------------------------

    def _run(self) -> None:
        affinity.background()
        backoff = Backoff.for_device(self.backoff_initial_s, self.backoff_max_s, self.jitter,
                                     self.rng)
        attempt = 0  # opens tried since the supervisor started
        tries = 0  # since the device was last connected
        while not self._stop.is_set():
            if attempt:
                with self._lock:
                    self._state.reopen_count += 1
            attempt += 1
            tries += 1
            try:
                detail = self.shell.open()
            except Exception as exc:
                self._open_failed(exc, first_failure=tries == 1 or not backoff.failures)
                self._close_shell()
                if self._stop.wait(backoff.next_delay()):
                    break
                continue
            opened_at = self.clock()
            self._connected(str(detail), opened_at, tries)
            tries = 0
            self._got_data = False
            try:
                self._read_loop()
            except Exception as exc:  # OSError: unplugged; anything else: a bug
                self._lost(exc)
            finally:
                self._close_shell()
            if self._stop.is_set():
                break
            # A connection that worked resets the backoff; one that fails
            # straight after opening (a flapping cable) keeps backing off.
            if self._got_data or self.clock() - opened_at >= self.stable_s:
                backoff.reset()
            if self._stop.wait(backoff.next_delay()):
                break

    def _read_loop(self) -> None:
        """Read until stopped (returns) or the device fails (raises)."""
        while not self._stop.is_set():
            waited_from = self.clock()
            events = self.shell.read(self.read_timeout_s, waited_from)
            if not events:
                continue
            self._got_data = True
            now = self.clock()
            with self._lock:
                self._state.last_data_at = now
            for ev in events:
                ev = _restamp(ev, waited_from, now)
                if isinstance(ev, FrameRejected):
                    self._rejected(ev, now)
                elif isinstance(ev, CardRead | BiometricMatch | BiometricNoMatch):
                    with self._lock:
                        self._state.reads += 1
                self._emit(ev)

    # --- bookkeeping -------------------------------------------------------------

    def _connected(self, detail: str, now: float, tries: int) -> None:
        with self._lock:
            self._state.connected = True
            self._state.connected_since = now
            self._state.disconnected_since = None
            self._state.detail = detail
        if tries > 1:
            log.info("device %s (%s) connected after %d attempt(s): %s", self.name,
                     self.kind, tries, detail)
        else:
            log.info("device %s (%s) connected: %s", self.name, self.kind, detail)
        self._emit(DeviceConnected(self.name, now, detail))

    def _open_failed(self, exc: BaseException, first_failure: bool) -> None:
        now = self.clock()
        err = describe_error(exc)
        with self._lock:
            was_unknown = self._state.errors == 0 and self._state.connected_since is None
            self._state.errors += 1
            self._state.last_error = err
            self._state.last_error_at = now
            self._state.connected = False
            if self._state.disconnected_since is None:
                self._state.disconnected_since = now
        if first_failure:
            log.warning("device %s (%s) cannot be opened: %s; retrying with backoff",
                        self.name, self.kind, err)
        else:
            log.debug("device %s (%s) still absent: %s", self.name, self.kind, err)
        if not isinstance(exc, OSError):
            log.debug("device %s open failure", self.name, exc_info=exc)
        if was_unknown:
            # Absent from the start: say so once, as a loss (not on every retry).
            self._emit(DeviceLost(self.name, now, err))

    def _lost(self, exc: BaseException) -> None:
        now = self.clock()
        err = describe_error(exc)
        with self._lock:
            self._state.connected = False
            self._state.connected_since = None
            self._state.disconnected_since = now
            self._state.errors += 1
            self._state.last_error = err
            self._state.last_error_at = now
        if isinstance(exc, OSError):
            log.warning("device %s (%s) lost: %s; reopening with backoff", self.name,
                        self.kind, err)
        else:
            log.error("device %s (%s) failed (%s); reopening it", self.name, self.kind, err)
            log.debug("device %s failure", self.name, exc_info=exc)
        self._emit(DeviceLost(self.name, now, err))

    def _rejected(self, ev: FrameRejected, now: float) -> None:
        with self._lock:
            self._state.frames_rejected += 1
        # Reason and size only: the rejected bytes could be a card id.
        if now - self._last_reject_log >= _REJECT_LOG_EVERY_S:
            more = (f" (+{self._rejects_unlogged} more since the last report)"
                    if self._rejects_unlogged else "")
            log.warning("device %s rejected input: %s, %d bytes%s", self.name, ev.reason,
                        ev.nbytes, more)
            self._last_reject_log = now
            self._rejects_unlogged = 0
        else:
            self._rejects_unlogged += 1
            log.debug("device %s rejected input: %s, %d bytes", self.name, ev.reason, ev.nbytes)

    def _emit(self, ev: object) -> None:
        try:
            self.emit(ev)
        except Exception as exc:  # the consumer's problem must not kill the reader
            self.emit_errors += 1
            log.error("device %s: passing on a %s failed (%s)", self.name,
                      type(ev).__name__, type(exc).__name__)

    def _close_shell(self) -> None:
        try:
            self.shell.close()
        except Exception as exc:
            log.debug("device %s close failed: %s", self.name, describe_error(exc))
