"""Card tap -> event latency through a pseudo-terminal, against reading the
same pseudo-terminal directly, in the same run.

The simulated RDM6300 (``hwsim.rdm6300``) writes one 14-byte frame per tap; we
time from that write to:

  * ``raw pty``: ``select`` + ``os.read`` on the pty returning the whole frame
    (the floor: what the OS and the pty cost);
  * ``SerialReader``: the agent's pyserial shell returning the ``CardRead``
    (pyserial + RDM6300 decoder + debounce);
  * ``supervised``: the same shell under ``DeviceSupervisor`` handing the
    ``CardRead`` to its ``emit`` callback (what the runtime's queue receives).

And for the keyboard wedge: the simulator's ``input_event`` records on a FIFO
read raw vs through ``EvdevReader`` (+ ``KeywedgeDecoder``).

A pty has no baud rate: on a real reader the frame itself takes ~14.6 ms on
the wire at 9600 baud, which both sides of the comparison would add alike.
Rounds alternate between the variants so machine noise hits them alike. The
reader runs on its own thread, the tapping on the main one (as in the agent:
the supervisor's thread reads, the simulator is another party).

    python tests/bench/bench_readers.py [--n 1000]
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from agent.runtime.supervisor import DeviceSupervisor  # noqa: E402
from drivers.debounce import Debouncer  # noqa: E402
from drivers.evdev_reader import EvdevReader  # noqa: E402
from drivers.events import CardRead  # noqa: E402
from drivers.keywedge import KeywedgeDecoder  # noqa: E402
from drivers.rdm6300 import Rdm6300Decoder  # noqa: E402
from drivers.serial_reader import SerialReader  # noqa: E402
from hwsim.keywedge import KeywedgeSim, encode_text  # noqa: E402
from hwsim.rdm6300 import Rdm6300Sim, encode_frame  # noqa: E402


class Probe:
    """The reader side of one variant: ``arm()`` before a tap, the reader
    thread calls ``hit()`` when the whole tap has arrived."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.t_hit = 0.0

    def arm(self) -> None:
        self.done.clear()

    def hit(self) -> None:
        self.t_hit = time.perf_counter()
        self.done.set()


def raw_reader(fd: int, frame_len: int, probe: Probe, stop: threading.Event) -> None:
    got = 0
    while not stop.is_set():
        r, _, _ = select.select([fd], [], [], 0.2)
        if not r:
            continue
        got += len(os.read(fd, 65536))
        while got >= frame_len:
            got -= frame_len
            probe.hit()


def shell_reader(shell, probe: Probe, stop: threading.Event) -> None:
    while not stop.is_set():
        for ev in shell.read(0.2, time.time()):
            if isinstance(ev, CardRead):
                probe.hit()


def measure(write, probe: Probe, uid: str) -> float:
    probe.arm()
    t0 = time.perf_counter()
    write(uid)
    if not probe.done.wait(2.0):
        raise RuntimeError("a tap never arrived")
    return (probe.t_hit - t0) * 1e3


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def row(name: str, xs: list[float], base: list[float] | None) -> str:
    p50, p99 = statistics.median(xs), pct(xs, 99)
    extra = ""
    if base:
        extra = (f"   {p50 - statistics.median(base):+.3f} / {p99 - pct(base, 99):+.3f} ms "
                 "vs raw (p50 / p99)")
    return f"  {name:<22} p50 {p50:7.3f} ms   p99 {p99:7.3f} ms   max {max(xs):7.3f} ms{extra}"


class Variant:
    """One way of reading the device, opened for a block of taps then closed
    (only one reader holds the device at a time)."""

    def __init__(self, name: str, open_fn) -> None:
        self.name = name
        self.open_fn = open_fn  # () -> (probe, close)
        self.samples: list[float] = []


def _threaded(target, *args):
    stop = threading.Event()
    t = threading.Thread(target=target, args=(*args, stop), daemon=True)
    t.start()

    def close() -> None:
        stop.set()
        t.join()
    return close


def raw_fd_variant(path_fn, frame_len: int, flags: int, make_raw: bool):
    def open_() -> tuple[Probe, object]:
        fd = os.open(os.path.realpath(path_fn()), flags | os.O_NONBLOCK)
        if make_raw:
            import tty
            tty.setraw(fd)
        probe = Probe()
        stop_thread = _threaded(raw_reader, fd, frame_len, probe)

        def close() -> None:
            stop_thread()
            os.close(fd)
        return probe, close
    return open_


def shell_variant(make_shell):
    def open_() -> tuple[Probe, object]:
        shell = make_shell()
        shell.open()
        probe = Probe()
        stop_thread = _threaded(shell_reader, shell, probe)

        def close() -> None:
            stop_thread()
            shell.close()
        return probe, close
    return open_


def supervised_variant(make_shell, kind: str):
    def open_() -> tuple[Probe, object]:
        probe = Probe()
        sup = DeviceSupervisor(make_shell(), kind,
                               lambda ev: probe.hit() if isinstance(ev, CardRead) else None,
                               read_timeout_s=0.2).start()
        deadline = time.monotonic() + 5
        while not sup.state().connected and time.monotonic() < deadline:
            time.sleep(0.005)
        return probe, lambda: sup.stop(2.0)
    return open_


def run_blocks(variants: list[Variant], tap, n: int, block: int = 100) -> list[str]:
    """Alternate the variants block by block until each has ``n`` taps."""
    uid_no = 0
    while min(len(v.samples) for v in variants) < n:
        for v in variants:
            probe, close = v.open_fn()
            time.sleep(0.05)  # let the reader settle into its read loop
            try:
                for _ in range(min(block, n - len(v.samples))):
                    uid_no += 1
                    v.samples.append(measure(tap, probe, f"{uid_no:08X}"))
            finally:
                close()
    base = variants[0].samples
    return [row(v.name, v.samples, None if v is variants[0] else base) for v in variants]


def bench_rdm6300(n: int, tmp: Path) -> list[str]:
    sim = Rdm6300Sim(link=str(tmp / "rfid")).start()

    def make_shell() -> SerialReader:
        return SerialReader("door", sim.path, 9600, Rdm6300Decoder("door"), Debouncer(0))

    variants = [
        Variant("raw pty", raw_fd_variant(lambda: sim.path, 14, os.O_RDWR | os.O_NOCTTY, True)),
        Variant("SerialReader", shell_variant(make_shell)),
        Variant("supervised", supervised_variant(make_shell, "rdm6300")),
    ]
    try:
        return run_blocks(variants, sim.present, n)
    finally:
        sim.stop()


def bench_wedge(n: int, tmp: Path) -> list[str]:
    sim = KeywedgeSim(path=str(tmp / "wedge.fifo")).start()
    rec_len = len(encode_text("00000001", 0.0))

    def make_shell() -> EvdevReader:
        return EvdevReader("wedge", KeywedgeDecoder("wedge"), path=sim.path, grab=False,
                           debounce=Debouncer(0))

    variants = [
        Variant("raw fifo", raw_fd_variant(lambda: sim.path, rec_len, os.O_RDONLY, False)),
        Variant("EvdevReader", shell_variant(make_shell)),
        Variant("supervised", supervised_variant(make_shell, "keyboard")),
    ]
    try:
        return run_blocks(variants, sim.present, n)
    finally:
        sim.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="taps per variant")
    args = ap.parse_args()
    assert len(encode_frame("00000001")) == 14
    with tempfile.TemporaryDirectory(prefix="bench-readers-") as d:
        print(f"card tap -> event latency, {args.n} taps per variant")
        print(" RDM6300 on a pty:")
        for line in bench_rdm6300(args.n, Path(d)):
            print(line, flush=True)
        print(" keyboard wedge (input_event records on a FIFO):")
        for line in bench_wedge(args.n, Path(d)):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
