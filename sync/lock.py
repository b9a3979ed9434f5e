"""One drainer at a time: the daemon and a technician's ``agent sync`` must
never push the queue together.

An ``fcntl.flock`` on ``sync.lock`` in the state directory. The kernel drops
it when the holder exits, however it exits, so a crash never leaves a stale
lock. Two locks taken in one process also exclude each other (flock belongs
to the open file), which lets tests run two drainers side by side.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

LOCK_FILE = "sync.lock"


class DrainerLock:
    """The drainer lock of one state directory."""

    def __init__(self, state_dir: Path | str, who: str = "agent"):
        self.path = Path(state_dir) / LOCK_FILE
        self.who = who
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False if another drainer has it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        # Who holds it, for the message the other one prints.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {self.who}\n".encode(), 0)
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)  # closing drops the flock

    def holder(self) -> str:
        """``"<pid> <who>"`` of the current holder as it wrote it ("" if unknown)."""
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    def __enter__(self) -> DrainerLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
