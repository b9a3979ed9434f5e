"""One print job through a listening tap (``TcpListenerTap``, its base here):
each chunk in the tap's one order (spooled as far as the job keeps bytes,
forwarded whole, then handed to the agent), a job ended by its limits
(``JobMeter``), one past ``max_bytes`` flagged ``job_truncated``, and the job
that finds the printer gone read and handed on flagged ``not_printed``."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from dataclasses import replace

from drivers.tap_core import TapCore, Waker
from drivers.tap_guards import JobLimits, JobMeter
from drivers.tap_sockets import readable, receive

# The tcp and usb taps log under one name, as before the listener had its own module.
log = logging.getLogger("drivers.tap_tcp")

_UNPRINTED_IDLE_S = 1.0  # a job with no printer: how long to wait for more of it


class TapJobs:
    """A listening tap's handling of one job's chunks (see the module docstring)."""

    # Set by TcpListenerTap.__init__.
    core: TapCore
    limits: JobLimits
    _waker: Waker

    def _limit_hit(self, verdict: str, peer: str, started: bool) -> None:
        """A job ended by its limits (``JobMeter.verdict``): counted, logged,
        its receipt flagged; the caller returns and the till is reset."""
        lim = self.limits
        if verdict == "idle":
            self.core.forward_error("till idle too long: job ended")
        elif verdict == "too_slow":
            self.core.count("jobs_too_slow")
            self.core.forward_error(
                f"job from {peer} slower than {lim.min_bytes_per_s:g} bytes/s while another "
                "till waited: job ended")
        else:
            self.core.count("jobs_too_long")
            self.core.forward_error(f"job from {peer} longer than {lim.max_s:g} s: job ended")
        if started:
            self.core.job_flag("job_cut_short")

    def _pass_on(self, data: bytes, meter: JobMeter, peer: str, started: bool,
                 write: Callable[[bytes], None]) -> None:
        """One chunk of ``peer``'s job, in the tap's one order: spooled as far
        as the job keeps bytes (durable before it prints), ``write``-n to the
        printer whole, then handed to the agent. If ``write`` raises, the
        spooled part is marked not forwarded and the error is the caller's
        to report (its closing the till's side tells the till)."""
        was_truncated = meter.truncated
        keep = meter.keep(len(data))
        kept = data if keep == len(data) else data[:keep]
        at = self.core.till_incoming(kept, None if started else peer) if keep else 0.0
        try:
            write(data)
        except BaseException:
            if keep:
                self.core.till_dropped()
            raise
        if not started:
            self.core.job_start(peer, spooled=bool(keep))
        if keep:
            self.core.till_data(kept, at)
        if keep < len(data):
            self.core.count("bytes_from_till", len(data) - keep)
        if meter.truncated and not was_truncated:
            self._truncated(peer)

    def _truncated(self, peer: str) -> None:
        self.core.count("jobs_truncated")
        self.core.job_flag("job_truncated")
        log.warning("printer tap: job from %s is over %d bytes: the rest is printed but not "
                    "kept (sale flagged job_truncated)", peer, self.limits.max_bytes)

    def _take_unprinted(self, till: socket.socket, peer: str) -> None:
        """The printer is gone and this till is already connected: read what it
        sends (bounded: up to a second of silence), hand it on flagged
        ``not_printed`` so the sale is journaled, never forward it. The till is
        then reset (the caller leaves ``complete`` false)."""
        meter = JobMeter(replace(self.limits, idle_s=min(self.limits.idle_s, _UNPRINTED_IDLE_S)),
                         time.monotonic())
        started = False
        try:
            while True:
                now = time.monotonic()
                if meter.verdict(now):
                    return
                r = readable([till, self._waker.fd], meter.timeout(now, False))
                meter.waited(time.monotonic() - now, False)
                if self._waker.is_set:
                    return
                if till not in r:
                    continue
                data = receive(till)
                if data is None:
                    continue
                if not data:
                    return
                keep = meter.keep(len(data))
                if not started:
                    started = True
                    self.core.job_start(peer)
                    self.core.job_flag("not_printed")
                    self.core.count("jobs_not_printed")
                    log.warning("printer tap: a job from %s came as the printer went away: "
                                "journaled flagged not_printed, the till's connection reset",
                                peer)
                self.core.count("dropped_bytes", len(data))
                if keep:
                    # Spooled though never printed: the till believes it was,
                    # so an agent dying before the journal commit must find it.
                    kept = data[:keep]
                    self.core.till_data(kept, self.core.till_incoming(kept))
        finally:
            if started:
                self.core.job_end()
