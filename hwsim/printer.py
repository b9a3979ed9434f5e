"""A simulated ESC/POS receipt printer on TCP (raw port 9100 style) or a
pseudo-terminal (a serial printer).

``PrinterCore`` is the sans-IO part: fed bytes, it keeps everything it
printed (``received``; ``receipts`` split at cuts) and returns the bytes a
real printer would send back (``DLE EOT n`` status replies, Epson bit layout).
``TcpPrinter`` and ``PtyPrinter`` are the front ends; both can be unplugged
and plugged back, made slow, or told to drop the link mid-receipt.

    python -m hwsim printer --tcp 127.0.0.1:9101
    python -m hwsim printer --pty [--link /tmp/printer0]
"""

from __future__ import annotations

import argparse
import contextlib
import select
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import BinaryIO

from hwsim.pty_device import PtyDevice

HELP = "simulated ESC/POS receipt printer (TCP 9100 or a pseudo-terminal)"

# ESC commands with no argument; every other ESC x takes one byte unless listed.
_ESC_NOARG = set(b"@im2<=")
_ESC_TWO_ARGS = set(b"c")  # ESC c 3 n / ESC c 4 n / ESC c 5 n
_GS_CUT_NOARG = {0, 1, 48, 49}


def _command_length(buf: bytes | bytearray, i: int) -> int:
    """Length of the command starting at ``buf[i]``, or 0 when it is not all
    there yet. Text and plain control bytes are length 1. Unknown commands get
    a best-effort length: the simulator never raises on odd input."""
    n = len(buf) - i
    b = buf[i]
    if b not in (0x10, 0x1B, 0x1C, 0x1D):
        return 1
    if n < 2:
        return 0
    c = buf[i + 1]
    if b == 0x10:  # DLE
        if c in (0x04, 0x05):
            return 3 if n >= 3 else 0
        if c == 0x14:
            return 5 if n >= 5 else 0
        return 2
    if b == 0x1B:  # ESC
        if c in _ESC_NOARG:
            return 2
        if c in _ESC_TWO_ARGS:
            return 4 if n >= 4 else 0
        if c == ord("p"):
            return 5 if n >= 5 else 0
        if c == ord("$"):
            return 4 if n >= 4 else 0
        if c == ord("*"):
            if n < 5:
                return 0
            m, cols = buf[i + 2], buf[i + 3] | (buf[i + 4] << 8)
            total = 5 + cols * (3 if m in (32, 33) else 1)
            return total if n >= total else 0
        return 3 if n >= 3 else 0
    if b == 0x1C:  # FS
        if c == ord("p"):
            return 4 if n >= 4 else 0
        if c in (ord("."), ord("&")):
            return 2
        return 3 if n >= 3 else 0
    # GS
    if c == ord("V"):
        if n < 3:
            return 0
        if buf[i + 2] in _GS_CUT_NOARG:
            return 3
        return 4 if n >= 4 else 0
    if c == ord("v"):
        if n < 8:
            return 0
        w = buf[i + 4] | (buf[i + 5] << 8)
        h = buf[i + 6] | (buf[i + 7] << 8)
        total = 8 + w * h
        return total if n >= total else 0
    if c in (ord("("), ):
        if n < 5:
            return 0
        total = 5 + (buf[i + 3] | (buf[i + 4] << 8))
        return total if n >= total else 0
    if c == ord("8"):
        if n < 7:
            return 0
        p = int.from_bytes(buf[i + 3 : i + 7], "little")
        total = 7 + p
        return total if n >= total else 0
    if c == ord("k"):
        if n < 3:
            return 0
        m = buf[i + 2]
        if m <= 6:  # NUL-terminated form
            end = buf.find(b"\x00", i + 3)
            return end - i + 1 if end >= 0 else 0
        if n < 4:
            return 0
        total = 4 + buf[i + 3]
        return total if n >= total else 0
    if c in (ord("L"), ord("W")):
        return 4 if n >= 4 else 0
    if c == ord("*"):
        if n < 4:
            return 0
        total = 4 + buf[i + 2] * buf[i + 3] * 8
        return total if n >= total else 0
    return 3 if n >= 3 else 0


def _is_cut(cmd: bytes) -> bool:
    return cmd[:2] in (b"\x1dV", b"\x1bi", b"\x1bm")


@dataclass
class PrinterCore:
    """What the printer did with the bytes it got. Fault switches are plain
    attributes (``paper_out``, ``paper_near_end``, ``cover_open``, ``offline``)."""

    paper_out: bool = False
    paper_near_end: bool = False
    cover_open: bool = False
    offline: bool = False
    received: bytearray = field(default_factory=bytearray)
    receipts: list[bytes] = field(default_factory=list)
    status_requests: list[int] = field(default_factory=list)
    replies: bytearray = field(default_factory=bytearray)
    _current: bytearray = field(default_factory=bytearray)
    _pending: bytearray = field(default_factory=bytearray)
    #: Where every byte received is also written, as it arrives (``--save``).
    save: BinaryIO | None = None

    def feed(self, data: bytes) -> bytes:
        """Take bytes from the host; return the bytes to send back."""
        self.received += data
        if self.save is not None:
            # In feed's own order (the front ends call it under their lock), so
            # the file holds exactly what arrived, however fast it came.
            self.save.write(data)
        self._pending += data
        out = bytearray()
        i = 0
        buf = self._pending
        while i < len(buf):
            n = _command_length(buf, i)
            if n == 0:
                break
            cmd = bytes(buf[i : i + n])
            i += n
            if cmd[:2] == b"\x10\x04":
                self.status_requests.append(cmd[2])
                out += self.status_byte(cmd[2])
                continue  # real-time commands are not printed
            self._current += cmd
            if _is_cut(cmd):
                self.receipts.append(bytes(self._current))
                self._current.clear()
        del buf[:i]
        self.replies += out
        return bytes(out)

    @property
    def unfinished(self) -> bytes:
        """Bytes printed since the last cut (a receipt with no cut yet)."""
        return bytes(self._current)

    def status_byte(self, n: int) -> bytes:
        """The ``DLE EOT n`` reply: bits 1 and 4 are always 1 (0x12), the rest
        per the Epson TM spec."""
        s = 0x12
        stopped = self.offline or self.paper_out or self.cover_open
        if n == 1:  # printer status: bit 3 offline
            if stopped:
                s |= 0x08
        elif n == 2:  # offline cause: bit 2 cover open, bit 5 paper end stop
            if self.cover_open:
                s |= 0x04
            if self.paper_out:
                s |= 0x20
            if self.offline and not (self.cover_open or self.paper_out):
                s |= 0x40  # error occurred
        elif n == 3:  # error cause: nothing simulated
            pass
        elif n == 4:  # roll paper sensor: bits 2,3 near end; bits 5,6 paper end
            if self.paper_near_end or self.paper_out:
                s |= 0x0C
            if self.paper_out:
                s |= 0x60
        else:
            return b""  # not a valid request: a real printer ignores it
        return bytes([s])


class _Faults:
    """Fault knobs shared by both front ends."""

    def __init__(self) -> None:
        self.slow_bytes_per_s: float = 0.0  # 0 = full speed
        self.drop_after: int | None = None  # drop the link after this many bytes


class TcpPrinter:
    """A raw-TCP (port 9100 style) printer around a ``PrinterCore``.

    ``jobs`` holds the bytes of each connection that sent any, in order of
    closing (a connection opened and closed empty prints nothing: a client
    checking that the printer answers); ``connections`` counts them all."""

    def __init__(self, core: PrinterCore | None = None, host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self.core = core or PrinterCore()
        self.faults = _Faults()
        self.jobs: list[bytes] = []
        self.connections = 0
        self._host, self._port = host, port
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._conns: set[socket.socket] = set()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._job_done = threading.Condition(self._lock)

    @property
    def address(self) -> tuple[str, int]:
        return self._host, self._port

    def start(self) -> TcpPrinter:
        """Listen (again, after ``unplug``) on the same address."""
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((self._host, self._port))
        s.listen(8)
        self._port = s.getsockname()[1]
        self._sock = s
        self._stop.clear()
        t = threading.Thread(target=self._accept_loop, args=(s,), daemon=True,
                             name="hwsim-printer-accept")
        t.start()
        self._threads.append(t)
        return self

    plug = start

    def unplug(self) -> None:
        """Power off: refuse new connections and drop the open ones."""
        self._stop.set()
        with self._lock:
            for c in list(self._conns):
                with contextlib.suppress(OSError):
                    c.shutdown(socket.SHUT_RDWR)
        for t in self._threads:
            t.join(2.0)
        self._threads.clear()
        if self._sock:  # closed only once no thread is selecting on it
            self._sock.close()
            self._sock = None

    stop = unplug

    def wait_jobs(self, n: int, timeout: float = 5.0) -> bool:
        """Wait until ``n`` jobs (connections that sent bytes) have closed."""
        with self._job_done:
            return self._job_done.wait_for(lambda: len(self.jobs) >= n, timeout)

    def _accept_loop(self, s: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                r, _, _ = select.select([s], [], [], 0.05)
                if not r:
                    continue
                conn, _ = s.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._conns.add(conn)
                self.connections += 1
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True,
                                 name="hwsim-printer-conn")
            t.start()
            self._threads.append(t)

    def _serve(self, conn: socket.socket) -> None:
        job = bytearray()
        try:
            while not self._stop.is_set():
                r, _, _ = select.select([conn], [], [], 0.05)
                if not r:
                    continue
                chunk = 64 if self.faults.slow_bytes_per_s else 65536
                data = conn.recv(chunk)
                if not data:
                    break
                drop = self.faults.drop_after
                if drop is not None and len(job) + len(data) >= drop:
                    data = data[: max(0, drop - len(job))]
                    self.faults.drop_after = None
                    with self._lock:
                        job += data
                        self.core.feed(data)
                    conn.shutdown(socket.SHUT_RDWR)  # the link dies mid-receipt
                    break
                with self._lock:
                    job += data
                    reply = self.core.feed(data)
                if reply:
                    conn.sendall(reply)
                if self.faults.slow_bytes_per_s:
                    time.sleep(len(data) / self.faults.slow_bytes_per_s)
        except OSError:
            pass
        finally:
            with self._lock:  # recorded before the close the client sees
                self._conns.discard(conn)
                if job:
                    self.jobs.append(bytes(job))
                self._job_done.notify_all()
            conn.close()


class PtyPrinter(PtyDevice):
    """A serial printer on a pseudo-terminal (a ``PtyDevice``). Clients open
    ``path`` (a stable symlink when ``link`` is given, like /dev/serial/by-id,
    else the pty's own /dev/pts/N). ``unplug`` closes the pty so the client's
    port vanishes; ``plug`` makes a new one behind the same symlink."""

    def __init__(self, core: PrinterCore | None = None, link: str | None = None) -> None:
        super().__init__(link=link, on_host_bytes=self._feed)
        self.core = core or PrinterCore()
        self.faults = _Faults()

    def read_size(self) -> int:
        return 64 if self.faults.slow_bytes_per_s else super().read_size()

    def _feed(self, data: bytes) -> None:
        reply = self.core.feed(data)
        if reply:
            self.write(reply)
        if self.faults.slow_bytes_per_s:
            time.sleep(len(data) / self.faults.slow_bytes_per_s)


# --- by hand -------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--tcp", metavar="HOST:PORT", help="listen as a raw TCP printer")
    g.add_argument("--pty", action="store_true", help="serve on a new pseudo-terminal")
    p.add_argument("--link", help="with --pty: a stable symlink to the pty")
    p.add_argument("--paper-out", action="store_true", help="report paper out")
    p.add_argument("--paper-near-end", action="store_true", help="report paper near end")
    p.add_argument("--cover-open", action="store_true", help="report the cover open")
    p.add_argument("--offline", action="store_true", help="report offline")
    p.add_argument("--slow", type=float, default=0.0, metavar="BYTES_PER_S",
                   help="consume slowly (a busy or slow printer)")
    p.add_argument("--save", metavar="FILE", help="append every byte received to FILE")


def main(args: argparse.Namespace) -> int:
    core = PrinterCore(paper_out=args.paper_out, paper_near_end=args.paper_near_end,
                       cover_open=args.cover_open, offline=args.offline)
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        front: TcpPrinter | PtyPrinter = TcpPrinter(core, host or "127.0.0.1", int(port))
        front.start()
        where = "{}:{}".format(*front.address)
    else:
        front = PtyPrinter(core, link=args.link)
        front.start()
        where = front.path
    front.faults.slow_bytes_per_s = args.slow
    if args.save:
        core.save = open(args.save, "ab", buffering=0)  # noqa: SIM115 - closed below
    print(f"printer listening on {where}", flush=True)
    seen = 0
    try:
        while True:
            time.sleep(0.2)
            while seen < len(core.receipts):
                r = core.receipts[seen]
                seen += 1
                print(f"receipt {seen}: {len(r)} bytes", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        front.stop()
        if core.save is not None:
            core.save.close()
    print(f"{len(core.receipts)} receipt(s), {len(core.received)} bytes", file=sys.stderr)
    return 0
