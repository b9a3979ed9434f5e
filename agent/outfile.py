"""Files the commands write for staff (``--out``, ``--bundle``): registers,
exports and support bundles hold pupil ids and names, so every one is

* private: created mode 0600 (readable by the agent's user only);
* atomic: written to a temporary file in the target's directory, flushed to
  disk (fsync), then renamed over the target, so a reader never sees half a
  file and a failure leaves any earlier file as it was;
* never written through a symbolic link: a link at the target is refused
  (someone who can plant a link could otherwise point the export at a file
  of their choosing).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


class OutFileError(OSError):
    """The target cannot be written safely; ``strerror`` says why."""


def _check_target(path: Path) -> None:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise OutFileError(errno.ELOOP, "it is a symbolic link: refusing to write through it "
                           "(remove the link or choose another file)", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise OutFileError(errno.EEXIST, "it exists and is not a regular file", str(path))


@contextlib.contextmanager
def private_file(path: Path | str, mode: str = "w", **open_kw: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` (mode 0600) for writing; when the
    block ends without an exception, fsync it and rename it over ``path``.
    On an exception the temporary file is removed and ``path`` is untouched.
    ``mode`` is ``"w"`` (text; ``encoding`` defaults to UTF-8) or ``"wb"``."""
    target = Path(path)
    _check_target(target)
    if "b" not in mode:
        open_kw.setdefault("encoding", "utf-8")
    # mkstemp creates the file 0600 and O_EXCL, whatever the umask.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                               dir=target.parent)
    try:
        with os.fdopen(fd, mode, **open_kw) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _check_target(target)  # a link planted while we wrote is refused too
        os.replace(tmp, target)  # replaces a link itself, never follows it
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # The rename is durable once the directory is; some filesystems refuse.
    with contextlib.suppress(OSError):
        fsync_dir(target.parent)


def write_private(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` privately and atomically (see the module)."""
    if isinstance(data, bytes):
        with private_file(path, "wb") as f:
            f.write(data)
    else:
        with private_file(path, "w", newline="") as f:
            f.write(data)


def fsync_dir(directory: Path) -> None:
    """Make the entries of ``directory`` durable (a file made or renamed in
    it). OSError: the file system refused."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
