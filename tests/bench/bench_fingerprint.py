"""Finger-on-glass -> BiometricMatch latency through a pseudo-terminal, in one run.

Baseline: a bare loop on the pty (os.read/os.write, the three commands as
constant bytes, fixed-size answers): the least any driver can cost.
Measured: the real ``FingerprintReader`` + ``FingerprintSession`` (pyserial,
resyncing decoder, deadlines). Both poll the same simulated module
(``hwsim.fingerprint``) at the same interval, alternating finger by finger.
The interval dominates (a finger waits up to one interval to be seen), so
the figures are shown at 0 (back-to-back polling: protocol and overhead
only) and at the demo's 20 ms.

    python tests/bench/bench_fingerprint.py [--n 150]
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import sys
import tempfile
import threading
import time
import tty
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drivers.events import BiometricMatch  # noqa: E402
from drivers.fingerprint import FingerprintSession  # noqa: E402
from drivers.fingerprint_reader import FingerprintReader  # noqa: E402
from hwsim.fingerprint import FingerprintSim  # noqa: E402
from tests.bench.stats import pct  # noqa: E402

GEN_IMG = bytes.fromhex("EF01FFFFFFFF010003010005")
IMG2TZ = bytes.fromhex("EF01FFFFFFFF0100040201 0008")
SEARCH = bytes.fromhex("EF01FFFFFFFF010008040100 0003E800F9")


def _read_exactly(fd: int, n: int) -> bytes:
    out = b""
    while len(out) < n:
        out += os.read(fd, n - len(out))
    return out


def bare_loop(path: str, interval: float, hits: queue.Queue, stop: threading.Event) -> None:
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    held = False
    try:
        while not stop.is_set():
            os.write(fd, GEN_IMG)
            if _read_exactly(fd, 12)[9] != 0:
                held = False
                time.sleep(interval)
                continue
            if held:
                time.sleep(interval)
                continue
            os.write(fd, IMG2TZ)
            _read_exactly(fd, 12)
            os.write(fd, SEARCH)
            ans = _read_exactly(fd, 16)
            if ans[9] == 0:
                hits.put(time.perf_counter())
            held = True
    finally:
        os.close(fd)


def shell_loop(path: str, interval: float, hits: queue.Queue, stop: threading.Event) -> None:
    r = FingerprintReader("finger", path, 57600,
                          FingerprintSession("finger", poll_interval_s=interval))
    r.open()
    try:
        while not stop.is_set():
            for ev in r.read(0.05, time.time()):
                if isinstance(ev, BiometricMatch):
                    hits.put(time.perf_counter())
    finally:
        r.close()


def run(loop, sim: FingerprintSim, interval: float, n: int) -> list[float]:
    hits: queue.Queue = queue.Queue()
    stop = threading.Event()
    t = threading.Thread(target=loop, args=(sim.path, interval, hits, stop), daemon=True)
    t.start()
    time.sleep(0.2)
    lat = []
    for i in range(n):
        time.sleep(0.003 * (i % 7))  # not in step with the poll
        t0 = time.perf_counter()
        sim.place(7)
        lat.append(hits.get(timeout=5) - t0)
        sim.lift()
        time.sleep(2 * interval + 0.01)  # the loop sees the glass empty
    stop.set()
    t.join(2)
    return lat


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=150)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        sim = FingerprintSim([7], link=str(Path(d) / "finger")).start()
        try:
            print(f"fingers: {args.n} per cell, finger placed -> match event (ms)")
            print(f"{'poll interval':16}{'':10}{'bare pty loop':>16}{'reader+session':>16}")
            for interval in (0.0, 0.02):
                bare: list[float] = []
                shell: list[float] = []
                for _ in range(2):  # interleaved halves: no warm-up favours one side
                    bare += run(bare_loop, sim, interval, args.n // 2)
                    shell += run(shell_loop, sim, interval, args.n // 2)
                for name, p in (("p50", 0.5), ("p99", 0.99)):
                    b = statistics.median(bare) if p == 0.5 else pct(bare, p)
                    s = statistics.median(shell) if p == 0.5 else pct(shell, p)
                    print(f"{interval * 1000:8.0f} ms{'':6}{name:>6}{b * 1e3:16.3f}{s * 1e3:16.3f}")
        finally:
            sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
