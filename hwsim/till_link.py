"""The simulated till's link to its printer: one receipt sent over TCP (one
connection per receipt, like a raw 9100 client; retried when refused, sent
again whole when the link drops mid-receipt) or a serial port (a pty's fd or
pyserial), optionally asking ``DLE EOT`` first and printing only when the
printer says it is online. What was sent and answered is a ``PrintResult``."""

from __future__ import annotations

import contextlib
import os
import select
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from hwsim import escpos_encoder as enc


@dataclass
class PrintResult:
    """What happened when the till printed one receipt."""

    printed: bool
    attempts: int = 1
    status: bytes = b""  # the printer's reply to DLE EOT, when asked
    replies: bytes = b""  # anything else the printer sent back
    error: str = ""
    sent: list[bytes] = field(default_factory=list)  # bytes of each attempt


def _read_exact(read: Callable[[int, float], bytes], n: int, timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    got = b""
    while len(got) < n:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        got += read(n - len(got), left)
    return got


def _sock_read(s: socket.socket) -> Callable[[int, float], bytes]:
    def read(n: int, timeout: float) -> bytes:
        r, _, _ = select.select([s], [], [], timeout)
        if not r:
            return b""
        data = s.recv(n)
        if not data:
            raise ConnectionResetError("printer closed the connection")
        return data

    return read


def printer_ready(status: bytes) -> bool:
    """A ``DLE EOT 1`` reply says online (bit 3 clear)."""
    return len(status) == 1 and not status[0] & 0x08


def _printer_answers_ready(write: Callable[[bytes], object], read: Callable[[int, float], bytes],
                           ask_status: int, timeout: float, res: PrintResult) -> bool:
    """Ask ``DLE EOT ask_status`` before printing, as a careful till does:
    False (and ``res.error`` says why) when no status comes back, or when
    the printer status (n=1) says it is offline."""
    write(enc.status_request(ask_status))
    res.status = _read_exact(read, 1, timeout)
    if not res.status:
        res.error = "no status reply"
        return False
    if ask_status == 1 and not printer_ready(res.status):
        res.error = "printer offline"
        return False
    return True


def send_tcp(host: str, port: int, data: bytes, *, ask_status: int | None = None,
             retries: int = 5, retry_delay: float = 0.05, timeout: float = 2.0,
             drop_after: int | None = None) -> PrintResult:
    """Print ``data`` over one TCP connection, as a raw 9100 client.

    Retries on connection refused. ``ask_status=n`` sends ``DLE EOT n`` first
    and waits for the reply (status 1 saying offline aborts the print).
    ``drop_after``: the link dies after that many bytes of the first attempt;
    the till then sends the whole receipt again, as real tills do."""
    res = PrintResult(printed=False, attempts=0)
    pending_drop = drop_after
    for attempt in range(retries + 1):
        res.attempts = attempt + 1
        try:
            s = socket.create_connection((host, port), timeout=timeout)
        except OSError as exc:
            res.error = f"connect: {exc}"
            time.sleep(retry_delay * (attempt + 1))
            continue
        try:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            read = _sock_read(s)
            if ask_status and not _printer_answers_ready(s.sendall, read, ask_status, timeout,
                                                         res):
                return res
            if pending_drop is not None:
                part = data[:pending_drop]
                pending_drop = None
                s.sendall(part)
                res.sent.append(part)
                s.close()  # the till gave up half-way (killed, timed out)
                continue
            s.sendall(data)
            res.sent.append(data)
            s.shutdown(socket.SHUT_WR)
            # Drain until the printer side closes: replies, then EOF.
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                r, _, _ = select.select([s], [], [], deadline - time.monotonic())
                if not r:
                    break
                chunk = s.recv(4096)
                if not chunk:
                    break
                res.replies += chunk
            res.printed = True
            res.error = ""
            return res
        except OSError as exc:
            res.error = f"send: {exc}"
        finally:
            with contextlib.suppress(OSError):
                s.close()
    return res


class FdPort:
    """The till's end of a serial link as a raw fd (e.g. a pty master), with
    the two calls the till needs (write, read with timeout)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        while view:
            _, w, _ = select.select([], [self.fd], [], 2.0)
            if not w:
                raise TimeoutError("serial write timed out")
            n = os.write(self.fd, view)
            view = view[n:]
        return len(data)

    def read(self, n: int, timeout: float) -> bytes:
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return b""
        return os.read(self.fd, n)


class SerialPort:
    """A pyserial port as a till link."""

    def __init__(self, path: str, baudrate: int = 9600, rtscts: bool = False,
                 xonxoff: bool = False) -> None:
        import serial

        self.port = serial.Serial(path, baudrate, rtscts=rtscts, xonxoff=xonxoff, timeout=0.05)

    def write(self, data: bytes) -> int:
        return self.port.write(data) or 0

    def read(self, n: int, timeout: float) -> bytes:
        self.port.timeout = timeout
        return self.port.read(n)

    def close(self) -> None:
        self.port.close()


def send_serial(port: FdPort | SerialPort, data: bytes, *, ask_status: int | None = None,
                timeout: float = 2.0) -> PrintResult:
    """Print ``data`` on a serial link, optionally asking ``DLE EOT`` first."""
    res = PrintResult(printed=False)
    if ask_status and not _printer_answers_ready(port.write, port.read, ask_status, timeout, res):
        return res
    port.write(data)
    res.sent.append(data)
    res.printed = True
    return res
