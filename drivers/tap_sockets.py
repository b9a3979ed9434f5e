"""Socket helpers the TCP and USB printer taps share: no Nagle delay, an
abortive close until a job is known complete, readiness by ``poll``, a
``sendall`` a stop can interrupt, and a non-blocking read."""

from __future__ import annotations

import contextlib
import select
import socket
import struct

from drivers.tap_core import Waker

CHUNK = 65536


def nodelay(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def abort_on_close(s: socket.socket, abort: bool) -> None:
    """SO_LINGER 0: closing sends a reset, not an orderly end. A till's only
    sign that a raw-9100 job printed is an orderly close, so the till side is
    abortive from accept until the job is known complete: a job the agent did
    not finish (a printer error, a stop, the agent killed: the kernel closes
    its sockets) is reset, and the till prints it again."""
    with contextlib.suppress(OSError):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1 if abort else 0, 0))


def readable(fds: list, timeout: float | None, writable: list | None = None) -> list:
    """Which of ``fds`` (sockets or descriptors) are readable, and of
    ``writable`` writable, within ``timeout`` seconds (None: no limit). Like
    ``select.select`` but with ``poll``: a flood of connections may push
    descriptor numbers past select's limit of 1024."""
    poller = select.poll()
    for f in fds:
        poller.register(f, select.POLLIN)
    for f in writable or []:
        poller.register(f, select.POLLOUT)
    ms = None if timeout is None else max(0, int(timeout * 1000 + 0.999))
    ready = {fd for fd, _ev in poller.poll(ms)}
    return [f for f in [*fds, *(writable or [])]
            if (f if isinstance(f, int) else f.fileno()) in ready]


def send_all(s: socket.socket, data: bytes, waker: Waker) -> None:
    """``sendall`` that a stop can interrupt (the peer may stall forever)."""
    view = memoryview(data)
    while view:
        try:
            n = s.send(view)
        except BlockingIOError:
            readable([waker.fd], 1.0, [s])
            if waker.is_set:
                raise ConnectionAbortedError("tap stopping") from None
            continue
        view = view[n:]


def receive(s: socket.socket) -> bytes | None:
    """What a non-blocking socket has for us: ``None`` when nothing is ready
    yet, ``b""`` when the peer closed it or reset it (a till killed
    mid-receipt)."""
    try:
        return s.recv(CHUNK)
    except BlockingIOError:
        return None
    except OSError:
        return b""
