"""The state directory: the journal, the roster cache, the published runtime
state and the drainer lock live here. Nothing in it is world-readable.

Whatever opens the state for writing (``agent run``, ``agent sync``,
``agent register import``) goes through ``prepare``, which refuses a
directory open to other users or owned by another user, and
``check_token_file`` refuses the hub token on the same terms: the journal
holds who ate what, the token lets its holder post sales as this till.
"""

from __future__ import annotations

import os
import pwd
import stat
from dataclasses import dataclass
from pathlib import Path


class StateDirError(Exception):
    """The state directory cannot be used; the message says what to do."""


class UnsafePermissions(StateDirError):
    """A private file or directory is open to other users or owned by
    another user; the one-line message gives the command that fixes it."""


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
    check_private(p, "the state directory")
    return p


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def private_problem(path: Path | str, what: str, uid: int | None = None) -> str | None:
    """Why ``path`` is not private to the user ``uid`` (default: this
    process's), in one line ending with the command that fixes it; None when
    it is owned by that user and gives group and others no access at all."""
    p = Path(path)
    st = p.stat()
    me = os.geteuid() if uid is None else uid
    if st.st_uid != me:
        owner, agent = _user(st.st_uid), _user(me)
        return (f"{p}: {what} belongs to {owner}, but the agent runs as {agent}: run it as "
                f"{owner} (`sudo -u {owner} agent ...`) or give it to {agent} "
                f"(`sudo chown -R {agent}: {p}`).")
    if st.st_mode & 0o077:
        mode = "700" if p.is_dir() else "600"
        return (f"{p}: {what} is open to other users (mode {stat.S_IMODE(st.st_mode):04o}): "
                f"run `chmod {mode} {p}`.")
    return None


def check_private(path: Path | str, what: str) -> None:
    """Raise UnsafePermissions unless ``path`` is private to this process's
    user (``private_problem``)."""
    problem = private_problem(path, what)
    if problem:
        raise UnsafePermissions(problem)


def check_token_file(path: Path | str | None) -> None:
    """Refuse the hub token file when others could read it or it is not
    this user's. A missing file is left to the sync's own error (the agent
    still takes sales without a hub)."""
    if not path or not Path(path).exists():
        return
    check_private(path, "the hub token file")


def world_readable(path: Path) -> bool:
    """True when others may read ``path`` (the token or the journal must not be)."""
    try:
        return bool(path.stat().st_mode & stat.S_IROTH)
    except OSError:
        return False



AGENT_USER = "till-agent"


@dataclass
class ReadProblem:
    """Why the state directory cannot be read: ``kind`` is "missing",
    "not_dir", "closed" (this user may not read it) or "error"; ``message``
    is one line for people, saying what to do."""

    kind: str
    message: str


def read_problem(path: Path | str, command: str = "agent status") -> ReadProblem | None:
    """None when this process can read the state directory ``path`` and the
    agent's files in it, else why, saying how to run ``command`` instead.
    Read-only: creates and changes nothing."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return ReadProblem("missing", f"{p}: no such state directory (nothing has run here). "
                           "Pass --state-dir DIR or fix state_dir in the config.")
    except PermissionError:
        st = None  # a parent is closed to this user: the same answer as below
    except OSError as exc:
        return ReadProblem("error", f"{p}: cannot use the state directory: "
                           f"{exc.strerror or exc}.")
    if st is not None and not stat.S_ISDIR(st.st_mode):
        return ReadProblem("not_dir", f"{p}: not a directory. Pass --state-dir DIR or fix "
                           "state_dir in the config.")
    closed = st is None or not os.access(p, os.R_OK | os.X_OK)
    if not closed:
        try:
            # The agent's files are its own (mode 0600): one this user cannot read means
            # the directory is someone else's, whatever the directory's own mode says.
            closed = any(e.is_file() and not os.access(e.path, os.R_OK) for e in os.scandir(p))
        except OSError:
            closed = True
    if not closed:
        return None
    return ReadProblem("closed", f"cannot read the state directory {p} as {_user_name()} "
                       f"(uid {os.getuid()}): run it as the agent's user, e.g. "
                       f"`sudo -u {AGENT_USER} {command}`")


def require_readable(path: Path | str, command: str = "agent status") -> Path:
    """``path`` when this process can read the state directory, else
    StateDirError with ``read_problem``'s one line."""
    problem = read_problem(path, command)
    if problem:
        raise StateDirError(problem.message)
    return Path(path)


def _user_name() -> str:
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return "this user"
