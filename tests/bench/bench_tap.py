"""Printer tap pass-through latency, against the same printer without the tap.

The round trip a status-polling till makes: write ``DLE EOT 1`` (3 bytes),
wait for the 1-byte reply. Measured to the same simulated printer, in the
same run:

  * TCP, one open connection: direct socket vs through ``TcpTap``, and
    through ``TcpTap`` with the runtime's write-ahead spool (an fdatasync
    before each chunk is forwarded; on this machine's disk: see the row);
  * TCP, one connection per job (connect, ask, reply, close): direct vs tap;
  * pty: the till on a pty straight to the printer's pty vs through
    ``SerialTap`` (two ptys).

The printer and the tap each run in their own process (as in the field: the
printer is a separate box, the tap lives in the agent), so the three parties
never share a GIL. Target: the tap adds <= 1 ms at p99.

    python tests/bench/bench_tap.py [--n 2000]
"""

from __future__ import annotations

import argparse
import os
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tty
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.stats import pct  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

TAP_SCRIPT = '''
import sys, time
from drivers.tap_core import NullListener
from drivers.tap_serial import SerialTap
from drivers.tap_tcp import TcpTap
if sys.argv[1] in ("tcp", "tcp-spool"):
    tap = TcpTap("127.0.0.1:0", sys.argv[2], NullListener())
    if sys.argv[1] == "tcp-spool":  # the runtime's write-ahead copy, fdatasync per chunk
        from agent.runtime.tap_spool import TapSpool
        spool = TapSpool(sys.argv[3])
        spool.open()
        tap.core.spool = spool
    tap.start()
    print("{}:{}".format(*tap.address), flush=True)
else:
    tap = SerialTap(sys.argv[2], sys.argv[3], 115200, listener=NullListener())
    tap.start()
    print("ready", flush=True)
sys.stdin.read()
tap.stop()
'''

ASK = b"\x10\x04\x01"


def recv1(s: socket.socket) -> None:
    if s.recv(1) != b"\x12":
        raise RuntimeError("unexpected reply")


def tcp_open_connection(addr: tuple[str, int], n: int) -> list[float]:
    with socket.create_connection(addr) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(50):  # warm-up
            s.sendall(ASK)
            recv1(s)
        out = []
        for _ in range(n):
            t0 = time.perf_counter()
            s.sendall(ASK)
            recv1(s)
            out.append(time.perf_counter() - t0)
    return out


def tcp_per_job(addr: tuple[str, int], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        with socket.create_connection(addr) as s:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.sendall(ASK)
            recv1(s)
            s.shutdown(socket.SHUT_WR)
            while s.recv(64):
                pass
        out.append(time.perf_counter() - t0)
    return out


def receipt_jobs(addr: tuple[str, int], n: int) -> list[float]:
    """Whole receipts, one connection each, until the far side closes."""
    from hwsim.till import SaleSpec, compose

    job = compose(SaleSpec([("Pasta bake", 1, 230), ("Cookie", 2, 100)], tender="Cash"))
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        with socket.create_connection(addr) as s:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.sendall(job)
            s.shutdown(socket.SHUT_WR)
            while s.recv(64):
                pass
        out.append(time.perf_counter() - t0)
    return out


def fd_round_trips(fd: int, n: int) -> list[float]:
    def once() -> None:
        os.write(fd, ASK)
        r, _, _ = select.select([fd], [], [], 2.0)
        if not r or os.read(fd, 1) != b"\x12":
            raise RuntimeError("no reply")

    for _ in range(50):
        once()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        once()
        out.append(time.perf_counter() - t0)
    return out


def row(name: str, direct: list[float], tapped: list[float], judge: bool = True) -> None:
    d50, d99 = pct(direct, 0.5) * 1e3, pct(direct, 0.99) * 1e3
    t50, t99 = pct(tapped, 0.5) * 1e3, pct(tapped, 0.99) * 1e3
    verdict = ("OK" if t99 - d99 <= 1.0 else "OVER 1 ms") if judge else "(info)"
    print(f"{name:<26} {d50:>8.3f} {d99:>8.3f} | {t50:>8.3f} {t99:>8.3f} | "
          f"{t50 - d50:>+8.3f} {t99 - d99:>+8.3f}  {verdict}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="round trips per measurement")
    args = ap.parse_args()
    n = args.n

    print(f"round trip of a {len(ASK)}-byte DLE EOT and its 1-byte reply, n={n}; "
          f"times in ms")
    print(f"{'':<26} {'direct':>17} | {'through tap':>17} | {'added':>17}")
    print(f"{'':<26} {'p50':>8} {'p99':>8} | {'p50':>8} {'p99':>8} | {'p50':>8} {'p99':>8}")

    procs: list[subprocess.Popen] = []

    def spawn(argv: list[str]) -> str:
        p = subprocess.Popen([sys.executable, *argv], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
        procs.append(p)
        return p.stdout.readline().strip()

    def addr(text: str) -> tuple[str, int]:
        host, _, port = text.rpartition(":")
        return host, int(port)

    tmp = tempfile.mkdtemp()
    try:
        printer = addr(spawn(["-m", "hwsim", "printer", "--tcp", "127.0.0.1:0"]).split()[-1])
        tap = addr(spawn(["-c", TAP_SCRIPT, "tcp", "{}:{}".format(*printer)]))
        # Interleave halves so drift in machine load hits both sides alike.
        d1 = tcp_open_connection(printer, n // 2)
        t1 = tcp_open_connection(tap, n // 2)
        d2 = tcp_open_connection(printer, n // 2)
        t2 = tcp_open_connection(tap, n // 2)
        row("tcp, open connection", d1 + d2, t1 + t2)
        spool_dir = os.path.join(tmp, "spool")
        tap_spool = addr(spawn(["-c", TAP_SCRIPT, "tcp-spool", "{}:{}".format(*printer),
                                spool_dir]))
        d3 = tcp_open_connection(printer, n // 2)
        t3 = tcp_open_connection(tap_spool, n // 2)
        row("tcp, open, + spool (polls)", d3, t3)
        jobs = max(100, n // 5)
        plain, spooled = receipt_jobs(tap, jobs), receipt_jobs(tap_spool, jobs)
        row("receipt job: tap vs +spool", plain, spooled, judge=False)
        # Includes a TCP connect to the tap and one from the tap to the printer;
        # its p99 is dominated by thread start-up jitter on both sides, so it
        # is shown, not judged.
        row("tcp, connection per job", tcp_per_job(printer, jobs), tcp_per_job(tap, jobs),
            judge=False)

        link = os.path.join(tmp, "printer")
        spawn(["-m", "hwsim", "printer", "--pty", "--link", link])
        direct_fd = os.open(link, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(direct_fd)
        direct = fd_round_trips(direct_fd, n)
        os.close(direct_fd)
        till_master, till_slave = os.openpty()
        tty.setraw(till_slave)
        spawn(["-c", TAP_SCRIPT, "serial", os.ttyname(till_slave), link])
        tapped = fd_round_trips(till_master, n)
        row("pty (serial pass-through)", direct, tapped)
        os.close(till_master)
        os.close(till_slave)
    finally:
        for p in procs:
            p.terminate()
            p.wait(5)
    print(f"(median of direct tcp: {statistics.median(d1 + d2) * 1e6:.0f} us)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
