"""The state directory: the journal, the roster cache, the published runtime
state and the drainer lock live here. Nothing in it is world-readable."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class StateDirError(Exception):
    """The state directory cannot be used; the message says what to do."""


def prepare(path: Path | str, create: bool = True) -> Path:
    """Make sure ``path`` exists (mode 0700 when created) and is writable."""
    p = Path(path)
    if create:
        try:
            p.mkdir(mode=0o700, parents=True, exist_ok=True)
        except PermissionError:
            raise StateDirError(
                f"{p}: cannot create the state directory (permission denied). Create it and "
                "give it to the agent's user, or pass --state-dir DIR."
            ) from None
        except OSError as exc:
            raise StateDirError(
                f"{p}: cannot create the state directory: {exc.strerror}.") from None
    if not p.is_dir():
        raise StateDirError(f"{p}: not a directory. Pass --state-dir DIR or fix state_dir.")
    if not os.access(p, os.W_OK | os.X_OK):
        raise StateDirError(
            f"{p}: the state directory is not writable by this user (uid {os.getuid()}). "
            "Fix its owner/permissions, or run as the agent's user."
        )
    return p


def world_readable(path: Path) -> bool:
    """True when others may read ``path`` (the token or the journal must not be)."""
    try:
        return bool(path.stat().st_mode & stat.S_IROTH)
    except OSError:
        return False
