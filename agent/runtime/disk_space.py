"""How full the state directory's disk may get before people are told: one
measure for the doctor's ``host.disk`` check and the running agent's
``disk_low`` alarm, so the two never disagree."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The journal needs room for a day of sales and SQLite's write-ahead log; a
# journal write can still succeed on a full disk (SQLite reuses the log's
# pages), so free space is watched, not only failed writes.
NEARLY_FULL_BYTES = 50 * 1024 * 1024
NEARLY_FULL_FRACTION = 0.02
GETTING_FULL_BYTES = 500 * 1024 * 1024
GETTING_FULL_FRACTION = 0.10


@dataclass(frozen=True)
class DiskSpace:
    """Free and total bytes of one filesystem (as the agent's user may use it)."""

    free: int
    total: int

    @property
    def fraction(self) -> float:
        return self.free / (self.total or 1)

    def nearly_full(self) -> bool:
        """Sales may soon fail to save: act today."""
        return self.free < NEARLY_FULL_BYTES or self.fraction < NEARLY_FULL_FRACTION

    def getting_full(self) -> bool:
        """Worth a technician's look, nothing at the till yet."""
        return self.free < GETTING_FULL_BYTES or self.fraction < GETTING_FULL_FRACTION

    def describe(self) -> str:
        """E.g. "12 MB free of 3.6 GB (0%)"."""
        return f"{_size(self.free)} free of {_size(self.total)} ({self.fraction:.0%})"


def measure(path: Path | str,
            statvfs: Callable[[str], Any] = os.statvfs) -> DiskSpace:
    """The space on the filesystem holding ``path``; raises ``OSError``."""
    st = statvfs(str(path))
    return DiskSpace(free=st.f_bavail * st.f_frsize, total=st.f_blocks * st.f_frsize)


def _size(n: float) -> str:
    if n >= 10 * 1024**3:
        return f"{n / 1024**3:.0f} GB"
    return f"{n / 1024**2:.0f} MB"
