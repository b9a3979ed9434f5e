"""The ``tcp`` printer tap: the till prints to us as to a raw port-9100
printer; for each till connection we connect to the real printer and pipe
both ways.

Per connection one thread runs a select loop over the two sockets (both
TCP_NODELAY, no buffering of our own: each chunk is ``sendall``-ed on before
the next read, so a slow printer slows the till exactly as it would without
us). The till closing its side ends the job: we half-close toward the printer,
report ``on_job_end`` and let the next till have the printer, while the
printer's last replies (if any) still drain back for a moment.

The listening side (who may print, one job at a time, each bounded, a dead
printer looking dead) is ``drivers.tap_listener.TcpListenerTap``'s.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Callable, Iterable

from drivers.tap_core import PRINTER, TapListener
from drivers.tap_guards import JobLimits, JobMeter, parse_hostport
from drivers.tap_listener import TcpListenerTap
from drivers.tap_sockets import CHUNK, nodelay, readable, receive, send_all

log = logging.getLogger("drivers.tap_tcp")


class TcpTap(TcpListenerTap):
    """Till -> ``listen`` -> tap -> ``forward`` (the real printer), both ways."""

    mode = "tcp"

    def __init__(self, listen: str, forward: str, listener: TapListener | None,
                 clock: Callable[[], float] = time.time, connect_timeout: float = 2.0,
                 drain_timeout: float = 2.0, idle_timeout: float | None = None, *,
                 allow_from: Iterable[str] = (), max_connections: int = 8,
                 limits: JobLimits | None = None, probe_interval: float = 1.0) -> None:
        """The guards are ``TcpListenerTap``'s."""
        super().__init__(listen, listener, clock, allow_from=allow_from,
                         max_connections=max_connections, limits=limits,
                         probe_interval=probe_interval, idle_timeout=idle_timeout)
        self._forward = parse_hostport(forward)
        self.connect_timeout = connect_timeout
        self.drain_timeout = drain_timeout

    def _probe_printer(self) -> bool:
        # An empty connection, closed at once: a raw-9100 printer prints nothing.
        try:
            socket.create_connection(self._forward, timeout=self.connect_timeout).close()
        except OSError as exc:
            self.core.link(PRINTER, False, f"unreachable: {exc.strerror or exc}")
            return False
        return True

    def _connect_printer(self) -> socket.socket | None:
        try:
            p = socket.create_connection(self._forward, timeout=self.connect_timeout)
        except OSError as exc:
            self.core.count("printer_unreachable")
            self.core.forward_error(f"printer unreachable: {exc.strerror or exc}")
            self.core.link(PRINTER, False, f"unreachable: {exc.strerror or exc}")
            return None
        p.setblocking(False)
        nodelay(p)
        self.core.link(PRINTER, True, "{}:{}".format(*self._forward))
        return p

    def _serve_till(self, till: socket.socket, peer: str) -> None:
        printer = self._connect_printer()
        if printer is None:
            # Later tills are refused, as by the dead printer; this one's job
            # is journaled flagged and its connection reset.
            self._printer_gone()
            self._take_unprinted(till, peer)
            return
        self._track(printer)
        till_open = True
        started = False  # job_start sent: then the job's end is reported
        meter = JobMeter(self.limits, time.monotonic())
        drain_deadline = 0.0
        try:
            while True:
                now = time.monotonic()
                contended = False
                if till_open:
                    verdict = meter.verdict(now)
                    if verdict:
                        self._limit_hit(verdict, peer, started)
                        return
                    contended = self._contended()
                    timeout = meter.timeout(now, contended)
                else:
                    timeout = max(0.0, drain_deadline - now)
                watch = [printer, self._waker.fd] + ([till] if till_open else [])
                r = readable(watch, timeout)
                if till_open:
                    meter.waited(time.monotonic() - now, contended)
                if self._waker.is_set:
                    return
                if not r:
                    if till_open:
                        continue  # the meter decides
                    return  # the printer never closed after the job
                if till_open and till in r:
                    data = receive(till)
                    if data == b"":
                        self._job_sent()
                        till_open = False
                        self._job_owner.complete = True
                        with contextlib.suppress(OSError):
                            printer.shutdown(socket.SHUT_WR)
                        drain_deadline = time.monotonic() + self.drain_timeout
                        if started:
                            self.core.job_end()
                            started = False
                        self._end_job()
                    elif data:
                        try:
                            self._pass_on(data, meter, peer, started,
                                          lambda d: send_all(printer, d, self._waker))
                        except OSError as exc:
                            self.core.forward_error(f"printer write: {exc}", dropped=len(data))
                            self.core.link(PRINTER, False, f"write failed: {exc}")
                            return  # closing the till side tells the till
                        started = True
                if printer in r:
                    try:
                        data = printer.recv(CHUNK)
                    except BlockingIOError:
                        continue
                    except OSError as exc:
                        if till_open:
                            self.core.link(PRINTER, False, f"reset: {exc}")
                        data = b""
                    if not data:
                        if till_open:  # the printer hung up mid-job
                            self.core.forward_error("printer closed the connection mid-job")
                        return
                    try:
                        send_all(till, data, self._waker)
                    except OSError:
                        # The till has gone; the reply is still worth observing.
                        self.core.count("dropped_bytes", len(data))
                    self.core.printer_data(data)
        finally:
            self._untrack(printer)
            if started:
                self.core.job_end()
