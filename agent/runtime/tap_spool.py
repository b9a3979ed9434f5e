"""The printer tap's write-ahead spool: the till's bytes, durable before they
are forwarded to the printer.

Why: the tap forwards first and the journal commits a few milliseconds later
(decode, correlate, policy). An agent killed in between (power cut, OOM,
SIGKILL) would leave a printed receipt with no sale. With the spool, every
byte that reached the printer is on disk first; at the next start the runtime
replays what the journal does not already hold (``agent.runtime.spool_replay``).

Format: one file per generation, ``spool/tap-<gen>.bin``, a sequence of
records ``kind u8 | time f64 | length u32 | payload | crc32 u32`` where kind
is ``D`` (till bytes), ``X`` (the previous ``D`` was not forwarded after all),
``J`` (a print job ended), ``S`` (a TCP/USB job began; payload: the sender's
address, so a recovered receipt keeps its till; written in one write with the
job's first ``D``, before it, so that chunk's sync makes the sender durable
too) or ``F`` (the job in progress is flagged; payload: the flag, e.g.
``not_printed``: such a job's bytes are spooled though the printer never got
them, because the till believes it printed and the journal is then the
sale's only record). A record torn by a crash fails its CRC: it was never
forwarded (forwarding waits for ``fdatasync``), so reading stops there.

Generations: a new one at each start (older ones are replayed, then deleted
once nothing replayed from them is held for a re-send or waiting for the
journal, whether or not the till is printing) and when the current one grows
past ``rotate_bytes`` while the agent is idle; the one before the current is kept
until the next rotation because its last chunk may still be on its way
through the main loop.

Privacy: the files hold receipts (names, account references): mode 0600 in the
0700 state directory, never logged.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from agent.outfile import fsync_dir

log = logging.getLogger("agent.runtime.tap_spool")

SPOOL_DIR = "spool"
_HEAD = struct.Struct("<cdI")
_CRC = struct.Struct("<I")
_NAME = re.compile(r"tap-(\d{8})\.bin")
MAX_PAYLOAD = 1 << 20
DATA, DROPPED, JOB_END, JOB_START, JOB_FLAG = b"D", b"X", b"J", b"S", b"F"
KINDS = (DATA, DROPPED, JOB_END, JOB_START, JOB_FLAG)
_STATUS_ONLY = re.compile(rb"(?:\x10\x04[\x01-\x04]|\x10\x05[\x00-\x02])+")


@dataclass(frozen=True, slots=True)
class SpoolRecord:
    kind: bytes
    t: float
    data: bytes = b""


def encode_record(kind: bytes, t: float, data: bytes = b"") -> bytes:
    head = _HEAD.pack(kind, t, len(data))
    return head + data + _CRC.pack(zlib.crc32(head + data))


def read_records(path: Path) -> Iterator[SpoolRecord]:
    """The intact records of one spool file, in order; stops at the first torn
    or damaged record (logged)."""
    with open(path, "rb") as f:
        buf = f.read()
    i = 0
    while i + _HEAD.size + _CRC.size <= len(buf):
        kind, t, n = _HEAD.unpack_from(buf, i)
        end = i + _HEAD.size + n
        if kind not in KINDS or n > MAX_PAYLOAD or end + _CRC.size > len(buf):
            break
        (crc,) = _CRC.unpack_from(buf, end)
        if crc != zlib.crc32(buf[i:end]):
            break
        yield SpoolRecord(kind, t, bytes(buf[i + _HEAD.size:end]))
        i = end + _CRC.size
    if i < len(buf):
        log.warning("tap spool %s: %d byte(s) after the last intact record ignored "
                    "(torn by a crash: never forwarded)", path.name, len(buf) - i)


def generations(directory: Path) -> list[tuple[int, Path]]:
    """Existing spool files, oldest first."""
    out = []
    if directory.is_dir():
        for p in directory.iterdir():
            m = _NAME.fullmatch(p.name)
            if m:
                out.append((int(m.group(1)), p))
    return sorted(out)


class TapSpool:
    """The writer (implements ``drivers.tap_core.TapSpool``). Called from the
    tap's thread; ``rotate_if_large``/``discard`` from the main loop."""

    def __init__(self, directory: Path | str, *, rotate_bytes: int = 1 << 20,
                 fsync: bool = True) -> None:
        self.dir = Path(directory)
        self.rotate_bytes = rotate_bytes
        self.fsync = fsync
        self._lock = threading.Lock()
        self._fd = -1
        self.gen = 0
        self.size = 0
        self.records = 0

    def open(self) -> list[Path]:
        """Start a new generation; returns the older files (to replay)."""
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        older = generations(self.dir)
        with self._lock:
            self._open_gen((older[-1][0] if older else 0) + 1)
        return [p for _g, p in older]

    def _open_gen(self, gen: int) -> None:
        path = self.dir / f"tap-{gen:08d}.bin"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        if self.fsync:
            fsync_dir(self.dir)
        if self._fd >= 0:
            os.close(self._fd)
        self._fd, self.gen, self.size = fd, gen, os.fstat(fd).st_size

    @property
    def path(self) -> Path:
        return self.dir / f"tap-{self.gen:08d}.bin"

    def _write(self, rec: bytes, sync: bool = True, records: int = 1) -> None:
        with self._lock:
            if self._fd < 0:
                raise OSError("tap spool is closed")
            os.write(self._fd, rec)
            if self.fsync and sync:
                os.fdatasync(self._fd)
            self.size += len(rec)
            self.records += records

    # --- drivers.tap_core.TapSpool -------------------------------------

    def till_bytes(self, data: bytes, now: float, sender: str | None = None) -> None:
        # A chunk of nothing but real-time status requests (a till polling
        # DLE EOT) prints nothing: written in order but not synced, so a
        # polling till does not wait for the disk. The next chunk's sync
        # makes it durable too (same file); a process crash loses nothing
        # (the page cache survives it).
        sync = _STATUS_ONLY.fullmatch(data) is None
        # A job's first chunk carries its sender: the S record goes in the
        # same write, so the chunk's one fdatasync makes both durable (a
        # power cut before the job's end must not lose whose job it was).
        start = b"" if sender is None else encode_record(JOB_START, now, _sender(sender))
        for i in range(0, len(data), MAX_PAYLOAD):
            self._write(start + encode_record(DATA, now, data[i:i + MAX_PAYLOAD]), sync,
                        records=2 if start else 1)
            start = b""

    def dropped(self, now: float) -> None:
        self._write(encode_record(DROPPED, now))

    def job_end(self, now: float) -> None:
        self._write(encode_record(JOB_END, now))

    def job_start(self, peer: str, now: float) -> None:
        # A job that begins with no chunk (not_printed: its flag follows at
        # once and is synced, making this durable too). A printed job's
        # sender comes with its first chunk (``till_bytes(sender=...)``).
        self._write(encode_record(JOB_START, now, _sender(peer)), sync=False)

    def job_flag(self, flag: str, now: float) -> None:
        self._write(encode_record(JOB_FLAG, now, flag.encode()[:64]))

    # --- housekeeping (main loop, when nothing is in flight) ---------------

    def rotate_if_large(self) -> bool:
        """Start a new generation when the current one is large; delete all
        but the one just closed. Call only when the agent is idle."""
        with self._lock:
            if self._fd < 0 or self.size < self.rotate_bytes:
                return False
            keep = self.gen
            self._open_gen(self.gen + 1)
        self.discard([p for g, p in generations(self.dir) if g < keep])
        return True

    def discard(self, paths: list[Path]) -> None:
        """Delete replayed or superseded generations (never the open one)."""
        for p in paths:
            if p == self.path and self._fd >= 0:
                continue
            try:
                p.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("tap spool: could not delete %s: %s", p.name, exc)

    def close(self) -> None:
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1


def _sender(peer: str) -> bytes:
    return peer.encode()[:255]
