"""What every listening printer tap (``tcp``, ``usb``) does with the tills
that connect to it: who may print, one job at a time, each bounded, and a
dead printer looking dead.
Who may print: a connection from outside ``allow_from`` is reset on the
accept thread before a byte is read (no session thread, no printer
connection), logged with its address and counted; so is one over
``max_connections``. Threads are thus at most ``max_connections`` + 1.

A dead printer looks dead: the listener only listens while the printer
answers (probed at start, then after a failure every ``probe_interval``
seconds), so a till connecting meanwhile gets "connection refused", as it
would from the printer itself. The one job that finds the printer gone (its
connection was accepted before anyone knew) is read, handed on flagged
``not_printed`` (the agent journals it; spooled first like any job, since
the till believes it printed and the journal is the sale's only record) and
reset.

Concurrent till connections are served one job at a time, as a real 9100
printer does: a second connection is accepted but not read until the first
ends (its bytes wait in its own socket). So the listener sees whole jobs, one
after another, each opened by ``on_job_start`` (with the sender's address)
and closed by ``on_job_end``. Each job is bounded (``JobLimits``): bytes past
``max_bytes`` are forwarded but not kept (``job_truncated``); a job longer
than ``max_s``, or one sending less than ``min_bytes_per_s`` while another
connection waits (a trickle holding the printer), or silent for ``idle_s``,
is ended (``job_cut_short``) and reset.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from drivers.tap_core import TILL, TapCore, TapListener, TapState, Waker
from drivers.tap_guards import AllowList, JobLimits, client_address, parse_hostport
from drivers.tap_job import TapJobs
from drivers.tap_sockets import abort_on_close, nodelay, readable

# The tcp and usb taps log under one name, as before the listener had its own module.
log = logging.getLogger("drivers.tap_tcp")

class TcpListenerTap(TapJobs):
    """Accepts till connections on ``listen`` and hands each allowed one to
    ``_serve_till`` in its own thread (a job's chunks go through ``TapJobs``).
    Base of ``TcpTap`` and ``UsbTap``."""

    mode = "tcp"
    #: Called on a session's thread once the till has sent its whole job:
    #: what is left (ending the job, closing both connections, the thread's
    #: exit) is not on the sale's path, so the runtime passes
    #: ``agent.runtime.affinity.background`` and a sale's commit goes first. Until
    #: then the thread keeps its priority: forwarding the job's bytes and
    #: handing them to the agent are.
    background: Callable[[], None] | None = None

    def __init__(self, listen: str, listener: TapListener | None,
                 clock: Callable[[], float] = time.time, *,
                 allow_from: Iterable[str] = (), max_connections: int = 8,
                 limits: JobLimits | None = None, probe_interval: float = 1.0,
                 idle_timeout: float | None = None) -> None:
        """``idle_timeout``, when given, overrides ``limits.idle_s``."""
        self.core = TapCore(self.mode, listener, clock)
        self.allow = AllowList.parse(allow_from)
        self.max_connections = max(1, max_connections)
        self.limits = limits or JobLimits()
        if idle_timeout is not None:
            self.limits = replace(self.limits, idle_s=idle_timeout)
        self.probe_interval = probe_interval
        self._job_lock = threading.Lock()  # one print job at a time
        self._job_owner = threading.local()  # does this session thread hold it?
        self._listen = parse_hostport(listen)
        self._sock: socket.socket | None = None
        self._bound: tuple[str, int] | None = None
        self._listening = False
        self._waker = Waker()
        self._nudge_r, self._nudge_w = os.pipe()  # "the printer is gone": to the accept loop
        os.set_blocking(self._nudge_r, False)
        self._printer_lost = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._active = 0
        self._waiting = 0
        self._last_refusal_log = (0.0, "")

    @property
    def idle_timeout(self) -> float:
        return self.limits.idle_s

    @property
    def address(self) -> tuple[str, int]:
        """The (host, port) actually bound."""
        if self._bound is None:
            raise RuntimeError("tap not started")
        return self._bound

    def start(self) -> None:
        """Bind, listen if the printer answers, then accept (and probe while
        it does not) in a background thread."""
        self._sock = self._bind(self._listen)
        self._bound = self._sock.getsockname()[:2]
        if self._probe_printer():
            self._start_listening()
        else:
            log.warning("printer tap (%s): the printer does not answer; tills are refused "
                        "until it does", self.mode)
        self._spawn(self._accept_loop, "tap-accept")
        log.info("printer tap (%s) on %s:%d%s", self.mode, *self.address,
                 f", allowed: {', '.join(map(str, self.allow.networks))}"
                 if self.allow.networks else "")

    def stop(self, timeout: float = 2.0) -> None:
        """Stop accepting, end every session, join the threads."""
        self._waker.set()
        with self._lock:
            for c in list(self._conns):
                with contextlib.suppress(OSError):
                    c.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + timeout
        for t in list(self._threads):
            t.join(max(0.0, deadline - time.monotonic()))
        if self._sock is not None:
            self._sock.close()
        self._close_printer()
        if not any(t.is_alive() for t in self._threads):
            self._waker.close()  # else a straggler may still select on it
            for fd in (self._nudge_r, self._nudge_w):
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._nudge_r = self._nudge_w = -1

    def state(self) -> TapState:
        return self.core.state()

    # -- internals ----------------------------------------------------------------

    def _spawn(self, target: Callable[..., None], name: str, *args: object) -> None:
        t = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._threads = [x for x in self._threads if x.is_alive()]
            self._threads.append(t)
        t.start()

    def _job_sent(self) -> None:
        """The till has sent its whole job (see ``background``)."""
        if self.background is not None:
            self.background()

    def _track(self, s: socket.socket) -> None:
        with self._lock:
            self._conns.add(s)

    def _untrack(self, s: socket.socket) -> None:
        with self._lock:
            self._conns.discard(s)
        with contextlib.suppress(OSError):
            s.close()

    # -- listening, and not ---------------------------------------------------------

    @staticmethod
    def _bind(where: tuple[str, int]) -> socket.socket:
        host, port = where
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        s = socket.socket(family, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            s.close()
            raise
        s.setblocking(False)
        return s

    def _start_listening(self) -> None:
        if self._sock is None:  # the rebind after the last close failed
            assert self._bound is not None
            self._sock = self._bind(self._bound)
        # A deep backlog: a burst of outsiders' connections (each reset at once)
        # must not fill it and make the till's SYN wait for a retransmit (1 s).
        self._sock.listen(socket.SOMAXCONN)
        self._listening = True
        self.core.update(listening=True)

    def _stop_listening(self) -> None:
        """Close the listener (connections waiting in its backlog are reset, and
        new ones refused) and keep the port bound, not listening, for later."""
        assert self._sock is not None and self._bound is not None
        self._sock.close()
        self._sock = None
        self._listening = False
        self.core.update(listening=False)
        self._sock = self._bind(self._bound)  # if this fails, _start_listening tries again

    def _printer_gone(self) -> None:
        """A session found the printer unreachable: stop listening until it is back."""
        self._printer_lost.set()
        with contextlib.suppress(OSError):
            os.write(self._nudge_w, b"x")

    def _probe_printer(self) -> bool:
        """Whether the printer answers now (subclasses; quietly)."""
        return True

    def _accept_loop(self) -> None:
        while not self._waker.is_set:
            try:
                self._accept_once()
            except Exception as exc:  # the listener must outlive any one failure
                log.error("printer tap: accept loop: %s: %s", type(exc).__name__, exc,
                          exc_info=log.isEnabledFor(logging.DEBUG))
                readable([self._waker.fd], 0.5)

    def _accept_once(self) -> None:
        """Wait for one thing (a till, the printer lost, a probe due) and handle it."""
        if self._printer_lost.is_set():
            self._printer_lost.clear()
            if self._listening:
                self._stop_listening()
                log.warning("printer tap: the printer is unreachable; tills are refused "
                            "until it answers again")
        if not self._listening:
            readable([self._waker.fd], self.probe_interval)
            if not self._waker.is_set and self._probe_printer():
                self._start_listening()
                log.info("printer tap: the printer answers again; listening")
            return
        assert self._sock is not None
        r = readable([self._sock, self._waker.fd, self._nudge_r], None)
        if self._waker.is_set:
            return
        if self._nudge_r in r:
            with contextlib.suppress(OSError):
                os.read(self._nudge_r, 64)
            return
        try:
            conn, peer = self._sock.accept()
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:  # e.g. out of file descriptors: wait, then go on
            log.error("printer tap: accept failed: %s", exc)
            time.sleep(0.05)
            return
        addr = str(peer[0])
        with contextlib.suppress(ValueError):
            addr = str(client_address(addr))
        if not self.allow.allows(addr):
            self._refuse(conn, addr, "refused_not_allowed", "not in printer.allow_from")
            return
        with self._lock:
            busy = self._active >= self.max_connections
            if not busy:
                self._active += 1  # reserved here, so the cap is exact
        if busy:
            self._refuse(conn, addr, "refused_busy",
                         f"already {self.max_connections} connection(s)")
            return
        conn.setblocking(False)
        nodelay(conn)
        abort_on_close(conn, True)
        self._track(conn)
        try:
            self._spawn(self._run_session, "tap-session", conn, addr)
        except RuntimeError:  # no thread to be had (TasksMax): as if busy
            with self._lock:
                self._active -= 1
            self._untrack(conn)
            self.core.count("refused_busy")
            log.error("printer tap: no thread for a connection from %s: reset", addr)

    def _refuse(self, conn: socket.socket, addr: str, counter: str, why: str) -> None:
        """Reset at once: nothing read, nothing forwarded, no thread."""
        self.core.count(counter)
        self.core.update(last_refused_from=addr)
        abort_on_close(conn, True)
        with contextlib.suppress(OSError):
            conn.close()
        # A flood of refusals must not flood the log: one line per address a minute.
        now = time.monotonic()
        last_at, last_key = self._last_refusal_log
        key = f"{counter} {addr}"
        quiet = key == last_key and now - last_at < 60.0
        if not quiet:
            self._last_refusal_log = (now, key)
        log.log(logging.DEBUG if quiet else logging.WARNING,
                "printer tap: connection from %s refused (%s)", addr, why)

    # -- a session ------------------------------------------------------------------

    def _contended(self) -> bool:
        """Another connection waits for the printer."""
        return self._waiting > 0

    def _run_session(self, till: socket.socket, peer: str) -> None:
        # self._active was counted by the accept loop.
        self.core.count("till_sessions")
        self.core.link(TILL, True, "till connected", quiet=True)
        self._job_owner.held = False
        self._job_owner.complete = False
        try:
            with self._lock:
                self._waiting += 1
            try:
                while not self._job_lock.acquire(timeout=0.1):
                    if self._waker.is_set:
                        return
            finally:
                with self._lock:
                    self._waiting -= 1
            self._job_owner.held = True
            self._serve_till(till, peer)
        except Exception as exc:  # a bug must not kill the accept loop
            log.error("printer tap session failed: %s", type(exc).__name__,
                      exc_info=log.isEnabledFor(logging.DEBUG))
            self.core.forward_error(f"session: {type(exc).__name__}")
        finally:
            self._end_job()
            if getattr(self._job_owner, "complete", False):
                abort_on_close(till, False)  # the orderly close: "printed"
            self._untrack(till)
            with self._lock:
                self._active -= 1
                idle = self._active == 0
            if idle:
                self.core.link(TILL, False, "", quiet=True)

    def _end_job(self) -> None:
        """Hand the printer to the next till (once per session)."""
        if getattr(self._job_owner, "held", False):
            self._job_owner.held = False
            self._job_lock.release()

    def _serve_till(self, till: socket.socket, peer: str) -> None:  # pragma: no cover
        """Serve one job; set ``self._job_owner.complete`` once the till's end
        of job was read and everything before it forwarded."""
        raise NotImplementedError

    def _close_printer(self) -> None:
        pass
