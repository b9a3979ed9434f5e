"""What every printer tap shares: the listener protocol, the tap's published
state, and the bookkeeping that calls the listener safely (the listening
taps' guards, who may print and how much: ``drivers.tap_guards``).

A tap sits between the till and the receipt printer (or beside them, for a
read-only Y-cable). Its one rule: bytes are forwarded first, unchanged, in
both directions; only then is a copy handed to the listener. The tap never
answers for the printer and never sends anything of its own.

Listener calls come from the tap's own thread(s) and must be cheap (the
runtime just puts them on its queue). A listener that raises is logged,
counted (``TapState.listener_errors``) and otherwise ignored: printing goes on.

Privacy: the bytes are receipts (pupil account references, names); they are
never logged. Log lines carry counts, sides and error texts only.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

log = logging.getLogger("drivers.tap_core")

TILL = "till"
PRINTER = "printer"


class TapListener(Protocol):
    """Receives copies of what went through the tap, after it was forwarded."""

    def on_till_bytes(self, data: bytes, now: float) -> None:
        """Bytes the till sent to the printer (already forwarded)."""

    def on_printer_bytes(self, data: bytes, now: float) -> None:
        """Bytes the printer sent back, e.g. status replies (already forwarded)."""

    def on_job_end(self, now: float) -> None:
        """A TCP print job ended: the till closed its connection."""

    def on_link(self, side: str, up: bool, detail: str, now: float) -> None:
        """The link to ``side`` ("till" or "printer") came up or went down."""

    def on_job_start(self, peer: str, now: float) -> None:
        """A TCP/USB job from ``peer`` (the sender's IP address) begins: the
        till bytes up to the next ``on_job_end`` are its."""

    def on_job_flag(self, flag: str, now: float) -> None:
        """The job in progress is flagged (``job_truncated``, ``not_printed``,
        ...): receipts that end from now on in this job carry the flag."""


class TapSpool(Protocol):
    """A write-ahead copy of the till's bytes, made durable *before* they are
    forwarded: if the agent dies between forwarding a receipt and journaling
    it, the restarted agent finds the receipt here (nothing printed is lost)."""

    def till_bytes(self, data: bytes, now: float, sender: str | None = None) -> None:
        """Record ``data``; durable when this returns. ``sender``: ``data`` is
        the first chunk of a job from that address (recorded with it, as
        durable as it, so no second sync). May raise OSError (disk full): the
        tap counts it and forwards anyway."""

    def dropped(self, now: float) -> None:
        """The bytes last recorded were not forwarded (the printer side failed)."""

    def job_end(self, now: float) -> None:
        """A TCP/USB print job ended."""

    def job_start(self, peer: str, now: float) -> None:
        """A TCP/USB print job from ``peer`` began (a replayed receipt keeps its sender)."""

    def job_flag(self, flag: str, now: float) -> None:
        """The job in progress is flagged (a replayed receipt keeps the flag)."""


class NullListener:
    """A listener that ignores everything (a tap with nobody watching)."""

    def on_till_bytes(self, data: bytes, now: float) -> None:
        pass

    def on_printer_bytes(self, data: bytes, now: float) -> None:
        pass

    def on_job_end(self, now: float) -> None:
        pass

    def on_link(self, side: str, up: bool, detail: str, now: float) -> None:
        pass

    def on_job_start(self, peer: str, now: float) -> None:
        pass

    def on_job_flag(self, flag: str, now: float) -> None:
        pass


@dataclass
class TapState:
    """A snapshot of a tap, for ``agent status``.

    ``printer_connected`` for TCP/USB taps means "the last attempt to reach
    the printer worked"; between jobs there is no open connection.
    ``forward_errors`` counts bytes that could not be passed on (printer
    unreachable, a side vanished mid-write). ``dropped_bytes`` counts bytes
    read from one side that never reached the other.

    The listener's guards (TCP/USB): ``listening`` is false while the printer
    is unreachable (tills get "connection refused", as from a dead printer);
    ``refused_not_allowed`` counts connections from outside ``allow_from``
    (``last_refused_from``: the latest such address), ``refused_busy`` those
    over ``max_connections``; ``jobs_truncated`` jobs larger than what is
    kept, ``jobs_too_slow``/``jobs_too_long`` jobs ended for their rate or
    length, ``jobs_not_printed`` jobs read while the printer was unreachable."""

    mode: str
    till_connected: bool = False
    printer_connected: bool = False
    bytes_from_till: int = 0
    bytes_from_printer: int = 0
    jobs: int = 0
    forward_errors: int = 0
    spool_errors: int = 0
    last_data_at: float | None = None
    last_error: str = ""
    listener_errors: int = 0
    printer_unreachable: int = 0
    reconnects: int = 0
    dropped_bytes: int = 0
    till_sessions: int = 0
    listening: bool | None = None  # None: a serial tap (nothing listens)
    refused_not_allowed: int = 0
    refused_busy: int = 0
    last_refused_from: str = ""
    jobs_truncated: int = 0
    jobs_too_slow: int = 0
    jobs_too_long: int = 0
    jobs_not_printed: int = 0


class TapCore:
    """The state and listener dispatch behind every tap (thread-safe).

    Shells call ``till_incoming`` before forwarding the till's bytes (the
    spool's durable copy) and ``till_data``/``printer_data`` only after."""

    def __init__(self, mode: str, listener: TapListener | None,
                 clock: Callable[[], float] = time.time) -> None:
        self.listener = listener or NullListener()
        self.clock = clock
        # Set by the runtime before start(); None: no write-ahead copy.
        self.spool: TapSpool | None = None
        self._lock = threading.Lock()
        self._state = TapState(mode=mode)

    def state(self) -> TapState:
        with self._lock:
            return replace(self._state)

    def _call(self, fn: Callable[..., None], *args: object) -> None:
        try:
            fn(*args)
        except Exception as exc:  # the printing path must survive any listener bug
            with self._lock:
                self._state.listener_errors += 1
            log.error("printer tap listener %s failed: %s", getattr(fn, "__name__", fn),
                      type(exc).__name__, exc_info=log.isEnabledFor(logging.DEBUG))

    def till_incoming(self, data: bytes, sender: str | None = None) -> float:
        """Bytes from the till about to be forwarded: the spool's durable copy
        first (``sender``: the first chunk of a job from that address, whose
        ``job_start`` follows with ``spooled=True``). Returns the time to hand
        to ``till_data`` (the same instant in the spool and in the listener,
        so a replay decodes identically)."""
        now = self.clock()
        if self.spool is not None:
            self._spool_call(self.spool.till_bytes, data, now, sender)
        return now

    def till_dropped(self) -> None:
        """The bytes passed to ``till_incoming`` were not forwarded after all."""
        if self.spool is not None:
            self._spool_call(self.spool.dropped, self.clock())

    def _spool_call(self, fn: Callable[..., None], *args: object) -> None:
        try:
            fn(*args)
        except Exception as exc:  # printing never waits on our disk
            with self._lock:
                self._state.spool_errors += 1
                first = self._state.spool_errors == 1
            log.log(logging.ERROR if first else logging.DEBUG,
                    "printer tap: write-ahead spool failed (%s); forwarding anyway",
                    type(exc).__name__)

    def till_data(self, data: bytes, now: float | None = None) -> None:
        """Bytes from the till, already forwarded (``now`` from ``till_incoming``)."""
        if now is None:
            now = self.clock()
        with self._lock:
            self._state.bytes_from_till += len(data)
            self._state.last_data_at = now
        self._call(self.listener.on_till_bytes, data, now)

    def printer_data(self, data: bytes) -> None:
        now = self.clock()
        with self._lock:
            self._state.bytes_from_printer += len(data)
            self._state.last_data_at = now
        self._call(self.listener.on_printer_bytes, data, now)

    def job_end(self) -> None:
        with self._lock:
            self._state.jobs += 1
        now = self.clock()
        if self.spool is not None:
            self._spool_call(self.spool.job_end, now)
        self._call(self.listener.on_job_end, now)

    def job_start(self, peer: str, spooled: bool = False) -> None:
        """A TCP/USB job from ``peer`` begins (before its first ``till_data``).
        ``spooled``: its sender went to the spool with its first chunk."""
        now = self.clock()
        if self.spool is not None and not spooled:
            self._spool_call(self.spool.job_start, peer, now)
        self._call(getattr(self.listener, "on_job_start", _ignore), peer, now)

    def job_flag(self, flag: str) -> None:
        """Flag the job in progress (see ``TapListener.on_job_flag``)."""
        now = self.clock()
        if self.spool is not None:
            self._spool_call(self.spool.job_flag, flag, now)
        self._call(getattr(self.listener, "on_job_flag", _ignore), flag, now)

    def link(self, side: str, up: bool, detail: str = "", quiet: bool = False) -> None:
        """Record a link change and tell the listener (only on a change, so a
        printer that stays down between retries is reported once). ``quiet``
        logs at DEBUG: a TCP till connects and leaves once per receipt."""
        with self._lock:
            attr = "till_connected" if side == TILL else "printer_connected"
            changed = getattr(self._state, attr) != up
            setattr(self._state, attr, up)
            if not up and detail:
                self._state.last_error = f"{side}: {detail}"
        if changed:
            level = logging.DEBUG if quiet else logging.INFO if up else logging.WARNING
            log.log(level, "printer tap: %s link %s%s", side, "up" if up else "down",
                    f" ({detail})" if detail else "")
            self._call(self.listener.on_link, side, up, detail, self.clock())

    def forward_error(self, detail: str, dropped: int = 0) -> None:
        with self._lock:
            self._state.forward_errors += 1
            self._state.dropped_bytes += dropped
            repeat = self._state.last_error == detail
            self._state.last_error = detail
        # A till retrying against a dead printer repeats the same failure: warn once.
        log.log(logging.DEBUG if repeat else logging.WARNING,
                "printer tap: forwarding failed: %s", detail)

    def update(self, **fields: object) -> None:
        """Set state fields (e.g. ``listening=False``)."""
        with self._lock:
            for k, v in fields.items():
                setattr(self._state, k, v)

    def count(self, field_name: str, n: int = 1) -> None:
        with self._lock:
            setattr(self._state, field_name, getattr(self._state, field_name) + n)


def _ignore(*_args: object) -> None:
    """A listener written before job starts and flags existed."""


class Waker:
    """A pipe that wakes every ``select`` waiting on ``fd`` when set (stop)."""

    def __init__(self) -> None:
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        self.is_set = False

    @property
    def fd(self) -> int:
        return self._r

    def set(self) -> None:
        if not self.is_set:
            self.is_set = True
            os.write(self._w, b"x")

    def close(self) -> None:
        """Idempotent: a second close must not hit an fd number reused since."""
        self.set()
        fds, self._r, self._w = (self._r, self._w), -1, -1
        for fd in fds:
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
