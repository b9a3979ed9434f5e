"""The roster cache's card-hashing key: ``roster.key`` beside the cache.

This till's secret for the keyed hashes its cards are kept as
(``sync.roster_schema.card_hash``): 32 random bytes, made on first use with
mode 0600, and refused when anyone else may read it. The key is only useful
on this till; whether the cache was hashed with it is the store's question
(``sync.roster_store``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE = "roster.key"
KEY_BYTES = 32


class RosterKeyError(Exception):
    """The key cannot be made or read; the message says what to do."""


def load_or_make_key(path: Path) -> bytes:
    """The key in ``path``, made there first (0600, fsynced) when there is
    none. ``RosterKeyError`` when it cannot be made or is not a usable key."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return read_key(path)
    except OSError as exc:
        raise RosterKeyError(f"{path}: cannot create the roster key ({exc.strerror}); the "
                             "state directory must be writable by the agent's user") from None
    secret = secrets.token_bytes(KEY_BYTES)
    try:
        os.write(fd, secret)
        os.fsync(fd)
    finally:
        os.close(fd)
    return secret


def read_key(path: Path) -> bytes:
    """The key in ``path``: a file of ``KEY_BYTES`` bytes that only its owner
    may read (not followed through a link)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        raise RosterKeyError(f"{path}: the roster key cannot be read ({exc.strerror}); it "
                             "must be a file owned by the agent's user, mode 0600") from None
    try:
        st = os.fstat(fd)
        if st.st_mode & 0o077:
            raise RosterKeyError(f"{path}: the roster key is readable by others "
                                 f"(mode {st.st_mode & 0o777:04o}); `chmod 0600` it")
        secret = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(secret) != KEY_BYTES:
        raise RosterKeyError(f"{path}: not a roster key ({len(secret)} bytes, not "
                             f"{KEY_BYTES}); delete it (the cache is rebuilt by the next pull)")
    return secret
