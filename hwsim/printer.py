"""A simulated ESC/POS receipt printer on TCP (raw port 9100 style) or a
pseudo-terminal (a serial printer).

``PrinterCore`` (``hwsim.printer_core``) is the sans-IO part: fed bytes, it
keeps everything it printed and returns the bytes a real printer would send
back. ``TcpPrinter`` and ``PtyPrinter`` are the front ends; both can be unplugged
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

from hwsim.printer_core import PrinterCore
from hwsim.pty_device import PtyDevice

HELP = "simulated ESC/POS receipt printer (TCP 9100 or a pseudo-terminal)"


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
