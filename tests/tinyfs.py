"""A tiny real filesystem for disk-full tests: a size-limited tmpfs mounted by
the test (root only; elsewhere the test is skipped with that reason, and in CI, which
runs as root, it fails: ``tests.support.not_here``)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.support import not_here


@contextlib.contextmanager
def tiny_filesystem(where: Path, size: str = "1m") -> Iterator[Path]:
    """Mount a tmpfs of ``size`` at ``where``; unmount afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        not_here("mounting a tiny tmpfs needs root (CI runs as root)")
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                          str(where)], capture_output=True, text=True)
    if res.returncode != 0:
        not_here(f"cannot mount a tmpfs here: {res.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(directory: Path, name: str = "ballast") -> Path:
    """Fill the filesystem holding ``directory`` to the last byte."""
    path = directory / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (65536, 4096, 1):
            try:
                while os.write(fd, b"\0" * size) == size:
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    return path
