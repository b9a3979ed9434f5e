"""A simulated serial device on a real pseudo-terminal.

The host (the agent's serial shell) opens ``path``: a stable symlink when
``link`` is given (like ``/dev/serial/by-id/...``), else the pty's own
``/dev/pts/N``. The simulator writes the device's bytes with ``write`` and
gets the bytes the host writes through ``on_host_bytes`` (a callback whose
return value, if any, is written back: a request/response device such as a
fingerprint module) or, without a callback, on the ``host_bytes`` queue.

``unplug`` closes the pty and removes the link: the host's open port fails
with an ``OSError`` (EIO) and reopening the link fails (ENOENT), exactly what
a USB-serial adapter pulled out of the till does. ``replug`` makes a new pty
behind the same link.

Generic on purpose: the card readers (``hwsim.rdm6300``, ``hwsim.ascii_reader``),
the fingerprint module and the serial printer (``hwsim.printer.PtyPrinter``)
all sit on it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import queue
import random
import select
import struct
import termios
import threading
import time
import tty
from collections.abc import Callable
from typing import Self

HostBytesHandler = Callable[[bytes], bytes | None]

_IN_OPEN = 0x20
_INOTIFY_EVENT = struct.Struct("iIII")


def _watch_opens(path: str) -> int:
    """An inotify fd reporting each open() of ``path`` (a /dev/pts node),
    or -1 where inotify is unavailable."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            return -1
        if libc.inotify_add_watch(fd, os.fsencode(path), _IN_OPEN) < 0:
            os.close(fd)
            return -1
        return fd
    except (OSError, AttributeError):
        return -1


def _count_opens(fd: int) -> int:
    try:
        data = os.read(fd, 4096)
    except OSError:
        return 0
    n, i = 0, 0
    while i + _INOTIFY_EVENT.size <= len(data):
        _wd, mask, _cookie, length = _INOTIFY_EVENT.unpack_from(data, i)
        i += _INOTIFY_EVENT.size + length
        if mask & _IN_OPEN:
            n += 1
    return n


class PtyDevice:
    """One device end of a pseudo-terminal pair (the simulator holds the master).

    The simulator also keeps the slave side open itself, so the master never
    sees EIO while the host has its port closed (between a loss and a reopen).
    Bytes written while no host has the port open wait in the pty's buffer,
    as they would in a USB adapter's FIFO; beyond that buffer they are dropped
    (``dropped`` counts them) rather than blocking the simulator.
    """

    def __init__(self, link: str | None = None,
                 on_host_bytes: HostBytesHandler | None = None) -> None:
        self.link = link
        self.on_host_bytes = on_host_bytes
        self.host_bytes: queue.Queue[bytes] = queue.Queue()
        self.written = 0
        self.dropped = 0
        self.plugs = 0
        self.host_opens = 0  # open() calls on the pty since the last (re)plug
        self.host_flushes = 0  # input flushes by the host since the last (re)plug
        self._opened = threading.Condition()
        self._inotify = -1
        self._master = -1
        self._slave = -1
        self._slave_name = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def path(self) -> str:
        """What the host opens: the link, else the pty's /dev/pts/N."""
        return self.link or self._slave_name

    @property
    def plugged(self) -> bool:
        return self._master >= 0

    def start(self) -> Self:
        """Create the pty (and the link). Idempotent while plugged."""
        with self._lock:
            if self._master >= 0:
                return self
            master, slave = os.openpty()
            # Raw from the start: no echo, no CR/LF translation of binary frames.
            tty.setraw(slave)
            tty.setraw(master)
            # Packet mode (after setraw's own flush): each read of the master
            # says whether the host discarded its input, so ``wait_host_open``
            # knows when bytes written now will reach the host.
            fcntl.ioctl(master, termios.TIOCPKT, struct.pack("i", 1))
            flags = fcntl.fcntl(master, fcntl.F_GETFL)
            fcntl.fcntl(master, fcntl.F_SETFL, flags | os.O_NONBLOCK)
            self._master, self._slave = master, slave
            self._slave_name = os.ttyname(slave)
            with self._opened:
                self.host_opens = self.host_flushes = 0
            # Our own open of the slave came before the watch: only the host's
            # count. The watch comes before the link, so no host open is missed.
            self._inotify = _watch_opens(self._slave_name)
            if self.link:
                tmp = self.link + ".new"
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
                os.symlink(self._slave_name, tmp)
                os.replace(tmp, self.link)  # atomic: the host never sees a half link
            self.plugs += 1
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._loop,
                                            args=(master, self._inotify, self._stop),
                                            daemon=True, name="hwsim-pty-device")
            self._thread.start()
        return self

    plug = start

    def replug(self, wait_open_s: float = 0.0) -> Self:
        """Plug back in; with ``wait_open_s``, return once the host has opened
        the port again (see ``wait_host_open``) or that time has passed."""
        self.start()
        if wait_open_s > 0:
            self.wait_host_open(wait_open_s)
        return self

    def wait_host_open(self, timeout: float) -> bool:
        """Wait until the host has opened the pty since the last (re)plug, and
        then discarded its input (pyserial does just after opening, as a real
        adapter drops bytes sent while the port was closed): bytes written
        after this reach the host. A host that opens without discarding is
        waited for until ``timeout`` only. False if no open was seen (or it
        cannot be seen: no inotify)."""
        deadline = time.monotonic() + timeout
        with self._opened:
            seen = self._opened.wait_for(lambda: self.host_opens > 0, timeout)
            if seen:
                self._opened.wait_for(lambda: self.host_flushes > 0,
                                      max(0.0, deadline - time.monotonic()))
        return seen

    def unplug(self) -> None:
        """Pull the cable: remove the link and close the pty (the host's reads
        fail with EIO). Safe to call twice."""
        with self._lock:
            self._stop.set()
            t, self._thread = self._thread, None
        if t is not None and t is not threading.current_thread():
            t.join(2.0)
        with self._lock:
            if self.link:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.link)
            for fd in (self._master, self._slave, self._inotify):
                if fd >= 0:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = self._inotify = -1

    stop = unplug
    close = unplug

    def write(self, data: bytes) -> int:
        """Send bytes to the host as the device would. Returns how many were
        accepted (0 while unplugged; fewer when the pty buffer is full)."""
        with self._lock:
            fd = self._master
            if fd < 0:
                self.dropped += len(data)
                return 0
            sent = 0
            view = memoryview(data)
            while sent < len(data):
                try:
                    n = os.write(fd, view[sent:])
                except BlockingIOError:
                    break
                except OSError as exc:
                    if exc.errno in (errno.EIO, errno.EBADF):
                        break
                    raise
                sent += n
            self.written += sent
            self.dropped += len(data) - sent
            return sent

    def read_size(self) -> int:
        """The most one read takes of what the host wrote (a device that
        consumes slowly takes less, so the host feels the pty fill)."""
        return 65536

    def _loop(self, fd: int, watch: int, stop: threading.Event) -> None:
        fds = [fd] + ([watch] if watch >= 0 else [])
        while not stop.is_set():
            try:
                r, _, _ = select.select(fds, [], [], 0.05)
            except (OSError, ValueError):
                return  # closed under us by unplug
            if watch in r:
                n = _count_opens(watch)
                if n:
                    with self._opened:
                        self.host_opens += n
                        self._opened.notify_all()
            if fd not in r:
                continue
            try:
                packet = os.read(fd, self.read_size() + 1)
            except BlockingIOError:
                continue
            except OSError:
                if stop.wait(0.01):
                    return
                continue
            if not packet:
                continue
            if packet[0] != termios.TIOCPKT_DATA:  # a status byte alone, no data
                if packet[0] & termios.TIOCPKT_FLUSHREAD:
                    with self._opened:
                        self.host_flushes += 1
                        self._opened.notify_all()
                continue
            data = packet[1:]
            if not data:
                continue
            if self.on_host_bytes is None:
                self.host_bytes.put(data)
                continue
            reply = self.on_host_bytes(data)
            if reply:
                self.write(reply)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.unplug()


class PtyReaderSim:
    """Base of the simulated serial card readers (``hwsim.rdm6300``,
    ``hwsim.ascii_reader``): a ``PtyDevice`` plus the faults every reader has
    (unplug/replug, line noise, raw bytes). Subclasses add ``present``."""

    def __init__(self, link: str | None = None, seed: int = 0) -> None:
        self.dev = PtyDevice(link=link)
        self.presented = 0
        self._rng = random.Random(seed)

    @property
    def path(self) -> str:
        return self.dev.path

    def start(self) -> Self:
        self.dev.start()
        return self

    def write(self, data: bytes) -> int:
        """Raw bytes on the line."""
        return self.dev.write(data)

    def noise(self, n: int) -> bytes:
        """``n`` random bytes (reproducible per ``seed``)."""
        return bytes(self._rng.randrange(256) for _ in range(int(n)))

    def unplug(self) -> None:
        self.dev.unplug()

    def replug(self, wait_open_s: float = 2.0) -> None:
        """Plug back in and, like an operator watching the reader's light,
        wait (up to ``wait_open_s``) for the host to open the port again:
        cards tapped before that are lost, as on a real reader."""
        self.dev.replug(float(wait_open_s))

    plug = replug

    def stop(self) -> None:
        self.dev.stop()

    close = stop


# --- by hand -------------------------------------------------------------------


def serve_by_hand(sim: object, banner: str) -> int:
    """Run a started simulator from the terminal until EOF or Ctrl-C, then
    stop it."""
    print(banner, flush=True)
    try:
        return console(sim)
    except KeyboardInterrupt:
        return 0
    finally:
        sim.stop()  # type: ignore[attr-defined]


def console(sim: object, lines: object = None, out: object = None) -> int:
    """A tiny command loop for running a simulated reader by hand: each input
    line is ``UID`` (present that card) or a command naming one of the
    simulator's methods with optional arguments (``garbage 20``, ``unplug``,
    ``replug``, ``hold 04A1B2C3 5``). Ends at EOF or ``quit``."""
    import shlex
    import sys

    src = lines if lines is not None else sys.stdin
    dst = out if out is not None else sys.stdout
    for raw in src:  # type: ignore[attr-defined]
        words = shlex.split(str(raw))
        if not words:
            continue
        cmd, args = words[0], words[1:]
        if cmd in ("quit", "exit"):
            break
        fn = getattr(sim, cmd, None) if not cmd.startswith("_") else None
        if fn is None or not callable(fn):
            fn, args = sim.present, words  # type: ignore[attr-defined]
            cmd = "present"
        try:
            result = fn(*args)  # the simulators convert numbers themselves
        except Exception as exc:  # a typo must not end the session
            print(f"error: {exc}", file=dst, flush=True)  # type: ignore[arg-type]
            continue
        print(f"ok {cmd}" + (f" -> {result}" if result is not None else ""), file=dst,
              flush=True)  # type: ignore[arg-type]
    return 0
