"""The ``tcp`` printer tap: the till prints to us as to a raw port-9100
printer; for each till connection we connect to the real printer and pipe
both ways.

Per connection one thread runs a select loop over the two sockets (both
TCP_NODELAY, no buffering of our own: each chunk is ``sendall``-ed on before
the next read, so a slow printer slows the till exactly as it would without
us). The till closing its side ends the job: we half-close toward the printer,
report ``on_job_end`` and let the next till have the printer, while the
printer's last replies (if any) still drain back for a moment.

If the printer cannot be reached, the till's connection is closed at once, so
the till sees the printer offline and retries as it would with a dead printer.

Concurrent till connections are served one job at a time, as a real 9100
printer does: a second connection is accepted but not read until the first
ends (its bytes wait in its own socket). So the listener sees whole jobs, one
after another, each closed by ``on_job_end``. A till that holds the printer
and sends nothing for ``idle_timeout`` seconds loses its job.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import struct
import threading
import time
from collections.abc import Callable

from drivers.printer_tap import (
    PRINTER,
    TILL,
    TapCore,
    TapListener,
    TapState,
    Waker,
    parse_hostport,
)

log = logging.getLogger("drivers.tap_tcp")

_CHUNK = 65536


def _nodelay(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _abort_on_close(s: socket.socket, abort: bool) -> None:
    """SO_LINGER 0: closing sends a reset, not an orderly end. A till's only
    sign that a raw-9100 job printed is an orderly close, so the till side is
    abortive from accept until the job is known complete: a job the agent did
    not finish (a printer error, a stop, the agent killed: the kernel closes
    its sockets) is reset, and the till prints it again."""
    with contextlib.suppress(OSError):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1 if abort else 0, 0))


def send_all(s: socket.socket, data: bytes, waker: Waker) -> None:
    """``sendall`` that a stop can interrupt (the peer may stall forever)."""
    view = memoryview(data)
    while view:
        try:
            n = s.send(view)
        except BlockingIOError:
            _, w, _ = select.select([waker.fd], [s], [], 1.0)
            if waker.is_set:
                raise ConnectionAbortedError("tap stopping") from None
            continue
        view = view[n:]


class TcpListenerTap:
    """Accepts till connections on ``listen`` and hands each to ``_serve_till``
    in its own thread. Base of ``TcpTap`` and ``UsbTap``."""

    mode = "tcp"
    #: Called on a session's thread once the till has sent its whole job:
    #: what is left (ending the job, closing both connections, the thread's
    #: exit) is not on the sale's path, so the runtime passes
    #: ``agent.affinity.background`` and a sale's commit goes first. Until
    #: then the thread keeps its priority: forwarding the job's bytes and
    #: handing them to the agent are.
    background: Callable[[], None] | None = None

    def __init__(self, listen: str, listener: TapListener | None,
                 clock: Callable[[], float] = time.time) -> None:
        self.core = TapCore(self.mode, listener, clock)
        self._job_lock = threading.Lock()  # one print job at a time
        self._job_owner = threading.local()  # does this session thread hold it?
        self._listen = parse_hostport(listen)
        self._sock: socket.socket | None = None
        self._waker = Waker()
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._active = 0

    @property
    def address(self) -> tuple[str, int]:
        """The (host, port) actually bound."""
        if self._sock is None:
            raise RuntimeError("tap not started")
        host, port = self._sock.getsockname()[:2]
        return host, port

    def start(self) -> None:
        """Bind and listen, then accept in a background thread."""
        host, port = self._listen
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        s = socket.socket(family, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
            s.listen(16)
        except OSError:
            s.close()
            raise
        s.setblocking(False)
        self._sock = s
        self._spawn(self._accept_loop, "tap-accept")
        log.info("printer tap (%s) listening on %s:%d", self.mode, *self.address)

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

    def _accept_loop(self) -> None:
        assert self._sock is not None
        while not self._waker.is_set:
            r, _, _ = select.select([self._sock, self._waker.fd], [], [])
            if self._waker.is_set:
                return
            try:
                conn, peer = self._sock.accept()
            except (BlockingIOError, InterruptedError):
                continue
            except OSError as exc:
                log.error("printer tap: accept failed: %s", exc)
                time.sleep(0.05)
                continue
            conn.setblocking(False)
            _nodelay(conn)
            _abort_on_close(conn, True)
            self._track(conn)
            self._spawn(self._run_session, "tap-session", conn)

    def _run_session(self, till: socket.socket) -> None:
        with self._lock:
            self._active += 1
        self.core.count("till_sessions")
        self.core.link(TILL, True, "till connected", quiet=True)
        self._job_owner.held = False
        self._job_owner.complete = False
        try:
            while not self._job_lock.acquire(timeout=0.1):
                if self._waker.is_set:
                    return
            self._job_owner.held = True
            self._serve_till(till)
        except Exception as exc:  # a bug must not kill the accept loop
            log.error("printer tap session failed: %s", type(exc).__name__,
                      exc_info=log.isEnabledFor(logging.DEBUG))
            self.core.forward_error(f"session: {type(exc).__name__}")
        finally:
            self._end_job()
            if getattr(self._job_owner, "complete", False):
                _abort_on_close(till, False)  # the orderly close: "printed"
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

    def _serve_till(self, till: socket.socket) -> None:  # pragma: no cover - abstract
        """Serve one job; set ``self._job_owner.complete`` once the till's end
        of job was read and everything before it forwarded."""
        raise NotImplementedError

    def _close_printer(self) -> None:
        pass


class TcpTap(TcpListenerTap):
    """Till -> ``listen`` -> tap -> ``forward`` (the real printer), both ways."""

    mode = "tcp"

    def __init__(self, listen: str, forward: str, listener: TapListener | None,
                 clock: Callable[[], float] = time.time, connect_timeout: float = 2.0,
                 drain_timeout: float = 2.0, idle_timeout: float = 60.0) -> None:
        super().__init__(listen, listener, clock)
        self._forward = parse_hostport(forward)
        self.connect_timeout = connect_timeout
        self.drain_timeout = drain_timeout
        self.idle_timeout = idle_timeout

    def _connect_printer(self) -> socket.socket | None:
        try:
            p = socket.create_connection(self._forward, timeout=self.connect_timeout)
        except OSError as exc:
            self.core.count("printer_unreachable")
            self.core.forward_error(f"printer unreachable: {exc.strerror or exc}")
            self.core.link(PRINTER, False, f"unreachable: {exc.strerror or exc}")
            return None
        p.setblocking(False)
        _nodelay(p)
        self.core.link(PRINTER, True, "{}:{}".format(*self._forward))
        return p

    def _serve_till(self, till: socket.socket) -> None:
        printer = self._connect_printer()
        if printer is None:
            # Like a dead printer: the till's connection goes away, it retries.
            return
        self._track(printer)
        till_open = True
        carried = False  # any bytes from the till: then the job's end is reported
        drain_deadline = 0.0
        try:
            while True:
                watch = [printer, self._waker.fd] + ([till] if till_open else [])
                if till_open:
                    timeout = self.idle_timeout
                else:
                    timeout = max(0.0, drain_deadline - time.monotonic())
                r, _, _ = select.select(watch, [], [], timeout)
                if self._waker.is_set:
                    return
                if not r:
                    if till_open:  # a till holding the printer and saying nothing
                        self.core.forward_error("till idle too long: job ended")
                    return  # else: the printer never closed after the job
                if till_open and till in r:
                    try:
                        data = till.recv(_CHUNK)
                    except BlockingIOError:
                        data = None
                    except OSError:  # reset by the till (killed mid-receipt)
                        data = b""
                    if data == b"":
                        self._job_sent()
                        till_open = False
                        self._job_owner.complete = True
                        with contextlib.suppress(OSError):
                            printer.shutdown(socket.SHUT_WR)
                        drain_deadline = time.monotonic() + self.drain_timeout
                        if carried:
                            self.core.job_end()
                            carried = False
                        self._end_job()
                    elif data:
                        now = self.core.till_incoming(data)
                        try:
                            send_all(printer, data, self._waker)
                        except OSError as exc:
                            self.core.till_dropped()
                            self.core.forward_error(f"printer write: {exc}", dropped=len(data))
                            self.core.link(PRINTER, False, f"write failed: {exc}")
                            return  # closing the till side tells the till
                        carried = True
                        self.core.till_data(data, now)
                if printer in r:
                    try:
                        data = printer.recv(_CHUNK)
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
            if carried:
                self.core.job_end()
